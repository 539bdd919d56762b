package shapes

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ldfix/ldfix/fixer/jsonpos"
)

// TestLocateAgrees holds locate, which places one error by walking its
// path, to the full path map normalize records: for every path of every
// node of the golden cases and the corpus, and for paths one step past
// them, both give the same pointer.
func TestLocateAgrees(t *testing.T) {
	var docs []*jsonpos.Doc
	files, _ := filepath.Glob(filepath.Join(googleDir, "*.json"))
	files = append(files, mustGlob(t, filepath.Join(exampleDir, "*.json"))...)
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if d, err := jsonpos.Parse(data); err == nil {
			docs = append(docs, d)
		}
	}
	for _, s := range gateEdgeCases {
		docs = append(docs, parse(t, s))
	}
	if !testing.Short() {
		docs = append(docs, corpusBlocksIfPresent(t)...)
	}
	resolve := func(id string) map[string]any {
		if id == "#elsewhere" {
			return map[string]any{"@type": "Thing", "name": "x"}
		}
		return nil
	}
	depth := embedded(t).depth
	checked := 0
	for _, d := range docs {
		w := newWalker(d, resolve)
		for _, n := range w.nodes {
			for _, mode := range []struct {
				depth int
				wrap  bool
			}{{depth, true}, {maxCustomDepth, false}, {1, true}} {
				pm := pathMap{}
				w.normalize(n.obj, n.ptr, "(root)", mode.depth, 0, pm, mode.wrap)
				for path := range pm {
					tokens := strings.Split(path, sep)
					for _, probe := range [][]string{tokens, append(tokens[:len(tokens):len(tokens)], "0"), append(tokens[:len(tokens):len(tokens)], "name")} {
						want := pm.pointer(probe)
						if got := w.locate(n.obj, n.ptr, probe, mode.depth, mode.wrap); got != want {
							t.Fatalf("node %q, path %q (depth %d, wrap %v): locate = %q, path map = %q", n.ptr, probe, mode.depth, mode.wrap, got, want)
						}
						checked++
					}
				}
			}
		}
	}
	t.Logf("%d paths agree", checked)
}

func mustGlob(t *testing.T, pattern string) []string {
	m, err := filepath.Glob(pattern)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// pointer finds the pointer for a context path, or for its nearest
// ancestor the map knows: what locate computes without the map.
func (pm pathMap) pointer(tokens []string) string {
	for i := len(tokens); i > 0; i-- {
		if p, ok := pm[strings.Join(tokens[:i], sep)]; ok {
			return p
		}
	}
	return ""
}

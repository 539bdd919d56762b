package extract

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/ldfix/ldfix/fixer/source"
	"github.com/ldfix/ldfix/fixer/source/sharedtest"
)

// treeBlocks returns the content of every JSON-LD script element that
// golang.org/x/net/html's tree builder (scripting on, as in browsers) puts
// in the document, template contents left out.
func treeBlocks(tb testing.TB, data []byte) []string {
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		tb.Fatal(err)
	}
	var out []string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Namespace == "" {
			switch n.Data {
			case "template":
				return
			case "script":
				for _, a := range n.Attr {
					if a.Key == "type" {
						if scriptType([]byte(a.Val)) == jsonLD {
							var text strings.Builder
							for c := n.FirstChild; c != nil; c = c.NextSibling {
								text.WriteString(c.Data)
							}
							out = append(out, text.String())
						}
						break
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return out
}

// asParsed is block text as the HTML parser hands it over: newlines
// normalised and NUL replaced.
func asParsed(b []byte) string {
	s := strings.ReplaceAll(string(b), "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return strings.ReplaceAll(s, "\x00", "\uFFFD")
}

// TestCorpusMatchesHTMLParser checks Blocks against x/net/html's tree
// builder on every page of the real-world corpus: the same blocks, in
// order, with the same text, and the block count of corpus/STATS.txt.
func TestCorpusMatchesHTMLParser(t *testing.T) {
	total := 0
	rules := map[string]int{}
	for _, p := range sharedtest.Pages(t) {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		blocks, ds := Blocks(source.New(p, data))
		total += len(blocks)
		for _, d := range ds {
			rules[d.Rule]++
			if d.Rule == "X001" || d.Rule == "X011" {
				// STATS.txt: no script is left unclosed in the corpus.
				t.Errorf("%s: %s %s", filepath.Base(p), d.Rule, d.Message)
			}
		}
		var got []string
		for _, b := range blocks {
			got = append(got, asParsed(data[b.Span.Start:b.Span.End]))
		}
		want := treeBlocks(t, data)
		if len(got) != len(want) {
			t.Errorf("%s: %d blocks, x/net/html finds %d", filepath.Base(p), len(got), len(want))
			continue
		}
		for i := range got {
			if got[i] != want[i] {
				t.Errorf("%s: block %d differs from x/net/html's:\n got %.200q\nwant %.200q", filepath.Base(p), i, got[i], want[i])
			}
		}
	}
	t.Logf("findings by rule: %v", rules)
	if total != 1034 {
		t.Errorf("corpus holds %d blocks, STATS.txt counts 1034", total)
	}
}

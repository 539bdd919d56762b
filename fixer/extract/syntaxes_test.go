package extract

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/ldfix/ldfix/fixer/source"
	"github.com/ldfix/ldfix/fixer/source/sharedtest"
)

// differsFile lists the schema.org examples whose editors wrote the
// microdata or RDFa version with other types or properties than the
// JSON-LD one, each with the reason.
const differsFile = "../../testdata/microdata/syntaxes-differ.txt"

// TestSyntaxesAgree reads every schema.org example written in the three
// syntaxes and holds the items of its microdata and RDFa pages to the
// types and property paths of its JSON-LD page, and the values to its
// values with whitespace normalised. An example listed in differsFile must
// differ (so the list stays true) and every other one must agree. The
// share of JSON-LD property paths found over all examples, the listed
// ones included, is logged and held above its measured floor: what is
// missing is in the listed examples, where the editors wrote the versions
// differently.
func TestSyntaxesAgree(t *testing.T) {
	dir := sharedtest.Dir(t, "schemaorg/syntaxes")
	differs := readDiffers(t)
	ids := exampleIDs(t, dir)
	for _, syn := range []Syntax{Microdata, RDFa} {
		var want, found, wantVals, foundVals int
		for _, id := range ids {
			ld, err := os.ReadFile(filepath.Join(dir, id+".jsonld.html"))
			if err != nil {
				t.Fatal(err)
			}
			other, err := os.ReadFile(filepath.Join(dir, id+"."+string(syn)+".html"))
			if os.IsNotExist(err) {
				continue
			} else if err != nil {
				t.Fatal(err)
			}
			wantPaths, wantValues := jsonLDPaths(t, id, ld)
			gotPaths, gotValues := itemPaths(t, id, syn, other)
			f, fv := overlap(wantPaths, gotPaths), overlap(wantValues, gotValues)
			want, found, wantVals, foundVals = want+len(wantPaths), found+f, wantVals+len(wantValues), foundVals+fv
			same := f == len(wantPaths) && len(gotPaths) == len(wantPaths)
			key := id + " " + string(syn)
			switch _, listed := differs[key]; {
			case !same && !listed:
				t.Errorf("%s: paths differ from the JSON-LD page:\n%s", key, pathDiff(wantPaths, gotPaths))
			case same && listed:
				t.Errorf("%s is listed in %s but agrees with the JSON-LD page: remove it", key, differsFile)
			}
		}
		pct := 100 * float64(found) / float64(max(want, 1))
		t.Logf("%s: %d of %d JSON-LD property paths found (%.1f%%); values %d of %d (%.1f%%)",
			syn, found, want, pct, foundVals, wantVals, 100*float64(foundVals)/float64(max(wantVals, 1)))
		if floor := map[Syntax]float64{Microdata: 88, RDFa: 90}[syn]; pct < floor {
			t.Errorf("%s: only %.1f%% of property paths found, want at least %.0f%%", syn, pct, floor)
		}
	}
}

func exampleIDs(t *testing.T, dir string) []string {
	files, err := filepath.Glob(filepath.Join(dir, "*.jsonld.html"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no examples in %s: %v", dir, err)
	}
	var ids []string
	for _, f := range files {
		ids = append(ids, strings.TrimSuffix(filepath.Base(f), ".jsonld.html"))
	}
	sort.Strings(ids)
	return ids
}

// readDiffers reads lines "eg-0001 microdata: reason"; # starts a comment.
func readDiffers(t *testing.T) map[string]string {
	f, err := os.Open(differsFile)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		key, reason, ok := strings.Cut(line, ":")
		if !ok || strings.TrimSpace(reason) == "" {
			t.Fatalf("%s: line %q has no reason", differsFile, line)
		}
		out[strings.TrimSpace(key)] = strings.TrimSpace(reason)
	}
	return out
}

// jsonLDPaths reads the JSON-LD blocks of an example page.
func jsonLDPaths(t *testing.T, id string, data []byte) (paths, values []string) {
	f := source.New(id+".jsonld.html", data)
	blocks, _ := Blocks(f)
	for _, b := range blocks {
		var v any
		if err := json.Unmarshal(f.Text(b.Span), &v); err != nil {
			t.Fatalf("%s: JSON-LD block does not parse: %v", id, err)
		}
		collectPaths(v, "", &paths, &values)
	}
	return paths, values
}

func itemPaths(t *testing.T, id string, syn Syntax, data []byte) (paths, values []string) {
	f := source.New(id+"."+string(syn)+".html", data)
	for _, it := range Scan(f).Items {
		if it.Syntax != syn {
			continue
		}
		var v any
		if err := json.Unmarshal(it.Text, &v); err != nil {
			t.Fatalf("%s: item JSON does not parse: %v\n%s", id, err, it.Text)
		}
		collectPaths(v, "", &paths, &values)
	}
	return paths, values
}

// collectPaths adds a path per type and per property value of the nodes
// in v: "Person", "Person.address{PostalAddress}",
// "Person.address{PostalAddress}.postalCode", and the values of literal
// properties with whitespace collapsed.
func collectPaths(v any, at string, paths, values *[]string) {
	switch x := v.(type) {
	case []any:
		for _, e := range x {
			collectPaths(e, at, paths, values)
		}
	case map[string]any:
		if g, ok := x["@graph"]; ok {
			collectPaths(g, at, paths, values)
		}
		// The editors write a second type of a microdata item as
		// additionalType, which a JSON-LD @type list says directly.
		ts := x["@type"]
		each(x["additionalType"], func(e any) {
			if s, ok := e.(string); ok && (schemaOrg(s) != "" || !strings.Contains(s, ":")) {
				ts = append(toList(ts), s)
			}
		})
		here := at + "{" + typesOf(ts) + "}"
		*paths = append(*paths, here)
		for k, val := range x {
			if strings.HasPrefix(k, "@") || shortName(k) == "additionalType" {
				continue
			}
			p := here + "." + shortName(k)
			each(val, func(e any) {
				if m, ok := e.(map[string]any); ok {
					if _, isValue := m["@value"]; isValue {
						e = m["@value"]
					} else if _, typed := m["@type"]; typed || len(m) > 1 {
						collectPaths(m, p, paths, values)
						return
					} else if id, ok := m["@id"].(string); ok {
						e = id
					}
				}
				*paths = append(*paths, p)
				*values = append(*values, p+"="+collapse(fmt.Sprint(e)))
			})
		}
	}
}

func toList(v any) []any {
	var out []any
	each(v, func(e any) { out = append(out, e) })
	return out
}

func each(v any, fn func(any)) {
	if a, ok := v.([]any); ok {
		for _, e := range a {
			each(e, fn)
		}
		return
	}
	fn(v)
}

func typesOf(v any) string {
	var ts []string
	each(v, func(e any) {
		if s, ok := e.(string); ok {
			ts = append(ts, shortName(s))
		}
	})
	slices.Sort(ts)
	return strings.Join(ts, "|")
}

func shortName(s string) string {
	s = strings.TrimPrefix(s, "schema:")
	if n := schemaOrg(s); n != "" {
		return n
	}
	return s
}

// overlap counts the members of want found in got, as multisets.
func overlap(want, got []string) int {
	count := map[string]int{}
	for _, g := range got {
		count[g]++
	}
	n := 0
	for _, w := range want {
		if count[w] > 0 {
			count[w]--
			n++
		}
	}
	return n
}

func pathDiff(want, got []string) string {
	count := map[string]int{}
	for _, g := range got {
		count[g]++
	}
	var b strings.Builder
	for _, w := range want {
		if count[w] > 0 {
			count[w]--
		} else {
			fmt.Fprintf(&b, "  only in JSON-LD: %s\n", w)
		}
	}
	var extra []string
	for g, n := range count {
		for ; n > 0; n-- {
			extra = append(extra, g)
		}
	}
	slices.Sort(extra)
	for _, g := range extra {
		fmt.Fprintf(&b, "  only in markup:  %s\n", g)
	}
	return b.String()
}

package schema_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/ldfix/ldfix/fixer/diag"
	"github.com/ldfix/ldfix/fixer/source"
	"github.com/ldfix/ldfix/schema"
)

// samePair lists the rule pairs that judged one value twice on the corpus:
// the first is the one that must speak for it.
var samePair = [][2]string{{"G010", "V014"}, {"G012", "V014"}, {"G013", "V014"}, {"V010", "G017"}, {"V015", "G014"}}

func finding(rule string, start int, ptr string) diag.Diagnostic {
	return diag.Diagnostic{Rule: rule, Block: 0, Span: source.Span{Start: start, End: start + 5}, Pointer: ptr}
}

func rulesOf(ds []diag.Diagnostic) []string {
	var out []string
	for _, d := range ds {
		out = append(out, fmt.Sprintf("%s@%d", d.Rule, d.Span.Start))
	}
	return out
}

func TestDedupe(t *testing.T) {
	tests := []struct {
		name string
		in   []diag.Diagnostic
		want []string
	}{
		{"date judged by both", []diag.Diagnostic{finding("V014", 10, "/datePublished"), finding("G010", 10, "/datePublished")}, []string{"G010@10"}},
		{"V014 alone stays", []diag.Diagnostic{finding("V014", 10, "/datePublished")}, []string{"V014@10"}},
		{"another value stays", []diag.Diagnostic{finding("V014", 10, "/datePublished"), finding("G010", 30, "/dateModified")}, []string{"V014@10", "G010@30"}},
		{"same span, other block", []diag.Diagnostic{finding("V014", 10, "/a"), {Rule: "G010", Block: 1, Span: source.Span{Start: 10, End: 15}, Pointer: "/a"}}, []string{"V014@10", "G010@10"}},
		{"unknown type over Google's types", []diag.Diagnostic{finding("G017", 4, "/author/@type"), finding("V010", 4, "/author/@type")}, []string{"V010@4"}},
		{"enumeration over Google's values", []diag.Diagnostic{finding("G014", 4, "/availability"), finding("V015", 4, "/availability")}, []string{"V015@4"}},
		{"Google's values alone stay", []diag.Diagnostic{finding("G014", 4, "/availability")}, []string{"G014@4"}},
		{"unrelated rules at one place stay", []diag.Diagnostic{finding("V013", 4, "/x"), finding("G003", 4, "/x")}, []string{"V013@4", "G003@4"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := rulesOf(schema.Dedupe(slices.Clone(tt.in)))
			if !slices.Equal(got, tt.want) {
				t.Errorf("Dedupe = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestDedupeCorpus checks on the real pages that no value is reported by
// both rules of a pair, and that the only findings Dedupe removes are the
// second of such a pair: every other finding is kept, in order.
func TestDedupeCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("corpus run skipped in -short mode")
	}
	pages := loadCorpus(t)
	v := newValidator(t, schema.Options{})
	removed := map[string]int{}
	total, kept := 0, 0
	for _, p := range pages {
		raw := v.Validate(p.blocks)
		out := schema.Dedupe(slices.Clone(raw))
		total += len(raw)
		kept += len(out)
		type place struct {
			block, start, end int
			ptr               string
		}
		at := func(d diag.Diagnostic) place { return place{d.Block, d.Span.Start, d.Span.End, d.Pointer} }
		rules := map[place][]string{}
		for _, d := range out {
			rules[at(d)] = append(rules[at(d)], d.Rule)
		}
		for _, pr := range samePair {
			for pl, rs := range rules {
				if slices.Contains(rs, pr[0]) && slices.Contains(rs, pr[1]) {
					t.Errorf("%s: %s and %s both report %s", p.file.Name, pr[0], pr[1], pl.ptr)
				}
			}
		}
		// out is raw with some findings left out; each one left out has
		// its pair's first rule kept at the same place.
		i := 0
		for _, d := range raw {
			if i < len(out) && equalFinding(out[i], d) {
				i++
				continue
			}
			ok := slices.ContainsFunc(samePair, func(pr [2]string) bool {
				return pr[1] == d.Rule && slices.Contains(rules[at(d)], pr[0])
			})
			if !ok {
				t.Errorf("%s: %s at %s %q was dropped without a more specific finding there", p.file.Name, d.Rule, d.Pointer, d.Message)
			}
			removed[d.Rule]++
		}
		if i != len(out) {
			t.Errorf("%s: Dedupe changed or reordered findings", p.file.Name)
		}
	}
	// The corpus holds dozens of each of the common pairs; a pass that
	// found none would hide a change in the pointers of either side.
	if removed["V014"] < 40 || removed["G017"] < 5 {
		t.Errorf("removed %v; want at least 40 V014 and 5 G017", removed)
	}
	t.Logf("findings %d → %d; removed by rule: %v", total, kept, removed)
}

func equalFinding(a, b diag.Diagnostic) bool {
	return a.Rule == b.Rule && a.Span == b.Span && a.Pointer == b.Pointer && a.Message == b.Message && a.Block == b.Block
}

package shapes

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/ldfix/ldfix/fixer/diag"
	"github.com/ldfix/ldfix/fixer/jsonpos"
)

// TestRequiredPropertiesAreEnforced walks every required property of every
// entity of every feature Google still shows, removes it from the
// feature's complete example and expects exactly one error for the
// feature, naming the property. The complete examples pass clean
// (TestEveryFeatureHasCases), so the error can only come from the removal.
func TestRequiredPropertiesAreEnforced(t *testing.T) {
	s := embedded(t)
	checked := 0
	for _, f := range s.features {
		if !f.active() {
			continue
		}
		path := filepath.Join(googleDir, f.ID+".ok.json")
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := jsonpos.Parse(data)
		if err != nil {
			t.Fatal(err)
		}
		if len(s.newChecker(doc, nil).roots(f)) == 0 {
			t.Errorf("%s: the complete example has no %v node", f.ID, f.RootTypes[:min(3, len(f.RootTypes))])
			continue
		}
		checked += enforceRequired(t, s, f, doc, f.ID)
	}
	if checked < 50 {
		t.Errorf("only %d required properties were walked; the complete examples lost coverage", checked)
	}
}

// enforceRequired removes, one at a time, each required property of each
// node the feature checks in doc, and expects exactly one error for the
// feature naming it. It returns how many properties it walked.
func enforceRequired(t *testing.T, s *Set, f *feature, doc *jsonpos.Doc, label string) int {
	c := s.newChecker(doc, nil)
	roots := c.roots(f)
	checked := 0
	for _, e := range f.entities {
		for _, n := range c.entityNodes(e, roots) {
			for _, p := range e.Props {
				if p.Level != "required" || p.InGroup || strings.HasPrefix(p.Name, "@") || c.waived(&p, n) {
					continue
				}
				name := fmt.Sprintf("%s/%s%s#%s", label, e.ID, n.ptr, p.Name)
				t.Run(name, func(t *testing.T) {
					out, ok := without(t, doc.Value, n.ptr, p.Name)
					if !ok {
						t.Skipf("%s is not written inline at %s", p.Name, n.ptr)
					}
					if !stillApplies(s, f, out, n.ptr) {
						t.Skipf("without %s the node is no longer a %s candidate", p.Name, f.Name)
					}
					var errs []Finding
					for _, x := range s.Check(out, nil) {
						// A feature capped at info (the site name)
						// reports the hole as advice.
						if x.Feature == f.Name && (x.Severity == diag.Error || f.Severity == "info" && x.Rule == ruleRequired) {
							errs = append(errs, x)
						}
					}
					// In a group of alternatives (a carousel's summary or
					// all-in-one ListItem), the hole may make another
					// alternative the best fit, which names its own.
					named := len(errs) == 1 && strings.Contains(errs[0].Message, strconv.Quote(p.Name))
					if !named && !(e.Group != "" && len(errs) == 1 && errs[0].Pointer == n.ptr) {
						t.Errorf("removing %q from %s: want one error naming it, got:\n%s", p.Name, n.ptr, render(errs))
					}
				})
				checked++
			}
		}
	}
	return checked
}

// without returns a copy of the document with the dotted property removed
// from the node at ptr, following the first value at each step.
func without(t *testing.T, v any, ptr, dotted string) (*jsonpos.Doc, bool) {
	t.Helper()
	b, _ := json.Marshal(v)
	var cp any
	_ = json.Unmarshal(b, &cp)
	cur := cp
	for _, tok := range jsonpos.Split(ptr) {
		switch x := cur.(type) {
		case map[string]any:
			cur = x[tok]
		case []any:
			i, _ := strconv.Atoi(tok)
			cur = x[i]
		}
	}
	segs := strings.Split(dotted, ".")
	for _, seg := range segs[:len(segs)-1] {
		m, ok := cur.(map[string]any)
		if !ok {
			return nil, false
		}
		cur = m[seg]
		if arr, ok := cur.([]any); ok && len(arr) > 0 {
			cur = arr[0]
		}
	}
	m, ok := cur.(map[string]any)
	if !ok || isRef(m) {
		return nil, false
	}
	if _, ok := m[segs[len(segs)-1]]; !ok {
		return nil, false
	}
	delete(m, segs[len(segs)-1])
	b, _ = json.Marshal(cp)
	doc, err := jsonpos.Parse(b)
	if err != nil {
		t.Fatal(err)
	}
	return doc, true
}

// stillApplies reports whether the node at ptr is still checked by the
// feature after the removal: its root is still a root. Taking away what a
// gate looks at (a Product's offers) makes the node another feature's
// business, not a missing property.
func stillApplies(s *Set, f *feature, doc *jsonpos.Doc, ptr string) bool {
	c := s.newChecker(doc, nil)
	for _, r := range c.roots(f) {
		if ptr == r.ptr || strings.HasPrefix(ptr, r.ptr+"/") {
			return true
		}
	}
	return false
}

// TestOneOfGroupsAreEnforced removes every alternative of each required
// one-of group from the complete examples and expects one G003 error for
// the node.
func TestOneOfGroupsAreEnforced(t *testing.T) {
	s := embedded(t)
	checked := 0
	for _, f := range s.features {
		if !f.active() {
			continue
		}
		data, err := os.ReadFile(filepath.Join(googleDir, f.ID+".ok.json"))
		if err != nil {
			t.Fatal(err)
		}
		doc, err := jsonpos.Parse(data)
		if err != nil {
			t.Fatal(err)
		}
		c := s.newChecker(doc, nil)
		roots := c.roots(f)
		for _, e := range f.entities {
			for _, n := range c.entityNodes(e, roots) {
				for gi, g := range e.oneOf {
					if g.Level != "required" {
						continue
					}
					t.Run(fmt.Sprintf("%s/%s%s#%d", f.ID, e.ID, n.ptr, gi), func(t *testing.T) {
						out := doc
						for _, alt := range g.Alternatives {
							for _, p := range alt {
								// "priceSpecification.price" goes with its
								// parent, or the parent's own entity
								// reports the hole as well; a parent the
								// entity lists itself ("shippingRate")
								// stays.
								if top, _, _ := strings.Cut(p, "."); e.props[top] == nil {
									p = top
								}
								if d, ok := without(t, out.Value, n.ptr, p); ok {
									out = d
								}
							}
						}
						if !stillApplies(s, f, out, n.ptr) {
							t.Skip("without the group the node is no longer a candidate")
						}
						var errs []Finding
						for _, x := range s.Check(out, nil) {
							if x.Feature == f.Name && x.Severity == diag.Error {
								errs = append(errs, x)
							}
						}
						if len(errs) != 1 || errs[0].Rule != ruleOneOf || errs[0].Pointer != n.ptr {
							t.Errorf("removing %v from %s: want one %s error, got:\n%s", g.Alternatives, n.ptr, ruleOneOf, render(errs))
						}
					})
					checked++
				}
			}
		}
	}
	if checked < 10 {
		t.Errorf("only %d one-of groups were walked", checked)
	}
}

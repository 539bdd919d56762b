package shapes

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/ldfix/ldfix/fixer/diag"
	"github.com/ldfix/ldfix/fixer/jsonpos"
)

// Item is one rich-result item of a block, as the Rich Results Test lists
// it: a node that a feature applies to, and Google's verdict on it.
type Item struct {
	Feature   string // the feature's name
	FeatureID string
	URL       string // the feature's Google documentation page
	Pointer   string // the item's node in the block
	Type      string // the @type that made it an item
	Status    Status
	// Reasons are the messages of the errors that make the item not
	// eligible, or of the warnings.
	Reasons []string
	// Missing lists the recommended properties the item lacks.
	Missing []string
}

// Status is an item's eligibility for its rich result.
type Status string

const (
	Eligible             Status = "eligible"
	EligibleWithWarnings Status = "eligible with warnings"
	NotEligible          Status = "not eligible"
)

// CheckItems checks the block as Check does and also returns its items,
// in document order, each with its verdict.
func (s *Set) CheckItems(doc *jsonpos.Doc, resolve func(id string) map[string]any) ([]Finding, []Item) {
	if s == nil || doc == nil {
		return nil, nil
	}
	c := s.run(doc, resolve)
	items := c.items
	slices.SortStableFunc(items, func(a, b Item) int { return strings.Compare(a.Pointer, b.Pointer) })
	return sortFindings(mergeRecommended(c.out)), items
}

// verdicts judges each root of f by the findings made on it and the
// nodes below it. A root that none of the feature's entities reached (a
// WebPage without a speakable part) is not an item of the feature. Each
// finding and checked node is matched to its roots through the prefixes
// of its pointer, so a catalogue of thousands of items costs its size.
func (c *checker) verdicts(f *feature, roots []*node, checked []string, fs []Finding) []Item {
	at := make(map[string]int, len(roots)) // root pointer → index in items
	items := make([]Item, len(roots))
	reached := make([]bool, len(roots))
	for i, r := range roots {
		at[r.ptr] = i
		items[i] = Item{Feature: f.Name, FeatureID: f.ID, URL: f.DocURL, Pointer: r.ptr, Type: typeOf(r, &entity{types: f.rootTypes}), Status: Eligible}
	}
	// rootsOf calls fn with each root that ptr is at or below.
	rootsOf := func(ptr string, fn func(i int)) {
		for p := ptr; ; {
			if i, ok := at[p]; ok {
				fn(i)
			}
			j := strings.LastIndexByte(p, '/')
			if j < 0 {
				return
			}
			p = p[:j]
		}
	}
	for _, p := range checked {
		rootsOf(p, func(i int) { reached[i] = true })
	}
	errs := make([][]string, len(roots))
	warns := make([][]string, len(roots))
	for _, x := range fs {
		// The verdict names its feature once; its reasons need not.
		msg := strings.TrimSuffix(x.Message, " "+f.suffix())
		rootsOf(x.Pointer, func(i int) {
			it := &items[i]
			switch {
			case x.Severity == diag.Error:
				errs[i] = append(errs[i], msg)
			case x.Rule == ruleRecommended:
				for _, p := range x.Properties {
					if x.Pointer != it.Pointer {
						p = x.typ + "." + p // a part of the item: "Offer.priceValidUntil"
					}
					if !slices.Contains(it.Missing, p) {
						it.Missing = append(it.Missing, p)
					}
				}
			case x.Severity == diag.Warning:
				warns[i] = append(warns[i], msg)
			}
		})
	}
	var out []Item
	for i, it := range items {
		if !reached[i] {
			continue
		}
		switch {
		case len(errs[i]) > 0:
			it.Status, it.Reasons = NotEligible, errs[i]
		case len(warns[i]) > 0 || len(it.Missing) > 0:
			it.Status, it.Reasons = EligibleWithWarnings, warns[i]
		}
		out = append(out, it)
	}
	return out
}

// recGroups folds, as a feature's findings are made, the missing
// recommended properties of one node into one finding per node, naming
// them all: a minimal Organization lacks twenty, which is one piece of
// advice, not twenty. Folding them as they come, rather than once all are
// made, keeps a catalogue's thousands of products from holding a finding
// per missing property each.
type recGroups struct {
	f     *feature
	out   []Finding
	first map[string]int // pointer → index in out of its G002 finding
	// names and suffixes are shared by the feature's G002 findings: their
	// length is their capacity, so mergeRecommended's appends copy them.
	names, suffixes []string
}

func newRecGroups(f *feature) *recGroups {
	return &recGroups{f: f, first: map[string]int{}, names: []string{f.Name}, suffixes: []string{f.suffix()}}
}

// add takes findings in the order they are made.
func (g *recGroups) add(fs []Finding) {
	for _, x := range fs {
		if x.Rule != ruleRecommended {
			g.out = append(g.out, x)
			continue
		}
		if i, ok := g.first[x.Pointer]; ok {
			at := &g.out[i]
			for _, p := range x.Properties {
				if !slices.Contains(at.Properties, p) {
					at.Properties = append(at.Properties, p)
				}
			}
			at.Severity = max(at.Severity, x.Severity)
			continue
		}
		x.suffixes, x.names = g.suffixes, g.names
		g.first[x.Pointer] = len(g.out)
		g.out = append(g.out, x)
	}
}

// done returns the findings with the G002 messages written. Nodes of one
// type usually miss the same properties, so each message is made once.
func (g *recGroups) done() []Finding {
	msgs := map[string]string{}
	var key []byte
	for i := range g.out {
		x := &g.out[i]
		if x.Rule != ruleRecommended {
			continue
		}
		slices.Sort(x.Properties)
		key = strconv.AppendInt(key[:0], int64(len(x.typ)), 10)
		key = append(key, ':')
		key = append(key, x.typ...)
		for _, p := range x.Properties {
			key = append(key, 0)
			key = append(key, p...)
		}
		msg, ok := msgs[string(key)]
		if !ok {
			msg = recommendedMessage(*x)
			msgs[string(key)] = msg
		}
		x.Message = msg
	}
	return g.out
}

// mergeRecommended joins the findings of features that miss the same
// recommended properties on one node (a product snippet and a merchant
// listing on a Product): a feature whose missing properties another
// feature's finding already names adds its name to that finding.
func mergeRecommended(fs []Finding) []Finding {
	if len(fs) == 0 {
		return nil
	}
	byPtr := map[string][]int{} // pointer → indexes in out of its G002 findings
	n := 0
	for _, x := range fs {
		if x.Rule == ruleRecommended {
			n++
		}
	}
	out := make([]Finding, 0, len(fs))
	recs := make([]Finding, 0, n)
	for _, x := range fs {
		if x.Rule == ruleRecommended {
			recs = append(recs, x)
		} else {
			out = append(out, x)
		}
	}
	// Larger lists first, so a smaller one finds the list that holds it.
	slices.SortStableFunc(recs, func(a, b Finding) int { return len(b.Properties) - len(a.Properties) })
	for _, x := range recs {
		merged := false
		for _, i := range byPtr[x.Pointer] {
			if holdsAll(out[i].Properties, x.Properties) {
				for j, n := range x.names {
					if !slices.Contains(out[i].names, n) {
						out[i].names = append(out[i].names, n)
						out[i].suffixes = append(out[i].suffixes, x.suffixes[j])
						out[i].Feature += ", " + n
					}
				}
				out[i].Severity = max(out[i].Severity, x.Severity)
				out[i].Message = recommendedMessage(out[i])
				merged = true
				break
			}
		}
		if !merged {
			byPtr[x.Pointer] = append(byPtr[x.Pointer], len(out))
			out = append(out, x)
		}
	}
	return out
}

func holdsAll(set, sub []string) bool {
	for _, p := range sub {
		if !slices.Contains(set, p) {
			return false
		}
	}
	return true
}

func recommendedMessage(x Finding) string {
	what := fmt.Sprintf("recommended property %q is", x.Properties[0])
	if len(x.Properties) > 1 {
		what = "recommended properties " + quoteList(x.Properties) + " are"
	}
	suffix := x.suffixes[0]
	if len(x.names) > 1 {
		suffix = "for the " + quoteList(x.names) + " rich results"
	}
	return fmt.Sprintf("%s missing on type %q %s", what, x.typ, suffix)
}

// quoteList quotes names and joins them: "a", "b" and "c".
func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = fmt.Sprintf("%q", n)
	}
	if len(q) == 1 {
		return q[0]
	}
	return strings.Join(q[:len(q)-1], ", ") + " and " + q[len(q)-1]
}

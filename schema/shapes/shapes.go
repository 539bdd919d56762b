// Package shapes holds Google Search's rich-result requirements as JSON
// Schema shapes, generated, embedded and compiled once, and checks JSON-LD
// nodes against the shapes of the features their types belong to. Users
// add house rules as their own JSON Schema files (LoadDir).
package shapes

import (
	"cmp"
	"slices"
	"strings"
	"sync"

	"github.com/ldfix/ldfix/fixer/diag"
	"github.com/ldfix/ldfix/fixer/jsonpos"
)

// Finding is one G finding, placed by JSON Pointer into the checked block.
type Finding struct {
	Rule     string
	Severity diag.Severity
	Message  string
	// Pointer is the value at fault or, for a missing property, the object
	// that lacks it.
	Pointer string
	Feature string // the feature's name, or names joined by ", "
	URL     string // the feature's Google documentation page
	// Kind is the check a value failed (iso8601_date, url, enum…) and
	// Allowed the values an enum check accepts: what a fix must meet.
	Kind    string
	Allowed []string
	// Properties are the missing properties a G002 finding names.
	Properties []string

	typ             string   // the node's type, for a G002 message
	names, suffixes []string // the features of a G002 finding, for its message
}

// Set is a compiled set of shapes. It is safe for concurrent use.
type Set struct {
	features []*feature
	custom   []*customShape
	depth    int // the deepest path a built-in shape or gate looks at
}

var (
	embeddedOnce sync.Once
	embeddedSet  *Set
	embeddedErr  error
)

// Embedded returns the built-in shapes, compiled on first use.
func Embedded() (*Set, error) {
	embeddedOnce.Do(func() {
		fs, err := loadCatalog(googleJSON)
		embeddedSet, embeddedErr = &Set{features: fs, depth: catalogDepth(fs)}, err
	})
	return embeddedSet, embeddedErr
}

// LoadDir compiles users' shapes from dir and adds them to the built-in ones.
// Each *.json file is a JSON Schema with a top-level "x-ldfix-types" list
// naming the @type values it applies to (see custom.go).
func LoadDir(dir string) (*Set, error) {
	base, err := Embedded()
	if err != nil {
		return nil, err
	}
	custom, err := loadCustomDir(dir)
	if err != nil {
		return nil, err
	}
	return &Set{features: base.features, custom: custom, depth: base.depth}, nil
}

// Check checks every node of doc (one block) against the shapes of its
// types. resolve returns the node an {"@id": …} reference names, across the
// page's blocks, or nil.
func (s *Set) Check(doc *jsonpos.Doc, resolve func(id string) map[string]any) []Finding {
	fs, _ := s.CheckItems(doc, resolve)
	return fs
}

// run makes every finding and item of the block.
func (s *Set) run(doc *jsonpos.Doc, resolve func(id string) map[string]any) *checker {
	c := s.newChecker(doc, resolve)
	for _, f := range s.features {
		if f.active() {
			c.feature(f)
		}
	}
	for _, f := range s.features {
		if !f.active() {
			c.retired(f)
		}
	}
	for _, cs := range s.custom {
		c.custom(cs)
	}
	return c
}

// sortFindings orders findings by pointer, rule and message, and drops
// repeats, keeping the first made: several features and entities may
// check one node. The stable sort puts repeats side by side in the order
// they were made.
func sortFindings(fs []Finding) []Finding {
	slices.SortStableFunc(fs, findingOrder)
	return slices.CompactFunc(fs, func(a, b Finding) bool { return findingOrder(a, b) == 0 })
}

// findingOrder orders findings by pointer, rule and message.
func findingOrder(a, b Finding) int {
	return cmp.Or(strings.Compare(a.Pointer, b.Pointer), strings.Compare(a.Rule, b.Rule), strings.Compare(a.Message, b.Message))
}

func (s *Set) newChecker(doc *jsonpos.Doc, resolve func(id string) map[string]any) *checker {
	return &checker{w: newWalker(doc, resolve), depth: s.depth, claimed: map[string]bool{}}
}

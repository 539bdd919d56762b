// Package vocab is the schema.org vocabulary as ldfix needs it: types with
// their superclasses, properties with domainIncludes and rangeIncludes,
// enumeration members, superseded terms, and the area (core, pending, attic,
// hosted extensions) each term belongs to. The index is generated from a
// schema.org release file into a compact text form and embedded; a newer
// release file can also be read at run time.
package vocab

import (
	_ "embed"
	"slices"
	"strings"
	"sync"
)

//go:generate go run ../internal/gen/vocab -in ../../../shared/schemaorg/schemaorg-all-https.jsonld -out schemaorg.idx -descriptions descriptions.txt

//go:embed schemaorg.idx
var embedded []byte

// Kind says what a term is.
type Kind uint8

const (
	Class Kind = iota + 1
	Property
	Member // an enumeration member or another named instance such as True
)

func (k Kind) String() string {
	switch k {
	case Class:
		return "type"
	case Property:
		return "property"
	case Member:
		return "enumeration member"
	}
	return "term"
}

// Areas that change how a term is reported.
const (
	Core    = ""
	Pending = "pending"
	Attic   = "attic"
)

// Term is one schema.org term, named by its local name ("NewsArticle",
// "datePublished", "InStock").
type Term struct {
	Name string
	Kind Kind
	// Area is "" for core, or the name of the section holding the term:
	// "pending", "attic", "health-lifesci", "bib", "auto", "meta".
	Area string
	// SupersededBy names the term that replaces this one, if any.
	SupersededBy string
	// Parents are the direct superclasses of a class or the types of a
	// member. Names outside schema.org keep their prefix ("cmns-cls:Foo").
	Parents []string
	// Domain and Range are a property's domainIncludes and rangeIncludes.
	Domain, Range []string
	// InverseOf names a property's inverse.
	InverseOf string
	// DataType is set on classes whose values are literals (Text, Number,
	// Date, URL, Duration…): the DataType classes and their subclasses.
	DataType bool
	// Enumeration is set on subclasses of Enumeration.
	Enumeration bool

	ancestors []string // the class itself and all its superclasses
	state     uint8    // of the walk in finish
}

const (
	unvisited = iota
	visiting
	visited
)

// Vocab is a loaded vocabulary. It is read-only and safe for concurrent use.
type Vocab struct {
	// Version is the schema.org release, such as "30.0".
	Version   string
	terms     map[string]*Term
	names     []string // all names, sorted
	lowerOnce sync.Once
	lower     map[string][]string // lower-cased name → names, for suggestions
	descOnce  sync.Once
	descs     map[string]string // name → short description, for hover
}

var (
	embeddedOnce  sync.Once
	embeddedVocab *Vocab
	embeddedErr   error
)

// Embedded returns the vocabulary built into ldfix, loaded on first use.
func Embedded() (*Vocab, error) {
	embeddedOnce.Do(func() { embeddedVocab, embeddedErr = Decode(embedded) })
	return embeddedVocab, embeddedErr
}

// Term returns the term with this exact local name, or nil.
func (v *Vocab) Term(name string) *Term { return v.terms[name] }

// Len is the number of terms.
func (v *Vocab) Len() int { return len(v.terms) }

// Names returns every term name, sorted.
func (v *Vocab) Names() []string { return slices.Clone(v.names) }

// Ancestors returns the class and all its superclasses, nearest first. It
// is nil for names that are not classes.
func (v *Vocab) Ancestors(class string) []string {
	if t := v.terms[class]; t != nil {
		return t.ancestors
	}
	return nil
}

// IsA reports whether class is ancestor or one of its subclasses.
func (v *Vocab) IsA(class, ancestor string) bool {
	return slices.Contains(v.Ancestors(class), ancestor)
}

// MemberOf reports whether member is an instance of class or of one of its
// subclasses, as InStock is of ItemAvailability.
func (v *Vocab) MemberOf(member, class string) bool {
	t := v.terms[member]
	if t == nil || t.Kind != Member {
		return false
	}
	for _, p := range t.Parents {
		if v.IsA(p, class) {
			return true
		}
	}
	return false
}

// Members returns the members of an enumeration class and its subclasses,
// sorted.
func (v *Vocab) Members(class string) []string {
	var out []string
	for _, n := range v.names {
		if v.MemberOf(n, class) {
			out = append(out, n)
		}
	}
	return out
}

// finish builds the indexes once all terms are in place. It runs at every
// start-up, so it visits each class once (memoised depth-first walk) rather
// than walking up from every class.
func (v *Vocab) finish() {
	if len(v.names) != len(v.terms) {
		v.names = make([]string, 0, len(v.terms))
		for n := range v.terms {
			v.names = append(v.names, n)
		}
	}
	if !slices.IsSorted(v.names) { // the index is written sorted
		slices.Sort(v.names)
	}
	for _, n := range v.names {
		if t := v.terms[n]; t.Kind == Class {
			v.visit(t)
		}
	}
}

// visit computes a class's ancestors (itself first) and inherits the
// DataType and Enumeration flags from its superclasses. A cycle in a
// hand-edited release file is cut where it closes instead of hanging.
func (v *Vocab) visit(t *Term) {
	if t.state != unvisited {
		return
	}
	t.state = visiting
	anc := []string{t.Name}
	t.Enumeration = t.Enumeration || t.Name == "Enumeration"
	for _, p := range t.Parents {
		pt := v.terms[p]
		if pt == nil || pt.Kind != Class {
			anc = appendNew(anc, p)
			continue
		}
		v.visit(pt)
		anc = appendNew(anc, p) // even when the cycle left pt unfinished
		for _, a := range pt.ancestors {
			anc = appendNew(anc, a)
		}
		if pt.state == visited {
			t.DataType = t.DataType || pt.DataType
			t.Enumeration = t.Enumeration || pt.Enumeration
		}
	}
	t.ancestors = anc
	t.state = visited
}

func appendNew(list []string, s string) []string {
	if slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}

// Fold returns the names that equal name ignoring case.
func (v *Vocab) Fold(name string) []string {
	v.lowerOnce.Do(func() {
		v.lower = make(map[string][]string, len(v.names))
		for _, n := range v.names {
			l := strings.ToLower(n)
			v.lower[l] = append(v.lower[l], n)
		}
	})
	return v.lower[strings.ToLower(name)]
}

package shapes

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"strings"
	"sync"

	jsonv2 "github.com/go-json-experiment/json"
	"github.com/xeipuuv/gojsonschema"
)

//go:generate go run ../internal/gen/shapes -req ../../../shared/google-rich-results/requirements.json -vocab ../../../shared/schemaorg/schemaorg-current-https.jsonld -out google.json

// googleJSON is generated from Google's requirements table; see
// schema/internal/gen/shapes.
//
//go:embed google.json
var googleJSON []byte

// catalog mirrors the generated file.
type catalog struct {
	Captured  map[string]string `json:"captured"`
	Spellings map[string]string `json:"spellings"`
	Features  []featureDef      `json:"features"`
}

// spellings maps schema.org's spelling of a property to the one Google's
// pages use where they differ in letter case ("xpath", "xPath"); the
// shapes use Google's, and a node may use either. It is set from the
// embedded catalog, before any check runs.
var (
	spellings     map[string]string
	spellingsOnce sync.Once
)

// GoogleSpelling reports whether name is Google's spelling of a
// schema.org property that schema.org spells in another letter case.
func GoogleSpelling(name string) bool {
	if _, err := Embedded(); err != nil {
		return false
	}
	for _, g := range spellings {
		if g == name {
			return true
		}
	}
	return false
}

type featureDef struct {
	ID           string   `json:"id"`
	Name         string   `json:"name"`
	Status       string   `json:"status"`
	StatusDate   string   `json:"status_date"`
	Availability string   `json:"availability"`
	Surfaces     []string `json:"surfaces"`
	DocURL       string   `json:"doc_url"`
	RootTypes    []string `json:"root_types"`
	RootAt       string   `json:"root_at"`
	RootFrom     []string `json:"root_from"`
	Positions    []string `json:"positions"`
	// Severity, when set, caps every finding of the feature: a feature
	// ldfix cannot place (a site name belongs on the home page only) is
	// advice wherever it is found.
	Severity string          `json:"severity"`
	Gate     json.RawMessage `json:"gate"`
	// RecommendedSeverity replaces "warning" for a missing recommended
	// property when set.
	RecommendedSeverity string      `json:"recommended_severity"`
	Entities            []entityDef `json:"entities"`
}

type entityDef struct {
	ID     string          `json:"id"`
	Types  []string        `json:"types"`
	At     []string        `json:"at"`
	Group  string          `json:"group"`
	Gate   json.RawMessage `json:"gate"`
	Depth  int             `json:"depth"`
	Props  []propDef       `json:"props"`
	OneOf  []oneOfDef      `json:"one_of"`
	Schema json.RawMessage `json:"schema"`
}

type propDef struct {
	Name      string     `json:"name"`
	Level     string     `json:"level"`
	Condition string     `json:"condition"`
	InGroup   bool       `json:"in_group"`
	Expects   []string   `json:"expects"`
	Checks    []checkDef `json:"checks"`
}

type checkDef struct {
	Kind     string   `json:"kind"`
	Severity string   `json:"severity"`
	Min      *float64 `json:"min"`
	Max      *float64 `json:"max"`
	Values   []string `json:"values"`
	Offline  bool     `json:"offline"`
}

type oneOfDef struct {
	Level        string          `json:"level"`
	Alternatives [][]string      `json:"alternatives"`
	Schema       json.RawMessage `json:"schema"`
}

// feature is a compiled Google feature.
type feature struct {
	featureDef
	rootTypes map[string]bool
	rootFrom  map[string]bool
	gate      *gate
	entities  []*entity
	forText   string // the end of every message about the feature, made once
}

type entity struct {
	entityDef
	types  map[string]bool
	props  map[string]*propDef
	gate   *gate
	schema *lazySchema
	oneOf  []*oneOf
}

type oneOf struct {
	oneOfDef
	schema *lazySchema
}

// lazySchema is a JSON Schema compiled on first use. A run that checks a
// few pages needs the shapes of a few features, and compiling every
// feature's shapes at start-up took 16 ms of the 30 ms a one-file check
// took. TestEmbeddedShapesCompile compiles them all, so a broken
// generated shape fails the tests rather than being skipped at run time.
type lazySchema struct {
	raw    []byte
	once   sync.Once
	schema *gojsonschema.Schema
	err    error
}

func (l *lazySchema) compiled() (*gojsonschema.Schema, error) {
	l.once.Do(func() { l.schema, l.err = compile(l.raw) })
	return l.schema, l.err
}

// Validate validates doc; a shape that does not compile is an error.
func (l *lazySchema) Validate(doc gojsonschema.JSONLoader) (*gojsonschema.Result, error) {
	s, err := l.compiled()
	if err != nil {
		return nil, err
	}
	return s.Validate(doc)
}

// compile builds a schema with the draft-07 keywords the shapes use
// (contains, if/then); only the ldfix formats are added to gojsonschema.
func compile(raw []byte) (*gojsonschema.Schema, error) {
	addFormats()
	sl := gojsonschema.NewSchemaLoader()
	sl.Draft = gojsonschema.Draft7
	sl.AutoDetect = false
	return sl.Compile(gojsonschema.NewBytesLoader(raw))
}

func loadCatalog(data []byte) ([]*feature, error) {
	var c catalog
	// The first check of a run waits for this decoding. The JSON v2
	// decoder reads the catalog into the same values in a third of the
	// time encoding/json takes, most of which goes on scanning the raw
	// schemas byte by byte.
	if err := jsonv2.Unmarshal(data, &c); err != nil {
		return nil, fmt.Errorf("decoding embedded shapes: %w", err)
	}
	spellingsOnce.Do(func() { spellings = c.Spellings })
	var out []*feature
	for _, fd := range c.Features {
		f := &feature{featureDef: fd, rootTypes: set(fd.RootTypes), rootFrom: set(fd.RootFrom)}
		f.forText = f.describe()
		var err error
		if len(fd.Gate) > 0 {
			if f.gate, err = compileGateOrSchema(fd.Gate); err != nil {
				return nil, fmt.Errorf("feature %s gate: %w", fd.ID, err)
			}
		}
		for _, ed := range fd.Entities {
			e := &entity{entityDef: ed, types: set(ed.Types), props: map[string]*propDef{}}
			for i := range e.Props {
				e.props[e.Props[i].Name] = &e.Props[i]
			}
			if len(ed.Gate) > 0 {
				if e.gate, err = compileGateOrSchema(ed.Gate); err != nil {
					return nil, fmt.Errorf("feature %s entity %s gate: %w", fd.ID, ed.ID, err)
				}
			}
			e.schema = &lazySchema{raw: ed.Schema}
			for _, od := range ed.OneOf {
				e.oneOf = append(e.oneOf, &oneOf{oneOfDef: od, schema: &lazySchema{raw: od.Schema}})
			}
			f.entities = append(f.entities, e)
		}
		out = append(out, f)
	}
	return out, nil
}

func set(xs []string) map[string]bool {
	m := make(map[string]bool, len(xs))
	for _, x := range xs {
		m[x] = true
	}
	return m
}

// active reports whether Google still shows the feature in some form.
func (f *feature) active() bool { return f.Status != "retired" }

// suffix names the feature in a message, with its status when it is not
// plainly active.
func (f *feature) suffix() string { return f.forText }

// describe makes the text suffix returns.
func (f *feature) describe() string {
	s := fmt.Sprintf("for the %q rich result", f.Name)
	switch f.Status {
	case "beta":
		s += ", which is in beta"
	case "limited":
		s += ", which has limited availability"
		if len(f.Surfaces) > 0 && !contains(f.Surfaces, "Google Search") {
			s += ": shown only on " + strings.Join(f.Surfaces, ", ")
		}
	}
	return s
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// catalogDepth is how deep nodes are unfolded for the built-in shapes: the
// deepest dotted property or one-of path, and at least as deep as the gates
// look (itemListElement.item.@type).
func catalogDepth(fs []*feature) int {
	d := gateDepth
	for _, f := range fs {
		for _, e := range f.entities {
			d = max(d, e.Depth)
		}
	}
	return d
}

// Package schema validates repaired JSON-LD blocks: json-gold expansion
// with the embedded schema.org context, schema.org vocabulary checks (V
// rules) and Google rich-result shapes (G rules). Findings are placed in the
// original file through each block's offset map.
package schema

import (
	"fmt"
	"os"
	"slices"

	"github.com/ldfix/ldfix/fixer/diag"
	"github.com/ldfix/ldfix/fixer/jsonpos"
	"github.com/ldfix/ldfix/fixer/source"
	"github.com/ldfix/ldfix/schema/ldctx"
	"github.com/ldfix/ldfix/schema/shapes"
	"github.com/ldfix/ldfix/schema/vocab"
	"github.com/piprate/json-gold/ld"
)

// Profile selects the checks to run.
type Profile string

const (
	// ProfileSchemaOrg: JSON-LD processing and the schema.org vocabulary.
	ProfileSchemaOrg Profile = "schemaorg"
	// ProfileGoogle: what Google Search reads, JSON-LD processing and its
	// rich-result rules, without the vocabulary checks (V010–V018).
	ProfileGoogle Profile = "google"
	// ProfileAll: both.
	ProfileAll Profile = "all"
)

// Block is one repaired block of a page.
type Block struct {
	Index int
	// Text is strict JSON.
	Text []byte
	// Map carries offsets in Text to offsets in the file.
	Map *source.OffsetMap
	// Opaque are spans of the file (not of Text) holding template
	// placeholders that stand for values of unknown type; a value whose file
	// span overlaps one is not checked by type or format.
	Opaque []source.Span
	// File is the file the block comes from. It is optional; when set,
	// messages that refer to a second place (a duplicate key) name its line,
	// and fixes are offered only where the file holds the repaired text.
	File *source.File
	// Markup is set when Text is written from a microdata or RDFa item
	// rather than found in the file: its findings carry no edits, since
	// Text is not in the file to be edited.
	Markup bool
	// Base is the absolute URL relative URLs of the page resolve against
	// (its <base href>, or the page's own URL), or "" when not known.
	Base string
	// BaseIsRoot says Base is the site's root, not this page's URL: only
	// URLs that start with "/" resolve against it.
	BaseIsRoot bool
}

// Options configure a Validator.
type Options struct {
	Profile Profile // default ProfileAll
	// VocabFile is a schema.org release file (.jsonld) to use instead of
	// the embedded vocabulary.
	VocabFile string
	// ShapesDir holds users' own JSON Schema shapes (house rules).
	ShapesDir string
}

// Validator checks pages. It is safe for concurrent use.
type Validator struct {
	opts   Options
	vocab  *vocab.Vocab
	schema *ld.Context // processed schema.org context, shared read-only
	empty  *ld.Context // the initial context, shared read-only
	shapes *shapes.Set // nil unless the profile includes Google's checks
}

// New makes a Validator, loading the vocabulary and compiling shapes once.
func New(opts Options) (*Validator, error) {
	if opts.Profile == "" {
		opts.Profile = ProfileAll
	}
	v := &Validator{opts: opts}
	switch opts.Profile {
	case ProfileSchemaOrg, ProfileGoogle, ProfileAll:
	default:
		return nil, fmt.Errorf("unknown profile %q (want schemaorg, google or all)", opts.Profile)
	}
	// The shapes load on another core while the vocabulary and context
	// do: together they are most of the start of a one-file check.
	var shapesErr error
	loaded := make(chan struct{})
	go func() {
		defer close(loaded)
		switch {
		case opts.Profile == ProfileSchemaOrg:
		case opts.ShapesDir != "":
			v.shapes, shapesErr = shapes.LoadDir(opts.ShapesDir)
		default:
			v.shapes, shapesErr = shapes.Embedded()
		}
	}()
	err := v.loadVocabAndContext()
	<-loaded
	if err != nil {
		return nil, err
	}
	if shapesErr != nil {
		return nil, fmt.Errorf("loading shapes: %w", shapesErr)
	}
	return v, nil
}

func (v *Validator) loadVocabAndContext() error {
	var err error
	if v.vocab, err = loadVocab(v.opts.VocabFile); err != nil {
		return err
	}
	if v.schema, err = ldctx.Processed(); err != nil {
		return fmt.Errorf("processing the schema.org context: %w", err)
	}
	v.empty = ld.NewContext(nil, ldctx.Options())
	return nil
}

func loadVocab(file string) (*vocab.Vocab, error) {
	if file == "" {
		v, err := vocab.Embedded()
		if err != nil {
			return nil, fmt.Errorf("loading the embedded vocabulary: %w", err)
		}
		return v, nil
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("reading vocabulary: %w", err)
	}
	v, err := vocab.FromJSONLD(data)
	if err != nil {
		return nil, fmt.Errorf("vocabulary %s: %w", file, err)
	}
	return v, nil
}

// Vocab returns the vocabulary in use.
func (v *Validator) Vocab() *vocab.Vocab { return v.vocab }

// Validate checks all blocks of one page together, so that @id references
// resolve across blocks. Diagnostics are in file coordinates.
func (v *Validator) Validate(blocks []Block) []diag.Diagnostic {
	ds, _ := v.ValidateItems(blocks)
	return ds
}

// Item is one rich-result item of a page and Google's verdict on it,
// placed in the file.
type Item struct {
	shapes.Item
	Block int
	Span  source.Span // the item's node
}

// ValidateItems checks the blocks as Validate does and also returns the
// page's rich-result items, in document order.
func (v *Validator) ValidateItems(blocks []Block) ([]diag.Diagnostic, []Item) {
	pg := &page{v: v, ids: map[string][]*node{}, redirects: map[*blockState][]redirect{}}
	for _, b := range blocks {
		bs := &blockState{v: v, b: b}
		pg.blocks = append(pg.blocks, bs)
		doc, err := jsonpos.Parse(b.Text)
		if err != nil {
			bs.syntaxError(err)
			continue
		}
		bs.doc = doc
		bs.duplicates()
		w := newWalker(v, bs)
		w.top(doc.Root)
		bs.nodes = w.nodes
		if w.unmodelled && !bs.hasJSONLDError() {
			bs.expand(v.schema)
		}
		for _, n := range w.nodes {
			if n.id != "" {
				pg.ids[n.id] = append(pg.ids[n.id], n)
			}
		}
	}
	// Google Search reads JSON-LD as JSON-LD processors do (the V00x rules)
	// and by its own rules; it does not judge the vocabulary.
	if v.opts.Profile != ProfileGoogle {
		for _, bs := range pg.blocks {
			for _, n := range bs.nodes {
				pg.checkNode(n)
			}
		}
	}
	if v.shapes != nil {
		// The Google checks judge the page's one graph (merge.go).
		pg.merge()
		for _, bs := range pg.blocks {
			if bs.doc != nil {
				for _, n := range bs.nodes {
					pg.authorText(n)
				}
			}
		}
	}
	// The Google shapes read only the parsed blocks and, for references,
	// the objects the @ids name: the walk's nodes, about as large as the
	// parsed blocks themselves, are let go before they run.
	pg.keepObjects()
	for _, bs := range pg.blocks {
		bs.nodes = nil
	}
	switch {
	case v.shapes == nil:
	case slices.ContainsFunc(pg.blocks, func(bs *blockState) bool { return len(bs.b.Text) >= reparseSize }):
		pg.googleLarge(v.shapes)
	default:
		for _, bs := range pg.blocks {
			if bs.doc != nil {
				bs.google(v.shapes, pg)
			}
		}
	}
	if len(pg.blocks) == 1 && !pg.blocks[0].b.Markup {
		return diag.Sort(pg.blocks[0].diags), pg.blocks[0].items // no copy of a large block's findings
	}
	var out []diag.Diagnostic
	var items []Item
	for _, bs := range pg.blocks {
		for _, d := range bs.diags {
			if bs.b.Markup && d.Fix != nil {
				fix := *d.Fix
				fix.Edits = nil
				d.Fix = &fix
			}
			out = append(out, d)
		}
		items = append(items, bs.items...)
	}
	return diag.Sort(out), items
}

// ValidateDocument checks a whole JSON-LD document (a .jsonld file, say)
// as the one block of its page. Spans are offsets into data.
func (v *Validator) ValidateDocument(data []byte) []diag.Diagnostic {
	return v.Validate([]Block{{Index: 0, Text: data}})
}

// page is the state of one Validate call.
type page struct {
	v      *Validator
	blocks []*blockState
	ids    map[string][]*node // @id → the nodes that describe it, across blocks
	// objects maps an @id to the JSON object of the first node that
	// describes it, once the walk's nodes are let go (see keepObjects).
	objects map[string]map[string]any
	// merged and redirects are the one graph of the page (merge.go).
	merged    map[string]map[string]any
	redirects map[*blockState][]redirect
}

// keepObjects records, for every @id, what resolve returns, and drops ids.
func (pg *page) keepObjects() {
	pg.objects = make(map[string]map[string]any, len(pg.ids))
	for id, ns := range pg.ids {
		for _, n := range ns {
			if len(n.props) > 0 || len(n.types) > 0 {
				m, _ := n.obj.Value.(map[string]any)
				pg.objects[id] = m
				break
			}
		}
	}
	pg.ids = nil
}

// resolve returns the JSON object of the node an @id names: the merged
// node, or the first that describes it.
func (pg *page) resolve(id string) map[string]any {
	if m, ok := pg.merged[id]; ok {
		return m
	}
	return pg.objects[id]
}

// blockState is one block being checked.
type blockState struct {
	v     *Validator
	b     Block
	doc   *jsonpos.Doc
	nodes []*node
	diags []diag.Diagnostic
	items []Item
}

// span maps a span of the block text to the file.
func (bs *blockState) span(s source.Span) source.Span {
	if bs.b.Map == nil {
		return s
	}
	return bs.b.Map.Span(s)
}

// report adds a finding about n (its key when key is set).
func (bs *blockState) report(id string, n *jsonpos.Node, ptr string, key bool, format string, args ...any) *diag.Diagnostic {
	s := n.Span
	if key && n.KeySpan != (source.Span{}) {
		s = n.KeySpan
	}
	d := diag.New(id, bs.b.Index, bs.span(s), format, args...)
	d.Pointer = ptr
	bs.diags = append(bs.diags, d)
	return &bs.diags[len(bs.diags)-1]
}

// opaque reports whether a span of the block text overlaps a template
// placeholder of unknown type.
func (bs *blockState) opaque(s source.Span) bool {
	fs := bs.span(s)
	for _, o := range bs.b.Opaque {
		if fs.Start < o.End && o.Start < fs.End || fs.Start == fs.End && o.Contains(fs.Start) {
			return true
		}
	}
	return false
}

func (bs *blockState) syntaxError(err error) {
	off := 0
	if se, ok := err.(*jsonpos.SyntaxError); ok {
		off = se.Offset
	}
	d := diag.New("V008", bs.b.Index, bs.span(source.Span{Start: off, End: min(off+1, len(bs.b.Text))}), "block is not strict JSON: %s", err)
	bs.diags = append(bs.diags, d)
}

// duplicates reports keys given twice in one object.
func (bs *blockState) duplicates() {
	for _, dup := range bs.doc.Duplicates {
		if obj, ok := bs.doc.Lookup(dup.Pointer); !ok || !obj.Span.Contains(dup.Second.Start) {
			continue // inside a value lost to an outer duplicate, reported there
		}
		first, second := bs.span(dup.First), bs.span(dup.Second)
		where := fmt.Sprintf("first at byte %d", first.Start)
		if f := bs.b.File; f != nil {
			l1, l2 := f.Position(first.Start).Line, f.Position(second.Start).Line
			where = fmt.Sprintf("on lines %d and %d", l1, l2)
			if l1 == l2 {
				where = fmt.Sprintf("twice on line %d", l1)
			}
		}
		d := diag.New("V007", bs.b.Index, second, "key %q appears twice in one object (%s); the later value wins and the earlier is lost", dup.Key, where)
		d.Pointer = jsonpos.Join(dup.Pointer, dup.Key)
		bs.diags = append(bs.diags, d)
	}
}

func (bs *blockState) hasJSONLDError() bool {
	for _, d := range bs.diags {
		switch d.Rule {
		case "V002", "V004", "V005":
			return true
		}
	}
	return false
}

package check

import (
	"net/url"
	"strings"

	"github.com/ldfix/ldfix/fixer"
	"github.com/ldfix/ldfix/fixer/diag"
	"github.com/ldfix/ldfix/fixer/extract"
	"github.com/ldfix/ldfix/fixer/source"
	"github.com/ldfix/ldfix/schema"
)

// pageValidator validates the repaired blocks of one page together
// (schema), with the base its relative URLs resolve against.
type pageValidator struct {
	v          *schema.Validator
	page       *source.File
	base       string
	baseIsRoot bool
	// items are the rich-result items of the page as it was read; fixing
	// validates the fixed file too, whose items are not kept here.
	items []schema.Item
}

// validate returns the findings and the rich-result items of the blocks
// and the microdata and RDFa items of f.
func (pv *pageValidator) validate(f *source.File, fbs []fixer.Block, its []fixer.Item) ([]diag.Diagnostic, []schema.Item) {
	var blocks []schema.Block
	for _, b := range fbs {
		if b.Repaired != nil {
			blocks = append(blocks, schema.Block{Index: b.Index, Text: b.Repaired, Map: b.Map, Opaque: b.Opaque, File: f, Base: pv.base, BaseIsRoot: pv.baseIsRoot})
		}
	}
	blocks = append(blocks, itemBlocks(f, fbs, its)...)
	if len(blocks) == 0 {
		return nil, nil
	}
	return pv.v.ValidateItems(blocks)
}

// itemBlocks are the page's microdata and RDFa items as blocks to
// validate beside its JSON-LD blocks, numbered after them, so that one
// page is one graph.
func itemBlocks(f *source.File, blocks []fixer.Block, items []fixer.Item) []schema.Block {
	out := make([]schema.Block, 0, len(items))
	for i, it := range items {
		out = append(out, schema.Block{Index: len(blocks) + i, Text: it.Text, Map: it.Map, Opaque: it.Opaque, File: f, Markup: true})
	}
	return out
}

// check is validate as fixer.Options.Check wants it.
func (pv *pageValidator) check(f *source.File, fbs []fixer.Block, its []fixer.Item) []diag.Diagnostic {
	ds, items := pv.validate(f, fbs, its)
	if f == pv.page {
		pv.items = items
	}
	return ds
}

// pageBase is the URL a page's relative URLs resolve against: its <base
// href> (extract.BaseHref), resolved against the page's own URL when the
// page was fetched (its name is an http or https URL) or siteBase names
// it. root reports a base that is only siteBase, a site's root rather than
// this page's URL.
func pageBase(name, href, siteBase string) (base string, root bool) {
	page, root := siteBase, true
	if strings.HasPrefix(name, "http://") || strings.HasPrefix(name, "https://") {
		page, root = name, false
	}
	if href == "" {
		return page, root
	}
	h, err := url.Parse(href)
	if err != nil {
		return page, root
	}
	if h.IsAbs() {
		return h.String(), false
	}
	if p, err := url.Parse(page); err == nil && page != "" {
		return p.ResolveReference(h).String(), root && !strings.HasPrefix(href, "/")
	}
	return "", false
}

// readBase returns the <base href> of f. A page is scanned for it once,
// and the returned function, fixer.Options.Scan, hands Fix that reading
// instead of scanning the page again; a template is read masked by Fix,
// so only its base is looked for here, and Fix scans as usual (nil).
func readBase(f *source.File, template bool) (string, func(*source.File) extract.Page) {
	if template {
		return extract.BaseHref(f.Data), nil
	}
	s := &scanned{f: f, page: extract.Scan(f)}
	return s.page.BaseHref, s.take
}

// scanned is a page read once, ahead of Fix, for its <base href>.
type scanned struct {
	f     *source.File
	page  extract.Page
	taken bool
}

// take is fixer.Options.Scan. The reading is handed over once, for its own
// file: Fix owns what it is given, and a later run (a re-check of the
// fixed file, a second round of fixing) reads afresh.
func (s *scanned) take(f *source.File) extract.Page {
	if f != s.f || s.taken {
		return extract.Scan(f)
	}
	s.taken = true
	return s.page
}

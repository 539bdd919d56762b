package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"

	"github.com/urfave/cli/v2"
	"golang.org/x/net/html/charset"

	"github.com/ldfix/ldfix/cmd/ldfix/internal/render"
	"github.com/ldfix/ldfix/cmd/ldfix/internal/report"
	"github.com/ldfix/ldfix/fixer/diag"
	"github.com/ldfix/ldfix/fixer/source"
	"github.com/ldfix/ldfix/fixer/template"
	"github.com/ldfix/ldfix/schema/vocab"
)

const renderCategory = "Rendering (--render)"

func renderFlags() []cli.Flag {
	d := render.DefaultOptions()
	return []cli.Flag{
		&cli.BoolFlag{Name: "render", Category: renderCategory,
			Usage: "check pages as Google's renderer sees them: run their JavaScript in headless Chromium and read the DOM they end with"},
		&cli.StringFlag{Name: "chrome", Category: renderCategory, TakesFile: true,
			Usage: "Chromium or Chrome executable for --render (default: chromium, google-chrome … on PATH)"},
		&cli.DurationFlag{Name: "render-wait", Category: renderCategory, Value: d.Wait,
			Usage: "after the load event, wait at most this long for requests, short timers and DOM changes to stop"},
		&cli.DurationFlag{Name: "render-timeout", Category: renderCategory, Value: d.Timeout,
			Usage: "give up rendering a page after this long in all"},
		&cli.BoolFlag{Name: "render-block-third-party", Category: renderCategory,
			Usage: "fail the requests a rendered page makes to other hosts (tag managers then do not run)"},
	}
}

// renderer renders the pages of one run in a shared browser.
type renderer struct {
	b   *render.Browser
	ctx context.Context

	mu    sync.Mutex
	local map[string]*render.Local // loopback servers by folder
	stop  func()
}

// newRenderer starts the browser when --render is given; nil otherwise.
// The browser stops with close, or on Ctrl-C.
func newRenderer(c *cli.Context, s *settings) (*renderer, error) {
	if !hasFlag(c, "render") || !c.Bool("render") {
		return nil, nil
	}
	o := render.DefaultOptions()
	o.Chrome = c.String("chrome")
	o.Tabs = s.jobs
	o.BlockThirdParty = c.Bool("render-block-third-party")
	if c.IsSet("render-wait") {
		o.Wait = c.Duration("render-wait")
	}
	if c.IsSet("render-timeout") {
		o.Timeout = c.Duration("render-timeout")
	}
	if o.Wait < 0 || o.Timeout <= 0 {
		return nil, usageError{errors.New("--render-wait must be 0 or more and --render-timeout positive")}
	}
	if hasFlag(c, "user-agent") && c.IsSet("user-agent") {
		o.UserAgent = c.String("user-agent")
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	b, err := render.Start(ctx, o)
	if err != nil {
		stop()
		return nil, usageError{err}
	}
	return &renderer{b: b, ctx: ctx, local: map[string]*render.Local{}, stop: stop}, nil
}

func (rd *renderer) close() {
	if rd == nil {
		return
	}
	rd.b.Close()
	rd.mu.Lock()
	for _, l := range rd.local {
		l.Close()
	}
	rd.mu.Unlock()
	rd.stop()
}

// localURL is the loopback address a file on disk is rendered at. The
// folder served is the working directory when the file lies under it, so
// root-relative URLs (/js/app.js) resolve as on the site; else the file's
// own folder.
func (rd *renderer) localURL(path string) (string, error) {
	root, _ := os.Getwd()
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	if rel, err := filepath.Rel(root, abs); err != nil || strings.HasPrefix(rel, "..") {
		root = filepath.Dir(abs)
	}
	rd.mu.Lock()
	l, ok := rd.local[root]
	if !ok {
		if l, err = render.ServeLocal(root); err != nil {
			rd.mu.Unlock()
			return "", err
		}
		rd.local[root] = l
	}
	rd.mu.Unlock()
	return l.URL(abs)
}

// renderable reports whether a rendered check applies to the file: pages,
// not JSON-LD files or templates, whose scripts do not run as written.
func renderable(s *settings, path string, data []byte) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".json", ".jsonld":
		return false
	}
	return !s.template && !template.IsTemplate(path, data)
}

// pageHTML renders one page. pageURL is empty for a file on disk.
func (rd *renderer) pageHTML(path, pageURL string, data []byte) (render.Page, error) {
	isLocal := pageURL == ""
	if isLocal {
		u, err := rd.localURL(path)
		if err != nil {
			return render.Page{}, err
		}
		pageURL = u
	}
	return rd.b.Render(rd.ctx, pageURL, data, contentType(pageURL != "" && !isLocal, data))
}

// contentType is the header the browser is served the page with. Fetched
// pages arrive decoded to UTF-8; a file on disk is read as its byte order
// mark or <meta charset> say and as UTF-8 otherwise, which is what the
// source check assumes too (a browser would guess windows-1252, and turn
// every non-ASCII character of the blocks into other text).
func contentType(fetched bool, data []byte) string {
	if !fetched {
		if enc, name, certain := charset.DetermineEncoding(data, "text/html"); certain && enc != nil {
			return "text/html; charset=" + name
		}
	}
	return "text/html; charset=utf-8"
}

// analyzeRendered checks a page as it is after its JavaScript ran. Blocks
// the scripts left as they are keep their findings at their place in the
// source; a block added or changed by a script is checked on its rendered
// text and reported as its own result (path "page.html (rendered block N)",
// positions inside the block, marked rendered), since there is no place in
// the source to point at. The source result says where the two differ.
func (k *checker) analyzeRendered(rd *renderer, path, pageURL string, data []byte) []report.FileResult {
	src, _ := k.analyze(path, data)
	if src.Err != nil || !renderable(k.s, path, data) {
		return []report.FileResult{src}
	}
	page, err := rd.pageHTML(path, pageURL, data)
	if err != nil && rd.ctx.Err() != nil {
		return []report.FileResult{failed(path, errors.New("interrupted before the page was rendered"))}
	}
	if err != nil {
		d := diag.New(render.RuleFailed, -1, source.Span{}, "the page could not be rendered: %v", err)
		src.Diagnostics = diag.Sort(append(src.Diagnostics, k.selected(path, d)...))
		return []report.FileResult{src}
	}
	ren, _ := k.analyze(path, page.HTML)
	if ren.Err != nil {
		return []report.FileResult{src}
	}
	m := matchBlocks(blockTexts(src), blockTexts(ren))
	out := []report.FileResult{k.sourceSide(src, ren, m, page.Settled)}
	for _, ri := range m.rendered() {
		out = append(out, k.renderedBlock(src, ren, ri, m))
	}
	return out
}

// sourceSide is the source's result with the findings of blocks that the
// scripts changed or removed taken out (Google judges what it renders) and
// the differences said.
func (k *checker) sourceSide(src, ren report.FileResult, m blockMatch, settled bool) report.FileResult {
	var ds, extra []diag.Diagnostic
	for _, d := range src.Diagnostics {
		if d.Block < 0 || m.kept(d.Block) || m.removedBlock(d.Block) && !isValueRule(d.Rule) {
			ds = append(ds, d)
		}
	}
	for si, ri := range m.changed {
		extra = append(extra, diag.New(render.RuleChanged, si, blockAt(src, si).Span,
			"block %d is changed by JavaScript: rendered block %d is checked instead", si+1, ri+1))
	}
	for _, si := range m.removed {
		extra = append(extra, diag.New(render.RuleRemoved, si, blockAt(src, si).Span,
			"block %d is not in the rendered page: Google does not read it", si+1))
	}
	if !settled {
		extra = append(extra, diag.New(render.RuleUnsettle, -1, source.Span{},
			"the page was still busy after --render-wait: blocks added later were not checked"))
	}
	extra = append(extra, k.byHandNotes(src, ren, m)...)
	src.Diagnostics = diag.Sort(append(ds, k.selected(src.Path, extra...)...))
	return src
}

// isValueRule reports whether id judges a block's value (schema.org and
// Google rules) rather than how the block is written in the file.
func isValueRule(id string) bool {
	return strings.HasPrefix(id, "V") || strings.HasPrefix(id, "G")
}

// renderedBlock is the result for rendered block ri: its findings moved to
// the block's own coordinates, with their fixes taken off, since only the
// script that wrote the block can be changed.
func (k *checker) renderedBlock(src, ren report.FileResult, ri int, m blockMatch) report.FileResult {
	b := blockAt(ren, ri)
	text := ren.BlockText(b)
	path := fmt.Sprintf("%s (rendered block %d)", src.Path, ri+1)
	shift := func(s source.Span) source.Span {
		return source.Span{Start: clamp(s.Start-b.Span.Start, len(text)), End: clamp(s.End-b.Span.Start, len(text))}
	}
	var ds []diag.Diagnostic
	for _, d := range ren.Diagnostics {
		if d.Block != ri {
			continue
		}
		d.Span, d.Fix = shift(d.Span), nil
		ds = append(ds, d)
	}
	whole := source.Span{End: len(text)}
	var notes []diag.Diagnostic
	if _, ok := m.changedFrom(ri); !ok {
		notes = append(notes, diag.New(render.RuleAdded, ri, source.Span{}, "block %d exists only after JavaScript runs", ri+1))
	}
	if t, ok := shoppingType(b.Types); ok {
		notes = append(notes, diag.New(render.RuleShopping, ri, whole,
			"%s markup is added by JavaScript, which Google says makes Shopping crawls less frequent and less reliable: put it in the served HTML", t))
	}
	ds = append(ds, k.selected(src.Path, notes...)...)
	bi := b
	bi.Span, bi.Original = whole, text
	return report.FileResult{
		Path: path, File: source.New(path, text), Rendered: true, Page: src.Path,
		Blocks: []report.BlockInfo{bi}, Diagnostics: diag.Sort(ds),
	}
}

// byHandNotes say, for each rendered block whose findings have fixes, that
// the fixes must be made in the script: at the source line that holds the
// block's text when it can be found there, else on the block.
func (k *checker) byHandNotes(src, ren report.FileResult, m blockMatch) []diag.Diagnostic {
	var out []diag.Diagnostic
	for _, ri := range m.rendered() {
		var rules []string
		for _, d := range ren.Diagnostics {
			if d.Block == ri && d.Fix != nil && d.Fix.Applicability != diag.DisplayOnly && !slices.Contains(rules, d.Rule) {
				rules = append(rules, d.Rule)
			}
		}
		if len(rules) == 0 {
			continue
		}
		at, found := origin(src.File.Data, ren.BlockText(blockAt(ren, ri)))
		if found {
			out = append(out, diag.New(render.RuleByHand, -1, at,
				"rendered block %d comes from this text: make its fixes (%s) here by hand, ldfix does not write them", ri+1, strings.Join(rules, ", ")))
		} else {
			out = append(out, diag.New(render.RuleByHand, -1, source.Span{},
				"rendered block %d is written by a script or from data it loads: make its fixes (%s) in the source by hand", ri+1, strings.Join(rules, ", ")))
		}
	}
	return out
}

// selected applies the rule filter of path to findings made here.
func (k *checker) selected(path string, ds ...diag.Diagnostic) []diag.Diagnostic {
	if k.s.filter == nil {
		return ds
	}
	return k.s.filterFor(path).Apply(ds)
}

// origin finds the source text a rendered block was made from: the whole
// block, or else its first line, when it is long enough to be the block's
// own and not a fragment any page has.
func origin(src, block []byte) (source.Span, bool) {
	t := bytes.TrimSpace(block)
	if i := bytes.Index(src, t); len(t) > 0 && i >= 0 {
		return source.Span{Start: i, End: i + len(t)}, true
	}
	first, _, _ := bytes.Cut(t, []byte("\n"))
	first = bytes.TrimSpace(first)
	if len(first) >= 24 {
		if i := bytes.Index(src, first); i >= 0 {
			return source.Span{Start: i, End: i + len(first)}, true
		}
	}
	return source.Span{}, false
}

// shoppingType returns the first type that is a Product or an Offer, or a
// subtype of one.
func shoppingType(types []string) (string, bool) {
	v, err := vocab.Embedded()
	for _, t := range types {
		name := t[strings.LastIndexAny(t, "/:#")+1:]
		if name == "Product" || name == "Offer" || err == nil && (v.IsA(name, "Product") || v.IsA(name, "Offer")) {
			return name, true
		}
	}
	return "", false
}

func blockTexts(r report.FileResult) [][]byte {
	out := make([][]byte, len(r.Blocks))
	for i, b := range r.Blocks {
		out[i] = r.BlockText(b)
	}
	return out
}

// blockAt is the block of r with index i; the zero block if it has none.
func blockAt(r report.FileResult, i int) report.BlockInfo {
	for _, b := range r.Blocks {
		if b.Index == i {
			return b
		}
	}
	return report.BlockInfo{}
}

func clamp(n, hi int) int { return max(0, min(n, hi)) }

// blockMatch pairs the blocks of a page's source with those of its
// rendered DOM.
type blockMatch struct {
	same    map[int]int // rendered → source, same text
	changed map[int]int // source → rendered, other text in its place
	added   []int       // rendered blocks with no source block
	removed []int       // source blocks with no rendered block
}

// matchBlocks pairs blocks whose text is the same (spaces around it aside),
// in order; of the rest, the i-th unpaired source block is taken to have
// become the i-th unpaired rendered block (a placeholder a script filled),
// and what remains was added or removed.
func matchBlocks(src, ren [][]byte) blockMatch {
	m := blockMatch{same: map[int]int{}, changed: map[int]int{}}
	used := make([]bool, len(src))
	var restRen []int
	for ri, r := range ren {
		r = bytes.TrimSpace(r)
		si := -1
		for i, s := range src {
			if !used[i] && bytes.Equal(bytes.TrimSpace(s), r) {
				si = i
				break
			}
		}
		if si < 0 {
			restRen = append(restRen, ri)
			continue
		}
		used[si] = true
		m.same[ri] = si
	}
	var restSrc []int
	for si := range src {
		if !used[si] {
			restSrc = append(restSrc, si)
		}
	}
	n := min(len(restSrc), len(restRen))
	for i := range n {
		m.changed[restSrc[i]] = restRen[i]
	}
	m.added, m.removed = restRen[n:], restSrc[n:]
	return m
}

// kept reports whether source block si is in the rendered page unchanged.
func (m blockMatch) kept(si int) bool {
	for _, s := range m.same {
		if s == si {
			return true
		}
	}
	return false
}

func (m blockMatch) removedBlock(si int) bool { return slices.Contains(m.removed, si) }

func (m blockMatch) changedFrom(ri int) (int, bool) {
	for si, r := range m.changed {
		if r == ri {
			return si, true
		}
	}
	return 0, false
}

// rendered lists the rendered blocks that are checked on their own: the
// added and the changed ones, in page order.
func (m blockMatch) rendered() []int {
	out := slices.Clone(m.added)
	for _, ri := range m.changed {
		out = append(out, ri)
	}
	slices.Sort(out)
	return out
}

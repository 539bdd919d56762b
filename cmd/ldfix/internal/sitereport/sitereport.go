// Package sitereport summarises the findings of a whole site and renders
// them as one self-contained HTML report.
package sitereport

import (
	"bufio"
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/ldfix/ldfix/cmd/ldfix/internal/crawl"
	"github.com/ldfix/ldfix/cmd/ldfix/internal/report"
	"github.com/ldfix/ldfix/fixer/diag"
)

//go:embed report.html.tmpl
var reportTemplate string

// tmpl is parsed on first use: a run that writes no html report should not
// pay for it at start-up.
var tmpl = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("report").Funcs(template.FuncMap{"noun": noun}).Parse(reportTemplate))
})

// noun is word in the plural unless n is 1, for the template's counts.
func noun(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}

// Chart geometry, in SVG user units.
const (
	chartWidth = 640
	labelWidth = 230
	barArea    = 340
	barHeight  = 16
	rowHeight  = 22
	maxBars    = 15
	maxLabel   = 34 // characters of a label shown beside its bar
	// openPages is how many page sections start unfolded, so a large
	// report opens fast and the worst pages are still in view.
	openPages = 20
)

var severityColor = map[diag.Severity]string{diag.Error: "#c62828", diag.Warning: "#e65100", diag.Info: "#1565c0"}

type htmlData struct {
	S                            Summary
	Width, LabelWidth, BarHeight int
	Charts                       []chart
	Worst                        []worstRow
	Pages                        []pageView
	Clean                        []string
}

type chart struct {
	ID, Title, Empty string
	Height, More     int
	Bars             []bar
}

type bar struct {
	Label, Short, Color string
	N, Y, W, TextY      int
	CountX              int
}

type worstRow struct {
	PageCount
	Anchor string
}

type pageView struct {
	Anchor, Path, Err, Counts string
	IsURL, Open               bool
	Errors, Warnings, Infos   int
	Findings                  []findingView
	Items                     []itemView
	Blocks                    []blockView
}

// itemView is one rich-result item of a page and Google's verdict.
type itemView struct {
	Line, Col                  int
	Type, Feature, URL, Status string
	Class                      string // the status as a CSS class
	Reasons                    []string
	Missing                    string
}

type findingView struct {
	Line, Col                                         int
	Severity, Rule, Name, Message, Pointer, Fix, Help string
}

type blockView struct {
	Index, Line  int
	Types        string
	Original     []segment
	Repaired     string
	Unrepairable bool
}

// segment is a run of a block's original text; marked runs are where
// findings point.
type segment struct {
	Text, Title string
	Mark        bool
}

// HTML writes a single self-contained HTML report of results: totals,
// SVG charts of blocks by @type and findings by rule, feature and severity,
// the pages with most errors, and per page its rich-result items with
// Google's verdict on each, its findings with each block's
// original text (findings marked) beside its repair. It loads nothing from
// anywhere: no scripts, fonts, images or style sheets.
func HTML(w io.Writer, results []report.FileResult) error {
	s := Summarize(results)
	data := htmlData{S: s, Width: chartWidth, LabelWidth: labelWidth, BarHeight: barHeight}
	sev := []Count{
		{Label: "error", N: s.Errors, Severity: diag.Error},
		{Label: "warning", N: s.Warnings, Severity: diag.Warning},
		{Label: "info", N: s.Infos, Severity: diag.Info},
	}
	sev = slices.DeleteFunc(sev, func(c Count) bool { return c.N == 0 })
	data.Charts = []chart{
		newChart("chart-types", "Blocks by @type", "No JSON-LD blocks found.", s.Types, "#00695c"),
		newChart("chart-rules", "Findings by rule", "No findings.", s.Rules, ""),
		newChart("chart-features", "Findings by rich-result feature", "No rich-result findings.", s.Features, "#6a1b9a"),
		newChart("chart-severity", "Findings by severity", "No findings.", sev, ""),
	}
	for _, pc := range s.Worst {
		data.Worst = append(data.Worst, worstRow{PageCount: pc, Anchor: anchor(pc.Index)})
	}
	for i, r := range results {
		pv := newPageView(i, r)
		if pv.Errors+pv.Warnings+pv.Infos == 0 && len(pv.Items) == 0 {
			data.Clean = append(data.Clean, r.Path)
			continue
		}
		pv.Open = len(data.Pages) < openPages
		pv.Counts = fmt.Sprintf("%s, %s, %d info", plural(pv.Errors, "error"), plural(pv.Warnings, "warning"), pv.Infos)
		data.Pages = append(data.Pages, pv)
	}
	bw := bufio.NewWriter(w)
	if err := tmpl().Execute(bw, data); err != nil {
		return fmt.Errorf("html report: %w", err)
	}
	return bw.Flush()
}

func anchor(i int) string { return fmt.Sprintf("page-%d", i+1) }

func newChart(id, title, empty string, cs []Count, color string) chart {
	c := chart{ID: id, Title: title, Empty: empty}
	if len(cs) > maxBars {
		c.More = len(cs) - maxBars
		cs = cs[:maxBars]
	}
	top := 1
	for _, x := range cs {
		top = max(top, x.N)
	}
	for i, x := range cs {
		b := bar{Label: x.Label, Short: shorten(x.Label, maxLabel), N: x.N, Color: color}
		if b.Color == "" {
			b.Color = cmpOr(severityColor[x.Severity], "#546e7a")
		}
		b.Y = i*rowHeight + (rowHeight-barHeight)/2
		b.TextY = i*rowHeight + rowHeight/2 + 4
		b.W = max(2, x.N*barArea/top) // a count of one still shows
		b.CountX = labelWidth + b.W + 6
		c.Bars = append(c.Bars, b)
	}
	c.Height = max(len(c.Bars)*rowHeight, rowHeight)
	return c
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

func newPageView(i int, r report.FileResult) pageView {
	pv := pageView{Anchor: anchor(i), Path: r.Path, IsURL: crawl.IsURL(r.Path)}
	if r.Err != nil {
		pv.Err = r.Err.Error()
		pv.Errors++
	}
	for _, d := range r.Diagnostics {
		switch d.Severity {
		case diag.Error:
			pv.Errors++
		case diag.Warning:
			pv.Warnings++
		default:
			pv.Infos++
		}
		pos := r.Position(d.Span.Start)
		fv := findingView{Line: pos.Line, Col: pos.Column, Severity: d.Severity.String(), Rule: d.Rule,
			Message: d.Message, Pointer: d.Pointer, Help: report.HelpURI("", d.Rule)}
		if rule, ok := diag.Lookup(d.Rule); ok {
			fv.Name = rule.Name
		}
		if d.Fix != nil {
			fv.Fix = d.Fix.Title + " (" + d.Fix.Applicability.String() + ")"
		}
		pv.Findings = append(pv.Findings, fv)
	}
	for _, it := range r.Items {
		pos := r.Position(it.Span.Start)
		class := map[string]string{"eligible": "ok", "eligible with warnings": "warning", "not eligible": "error"}[it.Status]
		pv.Items = append(pv.Items, itemView{Line: pos.Line, Col: pos.Column, Type: it.Type, Feature: it.Feature, URL: it.URL,
			Status: it.Status, Class: class, Reasons: it.Reasons, Missing: strings.Join(it.Missing, ", ")})
	}
	for _, b := range r.Blocks {
		bv := blockView{Index: b.Index, Line: r.Position(b.Span.Start).Line, Types: strings.Join(b.Types, ", ")}
		bv.Original = marked(r.BlockText(b), b, r.Diagnostics)
		if b.Repaired == nil {
			bv.Unrepairable = true
		} else {
			bv.Repaired = pretty(b.Repaired)
		}
		pv.Blocks = append(pv.Blocks, bv)
	}
	return pv
}

// pretty indents repaired JSON so it reads beside a hand-written original;
// text that is not JSON is shown as it is.
func pretty(b []byte) string {
	var buf bytes.Buffer
	if err := json.Indent(&buf, b, "", "  "); err != nil {
		return string(b)
	}
	return buf.String()
}

// marked cuts a block's original text into runs, marking the spans the
// block's findings point at. Overlapping spans merge; an empty span (an
// insertion point) marks the character after it so it can be seen.
// Findings about the whole block are listed, not marked: a mark over
// everything would hide the precise ones.
func marked(text []byte, b report.BlockInfo, ds []diag.Diagnostic) []segment {
	type mark struct {
		start, end int
		titles     []string
	}
	var marks []mark
	for _, d := range ds {
		if d.Block != b.Index {
			continue
		}
		s, e := d.Span.Start-b.Span.Start, d.Span.End-b.Span.Start
		s, e = max(s, 0), min(e, len(text))
		if s > len(text) || e < 0 || s > e || (s == 0 && e == len(text) && e > 0) {
			continue // outside the block, or about the whole of it
		}
		if s == e {
			if s == len(text) {
				if s == 0 {
					continue
				}
				_, n := utf8.DecodeLastRune(text[:s])
				s -= n
			} else {
				_, n := utf8.DecodeRune(text[s:])
				e += n
			}
		}
		marks = append(marks, mark{s, e, []string{d.Rule + ": " + d.Message}})
	}
	slices.SortFunc(marks, func(a, b mark) int { return a.start - b.start })
	var merged []mark
	for _, m := range marks {
		if n := len(merged); n > 0 && m.start < merged[n-1].end {
			merged[n-1].end = max(merged[n-1].end, m.end)
			merged[n-1].titles = append(merged[n-1].titles, m.titles...)
			continue
		}
		merged = append(merged, m)
	}
	var out []segment
	at := 0
	for _, m := range merged {
		if m.start > at {
			out = append(out, segment{Text: string(text[at:m.start])})
		}
		out = append(out, segment{Text: string(text[m.start:m.end]), Mark: true, Title: strings.Join(m.titles, "\n")})
		at = m.end
	}
	if at < len(text) {
		out = append(out, segment{Text: string(text[at:])})
	}
	return out
}

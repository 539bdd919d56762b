package report

import (
	"io"

	"github.com/ldfix/ldfix/fixer/diag"
	"github.com/ldfix/ldfix/fixer/source"
)

// JSONVersion is the version of the json format. It changes only when a
// field changes meaning or goes away; new fields do not bump it.
const JSONVersion = 1

type jsonFile struct {
	File   string      `json:"file"`
	Blocks []jsonBlock `json:"blocks"`
	// Items are the page's rich-result items and Google's verdicts.
	Items []jsonItem `json:"items"`
}

type jsonBlock struct {
	Index     int      `json:"index"`
	Line      int      `json:"line"`
	Column    int      `json:"column"`
	Offset    int      `json:"offset"`
	EndOffset int      `json:"endOffset"`
	Types     []string `json:"types"`
	Repaired  bool     `json:"repaired"`
}

type jsonError struct {
	File    string `json:"file"`
	Message string `json:"message"`
}

type jsonDiag struct {
	File      string        `json:"file"`
	Block     int           `json:"block"`
	Rule      string        `json:"rule"`
	Name      string        `json:"name,omitempty"`
	Severity  diag.Severity `json:"severity"`
	Message   string        `json:"message"`
	Pointer   string        `json:"pointer"`
	Line      int           `json:"line"`
	Column    int           `json:"column"`
	EndLine   int           `json:"endLine"`
	EndColumn int           `json:"endColumn"`
	Offset    int           `json:"offset"`
	EndOffset int           `json:"endOffset"`
	Fix       *jsonFix      `json:"fix,omitempty"`
	Feature   string        `json:"feature,omitempty"`
	URL       string        `json:"url,omitempty"`
	// Properties names the missing properties a G002 finding groups.
	Properties []string `json:"properties,omitempty"`
	// Rendered: found in the DOM after JavaScript ran (--render), at a
	// position inside the rendered block.
	Rendered bool `json:"rendered,omitempty"`
	// Related are the places of every occurrence a grouped finding stands
	// for, the first one included.
	Related []jsonRange `json:"related,omitempty"`
}

// jsonRange is a span in both units.
type jsonRange struct {
	Offset    int `json:"offset"`
	EndOffset int `json:"endOffset"`
	Line      int `json:"line"`
	Column    int `json:"column"`
	EndLine   int `json:"endLine"`
	EndColumn int `json:"endColumn"`
}

type jsonFix struct {
	Title         string             `json:"title"`
	Applicability diag.Applicability `json:"applicability"`
	Edits         []jsonEdit         `json:"edits"`
}

type jsonEdit struct {
	jsonRange
	Text string `json:"text"`
}

// JSON writes one document: {"version":1,"diagnostics":[…],"files":[…]}.
// Positions carry both byte offsets and 1-based line/column (characters).
func JSON(w io.Writer, results []FileResult, opts Options) error {
	return renderAll(w, "json", results, opts)
}

func jsonBlockOf(r FileResult, b BlockInfo) jsonBlock {
	p := r.locate(b.Span)
	o := r.stored(b.Span)
	types := b.Types
	if types == nil {
		types = []string{}
	}
	return jsonBlock{
		Index: b.Index, Line: p.start.Line, Column: p.start.Column,
		Offset: o.Start, EndOffset: o.End, Types: types, Repaired: b.Repaired != nil,
	}
}

func jsonDiagnostic(r FileResult, d diag.Diagnostic) jsonDiag {
	p := r.locate(d.Span)
	o := r.stored(d.Span)
	out := jsonDiag{
		File: r.Path, Block: d.Block, Rule: d.Rule, Name: ruleName(d.Rule), Severity: d.Severity,
		Message: d.Message, Pointer: d.Pointer,
		Line: p.start.Line, Column: p.start.Column, EndLine: p.end.Line, EndColumn: p.end.Column,
		Offset: o.Start, EndOffset: o.End, Feature: d.Feature, URL: d.URL, Rendered: r.Rendered, Properties: d.Properties,
	}
	for _, s := range d.Related {
		out.Related = append(out.Related, jsonRangeOf(r, s))
	}
	if d.Fix != nil {
		out.Fix = &jsonFix{Title: d.Fix.Title, Applicability: d.Fix.Applicability, Edits: []jsonEdit{}}
		for _, e := range d.Fix.Edits {
			out.Fix.Edits = append(out.Fix.Edits, jsonEditOf(r, e.Span, e.Text))
		}
	}
	return out
}

func jsonEditOf(r FileResult, s source.Span, text string) jsonEdit {
	return jsonEdit{jsonRange: jsonRangeOf(r, s), Text: text}
}

func jsonRangeOf(r FileResult, s source.Span) jsonRange {
	p := r.locate(s)
	o := r.stored(s)
	return jsonRange{
		Offset: o.Start, EndOffset: o.End,
		Line: p.start.Line, Column: p.start.Column, EndLine: p.end.Line, EndColumn: p.end.Column,
	}
}

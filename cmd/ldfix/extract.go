package main

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/ldfix/ldfix/fixer"
	"github.com/ldfix/ldfix/fixer/check"
	"github.com/ldfix/ldfix/fixer/decode"
	"github.com/ldfix/ldfix/fixer/diag"
	"github.com/ldfix/ldfix/fixer/source"
	"github.com/ldfix/ldfix/fixer/template"
)

// extractLine is one JSON Lines record of `ldfix extract`.
type extractLine struct {
	File   string `json:"file"`
	Index  int    `json:"index"`
	Line   int    `json:"line"`
	Column int    `json:"column"`
	// Syntax is "microdata" or "rdfa" for an item; JSON-LD blocks have none.
	Syntax string          `json:"syntax,omitempty"`
	Value  json.RawMessage `json:"value"`
	// Repaired reports whether repairs were made to reach Value.
	Repaired bool         `json:"repaired"`
	Fixes    []extractFix `json:"fixes"`
	Error    string       `json:"error,omitempty"`
	// Rendered marks a block that exists, or has this text, only after the
	// page's JavaScript ran (--render); its line and column are 0, since
	// it has no place in the file.
	Rendered bool `json:"rendered,omitempty"`

	text []byte // the block's text as found, to match rendered blocks
}

type extractFix struct {
	Rule    string `json:"rule"`
	Message string `json:"message"`
	Line    int    `json:"line"`
	Column  int    `json:"column"`
}

type extracted struct {
	lines []extractLine
	err   error
}

// extract is `ldfix extract [PATH|DIR|-]...`: one JSON object per block.
// It exits 1 when a block cannot be repaired, 2 on I/O errors.
func (e *env) extract(c *cli.Context) error {
	s, err := e.loadSettings(c)
	if err != nil {
		return err
	}
	inputs, err := e.inputs(s, c.Args().Slice())
	if err != nil {
		return err
	}
	rd, err := newRenderer(c, s)
	if err != nil {
		return err
	}
	defer rd.close()
	one := s.extractOne
	if rd != nil {
		one = func(path string, data []byte) extracted { return s.extractRendered(rd, path, data) }
	}
	code := exitOK
	enc := json.NewEncoder(e.stdout)
	enc.SetEscapeHTML(false)
	var werr error
	// Each file's lines are written as soon as its turn comes, so only a
	// window of files is in memory however many there are.
	eachInOrder(s, e.stdin, inputs, one, func(path string, err error) extracted {
		return extracted{err: fmt.Errorf("%s: %w", path, err)}
	}, func(o extracted) {
		if o.err != nil {
			fmt.Fprintf(e.stderr, "ldfix: %v\n", o.err)
			code = exitError
			return
		}
		for _, l := range o.lines {
			if err := enc.Encode(l); err != nil && werr == nil {
				werr = err
			}
			if l.Error != "" && code == exitOK {
				code = exitFindings
			}
		}
	})
	if werr != nil {
		return werr
	}
	return exitStatus(code)
}

func (s *settings) extractOne(path string, data []byte) (out extracted) {
	defer func() {
		if p := recover(); p != nil {
			out = extracted{err: fmt.Errorf("%s: %w", path, internalError(p))}
		}
	}()
	// The page's encoding is decoded, so the JSON Lines are UTF-8 whatever
	// the page is written in.
	text := decode.Bytes(data).Text
	f := source.New(path, text)
	if check.PlainJSON(path, text) {
		return out
	}
	fr := fixer.Fix(f, fixer.Options{UnsafeFixes: s.unsafe, Template: s.template || template.IsTemplate(path, text)})
	for _, b := range fr.Blocks {
		pos := f.Position(b.Span.Start)
		l := extractLine{File: path, Index: b.Index, Line: pos.Line, Column: pos.Column, Value: json.RawMessage("null"), Fixes: []extractFix{}, text: f.Text(b.Span)}
		for _, d := range b.Diagnostics {
			if d.Fix != nil {
				p := f.Position(d.Span.Start)
				l.Fixes = append(l.Fixes, extractFix{Rule: d.Rule, Message: d.Message, Line: p.Line, Column: p.Column})
			}
		}
		if b.Repaired == nil {
			l.Error = blockError(f, b)
		} else {
			var buf bytes.Buffer
			if err := json.Compact(&buf, b.Repaired); err != nil {
				l.Error = "repaired block is not JSON: " + err.Error()
			} else {
				// A page that says it is UTF-8 may still hold bytes that
				// are not; JSON readers reject them.
				l.Value = bytes.ToValidUTF8(buf.Bytes(), []byte("\uFFFD"))
				l.Repaired = len(l.Fixes) > 0
			}
		}
		out.lines = append(out.lines, l)
	}
	out.lines = append(out.lines, itemLines(path, f, fr)...)
	return out
}

// blockError words why a block has no value: its first error finding.
func blockError(f *source.File, b fixer.Block) string {
	for _, d := range b.Diagnostics {
		if d.Severity == diag.Error {
			p := f.Position(d.Span.Start)
			return fmt.Sprintf("%d:%d: %s [%s]", p.Line, p.Column, d.Message, d.Rule)
		}
	}
	return "block cannot be repaired"
}

// extractRendered gives the blocks of the page its JavaScript leaves: a
// block the scripts left as it is keeps its record from the source (and its
// position there); a block they added or changed is extracted from the
// rendered DOM and marked rendered.
func (s *settings) extractRendered(rd *renderer, path string, data []byte) extracted {
	src := s.extractOne(path, data)
	if src.err != nil || !renderable(s, path, data) {
		return src
	}
	page, err := rd.pageHTML(path, "", data)
	if err != nil {
		return extracted{err: fmt.Errorf("%s: rendering: %w", path, err)}
	}
	ren := s.extractOne(path, page.HTML)
	if ren.err != nil {
		return extracted{err: fmt.Errorf("%s (rendered): %w", path, ren.err)}
	}
	m := matchBlocks(lineTexts(src.lines), lineTexts(ren.lines))
	out := extracted{}
	for ri, l := range ren.lines {
		if si, ok := m.same[ri]; ok {
			out.lines = append(out.lines, src.lines[si])
			continue
		}
		l.Rendered, l.Line, l.Column = true, 0, 0
		for i := range l.Fixes {
			l.Fixes[i].Line, l.Fixes[i].Column = 0, 0
		}
		out.lines = append(out.lines, l)
	}
	return out
}

func lineTexts(ls []extractLine) [][]byte {
	out := make([][]byte, len(ls))
	for i, l := range ls {
		out[i] = l.text
	}
	return out
}

package lsp

import (
	"fmt"
	"slices"
	"strings"

	"github.com/tliron/glsp"
	protocol "github.com/tliron/glsp/protocol_3_16"

	"github.com/ldfix/ldfix/fixer/diag"
)

// kindFixAll is the source action editors run on save ("fix all").
const kindFixAll = protocol.CodeActionKind("source.fixAll.ldfix")

// codeAction offers, for the findings under the range, each fix that
// `ldfix fix` can write: safe ones preferred, unsafe ones labelled so and
// not preferred. For the whole document it offers what `ldfix fix` writes,
// and what `ldfix fix --unsafe-fixes` writes when that differs.
// Suggestions (display-only fixes) are never offered: ldfix never writes
// them, and their titles are part of the finding's message.
func (s *server) codeAction(_ *glsp.Context, p *protocol.CodeActionParams) (any, error) {
	s.mu.Lock()
	d := s.docs[p.TextDocument.URI]
	if d == nil {
		s.mu.Unlock()
		return nil, nil
	}
	text, version, path := d.text, d.version, d.path
	ds, fresh := d.result, d.checked && d.checkedVersion == version
	s.mu.Unlock()
	if !fresh {
		// The editor asks before the debounced check ran: check now, as
		// the actions must fit the text it holds.
		var err error
		if ds, err = s.check(path, text); err != nil {
			return nil, err
		}
	}
	l := newLines(text)
	start, end := l.offset(p.Range.Start), l.offset(p.Range.End)
	actions := []protocol.CodeAction{}
	if wants(p.Context.Only, protocol.CodeActionKindQuickFix) {
		for _, dg := range ds {
			if !fixable(dg) || dg.Span.End < start || dg.Span.Start > end {
				continue
			}
			actions = append(actions, quickFix(p.TextDocument.URI, l, dg))
		}
	}
	if wants(p.Context.Only, kindFixAll) {
		pl, err := s.pipeline(path)
		if err != nil {
			return nil, err
		}
		safe, changed := pl.Fix(path, text, false)
		if changed {
			actions = append(actions, wholeFix(p.TextDocument.URI, "Fix all ldfix findings (safe fixes)", text, safe, true))
		}
		if slices.ContainsFunc(ds, func(d diag.Diagnostic) bool { return d.Fix != nil && d.Fix.Applicability == diag.Unsafe }) {
			if all, ch := pl.Fix(path, text, true); ch && (!changed || string(all) != string(safe)) {
				actions = append(actions, wholeFix(p.TextDocument.URI, "Fix all ldfix findings, including unsafe fixes", text, all, false))
			}
		}
	}
	return actions, nil
}

func fixable(d diag.Diagnostic) bool {
	return d.Fix != nil && len(d.Fix.Edits) > 0 && (d.Fix.Applicability == diag.Safe || d.Fix.Applicability == diag.Unsafe)
}

// wants reports whether kind is asked for: no filter asks for all, and a
// filter asks for its kinds and their sub-kinds.
func wants(only []protocol.CodeActionKind, kind protocol.CodeActionKind) bool {
	if len(only) == 0 {
		return true
	}
	for _, o := range only {
		if kind == o || strings.HasPrefix(string(kind), string(o)+".") {
			return true
		}
	}
	return false
}

func quickFix(uri protocol.DocumentUri, l *lines, d diag.Diagnostic) protocol.CodeAction {
	edits := make([]protocol.TextEdit, 0, len(d.Fix.Edits))
	for _, e := range d.Fix.Edits {
		edits = append(edits, protocol.TextEdit{Range: l.span(e.Span.Start, e.Span.End), NewText: e.Text})
	}
	kind := protocol.CodeActionKindQuickFix
	safe := d.Fix.Applicability == diag.Safe
	title := fmt.Sprintf("%s (%s)", capitalize(d.Fix.Title), d.Rule)
	if !safe {
		title = fmt.Sprintf("%s (%s, unsafe: check the result)", capitalize(d.Fix.Title), d.Rule)
	}
	return protocol.CodeAction{
		Title:       title,
		Kind:        &kind,
		Diagnostics: []protocol.Diagnostic{toProtocol(l, d)},
		IsPreferred: &safe,
		Edit:        &protocol.WorkspaceEdit{Changes: map[protocol.DocumentUri][]protocol.TextEdit{uri: edits}},
	}
}

// wholeFix is one edit from before to after, covering only the bytes that
// differ so the editor keeps the cursor and folds elsewhere.
func wholeFix(uri protocol.DocumentUri, title string, before, after []byte, preferred bool) protocol.CodeAction {
	pre := 0
	for pre < len(before) && pre < len(after) && before[pre] == after[pre] {
		pre++
	}
	suf := 0
	for suf < len(before)-pre && suf < len(after)-pre && before[len(before)-1-suf] == after[len(after)-1-suf] {
		suf++
	}
	// The edit must not split a UTF-8 sequence, whose positions the
	// protocol cannot name.
	for pre > 0 && pre < len(before) && before[pre]&0xC0 == 0x80 {
		pre--
	}
	for suf > 0 && len(before)-suf < len(before) && before[len(before)-suf]&0xC0 == 0x80 {
		suf--
	}
	l := newLines(before)
	kind := kindFixAll
	return protocol.CodeAction{
		Title:       title,
		Kind:        &kind,
		IsPreferred: &preferred,
		Edit: &protocol.WorkspaceEdit{Changes: map[protocol.DocumentUri][]protocol.TextEdit{uri: {{
			Range:   l.span(pre, len(before)-suf),
			NewText: string(after[pre : len(after)-suf]),
		}}}},
	}
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

package report

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"sort"

	"github.com/ldfix/ldfix/fixer/diag"
	"github.com/ldfix/ldfix/fixer/source"
)

// MergePart is one report read back for merging: a json or sarif report of
// one shard, named for the messages.
type MergePart struct {
	Name string
	Data []byte
}

// MergeFormat tells a json report from a sarif one by its content.
func MergeFormat(data []byte) (string, error) {
	var probe struct {
		Version json.RawMessage `json:"version"`
		Runs    json.RawMessage `json:"runs"`
		Diags   json.RawMessage `json:"diagnostics"`
	}
	if err := json.Unmarshal(data, &probe); err != nil {
		return "", fmt.Errorf("not a json or sarif report: %w", err)
	}
	switch {
	case probe.Runs != nil:
		return "sarif", nil
	case probe.Diags != nil:
		return "json", nil
	}
	return "", fmt.Errorf("not an ldfix json or sarif report: it has neither \"diagnostics\" nor \"runs\"")
}

// jsonDoc is a json report with its items kept as they were written, so a
// merge neither loses nor rewrites a field it does not know.
type jsonDoc struct {
	Version     int               `json:"version"`
	Diagnostics []json.RawMessage `json:"diagnostics"`
	Files       []json.RawMessage `json:"files"`
	Errors      []json.RawMessage `json:"errors,omitempty"`
}

// fileOf reads the "file" field of an item.
func fileOf(item json.RawMessage) string {
	var f struct {
		File string `json:"file"`
	}
	json.Unmarshal(item, &f)
	return f.File
}

// MergeJSON joins json reports into one, in the order the inputs would
// be reported in one run: by file name. A file reported by two parts is an
// error: the parts were not made with the same number of shards.
func MergeJSON(w io.Writer, parts []MergePart) error {
	var out jsonDoc
	owner := map[string]string{}
	for _, p := range parts {
		var d jsonDoc
		if err := json.Unmarshal(p.Data, &d); err != nil {
			return fmt.Errorf("%s: %w", p.Name, err)
		}
		if d.Version != JSONVersion {
			return fmt.Errorf("%s: json report version %d, want %d", p.Name, d.Version, JSONVersion)
		}
		for _, list := range [][]json.RawMessage{d.Files, d.Errors} {
			for _, it := range list {
				f := fileOf(it)
				if o, dup := owner[f]; dup && o != p.Name {
					return fmt.Errorf("%s and %s both report %q: merge the parts of one sharded run", o, p.Name, f)
				}
				owner[f] = p.Name
			}
		}
		out.Diagnostics = append(out.Diagnostics, d.Diagnostics...)
		out.Files = append(out.Files, d.Files...)
		out.Errors = append(out.Errors, d.Errors...)
	}
	out.Version = JSONVersion
	for _, list := range [][]json.RawMessage{out.Diagnostics, out.Files, out.Errors} {
		sort.SliceStable(list, func(i, j int) bool { return fileOf(list[i]) < fileOf(list[j]) })
	}
	if out.Diagnostics == nil {
		out.Diagnostics = []json.RawMessage{}
	}
	if out.Files == nil {
		out.Files = []json.RawMessage{}
	}
	return writeIndented(w, out)
}

func writeIndented(w io.Writer, v any) error {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := w.Write(b.Bytes())
	return err
}

// MergeSARIF joins sarif reports into one log with one run: the rules of
// every part once each, results with their rule index renumbered, and one
// invocation that succeeded only if every part's did.
func MergeSARIF(w io.Writer, parts []MergePart) error {
	var out *sarifLog
	index := map[string]int{}
	inv := sarifInvocation{ExecutionSuccessful: true}
	for _, p := range parts {
		var l sarifLog
		if err := json.Unmarshal(p.Data, &l); err != nil {
			return fmt.Errorf("%s: %w", p.Name, err)
		}
		if len(l.Runs) != 1 {
			return fmt.Errorf("%s: %d runs, want the one ldfix writes", p.Name, len(l.Runs))
		}
		run := l.Runs[0]
		if out == nil {
			out = &sarifLog{Schema: l.Schema, Version: l.Version, Runs: []sarifRun{{Tool: run.Tool, ColumnKind: run.ColumnKind, Results: []sarifResult{}}}}
			out.Runs[0].Tool.Driver.Rules = []sarifRule{}
		} else if run.Tool.Driver.Name != out.Runs[0].Tool.Driver.Name || run.Tool.Driver.Version != out.Runs[0].Tool.Driver.Version {
			return fmt.Errorf("%s: written by %s %s, the first part by %s %s", p.Name,
				run.Tool.Driver.Name, run.Tool.Driver.Version, out.Runs[0].Tool.Driver.Name, out.Runs[0].Tool.Driver.Version)
		}
		o := &out.Runs[0]
		for _, r := range run.Tool.Driver.Rules {
			if _, ok := index[r.ID]; !ok {
				index[r.ID] = len(o.Tool.Driver.Rules)
				o.Tool.Driver.Rules = append(o.Tool.Driver.Rules, r)
			}
		}
		for _, res := range run.Results {
			i, ok := index[res.RuleID]
			if !ok {
				return fmt.Errorf("%s: result of rule %q, which its run does not list", p.Name, res.RuleID)
			}
			res.RuleIndex = i
			o.Results = append(o.Results, res)
		}
		for _, in := range run.Invocations {
			inv.ExecutionSuccessful = inv.ExecutionSuccessful && in.ExecutionSuccessful
			inv.Notifications = append(inv.Notifications, in.Notifications...)
		}
	}
	if out == nil {
		return fmt.Errorf("no parts to merge")
	}
	o := &out.Runs[0]
	o.Invocations = []sarifInvocation{inv}
	// Rules in ID order and results by file, as one run writes them.
	ids := slices.Clone(o.Tool.Driver.Rules)
	slices.SortFunc(ids, func(a, b sarifRule) int { return cmp.Compare(a.ID, b.ID) })
	for i, r := range ids {
		index[r.ID] = i
	}
	o.Tool.Driver.Rules = ids
	for i := range o.Results {
		o.Results[i].RuleIndex = index[o.Results[i].RuleID]
	}
	sort.SliceStable(o.Results, func(i, j int) bool { return resultFile(o.Results[i]) < resultFile(o.Results[j]) })
	return writeIndented(w, out)
}

func resultFile(r sarifResult) string {
	if len(r.Locations) == 0 {
		return ""
	}
	return r.Locations[0].PhysicalLocation.ArtifactLocation.URI
}

// ResultsFromJSON reads json reports back into results, for reports that
// need the findings of every part (the HTML report). Positions come from
// the report's line and column; the files' text is not in a json report, so
// a result's blocks carry no text.
func ResultsFromJSON(parts []MergePart) ([]FileResult, error) {
	var b bytes.Buffer
	if err := MergeJSON(&b, parts); err != nil {
		return nil, err
	}
	var d struct {
		Diagnostics []jsonDiag  `json:"diagnostics"`
		Files       []jsonFile  `json:"files"`
		Errors      []jsonError `json:"errors"`
	}
	if err := json.Unmarshal(b.Bytes(), &d); err != nil {
		return nil, err
	}
	byFile := map[string]*FileResult{}
	var order []string
	get := func(f string) *FileResult {
		r := byFile[f]
		if r == nil {
			r = &FileResult{Path: f}
			byFile[f] = r
			order = append(order, f)
		}
		return r
	}
	for _, f := range d.Files {
		r := get(f.File)
		for _, b := range f.Blocks {
			bi := BlockInfo{Index: b.Index, Span: source.Span{Start: b.Offset, End: b.EndOffset}, Types: b.Types, Original: []byte{}}
			if b.Repaired {
				bi.Repaired = []byte{}
			}
			r.Blocks = append(r.Blocks, bi)
			r.Places = append(r.Places, Place{Offset: b.Offset, Position: source.Position{Line: b.Line, Column: b.Column}})
		}
	}
	for _, e := range d.Errors {
		get(e.File).Err = fmt.Errorf("%s", e.Message)
	}
	for _, jd := range d.Diagnostics {
		r := get(jd.File)
		dg := diag.Diagnostic{Rule: jd.Rule, Severity: jd.Severity, Message: jd.Message, Pointer: jd.Pointer,
			Block: jd.Block, Span: source.Span{Start: jd.Offset, End: jd.EndOffset}, Feature: jd.Feature, URL: jd.URL}
		if jd.Fix != nil {
			dg.Fix = &diag.Fix{Title: jd.Fix.Title, Applicability: jd.Fix.Applicability}
			for _, e := range jd.Fix.Edits {
				dg.Fix.Edits = append(dg.Fix.Edits, diag.Edit{Span: source.Span{Start: e.Offset, End: e.EndOffset}, Text: e.Text})
			}
		}
		r.Diagnostics = append(r.Diagnostics, dg)
		r.Places = append(r.Places,
			Place{Offset: jd.Offset, Position: source.Position{Line: jd.Line, Column: jd.Column}},
			Place{Offset: jd.EndOffset, Position: source.Position{Line: jd.EndLine, Column: jd.EndColumn}})
	}
	out := make([]FileResult, 0, len(order))
	for _, f := range order {
		r := byFile[f]
		slices.SortFunc(r.Places, func(a, b Place) int { return cmp.Compare(a.Offset, b.Offset) })
		r.Places = slices.CompactFunc(r.Places, func(a, b Place) bool { return a.Offset == b.Offset })
		if r.Places == nil {
			r.Places = Places{}
		}
		out = append(out, *r)
	}
	slices.SortStableFunc(out, func(a, b FileResult) int { return cmp.Compare(a.Path, b.Path) })
	return out, nil
}

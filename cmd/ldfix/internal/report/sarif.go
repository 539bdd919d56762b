package report

import (
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"strings"

	"github.com/ldfix/ldfix/fixer/diag"
)

// SARIF 2.1.0 (OASIS Standard, 27 March 2020), the subset ldfix writes.
// Typed structs keep the output valid by construction; a test checks it
// against the published schema.

const (
	sarifVersion = "2.1.0"
	sarifSchema  = "https://json.schemastore.org/sarif-2.1.0.json"
)

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool        sarifTool         `json:"tool"`
	Invocations []sarifInvocation `json:"invocations"`
	ColumnKind  string            `json:"columnKind"`
	Results     []sarifResult     `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version,omitempty"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string             `json:"id"`
	Name                 string             `json:"name,omitempty"`
	ShortDescription     *sarifMessage      `json:"shortDescription,omitempty"`
	FullDescription      *sarifMessage      `json:"fullDescription,omitempty"`
	Help                 *sarifMessage      `json:"help,omitempty"`
	HelpURI              string             `json:"helpUri"`
	DefaultConfiguration sarifConfiguration `json:"defaultConfiguration"`
}

type sarifConfiguration struct {
	Level string `json:"level"`
}

type sarifMessage struct {
	Text string `json:"text"`
}

type sarifInvocation struct {
	ExecutionSuccessful bool                `json:"executionSuccessful"`
	Notifications       []sarifNotification `json:"toolExecutionNotifications,omitempty"`
}

type sarifNotification struct {
	Level     string          `json:"level"`
	Message   sarifMessage    `json:"message"`
	Locations []sarifLocation `json:"locations,omitempty"`
}

type sarifResult struct {
	RuleID    string          `json:"ruleId"`
	RuleIndex int             `json:"ruleIndex"`
	Level     string          `json:"level"`
	Message   sarifMessage    `json:"message"`
	Locations []sarifLocation `json:"locations"`
	// RelatedLocations are the occurrences a grouped finding stands for.
	RelatedLocations []sarifLocation `json:"relatedLocations,omitempty"`
	Fixes            []sarifFix      `json:"fixes,omitempty"`
	// PartialFingerprints let code scanning follow a finding across edits
	// that move it.
	PartialFingerprints map[string]string `json:"partialFingerprints,omitempty"`
	Properties          *sarifProperties  `json:"properties,omitempty"`
}

type sarifProperties struct {
	Pointer string `json:"pointer,omitempty"`
	Block   int    `json:"block"`
	Feature string `json:"feature,omitempty"`
	// Properties names the missing properties a G002 finding groups.
	Properties []string `json:"properties,omitempty"`
	// Rendered: found in the DOM after JavaScript ran; the region is then
	// left out, since the finding has no place in the file's bytes.
	Rendered bool `json:"rendered,omitempty"`
}

type sarifLocation struct {
	// ID tells related locations apart (SARIF §3.28.2); 0 is not written,
	// so related ones count from 1.
	ID               int           `json:"id,omitempty"`
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
	Message          *sarifMessage `json:"message,omitempty"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           *sarifRegion  `json:"region,omitempty"`
}

type sarifArtifact struct {
	URI string `json:"uri"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine,omitempty"`
	StartColumn int `json:"startColumn,omitempty"`
	EndLine     int `json:"endLine,omitempty"`
	EndColumn   int `json:"endColumn,omitempty"`
	ByteOffset  int `json:"byteOffset"`
	ByteLength  int `json:"byteLength"`
}

type sarifFix struct {
	Description     sarifMessage          `json:"description"`
	ArtifactChanges []sarifArtifactChange `json:"artifactChanges"`
}

type sarifArtifactChange struct {
	ArtifactLocation sarifArtifact      `json:"artifactLocation"`
	Replacements     []sarifReplacement `json:"replacements"`
}

type sarifReplacement struct {
	DeletedRegion   sarifRegion   `json:"deletedRegion"`
	InsertedContent *sarifContent `json:"insertedContent,omitempty"`
}

type sarifContent struct {
	Text string `json:"text"`
}

// SARIF writes a SARIF 2.1.0 log with one run. Columns count Unicode code
// points (columnKind unicodeCodePoints), as ldfix's columns do.
func SARIF(w io.Writer, results []FileResult, opts Options) error {
	return renderAll(w, "sarif", results, opts)
}

// writeSARIF writes the whole log: its rule list and invocation come
// before the results, so they are all needed first.
func writeSARIF(w io.Writer, results []FileResult, opts Options) error {
	ids := usedRules(results)
	index := map[string]int{}
	run := sarifRun{
		Tool: sarifTool{Driver: sarifDriver{
			Name: "ldfix", Version: opts.Version,
			InformationURI: "https://github.com/ldfix/ldfix",
			Rules:          []sarifRule{},
		}},
		ColumnKind: "unicodeCodePoints",
		Results:    []sarifResult{},
	}
	for i, id := range ids {
		index[id] = i
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sarifRuleOf(id, opts.HelpBase))
	}
	inv := sarifInvocation{ExecutionSuccessful: true}
	for _, r := range results {
		if r.Err != nil {
			inv.ExecutionSuccessful = false
			inv.Notifications = append(inv.Notifications, sarifNotification{
				Level: "error", Message: sarifMessage{Text: r.Err.Error()},
				Locations: []sarifLocation{{PhysicalLocation: sarifPhysical{ArtifactLocation: sarifArtifact{URI: artifactURI(r.Path)}}}},
			})
			continue
		}
		for _, d := range r.Diagnostics {
			run.Results = append(run.Results, sarifResultOf(r, d, index[d.Rule]))
		}
	}
	run.Invocations = []sarifInvocation{inv}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(sarifLog{Schema: sarifSchema, Version: sarifVersion, Runs: []sarifRun{run}})
}

func sarifRuleOf(id, helpBase string) sarifRule {
	out := sarifRule{ID: id, HelpURI: HelpURI(helpBase, id), DefaultConfiguration: sarifConfiguration{Level: "warning"}}
	r, ok := diag.Lookup(id)
	if !ok {
		return out
	}
	out.Name = r.Name
	out.ShortDescription = &sarifMessage{Text: r.Summary}
	out.DefaultConfiguration.Level = sarifLevel(r.Severity)
	if r.Why != "" {
		out.FullDescription = &sarifMessage{Text: r.Why}
	}
	out.Help = &sarifMessage{Text: helpText(r)}
	return out
}

func helpText(r diag.Rule) string {
	var b strings.Builder
	b.WriteString(r.Summary)
	if r.Why != "" {
		b.WriteString("\n\n" + r.Why)
	}
	if r.Bad != "" {
		b.WriteString("\n\nBad:\n" + r.Bad)
	}
	if r.Good != "" {
		b.WriteString("\n\nGood:\n" + r.Good)
	}
	return b.String()
}

func sarifLevel(s diag.Severity) string {
	switch s {
	case diag.Error:
		return "error"
	case diag.Warning:
		return "warning"
	}
	return "note"
}

func sarifResultOf(r FileResult, d diag.Diagnostic, ruleIndex int) sarifResult {
	uri := artifactURI(r.Path)
	region := regionOf(r, d.Span.Start, d.Span.End)
	msg := d.Message
	if r.Rendered {
		uri, region, msg = artifactURI(r.Page), nil, r.Path+": "+d.Message
	}
	res := sarifResult{
		RuleID: d.Rule, RuleIndex: ruleIndex, Level: sarifLevel(d.Severity),
		Message:             sarifMessage{Text: withHelp(msg, d)},
		Locations:           []sarifLocation{{PhysicalLocation: sarifPhysical{ArtifactLocation: sarifArtifact{URI: uri}, Region: region}}},
		PartialFingerprints: map[string]string{"ldfix/v1": fingerprint(r.Path, d)},
		Properties:          &sarifProperties{Pointer: d.Pointer, Block: d.Block, Feature: d.Feature, Rendered: r.Rendered, Properties: d.Properties},
	}
	for i, s := range d.Related {
		if r.Rendered {
			// The places lie in the rendered DOM, not in a file.
			break
		}
		res.RelatedLocations = append(res.RelatedLocations, sarifLocation{
			ID:               i + 1,
			PhysicalLocation: sarifPhysical{ArtifactLocation: sarifArtifact{URI: uri}, Region: regionOf(r, s.Start, s.End)},
			Message:          &sarifMessage{Text: fmt.Sprintf("occurrence %d of %d", i+1, len(d.Related))},
		})
	}
	// A suggestion is a fix too: viewers that offer fixes show it, and its
	// description says ldfix fix does not write it. A rendered finding has
	// no file to change.
	if d.Fix != nil && len(d.Fix.Edits) > 0 && !r.Rendered {
		change := sarifArtifactChange{ArtifactLocation: sarifArtifact{URI: uri}}
		for _, e := range d.Fix.Edits {
			rep := sarifReplacement{DeletedRegion: *regionOf(r, e.Span.Start, e.Span.End)}
			if e.Text != "" {
				rep.InsertedContent = &sarifContent{Text: e.Text}
			}
			change.Replacements = append(change.Replacements, rep)
		}
		desc := d.Fix.Title
		switch d.Fix.Applicability {
		case diag.Unsafe:
			desc += " (unsafe: needs --unsafe-fixes)"
		case diag.DisplayOnly:
			desc += " (suggestion: ldfix fix does not write it)"
		}
		res.Fixes = []sarifFix{{Description: sarifMessage{Text: desc}, ArtifactChanges: []sarifArtifactChange{change}}}
	}
	return res
}

func regionOf(r FileResult, start, end int) *sarifRegion {
	p := r.locate(sourceSpan(start, end))
	o := r.stored(sourceSpan(start, end))
	return &sarifRegion{
		StartLine: p.start.Line, StartColumn: p.start.Column,
		EndLine: p.end.Line, EndColumn: p.end.Column,
		ByteOffset: o.Start, ByteLength: max(0, o.End-o.Start),
	}
}

// artifactURI turns a path as given on the command line into a URI
// reference: relative paths stay relative (GitHub resolves them against the
// repository root), absolute ones become file URIs, URLs stay as they are.
func artifactURI(p string) string {
	if strings.HasPrefix(p, "http://") || strings.HasPrefix(p, "https://") {
		return p
	}
	slash := filepath.ToSlash(p)
	u := url.URL{Path: slash}
	if filepath.IsAbs(p) {
		u.Scheme = "file"
		if !strings.HasPrefix(slash, "/") {
			u.Path = "/" + slash
		}
	}
	s := u.String()
	// A relative path whose first segment holds a colon would read as a
	// scheme; url.URL already guards that with "./".
	return s
}

package shapes

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"

	"github.com/ldfix/ldfix/fixer/diag"
	"github.com/ldfix/ldfix/fixer/jsonpos"
	"github.com/ldfix/ldfix/fixer/source"
	"github.com/xeipuuv/gojsonschema"
)

// House rules: users' own JSON Schema shapes.
//
// A shape file is a JSON Schema (draft-07) with these extra top-level keys:
//
//	"x-ldfix-types":    ["NewsArticle"]  required: the @type values it applies to
//	"x-ldfix-severity": "warning"        optional: error (default), warning or info
//	"x-ldfix-url":      "https://…"      optional: the page documenting the rule
//	"title":            "…"              optional: the name findings use (default: file name)
//
// The shape sees each node as written, with {"@id"} references resolved.
// Formats named "ldfix-…" (ldfix-url, ldfix-iso8601-date, …) are the value
// checks of the built-in shapes. References to other files are refused: a
// shape must not make ldfix read the network.
const ruleHouse = "G090"

func init() {
	diag.Register(diag.Rule{
		ID: ruleHouse, Name: "house-rule", Severity: diag.Error, Fixable: diag.FixNever,
		Summary:   "a node breaks one of the project's own shapes given with --shapes",
		Why:       "Teams add rules Google does not make, such as \"our NewsArticle must carry author.url\", as JSON Schema files; each finding names the shape it breaks.",
		Bad:       `{"@type": "NewsArticle", "author": {"@type": "Person", "name": "Ann"}}`,
		Good:      `{"@type": "NewsArticle", "author": {"@type": "Person", "name": "Ann", "url": "https://example.com/ann"}}`,
		FixSafety: "no fix: house rules describe content",
	})
}

type customShape struct {
	name     string
	file     string
	url      string
	types    map[string]bool
	severity diag.Severity
	schema   *gojsonschema.Schema
}

// maxCustomDepth bounds how deep a node is unfolded for a house shape.
const maxCustomDepth = 32

func loadCustomDir(dir string) ([]*customShape, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		return nil, fmt.Errorf("reading shapes directory %s: %w", dir, err)
	}
	if st, err := os.Stat(dir); err != nil {
		return nil, fmt.Errorf("reading shapes directory: %w", err)
	} else if !st.IsDir() {
		return nil, fmt.Errorf("shapes directory %s is not a directory", dir)
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("shapes directory %s holds no *.json files", dir)
	}
	var out []*customShape
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, fmt.Errorf("reading shape: %w", err)
		}
		cs, err := parseCustom(f, data)
		if err != nil {
			return nil, err
		}
		out = append(out, cs)
	}
	return out, nil
}

// positioned prefixes an error with file:line:col.
func positioned(file string, data []byte, off int, format string, args ...any) error {
	p := source.New(file, data).Position(off)
	return fmt.Errorf("%s:%d:%d: %s", file, p.Line, p.Column, fmt.Sprintf(format, args...))
}

// parseCustom compiles one house shape; file names it in errors.
func parseCustom(file string, data []byte) (*customShape, error) {
	doc, err := jsonpos.Parse(data)
	if err != nil {
		var se *jsonpos.SyntaxError
		if errors.As(err, &se) {
			return nil, positioned(file, data, se.Offset, "invalid JSON: %s", se.Msg)
		}
		return nil, fmt.Errorf("%s: invalid JSON: %w", file, err)
	}
	root, ok := doc.Value.(map[string]any)
	if !ok {
		return nil, positioned(file, data, doc.Root.Span.Start, "a shape must be a JSON object (a JSON Schema)")
	}
	at := func(ptr string) int {
		if n, ok := doc.Lookup(ptr); ok {
			return n.Span.Start
		}
		return doc.Root.Span.Start
	}
	cs := &customShape{file: file, name: strings.TrimSuffix(filepath.Base(file), ".json"), severity: diag.Error, types: map[string]bool{}}
	rawTypes, ok := root["x-ldfix-types"]
	if !ok {
		return nil, positioned(file, data, doc.Root.Span.Start, `missing "x-ldfix-types": list the @type values the shape applies to, e.g. ["NewsArticle"]`)
	}
	list, ok := rawTypes.([]any)
	if !ok || len(list) == 0 {
		return nil, positioned(file, data, at("/x-ldfix-types"), `"x-ldfix-types" must be a non-empty list of type names`)
	}
	for i, t := range list {
		s, ok := t.(string)
		if !ok || s == "" {
			return nil, positioned(file, data, at(fmt.Sprintf("/x-ldfix-types/%d", i)), `"x-ldfix-types" must hold type names`)
		}
		for _, n := range typeNames(s) {
			cs.types[n] = true
		}
	}
	if sv, ok := root["x-ldfix-severity"]; ok {
		s, _ := sv.(string)
		sev, err := diag.ParseSeverity(s)
		if err != nil {
			return nil, positioned(file, data, at("/x-ldfix-severity"), `"x-ldfix-severity": %v`, err)
		}
		cs.severity = sev
	}
	if u, ok := root["x-ldfix-url"].(string); ok {
		cs.url = u
	}
	if t, ok := root["title"].(string); ok && t != "" {
		cs.name = t
	}
	if ptr, ok := remoteRef(root, ""); ok {
		return nil, positioned(file, data, at(ptr), `"$ref" may only point inside the shape ("#/…"): ldfix never reads the network`)
	}
	if cs.schema, err = compile(data); err != nil {
		return nil, fmt.Errorf("%s: invalid JSON Schema: %w", file, err)
	}
	return cs, nil
}

// remoteRef finds a "$ref" that leaves the document.
func remoteRef(v any, ptr string) (string, bool) {
	switch x := v.(type) {
	case map[string]any:
		for _, k := range sortedKeys(x) {
			p := jsonpos.Join(ptr, k)
			if s, ok := x[k].(string); ok && k == "$ref" && !strings.HasPrefix(s, "#") {
				return p, true
			}
			if r, ok := remoteRef(x[k], p); ok {
				return r, true
			}
		}
	case []any:
		for i, e := range x {
			if r, ok := remoteRef(e, jsonpos.Join(ptr, fmt.Sprint(i))); ok {
				return r, true
			}
		}
	}
	return "", false
}

var digits = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[0-9]+$`) })

func (c *checker) custom(cs *customShape) {
	for _, n := range c.w.nodes {
		if !hasAnyType(n.types, cs.types) {
			continue
		}
		r, err := cs.schema.Validate(c.prepare(n, maxCustomDepth, false))
		if err != nil {
			continue
		}
		typ := typeOf(n, &entity{types: cs.types})
		for _, re := range r.Errors() {
			switch re.Type() {
			case "number_all_of", "number_any_of", "number_one_of", "condition_then", "condition_else":
				continue // the errors inside say what is wrong
			}
			tokens := strings.Split(re.Context().String(sep), sep)
			var props []string
			for _, t := range tokens[1:] {
				if !digits().MatchString(t) {
					props = append(props, t)
				}
			}
			f := Finding{Rule: ruleHouse, Severity: cs.severity, Pointer: c.w.locate(n.obj, n.ptr, tokens, maxCustomDepth, false), Feature: cs.name, URL: cs.url}
			if re.Type() == "required" {
				name, _ := re.Details()["property"].(string)
				f.Message = fmt.Sprintf("property %q is missing on type %q, which house shape %q requires", strings.Join(append(props, name), "."), typ, cs.name)
			} else {
				what := lowerFirst(description(re))
				if format, _ := re.Details()["format"].(string); re.Type() == "format" && strings.HasPrefix(format, "ldfix-") {
					kind := formatKind(format)
					what = fmt.Sprintf("is %s, expected %s", describe(re.Value(), kind), expected(&checkDef{Kind: kind}))
				}
				f.Message = fmt.Sprintf("property %q on type %q breaks house shape %q: %s", strings.Join(props, "."), typ, cs.name, what)
			}
			c.add(f)
		}
	}
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// Package ldctx holds the schema.org JSON-LD context, embedded, and a
// json-gold document loader that serves it for every spelling of the
// schema.org context URL that real pages use and refuses every other URL
// without touching the network. It also keeps the processed context, since
// processing the 200 KB context costs far more than expanding a block.
package ldctx

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"sync"

	"github.com/piprate/json-gold/ld"
)

// contextJSON is schemaorgcontext.jsonld of schema.org release 30.0, the
// file schema.org serves at /docs/jsonldcontext.json and for content
// negotiation on https://schema.org/.
//
//go:embed schemaorgcontext.jsonld
var contextJSON []byte

// URL is the canonical spelling of the schema.org context.
const URL = "https://schema.org/"

// IsSchemaOrg reports whether u names the schema.org context: http or
// https, schema.org or one of its hosts (www., pending., the hosted
// extensions such as health-lifesci.), with or without a trailing slash,
// and the documented context files under /docs/ (jsonldcontext.json,
// jsonldcontext.jsonld, jsonldcontext.json.txt).
func IsSchemaOrg(u string) bool {
	p, err := url.Parse(strings.TrimSpace(u))
	if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.User != nil || p.RawQuery != "" || p.Fragment != "" {
		return false
	}
	host := strings.ToLower(p.Hostname())
	if p.Port() != "" || (host != "schema.org" && !strings.HasSuffix(host, ".schema.org")) {
		return false
	}
	switch strings.TrimSuffix(p.Path, "/") {
	case "", "/docs/jsonldcontext.json", "/docs/jsonldcontext.jsonld", "/docs/jsonldcontext.json.txt":
		return true
	}
	return false
}

// RefusedError is returned for a context URL that is not schema.org's. No
// request was made.
type RefusedError struct{ URL string }

func (e *RefusedError) Error() string {
	return fmt.Sprintf("remote context %q is not fetched: only the schema.org context is available offline", e.URL)
}

// Loader is a json-gold DocumentLoader that never uses the network.
type Loader struct{}

// LoadDocument serves the embedded schema.org context for every schema.org
// spelling and refuses everything else with a *RefusedError.
func (Loader) LoadDocument(u string) (*ld.RemoteDocument, error) {
	if !IsSchemaOrg(u) {
		return nil, &RefusedError{URL: u}
	}
	doc, err := Document()
	if err != nil {
		return nil, err
	}
	return &ld.RemoteDocument{DocumentURL: u, Document: doc}, nil
}

// Document returns a fresh decoded copy of the context document
// ({"@context": {…}}), so callers may not disturb one another.
func Document() (any, error) {
	d := json.NewDecoder(bytes.NewReader(contextJSON))
	var doc any
	if err := d.Decode(&doc); err != nil {
		return nil, fmt.Errorf("decoding the embedded schema.org context: %w", err)
	}
	return doc, nil
}

// Raw returns the embedded context file's bytes.
func Raw() []byte { return bytes.Clone(contextJSON) }

// Options returns json-gold options that use Loader, so nothing reaches
// the network.
func Options() *ld.JsonLdOptions {
	o := ld.NewJsonLdOptions("")
	o.DocumentLoader = Loader{}
	return o
}

// trimmedJSON is Trim applied to contextJSON, generated so that start-up
// decodes 14 KB instead of 200 KB (TestTrimmedIsFresh keeps it in step).
// The generator copies the context from the shared schema.org data and
// writes both files.
//
//go:generate go run ../internal/gen/vocab -context ../../../shared/schemaorg/schemaorgcontext.jsonld -outdir .
//go:embed schemaorgcontext.trimmed.json
var trimmedJSON []byte

var (
	processedOnce sync.Once
	processed     *ld.Context
	processedErr  error
)

// Processed returns the active context that results from processing the
// schema.org context on an empty one, computed once. Callers must treat it
// as read-only: json-gold's context processing copies the context it starts
// from, so it is safe to Parse further contexts on top of it, but a
// *ld.Context placed inside a local context array is used as is, and must
// then be a copy (ld.CopyContext) if more entries follow it.
//
// It is processed from a trimmed copy of the context (see Trim), which
// expands exactly as the full one; TestTrimmedExpandsAlike checks every
// term. Processing the full context costs about 11 ms, the trimmed one a
// small fraction of that.
func Processed() (*ld.Context, error) {
	processedOnce.Do(func() {
		var local map[string]any
		if err := json.Unmarshal(trimmedJSON, &local); err != nil {
			processedErr = fmt.Errorf("decoding the trimmed schema.org context: %w", err)
			return
		}
		processed, processedErr = ld.NewContext(nil, Options()).Parse(local)
	})
	return processed, processedErr
}

// Trim returns a schema.org context file's local context without the term
// definitions that its @vocab already implies: of 3003 terms most are
// {"@id": "schema:term"}, which expand exactly as @vocab does, so only
// prefixes, aliases and type coercions such as "url": {"@id": "schema:url",
// "@type": "@id"} are kept. The output is indented JSON with sorted keys.
func Trim(contextFile []byte) ([]byte, error) {
	var doc struct {
		Context map[string]json.RawMessage `json:"@context"`
	}
	if err := json.Unmarshal(contextFile, &doc); err != nil {
		return nil, fmt.Errorf("decoding the schema.org context: %w", err)
	}
	if doc.Context == nil {
		return nil, fmt.Errorf("the schema.org context file has no @context object")
	}
	out := make(map[string]json.RawMessage, 256)
	var buf bytes.Buffer
	for term, raw := range doc.Context {
		buf.Reset()
		if err := json.Compact(&buf, raw); err != nil {
			return nil, err
		}
		if buf.String() == `{"@id":"schema:`+term+`"}` {
			continue
		}
		out[term] = json.RawMessage(bytes.Clone(buf.Bytes()))
	}
	b, err := json.MarshalIndent(out, "", " ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

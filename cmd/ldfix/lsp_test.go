package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/sourcegraph/jsonrpc2"
	protocol "github.com/tliron/glsp/protocol_3_16"

	"github.com/ldfix/ldfix/fixer/source/sharedtest"
)

// lspClient is an editor's side of `ldfix lsp`: it starts the server as a
// process and speaks JSON-RPC to it over the process's stdin and stdout.
type lspClient struct {
	t    testing.TB
	cmd  *exec.Cmd
	conn *jsonrpc2.Conn
	mu   sync.Mutex
	// published holds every publishDiagnostics notification, in order.
	published []published
	messages  []string
	notified  chan struct{}
}

type pipes struct {
	io.ReadCloser
	io.WriteCloser
}

func (p pipes) Close() error { p.WriteCloser.Close(); return p.ReadCloser.Close() }

func startLSP(t testing.TB, dir string, args ...string) *lspClient {
	t.Helper()
	bin, err := exec.LookPath("ldfix")
	if err != nil {
		t.Skipf("the ldfix test command is not on PATH: %v", err)
	}
	cmd := exec.Command(bin, append([]string{"lsp"}, args...)...)
	cmd.Dir = dir
	cmd.Stderr = os.Stderr
	in, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	c := &lspClient{t: t, cmd: cmd, notified: make(chan struct{}, 100)}
	c.conn = jsonrpc2.NewConn(context.Background(), jsonrpc2.NewBufferedStream(pipes{out, in}, jsonrpc2.VSCodeObjectCodec{}),
		jsonrpc2.HandlerWithError(c.handle), jsonrpc2.SetLogger(log.New(io.Discard, "", 0)))
	t.Cleanup(func() {
		c.conn.Close()
		cmd.Process.Kill()
		cmd.Wait()
	})
	return c
}

func (c *lspClient) handle(_ context.Context, _ *jsonrpc2.Conn, req *jsonrpc2.Request) (any, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	switch req.Method {
	case protocol.ServerTextDocumentPublishDiagnostics:
		var p published
		if err := json.Unmarshal(*req.Params, &p); err != nil {
			c.t.Errorf("publishDiagnostics: %v", err)
		}
		c.published = append(c.published, p)
	case protocol.ServerWindowShowMessage:
		var p protocol.ShowMessageParams
		json.Unmarshal(*req.Params, &p)
		c.messages = append(c.messages, p.Message)
	}
	select {
	case c.notified <- struct{}{}:
	default:
	}
	return nil, nil
}

func (c *lspClient) call(method string, params, result any) {
	c.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := c.conn.Call(ctx, method, params, result); err != nil {
		c.t.Fatalf("%s: %v", method, err)
	}
}

func (c *lspClient) notify(method string, params any) {
	c.t.Helper()
	if err := c.conn.Notify(context.Background(), method, params); err != nil {
		c.t.Fatalf("%s: %v", method, err)
	}
}

// published is publishDiagnostics as the test reads it: the protocol
// package's IntegerOrString drops the value it decodes, so the rule code
// is read here as the string ldfix sends.
type published struct {
	URI         string    `json:"uri"`
	Version     *int      `json:"version"`
	Diagnostics []pubDiag `json:"diagnostics"`
}

type pubDiag struct {
	protocol.Diagnostic
	Code string `json:"code"`
}

// diagnostics waits for the findings published for version of uri.
func (c *lspClient) diagnostics(uri string, version int) []pubDiag {
	c.t.Helper()
	deadline := time.After(30 * time.Second)
	for {
		c.mu.Lock()
		for i := len(c.published) - 1; i >= 0; i-- {
			p := c.published[i]
			if p.URI == uri && p.Version != nil && int(*p.Version) == version {
				c.mu.Unlock()
				return p.Diagnostics
			}
		}
		c.mu.Unlock()
		select {
		case <-c.notified:
		case <-time.After(50 * time.Millisecond):
		case <-deadline:
			c.t.Fatalf("no diagnostics for version %d of %s (messages: %q)", version, uri, c.messages)
		}
	}
}

func (c *lspClient) initialize(root string) {
	c.t.Helper()
	rootURI := "file://" + filepath.ToSlash(root)
	var res protocol.InitializeResult
	c.call(protocol.MethodInitialize, map[string]any{
		"processId": nil,
		"rootUri":   rootURI,
		"capabilities": map[string]any{
			"workspace": map[string]any{"didChangeWatchedFiles": map[string]any{"dynamicRegistration": true}},
		},
	}, &res)
	if res.ServerInfo == nil || res.ServerInfo.Name != "ldfix" || res.Capabilities.HoverProvider != true {
		c.t.Fatalf("initialize result: %+v", res)
	}
	c.notify(protocol.MethodInitialized, protocol.InitializedParams{})
}

func (c *lspClient) shutdown() int {
	c.t.Helper()
	c.call(protocol.MethodShutdown, nil, nil)
	c.notify(protocol.MethodExit, nil)
	done := make(chan error, 1)
	go func() { done <- c.cmd.Wait() }()
	select {
	case err := <-done:
		if ee, ok := err.(*exec.ExitError); ok {
			return ee.ExitCode()
		}
		if err != nil {
			c.t.Fatal(err)
		}
		return 0
	case <-time.After(10 * time.Second):
		c.t.Fatal("ldfix lsp did not exit after exit")
	}
	return -1
}

const lspPage = `<!doctype html>
<html><head>
<script type="application/ld+json">
{
  "@context": "https://schema.org",
  "@type": "Article",
  "headline": "Tides of the North Sea",
  "datePublishd": "2024-05-01",
  "author": {"@type": "Person", "name": "Ann Lee"},
}
</script>
</head><body></body></html>
`

func rules(ds []pubDiag) map[string]protocol.Diagnostic {
	out := map[string]protocol.Diagnostic{}
	for _, d := range ds {
		out[d.Code] = d.Diagnostic
	}
	return out
}

func plain(ds []pubDiag) []protocol.Diagnostic {
	out := make([]protocol.Diagnostic, len(ds))
	for i, d := range ds {
		out[i] = d.Diagnostic
	}
	return out
}

// TestLSPAsAnEditor opens a broken page, gets its findings, applies the
// offered fix, and sees the finding go; then hovers, changes the config
// and edits quickly, as an editor would.
func TestLSPAsAnEditor(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "page.html")
	if err := os.WriteFile(path, []byte(lspPage), 0o644); err != nil {
		t.Fatal(err)
	}
	uri := "file://" + filepath.ToSlash(path)
	c := startLSP(t, dir)
	c.initialize(dir)
	c.notify(protocol.MethodTextDocumentDidOpen, protocol.DidOpenTextDocumentParams{TextDocument: protocol.TextDocumentItem{
		URI: uri, LanguageID: "html", Version: 1, Text: lspPage,
	}})

	got := rules(c.diagnostics(uri, 1))
	j, ok := got["J020"]
	if _, v := got["V011"]; !ok || !v {
		t.Fatalf("want J020 and V011 for the broken page, got %v", keys(got))
	}
	if j.CodeDescription == nil || !strings.HasSuffix(j.CodeDescription.HRef, "#j020") {
		t.Errorf("J020 links %+v, want the rule's documentation", j.CodeDescription)
	}
	if j.Range.Start.Line != 8 || *j.Severity != protocol.DiagnosticSeverityError {
		t.Errorf("J020 at %+v severity %v, want line 9 (0-based 8), error", j.Range, *j.Severity)
	}
	// The misspelt property's rename is an unsafe fix: a quick fix that is
	// offered but not preferred.
	var renames []protocol.CodeAction
	c.call(protocol.MethodTextDocumentCodeAction, protocol.CodeActionParams{
		TextDocument: protocol.TextDocumentIdentifier{URI: uri},
		Range:        got["V011"].Range,
		Context:      protocol.CodeActionContext{Diagnostics: []protocol.Diagnostic{got["V011"]}},
	}, &renames)
	if !slices.ContainsFunc(renames, func(a protocol.CodeAction) bool {
		return strings.Contains(a.Title, `Rename to "datePublished" (V011, unsafe`) && a.IsPreferred != nil && !*a.IsPreferred
	}) {
		t.Errorf("want an unsafe quick fix renaming V011's key, got %+v", renames)
	}

	var actions []protocol.CodeAction
	c.call(protocol.MethodTextDocumentCodeAction, protocol.CodeActionParams{
		TextDocument: protocol.TextDocumentIdentifier{URI: uri},
		Range:        j.Range,
		Context:      protocol.CodeActionContext{Diagnostics: []protocol.Diagnostic{j}},
	}, &actions)
	var fix *protocol.CodeAction
	fixAll := false
	for i, a := range actions {
		if a.Kind != nil && *a.Kind == protocol.CodeActionKindQuickFix && strings.Contains(a.Title, "J020") {
			fix = &actions[i]
		}
		fixAll = fixAll || (a.Kind != nil && *a.Kind == kindFixAllForTest)
	}
	if fix == nil || fix.IsPreferred == nil || !*fix.IsPreferred || !fixAll {
		t.Fatalf("want a preferred J020 quick fix and a fix-all action, got %+v", actions)
	}
	fixed := applyEdits(t, lspPage, fix.Edit.Changes[uri])
	if strings.Contains(fixed, `"Ann Lee"},`) {
		t.Fatalf("the fix left the trailing comma:\n%s", fixed)
	}
	c.notify(protocol.MethodTextDocumentDidChange, protocol.DidChangeTextDocumentParams{
		TextDocument:   protocol.VersionedTextDocumentIdentifier{TextDocumentIdentifier: protocol.TextDocumentIdentifier{URI: uri}, Version: 2},
		ContentChanges: []any{protocol.TextDocumentContentChangeEventWhole{Text: fixed}},
	})
	got = rules(c.diagnostics(uri, 2))
	if _, ok := got["J020"]; ok {
		t.Errorf("J020 still reported after its fix: %v", keys(got))
	}
	if _, ok := got["V011"]; !ok {
		t.Errorf("V011 should remain: %v", keys(got))
	}

	var h protocol.Hover
	line, col := find(fixed, `"headline"`)
	c.call(protocol.MethodTextDocumentHover, protocol.HoverParams{TextDocumentPositionParams: protocol.TextDocumentPositionParams{
		TextDocument: protocol.TextDocumentIdentifier{URI: uri}, Position: protocol.Position{Line: line, Character: col + 3},
	}}, &h)
	md, _ := json.Marshal(h.Contents)
	for _, want := range []string{"Headline of the article", "recommended", "Article"} {
		if !strings.Contains(string(md), want) {
			t.Errorf("hover on headline %s lacks %q", md, want)
		}
	}

	// A config that ignores V011 (and names the CLI's html report, which the
	// editor does not use), written as another program would: the
	// server hears of it through the file watcher and checks again.
	if err := os.WriteFile(filepath.Join(dir, ".ldfix.yaml"), []byte("format: html\nignore: [V011]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c.mu.Lock()
	c.published = nil
	c.mu.Unlock()
	c.notify(protocol.MethodWorkspaceDidChangeWatchedFiles, protocol.DidChangeWatchedFilesParams{Changes: []protocol.FileEvent{{
		URI: "file://" + filepath.ToSlash(filepath.Join(dir, ".ldfix.yaml")), Type: protocol.FileChangeTypeCreated,
	}}})
	if _, ok := rules(c.diagnostics(uri, 2))["V011"]; ok {
		t.Error("V011 reported after .ldfix.yaml ignores it")
	}

	// Quick edits: only the last version is checked and published.
	c.mu.Lock()
	c.published = nil
	c.mu.Unlock()
	for v := 3; v <= 6; v++ {
		c.notify(protocol.MethodTextDocumentDidChange, protocol.DidChangeTextDocumentParams{
			TextDocument:   protocol.VersionedTextDocumentIdentifier{TextDocumentIdentifier: protocol.TextDocumentIdentifier{URI: uri}, Version: protocol.Integer(v)},
			ContentChanges: []any{protocol.TextDocumentContentChangeEventWhole{Text: strings.Replace(lspPage, "North", strings.Repeat("N", v), 1)}},
		})
	}
	c.diagnostics(uri, 6)
	c.mu.Lock()
	for _, p := range c.published {
		if *p.Version != 6 {
			t.Errorf("diagnostics published for version %d, an older version than the editor's", *p.Version)
		}
	}
	c.mu.Unlock()

	// A broken config is reported, and checking goes on without it.
	if err := os.WriteFile(filepath.Join(dir, ".ldfix.yaml"), []byte("ignore: [V011\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c.mu.Lock()
	c.published = nil
	c.mu.Unlock()
	c.notify(protocol.MethodWorkspaceDidChangeWatchedFiles, protocol.DidChangeWatchedFilesParams{Changes: []protocol.FileEvent{{
		URI: "file://" + filepath.ToSlash(filepath.Join(dir, ".ldfix.yaml")), Type: protocol.FileChangeTypeChanged,
	}}})
	if _, ok := rules(c.diagnostics(uri, 6))["V011"]; !ok {
		t.Error("with a broken .ldfix.yaml, the page should be checked without it")
	}
	c.mu.Lock()
	msgs := strings.Join(c.messages, "\n")
	c.mu.Unlock()
	if !strings.Contains(msgs, ".ldfix.yaml") {
		t.Errorf("no message names the broken config: %q", msgs)
	}

	if code := c.shutdown(); code != 0 {
		t.Errorf("ldfix lsp exited %d after shutdown and exit, want 0", code)
	}
}

// TestLSPUnsafeFixOffered: a fix that guesses is offered, labelled unsafe
// and not preferred.
func TestLSPUnsafeFixOffered(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "data.jsonld")
	// A string left open in the middle of a minified line: where it ends is a guess.
	text := `{"@context":"https://schema.org","@type":"Thing","name":"a, "description":"b"}`
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	uri := "file://" + filepath.ToSlash(path)
	c := startLSP(t, dir)
	c.initialize(dir)
	c.notify(protocol.MethodTextDocumentDidOpen, protocol.DidOpenTextDocumentParams{TextDocument: protocol.TextDocumentItem{URI: uri, LanguageID: "json", Version: 1, Text: text}})
	ds := c.diagnostics(uri, 1)
	var actions []protocol.CodeAction
	c.call(protocol.MethodTextDocumentCodeAction, protocol.CodeActionParams{
		TextDocument: protocol.TextDocumentIdentifier{URI: uri},
		Range:        protocol.Range{End: protocol.Position{Character: protocol.UInteger(len(text))}},
		Context:      protocol.CodeActionContext{Diagnostics: plain(ds)},
	}, &actions)
	unsafe := false
	for _, a := range actions {
		if strings.Contains(a.Title, "unsafe") {
			unsafe = true
			if a.IsPreferred != nil && *a.IsPreferred {
				t.Errorf("unsafe action %q is preferred", a.Title)
			}
		}
	}
	if !unsafe {
		t.Errorf("no unsafe action offered for %v; got %+v", keys(rules(ds)), actions)
	}
	c.shutdown()
}

const kindFixAllForTest = protocol.CodeActionKind("source.fixAll.ldfix")

func keys(m map[string]protocol.Diagnostic) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// find returns the 0-based line and column of the first s in text (ASCII).
func find(text, s string) (protocol.UInteger, protocol.UInteger) {
	i := strings.Index(text, s)
	line := strings.Count(text[:i], "\n")
	col := i - (strings.LastIndex(text[:i], "\n") + 1)
	return protocol.UInteger(line), protocol.UInteger(col)
}

// applyEdits applies edits as an editor does: positions count UTF-16
// code units, and edits apply from the last to the first.
func applyEdits(t *testing.T, text string, edits []protocol.TextEdit) string {
	t.Helper()
	if len(edits) == 0 {
		t.Fatal("no edits")
	}
	off := func(p protocol.Position) int {
		i, line := 0, 0
		for line < int(p.Line) {
			j := strings.IndexByte(text[i:], '\n')
			if j < 0 {
				return len(text)
			}
			i, line = i+j+1, line+1
		}
		for units := 0; i < len(text) && text[i] != '\n' && units < int(p.Character); {
			r, n := utf8.DecodeRuneInString(text[i:])
			units += len(utf16.Encode([]rune{r}))
			i += n
		}
		return i
	}
	for i := len(edits) - 1; i >= 0; i-- {
		e := edits[i]
		text = text[:off(e.Range.Start)] + e.NewText + text[off(e.Range.End):]
	}
	return text
}

// TestLSPFixAllRealPages: on real pages with J findings, the fix-all
// action leaves no J finding, as `ldfix fix` does.
func TestLSPFixAllRealPages(t *testing.T) {
	if testing.Short() {
		t.Skip("reads real pages; skipped with -short")
	}
	dir := sharedtest.Dir(t, "corpus/realworld")
	var pages []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".html") {
			pages = append(pages, p)
		}
		return nil
	})
	c := startLSP(t, t.TempDir())
	c.initialize(t.TempDir())
	tried := 0
	for i, p := range pages {
		if tried == 5 {
			break
		}
		data, err := os.ReadFile(p)
		if err != nil || !utf8.Valid(data) {
			continue // an editor holds text: pages not in UTF-8 are not opened as they are
		}
		uri := "file://" + filepath.ToSlash(p)
		c.notify(protocol.MethodTextDocumentDidOpen, protocol.DidOpenTextDocumentParams{TextDocument: protocol.TextDocumentItem{URI: uri, LanguageID: "html", Version: 1, Text: string(data)}})
		ds := c.diagnostics(uri, 1)
		if !hasJ(ds) {
			c.notify(protocol.MethodTextDocumentDidClose, protocol.DidCloseTextDocumentParams{TextDocument: protocol.TextDocumentIdentifier{URI: uri}})
			continue
		}
		var actions []protocol.CodeAction
		c.call(protocol.MethodTextDocumentCodeAction, protocol.CodeActionParams{
			TextDocument: protocol.TextDocumentIdentifier{URI: uri},
			Context:      protocol.CodeActionContext{Only: []protocol.CodeActionKind{"source.fixAll"}},
		}, &actions)
		if len(actions) == 0 {
			continue // a J finding without a safe fix (X023 and the like)
		}
		tried++
		fixed := applyEdits(t, string(data), actions[0].Edit.Changes[uri])
		c.notify(protocol.MethodTextDocumentDidChange, protocol.DidChangeTextDocumentParams{
			TextDocument:   protocol.VersionedTextDocumentIdentifier{TextDocumentIdentifier: protocol.TextDocumentIdentifier{URI: uri}, Version: 2},
			ContentChanges: []any{protocol.TextDocumentContentChangeEventWhole{Text: fixed}},
		})
		if after := c.diagnostics(uri, 2); hasJ(after) {
			t.Errorf("%s (page %d): J findings remain after fix-all: %v", p, i, keys(rules(after)))
		}
	}
	if tried == 0 {
		t.Skip("no real page with a safe fix found")
	}
	t.Logf("fixed %d real pages through the fix-all action", tried)
	c.shutdown()
}

func hasJ(ds []pubDiag) bool {
	for _, d := range ds {
		if strings.HasPrefix(d.Code, "J") {
			return true
		}
	}
	return false
}

// BenchmarkLSPOpen measures an editor's wait from opening the sample page
// to its diagnostics, through the running server (no debounce on open).
func BenchmarkLSPOpen(b *testing.B) {
	page, err := os.ReadFile("../../testdata/seed.txt")
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	c := startLSP(b, dir)
	c.initialize(dir)
	b.ResetTimer()
	for i := range b.N {
		uri := fmt.Sprintf("file://%s/page%d.html", filepath.ToSlash(dir), i)
		c.notify(protocol.MethodTextDocumentDidOpen, protocol.DidOpenTextDocumentParams{TextDocument: protocol.TextDocumentItem{URI: uri, LanguageID: "html", Version: 1, Text: string(page)}})
		c.diagnostics(uri, 1)
		c.notify(protocol.MethodTextDocumentDidClose, protocol.DidCloseTextDocumentParams{TextDocument: protocol.TextDocumentIdentifier{URI: uri}})
	}
}

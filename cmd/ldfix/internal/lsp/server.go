package lsp

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/sourcegraph/jsonrpc2"
	"github.com/tliron/glsp"
	protocol "github.com/tliron/glsp/protocol_3_16"

	"github.com/ldfix/ldfix/cmd/ldfix/internal/report"
	"github.com/ldfix/ldfix/fixer/diag"
)

type server struct {
	opts    Options
	handler protocol.Handler
	// slots bounds the checks running at once, whatever the number of
	// open documents.
	slots chan struct{}

	mu       sync.Mutex
	conn     *jsonrpc2.Conn
	root     string
	docs     map[protocol.DocumentUri]*document
	configs  map[string]*config // by config path; "" is no config
	watch    bool               // the client can watch files for us
	shutdown bool
	exited   bool
	stopped  bool
}

// document is an open document and what is known of its check.
type document struct {
	uri     protocol.DocumentUri
	path    string
	text    []byte
	version protocol.Integer
	timer   *time.Timer
	// running is set while a check of the document is in flight; at most
	// one runs per document, and again asks for another after it.
	running, again bool
	// result is the last published check, of text at checkedVersion.
	result         []diag.Diagnostic
	checkedText    []byte
	checkedVersion protocol.Integer
	checked        bool
}

// config is a loaded config file and the file state it was loaded from,
// so a change on disk is seen at the next check.
type config struct {
	path    string
	modTime time.Time
	size    int64
	p       Pipeline
	err     error
}

func newServer(opts Options) *server {
	s := &server{
		opts:    opts,
		slots:   make(chan struct{}, runtime.GOMAXPROCS(0)),
		docs:    map[protocol.DocumentUri]*document{},
		configs: map[string]*config{},
	}
	s.handler = protocol.Handler{
		Initialize:                     s.initialize,
		Initialized:                    s.initialized,
		Shutdown:                       s.shutdownFunc,
		SetTrace:                       func(*glsp.Context, *protocol.SetTraceParams) error { return nil },
		TextDocumentDidOpen:            s.didOpen,
		TextDocumentDidChange:          s.didChange,
		TextDocumentDidSave:            s.didSave,
		TextDocumentDidClose:           s.didClose,
		TextDocumentCodeAction:         s.codeAction,
		TextDocumentHover:              s.hover,
		WorkspaceDidChangeWatchedFiles: s.didChangeWatchedFiles,
		WorkspaceDidChangeConfiguration: func(*glsp.Context, *protocol.DidChangeConfigurationParams) error {
			s.recheckAll()
			return nil
		},
	}
	return s
}

func (s *server) setConn(c *jsonrpc2.Conn) {
	s.mu.Lock()
	s.conn = c
	s.mu.Unlock()
}

// handle routes one message to the protocol handler, which decodes the
// parameters into the protocol's types.
func (s *server) handle(ctx context.Context, conn *jsonrpc2.Conn, req *jsonrpc2.Request) (any, error) {
	if req.Method == protocol.MethodExit {
		s.mu.Lock()
		s.exited = true
		s.mu.Unlock()
		return nil, conn.Close()
	}
	gc := &glsp.Context{
		Method: req.Method,
		Notify: func(method string, params any) { s.notify(method, params) },
		Call: func(method string, params, result any) {
			if err := conn.Call(ctx, method, params, result); err != nil {
				s.logf("%s: %v", method, err)
			}
		},
	}
	if req.Params != nil {
		gc.Params = *req.Params
	}
	r, validMethod, validParams, err := s.handler.Handle(gc)
	switch {
	case !validMethod:
		if req.Notif || strings.HasPrefix(req.Method, "$/") {
			return nil, nil // optional notifications may be ignored
		}
		return nil, &jsonrpc2.Error{Code: jsonrpc2.CodeMethodNotFound, Message: fmt.Sprintf("method not supported: %s", req.Method)}
	case !validParams:
		msg := "invalid parameters"
		if err != nil {
			msg = err.Error()
		}
		return nil, &jsonrpc2.Error{Code: jsonrpc2.CodeInvalidParams, Message: msg}
	case err != nil:
		return nil, &jsonrpc2.Error{Code: jsonrpc2.CodeInvalidRequest, Message: err.Error()}
	}
	return r, nil
}

func (s *server) notify(method string, params any) {
	s.mu.Lock()
	conn := s.conn
	s.mu.Unlock()
	if conn == nil {
		return
	}
	if err := conn.Notify(context.Background(), method, params); err != nil && !errors.Is(err, jsonrpc2.ErrClosed) {
		s.logf("%s: %v", method, err)
	}
}

func (s *server) logf(format string, args ...any) {
	fmt.Fprintf(s.opts.Log, "ldfix lsp: "+format+"\n", args...)
}

func (s *server) logger() *log.Logger { return log.New(s.opts.Log, "ldfix lsp: ", 0) }

// exitErr is the protocol's rule for the exit status: exit without a
// shutdown request first is a failure.
func (s *server) exitErr() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.exited && !s.shutdown {
		return errors.New("exit without shutdown")
	}
	return nil
}

func (s *server) stop() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.stopped = true
	for _, d := range s.docs {
		if d.timer != nil {
			d.timer.Stop()
		}
	}
}

func (s *server) initialize(_ *glsp.Context, p *protocol.InitializeParams) (any, error) {
	s.mu.Lock()
	switch {
	case len(p.WorkspaceFolders) > 0:
		s.root = uriPath(p.WorkspaceFolders[0].URI)
	case p.RootURI != nil:
		s.root = uriPath(*p.RootURI)
	case p.RootPath != nil:
		s.root = *p.RootPath
	}
	if w := p.Capabilities.Workspace; w != nil && w.DidChangeWatchedFiles != nil && w.DidChangeWatchedFiles.DynamicRegistration != nil {
		s.watch = *w.DidChangeWatchedFiles.DynamicRegistration
	}
	s.mu.Unlock()
	sync := protocol.TextDocumentSyncKindIncremental
	yes := true
	return protocol.InitializeResult{
		Capabilities: protocol.ServerCapabilities{
			TextDocumentSync: protocol.TextDocumentSyncOptions{OpenClose: &yes, Change: &sync, Save: &protocol.SaveOptions{IncludeText: &yes}},
			HoverProvider:    true,
			CodeActionProvider: protocol.CodeActionOptions{
				CodeActionKinds: []protocol.CodeActionKind{protocol.CodeActionKindQuickFix, kindFixAll},
			},
		},
		ServerInfo: &protocol.InitializeResultServerInfo{Name: "ldfix", Version: &s.opts.Version},
	}, nil
}

// initialized asks the client to watch the config files, so that editing
// .ldfix.yaml outside the editor is seen too. The request is sent from
// another goroutine: its answer is read by the loop this handler runs on.
func (s *server) initialized(ctx *glsp.Context, _ *protocol.InitializedParams) error {
	s.mu.Lock()
	watch := s.watch
	s.mu.Unlock()
	if !watch || len(s.opts.ConfigNames) == 0 {
		return nil
	}
	glob := "**/{" + strings.Join(s.opts.ConfigNames, ",") + "}"
	go ctx.Call(protocol.ServerClientRegisterCapability, protocol.RegistrationParams{Registrations: []protocol.Registration{{
		ID:     "ldfix-config",
		Method: protocol.MethodWorkspaceDidChangeWatchedFiles,
		RegisterOptions: protocol.DidChangeWatchedFilesRegistrationOptions{
			Watchers: []protocol.FileSystemWatcher{{GlobPattern: glob}},
		},
	}}}, nil)
	return nil
}

func (s *server) shutdownFunc(*glsp.Context) error {
	s.mu.Lock()
	s.shutdown = true
	s.mu.Unlock()
	return nil
}

func (s *server) didOpen(_ *glsp.Context, p *protocol.DidOpenTextDocumentParams) error {
	d := &document{uri: p.TextDocument.URI, path: docPath(p.TextDocument.URI, p.TextDocument.LanguageID),
		text: []byte(p.TextDocument.Text), version: p.TextDocument.Version}
	s.mu.Lock()
	s.docs[d.uri] = d
	s.mu.Unlock()
	if s.isConfig(d.path) {
		return nil
	}
	s.schedule(d.uri, 0)
	return nil
}

func (s *server) didChange(_ *glsp.Context, p *protocol.DidChangeTextDocumentParams) error {
	s.mu.Lock()
	d := s.docs[p.TextDocument.URI]
	if d == nil {
		s.mu.Unlock()
		return fmt.Errorf("document %s is not open", p.TextDocument.URI)
	}
	for _, c := range p.ContentChanges {
		switch c := c.(type) {
		case protocol.TextDocumentContentChangeEventWhole:
			d.text = []byte(c.Text)
		case protocol.TextDocumentContentChangeEvent:
			if c.Range == nil {
				d.text = []byte(c.Text)
				continue
			}
			l := newLines(d.text)
			start, end := l.offset(c.Range.Start), l.offset(c.Range.End)
			if end < start {
				start, end = end, start
			}
			d.text = slices.Concat(d.text[:start:start], []byte(c.Text), d.text[end:])
		}
	}
	d.version = p.TextDocument.Version
	s.mu.Unlock()
	if !s.isConfig(d.path) {
		s.schedule(d.uri, s.opts.Debounce)
	}
	return nil
}

// didSave of a config file opened in the editor makes every document be
// checked again with it.
func (s *server) didSave(ctx *glsp.Context, p *protocol.DidSaveTextDocumentParams) error {
	if s.isConfig(uriPath(p.TextDocument.URI)) {
		return s.didChangeWatchedFiles(ctx, &protocol.DidChangeWatchedFilesParams{Changes: []protocol.FileEvent{{URI: p.TextDocument.URI}}})
	}
	return nil
}

func (s *server) didClose(_ *glsp.Context, p *protocol.DidCloseTextDocumentParams) error {
	s.mu.Lock()
	d := s.docs[p.TextDocument.URI]
	delete(s.docs, p.TextDocument.URI)
	if d != nil && d.timer != nil {
		d.timer.Stop()
	}
	s.mu.Unlock()
	// The findings of a closed document are withdrawn, as the protocol
	// leaves them to the server.
	s.notify(protocol.ServerTextDocumentPublishDiagnostics, protocol.PublishDiagnosticsParams{URI: p.TextDocument.URI, Diagnostics: []protocol.Diagnostic{}})
	return nil
}

// didChangeWatchedFiles drops the loaded configs when one changes: the
// file's time and size, which every check compares, may not change within
// the file system's time resolution.
func (s *server) didChangeWatchedFiles(_ *glsp.Context, p *protocol.DidChangeWatchedFilesParams) error {
	for _, c := range p.Changes {
		if s.isConfig(uriPath(c.URI)) {
			s.mu.Lock()
			clear(s.configs)
			s.mu.Unlock()
			s.recheckAll()
			return nil
		}
	}
	return nil
}

func (s *server) isConfig(path string) bool {
	return slices.Contains(s.opts.ConfigNames, filepath.Base(path))
}

func (s *server) recheckAll() {
	s.mu.Lock()
	var uris []protocol.DocumentUri
	for u, d := range s.docs {
		if !s.isConfig(d.path) {
			uris = append(uris, u)
		}
	}
	s.mu.Unlock()
	for _, u := range uris {
		s.schedule(u, 0)
	}
}

// schedule starts a check of the document after delay; a change within
// the delay pushes it back, so typing checks once, when it pauses.
func (s *server) schedule(uri protocol.DocumentUri, delay time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.docs[uri]
	if d == nil || s.stopped {
		return
	}
	if d.timer != nil {
		d.timer.Stop()
	}
	d.timer = time.AfterFunc(delay, func() { s.run(uri) })
}

// run checks the document's current text and publishes the result if the
// document has not changed meanwhile: an editor shows findings of the text
// it holds, never of an older version.
func (s *server) run(uri protocol.DocumentUri) {
	s.mu.Lock()
	d := s.docs[uri]
	if d == nil || s.stopped {
		s.mu.Unlock()
		return
	}
	if d.running {
		d.again = true
		s.mu.Unlock()
		return
	}
	d.running = true
	text, version, path := d.text, d.version, d.path
	s.mu.Unlock()

	ds, err := s.check(path, text)

	s.mu.Lock()
	d.running = false
	current := s.docs[uri] == d && d.version == version
	again := (d.again || !current) && s.docs[uri] == d
	d.again = false
	if current && err == nil {
		d.result, d.checkedText, d.checkedVersion, d.checked = ds, text, version, true
	}
	s.mu.Unlock()
	switch {
	case err != nil:
		s.logf("%s: %v", path, err)
		s.showMessage(protocol.MessageTypeError, fmt.Sprintf("ldfix: %s: %v", filepath.Base(path), err))
	case current:
		s.publish(uri, text, version, ds)
	}
	if again {
		s.schedule(uri, 0)
	}
}

// check runs the pipeline on text within a slot. When it takes longer
// than the timeout the user is told, since the editor shows nothing
// meanwhile; the check cannot be stopped midway, so its result still comes.
func (s *server) check(path string, text []byte) ([]diag.Diagnostic, error) {
	if s.opts.MaxSize > 0 && len(text) > s.opts.MaxSize {
		return nil, fmt.Errorf("document of %d bytes is over the %d-byte limit; not checked", len(text), s.opts.MaxSize)
	}
	p, err := s.pipeline(path)
	if err != nil {
		return nil, err
	}
	s.slots <- struct{}{}
	defer func() { <-s.slots }()
	type result struct {
		ds  []diag.Diagnostic
		err error
	}
	done := make(chan result, 1)
	go func() {
		ds, err := p.Check(path, text)
		done <- result{ds, err}
	}()
	select {
	case r := <-done:
		return r.ds, r.err
	case <-time.After(s.opts.Timeout):
		s.logf("%s: the check is taking longer than %s", path, s.opts.Timeout)
		r := <-done
		return r.ds, r.err
	}
}

// pipeline returns the pipeline of the config that applies to path,
// loading it again when the file changed on disk. A config that does not
// load is reported once and the checks go on without it.
func (s *server) pipeline(path string) (Pipeline, error) {
	dir := s.root
	if dir == "" {
		dir = filepath.Dir(path)
	}
	cfgPath := ""
	if s.opts.FindConfig != nil {
		var err error
		if cfgPath, err = s.opts.FindConfig(dir); err != nil {
			return nil, err
		}
	}
	var mod time.Time
	var size int64
	if cfgPath != "" {
		if st, err := os.Stat(cfgPath); err == nil {
			mod, size = st.ModTime(), st.Size()
		}
	}
	s.mu.Lock()
	c := s.configs[cfgPath]
	if c != nil && c.modTime.Equal(mod) && c.size == size {
		s.mu.Unlock()
		if c.err != nil {
			return s.pipeline0()
		}
		return c.p, nil
	}
	s.mu.Unlock()
	p, err := s.opts.Load(cfgPath)
	s.mu.Lock()
	s.configs[cfgPath] = &config{path: cfgPath, modTime: mod, size: size, p: p, err: err}
	s.mu.Unlock()
	if err != nil {
		s.logf("%v", err)
		s.showMessage(protocol.MessageTypeError, fmt.Sprintf("ldfix: %v; checking without it", err))
		return s.pipeline0()
	}
	return p, nil
}

// pipeline0 is the pipeline without a config file.
func (s *server) pipeline0() (Pipeline, error) {
	s.mu.Lock()
	c := s.configs["\x00none"]
	s.mu.Unlock()
	if c != nil {
		return c.p, c.err
	}
	p, err := s.opts.Load("")
	s.mu.Lock()
	s.configs["\x00none"] = &config{p: p, err: err}
	s.mu.Unlock()
	return p, err
}

func (s *server) showMessage(t protocol.MessageType, msg string) {
	s.notify(protocol.ServerWindowShowMessage, protocol.ShowMessageParams{Type: t, Message: msg})
}

func (s *server) publish(uri protocol.DocumentUri, text []byte, version protocol.Integer, ds []diag.Diagnostic) {
	l := newLines(text)
	out := make([]protocol.Diagnostic, 0, len(ds))
	for _, d := range ds {
		out = append(out, toProtocol(l, d))
	}
	v := protocol.UInteger(version)
	s.notify(protocol.ServerTextDocumentPublishDiagnostics, protocol.PublishDiagnosticsParams{URI: uri, Version: &v, Diagnostics: out})
}

var severities = map[diag.Severity]protocol.DiagnosticSeverity{
	diag.Error:   protocol.DiagnosticSeverityError,
	diag.Warning: protocol.DiagnosticSeverityWarning,
	diag.Info:    protocol.DiagnosticSeverityInformation,
}

func toProtocol(l *lines, d diag.Diagnostic) protocol.Diagnostic {
	sev := severities[d.Severity]
	source := "ldfix"
	msg := d.Message
	if d.Fix != nil && d.Fix.Applicability == diag.DisplayOnly {
		msg += ": " + d.Fix.Title
	}
	return protocol.Diagnostic{
		Range:           l.span(d.Span.Start, d.Span.End),
		Severity:        &sev,
		Code:            &protocol.IntegerOrString{Value: d.Rule},
		CodeDescription: &protocol.CodeDescription{HRef: report.HelpURI("", d.Rule)},
		Source:          &source,
		Message:         msg,
		Data:            json.RawMessage(fmt.Sprintf(`{"pointer":%q,"block":%d}`, d.Pointer, d.Block)),
	}
}

// uriPath is the file path of a file: URI, or the URI itself for other
// schemes (an unsaved buffer).
func uriPath(uri protocol.DocumentUri) string {
	u, err := url.Parse(uri)
	if err != nil || u.Scheme != "file" {
		return uri
	}
	return filepath.FromSlash(u.Path)
}

// docPath is the name a document is checked under. The pipeline tells a
// page, a template and a JSON-LD file apart by the extension, so an
// unsaved buffer gets one from its language.
func docPath(uri protocol.DocumentUri, language string) string {
	p := uriPath(uri)
	if filepath.Ext(p) != "" && !strings.Contains(p, "://") {
		return p
	}
	if ext, ok := languageExt[language]; ok {
		return "untitled" + ext
	}
	return "untitled.html"
}

var languageExt = map[string]string{
	"html": ".html", "json": ".json", "jsonld": ".jsonld", "handlebars": ".hbs",
	"jinja": ".j2", "jinja-html": ".j2", "django-html": ".j2", "nunjucks": ".njk",
	"liquid": ".liquid", "gotmpl": ".tmpl", "go-template": ".tmpl", "twig": ".twig",
}

// Package lsp is the language server of `ldfix lsp`: it checks the
// structured data of the documents open in an editor as they change,
// publishes the findings as diagnostics with their rule's documentation,
// offers the fixes `ldfix fix` would write as code actions, and describes
// schema.org terms on hover. The check itself is the CLI's, handed in as a
// Pipeline, so a document reads the same in the editor and in CI.
package lsp

import (
	"context"
	"io"
	"time"

	"github.com/sourcegraph/jsonrpc2"

	"github.com/ldfix/ldfix/fixer/diag"
)

// Pipeline checks and fixes one document the way the CLI does.
type Pipeline interface {
	// Check returns the findings `ldfix check` reports for data, sorted.
	Check(path string, data []byte) ([]diag.Diagnostic, error)
	// Fix returns data as `ldfix fix` would write it, also applying the
	// unsafe fixes when unsafe is set, and whether anything changed.
	Fix(path string, data []byte, unsafe bool) ([]byte, bool)
}

// Options configure Serve.
type Options struct {
	// Load builds the pipeline for a config file; "" means no config.
	Load func(configPath string) (Pipeline, error)
	// FindConfig returns the config file that applies in dir, or "".
	FindConfig func(dir string) (string, error)
	// ConfigNames are the base names of config files, whose changes make
	// every open document be checked again.
	ConfigNames []string
	// Debounce is the quiet time after a change before a check starts.
	Debounce time.Duration
	// Timeout is how long a check may take before the user is told it is
	// slow; its result is still published if the document has not changed.
	Timeout time.Duration
	// MaxSize is the largest document checked, in bytes.
	MaxSize int
	// Version is reported to the client.
	Version string
	// Log receives the server's own messages (stderr): stdout is the
	// protocol's.
	Log io.Writer
}

// Serve speaks the protocol over r and w until the client sends exit or
// closes the stream. It returns an error when the client exits without
// asking to shut down first, as the protocol asks the server's exit status
// to show.
func Serve(ctx context.Context, r io.Reader, w io.Writer, opts Options) error {
	if opts.Debounce <= 0 {
		opts.Debounce = 200 * time.Millisecond
	}
	if opts.Timeout <= 0 {
		opts.Timeout = 5 * time.Second
	}
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	s := newServer(opts)
	stream := jsonrpc2.NewBufferedStream(readWriter{r, w}, jsonrpc2.VSCodeObjectCodec{})
	conn := jsonrpc2.NewConn(ctx, stream, jsonrpc2.HandlerWithError(s.handle), jsonrpc2.SetLogger(s.logger()))
	s.setConn(conn)
	select {
	case <-conn.DisconnectNotify():
	case <-ctx.Done():
		conn.Close()
	}
	s.stop()
	return s.exitErr()
}

// readWriter joins the two halves of stdio; closing leaves them open, as
// they belong to the process.
type readWriter struct {
	io.Reader
	io.Writer
}

func (readWriter) Close() error { return nil }

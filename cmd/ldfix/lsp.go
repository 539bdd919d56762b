package main

import (
	"context"
	"slices"

	"github.com/urfave/cli/v2"

	"github.com/ldfix/ldfix/cmd/ldfix/internal/lsp"
	"github.com/ldfix/ldfix/fixer/diag"
	"github.com/ldfix/ldfix/fixer/source"
)

// lspFlags are the check flags that mean something to an editor: what to
// check and which config to use. The format flag stays, hidden, because
// settings read rule selection only for commands that report.
func lspFlags() []cli.Flag {
	keep := []string{"select", "ignore", "config", "profile", "shapes", "vocab", "template"}
	out := []cli.Flag{&cli.StringFlag{Name: "format", Hidden: true}}
	for _, f := range commonFlags() {
		if slices.Contains(keep, f.Names()[0]) {
			out = append(out, f)
		}
	}
	return out
}

// lsp is `ldfix lsp`: a language server on stdin and stdout. The workspace's
// config is found and loaded by the server, which calls back here to turn
// it into the same checker `ldfix check` uses.
func (e *env) lsp(c *cli.Context) error {
	if _, err := e.settingsWith(c, &Config{}); err != nil {
		return err // a bad flag fails at start, not at the first document
	}
	find := findConfig
	if p := c.String("config"); p != "" {
		find = func(string) (string, error) { return p, nil }
	}
	err := lsp.Serve(context.Background(), e.stdin, e.stdout, lsp.Options{
		Load: func(path string) (lsp.Pipeline, error) {
			cfg := &Config{}
			if path != "" {
				var err error
				if cfg, err = loadConfig(path); err != nil {
					return nil, err
				}
			}
			// The report format of the config is the CLI's; the editor
			// gets diagnostics whatever it names.
			cfg.Format = ""
			s, err := e.settingsWith(c, cfg)
			if err != nil {
				return nil, err
			}
			return newLSPPipeline(s)
		},
		FindConfig:  find,
		ConfigNames: configNames,
		MaxSize:     source.DefaultMaxSize,
		Version:     versionString(),
		Log:         e.stderr,
	})
	if err != nil {
		return exitStatus(exitFindings)
	}
	return nil
}

// lspPipeline is the check and fix of `ldfix check` and `ldfix fix` for
// one document held in memory.
type lspPipeline struct {
	check, fix, fixUnsafe *checker
}

func newLSPPipeline(s *settings) (*lspPipeline, error) {
	k, err := newChecker(s, false)
	if err != nil {
		return nil, err
	}
	unsafe := *s
	unsafe.unsafe = true
	return &lspPipeline{
		check:     k,
		fix:       k.with(s, true),
		fixUnsafe: k.with(&unsafe, true),
	}, nil
}

func (p *lspPipeline) Check(path string, data []byte) ([]diag.Diagnostic, error) {
	r, _ := p.check.analyze(path, data)
	return r.Diagnostics, r.Err
}

func (p *lspPipeline) Fix(path string, data []byte, unsafe bool) ([]byte, bool) {
	k := p.fix
	if unsafe {
		k = p.fixUnsafe
	}
	_, cr := k.analyze(path, data)
	if cr == nil || !cr.Changed {
		return data, false
	}
	return cr.Output, true
}

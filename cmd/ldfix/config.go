package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/bmatcuk/doublestar/v4"
	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/parser"

	"github.com/ldfix/ldfix/fixer/check"
	"github.com/ldfix/ldfix/fixer/diag"
)

// configNames are the file names looked for in the working directory and
// its parents.
var configNames = []string{".ldfix.yaml", ".ldfix.yml"}

// Config is the content of .ldfix.yaml. Every field is optional; command
// line flags win over it.
type Config struct {
	// Select keeps only findings whose rule ID starts with one of these
	// (J, J004, V0); Ignore drops them. The longer match decides.
	Select []string `yaml:"select"`
	Ignore []string `yaml:"ignore"`
	// Severity changes the severity of rules or prefixes: error, warning,
	// info, or off.
	Severity map[string]string `yaml:"severity"`
	FailOn   string            `yaml:"fail-on"`
	Format   string            `yaml:"format"`
	Profile  string            `yaml:"profile"`
	// Shapes and Vocab are paths relative to the config file.
	Shapes string `yaml:"shapes"`
	Vocab  string `yaml:"vocab"`
	// Include replaces the default file extensions when walking
	// directories; Exclude drops matching files and directories. Globs use
	// ** and are relative to the config file's directory.
	Include     []string   `yaml:"include"`
	Exclude     []string   `yaml:"exclude"`
	Gitignore   *bool      `yaml:"gitignore"`
	Template    bool       `yaml:"template"`
	UnsafeFixes bool       `yaml:"unsafe-fixes"`
	Overrides   []Override `yaml:"overrides"`

	// Path is the file the config came from; Dir anchors its globs.
	Path string `yaml:"-"`
	Dir  string `yaml:"-"`
}

// Override changes rule selection and severities for files matching Files.
type Override struct {
	Files    []string          `yaml:"files"`
	Select   []string          `yaml:"select"`
	Ignore   []string          `yaml:"ignore"`
	Severity map[string]string `yaml:"severity"`
}

// findConfig walks up from dir to the file system root and returns the
// first config file found, or "" when there is none.
func findConfig(dir string) (string, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for {
		for _, n := range configNames {
			p := filepath.Join(dir, n)
			if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() {
				return p, nil
			} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
				return "", err
			}
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", nil
		}
		dir = parent
	}
}

// loadConfig reads and checks a config file. Errors name the file, line and
// column.
func loadConfig(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return parseConfig(path, data)
}

func parseConfig(path string, data []byte) (cfg *Config, err error) {
	cfg = &Config{Path: path, Dir: filepath.Dir(path)}
	if err := decodeYAML(data, cfg); err != nil {
		return nil, yamlError(path, err)
	}
	if err := cfg.check(); err != nil {
		return nil, positioned(path, data, err)
	}
	if cfg.Shapes != "" && !filepath.IsAbs(cfg.Shapes) {
		cfg.Shapes = filepath.Join(cfg.Dir, cfg.Shapes)
	}
	if cfg.Vocab != "" && !filepath.IsAbs(cfg.Vocab) {
		cfg.Vocab = filepath.Join(cfg.Dir, cfg.Vocab)
	}
	return cfg, nil
}

// decodeYAML decodes strictly (unknown and duplicate keys are errors). The
// decoder panics on some malformed tagged nodes (found by FuzzConfig:
// "files: !00"); that is a bad config, not a crash.
func decodeYAML(data []byte, cfg *Config) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("cannot read the config as YAML (%v)", p)
		}
	}()
	return yaml.UnmarshalWithOptions(data, cfg, yaml.Strict())
}

// yamlError turns a go-yaml error into "file:line:col: message".
func yamlError(path string, err error) error {
	var ye yaml.Error
	if errors.As(err, &ye) && ye.GetToken() != nil {
		p := ye.GetToken().Position
		return fmt.Errorf("%s:%d:%d: %s", path, p.Line, p.Column, lowerFirst(ye.GetMessage()))
	}
	return fmt.Errorf("%s: %w", path, err)
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// fieldError is a bad value at a YAML path such as $.severity.V010.
type fieldError struct {
	path string
	msg  string
}

func (e *fieldError) Error() string { return e.msg }

// positioned adds the file, line and column of a fieldError's value.
func positioned(path string, data []byte, err error) (out error) {
	var fe *fieldError
	if !errors.As(err, &fe) {
		return fmt.Errorf("%s: %w", path, err)
	}
	defer func() {
		if recover() != nil { // the position is a nicety; keep the message
			out = fmt.Errorf("%s: %s", path, fe.msg)
		}
	}()
	if file, perr := parser.ParseBytes(data, 0); perr == nil {
		if yp, perr := yaml.PathString(fe.path); perr == nil {
			if node, perr := yp.FilterFile(file); perr == nil && node != nil && node.GetToken() != nil {
				p := node.GetToken().Position
				return fmt.Errorf("%s:%d:%d: %s", path, p.Line, p.Column, fe.msg)
			}
		}
	}
	return fmt.Errorf("%s: %s", path, fe.msg)
}

var (
	formatNames  = map[string]bool{"text": true, "json": true, "sarif": true, "github": true, "junit": true, "gitlab": true, "html": true}
	profileNames = map[string]bool{"schemaorg": true, "google": true, "all": true}
)

func (c *Config) check() error {
	if err := checkRuleList("$.select", c.Select); err != nil {
		return err
	}
	if err := checkRuleList("$.ignore", c.Ignore); err != nil {
		return err
	}
	if err := checkSeverities("$.severity", c.Severity); err != nil {
		return err
	}
	if c.FailOn != "" {
		if _, err := diag.ParseSeverity(c.FailOn); err != nil {
			return &fieldError{"$.fail-on", err.Error()}
		}
	}
	if c.Format != "" && !formatNames[c.Format] {
		return &fieldError{"$.format", fmt.Sprintf("unknown format %q (want text, json, sarif, github, junit, gitlab or html)", c.Format)}
	}
	if c.Profile != "" && !profileNames[c.Profile] {
		return &fieldError{"$.profile", fmt.Sprintf("unknown profile %q (want schemaorg, google or all)", c.Profile)}
	}
	if err := checkGlobs("$.include", c.Include); err != nil {
		return err
	}
	if err := checkGlobs("$.exclude", c.Exclude); err != nil {
		return err
	}
	for i, o := range c.Overrides {
		at := fmt.Sprintf("$.overrides[%d]", i)
		if len(o.Files) == 0 {
			return &fieldError{at, "override has no \"files\" globs"}
		}
		for _, err := range []error{
			checkGlobs(at+".files", o.Files), checkRuleList(at+".select", o.Select),
			checkRuleList(at+".ignore", o.Ignore), checkSeverities(at+".severity", o.Severity),
		} {
			if err != nil {
				return err
			}
		}
	}
	return nil
}

func checkRuleList(at string, ids []string) error {
	for i, id := range ids {
		if err := check.ValidRule(id); err != nil {
			return &fieldError{fmt.Sprintf("%s[%d]", at, i), err.Error()}
		}
	}
	return nil
}

func checkSeverities(at string, m map[string]string) error {
	for id, sev := range m {
		if err := check.ValidRule(id); err != nil {
			return &fieldError{at + "." + id, err.Error()}
		}
		if _, err := parseLevel(sev); err != nil {
			return &fieldError{at + "." + id, err.Error()}
		}
	}
	return nil
}

// parseLevel reads a severity or "off" (returned as 0).
func parseLevel(s string) (diag.Severity, error) {
	if strings.EqualFold(strings.TrimSpace(s), "off") {
		return 0, nil
	}
	sev, err := diag.ParseSeverity(s)
	if err != nil {
		return 0, fmt.Errorf("unknown severity %q (want error, warning, info or off)", s)
	}
	return sev, nil
}

func checkGlobs(at string, globs []string) error {
	for i, g := range globs {
		if !doublestar.ValidatePattern(g) {
			return &fieldError{fmt.Sprintf("%s[%d]", at, i), fmt.Sprintf("invalid glob %q", g)}
		}
	}
	return nil
}

// rel returns path relative to the config's directory with forward
// slashes, the form its globs are written in; ok is false for a path
// outside that directory.
func (c *Config) rel(path string) (string, bool) {
	dir := "."
	if c != nil && c.Dir != "" {
		dir = c.Dir
	}
	absDir, err1 := filepath.Abs(dir)
	abs, err2 := filepath.Abs(path)
	if err1 != nil || err2 != nil {
		return filepath.ToSlash(path), false
	}
	r, err := filepath.Rel(absDir, abs)
	if err != nil || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
		return filepath.ToSlash(path), false
	}
	return filepath.ToSlash(r), true
}

// matchAny reports whether the slash path rel, or any of its parent
// directories, matches one of globs; a glob without a slash also matches
// the base name anywhere, as in .gitignore.
func matchAny(globs []string, rel string) bool {
	for _, g := range globs {
		for p := rel; p != "." && p != "/" && p != ""; p = pathDir(p) {
			if ok, _ := doublestar.Match(g, p); ok {
				return true
			}
			if !strings.Contains(g, "/") {
				if ok, _ := doublestar.Match(g, pathBase(p)); ok {
					return true
				}
			}
		}
	}
	return false
}

func pathDir(p string) string {
	if i := strings.LastIndexByte(p, '/'); i >= 0 {
		return p[:i]
	}
	return "."
}

func pathBase(p string) string { return p[strings.LastIndexByte(p, '/')+1:] }

package main

import (
	"fmt"
	"net/url"
	"os"
	"runtime"
	"strings"

	"github.com/mattn/go-isatty"
	"github.com/urfave/cli/v2"

	"github.com/ldfix/ldfix/cmd/ldfix/internal/shard"
	"github.com/ldfix/ldfix/fixer/check"
	"github.com/ldfix/ldfix/fixer/diag"
	"github.com/ldfix/ldfix/schema"
)

func commonFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Usage: "output format: text, json, sarif, github, junit, gitlab, or html for check (default text)"},
		&cli.StringSliceFlag{Name: "select", Usage: "report only these rule IDs or prefixes (J, V0, J004)"},
		&cli.StringSliceFlag{Name: "ignore", Usage: "do not report these rule IDs or prefixes"},
		&cli.StringFlag{Name: "fail-on", Usage: "lowest severity that makes the exit status 1: error, warning or info (default error)"},
		&cli.BoolFlag{Name: "exit-zero", Usage: "exit 0 even when findings remain (errors still exit 2)"},
		&cli.StringFlag{Name: "color", Value: "auto", Usage: "colour and source excerpts in text output: auto, always or never"},
		&cli.BoolFlag{Name: "show-source", Usage: "show the source line and a caret under each text finding (on by default with colour)"},
		&cli.StringFlag{Name: "stdin-filename", Usage: "name to report for standard input (- or no path with a piped input)"},
		&cli.StringFlag{Name: "config", Usage: "config file (default: .ldfix.yaml in the working directory or a parent)"},
		&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "print findings only: no summary, no notices"},
		&cli.BoolFlag{Name: "statistics", Usage: "print the number of findings per rule"},
		&cli.StringFlag{Name: "profile", Usage: "checks to run: schemaorg, google or all (default all)"},
		&cli.StringFlag{Name: "shapes", Usage: "directory of extra JSON Schema shapes (house rules)", TakesFile: true},
		&cli.StringFlag{Name: "vocab", Usage: "schema.org release file (.jsonld) to use instead of the built-in vocabulary", TakesFile: true},
		&cli.BoolFlag{Name: "template", Usage: "treat every input as a template (placeholders are kept as they are)"},
		&cli.StringFlag{Name: "base-url", Usage: "URL of the site the files are served from (https://example.com/): root-relative URLs in them resolve against it"},
		&cli.StringFlag{Name: "shard", Usage: "check only part i of n of the files (i/n), or auto to read the CI's parallel-job variables"},
		&cli.IntFlag{Name: "shard-total", Usage: "number of shards for --shard auto where the CI gives only an index"},
		&cli.IntFlag{Name: "jobs", Aliases: []string{"j"}, Usage: "files processed at once", DefaultText: "number of CPUs"},
		&cli.BoolFlag{Name: "no-gitignore", Usage: "walk files that .gitignore excludes"},
		allowEmptyFlag,
	}
}

var allowEmptyFlag = &cli.BoolFlag{Name: "allow-empty", Usage: "exit 0 when the paths match no file (default: exit 2)"}

func checkFlags() []cli.Flag {
	return append(append(commonFlags(), renderFlags()...),
		&cli.BoolFlag{Name: "items", Usage: "list each page's rich-result items and whether Google would show them (text format)"},
	)
}

func fixFlags() []cli.Flag {
	return append(commonFlags(),
		&cli.BoolFlag{Name: "unsafe-fixes", Usage: "also apply fixes that guess between readings"},
		&cli.BoolFlag{Name: "diff", Usage: "print a unified diff of the fixes and write nothing"},
		&cli.BoolFlag{Name: "stdout", Usage: "print the fixed file instead of writing it"},
	)
}

func extractFlags() []cli.Flag {
	return append([]cli.Flag{
		&cli.StringFlag{Name: "stdin-filename", Usage: "name to report for standard input (- or no path with a piped input)"},
		&cli.StringFlag{Name: "config", Usage: "config file (default: .ldfix.yaml in the working directory or a parent)"},
		&cli.BoolFlag{Name: "template", Usage: "treat every input as a template"},
		&cli.BoolFlag{Name: "unsafe-fixes", Usage: "also apply repairs that guess between readings"},
		&cli.StringFlag{Name: "shard", Usage: "extract only part i of n of the files (i/n, or auto)"},
		&cli.IntFlag{Name: "shard-total", Usage: "number of shards for --shard auto where the CI gives only an index"},
		&cli.IntFlag{Name: "jobs", Aliases: []string{"j"}, Usage: "files processed at once", DefaultText: "number of CPUs"},
		&cli.BoolFlag{Name: "no-gitignore", Usage: "walk files that .gitignore excludes"},
		allowEmptyFlag,
	}, renderFlags()...)
}

// settings are the flags and the config file merged: flags win.
type settings struct {
	cfg        *Config
	format     string
	failOn     diag.Severity
	exitZero   bool
	quiet      bool
	statistics bool
	color      bool
	source     bool
	items      bool // list rich-result items in text output
	stdinName  string
	baseURL    string
	template   bool
	unsafe     bool
	allowEmpty bool
	jobs       int
	shard      shard.Shard
	schema     schema.Options
	filter     *check.Rules
}

// loadSettings reads the config and the flags of c. Its errors are usage
// errors: exit 2.
func (e *env) loadSettings(c *cli.Context) (*settings, error) {
	cfg, err := e.config(c)
	if err != nil {
		return nil, err
	}
	return e.settingsWith(c, cfg)
}

// settingsWith is loadSettings with the config already read.
func (e *env) settingsWith(c *cli.Context, cfg *Config) (s *settings, err error) {
	s = &settings{cfg: cfg, stdinName: c.String("stdin-filename"), jobs: c.Int("jobs")}
	if s.stdinName == "" {
		s.stdinName = "<stdin>"
	}
	if s.jobs <= 0 {
		s.jobs = runtime.GOMAXPROCS(0)
	}
	if v := c.String("shard"); v != "" || c.Int("shard-total") != 0 {
		var note string
		if s.shard, note, err = shard.Resolve(v, c.Int("shard-total"), os.Getenv); err != nil {
			return nil, usageError{err}
		}
		if note != "" && !c.Bool("quiet") {
			fmt.Fprintf(e.stderr, "ldfix: --shard auto: %s\n", note)
		}
	}
	s.allowEmpty = c.Bool("allow-empty")
	s.template = c.Bool("template") || cfg.Template
	s.unsafe = c.Bool("unsafe-fixes") || cfg.UnsafeFixes
	if c.Bool("no-gitignore") {
		off := false
		cfg.Gitignore = &off
	}
	if !hasFlag(c, "format") { // extract
		return s, nil
	}
	s.exitZero, s.quiet, s.statistics = c.Bool("exit-zero"), c.Bool("quiet"), c.Bool("statistics")
	s.format = firstOf(c.String("format"), cfg.Format, "text")
	if !formatNames[s.format] || (s.format == "html" && c.Command.Name != "check") {
		want := "text, json, sarif, github, junit or gitlab"
		if c.Command.Name == "check" {
			want = "text, json, sarif, github, junit, gitlab or html"
		}
		return nil, usageError{fmt.Errorf("unknown format %q (want %s)", s.format, want)}
	}
	if s.failOn, err = diag.ParseSeverity(firstOf(c.String("fail-on"), cfg.FailOn, "error")); err != nil {
		return nil, usageError{fmt.Errorf("--fail-on: %w", err)}
	}
	if s.color, err = useColor(c.String("color"), e.stdout); err != nil {
		return nil, usageError{err}
	}
	s.source = s.color || c.Bool("show-source")
	if s.baseURL = c.String("base-url"); s.baseURL != "" {
		if u, err := url.Parse(s.baseURL); err != nil || !u.IsAbs() || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, usageError{fmt.Errorf("--base-url %q is not an absolute http or https URL", s.baseURL)}
		}
	}
	s.items = c.Bool("items")
	profile := firstOf(c.String("profile"), cfg.Profile, "all")
	if !profileNames[profile] {
		return nil, usageError{fmt.Errorf("unknown profile %q (want schemaorg, google or all)", profile)}
	}
	s.schema = schema.Options{Profile: schema.Profile(profile), ShapesDir: firstOf(c.String("shapes"), cfg.Shapes), VocabFile: firstOf(c.String("vocab"), cfg.Vocab)}
	if s.filter, err = baseFilter(c, cfg); err != nil {
		return nil, err
	}
	return s, nil
}

func hasFlag(c *cli.Context, name string) bool {
	for _, f := range c.Command.Flags {
		for _, n := range f.Names() {
			if n == name {
				return true
			}
		}
	}
	return false
}

// config loads --config, or the nearest .ldfix.yaml; no file is an empty
// config.
func (e *env) config(c *cli.Context) (*Config, error) {
	path := c.String("config")
	if path == "" {
		wd, err := os.Getwd()
		if err != nil {
			return nil, err
		}
		if path, err = findConfig(wd); err != nil {
			return nil, fmt.Errorf("looking for .ldfix.yaml: %w", err)
		}
		if path == "" {
			return &Config{}, nil
		}
	}
	// Config errors exit 2 like usage errors, without the usage hint: the
	// message already names the file, line and column.
	cfg, err := loadConfig(path)
	if err != nil {
		return nil, err
	}
	return cfg, nil
}

// baseFilter merges rule selection: --select replaces the config's select,
// --ignore adds to its ignore list.
func baseFilter(c *cli.Context, cfg *Config) (*check.Rules, error) {
	sel, ign := splitIDs(c.StringSlice("select")), splitIDs(c.StringSlice("ignore"))
	for _, id := range append(append([]string{}, sel...), ign...) {
		if err := check.ValidRule(id); err != nil {
			return nil, usageError{err}
		}
	}
	f := &check.Rules{Select: cfg.Select, Ignore: append(append([]string{}, cfg.Ignore...), ign...), Severity: levels(cfg.Severity)}
	if len(sel) > 0 {
		f.Select = sel
	}
	return f, nil
}

func splitIDs(vals []string) []string {
	var out []string
	for _, v := range vals {
		for _, id := range strings.Split(v, ",") {
			if id = strings.TrimSpace(id); id != "" {
				out = append(out, id)
			}
		}
	}
	return out
}

// filterFor applies the config's per-path overrides to the base filter.
func (s *settings) filterFor(path string) *check.Rules {
	f := s.filter
	if s.cfg == nil || len(s.cfg.Overrides) == 0 {
		return f
	}
	rel, ok := s.cfg.rel(path)
	if !ok {
		return f
	}
	for _, o := range s.cfg.Overrides {
		if matchAny(o.Files, rel) {
			f = f.With(check.Rules{Select: o.Select, Ignore: o.Ignore, Severity: levels(o.Severity)})
		}
	}
	return f
}

// levels reads the config's severity overrides, which config checking
// has already validated.
func levels(m map[string]string) map[string]diag.Severity {
	out := make(map[string]diag.Severity, len(m))
	for k, v := range m {
		out[k], _ = parseLevel(v)
	}
	return out
}

// useColor decides colour: always, never, or auto (stdout is a terminal,
// NO_COLOR unset, TERM not dumb).
func useColor(mode string, stdout any) (bool, error) {
	switch mode {
	case "always":
		return true, nil
	case "never":
		return false, nil
	case "auto", "":
		if os.Getenv("NO_COLOR") != "" || os.Getenv("TERM") == "dumb" {
			return false, nil
		}
		f, ok := stdout.(*os.File)
		return ok && (isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd())), nil
	}
	return false, fmt.Errorf("unknown --color %q (want auto, always or never)", mode)
}

func firstOf(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return ""
}

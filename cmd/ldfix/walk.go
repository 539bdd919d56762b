package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	gitignore "github.com/sabhiram/go-gitignore"

	"github.com/ldfix/ldfix/fixer/rewrite"
)

// pageExts are walked by default: HTML and JSON-LD files.
var pageExts = []string{".html", ".htm", ".xhtml", ".json", ".jsonld"}

// templateExts are walked too: templates whose JSON-LD ldfix checks
// around the placeholders.
var templateExts = []string{".liquid", ".njk", ".jinja", ".j2", ".twig", ".hbs", ".mustache", ".tmpl", ".gohtml", ".php", ".erb"}

// input is one thing to check: a file, standard input, or a walk error.
type input struct {
	path  string
	stdin bool
	err   error
	// outside is the real path of a symbolic link found while walking
	// that leads out of every folder on the command line: it is checked,
	// never written (ln -s ../outside/victim.html site/page.html).
	outside string
}

// walker expands command line paths into inputs.
type walker struct {
	cfg       *Config
	roots     []string // real paths of the folders on the command line
	gitignore bool
	ignores   map[string]*gitignore.GitIgnore // directory → its .gitignore; nil when absent
	parents   map[string][]string             // directory → ancestors(directory)
}

func newWalker(cfg *Config) *walker {
	w := &walker{cfg: cfg, gitignore: true, ignores: map[string]*gitignore.GitIgnore{}, parents: map[string][]string{}}
	if cfg != nil && cfg.Gitignore != nil {
		w.gitignore = *cfg.Gitignore
	}
	return w
}

// expand turns args into inputs in a stable order: arguments in the order
// given, each directory's files in lexical order, each path once.
func (w *walker) expand(args []string) []input {
	var out []input
	for _, a := range args {
		if st, err := os.Stat(a); err == nil && st.IsDir() {
			if real, err := realPath(a); err == nil {
				w.roots = append(w.roots, real)
			}
		}
	}
	seen := map[string]bool{}
	add := func(in input) {
		key := filepath.Clean(in.path)
		if in.stdin || in.err != nil || !seen[key] {
			seen[key] = true
			out = append(out, in)
		}
	}
	for _, a := range args {
		if a == "-" {
			add(input{path: "-", stdin: true})
			continue
		}
		st, err := os.Stat(a)
		switch {
		case err != nil:
			add(input{path: a, err: err})
		case st.IsDir():
			for _, in := range w.walk(a) {
				add(in)
			}
		case st.Mode()&(fs.ModeDevice|fs.ModeCharDevice|fs.ModeSocket|fs.ModeIrregular) != 0:
			// /dev/zero would be read forever. Pipes stay allowed:
			// ldfix check <(curl …) names one.
			add(input{path: a, err: errors.New("not a regular file")})
		case !w.excluded(a, false):
			// A file named on the command line is checked whatever its
			// extension; only exclude globs apply (pre-commit passes every
			// staged file by name).
			add(input{path: a})
		}
	}
	return out
}

// walk lists the page files under root. Symbolic links to directories are
// not followed, so a link loop cannot trap it; links to files are checked,
// and marked when they lead out of the folders on the command line. The
// temporary files ldfix writes beside pages are never inputs.
func (w *walker) walk(root string) []input {
	var out []input
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			out = append(out, input{path: p, err: err})
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if p != root && (d.Name() == ".git" || w.excluded(p, true) || w.ignored(p, true)) {
				return fs.SkipDir
			}
			return nil
		}
		in := input{path: p}
		if d.Type()&fs.ModeSymlink != 0 {
			st, err := os.Stat(p)
			if err != nil || !st.Mode().IsRegular() {
				return nil
			}
			in.outside = w.outsideRoots(p)
		} else if !d.Type().IsRegular() {
			return nil
		}
		if !rewrite.IsTemp(d.Name()) && w.wanted(p) && !w.excluded(p, false) && !w.ignored(p, false) {
			out = append(out, in)
		}
		return nil
	})
	if err != nil {
		out = append(out, input{path: root, err: err})
	}
	return out
}

// outsideRoots returns the real path of the link p when it lies outside
// every folder on the command line, "" when it is inside one.
func (w *walker) outsideRoots(p string) string {
	real, err := realPath(p)
	if err != nil {
		return p
	}
	for _, r := range w.roots {
		if rel, err := filepath.Rel(r, real); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return ""
		}
	}
	return real
}

func realPath(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	return filepath.EvalSymlinks(abs)
}

// wanted applies the include globs, or the default extensions.
func (w *walker) wanted(p string) bool {
	if w.cfg != nil && len(w.cfg.Include) > 0 {
		rel, _ := w.cfg.rel(p)
		return matchAny(w.cfg.Include, rel)
	}
	ext := strings.ToLower(filepath.Ext(p))
	return slices.Contains(pageExts, ext) || slices.Contains(templateExts, ext)
}

func (w *walker) excluded(p string, dir bool) bool {
	if w.cfg == nil || len(w.cfg.Exclude) == 0 {
		return false
	}
	rel, _ := w.cfg.rel(p)
	if dir {
		rel = strings.TrimSuffix(rel, "/")
	}
	return matchAny(w.cfg.Exclude, rel)
}

// ignored applies the .gitignore files of p's parent directories, from the
// repository root (the nearest directory holding .git) down.
func (w *walker) ignored(p string, dir bool) bool {
	if !w.gitignore {
		return false
	}
	abs, err := filepath.Abs(p)
	if err != nil {
		return false
	}
	parent := filepath.Dir(abs)
	dirs, ok := w.parents[parent]
	if !ok {
		dirs = ancestors(parent)
		w.parents[parent] = dirs
	}
	for _, d := range dirs {
		gi := w.ignoreFile(d)
		if gi == nil {
			continue
		}
		rel, err := filepath.Rel(d, abs)
		if err != nil {
			continue
		}
		rel = filepath.ToSlash(rel)
		if dir {
			rel += "/"
		}
		if gi.MatchesPath(rel) {
			return true
		}
	}
	return false
}

// ancestors lists dir and its parents up to the repository root (the file
// system root outside a repository), outermost first.
func ancestors(dir string) []string {
	var out []string
	for d := dir; ; d = filepath.Dir(d) {
		out = append(out, d)
		if _, err := os.Stat(filepath.Join(d, ".git")); err == nil || filepath.Dir(d) == d {
			slices.Reverse(out)
			return out
		}
	}
}

func (w *walker) ignoreFile(dir string) *gitignore.GitIgnore {
	if gi, ok := w.ignores[dir]; ok {
		return gi
	}
	gi, err := gitignore.CompileIgnoreFile(filepath.Join(dir, ".gitignore"))
	if err != nil {
		gi = nil
	}
	w.ignores[dir] = gi
	return gi
}

// readError words an I/O error without repeating the path the report
// prints in front of it.
func readError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %w", pe.Op, pe.Err)
	}
	return err
}

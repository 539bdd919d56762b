package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestGoldenUpdateCommand checks that the command docs/development.md gives
// for rewriting golden files names exactly the packages that define the
// -update flag: go test fails in a package that does not.
func TestGoldenUpdateCommand(t *testing.T) {
	doc, err := os.ReadFile("../../docs/development.md")
	if err != nil {
		t.Fatal(err)
	}
	line := regexp.MustCompile(`(?m)^\s*go test (.*) -update$`).FindSubmatch(doc)
	if line == nil {
		t.Fatal("docs/development.md has no `go test … -update` line")
	}
	documented := strings.Fields(string(line[1]))
	var defining []string
	define := regexp.MustCompile(`flag\.Bool\("update"`)
	err = filepath.WalkDir("../..", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && strings.HasPrefix(d.Name(), ".") && p != "../.." {
			return fs.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(p, "_test.go") {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if define.Match(data) {
			rel, _ := filepath.Rel("../..", filepath.Dir(p))
			defining = append(defining, "./"+filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(documented)
	slices.Sort(defining)
	if !slices.Equal(slices.Compact(documented), slices.Compact(defining)) {
		t.Errorf("the -update command names %v; the packages defining -update are %v", documented, defining)
	}
}

// TestReadmeStart checks the promise of the README's first lines: the two
// commands a newcomer runs on a fresh clone, checking the bundled sample
// and running the tests, and that the sample is where they say.
func TestReadmeStart(t *testing.T) {
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	start := regexp.MustCompile("^# ldfix\n\n```sh\n(go run ./cmd/ldfix check (\\S+)) .*\n(go test ./...) .*\n```\n").FindSubmatch(data)
	if start == nil {
		t.Fatal("README.md does not start with the command that checks the sample and the one that runs the tests")
	}
	if _, err := os.Stat("../../" + string(start[2])); err != nil {
		t.Errorf("the README's first command checks %s: %v", start[2], err)
	}
}

// TestDocLinks checks that every relative link of the README and docs/
// names a file that exists.
func TestDocLinks(t *testing.T) {
	docs, _ := filepath.Glob("../../docs/*.md")
	link := regexp.MustCompile(`\]\(([^)#:]+)(#[^)]*)?\)`)
	for _, p := range append(docs, "../../README.md") {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range link.FindAllSubmatch(data, -1) {
			if _, err := os.Stat(filepath.Join(filepath.Dir(p), string(m[1]))); err != nil {
				t.Errorf("%s links to %s, which does not exist", p, m[1])
			}
		}
	}
}

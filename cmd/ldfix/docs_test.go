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

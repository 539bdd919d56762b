package fixer

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ldfix/ldfix/fixer/diag"
	"github.com/ldfix/ldfix/fixer/source"
	"github.com/ldfix/ldfix/fixer/source/sharedtest"
)

// TestCorpusOneFindingPerCause checks on the real pages that a block says
// each repeated repair once, that both ends of a wrapper are one finding,
// and that an unrepairable block is not reported twice (J002 and X021)
// when nothing else is held back.
func TestCorpusOneFindingPerCause(t *testing.T) {
	if testing.Short() {
		t.Skip("corpus run skipped in -short mode")
	}
	dir := sharedtest.Dir(t, "corpus/realworld")
	grouped, places := 0, 0
	err := filepath.WalkDir(dir, func(path string, e os.DirEntry, err error) error {
		if err != nil || e.IsDir() || !strings.HasSuffix(path, ".html") {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		res := Fix(source.New(path, data), Options{})
		type key struct {
			block int
			rule  string
			app   diag.Applicability
		}
		seen := map[key]bool{}
		fixes := 0
		for _, d := range res.Diagnostics {
			if d.Fix != nil && d.Fix.Applicability != diag.DisplayOnly {
				fixes++
			}
			if len(d.Related) > 0 {
				grouped++
				places += len(d.Related)
			}
			if d.Fix == nil || (d.Rule != "J004" && d.Rule != "J005" && d.Rule != "J011" && d.Rule != "J040" && d.Rule != "J041") {
				continue
			}
			k := key{d.Block, d.Rule, d.Fix.Applicability}
			if seen[k] {
				t.Errorf("%s: block %d has %s twice", path, d.Block, d.Rule)
			}
			seen[k] = true
		}
		for _, d := range res.Diagnostics {
			if d.Rule == "X021" && fixes == 0 {
				t.Errorf("%s: X021 holds back no fix: %s", path, d.Message)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// The corpus has blocks with repeated single quotes, raw line breaks
	// and CDATA wrappers; none grouped would mean grouping broke.
	if grouped < 10 || places < 2*grouped {
		t.Errorf("%d grouped findings over %d places", grouped, places)
	}
	t.Logf("%d grouped findings stand for %d places", grouped, places)
}

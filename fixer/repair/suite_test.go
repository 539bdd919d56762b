package repair_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ldfix/ldfix/fixer/repair"
	"github.com/ldfix/ldfix/fixer/source/sharedtest"
)

// TestJSONTestSuite runs every file of JSONTestSuite's test_parsing: y_
// files must come out as themselves with nothing reported, n_ files must
// be repaired with their repairs reported or refused with a positioned
// error, and no file may break a property of checkRepair.
func TestJSONTestSuite(t *testing.T) {
	dir := sharedtest.Dir(t, "jsontestsuite/test_parsing")
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var repaired, refused int
	for _, e := range entries {
		name := e.Name()
		in, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		res := repair.Text(in, repair.Options{})
		if err := checkRepair(in, res); err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		switch {
		case strings.HasPrefix(name, "y_"):
			if !bytes.Equal(res.Text, in) || len(res.Diagnostics) > 0 {
				t.Errorf("%s: valid JSON changed or reported", name)
			}
		case strings.HasPrefix(name, "n_"):
			if res.Text == nil {
				refused++
				d := res.Diagnostics[0]
				if d.Span.End > len(in) || (len(in) > 0 && d.Span.Len() == 0) {
					t.Errorf("%s: refusal %q is not positioned: %v", name, d.Message, d.Span)
				}
			} else {
				repaired++
			}
		}
	}
	t.Logf("JSONTestSuite n_ files: %d repaired, %d refused", repaired, refused)
}

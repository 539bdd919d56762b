package check

import (
	"testing"

	"github.com/ldfix/ldfix/fixer/diag"
)

func TestRules(t *testing.T) {
	f := &Rules{
		Select:   []string{"J", "V012"},
		Ignore:   []string{"J00", "V"},
		Severity: map[string]diag.Severity{"J1": diag.Warning, "J104": 0},
	}
	for rule, want := range map[string]bool{
		"J004": false, // J00 is more specific than J
		"J101": true,
		"V012": true, // V012 is more specific than V
		"V013": false,
		"X001": false, // not selected
	} {
		if got := f.Keep(rule); got != want {
			t.Errorf("Keep(%s) = %v, want %v", rule, got, want)
		}
	}
	ds := f.Apply([]diag.Diagnostic{
		{Rule: "J101", Severity: diag.Error},
		{Rule: "J104", Severity: diag.Error},
		{Rule: "J200", Severity: diag.Error},
	})
	if len(ds) != 2 || ds[0].Severity != diag.Warning || ds[1].Severity != diag.Error {
		t.Errorf("Apply = %+v, want J101 as warning and J200 as error, J104 off", ds)
	}
	var none *Rules
	if !(&Rules{}).Keep("G001") || !none.Keep("G001") {
		t.Error("an empty filter must keep every rule")
	}
	if (&Rules{Ignore: []string{"ALL"}, Select: []string{"G"}}).Keep("J001") {
		t.Error("ignore ALL with select G must drop J001")
	}
}

package diag

import (
	"testing"

	"github.com/ldfix/ldfix/fixer/source"
)

func TestRegisterRejectsBadRules(t *testing.T) {
	good := Rule{ID: "X998", Name: "test-rule", Severity: Info, Summary: "a test rule"}
	for name, r := range map[string]Rule{
		"bad ID":       {ID: "Q001", Name: "x", Severity: Info, Summary: "s"},
		"short ID":     {ID: "J01", Name: "x", Severity: Info, Summary: "s"},
		"bad name":     {ID: "X997", Name: "Not Kebab", Severity: Info, Summary: "s"},
		"lower stage":  {ID: "x997", Name: "x", Severity: Info, Summary: "s"},
		"long ID":      {ID: "X9971", Name: "x", Severity: Info, Summary: "s"},
		"letter digit": {ID: "X99a", Name: "x", Severity: Info, Summary: "s"},
		"no name":      {ID: "X997", Severity: Info, Summary: "s"},
		"end hyphen":   {ID: "X997", Name: "x-", Severity: Info, Summary: "s"},
		"lead hyphen":  {ID: "X997", Name: "-x", Severity: Info, Summary: "s"},
		"two hyphens":  {ID: "X997", Name: "a--b", Severity: Info, Summary: "s"},
		"underscore":   {ID: "X997", Name: "a_b", Severity: Info, Summary: "s"},
		"no severity":  {ID: "X997", Name: "x", Summary: "s"},
		"no summary":   {ID: "X997", Name: "x", Severity: Info},
		"duplicate ID": good,
		"alias reused": {ID: "X996", Name: "x", Severity: Info, Summary: "s", Aliases: []string{"X998"}},
	} {
		t.Run(name, func(t *testing.T) {
			if name == "duplicate ID" || name == "alias reused" {
				registerOnce(t, good)
			}
			defer func() {
				if recover() == nil {
					t.Errorf("Register(%+v) did not panic", r)
				}
			}()
			Register(r)
		})
	}
}

// registerOnce adds r unless an earlier subtest did.
func registerOnce(t *testing.T, r Rule) {
	t.Helper()
	if _, ok := Lookup(r.ID); !ok {
		Register(r)
	}
}

func TestLookupByAliasAndCase(t *testing.T) {
	registerOnce(t, Rule{ID: "X995", Name: "renamed-rule", Severity: Warning, Summary: "s", Aliases: []string{"X994"}})
	for _, id := range []string{"X995", "x995", "X994"} {
		r, ok := Lookup(id)
		if !ok || r.ID != "X995" {
			t.Errorf("Lookup(%q) = %v, %v", id, r.ID, ok)
		}
	}
	n := 0
	for _, r := range Rules() {
		if r.ID == "X995" {
			n++
		}
		if r.ID == "X994" {
			t.Error("Rules lists an alias as a rule")
		}
	}
	if n != 1 {
		t.Errorf("Rules lists X995 %d times", n)
	}
}

func TestNewUsesDefaultSeverity(t *testing.T) {
	registerOnce(t, Rule{ID: "X993", Name: "warns", Severity: Warning, Summary: "s"})
	d := New("X993", 2, source.Span{Start: 1, End: 4}, "value %q is odd", "x")
	if d.Severity != Warning || d.Block != 2 || d.Message != `value "x" is odd` || d.Span != (source.Span{Start: 1, End: 4}) {
		t.Errorf("New = %+v", d)
	}
	defer func() {
		if recover() == nil {
			t.Error("New with an unregistered ID did not panic")
		}
	}()
	New("X001x", 0, source.Span{}, "m")
}

func TestSortOrdersAndDedupes(t *testing.T) {
	d := func(start int, rule, msg string) Diagnostic {
		return Diagnostic{Rule: rule, Message: msg, Span: source.Span{Start: start, End: start + 1}}
	}
	got := Sort([]Diagnostic{d(5, "V010", "b"), d(1, "J004", "a"), d(5, "J004", "c"), d(1, "J004", "a")})
	want := []string{"1 J004", "5 J004", "5 V010"}
	if len(got) != len(want) {
		t.Fatalf("Sort kept %d diagnostics, want %d: %+v", len(got), len(want), got)
	}
	for i, g := range got {
		if s := string(rune('0'+g.Span.Start)) + " " + g.Rule; s != want[i] {
			t.Errorf("Sort[%d] = %s, want %s", i, s, want[i])
		}
	}
	if Max(got) != 0 {
		t.Errorf("Max of severity-less findings = %v", Max(got))
	}
}

func TestSeverityText(t *testing.T) {
	for _, s := range []Severity{Info, Warning, Error} {
		b, _ := s.MarshalText()
		var back Severity
		if err := back.UnmarshalText(b); err != nil || back != s {
			t.Errorf("round trip of %v = %v, %v", s, back, err)
		}
	}
	if _, err := ParseSeverity("fatal"); err == nil {
		t.Error("ParseSeverity accepted an unknown severity")
	}
	if Max([]Diagnostic{{Severity: Info}, {Severity: Error}, {Severity: Warning}}) != Error {
		t.Error("Max is not the highest severity")
	}
}

// TestRegisterAcceptsEveryFamily: X, J, V, G and M (microdata and RDFa)
// are the stage letters.
func TestRegisterAcceptsEveryFamily(t *testing.T) {
	for _, id := range []string{"X990", "J990", "V990", "G990", "M990"} {
		registerOnce(t, Rule{ID: id, Name: "family-test", Severity: Info, Summary: "a test rule"})
		if _, ok := Lookup(id); !ok {
			t.Errorf("%s was not registered", id)
		}
	}
}

package sharedtest

import "testing"

func TestLineMatches(t *testing.T) {
	for _, tc := range []struct {
		want, got string
		ok        bool
	}{
		{"a:1:2: error x [J004]", "a:1:2: error x [J004]", true},
		{"a:1:2: error x [J004]", "a:1:2: error y [J004]", false},
		{`/a:1:2: error .+ \[J004\]/`, "a:1:2: error anything [J004]", true},
		{`/a:1:2: error .+ \[J004\]/`, "b a:1:2: error x [J004]", false}, // the whole line
		{`/[/`, "[", false}, // a broken pattern matches nothing
		{"/", "/", true},
	} {
		if got := LineMatches(tc.want, tc.got); got != tc.ok {
			t.Errorf("LineMatches(%q, %q) = %v, want %v", tc.want, tc.got, got, tc.ok)
		}
	}
}

func TestDiffLines(t *testing.T) {
	if d := DiffLines("a\n/b+/\n", "a\nbbb\n"); d != "" {
		t.Errorf("matching text reported: %s", d)
	}
	for _, got := range []string{"a\n", "a\nbbb\nc\n", "a\nc\n"} {
		if DiffLines("a\n/b+/\n", got) == "" {
			t.Errorf("DiffLines missed a difference in %q", got)
		}
	}
}

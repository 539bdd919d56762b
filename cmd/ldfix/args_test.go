package main

import (
	"io"
	"slices"
	"strings"
	"testing"
)

func TestFlagsFirst(t *testing.T) {
	commands := newApp(strings.NewReader(""), io.Discard, io.Discard).Commands
	for _, tc := range []struct{ in, want string }{
		{"ldfix fix page.html --diff", "ldfix fix --diff -- page.html"},
		{"ldfix check a.html --format json b.html", "ldfix check --format json -- a.html b.html"},
		{"ldfix check a.html --format=json -q", "ldfix check --format=json -q -- a.html"},
		{"ldfix check --select J -f json -", "ldfix check --select J -f json -- -"},
		{"ldfix check --stdin-filename --odd - a.html", "ldfix check --stdin-filename --odd -- - a.html"},
		{"ldfix check a.html -- --diff -q", "ldfix check -- a.html --diff -q"},
		{"ldfix check a.html --bogus b.html", "ldfix check --bogus -- a.html b.html"},
		{"ldfix explain J004", "ldfix explain J004"},
		{"ldfix --help", "ldfix --help"},
		{"ldfix", "ldfix"},
	} {
		got := flagsFirst(strings.Fields(tc.in), commands)
		if want := strings.Fields(tc.want); !slices.Equal(got, want) {
			t.Errorf("flagsFirst(%s) = %q, want %q", tc.in, got, want)
		}
	}
}

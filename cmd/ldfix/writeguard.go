package main

import (
	"errors"
	"io/fs"

	"github.com/ldfix/ldfix/fixer/diag"
	"github.com/ldfix/ldfix/fixer/rewrite"
	"github.com/ldfix/ldfix/fixer/source"
)

// writeGuard returns what keeps `ldfix fix` from writing a file of inputs:
// a finding (X031) for a symbolic link that leads out of the folders on the
// command line, or (X030) for a file the user may not write; nil when the
// file may be written. The file is then reported as it is, unfixed.
func writeGuard(inputs []input) func(path string) *diag.Diagnostic {
	outside := map[string]string{} // written files → real path of a link out, or ""
	for _, in := range inputs {
		if !in.stdin && in.err == nil {
			outside[in.path] = in.outside
		}
	}
	return func(path string) *diag.Diagnostic {
		real, ok := outside[path]
		if !ok {
			return nil // standard input: printed, not written
		}
		if real != "" {
			d := diag.New("X031", -1, source.Span{},
				"file is a symbolic link to %q, outside the folders given, so ldfix fix leaves it unchanged", real)
			return &d
		}
		if err := rewrite.Writable(path); errors.Is(err, rewrite.ErrNotWritable) {
			why := err
			var pe *fs.PathError
			if errors.As(err, &pe) {
				why = pe.Err
			}
			d := diag.New("X030", -1, source.Span{},
				"file is not writable by this user (%v), so ldfix fix leaves it unchanged", why)
			return &d
		}
		return nil
	}
}

func guardOf(guard func(string) *diag.Diagnostic, path string) *diag.Diagnostic {
	if guard == nil {
		return nil
	}
	return guard(path)
}

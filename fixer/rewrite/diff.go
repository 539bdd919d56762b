package rewrite

import (
	"fmt"

	"github.com/aymanbagabas/go-udiff"
	"github.com/aymanbagabas/go-udiff/lcs"
)

// Diff returns a unified diff from before to after, both labelled name,
// that patch applies to before to give exactly after, whatever the bytes:
// invalid UTF-8, CR line endings and a last line without a newline
// included. It is empty when nothing changed.
func Diff(name string, before, after []byte) (string, error) {
	if string(before) == string(after) {
		return "", nil
	}
	// The edits are computed on bytes, not runes: a rune diff counts an
	// invalid byte as the three of U+FFFD and puts its edits out of place.
	ds := lcs.DiffBytes(before, after)
	edits := make([]udiff.Edit, len(ds))
	for i, d := range ds {
		edits[i] = udiff.Edit{Start: d.Start, End: d.End, New: string(after[d.ReplStart:d.ReplEnd])}
	}
	out, err := udiff.ToUnified(name, name, string(before), edits, udiff.DefaultContextLines)
	if err != nil {
		return "", fmt.Errorf("diff: %w", err)
	}
	return out, nil
}

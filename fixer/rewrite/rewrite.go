// Package rewrite splices edits into a file's bytes and writes the result
// back atomically, keeping the file's mode and its line endings. It knows
// nothing of HTML or JSON: it takes edits only.
package rewrite

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/ldfix/ldfix/fixer/diag"
)

// EditError says which edit could not be applied and why.
type EditError struct {
	Index int // index of the edit in the slice given to Apply
	Edit  diag.Edit
	Msg   string
}

func (e *EditError) Error() string {
	return fmt.Sprintf("edit %d at [%d,%d): %s", e.Index, e.Edit.Span.Start, e.Edit.Span.End, e.Msg)
}

// Apply returns a copy of data with edits applied. Edits must lie inside
// data, be sorted by start and not overlap; insertions at the same offset
// are applied in the order given, so a closing bracket inserted before a
// closing tag stays before it. Newlines in an edit's text are written with
// the file's own line ending, so a CRLF file stays CRLF. data is never
// modified.
func Apply(data []byte, edits []diag.Edit) ([]byte, error) {
	if err := Check(len(data), edits); err != nil {
		return nil, err
	}
	eol := EOL(data)
	grow := 0
	for _, e := range edits {
		grow += len(e.Text) + strings.Count(e.Text, "\n")*(len(eol)-1) - e.Span.Len()
	}
	out := make([]byte, 0, max(len(data)+grow, 0))
	prev := 0
	for _, e := range edits {
		out = append(out, data[prev:e.Span.Start]...)
		out = appendText(out, e.Text, eol)
		prev = e.Span.End
	}
	return append(out, data[prev:]...), nil
}

// Check reports the first edit that is out of bounds, reversed, unsorted or
// overlapping its predecessor in a text of n bytes.
func Check(n int, edits []diag.Edit) error {
	prev := 0
	for i, e := range edits {
		switch {
		case e.Span.Start < 0 || e.Span.End > n:
			return &EditError{i, e, fmt.Sprintf("outside the text of %d bytes", n)}
		case e.Span.End < e.Span.Start:
			return &EditError{i, e, "ends before it starts"}
		case e.Span.Start < prev:
			return &EditError{i, e, fmt.Sprintf("overlaps or precedes the previous edit ending at %d", prev)}
		}
		prev = e.Span.End
	}
	return nil
}

// appendText appends text with each "\n" (or "\r\n") written as eol.
func appendText(out []byte, text, eol string) []byte {
	if !strings.Contains(text, "\n") {
		return append(out, text...)
	}
	for {
		i := strings.IndexByte(text, '\n')
		if i < 0 {
			return append(out, text...)
		}
		line := strings.TrimSuffix(text[:i], "\r")
		out = append(out, line...)
		out = append(out, eol...)
		text = text[i+1:]
	}
}

// EOL returns the line ending the file mostly uses: "\r\n", "\r" (old Mac
// files) or "\n", the default when the file has no line break.
func EOL(data []byte) string {
	crlf := bytes.Count(data, []byte("\r\n"))
	lf := bytes.Count(data, []byte("\n")) - crlf
	cr := bytes.Count(data, []byte("\r")) - crlf
	switch {
	case crlf > lf && crlf >= cr:
		return "\r\n"
	case cr > lf && cr > crlf:
		return "\r"
	}
	return "\n"
}

package lsp

import (
	"bytes"
	"fmt"
	"strings"
	"sync"

	"github.com/tliron/glsp"
	protocol "github.com/tliron/glsp/protocol_3_16"

	"github.com/ldfix/ldfix/schema/shapes"
	"github.com/ldfix/ldfix/schema/vocab"
)

// hover describes the schema.org term under the cursor: a property key
// with what Google's features ask of it on the enclosing node's type, or
// a type named by @type with the features it takes part in. Only the
// JSON-LD around the cursor is read, tolerantly, so a hover works while
// the block is still broken.
func (s *server) hover(_ *glsp.Context, p *protocol.HoverParams) (*protocol.Hover, error) {
	s.mu.Lock()
	d := s.docs[p.TextDocument.URI]
	var text []byte
	if d != nil {
		text = d.text
	}
	s.mu.Unlock()
	if d == nil {
		return nil, nil
	}
	l := newLines(text)
	t, ok := termAt(text, l.offset(p.Position))
	if !ok {
		return nil, nil
	}
	v, sh := knowledge()
	if v == nil {
		return nil, nil
	}
	md := describe(v, sh, t)
	if md == "" {
		return nil, nil
	}
	r := l.span(t.start, t.end)
	return &protocol.Hover{Contents: protocol.MarkupContent{Kind: protocol.MarkupKindMarkdown, Value: md}, Range: &r}, nil
}

var (
	knowOnce   sync.Once
	knowVocab  *vocab.Vocab
	knowShapes *shapes.Set
)

func knowledge() (*vocab.Vocab, *shapes.Set) {
	knowOnce.Do(func() {
		knowVocab, _ = vocab.Embedded()
		knowShapes, _ = shapes.Embedded()
	})
	return knowVocab, knowShapes
}

// term is a string of the JSON-LD under the cursor.
type term struct {
	start, end int    // the string, quotes included
	name       string // its text, without a schema: prefix
	isType     bool   // a value of @type; otherwise a key
	types      []string
}

func describe(v *vocab.Vocab, sh *shapes.Set, t term) string {
	tm := v.Term(t.name)
	if tm == nil {
		return ""
	}
	var b strings.Builder
	fmt.Fprintf(&b, "**%s** · schema.org %s", t.name, tm.Kind)
	if tm.Area != vocab.Core {
		fmt.Fprintf(&b, " (%s)", tm.Area)
	}
	b.WriteString("\n\n")
	if d := v.Description(t.name); d != "" {
		b.WriteString(d + "\n\n")
	}
	if tm.SupersededBy != "" {
		fmt.Fprintf(&b, "Superseded by `%s`.\n\n", tm.SupersededBy)
	}
	switch tm.Kind {
	case vocab.Property:
		if len(tm.Range) > 0 {
			fmt.Fprintf(&b, "Values: %s.\n\n", codeList(tm.Range))
		}
		if sh != nil {
			var lines []string
			for _, typ := range t.types {
				for _, r := range sh.Requirements(typ, t.name) {
					line := fmt.Sprintf("- **%s** on `%s` for the [%s](%s) rich result", r.Level, typ, r.Feature, r.URL)
					if len(r.OneOf) > 0 {
						line += " (one of " + codeList(r.OneOf) + ")"
					}
					lines = append(lines, line)
				}
			}
			if len(lines) > 0 {
				b.WriteString("Google:\n" + strings.Join(lines, "\n") + "\n\n")
			}
		}
	case vocab.Class:
		if len(tm.Parents) > 0 {
			fmt.Fprintf(&b, "Subtype of %s.\n\n", codeList(tm.Parents))
		}
		if sh != nil {
			var links []string
			for _, f := range sh.Features(t.name) {
				links = append(links, fmt.Sprintf("[%s](%s)", f.Feature, f.URL))
			}
			if len(links) > 0 {
				b.WriteString("Google rich results: " + strings.Join(links, ", ") + "\n\n")
			}
		}
	}
	fmt.Fprintf(&b, "[schema.org/%s](https://schema.org/%s)", t.name, t.name)
	return b.String()
}

func codeList(names []string) string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = "`" + n + "`"
	}
	return strings.Join(out, ", ")
}

// termAt finds the key or @type value under off. It scans the JSON-LD
// that holds off (the script element around it in a page, else the whole
// document) with a tolerant tokenizer that tracks objects and their
// @type values, so a property learns its node's type even when @type
// comes after it.
func termAt(text []byte, off int) (term, bool) {
	lo, hi := region(text, off)
	type frame struct {
		object bool
		key    string // the key whose value is being read (objects)
		types  []string
		terms  []int // indexes into found of the keys read in this object
	}
	var stack []*frame
	var found []term
	hit := -1
	top := func() *frame {
		if len(stack) == 0 {
			return nil
		}
		return stack[len(stack)-1]
	}
	// owner is the object a value belongs to: the top frame, or the
	// object holding the array the value is in.
	owner := func() *frame {
		for i := len(stack) - 1; i >= 0; i-- {
			if stack[i].object {
				return stack[i]
			}
		}
		return nil
	}
	for i := lo; i < hi; i++ {
		switch c := text[i]; c {
		case '{':
			stack = append(stack, &frame{object: true})
		case '[':
			stack = append(stack, &frame{})
		case '}', ']':
			if f := top(); f != nil {
				stack = stack[:len(stack)-1]
				for _, k := range f.terms {
					found[k].types = f.types
				}
			}
		case '"':
			j := stringEnd(text, i, hi)
			name := string(text[i+1 : max(i+1, j-1)])
			k := j
			for k < hi && (text[k] == ' ' || text[k] == '\t' || text[k] == '\r' || text[k] == '\n') {
				k++
			}
			isKey := k < hi && text[k] == ':'
			o := owner()
			t := term{start: i, end: j, name: localName(name)}
			added := false
			switch {
			case isKey && o != nil && top() == o:
				o.key = name
				found = append(found, t)
				o.terms = append(o.terms, len(found)-1)
				added = true
			case !isKey && o != nil && o.key == "@type":
				o.types = append(o.types, t.name)
				t.isType = true
				found = append(found, t)
				added = true
			}
			if added && i <= off && off < j {
				hit = len(found) - 1
			}
			i = j - 1
		}
	}
	if hit < 0 {
		return term{}, false
	}
	// The block ended before its objects closed (a broken block): give the
	// types seen so far.
	for _, f := range stack {
		for _, k := range f.terms {
			if found[k].types == nil {
				found[k].types = f.types
			}
		}
	}
	return found[hit], true
}

// stringEnd returns the offset after the string starting at text[i]; an
// unclosed string ends at the end of its line.
func stringEnd(text []byte, i, hi int) int {
	for j := i + 1; j < hi; j++ {
		switch text[j] {
		case '\\':
			j++
		case '"':
			return j + 1
		case '\n':
			return j
		}
	}
	return hi
}

// region bounds the JSON-LD around off: the content of the script element
// that holds it, or the whole text when off is in none (a .jsonld file).
func region(text []byte, off int) (int, int) {
	lower := bytes.ToLower(text)
	open := bytes.LastIndex(lower[:off], []byte("<script"))
	if open < 0 {
		return 0, len(text)
	}
	if end := bytes.LastIndex(lower[:off], []byte("</script")); end > open {
		return 0, len(text)
	}
	gt := bytes.IndexByte(lower[open:], '>')
	if gt < 0 || open+gt >= off {
		return 0, len(text)
	}
	lo := open + gt + 1
	hi := bytes.Index(lower[lo:], []byte("</script"))
	if hi < 0 {
		return lo, len(text)
	}
	return lo, lo + hi
}

// localName is a term's name without the schema.org prefix or address a
// key or @type may carry ("schema:name", "https://schema.org/Article").
func localName(s string) string {
	for _, p := range []string{"schema:", "https://schema.org/", "http://schema.org/"} {
		if rest, ok := strings.CutPrefix(s, p); ok {
			return rest
		}
	}
	return s
}

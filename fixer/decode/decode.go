// Package decode reads a page in the encoding it is written in: UTF-8, or
// UTF-16 with a byte order mark, or the legacy encoding its <meta charset>
// names (windows-1252 when a page that is not UTF-8 names none, as
// browsers read it). It owns the UTF-8 text the other stages read, the
// offset map from that text back to the page's bytes, and encoding fixed
// text back so a fix is written in the page's own encoding.
package decode

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"

	"github.com/ldfix/ldfix/fixer/source"
)

// Page is a page's text in UTF-8 and how it was decoded.
type Page struct {
	// Text is the page in UTF-8, without a UTF-16 byte order mark. For a
	// UTF-8 page it is the page's own bytes.
	Text []byte
	// Encoding is the WHATWG name of the page's encoding: "utf-8",
	// "utf-16le", "utf-16be", "windows-1252", "shift_jis", ….
	Encoding string
	// Declared reports whether the encoding was named (a byte order mark
	// or <meta charset>) rather than guessed.
	Declared bool
	// DeclaredLate reports that the encoding is named by a <meta> element
	// after the first 1024 bytes, where browsers do not look for it.
	DeclaredLate bool
	// Map carries offsets in Text back to offsets in the page's bytes;
	// nil for a UTF-8 page, whose Text is its bytes.
	Map *source.OffsetMap

	bom []byte
	enc encoding.Encoding
}

// Decoded reports whether Text differs from the page's bytes.
func (p *Page) Decoded() bool { return p.Map != nil }

var (
	bomLE = []byte{0xff, 0xfe}
	bomBE = []byte{0xfe, 0xff}
)

// Bytes decodes a page. Valid UTF-8 is taken as it is, whatever the page
// declares: pages that name a legacy encoding and are written in UTF-8
// are common, and their authors mean UTF-8.
func Bytes(data []byte) *Page {
	switch {
	case bytes.HasPrefix(data, bomLE):
		return utf16Page(data, "utf-16le", false)
	case bytes.HasPrefix(data, bomBE):
		return utf16Page(data, "utf-16be", true)
	case utf8.Valid(data):
		return &Page{Text: data, Encoding: "utf-8", Declared: true}
	}
	_, name, _ := charset.DetermineEncoding(data, "")
	declared, late := declares(data), false
	if !declared {
		// Browsers look for <meta charset> in the first 1024 bytes only,
		// then guess from the bytes; a declaration further down is still
		// the best guess of what the author wrote in.
		if i := lateMeta.FindIndex(data); i != nil && declares(data[i[0]:]) {
			_, name, _ = charset.DetermineEncoding(data[i[0]:], "")
			late = true
		}
	}
	enc, err := htmlindex.Get(name)
	if err != nil || name == "utf-8" {
		// Invalid UTF-8 that says it is UTF-8: read as it is, the stages
		// see each bad byte as one character.
		return &Page{Text: data, Encoding: "utf-8", Declared: true}
	}
	p := &Page{Encoding: name, Declared: declared, DeclaredLate: late, enc: enc}
	p.Text, p.Map = decodeLegacy(data, enc)
	return p
}

var lateMeta = regexp.MustCompile(`(?i)<meta[^>]{0,200}charset`)

// declares reports whether the start of data names its encoding in a
// <meta> element. DetermineEncoding answers windows-1252 both for such a
// declaration and when there is none; asked again about the same start
// with its ASCII alone after one UTF-8 character, it answers utf-8 only when
// nothing is declared.
func declares(data []byte) bool {
	_, name, _ := charset.DetermineEncoding(data, "")
	if name != "windows-1252" {
		return true
	}
	probe := append(make([]byte, 0, 1024), "é"...)
	for _, b := range data[:min(len(data), 1000)] {
		if b < utf8.RuneSelf {
			probe = append(probe, b)
		}
	}
	_, again, _ := charset.DetermineEncoding(probe, "")
	return again != "utf-8"
}

// utf16Page decodes UTF-16 after its byte order mark. An odd last byte
// and unpaired surrogates become U+FFFD, as browsers show them.
func utf16Page(data []byte, name string, big bool) *Page {
	var reps []source.Replacement
	text := make([]byte, 0, len(data)/2)
	reps = append(reps, source.Replacement{Span: source.Span{Start: 0, End: 2}, NewLen: 0})
	unit := func(i int) uint16 {
		if big {
			return uint16(data[i])<<8 | uint16(data[i+1])
		}
		return uint16(data[i+1])<<8 | uint16(data[i])
	}
	for i := 2; i < len(data); {
		r, n := utf8.RuneError, 1
		if i+1 < len(data) {
			u := unit(i)
			r, n = rune(u), 2
			if utf16.IsSurrogate(r) {
				r = utf8.RuneError
				if i+3 < len(data) {
					if pair := utf16.DecodeRune(rune(u), rune(unit(i+2))); pair != utf8.RuneError {
						r, n = pair, 4
					}
				}
			}
		}
		before := len(text)
		text = utf8.AppendRune(text, r)
		reps = append(reps, source.Replacement{Span: source.Span{Start: i, End: i + n}, NewLen: len(text) - before})
		i += n
	}
	enc, _ := htmlindex.Get(name)
	return &Page{Text: text, Encoding: name, Declared: true, Map: source.NewOffsetMap(reps), bom: data[:2], enc: enc}
}

// maxCharLen bounds the bytes of one character with the shift sequence
// before it (ISO-2022-JP), or of one four-byte GB18030 character.
const maxCharLen = 8

// decodeLegacy decodes data one character at a time, so that every
// character's offset is known. ASCII bytes that decode to themselves map
// one to one; every other character is a replacement in the map.
func decodeLegacy(data []byte, enc encoding.Encoding) ([]byte, *source.OffsetMap) {
	text := make([]byte, 0, len(data)+len(data)/4)
	var reps []source.Replacement
	if cm, ok := enc.(*charmap.Charmap); ok {
		for i, b := range data {
			r := cm.DecodeByte(b)
			if b < utf8.RuneSelf && r == rune(b) {
				text = append(text, b)
				continue
			}
			before := len(text)
			text = utf8.AppendRune(text, r)
			reps = append(reps, source.Replacement{Span: source.Span{Start: i, End: i + 1}, NewLen: len(text) - before})
		}
		return text, source.NewOffsetMap(reps)
	}
	dec := enc.NewDecoder()
	var buf [64]byte
	for i := 0; i < len(data); {
		// The shortest input that decodes to something is one character
		// (or a shift sequence that decodes to nothing).
		n, out := 0, []byte(nil)
		for j := i + 1; j <= min(len(data), i+maxCharLen); j++ {
			nDst, nSrc, err := dec.Transform(buf[:], data[i:j], j == len(data))
			if nSrc > 0 || (err != nil && !errors.Is(err, encoding.ErrInvalidUTF8) && j == len(data)) {
				n, out = max(nSrc, 1), buf[:nDst]
				if nSrc == 0 {
					out = []byte(string(utf8.RuneError))
				}
				break
			}
		}
		if n == 0 {
			// No character of any encoding is this long: the byte is
			// not one the encoding defines.
			n, out = 1, []byte(string(utf8.RuneError))
			dec.Reset()
		}
		if !bytes.Equal(out, data[i:i+n]) {
			reps = append(reps, source.Replacement{Span: source.Span{Start: i, End: i + n}, NewLen: len(out)})
		}
		text = append(text, out...)
		i += n
	}
	return text, source.NewOffsetMap(reps)
}

// Offset maps an offset in Text to the page's bytes.
func (p *Page) Offset(off int) int {
	if p.Map == nil {
		return off
	}
	return p.Map.Offset(off)
}

// Span maps a span in Text to the page's bytes.
func (p *Page) Span(s source.Span) source.Span {
	if p.Map == nil {
		return s
	}
	return p.Map.Span(s)
}

// Encode writes UTF-8 text in the page's encoding, without a byte order
// mark. It fails on a character the encoding cannot hold.
func (p *Page) Encode(text []byte) ([]byte, error) {
	if p.enc == nil {
		return text, nil
	}
	out, err := p.enc.NewEncoder().Bytes(text)
	if err != nil {
		return nil, fmt.Errorf("%s cannot hold the fixed text: %w", p.Encoding, err)
	}
	return out, nil
}

// Change is a span of Text replaced by new UTF-8 text.
type Change struct {
	Span source.Span
	Text []byte
}

// Apply writes changes to Text into the page's bytes orig, encoding each
// new text in the page's encoding: every byte outside the changed spans
// stays as it was, byte order mark included. changes must be sorted and
// must not overlap.
func (p *Page) Apply(orig []byte, changes []Change) ([]byte, error) {
	var out bytes.Buffer
	last := 0
	for _, c := range changes {
		s := p.Span(c.Span)
		if s.Start < last || s.End > len(orig) {
			return nil, fmt.Errorf("change at %d is out of order", c.Span.Start)
		}
		enc, err := p.Encode(c.Text)
		if err != nil {
			return nil, err
		}
		out.Write(orig[last:s.Start])
		out.Write(enc)
		last = s.End
	}
	out.Write(orig[last:])
	return out.Bytes(), nil
}

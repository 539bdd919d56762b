package check

import (
	"bytes"
	"path/filepath"
	"strings"
)

// PlainJSON reports whether a .json file is ordinary JSON (package.json,
// tsconfig.json, a saved report) rather than JSON-LD: no object in it has
// a JSON-LD keyword (@context, @type, @graph, @id) as a key. Walking a
// project, or a pre-commit hook given every staged .json file, would
// otherwise flag each config file as a JSON-LD node without a context.
// The keys decide, not the bytes: a description that mentions "@context"
// does not make a package.json JSON-LD. Keys are found in broken JSON too
// (curly or single quotes, no quotes), since such a file still needs
// repairing. .jsonld files and pages are always checked.
func PlainJSON(name string, data []byte) bool {
	if !strings.EqualFold(filepath.Ext(name), ".json") {
		return false
	}
	return !hasKeywordKey(data)
}

var jsonLDKeywords = [][]byte{[]byte("@context"), []byte("@type"), []byte("@graph"), []byte("@id")}

// hasKeywordKey scans data for a JSON-LD keyword followed by a colon, outside
// the text of a straight-quoted string: either a whole string ("@type":) or
// bare or otherwise quoted text (“@type”:, @type:).
func hasKeywordKey(data []byte) bool {
	if bytes.IndexByte(data, '@') < 0 {
		return false
	}
	for i := 0; i < len(data); i++ {
		switch data[i] {
		case '"':
			end := stringEnd(data, i+1)
			if n := keyword(data[i+1 : end]); n > 0 && n == end-i-1 && colonAt(data, end+1) {
				return true
			}
			i = end
		case '@':
			if n := keyword(data[i:]); n > 0 && colonAt(data, afterQuote(data, i+n)) {
				return true
			}
		}
	}
	return false
}

// stringEnd returns the offset of the quote that closes the string whose
// text starts at i, or len(data).
func stringEnd(data []byte, i int) int {
	for ; i < len(data); i++ {
		switch data[i] {
		case '\\':
			i++
		case '"':
			return i
		}
	}
	return len(data)
}

// keyword returns the length of the JSON-LD keyword b starts with, when
// no letter follows it, or 0.
func keyword(b []byte) int {
	for _, kw := range jsonLDKeywords {
		if bytes.HasPrefix(b, kw) && (len(b) == len(kw) || !isWordByte(b[len(kw)])) {
			return len(kw)
		}
	}
	return 0
}

func isWordByte(c byte) bool {
	return c == '_' || c == '-' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// afterQuote skips one closing quote of any kind at i: ', ” or ’ (a
// straight double quote closes a string the scan already read).
func afterQuote(data []byte, i int) int {
	for _, q := range []string{"'", "”", "’", "“", "‘"} {
		if bytes.HasPrefix(data[i:], []byte(q)) {
			return i + len(q)
		}
	}
	return i
}

// colonAt reports whether a colon follows i, after white space.
func colonAt(data []byte, i int) bool {
	for ; i < len(data); i++ {
		switch data[i] {
		case ' ', '\t', '\r', '\n':
		case ':':
			return true
		default:
			return false
		}
	}
	return false
}

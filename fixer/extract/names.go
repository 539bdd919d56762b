package extract

import "strings"

// knownNames are the element names pages use most, and every name the tree
// builder treats specially. A known name is not allocated for each
// element, and its rules are looked up by index instead of by hashing
// it. Index 0 stands for every other name.
var knownNames = [...]string{
	"",
	// Rules of the tree builder.
	"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
	"address", "article", "aside", "blockquote", "center", "details", "dialog", "dir", "div", "dl", "fieldset",
	"figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "main",
	"menu", "nav", "ol", "p", "pre", "section", "summary", "table", "ul", "li", "dd", "dt",
	"applet", "caption", "html", "td", "th", "marquee", "object", "template", "button",
	"option", "optgroup", "tr", "tbody", "thead", "tfoot",
	// Common elements, and those microdata reads a value from.
	"a", "abbr", "audio", "b", "body", "canvas", "circle", "code", "data", "defs", "del", "em", "g", "head",
	"i", "iframe", "ins", "label", "legend", "line", "mark", "math", "meter", "noscript", "path", "picture",
	"polygon", "rect", "s", "script", "select", "small", "span", "strong", "style", "sub", "sup", "svg",
	"symbol", "textarea", "time", "title", "u", "use", "video", "foreignobject", "lineargradient", "stop",
	"ellipse", "polyline", "clippath", "mask", "cite", "q", "dfn", "kbd", "samp", "var", "bdi",
	"bdo", "ruby", "rt", "rp", "output", "progress", "datalist", "colgroup", "map", "frame", "frameset",
	"noframes", "noembed", "xmp", "plaintext", "listing", "nobr", "big", "tt", "strike", "font",
}

// Flags of a known name.
const (
	void     uint8 = 1 << iota // no content and no end tag (WHATWG HTML §13.1.2)
	closesP                    // a start tag that closes an open p (§13.2.6.4.7)
	scopeEnd                   // stops the search for an element to close implicitly
)

var (
	knownIndex = map[string]uint8{}
	nameFlags  [len(knownNames)]uint8
	// knownTable finds a lower-case name's index in knownNames without
	// hashing the whole name: it is looked up for every tag of a page.
	knownTable [512]uint8
)

func nameSlot(name []byte) int {
	return (len(name)*31 + int(name[0])*7 + int(name[len(name)-1])) & (len(knownTable) - 1)
}

func init() {
	for i, n := range knownNames {
		if _, dup := knownIndex[n]; !dup {
			knownIndex[n] = uint8(i)
		}
	}
	for i, n := range knownNames[1:] {
		if knownIndex[n] != uint8(i+1) {
			continue
		}
		h := nameSlot([]byte(n))
		for knownTable[h] != 0 {
			h = (h + 1) & (len(knownTable) - 1)
		}
		knownTable[h] = uint8(i + 1)
	}
	for n, i := range knownIndex {
		if voidElements[n] {
			nameFlags[i] |= void
		}
		if closesPTags[n] {
			nameFlags[i] |= closesP
		}
		if scopeEnds[n] {
			nameFlags[i] |= scopeEnd
		}
	}
	for _, set := range []map[string]bool{voidElements, closesPTags, scopeEnds} {
		for n := range set {
			if _, ok := knownIndex[n]; !ok {
				panic("extract: " + n + " is missing from knownNames")
			}
		}
	}
}

// lowerName returns the lower-case name of a tag and its index in
// knownNames (0 for another name).
func lowerName(name []byte) (string, uint8) {
	var buf [16]byte
	if len(name) > 0 && len(name) <= len(buf) {
		for i, c := range name {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			buf[i] = c
		}
		lower := buf[:len(name)]
		for h := nameSlot(lower); knownTable[h] != 0; h = (h + 1) & (len(knownTable) - 1) {
			if i := knownTable[h]; knownNames[i] == string(lower) {
				return knownNames[i], i
			}
		}
	}
	// Unicode case folding can make an ASCII name of a non-ASCII one
	// (the Kelvin sign lowers to "k").
	lower := strings.ToLower(string(name))
	if i, ok := knownIndex[lower]; ok && i != 0 {
		return knownNames[i], i
	}
	return lower, 0
}

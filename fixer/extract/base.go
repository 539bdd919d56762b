package extract

import (
	"bytes"

	"golang.org/x/net/html"
)

// BaseHref returns the href of the page's first <base> element that has
// one, as browsers use it to resolve the page's relative URLs, or "". It
// is what Scan finds as Page.BaseHref, for a caller that needs only it.
// Most pages have none, so a page without the text "<base" is not read.
func BaseHref(data []byte) string {
	if !containsFold(data, []byte("<base")) {
		return ""
	}
	s := newScanner(data)
	s.run()
	return s.baseHref
}

// noteBase keeps the href of the first <base> in the document that has
// one. A <base> in template content is not in the document, and one in
// SVG or MathML is not an HTML base element (the scanner reads it as a
// foreign tag).
func (s *scanner) noteBase(t *tag) {
	if s.hasBase || s.template > 0 {
		return
	}
	a, ok := t.attr("href")
	if !ok {
		return
	}
	s.hasBase = true
	if bytes.IndexByte(a.val, '&') < 0 {
		s.baseHref = string(bytes.TrimSpace(a.val))
		return
	}
	s.baseHref = attrValue(s.data[t.span.Start:t.span.End], "href")
}

// attrValue returns the value of attribute name of the start tag tag,
// its character references decoded as the HTML tokenizer decodes them in
// an attribute (where "&copy=" in a query string stays as written), and
// trimmed.
func attrValue(tag []byte, name string) string {
	z := html.NewTokenizer(bytes.NewReader(tag))
	if tt := z.Next(); tt != html.StartTagToken && tt != html.SelfClosingTagToken {
		return ""
	}
	for _, more := z.TagName(); more; {
		var k, v []byte
		k, v, more = z.TagAttr()
		if string(k) == name {
			return string(bytes.TrimSpace(v))
		}
	}
	return ""
}

func containsFold(data, sub []byte) bool {
	for i := 0; i+len(sub) <= len(data); i++ {
		j := bytes.IndexByte(data[i:], '<')
		if j < 0 {
			return false
		}
		i += j
		if i+len(sub) <= len(data) && bytes.EqualFold(data[i:i+len(sub)], sub) {
			return true
		}
	}
	return false
}

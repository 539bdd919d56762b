package extract

import (
	"bytes"

	"golang.org/x/net/html"
)

// BaseHref returns the href of the page's first <base> element that has
// one, as browsers use it to resolve the page's relative URLs, or "".
// Most pages have none, so a page without the text "<base" is not parsed.
func BaseHref(data []byte) string {
	if !containsFold(data, []byte("<base")) {
		return ""
	}
	z := html.NewTokenizer(bytes.NewReader(data))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return ""
		case html.StartTagToken, html.SelfClosingTagToken:
			name, attrs := z.TagName()
			if string(name) != "base" {
				continue
			}
			for attrs {
				var k, v []byte
				k, v, attrs = z.TagAttr()
				if string(k) == "href" {
					return string(bytes.TrimSpace(v))
				}
			}
		}
	}
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

package extract

import (
	"bytes"
	"testing"

	"golang.org/x/net/html"

	"github.com/ldfix/ldfix/fixer/source"
	"github.com/ldfix/ldfix/fixer/source/sharedtest"
)

// tokenizerBaseHref reads the first <base href> with golang.org/x/net/html's
// tokenizer, which knows no template content and no foreign content.
func tokenizerBaseHref(data []byte) string {
	z := html.NewTokenizer(bytes.NewReader(data))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return ""
		case html.StartTagToken, html.SelfClosingTagToken:
			name, more := z.TagName()
			if string(name) != "base" {
				continue
			}
			for more {
				var k, v []byte
				k, v, more = z.TagAttr()
				if string(k) == "href" {
					return string(bytes.TrimSpace(v))
				}
			}
		}
	}
}

func TestBaseHref(t *testing.T) {
	for _, c := range []struct{ page, want string }{
		{`<p>no base</p>`, ""},
		{`<head><base href="https://example.com/a/"></head>`, "https://example.com/a/"},
		{`<BASE HREF=" /shop/ ">`, "/shop/"},
		{`<base target="_top"><base href="/second/">`, "/second/"},
		{`<base href=""><base href="/late/">`, ""},
		{`<base href="/q?a=1&amp;b=2&copy=3">`, "/q?a=1&b=2&copy=3"},
		{`<!-- <base href="/comment/"> --><base href="/real/">`, "/real/"},
		{`<script>document.write('<base href="/js/">')</script><base href="/real/">`, "/real/"},
		{`<template><base href="/inert/"></template><base href="/real/">`, "/real/"},
		{`<svg><base href="/svg/"></base></svg><base href="/real/">`, "/real/"},
	} {
		if got := BaseHref([]byte(c.page)); got != c.want {
			t.Errorf("BaseHref(%q) = %q, want %q", c.page, got, c.want)
		}
		if got := Scan(source.New("p.html", []byte(c.page))).BaseHref; got != c.want {
			t.Errorf("Scan(%q).BaseHref = %q, want %q", c.page, got, c.want)
		}
	}
}

// TestBaseHrefCorpus: on published pages the scan finds the <base href>
// the tokenizer finds.
func TestBaseHrefCorpus(t *testing.T) {
	pages, _ := sharedtest.ReadPages(t)
	with := 0
	for _, p := range pages {
		want := tokenizerBaseHref(p.Data)
		if want != "" {
			with++
		}
		if got := Scan(source.New(p.Path, p.Data)).BaseHref; got != want {
			t.Errorf("%s: BaseHref %q, want %q", p.Path, got, want)
		}
	}
	t.Logf("%d of %d pages have a <base href>", with, len(pages))
}

package check

import (
	"reflect"
	"testing"

	"github.com/ldfix/ldfix/fixer/extract"
	"github.com/ldfix/ldfix/fixer/source"
)

// TestReadBase: the page is read once for its <base href>, Fix is handed
// that reading once, for that page only, and every later scan reads afresh.
func TestReadBase(t *testing.T) {
	page := []byte(`<base href="/shop/"><script type="application/ld+json">{"@type": "Thing",}</script>
<div itemscope itemtype="https://schema.org/Thing"><a itemprop="url" href="x">x</a></div>`)
	f := source.New("page.html", page)
	href, scan := readBase(f, false)
	if href != "/shop/" {
		t.Fatalf("href %q, want /shop/", href)
	}
	want := extract.Scan(f)
	first, again := scan(f), scan(f)
	if !reflect.DeepEqual(first, want) || !reflect.DeepEqual(again, want) {
		t.Fatal("the scan handed to Fix differs from extract.Scan")
	}
	if &first.Blocks[0] == &again.Blocks[0] || &first.Items[0] == &again.Items[0] {
		t.Fatal("the reading made ahead of Fix was handed over twice")
	}
	other := source.New("other.html", []byte(`<script type="application/ld+json">{}</script>`))
	if got := scan(other); !reflect.DeepEqual(got, extract.Scan(other)) {
		t.Fatal("another file was not scanned afresh")
	}
	if href, scan := readBase(source.New("page.liquid", page), true); href != "/shop/" || scan != nil {
		t.Fatalf("template: href %q, scan set %v; want /shop/ and Fix's own scan", href, scan != nil)
	}
}

package sitereport

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/net/html"

	"github.com/ldfix/ldfix/cmd/ldfix/internal/crawl"
	"github.com/ldfix/ldfix/cmd/ldfix/internal/report"
	"github.com/ldfix/ldfix/fixer/diag"
	"github.com/ldfix/ldfix/fixer/source"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// golden is the top-level directory of site-report goldens.
var golden = filepath.Join("..", "..", "..", "..", "testdata", "site")

func readPage(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(golden, "pages", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// blockSpans finds the content of each ld+json script of a fixture page.
func blockSpans(t testing.TB, data []byte) []source.Span {
	t.Helper()
	var out []source.Span
	open := []byte(`<script type="application/ld+json">`)
	for at := 0; ; {
		i := bytes.Index(data[at:], open)
		if i < 0 {
			return out
		}
		start := at + i + len(open)
		end := start + bytes.Index(data[start:], []byte("</script>"))
		out = append(out, source.Span{Start: start, End: end})
		at = end
	}
}

// spanOf is the span of the first occurrence of s in data.
func spanOf(t testing.TB, data []byte, s string) source.Span {
	t.Helper()
	i := bytes.Index(data, []byte(s))
	if i < 0 {
		t.Fatalf("%q not in fixture", s)
	}
	return source.Span{Start: i, End: i + len(s)}
}

// fixture is a small crawl: a page with broken markup, one with a
// vocabulary warning, a clean one, a page that answered 404, a sitemap that
// could not be read and a file that could not be read.
func fixture(t testing.TB) []report.FileResult {
	product := readPage(t, "product.html")
	ps := blockSpans(t, product)
	article := readPage(t, "article.html")
	as := blockSpans(t, article)
	clean := readPage(t, "clean.html")
	cs := blockSpans(t, clean)
	gone := &crawl.Error{URL: "https://shop.example/gone", Kind: crawl.BadStatus, Status: 404, Msg: "server answered 404 Not Found"}
	badMap := &crawl.Error{URL: "https://shop.example/sitemap-2.xml", Kind: crawl.BadSitemap, Msg: "sitemap could not be parsed: XML syntax error on line 3: unexpected EOF"}
	return []report.FileResult{
		{
			Path: "https://shop.example/p/ridge",
			File: source.New("https://shop.example/p/ridge", product),
			Blocks: []report.BlockInfo{
				{Index: 0, Span: ps[0], Types: []string{"Product"}, Repaired: []byte(`{"@context":"https://schema.org","@type":"Product","name":"Trail shoe “Ridge”","image":"https://shop.example/img/ridge.jpg","offers":{"@type":"Offer","price":"89.00","priceCurrency":"EUR"}}`)},
				{Index: 1, Span: ps[1], Types: []string{"BreadcrumbList"}, Repaired: product[ps[1].Start+1 : ps[1].End-1]},
			},
			Diagnostics: []diag.Diagnostic{
				{Rule: "J001", Severity: diag.Error, Block: 0, Pointer: "/image", Message: "string is not closed before the end of the line",
					Span: source.Span{Start: spanOf(t, product, `ridge.jpg,`).End - 1, End: spanOf(t, product, `ridge.jpg,`).End - 1},
					Fix:  &diag.Fix{Title: `close the string with "`, Applicability: diag.Safe}},
				{Rule: "J002", Severity: diag.Error, Block: 0, Pointer: "/offers", Message: "trailing comma before \"}\"",
					Span: source.Span{Start: spanOf(t, product, `"EUR",`).End - 1, End: spanOf(t, product, `"EUR",`).End}, Fix: &diag.Fix{Title: "remove the comma", Applicability: diag.Safe}},
				{Rule: "G001", Severity: diag.Error, Block: 0, Feature: "Product snippets", Message: `type "Product" needs one of "review", "aggregateRating" or "offers.hasMerchantReturnPolicy"`, Span: ps[0]},
				{Rule: "G002", Severity: diag.Warning, Block: 1, Feature: "Breadcrumb", Pointer: "/itemListElement/0", Message: `breadcrumb has a single item`, Span: spanOf(t, product, `{"@type":"ListItem"`)},
			},
			Items: []report.Item{
				{Block: 0, Span: ps[0], Type: "Product", Feature: "Product snippet", URL: "https://developers.google.com/search/docs/appearance/structured-data/product-snippet",
					Status: "not eligible", Reasons: []string{`type "Product" needs one of "review", "aggregateRating" or "offers"`}},
				{Block: 1, Span: ps[1], Type: "BreadcrumbList", Feature: "Breadcrumb", Status: "eligible with warnings", Missing: []string{"ListItem.item"}},
			},
		},
		{
			Path: "https://shop.example/blog/wax",
			File: source.New("https://shop.example/blog/wax", article),
			Blocks: []report.BlockInfo{
				{Index: 0, Span: as[0], Types: []string{"Article"}, Repaired: bytes.TrimSpace(article[as[0].Start:as[0].End])},
			},
			Diagnostics: []diag.Diagnostic{
				{Rule: "V001", Severity: diag.Warning, Block: 0, Pointer: "/datePublishd", Message: `property "datePublishd" is not defined for type "Article"`,
					Span: spanOf(t, article, `"datePublishd"`), Fix: &diag.Fix{Title: `rename to "datePublished"`, Applicability: diag.DisplayOnly}},
				{Rule: "V009", Severity: diag.Info, Block: 0, Pointer: "/headline", Message: `text looks like HTML markup`, Span: spanOf(t, article, `<safely>`)},
			},
		},
		{
			Path: "https://shop.example/about",
			File: source.New("https://shop.example/about", clean),
			Blocks: []report.BlockInfo{
				{Index: 0, Span: cs[0], Types: []string{"Organization"}, Repaired: clean[cs[0].Start:cs[0].End]},
			},
		},
		{Path: gone.URL, File: source.New(gone.URL, nil), Diagnostics: gone.Diagnostics()},
		{Path: badMap.URL, File: source.New(badMap.URL, nil), Diagnostics: badMap.Diagnostics()},
		{Path: "local/secret.html", Err: errors.New("open local/secret.html: permission denied")},
	}
}

func TestSummarize(t *testing.T) {
	s := Summarize(fixture(t))
	want := Summary{
		Pages: 5, BadSitemaps: 1, NotFetched: 2, WithMarkup: 3, Blocks: 4, Errors: 6, Warnings: 2, Infos: 1,
		Types: []Count{{Label: "Article", N: 1}, {Label: "BreadcrumbList", N: 1}, {Label: "Organization", N: 1}, {Label: "Product", N: 1}},
		Rules: []Count{
			{Label: "G001", N: 1, Severity: diag.Error}, {Label: "G002", N: 1, Severity: diag.Warning},
			{Label: "J001", N: 1, Severity: diag.Error}, {Label: "J002", N: 1, Severity: diag.Error},
			{Label: "V001", N: 1, Severity: diag.Warning}, {Label: "V009", N: 1, Severity: diag.Info},
			{Label: "X081 page-http-error", N: 1, Severity: diag.Error}, {Label: "X085 sitemap-unreadable", N: 1, Severity: diag.Error},
		},
		Features: []Count{{Label: "Breadcrumb", N: 1}, {Label: "Product snippets", N: 1}},
		Worst: []PageCount{
			{Index: 0, Path: "https://shop.example/p/ridge", Errors: 3, Warnings: 1},
			{Index: 3, Path: "https://shop.example/gone", Errors: 1},
			{Index: 4, Path: "https://shop.example/sitemap-2.xml", Errors: 1},
			{Index: 5, Path: "local/secret.html", Errors: 1},
			{Index: 1, Path: "https://shop.example/blog/wax", Warnings: 1, Infos: 1},
		},
	}
	if diff := cmp.Diff(want, s); diff != "" {
		t.Errorf("Summarize (-want +got):\n%s", diff)
	}
	if s.Checked() != 3 {
		t.Errorf("Checked = %d, want 3", s.Checked())
	}
}

func TestSummarizeWorstIsBounded(t *testing.T) {
	var rs []report.FileResult
	for i := range 3 * MaxWorst {
		ds := make([]diag.Diagnostic, i%7)
		for j := range ds {
			ds[j] = diag.Diagnostic{Rule: "J001", Severity: diag.Error}
		}
		rs = append(rs, report.FileResult{Path: filepath.Join("p", string(rune('a'+i))), Diagnostics: ds})
	}
	w := Summarize(rs).Worst
	if len(w) != MaxWorst || w[0].Errors != 6 || w[len(w)-1].Errors < 4 {
		t.Errorf("worst = %+v", w)
	}
	for i := 1; i < len(w); i++ {
		if w[i].Errors > w[i-1].Errors || (w[i].Errors == w[i-1].Errors && w[i].Index < w[i-1].Index) {
			t.Errorf("worst not ordered by errors, then input order: %+v", w)
		}
	}
}

// TestSummarizerWorstMatchesSort: the worst pages kept as results arrive
// are those a stable sort of every page would list, ties in input order.
func TestSummarizerWorstMatchesSort(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	sevs := []diag.Severity{diag.Error, diag.Warning, diag.Info}
	for range 200 {
		var z Summarizer
		var all []PageCount
		for i := range rng.IntN(40) {
			r := report.FileResult{Path: fmt.Sprint(i)}
			pc := PageCount{Index: i, Path: r.Path}
			for range rng.IntN(4) {
				sev := sevs[rng.IntN(3)]
				r.Diagnostics = append(r.Diagnostics, diag.Diagnostic{Rule: "J001", Severity: sev})
				switch sev {
				case diag.Error:
					pc.Errors++
				case diag.Warning:
					pc.Warnings++
				default:
					pc.Infos++
				}
			}
			z.Add(r)
			if pc.Errors+pc.Warnings+pc.Infos > 0 {
				all = append(all, pc)
			}
		}
		slices.SortStableFunc(all, func(a, b PageCount) int {
			if a.Errors != b.Errors {
				return b.Errors - a.Errors
			}
			if a.Warnings != b.Warnings {
				return b.Warnings - a.Warnings
			}
			return b.Infos - a.Infos
		})
		want := all[:min(len(all), MaxWorst)]
		if got := z.Summary().Worst; !slices.Equal(got, want) {
			t.Fatalf("worst %+v, want %+v", got, want)
		}
	}
}

// checkGolden compares got with testdata/site/name, or rewrites it.
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join(golden, name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s differs (-want +got; -update rewrites it):\n%s", name, diff)
	}
}

func TestTextGolden(t *testing.T) {
	var b bytes.Buffer
	if err := Text(&b, Summarize(fixture(t))); err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "summary.txt", b.Bytes())
}

func TestHTMLGolden(t *testing.T) {
	var b bytes.Buffer
	if err := HTML(&b, fixture(t)); err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "report.html", b.Bytes())
}

// TestHTMLSelfContained: the report loads nothing: no scripts, style
// sheets, images, frames or CSS urls; links to pages and rule docs are the
// only addresses in it.
func TestHTMLSelfContained(t *testing.T) {
	var b bytes.Buffer
	if err := HTML(&b, fixture(t)); err != nil {
		t.Fatal(err)
	}
	doc, err := html.Parse(bytes.NewReader(b.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "script", "link", "img", "iframe", "object", "embed", "image", "use":
				t.Errorf("report loads <%s>", n.Data)
			}
			for _, a := range n.Attr {
				if a.Key == "src" || (a.Key == "href" && n.Data != "a") || strings.Contains(a.Val, "url(") {
					t.Errorf("<%s %s=%q> loads something", n.Data, a.Key, a.Val)
				}
			}
			if n.Data == "style" && n.FirstChild != nil && strings.Contains(n.FirstChild.Data, "url(") {
				t.Error("style sheet loads a url()")
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	out := b.String()
	for _, want := range []string{
		`Waxing skis &lt;safely&gt; &amp; fast`, // page text is escaped, never markup
		`<mark title="V001: property &#34;datePublishd&#34; is not defined for type &#34;Article&#34;">&#34;datePublishd&#34;</mark>`,
		`id="page-1" open`, `href="#page-4"`, `server answered 404 Not Found`, `open local/secret.html: permission denied`,
		`<li>https://shop.example/about</li>`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %s", want)
		}
	}
}

func TestHTMLEmpty(t *testing.T) {
	var b bytes.Buffer
	if err := HTML(&b, nil); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"No JSON-LD blocks found.", "No page has findings.", "<b>0</b>pages checked"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("empty report lacks %q", want)
		}
	}
}

func TestMarked(t *testing.T) {
	text := `{"a":1,"b":"é",}`
	f := source.New("x", []byte("<s>"+text+"</s>"))
	b := report.BlockInfo{Index: 0, Span: source.Span{Start: 3, End: 3 + len(text)}}
	at := func(s, e int) source.Span { return source.Span{Start: 3 + s, End: 3 + e} }
	tests := []struct {
		name  string
		spans []source.Span
		want  string
	}{
		{"none", nil, `{"a":1,"b":"é",}`},
		{"one", []source.Span{at(1, 4)}, `{["a"]:1,"b":"é",}`},
		{"overlap merges", []source.Span{at(1, 4), at(3, 6)}, `{["a":1],"b":"é",}`},
		{"insertion marks the next character", []source.Span{at(12, 12)}, `{"a":1,"b":"[é]",}`},
		{"insertion at the end marks the last", []source.Span{at(len(text), len(text))}, `{"a":1,"b":"é",[}]`},
		{"clipped to the block", []source.Span{{Start: 0, End: 5}}, `[{"]a":1,"b":"é",}`},
		{"outside the block", []source.Span{{Start: 40, End: 44}}, `{"a":1,"b":"é",}`},
		{"the whole block is not marked", []source.Span{at(0, len(text)), at(1, 4)}, `{["a"]:1,"b":"é",}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var ds []diag.Diagnostic
			for _, s := range tt.spans {
				ds = append(ds, diag.Diagnostic{Rule: "J001", Block: 0, Span: s})
			}
			ds = append(ds, diag.Diagnostic{Rule: "J001", Block: 1, Span: at(0, 2)}) // another block's
			var got strings.Builder
			for _, s := range marked(f.Text(b.Span), b, ds) {
				if s.Mark {
					got.WriteString("[" + s.Text + "]")
				} else {
					got.WriteString(s.Text)
				}
			}
			if got.String() != tt.want {
				t.Errorf("got %s, want %s", got.String(), tt.want)
			}
		})
	}
}

// FuzzMarked: whatever the spans, the runs put back together are the
// block's text, and marked runs are never empty.
func FuzzMarked(f *testing.F) {
	f.Add([]byte(`{"a":"é",}`), 1, 3, 5, 5)
	f.Add([]byte("x"), 0, 0, 1, 1)
	f.Add([]byte(""), 0, 0, 0, 0)
	f.Fuzz(func(t *testing.T, text []byte, s1, e1, s2, e2 int) {
		data := append(append([]byte("<s>"), text...), "</s>"...)
		file := source.New("x", data)
		b := report.BlockInfo{Index: 0, Span: source.Span{Start: 3, End: 3 + len(text)}}
		ds := []diag.Diagnostic{
			{Rule: "J001", Span: source.Span{Start: s1, End: e1}},
			{Rule: "J002", Span: source.Span{Start: s2, End: e2}},
		}
		var got []byte
		for _, s := range marked(file.Text(b.Span), b, ds) {
			if s.Mark && s.Text == "" {
				t.Fatal("empty mark")
			}
			got = append(got, s.Text...)
		}
		if !bytes.Equal(got, text) {
			t.Fatalf("runs give %q, want %q", got, text)
		}
	})
}

// BenchmarkHTML5000 renders the report of a 5,000-page crawl.
func BenchmarkHTML5000(b *testing.B) {
	base := fixture(b)
	results := make([]report.FileResult, 0, 5000)
	for i := range 5000 {
		r := base[i%3]
		r.Path = fmt.Sprintf("%s?page=%d", r.Path, i)
		results = append(results, r)
	}
	var n int64
	for b.Loop() {
		var buf bytes.Buffer
		if err := HTML(&buf, results); err != nil {
			b.Fatal(err)
		}
		n = int64(buf.Len())
	}
	b.ReportMetric(float64(n)/(1<<20), "MiB/report")
}

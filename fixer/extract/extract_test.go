package extract

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/ldfix/ldfix/fixer/jsonpos"
	"github.com/ldfix/ldfix/fixer/source"
)

// TestScriptEnd follows the tokenizer's script data states: the content ends
// at the first "</script" that is a whole tag name, unless it sits in a
// "<!-- <script>" section.
func TestScriptEnd(t *testing.T) {
	for _, tc := range []struct{ content, want string }{
		{`{"a":1}</script>`, `{"a":1}`},
		{`{"a":1}</SCRIPT >`, `{"a":1}`},
		{`{"a":1}</script/>`, `{"a":1}`},
		{`{"a":"</scripts>"}</script>`, `{"a":"</scripts>"}`},
		{`{"a":"</script"}</script>`, `{"a":"</script"}`},
		{`<!-- x </script> -->`, `<!-- x `},
		{`<!-- <script> </script> --></script>`, `<!-- <script> </script> -->`},
		{`<!-- <script> </script> </script>`, `<!-- <script> </script> `},
		{`<!-- <script> </script> -- </script>`, `<!-- <script> </script> -- `},
		{`<!-- <scripts> </script>`, `<!-- <scripts> `},
		{`<!--> <script> </script>`, `<!--> <script> `},
		{`<!---> <script> </script>`, `<!---> <script> `},
		{`<!-- <script> --> </script>`, `<!-- <script> --> `},
		{`no end`, `no end`},
		{`<<script </script>`, `<<script `},
		{`x<script>`, `x<script>`},
		{`</scrip`, `</scrip`},
	} {
		data := []byte(tc.content)
		if got := string(data[:scriptEnd(data, 0)]); got != tc.want {
			t.Errorf("scriptEnd(%q) stops after %q, want %q", tc.content, got, tc.want)
		}
	}
}

func TestValueEnd(t *testing.T) {
	for _, tc := range []struct {
		content, want string
		ok            bool
	}{
		{`{"a": 1}` + "\n<p>page", `{"a": 1}`, true},
		{`  [1, [2]] rest`, `  [1, [2]]`, true},
		{`{"a": "}"} x`, `{"a": "}"}`, true},
		{`{"a": "\"}"} x`, `{"a": "\"}"}`, true},
		{`{“a”: “}“} x`, `{“a”: “}“}`, true},
		{"{\"url\": \"https://x\n}\nDiscover more", "{\"url\": \"https://x\n}", true},
		{`{'a': 'it}s'} x`, `{'a': 'it}s'}`, true},
		{`{"a": 1} {"b": 2} text`, `{"a": 1} {"b": 2}`, true},
		{`{"a": 1}, {"b": 2} text`, `{"a": 1}, {"b": 2}`, true},
		{`{"a": 1}; -->` + "\nmore", `{"a": 1}; -->`, true},
		{`{"a": 1} //]]>`, `{"a": 1} //]]>`, true},
		{`{"a": 1 /* } */ } x`, `{"a": 1 /* } */ }`, true},
		{`{"a": 1 // }` + "\n} x", `{"a": 1 // }` + "\n}", true},
		{`<!-- {"a": 1} --> x`, `<!-- {"a": 1} -->`, true},
		{`{"a": [1` + "\n<div>page</div>", `{"a": [1`, false},
		{"{\"a\": 1\n\n", "{\"a\": 1", false},
		{"false\n<p>x", "false", false},
		{``, ``, false},
	} {
		end, ok := valueEnd([]byte(tc.content))
		if got := tc.content[:end]; got != tc.want || ok != tc.ok {
			t.Errorf("valueEnd(%q) = %q, %v; want %q, %v", tc.content, got, ok, tc.want, tc.ok)
		}
	}
}

func TestReadTag(t *testing.T) {
	for _, tc := range []struct {
		in, typ string
		ok      bool
	}{
		{`<script type="application/ld+json">`, "application/ld+json", true},
		{`<script type='a>b'>`, "a>b", true},
		{`<script type=a/b>`, "a/b", true},
		{`<script/type="x">`, "x", true},
		{`<script ="x" type = "y" >`, "y", true},
		{`<script type="x"type="y">`, "x", true},
		{`<script type>`, "", true},
		{`<script type="x`, "", false},
		{`<script type=`, "", false},
		{`<script`, "", false},
	} {
		tg, ok := readTag([]byte(tc.in), 0, 1, []attr{})
		if ok != tc.ok {
			t.Errorf("readTag(%q) ok = %v, want %v", tc.in, ok, tc.ok)
			continue
		}
		if !ok {
			continue
		}
		a, _ := tg.attr("type")
		if string(a.val) != tc.typ || tg.span.End != len(tc.in) {
			t.Errorf("readTag(%q): type %q, end %d; want %q, %d", tc.in, a.val, tg.span.End, tc.typ, len(tc.in))
		}
	}
}

func TestScriptType(t *testing.T) {
	for _, tc := range []struct {
		raw  string
		want typeVerdict
	}{
		{"application/ld+json", jsonLD},
		{"APPLICATION/LD+JSON", jsonLD},
		{"\tapplication/ld+json\n", jsonLD},
		{"application/ld+json;charset=UTF-8", jsonLD},
		{"application/ld&#x2B;json", jsonLD},
		{"application/json+ld", nearMiss},
		{"application/ld-json", nearMiss},
		{"text/ld+json", nearMiss},
		{"application/json", notJSONLD},
		{"text/javascript", notJSONLD},
		{"module", notJSONLD},
		{"", notJSONLD},
	} {
		if got := scriptType([]byte(tc.raw)); got != tc.want {
			t.Errorf("scriptType(%q) = %v, want %v", tc.raw, got, tc.want)
		}
	}
}

// TestSeedBlock checks the bundled sample: one block, from the line after
// the start tag to the JSON's closing brace, not to the end of the file.
func TestSeedBlock(t *testing.T) {
	data, err := os.ReadFile("../../testdata/seed.txt")
	if err != nil {
		t.Fatal(err)
	}
	blocks, ds := Blocks(source.New("seed.txt", data))
	if len(blocks) != 1 {
		t.Fatalf("seed has %d blocks, want 1", len(blocks))
	}
	b := blocks[0]
	text := string(data[b.Span.Start:b.Span.End])
	if !b.Unclosed || !strings.HasPrefix(strings.TrimSpace(text), "{") || !strings.HasSuffix(text, "resurgence.”\n}") {
		t.Errorf("seed block = %q (unclosed %v)", text, b.Unclosed)
	}
	if len(ds) != 1 || ds[0].Rule != "X001" || ds[0].Fix == nil || ds[0].Fix.Edits[0].Span.Start != b.Span.End {
		t.Errorf("seed diagnostics = %+v, want one X001 inserting </script> at %d", ds, b.Span.End)
	}
}

// TestBlocksKeepInput checks that Blocks never writes to the file's bytes.
func TestBlocksKeepInput(t *testing.T) {
	for _, in := range goldenInputs(t) {
		data, err := os.ReadFile(in)
		if err != nil {
			t.Fatal(err)
		}
		orig := bytes.Clone(data)
		Blocks(source.New(in, data))
		if !bytes.Equal(orig, data) {
			t.Errorf("%s: Blocks changed its input", in)
		}
	}
}

// TestJSONDocument checks the content decides between a page and a JSON
// document, whatever the name, and the name only settles files that begin
// with neither a bracket nor a tag.
func TestJSONDocument(t *testing.T) {
	for _, tc := range []struct {
		name, data string
		whole      bool
	}{
		{"page.html", "  {\"a\": 1}", true},
		{"page.txt", "\xEF\xBB\xBF[1]", true},
		{"data.json", "<html><script type=application/ld+json>{}</script>", false},
		{"data.jsonld", "// comment\n{}", true},
		{"data.JSON", "", true},
		{"-", "", false},
		{"page.html", "// comment\n{}", false},
	} {
		blocks, _ := Blocks(source.New(tc.name, []byte(tc.data)))
		whole := len(blocks) == 1 && blocks[0].Kind == Whole
		if whole != tc.whole {
			t.Errorf("Blocks(%s, %q) whole = %v, want %v", tc.name, tc.data, whole, tc.whole)
		}
	}
}

// TestManyUnclosedScripts checks a page of unclosed JSON-LD scripts, each
// followed by page text: every one is found and ends at its JSON value.
// Each is read to the end of the file by the HTML rules, so a scan that
// started over for each would take quadratic time; see
// BenchmarkExtractHostile for the cost.
func TestManyUnclosedScripts(t *testing.T) {
	for _, unit := range []string{
		"<script type=application/ld+json>{\"n\": 1}\n<p>text</p>\n",
		// The string opens a "<!-- <script>" escape in which the final
		// </script> does not count, so every script runs to the end.
		"<script type=application/ld+json>{\"n\": \"<!--<script>\"}\n<p>text</p>\n",
	} {
		const k = 5000
		page := strings.Repeat(unit, k) + "</script>"
		blocks, _ := Blocks(source.New("page.html", []byte(page)))
		if len(blocks) != k {
			t.Fatalf("found %d blocks, want %d", len(blocks), k)
		}
		for _, b := range blocks[:k-1] {
			if got := page[b.Span.Start:b.Span.End]; !strings.HasPrefix(got, `{"n": `) || !strings.HasSuffix(got, "}") {
				t.Fatalf("block %d = %q", b.Index, got)
			}
		}
	}
}

// TestForeignContent checks scripts in SVG and MathML: SVG's own script
// element is not JSON-LD, HTML integration points make tags HTML again,
// and an HTML-only tag ends a stray svg element.
func TestForeignContent(t *testing.T) {
	const ld = `<script type="application/ld+json">{}</script>`
	for _, tc := range []struct {
		page   string
		blocks int
	}{
		{`<svg>` + ld + `</svg>`, 0},
		{`<svg/>` + ld, 1},
		{`<svg></svg>` + ld, 1},
		{`<svg><title>` + ld + `</title></svg>`, 1},
		{`<svg><title/>` + ld + `</svg>`, 0},
		{`<svg><foreignObject>` + ld + `</foreignObject></svg>`, 1},
		{`<svg><foreignObject></foreignObject>` + ld + `</svg>`, 0},
		{`<svg><g><p>` + ld, 1},
		{`<math><mi>` + ld + `</mi></math>`, 1},
		{`<svg><mi>` + ld + `</mi></svg>`, 0},
		{`<svg><style></svg>` + ld, 1},
		{`<title><svg></title>` + ld, 1},
	} {
		blocks, _ := Blocks(source.New("page.html", []byte(tc.page)))
		if len(blocks) != tc.blocks {
			t.Errorf("%s: %d blocks, want %d", tc.page, len(blocks), tc.blocks)
		}
		if want := treeBlocks(t, []byte(tc.page)); len(want) != tc.blocks {
			t.Errorf("%s: x/net/html finds %d blocks, the case expects %d", tc.page, len(want), tc.blocks)
		}
	}
}

// TestItemsHostile: nesting and itemref chains far deeper than any page
// end, with the tree cut at the depth browsers cut it, and each item is
// JSON that a positional parse accepts.
func TestItemsHostile(t *testing.T) {
	deep := strings.Repeat(`<div itemscope itemtype="https://schema.org/Thing" itemprop="about">`, 20000)
	var chain strings.Builder
	chain.WriteString(`<div itemscope itemref="i0"></div>`)
	for i := range 20000 {
		fmt.Fprintf(&chain, `<p id="i%d" itemprop="hasPart" itemscope itemref="i%d"></p>`, i, i+1)
	}
	rdfa := `<div vocab="https://schema.org/">` + strings.Repeat(`<div property="about" typeof="Thing">`, 20000)
	for name, page := range map[string]string{"nesting": `<div itemscope>` + deep, "itemref chain": chain.String(), "rdfa nesting": rdfa} {
		p := Scan(source.New(name+".html", []byte(page)))
		if len(p.Items) == 0 {
			t.Errorf("%s: no item", name)
		}
		for _, it := range p.Items {
			if _, err := jsonpos.Parse(it.Text); err != nil {
				t.Errorf("%s: item does not parse: %v", name, err)
			}
		}
	}
}

package fixer

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ldfix/ldfix/fixer/diag"
	"github.com/ldfix/ldfix/fixer/jsonpos"
	"github.com/ldfix/ldfix/fixer/source"
	"github.com/ldfix/ldfix/fixer/source/sharedtest"
)

// TestProperties checks, on pages put together at random from markup and
// blocks both valid and broken: bytes outside the blocks never change,
// fixing twice changes nothing, the fixed page has no J finding, and a page
// whose blocks are all valid comes out byte-identical.
func TestProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 400 {
		page, broken := randomPage(rng)
		name := fmt.Sprintf("page%d.html", i)
		for _, opts := range []Options{{}, {UnsafeFixes: true}} {
			res := Fix(source.New(name, page), opts)
			checkResult(t, res)
			checkFixedAgain(t, name, res, opts)
			if !broken && (res.Changed || hasJ(res)) {
				t.Fatalf("valid page changed or has J findings:\n%s\n%v", page, res.Diagnostics)
			}
		}
		if t.Failed() {
			t.Fatalf("failing page:\n%s", page)
		}
	}
}

var validBlocks = []string{
	`{"@context": "https://schema.org", "@type": "Thing", "name": "a"}`,
	"\n[\n  {\"@type\": \"Person\", \"name\": \"Ada “Countess” Lovelace\"}\n]\n",
	`{"@graph": [{"@type": "WebSite", "url": "https://example.com/"}], "x": "</scripts>"}`,
	`   `,
}

var brokenBlocks = []string{
	`{"@type": "Thing", "name": "a",}`,
	`{“@type”: “Thing”, “name”: “b“}`,
	`{'@type': 'Thing'}`,
	"{\n\"@type\": \"Thing\", // note\n\"url\": \"https://example.com\n}",
	"<!--\n{\"@type\": \"Thing\"}\n-->",
	`{"@type": "Thing", "image": {"url": "x"`,
	`{"@type": "Thing"};`,
}

var markup = []string{
	"<p>Text with “quotes” and a < sign.</p>\n",
	"<!-- a comment <script type=\"application/ld+json\">{}</script> -->\n",
	"<script>var s = '<script type=\"application/ld+json\">';</script>\n",
	"<div class=\"x\" data-y='a>b'>\n",
	"<style>p { color: red }</style>\n",
	"\r\n",
	"<template><script type=\"application/ld+json\">{,}</script></template>\n",
}

// randomPage returns a page and whether any of its blocks is broken.
func randomPage(rng *rand.Rand) ([]byte, bool) {
	var b strings.Builder
	broken := false
	b.WriteString("<html><head>\n")
	for range rng.IntN(6) + 1 {
		b.WriteString(markup[rng.IntN(len(markup))])
		if rng.IntN(2) == 0 {
			continue
		}
		body := validBlocks[rng.IntN(len(validBlocks))]
		if rng.IntN(2) == 0 {
			body = brokenBlocks[rng.IntN(len(brokenBlocks))]
			broken = true
		}
		fmt.Fprintf(&b, "<script type=\"application/ld+json\">%s</script>\n", body)
	}
	if rng.IntN(5) == 0 {
		// An unclosed script at the end, as on the seed page.
		fmt.Fprintf(&b, "<script type=\"application/ld+json\">%s\nPage text after it.\n", brokenBlocks[rng.IntN(len(brokenBlocks))])
		broken = true
	}
	return []byte(b.String()), broken
}

func hasJ(res *Result) bool {
	return slices.ContainsFunc(res.Diagnostics, func(d diag.Diagnostic) bool { return d.Rule[0] == 'J' })
}

// TestCorpusProperties runs Fix over the real-world corpus: blocks that
// parse as strict JSON come out byte-identical with no J finding, fixed
// pages keep every byte outside their blocks, and fixing again changes
// nothing.
func TestCorpusProperties(t *testing.T) {
	if testing.Short() {
		t.Skip("corpus run skipped in -short mode")
	}
	changed, left := 0, map[string]int{}
	for _, p := range sharedtest.Pages(t) {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Base(p)
		res := Fix(source.New(name, data), Options{})
		checkResult(t, res)
		if res.Changed {
			changed++
		}
		for _, d := range res.Diagnostics {
			if d.Rule >= "X020" && d.Rule <= "X022" {
				left[d.Rule]++
			}
		}
		checkFixedAgain(t, name, res, Options{})
		for _, b := range res.Blocks {
			content := data[b.Span.Start:b.Span.End]
			if _, err := jsonpos.Parse(content); err != nil {
				continue
			}
			if !bytes.Equal(b.Repaired, content) {
				t.Errorf("%s: valid block %d repaired to different text", name, b.Index)
			}
			for _, d := range b.Diagnostics {
				if d.Rule[0] == 'J' {
					t.Errorf("%s: valid block %d has %s: %s", name, b.Index, d.Rule, d.Message)
				}
			}
		}
	}
	t.Logf("pages fixed: %d; pages left unchanged because of X020/X021/X022: %v", changed, left)
	if left["X022"] > 0 {
		t.Errorf("%d pages failed the check before writing", left["X022"])
	}
}

// TestKeepProperties: on random pages, turning off the fixes of one rule
// that the page needs either leaves the page unchanged with a finding that
// says why, or writes a page in which that rule's findings are all still
// there (its fixes were not applied) and every block is strict JSON.
func TestKeepProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	unchanged, written := 0, 0
	for i := range 300 {
		page, _ := randomPage(rng)
		name := fmt.Sprintf("page%d.html", i)
		full := Fix(source.New(name, page), Options{UnsafeFixes: true})
		if !full.Changed {
			continue
		}
		for _, rule := range fixedRules(full.Diagnostics) {
			opts := Options{UnsafeFixes: true, Keep: func(r string) bool { return r != rule }}
			res := Fix(source.New(name, page), opts)
			checkResult(t, res)
			if !res.Changed {
				if !slices.ContainsFunc(res.Diagnostics, func(d diag.Diagnostic) bool {
					return d.Rule == "X023" && strings.Contains(d.Message, rule)
				}) {
					t.Fatalf("%s: fixes of %s off, page unchanged, no X023 naming it: %v\n%s", name, rule, res.Diagnostics, page)
				}
				unchanged++
				continue
			}
			written++
			before := countRule(full.Diagnostics, rule)
			after := countRule(Fix(source.New(name, res.Output), Options{UnsafeFixes: true}).Diagnostics, rule)
			if after < before {
				t.Fatalf("%s: fixes of %s off, but %d of its %d findings were fixed:\n%s\n---\n%s", name, rule, before-after, before, page, res.Output)
			}
		}
	}
	t.Logf("turning a needed rule off left the page unchanged %d times and wrote it without that rule's fixes %d times", unchanged, written)
	if unchanged == 0 {
		t.Error("no page needed a fix that was turned off; the generator lost its broken blocks")
	}
}

// fixedRules lists the rules whose fixes Fix would write among ds.
func fixedRules(ds []diag.Diagnostic) []string {
	var out []string
	for _, d := range ds {
		if d.Fix != nil && d.Fix.Applicability != diag.DisplayOnly && !slices.Contains(out, d.Rule) {
			out = append(out, d.Rule)
		}
	}
	return out
}

func countRule(ds []diag.Diagnostic, rule string) int {
	n := 0
	for _, d := range ds {
		if d.Rule == rule {
			n++
		}
	}
	return n
}

package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/ldfix/ldfix/cmd/ldfix/internal/render"
)

func TestMatchBlocks(t *testing.T) {
	b := func(ss ...string) [][]byte {
		out := make([][]byte, len(ss))
		for i, s := range ss {
			out[i] = []byte(s)
		}
		return out
	}
	for _, tc := range []struct {
		name            string
		src, ren        [][]byte
		same            map[int]int
		changed         map[int]int
		added, removed  []int
		renderedChecked []int
	}{
		{"unchanged", b("a", "b"), b(" a\n", "b"), map[int]int{0: 0, 1: 1}, map[int]int{}, nil, nil, nil},
		{"added at the end", b("a"), b("a", "x"), map[int]int{0: 0}, map[int]int{}, []int{1}, nil, []int{1}},
		{"added before", b("a"), b("x", "a"), map[int]int{1: 0}, map[int]int{}, []int{0}, nil, []int{0}},
		{"placeholder filled", b("", "a"), b("x", "a"), map[int]int{1: 1}, map[int]int{0: 0}, nil, nil, []int{0}},
		{"removed", b("a", "b"), b("b"), map[int]int{0: 1}, map[int]int{}, nil, []int{0}, nil},
		{"duplicates pair in order", b("a", "a"), b("a", "a", "a"), map[int]int{0: 0, 1: 1}, map[int]int{}, []int{2}, nil, []int{2}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := matchBlocks(tc.src, tc.ren)
			if !equalMaps(m.same, tc.same) || !equalMaps(m.changed, tc.changed) ||
				!equalInts(m.added, tc.added) || !equalInts(m.removed, tc.removed) || !equalInts(m.rendered(), tc.renderedChecked) {
				t.Errorf("got same %v changed %v added %v removed %v rendered %v", m.same, m.changed, m.added, m.removed, m.rendered())
			}
		})
	}
}

func equalMaps(a, b map[int]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestOrigin(t *testing.T) {
	src := []byte("<script>\ns.text = '{\"@context\":\"https://schema.org\",\"@type\":\"Thing\"}';\n</script>")
	if sp, ok := origin(src, []byte(` {"@context":"https://schema.org","@type":"Thing"} `)); !ok || sp.Start != 19 {
		t.Errorf("origin of a verbatim block = %v, %v", sp, ok)
	}
	if _, ok := origin(src, []byte(`{"a":1}`+"\n")); ok {
		t.Errorf("a short fragment must not be taken for the block's origin")
	}
}

// TestRenderLivePage renders a page fetched by the crawler: the browser is
// served the bytes the crawler read, so the page is requested once, with
// robots.txt and the crawler's limits; the block its script adds is checked.
func TestRenderLivePage(t *testing.T) {
	if _, err := render.FindChrome(""); err != nil || testing.Short() {
		t.Skipf("skipping: needs Chromium and no -short (%v)", err)
	}
	var pageHits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/robots.txt":
			w.Write([]byte("User-agent: *\nAllow: /\n"))
		case "/page.html":
			pageHits.Add(1)
			w.Header().Set("Content-Type", "text/html")
			w.Write([]byte(`<html><head><script src="/app.js"></script></head></html>`))
		case "/app.js":
			w.Header().Set("Content-Type", "text/javascript")
			w.Write([]byte(`var s = document.createElement('script'); s.type = 'application/ld+json';
s.text = JSON.stringify({"@context": "https://schema.org", "@type": "Organization", "name": "Live", "nme": "x"});
document.head.appendChild(s);`))
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	code, out, errs := runCLI(t, "", "check", "--render", "--format", "json", "--ignore", "G002", srv.URL+"/page.html")
	if code != 1 {
		t.Fatalf("exit %d, want 1 (V011 in the rendered block)\n%s\n%s", code, out, errs)
	}
	var doc struct {
		Diagnostics []struct {
			File     string `json:"file"`
			Rule     string `json:"rule"`
			Rendered bool   `json:"rendered"`
		} `json:"diagnostics"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	var rules []string
	for _, d := range doc.Diagnostics {
		if d.Rendered && strings.HasSuffix(d.File, "(rendered block 1)") {
			rules = append(rules, d.Rule)
		}
	}
	if strings.Join(rules, " ") != "X110 V011" && strings.Join(rules, " ") != "V011 X110" {
		t.Errorf("rendered findings = %v, want X110 and V011\n%s", rules, out)
	}
	if n := pageHits.Load(); n != 1 {
		t.Errorf("page fetched %d times, want once (by the crawler)", n)
	}
}

package template

import (
	"bytes"
	"reflect"
	"testing"

	"github.com/ldfix/ldfix/fixer/source"
)

// scriptElementsByLowering is scriptElements as first written: lower-case
// a copy of the page, then search it.
func scriptElementsByLowering(data []byte) []script {
	lower := make([]byte, len(data))
	for i, c := range data {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		lower[i] = c
	}
	var out []script
	for i := 0; ; {
		k := bytes.Index(lower[i:], []byte("<script"))
		if k < 0 {
			return out
		}
		start := i + k
		gt := bytes.IndexByte(lower[start:], '>')
		if gt < 0 {
			return out
		}
		body := start + gt + 1
		end := len(data)
		if c := bytes.Index(lower[body:], []byte("</script")); c >= 0 {
			end = body + c
		}
		out = append(out, script{body: source.Span{Start: body, End: end}, jsonLD: bytes.Contains(lower[start:body], []byte("ld+json"))})
		i = end
	}
}

// FuzzScriptElements holds the search that does not copy the page to the
// one that lower-cases a copy.
func FuzzScriptElements(f *testing.F) {
	for _, s := range []string{
		`<SCRIPT type="Application/LD+JSON">{}</Script>`, `<script>x</script><script type=ld+json>`,
		"<scr\xc5\xbfipt>", `<script src=a.js></SCRIPT ><p><sCrIpT type='LD+json'>{"a":1}`, `<script`, `</script><script>`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if got, want := scriptElements(data), scriptElementsByLowering(data); !reflect.DeepEqual(got, want) {
			t.Fatalf("scriptElements(%q) = %v, want %v", data, got, want)
		}
	})
}

// nextOpenerByAny is how scanTags first found tag starts: every '{' and
// every '<', the latter rejected one by one by scanAngle.
func nextOpenerByAny(data []byte, i int) int {
	for {
		j := bytes.IndexAny(data[i:], "{<")
		if j < 0 {
			return -1
		}
		i += j
		if data[i] == '{' || i+1 < len(data) && (data[i+1] == '?' || data[i+1] == '%') {
			return i
		}
		i++
	}
}

// FuzzOpeners holds the opener search to visiting every '{' and '<'.
func FuzzOpeners(f *testing.F) {
	for _, s := range []string{"<p>{{ x }}<?php echo 1 ?><% y %>", "<<??%%{{", "<%%", "<", "{", "a<b<?", "x<%>"} {
		f.Add([]byte(s), uint8(1))
	}
	f.Fuzz(func(t *testing.T, data []byte, step uint8) {
		o := newOpeners(data)
		for i := 0; i <= len(data); i += 1 + int(step%5) {
			if got, want := o.next(i), nextOpenerByAny(data, min(i, len(data))); got != want {
				t.Fatalf("next(%d) in %q = %d, want %d", i, data, got, want)
			}
		}
	})
}

package repair_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/ldfix/ldfix/fixer/repair"
	"github.com/ldfix/ldfix/fixer/source/sharedtest"
)

// synthetic builds a JSON-LD @graph of about size bytes. Broken blocks
// carry the corpus's common faults in every node: typographic quotes, a raw
// line break, an unescaped inner quote and a trailing comma.
func synthetic(size int, broken bool) []byte {
	var b bytes.Buffer
	b.WriteString(`{"@context": "https://schema.org", "@graph": [`)
	for i := 0; b.Len() < size; i++ {
		if i > 0 {
			b.WriteString(",")
		}
		if broken {
			fmt.Fprintf(&b, "\n {“@type”: “NewsArticle”, \"headline\": \"Story %d: the \"big\" one\", \"articleBody\": \"First line.\nSecond line.\", \"wordCount\": %d,}", i, i*7)
		} else {
			fmt.Fprintf(&b, "\n {\"@type\": \"NewsArticle\", \"headline\": \"Story %d: the \\\"big\\\" one\", \"articleBody\": \"First line.\\nSecond line.\", \"wordCount\": %d}", i, i*7)
		}
	}
	b.WriteString("\n]}")
	return b.Bytes()
}

var sizes = []int{1 << 10, 64 << 10, 1 << 20, 10 << 20}

func sizeName(n int) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%dMB", n>>20)
	}
	return fmt.Sprintf("%dKB", n>>10)
}

// BenchmarkValid measures the fast path: strict JSON passes through.
func BenchmarkValid(b *testing.B) {
	for _, n := range sizes {
		in := synthetic(n, false)
		if !json.Valid(in) {
			b.Fatal("synthetic valid input is not valid")
		}
		b.Run(sizeName(n), func(b *testing.B) {
			b.SetBytes(int64(len(in)))
			for b.Loop() {
				repair.Text(in, repair.Options{})
			}
		})
	}
}

// BenchmarkBroken measures full repairs; MB/s that stays flat across sizes
// shows linear time.
func BenchmarkBroken(b *testing.B) {
	for _, n := range sizes {
		in := synthetic(n, true)
		if res := repair.Text(in, repair.Options{}); res.Text == nil || !json.Valid(res.Text) {
			b.Fatal("synthetic broken input is not repaired")
		}
		b.Run(sizeName(n), func(b *testing.B) {
			b.SetBytes(int64(len(in)))
			for b.Loop() {
				repair.Text(in, repair.Options{})
			}
		})
	}
}

// BenchmarkCorpus repairs every block of the real-world corpus; most are
// valid, 63 are broken.
func BenchmarkCorpus(b *testing.B) {
	blocks := corpusBlocks(b, sharedtest.Dir(b, "corpus/realworld"))
	var all, broken []corpusBlock
	for _, blk := range blocks {
		all = append(all, blk)
		if !json.Valid(blk.text) {
			broken = append(broken, blk)
		}
	}
	for _, set := range []struct {
		name   string
		blocks []corpusBlock
	}{{"all", all}, {"broken", broken}} {
		total := 0
		for _, blk := range set.blocks {
			total += len(blk.text)
		}
		b.Run(set.name, func(b *testing.B) {
			b.SetBytes(int64(total))
			for b.Loop() {
				for _, blk := range set.blocks {
					repair.Text(blk.text, repair.Options{})
				}
			}
		})
	}
}

// BenchmarkRunawayStrings repairs blocks of many strings that each run to
// the end of the block before they are closed earlier ({"a": "x, b: "y …).
// Each such close makes the repairer read the rest again; MB/s that stays
// flat from 64 KB to 1 MB shows the rereading is bounded.
func BenchmarkRunawayStrings(b *testing.B) {
	for _, n := range []int{64 << 10, 1 << 20} {
		in := bytes.Repeat([]byte(`{"a": "x, b: "y `), n/16)
		b.Run(sizeName(n), func(b *testing.B) {
			b.SetBytes(int64(len(in)))
			for b.Loop() {
				repair.Text(in, repair.Options{})
			}
		})
	}
}

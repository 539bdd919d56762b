package schema

import (
	"math/bits"
	"strings"
	"sync"
	"unicode"

	"github.com/ldfix/ldfix/schema/vocab"
)

// foldMatch returns another name of the vocabulary that name matches
// without regard to case, among the terms accepted by ok, or "".
func foldMatch(v *vocab.Vocab, name string, ok func(*vocab.Term) bool) string {
	for _, n := range v.Fold(name) {
		if n != name && ok(v.Term(n)) {
			return n
		}
	}
	return ""
}

// distanceLimit is the largest edit distance a suggestion for key may
// have: it grows with the length of the name, so short names are not
// matched to unrelated ones.
func distanceLimit(key string) int {
	switch n := len(key); {
	case n > 10:
		return 3
	case n > 5:
		return 2
	}
	return 1
}

// suggest returns the schema.org name closest to name among the terms
// accepted by ok, or "". A case-insensitive match wins (newsArticle →
// NewsArticle), then one that differs only in spaces and punctuation
// ("In Stock" → InStock), then the smallest edit distance within a bound
// that grows with the length of the name, so short names are not matched
// to unrelated ones.
func suggest(v *vocab.Vocab, name string, ok func(*vocab.Term) bool) string {
	if n := foldMatch(v, name, ok); n != "" {
		return n
	}
	key := squash(name)
	if key == "" {
		return ""
	}
	best, bestDist := "", distanceLimit(key)+1
	keyRunes, keyMask := []rune(key), charMask(key)
	var d distancer
	for _, e := range squashedNames(v) {
		// The length bound is checked before the term: it is free, and
		// it rules out nearly every name.
		if abs(len(e.squashed)-len(key)) >= bestDist {
			continue
		}
		if !ok(e.term) {
			continue
		}
		// Each character of one name missing from the other costs an
		// edit, so the masks bound the distance from below for nothing.
		if max(bits.OnesCount64(keyMask&^e.mask), bits.OnesCount64(e.mask&^keyMask)) >= bestDist {
			continue
		}
		if e.squashed == key {
			return e.name
		}
		if dist := d.distance(keyRunes, e.runes, bestDist); dist < bestDist {
			best, bestDist = e.name, dist
		}
	}
	return best
}

var squashed sync.Map // *vocab.Vocab → []squashedName

// squashedName is a vocabulary name with its term and its squashed form,
// as a string and as runes, all worked out once: suggest looks at every
// name for each unknown term.
type squashedName struct {
	name, squashed string
	runes          []rune
	mask           uint64 // charMask of squashed
	term           *vocab.Term
}

// squashedNames returns every name of v with its squashed form, computed
// once per vocabulary.
func squashedNames(v *vocab.Vocab) []squashedName {
	if s, ok := squashed.Load(v); ok {
		return s.([]squashedName)
	}
	names := v.Names()
	out := make([]squashedName, len(names))
	for i, n := range names {
		sq := squash(n)
		out[i] = squashedName{name: n, squashed: sq, runes: []rune(sq), mask: charMask(sq), term: v.Term(n)}
	}
	squashed.Store(v, out)
	return out
}

// squash lower-cases a name and drops everything but letters and digits.
func squash(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// charMask has a bit for each character of s: one per letter a-z and
// digit, the others sharing the remaining bits. Characters sharing a bit
// only weaken the bound suggest draws from it.
func charMask(s string) uint64 {
	var m uint64
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z':
			m |= 1 << (r - 'a')
		case r >= '0' && r <= '9':
			m |= 1 << (26 + r - '0')
		default:
			m |= 1 << (36 + uint(r)%28)
		}
	}
	return m
}

// distancer computes distances with rows it reuses: suggest compares one
// name with thousands.
type distancer struct {
	prev2, prev, cur []int
}

// distance is the optimal string alignment distance (Levenshtein plus
// adjacent transpositions, the commonest typo), giving up at limit.
func (d *distancer) distance(ra, rb []rune, limit int) int {
	n := len(rb) + 1
	if cap(d.cur) < n {
		d.prev2, d.prev, d.cur = make([]int, n), make([]int, n), make([]int, n)
	}
	prev2, prev, cur := d.prev2[:n], d.prev[:n], d.cur[:n]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
			rowMin = min(rowMin, cur[j])
		}
		if rowMin >= limit {
			return limit
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

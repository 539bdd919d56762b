package schema

import (
	"strings"
	"sync"
	"unicode"

	"github.com/ldfix/ldfix/schema/vocab"
)

// suggest returns the schema.org name closest to name among the terms
// accepted by ok, or "". A case-insensitive match wins (newsArticle →
// NewsArticle), then one that differs only in spaces and punctuation
// ("In Stock" → InStock), then the smallest edit distance within a bound
// that grows with the length of the name, so short names are not matched
// to unrelated ones.
func suggest(v *vocab.Vocab, name string, ok func(*vocab.Term) bool) string {
	for _, n := range v.Fold(name) {
		if n != name && ok(v.Term(n)) {
			return n
		}
	}
	key := squash(name)
	if key == "" {
		return ""
	}
	limit := 1
	switch n := len(key); {
	case n > 10:
		limit = 3
	case n > 5:
		limit = 2
	}
	best, bestDist := "", limit+1
	for _, e := range squashedNames(v) {
		n, c := e[0], e[1]
		if !ok(v.Term(n)) {
			continue
		}
		if c == key {
			return n
		}
		if abs(len(c)-len(key)) >= bestDist {
			continue
		}
		if d := distance(key, c, bestDist); d < bestDist {
			best, bestDist = n, d
		}
	}
	return best
}

var squashed sync.Map // *vocab.Vocab → [][2]string{name, squash(name)}

// squashedNames returns every name of v with its squashed form, computed
// once per vocabulary.
func squashedNames(v *vocab.Vocab) [][2]string {
	if s, ok := squashed.Load(v); ok {
		return s.([][2]string)
	}
	names := v.Names()
	out := make([][2]string, len(names))
	for i, n := range names {
		out[i] = [2]string{n, squash(n)}
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

// distance is the optimal string alignment distance (Levenshtein plus
// adjacent transpositions, the commonest typo), giving up at limit.
func distance(a, b string, limit int) int {
	ra, rb := []rune(a), []rune(b)
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
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

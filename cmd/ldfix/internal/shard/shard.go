// Package shard splits inputs between the machines of a CI matrix: input
// names are hashed so every machine agrees which inputs are its own without
// talking to the others.
package shard

import (
	"fmt"
	"hash/fnv"
	"strconv"
	"strings"
)

// Shard is the i-th of n parts (1-based). The zero value keeps everything.
type Shard struct{ I, N int }

// Parse reads "i/n".
func Parse(s string) (Shard, error) {
	a, b, ok := strings.Cut(s, "/")
	i, err1 := strconv.Atoi(a)
	n, err2 := strconv.Atoi(b)
	if !ok || err1 != nil || err2 != nil || n < 1 || i < 1 || i > n {
		return Shard{}, fmt.Errorf("invalid shard %q: want i/n with 1 <= i <= n", s)
	}
	return Shard{I: i, N: n}, nil
}

// Keep reports whether name belongs to this shard.
func (s Shard) Keep(name string) bool {
	if s.N <= 1 {
		return true
	}
	h := fnv.New64a()
	h.Write([]byte(name))
	return int(h.Sum64()%uint64(s.N)) == s.I-1
}

package shard

import (
	"fmt"
	"testing"
)

func TestEveryNameInExactlyOneShard(t *testing.T) {
	const n = 4
	counts := make([]int, n)
	for k := range 1000 {
		name := fmt.Sprintf("https://example.com/page/%d", k)
		owners := 0
		for i := 1; i <= n; i++ {
			if (Shard{I: i, N: n}).Keep(name) {
				owners++
				counts[i-1]++
			}
		}
		if owners != 1 {
			t.Fatalf("%s kept by %d shards", name, owners)
		}
	}
	for i, c := range counts {
		if c < 150 {
			t.Errorf("shard %d got only %d of 1000 names", i+1, c)
		}
	}
}

func TestParse(t *testing.T) {
	if s, err := Parse("2/3"); err != nil || s != (Shard{2, 3}) {
		t.Errorf("Parse(2/3) = %v, %v", s, err)
	}
	for _, bad := range []string{"", "0/3", "4/3", "a/b", "1", "1/0"} {
		if _, err := Parse(bad); err == nil {
			t.Errorf("Parse(%q) accepted", bad)
		}
	}
}

package shard

import (
	"fmt"
	"strconv"
)

// Auto is the --shard value that reads the shard from the CI's variables.
const Auto = "auto"

// ciVars are the variables each CI system sets on the parallel copies of a
// job, looked for in this order. base is the index of the first copy.
var ciVars = []struct {
	name         string
	index, total string
	base         int
}{
	// Set by hand from a GitHub Actions matrix (strategy.job-index and
	// strategy.job-total, both given by GitHub) or on any other CI.
	{"LDFIX_SHARD_INDEX", "LDFIX_SHARD_INDEX", "LDFIX_SHARD_TOTAL", 0},
	{"GitLab CI", "CI_NODE_INDEX", "CI_NODE_TOTAL", 1},
	{"Buildkite", "BUILDKITE_PARALLEL_JOB", "BUILDKITE_PARALLEL_JOB_COUNT", 0},
	{"CircleCI", "CIRCLE_NODE_INDEX", "CIRCLE_NODE_TOTAL", 0},
	// An Indexed Job knows its index but not the number of completions:
	// the total comes from --shard-total or LDFIX_SHARD_TOTAL.
	{"Kubernetes Indexed Job", "JOB_COMPLETION_INDEX", "", 0},
}

// Resolve reads a --shard value: "i/n", or "auto" to take the shard from
// the CI's own variables through getenv. total is --shard-total (0 when
// not given); it overrides the total a CI reports. The second result says
// where an automatic shard came from, for a notice; with "auto" and no CI
// variables set the whole input is kept, as a job that runs once has no
// shard.
func Resolve(value string, total int, getenv func(string) string) (Shard, string, error) {
	if value != Auto {
		if total > 0 {
			return Shard{}, "", fmt.Errorf("--shard-total needs --shard auto")
		}
		s, err := Parse(value)
		return s, "", err
	}
	if total < 0 {
		return Shard{}, "", fmt.Errorf("invalid --shard-total %d: want a positive number", total)
	}
	for _, v := range ciVars {
		idx := getenv(v.index)
		if idx == "" {
			continue
		}
		i, err := strconv.Atoi(idx)
		if err != nil {
			return Shard{}, "", fmt.Errorf("--shard auto: %s=%q is not a number", v.index, idx)
		}
		n, from := total, "--shard-total"
		if n == 0 {
			name := v.total
			if name == "" {
				name = "LDFIX_SHARD_TOTAL"
			}
			t := getenv(name)
			if t == "" {
				return Shard{}, "", fmt.Errorf("--shard auto: %s is set but not the number of shards: set %s or --shard-total", v.index, name)
			}
			if n, err = strconv.Atoi(t); err != nil {
				return Shard{}, "", fmt.Errorf("--shard auto: %s=%q is not a number", name, t)
			}
			from = name
		}
		s := Shard{I: i - v.base + 1, N: n}
		if n < 1 || s.I < 1 || s.I > n {
			return Shard{}, "", fmt.Errorf("--shard auto: %s=%s with %d shards (%s) is out of range", v.index, idx, n, from)
		}
		return s, fmt.Sprintf("shard %d/%d from %s (%s, %s)", s.I, s.N, v.name, v.index, from), nil
	}
	return Shard{}, "no CI shard variables set; checking every input", nil
}

package shard

import (
	"strings"
	"testing"
)

func TestResolveAuto(t *testing.T) {
	for _, tc := range []struct {
		name  string
		env   map[string]string
		total int
		want  Shard
		err   string
	}{
		{"GitLab is 1-based", map[string]string{"CI_NODE_INDEX": "1", "CI_NODE_TOTAL": "3"}, 0, Shard{1, 3}, ""},
		{"GitLab last", map[string]string{"CI_NODE_INDEX": "3", "CI_NODE_TOTAL": "3"}, 0, Shard{3, 3}, ""},
		{"Buildkite is 0-based", map[string]string{"BUILDKITE_PARALLEL_JOB": "0", "BUILDKITE_PARALLEL_JOB_COUNT": "2"}, 0, Shard{1, 2}, ""},
		{"CircleCI is 0-based", map[string]string{"CIRCLE_NODE_INDEX": "3", "CIRCLE_NODE_TOTAL": "4"}, 0, Shard{4, 4}, ""},
		{"GitHub matrix", map[string]string{"LDFIX_SHARD_INDEX": "1", "LDFIX_SHARD_TOTAL": "2"}, 0, Shard{2, 2}, ""},
		{"ldfix variables win", map[string]string{"LDFIX_SHARD_INDEX": "0", "LDFIX_SHARD_TOTAL": "2", "CI_NODE_INDEX": "2", "CI_NODE_TOTAL": "2"}, 0, Shard{1, 2}, ""},
		{"Kubernetes with --shard-total", map[string]string{"JOB_COMPLETION_INDEX": "4"}, 5, Shard{5, 5}, ""},
		{"Kubernetes with LDFIX_SHARD_TOTAL", map[string]string{"JOB_COMPLETION_INDEX": "0", "LDFIX_SHARD_TOTAL": "3"}, 0, Shard{1, 3}, ""},
		{"--shard-total overrides", map[string]string{"CI_NODE_INDEX": "2", "CI_NODE_TOTAL": "9"}, 2, Shard{2, 2}, ""},
		{"no CI", map[string]string{}, 0, Shard{}, ""},
		{"Kubernetes without total", map[string]string{"JOB_COMPLETION_INDEX": "0"}, 0, Shard{}, "set LDFIX_SHARD_TOTAL or --shard-total"},
		{"GitLab 0 is out of range", map[string]string{"CI_NODE_INDEX": "0", "CI_NODE_TOTAL": "2"}, 0, Shard{}, "out of range"},
		{"index past total", map[string]string{"CIRCLE_NODE_INDEX": "4", "CIRCLE_NODE_TOTAL": "4"}, 0, Shard{}, "out of range"},
		{"not a number", map[string]string{"BUILDKITE_PARALLEL_JOB": "x", "BUILDKITE_PARALLEL_JOB_COUNT": "2"}, 0, Shard{}, "not a number"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, _, err := Resolve("auto", tc.total, func(k string) string { return tc.env[k] })
			switch {
			case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
				t.Fatalf("err = %v, want one saying %q", err, tc.err)
			case tc.err == "" && err != nil:
				t.Fatal(err)
			case got != tc.want:
				t.Errorf("Resolve = %+v, want %+v", got, tc.want)
			}
		})
	}
}

// TestResolveOnlyWhenAsked: the CI's variables are ignored unless the
// user asked for --shard auto, so no run splits by surprise.
func TestResolveOnlyWhenAsked(t *testing.T) {
	env := func(k string) string { return map[string]string{"CI_NODE_INDEX": "2", "CI_NODE_TOTAL": "4"}[k] }
	got, _, err := Resolve("1/3", 0, env)
	if err != nil || got != (Shard{1, 3}) {
		t.Errorf("Resolve(1/3) = %+v, %v", got, err)
	}
	if _, _, err := Resolve("1/3", 2, env); err == nil {
		t.Error("--shard-total with i/n accepted")
	}
}

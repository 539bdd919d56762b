package template

import "github.com/ldfix/ldfix/fixer/source"

// structure merges tags by the block structure of the template, so that
// what is left reads as one rendering:
//
//   - a block whose body is not printed in place (capture, macro, define)
//     becomes one hole;
//   - every branch after the first ({% else %}, {{else}}, <% elsif %}) up to
//     the block's end becomes one hole, so two alternative values do not
//     stand side by side;
//   - a comma printed only between items ({% if not loop.last %},{% endif %},
//     {{#unless @last}},{{/unless}}, {{ if $i }},{{ end }}) joins the tags
//     around it, so a loop body reads as one element.
//
// Bytes outside tags never change, so every merged hole covers template
// code plus the text it controls.
func structure(data []byte, tags []tag) []tag {
	ends := matchEnds(tags)
	out := make([]tag, 0, len(tags))
	for i := 0; i < len(tags); i++ {
		t := tags[i]
		switch {
		case t.role == opener && t.silent:
			if j := ends[i]; j > i {
				out = append(out, merge(tags[i:j+1], plain))
				i = j
				continue
			}
		case t.role == brancher && !firstBranch(data, out, t):
			if j := ends[i]; j > i {
				out = append(out, merge(tags[i:j+1], closer))
				i = j
				continue
			}
		}
		out = append(out, t)
	}
	return joinSeparators(data, out)
}

// matchEnds returns, for each opener and branch tag, the index of the tag
// that closes its block, or -1; one pass with a stack.
func matchEnds(tags []tag) []int {
	ends := make([]int, len(tags))
	var open []int    // openers, innermost last
	var pending []int // branches waiting for their block's end
	var marks []int   // len(pending) when each opener was pushed
	for i, t := range tags {
		ends[i] = -1
		switch t.role {
		case opener:
			open = append(open, i)
			marks = append(marks, len(pending))
		case brancher:
			if len(open) > 0 {
				pending = append(pending, i)
			}
		case closer:
			if n := len(open); n > 0 {
				ends[open[n-1]] = i
				for _, b := range pending[marks[n-1]:] {
					ends[b] = i
				}
				pending = pending[:marks[n-1]]
				open, marks = open[:n-1], marks[:n-1]
			}
		}
	}
	return ends
}

// firstBranch reports whether a branch tag starts the first printed branch:
// it follows its block's opener with nothing but spaces between, as {% when %}
// follows {% case %}, or {{else}} follows {{#if @last}}.
func firstBranch(data []byte, before []tag, t tag) bool {
	if len(before) == 0 {
		return false
	}
	prev := before[len(before)-1]
	return prev.role == opener && isBlank(data[prev.span.End:t.span.Start])
}

// merge makes one hole of a run of tags and the text between them.
func merge(run []tag, r role) tag {
	m := tag{
		span: source.Span{Start: run[0].span.Start, End: run[len(run)-1].span.End},
		kind: Control,
		role: r,
	}
	for _, t := range run {
		m.unterminated = m.unterminated || t.unterminated
		m.sep = m.sep || t.sep
	}
	return m
}

// joinSeparators merges a conditional whose only printed text is commas
// into one hole marked sep.
func joinSeparators(data []byte, tags []tag) []tag {
	out := tags[:0]
	for _, t := range tags {
		if n := len(out); n > 0 {
			prev := out[n-1]
			text := data[prev.span.End:t.span.Start]
			if (prev.role == opener && !prev.loop || prev.role == brancher) &&
				(t.role == closer || t.role == brancher) && isCommas(text) {
				m := merge([]tag{prev, t}, joinedRole(prev.role, t.role))
				m.sep = true
				out[n-1] = m
				continue
			}
		}
		out = append(out, t)
	}
	return out
}

// joinedRole is the role of an opener or branch joined with the branch or
// closer after it.
func joinedRole(first, last role) role {
	switch {
	case first == opener && last == closer:
		return plain
	case first == opener:
		return opener
	default:
		return last
	}
}

func isBlank(b []byte) bool {
	for _, c := range b {
		if !isSpace(c) {
			return false
		}
	}
	return true
}

// isCommas reports whether b is spaces and at least one comma.
func isCommas(b []byte) bool {
	comma := false
	for _, c := range b {
		switch {
		case c == ',':
			comma = true
		case !isSpace(c):
			return false
		}
	}
	return comma
}

package shapes

import (
	"slices"
	"strings"
)

// Requirement is what one Google feature asks of a property of a type.
type Requirement struct {
	Feature string // the feature's name, such as "Article"
	URL     string // the feature's Google documentation page
	// Level is "required", "recommended" or "optional"; a property that is
	// one of several alternatives has the level of the group.
	Level string
	// OneOf lists the alternatives when the property is one of them.
	OneOf []string
}

// Requirements lists what the built-in features ask of property prop on a
// node of type typ, in catalogue order; a feature names a type once. It
// reads the same entries the G rules check, so a hover and a finding never
// disagree.
func (s *Set) Requirements(typ, prop string) []Requirement {
	var out []Requirement
	for _, f := range s.features {
		if !f.active() {
			continue
		}
		for _, e := range f.entities {
			if !e.types[typ] {
				continue
			}
			if p := e.props[prop]; p != nil {
				out = append(out, Requirement{Feature: f.Name, URL: f.DocURL, Level: p.Level})
			}
			for _, g := range e.oneOf {
				for _, alt := range g.Alternatives {
					if slices.Contains(alt, prop) {
						out = append(out, Requirement{Feature: f.Name, URL: f.DocURL, Level: g.Level, OneOf: joinAll(g.Alternatives)})
						break
					}
				}
			}
		}
	}
	return compactRequirements(out)
}

// Features names the active built-in features whose entities take type
// typ, with their documentation pages, in catalogue order.
func (s *Set) Features(typ string) []Requirement {
	var out []Requirement
	for _, f := range s.features {
		if !f.active() {
			continue
		}
		for _, e := range f.entities {
			if e.types[typ] {
				out = append(out, Requirement{Feature: f.Name, URL: f.DocURL})
				break
			}
		}
	}
	return out
}

func joinAll(alts [][]string) []string {
	out := make([]string, len(alts))
	for i, a := range alts {
		out[i] = strings.Join(a, " and ")
	}
	return out
}

// compactRequirements keeps the strongest level per feature: a property
// that an entity recommends and a one-of group requires is required.
func compactRequirements(rs []Requirement) []Requirement {
	rank := map[string]int{"required": 3, "recommended": 2, "optional": 1}
	var out []Requirement
	for _, r := range rs {
		i := slices.IndexFunc(out, func(o Requirement) bool { return o.Feature == r.Feature })
		switch {
		case i < 0:
			out = append(out, r)
		case rank[r.Level] > rank[out[i].Level]:
			out[i] = r
		}
	}
	return out
}

package main

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

// hierarchy maps a schema.org type to its direct subtypes.
type hierarchy map[string][]string

func loadHierarchy(data []byte) (hierarchy, error) {
	var v struct {
		Graph []map[string]any `json:"@graph"`
	}
	if err := json.Unmarshal(data, &v); err != nil {
		return nil, fmt.Errorf("decoding vocabulary: %w", err)
	}
	h := hierarchy{}
	for _, n := range v.Graph {
		id, _ := n["@id"].(string)
		if !strings.HasPrefix(id, "schema:") || !isClass(n["@type"]) {
			continue
		}
		for _, sup := range ids(n["rdfs:subClassOf"]) {
			if strings.HasPrefix(sup, "schema:") {
				h[strings.TrimPrefix(sup, "schema:")] = append(h[strings.TrimPrefix(sup, "schema:")], strings.TrimPrefix(id, "schema:"))
			}
		}
	}
	if len(h) == 0 {
		return nil, fmt.Errorf("vocabulary has no rdfs:subClassOf links")
	}
	return h, nil
}

func isClass(t any) bool {
	switch x := t.(type) {
	case string:
		return x == "rdfs:Class"
	case []any:
		for _, e := range x {
			if e == "rdfs:Class" {
				return true
			}
		}
	}
	return false
}

func ids(v any) []string {
	switch x := v.(type) {
	case map[string]any:
		if id, ok := x["@id"].(string); ok {
			return []string{id}
		}
	case []any:
		var out []string
		for _, e := range x {
			out = append(out, ids(e)...)
		}
		return out
	}
	return nil
}

// expand returns the types and all their subtypes, sorted.
func (h hierarchy) expand(types []string) []string {
	set := map[string]bool{}
	var walk func(string)
	walk = func(t string) {
		if set[t] {
			return
		}
		set[t] = true
		for _, s := range h[t] {
			walk(s)
		}
	}
	for _, t := range types {
		walk(t)
	}
	out := make([]string, 0, len(set))
	for t := range set {
		out = append(out, t)
	}
	sort.Strings(out)
	return out
}

// loadProperties maps each schema.org property name, lower-cased, to its
// spelling.
func loadProperties(data []byte) (map[string]string, error) {
	var v struct {
		Graph []map[string]any `json:"@graph"`
	}
	if err := json.Unmarshal(data, &v); err != nil {
		return nil, fmt.Errorf("decoding vocabulary: %w", err)
	}
	out := map[string]string{}
	for _, n := range v.Graph {
		id, _ := n["@id"].(string)
		if name, ok := strings.CutPrefix(id, "schema:"); ok && n["@type"] == "rdf:Property" {
			out[strings.ToLower(name)] = name
		}
	}
	return out, nil
}

// spellings maps the schema.org spelling of each property the table names
// in another letter case (Google writes "xPath", schema.org "xpath") to
// the table's.
func spellings(t table, props map[string]string) map[string]string {
	out := map[string]string{}
	add := func(dotted string) {
		for _, seg := range strings.Split(dotted, ".") {
			if v, ok := props[strings.ToLower(seg)]; ok && v != seg {
				out[v] = seg
			}
		}
	}
	for _, f := range t.Features {
		for _, e := range f.Entities {
			for _, p := range append(append([]property{}, e.Required...), e.Recommended...) {
				add(p.Name)
			}
			for _, g := range append(append([]oneOf{}, e.RequiredOneOf...), e.RecommendedOneOf...) {
				for _, alt := range g.Alternatives {
					for _, p := range alt {
						add(p)
					}
				}
			}
		}
	}
	return out
}

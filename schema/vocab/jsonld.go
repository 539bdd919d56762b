package vocab

import (
	"encoding/json"
	"fmt"
	"strings"
)

// release is the shape of a schema.org release file
// (schemaorg-all-https.jsonld): a flat @graph of terms with compact IRIs.
type release struct {
	Context map[string]any `json:"@context"`
	Graph   []struct {
		ID           string `json:"@id"`
		Type         ids    `json:"@type"`
		Label        any    `json:"rdfs:label"`
		Comment      any    `json:"rdfs:comment"`
		SubClassOf   refs   `json:"rdfs:subClassOf"`
		Domain       refs   `json:"schema:domainIncludes"`
		Range        refs   `json:"schema:rangeIncludes"`
		SupersededBy refs   `json:"schema:supersededBy"`
		InverseOf    refs   `json:"schema:inverseOf"`
		IsPartOf     refs   `json:"schema:isPartOf"`
	} `json:"@graph"`
}

// ids reads a string or an array of strings.
type ids []string

func (s *ids) UnmarshalJSON(b []byte) error {
	var one string
	if json.Unmarshal(b, &one) == nil {
		*s = ids{one}
		return nil
	}
	var many []string
	err := json.Unmarshal(b, &many)
	*s = many
	return err
}

// refs reads {"@id": …} or an array of them: release files use both.
type refs []string

func (r *refs) UnmarshalJSON(b []byte) error {
	type ref struct {
		ID string `json:"@id"`
	}
	var one ref
	if json.Unmarshal(b, &one) == nil {
		*r = refs{one.ID}
		return nil
	}
	var many []ref
	if err := json.Unmarshal(b, &many); err != nil {
		return err
	}
	for _, m := range many {
		*r = append(*r, m.ID)
	}
	return nil
}

// FromJSONLD builds a vocabulary from a schema.org release file such as
// schemaorg-all-https.jsonld or schemaorg-current-https.jsonld (http or
// https flavour). Terms outside schema.org (the unece:, gs1: … stubs) are
// left out; references to them keep their prefix.
func FromJSONLD(data []byte) (*Vocab, error) {
	var r release
	if err := json.Unmarshal(data, &r); err != nil {
		return nil, fmt.Errorf("reading schema.org release file: %w", err)
	}
	prefixes := map[string]string{}
	for k, val := range r.Context {
		if s, ok := val.(string); ok {
			prefixes[k] = s
		}
	}
	local := func(id string) string { return localName(id, prefixes) }
	v := &Vocab{terms: map[string]*Term{}, descs: map[string]string{}}
	for _, n := range r.Graph {
		name := local(n.ID)
		if name == "" || strings.Contains(name, ":") {
			continue // a stub of an external vocabulary
		}
		t := &Term{Name: name, Area: area(n.IsPartOf)}
		if len(n.SupersededBy) > 0 {
			t.SupersededBy = local(n.SupersededBy[0])
		}
		switch {
		case has(n.Type, "rdf:Property"):
			t.Kind = Property
			t.Domain = sortedUnique(mapNames(n.Domain, local))
			t.Range = sortedUnique(mapNames(n.Range, local))
			if len(n.InverseOf) > 0 {
				t.InverseOf = local(n.InverseOf[0])
			}
		case has(n.Type, "rdfs:Class"):
			t.Kind = Class
			t.Parents = sortedUnique(mapNames(n.SubClassOf, local))
			t.DataType = has(n.Type, "schema:DataType")
		default:
			t.Kind = Member
			t.Parents = sortedUnique(mapNames(n.Type, local))
		}
		if _, dup := v.terms[name]; dup {
			return nil, fmt.Errorf("schema.org release file: term %q defined twice", name)
		}
		v.terms[name] = t
		if c := literal(n.Comment); c != "" {
			v.descs[name] = shortDescription(c)
		}
	}
	if len(v.terms) == 0 {
		return nil, fmt.Errorf("schema.org release file holds no schema.org terms")
	}
	v.Version = "custom"
	v.finish()
	return v, nil
}

// localName turns "schema:Thing", "https://schema.org/Thing" or
// "http://schema.org/Thing" into "Thing"; other IRIs are returned in compact
// form ("gs1:Product") so they never collide with schema.org names.
func localName(id string, prefixes map[string]string) string {
	for _, base := range []string{"https://schema.org/", "http://schema.org/"} {
		if rest, ok := strings.CutPrefix(id, base); ok {
			return rest
		}
	}
	if p, rest, ok := strings.Cut(id, ":"); ok {
		if iri := prefixes[p]; iri == "https://schema.org/" || iri == "http://schema.org/" {
			return rest
		}
	}
	return id
}

func mapNames(in []string, f func(string) string) []string {
	out := make([]string, 0, len(in))
	for _, s := range in {
		out = append(out, f(s))
	}
	return out
}

func has(s []string, x string) bool {
	for _, e := range s {
		if e == x {
			return true
		}
	}
	return false
}

// area reads isPartOf: "https://pending.schema.org" gives "pending".
func area(parts []string) string {
	for _, p := range parts {
		host := strings.TrimPrefix(strings.TrimPrefix(p, "https://"), "http://")
		host = strings.TrimSuffix(host, "/")
		if sub, ok := strings.CutSuffix(host, ".schema.org"); ok {
			return sub
		}
	}
	return Core
}

// literal reads a plain string or a {"@language": …, "@value": …} literal.
func literal(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case map[string]any:
		s, _ := x["@value"].(string)
		return s
	}
	return ""
}

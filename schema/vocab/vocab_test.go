package vocab_test

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/ldfix/ldfix/fixer/source/sharedtest"
	"github.com/ldfix/ldfix/schema/vocab"
)

func embedded(t testing.TB) *vocab.Vocab {
	t.Helper()
	v, err := vocab.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestEmbeddedTerms(t *testing.T) {
	v := embedded(t)
	if v.Version != "30.0" {
		t.Errorf("Version = %q, want 30.0", v.Version)
	}
	tests := []struct {
		name string
		kind vocab.Kind
		area string
	}{
		{"NewsArticle", vocab.Class, vocab.Core},
		{"datePublished", vocab.Property, vocab.Core},
		{"InStock", vocab.Member, vocab.Core},
		{"StupidType", vocab.Class, vocab.Attic},
		{"3DModel", vocab.Class, vocab.Pending},
		{"True", vocab.Member, vocab.Core},
	}
	for _, tt := range tests {
		term := v.Term(tt.name)
		if term == nil {
			t.Errorf("Term(%q) = nil", tt.name)
			continue
		}
		if term.Kind != tt.kind || term.Area != tt.area {
			t.Errorf("Term(%q) = kind %v area %q, want %v %q", tt.name, term.Kind, term.Area, tt.kind, tt.area)
		}
	}
	if v.Term("gs1:Product") != nil || v.Term("NewsArticel") != nil {
		t.Error("unknown names must not be terms")
	}
}

func TestInheritance(t *testing.T) {
	v := embedded(t)
	for _, tt := range []struct {
		class, ancestor string
		want            bool
	}{
		{"NewsArticle", "CreativeWork", true},
		{"NewsArticle", "Thing", true},
		{"NewsArticle", "NewsArticle", true},
		{"Person", "CreativeWork", false},
		{"URL", "Text", true},
		{"Integer", "Number", true},
	} {
		if got := v.IsA(tt.class, tt.ancestor); got != tt.want {
			t.Errorf("IsA(%q, %q) = %v, want %v", tt.class, tt.ancestor, got, tt.want)
		}
	}
	if !v.MemberOf("InStock", "ItemAvailability") || v.MemberOf("InStock", "DayOfWeek") {
		t.Error("MemberOf(InStock) wrong")
	}
	if !slices.Contains(v.Members("ItemAvailability"), "PreOrder") {
		t.Errorf("Members(ItemAvailability) = %v, want PreOrder among them", v.Members("ItemAvailability"))
	}
}

func TestDataTypesAndEnumerations(t *testing.T) {
	v := embedded(t)
	for _, n := range []string{"Text", "URL", "Number", "Integer", "Float", "Date", "DateTime", "Time", "Boolean", "Duration"} {
		if !v.Term(n).DataType {
			t.Errorf("%s is not marked as a data type", n)
		}
	}
	for _, n := range []string{"Thing", "Person", "ItemAvailability", "DataType"} {
		if v.Term(n).DataType {
			t.Errorf("%s is marked as a data type", n)
		}
	}
	if !v.Term("ItemAvailability").Enumeration || v.Term("Offer").Enumeration {
		t.Error("Enumeration flag wrong on ItemAvailability or Offer")
	}
}

func TestSupersededAndInverse(t *testing.T) {
	v := embedded(t)
	if got := v.Term("episodes").SupersededBy; got != "episode" {
		t.Errorf("episodes.SupersededBy = %q, want episode", got)
	}
	if got := v.Term("subOrganization").InverseOf; got != "parentOrganization" {
		t.Errorf("subOrganization.InverseOf = %q, want parentOrganization", got)
	}
	p := v.Term("availability")
	if !slices.Equal(p.Domain, []string{"Demand", "Offer"}) || !slices.Equal(p.Range, []string{"ItemAvailability"}) {
		t.Errorf("availability domain %v range %v", p.Domain, p.Range)
	}
}

func TestFold(t *testing.T) {
	v := embedded(t)
	if got := v.Fold("newsarticle"); !slices.Equal(got, []string{"NewsArticle"}) {
		t.Errorf("Fold(newsarticle) = %v", got)
	}
}

func TestRoundTrip(t *testing.T) {
	v := embedded(t)
	again, err := vocab.Decode(v.Encode())
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again.Encode(), v.Encode()) {
		t.Error("Decode(Encode(v)) differs from v")
	}
}

func TestDecodeErrors(t *testing.T) {
	for _, in := range []string{"", "# only a comment\n", "C\tA\n", "X\ta\tb\n", "C\t\t\t\t\t\n", "C\tA\t\t\t\t\nC\tA\t\t\t\t\n"} {
		if _, err := vocab.Decode([]byte(in)); err == nil {
			t.Errorf("Decode(%q) succeeded", in)
		}
	}
}

func TestFromJSONLDErrors(t *testing.T) {
	for _, in := range []string{"", "{", `{"@graph": []}`, `[1]`} {
		if _, err := vocab.FromJSONLD([]byte(in)); err == nil {
			t.Errorf("FromJSONLD(%q) succeeded", in)
		}
	}
}

// TestGeneratedIsFresh rebuilds the index from the shared release file and
// compares it with the embedded one, as CI's `go generate` check does.
func TestGeneratedIsFresh(t *testing.T) {
	dir := sharedtest.Dir(t, "schemaorg")
	data, err := os.ReadFile(filepath.Join(dir, "schemaorg-all-https.jsonld"))
	if err != nil {
		t.Fatal(err)
	}
	v, err := vocab.FromJSONLD(data)
	if err != nil {
		t.Fatal(err)
	}
	v.Version = embedded(t).Version
	if !bytes.Equal(v.Encode(), embedded(t).Encode()) {
		t.Error("schemaorg.idx is stale: run go generate ./schema/vocab")
	}
	// 937 classes, 1529 properties and 537 members (535 enumeration
	// members plus True and False), per the release's README.
	counts := map[vocab.Kind]int{}
	for _, n := range v.Names() {
		counts[v.Term(n).Kind]++
	}
	if counts[vocab.Class] != 937 || counts[vocab.Property] != 1529 || counts[vocab.Member] != 537 {
		t.Errorf("counts = %v", counts)
	}
}

func BenchmarkDecodeEmbedded(b *testing.B) {
	data := embedded(b).Encode()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := vocab.Decode(data); err != nil {
			b.Fatal(err)
		}
	}
}

// TestFromJSONLDSmall reads a hand-made release in the http flavour with a
// subclass cycle, which must neither hang nor lose terms.
func TestFromJSONLDSmall(t *testing.T) {
	release := `{
  "@context": {"schema": "http://schema.org/", "rdfs": "http://www.w3.org/2000/01/rdf-schema#", "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#"},
  "@graph": [
    {"@id": "schema:Thing", "@type": "rdfs:Class"},
    {"@id": "schema:A", "@type": "rdfs:Class", "rdfs:subClassOf": [{"@id": "schema:B"}, {"@id": "schema:Thing"}]},
    {"@id": "schema:B", "@type": "rdfs:Class", "rdfs:subClassOf": {"@id": "schema:A"}, "schema:isPartOf": {"@id": "https://pending.schema.org"}},
    {"@id": "schema:Text", "@type": ["schema:DataType", "rdfs:Class"]},
    {"@id": "schema:label", "@type": "rdf:Property", "schema:domainIncludes": {"@id": "schema:A"}, "schema:rangeIncludes": [{"@id": "schema:Text"}, {"@id": "schema:B"}], "schema:supersededBy": {"@id": "schema:name"}},
    {"@id": "http://example.com/Other", "@type": "rdfs:Class"}
  ]
}`
	v, err := vocab.FromJSONLD([]byte(release))
	if err != nil {
		t.Fatal(err)
	}
	if v.Len() != 5 {
		t.Errorf("Len = %d, want 5 (the external class left out)", v.Len())
	}
	if !v.IsA("A", "B") || !v.IsA("B", "A") || !v.IsA("A", "Thing") {
		t.Errorf("ancestors of A: %v, of B: %v", v.Ancestors("A"), v.Ancestors("B"))
	}
	if v.Term("B").Area != vocab.Pending || !v.Term("Text").DataType {
		t.Error("area or data type flag lost")
	}
	l := v.Term("label")
	if !slices.Equal(l.Range, []string{"B", "Text"}) || l.SupersededBy != "name" {
		t.Errorf("label = %+v", l)
	}
	again, err := vocab.Decode(v.Encode())
	if err != nil || !bytes.Equal(again.Encode(), v.Encode()) {
		t.Errorf("round trip failed: %v", err)
	}
}

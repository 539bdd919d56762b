package repair

import (
	"encoding/json"
	"testing"
)

// TestValidAgreesWithEncodingJSON checks the fast-path validator against
// encoding/json on tricky inputs; FuzzValid does the same on any input.
func TestValidAgreesWithEncodingJSON(t *testing.T) {
	for _, s := range []string{
		``, ` `, `0`, `-0`, `-`, `01`, `1.`, `1.5e`, `1e+5`, `"\u12"`, `"\u1234"`, `"a\qb"`, "\"a\tb\"",
		`[]`, `[1,]`, `{"a":1,}`, `{"a" 1}`, `{}`, `[{}, []]`, `true`, `tru`, `nul`, `[1] [2]`,
		`{"a":[1,{"b":null}]}`, " \n\t{\"a\" : \"b\" }\r\n", `"`, `["a"`, `{"a":}`, `{,}`, `[,1]`,
	} {
		if got, want := valid([]byte(s), 512), json.Valid([]byte(s)); got != want {
			t.Errorf("valid(%q) = %v, encoding/json says %v", s, got, want)
		}
	}
}

func FuzzValid(f *testing.F) {
	for _, s := range []string{`{"a":[1,2.5e3,"x\n"]}`, `[true,false,null]`, `"\u00e9"`, `-0.1`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if got, want := valid(b, 1<<30), json.Valid(b); got != want {
			t.Fatalf("valid(%q) = %v, encoding/json says %v", b, got, want)
		}
	})
}

package report

import (
	"bytes"
	"encoding/json"
	"testing"
)

func TestAppendIndented(t *testing.T) {
	for _, in := range []string{
		`{}`, `[]`, `{"a":[]}`, `{"a":{},"b":[1,2,{"c":null}]}`,
		`"x"`, `{"s":"a,b:{[\"]}\\","t":"\u2028"}`, `[[[]],[{}]]`,
	} {
		var want bytes.Buffer
		if err := json.Indent(&want, []byte(in), "    ", "  "); err != nil {
			t.Fatal(err)
		}
		if got := appendIndented(nil, []byte(in), "    "); string(got) != want.String() {
			t.Errorf("%s:\ngot  %s\nwant %s", in, got, want.String())
		}
	}
}

// FuzzAppendIndented: on any valid JSON, compacted as json.Encoder writes
// it, the result is json.Indent's.
func FuzzAppendIndented(f *testing.F) {
	f.Add([]byte(`{"a": [1, {"b": "c\"]"}], "d": {}}`))
	f.Add([]byte(`["\\", [], [[]], {"": ""}]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var compact bytes.Buffer
		if json.Compact(&compact, data) != nil {
			return
		}
		var want bytes.Buffer
		if err := json.Indent(&want, compact.Bytes(), "  ", "  "); err != nil {
			t.Fatal(err)
		}
		if got := appendIndented(nil, compact.Bytes(), "  "); !bytes.Equal(got, want.Bytes()) {
			t.Fatalf("%q:\ngot  %q\nwant %q", compact.Bytes(), got, want.Bytes())
		}
	})
}

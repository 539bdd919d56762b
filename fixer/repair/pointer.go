package repair

import "github.com/ldfix/ldfix/fixer/jsonpos"

// pointers fills the JSON Pointer of every finding: the deepest value or
// key of the repaired text that holds the finding's first edit. A report
// can then say which property a repair touched. A text that is not strict
// JSON (it always is) leaves pointers empty.
func (r *repairer) pointers(text []byte, firstEdit []int) []string {
	return jsonpos.PointersAt(text, firstEdit)
}

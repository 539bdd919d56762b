package template

import "bytes"

// hasServerOpener reports whether data holds "{%", "{{" or "<?", the
// starts of server-side template syntax. It looks for the bytes '{' and
// '?' alone, which a page holds far fewer of than '<', with one IndexByte
// each, where a search for each opener stops at every candidate first byte.
func hasServerOpener(data []byte) bool {
	for i := 0; ; {
		j := bytes.IndexByte(data[i:], '{')
		if j < 0 || i+j+1 >= len(data) {
			break
		}
		i += j + 1
		if c := data[i]; c == '{' || c == '%' {
			return true
		}
	}
	for i := 1; i < len(data); {
		j := bytes.IndexByte(data[i:], '?')
		if j < 0 {
			break
		}
		i += j
		if data[i-1] == '<' {
			return true
		}
		i++
	}
	return false
}

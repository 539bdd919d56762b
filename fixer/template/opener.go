package template

import "bytes"

// mayHoldServerSyntax reports whether data holds the start of a tag that
// serverSyntax may accept: "{%", a PHP opening tag as scanAngle reads
// one, or "{{" followed by a trim marker, a Go template field or one of
// Go's action words; a tag ending "-}}" starts with "{{", so a page
// holding both counts too. Every tag IsTemplate counts starts so. Most
// served pages hold none, and the client-side templates ({{ user.name }})
// that many do hold are decided here without scanning their tags.
//
// It looks for the bytes '{' and '?' alone, which a page holds far fewer
// of than '<', with one IndexByte each, where a search for each opener
// stops at every candidate first byte.
func mayHoldServerSyntax(data []byte) bool {
	dashClose := -1 // whether data holds "-}}"; -1: not looked for yet
	for i := 0; ; {
		j := bytes.IndexByte(data[i:], '{')
		if j < 0 || i+j+1 >= len(data) {
			break
		}
		i += j + 1
		switch data[i] {
		case '%':
			return true
		case '{':
			if goAction(data[i+1:]) {
				return true
			}
			if dashClose < 0 {
				dashClose = 0
				if bytes.Contains(data, []byte("-}}")) {
					dashClose = 1
				}
			}
			if dashClose == 1 {
				return true
			}
		}
	}
	for i := 1; i < len(data); {
		j := bytes.IndexByte(data[i:], '?')
		if j < 0 {
			break
		}
		i += j
		if data[i-1] == '<' && phpOpener(data[i-1:]) {
			return true
		}
		i++
	}
	return false
}

// goAction reports whether rest, what follows a "{{", may start a tag
// that serverSyntax takes for a Go template: a trim marker "-", or after
// the marks trimTag drops, "." and a word byte, or a word that starts
// with range, end, define or template.
func goAction(rest []byte) bool {
	if len(rest) > 0 && rest[0] == '-' {
		return true
	}
	k := 0
	for k < len(rest) && bytes.IndexByte([]byte(" \t\r\n-~+"), rest[k]) >= 0 {
		k++
	}
	body := rest[k:]
	if len(body) > 1 && body[0] == '.' && isWordByte(body[1]) {
		return true
	}
	for _, w := range [...]string{"range", "end", "define", "template"} {
		if bytes.HasPrefix(body, []byte(w)) {
			return true
		}
	}
	return false
}

// phpOpener reports whether rest, which starts "<?", opens a PHP block as
// scanAngle reads one.
func phpOpener(rest []byte) bool {
	switch {
	case hasFoldPrefix(rest, "<?php") && (len(rest) == 5 || isSpace(rest[5])):
		return true
	case bytes.HasPrefix(rest, []byte("<?=")):
		return true
	}
	return len(rest) > 2 && isSpace(rest[2])
}

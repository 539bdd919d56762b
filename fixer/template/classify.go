package template

import (
	"bytes"
	"regexp"
	"sync"
)

// trimTag drops the whitespace-control markers ({{- -}}, {%- -%}, {{~ ~}},
// {%+ +%}) and spaces around a tag's body.
func trimTag(body []byte) []byte {
	return bytes.Trim(body, " \t\r\n-~+")
}

// firstWord is the leading identifier of a tag body.
func firstWord(body []byte) string {
	end := 0
	for end < len(body) && isWordByte(body[end]) {
		end++
	}
	return string(body[:end])
}

func isWordByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// goAssign matches a Go template variable declaration or assignment,
// which prints nothing: {{ $x := .Y }}, {{ $x = 1 }}.
var goAssign = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^\$\w*\s*:?=`) })

// separator matches an output tag that prints a comma literal, as
// {{ "," if not loop.last }}, {{ loop.last ? ” : ',' }} or
// <?php if ($i) echo ','; ?> do between loop items.
var separator = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`["']\s*,\s*["']`) })

// classifyCurly sorts a {{ }} tag of Handlebars, Mustache, Go templates,
// Jinja or Liquid by its body.
func classifyCurly(t *tag, body []byte) {
	b := trimTag(body)
	if len(b) == 0 {
		t.kind = Output
		return
	}
	t.kind = Control
	switch b[0] {
	case '#':
		// Handlebars block helper or Mustache section; a section over a
		// list repeats, over a value it is a condition.
		name := firstWord(bytes.TrimLeft(b[1:], " >*"))
		t.role = opener
		switch name {
		case "if", "unless", "with":
		case "inline":
			t.silent = true
		default:
			t.loop = true
		}
		return
	case '^':
		if len(bytes.TrimSpace(b[1:])) == 0 {
			t.role = brancher
		} else {
			t.role = opener
		}
		return
	case '/':
		t.role = closer
		return
	case '>', '&':
		t.kind = Output
		return
	}
	if goAssign().Match(b) {
		return
	}
	switch firstWord(b) {
	case "if", "with":
		t.role = opener
	case "range":
		t.role, t.loop = opener, true
	case "block":
		t.role = opener
	case "define":
		t.role, t.silent = opener, true
	case "else":
		t.role = brancher
	case "end":
		t.role = closer
	case "break", "continue":
	default:
		t.kind = Output
	}
}

// classifyPercent sorts a {% %} tag of Liquid, Jinja, Nunjucks or Twig and
// returns its name.
func classifyPercent(t *tag, body []byte) string {
	b := trimTag(body)
	word := firstWord(b)
	t.kind = Control
	switch word {
	case "if", "unless", "case", "with", "block", "filter", "autoescape",
		"spaceless", "apply", "embed", "paginate", "form", "sandbox", "call":
		t.role = opener
	case "for", "tablerow":
		t.role, t.loop = opener, true
	case "capture", "macro", "schema", "javascript", "stylesheet", "style":
		t.role, t.silent = opener, true
	case "set":
		// {% set x %}…{% endset %} captures its body; {% set x = 1 %} is a
		// statement.
		if !bytes.ContainsRune(b, '=') {
			t.role, t.silent = opener, true
		}
	case "else", "elif", "elsif", "elseif", "when", "empty":
		t.role = brancher
	case "echo", "include", "include_relative", "render", "cycle",
		"increment", "decrement", "section", "sections", "source":
		t.kind = Output
	default:
		if len(word) > 3 && word[:3] == "end" {
			t.role = closer
		}
	}
	return word
}

var (
	phpOpen   = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(if|foreach|for|while|switch)\b.*[{:]$`) })
	phpBranch = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(\}\s*)?(else|elseif|else\s+if)\b`) })
	phpClose  = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^(\}|endif|endforeach|endfor|endwhile|endswitch)\b?`)
	})
	phpOutput = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`\b(echo|print|printf|vprintf)\b|^(the_\w+|_e|_ex|esc_\w+_e)\s*\(`)
	})
)

// classifyPHP sorts a PHP block by its code. echo is short for output.
func classifyPHP(t *tag, body []byte, echo bool) {
	if echo {
		t.kind = Output
		return
	}
	code := bytes.TrimRight(bytes.TrimSpace(body), "; \t\r\n")
	t.kind = Control
	switch {
	case phpBranch().Match(code):
		t.role = brancher
	case phpClose().Match(code):
		t.role = closer
	case phpOpen().Match(code):
		t.role = opener
		t.loop = !bytes.HasPrefix(code, []byte("if")) && !bytes.HasPrefix(code, []byte("switch"))
	case bytes.HasPrefix(code, []byte("/*")) || bytes.HasPrefix(code, []byte("//")) || bytes.HasPrefix(code, []byte("#")):
		if !bytes.Contains(code, []byte("\n")) {
			t.kind = Comment
		}
	case phpOutput().Match(code):
		t.kind = Output
	}
}

var (
	erbLoop = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(\bdo|\{)\s*(\|[^|]*\|)?$`) })
	erbWord = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[a-z_]+`) })
)

// classifyERB sorts an ERB tag by its marker and Ruby code.
func classifyERB(t *tag, body []byte) {
	switch {
	case len(body) > 0 && body[0] == '=':
		t.kind = Output
		return
	case len(body) > 0 && body[0] == '#':
		t.kind = Comment
		return
	}
	code := bytes.TrimSpace(bytes.Trim(body, "-_"))
	t.kind = Control
	switch string(erbWord().Find(code)) {
	case "end":
		t.role = closer
	case "else", "elsif", "when", "rescue", "ensure":
		t.role = brancher
	case "if", "unless", "case", "begin":
		t.role = opener
	case "while", "until", "for":
		t.role, t.loop = opener, true
	default:
		if erbLoop().Match(code) {
			t.role, t.loop = opener, true
		}
	}
}

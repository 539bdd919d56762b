package extract

import (
	"bytes"

	"github.com/ldfix/ldfix/fixer/source"
)

var directive = []byte("ldfix-ignore")

// noteDirective records the comment covering span when it is addressed
// to ldfix.
func (s *scanner) noteDirective(span source.Span) {
	text := s.data[min(span.Start+len("<!--"), span.End):span.End]
	if bytes.HasPrefix(bytes.TrimLeft(text, " \t\r\n"), directive) {
		s.directives = append(s.directives, span)
	}
}

package schema

import (
	"fmt"
	"slices"
	"strings"

	"github.com/ldfix/ldfix/fixer/diag"
	"github.com/ldfix/ldfix/fixer/jsonpos"
)

const authorDocs = "https://developers.google.com/search/docs/appearance/structured-data/article#author-bp"

func init() {
	diag.Register(diag.Rule{
		ID: "G030", Name: "author-as-text", Severity: diag.Info, Fixable: diag.FixSometimes,
		Summary: "an author is given as a bare name rather than a Person or Organization",
		Why: "Google reads a text author, but its author markup best practices ask for a Person or an " +
			"Organization with a name (and a url), so the author can be told apart from others of the same " +
			"name and shown in the result.",
		Bad:  `{"@context": "https://schema.org", "@type": "NewsArticle", "author": "Ann Smith"}`,
		Good: `{"@context": "https://schema.org", "@type": "NewsArticle", "author": {"@type": "Person", "name": "Ann Smith"}}`,
		FixSafety: "unsafe: the name is wrapped in a Person, which is a guess when the author is an organisation; " +
			"a text naming several authors is not wrapped",
	})
}

// authorText reports the authors of a node given as text, and proposes
// the Person Google documents, written in the block's style.
func (pg *page) authorText(n *node) {
	bs := n.blk
	for _, p := range n.props {
		if p.name != "author" || p.reverse {
			continue
		}
		for i := range p.values {
			val := &p.values[i]
			lit := val.literal
			if lit == nil || lit != val.n || lit.Kind != jsonpos.String || bs.opaque(lit.Span) {
				continue
			}
			s := strings.TrimSpace(lit.Value.(string))
			if s == "" || strings.Contains(s, "://") || strings.HasPrefix(s, "/") {
				continue // a link is an @id-like reference, not a name
			}
			d := bs.report("G030", val.n, val.pointer(p), false, "property %q%s is the text %q; Google's best practices expect a \"Person\" or \"Organization\" with that name",
				p.name, p.ofType(), s)
			d.Feature, d.URL = "Article", authorDocs
			if several(s) {
				suggestOnly(d, "give each author as its own Person or Organization")
				continue
			}
			if organisation(s) {
				suggestOnly(d, fmt.Sprintf("make %q an Organization with that name", s))
				continue
			}
			bs.propose(d, diag.Unsafe, fmt.Sprintf("make %q a Person with that name", s), change{lit.Span, bs.personText(n, p, lit)})
		}
	}
}

// several reports whether a text seems to name more than one author.
func several(s string) bool {
	l := strings.ToLower(s)
	return strings.ContainsAny(s, ",;&|/") || strings.Contains(l, " and ") || strings.Contains(l, " und ") || strings.Contains(l, " et ")
}

// orgWords are words that name an organisation rather than a person,
// in the bylines of news sites.
var orgWords = []string{"inc", "ltd", "llc", "gmbh", "desk", "bureau", "staff", "team", "news", "redaktion", "redacción", "redazione", "rédaction", "editors", "editorial", "newsroom", "agency", "media", "press", "online", "group", "magazine", "sports"}

// organisation reports whether a byline names an organisation.
func organisation(s string) bool {
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return r == ' ' || r == '.' || r == '-' }) {
		if slices.Contains(orgWords, w) {
			return true
		}
	}
	return false
}

// personText is {"@type": "Person", "name": …} around the string lit,
// whose own text (quoting and escapes) is kept. In a block with one member
// a line it is spread over lines at the block's indentation.
func (bs *blockState) personText(n *node, p *prop, lit *jsonpos.Node) string {
	raw := string(bs.b.Text[lit.Span.Start:lit.Span.End])
	st := bs.styleOf(n.obj, p.member)
	typ, name := jsonString("@type")+st.colon+jsonString("Person"), jsonString("name")+st.colon+raw
	if st.indent == "" || lit != p.member {
		return "{" + typ + "," + st.space + name + "}"
	}
	inner := st.indent + bs.indentUnit(n.obj, st)
	return "{" + inner + typ + "," + inner + name + st.indent + "}"
}

package schema

import (
	"fmt"
	"slices"
	"strings"

	"github.com/ldfix/ldfix/fixer/diag"
	"github.com/ldfix/ldfix/fixer/jsonpos"
	"github.com/ldfix/ldfix/schema/vocab"
)

// match says how close a suggested name is to the name written.
type match int

const (
	noMatch     match = iota
	caseMatch         // the same letters in another case: newsArticle
	squashMatch       // the same letters and digits: "In Stock", in_stock
	nearMatch         // within the edit distance limit: NewsArticel
)

// nearest is suggest with how close the suggestion is and whether it is
// the only name that close: a tie between two names is a guess no fix
// may make.
func nearest(v *vocab.Vocab, name string, ok func(*vocab.Term) bool) (string, match, bool) {
	var folds []string
	for _, n := range v.Fold(name) {
		if n != name && ok(v.Term(n)) {
			folds = append(folds, n)
		}
	}
	if len(folds) > 0 {
		return folds[0], caseMatch, len(folds) == 1
	}
	s := suggest(v, name, ok)
	if s == "" {
		return "", noMatch, false
	}
	key, want := squash(name), squash(s)
	kind := nearMatch
	if key == want {
		kind = squashMatch
	}
	var d distancer
	keyRunes := []rune(key)
	dist := d.distance(keyRunes, []rune(want), distanceLimit(key)+1)
	for _, e := range squashedNames(v) {
		if e.name == s || abs(len(e.squashed)-len(key)) > dist || !ok(e.term) {
			continue
		}
		if d.distance(keyRunes, e.runes, dist+1) <= dist {
			return s, kind, false
		}
	}
	return s, kind, true
}

// typeFix proposes the type a misspelled @type meant. A type that
// differs only in case is safe: no two schema.org types differ only in
// case, so the author's intent is plain. Any other near name is a guess.
func (bs *blockState) typeFix(d *diag.Diagnostic, t typeRef) {
	s, how, unique := nearest(bs.vocab(), t.name, func(c *vocab.Term) bool { return c.Kind == vocab.Class })
	if how == noMatch {
		return
	}
	app := diag.Unsafe
	switch {
	case !unique:
		app = diag.DisplayOnly
	case how == caseMatch:
		app = diag.Safe
	}
	bs.changeString(d, t.n, app, t.name, keyWithPrefix(t.n.Value.(string), t.name, s))
}

// propertyFix proposes the property a misspelled key meant. The rename
// is written only when the new key is not in the object already and the
// property is defined for the node's types: safe when only the case
// differs, unsafe for any other near name. A near name outside the
// node's domain is shown only.
func (bs *blockState) propertyFix(d *diag.Diagnostic, n *node, p *prop, classes []string) {
	voc := bs.vocab()
	isProp := func(c *vocab.Term) bool { return c.Kind == vocab.Property }
	inDom := func(c *vocab.Term) bool { return isProp(c) && inDomain(voc, c, classes) }
	s, how, unique := "", noMatch, false
	if len(classes) > 0 {
		s, how, unique = nearest(voc, p.name, inDom)
	}
	if how == noMatch {
		s, how, unique = nearest(voc, p.name, isProp)
		unique = unique && len(classes) == 0
	}
	if how == noMatch {
		return
	}
	if t := voc.Term(s); t.SupersededBy != "" {
		// "ingredient" is near "ingredients", which schema.org replaced
		// by "recipeIngredient": the rename goes to the replacement.
		if r := voc.Term(t.SupersededBy); r == nil || !isProp(r) || len(classes) > 0 && !inDomain(voc, r, classes) {
			return
		}
		s, how = t.SupersededBy, nearMatch
	}
	app := diag.Unsafe
	switch {
	case !unique || member(n.obj, keyWithPrefix(p.member.Key, p.name, s)) != nil:
		app = diag.DisplayOnly
	case how == caseMatch:
		app = diag.Safe
	}
	bs.renameKey(d, p.member, app, p.name, s)
}

// supersededFix proposes a superseded term's replacement. It is safe
// when nothing but the name changes meaning: for a property, the new key
// is free, defined for the node's types and every value fits its range;
// for a type, every property of the node is defined for the new type.
// Otherwise the replacement is shown only.
func (pg *page) supersededFix(d *diag.Diagnostic, bs *blockState, t *vocab.Term, n *jsonpos.Node, key bool, owner *node, p *prop) {
	repl := pg.v.vocab.Term(t.SupersededBy)
	app := diag.DisplayOnly
	if repl != nil && repl.Kind == t.Kind {
		switch {
		case key && p != nil && pg.replacementFits(p, repl):
			app = diag.Safe
		case !key && owner != nil && pg.typeReplacementFits(owner, repl):
			app = diag.Safe
		}
	}
	if key {
		bs.renameKey(d, n, app, t.Name, t.SupersededBy)
		return
	}
	if s, ok := n.Value.(string); ok {
		bs.changeString(d, n, app, t.Name, keyWithPrefix(s, t.Name, t.SupersededBy))
	}
}

// replacementFits reports whether property p can be renamed to repl with
// no new finding: the key is free, repl is defined for the node's types,
// and each value fits repl's range by a data type, a member or a node
// type (a plain string where a thing is expected is accepted by the
// range check, but would change what the value means).
func (pg *page) replacementFits(p *prop, repl *vocab.Term) bool {
	voc := pg.v.vocab
	owner := p.owner
	if p.reverse || member(owner.obj, keyWithPrefix(p.member.Key, p.name, repl.Name)) != nil {
		return false
	}
	classes, open := owner.classes(voc)
	if open || owner.open || len(classes) > 0 && !inDomain(voc, repl, classes) {
		return false
	}
	data, enums, _ := rangeKinds(voc, repl)
	for i := range p.values {
		val := &p.values[i]
		if val.literal != nil && len(data) == 0 && len(enums) == 0 {
			return false
		}
		if pg.wouldReport(p, repl, val) {
			return false
		}
	}
	return true
}

// wouldReport runs the range check of repl on one value and reports
// whether it finds anything, leaving no finding behind.
func (pg *page) wouldReport(p *prop, repl *vocab.Term, val *value) bool {
	bs := p.owner.blk
	n := len(bs.diags)
	q := *p
	q.name = repl.Name
	pg.checkValue(&q, repl, val)
	found := len(bs.diags) > n
	bs.diags = bs.diags[:n]
	return found
}

// typeReplacementFits reports whether every property of the node is
// defined for the replacement type.
func (pg *page) typeReplacementFits(nd *node, repl *vocab.Term) bool {
	voc := pg.v.vocab
	if len(nd.types) != 1 || nd.open {
		return false
	}
	for _, p := range nd.props {
		t := voc.Term(p.name)
		if p.name == "" || t == nil || t.Kind != vocab.Property || !inDomain(voc, t, []string{repl.Name}) {
			return false
		}
	}
	return true
}

// memberFix proposes the member an enumeration value meant, in the IRI
// form Google documents (https://schema.org/InStock). A value that
// differs from a member only in case, spaces and punctuation ("In
// Stock", inStock) is safe; a nearer guess is unsafe, a tie shown only.
// An IRI of the author's keeps its prefix.
func (bs *blockState) memberFix(d *diag.Diagnostic, val *value, s string, enums []string) {
	voc := bs.vocab()
	name := schemaNameOr(strings.TrimPrefix(s, "schema:"))
	sug, how, unique := nearest(voc, name, func(t *vocab.Term) bool {
		return t.Kind == vocab.Member && slices.ContainsFunc(enums, func(e string) bool { return voc.MemberOf(t.Name, e) })
	})
	if how == noMatch {
		return
	}
	to := memberIRI + sug
	if prefix, ok := strings.CutSuffix(s, name); ok && (schemaName(s) != "" || strings.HasPrefix(s, "schema:")) {
		to = prefix + sug
	}
	app := diag.Unsafe
	switch {
	case !unique:
		app = diag.DisplayOnly
	case how == caseMatch || how == squashMatch:
		app = diag.Safe
	}
	if val.literal != nil && val.literal == val.n {
		bs.changeString(d, val.n, app, s, to)
		return
	}
	suggestOnly(d, fmt.Sprintf("use %q", to))
}

// memberIRI is the prefix of the member IRIs Google's documentation uses.
const memberIRI = "https://schema.org/"

func init() {
	diag.Register(diag.Rule{
		ID: "V020", Name: "bare-enumeration-member", Severity: diag.Info, Fixable: diag.FixAlways,
		Summary: "an enumeration member is written as a bare name rather than the IRI Google documents",
		Why: "schema.org and Google accept \"InStock\", but Google's documentation and the Rich Results Test " +
			"write members as IRIs (https://schema.org/InStock), and other consumers resolve a bare name " +
			"against the page's URL instead of schema.org.",
		Bad:       `{"@context": "https://schema.org", "@type": "Offer", "availability": "InStock"}`,
		Good:      `{"@context": "https://schema.org", "@type": "Offer", "availability": "https://schema.org/InStock"}`,
		FixSafety: "safe: the member is named exactly; only its https://schema.org/ prefix is added",
	})
}

// bareMember reports a member written by its bare name where the
// property expects it.
func (pg *page) bareMember(p *prop, val *value, s string) {
	bs := p.owner.blk
	d := bs.report("V020", val.n, val.pointer(p), false, "property %q%s has the enumeration member %q as a bare name; expected %q",
		p.name, p.ofType(), s, memberIRI+s)
	bs.changeString(d, val.n, diag.Safe, s, memberIRI+s)
}

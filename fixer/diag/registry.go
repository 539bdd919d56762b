package diag

import (
	"fmt"
	"github.com/ldfix/ldfix/fixer/source"
	"slices"
	"strings"
	"sync"
)

// Fixable says whether a rule's findings come with a fix.
type Fixable string

const (
	FixAlways    Fixable = "always"
	FixSometimes Fixable = "sometimes"
	FixNever     Fixable = "never"
)

// Rule is the documentation of one rule. Docs are data: `ldfix rules`,
// `ldfix explain` and the README's rule table are all made from these.
type Rule struct {
	ID       string   // stage letter and three digits: X001, J004, V010, G001
	Name     string   // kebab-case: smart-quote-delimiter
	Severity Severity // default severity
	Fixable  Fixable
	Summary  string // one line, lower-case start, no final period
	Why      string // why it matters, a short paragraph
	Bad      string // an example that triggers the rule
	Good     string // the same example, corrected
	// FixSafety says which of the rule's fixes are safe and which are not.
	FixSafety string
	// Aliases are former IDs of a renamed or merged rule.
	Aliases []string
	// SeverityNote says when findings take another severity than the
	// default, such as "warning on recommended properties"; the rule
	// listing shows it beside Severity.
	SeverityNote string
}

var (
	registryMu sync.RWMutex
	// pending holds the rules registered before the first lookup. Every
	// rule package registers from init, and indexing them there would
	// cost every start of the program, even one that looks up no rule.
	pending  [][]Rule
	registry map[string]Rule
	indexed  sync.Once
)

// Register adds rules to the registry. Each family file calls it from init;
// a malformed rule is a programming error and panics at start-up, where
// every test sees it. A duplicate ID panics at the first lookup, when the
// rules of every package are indexed, or at once when that is past.
func Register(rules ...Rule) {
	for _, r := range rules {
		if err := r.check(); err != nil {
			panic(err)
		}
	}
	registryMu.Lock()
	defer registryMu.Unlock()
	if registry == nil {
		pending = append(pending, rules)
		return
	}
	add(rules)
}

// index builds the registry from the pending rules once.
func index() {
	indexed.Do(func() {
		registryMu.Lock()
		defer registryMu.Unlock()
		n := 0
		for _, rs := range pending {
			n += len(rs)
		}
		registry = make(map[string]Rule, n)
		for _, rs := range pending {
			add(rs)
		}
		pending = nil
	})
}

// add puts rules in the registry; the caller holds registryMu.
func add(rules []Rule) {
	for _, r := range rules {
		for _, id := range append([]string{r.ID}, r.Aliases...) {
			if _, dup := registry[id]; dup {
				panic(fmt.Sprintf("diag: rule ID %s registered twice", id))
			}
		}
		registry[r.ID] = r
		for _, a := range r.Aliases {
			registry[a] = r
		}
	}
}

func (r Rule) check() error {
	switch {
	case !validID(r.ID):
		return fmt.Errorf("diag: rule ID %q is not a stage letter and three digits", r.ID)
	case !kebabCase(r.Name):
		return fmt.Errorf("diag: rule %s name %q is not kebab-case", r.ID, r.Name)
	case r.Severity < Info || r.Severity > Error:
		return fmt.Errorf("diag: rule %s has no severity", r.ID)
	case r.Summary == "":
		return fmt.Errorf("diag: rule %s has no summary", r.ID)
	}
	return nil
}

// validID reports whether id is a stage letter (X, J, V, G or M) and three
// digits. Written out rather than as a regular expression, whose
// compilation every start of the program would pay for.
func validID(id string) bool {
	if len(id) != 4 || !strings.Contains("XJVGM", id[:1]) {
		return false
	}
	for i := 1; i < len(id); i++ {
		if id[i] < '0' || id[i] > '9' {
			return false
		}
	}
	return true
}

// kebabCase reports whether name is words of lower-case letters and digits
// joined by single hyphens.
func kebabCase(name string) bool {
	atStart := true // of a word: a hyphen here would make an empty word
	for i := 0; i < len(name); i++ {
		switch c := name[i]; {
		case c == '-':
			if atStart {
				return false
			}
			atStart = true
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
			atStart = false
		default:
			return false
		}
	}
	return !atStart
}

// SeverityText is the severity as listings show it: the default, and when
// findings may take another one, the note saying when.
func (r Rule) SeverityText() string {
	if r.SeverityNote == "" {
		return r.Severity.String()
	}
	return r.Severity.String() + " (" + r.SeverityNote + ")"
}

// Lookup finds a rule by ID or alias.
func Lookup(id string) (Rule, bool) {
	index()
	registryMu.RLock()
	defer registryMu.RUnlock()
	r, ok := registry[strings.ToUpper(id)]
	return r, ok
}

// Rules returns every registered rule once, sorted by ID.
func Rules() []Rule {
	index()
	registryMu.RLock()
	defer registryMu.RUnlock()
	out := make([]Rule, 0, len(registry))
	for id, r := range registry {
		if id == r.ID {
			out = append(out, r)
		}
	}
	slices.SortFunc(out, func(a, b Rule) int { return strings.Compare(a.ID, b.ID) })
	return out
}

// New makes a diagnostic of rule id with its default severity. It panics on
// an unregistered ID so a typo fails every test that reaches it.
func New(id string, block int, span source.Span, format string, args ...any) Diagnostic {
	r, ok := Lookup(id)
	if !ok {
		panic(fmt.Sprintf("diag: unregistered rule %s", id))
	}
	return Diagnostic{
		Rule: r.ID, Severity: r.Severity, Block: block, Span: span,
		Message: fmt.Sprintf(format, args...),
	}
}

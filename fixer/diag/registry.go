package diag

import (
	"fmt"
	"github.com/ldfix/ldfix/fixer/source"
	"regexp"
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
	registry   = map[string]Rule{}
	idPattern  = regexp.MustCompile(`^[XJVGM][0-9]{3}$`)
	namePat    = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
)

// Register adds rules to the registry. Each family file calls it from init;
// a malformed or duplicate rule is a programming error and panics at start-up,
// where every test sees it.
func Register(rules ...Rule) {
	registryMu.Lock()
	defer registryMu.Unlock()
	for _, r := range rules {
		if err := r.check(); err != nil {
			panic(err)
		}
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
	case !idPattern.MatchString(r.ID):
		return fmt.Errorf("diag: rule ID %q is not a stage letter and three digits", r.ID)
	case !namePat.MatchString(r.Name):
		return fmt.Errorf("diag: rule %s name %q is not kebab-case", r.ID, r.Name)
	case r.Severity < Info || r.Severity > Error:
		return fmt.Errorf("diag: rule %s has no severity", r.ID)
	case r.Summary == "":
		return fmt.Errorf("diag: rule %s has no summary", r.ID)
	}
	return nil
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
	registryMu.RLock()
	defer registryMu.RUnlock()
	r, ok := registry[strings.ToUpper(id)]
	return r, ok
}

// Rules returns every registered rule once, sorted by ID.
func Rules() []Rule {
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

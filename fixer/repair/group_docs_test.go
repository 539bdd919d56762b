package repair

import (
	"strings"
	"testing"

	"github.com/ldfix/ldfix/fixer/diag"
)

// TestGroupedRulesSaySo checks that the docs of a rule (ldfix explain, the
// README) say its findings are grouped exactly when they are.
func TestGroupedRulesSaySo(t *testing.T) {
	for _, r := range diag.Rules() {
		if r.ID[0] != 'J' {
			continue
		}
		_, isGrouped := grouped[r.ID]
		if says := strings.HasSuffix(r.FixSafety, perBlock); says != isGrouped {
			t.Errorf("%s: grouped %v, but its fix-safety note says %v", r.ID, isGrouped, says)
		}
	}
}

package report

import (
	"crypto/sha256"
	"encoding/hex"

	"github.com/ldfix/ldfix/fixer/diag"
	"github.com/ldfix/ldfix/fixer/source"
)

// fingerprint identifies a finding by what it is, not where: file, rule,
// block, pointer and message, so that code scanning and GitLab keep tracking
// it when lines above it move.
//
// A grouped finding (one per rule and block, counting its places) is the
// same finding after one of its places is fixed, though its count and
// first place change; file, rule and block identify it.
func fingerprint(path string, d diag.Diagnostic) string {
	h := sha256.New()
	parts := []string{path, d.Rule, d.Pointer, d.Message}
	if len(d.Related) > 0 {
		parts = []string{path, d.Rule, "grouped"}
	}
	for _, s := range parts {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	h.Write([]byte{byte(d.Block), byte(d.Block >> 8)})
	return hex.EncodeToString(h.Sum(nil))[:32]
}

func sourceSpan(start, end int) source.Span { return source.Span{Start: start, End: end} }

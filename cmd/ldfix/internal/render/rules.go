package render

import "github.com/ldfix/ldfix/fixer/diag"

// The rules of a rendered check: how the page Google renders differs from
// its source, and why a page could not be rendered.
const (
	RuleAdded    = "X110"
	RuleChanged  = "X111"
	RuleRemoved  = "X112"
	RuleShopping = "X113"
	RuleByHand   = "X114"
	RuleFailed   = "X115"
	RuleUnsettle = "X116"
)

func init() {
	diag.Register(
		diag.Rule{
			ID: RuleAdded, Name: "block-added-by-javascript", Severity: diag.Info, Fixable: diag.FixNever,
			Summary: "a JSON-LD block exists only after the page's JavaScript runs",
			Why: "Google renders pages and reads the blocks scripts add, but only when rendering " +
				"succeeds: a script that fails, is blocked by robots.txt or runs too late leaves the page " +
				"without the markup. Blocks in the HTML source are read on every crawl.",
			Bad:       "<script>document.head.appendChild(ldJsonScript)</script>",
			Good:      "<script type=\"application/ld+json\">{...}</script> in the served HTML",
			FixSafety: "not fixable by ldfix: the block is written by a script",
		},
		diag.Rule{
			ID: RuleChanged, Name: "block-changed-by-javascript", Severity: diag.Info, Fixable: diag.FixNever,
			Summary: "a JSON-LD block of the source has other text after the page's JavaScript runs",
			Why: "Google judges the rendered value, so ldfix checks that one; the source value (often an " +
				"empty placeholder) is what crawlers that do not run JavaScript see.",
			Bad:       "<script type=\"application/ld+json\" id=\"ld\"></script> filled by a script",
			Good:      "the value written into the HTML on the server",
			FixSafety: "not fixable by ldfix: the block is written by a script",
		},
		diag.Rule{
			ID: RuleRemoved, Name: "block-removed-by-javascript", Severity: diag.Info, Fixable: diag.FixNever,
			Summary: "a JSON-LD block of the source is gone after the page's JavaScript runs",
			Why: "Google reads the rendered page, so a block that a script removes or replaces is not " +
				"read; its checks are reported on the source only as far as extraction and repair go.",
			Bad:       "a framework that re-renders <head> and drops the server's block",
			Good:      "the block kept in the rendered <head>",
			FixSafety: "not fixable by ldfix",
		},
		diag.Rule{
			ID: RuleShopping, Name: "product-markup-added-by-javascript", Severity: diag.Warning, Fixable: diag.FixNever,
			Summary: "Product or Offer markup is added or changed by JavaScript",
			Why: "Google documents that dynamically generated product markup can make Shopping crawls " +
				"less frequent and less reliable, which matters for fast-changing price and availability. " +
				"Put Product markup in the initial HTML.",
			Bad:       "a script that writes {\"@type\":\"Product\",\"offers\":{...}} after load",
			Good:      "the Product block in the HTML the server sends",
			FixSafety: "not fixable by ldfix: render the markup on the server",
		},
		diag.Rule{
			ID: RuleByHand, Name: "rendered-fix-not-written", Severity: diag.Info, Fixable: diag.FixNever,
			Summary: "a fix for a block written by JavaScript must be made in the script, by hand",
			Why: "ldfix writes fixes only into the bytes of the file it read. A block that exists only " +
				"in the rendered DOM comes from a script or from data it loads; the finding points at the " +
				"source line that holds the block's text when ldfix can find it.",
			Bad:       "s.text = '{\"name\": \"Example\",}'   // written by a script",
			Good:      "s.text = '{\"name\": \"Example\"}'",
			FixSafety: "not fixable by ldfix",
		},
		diag.Rule{
			ID: RuleFailed, Name: "render-failed", Severity: diag.Error, Fixable: diag.FixNever,
			Summary: "the page could not be rendered: it timed out, crashed the tab or the browser stopped",
			Why: "With --render the check judges what Google's renderer sees; when rendering fails, only " +
				"the source was checked. Raise --render-timeout for slow pages.",
			Bad:       "a page whose load event never fires within --render-timeout",
			Good:      "a page that loads within --render-timeout",
			FixSafety: "not fixable by ldfix",
		},
		diag.Rule{
			ID: RuleUnsettle, Name: "render-not-settled", Severity: diag.Info, Fixable: diag.FixNever,
			Summary: "the page was still busy when --render-wait ran out: later changes were not seen",
			Why: "ldfix waits after the load event until no request is in flight, no short timer is " +
				"pending and the DOM has stopped changing; a page that polls or streams never gets there. " +
				"Blocks added after the wait are not checked; raise --render-wait if they matter.",
			Bad:       "a page that keeps fetching data every 100 ms",
			Good:      "a page that settles within --render-wait",
			FixSafety: "not fixable by ldfix",
		},
	)
}

package main

import (
	"slices"
	"strings"
)

// placement says which nodes of a block are items of a feature. Google
// reads a rich result from the page's items: its top-level nodes, @graph
// members and the mainEntity of each (the node the page is about), plus the
// positions a feature's page documents for it. A node nested anywhere else
// (a Product under an article's isPartOf, a WebSite that is a breadcrumb's
// item) is part of another item and is not judged as a rich result of its
// own; it is still checked against schema.org.
type placement struct {
	// positions are dotted paths from an item to further items of the
	// feature.
	positions []string
	// anywhere keeps the table's "anywhere": the feature is a property
	// of any page or article node, not an item of its own.
	anywhere bool
	// topLevel limits the feature to top-level nodes.
	topLevel bool
	// severity caps the feature's findings (see catalog.go).
	severity string
	// subtypes makes every entity accept the subtypes of its types, where
	// the table lists a supertype only.
	subtypes bool
}

var placements = map[string]placement{
	// WebPage.breadcrumb is where Google's breadcrumb page and most CMSs
	// put the trail.
	"breadcrumb": {positions: []string{"breadcrumb"}},
	// An all-in-one carousel's recipes are recipes: the carousel page asks
	// each item to meet the recipe's own requirements.
	"recipe": {positions: []string{"itemListElement.item"}},
	// Licensing details put on an item's image are that image's metadata.
	"image-metadata": {positions: []string{"image", "primaryImageOfPage"}},
	// The variants of a group are products of their own.
	"product-snippet":  {positions: []string{"hasVariant"}},
	"merchant-listing": {positions: []string{"hasVariant"}},
	"speakable":        {anywhere: true},
	// The site name belongs on the home page alone, which ldfix cannot
	// tell from the markup: its findings are advice.
	"site-name": {topLevel: true, severity: "info"},
	// A subtype is accepted wherever its supertype is: a carousel item
	// that is a Restaurant or a Hotel is a LocalBusiness, a profile's
	// NewsMediaOrganization an Organization, a job's Store a Place.
	"carousels-beta": {subtypes: true},
	"profile-page":   {subtypes: true},
	"job-posting":    {subtypes: true},
}

// place applies the feature's placement to its generated form: an
// "anywhere" feature becomes an "item" one, and an entity path "*.prop"
// (the prop of any node) becomes the position "prop" below an item.
func place(of *ofeature, p placement) {
	if p.severity != "" {
		of.Severity = p.severity
	}
	switch {
	case p.topLevel:
		of.RootAt = "top-level"
		return
	case p.anywhere || of.RootAt != "anywhere":
		return
	}
	of.RootAt = "item"
	of.Positions = slices.Clone(p.positions)
	for i := range of.Entities {
		e := &of.Entities[i]
		var at []string
		for _, a := range e.At {
			if prop, ok := strings.CutPrefix(a, "*."); ok && !strings.Contains(prop, ".") {
				if !slices.Contains(of.Positions, prop) {
					of.Positions = append(of.Positions, prop)
				}
				a = "$"
			}
			if !slices.Contains(at, a) {
				at = append(at, a)
			}
		}
		e.At = at
	}
}

// amendments correct the table where Google's pages say more in prose
// than in their tables.
var amendments = map[string]func(*tfeature){
	// "orderValue: the minimum or maximum order value": either bound alone
	// is a range.
	"shipping-policy": func(f *tfeature) {
		e := entityOf(f, "MonetaryAmount-order-value")
		e.Required = oneOfRequired(e, "minValue", "maxValue")
	},
	// On an all-in-one course list the url is the item's own: each list
	// entry needs a url, on the ListItem or on its item.
	"course-list": func(f *tfeature) {
		e := entityOf(f, "ItemList")
		e.Required = slices.DeleteFunc(e.Required, func(p property) bool { return p.Name == "itemListElement.url" })
		f.Entities = append(f.Entities, tentity{
			ID: "ListItem", Types: []string{"ListItem"}, At: "$.itemListElement",
			RequiredOneOf: []oneOf{{Alternatives: [][]string{{"url"}, {"item.url"}}}},
		})
	},
	// regionsAllowed and ineligibleRegion are "if applicable": a video that
	// may play everywhere needs neither.
	"video": func(f *tfeature) {
		e := entityOf(f, "VideoObject")
		e.Recommended = slices.DeleteFunc(e.Recommended, func(p property) bool {
			if p.Name == "regionsAllowed" || p.Name == "ineligibleRegion" {
				e.Optional = append(e.Optional, p) // still checked when given
				return true
			}
			return false
		})
		e.RecommendedOneOf = slices.DeleteFunc(e.RecommendedOneOf, func(g oneOf) bool {
			return slices.ContainsFunc(g.Alternatives, func(a []string) bool { return slices.Contains(a, "regionsAllowed") })
		})
	},
	// Google's breadcrumb page sets no minimum length; a one-crumb trail
	// is shown as a warning by the Rich Results Test.
	"breadcrumb": func(f *tfeature) {
		e := entityOf(f, "BreadcrumbList")
		for i := range e.Required {
			for j := range e.Required[i].Checks {
				if e.Required[i].Checks[j].Kind == "min_items" {
					e.Required[i].Checks[j].Severity = "warning"
				}
			}
		}
	},
}

// amend applies the feature's amendment to a copy of its entities.
func amend(f *tfeature) {
	fix, ok := amendments[f.ID]
	if !ok {
		return
	}
	f.Entities = slices.Clone(f.Entities)
	for i := range f.Entities {
		e := &f.Entities[i]
		e.Required = slices.Clone(e.Required)
		for j := range e.Required {
			e.Required[j].Checks = slices.Clone(e.Required[j].Checks)
		}
	}
	fix(f)
}

func entityOf(f *tfeature, id string) *tentity {
	for i := range f.Entities {
		if f.Entities[i].ID == id {
			return &f.Entities[i]
		}
	}
	panic("amendment names no entity " + f.ID + "/" + id)
}

// oneOfRequired turns required properties alts into one required one-of
// group, keeping the other required properties; it returns those.
func oneOfRequired(e *tentity, alts ...string) []property {
	var keep []property
	g := oneOf{}
	for _, p := range e.Required {
		if slices.Contains(alts, p.Name) {
			g.Alternatives = append(g.Alternatives, []string{p.Name})
			continue
		}
		keep = append(keep, p)
	}
	for _, a := range alts {
		if !slices.ContainsFunc(g.Alternatives, func(x []string) bool { return x[0] == a }) {
			g.Alternatives = append(g.Alternatives, []string{a})
		}
	}
	e.RequiredOneOf = append(e.RequiredOneOf, g)
	return keep
}

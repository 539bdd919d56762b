package main

// gate narrows where a feature applies, beyond the root types the table
// lists. Several features share a type (ItemList is a carousel, a course
// list or a movie list; every CreativeWork could be paywalled): without a
// gate every such node would be reported against requirements it never
// meant to meet.
type gate struct {
	rootAt string              // replaces the table's root_at
	schema func(hierarchy) any // the root node must be valid against it
	// recommended replaces the severity of a missing recommended
	// property.
	recommended string
	why         string
}

// hasType passes a node whose @type (normalised to short names) includes
// one of types.
func hasType(types ...string) map[string]any {
	return map[string]any{
		"required":   []string{"@type"},
		"properties": map[string]any{"@type": map[string]any{"contains": map[string]any{"enum": types}}},
	}
}

// listOf passes an ItemList whose elements' item has one of types.
func listOf(types ...string) map[string]any {
	return map[string]any{
		"required": []string{"itemListElement"},
		"properties": map[string]any{"itemListElement": map[string]any{"contains": map[string]any{
			"required":   []string{"item"},
			"properties": map[string]any{"item": map[string]any{"contains": hasType(types...)}},
		}}},
	}
}

func has(prop string) map[string]any { return map[string]any{"required": []string{prop}} }

var gates = map[string]gate{
	"organization": {
		rootAt: "top-level",
		schema: func(h hierarchy) any { return map[string]any{"not": hasType(h.expand([]string{"LocalBusiness"})...)} },
		// Google lists 30 recommended properties and asks for "the ones
		// that apply": most identifiers (DUNS, LEI, NAICS, VAT) apply to
		// few sites, so their absence is advice, not a warning.
		recommended: "info",
		why:         "Organization markup describes the site's own organization; a nested publisher or author is not that item, and a local business is checked as one",
	},
	"local-business": {
		rootAt: "top-level",
		schema: func(h hierarchy) any { return map[string]any{"not": hasType(h.expand([]string{"VacationRental"})...)} },
		why:    "a business nested as a seller, organizer or location is not a local business listing; a vacation rental is its own feature",
	},
	"merchant-listing": {
		schema: func(hierarchy) any { return has("offers") },
		why:    "only pages where the product can be bought are merchant listings",
	},
	"paywalled-content": {
		schema: func(h hierarchy) any {
			return map[string]any{"not": hasType(h.expand([]string{"WebPageElement"})...), "anyOf": []any{
				has("isAccessibleForFree"),
				map[string]any{
					"required":   []string{"hasPart"},
					"properties": map[string]any{"hasPart": map[string]any{"contains": has("isAccessibleForFree")}},
				},
			}}
		},
		why: "paywall markup applies to content that declares isAccessibleForFree; its WebPageElement parts are checked as hasPart",
	},
	"math-solver": {
		schema: func(hierarchy) any { return hasType("MathSolver") },
		why:    "a LearningResource is a math solver only when co-typed MathSolver",
	},
	"course-list": {
		schema: func(hierarchy) any {
			return map[string]any{"anyOf": []any{hasType("Course"), listOf("Course")}}
		},
		why: "an ItemList is a course list only when its items are courses",
	},
	"movie": {
		schema: func(hierarchy) any {
			return map[string]any{"anyOf": []any{hasType("Movie"), listOf("Movie")}}
		},
		why: "an ItemList is a movie carousel only when its items are movies",
	},
	"carousels-beta": {
		schema: func(h hierarchy) any { return listOf(h.expand([]string{"LocalBusiness", "Product", "Event"})...) },
		why:    "the beta carousels list local businesses, products or events",
	},
	"carousel": {
		schema: func(h hierarchy) any {
			return map[string]any{"not": listOf(h.expand([]string{"Product", "Event"})...)}
		},
		why: "lists of products or events belong to the beta carousels",
	},
	"event": {
		schema: func(h hierarchy) any {
			return map[string]any{"not": hasType(h.expand([]string{"PublicationEvent", "CourseInstance", "UserComments"})...)}
		},
		why: "a BroadcastEvent says when a video was live, a CourseInstance is a run of a course and UserComments are comments: none is an event people attend",
	},
	"review-snippet": {
		schema: func(hierarchy) any { return map[string]any{"not": hasType("EmployerAggregateRating", "ClaimReview")} },
		why:    "an EmployerAggregateRating and a ClaimReview are features of their own, though schema.org makes them ratings and reviews",
	},
	"practice-problems": {
		schema: func(hierarchy) any { return practiceQuiz() },
		why:    "a Quiz of flashcards is education Q&A; multiple-choice and checkbox questions were practice problems",
	},
	"education-qa": {
		schema: func(hierarchy) any { return map[string]any{"not": practiceQuiz()} },
		why:    "a Quiz of multiple-choice or checkbox questions was a practice problem, a retired feature",
	},
	"image-metadata": {
		schema: func(hierarchy) any {
			return map[string]any{"anyOf": []any{has("license"), has("acquireLicensePage"), has("creditText"), has("copyrightNotice")}}
		},
		why: "image metadata is about licensable images; a logo or an article image without licensing details is not at fault",
	},
	"home-activities": {
		schema: func(hierarchy) any {
			return map[string]any{
				"required": []string{"eventAttendanceMode"},
				"properties": map[string]any{"eventAttendanceMode": map[string]any{"contains": map[string]any{"enum": []string{
					"OnlineEventAttendanceMode", "https://schema.org/OnlineEventAttendanceMode", "http://schema.org/OnlineEventAttendanceMode", "schema:OnlineEventAttendanceMode",
				}}}},
			}
		},
		why: "home activities were online events; an event people attend in person is still an event",
	},
	"sitelinks-search-box": {
		schema: func(hierarchy) any {
			return map[string]any{
				"required":   []string{"potentialAction"},
				"properties": map[string]any{"potentialAction": map[string]any{"contains": hasType("SearchAction")}},
			}
		},
		why: "a WebSite is a sitelinks search box only when it carries a SearchAction; site names still use WebSite",
	},
}

// entityGates narrow an entity the same way, keyed "feature/entity": an
// optional block is checked only on nodes that use it.
var entityGates = map[string]gate{
	"review-snippet/Review": {
		schema: func(hierarchy) any {
			return map[string]any{"not": map[string]any{"anyOf": []any{has("positiveNotes"), has("negativeNotes")}}}
		},
		why: "an editorial review with pros and cons is the product snippet's, which needs no rating of it (Google's own pros-and-cons example has none)",
	},
	"product-snippet/Review-pros-cons": {
		schema: func(hierarchy) any {
			return map[string]any{"anyOf": []any{has("positiveNotes"), has("negativeNotes")}}
		},
		why: "pros and cons belong to editorial reviews; a customer review without them is not at fault",
	},
}

// practiceQuiz passes a Quiz with a multiple-choice or checkbox question.
func practiceQuiz() map[string]any {
	return map[string]any{
		"required": []string{"hasPart"},
		"properties": map[string]any{"hasPart": map[string]any{"contains": map[string]any{
			"required":   []string{"eduQuestionType"},
			"properties": map[string]any{"eduQuestionType": map[string]any{"contains": map[string]any{"enum": []string{"Multiple choice", "Checkbox"}}}},
		}}},
	}
}

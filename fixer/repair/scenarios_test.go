package repair_test

import (
	"testing"

	"github.com/ldfix/ldfix/fixer/repair"
)

// TestScenarios pins the decisions that matter on real pages: which quote
// ends a string, where a string left open ends, what stays text.
func TestScenarios(t *testing.T) {
	for _, c := range []struct{ name, in, want string }{
		{"html attribute quotes stay text",
			`{"articleBody": "<a href="https://x.com">link</a> and more", "name": "x"}`,
			`{"articleBody": "<a href=\"https://x.com\">link</a> and more", "name": "x"}`},
		{"quoted word inside a value",
			`{"name": "Joe's "Best" Pizza", "url": "https://joe.example"}`,
			`{"name": "Joe's \"Best\" Pizza", "url": "https://joe.example"}`},
		{"quote at a line start inside text",
			"{\"text\": \"He said:\n\"Hello\" she replied\", \"x\": 1}",
			`{"text": "He said:\n\"Hello\" she replied", "x": 1}`},
		{"windows path keeps its backslashes",
			`{"path": "C:\Users\me"}`,
			`{"path": "C:\\Users\\me"}`},
		{"python dict with an apostrophe",
			`{'@type': 'Person', 'name': "O'Brien", 'jobTitle': 'CEO'}`,
			`{"@type": "Person", "name": "O'Brien", "jobTitle": "CEO"}`},
		{"inner quotes in an array element",
			`{"recipeIngredient": ["2 cups flour", "1 cup "raw" sugar", "salt"]}`,
			`{"recipeIngredient": ["2 cups flour", "1 cup \"raw\" sugar", "salt"]}`},
		{"unquoted date",
			`{"startDate": 2024-05-01T20:00}`,
			`{"startDate": "2024-05-01T20:00"}`},
		{"truncated review",
			`{"review": {"reviewBody": "Great product`,
			`{"review": {"reviewBody": "Great product"}}`},
		{"array never closed inside an object",
			"{\"mainEntity\": [{\"@type\": \"Question\"}\n}",
			"{\"mainEntity\": [{\"@type\": \"Question\"}]\n}"},
		{"entities inside a straight-quoted string stay text",
			`{"name": "Tom &amp; Jerry", "description": 5&quot; screen}`,
			`{"name": "Tom &amp; Jerry", "description": "5&quot; screen"}`},
		{"missing comma between members on one line",
			`{"@context": "https://schema.org" "@type": "Person"}`,
			`{"@context": "https://schema.org", "@type": "Person"}`},
		{"curly inner pair in a curly string",
			`{“name”: “He said “hi” to me”}`,
			`{"name": "He said “hi” to me"}`},
		{"unclosed url before the closing brace line",
			"{\"publisher\": {\"url\": \"https://a.example\n},\n\"description\": \"d\"}",
			"{\"publisher\": {\"url\": \"https://a.example\"\n},\n\"description\": \"d\"}"},
		{"comma, bare word and colon inside prose stay text",
			`{"d": "Note, warning: "Hot" deal", "x": 1}`,
			`{"d": "Note, warning: \"Hot\" deal", "x": 1}`},
		{"a quoted word at the start of a value is not a doubled quote",
			`{"name": ""Best" Pizza", "x": 1}`,
			`{"name": "\"Best\" Pizza", "x": 1}`},
		{"an inch mark in an array element stays text",
			`{"description": ["A 24" screen", "Size 12" ruler"]}`,
			`{"description": ["A 24\" screen", "Size 12\" ruler"]}`},
		{"a compact IRI key keeps its colon",
			`{"schema:name" "x"}`,
			`{"schema:name": "x"}`},
		{"a key cut off by the end of the block keeps its colon",
			`{"a": 1, "schema:name`,
			`{"a": 1, "schema:name": null}`},
		{"quoted object inside prose stays text",
			`{"x": "the answer is {"blank": "music"}, which is prose", "y": 1}`,
			`{"x": "the answer is {\"blank\": \"music\"}, which is prose", "y": 1}`},
		{"members of an object that lost its braces inside an array",
			`{"author": ["@type": "Person", "name": "Ann"]}`,
			`{"author": [{"@type": "Person", "name": "Ann"}]}`},
		{"second array joins the first",
			`{"sameAs": ["https://a.example"], ["https://b.example"]}`,
			`{"sameAs": ["https://a.example", "https://b.example"]}`},
		{"line break then a prose line with a colon stays text",
			"{\"text\": \"first\nNote: second\", \"x\": 1}",
			`{"text": "first\nNote: second", "x": 1}`},
	} {
		t.Run(c.name, func(t *testing.T) {
			res := repair.Text([]byte(c.in), repair.Options{})
			if err := checkRepair([]byte(c.in), res); err != nil {
				t.Fatal(err)
			}
			if string(res.Text) != c.want {
				t.Errorf("repair(%s)\n got %s\nwant %s", c.in, res.Text, c.want)
			}
		})
	}
}

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

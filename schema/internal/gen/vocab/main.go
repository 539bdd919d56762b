// Command vocab generates the schema.org data embedded in ldfix from the
// schema.org release kept in ../shared/schemaorg beside the repository:
//
//   - schema/vocab/schemaorg.idx, the compact vocabulary index, and
//     schema/vocab/descriptions.txt, the first sentence of each term's
//     description, from a release file (run by `go generate ./schema/vocab`):
//
//     go run ./schema/internal/gen/vocab -in ../shared/schemaorg/schemaorg-all-https.jsonld -out schema/vocab/schemaorg.idx -descriptions schema/vocab/descriptions.txt
//
//   - schema/ldctx/schemaorgcontext.jsonld, a byte-for-byte copy of the
//     schema.org context, and schemaorgcontext.trimmed.json, the same
//     context without the term definitions its @vocab implies (run by
//     `go generate ./schema/ldctx`):
//
//     go run ./schema/internal/gen/vocab -context ../shared/schemaorg/schemaorgcontext.jsonld -outdir schema/ldctx
//
// The "all" release is used so that attic terms are known and reported as
// retired rather than as unknown. The output depends only on the input
// file: terms are sorted and no time or path is written, so CI can run
// `go generate ./...` and fail on any difference.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"

	"github.com/ldfix/ldfix/schema/ldctx"
	"github.com/ldfix/ldfix/schema/vocab"
)

func main() {
	in := flag.String("in", "", "schema.org release file (.jsonld)")
	out := flag.String("out", "schemaorg.idx", "index file to write")
	descs := flag.String("descriptions", "", "descriptions file to write beside the index")
	context := flag.String("context", "", "schema.org context file (schemaorgcontext.jsonld) to copy and trim")
	outdir := flag.String("outdir", ".", "directory for the context files")
	flag.Parse()
	var err error
	if *context != "" {
		err = writeContext(*context, *outdir)
	} else {
		err = run(*in, *out, *descs)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen/vocab:", err)
		os.Exit(1)
	}
}

func run(in, out, descs string) error {
	data, err := os.ReadFile(in)
	if err != nil {
		return err
	}
	v, err := vocab.FromJSONLD(data)
	if err != nil {
		return err
	}
	v.Version = releaseVersion(in)
	if descs != "" {
		if err := os.WriteFile(descs, v.EncodeDescriptions(), 0o644); err != nil {
			return err
		}
	}
	return os.WriteFile(out, v.Encode(), 0o644)
}

func writeContext(in, dir string) error {
	data, err := os.ReadFile(in)
	if err != nil {
		return err
	}
	trimmed, err := ldctx.Trim(data)
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "schemaorgcontext.jsonld"), data, 0o644); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "schemaorgcontext.trimmed.json"), trimmed, 0o644)
}

// releaseVersion reads "30.0" from the README beside the release file
// ("Vocabulary release: **30.0**"), so the version travels with the data.
func releaseVersion(in string) string {
	readme, err := os.ReadFile(filepath.Join(filepath.Dir(in), "README.md"))
	if err != nil {
		return "unknown"
	}
	m := regexp.MustCompile(`release: \*\*([0-9.]+)\*\*`).FindSubmatch(readme)
	if m == nil {
		return "unknown"
	}
	return string(m[1])
}

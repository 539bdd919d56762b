package main

import (
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/ldfix/ldfix/cmd/ldfix/internal/report"
	"github.com/ldfix/ldfix/cmd/ldfix/internal/sitereport"
	"github.com/ldfix/ldfix/fixer/source"
)

func mergeFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Usage: "output format: that of the parts (json or sarif), or html from json parts"},
	}
}

// merge is `ldfix merge PART...`: the reports of the shards of one run
// (--shard) joined into the report one run over every input would write.
func (e *env) merge(c *cli.Context) error {
	if c.NArg() == 0 {
		return usageError{fmt.Errorf("merge needs the report files of the parts (part-*.json or part-*.sarif)")}
	}
	var parts []report.MergePart
	format := ""
	for _, name := range c.Args().Slice() {
		data, err := source.ReadFile(name, 1<<30)
		if err != nil {
			return fmt.Errorf("%s: %w", name, readError(err))
		}
		f, err := report.MergeFormat(data)
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		if format != "" && f != format {
			return usageError{fmt.Errorf("%s is a %s report and %s a %s one: merge parts of one format", parts[0].Name, format, name, f)}
		}
		format = f
		parts = append(parts, report.MergePart{Name: name, Data: data})
	}
	out := c.String("format")
	if out == "" {
		out = format
	}
	switch {
	case out == format && format == "json":
		return report.MergeJSON(e.stdout, parts)
	case out == format && format == "sarif":
		return report.MergeSARIF(e.stdout, parts)
	case out == "html" && format == "json":
		results, err := report.ResultsFromJSON(parts)
		if err != nil {
			return err
		}
		return sitereport.HTML(e.stdout, results)
	}
	return usageError{fmt.Errorf("cannot write --format %s from %s parts (want %s, or html from json parts)", out, format, format)}
}

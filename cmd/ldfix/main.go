// Command ldfix finds, repairs and checks the JSON-LD structured data in web
// pages.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strings"

	"github.com/urfave/cli/v2"
)

//go:generate go run . rules --write-docs ../../docs/rules.md

func main() {
	tuneGC()
	os.Exit(run(os.Args, os.Stdin, os.Stdout, os.Stderr))
}

// tuneGC trades memory for speed unless the user chose GC settings: a
// check allocates briefly for every block, and with the default GOGC the
// collector runs far more often than the live heap needs. The memory limit
// keeps the peak bounded whatever the number of files; it follows the live
// heap up when one input alone needs more (a catalogue of several MB as one
// block), since a limit below twice the live heap makes the collector run
// without pause and the check take several times as long.
func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit)
		followLiveHeap()
	}
}

// memoryLimit is the memory limit while the live heap stays under half of it.
const memoryLimit = 180 << 20

// followLiveHeap sets the memory limit to twice the live heap, or
// memoryLimit if that is more, after every collection.
func followLiveHeap() {
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	var arm func()
	arm = func() {
		// A finalizer runs once per collection that finds its object
		// unreachable; each run arms the next.
		runtime.SetFinalizer(&gcSentinel{}, func(*gcSentinel) {
			// The live heap the last collection marked; the heap in use
			// has grown since the collection ended.
			metrics.Read(sample)
			if sample[0].Value.Kind() == metrics.KindUint64 {
				debug.SetMemoryLimit(max(memoryLimit, 2*int64(sample[0].Value.Uint64())))
			}
			arm()
		})
	}
	arm()
}

// gcSentinel holds a pointer so that it is allocated on its own, where a
// finalizer can be set.
type gcSentinel struct{ _ *int }

// version is set at release time with -ldflags "-X main.version=v1.2.3";
// otherwise the module version from the build info is used.
var version = ""

func versionString() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	// A leading number keeps SARIF consumers able to compare versions.
	return "0.0.0-devel"
}

// Exit codes, the same for every command and format.
const (
	exitOK       = 0 // nothing at or above --fail-on
	exitFindings = 1 // findings at or above --fail-on remain
	exitError    = 2 // usage, config, I/O or internal error
)

// exitStatus ends a command with a code after its output is written.
type exitStatus int

func (e exitStatus) Error() string { return fmt.Sprintf("exit status %d", int(e)) }

// usageError is a bad command line or config; it exits 2 with a hint.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// run is the whole program; tests call it.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) (code int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(stderr, "ldfix: internal error: %v\n%s", r, debug.Stack())
			code = exitError
		}
	}()
	app := newApp(stdin, stdout, stderr)
	return exitCode(app.Run(flagsFirst(args, app.Commands)), stderr)
}

func exitCode(err error, stderr io.Writer) int {
	var st exitStatus
	var ue usageError
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &st):
		return int(st)
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "ldfix: %v\nRun 'ldfix help' for usage.\n", ue.err)
		return exitError
	}
	fmt.Fprintf(stderr, "ldfix: %v\n", err)
	return exitError
}

func newApp(stdin io.Reader, stdout, stderr io.Writer) *cli.App {
	env := &env{stdin: stdin, stdout: stdout, stderr: stderr}
	onUsage := func(_ *cli.Context, err error, _ bool) error { return usageError{err} }
	commands := []*cli.Command{
		{
			Name:      "check",
			Usage:     "report problems in the JSON-LD of pages, files and directories",
			ArgsUsage: "[PATH|DIR|URL|-]...",
			Flags:     append(checkFlags(), siteFlags()...),
			Action:    env.check,
		},
		{
			Name:      "fix",
			Usage:     "repair the JSON-LD blocks in place and report what remains",
			ArgsUsage: "[PATH|DIR|-]...",
			Flags:     fixFlags(),
			Action:    env.fix,
		},
		{
			Name:      "extract",
			Usage:     "print every JSON-LD block, repaired, as JSON Lines",
			ArgsUsage: "[PATH|DIR|-]...",
			Flags:     extractFlags(),
			Action:    env.extract,
		},
		{
			Name:      "merge",
			Usage:     "join the json or sarif reports of the shards of one run into one report",
			ArgsUsage: "PART...",
			Flags:     mergeFlags(),
			Action:    env.merge,
		},
		{
			Name:   "lsp",
			Usage:  "run the language server on stdin and stdout, for editors",
			Flags:  lspFlags(),
			Action: env.lsp,
		},
		{
			Name:  "rules",
			Usage: "list every rule: ID, name, severity, fix availability, summary",
			Flags: []cli.Flag{
				&cli.StringFlag{Name: "format", Value: "text", Usage: "text, json or markdown"},
				&cli.StringFlag{Name: "write-docs", Usage: "write the rule reference (docs/rules.md) to this file", Hidden: true},
			},
			Action: env.rules,
		},
		{
			Name:      "explain",
			Usage:     "print the documentation of one rule",
			ArgsUsage: "ID",
			Action:    env.explain,
		},
		{
			Name:  "version",
			Usage: "print the version",
			Action: func(c *cli.Context) error {
				fmt.Fprintf(stdout, "ldfix %s\n", versionString())
				return nil
			},
		},
	}
	for _, c := range commands {
		c.OnUsageError = onUsage
	}
	return &cli.App{
		Name:    "ldfix",
		Usage:   "find, repair and check the JSON-LD structured data of web pages",
		Version: versionString(),
		Description: "Exit status: 0 when no finding at or above --fail-on remains, 1 when some do,\n" +
			"2 for a usage, config, I/O or internal error.",
		Reader:         stdin,
		Writer:         stdout,
		ErrWriter:      stderr,
		Commands:       commands,
		OnUsageError:   onUsage,
		ExitErrHandler: func(*cli.Context, error) {},
		// A word that is no command is an error, not a reason to print help
		// to stdout and succeed.
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return usageError{fmt.Errorf("unknown command %q (want %s)", c.Args().First(), commandNames(commands))}
			}
			// Bare "ldfix": help goes to stderr so stdout stays a report.
			c.App.Writer = stderr
			_ = cli.ShowAppHelp(c)
			c.App.Writer = stdout
			return exitStatus(exitError)
		},
		HideHelpCommand: false,
	}
}

func commandNames(cs []*cli.Command) string {
	names := make([]string, len(cs))
	for i, c := range cs {
		names[i] = c.Name
	}
	return strings.Join(names, ", ")
}

// env is what the commands read and write.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
}

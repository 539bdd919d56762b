// Command ldfix finds, repairs and checks the JSON-LD structured data in web
// pages.
package main

import (
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strings"
	"sync"

	"github.com/urfave/cli/v2"
)

//go:generate go run . rules --write-docs ../../docs/rules.md

func main() {
	tuneGC()
	os.Exit(run(os.Args, os.Stdin, os.Stdout, os.Stderr))
}

// tuneGC trades memory for speed unless the user chose GC settings: a
// check allocates briefly for every block, and a collection at each
// multiple of the live heap runs far more often than a fixed budget needs.
// The collector therefore runs only at the memory limit, which keeps the
// peak the same whatever the number of files (a budget proportional to the
// live heap grows with the largest page met so far). When one input alone
// needs more (a catalogue of several MB as one block), the collector runs
// by the live heap instead (see followLiveHeap).
func tuneGC() {
	userGOGC := os.Getenv("GOGC") != ""
	if os.Getenv("GOMEMLIMIT") != "" {
		// Without a limit of ours the collector must run by GOGC.
		if !userGOGC {
			debug.SetGCPercent(400)
		}
		return
	}
	if !userGOGC {
		debug.SetGCPercent(-1)
	}
	debug.SetMemoryLimit(memoryLimit)
	followLiveHeap(userGOGC)
}

// memoryLimit is the memory limit while the live heap is small: about
// five times the live heap of a check of ordinary pages, which spends as
// little time collecting as a larger budget would.
const memoryLimit = 56 << 20

// largeHeapGrowth is how far, in percent of the live heap, the heap grows
// between collections once the live heap is too large for memoryLimit to
// leave that much room. Collecting at a limit just above a large live
// heap costs more than the collections themselves: the runtime gives the
// freed memory back to the system to stay under the limit and takes it
// again at once, and those page faults took a quarter of the time of a
// 10 MB block. Growth by a share of the live heap keeps that memory and
// the time per byte checked the same for a block of any size.
const largeHeapGrowth = 50

// followLiveHeap switches, after every collection, between the fixed
// memory limit, while it leaves the heap room to grow by
// largeHeapGrowth percent of the live heap, and growth by that share
// otherwise. With GOGC set by the user, only the limit moves: to twice
// the live heap when that is more than memoryLimit.
func followLiveHeap(userGOGC bool) {
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	large := false
	var arm func()
	arm = func() {
		// A finalizer runs once per collection that finds its object
		// unreachable; each run arms the next.
		runtime.SetFinalizer(&gcSentinel{}, func(*gcSentinel) {
			// The live heap the last collection marked; the heap in use
			// has grown since the collection ended.
			metrics.Read(sample)
			if sample[0].Value.Kind() == metrics.KindUint64 {
				live := int64(sample[0].Value.Uint64())
				switch {
				case userGOGC:
					debug.SetMemoryLimit(max(memoryLimit, 2*live))
				case live*(100+int64(largeHeapGrowth)) > memoryLimit*100:
					if !large {
						debug.SetGCPercent(largeHeapGrowth)
						debug.SetMemoryLimit(math.MaxInt64)
						large = true
					}
				case large:
					debug.SetMemoryLimit(memoryLimit)
					debug.SetGCPercent(-1)
					large = false
				}
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

// versionString is computed once: reading the build info parses the list
// of every module in the binary.
var versionString = sync.OnceValue(func() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	// A leading number keeps SARIF consumers able to compare versions.
	return "0.0.0-devel"
})

func printVersion(w io.Writer) {
	fmt.Fprintf(w, "ldfix %s\n", versionString())
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
	// Scripts and CI steps run `ldfix version` to learn which ldfix they
	// have. It needs no command line parser, whose setup (every flag of
	// every command, formatted for help) would cost more than the rest of
	// the run.
	if len(args) == 2 && args[1] == "version" {
		printVersion(stdout)
		return exitOK
	}
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
				printVersion(stdout)
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

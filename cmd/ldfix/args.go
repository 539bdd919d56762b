package main

import (
	"strings"

	"github.com/urfave/cli/v2"
)

// flagsFirst moves a command's flags before its paths, so that flags may
// be typed after paths (`ldfix fix page.html --diff`) as with most
// linters: urfave/cli, like the flag package, stops reading flags at the
// first argument that is not one, and would take --diff for a file name.
// A flag that takes a value keeps the argument after it, whatever that
// looks like; "--" ends the flags, and the paths follow one "--" so a path
// starting with "-" stays a path. Arguments before the command, and the
// command lines of commands without flags, are left as they are.
func flagsFirst(args []string, commands []*cli.Command) []string {
	if len(args) < 2 {
		return args
	}
	cmd := findCommand(commands, args[1])
	if cmd == nil || len(cmd.Flags) == 0 {
		return args
	}
	flags := []string{}
	var paths []string
	rest := args[2:]
	for i := 0; i < len(rest); i++ {
		a := rest[i]
		switch {
		case a == "--":
			paths = append(paths, rest[i+1:]...)
			i = len(rest)
		case a == "-" || !strings.HasPrefix(a, "-"):
			paths = append(paths, a)
		default:
			flags = append(flags, a)
			if takesValue(cmd, a) && i+1 < len(rest) {
				i++
				flags = append(flags, rest[i])
			}
		}
	}
	out := append(append(append([]string{}, args[:2]...), flags...), "--")
	return append(out, paths...)
}

func findCommand(commands []*cli.Command, name string) *cli.Command {
	for _, c := range commands {
		if c.HasName(name) {
			return c
		}
	}
	return nil
}

// takesValue reports whether the flag arg names needs the next argument as
// its value: a known flag that is not boolean, written without "=".
// Unknown flags take none; the command then rejects them.
func takesValue(cmd *cli.Command, arg string) bool {
	name := strings.TrimLeft(arg, "-")
	if strings.Contains(name, "=") {
		return false
	}
	for _, f := range cmd.Flags {
		for _, n := range f.Names() {
			if n == name {
				dg, ok := f.(cli.DocGenerationFlag)
				return ok && dg.TakesValue()
			}
		}
	}
	return false
}

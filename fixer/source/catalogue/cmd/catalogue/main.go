// Command catalogue writes a catalogue page for the whole-program
// benchmark: catalogue [-broken] SIZE_BYTES > page.html
package main

import (
	"flag"
	"fmt"
	"os"
	"strconv"

	"github.com/ldfix/ldfix/fixer/source/catalogue"
)

func main() {
	broken := flag.Bool("broken", false, "give every product a syntax defect")
	flag.Parse()
	size, err := strconv.Atoi(flag.Arg(0))
	if flag.NArg() != 1 || err != nil || size <= 0 {
		fmt.Fprintln(os.Stderr, "usage: catalogue [-broken] SIZE_BYTES")
		os.Exit(2)
	}
	os.Stdout.Write(catalogue.Page(size, *broken))
}

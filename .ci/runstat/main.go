// Command runstat runs a command several times and prints the median wall
// time, CPU time (user + system, children included) and peak RSS of the
// runs, so that .ci/bench quotes figures one stall cannot move:
//
//	go run ./.ci/runstat [-n RUNS] [-o FILE] -- COMMAND [ARG...]
//
// The output is one line: "wall_s cpu_s rss_kb". The command's standard
// output goes to FILE (default /dev/null), all of it written; its standard
// error is discarded.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"syscall"
	"time"
)

func main() {
	runs := flag.Int("n", 5, "runs, after one not counted")
	out := flag.String("o", os.DevNull, "file for the command's standard output")
	flag.Parse()
	if flag.NArg() == 0 || *runs < 1 {
		fmt.Fprintln(os.Stderr, "usage: runstat [-n RUNS] [-o FILE] -- COMMAND [ARG...]")
		os.Exit(2)
	}
	var walls, cpus, rsss []float64
	for i := 0; i <= *runs; i++ {
		w, c, r, err := once(flag.Args(), *out)
		if err != nil {
			fmt.Fprintln(os.Stderr, "runstat:", err)
			os.Exit(1)
		}
		if i > 0 { // the first run warms the page cache
			walls, cpus, rsss = append(walls, w), append(cpus, c), append(rsss, r)
		}
	}
	fmt.Printf("%.4f %.4f %.0f\n", median(walls), median(cpus), median(rsss))
}

func once(args []string, out string) (wall, cpu, rss float64, err error) {
	f, err := os.Create(out)
	if err != nil {
		return 0, 0, 0, err
	}
	defer f.Close()
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Stdout = f
	start := time.Now()
	if err := cmd.Run(); err != nil {
		if _, ok := err.(*exec.ExitError); !ok {
			return 0, 0, 0, err
		}
	}
	wall = time.Since(start).Seconds()
	u := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	cpu = time.Duration(syscall.TimevalToNsec(u.Utime) + syscall.TimevalToNsec(u.Stime)).Seconds()
	return wall, cpu, float64(u.Maxrss), nil
}

func median(xs []float64) float64 {
	slices.Sort(xs)
	if len(xs)%2 == 1 {
		return xs[len(xs)/2]
	}
	return (xs[len(xs)/2-1] + xs[len(xs)/2]) / 2
}

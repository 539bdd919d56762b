//go:build !unix

package benchtime

import "time"

// cpuTime is not known here; only wall time is reported.
func cpuTime() (time.Duration, bool) { return 0, false }

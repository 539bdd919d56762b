package report

import (
	"bufio"
	"bytes"
	"io"
	"os"
)

// spoolMemory is how many bytes of items a spool holds in memory before
// it moves them to a temporary file: some 1,300 files of the json report.
// Held bytes count several times in the peak (the collector lets the heap
// grow to five times what is live), so the figure is small.
var spoolMemory = 256 << 10

// spool keeps items (compact JSON, which holds no line break) until the
// end of a report, in memory at first and then in a temporary file, so
// that what a run holds does not grow with the number of files (issue 9).
// If no temporary file can be made, the items stay in memory.
type spool struct {
	mem  bytes.Buffer
	file *os.File
	w    *bufio.Writer // keeps its first write error for Flush
	n    int
}

func (sp *spool) add(item []byte) {
	sp.n++
	if sp.file == nil && sp.mem.Len()+len(item) > spoolMemory {
		sp.spill()
	}
	if sp.w != nil {
		sp.w.Write(item)
		sp.w.WriteByte('\n')
		return
	}
	sp.mem.Write(item)
	sp.mem.WriteByte('\n')
}

// spill moves the items to a temporary file.
func (sp *spool) spill() {
	f, err := os.CreateTemp("", "ldfix-report-*")
	if err != nil {
		return
	}
	sp.file = f
	sp.w = bufio.NewWriter(f)
	sp.w.Write(sp.mem.Bytes())
	sp.mem = bytes.Buffer{}
}

// each calls fn with every item in order, then frees the spool.
func (sp *spool) each(fn func(item []byte)) error {
	defer sp.close()
	if sp.file == nil {
		for _, line := range bytes.SplitAfter(sp.mem.Bytes(), []byte("\n")) {
			if len(line) > 0 {
				fn(bytes.TrimSuffix(line, []byte("\n")))
			}
		}
		return nil
	}
	if err := sp.w.Flush(); err != nil {
		return err
	}
	if _, err := sp.file.Seek(0, io.SeekStart); err != nil {
		return err
	}
	r := bufio.NewReader(sp.file)
	for {
		line, err := r.ReadBytes('\n')
		if len(line) > 0 {
			fn(bytes.TrimSuffix(line, []byte("\n")))
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// close removes the temporary file, if any.
func (sp *spool) close() {
	if sp.file != nil {
		sp.file.Close()
		os.Remove(sp.file.Name())
		sp.file, sp.w = nil, nil
	}
	sp.mem = bytes.Buffer{}
}

// held is the number of bytes the spool keeps in memory.
func (sp *spool) held() int { return sp.mem.Len() }

package report

import (
	"bufio"
	"bytes"
	"io"
	"os"
)

// spoolMemory is how many bytes of items a spool holds in memory before
// it moves them to a temporary file: some 100 files of the json report.
// Held bytes count several times in the peak (the collector lets the heap
// grow to five times what is live), so the figure is small.
var spoolMemory = 256 << 10

// spool keeps the items of a list until the end of a report, as they will
// be written, separators and all, in memory at first and then in a
// temporary file, so that what a run holds does not grow with the number
// of files. If no temporary file can be made, the items stay in
// memory.
type spool struct {
	mem  bytes.Buffer
	file *os.File
	w    *bufio.Writer // keeps its first write error for Flush
	n    int           // items started
}

// add appends one whole item.
func (sp *spool) add(item []byte) {
	sp.next()
	sp.write(item)
}

// next starts an item: the separator and the indentation of the json
// report's lists.
func (sp *spool) next() {
	if sp.n > 0 {
		sp.write(comma)
	}
	sp.n++
	sp.write(itemIndent)
}

var comma, itemIndent = []byte(","), []byte("\n    ")

// write appends part of an item.
func (sp *spool) write(b []byte) {
	if sp.file == nil && sp.mem.Len()+len(b) > spoolMemory {
		sp.spill()
	}
	if sp.w != nil {
		sp.w.Write(b)
		return
	}
	sp.mem.Write(b)
}

// spill moves the items to a temporary file.
func (sp *spool) spill() {
	f, err := os.CreateTemp("", "ldfix-report-*")
	if err != nil {
		return
	}
	sp.file = f
	sp.w = bufio.NewWriterSize(f, 64<<10)
	sp.w.Write(sp.mem.Bytes())
	sp.mem = bytes.Buffer{}
}

// writeTo writes every item to w, then frees the spool.
func (sp *spool) writeTo(w io.Writer) error {
	defer sp.close()
	if sp.file == nil {
		_, err := w.Write(sp.mem.Bytes())
		return err
	}
	if err := sp.w.Flush(); err != nil {
		return err
	}
	if _, err := sp.file.Seek(0, io.SeekStart); err != nil {
		return err
	}
	_, err := io.Copy(w, sp.file)
	return err
}

// close removes the temporary file, if any.
func (sp *spool) close() {
	if sp.file != nil {
		sp.file.Close()
		os.Remove(sp.file.Name())
		sp.file, sp.w = nil, nil
	}
	sp.mem = bytes.Buffer{}
	sp.n = 0
}

// held is the number of bytes the spool keeps in memory.
func (sp *spool) held() int { return sp.mem.Len() }

package source

import (
	"errors"
	"fmt"
	"io"
	"os"
)

// DefaultMaxSize is the largest input ldfix reads unless told otherwise.
//
// Extraction, repair and rewriting all need the whole file in memory (the
// fix is written back byte for byte), and each stage may hold a copy, so
// an input is refused, with TooLargeError, rather than read past a bound.
// 16 MiB is about forty times the largest page of the real-world corpus;
// with two workers it keeps the peak memory of a run under 200 MB
// whatever the inputs are. A 1 GB file is refused after a stat, without
// reading a byte of it.
const DefaultMaxSize = 16 << 20

// TooLargeError is returned for an input over the size limit.
type TooLargeError struct {
	Size  int64 // the input's size, or -1 when it is not known (a pipe)
	Limit int64
}

func (e *TooLargeError) Error() string {
	if e.Size < 0 {
		return fmt.Sprintf("input is larger than the size limit of %s", byteSize(e.Limit))
	}
	size, limit := byteSize(e.Size), byteSize(e.Limit)
	if size == limit {
		size, limit = fmt.Sprintf("%d bytes", e.Size), fmt.Sprintf("%d bytes", e.Limit)
	}
	return fmt.Sprintf("input is %s, larger than the size limit of %s", size, limit)
}

// byteSize writes n in the largest binary unit that keeps it at least 1.
func byteSize(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// ReadFile reads a file of at most limit bytes (limit <= 0: no limit). A
// regular file over the limit is refused before it is read; anything else
// (a pipe, a device, a file that grows) is read up to one byte past the
// limit and then refused.
func ReadFile(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	size := int64(-1)
	if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
		size = st.Size()
	}
	if limit > 0 && size > limit {
		return nil, &TooLargeError{Size: size, Limit: limit}
	}
	return read(f, size, limit)
}

// ReadAll reads r to its end, refusing input over limit bytes (limit <= 0:
// no limit). It is ReadFile for standard input.
func ReadAll(r io.Reader, limit int64) ([]byte, error) {
	return read(r, -1, limit)
}

// read reads r, whose size is a hint (-1: unknown), to its end or one byte
// past limit. A regular file takes one read into a buffer of its size and
// one more to see its end, as os.ReadFile does.
func read(r io.Reader, size, limit int64) ([]byte, error) {
	// Room for the whole file and one more byte, so that a file read to its
	// end needs no second buffer.
	hint := 512
	if size >= 0 {
		hint = int(size) + 1
	}
	buf := make([]byte, 0, hint)
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		room := buf[len(buf):cap(buf)]
		if limit > 0 {
			// Never ask for more than one byte past the limit.
			room = room[:min(int64(len(room)), limit+1-int64(len(buf)))]
		}
		n, err := r.Read(room)
		buf = buf[:len(buf)+n]
		if limit > 0 && int64(len(buf)) > limit {
			return nil, &TooLargeError{Size: -1, Limit: limit}
		}
		if errors.Is(err, io.EOF) {
			return buf, nil
		}
		if err != nil {
			return nil, err
		}
	}
}

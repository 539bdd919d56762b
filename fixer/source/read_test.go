package source

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"
)

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	page := bytes.Repeat([]byte("<p>“x”</p>\n"), 1000)
	for _, tc := range []struct {
		name  string
		data  []byte
		limit int64
		err   string
	}{
		{"empty.html", nil, 10, ""},
		{"page.html", page, 0, ""},
		{"exact.html", page, int64(len(page)), ""},
		{"over.html", page, int64(len(page)) - 1, "input is 15000 bytes, larger than the size limit of 14999 bytes"},
		{"tiny.html", []byte("abc"), 2, "input is 3 bytes, larger than the size limit of 2 bytes"},
	} {
		got, err := ReadFile(write(tc.name, tc.data), tc.limit)
		switch {
		case tc.err == "" && err != nil:
			t.Errorf("%s: %v", tc.name, err)
		case tc.err == "" && !bytes.Equal(got, tc.data):
			t.Errorf("%s: read %d bytes, want %d", tc.name, len(got), len(tc.data))
		case tc.err != "" && (err == nil || err.Error() != tc.err):
			t.Errorf("%s: error %v, want %q", tc.name, err, tc.err)
		}
	}
	if _, err := ReadFile(filepath.Join(dir, "missing.html"), 10); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: %v, want not-exist", err)
	}
}

// TestReadFileRefusesHugeFileUnread: a 1 GiB file (sparse, so the test
// writes nothing) is refused from its size alone, at once.
func TestReadFileRefusesHugeFileUnread(t *testing.T) {
	p := filepath.Join(t.TempDir(), "huge.html")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(1 << 30); err != nil {
		t.Skipf("cannot make a sparse file here: %v", err)
	}
	f.Close()
	var tl *TooLargeError
	_, err = ReadFile(p, DefaultMaxSize)
	if !errors.As(err, &tl) || tl.Size != 1<<30 || err.Error() != "input is 1.0 GiB, larger than the size limit of 16.0 MiB" {
		t.Fatalf("got %v", err)
	}
}

func TestReadAll(t *testing.T) {
	data := strings.Repeat("x", 5000)
	for _, tc := range []struct {
		name  string
		r     io.Reader
		limit int64
		ok    bool
	}{
		{"under", strings.NewReader(data), 6000, true},
		{"exact", strings.NewReader(data), 5000, true},
		{"no limit", iotest.OneByteReader(strings.NewReader(data)), 0, true},
		{"over", strings.NewReader(data), 4999, false},
		{"over, slowly", iotest.HalfReader(strings.NewReader(data)), 100, false},
		{"endless", zeros{}, 1 << 20, false},
	} {
		got, err := ReadAll(tc.r, tc.limit)
		var tl *TooLargeError
		switch {
		case tc.ok && (err != nil || string(got) != data):
			t.Errorf("%s: %d bytes, %v", tc.name, len(got), err)
		case !tc.ok && (!errors.As(err, &tl) || tl.Size != -1 || got != nil):
			t.Errorf("%s: want a size error, got %d bytes, %v", tc.name, len(got), err)
		}
	}
	if _, err := ReadAll(iotest.ErrReader(io.ErrUnexpectedEOF), 10); !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("read error lost: %v", err)
	}
}

// zeros is an endless input, like /dev/zero named on the command line.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

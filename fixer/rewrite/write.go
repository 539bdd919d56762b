package rewrite

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// WriteFile replaces the content of the file at path with data, atomically:
// data goes to a temporary file in the same directory, is synced, takes the
// original file's permission bits and is renamed over the original, so a
// crash leaves either the old file or the new one, never half of each. A
// file whose content would not change is not touched at all (its mtime
// stays, so build tools and pre-commit see no change). A symbolic link is
// followed and its target rewritten; the link stays a link. A file that does
// not exist is created with mode 0644.
func WriteFile(path string, data []byte) error {
	target, err := resolve(path)
	if err != nil {
		return err
	}
	mode := fs.FileMode(0o644)
	switch st, err := os.Stat(target); {
	case err == nil:
		if !st.Mode().IsRegular() {
			return fmt.Errorf("write %s: not a regular file", path)
		}
		mode = st.Mode().Perm()
		if same, err := sameContent(target, st.Size(), data); err != nil {
			return err
		} else if same {
			return nil
		}
	case !errors.Is(err, fs.ErrNotExist):
		return err
	}
	return replace(target, data, mode)
}

// resolve follows symbolic links so the rename replaces the target and not
// the link. A path that does not exist yet is its own target.
func resolve(path string) (string, error) {
	target, err := filepath.EvalSymlinks(path)
	if errors.Is(err, fs.ErrNotExist) {
		return path, nil
	}
	return target, err
}

func sameContent(path string, size int64, data []byte) (bool, error) {
	if size != int64(len(data)) {
		return false, nil
	}
	old, err := os.ReadFile(path)
	if err != nil {
		return false, err
	}
	return bytes.Equal(old, data), nil
}

func replace(target string, data []byte, mode fs.FileMode) (err error) {
	dir, base := filepath.Split(target)
	if dir == "" {
		dir = "."
	}
	tmp, err := os.CreateTemp(dir, "."+base+".ldfix-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return err
	}
	// CreateTemp makes the file 0600 whatever the umask; give it the
	// original's permissions before it becomes visible under the real name.
	if err = tmp.Chmod(mode); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	if err = os.Rename(tmp.Name(), target); err != nil {
		return err
	}
	syncDir(dir)
	return nil
}

// syncDir makes the rename durable. Some systems cannot sync a directory;
// the data itself is already synced, so a failure here is not reported.
func syncDir(dir string) {
	d, err := os.Open(dir)
	if err != nil {
		return
	}
	d.Sync()
	d.Close()
}

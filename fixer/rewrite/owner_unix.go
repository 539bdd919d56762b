//go:build unix

package rewrite

import (
	"errors"
	"io/fs"
	"os"
	"syscall"
)

var errReadOnlyFS error = syscall.EROFS

// access asks the system whether the user may write path, so ACLs and
// read-only mounts count as they do for any program.
func access(path string) error {
	const wOK = 2
	if err := syscall.Access(path, wOK); err != nil {
		return &fs.PathError{Op: "access", Path: path, Err: err}
	}
	return nil
}

func links(st fs.FileInfo) uint64 {
	if s, ok := st.Sys().(*syscall.Stat_t); ok {
		return uint64(s.Nlink)
	}
	return 1
}

// chownLike gives f the owner and group of st. Only root may give a file
// away, and a user may pick only a group they are in: false, without an
// error, when the system refuses.
func chownLike(f *os.File, st fs.FileInfo) (bool, error) {
	want, ok := st.Sys().(*syscall.Stat_t)
	if !ok {
		return true, nil
	}
	now, err := f.Stat()
	if err != nil {
		return false, err
	}
	if sameOwner(now, st) {
		return true, nil
	}
	if err := f.Chown(int(want.Uid), int(want.Gid)); err != nil {
		if errors.Is(err, fs.ErrPermission) {
			return false, nil
		}
		return false, err
	}
	return true, nil
}

func sameOwner(a, b fs.FileInfo) bool {
	sa, ok1 := a.Sys().(*syscall.Stat_t)
	sb, ok2 := b.Sys().(*syscall.Stat_t)
	return !ok1 || !ok2 || sa.Uid == sb.Uid && sa.Gid == sb.Gid
}

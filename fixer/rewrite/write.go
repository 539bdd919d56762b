package rewrite

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// TempSuffix ends the name of every file ldfix writes beside a page while
// fixing it: ".page.html.<digits>.ldfix-tmp" holds the new content until
// it is renamed over the page, and ".page.html.<digits>.ldfix-orig" holds
// the old content of a hard-linked page while it is rewritten in place. One
// .gitignore line ("*.ldfix-*") covers both, the walker never reads them,
// and pre-commit's file patterns do not match them.
const (
	TempSuffix   = ".ldfix-tmp"
	BackupSuffix = ".ldfix-orig"
)

// StaleAfter is how old a ".ldfix-tmp" file must be before a later write
// beside the same page removes it as left over by an interrupted run. A
// write takes milliseconds, so a file this old belongs to no live run.
const StaleAfter = 10 * time.Minute

// ErrNotWritable is returned, wrapped, for a file the user may not write:
// ldfix leaves it as it is rather than replacing it through the folder.
var ErrNotWritable = errors.New("no permission to write the file")

// IsTemp reports whether name (a base name) is one of the files ldfix
// writes beside a page: never a page itself. Names of older releases
// (".page.html.ldfix-123") count too.
func IsTemp(name string) bool {
	if !strings.HasPrefix(name, ".") {
		return false
	}
	for _, suffix := range []string{TempSuffix, BackupSuffix} {
		if rest, ok := strings.CutSuffix(name, suffix); ok {
			i := strings.LastIndexByte(rest, '.')
			return i > 0 && digits(rest[i+1:])
		}
	}
	i := strings.LastIndex(name, ".ldfix-")
	return i > 0 && digits(name[i+len(".ldfix-"):])
}

func digits(s string) bool {
	return s != "" && strings.Trim(s, "0123456789") == ""
}

// WriteFile replaces the content of the file at path with data and keeps
// what the file was: its owner, group and every mode bit, its hard links,
// and its content when the user may not write it.
//
// A file the user has no write permission for is left unchanged and
// ErrNotWritable is returned, even when the folder would allow replacing
// it. A file with one link whose owner, group and mode a new file can take
// is replaced atomically: data goes to a temporary file beside it, is
// synced and renamed over the original, so a crash leaves either the old
// file or the new one. Otherwise (more than one link, another owner, bits
// the user cannot set, extended attributes such as ACLs, a folder the user
// cannot write) the file is
// rewritten in place, the way gofmt -w keeps links and owners, after its
// old content is saved and synced beside it so that a failure can restore
// it.
//
// A file whose content would not change is not touched at all (its mtime
// stays). A symbolic link is followed and its target written; the link
// stays a link. A file that does not exist is created with mode 0644.
func WriteFile(path string, data []byte) error {
	target, err := resolve(path)
	if err != nil {
		return err
	}
	st, err := os.Stat(target)
	if errors.Is(err, fs.ErrNotExist) {
		_, err = replace(target, data, nil)
		return err
	}
	if err != nil {
		return err
	}
	if !st.Mode().IsRegular() {
		return fmt.Errorf("write %s: not a regular file", path)
	}
	old, err := os.ReadFile(target)
	if err != nil {
		return err
	}
	if bytes.Equal(old, data) {
		return nil
	}
	if err := Writable(target); err != nil {
		return err
	}
	removeStale(target, old)
	if links(st) <= 1 && !hasXattrs(target) {
		if kept, err := replace(target, data, st); kept || err != nil {
			return err
		}
	}
	return inPlace(target, old, data, st)
}

// Writable returns an error wrapping ErrNotWritable when the user may not
// write the file at path, as the system decides (mode bits, ACLs, a
// read-only mount).
func Writable(path string) error {
	if err := access(path); err != nil {
		if errors.Is(err, fs.ErrPermission) || errors.Is(err, errReadOnlyFS) {
			return fmt.Errorf("%w: %w", ErrNotWritable, err)
		}
		return err
	}
	return nil
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

// replace writes data to a temporary file and renames it over target when
// the temporary file can be made what target was (st; nil for a new file).
// kept is false, with no error, when it cannot: the caller then writes in
// place.
func replace(target string, data []byte, st fs.FileInfo) (kept bool, err error) {
	dir, base := filepath.Split(target)
	if dir == "" {
		dir = "."
	}
	tmp, err := os.CreateTemp(dir, "."+base+".*"+TempSuffix)
	if err != nil {
		if st != nil && errors.Is(err, fs.ErrPermission) {
			return false, nil
		}
		return false, err
	}
	defer func() {
		if err != nil || !kept {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return false, err
	}
	if st == nil {
		err = tmp.Chmod(0o644)
	} else if kept, err = takeOver(tmp, st); !kept || err != nil {
		return false, err
	}
	if err != nil {
		return false, err
	}
	if err = tmp.Sync(); err != nil {
		return false, err
	}
	if err = tmp.Close(); err != nil {
		return false, err
	}
	if err = os.Rename(tmp.Name(), target); err != nil {
		return false, err
	}
	syncDir(dir)
	return true, nil
}

// keptMode is every mode bit a file keeps: permissions, setuid, setgid and
// sticky.
const keptMode = fs.ModePerm | fs.ModeSetuid | fs.ModeSetgid | fs.ModeSticky

// takeOver gives tmp the owner, group and mode of the file st describes.
// Owner and group go first: changing them clears setuid and setgid. It
// returns false when the system does not let tmp become an exact copy.
func takeOver(tmp *os.File, st fs.FileInfo) (bool, error) {
	if ok, err := chownLike(tmp, st); !ok || err != nil {
		return false, err
	}
	// CreateTemp makes the file 0600 whatever the umask.
	if err := tmp.Chmod(st.Mode() & keptMode); err != nil {
		return false, err
	}
	now, err := tmp.Stat()
	if err != nil {
		return false, err
	}
	// The system silently drops setgid for a group the user is not in.
	return now.Mode()&keptMode == st.Mode()&keptMode && sameOwner(now, st), nil
}

// inPlace overwrites target with data through its own inode, so its hard
// links, owner and group stay. The old content is first saved and synced
// beside it (when the folder allows), and written back if the rewrite
// fails; a process killed in between leaves the saved copy.
func inPlace(target string, old, data []byte, st fs.FileInfo) (err error) {
	backup := saveBackup(target, old, st)
	f, err := os.OpenFile(target, os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			// Write the old bytes back; the backup stays if that fails too.
			if overwrite(f, old) == nil && backup != "" {
				os.Remove(backup)
			}
		} else if backup != "" {
			os.Remove(backup)
		}
		f.Close()
	}()
	if err = overwrite(f, data); err != nil {
		return err
	}
	// Linux drops setuid and setgid when an unprivileged process writes;
	// the owner may set them again. Others cannot, as for any editor.
	if now, serr := f.Stat(); serr == nil && now.Mode()&keptMode != st.Mode()&keptMode {
		f.Chmod(st.Mode() & keptMode)
	}
	return nil
}

func overwrite(f *os.File, data []byte) error {
	if _, err := f.WriteAt(data, 0); err != nil {
		return err
	}
	if err := f.Truncate(int64(len(data))); err != nil {
		return err
	}
	return f.Sync()
}

// saveBackup writes old beside target, readable only by its owner unless
// target is more open, and returns its name; "" when it cannot be written.
func saveBackup(target string, old []byte, st fs.FileInfo) string {
	dir, base := filepath.Split(target)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+base+".*"+BackupSuffix)
	if err != nil {
		return ""
	}
	_, err = f.Write(old)
	if err == nil {
		err = f.Chmod(st.Mode().Perm() & 0o600)
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(f.Name())
		return ""
	}
	return f.Name()
}

// tempsByDir caches, per folder, the ldfix temporary files found in it, so
// a folder is listed once per run however many of its files are written.
var (
	tempsMu    sync.Mutex
	tempsByDir = map[string][]fs.DirEntry{}
)

// removeStale deletes the files an interrupted run left beside target once
// they are older than StaleAfter: ".ldfix-tmp" files (new content never
// renamed into place; the page itself was not touched) and ".ldfix-orig"
// backups that hold exactly the page's current content cur. A backup that
// differs stays: it may be the only whole copy of a page whose in-place
// rewrite was cut short.
func removeStale(target string, cur []byte) {
	dir, base := filepath.Split(target)
	if dir == "" {
		dir = "."
	}
	tempsMu.Lock()
	entries, ok := tempsByDir[dir]
	if !ok {
		all, _ := os.ReadDir(dir)
		for _, e := range all {
			if e.Type().IsRegular() && IsTemp(e.Name()) {
				entries = append(entries, e)
			}
		}
		tempsByDir[dir] = entries
	}
	tempsMu.Unlock()
	for _, e := range entries {
		rest, ok := strings.CutPrefix(e.Name(), "."+base+".")
		if !ok {
			continue
		}
		backup := strings.HasSuffix(rest, BackupSuffix)
		if strings.Contains(strings.TrimSuffix(strings.TrimSuffix(rest, TempSuffix), BackupSuffix), ".") {
			continue
		}
		info, err := e.Info()
		if err != nil || time.Since(info.ModTime()) <= StaleAfter {
			continue
		}
		p := filepath.Join(dir, e.Name())
		if backup {
			if saved, err := os.ReadFile(p); err != nil || !bytes.Equal(saved, cur) {
				continue
			}
		}
		os.Remove(p)
	}
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

package rewrite

import "syscall"

// hasXattrs reports whether the file at path carries extended attributes
// (ACLs, SELinux labels, user attributes): a new file would not have them,
// so such a file is rewritten in place.
func hasXattrs(path string) bool {
	n, err := syscall.Listxattr(path, nil)
	return err == nil && n > 0
}

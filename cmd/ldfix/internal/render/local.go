package render

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"time"
)

// Local serves files of a folder on a loopback port, so that a page on
// disk renders with its own scripts, styles and images: its relative and
// root-relative URLs resolve against the folder as they would on the site.
type Local struct {
	root string
	base *url.URL
	srv  *http.Server
}

// ServeLocal starts a server for root on 127.0.0.1. Only that folder is
// served, and only to this machine.
func ServeLocal(root string) (*Local, error) {
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("serving %s for --render: %w", root, err)
	}
	l := &Local{root: abs, base: &url.URL{Scheme: "http", Host: ln.Addr().String(), Path: "/"}}
	l.srv = &http.Server{Handler: http.FileServer(http.Dir(abs)), ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = l.srv.Serve(ln) }()
	return l, nil
}

// URL is the address of the file at path, which must lie under the root.
func (l *Local) URL(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	rel, err := filepath.Rel(l.root, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", errors.New("the file is outside the folder served for --render")
	}
	u := *l.base
	u.Path = "/" + filepath.ToSlash(rel)
	return u.String(), nil
}

// Close stops the server.
func (l *Local) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	return l.srv.Shutdown(ctx)
}

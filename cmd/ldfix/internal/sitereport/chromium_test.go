//go:build unix

package sitereport

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/net/html"
)

// chromiumPath is where Debian's chromium package installs the browser.
const chromiumPath = "/usr/bin/chromium"

// chromium runs headless Chromium on the page with a fresh profile and no
// network features, returning its standard output.
func chromium(t *testing.T, page string, extra ...string) []byte {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	home := t.TempDir()
	args := append([]string{
		"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir=" + filepath.Join(home, "profile"), "--hide-scrollbars",
	}, extra...)
	cmd := exec.CommandContext(ctx, chromiumPath, append(args, "file://"+page)...)
	cmd.Env = append(os.Environ(), "HOME="+home)
	// Chromium starts helper processes; a hung run is ended as a group so
	// none outlives the test.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = 5 * time.Second
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("chromium %s: %v\n%s", strings.Join(extra, " "), err, stderr.Bytes())
	}
	return out
}

// TestHTMLRendersInChromium opens the report in a real browser: the DOM it
// builds must hold every chart's bars and every page's section, and the
// screenshot (kept in the test's artifact directory; go test -artifacts
// keeps it) must show the bars and the marked findings in their colours.
func TestHTMLRendersInChromium(t *testing.T) {
	if _, err := os.Stat(chromiumPath); err != nil {
		t.Skipf("headless Chromium not found at %s; install it with: apt-get install -y chromium", chromiumPath)
	}
	dir := t.ArtifactDir()
	page := filepath.Join(dir, "report.html")
	var b bytes.Buffer
	if err := HTML(&b, fixture(t)); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(page, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}

	dom, err := html.Parse(bytes.NewReader(chromium(t, page, "--dump-dom")))
	if err != nil {
		t.Fatal(err)
	}
	wantBars := map[string]int{"chart-types": 4, "chart-rules": 8, "chart-features": 2, "chart-severity": 3}
	for id, n := range wantBars {
		fig := byID(dom, id)
		if fig == nil {
			t.Errorf("chart %s missing from the rendered DOM", id)
			continue
		}
		if got := count(fig, "rect"); got != n {
			t.Errorf("chart %s has %d bars, want %d", id, got, n)
		}
	}
	for _, id := range []string{"page-1", "page-2", "page-4", "page-5", "page-6"} {
		sec := byID(dom, id)
		if sec == nil || sec.Data != "details" {
			t.Errorf("page section %s missing", id)
		}
	}
	if sec := byID(dom, "page-1"); sec != nil && (count(sec, "mark") != 3 || count(sec, "pre") != 4) {
		t.Errorf("page-1 renders %d marks and %d code panes, want 3 and 4", count(sec, "mark"), count(sec, "pre"))
	}

	shot := filepath.Join(dir, "report.png")
	chromium(t, page, "--screenshot="+shot, "--window-size=1280,3000")
	f, err := os.Open(shot)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	for name, c := range map[string]color.RGBA{
		"@type bars":      {0x00, 0x69, 0x5c, 0xff},
		"feature bars":    {0x6a, 0x1b, 0x9a, 0xff},
		"error bars":      {0xc6, 0x28, 0x28, 0xff},
		"marked findings": {0xff, 0xcd, 0xd2, 0xff},
	} {
		// A bar is at least 16×100 pixels; a mark at least a character.
		if n := pixels(img, c); n < 200 {
			t.Errorf("screenshot shows %d pixels of the %s colour; the report did not render (see %s)", n, name, shot)
		}
	}
	t.Logf("screenshot: %s", shot)
}

func byID(n *html.Node, id string) *html.Node {
	for _, a := range n.Attr {
		if a.Key == "id" && a.Val == id {
			return n
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := byID(c, id); f != nil {
			return f
		}
	}
	return nil
}

func count(n *html.Node, tag string) int {
	k := 0
	if n.Type == html.ElementNode && n.Data == tag {
		k++
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		k += count(c, tag)
	}
	return k
}

// pixels counts the pixels within a small distance of c: colour management
// may move a channel by a step or two.
func pixels(img image.Image, c color.RGBA) int {
	near := func(a uint32, b uint8) bool {
		d := int(a>>8) - int(b)
		return d >= -3 && d <= 3
	}
	n := 0
	r := img.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			pr, pg, pb, _ := img.At(x, y).RGBA()
			if near(pr, c.R) && near(pg, c.G) && near(pb, c.B) {
				n++
			}
		}
	}
	return n
}

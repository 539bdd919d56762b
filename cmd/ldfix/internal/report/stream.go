package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"

	"github.com/ldfix/ldfix/fixer/diag"
)

// Stream writes a report one file at a time, in the order the files are
// given to it, so that a run over 50,000 pages never holds every page's
// findings until the end. Each format keeps only what its end
// needs: text and github nothing; json the short per-file block list and
// the errors, compact, in a temporary file once they pass a few MiB;
// gitlab one fingerprint per finding (repeats are numbered); junit the
// suites (the root element carries the totals); sarif the results (its
// rule list and invocation come before them; the caller cuts results down
// first, see Retains).
//
// Part renders one file and may run on several goroutines at once; Write
// takes parts in file order. Add does both. The bytes written are exactly
// those of Render over the same results.
type Stream struct {
	w      *bufio.Writer
	format string
	opts   Options
	err    error // the first write error

	started bool
	nItems  int // json: diagnostics written; gitlab: issues written

	jsonFiles  spool          // json: the "files" items, as written
	jsonErrors spool          // json: the "errors" items, as written
	seen       map[string]int // gitlab: fingerprints written
	junit      junitSuites
	sarif      []FileResult
}

// Part is one file's share of a report, rendered ahead of its turn.
type Part struct {
	text   []byte      // text, github: the lines; json: the diagnostics
	file   []byte      // json: the "files" item
	err    []byte      // json: the "errors" item
	issues []gitIssue  // gitlab
	suite  *junitSuite // junit
	result *FileResult // sarif
	late   *FileResult // text, github, json: rendered by Write (see renderAhead)
}

// gitIssue is a GitLab issue with what its fingerprint is made of, in case
// an equal one was written before and it must be numbered.
type gitIssue struct {
	issue gitlabIssue
	path  string
	d     diag.Diagnostic
}

// NewStream starts a report in format on w. Nothing is written before
// the first Write or Close.
func NewStream(w io.Writer, format string, opts Options) (*Stream, error) {
	switch format {
	case "":
		format = "text"
	case "text", "json", "sarif", "github", "junit", "gitlab":
	default:
		return nil, fmt.Errorf("unknown format %q (want one of %s)", format, strings.Join(Formats, ", "))
	}
	s := &Stream{w: bufio.NewWriterSize(w, 64<<10), format: format, opts: opts}
	s.junit = junitSuites{Name: "ldfix", Suites: []junitSuite{}}
	if format == "gitlab" {
		s.seen = map[string]int{}
	}
	return s, nil
}

// Retains reports whether parts hold the result they were made from until
// Close (sarif); the caller should then cut the result down first.
func (s *Stream) Retains() bool { return s.format == "sarif" }

// Add renders r and writes it.
func (s *Stream) Add(r FileResult) error { return s.Write(s.Part(r)) }

// Part renders r. It reads only r and the options, so it is safe to call
// from several goroutines; the part holds no reference to r's file unless
// it is rendered late (see renderAhead).
func (s *Stream) Part(r FileResult) Part {
	var p Part
	switch s.format {
	case "text", "github", "json":
		if s.format == "json" && r.Err != nil {
			o := jsonOut{prefix: "    "}
			o.error(&jsonError{File: r.Path, Message: r.Err.Error()})
			p.err = o.b
			break
		}
		if len(r.Diagnostics) > renderAhead || s.format == "json" && len(r.Items)+len(r.Blocks) > renderAhead {
			p.late = &r
			break
		}
		if s.format == "json" {
			o := jsonOut{prefix: "    "}
			o.file(r)
			p.file = o.b
		}
		var b bytes.Buffer
		s.body(&b, r)
		p.text = b.Bytes()
	case "gitlab":
		for _, d := range r.Diagnostics {
			issue := gitlabIssueOf(r, d)
			d.Fix = nil // the fingerprint does not read it
			p.issues = append(p.issues, gitIssue{issue: issue, path: r.Path, d: d})
		}
	case "junit":
		suite := junitSuiteOf(r)
		p.suite = &suite
	case "sarif":
		p.result = &r
	}
	return p
}

// renderAhead is the most findings a part renders ahead of its turn. A
// file with more (a catalogue of thousands of products) is rendered when
// written, straight to the output: its report can be ten times the size of
// the page, too much to hold while the files before it finish.
const renderAhead = 2000

// body writes the findings of r in the text, github or json format (json:
// the items of the diagnostics array, without the separator before the
// first).
func (s *Stream) body(w io.Writer, r FileResult) {
	switch s.format {
	case "text":
		for _, d := range r.Diagnostics {
			writeTextLine(w, r, d, s.opts)
		}
		if s.opts.Items {
			var b bytes.Buffer
			writeTextItems(&b, r)
			w.Write(b.Bytes())
		}
	case "github":
		writeGitHub(w, r)
	case "json":
		sc := scratchPool.Get().(*scratch)
		defer scratchPool.Put(sc)
		o := jsonOut{b: sc.b[:0], prefix: "    ", sink: func(b []byte) { w.Write(b) }}
		for i, d := range r.Diagnostics {
			if i > 0 {
				o.b = append(o.b, ",\n    "...)
			}
			jd := jsonDiagnostic(r, d)
			o.more = false
			o.diag(&jd)
			o.flush()
		}
		w.Write(o.b)
		sc.b = o.b
	}
}

// Write appends a part: parts must come in file order.
func (s *Stream) Write(p Part) error {
	if s.err != nil {
		return s.err
	}
	switch s.format {
	case "text", "github":
		s.w.Write(p.text)
		if p.late != nil {
			s.body(s.w, *p.late)
		}
	case "json":
		s.jsonStart()
		if p.err != nil {
			s.jsonErrors.add(p.err)
			break
		}
		if len(p.text) > 0 || p.late != nil && len(p.late.Diagnostics) > 0 {
			s.item()
			s.w.Write(p.text)
		}
		if p.late == nil {
			s.jsonFiles.add(p.file)
			break
		}
		s.body(s.w, *p.late)
		s.jsonFiles.next()
		o := jsonOut{prefix: "    ", sink: s.jsonFiles.write}
		o.file(*p.late)
		s.jsonFiles.write(o.b)
	case "gitlab":
		for _, gi := range p.issues {
			s.gitlab(gi)
		}
	case "junit":
		u := p.suite
		s.junit.Tests += u.Tests
		s.junit.Failures += u.Failures
		s.junit.Errors += u.Errors
		s.junit.Suites = append(s.junit.Suites, *u)
	case "sarif":
		s.sarif = append(s.sarif, *p.result)
	}
	return s.flushErr()
}

// Close writes the end of the report.
func (s *Stream) Close() error {
	if s.err != nil {
		return s.err
	}
	switch s.format {
	case "json":
		s.jsonStart()
		s.end("]")
		s.w.WriteString(",\n  \"files\": [")
		if err := s.jsonItems(&s.jsonFiles); err != nil {
			return err
		}
		if s.jsonErrors.n > 0 {
			s.w.WriteString(",\n  \"errors\": [")
			if err := s.jsonItems(&s.jsonErrors); err != nil {
				return err
			}
		}
		s.w.WriteString("\n}\n")
	case "gitlab":
		if s.nItems == 0 {
			s.w.WriteString("[")
		}
		s.end("]")
		s.w.WriteString("\n")
	case "junit":
		if err := writeJUnit(s.w, s.junit); err != nil {
			return err
		}
	case "sarif":
		if err := writeSARIF(s.w, s.sarif, s.opts); err != nil {
			return err
		}
	}
	s.w.Flush()
	return s.flushErr()
}

// Held is the number of bytes the stream keeps for the end of the
// report, not counting what the output buffer holds: a measure that must
// not grow with the size of the pages.
func (s *Stream) Held() int {
	n := s.jsonFiles.held() + len(s.seen)*48
	n += s.jsonErrors.held()
	for _, u := range s.junit.Suites {
		n += len(u.Name)
		for _, c := range u.Cases {
			n += len(c.Name) + len(c.ClassName) + len(c.File) + 16
			if c.Failure != nil {
				n += len(c.Failure.Message) + len(c.Failure.Text)
			}
			if c.Error != nil {
				n += len(c.Error.Message) + len(c.Error.Text)
			}
		}
	}
	for _, r := range s.sarif {
		if r.File != nil {
			n += len(r.File.Data)
		}
		for _, b := range r.Blocks {
			n += len(b.Repaired) + len(b.Original)
		}
		n += len(r.Diagnostics) * 200
	}
	return n
}

// jsonItems writes the items of sp and the array's end.
func (s *Stream) jsonItems(sp *spool) error {
	n := sp.n
	if err := sp.writeTo(s.w); err != nil {
		return fmt.Errorf("json report: reading back a list: %w", err)
	}
	if n > 0 {
		s.w.WriteString("\n  ")
	}
	s.w.WriteString("]")
	return nil
}

// jsonStart writes the opening of the json document once.
func (s *Stream) jsonStart() {
	if s.started {
		return
	}
	s.started = true
	s.w.WriteString("{\n  \"version\": " + strconv.Itoa(JSONVersion) + ",\n  \"diagnostics\": [")
}

// item starts the next array item: the separator and its indentation.
func (s *Stream) item() {
	if s.nItems > 0 {
		s.w.WriteString(",")
	}
	s.nItems++
	if s.format == "gitlab" {
		s.w.WriteString("\n  ")
		return
	}
	s.w.WriteString("\n    ")
}

// end closes the streamed array as encoding/json indents it: "[]" when
// empty, else on a line of its own.
func (s *Stream) end(bracket string) {
	if s.nItems > 0 {
		if s.format == "gitlab" {
			s.w.WriteString("\n")
		} else {
			s.w.WriteString("\n  ")
		}
	}
	s.w.WriteString(bracket)
}

func (s *Stream) gitlab(gi gitIssue) {
	if s.nItems == 0 {
		s.w.WriteString("[")
	}
	iss := gi.issue
	// GitLab drops issues with equal fingerprints; number repeats.
	if n := s.seen[iss.Fingerprint]; n > 0 {
		s.seen[iss.Fingerprint]++
		iss.Fingerprint = fingerprint(gi.path+"#"+strconv.Itoa(n), gi.d)
	} else {
		s.seen[iss.Fingerprint] = 1
	}
	s.item()
	encodeItem(s.w, iss, "  ")
}

func (s *Stream) flushErr() error {
	if s.err == nil {
		// bufio keeps the first write error and returns it from then on.
		if _, err := s.w.Write(nil); err != nil {
			s.err = err
		}
	}
	return s.err
}

// encodeItem writes v as encoding/json indents an array item at the depth
// that prefix stands for, with no line break at the end.
func encodeItem(w io.Writer, v any, prefix string) {
	sc := scratchPool.Get().(*scratch)
	defer scratchPool.Put(sc)
	sc.compact.Reset()
	enc := json.NewEncoder(&sc.compact)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		// The types are ours and always encode.
		panic(err)
	}
	sc.indented = appendIndented(sc.indented[:0], bytes.TrimSuffix(sc.compact.Bytes(), []byte("\n")), prefix)
	w.Write(sc.indented)
}

// scratch holds encodeItem's buffers between calls: one item at a time is
// encoded, written and forgotten, on every worker.
type scratch struct {
	compact  bytes.Buffer
	indented []byte
	b        []byte // the json findings
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

package anthology

import (
	"errors"
	"fmt"
	"strings"
)

// Error is a problem in one of a project's files, with the position where it was found when
// there is one. Its text reads "FILE:LINE:COL: message", the form editors and their tools
// (and every compiler) use, so that an editor can jump to it.
type Error struct {
	File string // path as the user named it, project folder included
	Line int    // 1-based; 0 when the problem concerns the whole file
	Col  int    // 1-based; 0 when unknown
	Msg  string
	Err  error // the underlying error, if any
}

func (e *Error) Error() string {
	switch {
	case e.Line > 0 && e.Col > 0:
		return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Col, e.Msg)
	case e.Line > 0:
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	case e.File != "":
		return fmt.Sprintf("%s: %s", e.File, e.Msg)
	}
	return e.Msg
}

func (e *Error) Unwrap() error { return e.Err }

// Errors is every problem found while loading a project. Loading does not stop at the first
// problem: an editor fixes a list faster than a drip.
type Errors []*Error

func (es Errors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// Unwrap lets errors.Is and errors.As look into every problem.
func (es Errors) Unwrap() []error {
	out := make([]error, len(es))
	for i, e := range es {
		out[i] = e
	}
	return out
}

// err returns es as an error, or nil when empty (avoiding the typed-nil trap).
func (es Errors) err() error {
	if len(es) == 0 {
		return nil
	}
	return es
}

// ErrNotProject is returned by Open for a folder without anthology.yaml.
var ErrNotProject = errors.New("not an anthology project (no anthology.yaml)")

// Warning is a problem that does not stop a build, such as a control character dropped from an
// essay. Where it comes from is said the same way as for an Error.
type Warning = Error

// Locate returns an error positioned at the node of anthology.yaml that a YAML path names
// ("$.contributors[2]"), for messages about the book file.
func (p *Project) Locate(yamlPath, msg string) *Error {
	if p.source == nil {
		return &Error{File: display(p.Dir, ProjectFile), Msg: msg}
	}
	e := p.source.at(yamlPath, msg)
	e.File = display(p.Dir, ProjectFile)
	return e
}

// Locate returns an error positioned at the node of the essay's front matter that a YAML path
// names ("$.authors"), or at the file.
func (e *Essay) Locate(dir, yamlPath, msg string) *Error {
	if e.source == nil || e.source.tree == nil {
		return &Error{File: display(dir, e.Path), Line: 1, Col: 1, Msg: msg}
	}
	err := e.source.at(yamlPath, msg)
	err.File = display(dir, e.Path)
	if err.Line == 0 {
		err.Line, err.Col = 1, 1
	}
	return err
}

// LocateBody returns an error positioned at a byte offset of the essay's Markdown body.
func (e *Essay) LocateBody(dir string, offset int, msg string) *Error {
	if offset > len(e.Body) {
		offset = len(e.Body)
	}
	line, col := lineCol([]byte(e.Body), offset)
	return &Error{File: display(dir, e.Path), Line: e.BodyLine + line - 1, Col: col, Msg: msg}
}

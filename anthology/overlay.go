package anthology

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"testing/fstest"
)

// OpenWith reads the project in dir as Open does, except that the files given (paths inside
// the project → contents) are read from memory instead of from disk. It is how edits saved to
// a recovery file after a crash come back: they count as unsaved, so the next Save writes them.
func OpenWith(dir string, files map[string][]byte) (*Project, error) {
	base, closeFS, err := openProjectFS(dir)
	if err != nil {
		return nil, err
	}
	defer closeFS()
	over, err := newOverlay(base, files)
	if err != nil {
		return nil, err
	}
	if _, err := over.Stat(ProjectFile); errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%s: %w", dir, ErrNotProject)
	}
	p, err := load(over, dir, true) // recovered edits open for editing, problems and all
	if p == nil {
		return nil, err
	}
	p.Dir = dir
	p.fsys = nil
	p.markUnsaved(files)
	return p, err
}

// LoadFSWith is OpenWith for a project held in a file system, such as the embedded sample.
func LoadFSWith(fsys fs.FS, name string, files map[string][]byte) (*Project, error) {
	base, ok := fsys.(projectFS)
	if !ok {
		base = wrapFS{fsys}
	}
	over, err := newOverlay(base, files)
	if err != nil {
		return nil, err
	}
	p, err := load(over, name, true)
	if p == nil {
		return nil, err
	}
	p.markUnsaved(files)
	return p, err
}

// ForgetSaved makes the next Save write every file whose content differs from what is on disk,
// not only those edited since they were read: for when the files on disk changed under an
// open project and the editor keeps the open version.
func (p *Project) ForgetSaved() {
	if p.source != nil {
		p.source.sig = nil
	}
	essays := p.Essays()
	if p.Introduction != nil {
		essays = append(essays, p.Introduction)
	}
	for _, e := range essays {
		e.saved = nil
	}
}

// markUnsaved makes the next Save write the files that came from memory.
func (p *Project) markUnsaved(files map[string][]byte) {
	if _, ok := files[ProjectFile]; ok && p.source != nil {
		p.source.sig = nil
	}
	essays := p.Essays()
	if p.Introduction != nil {
		essays = append(essays, p.Introduction)
	}
	for _, e := range essays {
		if _, ok := files[e.Path]; ok {
			e.saved = nil
		}
	}
}

// overlay reads files from memory where it has them and from its base otherwise.
type overlay struct {
	over fstest.MapFS
	base projectFS
}

func newOverlay(base projectFS, files map[string][]byte) (*overlay, error) {
	o := &overlay{over: fstest.MapFS{}, base: base}
	for name, data := range files {
		if err := checkRelPath(name); err != nil {
			return nil, &Error{File: name, Msg: err.Error()}
		}
		o.over[path.Clean(name)] = &fstest.MapFile{Data: data, Mode: 0o644}
	}
	return o, nil
}

func (o *overlay) has(name string) bool { _, ok := o.over[path.Clean(name)]; return ok }

func (o *overlay) Open(name string) (fs.File, error) {
	if o.has(name) {
		return o.over.Open(path.Clean(name))
	}
	return o.base.Open(name)
}

func (o *overlay) Stat(name string) (fs.FileInfo, error) {
	if o.has(name) {
		return o.over.Stat(path.Clean(name))
	}
	return o.base.Stat(name)
}

func (o *overlay) ReadFile(name string) ([]byte, error) {
	if o.has(name) {
		return o.over.ReadFile(path.Clean(name))
	}
	return o.base.ReadFile(name)
}

// Clone returns a copy of the project that another goroutine may read (to typeset a preview,
// or export) while the editor goes on changing the original. Essay bodies are shared: their
// parsed text is never changed in place, only replaced.
func (p *Project) Clone() *Project {
	q := *p
	q.Book.Editors = slices.Clone(p.Book.Editors)
	q.Book.Subjects = slices.Clone(p.Book.Subjects)
	if p.Book.Series != nil {
		s := *p.Book.Series
		q.Book.Series = &s
	}
	q.Contributors = make([]*Contributor, len(p.Contributors))
	for i, c := range p.Contributors {
		cc := *c
		q.Contributors[i] = &cc
	}
	q.Parts = make([]*Part, len(p.Parts))
	for i, pt := range p.Parts {
		np := *pt
		np.Essays = make([]*Essay, len(pt.Essays))
		for j, e := range pt.Essays {
			np.Essays[j] = e.clone()
		}
		q.Parts[i] = &np
	}
	if p.Introduction != nil {
		q.Introduction = p.Introduction.clone()
	}
	q.Warnings = slices.Clone(p.Warnings)
	// The clone is for reading: it must never save over the original's files.
	q.source = nil
	return &q
}

func (e *Essay) clone() *Essay {
	c := *e
	c.Meta = e.Meta.Clone()
	c.source = nil
	c.saved = nil
	return &c
}

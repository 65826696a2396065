package anthology

import (
	"bytes"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"

	"github.com/goccy/go-yaml"

	"github.com/anthology-editor/anthology/anthology/atomicfile"
	"github.com/anthology-editor/anthology/anthology/markdown"
	"github.com/anthology-editor/anthology/anthology/text"
)

// ErrReadOnly is returned when saving a project that has no folder, such as the bundled sample.
var ErrReadOnly = errors.New("this project has no folder to save to (use Save As)")

// Save writes the project back to its folder. Each file is replaced atomically and only when
// its content changed; essays are written before anthology.yaml, so the contents never name a
// file that is not there yet. Keys and comments the program does not know are kept.
func (p *Project) Save() error {
	if p.Dir == "" {
		return ErrReadOnly
	}
	root, err := openDir(p.Dir)
	if err != nil {
		return err
	}
	defer root.Close()
	return p.writeTo(root, false)
}

// SaveAs writes the whole project into dir (created if missing, refused if it already holds a
// project), copying the cover image, and makes dir the project's folder.
func (p *Project) SaveAs(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	root, err := openDir(dir)
	if err != nil {
		return err
	}
	defer root.Close()
	if _, err := root.Stat(ProjectFile); err == nil {
		return fmt.Errorf("%s already holds a project; choose an empty folder", dir)
	}
	if p.Book.Cover != "" {
		data, err := p.ReadFile(p.Book.Cover)
		if err != nil {
			return err
		}
		if err := root.MkdirAll(path.Dir(p.Book.Cover), 0o755); err != nil {
			return err
		}
		if err := atomicfile.WriteFile(root, p.Book.Cover, data, 0o644); err != nil {
			return err
		}
	}
	// The figures' images go with their essays. One the project does not have is left to
	// check to report, as it would be in the project itself.
	for _, src := range p.figureImages() {
		data, err := p.ReadFile(src)
		if err != nil {
			continue
		}
		if err := root.MkdirAll(path.Dir(src), 0o755); err != nil {
			return err
		}
		if err := atomicfile.WriteFile(root, src, data, 0o644); err != nil {
			return err
		}
	}
	if err := p.writeTo(root, true); err != nil {
		return err
	}
	p.Dir = dir
	p.fsys = nil
	return nil
}

// figureImages lists the images the essays' figures show, each once, as project paths.
func (p *Project) figureImages() []string {
	essays := p.Essays()
	if p.Introduction != nil {
		essays = append(essays, p.Introduction)
	}
	var out []string
	for _, e := range essays {
		if e.Doc == nil {
			continue
		}
		blocks := append([]text.Block{}, e.Doc.Blocks...)
		for _, n := range e.Doc.Notes {
			blocks = append(blocks, n.Blocks...)
		}
		for _, b := range blocks {
			text.WalkBlock(b, func(b text.Block) {
				if f, ok := b.(*text.Figure); ok && checkRelPath(f.Src) == nil {
					if src := path.Clean(f.Src); !slices.Contains(out, src) {
						out = append(out, src)
					}
				}
			}, func(text.Inline) {})
		}
	}
	return out
}

// writeTo writes the project's files into root: all of them when all is set, else those the
// editor changed since they were read or last written. The files change together or not at
// all (see journal.go).
func (p *Project) writeTo(root *os.Root, all bool) (err error) {
	if err := recoverSave(root); err != nil {
		return &Error{File: display(p.Dir, journalName), Msg: err.Error(), Err: err}
	}
	essays := p.Essays()
	if p.Introduction != nil {
		essays = append(essays, p.Introduction)
	}
	var pending []*atomicfile.Pending
	defer func() {
		if err != nil {
			for _, f := range pending {
				f.Abort()
			}
		}
	}()
	var saved []*Essay
	for _, e := range essays {
		if e.Path == "" {
			e.Path = EssayDir + "/" + e.ID + ".md"
		}
		if err := checkRelPath(e.Path); err != nil {
			return &Error{File: e.Path, Msg: err.Error()}
		}
		if !all && !e.unsaved() {
			continue
		}
		data, err := e.Marshal()
		if err != nil {
			return &Error{File: display(p.Dir, e.Path), Msg: err.Error(), Err: err}
		}
		f, err := prepareIfChanged(root, e.Path, data)
		if err != nil {
			return &Error{File: display(p.Dir, e.Path), Msg: describeOpenError(err), Err: err}
		}
		if f != nil {
			pending = append(pending, f)
		}
		saved = append(saved, e)
	}
	pf := p.projectFile()
	projectChanged := all || !p.source.unchanged(&pf)
	if projectChanged {
		data, err := p.source.encode(pf)
		if err != nil {
			return &Error{File: display(p.Dir, ProjectFile), Msg: err.Error(), Err: err}
		}
		f, err := prepareIfChanged(root, ProjectFile, data)
		if err != nil {
			return &Error{File: display(p.Dir, ProjectFile), Msg: describeOpenError(err), Err: err}
		}
		if f != nil {
			pending = append(pending, f)
		}
	}
	if err := commitFiles(root, pending); err != nil {
		return &Error{File: display(p.Dir, ProjectFile), Msg: "the save could not be finished: " + describeOpenError(err), Err: err}
	}
	pending = nil
	for _, e := range saved {
		if e.source == nil {
			e.source = &yamlDoc{file: e.Path}
		}
		e.markSaved()
	}
	if projectChanged {
		if p.source == nil {
			p.source = &yamlDoc{file: ProjectFile}
		}
		p.source.mark(&pf)
	}
	return nil
}

// prepareIfChanged writes data under a temporary name beside name, or returns nil when name
// already holds exactly data.
func prepareIfChanged(root *os.Root, name string, data []byte) (*atomicfile.Pending, error) {
	if old, err := root.ReadFile(name); err == nil && bytes.Equal(old, data) {
		return nil, nil
	}
	if dir := path.Dir(name); dir != "." {
		if err := root.MkdirAll(dir, 0o755); err != nil {
			return nil, err
		}
	}
	return atomicfile.Prepare(root, name, 0o644, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// MarshalProjectFile returns anthology.yaml as Save would write it.
func (p *Project) MarshalProjectFile() ([]byte, error) {
	return p.source.encode(p.projectFile())
}

// projectFile is the program's view of anthology.yaml.
func (p *Project) projectFile() projectFile {
	pf := projectFile{Book: p.Book, Contributors: p.Contributors, Print: p.Print, EPUB: p.EPUB}
	for _, part := range p.Parts {
		if part.Title == "" {
			for _, e := range part.Essays {
				pf.Contents = append(pf.Contents, contentsEntry{essay: e.ID})
			}
			continue
		}
		entry := contentsEntry{Part: part.Title, Subtitle: part.Subtitle}
		for _, e := range part.Essays {
			entry.Essays = append(entry.Essays, e.ID)
		}
		pf.Contents = append(pf.Contents, entry)
	}
	if pf.Contents == nil {
		pf.Contents = []contentsEntry{}
	}
	return pf
}

// Marshal returns the essay's file: front matter between "---" lines, then the Markdown body.
func (e *Essay) Marshal() ([]byte, error) {
	front, err := e.source.encode(e.Meta)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	b.WriteString("---\n")
	b.Write(front)
	if len(front) > 0 && front[len(front)-1] != '\n' {
		b.WriteByte('\n')
	}
	b.WriteString("---\n\n")
	b.WriteString(strings.TrimLeft(e.Body, "\n"))
	if !strings.HasSuffix(e.Body, "\n") && e.Body != "" {
		b.WriteByte('\n')
	}
	return b.Bytes(), nil
}

// SetBody replaces the essay's Markdown and re-parses it.
func (e *Essay) SetBody(markdownSrc string) {
	clean, _ := stripControl(strings.ReplaceAll(markdownSrc, "\r\n", "\n"))
	e.Body = clean
	e.Doc = markdown.Parse([]byte(clean))
	e.countWords()
}

// NewEssay makes an essay to be added to the project's contents; its file is essays/<id>.md.
func NewEssay(id string, meta EssayMeta, body string) *Essay {
	e := &Essay{ID: id, Path: EssayDir + "/" + id + ".md", Meta: meta}
	e.SetBody(body)
	return e
}

// ReadFile reads a file of the project (a cover image, say), refusing paths that leave it.
func (p *Project) ReadFile(name string) ([]byte, error) {
	if err := checkRelPath(name); err != nil {
		return nil, &Error{File: display(p.Dir, name), Msg: err.Error()}
	}
	name = path.Clean(name)
	read := func(fsys projectFS) ([]byte, error) {
		return readBounded(fsys, display(p.Dir, name), name, MaxImageBytes)
	}
	if p.Dir == "" {
		if p.fsys == nil {
			return nil, &Error{File: name, Msg: "file not found"}
		}
		return read(p.fsys)
	}
	fsys, closeFS, err := openProjectFS(p.Dir)
	if err != nil {
		return nil, err
	}
	defer closeFS()
	return read(fsys)
}

// Create makes a new, empty project in dir with the given title and returns it. dir may exist
// only if it is empty.
func Create(dir, title string) (*Project, error) {
	if strings.TrimSpace(title) == "" {
		return nil, errors.New("a new anthology needs a title (--title)")
	}
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return nil, fmt.Errorf("%s is not empty; choose a new folder for the project", dir)
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	root, err := openDir(dir)
	if err != nil {
		return nil, err
	}
	defer root.Close()
	if err := root.MkdirAll(EssayDir, 0o755); err != nil {
		return nil, err
	}
	quoted, err := yaml.Marshal(title)
	if err != nil {
		return nil, err
	}
	// A new book gets its identifier now, once: stores know an EPUB by it across editions.
	var id [16]byte
	if _, err := rand.Read(id[:]); err != nil {
		return nil, err
	}
	id[6] = (id[6] & 0x0f) | 0x40
	id[8] = (id[8] & 0x3f) | 0x80
	uuid := fmt.Sprintf("%x-%x-%x-%x-%x", id[0:4], id[4:6], id[6:8], id[8:10], id[10:16])
	data := strings.Replace(newProjectTemplate, "TITLE", strings.TrimSpace(string(quoted)), 1)
	data = strings.Replace(data, "UUID", uuid, 1)
	if err := atomicfile.WriteFile(root, ProjectFile, []byte(data), 0o644); err != nil {
		return nil, err
	}
	return Open(dir)
}

// newProjectTemplate is anthology.yaml for a new project: the keys an editor fills in first,
// with comments saying what each is for.
const newProjectTemplate = `# An anthology project. Essays live in essays/<id>.md; list them under contents.
title: TITLE
# subtitle: Essays on …
language: en
# publisher: …
# rights: Copyright © 2026 …. All rights reserved.
# date: 2026-01-01
# description: One paragraph for stores and the back cover.
# dedication: For …
# editors: [editor-id]          # contributor ids
identifiers:
  uuid: UUID   # identifies the EPUB until it has an ISBN; keep it
#  isbn_epub: 978-…
#  isbn_print: 978-…
contributors: []
#  - id: jdoe
#    name: Jane Doe
#    sort_name: Doe, Jane
#    bio: Jane Doe writes about …
contents: []
#  - part: Part One
#    essays: [first-essay, second-essay]
print:
  trim: 5.5x8.5
  font: charis
  font_size: 11
epub:
  embed_fonts: false
`

// Snapshot is what Save would write for the project file and some essays, frozen at one moment:
// its Encode may run on another goroutine while the editor goes on editing (the editing
// session keeps its recovery file this way, off the window's goroutine).
type Snapshot struct {
	source *yamlDoc
	pf     projectFile
	essays []*Essay
}

// Snapshot freezes the project file and the given essays.
func (p *Project) Snapshot(essays []*Essay) *Snapshot {
	pf := p.projectFile()
	c := p.Clone()
	pf.Book, pf.Contributors = c.Book, c.Contributors
	s := &Snapshot{source: p.source, pf: pf}
	for _, e := range essays {
		cp := e.clone()
		cp.source = e.source // read only by Marshal
		if cp.Path == "" {
			cp.Path = EssayDir + "/" + cp.ID + ".md"
		}
		s.essays = append(s.essays, cp)
	}
	return s
}

// Encode returns the frozen files' contents by path inside the project.
func (s *Snapshot) Encode() (map[string][]byte, error) {
	out := map[string][]byte{}
	data, err := s.source.encode(s.pf)
	if err != nil {
		return nil, err
	}
	out[ProjectFile] = data
	for _, e := range s.essays {
		data, err := e.Marshal()
		if err != nil {
			return nil, err
		}
		out[e.Path] = data
	}
	return out, nil
}

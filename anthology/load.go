package anthology

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/anthology-editor/anthology/anthology/bounded"
	"github.com/anthology-editor/anthology/anthology/markdown"
	"github.com/anthology-editor/anthology/anthology/text"
)

// projectFile is anthology.yaml as it is written.
type projectFile struct {
	Book         `yaml:",inline"`
	Contributors []*Contributor  `yaml:"contributors,omitempty"`
	Contents     []contentsEntry `yaml:"contents"`
	Print        PrintSettings   `yaml:"print,omitempty"`
	EPUB         EPUBSettings    `yaml:"epub,omitempty"`
}

// contentsEntry is one item of the contents list: a part with its essays, or the id of an essay
// that belongs to no part.
type contentsEntry struct {
	Part     string   `yaml:"part,omitempty"`
	Subtitle string   `yaml:"subtitle,omitempty"`
	Essays   []string `yaml:"essays,omitempty"`
	essay    string
}

// UnmarshalYAML reads either a bare essay id or a part mapping.
func (c *contentsEntry) UnmarshalYAML(unmarshal func(any) error) error {
	var id string
	if err := unmarshal(&id); err == nil {
		c.essay = id
		return nil
	}
	type plain contentsEntry
	return unmarshal((*plain)(c))
}

// MarshalYAML writes a bare essay id for an essay outside any part.
func (c contentsEntry) MarshalYAML() (any, error) {
	if c.essay != "" {
		return c.essay, nil
	}
	type plain contentsEntry
	return plain(c), nil
}

// Open reads the project in folder dir: anthology.yaml, every essay in its contents and the
// introduction. Every problem found is returned together, as Errors, each naming its file
// (and line and column where there is one).
func Open(dir string) (*Project, error) { return open(dir, false) }

// OpenForEditing opens a project as Open does, except that settings with values no book can
// be built with (an unknown font or trim, a bad price code, printer, paper, size, UUID or
// language tag, an author id that names nobody) do not refuse it: the project opens with them
// as they are, and Problems lists them, so that the editor can fix them in the app. What
// cannot be read at all (YAML that does not parse, a missing essay) still refuses it. The
// CLI's builds use Open and keep failing on them.
func OpenForEditing(dir string) (*Project, error) { return open(dir, true) }

func open(dir string, lenient bool) (*Project, error) {
	// A save interrupted after its commit point is finished before anything is read.
	if root, err := os.OpenRoot(dir); err == nil {
		err := recoverSave(root)
		root.Close()
		if err != nil {
			return nil, &Error{File: display(dir, journalName), Msg: err.Error(), Err: err}
		}
	}
	fsys, closeFS, err := openProjectFS(dir)
	if err != nil {
		return nil, err
	}
	defer closeFS()
	if _, err := fsys.Stat(ProjectFile); errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%s: %w", dir, ErrNotProject)
	}
	p, err := load(fsys, dir, lenient)
	if p != nil {
		p.Dir = dir
		p.fsys = nil // the root closes now; ReadFile opens the folder afresh
	}
	return p, err
}

// LoadFS reads a project from a file system, such as the embedded sample. name is how messages
// refer to the project's folder.
func LoadFS(fsys fs.FS, name string) (*Project, error) {
	pfs, ok := fsys.(projectFS)
	if !ok {
		pfs = wrapFS{fsys}
	}
	return load(pfs, name, false)
}

type wrapFS struct{ fs.FS }

func (w wrapFS) Stat(name string) (fs.FileInfo, error)   { return fs.Stat(w.FS, name) }
func (w wrapFS) ReadFile(name string) ([]byte, error)    { return fs.ReadFile(w.FS, name) }
func (w wrapFS) Open(name string) (fs.File, error)       { return w.FS.Open(name) }
func (w wrapFS) Sub(dir string) (fs.FS, error)           { return fs.Sub(w.FS, dir) }
func (w wrapFS) Glob(pattern string) ([]string, error)   { return fs.Glob(w.FS, pattern) }
func (w wrapFS) ReadDir(n string) ([]fs.DirEntry, error) { return fs.ReadDir(w.FS, n) }

// display joins the project folder and a path inside it, for messages.
func display(dir, name string) string {
	if dir == "" || dir == "." {
		return name
	}
	return filepath.Join(dir, filepath.FromSlash(name))
}

func load(fsys projectFS, dir string, lenient bool) (*Project, error) {
	yamlName := display(dir, ProjectFile)
	data, err := readProjectFile(fsys, yamlName, ProjectFile, MaxProjectBytes)
	if err != nil {
		return nil, err
	}
	var pf projectFile
	doc, warnings, err := decodeYAML(yamlName, data, 0, &pf)
	if err != nil {
		return nil, err
	}
	doc.mark(&pf)
	p := &Project{
		Book:         pf.Book,
		Contributors: pf.Contributors,
		Print:        pf.Print,
		EPUB:         pf.EPUB,
		Warnings:     warnings,
		fsys:         fsys,
		source:       doc,
	}
	p.Warnings = append(p.Warnings, dateWarnings(doc, map[string]string{"$.date": pf.Book.Date, "$.modified": pf.Book.Modified})...)
	var errs Errors
	errs = append(errs, p.checkContributors(doc)...)
	fonts, fontErrs := readFonts(fsys, dir)
	p.Fonts = fonts
	errs = append(errs, fontErrs...)
	settings := p.checkBook(doc) // values a build refuses, which the app lets the editor fix

	// Resolve the contents: which essay files to read, in which order.
	seen := map[string]string{} // id → YAML path of its first mention
	type pending struct {
		essay *Essay
		path  string // YAML path of the mention, for messages
	}
	var todo []pending
	var loose *Part
	for i, entry := range pf.Contents {
		if entry.essay != "" {
			if loose == nil {
				loose = &Part{}
				p.Parts = append(p.Parts, loose)
			}
			e := &Essay{ID: entry.essay}
			loose.Essays = append(loose.Essays, e)
			todo = append(todo, pending{e, fmt.Sprintf("$.contents[%d]", i)})
			continue
		}
		loose = nil
		part := &Part{Title: entry.Part, Subtitle: entry.Subtitle}
		if strings.TrimSpace(part.Title) == "" {
			errs = append(errs, doc.at(fmt.Sprintf("$.contents[%d]", i), "a part needs a title (part: …)"))
		}
		p.Parts = append(p.Parts, part)
		for j, id := range entry.Essays {
			e := &Essay{ID: id}
			part.Essays = append(part.Essays, e)
			todo = append(todo, pending{e, fmt.Sprintf("$.contents[%d].essays[%d]", i, j)})
		}
	}
	var valid []pending
	for _, t := range todo {
		id := t.essay.ID
		switch {
		case !ValidID(id):
			errs = append(errs, doc.at(t.path, fmt.Sprintf("%q is not a valid essay id (letters, digits, '.', '-' and '_'; the file is essays/<id>.md)", id)))
		case seen[id] != "":
			first := doc.at(seen[id], "")
			errs = append(errs, doc.at(t.path, fmt.Sprintf("essay %q is listed twice in the contents (first at line %d)", id, first.Line)))
		default:
			seen[id] = t.path
			t.essay.Path = EssayDir + "/" + id + ".md"
			valid = append(valid, t)
		}
	}

	// Read and parse the essays; parsing uses every core, and each result lands in its own
	// slot, so the outcome does not depend on scheduling.
	essayErrs := make([]error, len(valid))
	essayWarnings := make([][]*Warning, len(valid))
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i, t := range valid {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			essayWarnings[i], essayErrs[i] = readEssay(fsys, dir, t.essay)
			if essayErrs[i] != nil {
				var e *Error
				if errors.As(essayErrs[i], &e) && e.Line == 0 && e.Msg == "file not found" {
					// Say where the missing file is referenced, not only that it is missing.
					ref := doc.at(t.path, "")
					essayErrs[i] = &Error{File: yamlName, Line: ref.Line, Col: ref.Col,
						Msg: fmt.Sprintf("essay %q: %s not found", t.essay.ID, display(dir, t.essay.Path))}
				}
			}
		}()
	}
	wg.Wait()
	for i := range valid {
		errs = appendErr(errs, essayErrs[i])
		p.Warnings = append(p.Warnings, essayWarnings[i]...)
	}

	if p.Book.IntroductionFile != "" {
		if err := checkRelPath(p.Book.IntroductionFile); err != nil {
			errs = append(errs, doc.at("$.introduction", err.Error()))
		} else {
			intro := &Essay{ID: "introduction", Path: path.Clean(p.Book.IntroductionFile)}
			w, err := readEssay(fsys, dir, intro)
			errs = appendErr(errs, err)
			p.Warnings = append(p.Warnings, w...)
			if err == nil {
				p.Introduction = intro
			}
		}
	}
	if p.Book.Cover != "" {
		if err := checkRelPath(p.Book.Cover); err != nil {
			errs = append(errs, doc.at("$.cover", err.Error()))
		} else if info, err := fsys.Stat(path.Clean(p.Book.Cover)); err != nil {
			errs = append(errs, doc.at("$.cover", fmt.Sprintf("cover image %s: %s", p.Book.Cover, describeOpenError(err))))
		} else if err := bounded.Check("cover image", info, MaxImageBytes); err != nil {
			errs = append(errs, doc.at("$.cover", err.Error()))
		}
	}
	settings = append(settings, p.checkAuthors(dir)...)
	if !lenient {
		errs = append(errs, settings...)
	}
	if len(errs) > 0 {
		return nil, errs
	}
	p.Problems = settings
	return p, nil
}

// CheckSettings checks the project's settings again (after the editor changed them) and
// returns what Problems would hold now: the values a build would refuse.
func (p *Project) CheckSettings() Errors {
	doc := p.source
	if doc == nil {
		doc = &yamlDoc{}
	}
	return append(p.checkBook(doc), p.checkAuthors(p.Dir)...)
}

func appendErr(errs Errors, err error) Errors {
	if err == nil {
		return errs
	}
	var list Errors
	if errors.As(err, &list) {
		return append(errs, list...)
	}
	var e *Error
	if errors.As(err, &e) {
		return append(errs, e)
	}
	return append(errs, &Error{Msg: err.Error(), Err: err})
}

func (p *Project) checkContributors(doc *yamlDoc) Errors {
	var errs Errors
	ids := map[string]bool{}
	for i, c := range p.Contributors {
		at := fmt.Sprintf("$.contributors[%d]", i)
		switch {
		case c == nil:
			errs = append(errs, doc.at(at, "empty contributor entry"))
			continue
		case !ValidID(c.ID):
			errs = append(errs, doc.at(at, fmt.Sprintf("contributor id %q is not valid (letters, digits, '.', '-' and '_')", c.ID)))
		case ids[c.ID]:
			errs = append(errs, doc.at(at+".id", fmt.Sprintf("contributor id %q is used twice", c.ID)))
		}
		ids[c.ID] = true
		if strings.TrimSpace(c.Name) == "" {
			errs = append(errs, doc.at(at, fmt.Sprintf("contributor %q has no name", c.ID)))
		}
	}
	// Drop nil entries so the rest of the program never meets them.
	p.Contributors = compact(p.Contributors)
	for i, id := range p.Book.Editors {
		if !ids[id] {
			errs = append(errs, doc.at(fmt.Sprintf("$.editors[%d]", i), fmt.Sprintf("editor %q is not a contributor id (add them under contributors:)", id)))
		}
	}
	return errs
}

func compact(cs []*Contributor) []*Contributor {
	out := cs[:0]
	for _, c := range cs {
		if c != nil {
			out = append(out, c)
		}
	}
	return out
}

func (p *Project) checkBook(doc *yamlDoc) Errors {
	var errs Errors
	if p.Print.Trim != "" {
		if _, err := ParseTrim(p.Print.Trim); err != nil {
			errs = append(errs, doc.at("$.print.trim", err.Error()))
		}
	}
	if p.Print.Font != "" && !knownFont(p.Print.Font) && p.ProjectFamily(p.Print.Font) == "" {
		choices := slices.Concat(Fonts, fontFamilies(p.Fonts))
		errs = append(errs, doc.at("$.print.font", fmt.Sprintf("unknown font %q; choose one of %s (or put its TrueType files in %s/)", p.Print.Font, strings.Join(choices, ", "), FontDir)))
	}
	switch x := p.Print.PDFXStandard(); {
	case slices.Contains(PDFXStandards, x):
	case x == "x3":
		errs = append(errs, doc.at("$.print.pdfx", fmt.Sprintf("pdfx %q is not made; choose x1a (what IngramSpark and KDP take), x4 or none", p.Print.PDFX)))
	default:
		errs = append(errs, doc.at("$.print.pdfx", fmt.Sprintf("pdfx %q: choose x1a, x4 or none", p.Print.PDFX)))
	}
	if n := p.Print.NotePlace(); !slices.Contains(NotePlaces, n) {
		errs = append(errs, doc.at("$.print.notes", fmt.Sprintf("notes %q: choose %s", p.Print.Notes, strings.Join(NotePlaces, " or "))))
	}
	if pc := p.Print.PriceCode; pc != "" && (len(pc) != 5 || strings.Trim(pc, "0123456789") != "") {
		errs = append(errs, doc.at("$.print.price_code", fmt.Sprintf("price code %q: five digits, a currency and the price (51995 is $19.95; 90000 none)", pc)))
	}
	for _, fe := range p.Print.CheckCover() {
		errs = append(errs, doc.at("$.print."+fe.Field, fe.Msg))
	}
	if !knownPrinter(p.Print.Printer) {
		errs = append(errs, doc.at("$.print.printer", fmt.Sprintf("printer %q: choose kdp, ingramspark or none", p.Print.Printer)))
	}
	if p.Print.Paper != "" {
		if err := CheckPaper(p.Print.Paper); err != nil {
			errs = append(errs, doc.at("$.print.paper", err.Error()))
		}
	}
	if p.Print.FontSize != 0 {
		if err := CheckFontSize(p.Print.FontSize); err != nil {
			errs = append(errs, doc.at("$.print.font_size", err.Error()))
		}
	}
	// A wrong ISBN is the editor's to fix in the app: it does not keep the book from opening
	// (it once locked the editor out of the project). The checks call it an error at its
	// place, and the books leave it out until it is right.
	if u := p.Book.Identifiers.UUID; u != "" && !uuidPattern.MatchString(u) {
		errs = append(errs, doc.at("$.identifiers.uuid", fmt.Sprintf("%q is not a UUID (8-4-4-4-12 hexadecimal digits)", u)))
	}
	if p.Book.Language != "" && !validLanguageTag(p.Book.Language) {
		errs = append(errs, doc.at("$.language", fmt.Sprintf("%q is not a language tag (such as en, en-GB, fr)", p.Book.Language)))
	}
	return errs
}

// checkAuthors makes sure every author id of every essay names a contributor.
func (p *Project) checkAuthors(dir string) Errors {
	var errs Errors
	essays := p.Essays()
	if p.Introduction != nil {
		essays = append(essays, p.Introduction)
	}
	for _, e := range essays {
		if e.source == nil {
			continue // not read: its own error is already reported
		}
		for i, id := range e.Meta.Authors {
			if p.Contributor(id) == nil {
				errs = append(errs, e.source.at(fmt.Sprintf("$.authors[%d]", i),
					fmt.Sprintf("author %q is not a contributor id in %s", id, ProjectFile)))
			}
		}
		if !e.Meta.Status.Valid() {
			errs = append(errs, e.source.at("$.status", fmt.Sprintf("unknown status %q; use one of %s", e.Meta.Status, statusList())))
		}
		if pm := e.Meta.Permission; pm != nil && pm.Status != "" && !slices.Contains(PermissionStatuses, pm.Status) {
			errs = append(errs, e.source.at("$.permission.status", fmt.Sprintf("unknown permission status %q; use one of needed, requested, cleared, denied, not-needed", pm.Status)))
		}
		if path, msg := checkQueries(e.Meta.Queries); msg != "" {
			errs = append(errs, e.source.at(path, msg))
		}
	}
	return errs
}

func statusList() string {
	s := make([]string, len(Statuses))
	for i, st := range Statuses {
		s[i] = string(st)
	}
	return strings.Join(s, ", ")
}

// readEssay reads and parses one essay file into e (ID and Path set).
func readEssay(fsys projectFS, dir string, e *Essay) ([]*Warning, error) {
	name := display(dir, e.Path)
	data, err := readProjectFile(fsys, name, e.Path, MaxEssayBytes)
	if err != nil {
		return nil, err
	}
	return parseEssay(name, data, e)
}

// parseEssay fills e from a file's bytes: front matter into Meta, the rest into Body and Doc.
func parseEssay(name string, data []byte, e *Essay) ([]*Warning, error) {
	front, body, bodyLine, hasFront, closed := splitFrontMatter(data)
	if hasFront && !closed {
		return nil, &Error{File: name, Line: 1, Col: 1, Msg: "front matter opened with --- is never closed (add a line --- after it)"}
	}
	var warnings []*Warning
	if hasFront {
		doc, w, err := decodeYAML(name, front, 1, &e.Meta)
		if err != nil {
			return nil, err
		}
		e.source = doc
		warnings = append(warnings, w...)
		dates := map[string]string{"$.date": e.Meta.Date}
		if pm := e.Meta.Permission; pm != nil {
			dates["$.permission.requested"], dates["$.permission.cleared"] = pm.Requested, pm.Cleared
		}
		warnings = append(warnings, dateWarnings(doc, dates)...)
	} else {
		e.source = &yamlDoc{file: name}
	}
	clean, removed := stripControl(string(body))
	if len(removed) > 0 {
		warnings = append(warnings, &Warning{File: name, Msg: fmt.Sprintf("dropped %d control character(s) no book can hold: %s", len(removed), runeList(removed))})
	}
	doc, err := markdown.ParseChecked([]byte(clean))
	if err != nil {
		var ne *markdown.NestingError
		if errors.As(err, &ne) {
			return nil, &Error{File: name, Line: bodyLine + ne.Line - 1, Col: ne.Col, Msg: ne.Error()}
		}
		return nil, &Error{File: name, Msg: err.Error(), Err: err}
	}
	e.Body = clean
	e.BodyLine = bodyLine
	e.Doc = doc
	// A file without a title in its front matter may carry it as its first heading.
	if e.Meta.Title == "" && len(e.Doc.Blocks) > 0 {
		if h, ok := e.Doc.Blocks[0].(*text.Heading); ok && h.Level == 1 {
			e.Meta.Title = text.Plain(h.Content)
			e.Doc.Blocks = e.Doc.Blocks[1:]
			e.Body = strings.TrimLeft(dropFirstHeading(e.Body), "\n")
		}
	}
	e.countWords()
	// What was read counts as saved, even where the model reshaped it (a title taken from the
	// first heading): a save leaves the file alone until the editor changes something.
	e.markSaved()
	return warnings, nil
}

// dropFirstHeading removes the first "# Title" line of a Markdown body.
func dropFirstHeading(body string) string {
	for off := 0; off < len(body); {
		end := strings.IndexByte(body[off:], '\n')
		line := body[off:]
		if end >= 0 {
			line = body[off : off+end]
		}
		if strings.HasPrefix(strings.TrimSpace(line), "# ") {
			if end < 0 {
				return body[:off]
			}
			return body[:off] + body[off+end+1:]
		}
		if end < 0 {
			break
		}
		off += end + 1
	}
	return body
}

func runeList(rs []rune) string {
	seen := map[rune]bool{}
	var parts []string
	for _, r := range rs {
		if !seen[r] {
			seen[r] = true
			parts = append(parts, fmt.Sprintf("U+%04X", r))
		}
	}
	return strings.Join(parts, ", ")
}

var uuidPattern = regexp.MustCompile(`^(?i)(urn:uuid:)?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)

// validLanguageTag accepts BCP 47 tags of the simple kind books use: en, en-GB, zh-Hant-TW.
func validLanguageTag(tag string) bool {
	parts := strings.Split(tag, "-")
	if len(parts[0]) < 2 || len(parts[0]) > 3 {
		return false
	}
	for _, p := range parts {
		if p == "" || len(p) > 8 {
			return false
		}
		for _, r := range p {
			if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
				return false
			}
		}
	}
	return true
}

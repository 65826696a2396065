// Package export builds a project's books into a folder: the one function the command line and
// the desktop app both call. It assembles the edition once, typesets it when a print layout is
// wanted, and writes each file atomically, so that a failure or an interruption never leaves a
// half-written book under its final name.
package export

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/anthology-editor/anthology/anthology"
	"github.com/anthology-editor/anthology/anthology/atomicfile"
	"github.com/anthology-editor/anthology/anthology/check"
	"github.com/anthology-editor/anthology/assets"
	"github.com/anthology-editor/anthology/layout"
	"github.com/anthology-editor/anthology/layout/cover"
	"github.com/anthology-editor/anthology/layout/docx"
	"github.com/anthology-editor/anthology/layout/epub"
	"github.com/anthology-editor/anthology/layout/pdf"
	"github.com/anthology-editor/anthology/layout/typeset"
)

// Format is an output format.
type Format string

// The formats a project exports to.
const (
	EPUB Format = "epub"
	PDF  Format = "pdf"
	// ScreenPDF is the PDF for reading on a screen (bookmarks, linked contents), written beside
	// the print PDF as <book>-screen.pdf.
	ScreenPDF Format = "screen-pdf"
	// Cover is the print-on-demand wraparound cover, sized from the interior's page count.
	Cover Format = "cover"
	// DOCX is a Word manuscript for the authors: the essays' text with the open queries as
	// comments (Options.Essays picks the essays; one essay is written as <essay-id>.docx).
	DOCX Format = "docx"
)

// Progress is where an export is: the stage it has reached and how many of its steps are done
// (Done counts the one starting now; the last event, "done", has Done == Total).
type Progress struct {
	Stage       string
	Done, Total int
}

// FormatInfo describes one format: how the CLI names it, how the app offers it, the file it
// writes and whether it needs the book set into pages.
type FormatInfo struct {
	Format Format
	// Label is the app's description of it; Flag the command line's.
	Label, Flag string
	// Suffix is added to the book's slug for its file: ".epub", "-cover.pdf".
	Suffix string
	// Typeset: the format draws the print pages (the EPUB alone needs them only for its
	// page list, which a cache keeps).
	Typeset bool
	// Default formats are built when none is chosen.
	Default bool
}

// AllFormats are the formats, in the order an export writes them: the one list the CLI's
// --format, the app's export dialog and Build read.
var AllFormats = []FormatInfo{
	{EPUB, "EPUB 3, for e-readers and stores", "epub", ".epub", false, true},
	{PDF, "Print PDF, for the printer (trim size, embedded fonts)", "pdf", ".pdf", true, true},
	{ScreenPDF, "Screen PDF, for reading on screen (bookmarks, links)", "screen-pdf (beside the print PDF)", "-screen.pdf", true, false},
	{Cover, "Print cover: front, spine and back on one sheet", "cover (the print wraparound cover)", "-cover.pdf", true, false},
	{DOCX, "Word manuscript for the authors, with the open queries as comments", "docx (a Word manuscript with the queries as comments; --essay for one)", "-manuscript.docx", false, false},
}

// Formats lists the formats an export builds by default, in order.
var Formats = defaultFormats()

func defaultFormats() []Format {
	var out []Format
	for _, f := range AllFormats {
		if f.Default {
			out = append(out, f.Format)
		}
	}
	return out
}

// Info returns what AllFormats says of f.
func (f Format) Info() (FormatInfo, bool) {
	for _, x := range AllFormats {
		if x.Format == f {
			return x, true
		}
	}
	return FormatInfo{}, false
}

// FormatNames lists the formats' names: "epub, pdf, screen-pdf, cover".
func FormatNames() string {
	var names []string
	for _, f := range AllFormats {
		names = append(names, string(f.Format))
	}
	return strings.Join(names, ", ")
}

// ParseFormats reads a comma-separated list such as "epub,pdf".
func ParseFormats(s string) ([]Format, error) {
	var out []Format
	for _, f := range strings.Split(s, ",") {
		f = strings.ToLower(strings.TrimSpace(f))
		if f == "" {
			continue
		}
		if _, ok := Format(f).Info(); !ok {
			return nil, fmt.Errorf("unknown format %q (choose from %s)", f, FormatNames())
		}
		if !contains(out, Format(f)) {
			out = append(out, Format(f))
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no format given (choose from %s)", FormatNames())
	}
	return out, nil
}

func contains(fs []Format, f Format) bool {
	for _, x := range fs {
		if x == f {
			return true
		}
	}
	return false
}

// Options say what to build and where.
type Options struct {
	OutDir  string
	Formats []Format
	// Flavour is the kind of PDF the pdf format makes: for print or for the screen. (The
	// screen-pdf format is always for the screen.)
	Flavour pdf.Flavour
	// Modified fixes the build timestamp (SOURCE_DATE_EPOCH); zero uses the project's dates.
	Modified time.Time
	// Progress, when set, is told what is happening at each step ("typesetting", "writing
	// book.epub"), and how far along the export is.
	Progress func(Progress)
	// Final refuses to build a book that "anthology check --final" finds errors in.
	Final bool
	// CacheDir keeps the set-page lists an EPUB built alone takes its page list from; empty is
	// the user's cache folder.
	CacheDir string
	// Essays are the ids of the essays a Word manuscript holds; none is every essay.
	Essays []string
	// ReleasePages lets each set page drop its drawing once it is drawn into the PDF's page
	// contents (while the rest of the book is still being set), for a caller that needs only
	// the page count and numbers afterwards (the CLI): a long book is then never held whole.
	// Result.Book keeps the pages, without what was drawn on them.
	ReleasePages bool
}

// ErrNotFinal is returned (wrapped, with the findings) by a final build of a book with errors.
var ErrNotFinal = errors.New("the book is not ready for a final build")

// Result is what a build made.
type Result struct {
	// Files are the paths written, in the order of Options.Formats.
	Files   []string
	Edition *layout.Edition
	Book    *typeset.Book // nil when no print PDF was made
	// PrintPages is the print edition's page count, when the build knew it (a PDF, a cover,
	// an EPUB's page list).
	PrintPages int
	Warnings   []*anthology.Warning
	// Findings are what the editor's checks found.
	Findings []check.Finding
	// CoverSize is the print cover's page size, when one was made.
	CoverSize anthology.Size
}

// Build exports p as opts say.
func Build(ctx context.Context, p *anthology.Project, opts Options) (*Result, error) {
	// A project opened for editing may hold settings no book can be made with: refused here
	// as the loader refuses them for the CLI.
	if len(p.Problems) > 0 {
		return nil, p.Problems
	}
	if len(opts.Formats) == 0 {
		opts.Formats = Formats
	}
	// The steps: checking, assembling, setting the pages (or reading their list from the
	// cache), one write per format, then done.
	total, done := 3+len(opts.Formats)+1, 0
	progress := func(stage string) {
		done++
		if opts.Progress != nil {
			opts.Progress(Progress{Stage: stage, Done: done, Total: total})
		}
	}
	if err := prepareDir(opts.OutDir); err != nil {
		return nil, err
	}
	progress("checking")
	// The build counts the print pages itself (below), so the checks need not estimate them.
	// A final build waits for them; any other runs them beside the build (they only read the
	// project) and reports them with it.
	checked := make(chan struct{})
	var findings []check.Finding
	var checkErr error
	go func() {
		defer close(checked)
		findings, checkErr = runChecks(p, opts.Final, false)
	}()
	waitChecks := func() error {
		<-checked
		return checkErr
	}
	defer waitChecks() // a build that fails early does not leave them running
	if opts.Final {
		if err := waitChecks(); err != nil {
			return nil, err
		}
		if errs, _ := check.Count(findings); errs > 0 {
			var lines []string
			for _, f := range findings {
				if f.Severity == check.Error {
					lines = append(lines, f.String())
				}
			}
			return nil, fmt.Errorf("%w (%d error(s)):\n%s", ErrNotFinal, errs, strings.Join(lines, "\n"))
		}
	}
	progress("assembling")
	ed, err := layout.Assemble(p, layout.Options{Modified: opts.Modified})
	if err != nil {
		return nil, err
	}
	res := &Result{Edition: ed, Warnings: ed.Warnings}
	slug := layout.Slug(ed.Title)

	var pages *pageList // what the EPUB's page list needs of the set book
	var drawing *pdf.Drawing
	if contains(opts.Formats, PDF) || contains(opts.Formats, ScreenPDF) {
		progress("typesetting")
		// The pages are drawn into the PDF's page contents as they are set, on the cores the
		// typesetter leaves idle, and (for the CLI) drop their texts once drawn.
		drawing = pdf.NewDrawing(ed, opts.ReleasePages)
		defer drawing.Close()
		o := typeset.OptionsFor(ed)
		o.PageDone = drawing.Page
		book, err := typeset.Typeset(ctx, ed, o)
		if err != nil {
			return nil, fmt.Errorf("typesetting: %w", err)
		}
		res.Book = book
		if pr, ok := p.Print.PrinterFor(); ok {
			if msg := pr.PageCountProblem(len(book.Pages), p.Print.PaperKind()); msg != "" {
				if opts.Final {
					return nil, fmt.Errorf("%w: %s", ErrNotFinal, msg)
				}
				res.Warnings = append(res.Warnings, p.Locate("$.print", msg))
			}
		}
		res.Warnings = append(res.Warnings, book.Warnings...)
		res.Warnings = append(res.Warnings, book.Notices...)
		if len(book.Warnings) > 0 {
			// A character no bundled font can draw would be missing from the page: refuse
			// rather than print a book whose words are not its authors'.
			var lines []string
			for _, w := range book.Warnings {
				lines = append(lines, w.Error())
			}
			return nil, fmt.Errorf("%w:\n%s", ErrMissingGlyphs, strings.Join(lines, "\n"))
		}
		pages = pageListOf(book)
		if key, err := pageListKey(p, ed); err == nil {
			savePageList(cacheDir(opts), key, pages)
		}
	} else if contains(opts.Formats, EPUB) || contains(opts.Formats, Cover) {
		// An EPUB alone carries the same page list as one built with the PDF, and a cover
		// alone the same spine: from the cache, or from setting the book once (its print-only
		// faults do not stop an EPUB).
		key, kerr := pageListKey(p, ed)
		cached, ok := loadPageList(cacheDir(opts), key)
		if kerr == nil && ok {
			progress("page list from the cache")
			pages = cached
		} else {
			progress("typesetting")
			book, err := typeset.Typeset(ctx, ed, typeset.OptionsFor(ed))
			if err != nil {
				return nil, fmt.Errorf("typesetting the page list: %w", err)
			}
			pages = pageListOf(book)
			if kerr == nil {
				savePageList(cacheDir(opts), key, pages)
			}
		}
	}
	if pages != nil {
		res.PrintPages = pages.Total
	}
	// Every format is written under a temporary name first; only when all of them are whole
	// are they renamed into place, so that a failure or an interruption never leaves a new
	// EPUB beside an old PDF of another build.
	var pending []*atomicfile.Pending
	defer func() {
		for _, p := range pending {
			p.Abort()
		}
	}()
	var names []string
	for _, f := range opts.Formats {
		fi, _ := f.Info()
		name := filepath.Join(opts.OutDir, slug+fi.Suffix)
		if f == DOCX && len(opts.Essays) == 1 {
			name = filepath.Join(opts.OutDir, opts.Essays[0]+".docx")
		}
		progress("writing " + filepath.Base(name))
		var write func(io.Writer) error
		switch f {
		case EPUB:
			eo := epub.Options{}
			if pages != nil {
				eo.PageBreaks, eo.PrintPages = pages.Breaks, pages.Pages
			}
			write = func(w io.Writer) error { return epub.Write(ctx, w, ed, eo) }
		case PDF, ScreenPDF:
			flavour := opts.Flavour
			if f == ScreenPDF {
				flavour = pdf.Screen
			}
			write = func(w io.Writer) error { return drawing.Write(ctx, w, res.Book, flavour) }
		case DOCX:
			essays, err := manuscriptEssays(p, opts.Essays)
			if err != nil {
				return nil, err
			}
			write = func(w io.Writer) error {
				return docx.Write(w, p, essays, docx.Options{Title: ed.Title, Modified: ed.Modified, Lang: p.Book.Lang()})
			}
		case Cover:
			if msg := coverResolution(ed, p.Book.Cover); msg != "" {
				res.Warnings = append(res.Warnings, p.Locate("$.cover", msg))
			}
			if msg := p.Print.CoverTemplateWarning(); msg != "" {
				res.Warnings = append(res.Warnings, p.Locate("$.print.binding", msg))
			}
			write = func(w io.Writer) error {
				rep, err := cover.PrintPDF(w, ed, pages.Total)
				res.CoverSize = rep.Size
				return err
			}
		}
		p, err := prepareFile(name, write)
		if err != nil {
			return nil, err
		}
		pending, names = append(pending, p), append(names, name)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := waitChecks(); err != nil {
		return nil, err
	}
	res.Findings = findings
	for len(pending) > 0 {
		if err := pending[0].Commit(); err != nil {
			pending = pending[1:]
			if len(res.Files) > 0 {
				return nil, fmt.Errorf("writing %s: %w (already in place: %s)", names[0], unwrapPath(err), strings.Join(res.Files, ", "))
			}
			return nil, fmt.Errorf("writing %s: %w", names[0], unwrapPath(err))
		}
		res.Files = append(res.Files, names[0])
		pending, names = pending[1:], names[1:]
	}
	progress("done")
	return res, nil
}

// manuscriptEssays are the essays named by ids (every essay of the book when there are none),
// in the book's order.
func manuscriptEssays(p *anthology.Project, ids []string) ([]*anthology.Essay, error) {
	all := p.Pieces()
	if len(ids) == 0 {
		if len(all) == 0 {
			return nil, errors.New("the book has no essay to write a manuscript of")
		}
		return all, nil
	}
	for _, id := range ids {
		if p.Piece(id) == nil {
			return nil, fmt.Errorf("no essay %q in the book", id)
		}
	}
	var out []*anthology.Essay
	for _, e := range all {
		if slices.Contains(ids, e.ID) {
			out = append(out, e)
		}
	}
	return out, nil
}

// ErrMissingGlyphs is returned when the print edition would leave out characters no bundled
// font has; the message names the essays and the characters.
var ErrMissingGlyphs = errors.New("the print edition cannot draw every character")

// Check runs the editor's checks on p with the print font's real coverage: the loader's
// warnings first, in the order it found them (each with its essay, when it is about one),
// then the settings a build would refuse, then the checks' own findings. The command line's
// check and the app's Checks tab both show this list.
func Check(p *anthology.Project, final bool) ([]check.Finding, error) {
	findings, err := runChecks(p, final, true)
	if err != nil {
		return nil, err
	}
	essays := append(p.Essays(), p.Introduction)
	loaded := make([]check.Finding, 0, len(p.Warnings)+len(findings))
	for _, w := range p.Warnings {
		f := check.Finding{Severity: check.Warning, Code: "file", File: w.File, Line: w.Line, Col: w.Col, Message: w.Msg}
		file := filepath.ToSlash(w.File)
		for _, e := range essays {
			if e != nil && (file == e.Path || strings.HasSuffix(file, "/"+e.Path)) {
				f.Essay = e.ID
				break
			}
		}
		loaded = append(loaded, f)
	}
	return append(loaded, findings...), nil
}

// runChecks runs the checks, with the printer's page limits held to an estimate when
// estimate is set.
func runChecks(p *anthology.Project, final, estimate bool) ([]check.Finding, error) {
	cover, err := typeset.Coverage(p.Print.FontFamily(), p.Fonts)
	if err != nil && len(p.Problems) > 0 {
		// A project opened for editing with an unknown font: its Problems say so; the glyphs
		// are checked against the default face meanwhile.
		cover, err = typeset.Coverage(anthology.DefaultFont, p.Fonts)
	}
	if err != nil {
		return nil, err
	}
	name := p.Print.FontFamily()
	if fam, ok := assets.LookupFamily(name); ok {
		name = fam.Name
	} else if own := p.ProjectFamily(name); own != "" {
		name = own
	}
	// The settings a build would refuse (a project opened for editing keeps them) come first.
	var findings []check.Finding
	for _, e := range p.Problems {
		findings = append(findings, check.Finding{Severity: check.Error, Code: "settings", File: e.File, Line: e.Line, Col: e.Col, Message: e.Msg})
	}
	findings = append(findings, check.Run(p, check.Options{Final: final, Glyphs: cover, FontName: name})...)
	// The printer's page limits, against an estimate: an export counts the pages exactly (and
	// a final one refuses a book past them).
	if pr, ok := p.Print.PrinterFor(); ok && estimate && len(p.Essays()) > 0 {
		n := EstimatePages(p)
		if msg := pr.PageCountProblem(n, p.Print.PaperKind()); msg != "" {
			at := p.Locate("$.print", "about "+strings.TrimPrefix(msg, "the print edition has "))
			findings = append(findings, check.Finding{Severity: check.Warning, Code: "page-count", File: at.File, Line: at.Line, Col: at.Col,
				Message: at.Msg + "; the count is estimated, export says it exactly"})
		}
	}
	return findings, nil
}

// PageBreaks turns a typeset book's pages into the EPUB's page-break markers: for each section,
// the printed pages that begin in it.
func PageBreaks(b *typeset.Book) (map[string][]epub.PageBreak, int) {
	out := map[string][]epub.PageBreak{}
	for _, p := range b.Pages {
		if p.Blank || p.Section == nil {
			continue
		}
		id := p.Start.Section
		if id == "" {
			id = p.Section.ID
		}
		out[id] = append(out[id], epub.PageBreak{Label: p.Label, Block: p.Start.Block, Char: p.Start.Char})
	}
	return out, len(b.Pages)
}

// prepareDir makes the output folder and checks that files can be created in it, so that a
// read-only folder fails before minutes of typesetting rather than after.
func prepareDir(dir string) error {
	if dir == "" {
		return errors.New("no output folder given (--out DIR)")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("cannot create the output folder: %w", unwrapPath(err))
	}
	probe, err := os.CreateTemp(dir, ".anthology-probe-*")
	if err != nil {
		return fmt.Errorf("cannot write into %s: %w", dir, unwrapPath(err))
	}
	probe.Close()
	os.Remove(probe.Name())
	// Temporary files of an export that was killed are removed by the next one.
	if root, err := os.OpenRoot(dir); err == nil {
		atomicfile.RemoveStale(root, ".")
		root.Close()
	}
	return nil
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %w", pe.Path, pe.Err)
	}
	return err
}

// prepareFile writes name through a buffer under a temporary name, for Build to rename into
// place with the other formats.
func prepareFile(name string, write func(io.Writer) error) (*atomicfile.Pending, error) {
	p, err := atomicfile.PreparePath(name, 0o644, func(w io.Writer) error {
		bw := bufio.NewWriterSize(w, 1<<20)
		if err := write(bw); err != nil {
			return err
		}
		return bw.Flush()
	})
	if err != nil {
		if errors.Is(err, context.Canceled) {
			// Keep the cancellation in the error: the app tells an interruption from a failure.
			return nil, fmt.Errorf("%s: interrupted; nothing was written: %w", name, context.Canceled)
		}
		return nil, fmt.Errorf("writing %s: %w", name, unwrapPath(err))
	}
	return p, nil
}

// coverResolution says when the project's cover image prints below 300 pixels an inch on
// the front panel (the trim and its bleed), naming it and its resolution; printers ask for 300.
func coverResolution(ed *layout.Edition, path string) string {
	if ed.Cover == nil {
		return ""
	}
	cfg, _, err := anthology.CheckImage(ed.Cover)
	if err != nil {
		return ""
	}
	art := cover.LayoutFor(ed.Print, 0, false).FrontArt
	wIn, hIn := art.W/72, art.H/72
	ppi := min(float64(cfg.Width)/wIn, float64(cfg.Height)/hIn)
	if ppi >= 300 {
		return ""
	}
	return fmt.Sprintf("the cover image %s is %d × %d pixels: %.0f ppi on the %.3g × %.3g in front panel; printers ask for 300 (%d × %d pixels)",
		path, cfg.Width, cfg.Height, ppi, wIn, hIn, int(wIn*300+0.99), int(hIn*300+0.99))
}

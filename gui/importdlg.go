//go:build !nogui

package gui

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"github.com/anthology-editor/anthology/anthology/importer"
)

// importReview is the dialog that shows what an import found, for the editor to accept, fix
// or skip.
type importReview struct {
	result                                         *importer.Result
	title, subtitle, authors, bio, date, src, part *escEntry
	// cuts shows the page in reading order: what the essay keeps, each block with its Cut
	// button, and what was cut, struck through with its reason and a Restore button.
	cuts   *widget.Accordion // the page, block by block
	dialog dialog.Dialog
	accept func()
	skip   func()
}

func (e *Editor) importDialog() {
	home, _ := os.UserHomeDir()
	e.choose(chooseOptions{title: "Import Essays", accept: "Import", multiple: true, extensions: importer.Formats, folder: home},
		func() {
			d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
				if err != nil || r == nil {
					e.report(err)
					return
				}
				r.Close()
				e.ImportFiles([]string{r.URI().Path()})
			}, e.win)
			d.SetFilter(storage.NewExtensionFileFilter(importer.Formats))
			d.Show()
		},
		func(paths []string) {
			if len(paths) > 0 {
				e.ImportFiles(paths) // the desktop's chooser picks several at once
			}
		})
}

// importFolderDialog imports every file of a folder the importer reads (the Import dialog takes
// one file at a time; a folder of chapters or pages is one step here).
func (e *Editor) importFolderDialog() {
	importFolder := func(dir string) {
		paths, err := importableFiles(dir)
		if err == nil && len(paths) == 0 {
			err = fmt.Errorf("%s holds no file to import (%s)", dir, strings.Join(importer.Formats, ", "))
		}
		if err != nil {
			e.report(err)
			return
		}
		e.ImportFiles(paths)
	}
	home, _ := os.UserHomeDir()
	e.choose(chooseOptions{title: "Import a Folder", accept: "Import", directory: true, folder: home},
		func() { e.fyneFolderOpen(importFolder) },
		func(paths []string) {
			if len(paths) > 0 {
				importFolder(paths[0])
			}
		})
}

// importableFiles lists the files of dir the importer reads, by name.
func importableFiles(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, en := range entries {
		if !en.IsDir() && slices.Contains(importer.Formats, strings.ToLower(filepath.Ext(en.Name()))) && !strings.HasPrefix(en.Name(), ".") {
			out = append(out, filepath.Join(dir, en.Name()))
		}
	}
	return out, nil
}

// ImportFiles reads the files (off the UI goroutine) and shows what each holds, one after
// another, for the editor to add to the book or skip. Files that cannot be read are reported.
func (e *Editor) ImportFiles(paths []string) {
	if len(paths) == 0 {
		return
	}
	progress := dialog.NewCustomWithoutButtons("Importing", container.NewVBox(
		widget.NewLabel(fmt.Sprintf("Reading %s…", plural(len(paths), "file"))), widget.NewProgressBarInfinite()), e.win)
	progress.Show()
	go func() {
		var results []*importer.Result
		var problems []string
		// Read together, so that notes in one file reach the essays of another and a book's
		// package document gives its chapters their authors; a file that fails is read alone.
		if rs, err := safely("importing", func() ([]*importer.Result, error) { return importer.ReadFiles(paths) }); err == nil {
			results = rs
		} else {
			for _, p := range paths {
				rs, err := safely("importing "+p, func() ([]*importer.Result, error) { return importer.ReadFiles([]string{p}) })
				if err != nil {
					problems = append(problems, err.Error())
					continue
				}
				results = append(results, rs...)
			}
		}
		e.do(func() {
			progress.Hide()
			if len(problems) > 0 {
				dialog.ShowError(fmt.Errorf("%s could not be imported:\n%s", plural(len(problems), "file"), strings.Join(problems, "\n")), e.win)
			}
			e.reviewImports(results)
		})
	}()
}

// reviewImports shows the results one at a time.
func (e *Editor) reviewImports(results []*importer.Result) {
	// A part's title page adds its part at once; a notes file and a page of the source
	// edition add nothing of their own (the notes went to their essays).
	for len(results) > 0 && results[0].Kind != importer.KindEssay && results[0].Kind != importer.KindFront {
		if results[0].Kind == importer.KindPart {
			if _, err := e.sess.Import(results[0]); err != nil {
				e.report(err)
			}
		}
		results = results[1:]
	}
	if len(results) == 0 {
		e.review = nil
		return
	}
	r := results[0]
	rest := results[1:]
	rv := &importReview{result: r}
	e.review = rv
	// Escape in any field skips the import, as it closes any dialog.
	entry := func(v, placeholder string) *escEntry {
		en := newEscEntry(false, func() { rv.skip() })
		en.SetText(v)
		en.SetPlaceHolder(placeholder)
		return en
	}
	var names []string
	for _, a := range r.Authors {
		names = append(names, a.Name)
	}
	firstBio := ""
	if len(r.Authors) > 0 {
		firstBio = r.Authors[0].Bio
	}
	rv.title = entry(r.Title, "not found: type the title")
	rv.subtitle = entry(r.Subtitle, "")
	rv.authors = entry(strings.Join(names, ", "), "not found: type the author's name")
	rv.bio = newEscEntry(true, func() { rv.skip() })
	rv.bio.SetText(firstBio)
	rv.bio.SetPlaceHolder("not found")
	rv.bio.Wrapping = fyne.TextWrapWord
	rv.date = entry(r.Date, "not found")
	rv.src = entry(r.Source, "not found")
	rv.part = entry(r.Part, "none: the essay goes to the end of the book")

	found := widget.NewForm(
		widget.NewFormItem("Title", rv.title),
		widget.NewFormItem("Subtitle", rv.subtitle),
		widget.NewFormItem("Author(s)", rv.authors),
		widget.NewFormItem("Bio", rv.bio),
		widget.NewFormItem("Date", rv.date),
		widget.NewFormItem("First published", rv.src),
		widget.NewFormItem("Part", rv.part),
	)
	// Hiding the dialog answers its callback too: only the first answer counts.
	finished := false
	// again applies a decision (a cut taken back, a block cut) and shows the import again.
	again := func(decide func() error) {
		if finished {
			return
		}
		rv.apply()
		if err := decide(); err != nil {
			e.report(err)
			return
		}
		finished = true
		rv.dialog.Hide()
		e.reviewImports(append([]*importer.Result{r}, rest...))
	}
	page, kept := rv.pageBlocks(again)
	notes := hint(strings.Join(r.Notes, "; "))
	rv.cuts = widget.NewAccordion(
		widget.NewAccordionItem(fmt.Sprintf("The page, block by block (%d kept, %d cut)", kept, len(r.Removed)), page),
	)
	rv.cuts.Open(0)
	already := widget.NewLabel("")
	already.Hide()
	if dup := importer.InBook(e.project(), r); dup != nil {
		already.SetText(fmt.Sprintf("“%s” is already in the book (%s): adding it makes a second copy.", dup.Meta.Title, dup.Path))
		already.Importance = widget.WarningImportance
		already.Wrapping = fyne.TextWrapWord
		already.Show()
	}
	content := container.NewVScroll(container.NewVBox(
		hint(fmt.Sprintf("%s (%s, %s words of %s; the rest is listed as cut). Fix what was found, then add the essay to the book; Undo takes it out again.",
			filepath.Base(r.File), r.Format, thousands(r.WordsOut), thousands(r.WordsIn))),
		already,
		found,
		rv.cuts,
		notes,
	))
	rv.accept = func() {
		if finished {
			return
		}
		finished = true
		rv.dialog.Hide()
		rv.apply()
		es, err := e.sess.Import(r)
		if err != nil {
			e.report(err)
		} else if es != nil {
			e.SelectEssay(es.ID)
		}
		e.reviewImports(rest)
	}
	rv.skip = func() {
		if finished {
			return
		}
		finished = true
		rv.dialog.Hide()
		e.reviewImports(rest)
	}
	d := dialog.NewCustomConfirm("Import “"+orDefault(r.Title, filepath.Base(r.File))+"”", "Add to Book", "Skip", content, func(ok bool) {
		if ok {
			rv.accept()
		} else {
			rv.skip()
		}
	}, e.win)
	rv.dialog = d
	// Return in a one-line field adds the essay, so that a fixed title can be taken at once;
	// the title has the focus.
	for _, en := range []*escEntry{rv.title, rv.subtitle, rv.authors, rv.date, rv.src, rv.part} {
		en.OnSubmitted = func(string) { rv.accept() }
	}
	d.Resize(fyne.NewSize(720, 620))
	d.Show()
	e.win.Canvas().Focus(rv.title)
}

// maxReviewBlocks bounds the blocks the review draws (a whole book chapter has thousands of
// paragraphs; past this the body is edited in the essay).
const maxReviewBlocks = 400

// pageBlocks draws the imported page block by block, where each stood: kept blocks plain with
// a Cut button, cut ones struck through under their reason with a Restore button; decide
// takes either decision and shows the import again. It returns the view and the number of
// blocks kept.
func (rv *importReview) pageBlocks(decide func(func() error)) (fyne.CanvasObject, int) {
	r := rv.result
	blocks := r.Review()
	box := container.NewVBox()
	if blocks == nil { // read from JSON: no blocks to decide on, only the text
		body := []rune(r.Body)
		start := string(body[:min(len(body), 700)])
		if len(body) > 700 {
			start += "…"
		}
		l := widget.NewLabel(start)
		l.Wrapping = fyne.TextWrapWord
		box.Add(l)
		return box, 0
	}
	kept := 0
	for n, b := range blocks {
		if b.Kept {
			kept++
		}
		if n == maxReviewBlocks {
			box.Add(hint(fmt.Sprintf("… and %d blocks more: edit them in the essay once it is added.", len(blocks)-n)))
			break
		}
		text := []rune(b.Text)
		if len(text) > 500 {
			text = append(text[:500], '…')
		}
		l := widget.NewLabel(string(text))
		l.Wrapping = fyne.TextWrapWord
		if b.Kept {
			cut := widget.NewButton("Cut", func() { decide(func() error { return r.Cut(b.Index) }) })
			box.Add(container.NewBorder(nil, nil, nil, cut, l))
			continue
		}
		l.TextStyle = fyne.TextStyle{Strikethrough: true}
		l.Importance = widget.LowImportance
		restore := widget.NewButton("Restore", func() { decide(func() error { return r.Restore(b.Index) }) })
		box.Add(container.NewBorder(hint("Cut: "+b.Reason), nil, nil, restore, l))
	}
	if len(blocks) == 0 {
		box.Add(hint("The page has no text."))
	}
	return box, kept
}

// apply writes the editor's fixes into the result.
func (rv *importReview) apply() {
	r := rv.result
	r.Title = strings.TrimSpace(rv.title.Text)
	r.Subtitle = strings.TrimSpace(rv.subtitle.Text)
	r.Date = strings.TrimSpace(rv.date.Text)
	r.Source = strings.TrimSpace(rv.src.Text)
	r.Part = strings.TrimSpace(rv.part.Text)
	bios := map[string]string{}
	for _, a := range r.Authors {
		bios[strings.ToLower(a.Name)] = a.Bio
	}
	var authors []importer.Author
	for i, name := range strings.Split(rv.authors.Text, ",") {
		name = strings.Join(strings.Fields(name), " ")
		if name == "" {
			continue
		}
		a := importer.Author{Name: name, Bio: bios[strings.ToLower(name)]}
		if i == 0 {
			a.Bio = strings.TrimSpace(rv.bio.Text)
		}
		authors = append(authors, a)
	}
	r.Authors = authors
}

func orDefault(s, def string) string {
	if strings.TrimSpace(s) == "" {
		return def
	}
	return s
}

// escEntry is an entry that gives Escape to its dialog (a plain entry swallows it, so a
// dialog with a focused field could not be closed from the keyboard).
type escEntry struct {
	widget.Entry
	onEscape func()
}

func newEscEntry(multiLine bool, onEscape func()) *escEntry {
	e := &escEntry{onEscape: onEscape}
	e.MultiLine = multiLine
	if multiLine {
		e.Wrapping = fyne.TextWrapWord
	}
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey closes the dialog on Escape and types everything else.
func (e *escEntry) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape && e.onEscape != nil {
		e.onEscape()
		return
	}
	e.Entry.TypedKey(k)
}

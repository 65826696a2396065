//go:build !nogui

package gui

import (
	"fmt"
	"path/filepath"
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
	title, subtitle, authors, bio, date, src, part *widget.Entry
	// cuts lists what was cut, each with its Restore button, and the text's beginning.
	cuts   *widget.Accordion
	dialog dialog.Dialog
	accept func()
	skip   func()
}

func (e *Editor) importDialog() {
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
	entry := func(v, placeholder string) *widget.Entry {
		en := widget.NewEntry()
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
	rv.bio = widget.NewMultiLineEntry()
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
	removed := container.NewVBox()
	// Hiding the dialog answers its callback too: only the first answer counts.
	finished := false
	for i, rm := range r.Removed {
		text := strings.Join(strings.Fields(rm.Text), " ")
		if len([]rune(text)) > 140 {
			text = string([]rune(text)[:140]) + "…"
		}
		l := widget.NewLabel(fmt.Sprintf("%s — %s", rm.Reason, text))
		l.Wrapping = fyne.TextWrapWord
		// Taking a cut back puts it into the text where it stood, and shows the import again.
		restore := widget.NewButton("Restore", func() {
			if finished {
				return
			}
			rv.apply()
			if err := r.Restore(i); err != nil {
				e.report(err)
				return
			}
			finished = true
			rv.dialog.Hide()
			e.reviewImports(append([]*importer.Result{r}, rest...))
		})
		removed.Add(container.NewBorder(nil, nil, nil, restore, l))
	}
	if len(r.Removed) == 0 {
		removed.Add(hint("Nothing was cut."))
	}
	notes := hint(strings.Join(r.Notes, "; "))
	body := []rune(r.Body)
	start := string(body[:min(len(body), 700)])
	if len(body) > 700 {
		start += "…"
	}
	preview := widget.NewLabel(start)
	preview.Wrapping = fyne.TextWrapWord
	rv.cuts = widget.NewAccordion(
		widget.NewAccordionItem(fmt.Sprintf("Cut from the page (%d)", len(r.Removed)), removed),
		widget.NewAccordionItem("The essay begins", preview),
	)
	content := container.NewVScroll(container.NewVBox(
		hint(fmt.Sprintf("%s (%s, %s words of %s; the rest is listed as cut). Fix what was found, then add the essay to the book; Undo takes it out again.",
			filepath.Base(r.File), r.Format, thousands(r.WordsOut), thousands(r.WordsIn))),
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
	for _, en := range []*widget.Entry{rv.title, rv.subtitle, rv.authors, rv.date, rv.src, rv.part} {
		en.OnSubmitted = func(string) { rv.accept() }
	}
	d.Resize(fyne.NewSize(720, 620))
	d.Show()
	e.win.Canvas().Focus(rv.title)
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

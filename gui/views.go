//go:build !nogui

package gui

import (
	"fmt"
	"io"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/anthology-editor/anthology/anthology"
	"github.com/anthology-editor/anthology/anthology/atomicfile"
	"github.com/anthology-editor/anthology/anthology/check"
	"github.com/anthology-editor/anthology/assets"
	"github.com/anthology-editor/anthology/layout/stats"
)

// linkButton is a plain, left-aligned button that leads somewhere (to an essay, say).
func linkButton(text string, tapped func()) *widget.Button {
	b := widget.NewButton(text, tapped)
	b.Alignment = widget.ButtonAlignLeading
	b.Importance = widget.LowImportance
	return b
}

func heading(s string) *widget.Label {
	l := widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.Wrapping = fyne.TextWrapWord
	return l
}

func hint(s string) *widget.Label {
	l := widget.NewLabel(s)
	l.Importance = widget.LowImportance
	l.Wrapping = fyne.TextWrapWord
	return l
}

// statusChoices are the statuses as the form shows them.
func statusChoices() []string {
	out := make([]string, len(anthology.Statuses))
	for i, s := range anthology.Statuses {
		out[i] = statusLabel(s)
	}
	return out
}

func statusFromLabel(l string) anthology.Status {
	for _, s := range anthology.Statuses {
		if statusLabel(s) == l {
			return s
		}
	}
	return anthology.StatusDraft
}

// showEssay shows the annotation form of an essay (or the introduction).
func (e *Editor) showEssay(es *anthology.Essay) {
	f := newForm(e)
	s := e.sess
	meta := func(field string, fn func(m *anthology.EssayMeta)) { s.EditEssay(es, field, fn) }
	str := func(field string, get func(m *anthology.EssayMeta) *string) text {
		return text{func() string { return *get(&es.Meta) },
			func(v string) { meta(field, func(m *anthology.EssayMeta) { *get(m) = v }) }}
	}
	title := f.entry("Title", str("title", func(m *anthology.EssayMeta) *string { return &m.Title }))
	subtitle := f.entry("Subtitle (optional)", str("subtitle", func(m *anthology.EssayMeta) *string { return &m.Subtitle }))
	shortTitle := f.entry("For the running heads (optional)", str("short title", func(m *anthology.EssayMeta) *string { return &m.ShortTitle }))
	date := f.entry("1998, 2019-04 or 2019-04-12", str("date", func(m *anthology.EssayMeta) *string { return &m.Date }))
	source := f.entry("Where it first appeared: The Harbor Review, Spring 2019", str("source", func(m *anthology.EssayMeta) *string { return &m.Source }))
	status := f.choice(statusChoices(), func() string { return statusLabel(es.Meta.Status) },
		func(v string) { meta("status", func(m *anthology.EssayMeta) { m.Status = statusFromLabel(v) }) })
	headnote := f.area("The editor's note printed before the essay (Markdown)", 4,
		str("headnote", func(m *anthology.EssayMeta) *string { return &m.Headnote }))
	notes := f.area("Private notes: never printed", 3, str("notes", func(m *anthology.EssayMeta) *string { return &m.Notes }))

	// The text is our own widget: Fyne's Entry lays the whole text out again at every key
	// (40 ms for 2,200 words, seconds for 40,000).
	body := e.essayTextField(f, es, 18)
	body.outer = e.detailScroll
	// The rendered view is the project's own reading of the Markdown (the model every book
	// is made from), not another Markdown parser's.
	lang := func() string { return e.project().LangOf(es) }
	rendered := widget.NewRichText()
	rendered.Wrapping = fyne.TextWrapWord
	render := func() {
		rendered.Segments = renderedEssay(es.DocIn(lang()), e.project().Dir)
		rendered.Refresh()
	}
	speller, spelling := e.spellingPane(es, lang)
	e.speller = speller
	queries, queriesView := e.queriesPane(f, es, body)
	e.queries = queries
	queriesTab := container.NewTabItem(queriesTabTitle(es), queriesView)
	bodyTabs := container.NewAppTabs(
		container.NewTabItem("Markdown", body),
		container.NewTabItem("Rendered", container.NewVScroll(rendered)),
		container.NewTabItem("Spelling", spelling),
		queriesTab,
	)
	e.bodyTabs = bodyTabs
	bodyTabs.OnSelected = func(t *container.TabItem) {
		switch t.Text {
		case "Rendered":
			render()
		case "Spelling":
			speller.check()
		}
	}
	f.onRefresh(func() {
		queries.refresh()
		if t := queriesTabTitle(es); t != queriesTab.Text {
			queriesTab.Text = t
			bodyTabs.Refresh()
		}
		switch bodyTabs.SelectedIndex() {
		case 1:
			render()
		case 2:
			speller.check()
		}
	})
	language := f.entry("The essay's language when it is not the book's: fr, de, la…", str("language", func(m *anthology.EssayMeta) *string { return &m.Language }))

	info := f.label(func() string {
		return fmt.Sprintf("%s words · file %s · permission %s", thousands(e.words.of(es)), es.Path, strings.ReplaceAll(string(es.PermissionState()), "-", " "))
	})
	showInPreview := widget.NewButtonWithIcon("Show in preview", theme.VisibilityIcon(), func() { e.preview.showEssay(es.ID) })

	grid := widget.NewForm(
		widget.NewFormItem("Title", title),
		widget.NewFormItem("Subtitle", subtitle),
		widget.NewFormItem("Short title", shortTitle),
		widget.NewFormItem("Authors", e.peopleEditor(f, "Add an author: pick or type a new name",
			func() []string { return es.Meta.Authors },
			func(ids []string) { s.EditEssay(es, "authors", func(m *anthology.EssayMeta) { m.Authors = ids }) })),
		widget.NewFormItem("Date", date),
		widget.NewFormItem("First published", source),
		widget.NewFormItem("Language", e.languagePicker(language)),
		widget.NewFormItem("Status", status),
	)
	for path, en := range map[string]*sealingEntry{"$.title": title, "$.subtitle": subtitle, "$.short_title": shortTitle,
		"$.date": date, "$.source": source, "$.headnote": headnote, "$.notes": notes, "$.language": language} {
		f.place(path, en)
	}
	f.places[check.Body] = func(offset int) {
		bodyTabs.SelectIndex(0)
		e.focusField(body, offset)
	}
	objs := []fyne.CanvasObject{
		heading(es.Meta.Title), info, showInPreview, grid,
		heading("Headnote"), headnote,
		heading("Editor's notes"), notes,
	}
	if es != e.project().Introduction {
		perms := widget.NewAccordion(widget.NewAccordionItem("Permission to reprint", e.permissionForm(f, es)))
		for path, show := range f.places {
			if strings.HasPrefix(path, "$.permission.") {
				f.places[path] = func(offset int) { perms.Open(0); show(offset) }
			}
		}
		objs = append(objs, perms)
	}
	objs = append(objs, heading("Text"), bodyTabs)
	e.setDetail(f, objs...)
}

// queriesTabTitle is the Queries tab's name, with the number of open queries.
func queriesTabTitle(es *anthology.Essay) string {
	if n := es.OpenQueries(); n > 0 {
		return fmt.Sprintf("Queries (%d)", n)
	}
	return "Queries"
}

// peopleEditor lists contributors (an essay's authors, the book's editors), each removable,
// with a field that picks a contributor by name or creates one. get and set read and change
// the list of contributor ids.
func (e *Editor) peopleEditor(f *form, placeholder string, get func() []string, set func([]string)) fyne.CanvasObject {
	list := container.NewVBox()
	draw := func() {
		list.Objects = nil
		for _, id := range get() {
			name := e.project().ContributorName(id)
			remove := widget.NewButtonWithIcon("", theme.CancelIcon(), func() {
				set(slices.DeleteFunc(slices.Clone(get()), func(x string) bool { return x == id }))
			})
			remove.Importance = widget.LowImportance
			list.Add(container.NewBorder(nil, nil, nil, remove, widget.NewLabel(name)))
		}
		list.Refresh()
	}
	shown := strings.Join(get(), "\x00")
	f.onRefresh(func() {
		if now := strings.Join(get(), "\x00"); now != shown {
			shown = now
			draw()
		}
	})
	draw()

	var names []string
	for _, c := range e.project().Contributors {
		names = append(names, c.Name)
	}
	sort.Strings(names)
	pick := widget.NewSelectEntry(names)
	pick.SetPlaceHolder(placeholder)
	add := func() {
		name := strings.TrimSpace(pick.Text)
		if name == "" {
			return
		}
		c, err := e.sess.AddContributor(name)
		if err != nil {
			e.report(err)
			return
		}
		if !slices.Contains(get(), c.ID) {
			set(append(slices.Clone(get()), c.ID))
		}
		pick.SetText("")
	}
	pick.OnSubmitted = func(string) { add() }
	addButton := widget.NewButtonWithIcon("Add", theme.ContentAddIcon(), add)
	return container.NewVBox(list, container.NewBorder(nil, nil, nil, addButton, pick))
}

// permissionFields are the widgets of an essay's permission record, bound to it through the
// session (so each change can be undone) and refreshed by the form.
type permissionFields struct {
	status                                *widget.Select
	holder, requested, cleared, fee, note *sealingEntry
}

// bindPermission makes the widgets that edit the permission record of the essay cur returns
// (a fixed essay in its form; whichever essay a recycled table row shows).
func (e *Editor) bindPermission(f *form, cur func() *anthology.Essay) permissionFields {
	perm := func(field string, fn func(p *anthology.Permission)) {
		e.sess.EditEssay(cur(), "permission "+field, func(m *anthology.EssayMeta) {
			if m.Permission == nil {
				m.Permission = &anthology.Permission{}
			}
			fn(m.Permission)
			if *m.Permission == (anthology.Permission{}) {
				m.Permission = nil
			}
		})
	}
	get := func(fn func(p *anthology.Permission) string) func() string {
		return func() string {
			if es := cur(); es != nil && es.Meta.Permission != nil {
				return fn(es.Meta.Permission)
			}
			return ""
		}
	}
	field := func(name, placeholder string, at func(p *anthology.Permission) *string) *sealingEntry {
		return f.entry(placeholder, text{get(func(p *anthology.Permission) string { return *at(p) }),
			func(v string) { perm(name, func(p *anthology.Permission) { *at(p) = v }) }})
	}
	var states []string
	for _, st := range anthology.PermissionStatuses {
		states = append(states, string(st))
	}
	pf := permissionFields{
		status: f.choice(states, get(func(p *anthology.Permission) string { return string(p.Status) }),
			func(v string) {
				perm("status", func(p *anthology.Permission) { p.Status = anthology.PermissionStatus(v) })
			}),
		holder:    field("holder", "The author, a publisher, an agent, an estate", func(p *anthology.Permission) *string { return &p.Holder }),
		requested: field("requested", "YYYY-MM-DD", func(p *anthology.Permission) *string { return &p.Requested }),
		cleared:   field("cleared", "YYYY-MM-DD", func(p *anthology.Permission) *string { return &p.Cleared }),
		fee:       field("fee", "$150, none, 2 copies", func(p *anthology.Permission) *string { return &p.Fee }),
		note:      field("note", "", func(p *anthology.Permission) *string { return &p.Note }),
	}
	// With no status set, the essay's state is derived (not needed for an original essay,
	// needed for a reprint): the empty choice says which.
	derived := func() {
		es := cur()
		if es == nil {
			return
		}
		ph := string(es.PermissionState()) + " (unset)"
		if pf.status.PlaceHolder != ph {
			pf.status.PlaceHolder = ph
			pf.status.Refresh()
		}
	}
	derived()
	f.onRefresh(derived)
	return pf
}

// permissionForm edits the essay's permission record.
func (e *Editor) permissionForm(f *form, es *anthology.Essay) fyne.CanvasObject {
	pf := e.bindPermission(f, func() *anthology.Essay { return es })
	for path, en := range map[string]*sealingEntry{"$.permission.holder": pf.holder, "$.permission.requested": pf.requested,
		"$.permission.cleared": pf.cleared, "$.permission.fee": pf.fee, "$.permission.note": pf.note} {
		f.place(path, en)
	}
	return widget.NewForm(
		widget.NewFormItem("Status", pf.status),
		widget.NewFormItem("Rights holder", pf.holder),
		widget.NewFormItem("Requested", pf.requested),
		widget.NewFormItem("Cleared", pf.cleared),
		widget.NewFormItem("Fee", pf.fee),
		widget.NewFormItem("Note", pf.note),
	)
}

// showPart shows a part's title and subtitle and its essays.
func (e *Editor) showPart(i int) {
	p := e.project()
	if i < 0 || i >= len(p.Parts) {
		e.showBook()
		return
	}
	pt := p.Parts[i]
	f := newForm(e)
	errLabel := widget.NewLabel("")
	errLabel.Importance = widget.DangerImportance
	set := func(field string, fn func(x *anthology.Part)) {
		errLabel.SetText("")
		if err := e.sess.EditPart(pt, field, fn); err != nil {
			errLabel.SetText(err.Error())
		}
	}
	title := f.entry("Part title", text{func() string { return pt.Title }, func(v string) { set("title", func(x *anthology.Part) { x.Title = v }) }})
	subtitle := f.entry("Subtitle (optional)", text{func() string { return pt.Subtitle }, func(v string) { set("subtitle", func(x *anthology.Part) { x.Subtitle = v }) }})
	essays := container.NewVBox()
	draw := func() {
		essays.Objects = nil
		for _, es := range pt.Essays {
			id := es.ID
			b := linkButton(es.Meta.Title+" — "+stats.Byline(e.project(), es), func() { e.SelectEssay(id) })
			essays.Add(b)
		}
		essays.Refresh()
	}
	draw()
	f.onRefresh(draw)
	intro := "A part opens on its own page with its number and title."
	if pt.Title == "" {
		intro = "These essays stand outside any part. Give them a title to make them a part."
	}
	del := widget.NewButtonWithIcon("Delete Part…", theme.DeleteIcon(), func() { e.deletePart(indexOfPart(e.project(), pt)) })
	e.setDetail(f, heading("Part "+strconv.Itoa(i+1)), hint(intro),
		widget.NewForm(widget.NewFormItem("Title", title), widget.NewFormItem("Subtitle", subtitle)), errLabel,
		heading("Essays"), essays, del)
}

// showBook shows the book's metadata: title page, copyright page, dedication, cover,
// introduction.
func (e *Editor) showBook() {
	p := e.project()
	f := newForm(e)
	book := func(field string, at func(b *anthology.Book) *string) text {
		return text{func() string { return *at(&e.project().Book) },
			func(v string) { e.sess.EditBook(field, func(b *anthology.Book) { *at(b) = v }) }}
	}
	ent := func(field, placeholder string, at func(b *anthology.Book) *string) *sealingEntry {
		return f.entry(placeholder, book(field, at))
	}
	title := ent("title", "Title", func(b *anthology.Book) *string { return &b.Title })
	subtitle := ent("subtitle", "Subtitle", func(b *anthology.Book) *string { return &b.Subtitle })
	language := ent("language", "en, en-GB, fr…", func(b *anthology.Book) *string { return &b.Language })
	publisher := ent("publisher", "Publisher", func(b *anthology.Book) *string { return &b.Publisher })
	isbnE := ent("EPUB ISBN", "ISBN of the EPUB edition", func(b *anthology.Book) *string { return &b.Identifiers.ISBNEPUB })
	isbnP := ent("print ISBN", "ISBN of the print edition", func(b *anthology.Book) *string { return &b.Identifiers.ISBNPrint })
	uuid := ent("UUID", "derived from title and editors when empty", func(b *anthology.Book) *string { return &b.Identifiers.UUID })
	// The field says at once what is wrong with an ISBN or a date (a wrong check digit was
	// once accepted without a word and then locked the book).
	isbnE.Validator, isbnP.Validator = validISBN, validISBN
	rights := ent("rights", "© 2026 the contributors. All rights reserved.", func(b *anthology.Book) *string { return &b.Rights })
	date := ent("date", "YYYY or YYYY-MM-DD", func(b *anthology.Book) *string { return &b.Date })
	modified := ent("modified", "YYYY-MM-DD: when the text last changed", func(b *anthology.Book) *string { return &b.Modified })
	date.Validator, modified.Validator = validDate, validDate
	description := f.area("The blurb: what stores and reading apps show", 4, book("description", func(b *anthology.Book) *string { return &b.Description }))
	dedication := f.area("For …", 2, book("dedication", func(b *anthology.Book) *string { return &b.Dedication }))
	for path, en := range map[string]*sealingEntry{"$.title": title, "$.subtitle": subtitle, "$.language": language,
		"$.publisher": publisher, "$.identifiers.isbn_epub": isbnE, "$.identifiers.isbn_print": isbnP, "$.identifiers.uuid": uuid,
		"$.rights": rights, "$.date": date, "$.modified": modified, "$.description": description, "$.dedication": dedication} {
		f.place(path, en)
	}
	subjects := f.entry("Essays, Night, Work (comma-separated)", text{
		func() string { return strings.Join(e.project().Book.Subjects, ", ") },
		func(v string) {
			var list []string
			for _, s := range strings.Split(v, ",") {
				if s = strings.TrimSpace(s); s != "" {
					list = append(list, s)
				}
			}
			e.sess.EditBook("subjects", func(b *anthology.Book) { b.Subjects = list })
		}})
	series := f.entry("Series name (optional)", text{
		func() string {
			if s := e.project().Book.Series; s != nil {
				return s.Name
			}
			return ""
		},
		func(v string) {
			e.sess.EditBook("series", func(b *anthology.Book) {
				if strings.TrimSpace(v) == "" {
					b.Series = nil
					return
				}
				if b.Series == nil {
					b.Series = &anthology.Series{}
				}
				b.Series.Name = v
			})
		}})

	editors := e.peopleEditor(f, "Add an editor: pick or type a new name",
		func() []string { return e.project().Book.Editors },
		func(ids []string) { e.sess.EditBook("editors", func(b *anthology.Book) { b.Editors = ids }) })

	cover := f.label(func() string {
		if c := e.project().Book.Cover; c != "" {
			return c
		}
		return "none: a cover is drawn from the title and the editors"
	})
	chooseCover := widget.NewButtonWithIcon("Choose…", theme.FileImageIcon(), e.chooseCover)
	noCover := widget.NewButtonWithIcon("Use a drawn cover", theme.ContentClearIcon(), func() {
		e.sess.EditBook("cover", func(b *anthology.Book) { b.Cover = "" })
	})

	introButton := widget.NewButtonWithIcon("Write an introduction", theme.DocumentCreateIcon(), func() {
		in, err := e.sess.AddIntroduction()
		if err != nil {
			e.report(err)
			return
		}
		e.SelectEssay(in.ID)
	})
	if p.Introduction != nil {
		introButton.SetText("Edit the introduction")
	}

	e.setDetail(f,
		heading("Title page"),
		widget.NewForm(
			widget.NewFormItem("Title", title),
			widget.NewFormItem("Subtitle", subtitle),
			widget.NewFormItem("Edited by", editors),
			widget.NewFormItem("Publisher", publisher),
			widget.NewFormItem("Series", series),
		),
		heading("Copyright page"),
		widget.NewForm(
			widget.NewFormItem("Rights", rights),
			widget.NewFormItem("Published", date),
			widget.NewFormItem("Text last changed", modified),
			widget.NewFormItem("ISBN (EPUB)", isbnE),
			widget.NewFormItem("ISBN (print)", isbnP),
			widget.NewFormItem("UUID", uuid),
			widget.NewFormItem("Language", e.languagePicker(language)),
		),
		heading("Dedication"), dedication,
		heading("Description"), description,
		widget.NewForm(widget.NewFormItem("Subjects", subjects)),
		heading("Cover"), cover, container.NewHBox(chooseCover, noCover),
		heading("Introduction"), introButton,
	)
}

// chooseCover copies an image into the project's images folder and makes it the cover.
func (e *Editor) chooseCover() {
	p := e.project()
	if p.Dir == "" {
		dialog.ShowInformation("Cover", "Save the project to a folder first (File → Save As…): the cover image is kept in it.", e.win)
		return
	}
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			e.report(err)
			return
		}
		defer r.Close()
		name, err := copyIntoProject(p.Dir, "images", r.URI().Path())
		if err != nil {
			e.report(err)
			return
		}
		e.sess.EditBook("cover", func(b *anthology.Book) { b.Cover = name })
	}, e.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".jpg", ".jpeg", ".png"}))
	d.Show()
}

// showContributors shows every contributor, with the form of the one picked.
func (e *Editor) showContributors(id string) {
	p := e.project()
	people := slices.Clone(p.Contributors)
	sort.SliceStable(people, func(i, j int) bool {
		return anthology.SortKey(people[i].SortKey()) < anthology.SortKey(people[j].SortKey())
	})
	var names []string
	ids := map[string]string{}
	for _, c := range people {
		label := c.Name
		if c.Bio == "" {
			label += " (no bio)"
		}
		names = append(names, label)
		ids[label] = c.ID
	}
	f := newForm(e)
	body := container.NewVBox()
	pick := widget.NewSelect(names, nil)
	pick.PlaceHolder = "Pick a contributor"
	pick.OnChanged = func(label string) {
		if cid := ids[label]; cid != "" && cid != id {
			e.showContributors(cid)
		}
	}
	add := widget.NewButtonWithIcon("Add Contributor…", theme.ContentAddIcon(), func() {
		name := widget.NewEntry()
		dialog.ShowForm("Add Contributor", "Add", "Cancel", []*widget.FormItem{widget.NewFormItem("Name", name)}, func(ok bool) {
			if !ok {
				return
			}
			c, err := e.sess.AddContributor(name.Text)
			if err != nil {
				e.report(err)
				return
			}
			e.showContributors(c.ID)
		}, e.win)
	})
	objs := []fyne.CanvasObject{heading("Contributors"), hint(fmt.Sprintf("%s. Everyone with a bio appears on the Contributors page, sorted by sort name.", plural(len(people), "contributor"))),
		container.NewBorder(nil, nil, nil, add, pick), widget.NewSeparator(), body}
	c := p.Contributor(id)
	if c == nil {
		e.setDetail(f, objs...)
		return
	}
	for label, cid := range ids {
		if cid == id {
			pick.Selected = label
		}
	}
	contributor := func(field string, at func(c *anthology.Contributor) *string) *sealingEntry {
		return f.entry("", text{func() string { return *at(c) }, func(v string) {
			e.sess.EditContributor(c, field, func(c *anthology.Contributor) { *at(c) = v })
		}})
	}
	name := contributor("name", func(c *anthology.Contributor) *string { return &c.Name })
	sortName := contributor("sort name", func(c *anthology.Contributor) *string { return &c.SortName })
	sortName.SetPlaceHolder("Okafor, Ruth")
	bio := f.area("A few lines about them (Markdown)", 5, text{func() string { return c.Bio }, func(v string) {
		e.sess.EditContributor(c, "bio", func(c *anthology.Contributor) { c.Bio = v })
	}})
	wrote := container.NewVBox()
	for _, es := range p.EssaysBy(c.ID) {
		eid := es.ID
		b := linkButton(es.Meta.Title, func() { e.SelectEssay(eid) })
		wrote.Add(b)
	}
	if len(wrote.Objects) == 0 {
		wrote.Add(hint("No essays in this book."))
	}
	remove := widget.NewButtonWithIcon("Remove Contributor", theme.DeleteIcon(), func() {
		if err := e.sess.RemoveContributor(c.ID); err != nil {
			e.report(err)
			return
		}
		e.showContributors("")
	})
	body.Objects = []fyne.CanvasObject{
		widget.NewForm(widget.NewFormItem("Name", name), widget.NewFormItem("Sort name", sortName)),
		heading("Bio"), bio, heading("In this book"), wrote, remove,
	}
	e.setDetail(f, objs...)
}

// showSettings shows the print and EPUB settings.
func (e *Editor) showSettings() {
	f := newForm(e)
	ps := func() *anthology.PrintSettings { return &e.project().Print }
	errLabel := widget.NewLabel("")
	errLabel.Importance = widget.DangerImportance
	errLabel.Wrapping = fyne.TextWrapWord
	trim := widget.NewSelectEntry(anthology.TrimNames)
	trim.SetText(ps().TrimSize().String())
	if ps().Trim != "" {
		trim.SetText(ps().Trim)
	}
	trim.OnChanged = func(v string) {
		if _, err := anthology.ParseTrim(v); err != nil {
			errLabel.SetText("Trim size: " + err.Error())
			return
		}
		errLabel.SetText("")
		if v != ps().Trim {
			e.sess.EditPrint("trim size", func(p *anthology.PrintSettings) { p.Trim = v })
		}
	}
	f.onRefresh(func() {
		if ps().Trim != "" && trim.Text != ps().Trim {
			trim.SetText(ps().Trim)
		}
	})
	// The bundled families, shown by their own names and stored by their keys, then the
	// project's own (its fonts/ folder), stored by their names.
	var fonts []string
	keyOf, nameOf := map[string]string{}, map[string]string{}
	for _, fam := range assets.Families {
		fonts = append(fonts, fam.Name)
		keyOf[fam.Name], nameOf[fam.Key] = fam.Key, fam.Name
	}
	for _, ff := range e.sess.Project().Fonts {
		if _, seen := keyOf[ff.Family]; !seen {
			fonts = append(fonts, ff.Family)
			keyOf[ff.Family], nameOf[strings.ToLower(ff.Family)] = ff.Family, ff.Family
		}
	}
	font := f.choice(fonts, func() string { return nameOf[strings.ToLower(ps().FontFamily())] },
		func(v string) { e.sess.EditPrint("font", func(p *anthology.PrintSettings) { p.Font = keyOf[v] }) })
	size := f.entry(strconv.FormatFloat(anthology.DefaultFontSize, 'f', -1, 64), text{func() string { return strconv.FormatFloat(ps().BodySize(), 'f', -1, 64) }, func(v string) {
		n, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
		if err == nil {
			err = anthology.CheckFontSize(n)
		}
		if err != nil {
			errLabel.SetText(fmt.Sprintf("Font size: a number of points from %g to %g", anthology.MinFontSize, anthology.MaxFontSize))
			return
		}
		errLabel.SetText("")
		e.sess.EditPrint("font size", func(p *anthology.PrintSettings) { p.FontSize = n })
	}})
	paper := f.choice(anthology.Papers, func() string { return ps().PaperKind() },
		func(v string) { e.sess.EditPrint("paper", func(p *anthology.PrintSettings) { p.Paper = v }) })
	pdfx := f.choice(anthology.PDFXStandards, func() string { return ps().PDFXStandard() },
		func(v string) { e.sess.EditPrint("PDF/X", func(p *anthology.PrintSettings) { p.PDFX = v }) })
	notes := f.choice(anthology.NotePlaces, func() string { return ps().NotePlace() },
		func(v string) { e.sess.EditPrint("notes", func(p *anthology.PrintSettings) { p.Notes = v }) })
	binding := f.choice(anthology.Bindings, func() string { return ps().BindingKind() },
		func(v string) { e.sess.EditPrint("binding", func(p *anthology.PrintSettings) { p.Binding = v }) })
	spine := f.entry("from the page count", text{func() string {
		if w := ps().SpineWidth; w > 0 {
			return strconv.FormatFloat(w, 'f', -1, 64)
		}
		return ""
	}, func(v string) {
		v = strings.TrimSpace(v)
		n := 0.0
		if v != "" {
			var err error
			if n, err = strconv.ParseFloat(v, 64); err != nil || n <= 0 {
				errLabel.SetText("Spine width: inches, as the printer's cover template gives it (empty: from the page count)")
				return
			}
		}
		next := *ps()
		next.SpineWidth = n
		if fe := next.CheckCover(); len(fe) > 0 {
			errLabel.SetText("Spine width: " + fe[0].Msg)
			return
		}
		errLabel.SetText("")
		e.sess.EditPrint("spine width", func(p *anthology.PrintSettings) { p.SpineWidth = n })
	}})
	recto := f.check("Start every part and essay on a right-hand page", func() bool { return ps().RectoOpeners },
		func(v bool) {
			e.sess.EditPrint("recto openers", func(p *anthology.PrintSettings) { p.RectoOpeners = v })
		})
	drop := f.check("Drop caps: a two-line initial at each essay's start", func() bool { return ps().DropCaps },
		func(v bool) { e.sess.EditPrint("drop caps", func(p *anthology.PrintSettings) { p.DropCaps = v }) })
	bleed := f.check("Bleed: 0.125 in beyond the trim on the outer edges", func() bool { return ps().Bleed },
		func(v bool) { e.sess.EditPrint("bleed", func(p *anthology.PrintSettings) { p.Bleed = v }) })
	embed := f.check("Embed the print font in the EPUB", func() bool { return e.project().EPUB.EmbedFonts },
		func(v bool) { e.sess.EditEPUB("embedded fonts", func(s *anthology.EPUBSettings) { s.EmbedFonts = v }) })
	e.setDetail(f,
		heading("Print edition"),
		widget.NewForm(
			widget.NewFormItem("Trim size", trim),
			widget.NewFormItem("Font", font),
			widget.NewFormItem("Font size (pt)", size),
			widget.NewFormItem("Paper", paper),
			widget.NewFormItem("PDF/X", pdfx),
			widget.NewFormItem("Notes", notes),
			widget.NewFormItem("Binding", binding),
			widget.NewFormItem("Spine width (in)", spine),
		),
		recto, drop, bleed, errLabel,
		heading("EPUB edition"), embed,
		hint("Reading systems use their own fonts unless the book embeds one; embedding adds about 1 MB."),
	)
}

// addFindings lists check findings in box, each with a button that shows its essay (after
// calling before, when set: the export dialog closes itself).
func (e *Editor) addFindings(box *fyne.Container, fs []check.Finding, before func()) {
	errs, warns := check.Count(fs)
	if len(fs) == 0 {
		box.Add(widget.NewLabel("Nothing to report: the book is ready."))
		return
	}
	box.Add(hint(fmt.Sprintf("%s, %s.", plural(errs, "error"), plural(warns, "warning"))))
	for _, fd := range fs {
		line := fd.Severity.String() + ": " + fd.Message
		if fd.Essay != "" {
			if es := e.project().Essay(fd.Essay); es != nil {
				line = es.Meta.Title + " — " + line
			}
		} else if fd.File != "" {
			line = path.Base(fd.File) + " — " + line
		}
		imp := widget.WarningImportance
		if fd.Severity == check.Error {
			imp = widget.DangerImportance
		}
		box.Add(findingRow(line, imp, func() {
			if before != nil {
				before()
			}
			e.showFinding(fd)
		}))
	}
}

// showFinding shows what a finding is about: its essay (or the book's settings) with the
// cursor at its place, in the text or in the field it names.
func (e *Editor) showFinding(fd check.Finding) {
	switch {
	case fd.Essay != "":
		e.SelectEssay(fd.Essay)
	case strings.HasSuffix(fd.File, anthology.ProjectFile):
		e.selectBook()
	default:
		return
	}
	if e.form != nil && fd.Field != "" {
		e.form.reveal(fd.Field, fd.Offset)
	}
}

// cursorField is a text field whose cursor can be put at a byte offset of its text: the
// form's entries and the essay's text.
type cursorField interface {
	fyne.Focusable
	fyne.CanvasObject
	moveCursorTo(int)
}

// focusField scrolls the form to a text field, gives it the focus and puts its cursor at byte
// offset of its text.
func (e *Editor) focusField(en cursorField, offset int) {
	if e.manuscript == nil {
		e.scrollFormTo(en)
	}
	e.win.Canvas().Focus(en)
	en.moveCursorTo(offset)
}

// scrollFormTo scrolls the form so that obj is near its top.
func (e *Editor) scrollFormTo(obj fyne.CanvasObject) {
	drv := fyne.CurrentApp().Driver()
	if content := e.detailScroll.Content; content != nil {
		y := drv.AbsolutePositionForObject(obj).Y - drv.AbsolutePositionForObject(content).Y
		e.detailScroll.ScrollToOffset(fyne.NewPos(0, max(0, y-theme.Padding()*8)))
	}
}

// findingRow is a line of a report (a finding, a permission) in the colour of its importance,
// wrapped, with a Show button that leads to what it is about.
func findingRow(text string, imp widget.Importance, show func()) fyne.CanvasObject {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	l.Importance = imp
	b := widget.NewButtonWithIcon("Show", theme.NavigateNextIcon(), show)
	b.Importance = widget.LowImportance
	return container.NewBorder(nil, nil, nil, b, l)
}

// SavePermissionsCSV writes the permissions log to filename as CSV (the same sheet as the CLI's
// permissions --csv), atomically: an existing file is replaced whole or not at all.
func (e *Editor) SavePermissionsCSV(filename string) error {
	log, _ := stats.Permissions(e.project())
	return atomicfile.WritePath(filename, 0o644, func(w io.Writer) error { return stats.WritePermissionsCSV(w, log) })
}

// savePermissionsDialog asks where to save the permissions log.
func (e *Editor) savePermissionsDialog() {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		// The dialog has created the file; write it ourselves, atomically, by its path.
		name := w.URI().Path()
		w.Close()
		if err := e.SavePermissionsCSV(name); err != nil {
			dialog.ShowError(err, e.win)
			return
		}
		e.status.SetText("Permissions log saved to " + name)
	}, e.win)
	d.SetFileName(anthology.Slug(e.project().Book.Title) + "-permissions.csv")
	d.SetFilter(storage.NewExtensionFileFilter([]string{".csv"}))
	d.Show()
}

// validISBN accepts an empty field or an ISBN-10 or -13 with a right check digit.
func validISBN(s string) error {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	_, err := anthology.NormalizeISBN(s)
	return err
}

// validDate accepts an empty field or a date written as the project writes them.
func validDate(s string) error {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	if _, ok := anthology.ParseDate(s); !ok {
		return fmt.Errorf("%q is not a date: write 2024-05-01, 2024-05 or 2024", s)
	}
	return nil
}

// languageNames are the names the language picker shows for the languages the program
// hyphenates and has the printed words of.
var languageNames = map[string]string{
	"en": "English", "en-us": "English (US)", "en-gb": "English (UK)", "en-uk": "English (UK)",
	"fr": "French — français", "de": "German — Deutsch", "es": "Spanish — español",
	"it": "Italian — italiano", "pt": "Portuguese — português", "nl": "Dutch — Nederlands",
	"sv": "Swedish — svenska", "da": "Danish — dansk", "nb": "Norwegian — norsk bokmål",
	"no": "Norwegian — norsk", "pl": "Polish — polski", "ru": "Russian — русский",
	"uk": "Ukrainian — українська", "el": "Greek — ελληνικά", "la": "Latin — latina",
}

// languagePicker puts a Pick button beside a language field: a menu of the languages the
// program sets (hyphenation, quotation marks, printed words), which fills the field; any
// other BCP 47 tag can still be typed.
func (e *Editor) languagePicker(field *sealingEntry) fyne.CanvasObject {
	var btn *widget.Button
	btn = widget.NewButton("Pick…", func() {
		pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(btn)
		widget.ShowPopUpMenuAtPosition(fyne.NewMenu("", languageMenu(field)...), e.win.Canvas(), pos.Add(fyne.NewPos(0, btn.Size().Height)))
	})
	return container.NewBorder(nil, nil, nil, btn, e.wheelThrough(field))
}

// languageMenu is the picker's menu: one item a language, each writing its tag ("en-GB") into
// the field.
func languageMenu(field *sealingEntry) []*fyne.MenuItem {
	var items []*fyne.MenuItem
	for _, tag := range assets.HyphenationLanguages() {
		if tag == "en-uk" || tag == "no" || tag == "en-us" {
			continue // the same as en-gb, nb and en
		}
		if primary, region, ok := strings.Cut(tag, "-"); ok {
			tag = primary + "-" + strings.ToUpper(region) // as BCP 47 writes it
		}
		name := languageNames[strings.ToLower(tag)]
		if name == "" {
			name = tag
		}
		items = append(items, fyne.NewMenuItem(name+"  ("+tag+")", func() { field.SetText(tag) }))
	}
	return items
}

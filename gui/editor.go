//go:build !nogui

package gui

import (
	"fmt"
	"io/fs"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/anthology-editor/anthology/anthology"
	"github.com/anthology-editor/anthology/anthology/edit"
	"github.com/anthology-editor/anthology/assets"
	"github.com/anthology-editor/anthology/layout"
	"github.com/anthology-editor/anthology/layout/export"
)

// Config says where the editor keeps its files and how it watches the disk.
type Config struct {
	// RecoveryDir keeps unsaved edits until they are saved; "" uses edit.DefaultRecoveryDir.
	RecoveryDir string
	// Sample is the bundled sample (for recovering edits to it); nil uses assets.Sample().
	Sample fs.FS
	// WatchEvery is how often the project's files are checked for changes made elsewhere; 0
	// means every two seconds, below 0 never (tests call CheckDisk).
	WatchEvery time.Duration
	// PreviewDelay is how long after an edit the preview is set again; 0 means 400 ms.
	PreviewDelay time.Duration
	// HoldPreview keeps the first preview from starting until StartPreview: the app starts it
	// once the window is on screen, so that setting a big book does not slow the window down.
	HoldPreview bool
	// Do runs a function on the UI goroutine, from a worker; nil means fyne.Do. Tests queue the
	// functions and run them on the test's goroutine, as the real app would on its own.
	Do func(func())
	// NativeDialogs opens and imports with the desktop's own file chooser (the XDG portal)
	// where the session offers one; false always uses Fyne's. The app sets it (see portal.go).
	NativeDialogs bool
}

// Editor is the main window: the book's outline on the left, the selected piece in the
// middle, the preview on the right.
type Editor struct {
	app  fyne.App
	win  fyne.Window
	cfg  Config
	sess *edit.Session
	// portalOnce asks once whether the session has a file chooser portal (portalOK).
	portalOnce sync.Once
	portalOK   bool

	outline *outline
	detail  *fyne.Container
	// detailScroll scrolls the detail forms; center holds it, or a page that scrolls itself.
	detailScroll *container.Scroll
	center       *fyne.Container
	form         *form
	preview      *preview
	// finder is the open Find and Replace dialog, nil when none is.
	finder *finder
	// speller is the shown essay's Spelling tab, queries its Queries tab, bodyTabs the tabs
	// of its text (nil when no essay is shown).
	speller  *speller
	queries  *queryPane
	bodyTabs *container.AppTabs
	// manuscript is the essay's text filling the window (nil when the book is shown); root
	// is the window's usual content, outline, form and preview.
	manuscript *manuscriptView
	root       fyne.CanvasObject
	// typing is the essay text whose typing the session has not taken yet (flushEdits).
	typing *essayText
	// filter narrows the outline; batchStatus sets the status of every essay it shows.
	filter      *widget.Entry
	batchStatus *widget.Button
	// splits are the outline's and the form's panes, whose offsets the next session keeps.
	splits [2]*container.Split
	status *widget.Label
	words  wordCache

	selected row
	// selectedPart is the part the selection stands for when it is a part's row: a part is
	// followed through moves, undo and redo by itself, not by its place.
	selectedPart *anthology.Part
	// menu items whose state follows the session.
	undoItem, redoItem, saveItem *fyne.MenuItem
	recentMenu                   *fyne.Menu

	// review is the import being reviewed, exporting the last export (tests look at both).
	review    *importReview
	exporting *exportRun

	diskDialog dialog.Dialog
	closing    bool
	stopWatch  chan struct{}
}

// NewEditor builds the window for p in app a (a real app, or fyne's test app in tests).
// Unsaved edits of p found from an earlier session that did not end are offered back.
func NewEditor(a fyne.App, p *anthology.Project, cfg Config) *Editor {
	if cfg.Sample == nil {
		cfg.Sample = assets.Sample()
	}
	if cfg.RecoveryDir == "" {
		cfg.RecoveryDir, _ = edit.DefaultRecoveryDir()
	}
	if cfg.Do == nil {
		cfg.Do = fyne.Do
	}
	if cfg.PreviewDelay == 0 {
		cfg.PreviewDelay = 400 * time.Millisecond
	}
	e := &Editor{app: a, cfg: cfg, words: wordCache{}}
	if cfg.NativeDialogs {
		go e.portalChooser() // asked now, off the UI goroutine: the first Open does not wait
	}
	e.win = a.NewWindow("Anthology")
	e.status = widget.NewLabel("")
	e.status.Truncation = fyne.TextTruncateEllipsis
	e.detail = container.NewVBox()
	e.sess = edit.New(p, edit.Options{RecoveryDir: cfg.RecoveryDir})
	e.outline = newOutline(e)
	e.preview = newPreview(e)

	e.win.SetMainMenu(e.mainMenu())
	e.addShortcuts()
	e.win.SetContent(e.layout())
	// The window opens at the size the editor left it.
	prefs := e.app.Preferences()
	e.win.Resize(fyne.NewSize(float32(prefs.FloatWithFallback(prefWidth, 1280)), float32(prefs.FloatWithFallback(prefHeight, 800))))
	e.win.SetCloseIntercept(e.RequestClose)
	e.win.SetOnDropped(func(_ fyne.Position, uris []fyne.URI) { e.ImportFiles(urisToPaths(uris)) })
	e.attach()
	e.offerRecovery(p)
	e.showProblems()
	if cfg.WatchEvery >= 0 {
		every := cfg.WatchEvery
		if every == 0 {
			every = 2 * time.Second
		}
		e.watch(every)
	}
	return e
}

// StartPreview sets the book for the preview (see Config.HoldPreview).
func (e *Editor) StartPreview() {
	e.cfg.HoldPreview = false
	e.preview.schedule()
}

// do runs f on the UI goroutine.
func (e *Editor) do(f func()) { e.cfg.Do(f) }

// project is the project being edited.
func (e *Editor) project() *anthology.Project { return e.sess.Project() }

// Session is the editing session (tests drive it).
func (e *Editor) Session() *edit.Session { return e.sess }

// Window returns the editor's window.
func (e *Editor) Window() fyne.Window { return e.win }

func (e *Editor) layout() fyne.CanvasObject {
	up := widget.NewButtonWithIcon("", theme.MoveUpIcon(), func() { e.MoveSelected(-1) })
	down := widget.NewButtonWithIcon("", theme.MoveDownIcon(), func() { e.MoveSelected(1) })
	toPart := widget.NewButton("Move to Part…", e.moveToPartDialog)
	addPart := widget.NewButtonWithIcon("Part", theme.ContentAddIcon(), e.addPartDialog)
	remove := widget.NewButtonWithIcon("", theme.ContentRemoveIcon(), e.removeSelected)
	for _, b := range []*widget.Button{up, down, toPart, addPart, remove} {
		b.Importance = widget.LowImportance
	}
	outlineTools := container.NewHBox(up, down, toPart, addPart, remove)
	e.filter = widget.NewEntry()
	e.filter.SetPlaceHolder("Show essays by title, author or status")
	e.filter.OnChanged = func(v string) {
		e.outline.filter = strings.TrimSpace(v)
		e.outline.rebuild()
		e.keepSelection()
		e.updateBatch()
	}
	e.batchStatus = widget.NewButton("Status…", e.batchStatusDialog)
	e.batchStatus.Importance = widget.LowImportance
	e.batchStatus.Disable()
	filterBar := container.NewBorder(nil, nil, nil, e.batchStatus, e.filter)
	left := container.NewBorder(filterBar, outlineTools, nil, nil, container.NewStack(e.outline.keys, e.outline.list))

	toolbar := widget.NewToolbar(
		newToolbarTip(theme.DocumentCreateIcon(), "New anthology (Ctrl+N)", e.newProjectDialog),
		newToolbarTip(theme.FolderOpenIcon(), "Open… (Ctrl+O)", e.openProjectDialog),
		newToolbarTip(theme.DocumentSaveIcon(), "Save (Ctrl+S)", e.Save),
		widget.NewToolbarSeparator(),
		newToolbarTip(theme.ContentUndoIcon(), "Undo (Ctrl+Z)", e.undo),
		newToolbarTip(theme.ContentRedoIcon(), "Redo (Ctrl+Shift+Z)", e.redo),
		widget.NewToolbarSeparator(),
		newToolbarTip(theme.SearchIcon(), "Find and replace in the book (Ctrl+F, Ctrl+H)", func() { e.findDialog(false) }),
		newToolbarTip(theme.FileIcon(), "Import essays from files (Ctrl+Shift+I)", e.importDialog),
		newToolbarTip(theme.DownloadIcon(), "Export the EPUB and the PDF (Ctrl+E)", e.exportDialog),
	)
	e.detailScroll = container.NewVScroll(container.NewPadded(e.detail))
	e.center = container.NewStack(e.detailScroll)
	right := container.NewHSplit(e.center, e.preview.view())
	right.Offset = e.app.Preferences().FloatWithFallback(prefFormSplit, 0.55)
	split := container.NewHSplit(left, right)
	split.Offset = e.app.Preferences().FloatWithFallback(prefOutlineSplit, 0.3)
	e.splits = [2]*container.Split{split, right}
	e.root = container.NewBorder(toolbar, container.NewPadded(e.status), nil, nil, split)
	return e.root
}

// attach wires the window to the session's project: outline, title, status, first selection.
func (e *Editor) attach() {
	e.sess.OnChange(e.changed)
	e.outline.rebuild()
	e.selected = row{}
	e.selectBook()
	if e.form == nil {
		e.showBook()
	}
	e.refreshChrome()
	if !e.cfg.HoldPreview {
		e.preview.schedule()
	}
	if p := e.project(); p.Dir != "" {
		e.addRecent(p.Dir)
	}
}

// setProject replaces the open project (after New, Open, Reload or Recover).
func (e *Editor) setProject(p *anthology.Project, recovered *edit.Recovery) {
	e.sess.Close(false)
	e.sess = edit.New(p, edit.Options{RecoveryDir: e.cfg.RecoveryDir, Recovered: recovered})
	e.outline.folded = map[*anthology.Part]bool{}
	e.words = wordCache{}
	e.form = nil
	e.preview.clear()
	e.attach()
}

// changed runs after every edit, undo, redo and save.
func (e *Editor) changed() {
	// Settings a build would refuse, as they are now: fixing one in a form clears it.
	if p := e.project(); len(p.Problems) > 0 {
		p.Problems = p.CheckSettings()
	}
	e.outline.rebuild()
	if e.form != nil {
		e.form.refresh()
	}
	// The selection may have gone (an undone import): fall back to the book.
	if e.selected.kind == rowEssay && e.project().Essay(e.selected.id) == nil {
		e.selectBook()
	} else {
		e.keepSelection()
	}
	e.refreshChrome()
	e.preview.schedule()
}

// refreshChrome updates the window title, the status line and the menus.
func (e *Editor) refreshChrome() {
	p := e.project()
	where := p.Dir
	if where == "" {
		where = "sample, not saved"
	}
	mark := ""
	if e.sess.Dirty() {
		mark = "• "
	}
	e.win.SetTitle(fmt.Sprintf("%s%s — Anthology (%s)", mark, p.Book.Title, where))

	words := 0
	essays := p.Essays()
	for _, es := range essays {
		words += e.words.of(es)
	}
	pages := e.preview.pageCount()
	pageText := "~" + strconv.Itoa(export.EstimatePages(p)) + " pages (estimated)"
	if pages > 0 {
		pageText = strconv.Itoa(pages) + " pages"
	}
	state := "saved"
	if e.sess.Dirty() {
		state = "unsaved changes (kept safe for recovery)"
		if err := e.sess.RecoveryError(); err != nil {
			state = "unsaved changes — recovery file failed: " + err.Error()
		}
	}
	e.status.SetText(fmt.Sprintf("%s · %s words · %s · %s · %s", plural(len(essays), "essay"), thousands(words), pageText,
		plural(len(p.Contributors), "contributor"), state))

	if e.undoItem != nil {
		e.undoItem.Label = labelOr("Undo", e.sess.UndoLabel())
		e.undoItem.Disabled = !e.sess.CanUndo()
		e.redoItem.Label = labelOr("Redo", e.sess.RedoLabel())
		e.redoItem.Disabled = !e.sess.CanRedo()
		if m := e.win.MainMenu(); m != nil {
			m.Refresh()
		}
	}
}

func labelOr(verb, what string) string {
	if what == "" {
		return verb
	}
	return verb + " " + what
}

// report shows err, if any, in a dialog.
func (e *Editor) report(err error) {
	if err != nil {
		dialog.ShowError(err, e.win)
	}
}

// keepSelection puts the outline's highlight back on the row the editor has selected (the
// essay in the form, the part being edited) after the rows changed under it: a drag, a move,
// undo or redo. The list itself remembers only a row number, which then names another row.
func (e *Editor) keepSelection() {
	p := e.project()
	r := e.selected
	switch r.kind {
	case rowEssay:
		if i, _ := p.Position(r.id); i >= 0 {
			r.part = i
		}
	case rowPart:
		if i := indexOfPart(p, e.selectedPart); i >= 0 {
			r.part = i
		}
	}
	e.selected = r
	e.outline.highlight(e.outline.find(r.key()))
}

// selectRow shows the piece row r stands for.
func (e *Editor) selectRow(r row) {
	e.sess.Seal()
	if r.kind == rowPart && r.part >= 0 && r.part < len(e.project().Parts) {
		e.selectedPart = e.project().Parts[r.part]
	}
	again := e.selected.kind == r.kind && e.selected.id == r.id && r.id != ""
	e.selected = r
	if again && e.form != nil {
		// The same essay selected again (after a move): its form is on screen already.
		e.form.refresh()
		return
	}
	switch r.kind {
	case rowEssay:
		if es := e.project().Essay(r.id); es != nil {
			e.showEssay(es)
			e.preview.showEssay(es.ID)
		}
	case rowIntro:
		if p := e.project(); p.Introduction != nil {
			e.showEssay(p.Introduction)
			e.preview.showEssay(p.Introduction.ID)
		}
	case rowPart:
		e.showPart(r.part)
	case rowContributors:
		e.showContributors("")
	case rowCredits:
		e.showCredits()
	case rowSettings:
		e.showSettings()
	default:
		e.showBook()
	}
}

// selectBook selects the book's own row: title page, copyright, dedication.
func (e *Editor) selectBook() { e.outline.selectKey(row{kind: rowBook, label: bookRowLabel}.key()) }

// SelectEssay selects essay id in the outline (unfolding its part), showing it.
func (e *Editor) SelectEssay(id string) {
	p := e.project()
	if i, _ := p.Position(id); i >= 0 && e.outline.folded[p.Parts[i]] {
		e.outline.folded[p.Parts[i]] = false
		e.outline.rebuild()
	}
	if p.Introduction != nil && p.Introduction.ID == id {
		e.outline.selectKey(row{kind: rowIntro, label: "Introduction"}.key())
		return
	}
	e.outline.selectKey("essay:" + id)
}

// setDetail puts a form in the middle pane.
func (e *Editor) setDetail(f *form, objs ...fyne.CanvasObject) {
	e.form = f
	e.forgetEssayTabs(f)
	passWheel(e.detailScroll, objs...)
	e.detail.Objects = objs
	e.detail.Refresh()
	if len(e.center.Objects) != 1 || e.center.Objects[0] != e.detailScroll {
		e.center.Objects = []fyne.CanvasObject{e.detailScroll}
		e.center.Refresh()
	}
}

// forgetEssayTabs drops the essay's tabs when form f is not the essay's.
func (e *Editor) forgetEssayTabs(f *form) {
	if e.queries != nil && e.queries.form != f {
		e.queries, e.bodyTabs = nil, nil
	}
}

// shownEssay is the essay whose form is shown, or nil.
func (e *Editor) shownEssay() *anthology.Essay {
	if e.queries == nil {
		return nil
	}
	return e.queries.es
}

// setDetailFull fills the middle pane with obj, which scrolls by itself (a page with long
// lists that only draw the rows on screen).
func (e *Editor) setDetailFull(f *form, obj fyne.CanvasObject) {
	e.form = f
	e.forgetEssayTabs(f)
	e.detail.Objects = nil
	e.center.Objects = []fyne.CanvasObject{obj}
	e.center.Refresh()
}

// MoveSelected moves the selected essay or part one place up (-1) or down (+1).
func (e *Editor) MoveSelected(delta int) {
	r := e.selected
	var err error
	switch r.kind {
	case rowEssay:
		if delta < 0 {
			err = e.sess.MoveEssayUp(r.id)
		} else {
			err = e.sess.MoveEssayDown(r.id)
		}
		e.report(err)
		e.SelectEssay(r.id)
	case rowPart:
		to := r.part + delta
		if to < 0 || to >= len(e.project().Parts) {
			return
		}
		e.report(e.sess.MovePart(r.part, to))
		e.outline.selectKey(row{kind: rowPart, part: to}.key())
	}
}

// MoveSelectedToPart moves the selected essay, or the essays selected together (in the order
// of the book, as one step of Undo), to the end of part i.
func (e *Editor) MoveSelectedToPart(i int) {
	if marked := e.outline.markedEssays(); len(marked) > 1 {
		var ids []string
		for _, es := range marked {
			ids = append(ids, es.ID)
		}
		e.report(e.sess.MoveEssaysToPart(ids, i))
		return
	}
	if e.selected.kind != rowEssay {
		return
	}
	id := e.selected.id
	e.report(e.sess.MoveEssayToPart(id, i))
	e.SelectEssay(id)
}

// updateBatch enables Status… when there is something for it to act on: essays selected
// together, or a filter.
func (e *Editor) updateBatch() {
	if e.batchStatus == nil {
		return
	}
	if e.outline.filter != "" || len(e.outline.markedEssays()) > 1 {
		e.batchStatus.Enable()
	} else {
		e.batchStatus.Disable()
	}
}

func (e *Editor) moveToPartDialog() {
	marked := e.outline.markedEssays()
	if e.selected.kind != rowEssay && len(marked) == 0 {
		dialog.ShowInformation("Move to Part", "Select an essay in the outline first (Ctrl+click or Shift+click for several).", e.win)
		return
	}
	p := e.project()
	var names []string
	for i, pt := range p.Parts {
		names = append(names, fmt.Sprintf("%d. %s", i+1, partTitle(pt)))
	}
	choice := newKeyRadio(names)
	if i, _ := p.Position(e.selected.id); i >= 0 {
		choice.SetSelected(names[i])
	}
	var content fyne.CanvasObject = choice
	if len(marked) > 1 {
		content = container.NewVBox(widget.NewLabel(fmt.Sprintf("Move the %d essays selected to:", len(marked))), choice)
	}
	d := dialog.NewCustomConfirm("Move to Part", "Move", "Cancel", content, func(ok bool) {
		if !ok {
			return
		}
		for i, n := range names {
			if n == choice.Selected {
				e.MoveSelectedToPart(i)
			}
		}
	}, e.win)
	// The keyboard: Up and Down choose the part, Return moves, Escape cancels.
	choice.submit = func() { d.Confirm() }
	choice.cancel = d.Hide
	d.Show()
	e.win.Canvas().Focus(choice)
}

// keyRadio is a choice of options the keyboard works: Up and Down change it, Return submits,
// Escape cancels (Fyne's radio group takes the keys only an option at a time, with Space).
type keyRadio struct {
	widget.RadioGroup
	submit, cancel func()
}

func newKeyRadio(options []string) *keyRadio {
	r := &keyRadio{}
	r.Options = options
	r.Required = true
	r.ExtendBaseWidget(r)
	return r
}

// FocusGained and FocusLost: the selection shows where the choice is.
func (r *keyRadio) FocusGained() {}

// FocusLost is part of fyne.Focusable.
func (r *keyRadio) FocusLost() {}

// TypedRune ignores characters.
func (r *keyRadio) TypedRune(rune) {}

// TypedKey changes the choice with Up and Down, submits on Return, cancels on Escape.
func (r *keyRadio) TypedKey(ev *fyne.KeyEvent) {
	at := slices.Index(r.Options, r.Selected)
	switch ev.Name {
	case fyne.KeyUp:
		if at > 0 {
			r.SetSelected(r.Options[at-1])
		}
	case fyne.KeyDown:
		if at < len(r.Options)-1 {
			r.SetSelected(r.Options[at+1])
		}
	case fyne.KeyReturn, fyne.KeyEnter:
		if r.submit != nil {
			r.submit()
		}
	case fyne.KeyEscape:
		if r.cancel != nil {
			r.cancel()
		}
	}
}

// batchStatusDialog sets the status of every essay selected (several, Ctrl+ or Shift+click)
// or else every essay the filtered outline shows, as one step.
func (e *Editor) batchStatusDialog() {
	shown, which := e.batchEssays()
	if len(shown) == 0 {
		return
	}
	choice := widget.NewRadioGroup(statusChoices(), nil)
	choice.SetSelected(statusLabel(anthology.StatusDraft))
	msg := widget.NewLabel(fmt.Sprintf("Set the status of the %s %s to:", plural(len(shown), "essay"), which))
	dialog.ShowCustomConfirm("Set Status", "Set", "Cancel", container.NewVBox(msg, choice), func(ok bool) {
		if ok {
			e.SetStatusOfShown(statusFromLabel(choice.Selected))
		}
	}, e.win)
}

// batchEssays are the essays a batch change acts on: those selected together in the outline,
// or when fewer than two are, those it shows; which says which ("selected", "shown").
func (e *Editor) batchEssays() ([]*anthology.Essay, string) {
	if marked := e.outline.markedEssays(); len(marked) > 1 {
		return marked, "selected"
	}
	return e.outline.shownEssays(), "shown"
}

// SetStatusOfShown gives every essay selected together in the outline, or else every essay it
// shows, the status st, as one step of Undo.
func (e *Editor) SetStatusOfShown(st anthology.Status) {
	shown, _ := e.batchEssays()
	e.sess.EditEssays(fmt.Sprintf("Set the status of %s to %s", plural(len(shown), "essay"), statusLabel(st)), shown,
		func(m *anthology.EssayMeta) { m.Status = st })
}

func (e *Editor) addPartDialog() {
	title := widget.NewEntry()
	title.SetPlaceHolder("Part title")
	subtitle := widget.NewEntry()
	subtitle.SetPlaceHolder("Subtitle (optional)")
	items := []*widget.FormItem{widget.NewFormItem("Title", title), widget.NewFormItem("Subtitle", subtitle)}
	d := dialog.NewForm("Add Part", "Add", "Cancel", items, func(ok bool) {
		if !ok {
			return
		}
		at := len(e.project().Parts)
		if e.selected.kind == rowPart || e.selected.kind == rowEssay {
			at = e.selected.part + 1
		}
		if err := e.sess.AddPart(at, title.Text, subtitle.Text); err != nil {
			e.report(err)
			return
		}
		e.outline.selectKey(row{kind: rowPart, part: at}.key())
	}, e.win)
	// Return in either field adds the part; the title has the focus, so the part can be
	// named and added from the keyboard alone.
	title.OnSubmitted = func(string) { d.Submit() }
	subtitle.OnSubmitted = func(string) { d.Submit() }
	d.Show()
	e.win.Canvas().Focus(title)
}

// removeSelected takes the selected essay out of the contents, or deletes the selected part's
// heading, after asking.
func (e *Editor) removeSelected() {
	r := e.selected
	switch r.kind {
	case rowEssay:
		es := e.project().Essay(r.id)
		if es == nil {
			return
		}
		e.ask("Remove from Contents",
			fmt.Sprintf("Take “%s” out of the book? Its file (%s) stays in the project folder, and Undo puts it back.", es.Meta.Title, es.Path),
			answer{"Cancel", nil}, answer{"Remove", func() { e.report(e.sess.RemoveEssay(r.id)) }})
	case rowPart:
		e.deletePart(r.part)
	}
}

func (e *Editor) deletePart(i int) {
	p := e.project()
	if i < 0 || i >= len(p.Parts) {
		return
	}
	where := "join the part before it"
	if i == 0 {
		where = "stand before the first part, outside any part"
	}
	e.ask("Delete Part",
		fmt.Sprintf("Delete the part “%s”? Its %s keep their place in the book and %s.", partTitle(p.Parts[i]), plural(len(p.Parts[i].Essays), "essay"), where),
		answer{"Cancel", nil}, answer{"Delete Part", func() { e.report(e.sess.DeletePart(i)) }})
}

// Save saves the project, asking for a folder when it has none (the sample).
// undo and redo take back (or redo) the last step, typing not yet handed over included.
func (e *Editor) undo() { e.flushEdits(); e.sess.Undo() }

func (e *Editor) redo() { e.flushEdits(); e.sess.Redo() }

func (e *Editor) Save() {
	e.flushEdits()
	if e.project().Dir == "" {
		e.saveAsDialog()
		return
	}
	if err := e.sess.Save(); err != nil {
		e.report(fmt.Errorf("saving: %w", err))
	}
}

func (e *Editor) mainMenu() *fyne.MainMenu {
	ctrl := fyne.KeyModifierShortcutDefault
	e.saveItem = fyne.NewMenuItem("Save", e.Save)
	e.saveItem.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyS, Modifier: ctrl}
	saveAs := fyne.NewMenuItem("Save As…", e.saveAsDialog)
	saveAs.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyS, Modifier: ctrl | fyne.KeyModifierShift}
	newItem := fyne.NewMenuItem("New…", e.newProjectDialog)
	newItem.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: ctrl}
	open := fyne.NewMenuItem("Open…", e.openProjectDialog)
	open.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyO, Modifier: ctrl}
	e.recentMenu = fyne.NewMenu("Open Recent")
	recent := fyne.NewMenuItem("Open Recent", nil)
	recent.ChildMenu = e.recentMenu
	e.refreshRecentMenu()
	imp := fyne.NewMenuItem("Import…", e.importDialog)
	// Ctrl+I is italic (Format), as in every editor; importing takes Ctrl+Shift+I.
	imp.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyI, Modifier: ctrl | fyne.KeyModifierShift}
	impFolder := fyne.NewMenuItem("Import Folder…", e.importFolderDialog)
	exp := fyne.NewMenuItem("Export…", e.exportDialog)
	exp.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyE, Modifier: ctrl}
	manuscript := fyne.NewMenuItem("Export Word Manuscript…", e.exportManuscriptDialog)
	manuscript.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyE, Modifier: ctrl | fyne.KeyModifierShift}
	answers := fyne.NewMenuItem("Read Authors' Answers…", e.readAnswersDialog)
	quit := fyne.NewMenuItem("Quit", e.RequestClose)
	quit.IsQuit = true
	quit.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyQ, Modifier: ctrl}
	file := fyne.NewMenu("File", newItem, open, recent, fyne.NewMenuItemSeparator(), e.saveItem, saveAs,
		fyne.NewMenuItemSeparator(), imp, impFolder, exp, fyne.NewMenuItemSeparator(), manuscript, answers, fyne.NewMenuItemSeparator(), quit)

	e.undoItem = fyne.NewMenuItem("Undo", e.undo)
	e.undoItem.Shortcut = &fyne.ShortcutUndo{}
	e.redoItem = fyne.NewMenuItem("Redo", e.redo)
	e.redoItem.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyZ, Modifier: ctrl | fyne.KeyModifierShift}
	up := fyne.NewMenuItem("Move Up", func() { e.MoveSelected(-1) })
	up.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyUp, Modifier: fyne.KeyModifierAlt}
	down := fyne.NewMenuItem("Move Down", func() { e.MoveSelected(1) })
	down.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyDown, Modifier: fyne.KeyModifierAlt}
	toPart := fyne.NewMenuItem("Move to Part…", e.moveToPartDialog)
	toPart.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyM, Modifier: ctrl}
	remove := fyne.NewMenuItem("Remove from Contents…", e.removeSelected)
	remove.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyDelete, Modifier: ctrl}
	addPart := fyne.NewMenuItem("Add Part…", e.addPartDialog)
	addPart.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyP, Modifier: ctrl | fyne.KeyModifierShift}
	renamePart := fyne.NewMenuItem("Rename Part…", func() {
		if e.selected.kind == rowPart {
			e.showPart(e.selected.part)
		}
	})
	deletePart := fyne.NewMenuItem("Delete Part…", func() {
		if e.selected.kind == rowPart {
			e.deletePart(e.selected.part)
		}
	})
	findItem := fyne.NewMenuItem("Find…", func() { e.findDialog(false) })
	findItem.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: ctrl}
	replaceItem := fyne.NewMenuItem("Find and Replace…", func() { e.findDialog(true) })
	replaceItem.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyH, Modifier: ctrl}
	askItem := fyne.NewMenuItem("Ask About the Selection…", func() {
		if es := e.shownEssay(); es != nil && e.queries != nil {
			e.askQuery(es, selectedPassage(e.queries.body))
		}
	})
	askItem.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyM, Modifier: ctrl | fyne.KeyModifierShift}
	spelling := fyne.NewMenuItem("Check Spelling", e.checkSpelling)
	spelling.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyX, Modifier: ctrl | fyne.KeyModifierAlt}
	allQueries := fyne.NewMenuItem("Queries in the Book…", e.bookQueries)
	allQueries.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyQ, Modifier: ctrl | fyne.KeyModifierShift}
	cut := fyne.NewMenuItem("Cut", e.clipboardAction(func(c fyne.Clipboard) fyne.Shortcut { return &fyne.ShortcutCut{Clipboard: c} }))
	copyItem := fyne.NewMenuItem("Copy", e.clipboardAction(func(c fyne.Clipboard) fyne.Shortcut { return &fyne.ShortcutCopy{Clipboard: c} }))
	paste := fyne.NewMenuItem("Paste", e.clipboardAction(func(c fyne.Clipboard) fyne.Shortcut { return &fyne.ShortcutPaste{Clipboard: c} }))
	editMenu := fyne.NewMenu("Edit", e.undoItem, e.redoItem, fyne.NewMenuItemSeparator(), cut, copyItem, paste,
		fyne.NewMenuItemSeparator(), findItem, replaceItem,
		fyne.NewMenuItemSeparator(), spelling, askItem, allQueries,
		fyne.NewMenuItemSeparator(), up, down, toPart, remove,
		fyne.NewMenuItemSeparator(), addPart, renamePart, deletePart)

	prev := fyne.NewMenuItem("Previous Page", func() { e.preview.turn(-1) })
	prev.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyPageUp, Modifier: ctrl}
	next := fyne.NewMenuItem("Next Page", func() { e.preview.turn(1) })
	next.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyPageDown, Modifier: ctrl}
	jump := fyne.NewMenuItem("Show Selected Essay in Preview", func() {
		if e.selected.kind == rowEssay || e.selected.kind == rowIntro {
			e.preview.showEssay(e.selected.id)
		}
	})
	jump.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyJ, Modifier: ctrl}
	write := fyne.NewMenuItem("Manuscript Editor", func() {
		if e.manuscript != nil {
			e.closeManuscript()
		} else {
			e.openManuscript(e.shownEssay())
		}
	})
	write.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: ctrl | fyne.KeyModifierShift}
	check := fyne.NewMenuItem("Check the Book", e.showCredits)
	view := fyne.NewMenu("View", write, fyne.NewMenuItemSeparator(), prev, next, jump, fyne.NewMenuItemSeparator(), check)
	about := fyne.NewMenuItem("About Anthology", e.showAbout)
	keys := fyne.NewMenuItem("Keyboard Shortcuts", e.showShortcuts)
	keys.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeySlash, Modifier: ctrl}
	guide := fyne.NewMenuItem("User Guide", e.showGuide)
	help := fyne.NewMenu("Help", guide, keys, about)
	return fyne.NewMainMenu(file, editMenu, e.formatMenu(), view, help)
}

// addShortcuts registers the menus' shortcuts on the canvas too (the menu shows them; the
// canvas is what receives them where no menu bar is drawn, as in tests), and Ctrl+Y for redo.
func (e *Editor) addShortcuts() {
	c := e.win.Canvas()
	for _, m := range e.win.MainMenu().Items {
		for _, it := range m.Items {
			if it.Shortcut == nil || it.Action == nil {
				continue
			}
			action := it.Action
			c.AddShortcut(it.Shortcut, func(fyne.Shortcut) { action() })
		}
	}
	c.AddShortcut(&fyne.ShortcutRedo{}, func(fyne.Shortcut) { e.redo() })
}

// RequestClose closes the window, asking first when there are unsaved changes.
func (e *Editor) RequestClose() { e.flushEdits(); e.whenSaved(e.close) }

func (e *Editor) close() {
	e.closing = true
	e.remember()
	if e.stopWatch != nil {
		close(e.stopWatch)
		e.stopWatch = nil
	}
	e.preview.stop()
	e.sess.Close(false)
	e.win.Close()
}

// The preferences the window keeps between sessions.
const (
	prefWidth, prefHeight           = "window.width", "window.height"
	prefOutlineSplit, prefFormSplit = "window.outline_split", "window.form_split"
)

// remember keeps the window's size and its panes' splits for the next session.
func (e *Editor) remember() {
	prefs := e.app.Preferences()
	if sz := e.win.Canvas().Size(); sz.Width > 200 && sz.Height > 200 {
		prefs.SetFloat(prefWidth, float64(sz.Width))
		prefs.SetFloat(prefHeight, float64(sz.Height))
	}
	if e.splits[0] != nil {
		prefs.SetFloat(prefOutlineSplit, e.splits[0].Offset)
		prefs.SetFloat(prefFormSplit, e.splits[1].Offset)
	}
}

// offerRecovery asks whether to bring back edits that an earlier session did not save.
func (e *Editor) offerRecovery(p *anthology.Project) {
	r, err := edit.FindRecovery(e.cfg.RecoveryDir, p.Dir, p.Book.Title)
	if err != nil {
		e.report(fmt.Errorf("looking for unsaved edits: %w", err))
		return
	}
	if r == nil {
		return
	}
	// Until the editor answers, this session leaves the recovery file alone.
	e.sess.SuspendRecovery()
	var names []string
	for name := range r.Files {
		if name == anthology.ProjectFile {
			name += " (the contents, the book's details, the contributors)"
		}
		names = append(names, name)
	}
	sort.Strings(names)
	msg := fmt.Sprintf("Anthology did not close normally. Edits to “%s” made until %s were never saved:\n\n%s\n\nRecover them? (Discard keeps the files on disk as they are.)",
		r.Title, r.Written.Local().Format("2 Jan 2006 15:04:05"), strings.Join(names, "\n"))
	e.ask("Recover Unsaved Edits", msg,
		answer{"Discard", func() {
			e.report(r.Discard())
			e.sess.ResumeRecovery()
		}},
		answer{"Recover", func() {
			q, err := r.Open(e.cfg.Sample)
			if err != nil {
				e.report(fmt.Errorf("the unsaved edits cannot be read back: %w", err))
				e.sess.ResumeRecovery()
				return
			}
			e.setProject(q, r)
		}})
}

// watch checks the project's files for changes made elsewhere, every interval.
func (e *Editor) watch(every time.Duration) {
	stop := make(chan struct{})
	e.stopWatch = stop
	go func() {
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				e.do(e.CheckDisk)
			}
		}
	}()
}

// CheckDisk warns when files of the open project were changed on disk by something else.
func (e *Editor) CheckDisk() {
	if e.closing || e.diskDialog != nil {
		return
	}
	changed := e.sess.ChangedOnDisk()
	if len(changed) == 0 {
		return
	}
	unsaved := ""
	if e.sess.Dirty() {
		unsaved = " Reloading loses your unsaved changes."
	}
	msg := fmt.Sprintf("These files of the project changed on disk since you opened or saved them:\n\n%s\n\nReload them from disk, or keep the version open here (your next save writes it over them)?%s",
		strings.Join(changed, "\n"), unsaved)
	e.diskDialog = e.ask("Files Changed on Disk", msg,
		answer{"Keep Mine", func() {
			e.diskDialog = nil
			e.sess.KeepMine()
		}},
		answer{"Reload from Disk", func() {
			e.diskDialog = nil
			p, err := anthology.OpenForEditing(e.project().Dir)
			if err != nil {
				e.report(fmt.Errorf("reloading: %w", err))
				e.sess.KeepMine()
				return
			}
			e.setProject(p, nil)
		}})
}

func urisToPaths(uris []fyne.URI) []string {
	var out []string
	for _, u := range uris {
		if u.Scheme() == "file" {
			out = append(out, u.Path())
		}
	}
	return out
}

// wordCache counts each essay's words once per version of its text.
type wordCache map[*anthology.Essay]wordCount

type wordCount struct {
	body  any // the parsed text counted
	words int
}

func (c wordCache) of(es *anthology.Essay) int {
	if wc, ok := c[es]; ok && wc.body == any(es.Doc) {
		return wc.words
	}
	n := es.Words()
	c[es] = wordCount{body: es.Doc, words: n}
	return n
}

func (e *Editor) byline(es *anthology.Essay) string {
	var names []string
	for _, id := range es.Meta.Authors {
		if c := e.project().Contributor(id); c != nil {
			names = append(names, c.Name)
		}
	}
	words, _ := layout.WordsFor(e.project().Book.Lang(), e.project().Book.Words)
	return words.Join(names) // "A and B", as the book prints it
}

func statusLabel(s anthology.Status) string {
	if s == "" {
		s = anthology.StatusDraft
	}
	return strings.ReplaceAll(string(s), "-", " ")
}

// thousands writes n with thousands separators: 12,345.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

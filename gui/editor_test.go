//go:build !nogui

package gui

import (
	"context"
	"errors"
	"image"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/anthology-editor/anthology/anthology"
	"github.com/anthology-editor/anthology/anthology/edit/edittest"
	"github.com/anthology-editor/anthology/assets"
	"github.com/anthology-editor/anthology/layout/export"
	"github.com/anthology-editor/anthology/layout/validate"
)

// harness is an editor in fyne's test app. Work the editor hands back to the UI goroutine is
// queued and run by pump on the test's goroutine, as the real app runs it on its own.
type harness struct {
	t     *testing.T
	e     *Editor
	queue chan func()
	cfg   Config
}

func newHarness(t *testing.T, p *anthology.Project) *harness {
	t.Helper()
	a := test.NewTempApp(t)
	h := &harness{t: t, queue: make(chan func(), 4096)}
	h.cfg = Config{RecoveryDir: t.TempDir(), WatchEvery: -1, PreviewDelay: time.Millisecond, Do: func(f func()) { h.queue <- f }}
	h.e = NewEditor(a, p, h.cfg)
	h.e.win.Resize(fyne.NewSize(1280, 800))
	t.Cleanup(func() {
		h.e.preview.stop()
		h.e.sess.Flush() // the recovery writer must be done before the folder goes
	})
	return h
}

// pump runs queued UI work until cond holds, failing after a minute.
func (h *harness) pump(what string, cond func() bool) {
	h.t.Helper()
	deadline := time.After(time.Minute)
	for !cond() {
		select {
		case f := <-h.queue:
			f()
		case <-deadline:
			h.t.Fatalf("timed out waiting for %s", what)
		}
	}
}

// settle runs queued UI work until the preview has set the book after the latest change.
func (h *harness) settle() {
	h.t.Helper()
	before := h.e.preview.sets
	h.pump("the preview", func() bool { return h.e.preview.sets > before })
}

// shortcut types a keyboard shortcut on the window: it reaches the canvas's shortcut handler,
// as the real driver passes it on when no menu bar took it. (The test canvas wraps the
// software canvas that holds the handler.)
func (h *harness) shortcut(s fyne.Shortcut) {
	h.t.Helper()
	var c any = h.e.win.Canvas()
	if _, ok := c.(fyne.Shortcutable); !ok {
		v := reflect.ValueOf(c)
		if v.Kind() == reflect.Pointer && v.Elem().Kind() == reflect.Struct && v.Elem().NumField() > 0 {
			c = v.Elem().Field(0).Interface()
		}
	}
	sc, ok := c.(fyne.Shortcutable)
	if !ok {
		h.t.Fatalf("the test canvas (%T) takes no shortcuts", c)
	}
	sc.TypedShortcut(s)
}

// sampleFS is the bundled sample.
func sampleFS() fs.FS { return assets.Sample() }

// walk visits every object in the window, overlays (dialogs) included.
func walk(c fyne.Canvas, visit func(fyne.CanvasObject)) {
	var rec func(o fyne.CanvasObject)
	rec = func(o fyne.CanvasObject) {
		if o == nil || !o.Visible() {
			return
		}
		visit(o)
		switch x := o.(type) {
		case *fyne.Container:
			for _, c := range x.Objects {
				rec(c)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(x).Objects() {
				rec(c)
			}
		}
	}
	rec(c.Content())
	for _, o := range c.Overlays().List() {
		rec(o)
	}
}

// entryWithPlaceholder finds the text field with the given placeholder.
func (h *harness) entryWithPlaceholder(ph string) *sealingEntry {
	h.t.Helper()
	var found *sealingEntry
	walk(h.e.win.Canvas(), func(o fyne.CanvasObject) {
		if en, ok := o.(*sealingEntry); ok && en.PlaceHolder == ph {
			found = en
		}
	})
	if found == nil {
		h.t.Fatalf("no field %q on screen", ph)
	}
	return found
}

// button finds the button with the given text on screen (dialogs included).
func (h *harness) button(text string) fyne.Tappable {
	h.t.Helper()
	b := findButton(h.e.win.Canvas(), text)
	if b == nil {
		h.t.Fatalf("no button %q on screen", text)
	}
	return b
}

func findButton(c fyne.Canvas, text string) fyne.Tappable {
	var found fyne.Tappable
	walk(c, func(o fyne.CanvasObject) {
		switch b := o.(type) {
		case *widget.Button:
			if b.Text == text {
				found = b
			}
		case *keyButton:
			if b.Text == text {
				found = b
			}
		}
	})
	return found
}

func TestOutlineShowsTheBook(t *testing.T) {
	h := newHarness(t, edittest.SampleCopy(t))
	var labels []string
	for _, r := range h.e.outline.rows {
		switch r.kind {
		case rowPart:
			labels = append(labels, "part:"+partTitle(h.e.project().Parts[r.part]))
		case rowEssay:
			labels = append(labels, "essay:"+r.id)
		default:
			labels = append(labels, r.label)
		}
	}
	want := "Front matter|Title, copyright & dedication|Introduction|Contents|part:Keeping Watch|essay:the-night-nurse|" +
		"essay:the-lighthouse-log|essay:notes-from-the-night-desk|part:Making Ready|essay:bread-before-dawn|" +
		"essay:two-voices-on-the-last-bus|essay:what-the-dark-is-for|Back matter|Contributors|Credits & permissions|Edition|Print & EPUB settings"
	if got := strings.Join(labels, "|"); got != want {
		t.Errorf("outline:\n got %s\nwant %s", got, want)
	}
	// Each essay row shows its word count and status badge.
	h.e.outline.list.Refresh()
	found := false
	for w, id := range h.e.outline.visible {
		if id < len(h.e.outline.rows) && h.e.outline.rows[id].id == "the-lighthouse-log" && w.row == id {
			found = true
			if !strings.HasSuffix(w.info.Text, " w") || !w.badge.Visible() || w.badgeT.Text == "" {
				t.Errorf("essay row shows words %q, badge %v %q", w.info.Text, w.badge.Visible(), w.badgeT.Text)
			}
		}
	}
	if !found {
		t.Error("the essay's row is not on screen")
	}
	if !strings.Contains(h.e.status.Text, "6 essays") || !strings.Contains(h.e.status.Text, "words") || !strings.Contains(h.e.status.Text, "pages") {
		t.Errorf("status line: %q", h.e.status.Text)
	}
}

// TestKeyboardMoveEditUndoRedoSaveReload is the walk through the real widgets: move an
// essay to the other part with the keyboard, edit a headnote, undo, redo, save, reload.
func TestKeyboardMoveEditUndoRedoSaveReload(t *testing.T) {
	p := edittest.SampleCopy(t)
	h := newHarness(t, p)
	e := h.e
	e.outline.list.Select(e.outline.find("essay:notes-from-the-night-desk"))
	if e.selected.id != "notes-from-the-night-desk" {
		t.Fatalf("selecting the row selected %+v", e.selected)
	}
	h.shortcut(&desktop.CustomShortcut{KeyName: fyne.KeyDown, Modifier: fyne.KeyModifierAlt})
	if got := edittest.Order(p); got != edittest.MovedOrder {
		t.Fatalf("Alt+Down: %s", got)
	}
	if e.outline.rows[e.outline.find("essay:notes-from-the-night-desk")].part != 1 {
		t.Error("the outline does not show the essay in the second part")
	}

	e.SelectEssay("the-night-nurse")
	headnote := h.entryWithPlaceholder("The editor's note printed before the essay (Markdown)")
	old := headnote.Text
	e.win.Canvas().Focus(headnote)
	headnote.CursorRow, headnote.CursorColumn = 0, 0
	test.Type(headnote, "Read this first. ")
	es := p.Essay("the-night-nurse")
	if want := "Read this first. " + old; es.Meta.Headnote != want {
		t.Fatalf("typed headnote %q, want %q", es.Meta.Headnote, want)
	}
	if !strings.HasPrefix(e.win.Title(), "• ") {
		t.Errorf("title does not mark unsaved changes: %q", e.win.Title())
	}
	h.shortcut(&fyne.ShortcutUndo{})
	if es.Meta.Headnote != old || headnote.Text != old {
		t.Fatalf("undo: headnote %q, field %q", es.Meta.Headnote, headnote.Text)
	}
	h.shortcut(&desktop.CustomShortcut{KeyName: fyne.KeyZ, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift})
	if want := "Read this first. " + old; es.Meta.Headnote != want || headnote.Text != want {
		t.Fatalf("redo: headnote %q, field %q", es.Meta.Headnote, headnote.Text)
	}
	h.shortcut(&desktop.CustomShortcut{KeyName: fyne.KeyS, Modifier: fyne.KeyModifierShortcutDefault})
	if e.sess.Dirty() || strings.HasPrefix(e.win.Title(), "• ") {
		t.Error("still unsaved after Ctrl+S")
	}

	q, err := anthology.Open(p.Dir)
	if err != nil {
		t.Fatal(err)
	}
	if got := edittest.Order(q); got != edittest.MovedOrder {
		t.Errorf("reloaded order: %s", got)
	}
	if got := q.Essay("the-night-nurse").Meta.Headnote; got != "Read this first. "+old {
		t.Errorf("reloaded headnote %q", got)
	}
	// And a new window on the reloaded project shows the new order.
	h2 := newHarness(t, q)
	i, j := h2.e.outline.find("part:1"), h2.e.outline.find("essay:notes-from-the-night-desk")
	if i < 0 || j != i+1 {
		t.Errorf("reopened outline puts the essay at row %d, the second part at %d", j, i)
	}
}

// drag drags row src over row dst and drops it there, in the top or bottom half of dst. The
// pointer moves in steps, as a mouse does; each event's position is the pointer's, relative
// to the dragged row.
func (h *harness) drag(src, dst string, lowerHalf bool) {
	h.t.Helper()
	o := h.e.outline
	h.e.win.Canvas().Refresh(o.list)
	s, d := o.find(src), o.find(dst)
	var from, to *rowWidget
	for w, id := range o.visible {
		if w.row != id {
			continue
		}
		switch id {
		case s:
			from = w
		case d:
			to = w
		}
	}
	if from == nil || to == nil {
		h.t.Fatalf("rows %s and %s are not both on screen", src, dst)
	}
	drv := fyne.CurrentApp().Driver()
	frac := float32(0.25)
	if lowerHalf {
		frac = 0.75
	}
	dy := drv.AbsolutePositionForObject(to).Y + to.Size().Height*frac - drv.AbsolutePositionForObject(from).Y
	step := float32(15)
	if dy < 0 {
		step = -15
	}
	for y := float32(4); (step > 0 && y < dy) || (step < 0 && y > dy); y += step {
		from.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(20, y)}, Dragged: fyne.NewDelta(0, step)})
	}
	from.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(20, dy)}})
	if o.drop != d || o.dropAfter != lowerHalf {
		h.t.Fatalf("drop marker on row %d (after %v), want %d (after %v)", o.drop, o.dropAfter, d, lowerHalf)
	}
	from.DragEnd()
}

// TestDragAndDrop moves essays and parts by dragging their rows.
func TestDragAndDrop(t *testing.T) {
	tests := []struct {
		name, src, dst string
		lower          bool
		want           string
	}{
		{"essay after an essay of the other part", "essay:the-night-nurse", "essay:two-voices-on-the-last-bus", true,
			"Keeping Watch: the-lighthouse-log notes-from-the-night-desk | Making Ready: bread-before-dawn two-voices-on-the-last-bus the-night-nurse what-the-dark-is-for"},
		{"essay before an essay of the other part", "essay:the-night-nurse", "essay:two-voices-on-the-last-bus", false,
			"Keeping Watch: the-lighthouse-log notes-from-the-night-desk | Making Ready: bread-before-dawn the-night-nurse two-voices-on-the-last-bus what-the-dark-is-for"},
		{"essay down within its part", "essay:the-night-nurse", "essay:the-lighthouse-log", true,
			"Keeping Watch: the-lighthouse-log the-night-nurse notes-from-the-night-desk | Making Ready: bread-before-dawn two-voices-on-the-last-bus what-the-dark-is-for"},
		{"essay up to the top of its part", "essay:notes-from-the-night-desk", "essay:the-night-nurse", false,
			"Keeping Watch: notes-from-the-night-desk the-night-nurse the-lighthouse-log | Making Ready: bread-before-dawn two-voices-on-the-last-bus what-the-dark-is-for"},
		{"essay onto the upper half of a part heading ends the part before", "essay:what-the-dark-is-for", "part:1", false,
			"Keeping Watch: the-night-nurse the-lighthouse-log notes-from-the-night-desk what-the-dark-is-for | Making Ready: bread-before-dawn two-voices-on-the-last-bus"},
		{"essay onto the lower half of a part heading starts it", "essay:the-night-nurse", "part:1", true,
			"Keeping Watch: the-lighthouse-log notes-from-the-night-desk | Making Ready: the-night-nurse bread-before-dawn two-voices-on-the-last-bus what-the-dark-is-for"},
		{"part onto a part", "part:1", "part:0", false,
			"Making Ready: bread-before-dawn two-voices-on-the-last-bus what-the-dark-is-for | Keeping Watch: the-night-nurse the-lighthouse-log notes-from-the-night-desk"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := edittest.SampleCopy(t)
			h := newHarness(t, p)
			h.drag(tc.src, tc.dst, tc.lower)
			if got := edittest.Order(p); got != tc.want {
				t.Errorf("after drag: %s\nwant         %s", got, tc.want)
			}
			h.shortcut(&fyne.ShortcutUndo{})
			if got := edittest.Order(p); got != edittest.StartOrder {
				t.Errorf("undo of drag: %s", got)
			}
		})
	}
}

func TestPartsAddRenameDelete(t *testing.T) {
	p := edittest.SampleCopy(t)
	h := newHarness(t, p)
	e := h.e
	if err := e.sess.AddPart(2, "Last Light", ""); err != nil {
		t.Fatal(err)
	}
	e.outline.selectKey("part:2")
	title := h.entryWithPlaceholder("Part title")
	e.win.Canvas().Focus(title)
	title.CursorColumn = len([]rune(title.Text))
	test.Type(title, " and After")
	if p.Parts[2].Title != "Last Light and After" {
		t.Fatalf("renamed part %q", p.Parts[2].Title)
	}
	e.MoveSelected(-1)
	if p.Parts[1].Title != "Last Light and After" {
		t.Fatalf("Move Up of a part: %s", edittest.Order(p))
	}
	e.selected = row{kind: rowPart, part: 1}
	e.deletePart(1)
	test.Tap(h.button("Delete Part"))
	if len(p.Parts) != 2 || edittest.Order(p) != edittest.StartOrder {
		t.Errorf("after deleting the empty part: %s", edittest.Order(p))
	}
}

func TestImportSeed(t *testing.T) {
	seed := filepath.Join("..", "..", "shared", "seeds", "001_7a384de6ab86a580.txt")
	if _, err := os.Stat(seed); err != nil {
		t.Skipf("the seed essays are not here (%v): they come with the team's shared folder", err)
	}
	p := edittest.SampleCopy(t)
	h := newHarness(t, p)
	h.e.ImportFiles([]string{seed})
	h.pump("the import review", func() bool { return h.e.review != nil })
	title := h.e.review.title.Text
	if title != "Leaving Him Alone" {
		t.Fatalf("the review shows the title %q, not the seed's", title)
	}
	before := len(p.Essays())
	h.e.review.accept()
	if len(p.Essays()) != before+1 {
		t.Fatal("accepting the import added no essay")
	}
	es := p.Essays()[before]
	if es.Meta.Title != title || h.e.selected.id != es.ID {
		t.Errorf("imported %q (selected %q), review showed %q", es.Meta.Title, h.e.selected.id, title)
	}
	if h.e.outline.find("essay:"+es.ID) < 0 {
		t.Error("the imported essay is not in the outline")
	}
	h.shortcut(&fyne.ShortcutUndo{})
	if len(p.Essays()) != before {
		t.Error("undo did not take the import out")
	}
}

// TestFixImportBeforeAccepting corrects what the importer found before adding the essay.
func TestFixImportBeforeAccepting(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "found.md")
	os.WriteFile(file, []byte("# Found Pages\n\nBy Ida Marsh\n\nThe first paragraph, long enough to be a body of an essay with several words in it.\n"), 0o644)
	p := edittest.SampleCopy(t)
	h := newHarness(t, p)
	h.e.ImportFiles([]string{file})
	h.pump("the import review", func() bool { return h.e.review != nil })
	rv := h.e.review
	if rv.title.Text != "Found Pages" || rv.authors.Text != "Ida Marsh" {
		t.Fatalf("detected title %q, authors %q", rv.title.Text, rv.authors.Text)
	}
	rv.bio.SetText("Ida Marsh keeps bees.")
	// The title has the focus: the editor types the fix and takes the essay with Return.
	if h.e.win.Canvas().Focused() != rv.title {
		t.Fatalf("the review's focus is on %T, not the title", h.e.win.Canvas().Focused())
	}
	rv.title.CursorColumn = len([]rune(rv.title.Text))
	test.Type(rv.title, ", Kept")
	rv.title.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	es := p.Essay(h.e.selected.id)
	if es == nil || es.Meta.Title != "Found Pages, Kept" {
		t.Fatalf("imported essay %+v", es)
	}
	c := p.Contributor(es.Meta.Authors[0])
	if c.Name != "Ida Marsh" || c.Bio != "Ida Marsh keeps bees." {
		t.Errorf("contributor %+v", c)
	}
}

// TestExportFromTheWindow exports from the window and judges the EPUB with EPUBCheck.
func TestExportFromTheWindow(t *testing.T) {
	h := newHarness(t, edittest.SampleCopy(t))
	out := t.TempDir()
	run := h.e.Export(out, []export.Format{export.EPUB, export.PDF}, false, nil)
	h.pump("the export", func() bool { return run.done })
	if run.err != nil {
		t.Fatal(run.err)
	}
	if len(run.res.Files) != 2 {
		t.Fatalf("wrote %v", run.res.Files)
	}
	if run.bar.Value != 1 {
		t.Errorf("the progress bar ended at %.0f %%", run.bar.Value*100)
	}
	if testing.Short() {
		t.Skip("-short: the export ran, but EPUBCheck and Ace on its EPUB and in the result dialog are not run (make test runs them)")
	}
	book := run.res.Files[0]
	for _, v := range validate.EPUBVersions {
		rep, err := validate.EPUBCheck(context.Background(), book, v)
		if err != nil {
			t.Fatal(err)
		}
		if !rep.Clean() {
			t.Errorf("%s: %s\n%s", rep.Tool, rep.Summary, strings.Join(rep.Problems, "\n"))
		}
	}
	// The result dialog runs the validators too and lists their verdicts.
	h.pump("the validators in the result dialog", func() bool { return run.validating == 0 && len(run.reports) == 3 })
	for _, v := range run.reports {
		if v.err != nil || !v.rep.Clean() {
			t.Errorf("the dialog's %s: %v %v", v.name, v.err, v.rep.Problems)
		}
	}
}

func TestExportCancel(t *testing.T) {
	h := newHarness(t, edittest.SampleCopy(t))
	out := filepath.Join(t.TempDir(), "out")
	run := h.e.Export(out, []export.Format{export.EPUB, export.PDF}, false, nil)
	run.cancel()
	h.pump("the cancelled export", func() bool { return run.done })
	if !errors.Is(run.err, context.Canceled) {
		t.Fatalf("cancelled export ended with %v", run.err)
	}
	entries, _ := os.ReadDir(out)
	for _, en := range entries {
		t.Errorf("a cancelled export left %s", en.Name())
	}
}

// TestCrashRecovery edits, "crashes" (the window is dropped without saving or closing), and
// opens the project again: the editor offers the edits back, and they are all there.
func TestCrashRecovery(t *testing.T) {
	p := edittest.SampleCopy(t)
	h := newHarness(t, p)
	e := h.e
	e.SelectEssay("bread-before-dawn")
	notes := h.entryWithPlaceholder("Private notes: never printed")
	e.win.Canvas().Focus(notes)
	notes.CursorRow = len(strings.Split(notes.Text, "\n"))
	test.Type(notes, " Ask about the oven.")
	e.outline.list.Select(e.outline.find("essay:what-the-dark-is-for"))
	e.MoveSelected(-1)
	if err := e.sess.Flush(); err != nil {
		t.Fatal(err)
	}
	typed := p.Essay("bread-before-dawn").Meta.Notes
	moved := edittest.Order(p)
	e.preview.stop() // the crash: nothing else runs

	q, err := anthology.Open(p.Dir)
	if err != nil {
		t.Fatal(err)
	}
	if q.Essay("bread-before-dawn").Meta.Notes == typed {
		t.Fatal("the edit reached the disk without a save")
	}
	a := test.NewTempApp(t)
	e2 := NewEditor(a, q, h.cfg) // the same recovery folder
	t.Cleanup(func() { e2.preview.stop(); e2.sess.Flush() })
	recover := findButton(e2.win.Canvas(), "Recover")
	if recover == nil {
		t.Fatal("reopening offered no recovery")
	}
	test.Tap(recover)
	r := e2.project()
	if got := r.Essay("bread-before-dawn").Meta.Notes; got != typed {
		t.Errorf("recovered notes %q, want %q", got, typed)
	}
	if got := edittest.Order(r); got != moved {
		t.Errorf("recovered order %s, want %s", got, moved)
	}
	if !e2.sess.Dirty() {
		t.Error("recovered edits are not marked unsaved")
	}
	e2.Save()
	d, err := anthology.Open(p.Dir)
	if err != nil {
		t.Fatal(err)
	}
	if d.Essay("bread-before-dawn").Meta.Notes != typed || edittest.Order(d) != moved {
		t.Error("saving the recovered project did not write the edits")
	}
}

func TestCloseAsksAboutUnsavedChanges(t *testing.T) {
	p := edittest.SampleCopy(t)
	h := newHarness(t, p)
	h.e.sess.EditBook("subtitle", func(b *anthology.Book) { b.Subtitle = "Essays of the Night" })
	h.e.RequestClose()
	test.Tap(h.button("Cancel"))
	if h.e.closing {
		t.Fatal("Cancel closed the window")
	}
	h.e.RequestClose()
	test.Tap(h.button("Save"))
	if !h.e.closing {
		t.Fatal("Save did not close the window")
	}
	q, _ := anthology.Open(p.Dir)
	if q.Book.Subtitle != "Essays of the Night" {
		t.Error("closing with Save did not save")
	}
}

func TestFileChangedOnDisk(t *testing.T) {
	p := edittest.SampleCopy(t)
	h := newHarness(t, p)
	name := filepath.Join(p.Dir, "essays", "the-night-nurse.md")
	data, _ := os.ReadFile(name)
	changed := strings.Replace(string(data), "title:", "title: Changed Elsewhere\nold_title:", 1)
	if err := os.WriteFile(name, []byte(changed), 0o644); err != nil {
		t.Fatal(err)
	}
	h.e.CheckDisk()
	if h.e.diskDialog == nil {
		t.Fatal("no warning about the changed file")
	}
	test.Tap(h.button("Reload from Disk"))
	if got := h.e.project().Essay("the-night-nurse").Meta.Title; got != "Changed Elsewhere" {
		t.Errorf("reloaded title %q", got)
	}
	h.e.CheckDisk()
	if h.e.diskDialog != nil {
		t.Error("warned again after reloading")
	}
}

func TestPreviewShowsTheSelectedEssay(t *testing.T) {
	h := newHarness(t, edittest.SampleCopy(t))
	h.settle()
	pv := h.e.preview
	if pv.pageCount() < 20 {
		t.Fatalf("the preview set %d pages", pv.pageCount())
	}
	if !strings.Contains(h.e.status.Text, strconv.Itoa(pv.pageCount())+" pages") {
		t.Errorf("status line %q lacks the real page count", h.e.status.Text)
	}
	h.e.SelectEssay("what-the-dark-is-for")
	sec := pv.section("what-the-dark-is-for")
	if want := pv.book.Starts[sec.ID]; pv.page != want {
		t.Errorf("preview on page %d, the essay starts on %d", pv.page, want)
	}
	img := pv.img.Image
	if img == nil || img.Bounds().Dx() < 400 || inkPixels(img) < 1000 {
		t.Errorf("the page image is blank or small (%v)", img.Bounds())
	}
	var text strings.Builder
	for _, s := range pv.epubText.Segments {
		if ts, ok := s.(*widget.TextSegment); ok {
			text.WriteString(ts.Text)
		}
	}
	if !strings.Contains(text.String(), "What the Dark Is For") {
		t.Errorf("the EPUB view does not show the essay: %.200q", text.String())
	}
	pv.turn(1)
	if pv.page != pv.book.Starts[sec.ID]+1 {
		t.Error("next page did not turn")
	}
	// An edit sets the book again, and the preview follows it.
	h.e.sess.EditEssay(h.e.project().Essay("what-the-dark-is-for"), "title", func(m *anthology.EssayMeta) { m.Title = "What the Night Is For" })
	h.settle()
	h.e.preview.showEPUB()
	text.Reset()
	for _, s := range pv.epubText.Segments {
		if ts, ok := s.(*widget.TextSegment); ok {
			text.WriteString(ts.Text)
		}
	}
	if !strings.Contains(text.String(), "What the Night Is For") {
		t.Error("the EPUB view did not follow the edit")
	}
}

// inkPixels counts the pixels of an image darker than mid-grey.
func inkPixels(img image.Image) int {
	n := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if r+g+bl < 3*0x8000 {
				n++
			}
		}
	}
	return n
}

func TestSettingsAndContributorForms(t *testing.T) {
	p := edittest.SampleCopy(t)
	h := newHarness(t, p)
	h.e.outline.selectKey(row{kind: rowSettings, label: "Print & EPUB settings"}.key())
	var drop *widget.Check
	walk(h.e.win.Canvas(), func(o fyne.CanvasObject) {
		if c, ok := o.(*widget.Check); ok && strings.HasPrefix(c.Text, "Drop caps") {
			drop = c
		}
	})
	if drop == nil {
		t.Fatal("no drop caps box")
	}
	test.Tap(drop)
	if !p.Print.DropCaps {
		t.Error("ticking drop caps did not set them")
	}
	h.shortcut(&fyne.ShortcutUndo{})
	if p.Print.DropCaps || drop.Checked {
		t.Error("undo left drop caps on")
	}

	c := p.Contributors[0]
	h.e.showContributors(c.ID)
	bio := h.entryWithPlaceholder("A few lines about them (Markdown)")
	h.e.win.Canvas().Focus(bio)
	bio.CursorRow, bio.CursorColumn = 0, 0
	test.Type(bio, "Born at sea. ")
	if !strings.HasPrefix(c.Bio, "Born at sea. ") {
		t.Errorf("bio %q", c.Bio)
	}
}

// TestPreviewKeepsItsPlace: after an edit moves the piece on screen, the preview stays on it.
func TestPreviewKeepsItsPlace(t *testing.T) {
	h := newHarness(t, edittest.SampleCopy(t))
	h.settle()
	pv := h.e.preview
	h.e.SelectEssay("notes-from-the-night-desk")
	pv.turn(1)
	sec := pv.section("notes-from-the-night-desk")
	if pv.page != pv.book.Starts[sec.ID]+1 {
		t.Fatal("not on the essay's second page")
	}
	h.e.MoveSelected(1) // into the next part: the essay moves to other pages
	h.settle()
	if pv.book.Pages[pv.page].Section.ID != sec.ID || pv.page != pv.book.Starts[sec.ID]+1 {
		t.Errorf("after the move the preview shows page %d of %s", pv.page, pv.book.Pages[pv.page].Section.ID)
	}
}

// TestSampleSaveAsAndRecent edits the bundled sample (which has no folder), saves it as a new
// project, and finds it in the recent projects; opening another project replaces it.
func TestSampleSaveAsAndRecent(t *testing.T) {
	p, err := anthology.LoadFS(sampleFS(), "sample")
	if err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, p)
	h.e.sess.EditBook("subtitle", func(b *anthology.Book) { b.Subtitle = "A Working Copy" })
	h.e.Save() // no folder: asks for one
	if findButton(h.e.win.Canvas(), "Save") == nil {
		t.Fatal("saving the sample did not ask where")
	}
	dir := filepath.Join(t.TempDir(), "copy")
	if err := h.e.SaveAs(dir); err != nil {
		t.Fatal(err)
	}
	if h.e.sess.Dirty() {
		t.Error("dirty after Save As")
	}
	q, err := anthology.Open(dir)
	if err != nil || q.Book.Subtitle != "A Working Copy" {
		t.Fatalf("saved copy: %v, subtitle %q", err, q.Book.Subtitle)
	}
	abs, _ := filepath.Abs(dir)
	if r := h.e.Recent(); len(r) == 0 || r[0] != abs {
		t.Errorf("recent projects %v", r)
	}
	other := edittest.SampleCopy(t)
	h.e.OpenProject(other.Dir)
	if h.e.project().Dir != other.Dir || len(h.e.Recent()) != 2 {
		t.Errorf("after opening another project: %s, recent %v", h.e.project().Dir, h.e.Recent())
	}
}

// labels is the text of every label on screen.
func (h *harness) labels() string {
	var b strings.Builder
	walk(h.e.win.Canvas(), func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok {
			b.WriteString(l.Text + "\n")
		}
	})
	return b.String()
}

// tab selects the tab of that name in the middle pane.
func (h *harness) tab(name string) {
	h.t.Helper()
	var tabs *container.AppTabs
	walk(h.e.win.Canvas(), func(o fyne.CanvasObject) {
		if t, ok := o.(*container.AppTabs); ok {
			for _, it := range t.Items {
				if it.Text == name {
					tabs = t
				}
			}
		}
	})
	if tabs == nil {
		h.t.Fatalf("no tab %q on screen", name)
	}
	for i, it := range tabs.Items {
		if it.Text == name {
			tabs.SelectIndex(i)
		}
	}
}

// TestPermissionsTable edits a permission in the Credits & permissions page's table: the
// record changes, the count of pending permissions and the checks follow, undo takes it back,
// and the log saves as CSV; the numbers come from the set book.
func TestPermissionsTable(t *testing.T) {
	p := edittest.SampleCopy(t)
	h := newHarness(t, p)
	h.e.outline.selectKey(row{kind: rowCredits, label: "Credits & permissions"}.key())
	const warning = "permission to reprint \"Two Voices on the Last Bus\" is not cleared"
	h.pump("the checks", func() bool { return strings.Contains(h.labels(), warning) })
	h.tab("Permissions")
	if !strings.Contains(h.labels(), "6 essays, 1 not cleared.") {
		t.Fatalf("the page does not count the pending permission:\n%s", h.labels())
	}
	// The table draws the rows on screen: scroll to the pending essay, the fifth.
	walk(h.e.win.Canvas(), func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.List); ok && l.Length() == 6 {
			l.ScrollTo(4)
		}
	})
	var fee *sealingEntry
	var status *widget.Select
	rows := 0
	walk(h.e.win.Canvas(), func(o fyne.CanvasObject) {
		if _, ok := o.(*permissionRow); ok {
			rows++
		}
		if en, ok := o.(*sealingEntry); ok && en.Text == "$200 (quoted)" {
			fee = en
		}
		if s, ok := o.(*widget.Select); ok && s.Selected == "requested" {
			status = s
		}
	})
	if fee == nil || status == nil {
		t.Fatalf("the table lacks the pending essay's fee or status field (%d rows on screen)", rows)
	}

	status.SetSelected("cleared")
	es := p.Essay("two-voices-on-the-last-bus")
	if es.PermissionState() != anthology.PermissionCleared {
		t.Fatalf("permission %s after choosing cleared", es.PermissionState())
	}
	if !strings.Contains(h.labels(), "6 essays, 0 not cleared.") {
		t.Errorf("the count did not follow:\n%s", h.labels())
	}
	h.e.win.Canvas().Focus(fee)
	fee.CursorColumn = len([]rune(fee.Text))
	test.Type(fee, ", paid")
	if got := es.Meta.Permission.Fee; got != "$200 (quoted), paid" {
		t.Errorf("fee %q after typing", got)
	}
	h.tab("Checks")
	h.pump("the checks without the warning", func() bool { return !strings.Contains(h.labels(), warning) })

	csvFile := filepath.Join(t.TempDir(), "permissions.csv")
	if err := h.e.SavePermissionsCSV(csvFile); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(csvFile)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), "Two Voices on the Last Bus,Priya Raman and Jonah Weiss,") ||
		!strings.Contains(string(data), ",cleared,Tideway Books,") || !strings.Contains(string(data), "\"$200 (quoted), paid\"") {
		t.Errorf("CSV:\n%s", data)
	}

	h.shortcut(&fyne.ShortcutUndo{}) // the fee
	h.shortcut(&fyne.ShortcutUndo{}) // the status
	if es.PermissionState() != anthology.PermissionRequested || status.Selected != "requested" || fee.Text != "$200 (quoted)" {
		t.Errorf("after undo: %s, status field %q, fee field %q", es.PermissionState(), status.Selected, fee.Text)
	}
	h.pump("the warning again", func() bool { return strings.Contains(h.labels(), warning) })

	// An essay with no permission record: its status field is empty and names the derived
	// state; setting and undoing a status leaves it empty again.
	h.tab("Permissions")
	var unset *widget.Select
	walk(h.e.win.Canvas(), func(o fyne.CanvasObject) {
		if s, ok := o.(*widget.Select); ok && s.Selected == "" && s.PlaceHolder == "not-needed (unset)" {
			unset = s
		}
	})
	if unset == nil {
		t.Fatal("no empty status field naming the derived state")
	}
	unset.SetSelected("requested")
	h.shortcut(&fyne.ShortcutUndo{})
	if unset.Selected != "" {
		t.Errorf("after undo the status field shows %q", unset.Selected)
	}

	// The numbers come from the real pages once the preview has set the book.
	h.tab("Numbers")
	h.pump("the numbers from the set book", func() bool {
		l := h.labels()
		return strings.Contains(l, " print pages.") && !strings.Contains(l, "(estimated") && strings.Contains(l, " · p. ")
	})
	// Recycled rows are laid out for their new numbers: none is cut short.
	walk(h.e.win.Canvas(), func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok && strings.Contains(l.Text, " words · ") && l.Size().Width < l.MinSize().Width-0.5 {
			t.Errorf("%q is drawn %.0f wide, needs %.0f", l.Text, l.Size().Width, l.MinSize().Width)
		}
	})
	for _, want := range []string{"By part", "Keeping Watch", "By author", "Ruth Okafor", "By essay", "The Night Nurse"} {
		if !strings.Contains(h.labels(), want) {
			t.Errorf("the numbers lack %q", want)
		}
	}
}

// reviewImport writes page as a text file, opens the sample with it imported, and waits for
// the import review: the harness and the project.
func reviewImport(t *testing.T, page string) (*harness, *anthology.Project) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "night.txt")
	if err := os.WriteFile(path, []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	p := edittest.SampleCopy(t)
	h := newHarness(t, p)
	h.e.ImportFiles([]string{path})
	h.pump("the import review", func() bool { return h.e.review != nil })
	return h, p
}

// TestImportRestoreCut: a cut the editor takes back in the import review returns to the text
// where it stood, and what is added to the book has it.
func TestImportRestoreCut(t *testing.T) {
	h, p := reviewImport(t, "Tuesday Night\n\nPosted by Jane Doe\n\nThe ferry was late again, and the harbour was full of fog, so we waited on the quay with our coffee going cold in our hands and nobody saying much at all.\n\n"+
		"Share this: Facebook Twitter\n\nWhen it came at last it came out of the fog all at once, lit like a house, and the whole quay cheered as if we had never seen a boat before in our lives.\n")
	rv := h.e.review
	cuts := len(rv.result.Removed)
	// Open the list of cuts and take the share line back.
	rv.cuts.OpenAll()
	share := -1
	for i, rm := range rv.result.Removed {
		if strings.HasPrefix(rm.Text, "Share this") {
			share = i
		}
	}
	if share < 0 {
		t.Fatalf("the share line is not among the cuts: %+v", rv.result.Removed)
	}
	var buttons []*widget.Button
	walk(h.e.win.Canvas(), func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == "Restore" {
			buttons = append(buttons, b)
		}
	})
	if len(buttons) != cuts {
		t.Fatalf("%d Restore buttons for %d cuts", len(buttons), cuts)
	}
	test.Tap(buttons[share])
	h.pump("the review again", func() bool { return h.e.review != nil && h.e.review != rv })
	if got := h.e.review.result; len(got.Removed) != cuts-1 || !strings.Contains(got.Body, "nobody saying much at all.\n\nShare this") {
		t.Errorf("after restoring: %d cuts, body:\n%s", len(got.Removed), got.Body)
	}
	before := len(p.Essays())
	h.e.review.accept()
	if len(p.Essays()) != before+1 || !strings.Contains(p.Essays()[before].Body, "Share this") {
		t.Error("the essay added lacks the restored line")
	}
}

// TestImportCutBlock: the review shows the page in reading order, cuts struck through under
// their reason; a kept block the editor cuts leaves the text, is shown struck through as the
// editor's cut, and the essay added lacks it.
func TestImportCutBlock(t *testing.T) {
	h, p := reviewImport(t, "Tuesday Night\n\nPosted by Jane Doe\n\nThe ferry was late again, and the harbour was full of fog, so we waited on the quay with our coffee going cold in our hands.\n\n"+
		"Share this: Facebook Twitter\n\nWhen it came at last it came out of the fog all at once, lit like a house, and the whole quay cheered.\n\n"+
		"A note from the site: this post was sponsored by the Harbour Café, whose coffee we drank.\n")
	rv := h.e.review
	struck := func() []string {
		var out []string
		walk(h.e.win.Canvas(), func(o fyne.CanvasObject) {
			if l, ok := o.(*widget.Label); ok && l.TextStyle.Strikethrough {
				out = append(out, l.Text)
			}
		})
		return out
	}
	if s := struck(); len(s) != len(rv.result.Removed) || !slices.ContainsFunc(s, func(x string) bool { return strings.HasPrefix(x, "Share this") }) {
		t.Fatalf("cuts struck through: %q, cuts %+v", s, rv.result.Removed)
	}
	var cut *widget.Button
	walk(h.e.win.Canvas(), func(o fyne.CanvasObject) {
		if c, ok := o.(*fyne.Container); ok && len(c.Objects) == 2 {
			l, lok := c.Objects[0].(*widget.Label)
			b, bok := c.Objects[1].(*widget.Button)
			if lok && bok && b.Text == "Cut" && strings.HasPrefix(l.Text, "A note from the site") {
				cut = b
			}
		}
	})
	if cut == nil {
		t.Fatal("no Cut button beside the sponsor's note")
	}
	test.Tap(cut)
	h.pump("the review again", func() bool { return h.e.review != nil && h.e.review != rv })
	if got := h.e.review.result; strings.Contains(got.Body, "sponsored") {
		t.Errorf("the cut block is still in the text:\n%s", got.Body)
	}
	if s := struck(); !slices.ContainsFunc(s, func(x string) bool { return strings.HasPrefix(x, "A note from the site") }) {
		t.Errorf("the editor's cut is not shown struck through: %q", s)
	}
	before := len(p.Essays())
	h.e.review.accept()
	if len(p.Essays()) != before+1 || strings.Contains(p.Essays()[before].Body, "sponsored") {
		t.Error("the essay added still has the block the editor cut")
	}
}

// TestAddPartFromTheKeyboard: the Add Part dialog opens with its title focused, and Return in
// it adds the part (issue 16: it opened without focus, and Return did nothing).
func TestAddPartFromTheKeyboard(t *testing.T) {
	p := edittest.SampleCopy(t)
	h := newHarness(t, p)
	before := len(p.Parts)
	h.e.addPartDialog()
	focused, ok := h.e.win.Canvas().Focused().(*widget.Entry)
	if !ok || focused.PlaceHolder != "Part title" {
		t.Fatalf("the focus is on %T, not the part's title", h.e.win.Canvas().Focused())
	}
	test.Type(focused, "Coda")
	focused.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	h.pump("the part added", func() bool { return len(p.Parts) == before+1 })
	found := false
	for _, pt := range p.Parts {
		found = found || pt.Title == "Coda"
	}
	if !found {
		t.Errorf("no part Coda among %d parts", len(p.Parts))
	}
}

// TestEscapeSkipsTheImport: Escape in the import review's focused title skips the file, as it
// closes any dialog (issue 16: it did nothing).
func TestEscapeSkipsTheImport(t *testing.T) {
	h, p := reviewImport(t, "Tuesday Night\n\nThe ferry was late again, and the harbour was full of fog, so we waited on the quay with our coffee going cold.\n")
	before := len(p.Essays())
	focused, ok := h.e.win.Canvas().Focused().(*escEntry)
	if !ok || focused != h.e.review.title {
		t.Fatalf("the title is not focused: %T", h.e.win.Canvas().Focused())
	}
	focused.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	h.pump("the review closed", func() bool { return h.e.review == nil })
	if len(p.Essays()) != before {
		t.Error("Escape added the essay")
	}
}

// TestNewProjectClearsThePreview: after File → New, the preview shows no page of the previous
// book and the status line no page count of it (issue 16: it kept "38 pages" and its page).
func TestNewProjectClearsThePreview(t *testing.T) {
	h := newHarness(t, edittest.SampleCopy(t))
	h.settle()
	if h.e.preview.pageCount() == 0 {
		t.Fatal("the sample was not set")
	}
	p, err := anthology.Create(filepath.Join(t.TempDir(), "new"), "A New Book")
	if err != nil {
		t.Fatal(err)
	}
	h.e.setProject(p, nil)
	h.settle()
	pv := h.e.preview
	if pv.pageCount() != 0 || pv.img.Image != nil || pv.pageLabel.Text != "" {
		t.Errorf("the empty book's preview shows %d pages, label %q", pv.pageCount(), pv.pageLabel.Text)
	}
	if strings.Contains(h.e.status.Text, "38 pages") {
		t.Errorf("the status line still counts the sample's pages: %q", h.e.status.Text)
	}
}

// listSelection is the row the outline's list itself highlights (its own record, read from
// the widget), -1 for none.
func listSelection(t *testing.T, l *widget.List) int {
	t.Helper()
	v := reflect.ValueOf(l).Elem().FieldByName("selected")
	if !v.IsValid() || v.Len() == 0 {
		return -1
	}
	return int(v.Index(0).Int())
}

// TestSelectionFollowsTheEssay drags, undoes, redoes and moves by keyboard, and after each
// step checks that the highlighted row, the editor's selection and the form agree — and that
// Alt+Up then moves the essay the form shows.
func TestSelectionFollowsTheEssay(t *testing.T) {
	p := edittest.SampleCopy(t)
	h := newHarness(t, p)
	agree := func(step, id string) {
		t.Helper()
		i := listSelection(t, h.e.outline.list)
		if i < 0 || h.e.outline.rows[i].key() != "essay:"+id {
			got := "nothing"
			if i >= 0 {
				got = h.e.outline.rows[i].key()
			}
			t.Fatalf("%s: the outline highlights %s, not %s", step, got, id)
		}
		if h.e.selected.id != id {
			t.Fatalf("%s: the editor's selection is %q, not %q", step, h.e.selected.id, id)
		}
		if title := h.entryWithPlaceholder("Title").Text; title != p.Essay(id).Meta.Title {
			t.Fatalf("%s: the form shows %q, not %q", step, title, p.Essay(id).Meta.Title)
		}
	}
	const nurse = "the-night-nurse"
	h.e.SelectEssay(nurse)
	agree("selected", nurse)
	h.drag("essay:"+nurse, "essay:two-voices-on-the-last-bus", true)
	agree("after dragging the selected essay", nurse)
	h.shortcut(&fyne.ShortcutUndo{})
	agree("after undoing the drag", nurse)
	h.shortcut(&fyne.ShortcutRedo{})
	agree("after redoing it", nurse)
	// Another essay dragged past the selected one shifts its row.
	h.drag("essay:what-the-dark-is-for", "essay:the-lighthouse-log", false)
	agree("after dragging another essay above it", nurse)
	h.drag("part:1", "part:0", false)
	agree("after dragging a part", nurse)
	h.shortcut(&fyne.ShortcutUndo{})
	agree("after undoing the part's move", nurse)
	before := edittest.Order(p)
	// The essay is last in the book now: Alt+Up moves it, the one in the form.
	h.shortcut(&desktop.CustomShortcut{KeyName: fyne.KeyUp, Modifier: fyne.KeyModifierAlt})
	agree("after Alt+Up", nurse)
	if want := strings.Replace(before, "two-voices-on-the-last-bus the-night-nurse", "the-night-nurse two-voices-on-the-last-bus", 1); edittest.Order(p) != want {
		t.Fatalf("Alt+Up: %s\nwant    %s", edittest.Order(p), want)
	}
	h.shortcut(&fyne.ShortcutUndo{})
	agree("after undoing Alt+Up", nurse)
	if edittest.Order(p) != before {
		t.Errorf("undo of Alt+Up: %s, want %s", edittest.Order(p), before)
	}

	// A selected part is followed by itself, not by its place.
	first := p.Parts[0]
	h.e.outline.selectKey("part:0")
	h.drag("part:1", "part:0", false)
	if i := listSelection(t, h.e.outline.list); i < 0 || h.e.outline.rows[i].key() != "part:1" || p.Parts[h.e.selected.part] != first {
		t.Errorf("after another part took its place, the highlight is on row %d and the selection on part %d", i, h.e.selected.part)
	}
}

// TestProjectWithBadSettingsOpens opens a project whose settings a build refuses (an unknown
// font and trim, a size out of range, a bad language tag, price code and printer, an author
// id that names nobody): the app opens it and says what to fix, saves it with those values as
// they are and opens it again; once fixed in the forms, the CLI's strict loader opens it too.
func TestProjectWithBadSettingsOpens(t *testing.T) {
	p0 := edittest.SampleCopy(t)
	yamlFile := filepath.Join(p0.Dir, "anthology.yaml")
	data, err := os.ReadFile(yamlFile)
	if err != nil {
		t.Fatal(err)
	}
	bad := strings.NewReplacer("trim: 5.5x8.5", "trim: 5.5x80", "font: charis", "font: Lora", "font_size: 11", "font_size: 40",
		"language: en\n", "language: english!\n").Replace(string(data))
	bad = strings.Replace(bad, "  font_size: 40\n", "  font_size: 40\n  price_code: 5199\n  printer: lulu\n", 1)
	if err := os.WriteFile(yamlFile, []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	// An author id that names nobody, written the way the project writes its essays.
	nurse0 := p0.Essay("the-night-nurse")
	nurse0.Meta.Authors = append([]string{"nobody"}, nurse0.Meta.Authors...)
	if err := p0.Save(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(yamlFile, []byte(bad), 0o644); err != nil { // the Save wrote the YAML too
		t.Fatal(err)
	}
	if _, err := anthology.Open(p0.Dir); err == nil {
		t.Fatal("the strict loader opened a project with bad settings")
	}
	p, err := anthology.OpenForEditing(p0.Dir)
	if err != nil {
		t.Fatalf("the app could not open it: %v", err)
	}
	var msgs []string
	for _, e := range p.Problems {
		msgs = append(msgs, e.Msg)
	}
	all := strings.Join(msgs, "\n")
	for _, want := range []string{`trim "5.5x80"`, `unknown font "Lora"`, "font size 40 pt", `"english!" is not a language tag`,
		`price code "5199"`, `printer "lulu"`, `"nobody"`} {
		if !strings.Contains(all, want) {
			t.Errorf("the problems do not name %s:\n%s", want, all)
		}
	}
	h := newHarness(t, p)
	h.e.showProblems()
	said := false
	walk(h.e.win.Canvas(), func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok && strings.Contains(l.Text, `unknown font "Lora"`) {
			said = true
		}
	})
	if !said {
		t.Error("the app did not say what to fix")
	}
	// Saved as it is and opened again: the values are kept, the book still opens.
	h.e.sess.EditBook("title", func(b *anthology.Book) { b.Title += " (draft)" })
	if err := h.e.sess.Save(); err != nil {
		t.Fatal(err)
	}
	again, err := anthology.OpenForEditing(p0.Dir)
	if err != nil || len(again.Problems) != len(p.Problems) || again.Print.Font != "Lora" {
		t.Fatalf("reopened: %v, %d problems (had %d), font %q", err, len(again.Problems), len(p.Problems), again.Print.Font)
	}
	// Fixed in the forms' operations, each fix clears its problem; then the CLI opens it.
	s := h.e.sess
	s.EditPrint("font", func(ps *anthology.PrintSettings) { ps.Font = "charis" })
	s.EditPrint("trim", func(ps *anthology.PrintSettings) { ps.Trim = "5.5x8.5" })
	s.EditPrint("font size", func(ps *anthology.PrintSettings) { ps.FontSize = 11 })
	s.EditPrint("price code", func(ps *anthology.PrintSettings) { ps.PriceCode = "51995" })
	s.EditPrint("printer", func(ps *anthology.PrintSettings) { ps.Printer = "kdp" })
	s.EditBook("language", func(b *anthology.Book) { b.Language = "en" })
	if len(p.Problems) != 1 {
		t.Errorf("after fixing the settings, problems left: %v", p.Problems)
	}
	nurse := p.Essay("the-night-nurse")
	s.EditEssay(nurse, "authors", func(m *anthology.EssayMeta) { m.Authors = m.Authors[1:] })
	if len(p.Problems) != 0 {
		t.Errorf("problems left: %v", p.Problems)
	}
	if err := s.Save(); err != nil {
		t.Fatal(err)
	}
	if _, err := anthology.Open(p0.Dir); err != nil {
		t.Errorf("fixed, the strict loader still refuses it: %v", err)
	}
}

// TestDesktopConventions: the toolbar's icons name themselves when the pointer rests on them,
// Help lists every shortcut the menus have, and the window's size and panes are kept for the
// next session.
func TestDesktopConventions(t *testing.T) {
	p := edittest.SampleCopy(t)
	h := newHarness(t, p)
	var tips []string
	walk(h.e.win.Canvas(), func(o fyne.CanvasObject) {
		if b, ok := o.(*tipButton); ok {
			tips = append(tips, b.tip)
		}
	})
	if len(tips) < 8 || !strings.Contains(strings.Join(tips, "|"), "Save (Ctrl+S)") {
		t.Errorf("toolbar tips: %q", tips)
	}
	var save *tipButton
	walk(h.e.win.Canvas(), func(o fyne.CanvasObject) {
		if b, ok := o.(*tipButton); ok && strings.HasPrefix(b.tip, "Save") {
			save = b
		}
	})
	save.MouseIn(&desktop.MouseEvent{})
	if save.popup == nil || !save.popup.Visible() {
		t.Error("resting on the Save icon shows no tip")
	}
	save.MouseOut()
	if save.popup.Visible() {
		t.Error("the tip stays after the pointer left")
	}
	lines := strings.Join(h.e.shortcutLines(), "\n")
	for _, want := range []string{"Ctrl+S", "File → Save", "Ctrl+H", "Edit → Find and Replace…", "Alt+Up", "Ctrl+/"} {
		if !strings.Contains(lines, want) {
			t.Errorf("Help → Keyboard Shortcuts lacks %q:\n%s", want, lines)
		}
	}
	h.e.win.Resize(fyne.NewSize(1100, 700))
	h.e.splits[0].SetOffset(0.22)
	h.e.remember()
	prefs := h.e.app.Preferences()
	if prefs.Float(prefWidth) != 1100 || prefs.Float(prefHeight) != 700 || prefs.Float(prefOutlineSplit) != 0.22 {
		t.Errorf("kept %v×%v, split %v", prefs.Float(prefWidth), prefs.Float(prefHeight), prefs.Float(prefOutlineSplit))
	}
	again := NewEditor(h.e.app, p, h.cfg)
	defer func() { again.preview.stop(); again.sess.Flush() }()
	if sz := again.win.Canvas().Size(); sz.Width != 1100 || sz.Height != 700 || again.splits[0].Offset != 0.22 {
		t.Errorf("the next window opens at %v with its outline at %v", sz, again.splits[0].Offset)
	}
}

// TestOutlineFilterAndBatchStatus: the filter shows the essays whose title, author or status
// holds it (their parts with them); their status is set in one step, undone in one.
func TestOutlineFilterAndBatchStatus(t *testing.T) {
	p := edittest.SampleCopy(t)
	h := newHarness(t, p)
	test.Type(h.e.filter, "okafor")
	var shown []string
	for _, es := range h.e.outline.shownEssays() {
		shown = append(shown, es.ID)
	}
	if strings.Join(shown, " ") != "the-night-nurse what-the-dark-is-for" {
		t.Fatalf("the filter shows %v", shown)
	}
	parts := 0
	for _, r := range h.e.outline.rows {
		if r.kind == rowPart {
			parts++
		}
	}
	if parts != 2 {
		t.Errorf("%d parts shown, want the 2 that hold them", parts)
	}
	if h.e.batchStatus.Disabled() {
		t.Fatal("no batch status while filtering")
	}
	h.e.SetStatusOfShown(anthology.StatusEdited)
	for _, id := range shown {
		if p.Essay(id).Meta.Status != anthology.StatusEdited {
			t.Errorf("%s is %q", id, p.Essay(id).Meta.Status)
		}
	}
	if p.Essay("bread-before-dawn").Meta.Status == anthology.StatusEdited {
		t.Error("an essay not shown was changed")
	}
	if !strings.Contains(h.e.sess.UndoLabel(), "Set the status of 2 essays to edited") {
		t.Errorf("the undo step is %q", h.e.sess.UndoLabel())
	}
	h.e.sess.Undo()
	for _, id := range shown {
		if p.Essay(id).Meta.Status == anthology.StatusEdited {
			t.Errorf("one undo left %s edited", id)
		}
	}
	// By status: the essays waiting for a permission.
	h.e.filter.SetText("permission requested")
	if n := len(h.e.outline.shownEssays()); n != 1 {
		t.Errorf("filtering by status shows %d essays, want 1", n)
	}
	h.e.filter.SetText("")
	if len(h.e.outline.shownEssays()) != len(p.Essays()) || !h.e.batchStatus.Disabled() {
		t.Error("clearing the filter does not show the whole book")
	}
}

// TestDragScrollsAtTheEdge: a drag held at the outline's foot scrolls it, at its head scrolls
// back.
func TestDragScrollsAtTheEdge(t *testing.T) {
	p := edittest.SampleCopy(t)
	h := newHarness(t, p)
	h.e.win.Resize(fyne.NewSize(1280, 300)) // a short window: the outline does not fit
	h.e.win.Canvas().Refresh(h.e.outline.list)
	o := h.e.outline
	before := o.list.GetScrollOffset()
	for range 5 {
		o.autoScroll(o.list.Size().Height - 5)
	}
	if o.list.GetScrollOffset() <= before {
		t.Fatalf("a drag at the foot did not scroll (offset %.0f → %.0f, list %.0f high)", before, o.list.GetScrollOffset(), o.list.Size().Height)
	}
	down := o.list.GetScrollOffset()
	o.autoScroll(5)
	if o.list.GetScrollOffset() >= down {
		t.Error("a drag at the head did not scroll back")
	}
	o.autoScroll(o.list.Size().Height / 2)
}

// TestImportWarnsOfACopy: importing an essay the book already has says so in the review.
func TestImportWarnsOfACopy(t *testing.T) {
	p := edittest.SampleCopy(t)
	file := filepath.Join(t.TempDir(), "nurse.md")
	os.WriteFile(file, []byte("# The Night Nurse\n\nBy Ruth Okafor\n\nA paragraph long enough to be an essay's first, with words in it.\n"), 0o644)
	h := newHarness(t, p)
	h.e.ImportFiles([]string{file})
	h.pump("the import review", func() bool { return h.e.review != nil })
	said := false
	walk(h.e.win.Canvas(), func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok && strings.Contains(l.Text, "is already in the book (essays/the-night-nurse.md)") {
			said = true
		}
	})
	if !said {
		t.Error("the review does not say the essay is in the book already")
	}
	paths, err := importableFiles(filepath.Dir(file))
	if err != nil || len(paths) != 1 || paths[0] != file {
		t.Errorf("importable files: %v %v", paths, err)
	}
}

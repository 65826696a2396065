package edit_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/anthology-editor/anthology/anthology"
	"github.com/anthology-editor/anthology/anthology/edit"
	"github.com/anthology-editor/anthology/anthology/edit/edittest"
	"github.com/anthology-editor/anthology/anthology/importer"
	"github.com/anthology-editor/anthology/assets"
)

// TestMoveEditUndoRedoSaveReload is the editor's round trip: move an essay into the other part,
// type a headnote, undo both, redo both, save, and read the book back from disk.
func TestMoveEditUndoRedoSaveReload(t *testing.T) {
	p := edittest.SampleCopy(t)
	s := edit.New(p, edit.Options{})
	if got := edittest.Order(p); got != edittest.StartOrder {
		t.Fatalf("sample order: %s", got)
	}
	if err := s.MoveEssayDown("notes-from-the-night-desk"); err != nil {
		t.Fatal(err)
	}
	if got := edittest.Order(p); got != edittest.MovedOrder {
		t.Fatalf("after move down: %s", got)
	}
	e := p.Essay("the-night-nurse")
	old := e.Meta.Headnote
	typed := ""
	for _, r := range "A new note." {
		typed += string(r)
		s.EditEssay(e, "headnote", func(m *anthology.EssayMeta) { m.Headnote = typed })
	}
	if !s.Dirty() || s.UndoLabel() != "Edit headnote of “The Night Nurse”" {
		t.Fatalf("dirty %v, undo label %q", s.Dirty(), s.UndoLabel())
	}
	s.Undo() // the whole typed headnote is one step
	if e.Meta.Headnote != old {
		t.Fatalf("undo left headnote %q", e.Meta.Headnote)
	}
	s.Undo()
	if got := edittest.Order(p); got != edittest.StartOrder {
		t.Fatalf("undo of move: %s", got)
	}
	if s.Dirty() {
		t.Error("back at the saved state but dirty")
	}
	s.Redo()
	s.Redo()
	if got := edittest.Order(p); got != edittest.MovedOrder || e.Meta.Headnote != "A new note." {
		t.Fatalf("redo: %s, headnote %q", got, e.Meta.Headnote)
	}
	if s.CanRedo() {
		t.Error("redo left after redoing everything")
	}
	if err := s.Save(); err != nil {
		t.Fatal(err)
	}
	if s.Dirty() {
		t.Error("dirty after save")
	}
	q, err := anthology.Open(p.Dir)
	if err != nil {
		t.Fatal(err)
	}
	if got := edittest.Order(q); got != edittest.MovedOrder {
		t.Errorf("reloaded order: %s", got)
	}
	if h := q.Essay("the-night-nurse").Meta.Headnote; h != "A new note." {
		t.Errorf("reloaded headnote %q", h)
	}
}

func TestEditsAfterUndoDropRedo(t *testing.T) {
	p := edittest.SampleCopy(t)
	s := edit.New(p, edit.Options{})
	e := p.Essay("bread-before-dawn")
	s.EditEssay(e, "title", func(m *anthology.EssayMeta) { m.Title = "Bread" })
	s.Seal()
	s.EditEssay(e, "title", func(m *anthology.EssayMeta) { m.Title = "Bread at Four" })
	s.Undo()
	if e.Meta.Title != "Bread" {
		t.Fatalf("sealed edits joined: %q", e.Meta.Title)
	}
	s.EditEssay(e, "subtitle", func(m *anthology.EssayMeta) { m.Subtitle = "A baker" })
	if s.CanRedo() {
		t.Error("a new edit after undo left the undone step to redo")
	}
	// Nothing changed: no step.
	n := s.UndoLabel()
	s.EditEssay(e, "subtitle", func(m *anthology.EssayMeta) { m.Subtitle = "A baker" })
	if s.UndoLabel() != n {
		t.Error("an edit that changed nothing became a step")
	}
}

func TestStructuralEditsUndo(t *testing.T) {
	tests := []struct {
		name string
		do   func(s *edit.Session) error
		want string
	}{
		{"move up across parts", func(s *edit.Session) error { return s.MoveEssayUp("bread-before-dawn") },
			"Keeping Watch: the-night-nurse the-lighthouse-log notes-from-the-night-desk bread-before-dawn | " +
				"Making Ready: two-voices-on-the-last-bus what-the-dark-is-for"},
		{"move up at the top does nothing", func(s *edit.Session) error { return s.MoveEssayUp("the-night-nurse") }, edittest.StartOrder},
		{"move down at the end does nothing", func(s *edit.Session) error { return s.MoveEssayDown("what-the-dark-is-for") }, edittest.StartOrder},
		{"move to part", func(s *edit.Session) error { return s.MoveEssayToPart("the-night-nurse", 1) },
			"Keeping Watch: the-lighthouse-log notes-from-the-night-desk | " +
				"Making Ready: bread-before-dawn two-voices-on-the-last-bus what-the-dark-is-for the-night-nurse"},
		{"move part", func(s *edit.Session) error { return s.MovePart(1, 0) },
			"Making Ready: bread-before-dawn two-voices-on-the-last-bus what-the-dark-is-for | " +
				"Keeping Watch: the-night-nurse the-lighthouse-log notes-from-the-night-desk"},
		{"add part", func(s *edit.Session) error { return s.AddPart(2, "Last Light", "") }, edittest.StartOrder + " | Last Light:"},
		{"rename part", func(s *edit.Session) error { return s.RenamePart(0, "Watching", "") },
			strings.Replace(edittest.StartOrder, "Keeping Watch", "Watching", 1)},
		{"delete part", func(s *edit.Session) error { return s.DeletePart(1) },
			"Keeping Watch: the-night-nurse the-lighthouse-log notes-from-the-night-desk bread-before-dawn two-voices-on-the-last-bus what-the-dark-is-for"},
		{"remove essay", func(s *edit.Session) error { return s.RemoveEssay("the-lighthouse-log") },
			strings.Replace(edittest.StartOrder, " the-lighthouse-log", "", 1)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := edittest.SampleCopy(t)
			s := edit.New(p, edit.Options{})
			if err := tc.do(s); err != nil {
				t.Fatal(err)
			}
			if got := edittest.Order(p); got != tc.want {
				t.Fatalf("got  %s\nwant %s", got, tc.want)
			}
			s.Undo()
			if got := edittest.Order(p); got != edittest.StartOrder {
				t.Fatalf("undo gave %s", got)
			}
			s.Redo()
			if got := edittest.Order(p); got != tc.want {
				t.Fatalf("redo gave %s", got)
			}
		})
	}
}

func TestImportIsOneStep(t *testing.T) {
	p := edittest.SampleCopy(t)
	s := edit.New(p, edit.Options{})
	people := len(p.Contributors)
	r, err := importer.Read("found.md", []byte("# Found Essay\n\nBy Mira Quill\n\nA paragraph long enough to be a body of an essay, with words.\n"))
	if err != nil {
		t.Fatal(err)
	}
	e, err := s.Import(r)
	if err != nil {
		t.Fatal(err)
	}
	if p.Essay(e.ID) == nil || len(p.Contributors) != people+1 {
		t.Fatalf("import: essay in contents %v, %d contributors", p.Essay(e.ID) != nil, len(p.Contributors))
	}
	s.Undo()
	if p.Essay(e.ID) != nil || len(p.Contributors) != people {
		t.Errorf("undo of import left essay %v, %d contributors", p.Essay(e.ID) != nil, len(p.Contributors))
	}
}

// TestCrashKeepsEdits types into a project, "crashes" (the session is dropped without saving or
// closing), and checks that the next open finds every edit and saves it.
func TestCrashKeepsEdits(t *testing.T) {
	p := edittest.SampleCopy(t)
	recDir := t.TempDir()
	s := edit.New(p, edit.Options{RecoveryDir: recDir})
	if r, err := edit.FindRecovery(recDir, p.Dir, p.Book.Title); err != nil || r != nil {
		t.Fatalf("recovery before any edit: %v, %v", r, err)
	}
	if err := s.MoveEssayToPart("notes-from-the-night-desk", 1); err != nil {
		t.Fatal(err)
	}
	e := p.Essay("the-lighthouse-log")
	for _, text := range []string{"K", "Ke", "Kept", "Kept by the keeper."} {
		s.EditEssay(e, "headnote", func(m *anthology.EssayMeta) { m.Headnote = text })
	}
	s.SetBody(e, e.Body+"\nA last line, typed just before the crash.\n")
	if err := s.Flush(); err != nil {
		t.Fatal(err)
	}
	// Crash: no Save, no Close.
	r, err := edit.FindRecovery(recDir, p.Dir, p.Book.Title)
	if err != nil || r == nil {
		t.Fatalf("no recovery after edits: %v", err)
	}
	q, err := r.Open(nil)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := edittest.Order(q), edittest.Order(p); got != want {
		t.Errorf("recovered order %s, want %s", got, want)
	}
	qe := q.Essay("the-lighthouse-log")
	if qe.Meta.Headnote != "Kept by the keeper." || !strings.Contains(qe.Body, "typed just before the crash") {
		t.Errorf("recovered headnote %q, body ends %q", qe.Meta.Headnote, qe.Body[max(0, len(qe.Body)-60):])
	}
	s2 := edit.New(q, edit.Options{RecoveryDir: recDir, Recovered: r})
	if !s2.Dirty() {
		t.Error("a recovered project is not dirty")
	}
	if err := s2.Save(); err != nil {
		t.Fatal(err)
	}
	if err := s2.Flush(); err != nil {
		t.Fatal(err)
	}
	if r, _ := edit.FindRecovery(recDir, p.Dir, p.Book.Title); r != nil {
		t.Error("recovery file left after saving")
	}
	d, err := anthology.Open(p.Dir)
	if err != nil {
		t.Fatal(err)
	}
	if d.Essay("the-lighthouse-log").Meta.Headnote != "Kept by the keeper." || edittest.Order(d) != edittest.Order(p) {
		t.Error("the recovered edits did not reach the disk on save")
	}
}

func TestUndoToSavedStateDropsRecovery(t *testing.T) {
	p := edittest.SampleCopy(t)
	recDir := t.TempDir()
	s := edit.New(p, edit.Options{RecoveryDir: recDir})
	s.EditBook("title", func(b *anthology.Book) { b.Subtitle = "Night Essays" })
	s.Flush()
	if r, _ := edit.FindRecovery(recDir, p.Dir, p.Book.Title); r == nil {
		t.Fatal("no recovery after an edit")
	}
	s.Undo()
	s.Flush()
	if r, _ := edit.FindRecovery(recDir, p.Dir, p.Book.Title); r != nil {
		t.Error("recovery kept although nothing is unsaved")
	}
}

func TestSampleRecovery(t *testing.T) {
	p, err := anthology.LoadFS(assets.Sample(), "sample")
	if err != nil {
		t.Fatal(err)
	}
	recDir := t.TempDir()
	s := edit.New(p, edit.Options{RecoveryDir: recDir})
	s.EditBook("dedication", func(b *anthology.Book) { b.Dedication = "For the night shift." })
	s.Flush()
	r, err := edit.FindRecovery(recDir, "", p.Book.Title)
	if err != nil || r == nil {
		t.Fatalf("no recovery of the edited sample: %v", err)
	}
	q, err := r.Open(assets.Sample())
	if err != nil {
		t.Fatal(err)
	}
	if q.Book.Dedication != "For the night shift." {
		t.Errorf("recovered dedication %q", q.Book.Dedication)
	}
	if err := r.Discard(); err != nil {
		t.Fatal(err)
	}
	if r, _ := edit.FindRecovery(recDir, "", p.Book.Title); r != nil {
		t.Error("discarded recovery still there")
	}
}

func TestChangedOnDisk(t *testing.T) {
	p := edittest.SampleCopy(t)
	s := edit.New(p, edit.Options{})
	if got := s.ChangedOnDisk(); len(got) != 0 {
		t.Fatalf("changed before anything happened: %v", got)
	}
	name := filepath.Join(p.Dir, "essays", "bread-before-dawn.md")
	data, _ := os.ReadFile(name)
	if err := os.WriteFile(name, append(data, []byte("\nAdded elsewhere.\n")...), 0o644); err != nil {
		t.Fatal(err)
	}
	got := s.ChangedOnDisk()
	if len(got) != 1 || got[0] != "essays/bread-before-dawn.md" {
		t.Fatalf("changed: %v", got)
	}
	s.KeepMine()
	if got := s.ChangedOnDisk(); len(got) != 0 {
		t.Errorf("still changed after keeping mine: %v", got)
	}
	if !s.Dirty() {
		t.Fatal("keeping the open version over a changed disk is not dirty")
	}
	if err := s.Save(); err != nil {
		t.Fatal(err)
	}
	after, _ := os.ReadFile(name)
	if strings.Contains(string(after), "Added elsewhere.") {
		t.Error("save did not write the kept version")
	}
	if got := s.ChangedOnDisk(); len(got) != 0 {
		t.Errorf("our own save counts as a change on disk: %v", got)
	}
}

func TestPartTitleEdits(t *testing.T) {
	p := edittest.SampleCopy(t)
	s := edit.New(p, edit.Options{})
	pt := p.Parts[0]
	for _, title := range []string{"K", "Ke", "Keepers"} {
		if err := s.EditPart(pt, "title", func(x *anthology.Part) { x.Title = title }); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.EditPart(pt, "title", func(x *anthology.Part) { x.Title = " " }); err == nil || pt.Title != "Keepers" {
		t.Errorf("emptying a part's title: %v, title %q", err, pt.Title)
	}
	s.Undo()
	if pt.Title != "Keeping Watch" {
		t.Errorf("undo of typed title left %q", pt.Title)
	}
}

func TestAddIntroduction(t *testing.T) {
	p := edittest.SampleCopy(t)
	s := edit.New(p, edit.Options{})
	// Take the sample's introduction away (saved), so that one can be added.
	p.Introduction, p.Book.IntroductionFile = nil, ""
	os.Remove(filepath.Join(p.Dir, "front", "introduction.md"))
	if err := s.Save(); err != nil {
		t.Fatal(err)
	}
	e, err := s.AddIntroduction()
	if err != nil {
		t.Fatal(err)
	}
	s.SetBody(e, "Why these essays, and why now.\n")
	if err := s.Save(); err != nil {
		t.Fatal(err)
	}
	q, err := anthology.Open(p.Dir)
	if err != nil {
		t.Fatal(err)
	}
	if q.Introduction == nil || !strings.Contains(q.Introduction.Body, "why now") {
		t.Fatalf("introduction not saved: %+v", q.Introduction)
	}
	s.Undo()
	s.Undo()
	if p.Introduction != nil || p.Book.IntroductionFile != "" {
		t.Error("undo left the introduction")
	}
}

// TestSuspendedRecoveryIsLeftAlone: a session opened while an earlier one's recovery waits for
// an answer must not delete it by saving, nor overwrite it by editing.
func TestSuspendedRecoveryIsLeftAlone(t *testing.T) {
	p := edittest.SampleCopy(t)
	recDir := t.TempDir()
	crashed := edit.New(p, edit.Options{RecoveryDir: recDir})
	crashed.EditBook("subtitle", func(b *anthology.Book) { b.Subtitle = "Lost?" })
	crashed.Flush()

	q, _ := anthology.Open(p.Dir)
	s := edit.New(q, edit.Options{RecoveryDir: recDir})
	s.SuspendRecovery()
	s.EditBook("rights", func(b *anthology.Book) { b.Rights = "Mine" })
	s.Undo()
	if err := s.Save(); err != nil {
		t.Fatal(err)
	}
	s.Flush()
	r, err := edit.FindRecovery(recDir, p.Dir, p.Book.Title)
	if err != nil || r == nil {
		t.Fatalf("the waiting recovery is gone: %v", err)
	}
	if !strings.Contains(r.Files[anthology.ProjectFile], "Lost?") {
		t.Error("the waiting recovery was overwritten")
	}
	s.ResumeRecovery()
	s.EditBook("rights", func(b *anthology.Book) { b.Rights = "Mine" })
	s.Flush()
	r, _ = edit.FindRecovery(recDir, p.Dir, p.Book.Title)
	if r == nil || !strings.Contains(r.Files[anthology.ProjectFile], "Mine") {
		t.Error("after resuming, the session does not keep its edits")
	}
}

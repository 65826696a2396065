// Package edit is an editing session on a project: every change the editor makes goes through
// it, so that each can be undone and redone, the session knows whether there is anything to
// save, every edit is kept in a recovery file until it is saved (a crash loses nothing), and a
// file changed on disk by someone else is noticed.
//
// The desktop app drives a Session; nothing here knows about windows, so the same operations
// are tested without one.
package edit

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"

	"github.com/anthology-editor/anthology/anthology"
)

// Session is one open project and the history of what was done to it. Its methods must be
// called from one goroutine (the GUI's).
type Session struct {
	p       *anthology.Project
	history []change
	// pos is how many changes of history are applied; savedPos is pos when the project was
	// last saved, or -1 when the saved state is no longer in history.
	pos, savedPos int
	// sealed stops the next edit joining the last one (see record).
	sealed    bool
	listeners []func()

	// touched are the essays edited since the last save: what the recovery file holds.
	touched map[*anthology.Essay]bool
	rec     *recorder
	held    *recorder // the recorder while recovery is suspended
	disk    map[string]stamp
}

// change is one undoable step.
type change struct {
	label string
	// key joins consecutive edits of one field (typing a headnote) into one step; "" never joins.
	key        string
	undo, redo func()
	essays     []*anthology.Essay
}

// Options configure a session.
type Options struct {
	// RecoveryDir is where unsaved edits are kept; "" keeps none.
	RecoveryDir string
	// Recovered is the recovery the project was opened from (see Recovery.Open): the session
	// starts with those edits unsaved.
	Recovered *Recovery
}

// New starts a session on p.
func New(p *anthology.Project, o Options) *Session {
	s := &Session{p: p, touched: map[*anthology.Essay]bool{}}
	if o.RecoveryDir != "" {
		s.rec = newRecorder(o.RecoveryDir, recoveryKey(p))
	}
	if o.Recovered != nil {
		s.savedPos = -1
		for _, e := range s.allEssays() {
			if _, ok := o.Recovered.Files[e.Path]; ok {
				s.touched[e] = true
			}
		}
	}
	s.stampDisk()
	return s
}

// Project is the project being edited.
func (s *Session) Project() *anthology.Project { return s.p }

// OnChange registers f to be called after every edit, undo, redo and save.
func (s *Session) OnChange(f func()) { s.listeners = append(s.listeners, f) }

func (s *Session) changed() {
	s.autosave()
	for _, f := range s.listeners {
		f()
	}
}

// Dirty reports whether the project has edits that are not saved.
func (s *Session) Dirty() bool { return s.pos != s.savedPos }

// Seal ends the current step: the next edit starts a new one even if it is to the same field.
// The app seals when the editor leaves a field.
func (s *Session) Seal() { s.sealed = true }

// record applies nothing; it files c, whose redo has just been done, as the newest step.
func (s *Session) record(c change) {
	if s.pos < len(s.history) {
		s.history = s.history[:s.pos]
		if s.savedPos > s.pos {
			s.savedPos = -1
		}
	}
	if last := s.pos - 1; c.key != "" && !s.sealed && last >= 0 && s.history[last].key == c.key && s.savedPos != s.pos {
		// The same field again: keep the step's first undo, take the newest redo.
		s.history[last].redo = c.redo
	} else {
		s.history = append(s.history, c)
		s.pos++
	}
	s.sealed = false
	for _, e := range c.essays {
		s.touched[e] = true
	}
	s.changed()
}

// CanUndo and CanRedo report whether there is a step to undo or redo.
func (s *Session) CanUndo() bool { return s.pos > 0 }

// CanRedo reports whether there is an undone step to redo.
func (s *Session) CanRedo() bool { return s.pos < len(s.history) }

// UndoLabel names the step Undo would undo ("Move “Night Shift”"), or "".
func (s *Session) UndoLabel() string {
	if !s.CanUndo() {
		return ""
	}
	return s.history[s.pos-1].label
}

// RedoLabel names the step Redo would redo, or "".
func (s *Session) RedoLabel() string {
	if !s.CanRedo() {
		return ""
	}
	return s.history[s.pos].label
}

// Undo undoes the newest step; it reports whether there was one.
func (s *Session) Undo() bool {
	if !s.CanUndo() {
		return false
	}
	s.pos--
	c := s.history[s.pos]
	c.undo()
	s.sealed = true
	for _, e := range c.essays {
		s.touched[e] = true
	}
	s.changed()
	return true
}

// Redo redoes the newest undone step; it reports whether there was one.
func (s *Session) Redo() bool {
	if !s.CanRedo() {
		return false
	}
	c := s.history[s.pos]
	s.pos++
	c.redo()
	s.sealed = true
	for _, e := range c.essays {
		s.touched[e] = true
	}
	s.changed()
	return true
}

// Save writes the project to its folder (see anthology.Project.Save) and drops the recovery.
func (s *Session) Save() error {
	if err := s.p.Save(); err != nil {
		return err
	}
	s.saved()
	return nil
}

// SaveAs writes the project to a new folder, which becomes its folder.
func (s *Session) SaveAs(dir string) error {
	old := s.rec
	if err := s.p.SaveAs(dir); err != nil {
		return err
	}
	if old != nil {
		old.remove()
		old.flush()
		s.rec = newRecorder(old.dir, recoveryKey(s.p))
	}
	s.saved()
	return nil
}

func (s *Session) saved() {
	s.savedPos = s.pos
	s.sealed = true
	clear(s.touched)
	s.stampDisk()
	s.changed()
}

// Close ends the session: it removes the recovery file unless keep is set (the editor chose to
// close without saving but keep the edits for later), and waits for the recovery writer. A
// crash never calls Close, which is why the recovery file is there.
func (s *Session) Close(keep bool) {
	if s.rec == nil {
		return
	}
	if !keep {
		s.rec.remove()
	}
	s.rec.flush()
}

// SuspendRecovery stops the session writing (or removing) its recovery file until
// ResumeRecovery. While an earlier session's recovery file waits for the editor's answer, this
// session must neither overwrite it nor, by saving, delete it.
func (s *Session) SuspendRecovery() {
	if s.rec != nil {
		s.held, s.rec = s.rec, nil
	}
}

// ResumeRecovery starts keeping the recovery file again, with the edits made meanwhile.
func (s *Session) ResumeRecovery() {
	if s.held != nil {
		s.rec, s.held = s.held, nil
		if s.Dirty() {
			s.autosave()
		}
	}
}

// Flush waits until the recovery file holds the latest edits.
func (s *Session) Flush() error {
	if s.rec == nil {
		return nil
	}
	return s.rec.flush()
}

func (s *Session) allEssays() []*anthology.Essay {
	es := s.p.Essays()
	if s.p.Introduction != nil {
		es = append(es, s.p.Introduction)
	}
	return es
}

// stamp is what a file on disk looked like when the session last read or wrote it.
type stamp struct {
	size    int64
	modTime int64
	missing bool
}

// stampDisk records the project's files as they are now.
func (s *Session) stampDisk() {
	s.disk = map[string]stamp{}
	if s.p.Dir == "" {
		return
	}
	for _, name := range s.watched() {
		s.disk[name] = stampOf(filepath.Join(s.p.Dir, filepath.FromSlash(name)))
	}
}

func (s *Session) watched() []string {
	names := []string{anthology.ProjectFile}
	for _, e := range s.allEssays() {
		names = append(names, e.Path)
	}
	return names
}

func stampOf(path string) stamp {
	info, err := os.Stat(path)
	if err != nil {
		return stamp{missing: true}
	}
	return stamp{size: info.Size(), modTime: info.ModTime().UnixNano()}
}

// ChangedOnDisk lists the project's files (paths inside the project) that something other than
// this session changed, created or deleted since the session read or last wrote them.
func (s *Session) ChangedOnDisk() []string {
	if s.p.Dir == "" {
		return nil
	}
	var out []string
	for _, name := range s.watched() {
		old, ok := s.disk[name]
		if !ok {
			old = stamp{missing: true} // an essay added in this session, not saved yet
		}
		if stampOf(filepath.Join(s.p.Dir, filepath.FromSlash(name))) != old {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return slices.Compact(out)
}

// KeepMine accepts the files on disk as they are now without reading them: the editor chose to
// keep the open version, which the next save writes over them.
func (s *Session) KeepMine() {
	for _, name := range s.watched() {
		s.disk[name] = stampOf(filepath.Join(s.p.Dir, filepath.FromSlash(name)))
	}
	// What is on disk is no longer what was saved: the open version must be written.
	if !s.Dirty() {
		s.savedPos = -1
		for _, e := range s.allEssays() {
			s.touched[e] = true
		}
		s.p.ForgetSaved()
		s.changed()
	}
}

func quote(s string) string { return fmt.Sprintf("“%s”", s) }

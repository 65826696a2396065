package edit

import (
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/anthology-editor/anthology/anthology"
	"github.com/anthology-editor/anthology/anthology/find"
	"github.com/anthology-editor/anthology/anthology/importer"
)

// contentsState is the contents and the contributors list as they were at one moment: an undo
// snapshot. It holds pointers (cheap: a thousand essays are a thousand words of memory) and the
// parts' and contributors' values, which the operations may change in place.
type contentsState struct {
	parts  []*anthology.Part
	values []anthology.Part
	intro  *anthology.Essay
	people []*anthology.Contributor
	// introFile and dedication are the book's, which an import may set.
	introFile, dedication string
}

func (s *Session) snapshot() contentsState {
	st := contentsState{parts: slices.Clone(s.p.Parts), intro: s.p.Introduction, people: slices.Clone(s.p.Contributors),
		introFile: s.p.Book.IntroductionFile, dedication: s.p.Book.Dedication}
	st.values = make([]anthology.Part, len(st.parts))
	for i, pt := range st.parts {
		st.values[i] = *pt
		st.values[i].Essays = slices.Clone(pt.Essays)
	}
	return st
}

func (s *Session) restore(st contentsState) {
	for i, pt := range st.parts {
		*pt = st.values[i]
		pt.Essays = slices.Clone(st.values[i].Essays)
	}
	s.p.Parts = slices.Clone(st.parts)
	s.p.Introduction = st.intro
	s.p.Book.IntroductionFile, s.p.Book.Dedication = st.introFile, st.dedication
	s.p.Contributors = slices.Clone(st.people)
}

// structural runs op, which changes the contents or the contributors list, as one step.
func (s *Session) structural(label string, essays []*anthology.Essay, op func() error) error {
	before := s.snapshot()
	if err := op(); err != nil {
		s.restore(before)
		return err
	}
	after := s.snapshot()
	s.record(change{label: label, undo: func() { s.restore(before) }, redo: func() { s.restore(after) }, essays: essays})
	return nil
}

func (s *Session) essay(id string) (*anthology.Essay, error) {
	e := s.p.Essay(id)
	if e == nil {
		return nil, fmt.Errorf("no essay %q in the contents", id)
	}
	return e, nil
}

// MoveEssay moves essay id into part to at index (see anthology.Project.MoveEssay).
func (s *Session) MoveEssay(id string, to, index int) error {
	e, err := s.essay(id)
	if err != nil {
		return err
	}
	return s.structural("Move "+quote(e.Meta.Title), nil, func() error { return s.p.MoveEssay(id, to, index) })
}

// MoveEssayUp moves essay id one place earlier in the book: past the essay before it, or from
// the top of a part to the end of the part before. At the very top it does nothing.
func (s *Session) MoveEssayUp(id string) error {
	i, j := s.p.Position(id)
	switch {
	case i < 0:
		return fmt.Errorf("no essay %q in the contents", id)
	case j > 0:
		return s.MoveEssay(id, i, j-1)
	case i > 0:
		return s.MoveEssay(id, i-1, len(s.p.Parts[i-1].Essays))
	}
	return nil
}

// MoveEssayDown moves essay id one place later in the book: past the essay after it, or from
// the end of a part to the top of the next. At the very end it does nothing.
func (s *Session) MoveEssayDown(id string) error {
	i, j := s.p.Position(id)
	switch {
	case i < 0:
		return fmt.Errorf("no essay %q in the contents", id)
	case j < len(s.p.Parts[i].Essays)-1:
		return s.MoveEssay(id, i, j+1)
	case i < len(s.p.Parts)-1:
		return s.MoveEssay(id, i+1, 0)
	}
	return nil
}

// MoveEssayToPart moves essay id to the end of part to.
func (s *Session) MoveEssayToPart(id string, to int) error {
	if to >= 0 && to < len(s.p.Parts) {
		return s.MoveEssay(id, to, len(s.p.Parts[to].Essays))
	}
	return s.MoveEssay(id, to, 0)
}

// MoveEssaysToPart moves essays, in the order the book has them, to the end of part to, as
// one step of Undo.
func (s *Session) MoveEssaysToPart(ids []string, to int) error {
	if to < 0 || to >= len(s.p.Parts) {
		return fmt.Errorf("no part %d", to+1)
	}
	for _, id := range ids {
		if _, err := s.essay(id); err != nil {
			return err
		}
	}
	inOrder := slices.Clone(ids)
	slices.SortStableFunc(inOrder, func(a, b string) int {
		ai, aj := s.p.Position(a)
		bi, bj := s.p.Position(b)
		if ai != bi {
			return ai - bi
		}
		return aj - bj
	})
	label := fmt.Sprintf("Move %d essays to %s", len(ids), quote(s.p.Parts[to].Title))
	return s.structural(label, nil, func() error {
		for _, id := range inOrder {
			if err := s.p.MoveEssay(id, to, len(s.p.Parts[to].Essays)); err != nil {
				return err
			}
		}
		return nil
	})
}

// RemoveEssay takes essay id out of the contents; its file stays in the project folder.
func (s *Session) RemoveEssay(id string) error {
	e, err := s.essay(id)
	if err != nil {
		return err
	}
	return s.structural("Remove "+quote(e.Meta.Title)+" from the contents", nil, func() error {
		_, err := s.p.RemoveEssay(id)
		return err
	})
}

// MovePart moves part from to position to.
func (s *Session) MovePart(from, to int) error {
	if from < 0 || from >= len(s.p.Parts) {
		return fmt.Errorf("no part %d (the book has %d)", from+1, len(s.p.Parts))
	}
	return s.structural("Move part "+quote(partName(s.p.Parts[from])), nil, func() error { return s.p.MovePart(from, to) })
}

// AddPart adds an empty part at index.
func (s *Session) AddPart(index int, title, subtitle string) error {
	return s.structural("Add part "+quote(title), nil, func() error {
		_, err := s.p.AddPart(index, title, subtitle)
		return err
	})
}

// RenamePart sets part index's title and subtitle.
func (s *Session) RenamePart(index int, title, subtitle string) error {
	return s.structural("Rename part "+quote(title), nil, func() error { return s.p.RenamePart(index, title, subtitle) })
}

// DeletePart removes part index's heading; its essays keep their place in the book.
func (s *Session) DeletePart(index int) error {
	if index < 0 || index >= len(s.p.Parts) {
		return fmt.Errorf("no part %d (the book has %d)", index+1, len(s.p.Parts))
	}
	return s.structural("Delete part "+quote(partName(s.p.Parts[index])), nil, func() error { return s.p.DeletePart(index) })
}

func partName(p *anthology.Part) string {
	if p.Title == "" {
		return "Essays outside parts"
	}
	return p.Title
}

// Import adds an imported essay (see importer.Add) as one step: undoing it takes the essay out
// and the contributors it brought.
func (s *Session) Import(r *importer.Result) (*anthology.Essay, error) {
	label := "Import " + quote(r.Title)
	if r.Title == "" {
		label = "Import " + r.File
	}
	before := s.snapshot()
	e := importer.Add(s.p, r)
	if _, err := importer.CopyImages(s.p, e, r); err != nil {
		s.restore(before)
		return nil, err
	}
	after := s.snapshot()
	var essays []*anthology.Essay
	if e != nil {
		essays = append(essays, e) // a part's title page adds a part, no essay
	}
	s.record(change{label: label, undo: func() { s.restore(before) }, redo: func() { s.restore(after) },
		essays: essays})
	return e, nil
}

// AddContributor adds a contributor named name (or returns the one of that name) as one step.
func (s *Session) AddContributor(name string) (*anthology.Contributor, error) {
	if c := s.p.ContributorNamed(name); c != nil {
		return c, nil
	}
	var c *anthology.Contributor
	err := s.structural("Add contributor "+quote(name), nil, func() error {
		if strings.TrimSpace(name) == "" {
			return fmt.Errorf("a contributor needs a name")
		}
		c = s.p.AddContributor(name, "")
		return nil
	})
	return c, err
}

// RemoveContributor takes a contributor out of the book; one who wrote or edited something in
// it cannot go.
func (s *Session) RemoveContributor(id string) error {
	c := s.p.Contributor(id)
	if c == nil {
		return fmt.Errorf("no contributor %q", id)
	}
	if n := len(s.p.EssaysBy(id)); n > 0 {
		return fmt.Errorf("%s wrote %d essay(s) in the book; take them off those first", c.Name, n)
	}
	if slices.Contains(s.p.Book.Editors, id) {
		return fmt.Errorf("%s edits the book; take them off the editors first", c.Name)
	}
	return s.structural("Remove contributor "+quote(c.Name), nil, func() error {
		s.p.Contributors = slices.DeleteFunc(slices.Clone(s.p.Contributors), func(x *anthology.Contributor) bool { return x.ID == id })
		return nil
	})
}

// EditEssay changes essay e's front matter with f as one step. field names what f changes
// ("headnote"): consecutive edits of one field join into one step, as typing does.
func (s *Session) EditEssay(e *anthology.Essay, field string, f func(m *anthology.EssayMeta)) {
	before := copyMeta(e.Meta)
	f(&e.Meta)
	after := copyMeta(e.Meta)
	if reflect.DeepEqual(before, after) {
		return
	}
	s.record(change{label: "Edit " + field + " of " + quote(e.Meta.Title), key: "essay:" + e.ID + ":" + field,
		undo: func() { e.Meta = copyMeta(before) }, redo: func() { e.Meta = copyMeta(after) },
		essays: []*anthology.Essay{e}})
}

// SetBody replaces essay e's Markdown as one step (consecutive edits join).
func (s *Session) SetBody(e *anthology.Essay, body string) {
	before := e.Body
	if before == body {
		return
	}
	e.SetBody(body)
	after := e.Body
	s.record(change{label: "Edit text of " + quote(e.Meta.Title), key: "body:" + e.ID,
		undo: func() { e.SetBody(before) }, redo: func() { e.SetBody(after) },
		essays: []*anthology.Essay{e}})
}

func copyMeta(m anthology.EssayMeta) anthology.EssayMeta { return m.Clone() }

// EditContributor changes contributor c with f as one step (consecutive edits of field join).
func (s *Session) EditContributor(c *anthology.Contributor, field string, f func(c *anthology.Contributor)) {
	editValue(s, c, "contributor:"+c.ID+":"+field, "Edit "+field+" of "+c.Name, f)
}

// EditBook changes the book's metadata with f as one step (consecutive edits of field join).
func (s *Session) EditBook(field string, f func(b *anthology.Book)) {
	before := copyBook(s.p.Book)
	f(&s.p.Book)
	after := copyBook(s.p.Book)
	if reflect.DeepEqual(before, after) {
		return
	}
	s.record(change{label: "Edit book " + field, key: "book:" + field,
		undo: func() { s.p.Book = copyBook(before) }, redo: func() { s.p.Book = copyBook(after) }})
}

func copyBook(b anthology.Book) anthology.Book {
	b.Editors = slices.Clone(b.Editors)
	b.Subjects = slices.Clone(b.Subjects)
	if b.Series != nil {
		sr := *b.Series
		b.Series = &sr
	}
	return b
}

// EditPrint changes the print settings with f as one step.
func (s *Session) EditPrint(field string, f func(ps *anthology.PrintSettings)) {
	editValue(s, &s.p.Print, "print:"+field, "Change "+field, f)
}

// EditEPUB changes the EPUB settings with f as one step.
func (s *Session) EditEPUB(field string, f func(es *anthology.EPUBSettings)) {
	editValue(s, &s.p.EPUB, "epub:"+field, "Change "+field, f)
}

// editValue changes *v with f as one step; v is a plain value, copied for undo.
func editValue[T comparable](s *Session, v *T, key, label string, f func(*T)) {
	before := *v
	f(v)
	after := *v
	if before == after {
		return
	}
	s.record(change{label: label, key: key, undo: func() { *v = before }, redo: func() { *v = after }})
}

// EditPart changes part pt's title or subtitle with f as one step (consecutive edits of field
// join). A titled part cannot lose its title: that would turn it into essays outside parts.
func (s *Session) EditPart(pt *anthology.Part, field string, f func(pt *anthology.Part)) error {
	before := *pt
	f(pt)
	after := *pt
	if before.Title != "" && strings.TrimSpace(after.Title) == "" {
		*pt = before
		return anthology.ErrPartTitle
	}
	if before.Title == after.Title && before.Subtitle == after.Subtitle {
		return nil
	}
	s.record(change{label: "Edit part " + field, key: fmt.Sprintf("part:%p:%s", pt, field),
		undo: func() { pt.Title, pt.Subtitle = before.Title, before.Subtitle },
		redo: func() { pt.Title, pt.Subtitle = after.Title, after.Subtitle }})
	return nil
}

// IntroductionPath is where a new introduction's file goes.
const IntroductionPath = "front/introduction.md"

// AddIntroduction gives the book an introduction by its editors, as one step.
func (s *Session) AddIntroduction() (*anthology.Essay, error) {
	if s.p.Introduction != nil {
		return s.p.Introduction, nil
	}
	if _, err := s.p.ReadFile(IntroductionPath); err == nil {
		return nil, fmt.Errorf("%s already exists; name it in anthology.yaml (introduction: %s) to use it", IntroductionPath, IntroductionPath)
	}
	e := anthology.NewEssay("introduction", anthology.EssayMeta{Title: "Introduction", Authors: slices.Clone(s.p.Book.Editors)}, "")
	e.Path = IntroductionPath
	oldFile := s.p.Book.IntroductionFile
	apply := func() { s.p.Introduction, s.p.Book.IntroductionFile = e, IntroductionPath }
	apply()
	s.record(change{label: "Add introduction", undo: func() { s.p.Introduction, s.p.Book.IntroductionFile = nil, oldFile },
		redo: apply, essays: []*anthology.Essay{e}})
	return e, nil
}

// Replace applies replacements (from find.Replace) as one step: "Replace 12 × “colour”" undoes
// every essay it touched at once.
func (s *Session) Replace(label string, reps []find.Replacement) error {
	if len(reps) == 0 {
		return nil
	}
	for _, r := range reps {
		if find.FieldText(r.Essay, r.Field) != r.Old {
			return fmt.Errorf("%s of %q changed since it was searched; search again", r.Field, r.Essay.Meta.Title)
		}
	}
	set := func(r find.Replacement, v string) {
		switch r.Field {
		case "title":
			r.Essay.Meta.Title = v
		case "subtitle":
			r.Essay.Meta.Subtitle = v
		case "headnote":
			r.Essay.Meta.Headnote = v
		default:
			r.Essay.SetBody(v)
		}
	}
	var essays []*anthology.Essay
	for _, r := range reps {
		set(r, r.New)
		if !slices.Contains(essays, r.Essay) {
			essays = append(essays, r.Essay)
		}
	}
	s.record(change{label: label,
		undo: func() {
			for i := len(reps) - 1; i >= 0; i-- {
				set(reps[i], reps[i].Old)
			}
		},
		redo: func() {
			for _, r := range reps {
				set(r, r.New)
			}
		},
		essays: essays})
	return nil
}

// EditEssays changes the front matter of several essays with f as one step ("Set the status
// of 12 essays"): one undo takes every one back.
func (s *Session) EditEssays(label string, essays []*anthology.Essay, f func(m *anthology.EssayMeta)) {
	s.eachEssay(label, essays, func(e *anthology.Essay) { f(&e.Meta) })
}

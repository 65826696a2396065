package edit

import (
	"fmt"

	"github.com/anthology-editor/anthology/anthology"
	"github.com/anthology-editor/anthology/anthology/importer"
)

// AddQuery adds a query to essay e as one step and returns its id (a new one when q has
// none; today's date when it has none).
func (s *Session) AddQuery(e *anthology.Essay, q anthology.Query) string {
	if q.ID == "" {
		q.ID = anthology.NewQueryID(e.Meta.Queries)
	}
	if q.Date == "" {
		q.Date = anthology.Today()
	}
	s.editQueries(e, "Add query to "+quote(e.Meta.Title), func(qs []anthology.Query) []anthology.Query { return append(qs, q) })
	return q.ID
}

// EditQuery changes query id of essay e with f as one step ("Resolve query", "Reply to
// query"); label names the step. It reports whether the essay has such a query.
func (s *Session) EditQuery(e *anthology.Essay, id, label string, f func(q *anthology.Query)) bool {
	found := false
	s.editQueries(e, label, func(qs []anthology.Query) []anthology.Query {
		for i := range qs {
			if qs[i].ID == id {
				f(&qs[i])
				found = true
			}
		}
		return qs
	})
	return found
}

// RemoveQuery deletes query id of essay e as one step.
func (s *Session) RemoveQuery(e *anthology.Essay, id string) {
	s.editQueries(e, "Delete query", func(qs []anthology.Query) []anthology.Query {
		out := qs[:0]
		for _, q := range qs {
			if q.ID != id {
				out = append(out, q)
			}
		}
		return out
	})
}

// ApplyAnswers sets the queries the authors' answers brought (importer.ReadAnswers) as one
// step: one undo takes every essay's back.
func (s *Session) ApplyAnswers(a *importer.Answers) {
	var essays []*anthology.Essay
	for _, ea := range a.Essays {
		essays = append(essays, ea.Essay)
	}
	byEssay := map[*anthology.Essay][]anthology.Query{}
	for _, ea := range a.Essays {
		byEssay[ea.Essay] = ea.Queries
	}
	s.eachEssay(fmt.Sprintf("Import answers (%s)", a.Summary()), essays, func(e *anthology.Essay) {
		e.Meta.Queries = anthology.CloneQueries(byEssay[e])
	})
}

// editQueries changes e's queries with f as a step of its own (queries are never joined into
// one step, as typing is).
func (s *Session) editQueries(e *anthology.Essay, label string, f func([]anthology.Query) []anthology.Query) {
	s.eachEssay(label, []*anthology.Essay{e}, func(e *anthology.Essay) {
		e.Meta.Queries = f(anthology.CloneQueries(e.Meta.Queries))
	})
}

// eachEssay changes each of essays with f as one step.
func (s *Session) eachEssay(label string, essays []*anthology.Essay, f func(e *anthology.Essay)) {
	var changed []*anthology.Essay
	var before, after []anthology.EssayMeta
	for _, e := range essays {
		b := e.Meta.Clone()
		f(e)
		if b.Same(e.Meta) {
			continue
		}
		changed = append(changed, e)
		before, after = append(before, b), append(after, e.Meta.Clone())
	}
	if len(changed) == 0 {
		return
	}
	s.Seal()
	s.record(change{label: label,
		undo: func() {
			for i, e := range changed {
				e.Meta = before[i].Clone()
			}
		},
		redo: func() {
			for i, e := range changed {
				e.Meta = after[i].Clone()
			}
		},
		essays: changed})
	s.Seal()
}

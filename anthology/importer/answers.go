package importer

import (
	"fmt"
	"strings"

	"github.com/anthology-editor/anthology/anthology"
	"github.com/anthology-editor/anthology/anthology/text"
)

// Answers is what the comments of a Word manuscript, sent to its authors and returned, bring
// to a project's queries: replies, queries marked resolved, and new queries the authors
// raised. Nothing is applied: the caller sets each essay's Queries (through its undo history).
type Answers struct {
	Essays []EssayAnswers
	// Unplaced are comments that could not be tied to an essay of the project (the file's
	// bookmarks are gone and no essay was named).
	Unplaced []Comment
}

// EssayAnswers are the answers for one essay.
type EssayAnswers struct {
	Essay *anthology.Essay
	// Queries are the essay's queries with the answers in: what its Queries become.
	Queries []anthology.Query
	// Replies, New and Resolved count what changed.
	Replies, New, Resolved int
}

// Summary says what the answers bring, in a line: "3 replies, 1 new query, 1 resolved in 2
// essays".
func (a *Answers) Summary() string {
	var replies, fresh, resolved int
	for _, e := range a.Essays {
		replies += e.Replies
		fresh += e.New
		resolved += e.Resolved
	}
	s := fmt.Sprintf("%s, %s, %d resolved in %s", plural(replies, "reply", "replies"), plural(fresh, "new query", "new queries"),
		resolved, plural(len(a.Essays), "essay", "essays"))
	if len(a.Unplaced) > 0 {
		s += fmt.Sprintf("; %s not tied to any essay", plural(len(a.Unplaced), "comment", "comments"))
	}
	return s
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// ReadAnswers reads the comments of a Word file and matches them to p's essays and queries:
// an essay by the bookmark the manuscript put at its title (or, failing that, essay, when
// the caller names one); a query by the paragraph id it was sent with, by Word's reply
// threads, or, for a program that does not thread, by its passage. A comment that matches no
// query is a new query from its author. Reading the same file twice adds nothing the second
// time.
func ReadAnswers(p *anthology.Project, data []byte, essay *anthology.Essay) (*Answers, error) {
	comments, err := Comments(data)
	if err != nil {
		return nil, err
	}
	byBookmark := map[string]*anthology.Essay{}
	for _, e := range p.Pieces() {
		byBookmark[anthology.QueryBookmark(e.ID)] = e
	}
	byPara := map[string]*Comment{}
	for i := range comments {
		if comments[i].ParaID != "" {
			byPara[comments[i].ParaID] = &comments[i]
		}
	}
	a := &Answers{}
	work := map[*anthology.Essay]*EssayAnswers{}
	var order []*anthology.Essay // the essays in the order their first comment comes
	for _, c := range comments {
		e := byBookmark[c.Bookmark]
		if e == nil {
			e = essay
		}
		if e == nil {
			a.Unplaced = append(a.Unplaced, c)
			continue
		}
		w := work[e]
		if w == nil {
			w = &EssayAnswers{Essay: e, Queries: anthology.CloneQueries(e.Meta.Queries)}
			work[e] = w
			order = append(order, e)
		}
		w.take(c, byPara)
	}
	for _, e := range order {
		a.Essays = append(a.Essays, *work[e])
	}
	// Essays whose queries the file does not change are left out.
	kept := a.Essays[:0]
	for _, e := range a.Essays {
		if e.Replies+e.New+e.Resolved > 0 {
			kept = append(kept, e)
		}
	}
	a.Essays = kept
	return a, nil
}

// take files comment c among the essay's queries.
func (w *EssayAnswers) take(c Comment, byPara map[string]*Comment) {
	id := w.Essay.ID
	// The query a comment stands for, or answers.
	queryOf := func(para string) int {
		for i, q := range w.Queries {
			if para != "" && anthology.QueryParaID(id, q.ID, -1) == para {
				return i
			}
		}
		return -1
	}
	own := queryOf(c.ParaID)
	if own < 0 && c.Parent == "" {
		// A program that rewrote the ids: the query is known by its words.
		for i, q := range w.Queries {
			if strings.TrimSpace(q.Text) == c.Text && (q.By == "" || q.By == c.Author || c.Author == "Editor") {
				own = i
				break
			}
		}
	}
	if own >= 0 {
		// The query itself, as sent: it may have been marked resolved.
		if c.Done && !w.Queries[own].Resolved {
			w.Queries[own].Resolved = true
			w.Resolved++
		}
		return
	}
	target := -1
	if c.Parent != "" {
		// A threaded reply: up the thread to its first comment, which is the query.
		root := c.Parent
		for seen := 0; seen < 64; seen++ {
			pc := byPara[root]
			if pc == nil || pc.Parent == "" {
				break
			}
			root = pc.Parent
		}
		target = queryOf(root)
		if target < 0 {
			if pc := byPara[root]; pc != nil {
				target = w.queryByText(pc.Text)
			}
		}
	}
	if target < 0 && c.Passage != "" {
		// No thread: an answer is a comment by someone else on the same words.
		for i, q := range w.Queries {
			if q.Passage != "" && q.By != c.Author && samePassage(q.Passage, c.Passage) {
				target = i
				break
			}
		}
	}
	if target >= 0 {
		q := &w.Queries[target]
		for j, r := range q.Replies {
			if r.Text == c.Text && (r.By == c.Author || anthology.QueryParaID(id, q.ID, j) == c.ParaID) {
				return // already there: sent with the manuscript, or read before
			}
		}
		q.Replies = append(q.Replies, anthology.Reply{By: c.Author, Date: dayOf(c.Date), Text: c.Text})
		w.Replies++
		if c.Done && !q.Resolved {
			q.Resolved = true
			w.Resolved++
		}
		return
	}
	if c.Text == "" {
		return
	}
	if w.queryByText(c.Text) >= 0 {
		return // a new query read before
	}
	w.Queries = append(w.Queries, anthology.Query{ID: anthology.NewQueryID(w.Queries), By: c.Author, Date: dayOf(c.Date),
		Passage: c.Passage, Text: c.Text, Resolved: c.Done})
	w.New++
}

func (w *EssayAnswers) queryByText(s string) int {
	for i, q := range w.Queries {
		if strings.TrimSpace(q.Text) == s {
			return i
		}
	}
	return -1
}

// samePassage reports whether two passages hold the same letters and digits, one within the
// other (Word may stretch a reply's range to whole words).
func samePassage(a, b string) bool {
	if _, _, ok := text.LooseIndex(a, b); ok {
		return true
	}
	_, _, ok := text.LooseIndex(b, a)
	return ok
}

func dayOf(s string) string {
	if len(s) >= len("2006-01-02") {
		return s[:len("2006-01-02")]
	}
	return s
}

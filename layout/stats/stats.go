// Package stats counts an anthology the way an editor balances one: words per essay, per part
// and per author, reading time, and print pages per essay — from the real layout when the book
// has been typeset, else estimated.
package stats

import (
	"math"
	"sort"

	"github.com/anthology-editor/anthology/anthology"
	"github.com/anthology-editor/anthology/layout"
	"github.com/anthology-editor/anthology/layout/typeset"
)

// WordsPerMinute is the reading speed reading times assume (silent reading of prose by adults).
const WordsPerMinute = 238

// wordsPerPage estimates a print page of an 11-point trade book, for projects not yet typeset.
const wordsPerPage = 300

// Essay is one essay's numbers.
type Essay struct {
	ID      string   `json:"id"`
	Title   string   `json:"title"`
	Part    string   `json:"part,omitempty"`
	Authors []string `json:"authors"`
	Words   int      `json:"words"`
	// Minutes is the reading time.
	Minutes float64 `json:"minutes"`
	// Pages is the print pages the essay takes; FirstPage the folio it starts on (empty when
	// estimated).
	Pages     int    `json:"pages"`
	FirstPage string `json:"first_page,omitempty"`
}

// Group is the numbers of a part or an author.
type Group struct {
	Name    string  `json:"name"`
	Essays  int     `json:"essays"`
	Words   int     `json:"words"`
	Minutes float64 `json:"minutes"`
	Pages   int     `json:"pages"`
}

// Stats are the book's numbers.
type Stats struct {
	Essays  []Essay `json:"essays"`
	Parts   []Group `json:"parts"`
	Authors []Group `json:"authors"`
	Words   int     `json:"words"`
	Minutes float64 `json:"minutes"`
	// PrintPages is the whole print edition's length, front matter included.
	PrintPages int `json:"print_pages"`
	// Estimated is set when pages are estimated rather than counted from the layout.
	Estimated bool `json:"estimated"`
}

// Compute counts p. With ed and book (its edition and typeset pages) the page numbers are the
// real ones; with nil they are estimated.
func Compute(p *anthology.Project, ed *layout.Edition, book *typeset.Book) Stats {
	return ComputeCounted(p, ed, book, (*anthology.Essay).Words)
}

// ComputeCounted is Compute with the essays' words counted by words: the editor passes its
// cache, so that a page of numbers does not count a long book's words again after each edit.
func ComputeCounted(p *anthology.Project, ed *layout.Edition, book *typeset.Book, words func(*anthology.Essay) int) Stats {
	st := Stats{Estimated: book == nil}
	pages := map[string]int{}
	first := map[string]string{}
	if book != nil && ed != nil {
		// A section's pages run to the next section's first page (blank pages not counted).
		for i, sec := range ed.Sections {
			start, ok := book.Starts[sec.ID]
			if !ok {
				continue
			}
			end := len(book.Pages)
			if i+1 < len(ed.Sections) {
				if next, ok := book.Starts[ed.Sections[i+1].ID]; ok {
					end = next
				}
			}
			n := 0
			for _, pg := range book.Pages[start:end] {
				if !pg.Blank {
					n++
				}
			}
			if sec.Essay != nil {
				pages[sec.Essay.ID] = n
				first[sec.Essay.ID] = book.Pages[start].Label
			}
		}
		st.PrintPages = len(book.Pages)
	}
	var parts, authors groups
	for _, part := range p.Parts {
		for _, e := range part.Essays {
			es := Essay{ID: e.ID, Title: e.Meta.Title, Part: part.Title, Words: words(e), Authors: p.AuthorNames(e)}
			es.Minutes = minutes(es.Words)
			if n, ok := pages[e.ID]; ok {
				es.Pages, es.FirstPage = n, first[e.ID]
			} else {
				es.Pages = EstimatePages(es.Words)
			}
			for _, name := range es.Authors {
				authors.add(name, es)
			}
			name := part.Title
			if name == "" {
				name = "(outside parts)"
			}
			parts.add(name, es)
			st.Essays = append(st.Essays, es)
			st.Words += es.Words
		}
	}
	st.Parts, st.Authors = parts.done(), authors.done()
	sort.SliceStable(st.Authors, func(i, j int) bool { return st.Authors[i].Words > st.Authors[j].Words })
	st.Minutes = minutes(st.Words)
	if book == nil {
		for _, e := range st.Essays {
			st.PrintPages += e.Pages
		}
	}
	return st
}

// groups sums essays' numbers by name (a part, an author), in the order the names come.
type groups struct {
	index map[string]int
	list  []Group
}

func (g *groups) add(name string, es Essay) {
	i, ok := g.index[name]
	if !ok {
		if g.index == nil {
			g.index = map[string]int{}
		}
		i = len(g.list)
		g.index[name] = i
		g.list = append(g.list, Group{Name: name})
	}
	x := &g.list[i]
	x.Essays++
	x.Words += es.Words
	x.Pages += es.Pages
}

// done returns the groups with their reading times.
func (g *groups) done() []Group {
	for i := range g.list {
		g.list[i].Minutes = minutes(g.list[i].Words)
	}
	return g.list
}

func minutes(words int) float64 {
	return math.Round(float64(words)/WordsPerMinute*10) / 10
}

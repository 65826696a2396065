package stats

import (
	"github.com/anthology-editor/anthology/anthology"
	"github.com/anthology-editor/anthology/layout"
)

// Permission is one line of the permissions log: an essay, where it first appeared and where
// the rights to reprint it stand.
type Permission struct {
	EssayID string `json:"essay"`
	Title   string `json:"title"`
	// Authors is the byline: "A", "A and B".
	Authors string                     `json:"authors"`
	Source  string                     `json:"source,omitempty"`
	State   anthology.PermissionStatus `json:"state"`
	anthology.Permission
}

// Granted reports whether the essay may be printed: its rights are cleared or not needed.
func (p Permission) Granted() bool {
	return p.State == anthology.PermissionCleared || p.State == anthology.PermissionNotNeeded
}

// Permissions is the book's permissions log, in reading order, and how many essays still wait
// for their rights to be cleared.
func Permissions(p *anthology.Project) (log []Permission, pending int) {
	for _, e := range p.Essays() {
		var names []string
		for _, id := range e.Meta.Authors {
			if c := p.Contributor(id); c != nil {
				names = append(names, c.Name)
			} else {
				names = append(names, id)
			}
		}
		entry := Permission{EssayID: e.ID, Title: e.Meta.Title, Authors: layout.JoinList(names), Source: e.Meta.Source, State: e.PermissionState()}
		if e.Meta.Permission != nil {
			entry.Permission = *e.Meta.Permission
		}
		if !entry.Granted() {
			pending++
		}
		log = append(log, entry)
	}
	return log, pending
}

// EstimatePages is about how many print pages words of prose fill, for a book not yet set.
func EstimatePages(words int) int { return 1 + words/wordsPerPage }

package stats

import (
	"encoding/csv"
	"io"
	"strings"

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
		entry := Permission{EssayID: e.ID, Title: e.Meta.Title, Authors: Byline(p, e), Source: e.Meta.Source, State: e.PermissionState()}
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

// Byline is the essay's authors by name ("A", "A and B"); an id with no contributor stands
// for itself, as the checks report it.
func Byline(p *anthology.Project, e *anthology.Essay) string {
	return layout.JoinList(p.AuthorNames(e))
}

// PermissionsHeader names the columns of the permissions log, as Row fills them.
var PermissionsHeader = []string{"Essay", "Author", "First published", "Status", "Rights holder", "Requested", "Cleared", "Fee", "Note"}

// Row is the log line's columns, in the order of PermissionsHeader.
func (p Permission) Row() []string {
	return []string{p.Title, p.Authors, p.Source, string(p.State), p.Holder, p.Requested, p.Cleared, p.Fee, p.Note}
}

// WritePermissionsCSV writes the log as CSV with a header line: the sheet an editor sends to
// the publisher (the CLI's permissions --csv and the editor's "Save as CSV" write the same).
func WritePermissionsCSV(w io.Writer, log []Permission) error {
	cw := csv.NewWriter(w)
	cw.Write(PermissionsHeader)
	for _, e := range log {
		row := e.Row()
		for i, cell := range row {
			row[i] = SpreadsheetSafe(cell)
		}
		cw.Write(row)
	}
	cw.Flush()
	return cw.Error()
}

// SpreadsheetSafe keeps a cell from being read as a formula when the sheet is opened in a
// spreadsheet (OWASP's rule for CSV injection): a cell that begins with =, +, -, @, a tab or a
// carriage return gets a leading apostrophe, which spreadsheets show as text and do not print.
// An essay title imported from a web page could otherwise arrive as =HYPERLINK(…).
func SpreadsheetSafe(cell string) string {
	if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
		return "'" + cell
	}
	return cell
}

// EstimatePages is about how many print pages words of prose fill, for a book not yet set.
func EstimatePages(words int) int { return 1 + words/wordsPerPage }

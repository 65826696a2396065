package importer

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"github.com/anthology-editor/anthology/anthology"
)

// Add puts an imported essay into a project: a new essay file named after its title (or the
// file it came from), at the end of the contents, its authors matched to the project's
// contributors by name or added as new ones, with their bios. The project is not saved.
func Add(p *anthology.Project, r *Result) *anthology.Essay {
	var authors []string
	for _, a := range r.Authors {
		authors = append(authors, p.AddContributor(a.Name, a.Bio).ID)
	}
	base := r.Title
	if base == "" {
		base = strings.TrimSuffix(filepath.Base(r.File), filepath.Ext(r.File))
	}
	id := p.UniqueEssayID(anthology.Slug(base))
	e := anthology.NewEssay(id, anthology.EssayMeta{
		Title:    r.Title,
		Subtitle: r.Subtitle,
		Authors:  authors,
		Date:     r.Date,
		Source:   r.Source,
		Status:   anthology.StatusDraft,
		Notes:    importNote(r),
	}, r.Body)
	p.AddEssay(e)
	return e
}

// importNote is the essay's private note about its import: where it came from, what was cut
// (counted by reason) and what was not found.
func importNote(r *Result) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Imported from %s.", filepath.Base(r.File))
	if len(r.Removed) > 0 && cutCount(r) > 0 {
		counts := map[string]int{}
		for _, rm := range r.Removed {
			if !strings.Contains(rm.Reason, "(now ") { // moved into the front matter, not cut
				counts[rm.Reason]++
			}
		}
		reasons := make([]string, 0, len(counts))
		for reason := range counts {
			reasons = append(reasons, reason)
		}
		sort.Strings(reasons)
		parts := make([]string, len(reasons))
		for i, reason := range reasons {
			parts[i] = fmt.Sprintf("%s (%d)", reason, counts[reason])
		}
		fmt.Fprintf(&b, " Cut from the page: %s.", strings.Join(parts, ", "))
	}
	if len(r.Notes) > 0 {
		fmt.Fprintf(&b, " %s.", upper(strings.Join(r.Notes, "; ")))
	}
	return b.String()
}

func upper(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// cutCount is how many pieces of the page were cut (not moved into the front matter).
func cutCount(r *Result) int {
	n := 0
	for _, rm := range r.Removed {
		if !strings.Contains(rm.Reason, "(now ") {
			n++
		}
	}
	return n
}

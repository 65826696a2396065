package importer

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"unicode"

	"github.com/anthology-editor/anthology/anthology"
)

// Overrides are what the editor says of imported files, over what the import found: who wrote
// them, where they first appeared, the part they go in. Empty fields change nothing.
type Overrides struct {
	Author string
	Source string
	Part   string
}

// Apply sets what o says on an imported essay.
func (o Overrides) Apply(r *Result) {
	if r.Kind != KindEssay && r.Kind != "" {
		return
	}
	if a := strings.TrimSpace(o.Author); a != "" {
		r.Authors = []Author{{Name: a}}
		r.Notes = dropNote(r.Notes, "no author found")
	}
	if s := strings.TrimSpace(o.Source); s != "" {
		r.Source = s
		r.Notes = dropNote(r.Notes, "no first-publication source found")
	}
	if pt := strings.TrimSpace(o.Part); pt != "" {
		r.Part = pt
	}
}

// Add puts an imported essay into a project: a new essay file named after its title (or the
// file it came from), at the end of the contents (or of the part it names, made when missing),
// its authors and translators matched to the project's contributors by name or added as new
// ones, with their bios. A part's title page adds the part; a notes file or a page of the
// source edition adds nothing (nil). The source's front matter becomes the book's dedication
// or introduction when it has none (else an essay). The project is not saved.
func Add(p *anthology.Project, r *Result) *anthology.Essay {
	switch r.Kind {
	case KindNotes, KindEdition:
		return nil
	case KindPart:
		if partIndex(p, r.Title) < 0 {
			_, _ = p.AddPart(len(p.Parts), r.Title, r.Subtitle)
		}
		return nil
	case KindFront:
		if r.Matter == "dedication" && strings.TrimSpace(p.Book.Dedication) == "" {
			p.Book.Dedication = strings.TrimSpace(r.Body)
			return nil
		}
		if p.Introduction == nil {
			if _, err := p.ReadFile(introductionPath); err != nil {
				e := newEssay(p, r, "introduction")
				e.Path = introductionPath
				if e.Meta.Title == "" {
					e.Meta.Title = upper(r.Matter)
				}
				p.Introduction, p.Book.IntroductionFile = e, introductionPath
				return e
			}
		}
	}
	e := newEssay(p, r, "")
	if r.Part != "" && r.Kind == KindEssay {
		i := partIndex(p, r.Part)
		if i < 0 {
			_, _ = p.AddPart(len(p.Parts), r.Part, "")
			i = len(p.Parts) - 1
		}
		_ = p.InsertEssay(e, i, len(p.Parts[i].Essays))
		return e
	}
	p.AddEssay(e)
	return e
}

// introductionPath is where an imported introduction's file goes (as the editor's own would).
const introductionPath = "front/introduction.md"

// newEssay makes the essay of an import, its authors and translators matched to the project's
// contributors by name or added as new ones, with their bios. id is the essay's id, or "" for
// one made from its title.
func newEssay(p *anthology.Project, r *Result, id string) *anthology.Essay {
	var authors, translators []string
	for _, a := range r.Authors {
		c := p.AddContributor(a.Name, a.Bio)
		if a.SortName != "" && c.SortName == "" || a.SortName != "" && c.Bio == a.Bio {
			c.SortName = a.SortName
		}
		if a.Role == "translator" {
			translators = append(translators, c.ID)
		} else {
			authors = append(authors, c.ID)
		}
	}
	if id == "" {
		base := r.Title
		if base == "" {
			base = strings.TrimSuffix(filepath.Base(r.File), filepath.Ext(r.File))
		}
		id = p.UniqueEssayID(anthology.Slug(base))
	}
	meta := anthology.EssayMeta{
		Title:       r.Title,
		Subtitle:    r.Subtitle,
		Authors:     authors,
		Translators: translators,
		Date:        r.Date,
		Source:      r.Source,
		Rights:      r.Rights,
		Status:      anthology.StatusDraft,
		Notes:       importNote(r),
	}
	if r.Language != "" && !strings.EqualFold(r.Language, p.Book.Language) {
		meta.Language = r.Language
	}
	return anthology.NewEssay(id, meta, r.Body)
}

func partIndex(p *anthology.Project, title string) int {
	for i, pt := range p.Parts {
		if strings.EqualFold(strings.TrimSpace(pt.Title), strings.TrimSpace(title)) && pt.Title != "" {
			return i
		}
	}
	return -1
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

// InBook returns the essay of p that r already is, nil when r is new to the book: an essay with
// the same title (in any case, spacing and quotation marks) or that opens with the same forty
// words. The app warns before adding it a second time, and the CLI says so.
func InBook(p *anthology.Project, r *Result) *anthology.Essay {
	if r.Kind != KindEssay && r.Kind != "" {
		return nil
	}
	title, opening := sameKey(r.Title), openingWords(r.Body)
	essays := p.Essays()
	if p.Introduction != nil {
		essays = append(essays, p.Introduction)
	}
	for _, e := range essays {
		if title != "" && sameKey(e.Meta.Title) == title || opening != "" && openingWords(e.Body) == opening {
			return e
		}
	}
	return nil
}

// sameKey is a title as two copies of it compare: lower case, letters and digits only.
func sameKey(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// openingWords are the first forty words of a body, compared as sameKey compares titles; ""
// for a body shorter than that (too little to say it is the same text).
func openingWords(body string) string {
	var words []string
	for _, w := range strings.Fields(body) {
		if k := sameKey(w); k != "" {
			words = append(words, k)
			if len(words) == 40 {
				return strings.Join(words, " ")
			}
		}
	}
	return ""
}

package anthology

import (
	"errors"
	"fmt"
	"strings"
)

// The contents operations below are the ones an editor makes in the outline. Each keeps the
// contents in the shape anthology.yaml can say: essays outside any part sit in untitled parts,
// never two of them in a row and never an empty one, so that what is saved reads back the same.

// Position returns where essay id sits in the contents: its part's index and its index in that
// part, or -1, -1 when the contents do not hold it.
func (p *Project) Position(id string) (part, index int) {
	for i, pt := range p.Parts {
		for j, e := range pt.Essays {
			if e.ID == id {
				return i, j
			}
		}
	}
	return -1, -1
}

// MoveEssay moves essay id into part to, at index (counted in that part without the essay;
// an index past the end appends).
func (p *Project) MoveEssay(id string, to, index int) error {
	from, at := p.Position(id)
	if from < 0 {
		return fmt.Errorf("no essay %q in the contents", id)
	}
	if to < 0 || to >= len(p.Parts) {
		return fmt.Errorf("no part %d (the book has %d)", to+1, len(p.Parts))
	}
	e := p.Parts[from].Essays[at]
	p.Parts[from].Essays = remove(p.Parts[from].Essays, at)
	p.Parts[to].Essays = insert(p.Parts[to].Essays, index, e)
	p.tidyParts()
	return nil
}

// InsertEssay puts e into part at index (past the end appends); with no parts, it starts the
// contents. An essay already in the contents is refused.
func (p *Project) InsertEssay(e *Essay, part, index int) error {
	if i, _ := p.Position(e.ID); i >= 0 {
		return fmt.Errorf("essay %q is already in the contents", e.ID)
	}
	if len(p.Parts) == 0 {
		p.Parts = []*Part{{}}
		part = 0
	}
	if part < 0 || part >= len(p.Parts) {
		return fmt.Errorf("no part %d (the book has %d)", part+1, len(p.Parts))
	}
	p.Parts[part].Essays = insert(p.Parts[part].Essays, index, e)
	return nil
}

// RemoveEssay takes essay id out of the contents. Its file stays in the project folder, so the
// essay can be put back; it is just no longer part of the book.
func (p *Project) RemoveEssay(id string) (*Essay, error) {
	i, j := p.Position(id)
	if i < 0 {
		return nil, fmt.Errorf("no essay %q in the contents", id)
	}
	e := p.Parts[i].Essays[j]
	p.Parts[i].Essays = remove(p.Parts[i].Essays, j)
	p.tidyParts()
	return e, nil
}

// MovePart moves part from to position to.
func (p *Project) MovePart(from, to int) error {
	if from < 0 || from >= len(p.Parts) || to < 0 || to >= len(p.Parts) {
		return fmt.Errorf("no such part (the book has %d)", len(p.Parts))
	}
	pt := p.Parts[from]
	p.Parts = insert(remove(p.Parts, from), to, pt)
	p.tidyParts()
	return nil
}

// ErrPartTitle is returned for a part without a title: an untitled part is how the contents
// hold essays outside any part, so a real part needs a name.
var ErrPartTitle = errors.New("a part needs a title")

// AddPart adds an empty titled part at index (past the end appends) and returns it.
func (p *Project) AddPart(index int, title, subtitle string) (*Part, error) {
	title = strings.TrimSpace(title)
	if title == "" {
		return nil, ErrPartTitle
	}
	pt := &Part{Title: title, Subtitle: strings.TrimSpace(subtitle)}
	p.Parts = insert(p.Parts, index, pt)
	return pt, nil
}

// RenamePart gives part index a new title and subtitle.
func (p *Project) RenamePart(index int, title, subtitle string) error {
	if index < 0 || index >= len(p.Parts) {
		return fmt.Errorf("no part %d (the book has %d)", index+1, len(p.Parts))
	}
	title = strings.TrimSpace(title)
	if title == "" {
		return ErrPartTitle
	}
	p.Parts[index].Title = title
	p.Parts[index].Subtitle = strings.TrimSpace(subtitle)
	return nil
}

// DeletePart removes the heading of part index, not its essays: they keep their place in the
// reading order and join the part before (or, for the first part, stand before every part).
func (p *Project) DeletePart(index int) error {
	if index < 0 || index >= len(p.Parts) {
		return fmt.Errorf("no part %d (the book has %d)", index+1, len(p.Parts))
	}
	pt := p.Parts[index]
	if index > 0 {
		prev := p.Parts[index-1]
		prev.Essays = concat(prev.Essays, pt.Essays)
		p.Parts = remove(p.Parts, index)
	} else {
		pt.Title, pt.Subtitle = "", ""
	}
	p.tidyParts()
	return nil
}

// tidyParts drops empty untitled parts and merges untitled parts that meet, which is how the
// contents read back after a save. Like every operation here it builds new slices rather than
// writing into ones a caller may keep, such as an undo snapshot.
func (p *Project) tidyParts() {
	out := make([]*Part, 0, len(p.Parts))
	for _, pt := range p.Parts {
		if pt.Title == "" {
			if len(pt.Essays) == 0 {
				continue
			}
			if n := len(out); n > 0 && out[n-1].Title == "" {
				out[n-1].Essays = concat(out[n-1].Essays, pt.Essays)
				continue
			}
		}
		out = append(out, pt)
	}
	p.Parts = out
}

// concat returns a followed by b in a new backing array.
func concat[T any](a, b []T) []T {
	out := make([]T, 0, len(a)+len(b))
	return append(append(out, a...), b...)
}

// remove returns s without element i, in a new backing array (callers may hold the old one
// as an undo snapshot).
func remove[T any](s []T, i int) []T {
	out := make([]T, 0, len(s)-1)
	out = append(out, s[:i]...)
	return append(out, s[i+1:]...)
}

// insert returns s with v at index i (clamped to the ends), in a new backing array.
func insert[T any](s []T, i int, v T) []T {
	i = max(0, min(i, len(s)))
	out := make([]T, 0, len(s)+1)
	out = append(out, s[:i]...)
	out = append(out, v)
	return append(out, s[i:]...)
}

package export

import (
	"context"
	"fmt"
	"runtime/debug"

	"github.com/anthology-editor/anthology/anthology"
	"github.com/anthology-editor/anthology/anthology/text"
	"github.com/anthology-editor/anthology/layout"
	"github.com/anthology-editor/anthology/layout/stats"
	"github.com/anthology-editor/anthology/layout/typeset"
)

// Typeset assembles a project's edition and sets its print pages: what the app's preview and
// `anthology stats` show, set exactly as an export sets them. A panic in assembly or setting
// (a bug: no book should cause one) comes back as an error wrapping typeset.ErrInternal.
func Typeset(ctx context.Context, p *anthology.Project) (*layout.Edition, *typeset.Book, error) {
	return TypesetCached(ctx, p, nil)
}

// TypesetCached is Typeset keeping essays' pages in cache between settings of the same book
// (nil: none), so that after an edit only what changed is set again: the app's preview.
func TypesetCached(ctx context.Context, p *anthology.Project, cache *typeset.PageCache) (ed *layout.Edition, book *typeset.Book, err error) {
	defer func() {
		if r := recover(); r != nil {
			ed, book, err = nil, nil, fmt.Errorf("%w while setting the book: %v (please report this as a bug)\n%s", typeset.ErrInternal, r, debug.Stack())
		}
	}()
	if ed, err = layout.Assemble(p, layout.Options{}); err != nil {
		return nil, nil, err
	}
	o := typeset.OptionsFor(ed)
	o.Cache = cache
	if book, err = typeset.Typeset(ctx, ed, o); err != nil {
		return ed, nil, err
	}
	return ed, book, nil
}

// Stats are a project's numbers by part, author and essay, with print pages from the set book
// when it can be set (an error setting it is returned), else estimated.
func Stats(ctx context.Context, p *anthology.Project) (stats.Stats, error) {
	if _, err := layout.Assemble(p, layout.Options{}); err != nil {
		return stats.Compute(p, nil, nil), nil // not a book yet (no essays, no title): estimated
	}
	ed, book, err := Typeset(ctx, p)
	if err != nil {
		return stats.Stats{}, err
	}
	return stats.Compute(p, ed, book), nil
}

// EstimatePages is about how many print pages the project's book will have before it is set:
// its essays, introduction, part titles and contributors' pages at its trim and size (with the
// front matter the typesetter adds). The checks' page limits and the app's status line use it.
func EstimatePages(p *anthology.Project) int {
	var words []int
	for _, e := range p.Essays() {
		words = append(words, e.Words()) // counted when the essay was read or changed
	}
	if p.Introduction != nil {
		words = append(words, p.Introduction.Words())
	}
	for range p.Parts {
		words = append(words, 0, 0) // its title page, and the blank page behind it
	}
	if p.Book.Dedication != "" {
		words = append(words, 0)
	}
	words = append(words, 15*len(p.Essays())) // the credits: a line or two for each essay
	bios := 0
	for _, c := range p.Contributors {
		bios += 10 + text.CountWords(c.Bio)
	}
	words = append(words, bios)
	return typeset.EstimatePages(words, typeset.Options{Trim: p.Print.TrimSize(), BodySize: p.Print.BodySize()})
}

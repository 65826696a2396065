package typeset

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/anthology-editor/anthology/anthology"
	"github.com/anthology-editor/anthology/anthology/synth"
	"github.com/anthology-editor/anthology/assets"
	"github.com/anthology-editor/anthology/layout"
)

// pagesDigest writes down everything a book's pages draw, for comparing two settings.
func pagesDigest(b *Book) string {
	var s strings.Builder
	for _, p := range b.Pages {
		fmt.Fprintf(&s, "page %d %s recto=%v folio=%v opener=%v blank=%v head=%v start=%+v\n", p.Index, p.Label, p.Recto, p.Folio, p.Opener, p.Blank, p.HasHead, p.Start)
		for _, t := range p.Texts {
			fmt.Fprintf(&s, "  %.3f %.3f %s %.2f %q %s\n", t.X, t.Y, t.Face().Name, t.Size(), t.Text, t.Lang())
		}
		fmt.Fprintf(&s, "  %v %v %v %v\n", p.Rules, p.Links, p.Anchors, len(p.Pictures))
	}
	fmt.Fprintf(&s, "%+v %v\n", b.Report, len(b.Warnings))
	return s.String()
}

// TestPageCache: a book set from the cache is the book set afresh, page for page, before and
// after an edit that moves every later essay by a page; only the edited essay (and those that
// moved to the other side of a spread) are set again.
func TestPageCache(t *testing.T) {
	files, err := synth.Files(synth.Options{Essays: 12, Words: 900, Seed: 3}, synth.SampleText(assets.Sample()))
	if err != nil {
		t.Fatal(err)
	}
	o := func(c *PageCache) Options {
		ed := editionOf(t, files, nil)
		op := OptionsFor(ed)
		op.Cache = c
		return op
	}
	fresh := func(change func(*anthology.Project)) string {
		ed := editionOf(t, files, change)
		b, err := Typeset(context.Background(), ed, o(nil))
		if err != nil {
			t.Fatal(err)
		}
		return pagesDigest(b)
	}
	cache := NewPageCache()
	cached := func(change func(*anthology.Project)) string {
		ed := editionOf(t, files, change)
		b, err := Typeset(context.Background(), ed, o(cache))
		if err != nil {
			t.Fatal(err)
		}
		return pagesDigest(b)
	}
	want := fresh(nil)
	if got := cached(nil); got != want {
		t.Fatal("the first setting with a cache differs from one without")
	}
	if cache.Hits != 0 || cache.Misses != 12 {
		t.Errorf("first setting: %d hits, %d misses", cache.Hits, cache.Misses)
	}
	if got := cached(nil); got != want {
		a, b := strings.Split(want, "\n"), strings.Split(got, "\n")
		for i := range min(len(a), len(b)) {
			if a[i] != b[i] {
				t.Fatalf("the book set from the cache differs from the book set afresh at line %d:\nfresh:  %s\ncached: %s", i, a[i], b[i])
			}
		}
		t.Fatalf("the book set from the cache differs in length: %d lines, %d", len(a), len(b))
	}
	if cache.Hits != 12 || cache.Misses != 0 {
		t.Errorf("second setting: %d hits, %d misses", cache.Hits, cache.Misses)
	}
	if len(cache.heads) == 0 {
		t.Error("the cache keeps no running heads")
	}
	// A new title: the essay's running head is set afresh, not taken from the cache.
	retitle := func(p *anthology.Project) { p.Essays()[5].Meta.Title = "A Title Nobody Set Before" }
	if got, want := cached(retitle), fresh(retitle); got != want || !strings.Contains(got, "Nobody") {
		t.Fatalf("after a new title, the cached setting differs from a fresh one (%v) or lacks it (%v)", got != want, !strings.Contains(got, "Nobody"))
	}
	cached(nil)
	// A one-word edit: only that essay is set again.
	word := func(p *anthology.Project) {
		e := p.Essays()[3]
		e.SetBody(strings.Replace(e.Body, " the ", " a ", 1))
	}
	if got := cached(word); got != fresh(word) {
		t.Fatal("after a one-word edit, the cached setting differs from a fresh one")
	}
	if cache.Misses != 1 || cache.Hits != 11 {
		t.Errorf("after a one-word edit: %d hits, %d misses", cache.Hits, cache.Misses)
	}
	// A paragraph more: later essays may start on the other side of a spread, and are set
	// for it; the book is still the fresh one.
	longer := func(p *anthology.Project) {
		e := p.Essays()[2]
		e.SetBody(e.Body + "\n\n" + strings.Repeat("One more sentence of the kind this essay has. ", 60) + "\n")
	}
	if got := cached(longer); got != fresh(longer) {
		t.Fatal("after a longer essay, the cached setting differs from a fresh one")
	}
	t.Logf("after a paragraph more: %d hits, %d misses", cache.Hits, cache.Misses)
}

// TestUnknownSectionKind: a section of a kind the typesetter has no layout for is an internal
// error naming it, not a page set as an essay.
func TestUnknownSectionKind(t *testing.T) {
	ed := editionOf(t, assets.Sample(), nil)
	ed.Sections[len(ed.Sections)-1].Kind = layout.Kind(99)
	_, err := Typeset(context.Background(), ed, OptionsFor(ed))
	if err == nil || !errors.Is(err, ErrInternal) || !strings.Contains(err.Error(), "no layout for") {
		t.Errorf("err = %v", err)
	}
}

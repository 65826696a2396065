package layout_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/anthology-editor/anthology/anthology"
	"github.com/anthology-editor/anthology/anthology/text"
	"github.com/anthology-editor/anthology/assets"
	"github.com/anthology-editor/anthology/layout"
)

func sample(t *testing.T) *anthology.Project {
	t.Helper()
	p, err := anthology.LoadFS(assets.Sample(), "sample")
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestAssembleSample(t *testing.T) {
	ed, err := layout.Assemble(sample(t), layout.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for _, s := range ed.Sections {
		kinds = append(kinds, s.Kind.String())
	}
	want := "half-title,title page,copyright page,dedication,contents,introduction,part,essay,essay,essay,part,essay,essay,essay,contributors,credits"
	if got := strings.Join(kinds, ","); got != want {
		t.Errorf("sections:\n got %s\nwant %s", got, want)
	}
	ids := map[string]bool{}
	for _, s := range ed.Sections {
		if ids[s.ID] {
			t.Errorf("duplicate section id %q", s.ID)
		}
		ids[s.ID] = true
	}
	if ed.Identifier != "urn:isbn:9781950000012" {
		t.Errorf("identifier = %q", ed.Identifier)
	}
	if got := ed.Modified; !got.Equal(time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("modified = %v, want the book's date", got)
	}

	// The two-author essay has a byline with both names.
	var twoVoices *layout.Section
	for _, s := range ed.Sections {
		if s.Essay != nil && s.Essay.ID == "two-voices-on-the-last-bus" {
			twoVoices = s
		}
	}
	if twoVoices == nil || twoVoices.Byline() != "Priya Raman and Jonah Weiss" {
		t.Errorf("byline = %q", twoVoices.Byline())
	}
	if twoVoices.Part == nil || twoVoices.Part.PlainTitle() != "Making Ready" {
		t.Error("essay not in its part")
	}
	if len(twoVoices.Headnote) == 0 {
		t.Error("headnote missing")
	}

	// Contributors: alphabetical by sort name, each with what they wrote.
	var names []string
	for _, b := range ed.Contributors {
		names = append(names, b.Contributor.SortKey())
	}
	if got := strings.Join(names, "; "); got != "Achterberg, Daniel; Ferreira, Tomás; Hale, Marguerite; Okafor, Ruth; Raman, Priya; Solvang, Ingrid; Weiss, Jonah" {
		t.Errorf("contributors order: %s", got)
	}
	for _, b := range ed.Contributors {
		if len(b.Pieces) == 0 {
			t.Errorf("%s has no pieces", b.Contributor.Name)
		}
		if b.Contributor.ID == "rokafor" && len(b.Pieces) != 2 {
			t.Errorf("Ruth Okafor has %d pieces, want 2", len(b.Pieces))
		}
	}

	// Credits: a first-publication line per essay, original pieces said to be first published
	// here.
	credits := ed.Sections[len(ed.Sections)-1]
	var lines []string
	for _, b := range credits.Body.Blocks {
		lines = append(lines, text.Plain(b.(*text.Paragraph).Content))
	}
	joined := strings.Join(lines, "\n")
	for _, want := range []string{
		"“The Night Nurse” by Ruth Okafor, first published in The Harbor Review, Spring 2019.",
		"“Bread Before Dawn” by Tomás Ferreira, first published in Granary, vol. 4 (2020).",
		"“What the Dark Is For” by Ruth Okafor is published here for the first time.",
	} {
		if !strings.Contains(joined, want) {
			t.Errorf("credits lack %q:\n%s", want, joined)
		}
	}

	// Copyright page: rights, the credits notice, ISBNs.
	var cp []string
	for _, b := range ed.Sections[2].Body.Blocks {
		cp = append(cp, text.Plain(b.(*text.Paragraph).Content))
	}
	copyright := strings.Join(cp, "\n")
	for _, want := range []string{"Compilation and introduction copyright © 2026 Marguerite Hale", "Credits at the end of this book",
		"ISBN 978-1-950000-02-9 (paperback)", "ISBN 978-1-950000-01-2 (ebook)", "First published 2026 by Lantern Press."} {
		if !strings.Contains(copyright, want) {
			t.Errorf("copyright page lacks %q:\n%s", want, copyright)
		}
	}
}

func TestAssembleOptionsModified(t *testing.T) {
	when := time.Date(2030, 5, 6, 7, 8, 9, 0, time.UTC)
	ed, err := layout.Assemble(sample(t), layout.Options{Modified: when})
	if err != nil {
		t.Fatal(err)
	}
	if !ed.Modified.Equal(when) {
		t.Errorf("modified = %v", ed.Modified)
	}
}

func TestAssembleEmptyBook(t *testing.T) {
	dir := t.TempDir()
	p, err := anthology.Create(dir+"/p", "Empty")
	if err != nil {
		t.Fatal(err)
	}
	_, err = layout.Assemble(p, layout.Options{})
	if !errors.Is(err, layout.ErrEmpty) {
		t.Fatalf("err = %v, want ErrEmpty", err)
	}
	if !strings.Contains(err.Error(), "anthology.yaml: the contents list no essays") {
		t.Errorf("message %q does not name the file", err)
	}
}

func TestParseSourceDateEpoch(t *testing.T) {
	got, err := layout.ParseSourceDateEpoch("1700000000")
	if err != nil || !got.Equal(time.Unix(1700000000, 0)) {
		t.Errorf("got %v, %v", got, err)
	}
	if _, err := layout.ParseSourceDateEpoch("yesterday"); err == nil {
		t.Error("accepted a non-number")
	}
	// Once gave an EPUB with a six-digit year, and exit 0.
	if _, err := layout.ParseSourceDateEpoch("99999999999999"); err == nil || !strings.Contains(err.Error(), "after the year 9999") {
		t.Errorf("a date after 9999: %v", err)
	}
	if got, err := layout.ParseSourceDateEpoch(""); err != nil || !got.IsZero() {
		t.Errorf("empty: %v %v", got, err)
	}
}

func TestSlugAndNames(t *testing.T) {
	for in, want := range map[string]string{
		"The Lamp-Lighters": "the-lamp-lighters",
		"Ærø: Nights, Days": "aro-nights-days",
		"!!!":               "anthology",
	} {
		if got := layout.Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
	if got := layout.JoinList([]string{"A", "B", "C"}); got != "A, B and C" {
		t.Errorf("JoinList = %q", got)
	}
	en, _ := layout.WordsFor("en", nil)
	if got := en.PartLabel(3); got != "Part Three" {
		t.Errorf("PartLabel(3) = %q", got)
	}
	if got := en.PartLabel(42); got != "Part 42" {
		t.Errorf("PartLabel(42) = %q", got)
	}
}

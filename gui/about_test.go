//go:build !nogui

package gui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/anthology-editor/anthology/anthology/buildinfo"
	"github.com/anthology-editor/anthology/anthology/edit/edittest"
)

// TestAboutNamesTheVersion: the About box says which Anthology this is, as a bug report needs.
func TestAboutNamesTheVersion(t *testing.T) {
	in := buildinfo.Read()
	if s := aboutText(); !strings.Contains(s, "Anthology "+in.Version) || !strings.Contains(s, in.Go) {
		t.Errorf("About says %q", s)
	}
}

// TestFieldValidators: the book form's ISBN and date fields say at once what is wrong.
func TestFieldValidators(t *testing.T) {
	for _, tt := range []struct {
		check func(string) error
		in    string
		ok    bool
	}{
		{validISBN, "", true}, {validISBN, "978-1-950000-02-9", true}, {validISBN, "978-1-950000-02-8", false},
		{validDate, "2024-05-01", true}, {validDate, "2024", true}, {validDate, "next week", false},
	} {
		if err := tt.check(tt.in); (err == nil) != tt.ok {
			t.Errorf("%q: %v", tt.in, err)
		}
	}
}

// TestLanguageMenu: the language picker offers every language the program sets, by name, and
// writes its tag into the field.
func TestLanguageMenu(t *testing.T) {
	h := newHarness(t, edittest.SampleCopy(t))
	field := newSealingEntry(h.e, false)
	items := languageMenu(field)
	var labels []string
	for _, it := range items {
		labels = append(labels, it.Label)
		if strings.HasPrefix(it.Label, "French") {
			it.Action()
		}
	}
	if field.Text != "fr" {
		t.Errorf("picking French wrote %q", field.Text)
	}
	all := strings.Join(labels, "\n")
	for _, want := range []string{"English (UK)  (en-GB)", "German — Deutsch  (de)", "Greek — ελληνικά  (el)", "Latin — latina  (la)"} {
		if !strings.Contains(all, want) {
			t.Errorf("no %q in the menu:\n%s", want, all)
		}
	}
}

// TestTabLeavesMultiLineFields: Tab in the headnote or the notes moves to the next field (it
// typed a tab into the text), and the focus does move there.
func TestTabLeavesMultiLineFields(t *testing.T) {
	h := newHarness(t, edittest.SampleCopy(t))
	area := newSealingEntry(h.e, true)
	next := newSealingEntry(h.e, false)
	h.e.win.SetContent(container.NewVBox(area, next))
	if area.AcceptsTab() {
		t.Fatal("a multi-line field takes Tab as text")
	}
	h.e.win.Canvas().Focus(area)
	h.e.win.Canvas().FocusNext()
	if h.e.win.Canvas().Focused() != next {
		t.Errorf("the focus is on %T, not the next field", h.e.win.Canvas().Focused())
	}
}

// TestUserGuide: Help → User Guide finds the README beside a source build's binary (bin/..)
// or in an installation's doc folder and shows it; without one it shows where to read it.
func TestUserGuide(t *testing.T) {
	root := t.TempDir()
	exe := filepath.Join(root, "bin", "anthology")
	if got := findGuide(exe); got != "" {
		t.Fatalf("found a guide in an empty folder: %s", got)
	}
	readme := filepath.Join(root, "README.md")
	if err := os.WriteFile(readme, []byte("# Anthology\n\nThe guide.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := findGuide(exe); got != readme {
		t.Errorf("the guide of a source build: %q, want %q", got, readme)
	}
	p := edittest.SampleCopy(t)
	h := newHarness(t, p)
	shows := func(what func(fyne.CanvasObject) bool) bool {
		found := false
		walk(h.e.win.Canvas(), func(o fyne.CanvasObject) { found = found || what(o) })
		return found
	}
	h.e.showGuideFrom(readme)
	if !shows(func(o fyne.CanvasObject) bool {
		rt, ok := o.(*widget.RichText)
		return ok && strings.Contains(rt.String(), "The guide.")
	}) {
		t.Error("the guide is not shown")
	}
	h.e.showGuideFrom("")
	if !shows(func(o fyne.CanvasObject) bool {
		l, ok := o.(*widget.Hyperlink)
		return ok && l.URL != nil && l.URL.String() == guideURL
	}) {
		t.Error("without a README the guide's address is not shown")
	}
}

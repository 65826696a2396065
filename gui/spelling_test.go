//go:build !nogui

package gui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"github.com/anthology-editor/anthology/anthology/edit/edittest"
	"github.com/anthology-editor/anthology/anthology/spell"
)

// TestSpellingTab checks an essay in its Spelling tab with the installed en-US dictionary,
// applies a suggestion (one undoable step, the form showing it), and adds a name to the
// book's word list.
func TestSpellingTab(t *testing.T) {
	if _, _, err := spell.For("en"); err != nil {
		if testing.Short() {
			t.Skipf("-short: %v", err)
		}
		t.Fatalf("%v (.ci/setup.sh qa installs it)", err)
	}
	p := edittest.SampleCopy(t)
	h := newHarness(t, p)
	h.e.SelectEssay("bread-before-dawn")
	h.tab("Spelling")
	sp := h.e.speller
	index := func(word string) int {
		for i, m := range sp.words {
			if m.Word == word {
				return i
			}
		}
		return -1
	}
	if index("Miragaia") < 0 || index("neighbourhood") < 0 || index("bakery") >= 0 {
		t.Fatalf("the Spelling tab lists %v", sp.words)
	}
	sp.list.Select(index("neighbourhood"))
	if sp.with.Text != "neighborhood" {
		t.Fatalf("the first suggestion for neighbourhood is %q (of %v)", sp.with.Text, sp.suggest.Options)
	}
	h.button("Correct in this essay").Tapped(&fyne.PointEvent{})
	bread := p.Essay("bread-before-dawn")
	if strings.Contains(bread.Body, "neighbourhood") || !strings.Contains(bread.Body, "neighborhood") {
		t.Error("the essay was not corrected")
	}
	if !strings.Contains(h.e.sess.UndoLabel(), "Correct “neighbourhood” to “neighborhood”") {
		t.Errorf("the undo step is %q", h.e.sess.UndoLabel())
	}
	if index("neighbourhood") >= 0 {
		t.Error("the corrected word is still listed")
	}
	sp.list.Select(index("Miragaia"))
	h.button("Add to the book's word list").Tapped(&fyne.PointEvent{})
	data, err := os.ReadFile(filepath.Join(p.Dir, spell.WordListFile))
	if err != nil || strings.TrimSpace(string(data)) != "Miragaia" {
		t.Errorf("the word list holds %q (%v)", data, err)
	}
	if index("Miragaia") >= 0 {
		t.Error("a word in the word list is still listed")
	}
	h.e.sess.Undo()
	if !strings.Contains(bread.Body, "neighbourhood") {
		t.Error("undo did not take the correction back")
	}
}

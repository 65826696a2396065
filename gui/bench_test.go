//go:build !nogui

package gui

import (
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/anthology-editor/anthology/anthology"
	"github.com/anthology-editor/anthology/anthology/synth"
	"github.com/anthology-editor/anthology/assets"
)

// thousandEssays writes a synthetic anthology of 1,000 essays (about 2.2 million words, the
// size of the shared corpus) and returns its folder.
func thousandEssays(b *testing.B) string {
	b.Helper()
	files, err := synth.Files(synth.Options{Essays: 1000, Words: 2200, Seed: 1}, synth.SampleText(assets.Sample()))
	if err != nil {
		b.Fatal(err)
	}
	dir := filepath.Join(b.TempDir(), "big")
	if err := synth.WriteDir(dir, files); err != nil {
		b.Fatal(err)
	}
	return dir
}

// benchConfig turns off what runs on timers: the preview would set a 1,000-essay book in the
// background, which is not what these benchmarks time.
func benchConfig(b *testing.B) Config {
	return Config{RecoveryDir: b.TempDir(), WatchEvery: -1, PreviewDelay: time.Hour, Do: func(func()) {}}
}

// thousandEditor opens the 1,000-essay book in an editor window; the preview stops when the
// benchmark ends.
func thousandEditor(b *testing.B) (*Editor, *anthology.Project) {
	p, err := anthology.Open(thousandEssays(b))
	if err != nil {
		b.Fatal(err)
	}
	e := NewEditor(test.NewTempApp(b), p, benchConfig(b))
	e.win.Resize(fyne.NewSize(1280, 800))
	b.Cleanup(e.preview.stop)
	return e, p
}

// BenchmarkOpenThousandEssays times opening a 1,000-essay project until its outline is laid
// out on screen: reading and parsing every essay, building the window and its rows.
func BenchmarkOpenThousandEssays(b *testing.B) {
	dir := thousandEssays(b)
	a := test.NewTempApp(b)
	for b.Loop() {
		p, err := anthology.Open(dir)
		if err != nil {
			b.Fatal(err)
		}
		e := NewEditor(a, p, benchConfig(b))
		e.win.Resize(fyne.NewSize(1280, 800))
		if len(e.outline.visible) == 0 {
			b.Fatal("no outline rows on screen")
		}
		e.preview.stop()
		e.win.Close()
	}
}

// BenchmarkMoveEssayThousand times moving an essay in a 1,000-essay book, as Alt+Down does:
// the move, its undo step, the recovery file's text, and the outline and status redrawn.
func BenchmarkMoveEssayThousand(b *testing.B) {
	e, p := thousandEditor(b)
	id := p.Parts[0].Essays[3].ID
	e.SelectEssay(id)
	down := true
	for b.Loop() {
		if down {
			e.MoveSelected(1)
		} else {
			e.MoveSelected(-1)
		}
		down = !down
	}
	b.StopTimer()
	e.sess.Flush()
}

// BenchmarkCreditsThousand times opening the Credits & permissions page of a 1,000-essay book:
// the permissions table and the numbers (lists that draw the rows on screen), the checks
// started in the background.
func BenchmarkCreditsThousand(b *testing.B) {
	e, _ := thousandEditor(b)
	for b.Loop() {
		e.showCredits()
		e.selectBook()
	}
}

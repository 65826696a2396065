//go:build !nogui

package gui

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/anthology-editor/anthology/anthology"
	"github.com/anthology-editor/anthology/anthology/synth"
	"github.com/anthology-editor/anthology/assets"
	"github.com/anthology-editor/anthology/layout/export"
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

// BenchmarkPreviewAfterEditThousand times what the preview does after a one-word edit in a
// 1,000-essay book: the project copied, the edition assembled and the book set, with the page
// cache the preview keeps (only the edited essay is set again).
func BenchmarkPreviewAfterEditThousand(b *testing.B) {
	e, p := thousandEditor(b)
	es := p.Essays()[500]
	if _, _, err := export.TypesetCached(context.Background(), p.Clone(), e.preview.cache); err != nil {
		b.Fatal(err)
	}
	swap := []string{" the ", " a "}
	for b.Loop() {
		e.sess.SetBody(es, strings.Replace(es.Body, swap[0], swap[1], 1))
		swap[0], swap[1] = swap[1], swap[0]
		if _, _, err := export.TypesetCached(context.Background(), p.Clone(), e.preview.cache); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(e.preview.cache.Misses), "essays-set/op")
}

// BenchmarkResidentAfterOpeningThousand opens the 1,000-essay book, lets the preview set it,
// and reports what the process holds then: the live heap and the resident memory (VmRSS)
// once the preview is set and has given back what setting used.
func BenchmarkResidentAfterOpeningThousand(b *testing.B) {
	dir := thousandEssays(b)
	for b.Loop() {
		p, err := anthology.Open(dir)
		if err != nil {
			b.Fatal(err)
		}
		queue := make(chan func(), 4096)
		cfg := Config{RecoveryDir: b.TempDir(), WatchEvery: -1, PreviewDelay: time.Millisecond, Do: func(f func()) { queue <- f }}
		e := NewEditor(test.NewTempApp(b), p, cfg)
		e.win.Resize(fyne.NewSize(1280, 800))
		for e.preview.sets == 0 {
			(<-queue)()
		}
		time.Sleep(time.Second) // the release runs beside the app
		b.StopTimer()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		b.ReportMetric(float64(m.HeapInuse)/(1<<20), "heap-MB")
		b.ReportMetric(float64(residentKB(b))/1024, "rss-MB")
		e.preview.stop()
		e.sess.Flush()
		e.win.Close()
		b.StartTimer()
	}
}

// residentKB is the process's resident memory (VmRSS in /proc/self/status), in KB.
func residentKB(b *testing.B) int {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		b.Skip("no /proc/self/status on this system")
	}
	for _, l := range strings.Split(string(data), "\n") {
		if f := strings.Fields(l); len(f) >= 2 && f[0] == "VmRSS:" {
			kb, _ := strconv.Atoi(f[1])
			return kb
		}
	}
	b.Fatal("no VmRSS in /proc/self/status")
	return 0
}

// BenchmarkKeystrokeThousand types into an essay's text in its form, in the 1,000-essay book:
// the field's echo (the session takes the text when typing pauses; the preview is set later,
// in the background).
func BenchmarkKeystrokeThousand(b *testing.B) {
	e, p := thousandEditor(b)
	es := p.Essays()[500]
	e.SelectEssay(es.ID)
	var field *essayText
	walk(e.win.Canvas(), func(o fyne.CanvasObject) {
		if en, ok := o.(*essayText); ok {
			field = en
		}
	})
	if field == nil {
		b.Fatal("no essay text field")
	}
	typeKeys(b, e, field)
}

// typeKeys types into an essay's text in the middle of it, b.N keys, and reports how long the
// session takes the text when typing pauses (handover-ms: the essay parsed again).
func typeKeys(b *testing.B, e *Editor, field *essayText) {
	b.Cleanup(func() { e.sess.Flush() }) // the recovery writer, before the folder goes
	e.win.Canvas().Focus(field)
	field.moveCursorTo(len(field.es.Body) / 2)
	typed := 0
	for b.Loop() {
		field.TypedRune('x')
		typed++
	}
	b.StopTimer()
	start := time.Now()
	e.flushEdits()
	b.ReportMetric(float64(time.Since(start).Microseconds())/1000, "handover-ms")
	if !strings.Contains(field.es.Body, strings.Repeat("x", typed)) {
		b.Fatal("the typing did not reach the essay")
	}
}

// BenchmarkWheelStep scrolls an essay's form in the 1,000-essay book one wheel step at a time
// (down and back up), with the form laid out as the window draws it.
func BenchmarkWheelStep(b *testing.B) {
	e, p := thousandEditor(b)
	e.SelectEssay(p.Essays()[500].ID)
	r := test.WidgetRenderer(e.detailScroll)
	r.Layout(e.detailScroll.Size())
	dy := float32(-40)
	for b.Loop() {
		e.detailScroll.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.Delta{DY: dy}})
		test.WidgetRenderer(e.detailScroll).Refresh()
		dy = -dy
	}
}

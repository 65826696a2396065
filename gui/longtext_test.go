//go:build !nogui

package gui

import (
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"github.com/anthology-editor/anthology/anthology"
	"github.com/anthology-editor/anthology/anthology/synth"
	"github.com/anthology-editor/anthology/assets"
)

// longTextFor is a long text on a test canvas, width wide, holding s, with the cursor at the
// byte offset at (marked "|" in s, which is taken out).
func longTextFor(t testing.TB, s string, width float32) (*longText, *[]string) {
	t.Helper()
	test.NewTempApp(t)
	lt := newLongText(nil)
	var changes []string
	lt.OnChanged = func(v string) { changes = append(changes, v) }
	at := strings.Index(s, "|")
	lt.SetText(strings.Replace(s, "|", "", 1))
	w := test.NewWindow(lt)
	t.Cleanup(w.Close)
	w.Resize(fyne.NewSize(width, 300))
	lt.Resize(fyne.NewSize(width, 300))
	w.Canvas().Focus(lt)
	if at >= 0 {
		lt.moveCursorTo(at)
	}
	return lt, &changes
}

// withCursor is the text with "|" at the cursor (and "[" "]" around a selection).
func withCursor(lt *longText) string {
	s, e := lt.selection()
	text := lt.Text()
	if s == e {
		return text[:s] + "|" + text[s:]
	}
	return text[:s] + "[" + text[s:e] + "]" + text[e:]
}

func TestLongTextKeys(t *testing.T) {
	type step struct {
		key   fyne.KeyName // a key, or
		runes string       // typed text
		shift bool
	}
	for _, c := range []struct {
		name, start string
		steps       []step
		want        string
	}{
		{"type", "ab|c", []step{{runes: "xé"}}, "abxé|c"},
		{"backspace joins lines", "one\n|two", []step{{key: fyne.KeyBackspace}}, "one|two"},
		{"backspace a rune", "naï|ve", []step{{key: fyne.KeyBackspace}}, "na|ve"},
		{"delete joins lines", "one|\ntwo", []step{{key: fyne.KeyDelete}}, "one|two"},
		{"return splits", "one|two", []step{{key: fyne.KeyReturn}}, "one\n|two"},
		{"left across lines", "one\n|two", []step{{key: fyne.KeyLeft}}, "one|\ntwo"},
		{"right across lines", "one|\ntwo", []step{{key: fyne.KeyRight}}, "one\n|two"},
		{"shift selects", "|one two", []step{{key: fyne.KeyRight, shift: true}, {key: fyne.KeyRight, shift: true}, {key: fyne.KeyRight, shift: true}}, "[one] two"},
		{"typing replaces the selection", "|one two", []step{{key: fyne.KeyRight, shift: true}, {key: fyne.KeyRight, shift: true}, {key: fyne.KeyRight, shift: true}, {runes: "1"}}, "1| two"},
		{"selection over lines deleted", "a|b\ncd", []step{{key: fyne.KeyDown, shift: true}, {key: fyne.KeyBackspace}}, "a|d"},
		{"down keeps the column", "ab|cd\nefgh", []step{{key: fyne.KeyDown}}, "abcd\nef|gh"},
		{"up at the top stays", "a|b", []step{{key: fyne.KeyUp}}, "a|b"},
		{"end and home", "ab|cd", []step{{key: fyne.KeyEnd}, {key: fyne.KeyHome}}, "|abcd"},
		{"backspace at the start", "|ab", []step{{key: fyne.KeyBackspace}}, "|ab"},
		{"paste lines", "a|b", []step{{runes: "\x00paste"}}, "ax\ny|b"},
	} {
		t.Run(c.name, func(t *testing.T) {
			lt, _ := longTextFor(t, c.start, 400)
			for _, s := range c.steps {
				if s.shift {
					lt.KeyDown(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
				}
				switch {
				case s.runes == "\x00paste":
					clip := test.NewClipboard()
					clip.SetContent("x\r\ny")
					lt.TypedShortcut(&fyne.ShortcutPaste{Clipboard: clip})
				case s.runes != "":
					for _, r := range s.runes {
						lt.TypedRune(r)
					}
				default:
					lt.TypedKey(&fyne.KeyEvent{Name: s.key})
				}
				if s.shift {
					lt.KeyUp(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
				}
			}
			if got := withCursor(lt); got != c.want {
				t.Errorf("got %q, want %q", got, c.want)
			}
		})
	}
}

// TestLongTextWrapsAndClicks: a long line wraps at spaces within the width, Down goes to the
// next row of the same line, a click lands on the word under it, the clipboard gets the
// selection, and every change is told with the whole text.
func TestLongTextWrapsAndClicks(t *testing.T) {
	words := strings.Repeat("lorem ipsum dolor ", 40)
	lt, changes := longTextFor(t, "|"+words+"\nsecond", 300)
	lt.layoutRows(lt.Size().Width - 2*10)
	if rows := len(lt.wraps[0]); rows < 5 {
		t.Fatalf("a %d-character line in 300 px has %d rows", len(words), rows)
	}
	for i, start := range lt.wraps[0][1:] {
		if words[start-1] != ' ' {
			t.Errorf("row %d starts inside a word: %q", i+1, words[start-3:start+3])
		}
	}
	lt.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	if lt.cur.line != 0 || lt.cur.off != lt.wraps[0][1] {
		t.Errorf("Down from the first row goes to %+v, want the second row's start %d", lt.cur, lt.wraps[0][1])
	}
	// A double click on the first row's second word selects it.
	_, rowH := lt.metrics()
	x := lt.measure("lorem ip") + 10 + 2
	lt.DoubleTapped(&fyne.PointEvent{Position: fyne.NewPos(x, 10+rowH/2)})
	if lt.SelectedText() != "ipsum" {
		t.Errorf("double click selected %q", lt.SelectedText())
	}
	clip := test.NewClipboard()
	lt.TypedShortcut(&fyne.ShortcutCut{Clipboard: clip})
	if clip.Content() != "ipsum" || !strings.HasPrefix(lt.Text(), "lorem  dolor") {
		t.Errorf("cut %q, text %q", clip.Content(), lt.Text()[:20])
	}
	if n := len(*changes); n != 1 || (*changes)[0] != lt.Text() {
		t.Errorf("%d changes told", n)
	}
	lt.TypedShortcut(&fyne.ShortcutSelectAll{})
	if lt.SelectedText() != lt.Text() {
		t.Error("select all")
	}
}

// BenchmarkKeystrokeManuscript types into a 40,000-word essay in the manuscript editor: the
// echo of a key (the widget's edit and redraw). The session takes the text when typing pauses
// (reported as handover-ms: parsing the essay again).
func BenchmarkKeystrokeManuscript(b *testing.B) {
	files, err := synth.Files(synth.Options{Essays: 1, Words: 40000, Seed: 2}, synth.SampleText(assets.Sample()))
	if err != nil {
		b.Fatal(err)
	}
	dir := filepath.Join(b.TempDir(), "long")
	if err := synth.WriteDir(dir, files); err != nil {
		b.Fatal(err)
	}
	p, err := anthology.Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	e := NewEditor(test.NewTempApp(b), p, benchConfig(b))
	b.Cleanup(e.preview.stop)
	e.win.Resize(fyne.NewSize(1440, 900))
	es := p.Essays()[0]
	e.SelectEssay(es.ID)
	e.openManuscript(es)
	typeKeys(b, e, e.manuscript.source)
}

// scrollSpy records the wheel events passed on to it.
type scrollSpy struct{ got []float32 }

func (s *scrollSpy) Scrolled(ev *fyne.ScrollEvent) { s.got = append(s.got, ev.Scrolled.DY) }

// TestLongTextWheel: the wheel scrolls a long text by whole rows, and once the text is at its
// end, scrolls the form around it instead.
func TestLongTextWheel(t *testing.T) {
	lt, _ := longTextFor(t, strings.Repeat("a line of text\n", 100), 300)
	spy := &scrollSpy{}
	lt.outer = spy
	_, rowH := lt.metrics()
	lt.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.Delta{DY: -3 * rowH}})
	if lt.top != 3*rowH || len(spy.got) != 0 {
		t.Fatalf("after a wheel step down: top %v (want %v), passed on %v", lt.top, 3*rowH, spy.got)
	}
	lt.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.Delta{DY: 10 * rowH}})
	if lt.top != 0 {
		t.Fatalf("back to the top: %v", lt.top)
	}
	lt.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.Delta{DY: rowH}})
	if len(spy.got) != 1 {
		t.Errorf("a wheel step up at the top was not passed to the form: %v", spy.got)
	}
}

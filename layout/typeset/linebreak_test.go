package typeset

import (
	"math"
	"strings"
	"testing"

	"github.com/anthology-editor/anthology/anthology/markdown"
	"github.com/anthology-editor/anthology/anthology/text"
)

const sampleParagraph = `In daylight it is a place of procedures---consultants in a hurry, porters with trolleys, the rattle of the lunch cart. At night it becomes something closer to a house. People talk in low voices. Somebody's radio plays very quietly under a pillow. The machines, which in the day are background noise, become the loudest thing in the room, and I learn to hear each of them the way a mother learns to hear each of her children.`

func testFonts(t testing.TB) *fontSet {
	t.Helper()
	fam, err := LoadFamily("charis")
	if err != nil {
		t.Fatal(err)
	}
	return &fontSet{body: fam, styles: map[styleKey]*textStyle{}}
}

func setParagraph(t testing.TB, src string, measure float64) []*Line {
	fs := testFonts(t)
	hy, _ := HyphenatorFor("en")
	pb := &paraBuilder{fs: fs, hyph: hy, hyphenate: true}
	doc := markdown.Parse([]byte(src))
	pb.inlines(doc.Blocks[0].(*text.Paragraph).Content, inlineStyle{size: 11})
	return setLines(pb.finish(), func(int) float64 { return measure }, 1, true)
}

func lineText(l *Line) string {
	var b strings.Builder
	for i, r := range l.Runs {
		if i > 0 && r.X > l.Runs[i-1].X+l.Runs[i-1].style.width(l.Runs[i-1].Text)+0.5 {
			b.WriteByte(' ')
		}
		b.WriteString(r.Text)
	}
	return b.String()
}

func TestJustifiedParagraph(t *testing.T) {
	for _, measure := range []float64{180, 240, 300} {
		lines := setParagraph(t, sampleParagraph, measure)
		if len(lines) < 3 {
			t.Fatalf("measure %v: %d lines", measure, len(lines))
		}
		consecutive := 0
		for i, l := range lines {
			t.Logf("%3.0f %5.1f %s", measure, l.Natural, lineText(l))
			if l.Overfull {
				t.Errorf("line %d overfull: %.1f > %.1f", i, l.Natural, measure)
			}
			if i < len(lines)-1 && math.Abs(l.Natural-measure) > 0.05 {
				t.Errorf("line %d not justified: %.2f of %.0f", i, l.Natural, measure)
			}
			if l.Hyphenated {
				consecutive++
				if consecutive > 2 {
					t.Errorf("line %d: three hyphenated lines in a row", i)
				}
			} else {
				consecutive = 0
			}
		}
		if lines[len(lines)-1].Hyphenated {
			t.Error("last line hyphenated")
		}
	}
}

func TestUnbreakableWordDoesNotOverflow(t *testing.T) {
	long := strings.Repeat("abcdefghij", 20)
	lines := setParagraph(t, "A word: "+long+" ends here.", 200)
	for i, l := range lines {
		if l.Overfull {
			t.Errorf("line %d overfull (%.1f)", i, l.Natural)
		}
	}
}

// TestLooseBreakingIsLinear: the loosest pass (every line that is not overfull is feasible)
// once kept a class for every possible count of lines behind a break, so its work grew with
// the cube of the paragraph (a 1,600-item paragraph of Thoreau's took 4.9 s). Four times the
// text must cost about four times the work, whatever the measure of the first lines.
func TestLooseBreakingIsLinear(t *testing.T) {
	fs := testFonts(t)
	hy, _ := HyphenatorFor("en")
	work := func(copies int, narrow bool) int {
		pb := &paraBuilder{fs: fs, hyph: hy, hyphenate: true}
		doc := markdown.Parse([]byte(strings.Repeat(sampleParagraph+" ", copies)))
		pb.inlines(doc.Blocks[0].(*text.Paragraph).Content, inlineStyle{size: 11})
		items := pb.finish()
		width, sameFrom := func(int) float64 { return 280 }, 1
		if narrow { // a drop cap's three short lines
			width = func(i int) float64 { return 280 - 30*float64(min(1, max(0, 3-i))) }
			sameFrom = 3
		}
		visits := 0
		p := defaultParams
		p.tolerance, p.emergencyStretch, p.maxHyphens = 10000, 70, 3
		p.sameFrom, p.visits = sameFrom, &visits
		if _, ok := breakPoints(items, width, p); !ok {
			t.Fatalf("%d copies: no setting", copies)
		}
		return visits
	}
	for _, narrow := range []bool{false, true} {
		small, large := work(4, narrow), work(16, narrow)
		t.Logf("narrow %v: 4 copies %d visits, 16 copies %d", narrow, small, large)
		if ratio := float64(large) / float64(small); ratio > 5 {
			t.Errorf("narrow %v: 4× the text took %.1f× the work (4 copies %d, 16 copies %d)", narrow, ratio, small, large)
		}
	}
}

func BenchmarkParagraph(b *testing.B) {
	for i := 0; i < b.N; i++ {
		setParagraph(b, sampleParagraph, 300)
	}
}

// TestNoLoneHyphenatedTail: over many measures and paragraphs, no paragraph ends with a line
// that is only the tail of a word hyphenated on the line before (it happened 20 times in a
// book).
func TestNoLoneHyphenatedTail(t *testing.T) {
	texts := []string{sampleParagraph,
		"Nobody who has watched the harbour through a winter would call the work uneventful, though the log records nothing but the weather and the ships, unremarkably.",
		"The machines, which in the day are background noise, become the loudest thing in the room, and I learn to hear each of them individually.",
	}
	lone := 0
	for _, src := range texts {
		for measure := 140.0; measure <= 330; measure += 2 {
			lines := setParagraph(t, src, measure)
			n := len(lines)
			if n >= 2 && lines[n-2].Hyphenated && !strings.Contains(lineText(lines[n-1]), " ") {
				lone++
				t.Logf("measure %.0f: last line %q after %q", measure, lineText(lines[n-1]), lineText(lines[n-2]))
			}
		}
	}
	if lone > 0 {
		t.Errorf("%d paragraphs end with a hyphenated word's tail alone", lone)
	}
}

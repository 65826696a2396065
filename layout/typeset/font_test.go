package typeset

import (
	"testing"
	"time"

	"github.com/anthology-editor/anthology/assets"
)

func TestFamilyMetrics(t *testing.T) {
	for _, key := range []string{"charis", "caladea", "gentium"} {
		start := time.Now()
		fam, err := LoadFamily(key)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s loaded in %v", key, time.Since(start))
		f := fam.Face(assets.Regular)
		if f.Ascent <= 0.5 || f.Descent <= 0.1 || f.XHeight <= 0.3 || f.CapHeight <= 0.5 {
			t.Errorf("%s metrics: %+v %v %v %v", key, f.Ascent, f.Descent, f.XHeight, f.CapHeight)
		}
		for _, r := range "“Hello”—world… café" {
			if !f.Has(r) {
				t.Errorf("%s lacks %q", key, r)
			}
		}
		if f.Has('\U0001F600') {
			t.Errorf("%s claims an astral rune", key)
		}
		t.Logf("%s kern AV=%.3f To=%.3f r.=%.3f; width(Hello)=%.3f", key, f.Kern('A', 'V'), f.Kern('T', 'o'), f.Kern('r', '.'), f.Width("Hello"))
	}
}

// TestDotMarks: every mark check counts as printable is one the typesetter draws.
func TestDotMarks(t *testing.T) {
	for _, r := range assets.DotMarks {
		if _, ok := dotMarks[r]; !ok {
			t.Errorf("%q (U+%04X) is in assets.DotMarks but the typesetter cannot draw it", r, r)
		}
	}
	if len(dotMarks) != len([]rune(assets.DotMarks)) {
		t.Errorf("the typesetter draws %d dot marks, assets.DotMarks lists %d", len(dotMarks), len([]rune(assets.DotMarks)))
	}
}

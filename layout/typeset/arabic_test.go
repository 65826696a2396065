package typeset

import (
	"testing"

	"golang.org/x/text/unicode/norm"
)

func TestShapeArabic(t *testing.T) {
	all := func(rune) bool { return true }
	for _, tt := range []struct{ in, want string }{
		// kaf initial, teh medial, alef final, beh isolated (alef joins nothing after it)
		{"كتاب", "\uFEDB\uFE98\uFE8E\uFE8F"},
		// lam-alef is one ligature
		{"لا", "\uFEFB"},
		// alef isolated, lam initial, seen medial, lam-alef final, meem isolated
		{"السلام", "\uFE8D\uFEDF\uFEB4\uFEFC\uFEE1"},
		// a mark between letters does not break the join: beh initial + fatha, teh final
		{"بَت", "\uFE91\u064E\uFE96"},
		// punctuation and Latin pass through; the letters around them do not join across
		{"(من)", "(\uFEE3\uFEE6)"},
		{"abc", "abc"},
		// hamza joins nothing and keeps its own character
		{"ماء", "\uFEE3\uFE8E\u0621"},
		// Persian peh, from the other block
		{"پا", "\uFB58\uFE8E"},
	} {
		got := shapeArabic(tt.in, all)
		if got != tt.want {
			t.Errorf("shapeArabic(%q) = %+q, want %+q", tt.in, got, tt.want)
		}
		// The forms read back as the letters: what the PDF's ToUnicode table relies on.
		if back := norm.NFKC.String(got); back != norm.NFKC.String(tt.in) {
			t.Errorf("%q shaped reads back as %q", tt.in, back)
		}
	}
	// A face without the forms keeps the letters as they are.
	if got := shapeArabic("كتاب", func(rune) bool { return false }); got != "كتاب" {
		t.Errorf("without forms: %+q", got)
	}
}

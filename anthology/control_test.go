package anthology

import "testing"

// FuzzStripControl: the byte scan that lets a text without control characters through
// undecoded agrees with the rune-by-rune removal it stands in front of.
func FuzzStripControl(f *testing.F) {
	for _, s := range []string{"plain prose", "tab\tand\nnewline", "bell\a", "del\x7f", "c1 \u0085 next line", "\ufffe\uffff", "é ñ — “quoted”", "bad \xff utf-8", "\xc2", "\xef\xbf"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		clean, want := stripControlRunes(s)
		got, removed := stripControl(s)
		if got != clean || string(removed) != string(want) {
			t.Errorf("stripControl(%q) = %q, %q; the rune loop gives %q, %q", s, got, removed, clean, want)
		}
	})
}

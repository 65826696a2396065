package typeset

import (
	"strings"
	"testing"
)

// TestSystemPatterns hyphenates Czech, whose TeX patterns the app does not bundle (they are
// GPL), by the LibreOffice patterns the system installs (Debian's hyphen-cs, which .ci/setup.sh
// installs for the tests).
func TestSystemPatterns(t *testing.T) {
	if _, _, _, ok := systemPatterns("cs"); !ok {
		if testing.Short() {
			t.Skip("-short: no Czech hyphenation patterns installed (apt-get install hyphen-cs)")
		}
		t.Fatal("no Czech hyphenation patterns installed (.ci/setup.sh qa installs hyphen-cs)")
	}
	h, err := HyphenatorFor("cs")
	if err != nil || h == nil {
		t.Fatalf("no Czech hyphenator: %v", err)
	}
	// Czech sets at least two letters before a break and three after it (csplain's minimums).
	for word, want := range map[string]string{
		"nemocnice":    "ne-moc-nice",
		"zdravotní":    "zdra-votní",
		"spisovatelé":  "spi-so-va-telé",
		"nejkrásnější": "nej-krás-nější",
	} {
		if got := h.Hyphenate(word); got != want {
			t.Errorf("%s → %s, want %s", word, got, want)
		}
	}
	// An encoding line and the minimums are read from the file.
	p, l, r, ok := parseHyphenDic([]byte("ISO8859-2\nLEFTHYPHENMIN 2\nRIGHTHYPHENMIN 3\n.a2\n\xe81e\nc1k/k=k,2,1\n"))
	if !ok || l != 2 || r != 3 || strings.TrimSpace(string(p)) != ".a2\nč1e" {
		t.Errorf("parsed %q %d %d %v", p, l, r, ok)
	}
}

package typeset

import "testing"

func TestHyphenate(t *testing.T) {
	h, err := HyphenatorFor("en-US")
	if err != nil || h == nil {
		t.Fatalf("no en-US hyphenator: %v", err)
	}
	tests := []struct{ in, want string }{
		{"hyphenation", "hy-phen-ation"},
		{"developers", "de-vel-op-ers"},
		{"associate", "as-so-ciate"}, // from the exception list
		{"table", "ta-ble"},          // exception list; rightmin 3 keeps "ble"
		{"nurse", "nurse"},
		{"NASA", "NASA"},
		{"don’t", "don’t"},
		{"lighthouse", "light-house"},
		{"Extinguished", "Ex-tin-guished"},
		{"it", "it"},
	}
	for _, tt := range tests {
		if got := h.Hyphenate(tt.in); got != tt.want {
			t.Errorf("Hyphenate(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if gb, _ := HyphenatorFor("en-GB"); gb == nil || gb == h {
		t.Error("en-GB should have its own patterns")
	}
	if fr, err := HyphenatorFor("fr"); fr != nil || err != nil {
		t.Errorf("fr: %v %v, want no hyphenator", fr, err)
	}
}

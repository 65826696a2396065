package typeset

import (
	"testing"

	"github.com/anthology-editor/anthology/assets"
)

// TestHyphenate checks each language's patterns on words whose hyphenation is well known,
// with the language's minimums.
func TestHyphenate(t *testing.T) {
	tests := []struct{ lang, in, want string }{
		{"en-US", "hyphenation", "hy-phen-ation"},
		{"en-US", "developers", "de-vel-op-ers"},
		{"en-US", "associate", "as-so-ciate"}, // from the exception list
		{"en-US", "table", "ta-ble"},          // exception list; rightmin 3 keeps "ble"
		{"en-US", "nurse", "nurse"},
		{"en-US", "NASA", "NASA"},
		{"en-US", "don’t", "don’t"},
		{"en-US", "lighthouse", "light-house"},
		{"en-US", "Extinguished", "Ex-tin-guished"},
		{"en-US", "it", "it"},
		{"fr", "anticonstitutionnellement", "an-ti-cons-ti-tu-tion-nel-le-ment"},
		{"fr", "hyphénation", "hy-phé-na-tion"},
		{"de", "Silbentrennung", "Sil-ben-tren-nung"},
		{"de", "Donaudampfschifffahrt", "Do-nau-dampf-schiff-fahrt"},
		{"es", "desafortunadamente", "des-afor-tu-na-da-men-te"},
		{"it", "precipitevolissimevolmente", "pre-ci-pi-te-vo-lis-si-me-vol-men-te"}, // one-letter patterns
		{"pt", "paralelepípedo", "pa-ra-le-le-pí-pedo"},                              // rightmin 3
		{"nl", "ziekenhuisopname", "zie-ken-huis-op-na-me"},
		{"sv", "sjuksköterska", "sjuk-skö-ters-ka"},
		{"pl", "konstantynopolitańczykowianeczka", "kon-stan-ty-no-po-li-tań-czy-ko-wia-necz-ka"},
		{"ru", "электричество", "элек-три-че-ство"},
		{"el", "ελευθερία", "ε-λευ-θε-ρί-α"}, // Greek allows one letter on either side
		{"la", "consuetudinem", "con-sue-tu-di-nem"},
	}
	for _, tt := range tests {
		h, err := HyphenatorFor(tt.lang)
		if err != nil || h == nil {
			t.Errorf("no %s hyphenator: %v", tt.lang, err)
			continue
		}
		if got := h.Hyphenate(tt.in); got != tt.want {
			t.Errorf("%s: Hyphenate(%q) = %q, want %q", tt.lang, tt.in, got, tt.want)
		}
	}
	us, _ := HyphenatorFor("en-US")
	if gb, _ := HyphenatorFor("en-GB"); gb == nil || gb == us {
		t.Error("en-GB should have its own patterns")
	}
	if h, err := HyphenatorFor("tlh"); h != nil || err != nil {
		t.Errorf("Klingon: %v %v, want no hyphenator", h, err)
	}
	for _, tag := range assets.HyphenationLanguages() {
		if h, err := HyphenatorFor(tag); h == nil || err != nil {
			t.Errorf("%s is listed but has no hyphenator: %v", tag, err)
		}
	}
}

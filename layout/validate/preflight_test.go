package validate

import (
	"regexp"
	"testing"
)

// rgbRE is the rule paintsRGB implements, as the regular expression it replaced.
var rgbRE = regexp.MustCompile(`(?m)(^|\s)[\d.]+\s+[\d.]+\s+[\d.]+\s+(rg|RG)\b`)

func TestPaintsRGB(t *testing.T) {
	for _, tt := range []struct {
		content string
		want    bool
	}{
		{"1 0 0 rg", true},
		{"q\n0.2 0.4 .6 RG\nQ", true},
		{"BT 0 0 0 1 k ET", false},   // CMYK
		{"0 0 0 1 K 0 g", false},     // grey
		{"1 0 rgb", false},           // a longer name
		{"0 0 0 rgx 1 0 0 rg", true}, // the second one counts
		{"x1 0 0 rg", false},         // a number glued to a name
		{"1 0 0rg", false},           // no space before the operator
		{"1 0 rg", false},            // two numbers
		{"/Cs1 cs 0.5 0.5 0.5 scn", false},
		{"", false},
		{"rg", false},
	} {
		if got := paintsRGB(tt.content); got != tt.want {
			t.Errorf("paintsRGB(%q) = %v, want %v", tt.content, got, tt.want)
		}
		if re := rgbRE.MatchString(tt.content); re != tt.want {
			t.Errorf("the table is wrong about %q: the rule says %v", tt.content, re)
		}
	}
}

// FuzzPaintsRGB holds the scanner to the regular expression it replaced.
func FuzzPaintsRGB(f *testing.F) {
	for _, s := range []string{"1 0 0 rg", "0.1 .2 3. RG\n", "1 1 1 1 rg_", "\t1\n2\r3\frg"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := paintsRGB(s), rgbRE.MatchString(s); got != want {
			t.Errorf("paintsRGB(%q) = %v, the rule says %v", s, got, want)
		}
	})
}

package anthology

import (
	"os"
	"strings"
	"testing"
)

func TestParseFontFile(t *testing.T) {
	data, err := os.ReadFile("../assets/fonts/gentium/GentiumPlus-BoldItalic.ttf")
	if err != nil {
		t.Fatal(err)
	}
	f, err := parseFontFile("fonts/g.ttf", data)
	if err != nil || f.Family != "Gentium Plus" || !f.Bold || !f.Italic || f.Style() != "Bold Italic" {
		t.Fatalf("%+v %v", f, err)
	}
	for _, tt := range []struct{ data, want string }{
		{"OTTO\x00\x01", "CFF (PostScript) outlines"},
		{"ttcf", "a font collection"},
		{"wOFF", "a web font"},
		{"\x00\x01\x00\x00 broken", "not a font that can be read"},
		{"hello", "not a TrueType font"},
	} {
		if _, err := parseFontFile("fonts/x.ttf", []byte(tt.data)); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q: %v, want %q", tt.data, err, tt.want)
		}
	}
}

// FuzzFontFile reads any bytes as a project's font without panicking.
func FuzzFontFile(f *testing.F) {
	data, _ := os.ReadFile("../assets/fonts/hebrew/NotoSerifHebrew-Regular.ttf")
	f.Add(data)
	f.Add([]byte("OTTO"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if ff, err := parseFontFile("fonts/x.ttf", data); err == nil && ff.Family == "" {
			t.Error("a font without a family was taken")
		}
	})
}

package assets_test

import (
	"bytes"
	"image/png"
	"io/fs"
	"slices"
	"strings"
	"testing"

	"github.com/anthology-editor/anthology/anthology"
	"github.com/anthology-editor/anthology/assets"
)

// TestFamiliesMatchTheModel keeps the fonts a project may name (package anthology) and the fonts
// bundled here in step.
func TestFamiliesMatchTheModel(t *testing.T) {
	var keys []string
	for _, f := range slices.Concat(assets.Families, assets.ScriptFamilies) {
		if !slices.Contains(assets.ScriptFamilies, f) {
			keys = append(keys, f.Key)
		}
		for _, st := range assets.Styles {
			data, err := f.Face(st)
			if err != nil {
				t.Fatalf("%s %s: %v", f.Key, st, err)
			}
			// TrueType outlines (glyf), which fpdf can embed; CFF fonts start with "OTTO".
			if !bytes.HasPrefix(data, []byte{0, 1, 0, 0}) {
				t.Errorf("%s %s is not a TrueType (glyf) font", f.Key, st)
			}
		}
		if _, err := fs.ReadFile(assets.Files(), f.License); err != nil {
			t.Errorf("%s has no licence file: %v", f.Key, err)
		}
	}
	if !slices.Equal(keys, anthology.Fonts) {
		t.Errorf("bundled families %v, model allows %v", keys, anthology.Fonts)
	}
}

func TestHyphenationPatterns(t *testing.T) {
	for _, lang := range []string{"en", "en-US", "en-GB", "EN-gb"} {
		if p, e, ok := assets.HyphenationPatterns(lang); !ok || len(p) < 10000 || len(e) == 0 {
			t.Errorf("%s: no patterns", lang)
		}
	}
	for _, lang := range []string{"fr", "de-CH", "pt-BR", "ru", "el", "no"} {
		if p, _, ok := assets.HyphenationPatterns(lang); !ok || len(p) < 1000 {
			t.Errorf("%s: no patterns", lang)
		}
	}
	if _, _, ok := assets.HyphenationPatterns("cs"); ok {
		t.Error("Czech patterns are GPL and must not be bundled")
	}
	// Each language's minimums come from its patterns' own header.
	for _, tt := range []struct {
		lang        string
		left, right int
	}{{"en", 2, 3}, {"fr", 2, 2}, {"pt", 2, 3}, {"el", 1, 1}, {"xx", 2, 3}} {
		if l, r := assets.HyphenationMinimums(tt.lang); l != tt.left || r != tt.right {
			t.Errorf("%s minimums %d/%d, want %d/%d", tt.lang, l, r, tt.left, tt.right)
		}
	}
	// Every pattern file has its licence beside it (English's are in the README).
	entries, _ := fs.ReadDir(assets.Files(), "hyphenation")
	for _, e := range entries {
		name := e.Name()
		if strings.HasSuffix(name, ".pat.txt") && !strings.HasPrefix(name, "hyph-en-") {
			if _, err := fs.ReadFile(assets.Files(), "hyphenation/"+strings.TrimSuffix(name, ".pat.txt")+".licence.txt"); err != nil {
				t.Errorf("%s has no licence: %v", name, err)
			}
		}
	}
}

func TestIconAndStylesheet(t *testing.T) {
	img, err := png.Decode(bytes.NewReader(assets.Icon()))
	if err != nil || img.Bounds().Dx() < 256 {
		t.Errorf("icon: %v", err)
	}
	css := assets.Stylesheet()
	for _, banned := range []string{"display: flex", "display:flex", "color:", "color: #"} {
		if bytes.Contains(css, []byte(banned)) {
			t.Errorf("stylesheet contains %q (breaks old readers or dark mode)", banned)
		}
	}
}

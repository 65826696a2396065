//go:build !nogui

package gui

import (
	"image/color"
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// luminance is a colour's relative luminance (WCAG 2).
func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	lin := func(v uint32) float64 {
		s := float64(v) / 0xffff
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}

// contrast is the WCAG contrast ratio of two colours.
func contrast(a, b color.Color) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// In both variants (the app follows the system's), de-emphasised text reads at WCAG AA against
// the window's and the input fields' backgrounds, and stays dimmer than normal text.
func TestThemeQuietTextIsReadable(t *testing.T) {
	th := newAppTheme()
	for _, v := range []fyne.ThemeVariant{theme.VariantDark, theme.VariantLight} {
		quiet := th.Color(theme.ColorNameDisabled, v)
		fg := th.Color(theme.ColorNameForeground, v)
		for _, bgName := range []fyne.ThemeColorName{theme.ColorNameBackground, theme.ColorNameInputBackground} {
			bg := th.Color(bgName, v)
			if c := contrast(quiet, bg); c < 4.5 {
				t.Errorf("variant %d: quiet text on %s: contrast %.2f:1, want at least 4.5:1", v, bgName, c)
			}
		}
		bg := th.Color(theme.ColorNameBackground, v)
		if contrast(quiet, bg) > contrast(fg, bg)-1.5 {
			t.Errorf("variant %d: quiet text is not quieter than normal text", v)
		}
		if th.Color(theme.ColorNamePrimary, v) != theme.DefaultTheme().Color(theme.ColorNamePrimary, v) {
			t.Errorf("variant %d: the theme changed more than quiet text", v)
		}
	}
}

//go:build !nogui

package gui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// appTheme is Fyne's default theme, which follows the system's light or dark setting, with
// one change: the colour of de-emphasised text. Fyne draws low-importance labels (the
// outline's section headings and word counts, the forms' hints) in its disabled colour, which
// is nearly invisible (about 1.5:1 against the background in both variants). Here that text
// is a quieter grey that still reads at WCAG AA contrast (4.5:1 or more), so an editor can read
// it; disabled controls remain plainly dimmer than live ones.
type appTheme struct{ fyne.Theme }

func newAppTheme() fyne.Theme { return appTheme{theme.DefaultTheme()} }

// Quiet text colours: 4.5:1 or more against the default window and field backgrounds, and
// clearly short of the foreground (light #565656, 7.4:1; dark #f3f3f3).
var (
	quietDark  = color.NRGBA{0x8e, 0x8e, 0x92, 0xff}
	quietLight = color.NRGBA{0x6c, 0x6c, 0x6c, 0xff}
)

// Color returns the default theme's colour, but for de-emphasised text.
func (t appTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if n == theme.ColorNameDisabled {
		if v == theme.VariantLight {
			return quietLight
		}
		return quietDark
	}
	return t.Theme.Color(n, v)
}

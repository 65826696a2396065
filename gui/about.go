//go:build !nogui

package gui

import (
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/anthology-editor/anthology/anthology/buildinfo"
)

// aboutText is what the About box says: the program, its version and build, for bug reports.
func aboutText() string {
	in := buildinfo.Read()
	s := "Anthology " + in.Version + "\n\nCompiles anthologies into EPUB 3 and print-ready PDF.\n\n"
	if in.Commit != "" {
		s += "Commit " + in.Commit
		if in.Modified {
			s += " (modified)"
		}
		s += "\n"
	}
	if in.Date != "" {
		s += "Built from the sources of " + in.Date + "\n"
	}
	return s + "Go " + in.Go
}

// showAbout shows the About box.
func (e *Editor) showAbout() {
	l := widget.NewLabel(aboutText())
	l.Selectable = true // so the version can be copied into a bug report
	dialog.ShowCustom("About Anthology", "Close", container.NewPadded(l), e.win)
}

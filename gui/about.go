//go:build !nogui

package gui

import (
	"net/url"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
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

// guideURL is where the guide is read when no copy is installed.
const guideURL = "https://github.com/anthology-editor/anthology#readme"

// guideFile finds the installed guide (the README): beside the program (the Windows zip, a
// source build's bin/), or in the doc folder of its installation (the .deb, the tarball).
func guideFile() string {
	exe, err := os.Executable()
	if err != nil {
		return ""
	}
	if real, err := filepath.EvalSymlinks(exe); err == nil {
		exe = real
	}
	return findGuide(exe, "/usr/share/doc/anthology/README.md")
}

// findGuide looks for the README near the program exe, then at the other places given.
func findGuide(exe string, elsewhere ...string) string {
	dir := filepath.Dir(exe)
	for _, p := range append([]string{
		filepath.Join(dir, "README.md"),
		filepath.Join(dir, "..", "README.md"),
		filepath.Join(dir, "..", "share", "doc", "anthology", "README.md"),
	}, elsewhere...) {
		if st, err := os.Stat(p); err == nil && !st.IsDir() && st.Size() < 1<<20 {
			return p
		}
	}
	return ""
}

// showGuide shows the user's guide (the README) in a window of its own, or where to read it.
func (e *Editor) showGuide() { e.showGuideFrom(guideFile()) }

func (e *Editor) showGuideFrom(name string) {
	if name != "" {
		if data, err := os.ReadFile(name); err == nil {
			text := widget.NewRichTextFromMarkdown(string(data))
			text.Wrapping = fyne.TextWrapWord
			d := dialog.NewCustom("Anthology — User Guide", "Close", container.NewVScroll(text), e.win)
			d.Resize(fyne.NewSize(900, 680))
			d.Show()
			return
		}
	}
	u, _ := url.Parse(guideURL)
	dialog.ShowCustom("User Guide", "Close", container.NewVBox(
		widget.NewLabel("The guide is the project's README, which this installation does not hold a copy of:"),
		widget.NewHyperlink(guideURL, u)), e.win)
}

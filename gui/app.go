//go:build !nogui

package gui

import (
	"errors"
	"os"
	"runtime"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"github.com/anthology-editor/anthology/anthology"
	"github.com/anthology-editor/anthology/assets"
)

// AppID identifies the app to the desktop (preferences, recent files).
const AppID = "dev.anthology.editor"

// ErrNoDisplay is returned by Run where no window can be opened.
var ErrNoDisplay = errors.New("no display to open a window on (DISPLAY and WAYLAND_DISPLAY are unset); use a subcommand such as 'anthology export', see 'anthology help'")

// Options adjust how the app starts.
type Options struct {
	// Select is the id of an essay to select (and show in the preview) once the book is set.
	Select string
	// ReopenLast opens the project the app had open last, when it still opens, instead of p.
	ReopenLast bool
}

// Run opens the desktop app on project p and returns when its window closes.
func Run(p *anthology.Project, o Options) error {
	if runtime.GOOS == "linux" && os.Getenv("DISPLAY") == "" && os.Getenv("WAYLAND_DISPLAY") == "" {
		return ErrNoDisplay
	}
	a := app.NewWithID(AppID)
	a.SetIcon(fyne.NewStaticResource("anthology.png", assets.Icon()))
	a.Settings().SetTheme(newAppTheme())
	if o.ReopenLast {
		if last := lastProject(a); last != nil {
			p = last
		}
	}
	e := NewEditor(a, p, Config{HoldPreview: true, NativeDialogs: nativeDialogsWanted()})
	a.Lifecycle().SetOnStarted(e.StartPreview)
	if o.Select != "" {
		e.SelectEssay(o.Select)
	}
	// Later launches hand their projects to this app (see instance.go). Should another app
	// hold the socket, this one runs on its own.
	if stop, err := listenInstance(instanceSocket(), func(r instanceRequest) {
		fyne.Do(func() { e.openHandedOff(r.Open) })
	}); err == nil {
		defer stop()
	}
	e.Window().ShowAndRun()
	return nil
}

// lastProject is the project the app had open last (the first of the recent projects), when
// it is still there and opens; nil otherwise.
func lastProject(a fyne.App) *anthology.Project {
	recent := a.Preferences().StringList(recentKey)
	if len(recent) == 0 {
		return nil
	}
	p, err := anthology.OpenForEditing(recent[0])
	if err != nil {
		return nil
	}
	return p
}

// openHandedOff opens a project a second launch handed to this app (none: the launch only
// asked for the window), asking first about unsaved edits, and brings the window to the front.
func (e *Editor) openHandedOff(dir string) {
	e.win.RequestFocus()
	if dir == "" || dir == e.project().Dir {
		return
	}
	e.whenSaved(func() { e.OpenProject(dir) })
}

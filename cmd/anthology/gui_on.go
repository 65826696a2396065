//go:build !nogui

package main

import (
	"github.com/anthology-editor/anthology/anthology"
	"github.com/anthology-editor/anthology/gui"
)

// handOff gives the project (a folder; "" for none) to the app already running, if one is, and
// reports whether it took it.
func handOff(dir string) (bool, error) { return gui.HandOff(dir) }

// startApp opens the desktop app.
func startApp(p *anthology.Project, o appOptions) error {
	return gui.Run(p, gui.Options{Select: o.selectID, ReopenLast: o.reopenLast})
}

//go:build !nogui

package main

import (
	"github.com/anthology-editor/anthology/anthology"
	"github.com/anthology-editor/anthology/gui"
)

// startApp opens the desktop app.
func startApp(p *anthology.Project, o appOptions) error {
	return gui.Run(p, gui.Options{Select: o.selectID})
}

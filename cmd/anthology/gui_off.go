//go:build nogui

package main

import (
	"errors"

	"github.com/anthology-editor/anthology/anthology"
)

// startApp explains that this binary was built without the desktop app.
func startApp(*anthology.Project, appOptions) error {
	return errors.New("this anthology was built without the desktop app (-tags nogui); use a subcommand such as 'anthology export', see 'anthology help'")
}

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

// handOff has no app to hand a project to in this build.
func handOff(string) (bool, error) { return false, nil }

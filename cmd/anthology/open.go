package main

import (
	"context"
	"fmt"
	"io"

	"github.com/anthology-editor/anthology/anthology"
	"github.com/anthology-editor/anthology/assets"
)

// runOpen opens the desktop app on a project, or on the bundled sample.
func runOpen(_ context.Context, args []string, _, stderr io.Writer) int {
	if len(args) > 1 {
		fmt.Fprintln(stderr, "anthology open: give at most one project folder")
		return exitUsage
	}
	var p *anthology.Project
	var err error
	if len(args) == 1 {
		p, err = anthology.Open(args[0])
	} else {
		p, err = anthology.LoadFS(assets.Sample(), "sample")
	}
	if err != nil {
		report(stderr, err)
		return exitFail
	}
	if err := startApp(p); err != nil {
		report(stderr, err)
		return exitFail
	}
	return exitOK
}

package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"github.com/anthology-editor/anthology/anthology"
)

func newFlagSet(title *string) *flag.FlagSet {
	fs := flag.NewFlagSet("new", flag.ContinueOnError)
	fs.StringVar(title, "title", "", "the anthology's title (required)")
	return fs
}

func init() {
	flagSets["new"] = func() *flag.FlagSet { var t string; return newFlagSet(&t) }
}

func runNew(_ context.Context, args []string, stdout, stderr io.Writer) int {
	var title string
	fs := newFlagSet(&title)
	fs.SetOutput(stderr)
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(pos) != 1 {
		fmt.Fprintln(stderr, "anthology new: give the folder to create: anthology new DIR --title TITLE")
		return exitUsage
	}
	if title == "" {
		fmt.Fprintln(stderr, "anthology new: --title is required")
		return exitUsage
	}
	if _, err := anthology.Create(pos[0], title); err != nil {
		report(stderr, err)
		return exitFail
	}
	fmt.Fprintf(stdout, "created %s: add essays to %s/essays and list them under contents: in %s/anthology.yaml\n", pos[0], pos[0], pos[0])
	return exitOK
}

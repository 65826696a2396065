package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/anthology-editor/anthology/anthology"
	"github.com/anthology-editor/anthology/layout/export"
)

type preflightFlags struct {
	printer, paper string
	cover          bool
}

func preflightFlagSet(f *preflightFlags) *flag.FlagSet {
	fs := flag.NewFlagSet("preflight", flag.ContinueOnError)
	fs.StringVar(&f.printer, "printer", anthology.DefaultPrinter, "the printer's rules: kdp or ingramspark")
	fs.StringVar(&f.paper, "paper", anthology.DefaultPaper, "the interior paper, white or cream (it decides the most pages)")
	fs.BoolVar(&f.cover, "cover", false, "the file is a wraparound cover, not an interior")
	return fs
}

func init() {
	flagSets["preflight"] = func() *flag.FlagSet { return preflightFlagSet(&preflightFlags{}) }
	commands = append(commands[:len(commands)-2], append([]command{{"preflight", "BOOK.pdf [--printer kdp|ingramspark] [--paper white|cream] [--cover]",
		"check a print PDF (ours or not) as a printer's upload does, page by page", runPreflight}}, commands[len(commands)-2:]...)...)
}

// runPreflight holds any PDF to a printer's rules, reading it with qpdf and poppler. Exit 0
// when the file is ready, 1 with each violation printed, 2 for bad usage.
func runPreflight(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	var f preflightFlags
	fs := preflightFlagSet(&f)
	fs.SetOutput(stderr)
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(pos) != 1 {
		fmt.Fprintln(stderr, "anthology preflight: give one PDF: anthology preflight BOOK.pdf")
		return exitUsage
	}
	i := slices.IndexFunc(anthology.Printers, func(p anthology.Printer) bool { return p.Key == strings.ToLower(f.printer) })
	if i < 0 {
		fmt.Fprintf(stderr, "anthology preflight: --printer %q: choose kdp or ingramspark\n", f.printer)
		return exitUsage
	}
	printer := anthology.Printers[i]
	if err := anthology.CheckPaper(f.paper); err != nil {
		fmt.Fprintf(stderr, "anthology preflight: --%v\n", err)
		return exitUsage
	}
	var verdict export.Verdict
	_ = export.Validate(ctx, pos[0], export.ValidateOptions{Printer: printer, Paper: f.paper, Cover: f.cover}, func(v export.Verdict) { verdict = v })
	if verdict.Err != nil {
		report(stderr, verdict.Err)
		return exitFail
	}
	for _, p := range verdict.Report.Problems {
		fmt.Fprintln(stdout, p)
	}
	fmt.Fprintf(stdout, "preflight: %s\n", verdict.Report.Summary)
	if !verdict.Clean() {
		return exitFail
	}
	return exitOK
}

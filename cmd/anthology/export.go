package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/anthology-editor/anthology/anthology/check"
	"github.com/anthology-editor/anthology/layout"
	"github.com/anthology-editor/anthology/layout/export"
	"github.com/anthology-editor/anthology/layout/pdf"
	"github.com/anthology-editor/anthology/layout/typeset"
)

type exportFlags struct {
	out, formats, flavour, essays string
	sample, quiet, final          bool
}

func exportFlagSet(f *exportFlags) *flag.FlagSet {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	fs.StringVar(&f.out, "out", "", "folder to write the books into (created if missing)")
	var names, defaults []string
	for _, fi := range export.AllFormats {
		names = append(names, fi.Flag)
		if fi.Default {
			defaults = append(defaults, string(fi.Format))
		}
	}
	fs.StringVar(&f.formats, "format", strings.Join(defaults, ","), "formats to build, comma-separated: "+strings.Join(names, ", "))
	fs.StringVar(&f.flavour, "pdf", "print", "kind of PDF: print (for printers) or screen (bookmarks and links)")
	fs.StringVar(&f.essays, "essay", "", "for the docx format: the essay ids to write, comma-separated (one essay is written as ID.docx; default every essay)")
	fs.BoolVar(&f.sample, "sample", false, "build the bundled sample anthology instead of a project")
	fs.BoolVar(&f.quiet, "quiet", false, "print nothing but errors")
	fs.BoolVar(&f.final, "final", false, "refuse to build unless 'anthology check --final' finds no error")
	return fs
}

func init() {
	flagSets["export"] = func() *flag.FlagSet { return exportFlagSet(&exportFlags{}) }
}

func runExport(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	var f exportFlags
	fs := exportFlagSet(&f)
	fs.SetOutput(stderr)
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return exitUsage
	}
	if f.out == "" {
		fmt.Fprintln(stderr, "anthology export: --out DIR is required")
		return exitUsage
	}
	if len(pos) > 1 || (f.sample && len(pos) == 1) {
		fmt.Fprintln(stderr, "anthology export: give one project folder, or --sample")
		return exitUsage
	}
	formats, err := export.ParseFormats(f.formats)
	if err != nil {
		fmt.Fprintf(stderr, "anthology export: %v\n", err)
		return exitUsage
	}
	flavour, err := pdf.ParseFlavour(f.flavour)
	if err != nil {
		fmt.Fprintf(stderr, "anthology export: %v\n", err)
		return exitUsage
	}
	modified, err := layout.ParseSourceDateEpoch(os.Getenv("SOURCE_DATE_EPOCH"))
	if err != nil {
		fmt.Fprintf(stderr, "anthology export: %v\n", err)
		return exitUsage
	}

	start := time.Now()
	p, err := openProject(pos, f.sample)
	if err != nil {
		report(stderr, err)
		return exitFail
	}
	var essays []string
	for _, id := range strings.Split(f.essays, ",") {
		if id = strings.TrimSpace(id); id != "" {
			essays = append(essays, id)
		}
	}
	res, err := export.Build(ctx, p, export.Options{OutDir: f.out, Formats: formats, Flavour: flavour, Modified: modified, Final: f.final, ReleasePages: true, Essays: essays})
	if err != nil {
		if errors.Is(err, context.Canceled) || ctx.Err() != nil {
			fmt.Fprintln(stderr, "anthology: interrupted; no book was written under its final name (the folder holds what it held before)")
			return exitInterrupted
		}
		report(stderr, err)
		if errors.Is(err, typeset.ErrInternal) {
			return exitInternal
		}
		return exitFail
	}
	warn(stderr, res.Warnings)
	if errs, warns := check.Count(res.Findings); errs+warns > 0 && !f.quiet {
		fmt.Fprintf(stderr, "check: %d error(s), %d warning(s); run 'anthology check' for the list\n", errs, warns)
	}
	if !f.quiet {
		for _, file := range res.Files {
			fmt.Fprintf(stdout, "wrote %s\n", file)
		}
		essays := 0
		for _, s := range res.Edition.Sections {
			if s.Kind == layout.Essay {
				essays++
			}
		}
		summary := fmt.Sprintf("%d essays", essays)
		if res.Book != nil {
			summary += fmt.Sprintf(", %d print pages (%s PDF)", res.PrintPages, flavour)
		}
		fmt.Fprintf(stdout, "%s: %s in %.2fs\n", res.Edition.Title, summary, time.Since(start).Seconds())
	}
	return exitOK
}

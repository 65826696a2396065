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

type validateFlags struct{ printer string }

func validateFlagSet(f *validateFlags) *flag.FlagSet {
	fs := flag.NewFlagSet("validate", flag.ContinueOnError)
	fs.StringVar(&f.printer, "printer", anthology.DefaultPrinter, "for a PDF: the printer whose rules it is held to (kdp or ingramspark)")
	return fs
}

func init() {
	flagSets["validate"] = func() *flag.FlagSet { return validateFlagSet(&validateFlags{}) }
}

// runValidate judges books with the outside validators the app runs after an export: an
// EPUB by EPUBCheck 5.3, EPUBCheck 4.2.6 and Ace; a PDF by the printer's preflight. Exit 0
// when every book is clean, 1 when any validator found a problem or is not installed.
func runValidate(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	var f validateFlags
	fs := validateFlagSet(&f)
	fs.SetOutput(stderr)
	books, err := parseInterleaved(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(books) == 0 {
		fmt.Fprintln(stderr, "anthology validate: give the books to judge: anthology validate BOOK.epub BOOK.pdf")
		return exitUsage
	}
	i := slices.IndexFunc(anthology.Printers, func(p anthology.Printer) bool { return p.Key == strings.ToLower(f.printer) })
	if i < 0 {
		fmt.Fprintf(stderr, "anthology validate: --printer %q: choose kdp or ingramspark\n", f.printer)
		return exitUsage
	}
	for _, book := range books {
		if export.Validators(book, export.ValidateOptions{}) == nil {
			fmt.Fprintf(stderr, "anthology validate: %s is neither an EPUB nor a PDF\n", book)
			return exitUsage
		}
	}
	code := exitOK
	for _, book := range books {
		_ = export.Validate(ctx, book, export.ValidateOptions{Printer: anthology.Printers[i]}, func(v export.Verdict) {
			switch {
			case v.Err != nil:
				fmt.Fprintf(stdout, "%s: %s: %v\n", book, v.Validator, v.Err)
			case v.Report.Clean():
				fmt.Fprintf(stdout, "%s: %s: passed — %s\n", book, v.Validator, v.Report.Summary)
			default:
				fmt.Fprintf(stdout, "%s: %s: %s\n", book, v.Validator, v.Report.Summary)
				for _, p := range v.Report.Problems {
					fmt.Fprintf(stdout, "  %s\n", p)
				}
			}
			if !v.Clean() {
				code = exitFail
			}
		})
	}
	return code
}

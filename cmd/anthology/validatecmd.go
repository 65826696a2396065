package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/anthology-editor/anthology/anthology"
	"github.com/anthology-editor/anthology/layout/validate"
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
	code := exitOK
	for _, book := range books {
		switch strings.ToLower(filepath.Ext(book)) {
		case ".epub":
			for _, v := range validate.EPUBValidators {
				rep, err := v.Run(ctx, book)
				switch {
				case err != nil:
					fmt.Fprintf(stdout, "%s: %s: %v\n", book, v.Name, err)
					code = exitFail
				case rep.Clean():
					fmt.Fprintf(stdout, "%s: %s: passed — %s\n", book, v.Name, rep.Summary)
				default:
					fmt.Fprintf(stdout, "%s: %s: %s\n", book, v.Name, rep.Summary)
					for _, p := range rep.Problems {
						fmt.Fprintf(stdout, "  %s\n", p)
					}
					code = exitFail
				}
			}
		case ".pdf":
			if c := runPreflight(ctx, []string{book, "--printer", f.printer}, stdout, stderr); c != exitOK {
				if c == exitUsage {
					return c
				}
				code = exitFail
			}
		default:
			fmt.Fprintf(stderr, "anthology validate: %s is neither an EPUB nor a PDF\n", book)
			return exitUsage
		}
	}
	return code
}

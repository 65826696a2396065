package export

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/anthology-editor/anthology/anthology"
	"github.com/anthology-editor/anthology/layout/validate"
)

// Verdict is one outside validator's judgement of a book.
type Verdict struct {
	// Validator names the judge ("EPUBCheck 5.3", "Preflight for KDP paperback").
	Validator string
	Report    validate.Report
	// Err is set when the validator could not judge (not installed, the file unreadable).
	Err error
}

// Clean reports whether the validator judged the book and found nothing.
func (v Verdict) Clean() bool { return v.Err == nil && v.Report.Clean() }

// ValidateOptions say what a PDF is held to.
type ValidateOptions struct {
	// Printer is the print service whose rules a PDF must meet.
	Printer anthology.Printer
	// Paper decides the most pages the printer binds; the default paper when empty.
	Paper string
	// Cover judges a PDF as a wraparound cover (one page, bleed, no page count).
	Cover bool
}

// Validators names the validators Validate runs on a book, in order, by its file's kind;
// nil for a file that is neither an EPUB nor a PDF.
func Validators(book string, o ValidateOptions) []string {
	switch strings.ToLower(filepath.Ext(book)) {
	case ".epub":
		var names []string
		for _, v := range validate.EPUBValidators {
			names = append(names, v.Name)
		}
		return names
	case ".pdf":
		return []string{"Preflight for " + o.Printer.Name}
	}
	return nil
}

// Validate judges a book by the outside tools every build is held to — an EPUB by EPUBCheck
// 5.3, EPUBCheck 4.2.6 and Ace (validate.EPUBValidators), a PDF by the printer's preflight
// — calling each with every verdict as it comes. The app's export dialog and `anthology
// validate` both call it. The error is for a file that is neither an EPUB nor a PDF.
func Validate(ctx context.Context, book string, o ValidateOptions, each func(Verdict)) error {
	switch strings.ToLower(filepath.Ext(book)) {
	case ".epub":
		for _, v := range validate.EPUBValidators {
			rep, err := v.Run(ctx, book)
			each(Verdict{Validator: v.Name, Report: rep, Err: err})
		}
		return nil
	case ".pdf":
		paper := o.Paper
		if paper == "" {
			paper = anthology.DefaultPaper
		}
		name := "Preflight for " + o.Printer.Name
		vs, err := validate.Preflight(ctx, book, validate.PreflightOptions{Printer: o.Printer, Paper: paper,
			SafeZone: o.Printer.SafeZone * 72, MinPPI: 300, Cover: o.Cover})
		rep := validate.Report{Tool: name, Summary: "ready for " + o.Printer.Name}
		for _, v := range vs {
			rep.Problems = append(rep.Problems, v.String())
		}
		if len(vs) > 0 {
			rep.Summary = fmt.Sprintf("%d problem(s) for %s", len(vs), o.Printer.Name)
		}
		each(Verdict{Validator: name, Report: rep, Err: err})
		return nil
	}
	return fmt.Errorf("%s is neither an EPUB nor a PDF", book)
}

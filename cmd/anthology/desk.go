package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/anthology-editor/anthology/anthology"
	"github.com/anthology-editor/anthology/anthology/check"
	"github.com/anthology-editor/anthology/assets"
	"github.com/anthology-editor/anthology/layout/export"
	"github.com/anthology-editor/anthology/layout/stats"
)

// openForEditing opens the project the open command names (the sample when none), as the app
// edits it: settings a build refuses do not keep it closed (anthology.OpenForEditing).
func openForEditing(pos []string) (*anthology.Project, error) {
	if len(pos) == 0 {
		return anthology.LoadFS(assets.Sample(), "sample")
	}
	return anthology.OpenForEditing(pos[0])
}

// openProject opens the project a command names (the current folder by default), or the
// sample with --sample.
func openProject(pos []string, sample bool) (*anthology.Project, error) {
	if sample {
		return anthology.LoadFS(assets.Sample(), "sample")
	}
	dir := "."
	if len(pos) == 1 {
		dir = pos[0]
	}
	return anthology.Open(dir)
}

// parseProject parses a desk command's flags and opens the project it names (the sample when
// *sample is set once the flags are read). On a usage error or a project that cannot be read
// it returns nil and the exit status to leave with (unreadable for the latter).
func parseProject(fs *flag.FlagSet, args []string, sample *bool, stderr io.Writer, unreadable int) (*anthology.Project, int) {
	return parseProjectWith(fs, args, sample, stderr, unreadable, openProject)
}

// parseProjectWith is parseProject with the opening its command needs (check opens a project
// for editing, to report every setting a build would refuse).
func parseProjectWith(fs *flag.FlagSet, args []string, sample *bool, stderr io.Writer, unreadable int,
	open func(pos []string, sample bool) (*anthology.Project, error)) (*anthology.Project, int) {
	fs.SetOutput(stderr)
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return nil, exitUsage // the flag package has said what was wrong
	}
	if len(pos) > 1 {
		fmt.Fprintf(stderr, "anthology %s: one project at a time, not %d (%s)\n", fs.Name(), len(pos), strings.Join(pos, ", "))
		return nil, exitUsage
	}
	p, err := open(pos, *sample)
	if err != nil {
		report(stderr, err)
		return nil, unreadable
	}
	return p, exitOK
}

// writeJSON prints v as indented JSON, characters such as < and & as they are.
func writeJSON(w io.Writer, v any) {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	enc.Encode(v)
}

type checkFlags struct{ final, asJSON, sample bool }

func checkFlagSet(f *checkFlags) *flag.FlagSet {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	fs.BoolVar(&f.final, "final", false, "hold the book to a final build: permissions cleared, cover and ISBNs present")
	fs.BoolVar(&f.asJSON, "json", false, "print the findings as JSON")
	fs.BoolVar(&f.sample, "sample", false, "check the bundled sample")
	return fs
}

func init() {
	flagSets["check"] = func() *flag.FlagSet { return checkFlagSet(&checkFlags{}) }
	flagSets["permissions"] = func() *flag.FlagSet { return permFlagSet(&permFlags{}) }
	flagSets["stats"] = func() *flag.FlagSet { return statsFlagSet(&statsFlags{}) }
}

// runCheck lints a project. Exit status: 0 when there is no error (warnings may be printed), 1
// when there is one (a project that cannot be read at all is an error too), 2 for bad usage.
func runCheck(_ context.Context, args []string, stdout, stderr io.Writer) int {
	var f checkFlags
	p, code := parseProjectWith(checkFlagSet(&f), args, &f.sample, stderr, exitFail, func(pos []string, sample bool) (*anthology.Project, error) {
		if sample {
			return openProject(nil, true)
		}
		return openForEditing(append(pos, ".")[:1])
	})
	if p == nil {
		return code
	}
	findings, err := export.Check(p, f.final)
	if err != nil {
		report(stderr, err)
		return exitFail
	}
	errs, warns := check.Count(findings)
	if f.asJSON {
		if findings == nil {
			findings = []check.Finding{}
		}
		writeJSON(stdout, struct {
			Findings []check.Finding `json:"findings"`
			Errors   int             `json:"errors"`
			Warnings int             `json:"warnings"`
		}{findings, errs, warns})
	} else {
		for _, x := range findings {
			fmt.Fprintln(stdout, x)
		}
		switch {
		case errs+warns == 0:
			fmt.Fprintln(stdout, "check: nothing to report")
		default:
			fmt.Fprintf(stdout, "check: %d error(s), %d warning(s)\n", errs, warns)
		}
	}
	return check.ExitStatus(findings)
}

type permFlags struct{ asCSV, sample bool }

func permFlagSet(f *permFlags) *flag.FlagSet {
	fs := flag.NewFlagSet("permissions", flag.ContinueOnError)
	fs.BoolVar(&f.asCSV, "csv", false, "print CSV, for a spreadsheet or the publisher")
	fs.BoolVar(&f.sample, "sample", false, "list the bundled sample's permissions")
	return fs
}

// runPermissions prints the permissions log: every essay, its source and its permission.
func runPermissions(_ context.Context, args []string, stdout, stderr io.Writer) int {
	var f permFlags
	p, code := parseProject(permFlagSet(&f), args, &f.sample, stderr, exitFail)
	if p == nil {
		return code
	}
	log, pending := stats.Permissions(p)
	if f.asCSV {
		if err := stats.WritePermissionsCSV(stdout, log); err != nil {
			report(stderr, err)
			return exitFail
		}
		return exitOK
	}
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	// The note is left to the CSV: it would make the table too wide for a terminal.
	fmt.Fprintln(tw, strings.Join(stats.PermissionsHeader[:8], "\t"))
	for _, e := range log {
		fmt.Fprintln(tw, strings.Join(e.Row()[:8], "\t"))
	}
	tw.Flush()
	fmt.Fprintf(stdout, "%d essays, %d permission(s) not cleared\n", len(log), pending)
	return exitOK
}

type statsFlags struct{ asJSON, sample bool }

func statsFlagSet(f *statsFlags) *flag.FlagSet {
	fs := flag.NewFlagSet("stats", flag.ContinueOnError)
	fs.BoolVar(&f.asJSON, "json", false, "print JSON")
	fs.BoolVar(&f.sample, "sample", false, "count the bundled sample")
	return fs
}

// runStats prints the numbers editors balance a book with; print pages come from the real
// layout when the book can be set, else they are estimated.
func runStats(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	var f statsFlags
	p, code := parseProject(statsFlagSet(&f), args, &f.sample, stderr, exitFail)
	if p == nil {
		return code
	}
	st, err := export.Stats(ctx, p)
	if err != nil {
		report(stderr, err)
		return exitFail
	}
	if f.asJSON {
		writeJSON(stdout, st)
		return exitOK
	}
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	pageHead := "pages"
	if st.Estimated {
		pageHead = "pages (est.)"
	}
	fmt.Fprintf(tw, "essay\tauthor\twords\tminutes\t%s\tstarts\t\n", pageHead)
	for _, e := range st.Essays {
		fmt.Fprintf(tw, "%s\t%s\t%d\t%.0f\t%d\t%s\t\n", e.Title, strings.Join(e.Authors, ", "), e.Words, e.Minutes, e.Pages, e.FirstPage)
	}
	fmt.Fprintln(tw, "\t\t\t\t\t\t")
	fmt.Fprintln(tw, "part\tessays\twords\tminutes\tpages\t\t")
	for _, g := range st.Parts {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%.0f\t%d\t\t\n", g.Name, g.Essays, g.Words, g.Minutes, g.Pages)
	}
	fmt.Fprintln(tw, "\t\t\t\t\t\t")
	fmt.Fprintln(tw, "author\tessays\twords\tminutes\tpages\t\t")
	for _, g := range st.Authors {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%.0f\t%d\t\t\n", g.Name, g.Essays, g.Words, g.Minutes, g.Pages)
	}
	tw.Flush()
	fmt.Fprintf(stdout, "\n%d essays, %d words, %.0f minutes of reading, %d print pages", len(st.Essays), st.Words, st.Minutes, st.PrintPages)
	if st.Estimated {
		fmt.Fprint(stdout, " (estimated: the book cannot be set yet)")
	}
	fmt.Fprintln(stdout)
	return exitOK
}

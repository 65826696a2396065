package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"github.com/anthology-editor/anthology/anthology/edit"
	"github.com/anthology-editor/anthology/anthology/find"
)

type findFlags struct {
	q       find.Query
	replace string
	doIt    bool // --replace was given (an empty replacement deletes)
	asJSON  bool
	sample  bool
}

func findFlagSet(f *findFlags) *flag.FlagSet {
	fs := flag.NewFlagSet("find", flag.ContinueOnError)
	fs.StringVar(&f.q.Pattern, "text", "", "what to find (required)")
	fs.BoolVar(&f.q.Regexp, "regexp", false, "read --text as a regular expression (RE2); --replace may then use $1, ${name}")
	fs.BoolVar(&f.q.WholeWord, "word", false, "match whole words only")
	fs.BoolVar(&f.q.MatchCase, "case", false, "match case (by default case is ignored)")
	fs.StringVar(&f.q.Essay, "essay", "", "search one essay (its id) instead of the whole book")
	fs.Func("replace", "replace every match with this text and save the project (one step in the app's undo)", func(s string) error {
		f.replace, f.doIt = s, true
		return nil
	})
	fs.BoolVar(&f.asJSON, "json", false, "print the matches as JSON")
	fs.BoolVar(&f.sample, "sample", false, "search the bundled sample")
	return fs
}

func init() {
	flagSets["find"] = func() *flag.FlagSet { return findFlagSet(&findFlags{}) }
}

// runFind lists the matches of a search in the book's essays (titles, subtitles, headnotes,
// bodies), and with --replace replaces them all and saves.
func runFind(_ context.Context, args []string, stdout, stderr io.Writer) int {
	var f findFlags
	p, code := parseProject(findFlagSet(&f), args, &f.sample, stderr, exitFail)
	if p == nil {
		return code
	}
	if f.q.Pattern == "" {
		fmt.Fprintln(stderr, "anthology find: say what to find with --text")
		return exitUsage
	}
	matches, err := find.All(p, f.q)
	if err != nil {
		report(stderr, err)
		return exitUsage
	}
	type jsonMatch struct {
		Essay  string `json:"essay"`
		File   string `json:"file"`
		Field  string `json:"field"`
		Line   int    `json:"line"`
		Col    int    `json:"col"`
		Text   string `json:"text"`
		Before string `json:"before"`
		After  string `json:"after"`
	}
	list := []jsonMatch{}
	for _, m := range matches {
		list = append(list, jsonMatch{m.Essay.ID, m.Essay.Path, m.Field, m.Line, m.Col, m.Text, m.Before, m.After})
		if !f.asJSON {
			fmt.Fprintf(stdout, "%s: %s %d:%d: %s[%s]%s\n", m.Essay.Path, m.Field, m.Line, m.Col, m.Before, m.Text, m.After)
		}
	}
	replaced := 0
	if f.doIt && len(matches) > 0 {
		reps, err := find.Replace(f.q, matches, f.replace)
		if err != nil {
			report(stderr, err)
			return exitFail
		}
		s := edit.New(p, edit.Options{})
		if err := s.Replace(fmt.Sprintf("Replace %q", f.q.Pattern), reps); err != nil {
			report(stderr, err)
			return exitFail
		}
		if err := s.Save(); err != nil {
			report(stderr, err)
			return exitFail
		}
		replaced = len(matches)
	}
	if f.asJSON {
		writeJSON(stdout, struct {
			Matches  []jsonMatch `json:"matches"`
			Replaced int         `json:"replaced"`
		}{list, replaced})
		return exitOK
	}
	switch {
	case f.doIt:
		fmt.Fprintf(stdout, "find: replaced %d match(es); saved\n", replaced)
	default:
		fmt.Fprintf(stdout, "find: %d match(es)\n", len(matches))
	}
	return exitOK
}

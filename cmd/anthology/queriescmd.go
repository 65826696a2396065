package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/anthology-editor/anthology/anthology"
	"github.com/anthology-editor/anthology/anthology/edit"
	"github.com/anthology-editor/anthology/anthology/importer"
)

type queriesFlags struct {
	essay, add, passage, by, resolve, reply, answers string
	open, asJSON, sample                             bool
}

func queriesFlagSet(f *queriesFlags) *flag.FlagSet {
	fs := flag.NewFlagSet("queries", flag.ContinueOnError)
	fs.StringVar(&f.essay, "essay", "", "the essay (its id): list its queries only; the essay --add, --resolve and --reply act on")
	fs.BoolVar(&f.open, "open", false, "list only the open queries")
	fs.StringVar(&f.add, "add", "", "add a query with this text to --essay")
	fs.StringVar(&f.passage, "passage", "", "with --add: the words of the text the query is about, as the book prints them")
	fs.StringVar(&f.by, "by", "Editor", "with --add or --reply: who is asking or answering")
	fs.StringVar(&f.resolve, "resolve", "", "mark query ID of --essay resolved")
	fs.StringVar(&f.reply, "reply", "", "with --resolve's ID given as ID=TEXT: add TEXT as a reply (\"q1=Yes, the same harbour\")")
	fs.StringVar(&f.answers, "answers", "", "read the authors' answers from a Word file (.docx) made by 'export --format docx'")
	fs.BoolVar(&f.asJSON, "json", false, "print the queries as JSON")
	fs.BoolVar(&f.sample, "sample", false, "the bundled sample")
	return fs
}

func init() {
	flagSets["queries"] = func() *flag.FlagSet { return queriesFlagSet(&queriesFlags{}) }
}

// runQueries lists the editorial queries of a book or an essay, adds, answers and resolves
// them, and reads the authors' answers back from a Word manuscript. Every change is saved.
func runQueries(_ context.Context, args []string, stdout, stderr io.Writer) int {
	var f queriesFlags
	p, code := parseProject(queriesFlagSet(&f), args, &f.sample, stderr, exitFail)
	if p == nil {
		return code
	}
	var essay *anthology.Essay
	if f.essay != "" {
		if essay = p.Piece(f.essay); essay == nil {
			fmt.Fprintf(stderr, "anthology queries: no essay %q in the book\n", f.essay)
			return exitUsage
		}
	}
	s := edit.New(p, edit.Options{})
	changed := false
	switch {
	case f.answers != "":
		data, err := readBounded(f.answers)
		if err != nil {
			report(stderr, err)
			return exitFail
		}
		a, err := importer.ReadAnswers(p, data, essay)
		if err != nil {
			report(stderr, fmt.Errorf("%s: %w", f.answers, err))
			return exitFail
		}
		s.ApplyAnswers(a)
		for _, c := range a.Unplaced {
			fmt.Fprintf(stderr, "anthology queries: %s: a comment by %s (%q) is in no essay of the book; give --essay ID to file it\n", f.answers, c.Author, clip(c.Text, 60))
		}
		fmt.Fprintf(stdout, "answers: %s\n", a.Summary())
		changed = len(a.Essays) > 0
	case f.add != "":
		if essay == nil {
			fmt.Fprintln(stderr, "anthology queries: --add needs --essay ID")
			return exitUsage
		}
		passage := anthology.PlainPassage(f.passage)
		if passage != "" && !essay.HoldsPassage(passage) {
			fmt.Fprintf(stderr, "anthology queries: %s does not hold the passage %q\n", essay.Path, f.passage)
			return exitFail
		}
		id := s.AddQuery(essay, anthology.Query{By: f.by, Passage: passage, Text: f.add})
		fmt.Fprintf(stdout, "added %s to %s\n", id, essay.ID)
		changed = true
	case f.resolve != "":
		if essay == nil {
			fmt.Fprintln(stderr, "anthology queries: --resolve needs --essay ID")
			return exitUsage
		}
		id, replyText, hasReply := strings.Cut(f.resolve, "=")
		ok := s.EditQuery(essay, id, "Resolve query", func(q *anthology.Query) {
			if hasReply {
				q.Replies = append(q.Replies, anthology.Reply{By: f.by, Date: anthology.Today(), Text: replyText})
			}
			q.Resolved = true
		})
		if !ok {
			fmt.Fprintf(stderr, "anthology queries: %s has no query %q\n", essay.ID, id)
			return exitFail
		}
		changed = true
	}
	if changed {
		if err := s.Save(); err != nil {
			report(stderr, err)
			return exitFail
		}
	}
	type jsonQuery struct {
		Essay string `json:"essay"`
		File  string `json:"file"`
		anthology.Query
	}
	list := []jsonQuery{}
	open := 0
	for _, e := range p.Pieces() {
		if essay != nil && e != essay {
			continue
		}
		for _, q := range e.Meta.Queries {
			if !q.Resolved {
				open++
			} else if f.open {
				continue
			}
			list = append(list, jsonQuery{e.ID, e.Path, q})
		}
	}
	if f.asJSON {
		writeJSON(stdout, struct {
			Queries []jsonQuery `json:"queries"`
			Open    int         `json:"open"`
		}{list, open})
		return exitOK
	}
	if changed && f.answers == "" {
		return exitOK
	}
	for _, q := range list {
		state := "open"
		if q.Resolved {
			state = "resolved"
		}
		on := ""
		if q.Passage != "" {
			on = fmt.Sprintf(" on “%s”", clip(q.Passage, 50))
		}
		fmt.Fprintf(stdout, "%s: %s (%s, %s)%s: %s\n", q.File, q.ID, q.By, state, on, q.Text)
		for _, r := range q.Replies {
			fmt.Fprintf(stdout, "    %s: %s\n", r.By, r.Text)
		}
	}
	fmt.Fprintf(stdout, "queries: %d open, %d in all\n", open, len(list))
	return exitOK
}

// clip shortens s to n runes with an ellipsis.
func clip(s string, n int) string {
	r := []rune(strings.Join(strings.Fields(s), " "))
	if len(r) <= n {
		return string(r)
	}
	return string(r[:n]) + "…"
}

// readBounded reads a file an editor named, refusing one too big to be a manuscript.
func readBounded(name string) ([]byte, error) {
	const limit = 256 << 20
	st, err := os.Stat(name)
	if err != nil {
		return nil, err
	}
	if st.IsDir() {
		return nil, fmt.Errorf("%s is a folder, not a Word file", name)
	}
	if st.Size() > limit {
		return nil, errors.New(name + " is larger than 256 MB: not a manuscript")
	}
	return os.ReadFile(name)
}

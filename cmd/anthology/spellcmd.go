package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/anthology-editor/anthology/anthology"
	"github.com/anthology-editor/anthology/anthology/spell"
)

type spellFlags struct {
	essay  string
	asJSON bool
	sample bool
}

func spellFlagSet(f *spellFlags) *flag.FlagSet {
	fs := flag.NewFlagSet("spell", flag.ContinueOnError)
	fs.StringVar(&f.essay, "essay", "", "check one essay (its id) instead of the whole book")
	fs.BoolVar(&f.asJSON, "json", false, "print the misspellings as JSON")
	fs.BoolVar(&f.sample, "sample", false, "check the bundled sample")
	return fs
}

func init() {
	flagSets["spell"] = func() *flag.FlagSet { return spellFlagSet(&spellFlags{}) }
}

// runSpell lists each essay's misspellings with suggestions, by the Hunspell dictionary of
// the essay's language, with the project's word list (dictionary.txt) added. Exit status 1
// when any word is misspelled, as check does for errors.
func runSpell(_ context.Context, args []string, stdout, stderr io.Writer) int {
	var f spellFlags
	p, code := parseProject(spellFlagSet(&f), args, &f.sample, stderr, exitFail)
	if p == nil {
		return code
	}
	results, err := spellBook(p, f.essay)
	if err != nil {
		report(stderr, err)
		return exitFail
	}
	total := 0
	for _, r := range results {
		total += len(r.Misspellings)
	}
	if f.asJSON {
		writeJSON(stdout, struct {
			Essays []essaySpelling `json:"essays"`
			Words  int             `json:"misspelled"`
		}{results, total})
	} else {
		for _, r := range results {
			for _, m := range r.Misspellings {
				fmt.Fprintf(stdout, "%s: %q ×%d → %s\n", r.File, m.Word, m.Count, strings.Join(m.Suggestions, ", "))
			}
		}
		fmt.Fprintf(stdout, "spell: %d misspelled word(s)\n", total)
	}
	if total > 0 {
		return exitFail
	}
	return exitOK
}

type essaySpelling struct {
	Essay        string              `json:"essay"`
	File         string              `json:"file"`
	Language     string              `json:"language"`
	Dictionary   string              `json:"dictionary"`
	Misspellings []spell.Misspelling `json:"misspellings"`
}

// spellBook checks every essay (or one) of p by its language's dictionary.
func spellBook(p *anthology.Project, only string) ([]essaySpelling, error) {
	words, err := spell.ProjectWords(p.Dir)
	if err != nil {
		return nil, err
	}
	var essays []*anthology.Essay
	if p.Introduction != nil {
		essays = append(essays, p.Introduction)
	}
	essays = append(essays, p.Essays()...)
	out := []essaySpelling{}
	found := false
	for _, e := range essays {
		if only != "" && e.ID != only {
			continue
		}
		found = true
		lang := e.Meta.Language
		if lang == "" {
			lang = p.Book.Lang()
		}
		d, file, err := spell.For(lang)
		if err != nil {
			return nil, fmt.Errorf("essay %q: %w", e.Meta.Title, err)
		}
		ms := spell.Essay(spell.WithProjectWords(d, words), e, 5)
		if ms == nil {
			ms = []spell.Misspelling{}
		}
		out = append(out, essaySpelling{Essay: e.ID, File: e.Path, Language: lang, Dictionary: file, Misspellings: ms})
	}
	if only != "" && !found {
		return nil, fmt.Errorf("no essay %q in the book", only)
	}
	return out, nil
}

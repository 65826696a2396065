package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"

	"github.com/anthology-editor/anthology/anthology"

	"github.com/anthology-editor/anthology/anthology/synth"
	"github.com/anthology-editor/anthology/assets"
)

type corpusFlags struct {
	essays, words int
	seed          uint64
	markdown      string
}

func corpusFlagSet(f *corpusFlags) *flag.FlagSet {
	fs := flag.NewFlagSet("bench-corpus", flag.ContinueOnError)
	fs.IntVar(&f.essays, "essays", 100, "number of essays")
	fs.IntVar(&f.words, "words", 2000, "words per essay (about)")
	fs.Uint64Var(&f.seed, "seed", 1, "seed; the same seed gives the same project")
	fs.StringVar(&f.markdown, "markdown", "", "also write the whole book as one Markdown file here, for pandoc")
	return fs
}

func init() {
	flagSets["bench-corpus"] = func() *flag.FlagSet { return corpusFlagSet(&corpusFlags{}) }
}

// runBenchCorpus writes a synthetic anthology for benchmarks.
func runBenchCorpus(_ context.Context, args []string, stdout, stderr io.Writer) int {
	var f corpusFlags
	fs := corpusFlagSet(&f)
	fs.SetOutput(stderr)
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(pos) != 1 {
		fmt.Fprintln(stderr, "anthology bench-corpus: give the folder to write: anthology bench-corpus --essays N --words W DIR")
		return exitUsage
	}
	if entries, err := os.ReadDir(pos[0]); err == nil && len(entries) > 0 {
		fmt.Fprintf(stderr, "anthology bench-corpus: %s is not empty\n", pos[0])
		return exitFail
	}
	files, err := synth.Files(synth.Options{Essays: f.essays, Words: f.words, Seed: f.seed}, synth.SampleText(assets.Sample()))
	if err != nil {
		report(stderr, err)
		return exitFail
	}
	if err := synth.WriteDir(pos[0], files); err != nil {
		report(stderr, err)
		return exitFail
	}
	if f.markdown != "" {
		if err := writeCombined(pos[0], f.markdown); err != nil {
			report(stderr, err)
			return exitFail
		}
	}
	fmt.Fprintf(stdout, "wrote %s: %d essays of about %d words\n", pos[0], f.essays, f.words)
	return exitOK
}

// writeCombined writes a project as one Markdown file with a pandoc title block: every essay
// under a level-1 heading with its author, in contents order, its notes renamed so that they
// do not collide. It is the same text a comparison with pandoc should convert.
func writeCombined(dir, out string) error {
	p, err := anthology.Open(dir)
	if err != nil {
		return err
	}
	var b strings.Builder
	fmt.Fprintf(&b, "---\ntitle: %q\nlang: en\n---\n\n", p.Book.Title)
	for i, e := range p.Essays() {
		var names []string
		for _, id := range e.Meta.Authors {
			names = append(names, p.Contributor(id).Name)
		}
		fmt.Fprintf(&b, "# %s\n\n*%s*\n\n", e.Meta.Title, strings.Join(names, " and "))
		body := noteLabel.ReplaceAllString(e.Body, fmt.Sprintf("[^e%d-$1]", i))
		b.WriteString(body)
		b.WriteString("\n\n")
	}
	return os.WriteFile(out, []byte(b.String()), 0o644)
}

var noteLabel = regexp.MustCompile(`\[\^([^\]]+)\]`)

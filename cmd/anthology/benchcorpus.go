package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/anthology-editor/anthology/anthology/synth"
	"github.com/anthology-editor/anthology/assets"
)

type corpusFlags struct {
	essays, words int
	seed          uint64
}

func corpusFlagSet(f *corpusFlags) *flag.FlagSet {
	fs := flag.NewFlagSet("bench-corpus", flag.ContinueOnError)
	fs.IntVar(&f.essays, "essays", 100, "number of essays")
	fs.IntVar(&f.words, "words", 2000, "words per essay (about)")
	fs.Uint64Var(&f.seed, "seed", 1, "seed; the same seed gives the same project")
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
	fmt.Fprintf(stdout, "wrote %s: %d essays of about %d words\n", pos[0], f.essays, f.words)
	return exitOK
}

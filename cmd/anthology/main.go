// Command anthology compiles anthologies into EPUB and print-ready PDF.
//
// With no arguments it opens the desktop app. Its subcommands do the same work headless:
//
//	anthology export [PROJECT] --out DIR [--format epub,pdf] [--pdf print|screen]
//	anthology export --sample --out DIR
//	anthology new DIR --title "Title"
//
// Run "anthology help" for the whole list.
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/anthology-editor/anthology/anthology"
	"github.com/anthology-editor/anthology/anthology/buildinfo"
)

// Exit statuses.
const (
	exitOK    = 0
	exitFail  = 1 // the command could not do its work: the message says why and where
	exitUsage = 2 // bad arguments, and nothing else
	// exitInternal is a bug: a panic recovered at the command boundary.
	exitInternal = 3
	// exitInterrupted follows the shell's convention for a command ended by Ctrl-C (128+2).
	exitInterrupted = 130
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	stopProfile := startProfile(os.Getenv("ANTHOLOGY_CPUPROFILE"))
	stopHeap := startPeakHeapProfile(os.Getenv("ANTHOLOGY_MEMPROFILE"))
	args := os.Args[1:]
	var code int
	if len(args) == 0 || args[0] == "open" {
		// The desktop app runs on the main goroutine, as the windowing system requires, and
		// closes its own way.
		code = run(ctx, args, os.Stdout, os.Stderr)
	} else {
		code = runInterruptible(ctx, func() int { return run(ctx, args, os.Stdout, os.Stderr) }, os.Stderr, time.Second)
	}
	stopProfile()
	stopHeap()
	stop()
	os.Exit(code)
}

// runInterruptible runs a command so that Ctrl-C or SIGTERM (ctx ending) ends it within grace:
// commands that watch ctx stop cleanly and say so; any other step (reading a slow disk, a long
// check) is abandoned when grace has passed. Nothing is left half-written either way, since
// every file is written under a temporary name and renamed when whole.
func runInterruptible(ctx context.Context, command func() int, stderr io.Writer, grace time.Duration) int {
	done := make(chan int, 1)
	go func() { done <- command() }()
	select {
	case code := <-done:
		return code
	case <-ctx.Done():
	}
	select {
	case code := <-done:
		return code
	case <-time.After(grace):
		fmt.Fprintln(stderr, "anthology: interrupted; stopped. Files are written whole or not at all: none was left half-written, and a save cut short is finished or undone when the project is next opened.")
		return exitInterrupted
	}
}

// startProfile writes a CPU profile of the whole command to path (for `go tool pprof`) when
// path is not empty: ANTHOLOGY_CPUPROFILE=cpu.out anthology export … is how the performance
// figures of the README were profiled. It returns the function that ends the profile.
func startProfile(path string) func() {
	if path == "" {
		return func() {}
	}
	f, err := os.Create(path)
	if err == nil {
		err = pprof.StartCPUProfile(f)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "anthology: ANTHOLOGY_CPUPROFILE: %v\n", err)
		return func() {}
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}
}

// startPeakHeapProfile writes, to path, the heap profile of the moment the command's heap was
// largest (sampled every 50 ms; `go tool pprof -sample_index=inuse_space`): where peak memory
// goes, which a profile at exit no longer shows. It returns the function that writes it.
func startPeakHeapProfile(path string) func() {
	if path == "" {
		return func() {}
	}
	var peak bytes.Buffer
	var mu sync.Mutex
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		high := uint64(0)
		tick := time.NewTicker(50 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case <-tick.C:
			}
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			if ms.HeapInuse > high+high/20 {
				high = ms.HeapInuse
				mu.Lock()
				peak.Reset()
				pprof.Lookup("heap").WriteTo(&peak, 0)
				mu.Unlock()
			}
		}
	}()
	return func() {
		close(stop)
		<-done
		mu.Lock()
		defer mu.Unlock()
		if err := os.WriteFile(path, peak.Bytes(), 0o644); err != nil {
			fmt.Fprintf(os.Stderr, "anthology: ANTHOLOGY_MEMPROFILE: %v\n", err)
		}
	}
}

// command is one subcommand.
type command struct {
	name, args, summary string
	run                 func(ctx context.Context, args []string, stdout, stderr io.Writer) int
}

var commands []command

func init() {
	commands = []command{
		{"export", "[PROJECT] --out DIR [--format epub,pdf] [--pdf print|screen] [--sample]",
			"build the EPUB and the PDF of a project (or of the bundled sample)", runExport},
		{"import", "FILE... --into PROJECT [--json]", "add essays from text, Markdown, HTML or Word files, web furniture cut", runImport},
		{"check", "[PROJECT] [--final] [--json]", "report what a book lacks: bios, sources, permissions, glyphs, notes…", runCheck},
		{"find", "[PROJECT] --text TEXT [--regexp] [--word] [--case] [--essay ID] [--replace TEXT] [--json]",
			"find text in the essays (titles, headnotes, bodies), and replace it in one step", runFind},
		{"spell", "[PROJECT] [--essay ID] [--json]", "check the essays' spelling with Hunspell dictionaries and the project's word list", runSpell},
		{"queries", "[PROJECT] [--essay ID] [--open] [--add TEXT --passage WORDS] [--resolve ID[=REPLY]] [--answers FILE.docx] [--json]",
			"list the editorial queries, add and resolve them, read the authors' answers from a Word manuscript", runQueries},
		{"validate", "BOOK.epub|BOOK.pdf... [--printer kdp|ingramspark]", "judge books as the app does after an export: EPUBCheck 5.3 and 4.2.6 and Ace for an EPUB, the printer's preflight for a PDF", runValidate},
		{"permissions", "[PROJECT] [--csv]", "print the permissions log, for the publisher", runPermissions},
		{"stats", "[PROJECT] [--json]", "words, reading time and print pages per essay, part and author", runStats},
		{"new", "DIR --title TITLE", "create a new, empty anthology project in DIR", runNew},
		{"open", "[PROJECT]", "open a project in the desktop app (the sample when none is given)", runOpen},
		{"bench-corpus", "--essays N --words W [--seed S] DIR", "write a synthetic anthology for benchmarks", runBenchCorpus},
		{"completion", "bash|zsh|fish", "print a shell completion script (anthology completion bash > /etc/bash_completion.d/anthology)", runCompletion},
		{"version", "", "print the version", runVersion},
		{"help", "[COMMAND]", "show this help, or a command's", runHelp},
	}
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		return runLauncher(ctx, nil, stdout, stderr)
	}
	name := args[0]
	switch name {
	case "-h", "-help", "--help":
		return runHelp(ctx, args[1:], stdout, stderr)
	case "-version", "--version":
		return runVersion(ctx, nil, stdout, stderr)
	}
	for _, c := range commands {
		if c.name == name {
			return runSafely(ctx, c, args[1:], stdout, stderr)
		}
	}
	fmt.Fprintf(stderr, "anthology: unknown command %q\n\n", name)
	usage(stderr)
	return exitUsage
}

// runSafely runs a command, turning a panic — always a bug, whatever the input — into a message
// that names the command and its arguments and asks for a report, and exit status 3.
func runSafely(ctx context.Context, c command, args []string, stdout, stderr io.Writer) (code int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(stderr, "anthology %s: internal error: %v\n"+
				"This is a bug in Anthology, not in your files. Please report it with the command\n"+
				"(anthology %s %s) and, if you can, the files it read. Nothing was saved half-way.\n\n%s",
				c.name, r, c.name, strings.Join(args, " "), debug.Stack())
			code = exitInternal
		}
	}()
	return c.run(ctx, args, stdout, stderr)
}

func usage(w io.Writer) {
	fmt.Fprint(w, `Anthology compiles anthologies — essays by many authors, with parts, headnotes and
contributor bios — into an EPUB 3 and a print-ready PDF.

Usage:
  anthology                 open the desktop app
  anthology COMMAND [ARGS]

Commands:
`)
	for _, c := range commands {
		fmt.Fprintf(w, "  %-13s %s\n", c.name, c.summary)
	}
	fmt.Fprint(w, `
Run "anthology help COMMAND" for a command's options.
A project is a folder with anthology.yaml and essays/*.md; see README.md.
Exit status: 0 success, 1 failure (check: an error found), 2 bad usage, 3 internal error (a bug),
130 interrupted (Ctrl-C or SIGTERM).
`)
}

func runHelp(_ context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usage(stdout)
		return exitOK
	}
	for _, c := range commands {
		if c.name == args[0] {
			fmt.Fprintf(stdout, "Usage: anthology %s %s\n\n%s.\n", c.name, c.args, upperFirst(c.summary))
			if fs := flagSets[c.name]; fs != nil {
				fmt.Fprintln(stdout, "\nOptions:")
				fs().SetOutput(stdout)
				fs().PrintDefaults()
			}
			return exitOK
		}
	}
	fmt.Fprintf(stderr, "anthology: no command %q\n", args[0])
	return exitUsage
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func runVersion(_ context.Context, _ []string, stdout, _ io.Writer) int {
	fmt.Fprintln(stdout, buildinfo.Read())
	return exitOK
}

// flagSets builds each command's flags, for parsing and for help.
var flagSets = map[string]func() *flag.FlagSet{}

// parseInterleaved parses flags that may come before or after positional arguments
// ("export book --out x" as well as "export --out x book"), returning the positionals.
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// report prints an error the way editors can act on: every problem on its own line.
func report(w io.Writer, err error) {
	var list anthology.Errors
	if errors.As(err, &list) {
		for _, e := range list {
			fmt.Fprintf(w, "anthology: %v\n", e)
		}
		return
	}
	fmt.Fprintf(w, "anthology: %v\n", err)
}

func warn(w io.Writer, ws []*anthology.Warning) {
	for _, x := range ws {
		fmt.Fprintf(w, "warning: %v\n", x)
	}
}

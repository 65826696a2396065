package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/anthology-editor/anthology/anthology"
	"github.com/anthology-editor/anthology/anthology/bounded"
	"github.com/anthology-editor/anthology/anthology/importer"
	"github.com/anthology-editor/anthology/layout"
)

type importFlags struct {
	into     string
	asJSON   bool
	fromJSON bool
	keep     string
	cut      string
	over     importer.Overrides
}

func importFlagSet(f *importFlags) *flag.FlagSet {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	fs.StringVar(&f.into, "into", "", "the project to add the essays to (created when missing)")
	fs.BoolVar(&f.asJSON, "json", false, "print what was found in each file, as JSON, and write nothing")
	fs.BoolVar(&f.fromJSON, "from-json", false, "the files are what --json printed, edited: add them as they say")
	fs.StringVar(&f.keep, "keep", "", "cuts to take back into the text, by their numbers in --json's \"removed\" (1,3-5): one file only")
	fs.StringVar(&f.cut, "cut", "", "blocks to cut from the text, by the lines of --json's \"body\" they stand on (12,20-24): one file only")
	fs.StringVar(&f.over.Author, "author", "", "who wrote the files (over what the import finds)")
	fs.StringVar(&f.over.Source, "source", "", "where the files first appeared, for the Credits")
	fs.StringVar(&f.over.Part, "part", "", "the part of the contents to put the essays in (made when missing)")
	return fs
}

func init() {
	flagSets["import"] = func() *flag.FlagSet { return importFlagSet(&importFlags{}) }
}

// runImport imports essays into a project, or shows what it would import.
func runImport(_ context.Context, args []string, stdout, stderr io.Writer) int {
	var f importFlags
	fset := importFlagSet(&f)
	fset.SetOutput(stderr)
	files, err := parseInterleaved(fset, args)
	if err != nil {
		return exitUsage
	}
	if len(files) == 0 {
		fmt.Fprintln(stderr, "anthology import: give the files to import: anthology import FILE... --into PROJECT")
		return exitUsage
	}
	if !f.asJSON && f.into == "" {
		fmt.Fprintln(stderr, "anthology import: --into PROJECT is required (or --json to only look)")
		return exitUsage
	}
	// Read every file first: one bad file stops the import before the project changes.
	var results []*importer.Result
	if f.fromJSON {
		results, err = readResults(files)
	} else {
		results, err = importer.ReadFiles(files)
	}
	if err != nil {
		fmt.Fprintf(stderr, "anthology: %v\n", err)
		return exitFail
	}
	for _, r := range results {
		f.over.Apply(r)
	}
	// Cuts first, by the lines of the body as the import made it; then what is kept, by the
	// numbers of the cuts as --json listed them (the editor's cuts come after those).
	if f.cut != "" {
		if err := cutLines(results, f.cut); err != nil {
			fmt.Fprintf(stderr, "anthology import: --cut: %v\n", err)
			return exitUsage
		}
	}
	if f.keep != "" {
		if err := keepCuts(results, f.keep); err != nil {
			fmt.Fprintf(stderr, "anthology import: --keep: %v\n", err)
			return exitUsage
		}
	}
	if f.asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		var out any = results
		if len(results) == 1 {
			out = results[0]
		}
		if err := enc.Encode(out); err != nil {
			report(stderr, err)
			return exitFail
		}
		return exitOK
	}
	p, err := openOrCreate(f.into)
	if err != nil {
		report(stderr, err)
		return exitFail
	}
	var added []*anthology.Essay
	var images []string // created by this import: taken back if it is not saved
	for _, r := range results {
		if dup := importer.InBook(p, r); dup != nil {
			fmt.Fprintf(stderr, "warning: %s looks like %q, already in the book (%s); added again as a second copy\n", r.File, dup.Meta.Title, dup.Path)
		}
		e := importer.Add(p, r)
		// The images first: a saved essay never shows an image that is not there.
		created, err := importer.CopyImages(p, e, r)
		images = append(images, created...)
		if err != nil {
			importer.RemoveImages(p, images)
			report(stderr, err)
			return exitFail
		}
		added = append(added, e)
	}
	if err := p.Save(); err != nil {
		importer.RemoveImages(p, images)
		report(stderr, err)
		return exitFail
	}
	for i, e := range added {
		r := results[i]
		switch r.Kind {
		case importer.KindPart:
			fmt.Fprintf(stdout, "%s → part %q\n", r.File, r.Title)
			continue
		case importer.KindNotes:
			fmt.Fprintf(stdout, "%s: %s\n", r.File, strings.Join(r.Notes, "; "))
			continue
		case importer.KindEdition:
			fmt.Fprintf(stdout, "%s: not imported (a page of the source edition: %d words)\n", r.File, r.WordsIn)
			continue
		case importer.KindFront:
			switch {
			case e == nil:
				fmt.Fprintf(stdout, "%s → the book's dedication (the source's %s)\n", r.File, r.Matter)
				continue
			case e == p.Introduction:
				fmt.Fprintf(stdout, "%s → %s: the book's introduction (the source's %s)\n", r.File, filepath.Join(f.into, e.Path), r.Matter)
				continue
			}
		}
		title := e.Meta.Title
		if title == "" {
			title = "(no title found: write one in " + filepath.Join(f.into, e.Path) + ")"
		}
		var names []string
		for _, id := range e.Meta.Authors {
			names = append(names, p.Contributor(id).Name)
		}
		fmt.Fprintf(stdout, "%s → %s: %s", r.File, filepath.Join(f.into, e.Path), title)
		if len(names) > 0 {
			words, _ := layout.WordsFor(p.Book.Lang(), p.Book.Words)
			fmt.Fprintf(stdout, " by %s", words.Join(names))
		}
		cut := 0
		for _, rm := range r.Removed {
			if !strings.Contains(rm.Reason, "(now ") {
				cut += rm.Words
			}
		}
		fmt.Fprintf(stdout, " (%d words; %d words cut)\n", e.Words(), cut)
		for _, n := range r.Notes {
			if strings.HasPrefix(n, "note reference") {
				fmt.Fprintf(stdout, "  %s\n", n)
			}
		}
	}
	return exitOK
}

// openOrCreate opens the project in dir, creating it when the folder is missing or empty.
func openOrCreate(dir string) (*anthology.Project, error) {
	p, err := anthology.Open(dir)
	if err == nil {
		return p, nil
	}
	entries, rerr := os.ReadDir(dir)
	if errors.Is(err, anthology.ErrNotProject) && rerr == nil && len(entries) > 0 {
		return nil, fmt.Errorf("%s is a folder that holds other files but no anthology.yaml; import into a new folder or a project", dir)
	}
	if rerr != nil && !errors.Is(rerr, fs.ErrNotExist) {
		return nil, rerr
	}
	if !errors.Is(err, anthology.ErrNotProject) && rerr == nil {
		return nil, err
	}
	title := strings.ReplaceAll(filepath.Base(filepath.Clean(dir)), "-", " ")
	if title != "" {
		title = strings.ToUpper(title[:1]) + title[1:]
	}
	return anthology.Create(dir, title)
}

// readResults reads what "import --json" printed (an object, or a list of them), as the editor
// left it after correcting it: the title, the authors, the body, the cuts taken back. A
// figure's image is read again from beside the file it was imported from.
func readResults(files []string) ([]*importer.Result, error) {
	var out []*importer.Result
	for _, name := range files {
		data, err := bounded.ReadFile(name, importer.MaxBytes)
		if err != nil {
			return nil, err
		}
		var list []*importer.Result
		if err := json.Unmarshal(data, &list); err != nil {
			var one importer.Result
			if err2 := json.Unmarshal(data, &one); err2 != nil {
				var se *json.SyntaxError
				if errors.As(err2, &se) {
					line := 1 + strings.Count(string(data[:se.Offset]), "\n")
					return nil, fmt.Errorf("%s:%d: not the JSON that import --json prints: %v", name, line, err2)
				}
				return nil, fmt.Errorf("%s: not the JSON that import --json prints: %v", name, err2)
			}
			list = []*importer.Result{&one}
		}
		for _, r := range list {
			if r.Kind == "" {
				r.Kind = importer.KindEssay
			}
			for i, im := range r.Images {
				if len(im.Data) > 0 || strings.Contains(im.From, "://") {
					continue
				}
				path := filepath.Join(filepath.Dir(r.File), filepath.FromSlash(im.From))
				if d, err := bounded.ReadFile(path, anthology.MaxImageBytes); err == nil {
					r.Images[i].Data = d
				} else {
					return nil, fmt.Errorf("%s: the image %s is no longer beside %s", name, im.From, r.File)
				}
			}
			out = append(out, r)
		}
	}
	return out, nil
}

// oneEssay is the one essay of an import that --keep and --cut work on.
func oneEssay(results []*importer.Result) (*importer.Result, error) {
	var essay *importer.Result
	for _, r := range results {
		if r.Kind == importer.KindEssay || r.Kind == importer.KindFront {
			if essay != nil {
				return nil, errors.New("give one file: the numbers are those of one import")
			}
			essay = r
		}
	}
	if essay == nil {
		return nil, errors.New("nothing was imported")
	}
	return essay, nil
}

// numberRanges reads "3,5-7" as the ranges [3,3] and [5,7], each within 1..max.
func numberRanges(list string, max int, what string) ([][2]int, error) {
	var out [][2]int
	for _, f := range strings.Split(list, ",") {
		f = strings.TrimSpace(f)
		lo, hi, isRange := strings.Cut(f, "-")
		a, err1 := strconv.Atoi(strings.TrimSpace(lo))
		b := a
		var err2 error
		if isRange {
			b, err2 = strconv.Atoi(strings.TrimSpace(hi))
		}
		if err1 != nil || err2 != nil || a < 1 || b < a || b > max {
			return nil, fmt.Errorf("%q is not %s (1 to %d)", f, what, max)
		}
		out = append(out, [2]int{a, b})
	}
	return out, nil
}

// keepCuts takes cuts back into the text of the one essay imported, by their numbers (from 1,
// in the order --json lists them).
func keepCuts(results []*importer.Result, list string) error {
	essay, err := oneEssay(results)
	if err != nil {
		return err
	}
	ranges, err := numberRanges(list, len(essay.Removed), "a cut's number")
	if err != nil {
		return err
	}
	var nums []int
	for _, r := range ranges {
		for n := r[0]; n <= r[1]; n++ {
			nums = append(nums, n)
		}
	}
	// From the last, so that the numbers of the others stay what --json said.
	slices.Sort(nums)
	nums = slices.Compact(nums)
	for i := len(nums) - 1; i >= 0; i-- {
		if err := essay.Restore(nums[i] - 1); err != nil {
			return err
		}
	}
	return nil
}

// cutLines cuts the blocks that stand on the given lines of the one essay's body.
func cutLines(results []*importer.Result, list string) error {
	essay, err := oneEssay(results)
	if err != nil {
		return err
	}
	ranges, err := numberRanges(list, strings.Count(essay.Body, "\n")+1, "a line of the body")
	if err != nil {
		return err
	}
	// From the last, so that the lines of the others stay those of the body --json showed.
	for i := len(ranges) - 1; i >= 0; i-- {
		if _, err := essay.CutLines(ranges[i][0], ranges[i][1]); err != nil {
			return err
		}
	}
	return nil
}

package anthology_test

import (
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/anthology-editor/anthology/anthology"
)

// contents builds a project from an outline such as "_[a b] One[c] Two[]": an underscore is
// the untitled run of essays outside any part.
func contents(t *testing.T, outline string) *anthology.Project {
	t.Helper()
	p := &anthology.Project{}
	for _, m := range regexp.MustCompile(`(\S+?)\[([^\]]*)\]`).FindAllStringSubmatch(outline, -1) {
		pt := &anthology.Part{Title: m[1]}
		if pt.Title == "_" {
			pt.Title = ""
		}
		for _, id := range strings.Fields(m[2]) {
			pt.Essays = append(pt.Essays, &anthology.Essay{ID: id})
		}
		p.Parts = append(p.Parts, pt)
	}
	return p
}

// outlineOf writes p's contents the way contents reads them.
func outlineOf(p *anthology.Project) string {
	var b strings.Builder
	for _, pt := range p.Parts {
		title := pt.Title
		if title == "" {
			title = "_"
		}
		b.WriteString(title + "[")
		for i, e := range pt.Essays {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(e.ID)
		}
		b.WriteString("] ")
	}
	return b.String()
}

func TestContentsOperations(t *testing.T) {
	tests := []struct {
		name, start string
		op          func(p *anthology.Project) error
		want        string // outline after, or the error's text
	}{
		{"move within a part", "One[a b c] Two[d]",
			func(p *anthology.Project) error { return p.MoveEssay("a", 0, 2) }, "One[b c a] Two[d] "},
		{"move across parts", "One[a b] Two[c]",
			func(p *anthology.Project) error { return p.MoveEssay("b", 1, 0) }, "One[a] Two[b c] "},
		{"move past the end appends", "One[a b] Two[c]",
			func(p *anthology.Project) error { return p.MoveEssay("a", 1, 99) }, "One[b] Two[c a] "},
		{"emptied untitled run disappears", "_[a] One[b]",
			func(p *anthology.Project) error { return p.MoveEssay("a", 1, 1) }, "One[b a] "},
		{"emptied titled part stays", "One[a] Two[b]",
			func(p *anthology.Project) error { return p.MoveEssay("a", 1, 0) }, "One[] Two[a b] "},
		{"move unknown essay", "One[a]",
			func(p *anthology.Project) error { return p.MoveEssay("zz", 0, 0) }, `no essay "zz" in the contents`},
		{"move to a part that is not there", "One[a]",
			func(p *anthology.Project) error { return p.MoveEssay("a", 3, 0) }, "no part 4 (the book has 1)"},
		{"move part", "One[a] Two[b] Three[c]",
			func(p *anthology.Project) error { return p.MovePart(2, 0) }, "Three[c] One[a] Two[b] "},
		{"moving parts merges untitled runs that meet", "_[a] One[b] _[c]",
			func(p *anthology.Project) error { return p.MovePart(1, 2) }, "_[a c] One[b] "},
		{"add part", "One[a]",
			func(p *anthology.Project) error { _, err := p.AddPart(1, "Two", ""); return err }, "One[a] Two[] "},
		{"add untitled part refused", "One[a]",
			func(p *anthology.Project) error { _, err := p.AddPart(1, "  ", ""); return err }, "a part needs a title"},
		{"rename part", "One[a]",
			func(p *anthology.Project) error { return p.RenamePart(0, " Uno ", "") }, "Uno[a] "},
		{"rename to nothing refused", "One[a]",
			func(p *anthology.Project) error { return p.RenamePart(0, "", "") }, "a part needs a title"},
		{"delete part: its essays join the part before", "One[a] Two[b c]",
			func(p *anthology.Project) error { return p.DeletePart(1) }, "One[a b c] "},
		{"delete first part: its essays stand outside parts", "One[a] Two[b]",
			func(p *anthology.Project) error { return p.DeletePart(0) }, "_[a] Two[b] "},
		{"delete first part after an untitled run merges them", "_[a] One[b] Two[c]",
			func(p *anthology.Project) error { return p.DeletePart(1) }, "_[a b] Two[c] "},
		{"delete empty part", "One[a] Two[]",
			func(p *anthology.Project) error { return p.DeletePart(1) }, "One[a] "},
		{"remove essay", "One[a b]",
			func(p *anthology.Project) error { _, err := p.RemoveEssay("a"); return err }, "One[b] "},
		{"insert essay", "One[a b]",
			func(p *anthology.Project) error { return p.InsertEssay(&anthology.Essay{ID: "n"}, 0, 1) }, "One[a n b] "},
		{"insert into an empty book", "",
			func(p *anthology.Project) error { return p.InsertEssay(&anthology.Essay{ID: "n"}, 0, 0) }, "_[n] "},
		{"insert twice refused", "One[a]",
			func(p *anthology.Project) error { return p.InsertEssay(&anthology.Essay{ID: "a"}, 0, 0) }, `essay "a" is already in the contents`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := contents(t, tc.start)
			if got := outlineOf(p); tc.start != "" && got != tc.start+" " {
				t.Fatalf("fixture reads %q", got)
			}
			got := ""
			if err := tc.op(p); err != nil {
				got = err.Error()
			} else {
				got = outlineOf(p)
			}
			if got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

// TestContentsOperationsSaveAndReadBack checks that what the operations leave is what a save
// and a fresh open give: the outline the editor sees is the book on disk.
func TestContentsOperationsSaveAndReadBack(t *testing.T) {
	dir := goodProject(t)
	p, err := anthology.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.MoveEssay("gamma", 0, 0); err != nil {
		t.Fatal(err)
	}
	if _, err := p.AddPart(len(p.Parts), "Afterwords", "and other things"); err != nil {
		t.Fatal(err)
	}
	if _, err := p.RemoveEssay("beta"); err != nil {
		t.Fatal(err)
	}
	want := outlineOf(p)
	if err := p.Save(); err != nil {
		t.Fatal(err)
	}
	q, err := anthology.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got := outlineOf(q); got != want {
		t.Errorf("read back %q, want %q", got, want)
	}
	if _, err := os.Stat(filepath.Join(dir, "essays", "beta.md")); err != nil {
		t.Errorf("removing an essay from the contents deleted its file: %v", err)
	}
	if err := q.RenamePart(0, "", ""); !errors.Is(err, anthology.ErrPartTitle) {
		t.Errorf("untitled rename: %v", err)
	}
}

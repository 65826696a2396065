package anthology_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/anthology-editor/anthology/anthology"
	"github.com/anthology-editor/anthology/assets"
)

func readFile(t *testing.T, dir, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestSaveKeepsWhatItDoesNotKnow edits a project the way the GUI does and checks that unknown
// keys and comments survive, the edits land, and untouched essays are not rewritten.
func TestSaveKeepsWhatItDoesNotKnow(t *testing.T) {
	dir := goodProject(t)
	p, err := anthology.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	gammaBefore, _ := os.Stat(filepath.Join(dir, "essays", "gamma.md"))

	// Move beta into the loose part after gamma, edit alpha's headnote, add a subtitle.
	one := p.Parts[0]
	beta := one.Essays[1]
	one.Essays = one.Essays[:1]
	p.Parts[1].Essays = append(p.Parts[1].Essays, beta)
	p.Essay("alpha").Meta.Headnote = "A new note."
	p.Book.Subtitle = "Essays"
	if err := p.Save(); err != nil {
		t.Fatal(err)
	}

	y := readFile(t, dir, "anthology.yaml")
	for _, want := range []string{"# The book", "# working title", "custom_key: kept", "# not ours",
		"website: https://ann.example", "# unknown to us", "subtitle: Essays"} {
		if !strings.Contains(y, want) {
			t.Errorf("anthology.yaml lost %q:\n%s", want, y)
		}
	}
	if strings.Index(y, "subtitle:") < strings.Index(y, "title:") || strings.Index(y, "subtitle:") > strings.Index(y, "language:") {
		t.Errorf("new key not placed after title:\n%s", y)
	}
	a := readFile(t, dir, "essays/alpha.md")
	if !strings.Contains(a, "headnote: A new note.") || !strings.Contains(a, "mood: cheerful") || !strings.Contains(a, "First paragraph of *Alpha*.") {
		t.Errorf("alpha.md:\n%s", a)
	}
	gammaAfter, _ := os.Stat(filepath.Join(dir, "essays", "gamma.md"))
	if !gammaAfter.ModTime().Equal(gammaBefore.ModTime()) {
		// gamma's title came from its heading, so its file changes shape on save; that is the one
		// rewrite allowed. Check the content still reads the same.
		q, err := anthology.Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		if q.Essay("gamma").Meta.Title != "Gamma From Heading" {
			t.Errorf("gamma title lost")
		}
	}

	q, err := anthology.Open(dir)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	var ids []string
	for _, e := range q.Essays() {
		ids = append(ids, e.ID)
	}
	if strings.Join(ids, ",") != "alpha,gamma,beta" {
		t.Errorf("order after save = %v", ids)
	}
	if q.Essay("alpha").Meta.Headnote != "A new note." {
		t.Errorf("headnote = %q", q.Essay("alpha").Meta.Headnote)
	}
	// A second save with no changes writes nothing new.
	before := readFile(t, dir, "anthology.yaml")
	if err := q.Save(); err != nil {
		t.Fatal(err)
	}
	if after := readFile(t, dir, "anthology.yaml"); after != before {
		t.Errorf("a save without changes changed anthology.yaml:\n%s\n---\n%s", before, after)
	}
}

func TestSaveRemovesEmptiedKnownKey(t *testing.T) {
	dir := goodProject(t)
	p, err := anthology.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	p.Essay("alpha").Meta.Headnote = ""
	if err := p.Save(); err != nil {
		t.Fatal(err)
	}
	if a := readFile(t, dir, "essays/alpha.md"); strings.Contains(a, "headnote") {
		t.Errorf("emptied headnote still written:\n%s", a)
	}
}

func TestSaveLeavesNoTemporaryFiles(t *testing.T) {
	dir := goodProject(t)
	p, err := anthology.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	p.Book.Title = "Changed"
	if err := p.Save(); err != nil {
		t.Fatal(err)
	}
	filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if strings.Contains(d.Name(), ".tmp-") {
			t.Errorf("temporary file left: %s", path)
		}
		return nil
	})
}

func TestSampleIsReadOnlyButSavesAs(t *testing.T) {
	p, err := anthology.LoadFS(assets.Sample(), "sample")
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Save(); !errors.Is(err, anthology.ErrReadOnly) {
		t.Fatalf("Save of the sample: %v, want ErrReadOnly", err)
	}
	dir := filepath.Join(t.TempDir(), "copy")
	if err := p.SaveAs(dir); err != nil {
		t.Fatal(err)
	}
	q, err := anthology.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(q.Essays()) != len(p.Essays()) || q.Introduction == nil {
		t.Errorf("copy has %d essays (want %d), introduction %v", len(q.Essays()), len(p.Essays()), q.Introduction != nil)
	}
	for _, e := range p.Essays() {
		if got := q.Essay(e.ID); got == nil || got.Words() != e.Words() || got.Meta.Headnote != e.Meta.Headnote {
			t.Errorf("essay %s differs after Save As", e.ID)
		}
	}
	if err := p.SaveAs(dir); err == nil {
		t.Error("Save As over an existing project succeeded")
	}
}

func TestCreate(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "new")
	p, err := anthology.Create(dir, `Night: "Quoted" & more`)
	if err != nil {
		t.Fatal(err)
	}
	if p.Book.Title != `Night: "Quoted" & more` || len(p.Essays()) != 0 {
		t.Errorf("created %+v", p.Book)
	}
	if _, err := anthology.Create(dir, "Again"); err == nil {
		t.Error("Create in a non-empty folder succeeded")
	}
	if _, err := anthology.Create(filepath.Join(t.TempDir(), "x"), "  "); err == nil {
		t.Error("Create without a title succeeded")
	}
}

// TestSaveWithoutChangesTouchesNothing: the editor's own formatting (folded strings, flow lists,
// comments) survives as long as they change nothing in a file.
func TestSaveWithoutChangesTouchesNothing(t *testing.T) {
	files := map[string]string{
		"anthology.yaml":  goodYAML,
		"essays/alpha.md": alpha,
		"essays/beta.md":  beta,
		"essays/gamma.md": gamma,
	}
	dir := writeProject(t, files)
	p, err := anthology.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Save(); err != nil {
		t.Fatal(err)
	}
	for name, want := range files {
		if got := readFile(t, dir, name); got != want {
			t.Errorf("%s rewritten:\n%s", name, got)
		}
	}
}

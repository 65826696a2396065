package export_test

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/anthology-editor/anthology/anthology/edit/edittest"
	"github.com/anthology-editor/anthology/layout/export"
)

// TestPrinterPageLimits: a book shorter or longer than the printer binds is said so by check
// (from an estimate) and by export (from the set pages), and a final export refuses it.
func TestPrinterPageLimits(t *testing.T) {
	files := map[string]string{
		"anthology.yaml": "title: Thin\ncontributors: [{id: a, name: Ann Lee, bio: Ann writes.}]\ncontents: [n]\nprint:\n  printer: kdp\n",
		"essays/n.md":    "---\ntitle: Night\nauthors: [a]\noriginal: true\n---\n\nA short essay of a few words.\n",
	}
	p := edittest.WriteProject(t, files)
	findings, err := export.Check(p, false)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, f := range findings {
		if f.Code == "page-count" && strings.Contains(f.Message, "KDP paperback binds 24 at the least") {
			found = true
		}
	}
	if !found {
		t.Errorf("check says nothing of a book under KDP's 24 pages: %v", findings)
	}
	res, err := export.Build(context.Background(), p, export.Options{OutDir: t.TempDir(), Formats: []export.Format{export.PDF}})
	if err != nil {
		t.Fatal(err)
	}
	var warned []string
	for _, w := range res.Warnings {
		warned = append(warned, w.Error())
	}
	want := "has " + strconv.Itoa(len(res.Book.Pages)) + " pages; KDP paperback binds 24 at the least"
	if !strings.Contains(strings.Join(warned, "\n"), want) {
		t.Errorf("export does not warn %q:\n%s", want, strings.Join(warned, "\n"))
	}
	_, err = export.Build(context.Background(), p, export.Options{OutDir: t.TempDir(), Formats: []export.Format{export.PDF}, Final: true})
	if !errors.Is(err, export.ErrNotFinal) {
		t.Errorf("a final export of a book KDP would refuse: %v", err)
	}
	// With no printer named there are no limits to hold.
	files["anthology.yaml"] = strings.Replace(files["anthology.yaml"], "printer: kdp", "printer: none", 1)
	findings, _ = export.Check(edittest.WriteProject(t, files), false)
	for _, f := range findings {
		if f.Code == "page-count" {
			t.Errorf("printer: none still holds the book to a page count: %s", f)
		}
	}
}

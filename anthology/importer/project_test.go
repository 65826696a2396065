package importer

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/anthology-editor/anthology/anthology"
	"github.com/anthology-editor/anthology/assets"
)

func TestAddTwiceReusesContributor(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "book")
	p, err := anthology.Create(dir, "Imports")
	if err != nil {
		t.Fatal(err)
	}
	essay := "The Long Night\n\nIt was a long night, and nobody slept. The wind came off the sea and found every gap in the walls.\n\nJane Doe\n\nJane Doe is a writer who lives by the sea.\n"
	for i := 0; i < 2; i++ {
		r, err := Read("night.txt", []byte(essay))
		if err != nil {
			t.Fatal(err)
		}
		Add(p, r)
		if err := p.Save(); err != nil {
			t.Fatal(err)
		}
		p, err = anthology.Open(dir)
		if err != nil {
			t.Fatal(err)
		}
	}
	if len(p.Contributors) != 1 || p.Contributors[0].Name != "Jane Doe" || p.Contributors[0].SortName != "Doe, Jane" ||
		p.Contributors[0].Bio != "Jane Doe is a writer who lives by the sea." {
		t.Errorf("contributors = %+v", p.Contributors)
	}
	ids := []string{}
	for _, e := range p.Essays() {
		ids = append(ids, e.ID)
		if len(e.Meta.Authors) != 1 || e.Meta.Authors[0] != "jane-doe" || e.Meta.Title != "The Long Night" {
			t.Errorf("essay %s: %+v", e.ID, e.Meta)
		}
		if !strings.HasPrefix(e.Meta.Notes, "Imported from night.txt.") {
			t.Errorf("notes: %q", e.Meta.Notes)
		}
	}
	if strings.Join(ids, ",") != "the-long-night,the-long-night-2" {
		t.Errorf("essays %v", ids)
	}
	if _, err := os.Stat(filepath.Join(dir, "essays", "the-long-night-2.md")); err != nil {
		t.Error(err)
	}
}

// TestInBook: an import whose title or opening is an essay's already is found; a new one is not.
func TestInBook(t *testing.T) {
	p, err := anthology.LoadFS(assets.Sample(), "sample")
	if err != nil {
		t.Fatal(err)
	}
	nurse := p.Essay("the-night-nurse")
	for _, tt := range []struct {
		name string
		r    *Result
		want *anthology.Essay
	}{
		{"the same title, other case and quotes", &Result{Kind: KindEssay, Title: "“THE NIGHT NURSE”", Body: "Something else entirely."}, nurse},
		{"the same opening, another title", &Result{Kind: KindEssay, Title: "Ward 14", Body: nurse.Body}, nurse},
		{"new", &Result{Kind: KindEssay, Title: "The Ferry", Body: "The last ferry leaves at eleven."}, nil},
		{"a part's title page is not an essay", &Result{Kind: KindPart, Title: "The Night Nurse"}, nil},
	} {
		if got := InBook(p, tt.r); got != tt.want {
			t.Errorf("%s: %v", tt.name, got)
		}
	}
}

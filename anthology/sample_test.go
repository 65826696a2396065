package anthology_test

import (
	"testing"

	"github.com/anthology-editor/anthology/anthology"
	"github.com/anthology-editor/anthology/assets"
)

func TestSampleLoads(t *testing.T) {
	p, err := anthology.LoadFS(assets.Sample(), "sample")
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range p.Warnings {
		t.Errorf("warning: %v", w)
	}
	essays := p.Essays()
	if len(essays) < 6 {
		t.Errorf("sample has %d essays, want at least 6", len(essays))
	}
	authors := map[string]bool{}
	for _, e := range essays {
		for _, a := range e.Meta.Authors {
			authors[a] = true
		}
		if e.Meta.Headnote == "" {
			t.Errorf("essay %s has no headnote", e.ID)
		}
		if e.Words() < 300 {
			t.Errorf("essay %s has only %d words", e.ID, e.Words())
		}
	}
	if len(authors) < 4 {
		t.Errorf("sample has %d authors, want at least 4", len(authors))
	}
	titled := 0
	for _, part := range p.Parts {
		if part.Title != "" {
			titled++
		}
	}
	if titled < 2 {
		t.Errorf("sample has %d parts, want at least 2", titled)
	}
	if p.Introduction == nil || p.Introduction.Words() < 200 {
		t.Error("sample has no editor's introduction")
	}
	for _, c := range p.Contributors {
		if c.Bio == "" {
			t.Errorf("contributor %s has no bio", c.ID)
		}
	}
}

// Package edittest holds what the tests of editing (the session's and the window's) share: a
// copy of the bundled sample on disk, and the contents written as one line.
package edittest

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/anthology-editor/anthology/anthology"
	"github.com/anthology-editor/anthology/assets"
)

// SampleCopy writes the bundled sample into a new folder and opens it from there.
func SampleCopy(t testing.TB) *anthology.Project {
	t.Helper()
	p, err := anthology.LoadFS(assets.Sample(), "sample")
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "book")
	if err := p.SaveAs(dir); err != nil {
		t.Fatal(err)
	}
	p, err = anthology.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// Order writes the contents as "Part: id id | Part: id".
func Order(p *anthology.Project) string {
	var parts []string
	for _, pt := range p.Parts {
		ids := []string{pt.Title + ":"}
		for _, e := range pt.Essays {
			ids = append(ids, e.ID)
		}
		parts = append(parts, strings.Join(ids, " "))
	}
	return strings.Join(parts, " | ")
}

// The sample's contents, and the same with its third essay moved to the top of the second part.
const (
	StartOrder = "Keeping Watch: the-night-nurse the-lighthouse-log notes-from-the-night-desk | " +
		"Making Ready: bread-before-dawn two-voices-on-the-last-bus what-the-dark-is-for"
	MovedOrder = "Keeping Watch: the-night-nurse the-lighthouse-log | " +
		"Making Ready: notes-from-the-night-desk bread-before-dawn two-voices-on-the-last-bus what-the-dark-is-for"
)

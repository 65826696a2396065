// Package edittest holds what tests of projects on disk share (the session's, the window's, the
// checks' and the export's): a copy of the bundled sample, a project written from its files'
// texts, and the contents written as one line.
package edittest

import (
	"os"
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

// WriteProject writes files (slash-separated path → text) into a new folder and opens it.
func WriteProject(t testing.TB, files map[string]string) *anthology.Project {
	t.Helper()
	p, err := anthology.Open(WriteFiles(t, files))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// WriteFiles writes files (slash-separated path → text) into a new folder and returns it,
// for a project that is meant not to open.
func WriteFiles(t testing.TB, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
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

package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/anthology-editor/anthology/anthology"
	"github.com/anthology-editor/anthology/anthology/edit/edittest"
	"github.com/anthology-editor/anthology/anthology/importer"
)

// TestQueriesCommand asks queries from the command line, refuses one on words the essay does
// not hold, exports the essay as a Word manuscript with them, reads an answer back from it,
// and resolves a query with a reply; each change is saved.
func TestQueriesCommand(t *testing.T) {
	p := edittest.SampleCopy(t)
	r := runBin(t, nil, "queries", p.Dir, "--essay", "the-night-nurse", "--add", "Same ward as in the opening?", "--passage", `Bed twelve is "pleasantly confused,"`)
	if r.code != exitOK || !strings.Contains(r.stdout, "added q1 to the-night-nurse") {
		t.Fatalf("queries --add: %d %s %s", r.code, r.stdout, r.stderr)
	}
	if r := runBin(t, nil, "queries", p.Dir, "--essay", "the-night-nurse", "--add", "x", "--passage", "words nobody wrote"); r.code != exitFail || !strings.Contains(r.stderr, "does not hold the passage") {
		t.Errorf("a query on words not in the essay: %d %s", r.code, r.stderr)
	}
	if r := runBin(t, nil, "queries", p.Dir, "--add", "x"); r.code != exitUsage {
		t.Errorf("--add without --essay: %d", r.code)
	}
	out := t.TempDir()
	if r := runBin(t, nil, "export", p.Dir, "--out", out, "--format", "docx", "--essay", "the-night-nurse"); r.code != exitOK {
		t.Fatalf("export --format docx: %d %s", r.code, r.stderr)
	}
	name := filepath.Join(out, "the-night-nurse.docx")
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	cs, err := importer.Comments(data)
	if err != nil || len(cs) != 1 || cs[0].Text != "Same ward as in the opening?" || !strings.HasPrefix(cs[0].Passage, "Bed twelve is") {
		t.Fatalf("the manuscript's comments: %+v %v", cs, err)
	}
	// The author's answer, as Word threads it: here written by the project's own writer with
	// the reply in it, then read back into a project without it.
	q, err := anthology.Open(p.Dir)
	if err != nil {
		t.Fatal(err)
	}
	q.Essay("the-night-nurse").Meta.Queries[0].Replies = []anthology.Reply{{By: "Ruth Okafor", Text: "Yes, ward 14."}}
	if err := q.Save(); err != nil {
		t.Fatal(err)
	}
	if r := runBin(t, nil, "export", p.Dir, "--out", out, "--format", "docx", "--essay", "the-night-nurse"); r.code != exitOK {
		t.Fatalf("export: %d %s", r.code, r.stderr)
	}
	q.Essay("the-night-nurse").Meta.Queries[0].Replies = nil
	if err := q.Save(); err != nil {
		t.Fatal(err)
	}
	// A file that is not there, or not a Word file: a clear error, nothing saved.
	notWord := filepath.Join(t.TempDir(), "answers.docx")
	os.WriteFile(notWord, []byte("plain text"), 0o644)
	for _, bad := range []string{filepath.Join(out, "missing.docx"), notWord} {
		if r := runBin(t, nil, "queries", p.Dir, "--answers", bad); r.code != exitFail || !strings.Contains(r.stderr, filepath.Base(bad)) {
			t.Errorf("--answers %s: %d %s", bad, r.code, r.stderr)
		}
	}
	r = runBin(t, nil, "queries", p.Dir, "--answers", name)
	if r.code != exitOK || !strings.Contains(r.stdout, "answers: 1 reply, 0 new queries, 0 resolved in 1 essay") {
		t.Fatalf("queries --answers: %d %s %s", r.code, r.stdout, r.stderr)
	}
	if r := runBin(t, nil, "queries", p.Dir, "--essay", "the-night-nurse", "--resolve", "q1=Thanks, kept."); r.code != exitOK {
		t.Fatalf("--resolve: %d %s", r.code, r.stderr)
	}
	r = runBin(t, nil, "queries", p.Dir, "--json")
	var list struct {
		Queries []struct {
			Essay    string
			ID       string
			Resolved bool
			Replies  []anthology.Reply
		}
		Open int
	}
	if err := json.Unmarshal([]byte(r.stdout), &list); err != nil || list.Open != 0 || len(list.Queries) != 1 {
		t.Fatalf("queries --json: %v %s", err, r.stdout)
	}
	got := list.Queries[0]
	if got.Essay != "the-night-nurse" || !got.Resolved || len(got.Replies) != 2 || got.Replies[0].By != "Ruth Okafor" || got.Replies[1].Text != "Thanks, kept." {
		t.Errorf("the query after the round trip: %+v", got)
	}
}

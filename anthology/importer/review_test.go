package importer

import (
	"strings"
	"testing"
)

const reviewPage = "Tuesday Night\n\nPosted by Jane Doe\n\nThe ferry was late again, and the harbour was full of fog, so we waited on the quay with our coffee going cold in our hands.\n\n" +
	"Share this: Facebook Twitter\n\nWhen it came at last it came out of the fog all at once, lit like a house, and the whole quay cheered.\n\n" +
	"A note from the site: this post was sponsored by the Harbour Café, whose coffee we drank.\n\nLeave a comment\n"

// TestReviewCutRestore: the review lists every block in reading order, kept or cut with its
// reason; the editor can cut a kept block and restore it again, and the tallies hold throughout.
func TestReviewCutRestore(t *testing.T) {
	r, err := Read("night.txt", []byte(reviewPage))
	if err != nil {
		t.Fatal(err)
	}
	tallies := func(when string) {
		t.Helper()
		checkTallies(t, r)
		if t.Failed() {
			t.Fatalf("after %s", when)
		}
	}
	blocks := r.Review()
	var order []string
	sponsor := -1
	for _, b := range blocks {
		order = append(order, strings.Fields(b.Text)[0])
		if strings.HasPrefix(b.Text, "A note from the site") {
			if !b.Kept {
				t.Fatalf("the sponsor's note was cut by the clean-up; the test wants it kept: %+v", b)
			}
			sponsor = b.Index
		}
	}
	if got := strings.Join(order, " "); !strings.Contains(got, "The Share When A Leave") {
		t.Errorf("blocks not in reading order: %s", got)
	}
	for _, b := range blocks {
		if strings.HasPrefix(b.Text, "Share") && (b.Kept || b.Reason == "") {
			t.Errorf("the share line is not listed as cut with its reason: %+v", b)
		}
	}
	before := r.Body
	if err := r.Cut(sponsor); err != nil {
		t.Fatal(err)
	}
	tallies("cutting")
	if strings.Contains(r.Body, "sponsored") {
		t.Errorf("the cut block is still in the body:\n%s", r.Body)
	}
	i := -1
	for k, rm := range r.Removed {
		if rm.Reason == ReasonEditor {
			i = k
		}
	}
	if i < 0 {
		t.Fatalf("the editor's cut is not among the cuts: %+v", r.Removed)
	}
	if err := r.Restore(i); err != nil {
		t.Fatal(err)
	}
	tallies("restoring")
	if r.Body != before {
		t.Errorf("cut and restored, the body changed:\n%s\nwas\n%s", r.Body, before)
	}
	if err := r.Cut(99); err == nil {
		t.Error("cutting a block that is not there should fail")
	}
}

// TestCutLines: headless, blocks are cut by the lines of the body they stand on.
func TestCutLines(t *testing.T) {
	r, err := Read("night.txt", []byte(reviewPage))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(r.Body, "\n")
	at := -1
	for i, l := range lines {
		if strings.HasPrefix(l, "A note from the site") {
			at = i + 1
		}
	}
	n, err := r.CutLines(at, at)
	if err != nil || n != 1 || strings.Contains(r.Body, "sponsored") {
		t.Fatalf("CutLines(%d): %d, %v\n%s", at, n, err, r.Body)
	}
	checkTallies(t, r)
	if _, err := r.CutLines(500, 600); err == nil {
		t.Error("lines past the body's end cut something")
	}
}

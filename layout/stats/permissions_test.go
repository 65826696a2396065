package stats_test

import (
	"encoding/csv"
	"os"
	"strings"
	"testing"

	"github.com/anthology-editor/anthology/anthology"
	"github.com/anthology-editor/anthology/assets"
	"github.com/anthology-editor/anthology/layout/stats"
)

// The sample keeps one permission deliberately pending: the log says so, and its CSV reads back
// as a header and one line per essay, with the holder and fee in their columns.
func TestSamplePermissionsCSV(t *testing.T) {
	p, err := anthology.LoadFS(assets.Sample(), "sample")
	if err != nil {
		t.Fatal(err)
	}
	log, pending := stats.Permissions(p)
	if pending != 1 || len(log) != 6 {
		t.Fatalf("%d essays, %d pending; want 6 and 1", len(log), pending)
	}
	var b strings.Builder
	if err := stats.WritePermissionsCSV(&b, log); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(strings.NewReader(b.String())).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 7 || strings.Join(rows[0], "|") != strings.Join(stats.PermissionsHeader, "|") {
		t.Fatalf("CSV:\n%s", b.String())
	}
	found := false
	for _, r := range rows[1:] {
		if r[0] == "Two Voices on the Last Bus" {
			found = true
			if r[3] != "requested" || r[4] != "Tideway Books" || r[7] != "$200 (quoted)" {
				t.Errorf("pending essay's row: %q", r)
			}
		}
	}
	if !found {
		t.Errorf("the pending essay is not in the log:\n%s", b.String())
	}
}

// ExampleWritePermissionsCSV prints the permissions log of one essay as the publisher gets it.
func ExampleWritePermissionsCSV() {
	log := []stats.Permission{{
		Title: "The Lighthouse Log", Authors: "Ingrid Solvang",
		Source: "Northern Lights Review, no. 12 (2021)", State: anthology.PermissionCleared,
		Permission: anthology.Permission{Holder: "Northern Lights Review", Cleared: "2024-03-02", Fee: "none"},
	}}
	stats.WritePermissionsCSV(os.Stdout, log)
	// Output:
	// Essay,Author,First published,Status,Rights holder,Requested,Cleared,Fee,Note
	// The Lighthouse Log,Ingrid Solvang,"Northern Lights Review, no. 12 (2021)",cleared,Northern Lights Review,,2024-03-02,none,
}

// TestPermissionsCSVIsSpreadsheetSafe: titles and notes that come from outside (an imported
// page's title, a pasted note) must not become formulas in the publisher's spreadsheet; every
// other character, quotes and commas included, reads back as it was.
func TestPermissionsCSVIsSpreadsheetSafe(t *testing.T) {
	hostile := []stats.Permission{{
		Title: `=HYPERLINK("http://evil.example","Click")`, Authors: "+1 Ann", Source: "-2+3",
		Permission: anthology.Permission{Holder: "@SUM(A1:A9)", Requested: "\t=1", Cleared: "\r=2", Fee: `"quoted", comma`, Note: "plain -dash inside"},
	}}
	var b strings.Builder
	if err := stats.WritePermissionsCSV(&b, hostile); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(strings.NewReader(b.String())).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := []string{`'=HYPERLINK("http://evil.example","Click")`, "'+1 Ann", "'-2+3", "", "'@SUM(A1:A9)", "'\t=1", "'\r=2", `"quoted", comma`, "plain -dash inside"}
	for i, cell := range rows[1] {
		if i == 3 {
			continue // the status is ours
		}
		if cell != want[i] {
			t.Errorf("column %s: %q, want %q", stats.PermissionsHeader[i], cell, want[i])
		}
	}
}

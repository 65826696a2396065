//go:build !nogui

package gui

import (
	"strings"
	"testing"

	"github.com/anthology-editor/anthology/anthology/buildinfo"
)

// TestAboutNamesTheVersion: the About box says which Anthology this is, as a bug report needs.
func TestAboutNamesTheVersion(t *testing.T) {
	in := buildinfo.Read()
	if s := aboutText(); !strings.Contains(s, "Anthology "+in.Version) || !strings.Contains(s, in.Go) {
		t.Errorf("About says %q", s)
	}
}

// TestFieldValidators: the book form's ISBN and date fields say at once what is wrong.
func TestFieldValidators(t *testing.T) {
	for _, tt := range []struct {
		check func(string) error
		in    string
		ok    bool
	}{
		{validISBN, "", true}, {validISBN, "978-1-950000-02-9", true}, {validISBN, "978-1-950000-02-8", false},
		{validDate, "2024-05-01", true}, {validDate, "2024", true}, {validDate, "next week", false},
	} {
		if err := tt.check(tt.in); (err == nil) != tt.ok {
			t.Errorf("%q: %v", tt.in, err)
		}
	}
}

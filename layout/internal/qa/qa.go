// Package qa is the tests' face of package validate: each helper fails the test when its
// validator is not installed, saying how to install it. A validator that is not there never
// counts as a pass.
package qa

import (
	"context"
	"testing"

	"github.com/anthology-editor/anthology/layout/validate"
)

// EPUBCheck runs EPUBCheck ("5" for 5.3, "4" for 4.2.6) and returns its summary line and every
// fatal, error and warning it printed. A clean book has none.
func EPUBCheck(t testing.TB, book, version string) (string, []string) {
	t.Helper()
	rep, err := validate.EPUBCheck(context.Background(), book, version)
	if err != nil {
		t.Fatal(err)
	}
	return rep.Summary, rep.Problems
}

// Ace runs Ace by DAISY and returns its violations, one line each.
func Ace(t testing.TB, book string) []string {
	t.Helper()
	rep, err := validate.Ace(context.Background(), book, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return rep.Problems
}

// Tool runs a command-line tool (pdffonts, qpdf, pdfinfo, pdftotext), failing the test when it
// is missing, and returns its output and error.
func Tool(t testing.TB, name string, args ...string) (string, error) {
	t.Helper()
	out, err := validate.Tool(context.Background(), name, args...)
	if validate.IsMissing(err) {
		t.Fatal(err)
	}
	return out, err
}

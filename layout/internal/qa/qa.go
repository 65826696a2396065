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
	skipShort(t, "EPUBCheck")
	rep, err := validate.EPUBCheck(context.Background(), book, version)
	if err != nil {
		t.Fatal(err)
	}
	return rep.Summary, rep.Problems
}

// Ace runs Ace by DAISY and returns its violations, one line each.
func Ace(t testing.TB, book string) []string {
	t.Helper()
	skipShort(t, "Ace")
	rep, err := validate.Ace(context.Background(), book, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return rep.Problems
}

// skipShort skips the rest of a test under go test -short, saying which validator it skips:
// the quick loop leaves the validators (tens of seconds each) to make test, which runs them
// all. It is a skip, reported as one, never a pass.
func skipShort(t testing.TB, validator string) {
	t.Helper()
	if testing.Short() {
		t.Skipf("-short: %s is not run (make test runs it)", validator)
	}
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

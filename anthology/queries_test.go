package anthology_test

import (
	"testing"

	"github.com/anthology-editor/anthology/anthology"
)

func TestPlainPassage(t *testing.T) {
	for in, want := range map[string]string{
		`Bed twelve is "pleasantly confused,"`: "Bed twelve is “pleasantly confused,”",
		"*the* 'harbor'\nat dusk":              "the ‘harbor’ at dusk",
		"  ":                                   "",
		"one -- two":                           "one – two",
	} {
		if got := anthology.PlainPassage(in); got != want {
			t.Errorf("PlainPassage(%q) = %q, want %q", in, got, want)
		}
	}
}

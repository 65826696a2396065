package markdown

import (
	"strings"
	"testing"
	"unicode"

	"github.com/anthology-editor/anthology/anthology/text"
)

// TestWordInitialQuotes: an elision takes an apostrophe, a quotation opens with ‘ (the
// typographer alone wrote "‘Tis" and "said ’no.’").
func TestWordInitialQuotes(t *testing.T) {
	for in, want := range map[string]string{
		"'Tis the season.":                 "’Tis the season.",
		"'Twas brillig.":                   "’Twas brillig.",
		"In the '90s we sang.":             "In the ’90s we sang.",
		"He said 'no.' Then left.":         "He said ‘no.’ Then left.",
		`"She said 'no' twice," he wrote.`: "“She said ‘no’ twice,” he wrote.",
		"rock 'n' roll":                    "rock ’n’ roll",
		"the dogs' bowls":                  "the dogs’ bowls",
		"Ol' Man River":                    "Ol’ Man River",
		"Give 'em all a hand.":             "Give ’em all a hand.",
		"'Twixt you and me, 'tis true.":    "’Twixt you and me, ’tis true.",
		"It's o'clock, isn't it?":          "It’s o’clock, isn’t it?",
		"She sang 'Greensleeves' again.":   "She sang ‘Greensleeves’ again.",
	} {
		if got := text.Plain(Parse([]byte(in)).Blocks[0].(*text.Paragraph).Content); got != want {
			t.Errorf("%s\n got %s\nwant %s", in, got, want)
		}
	}
}

// quoteStartsWordByRunes is quoteStartsWord as it was written first, rune by rune: the
// reference the byte search is held to.
func quoteStartsWordByRunes(s string, prev rune) bool {
	before := prev
	for _, r := range s {
		if (r == '‘' || r == '’') && (unicode.IsSpace(before) || strings.ContainsRune("“(—–[\u00a0", before)) {
			return true
		}
		before = r
	}
	return false
}

func TestQuoteStartsWord(t *testing.T) {
	for _, c := range []struct {
		s    string
		prev rune
	}{
		{"don’t", ' '}, {"’90s were", ' '}, {"said ‘yes’", 'x'}, {"(’tis", 'x'}, {"—‘Hello", 'x'},
		{"’tis", ' '}, {"’tis", 'a'}, {"\u00a0’em", 'a'}, {"plain text", ' '}, {"é’s", ' '}, {"\xe2\x80", ' '}, {"a\xe2’b", ' '},
	} {
		if got, want := quoteStartsWord(c.s, c.prev), quoteStartsWordByRunes(c.s, c.prev); got != want {
			t.Errorf("quoteStartsWord(%q, %q) = %v, want %v", c.s, c.prev, got, want)
		}
	}
}

func FuzzQuoteStartsWord(f *testing.F) {
	f.Add("said ‘yes’", int32(' '))
	f.Add("a\xe2’b", int32('x'))
	f.Fuzz(func(t *testing.T, s string, prev int32) {
		if got, want := quoteStartsWord(s, prev), quoteStartsWordByRunes(s, prev); got != want {
			t.Fatalf("quoteStartsWord(%q, %q) = %v, want %v", s, prev, got, want)
		}
	})
}

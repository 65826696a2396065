package markdown

import (
	"testing"

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

package markdown

import (
	"testing"

	"github.com/anthology-editor/anthology/anthology/text"
)

func TestApplyFormat(t *testing.T) {
	for _, tt := range []struct {
		name       string
		f          Format
		src        string
		start, end int
		want       string
	}{
		{"italic", Italic, "a fine night", 2, 6, "a *fine* night"},
		{"italic keeps the trailing space outside", Italic, "a fine night", 2, 7, "a *fine* night"},
		{"bold at a bare cursor", Bold, "ab", 1, 1, "a****b"},
		{"small caps", SmallCaps, "the BBC said", 4, 7, "the [BBC]{.smallcaps} said"},
		{"a note", Note, "One.[^1]\n\n[^1]: First.", 4, 4, "One.[^2][^1]\n\n[^1]: First.\n\n[^2]: "},
		{"a scene break", SceneBreak, "One.\n\nTwo.", 5, 5, "One.\n\n* * *\n\nTwo."},
		{"verse", Verse, "Intro.\n\nLine one\nLine two\n\nAfter.", 10, 20, "Intro.\n\n| Line one\n| Line two\n\nAfter."},
		{"a quote", Quote, "Said:\nIt was late.", 8, 8, "Said:\n> It was late."},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, _, _ := Apply(tt.f, tt.src, tt.start, tt.end)
			if got != tt.want {
				t.Errorf("Apply = %q, want %q", got, tt.want)
			}
		})
	}
	// What the commands write reads back as what they mean.
	out, _, _ := Apply(Italic, "a fine night", 2, 6)
	if _, ok := Parse([]byte(out)).Blocks[0].(*text.Paragraph).Content[1].(*text.Emphasis); !ok {
		t.Errorf("%q does not read as emphasis", out)
	}
	out, _, _ = Apply(Verse, "one\ntwo", 0, 7)
	if _, ok := Parse([]byte(out)).Blocks[0].(*text.Verse); !ok {
		t.Errorf("%q does not read as verse", out)
	}
}

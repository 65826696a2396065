package text

import "testing"

func TestCountWords(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"", 0},
		{"one", 1},
		{"  two words ", 2},
		{"don’t stop—ever", 3},
		{"well-known fact", 2},
		{"… — –", 0},
		{"café 1984", 2},
	}
	for _, tt := range tests {
		if got := CountWords(tt.in); got != tt.want {
			t.Errorf("CountWords(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}

func TestPlainAndWords(t *testing.T) {
	note := &Note{Number: 1, Blocks: []Block{Para("a note here")}}
	doc := &Document{
		Blocks: []Block{
			&Paragraph{Content: []Inline{&Text{Text: "Hello "}, &Emphasis{Content: []Inline{&Text{Text: "brave"}}}, &LineBreak{}, &Link{URL: "https://x", Content: []Inline{&Text{Text: "world"}}}, &NoteRef{Note: note}}},
			&Verse{Stanzas: [][]Line{{{&Text{Text: "a line of verse"}}}}},
		},
		Notes: []*Note{note},
	}
	if got := Plain(doc.Blocks[0].(*Paragraph).Content); got != "Hello brave world" {
		t.Errorf("Plain = %q", got)
	}
	if got := Words(doc); got != 10 {
		t.Errorf("Words = %d, want 10", got)
	}
}

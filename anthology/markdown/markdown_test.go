package markdown

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/anthology-editor/anthology/anthology/text"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestGolden parses every testdata/*.md and compares the model's dump with the .golden file.
func TestGolden(t *testing.T) {
	inputs, err := filepath.Glob("testdata/*.md")
	if err != nil || len(inputs) == 0 {
		t.Fatalf("no inputs: %v", err)
	}
	for _, in := range inputs {
		t.Run(filepath.Base(in), func(t *testing.T) {
			src, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			got := text.Dump(Parse(src))
			golden := strings.TrimSuffix(in, ".md") + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("model differs from %s:\n--- got\n%s\n--- want\n%s", golden, got, want)
			}
		})
	}
}

func TestParseInline(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"", ""},
		{"The *Night* Nurse", `"The "_"Night"_" Nurse"`},
		{"1984: A Memoir", `"1984: A Memoir"`},
		{"# Not a heading", `"# Not a heading"`},
		{"- not a list", `"- not a list"`},
		{"\"Quoted\" title's end", `"“Quoted” title’s end"`},
		{"two\nlines", `"two lines"`},
		{"  padded  ", `"padded"`},
	}
	for _, tt := range tests {
		if got := text.DumpInlines(ParseInline(tt.in)); got != tt.want {
			t.Errorf("ParseInline(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestNotesNumberedByFirstReference(t *testing.T) {
	doc := Parse([]byte("B.[^b] A.[^a]\n\n[^a]: first defined\n[^b]: second defined\n"))
	if len(doc.Notes) != 2 {
		t.Fatalf("notes = %d, want 2", len(doc.Notes))
	}
	if got := text.Plain(doc.Notes[0].Blocks[0].(*text.Paragraph).Content); got != "second defined" {
		t.Errorf("note 1 = %q, want the note referenced first", got)
	}
}

func TestUnreferencedNoteDropped(t *testing.T) {
	doc := Parse([]byte("No reference here.\n\n[^x]: orphan note\n"))
	if len(doc.Notes) != 0 {
		t.Errorf("notes = %d, want 0", len(doc.Notes))
	}
}

func ExampleParse() {
	doc := Parse([]byte("\"Hello,\" she said -- *twice*.\n\n* * *\n\nThe end..."))
	fmt.Print(text.Dump(doc))
	// Output:
	// para "“Hello,” she said – "_"twice"_"."
	// scene-break
	// para "The end…"
}

func FuzzParse(f *testing.F) {
	for _, seed := range []string{"", "*a*", "| verse\n|\n| more", "[^1]\n\n[^1]: x", "```verse\na\n```", "<script>x</script>", "> > deep\n- a\n  - b",
		"::: epigraph\nA.\n\n— B\n:::", "| a | b |\n|---|--:|\n| 1<br>2 | [^1] |\n\nTable: c\n\n[^1]: n", "::: letter\n::: salutation\nDear,\n:::\nx\n::: signature\nS\n:::\n::: postscript\np\n:::\n:::", "H~2~O x^2^ [a]{lang=fr} [b]{.smallcaps} [c]{.abbr title=\"d\"} \\[e\\]{lang=x}", "::: figure\n![alt](images/x.png \"t\")\n\ncap\n\n— cr\n:::", ":::\n::: a\n::: b\n:::"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, src string) {
		doc := Parse([]byte(src))
		_ = text.Dump(doc)
		for _, n := range doc.Notes {
			if n.Number < 1 || n.Number > len(doc.Notes) {
				t.Fatalf("note number %d out of range", n.Number)
			}
		}
		// Every position the reader records lies inside the source.
		inside := func(what string, p text.Pos) {
			if p.Known() && (p.Offset < 0 || p.End > len(src)) || !p.Known() && p != (text.Pos{}) && p.End != p.Offset {
				t.Fatalf("%s at %+v in a source of %d bytes", what, p, len(src))
			}
		}
		var walk func([]text.Block)
		walk = func(bs []text.Block) {
			for _, b := range bs {
				text.WalkBlock(b, func(b text.Block) { inside(fmt.Sprintf("%T", b), b.Source()) }, func(in text.Inline) {
					if l, ok := in.(*text.Link); ok {
						inside("link", l.Pos)
					}
				})
			}
		}
		walk(doc.Blocks)
		for _, n := range doc.Notes {
			inside("note", n.Pos)
			walk(n.Blocks)
		}
		for _, n := range doc.Unused {
			inside("unused note", n.Pos)
		}
		for _, r := range doc.Unresolved {
			inside("reference", r.Pos)
		}
		for _, im := range doc.InlineImages {
			inside("image", im.Pos)
		}
	})
}

package find_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/anthology-editor/anthology/anthology"
	"github.com/anthology-editor/anthology/anthology/edit"
	"github.com/anthology-editor/anthology/anthology/edit/edittest"
	"github.com/anthology-editor/anthology/anthology/find"
)

func book(t *testing.T) *anthology.Project {
	return edittest.WriteProject(t, map[string]string{
		"anthology.yaml": "title: Colours\ncontributors: [{id: a, name: Ann}]\ncontents: [one, two]\n",
		"essays/one.md":  "---\ntitle: The Colour of Night\nauthors: [a]\nheadnote: A colourful note.\n---\n\nThe colour of the sky, and the Colour of the sea.\nDiscolouration is not a colour.\n",
		"essays/two.md":  "---\ntitle: Harbour\nauthors: [a]\n---\n\nNo colour here but grey; the harbour's colour is grey, 1920 and 1921.\n",
	})
}

func TestFind(t *testing.T) {
	p := book(t)
	for _, tt := range []struct {
		name string
		q    find.Query
		want []string // field:line:col:text of each match (the body's first line is the blank one after the front matter)
	}{
		{"literal, any case", find.Query{Pattern: "colour"},
			[]string{"title:1:5:Colour", "headnote:1:3:colour", "body:2:5:colour", "body:2:32:Colour", "body:3:4:colour", "body:3:25:colour", "body:2:4:colour", "body:2:40:colour"}},
		{"match case", find.Query{Pattern: "Colour", MatchCase: true}, []string{"title:1:5:Colour", "body:2:32:Colour"}},
		{"whole word", find.Query{Pattern: "colour", WholeWord: true},
			[]string{"title:1:5:Colour", "body:2:5:colour", "body:2:32:Colour", "body:3:25:colour", "body:2:4:colour", "body:2:40:colour"}},
		{"one essay", find.Query{Pattern: "grey", Essay: "two"}, []string{"body:2:20:grey", "body:2:50:grey"}},
		{"regular expression", find.Query{Pattern: `19(\d\d)`, Regexp: true}, []string{"body:2:56:1920", "body:2:65:1921"}},
		{"regexp metacharacters are literal without Regexp", find.Query{Pattern: "grey."}, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ms, err := find.All(p, tt.q)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, m := range ms {
				got = append(got, strings.Join([]string{m.Field, strconv.Itoa(m.Line), strconv.Itoa(m.Col), m.Text}, ":"))
			}
			if strings.Join(got, " ") != strings.Join(tt.want, " ") {
				t.Errorf("got  %v\nwant %v", got, tt.want)
			}
		})
	}
	if _, err := find.All(p, find.Query{Pattern: "(", Regexp: true}); err == nil || !strings.Contains(err.Error(), "not a regular expression") {
		t.Errorf("a bad expression: %v", err)
	}
	if _, err := find.All(p, find.Query{Pattern: "x", Essay: "nope"}); err == nil {
		t.Error("an unknown essay is not an error")
	}
}

// TestReplaceIsOneStep replaces across the book in one undoable step, with groups in a
// regular expression's replacement.
func TestReplaceIsOneStep(t *testing.T) {
	p := book(t)
	s := edit.New(p, edit.Options{})
	q := find.Query{Pattern: "colour", WholeWord: true}
	ms, err := find.All(p, q)
	if err != nil {
		t.Fatal(err)
	}
	reps, err := find.Replace(q, ms, "color")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Replace("Replace colour", reps); err != nil {
		t.Fatal(err)
	}
	one, two := p.Essay("one"), p.Essay("two")
	if one.Meta.Title != "The color of Night" || !strings.Contains(one.Body, "The color of the sky, and the color of the sea.\nDiscolouration is not a color.") ||
		!strings.Contains(two.Body, "No color here") || one.Meta.Headnote != "A colourful note." {
		t.Fatalf("after replacing: %q / %q / %q / %q", one.Meta.Title, one.Body, two.Body, one.Meta.Headnote)
	}
	if !s.Undo() || one.Meta.Title != "The Colour of Night" || !strings.Contains(one.Body, "the Colour of the sea") || !strings.Contains(two.Body, "No colour here") {
		t.Errorf("one undo did not restore every essay: %q / %q", one.Meta.Title, two.Body)
	}
	if s.CanUndo() {
		t.Error("the replacement took more than one step")
	}
	if !s.Redo() || !strings.Contains(two.Body, "No color here") {
		t.Error("redo did not replace again")
	}

	// Groups in a regular expression's replacement; a stale match is refused.
	q = find.Query{Pattern: `19(\d\d)`, Regexp: true}
	ms, _ = find.All(p, q)
	reps, err = find.Replace(q, ms, "’$1")
	if err != nil || len(reps) != 1 || !strings.Contains(reps[0].New, "’20 and ’21") {
		t.Fatalf("regexp replacement: %v %+v", err, reps)
	}
	s.SetBody(two, "changed")
	if err := s.Replace("Replace years", reps); err == nil {
		t.Error("a replacement of text that changed since the search was applied")
	}
}

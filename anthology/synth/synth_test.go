package synth_test

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/anthology-editor/anthology/anthology"
	"github.com/anthology-editor/anthology/anthology/synth"
	"github.com/anthology-editor/anthology/assets"
)

func TestGenerate(t *testing.T) {
	train := synth.SampleText(assets.Sample())
	o := synth.Options{Essays: 50, Words: 2000, Seed: 7}
	a, err := synth.Files(o, train)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := synth.Files(o, train)
	for name, f := range a {
		if !bytes.Equal(f.Data, b[name].Data) {
			t.Fatalf("%s differs between two generations with the same seed", name)
		}
	}
	p, err := anthology.LoadFS(a, "synthetic")
	if err != nil {
		t.Fatal(err)
	}
	if n := len(p.Essays()); n != 50 {
		t.Errorf("%d essays", n)
	}
	words := 0
	for _, e := range p.Essays() {
		words += e.Words()
	}
	if words < 50*1900 || words > 50*2300 {
		t.Errorf("%d words, want about %d", words, 50*2000)
	}
	if len(p.Parts) < 2 || len(p.Parts) > 10 {
		t.Errorf("%d parts", len(p.Parts))
	}
	if len(p.Warnings) > 0 {
		t.Errorf("warnings: %v", p.Warnings[0])
	}
	names := map[string]bool{}
	for _, c := range p.Contributors {
		if names[c.Name] {
			t.Errorf("two contributors named %q", c.Name)
		}
		names[c.Name] = true
	}
	for _, e := range p.Essays() {
		if len(strings.Fields(e.Meta.Title)) < 2 {
			t.Errorf("one-word title %q: too easily confused with body text by readers of the book", e.Meta.Title)
		}
	}
}

// TestGenerateIsUTF8 guards the title capitaliser against cutting a letter in half: the chain is
// trained on words that all begin with a letter of more than one byte.
func TestGenerateIsUTF8(t *testing.T) {
	train := []string{"Émile éats… ōnly ümlauts ébauches. Ça ira, élan émigré ōkina. Ärger über ébène. Œuvre élue ça."}
	files, err := synth.Files(synth.Options{Essays: 20, Words: 200, Seed: 3}, train)
	if err != nil {
		t.Fatal(err)
	}
	for name, f := range files {
		if !utf8.Valid(f.Data) {
			t.Errorf("%s is not UTF-8", name)
		}
	}
}

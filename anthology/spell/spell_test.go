package spell

import (
	"os"
	"slices"
	"strings"
	"testing"
)

func testDictionary(t testing.TB) *Dictionary {
	t.Helper()
	aff, err := os.Open("testdata/xx.aff")
	if err != nil {
		t.Fatal(err)
	}
	defer aff.Close()
	dic, err := os.Open("testdata/xx.dic")
	if err != nil {
		t.Fatal(err)
	}
	defer dic.Close()
	d, err := Load(aff, dic)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestCorrect(t *testing.T) {
	d := testDictionary(t)
	for _, tt := range []struct {
		word string
		ok   bool
	}{
		{"night", true}, {"nights", true}, {"Night", true}, {"NIGHTS", true},
		{"carries", true}, {"carried", true}, {"carrying", true}, {"carrys", false},
		{"baked", true}, {"baking", true}, {"bakeing", false},
		{"boxes", true}, {"boxs", false},
		{"unlocked", true}, {"unlocking", true}, {"unlock", true}, {"uncarry", false},
		{"don't", true}, {"don’t", true}, // ICONV: the typographic apostrophe
		{"irregardless", false},                                // FORBIDDENWORD
		{"iPhone", true}, {"Iphone", false}, {"IPHONE", false}, // KEEPCASE
		{"NASA", true}, {"nasa", false}, {"Lisbon", true}, {"lisbon", false},
		{"nite", false}, {"lighthouses", true},
	} {
		if got := d.Correct(tt.word); got != tt.ok {
			t.Errorf("Correct(%q) = %v, want %v", tt.word, got, tt.ok)
		}
	}
}

func TestSuggest(t *testing.T) {
	d := testDictionary(t)
	for _, tt := range []struct {
		word string
		want string // must be among the suggestions
	}{
		{"nigth", "night"},          // swapped
		{"lamq", "lamp"},            // changed
		{"lammp", "lamp"},           // a letter too many
		{"lightouse", "lighthouse"}, // a letter missing
		{"fone", "phone"},           // REP
		{"Nigth", "Night"},          // the case kept
		{"nightlamp", "night lamp"}, // run together
	} {
		got := d.Suggest(tt.word, 8)
		if !slices.Contains(got, tt.want) {
			t.Errorf("Suggest(%q) = %v, want %q among them", tt.word, got, tt.want)
		}
	}
	// NOSUGGEST words are correct but never offered.
	if !d.Correct("shit") || slices.Contains(d.Suggest("shjt", 8), "shit") {
		t.Error("a NOSUGGEST word was offered")
	}
}

func TestWords(t *testing.T) {
	got := Words("Don’t go—the lamp-lighter’s 1920s night, 'quoted'.")
	want := []string{"Don’t", "go", "the", "lamp", "lighter’s", "night", "quoted"}
	if !slices.Equal(got, want) {
		t.Errorf("Words = %q, want %q", got, want)
	}
}

func TestProjectWords(t *testing.T) {
	dir := t.TempDir()
	d := testDictionary(t)
	if d.Correct("Miragaia") {
		t.Fatal("the test dictionary knows Miragaia")
	}
	for _, w := range []string{"Miragaia", "Miragaia", "fado"} {
		if err := AddProjectWord(dir, w); err != nil {
			t.Fatal(err)
		}
	}
	words, err := ProjectWords(dir)
	if err != nil || strings.Join(words, ",") != "Miragaia,fado" {
		t.Fatalf("word list %q, %v", words, err)
	}
	withWords := WithProjectWords(d, words)
	if !withWords.Correct("Miragaia") || !withWords.Correct("fado") || d.Correct("fado") {
		t.Error("the project's words are not taken, or leaked into the shared dictionary")
	}
	if err := AddProjectWord(dir, "two\nlines"); err == nil {
		t.Error("a word with a line break was added")
	}
}

// FuzzLoad reads any affix file and word list without panicking, and checks any word.
func FuzzLoad(f *testing.F) {
	aff, _ := os.ReadFile("testdata/xx.aff")
	dic, _ := os.ReadFile("testdata/xx.dic")
	f.Add(string(aff), string(dic), "nights")
	f.Add("SFX A Y 1\nSFX A 0 s [\n", "1\nx/A\n", "xs")
	f.Fuzz(func(t *testing.T, aff, dic, word string) {
		d, err := Load(strings.NewReader(aff), strings.NewReader(dic))
		if err != nil {
			return
		}
		d.Correct(word)
		if len(word) < 12 {
			d.Suggest(word, 3)
		}
	})
}

package validate

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// rgbRE is the rule paintsRGB implements, as the regular expression it replaced.
var rgbRE = regexp.MustCompile(`(?m)(^|\s)[\d.]+\s+[\d.]+\s+[\d.]+\s+(rg|RG)\b`)

func TestPaintsRGB(t *testing.T) {
	for _, tt := range []struct {
		content string
		want    bool
	}{
		{"1 0 0 rg", true},
		{"q\n0.2 0.4 .6 RG\nQ", true},
		{"BT 0 0 0 1 k ET", false},   // CMYK
		{"0 0 0 1 K 0 g", false},     // grey
		{"1 0 rgb", false},           // a longer name
		{"0 0 0 rgx 1 0 0 rg", true}, // the second one counts
		{"x1 0 0 rg", false},         // a number glued to a name
		{"1 0 0rg", false},           // no space before the operator
		{"1 0 rg", false},            // two numbers
		{"/Cs1 cs 0.5 0.5 0.5 scn", false},
		{"", false},
		{"rg", false},
	} {
		if got := paintsRGB(tt.content); got != tt.want {
			t.Errorf("paintsRGB(%q) = %v, want %v", tt.content, got, tt.want)
		}
		if re := rgbRE.MatchString(tt.content); re != tt.want {
			t.Errorf("the table is wrong about %q: the rule says %v", tt.content, re)
		}
	}
}

// FuzzPaintsRGB holds the scanner to the regular expression it replaced.
func FuzzPaintsRGB(f *testing.F) {
	for _, s := range []string{"1 0 0 rg", "0.1 .2 3. RG\n", "1 1 1 1 rg_", "\t1\n2\r3\frg"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := paintsRGB(s), rgbRE.MatchString(s); got != want {
			t.Errorf("paintsRGB(%q) = %v, the rule says %v", s, got, want)
		}
	})
}

func TestEachPageWords(t *testing.T) {
	const out = `<doc>
  <page width="396.000000" height="612.000000">
    <word xMin="66.980000" yMin="528.049520" xMax="90.822800" yMax="542.568320">Charis</word>
    <word xMin="1" yMin="2" xMax="3" yMax="4">&amp;</word>
  </page>
  <page width="396.000000" height="600.000000">
  </page>
  <page width="396.000000" height="612.000000">
    <word xMin="5" yMin="6" xMax="7" yMax="8">last</word>
  </page>
</doc>`
	var got []string
	eachPageWords(out, func(h float64, ws []bboxWord) {
		got = append(got, fmt.Sprintf("%g:%v", h, ws))
	})
	want := []string{"612:[{66.98 528.04952 90.8228 542.56832 Charis} {1 2 3 4 &amp;}]", "600:[]", "612:[{5 6 7 8 last}]"}
	if !slices.Equal(got, want) {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

// FuzzEachPageWords: pdftotext's output, whatever it is, is read without a panic, and its
// pages are counted as the page tags.
func FuzzEachPageWords(f *testing.F) {
	f.Add(`<page width="1" height="2"><word xMin="1" yMin="2" xMax="3" yMax="4">w</word></page>`)
	f.Add(`<page height="2"><word xMin="1"`)
	f.Fuzz(func(t *testing.T, s string) {
		pages := 0
		eachPageWords(s, func(float64, []bboxWord) { pages++ })
		if want := strings.Count(s, "<page "); pages > want {
			t.Errorf("%d pages read from %d page tags", pages, want)
		}
	})
}

func TestPageRuns(t *testing.T) {
	many := make([]int, 40)
	for i := range many {
		many[i] = 10 * (i + 1)
	}
	for _, tt := range []struct {
		pages []int
		want  [][2]int
	}{
		{nil, nil},
		{[]int{7}, [][2]int{{7, 7}}},
		{[]int{1, 2, 3, 9, 30}, [][2]int{{1, 3}, {9, 9}, {30, 30}}},
		{[]int{1, 5, 9}, [][2]int{{1, 9}}}, // a few pages apart: one run
		{many, [][2]int{{10, 400}}},        // too many runs: one
	} {
		if got := pageRuns(tt.pages); !slices.Equal(got, tt.want) {
			t.Errorf("pageRuns(%v) = %v, want %v", tt.pages, got, tt.want)
		}
	}
}

func TestPagesWithImages(t *testing.T) {
	objs := map[string]map[string]any{
		"1 0 R": {"/XObject": map[string]any{"/I1": "2 0 R"}},
		"2 0 R": {"/Subtype": "/Image"},
		"3 0 R": {"/Resources": "1 0 R"}, // a page tree node whose pages inherit
	}
	dict := func(v any) map[string]any {
		if ref, ok := v.(string); ok {
			return objs[ref]
		}
		m, _ := v.(map[string]any)
		return m
	}
	pages := []map[string]any{
		{"/Resources": map[string]any{"/Font": map[string]any{}}},                 // text only
		{"/Resources": "1 0 R"},                                                   // an image
		{"/Parent": "3 0 R"},                                                      // inherits one
		{"/Resources": map[string]any{"/XObject": map[string]any{"/X": "9 0 R"}}}, // unreadable: listed
		{}, // no resources at all: listed
	}
	if got, want := pagesWithImages(pages, dict), []int{2, 3, 4, 5}; !slices.Equal(got, want) {
		t.Errorf("pagesWithImages = %v, want %v", got, want)
	}
}

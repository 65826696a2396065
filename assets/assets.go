// Package assets holds what every build embeds: the print fonts (OFL TrueType faces, with their
// licences), the EPUB stylesheet, TeX hyphenation patterns, the application icon and the
// sample anthology. It imports nothing of the project, so every package may use it.
package assets

import (
	"embed"
	"fmt"
	"io/fs"
	"slices"
	"strconv"
	"strings"
)

//go:embed fonts hyphenation css sample icon
var files embed.FS

// Style names the four faces of a font family.
type Style int

// The faces every bundled family has.
const (
	Regular Style = iota
	Italic
	Bold
	BoldItalic
)

// Styles lists the faces in a fixed order.
var Styles = []Style{Regular, Italic, Bold, BoldItalic}

// StyleOf is the style of a face that is bold, italic, both or neither.
func StyleOf(bold, italic bool) Style {
	switch {
	case bold && italic:
		return BoldItalic
	case bold:
		return Bold
	case italic:
		return Italic
	}
	return Regular
}

func (s Style) String() string {
	return [...]string{"Regular", "Italic", "Bold", "BoldItalic"}[s]
}

// Family describes a bundled font family.
type Family struct {
	// Key is the name a project uses (print.font).
	Key string
	// Name is the family's own name, as a stylesheet or a PDF names it.
	Name string
	// File is the file name pattern of the faces; %s is replaced by the style.
	file string
	// License is the licence file's path inside Files.
	License string
	// upright is set for a script's face that has no italics (Arabic, Hebrew): its italic
	// styles are its roman ones, as those scripts are printed.
	upright bool
}

// Families are the bundled print fonts, the default first.
var Families = []Family{
	{Key: "charis", Name: "Charis SIL", file: "fonts/charis/CharisSIL-%s.ttf", License: "fonts/charis/OFL.txt"},
	{Key: "caladea", Name: "Caladea", file: "fonts/caladea/Caladea-%s.ttf", License: "fonts/caladea/OFL.txt"},
	// Gentium Plus (unmodified: "Gentium" is a reserved font name) also draws the Greek,
	// polytonic included, that Charis and Caladea lack: a fallback for every book.
	{Key: "gentium", Name: "Gentium Plus", file: "fonts/gentium/GentiumPlus-%s.ttf", License: "fonts/gentium/OFL.txt"},
}

// ScriptFamilies are the faces of the scripts the book fonts lack, drawn where a text needs
// them and never a book's body font: Noto Naskh Arabic and Noto Serif Hebrew (unmodified, from
// Debian's fonts-noto-core). Each has a roman and a bold; italic text in them is set upright.
var ScriptFamilies = []Family{
	{Key: "naskh", Name: "Noto Naskh Arabic", file: "fonts/naskh/NotoNaskhArabic-%s.ttf", License: "fonts/naskh/OFL.txt", upright: true},
	{Key: "hebrew", Name: "Noto Serif Hebrew", file: "fonts/hebrew/NotoSerifHebrew-%s.ttf", License: "fonts/hebrew/OFL.txt", upright: true},
}

// DotMarks are the marks the typesetter draws from full stops when no font has them (the
// vertical and midline ellipses): no glyph of their own is needed to print them.
const DotMarks = "\u22EE\u22EF\u2E3D"

// LookupFamily returns the bundled family (a body font or a script's face) with the given key.
func LookupFamily(key string) (Family, bool) {
	for _, f := range slices.Concat(Families, ScriptFamilies) {
		if f.Key == strings.ToLower(key) {
			return f, true
		}
	}
	return Family{}, false
}

// FacePath is the path of one face inside Files.
func (f Family) FacePath(s Style) string {
	if f.upright {
		s = map[Style]Style{Regular: Regular, Italic: Regular, Bold: Bold, BoldItalic: Bold}[s]
	}
	return fmt.Sprintf(f.file, s)
}

// Face returns the TrueType data of one face of the family.
func (f Family) Face(s Style) ([]byte, error) { return files.ReadFile(f.FacePath(s)) }

// Files gives read access to every embedded file.
func Files() fs.FS { return files }

// Sample is the bundled sample anthology, a project folder.
func Sample() fs.FS {
	sub, err := fs.Sub(files, "sample")
	if err != nil {
		panic(err) // the folder is embedded at build time; its absence is a build error
	}
	return sub
}

// Stylesheet is the EPUB's default book style.
func Stylesheet() []byte {
	b, err := files.ReadFile("css/book.css")
	if err != nil {
		panic(err)
	}
	return b
}

// Icon is the application icon, a PNG.
func Icon() []byte {
	b, err := files.ReadFile("icon/anthology.png")
	if err != nil {
		panic(err)
	}
	return b
}

// hyphenationFiles maps a language (a BCP 47 tag's primary subtag, or a whole tag) to the
// stem of its hyph-utf8 files under hyphenation/.
var hyphenationFiles = map[string]string{
	"en": "hyph-en-us", "en-us": "hyph-en-us", "en-gb": "hyph-en-gb", "en-uk": "hyph-en-gb",
	"fr": "hyph-fr", "de": "hyph-de-1996", "es": "hyph-es", "it": "hyph-it", "pt": "hyph-pt",
	"nl": "hyph-nl", "sv": "hyph-sv", "da": "hyph-da", "nb": "hyph-nb", "no": "hyph-nb",
	"pl": "hyph-pl", "ru": "hyph-ru", "uk": "hyph-uk", "el": "hyph-el-monoton", "la": "hyph-la",
}

// HyphenationLanguages lists the language tags hyphenation patterns are bundled for.
func HyphenationLanguages() []string {
	var out []string
	for tag := range hyphenationFiles {
		out = append(out, tag)
	}
	slices.Sort(out)
	return out
}

// HyphenationPatterns returns the Liang patterns and the exceptions (possibly none) for a
// language tag, and the fewest letters the patterns' authors allow before and after a break
// when typesetting (from the header of their TeX file, shipped as hyph-*.licence.txt).
func HyphenationPatterns(lang string) (patterns, exceptions []byte, ok bool) {
	name := hyphenationFile(lang)
	if name == "" {
		return nil, nil, false
	}
	p, err := files.ReadFile("hyphenation/" + name + ".pat.txt")
	if err != nil {
		return nil, nil, false
	}
	e, _ := files.ReadFile("hyphenation/" + name + ".hyp.txt") // not every language has exceptions
	return p, e, true
}

// HyphenationMinimums returns the letters a language's patterns want before and after a
// break when typesetting (2 and 3 for English, 2 and 2 for French…), 2 and 3 when unknown.
func HyphenationMinimums(lang string) (left, right int) {
	left, right = 2, 3
	name := hyphenationFile(lang)
	if name == "" {
		return
	}
	head, err := files.ReadFile("hyphenation/" + name + ".licence.txt")
	if err != nil {
		return
	}
	// "% hyphenmins:" then "%     typesetting:" then "left: N" and "right: M".
	lines := strings.Split(string(head), "\n")
	in := false
	for _, l := range lines {
		t := strings.TrimSpace(strings.TrimPrefix(l, "%"))
		switch {
		case t == "typesetting:":
			in = true
		case in && strings.HasPrefix(t, "left:"):
			if n, err := strconv.Atoi(strings.TrimSpace(strings.TrimPrefix(t, "left:"))); err == nil {
				left = n
			}
		case in && strings.HasPrefix(t, "right:"):
			if n, err := strconv.Atoi(strings.TrimSpace(strings.TrimPrefix(t, "right:"))); err == nil {
				right = n
			}
			return
		}
	}
	return
}

func hyphenationFile(lang string) string {
	tag := strings.ToLower(strings.TrimSpace(lang))
	if name, ok := hyphenationFiles[tag]; ok {
		return name
	}
	if i := strings.IndexByte(tag, '-'); i > 0 {
		if strings.HasPrefix(tag, "en-gb") {
			return "hyph-en-gb"
		}
		return hyphenationFiles[tag[:i]]
	}
	return ""
}

// Package assets holds what every build embeds: the print fonts (OFL TrueType faces, with their
// licences), the EPUB stylesheet, TeX hyphenation patterns, the application icon and the
// sample anthology. It imports nothing of the project, so every package may use it.
package assets

import (
	"embed"
	"fmt"
	"io/fs"
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
}

// Families are the bundled print fonts, the default first.
var Families = []Family{
	{Key: "charis", Name: "Charis SIL", file: "fonts/charis/CharisSIL-%s.ttf", License: "fonts/charis/OFL.txt"},
	{Key: "caladea", Name: "Caladea", file: "fonts/caladea/Caladea-%s.ttf", License: "fonts/caladea/OFL.txt"},
	// Gentium Plus (unmodified: "Gentium" is a reserved font name) also draws the Greek,
	// polytonic included, that Charis and Caladea lack: a fallback for every book.
	{Key: "gentium", Name: "Gentium Plus", file: "fonts/gentium/GentiumPlus-%s.ttf", License: "fonts/gentium/OFL.txt"},
}

// DotMarks are the marks the typesetter draws from full stops when no font has them (the
// vertical and midline ellipses): no glyph of their own is needed to print them.
const DotMarks = "\u22EE\u22EF\u2E3D"

// LookupFamily returns the bundled family with the given key.
func LookupFamily(key string) (Family, bool) {
	for _, f := range Families {
		if f.Key == strings.ToLower(key) {
			return f, true
		}
	}
	return Family{}, false
}

// FacePath is the path of one face inside Files.
func (f Family) FacePath(s Style) string { return fmt.Sprintf(f.file, s) }

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

// HyphenationPatterns returns the Liang patterns and the exception list for a language tag
// ("en", "en-US", "en-GB"), and false when none is bundled for it.
func HyphenationPatterns(lang string) (patterns, exceptions []byte, ok bool) {
	tag := strings.ToLower(lang)
	var name string
	switch {
	case tag == "en-gb" || tag == "en-uk" || strings.HasPrefix(tag, "en-gb-"):
		name = "hyph-en-gb"
	case tag == "en" || strings.HasPrefix(tag, "en-"):
		name = "hyph-en-us"
	default:
		return nil, nil, false
	}
	p, err1 := files.ReadFile("hyphenation/" + name + ".pat.txt")
	e, err2 := files.ReadFile("hyphenation/" + name + ".hyp.txt")
	if err1 != nil || err2 != nil {
		return nil, nil, false
	}
	return p, e, true
}

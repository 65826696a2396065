package anthology

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"golang.org/x/image/font/sfnt"

	"github.com/anthology-editor/anthology/anthology/bounded"
	"github.com/anthology-editor/anthology/assets"
)

// FontDir is the folder of a project's own fonts: TrueType files (.ttf) a book may be set in
// (print.font names the family) or that draw what the bundled fonts cannot (a script, symbols).
const FontDir = "fonts"

// MaxFontBytes bounds one font file (the largest CJK faces are about 20 MB).
const MaxFontBytes = 40 << 20

// FontFile is one face a project brings in fonts/.
type FontFile struct {
	Path   string // "fonts/Lora-Italic.ttf"
	Family string // the family's name, from the font's own name table: "Lora"
	Bold   bool
	Italic bool
	Data   []byte
}

// Style names the face within its family: "Bold Italic".
func (f *FontFile) Style() string {
	switch {
	case f.Bold && f.Italic:
		return "Bold Italic"
	case f.Bold:
		return "Bold"
	case f.Italic:
		return "Italic"
	}
	return "Regular"
}

// StyleOf is the face's place in its family's four styles.
func (f *FontFile) StyleOf() assets.Style { return assets.StyleOf(f.Bold, f.Italic) }

// ProjectFamily returns the project's font family named name (case does not matter), "" when
// it has none.
func (p *Project) ProjectFamily(name string) string {
	for _, f := range p.Fonts {
		if strings.EqualFold(f.Family, name) {
			return f.Family
		}
	}
	return ""
}

// fontFamilies lists the project's font families, each once, in file order.
func fontFamilies(fonts []*FontFile) []string {
	var out []string
	for _, f := range fonts {
		if !slices.Contains(out, f.Family) {
			out = append(out, f.Family)
		}
	}
	return out
}

// readFonts reads the project's fonts/ folder (no folder, no fonts). Each file must be a
// TrueType font the PDF writer can embed; anything else is an error that says why.
func readFonts(fsys projectFS, dir string) ([]*FontFile, Errors) {
	entries, err := fs.ReadDir(fsys, FontDir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, Errors{&Error{File: display(dir, FontDir), Msg: err.Error()}}
	}
	var out []*FontFile
	var errs Errors
	for _, e := range entries {
		name := path.Join(FontDir, e.Name())
		ext := strings.ToLower(path.Ext(name))
		if e.IsDir() || strings.HasPrefix(e.Name(), ".") || !slices.Contains([]string{".ttf", ".otf", ".ttc", ".otc", ".woff", ".woff2"}, ext) {
			continue // licences, read-me files and the like live beside the fonts
		}
		data, err := bounded.ReadFS(fsys, name, MaxFontBytes)
		if err != nil {
			errs = append(errs, &Error{File: display(dir, name), Msg: err.Error()})
			continue
		}
		f, err := parseFontFile(name, data)
		if err != nil {
			errs = append(errs, &Error{File: display(dir, name), Msg: err.Error()})
			continue
		}
		for _, o := range out {
			if o.Family == f.Family && o.Bold == f.Bold && o.Italic == f.Italic {
				errs = append(errs, &Error{File: display(dir, name), Msg: fmt.Sprintf("%s %s is also %s; keep one of them", f.Family, f.Style(), o.Path)})
			}
		}
		out = append(out, f)
	}
	return out, errs
}

// parseFontFile reads a font's family and style from its name table.
func parseFontFile(name string, data []byte) (*FontFile, error) {
	switch {
	case bytes.HasPrefix(data, []byte("OTTO")):
		return nil, errors.New("an OpenType font with CFF (PostScript) outlines, which the PDF writer cannot embed (it embeds TrueType outlines only); use the family's TrueType (.ttf) release, or convert it (FontForge: Generate Fonts → TrueType)")
	case bytes.HasPrefix(data, []byte("ttcf")):
		return nil, errors.New("a font collection (.ttc); put each face in its own TrueType file")
	case bytes.HasPrefix(data, []byte("wOFF")), bytes.HasPrefix(data, []byte("wOF2")):
		return nil, errors.New("a web font (WOFF); use the family's TrueType (.ttf) release")
	case !bytes.HasPrefix(data, []byte{0, 1, 0, 0}) && !bytes.HasPrefix(data, []byte("true")):
		return nil, errors.New("not a TrueType font")
	}
	f, err := sfnt.Parse(data)
	if err != nil {
		return nil, fmt.Errorf("not a font that can be read: %v", err)
	}
	var buf sfnt.Buffer
	nameOf := func(ids ...sfnt.NameID) string {
		for _, id := range ids {
			if s, err := f.Name(&buf, id); err == nil && strings.TrimSpace(s) != "" {
				return strings.TrimSpace(s)
			}
		}
		return ""
	}
	family := nameOf(sfnt.NameIDTypographicFamily, sfnt.NameIDFamily)
	if family == "" {
		return nil, errors.New("the font names no family")
	}
	sub := strings.ToLower(nameOf(sfnt.NameIDTypographicSubfamily, sfnt.NameIDSubfamily))
	return &FontFile{
		Path:   name,
		Family: family,
		Bold:   strings.Contains(sub, "bold") || strings.Contains(sub, "black") || strings.Contains(sub, "heavy"),
		Italic: strings.Contains(sub, "italic") || strings.Contains(sub, "oblique"),
		Data:   data,
	}, nil
}

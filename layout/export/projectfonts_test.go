package export_test

import (
	"context"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/anthology-editor/anthology/anthology"
	"github.com/anthology-editor/anthology/anthology/check"
	"github.com/anthology-editor/anthology/anthology/edit/edittest"
	"github.com/anthology-editor/anthology/layout/export"
	"github.com/anthology-editor/anthology/layout/internal/qa"
)

// armenianFont is a TrueType face no bundled font replaces (Noto Serif Armenian, OFL, with its
// licence beside it).
func armenianFont(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile("testdata/fonts/NotoSerifArmenian-Regular.ttf")
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

const armenianProject = "title: Letters from Yerevan\neditors: [ed]\ncontributors:\n  - {id: ed, name: Ann Lee, bio: She edits.}\n" +
	"  - {id: au, name: Anahit Sarian, bio: She writes.}\ncontents: [letter]\n"

const armenianEssay = "---\ntitle: A Letter\nauthors: [au]\n---\n\nMy grandmother signed every letter the same way, [Սիրով՝ քո տատիկ]{lang=hy}, with love from your grandmother, and underlined the last word twice.\n"

// TestProjectFonts builds books with a font the project brings in fonts/: as a fallback for a
// script no bundled font draws, and as the book's own face (print.font names its family). The
// characters are drawn from it (pdffonts lists it embedded), read back from the PDF, and the
// checks know it; an OpenType/CFF file is refused with the reason.
func TestProjectFonts(t *testing.T) {
	t.Parallel()
	font := armenianFont(t)
	t.Run("fallback", func(t *testing.T) {
		p := edittest.WriteProject(t, map[string]string{
			"anthology.yaml": armenianProject, "essays/letter.md": armenianEssay,
			"fonts/NotoSerifArmenian-Regular.ttf": font, "fonts/OFL.txt": "the licence",
		})
		findings, err := export.Check(p, false)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range findings {
			if f.Code == "glyphs" && f.Severity == check.Error {
				t.Errorf("the check does not know the project's font: %s", f)
			}
		}
		res, err := export.Build(context.Background(), p, export.Options{OutDir: t.TempDir()})
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range res.Warnings {
			if strings.Contains(w.Msg, "no font (bundled") {
				t.Errorf("a character is missing: %s", w.Msg)
			}
		}
		_, pdfFile := builtFiles(res)
		fonts, err := qa.Tool(t, "pdffonts", pdfFile)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(fonts, "+NotoSerifArmenian-Regular") || !strings.Contains(fonts, "+CharisSIL") {
			t.Errorf("pdffonts:\n%s", fonts)
		}
		txt, err := qa.Tool(t, "pdftotext", "-enc", "UTF-8", pdfFile, "-")
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(strings.Join(strings.Fields(txt), " "), "Սիրով՝ քո տատիկ") {
			t.Errorf("the PDF lacks the Armenian words:\n%s", txt)
		}
	})
	t.Run("the book's face", func(t *testing.T) {
		p := edittest.WriteProject(t, map[string]string{
			"anthology.yaml":   armenianProject + "print: {font: noto serif armenian}\nepub: {embed_fonts: true}\n",
			"essays/letter.md": armenianEssay, "fonts/NotoSerifArmenian-Regular.ttf": font,
		})
		res, err := export.Build(context.Background(), p, export.Options{OutDir: t.TempDir()})
		if err != nil {
			t.Fatal(err)
		}
		// The checks hold the book's text to the project's face: the Latin it lacks comes from
		// the bundled ones.
		findings, err := export.Check(p, false)
		if err != nil {
			t.Fatal(err)
		}
		said := false
		for _, f := range findings {
			said = said || f.Code == "glyphs" && strings.Contains(f.Message, "Noto Serif Armenian lacks ',' (U+002C), '.' (U+002E), 'A'")
		}
		if !said {
			t.Errorf("the checks do not take the project's face as the print font: %v", findings)
		}
		var names []string
		for _, f := range res.Book.Faces {
			names = append(names, f.Name)
		}
		if !slices.Contains(names, "Noto Serif Armenian Regular") || !slices.Contains(names, "Charis SIL Regular") {
			t.Errorf("the book's faces: %v", names)
		}
		epubFile, _ := builtFiles(res)
		data, err := os.ReadFile(epubFile)
		if err != nil {
			t.Fatal(err)
		}
		if css := string(readZip(t, data, "EPUB/css/fonts.css")); !strings.Contains(css, `font-family: "Noto Serif Armenian"`) {
			t.Errorf("the EPUB's fonts.css:\n%s", css)
		}
		if got := readZip(t, data, "EPUB/fonts/project-regular.ttf"); string(got) != font {
			t.Error("the EPUB does not embed the project's font")
		}
		allValidatorsClean(t, epubFile)
	})
	t.Run("refused", func(t *testing.T) {
		for _, tt := range []struct{ file, data, want string }{
			{"fonts/Face.otf", "OTTO" + strings.Repeat("\x00", 64), "fonts/Face.otf: an OpenType font with CFF (PostScript) outlines, which the PDF writer cannot embed"},
			{"fonts/Face.woff2", "wOF2" + strings.Repeat("\x00", 64), "fonts/Face.woff2: a web font (WOFF)"},
			{"fonts/Face.ttf", "not a font at all", "fonts/Face.ttf: not a TrueType font"},
		} {
			dir := edittest.WriteFiles(t, map[string]string{"anthology.yaml": armenianProject, "essays/letter.md": armenianEssay, tt.file: tt.data})
			_, err := anthology.Open(dir)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("%s: err = %v, want %q", tt.file, err, tt.want)
			}
		}
		dir := edittest.WriteFiles(t, map[string]string{"anthology.yaml": armenianProject + "print: {font: Lora}\n", "essays/letter.md": armenianEssay})
		if _, err := anthology.Open(dir); err == nil || !strings.Contains(err.Error(), `unknown font "Lora"; choose one of charis, caladea, gentium (or put its TrueType files in fonts/)`) {
			t.Errorf("unknown font: %v", err)
		}
	})
}

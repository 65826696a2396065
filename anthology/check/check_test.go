package check_test

import (
	"maps"
	"strings"
	"testing"

	"github.com/anthology-editor/anthology/anthology"
	"github.com/anthology-editor/anthology/anthology/check"
	"github.com/anthology-editor/anthology/anthology/edit/edittest"
	"github.com/anthology-editor/anthology/assets"
)

// clean is a project with nothing to report, even in a final build.
var clean = map[string]string{
	"anthology.yaml": `title: Clean Book
editors: [ed]
cover: images/cover.jpg
identifiers: {isbn_epub: 978-1-950000-01-2, isbn_print: 978-1-950000-02-9}
contributors:
  - {id: ed, name: Edna Editor, bio: Edna edits.}
  - {id: au, name: Aldo Author, bio: Aldo writes.}
contents:
  - part: One
    essays: [first]
`,
	"images/cover.jpg": "not really a jpeg, but present",
	"essays/first.md": "---\ntitle: First\nauthors: [au]\nsource: The Review, 2020\npermission: {status: cleared, holder: The Review}\n---\n\n" +
		strings.Repeat("A sentence of the essay with several words in it. ", 40) + "A note.[^1]\n\n[^1]: The note.\n",
}

func project(t *testing.T, edits map[string]string) *anthology.Project {
	t.Helper()
	files := maps.Clone(clean)
	maps.Copy(files, edits)
	return edittest.WriteProject(t, files)
}

// glyphs pretends the print font lacks "ſ" (which another font has) and nobody has "𝄞".
func glyphs(r rune) (bool, bool) {
	switch r {
	case 'ſ':
		return false, true
	case '𝄞':
		return false, false
	}
	return true, true
}

func TestCleanProject(t *testing.T) {
	fs := check.Run(project(t, nil), check.Options{Final: true, Glyphs: glyphs, FontName: "Charis SIL"})
	if len(fs) != 0 {
		t.Errorf("findings on a clean project: %v", fs)
	}
	if check.ExitStatus(fs) != 0 {
		t.Error("exit status not 0")
	}
}

func TestEachFinding(t *testing.T) {
	long := strings.Repeat("word ", 200)
	tests := []struct {
		name  string
		edits map[string]string
		final bool
		sev   check.Severity
		code  string
		want  string // in the message and position
	}{
		{"no author", map[string]string{"essays/first.md": "---\ntitle: First\n---\n\n" + long}, false, check.Warning, "no-author", "first.md:2:8: the essay has no author"},
		{"no bio", map[string]string{"anthology.yaml": strings.Replace(clean["anthology.yaml"], "name: Aldo Author, bio: Aldo writes.", "name: Aldo Author", 1)}, false, check.Warning, "no-bio", "anthology.yaml:7:5: contributor Aldo Author has no bio"},
		{"unused contributor", map[string]string{"anthology.yaml": strings.Replace(clean["anthology.yaml"], "contents:", "  - {id: zed, name: Zed Nobody, bio: Z.}\ncontents:", 1)}, false, check.Warning, "unused-contributor", "contributor Zed Nobody wrote no essay"},
		{"reprint without source", map[string]string{"essays/first.md": "---\ntitle: First\nauthors: [au]\nnotes: First published in a zine.\n---\n\n" + long}, false, check.Warning, "no-source", "looks reprinted"},
		{"permission pending", map[string]string{"essays/first.md": "---\ntitle: First\nauthors: [au]\nsource: The Review\npermission: {status: requested, holder: The Review}\n---\n\n" + long}, false, check.Warning, "permission", `first.md:5:22: permission to reprint "First" is not cleared (requested)`},
		{"permission pending, final", map[string]string{"essays/first.md": "---\ntitle: First\nauthors: [au]\nsource: The Review\n---\n\n" + long}, true, check.Error, "permission", `first.md:4:9: permission to reprint "First" is not cleared (needed)`},
		{"permission denied", map[string]string{"essays/first.md": "---\ntitle: First\nauthors: [au]\nsource: X\npermission: {status: denied}\n---\n\n" + long}, false, check.Error, "permission", "was denied"},
		{"glyph fallback", map[string]string{"essays/first.md": "---\ntitle: First\nauthors: [au]\n---\n\nThe long ſ of old books. " + long}, false, check.Warning, "glyphs", `first.md:6:10: Charis SIL lacks 'ſ' (U+017F)`},
		{"glyph missing", map[string]string{"essays/first.md": "---\ntitle: First\nauthors: [au]\n---\n\nA clef 𝄞 here. " + long}, false, check.Error, "glyphs", `first.md:6:8: no font (bundled or in fonts/) has '𝄞' (U+1D11E)`},
		// The book's own words are printed too (title pages, cover): the cover once failed on
		// an emoji in the title while check --final passed.
		{"glyph missing in the book's title", map[string]string{"anthology.yaml": strings.Replace(clean["anthology.yaml"], "title: Clean Book", "title: Clean 𝄞 Book", 1)}, false, check.Error, "glyphs", `anthology.yaml:1:8: no font (bundled or in fonts/) has '𝄞' (U+1D11E); the print edition and its cover`},
		{"glyph missing in a contributor's name", map[string]string{"anthology.yaml": strings.Replace(clean["anthology.yaml"], "name: Aldo Author", "name: Aldo 𝄞 Author", 1)}, false, check.Error, "glyphs", `anthology.yaml:7:20: no font (bundled or in fonts/) has '𝄞'`},
		{"duplicate title", map[string]string{"anthology.yaml": strings.Replace(clean["anthology.yaml"], "[first]", "[first, second]", 1),
			"essays/second.md": "---\ntitle: first\nauthors: [au]\n---\n\n" + long}, false, check.Warning, "duplicate-title", `second.md:2:8: the title "first" is also the title of essays/first.md`},
		{"empty essay", map[string]string{"essays/first.md": "---\ntitle: First\nauthors: [au]\n---\n\n"}, false, check.Error, "empty", "the essay has no text"},
		{"short essay", map[string]string{"essays/first.md": "---\ntitle: First\nauthors: [au]\n---\n\nJust a few words.\n"}, false, check.Warning, "short", "first.md:5:1: the essay has only 4 words"},
		{"long headnote", map[string]string{"essays/first.md": "---\ntitle: First\nauthors: [au]\nheadnote: " + strings.Repeat("much ", 10) + "\n---\n\nTiny body.\n"}, false, check.Warning, "long-headnote", "the headnote (10 words) is longer than the essay (2)"},
		{"empty part", map[string]string{"anthology.yaml": clean["anthology.yaml"] + "  - part: Two\n"}, false, check.Warning, "empty-part", `anthology.yaml:11:5: part "Two" has no essays`},
		{"no cover", map[string]string{"anthology.yaml": strings.Replace(clean["anthology.yaml"], "cover: images/cover.jpg\n", "", 1)}, true, check.Error, "no-cover", "a final build needs a cover image"},
		{"wrong isbn", map[string]string{"anthology.yaml": strings.Replace(clean["anthology.yaml"], "isbn_print: 978-1-950000-02-9", "isbn_print: 978-1-950000-02-8", 1)}, false, check.Error, "isbn", "the EPUB and the cover leave it out"},
		{"no isbn", map[string]string{"anthology.yaml": strings.Replace(clean["anthology.yaml"], ", isbn_print: 978-1-950000-02-9", "", 1)}, true, check.Error, "no-isbn", "print edition's ISBN"},
		{"broken footnote", map[string]string{"essays/first.md": "---\ntitle: First\nauthors: [au]\n---\n\n" + long + "A note.[^2]\n"}, false, check.Error, "footnote", "first.md:6:1008: footnote [^2] has no note"},
		{"unused note", map[string]string{"essays/first.md": "---\ntitle: First\nauthors: [au]\n---\n\n" + long + "\n\n[^9]: Lonely.\n"}, false, check.Warning, "footnote", "first.md:8:1: note [^9] is referred to nowhere"},
		{"internal link", map[string]string{"essays/first.md": "---\ntitle: First\nauthors: [au]\n---\n\n" + long + " See [above](#top).\n"}, false, check.Warning, "link", `first.md:6:1006: link to "#top" leads nowhere in a book`},
		{"glyph missing in the headnote", map[string]string{"essays/first.md": "---\ntitle: First\nauthors: [au]\nheadnote: A clef 𝄞.\n---\n\n" + long}, false, check.Error, "glyphs", `first.md:4:11: no font (bundled or in fonts/) has '𝄞'`},
		{"glyph missing in a note", map[string]string{"essays/first.md": "---\ntitle: First\nauthors: [au]\n---\n\n" + long + "[^1]\n\n[^1]: A clef: 𝄞.\n"}, false, check.Error, "glyphs", `first.md:8:15: no font (bundled or in fonts/) has '𝄞'`},
		{"link in verse", map[string]string{"essays/first.md": "---\ntitle: First\nauthors: [au]\n---\n\n" + long + "\n\n| a line with [a link](other.html)\n"}, false, check.Warning, "link", `first.md:8:1: link to "other.html"`},
		{"image in a paragraph", map[string]string{"essays/first.md": "---\ntitle: First\nauthors: [au]\n---\n\n" + long + "A gull ![gull](images/gull.png) flew.\n"}, false, check.Warning, "inline-image", `first.md:6:1008: the image "images/gull.png" stands inside a paragraph`},
		{"figure without its image", map[string]string{"essays/first.md": "---\ntitle: First\nauthors: [au]\n---\n\n" + long + "\n\n![A gull](images/gull.png)\n"}, false, check.Error, "image", `first.md:8:1: image "images/gull.png"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := check.Run(project(t, tt.edits), check.Options{Final: tt.final, Glyphs: glyphs, FontName: "Charis SIL"})
			var found []string
			ok := false
			for _, f := range fs {
				found = append(found, f.String())
				if f.Code == tt.code && f.Severity == tt.sev && strings.Contains(f.String(), tt.want) {
					ok = true
				}
			}
			if !ok {
				t.Errorf("no %s %s finding with %q; found:\n%s", tt.sev, tt.code, tt.want, strings.Join(found, "\n"))
			}
			want := 0
			if tt.sev == check.Error {
				want = 1
			}
			if got := check.ExitStatus(fs); got != want && tt.code != "empty" {
				t.Errorf("exit status %d, want %d", got, want)
			}
		})
	}
}

func TestSampleFindings(t *testing.T) {
	p, err := anthology.LoadFS(assets.Sample(), "sample")
	if err != nil {
		t.Fatal(err)
	}
	fs := check.Run(p, check.Options{Glyphs: glyphs})
	if len(fs) != 1 || fs[0].Essay != "two-voices-on-the-last-bus" || fs[0].Severity != check.Warning {
		t.Errorf("sample findings: %v", fs)
	}
	fs = check.Run(p, check.Options{Glyphs: glyphs, Final: true})
	if len(fs) != 1 || fs[0].Severity != check.Error || !strings.Contains(fs[0].Message, "Two Voices on the Last Bus") {
		t.Errorf("sample final findings: %v", fs)
	}
}

// TestFindingsSayWhere: a finding names the field it is about, or the byte offset in the
// essay's text, so that the app can put the cursor there.
func TestFindingsSayWhere(t *testing.T) {
	body := "\nA clef 𝄞 here, and a note.[^2]\n"
	fs := check.Run(project(t, map[string]string{"essays/first.md": "---\ntitle: First\nauthors: [au]\nheadnote: " + strings.Repeat("much ", 10) + "\n---\n" + body}),
		check.Options{Glyphs: glyphs, FontName: "Charis SIL"})
	where := map[string]string{}
	for _, f := range fs {
		if f.Field == check.Body {
			where[f.Code] = body[f.Offset:]
		} else {
			where[f.Code] = f.Field
		}
	}
	for code, want := range map[string]string{"glyphs": "𝄞 here, and a note.[^2]\n", "footnote": "[^2]\n", "long-headnote": "$.headnote", "no-credit": "$.title"} {
		if where[code] != want {
			t.Errorf("%s finding at %q, want %q (all: %v)", code, where[code], want, fs)
		}
	}
}

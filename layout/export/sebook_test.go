package export_test

import (
	"archive/zip"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/anthology-editor/anthology/anthology"
	"github.com/anthology-editor/anthology/anthology/importer"
	"github.com/anthology-editor/anthology/layout/export"
)

// seEPUB zips a Standard Ebooks book folder of testdata/se into an EPUB, as the project's
// site serves it, with extra OPF metadata before </metadata>.
func seEPUB(t *testing.T, dir, extraMeta string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), filepath.Base(dir)+".epub")
	f, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	add := func(name string, data []byte, method uint16) {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: method})
		if err != nil {
			t.Fatal(err)
		}
		w.Write(data)
	}
	add("mimetype", []byte("application/epub+zip"), zip.Store)
	add("META-INF/container.xml", []byte(`<?xml version="1.0" encoding="utf-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="epub/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>`), zip.Deflate)
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if e.Name() == "content.opf" {
			add("epub/content.opf", []byte(strings.Replace(string(data), "</metadata>", extraMeta+"</metadata>", 1)), zip.Deflate)
			continue
		}
		add("epub/text/"+e.Name(), data, zip.Deflate)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	return out
}

// TestStandardEbooksEPUB: a Standard Ebooks EPUB imports as the book it is — the same essays
// as its folder, in the spine's order, with its author, its translator (as a translator), its
// notes — and the anthology made of it is clean under EPUBCheck 5 and 4 and Ace, with true
// credits.
func TestStandardEbooksEPUB(t *testing.T) {
	t.Parallel() // the validators take most of the time: run them side by side
	dir := "testdata/se/pepys"
	book := seEPUB(t, dir, `<dc:contributor id="translator-1">Jane Roe</dc:contributor>
<meta property="file-as" refines="#translator-1">Roe, Jane</meta>
<meta property="role" refines="#translator-1" scheme="marc:relators">trl</meta>
`)
	fromEPUB, err := importer.ReadFiles([]string{book})
	if err != nil {
		t.Fatal(err)
	}
	fromFolder, err := importer.ReadFiles([]string{filepath.Join(dir, "content.opf")})
	if err != nil {
		t.Fatal(err)
	}
	if len(fromEPUB) != len(fromFolder) {
		t.Fatalf("%d pieces from the EPUB, %d from its folder", len(fromEPUB), len(fromFolder))
	}
	essays := 0
	for i, r := range fromEPUB {
		f := fromFolder[i]
		if r.Kind != f.Kind || r.Title != f.Title || r.Body != f.Body {
			t.Errorf("piece %d: %s %q from the EPUB, %s %q from the folder (bodies equal: %v)", i, r.Kind, r.Title, f.Kind, f.Title, r.Body == f.Body)
		}
		if r.Kind != importer.KindEssay && r.Kind != importer.KindFront {
			continue
		}
		essays++
		roles := map[string]string{}
		for _, a := range r.Authors {
			roles[a.Name] = a.Role
		}
		if roles["Samuel Pepys"] == "translator" || roles["Jane Roe"] != "translator" {
			t.Errorf("%s: contributors %+v", r.Title, r.Authors)
		}
		if !strings.Contains(r.Source, "Standard Ebooks") || r.Rights != "public domain" {
			t.Errorf("%s: source %q, rights %q", r.Title, r.Source, r.Rights)
		}
	}
	if essays == 0 {
		t.Fatal("no essay from the EPUB")
	}

	p, err := anthology.Create(filepath.Join(t.TempDir(), "book"), "The Diary")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range fromEPUB {
		e := importer.Add(p, r)
		if _, err := importer.CopyImages(p, e, r); err != nil {
			t.Fatal(err)
		}
	}
	if err := p.Save(); err != nil {
		t.Fatal(err)
	}
	res, err := export.Build(context.Background(), p, export.Options{OutDir: t.TempDir(), Formats: []export.Format{export.EPUB}})
	if err != nil {
		t.Fatal(err)
	}
	allValidatorsClean(t, res.Files[0])
	page := string(readZip(t, mustRead(t, res.Files[0]), "EPUB/text/credits.xhtml"))
	if !strings.Contains(page, "Standard Ebooks") || strings.Contains(page, "by permission") || strings.Contains(page, "first time") {
		t.Errorf("credits:\n%s", page)
	}
	chapter := ""
	for _, e := range p.Essays() {
		chapter = string(readZip(t, mustRead(t, res.Files[0]), "EPUB/text/essay-"+e.ID+".xhtml"))
		break
	}
	if !strings.Contains(tagRe.ReplaceAllString(chapter, ""), "Translated by Jane Roe") {
		t.Errorf("the byline does not name the translator:\n%.1200s", chapter)
	}
}

func mustRead(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

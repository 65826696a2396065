package importer

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

const fuzzOPF = `<?xml version="1.0" encoding="utf-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>T</dc:title><dc:creator id="a">Ann Lee</dc:creator>
<meta refines="#a" property="role" scheme="marc:relators">aut</meta></metadata>
<manifest><item id="c" href="c.xhtml" media-type="application/xhtml+xml"/></manifest>
<spine><itemref idref="c"/></spine></package>`

const fuzzChapter = `<?xml version="1.0" encoding="utf-8"?>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"><head><title>C</title></head>
<body><section epub:type="chapter"><h2>On Walking</h2><p>I have met with <i>but one</i> or two persons.<a href="c.xhtml#n1" epub:type="noteref">1</a></p>
<aside id="n1" epub:type="endnote"><p>A note.</p></aside></section></body></html>`

// epubOf zips a package document and one chapter as an EPUB.
func epubOf(opf, chapter string) []byte {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	add := func(name, s string) {
		w, _ := zw.Create(name)
		w.Write([]byte(s))
	}
	add("mimetype", "application/epub+zip")
	add("META-INF/container.xml", `<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>`)
	add("OEBPS/content.opf", opf)
	add("OEBPS/c.xhtml", chapter)
	zw.Close()
	return b.Bytes()
}

// FuzzEPUB imports whatever an EPUB's package document and chapter may hold, zipped and as a
// folder with its content.opf: a result or an error, never a panic or a hang, and every
// essay's tallies hold.
func FuzzEPUB(f *testing.F) {
	f.Add(fuzzOPF, fuzzChapter)
	f.Add(fuzzOPF, "<html><body><p>x</p></body></html>")
	f.Add(`<package><spine><itemref idref="../../etc/passwd"/></spine></package>`, "")
	f.Add(`<package><manifest><item id="c" href="/etc/passwd"/></manifest><spine><itemref idref="c"/></spine></package>`, fuzzChapter)
	f.Fuzz(func(t *testing.T, opf, chapter string) {
		dir := t.TempDir()
		book := filepath.Join(dir, "b.epub")
		if err := os.WriteFile(book, epubOf(opf, chapter), 0o644); err != nil {
			t.Fatal(err)
		}
		folder := filepath.Join(dir, "f")
		os.Mkdir(folder, 0o755)
		os.WriteFile(filepath.Join(folder, "content.opf"), []byte(opf), 0o644)
		os.WriteFile(filepath.Join(folder, "c.xhtml"), []byte(chapter), 0o644)
		for _, p := range []string{book, filepath.Join(folder, "content.opf")} {
			rs, err := ReadFiles([]string{p})
			if err != nil {
				continue
			}
			for _, r := range rs {
				if r.Kind == KindEssay {
					checkTallies(t, r)
				}
			}
		}
	})
}

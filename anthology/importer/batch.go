package importer

import (
	"fmt"
	"path/filepath"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// ReadFiles imports files together, as one import. A whole book comes in from its package
// document (FOLDER/content.opf) or its .epub: the spine in reading order, the creators as the
// essays' authors and translators, the book as their first-publication line. Across the files,
// a note referenced in one and kept in another (a book's endnotes) becomes a note of the essay
// that references it, and the notes file is not an essay; a part's or volume's title page
// starts a part; the pages of the source edition (colophon, imprint) are not imported. Every
// file is read before anything is returned, so one bad file fails the whole import.
func ReadFiles(paths []string) ([]*Result, error) {
	var files []bookFile
	beside := map[string]*Book{} // by folder: a package document next to loose chapters
	for _, p := range paths {
		switch strings.ToLower(filepath.Ext(p)) {
		case ".opf":
			fs, err := opfFolder(p)
			if err != nil {
				return nil, err
			}
			files = append(files, fs...)
		case ".epub":
			fs, err := epubFiles(p)
			if err != nil {
				return nil, err
			}
			files = append(files, fs...)
		default:
			if isURL(p) {
				f, err := fetchPage(p)
				if err != nil {
					return nil, err
				}
				files = append(files, f)
				continue
			}
			data, err := readLimited(p)
			if err != nil {
				return nil, err
			}
			dir := filepath.Dir(p)
			b, seen := beside[dir]
			if !seen && isHTMLName(p) {
				b = bookBeside(p)
				beside[dir] = b
			}
			files = append(files, bookFile{name: p, href: filepath.Base(p), data: data, book: b, resource: dirResource(dir)})
		}
	}
	rs, err := readBatch(files)
	if err != nil {
		return nil, err
	}
	for _, r := range rs {
		if err := checkResult(r); err != nil {
			return nil, err
		}
	}
	return rs, nil
}

func isHTMLName(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".html", ".htm", ".xhtml":
		return true
	}
	return false
}

func readBatch(files []bookFile) ([]*Result, error) {
	results := make([]*Result, len(files))
	srcs := make([]*htmlSource, len(files))
	var all []*htmlSource
	for i, f := range files {
		if !isHTMLName(f.href) {
			r, err := Read(f.name, f.data)
			if err != nil {
				return nil, err
			}
			results[i] = r
			continue
		}
		text, err := decodeText(f.data)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f.name, err)
		}
		src, err := parseHTML(f.name, f.href, text)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f.name, err)
		}
		if f.book != nil {
			src.book = true
		}
		src.resource, src.web = f.resource, f.web
		srcs[i] = src
		all = append(all, src)
	}
	notes := newNoteSet(all)
	// Essays first, so that a notes file knows which of its notes they took.
	notesFile := make([]bool, len(files))
	for i, src := range srcs {
		if src == nil {
			continue
		}
		if kind := editionPage(src); kind != "" {
			results[i] = wholeCut(src, KindEdition, "page of the source edition ("+kind+"), not the author's text")
			continue
		}
		if notes.holdsNotesOnly(src) {
			notesFile[i] = true
			continue
		}
		blocks, h := src.blocks(notes)
		results[i] = clean(src.name, "html", blocks, h)
		if m := frontMatter(src); m != "" {
			results[i].Kind, results[i].Matter = KindFront, m
		}
	}
	for i, src := range srcs {
		if notesFile[i] {
			results[i] = notes.notesResult(src)
		}
	}
	// Book metadata, parts and the order of the contents.
	part := ""
	for i, r := range results {
		if srcs[i] != nil && srcs[i].book && r.Kind == KindEssay && r.WordsOut == 0 && r.Title != "" {
			r.Kind = KindPart
			part = r.Title
			continue
		}
		if r.Kind != KindEssay && r.Kind != KindFront {
			continue
		}
		if b := files[i].book; b != nil && r.Kind == KindFront {
			applyBook(r, b)
			continue // front matter stands before the parts
		}
		if r.Part == "" {
			r.Part = part
		}
		if b := files[i].book; b != nil {
			applyBook(r, b)
		}
	}
	return results, nil
}

// applyBook gives an essay from a book what the book's package document says.
func applyBook(r *Result, b *Book) {
	if len(r.Authors) == 0 {
		for _, p := range b.People {
			if p.Role == "author" || p.Role == "translator" {
				r.Authors = append(r.Authors, p)
			}
		}
		r.Notes = dropNote(r.Notes, "no author found")
	}
	if r.Source == "" && b.Title != "" {
		r.Source = b.Source()
		r.Notes = dropNote(r.Notes, "no first-publication source found")
		r.Notes = append(r.Notes, "source taken from the book's package document: the edition the text was taken from")
	}
	if r.Language == "" {
		r.Language = b.Language
	}
	if r.Rights == "" && b.PublicDomain {
		r.Rights = "public domain"
	}
}

func dropNote(notes []string, prefix string) []string {
	out := notes[:0]
	for _, n := range notes {
		if !strings.HasPrefix(n, prefix) {
			out = append(out, n)
		}
	}
	return out
}

// editionPage names what a page of a source edition is, or "" for the author's text: the
// Standard Ebooks title page, imprint, colophon and licence, a table of contents.
func editionPage(src *htmlSource) string {
	body := find(src.doc, atom.Body)
	if body == nil {
		return ""
	}
	types := attr(body, "epub:type")
	for c := body.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			types += " " + attr(c, "epub:type")
		}
	}
	for _, k := range []string{"titlepage", "imprint", "colophon", "copyright-page", "halftitlepage", "toc", "loi", "lot", "cover"} {
		if hasWord(strings.ReplaceAll(types, "z3998:", ""), k) {
			return k
		}
	}
	return ""
}

// frontMatter names what a page of a book's front matter is ("preface"), or "".
func frontMatter(src *htmlSource) string {
	body := find(src.doc, atom.Body)
	if body == nil || !src.book {
		return ""
	}
	types := attr(body, "epub:type")
	for c := body.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			types += " " + attr(c, "epub:type")
		}
	}
	types = strings.ReplaceAll(types, "z3998:", "")
	for _, k := range []string{"preface", "foreword", "introduction", "prologue", "dedication", "acknowledgments", "preamble"} {
		if hasWord(types, k) {
			return k
		}
	}
	return ""
}

// wholeCut is a file left out whole, every word of it reported.
func wholeCut(src *htmlSource, kind Kind, reason string) *Result {
	body := find(src.doc, atom.Body)
	if body == nil {
		body = src.doc
	}
	t := strings.Join(strings.Fields(textOf(body)), " ")
	r := &Result{File: src.name, Format: "html", Kind: kind, Authors: []Author{}, Notes: []string{}, Removed: []Removed{}}
	if n := CountWords(t); n > 0 {
		r.Removed = append(r.Removed, Removed{Text: t, Reason: reason, Words: n})
		r.WordsIn = n
	}
	return r
}

// holdsNotesOnly reports whether a file is the notes of other files: it holds notes they
// reference, and little else (a heading).
func (ns *noteSet) holdsNotesOnly(src *htmlSource) bool {
	body := find(src.doc, atom.Body)
	if body == nil {
		return false
	}
	crossRefs, noteWords := 0, 0
	for el, def := range ns.defs {
		if def.src == src && inside(el, body) {
			noteWords += CountWords(textOf(el))
			if def.cross {
				crossRefs++
			}
		}
	}
	if crossRefs == 0 {
		return false
	}
	rest := CountWords(textOf(body)) - noteWords
	return rest <= 50 || strings.Contains(strings.ToLower(attr(body, "epub:type")), "notes")
}

// notesResult accounts for a notes file: each note went to the essay that references it, and
// what else it holds (its heading, notes nothing refers to) is cut, each with its words.
func (ns *noteSet) notesResult(src *htmlSource) *Result {
	r := &Result{File: src.name, Format: "html", Kind: KindNotes, Authors: []Author{}, Notes: []string{}, Removed: []Removed{}}
	body := find(src.doc, atom.Body)
	used := 0
	var walk func(n *html.Node)
	var loose []string
	walk = func(n *html.Node) {
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			if ch.Type == html.TextNode {
				if t := strings.TrimSpace(ch.Data); t != "" {
					loose = append(loose, t)
				}
				continue
			}
			if ch.Type != html.ElementNode || skipped[ch.DataAtom] {
				continue
			}
			t := strings.Join(strings.Fields(textOf(ch)), " ")
			if def, ok := ns.defs[ch]; ok {
				reason := "note that nothing in the import refers to"
				if len(def.usedBy) > 0 {
					used++
					reason = "note (now a note of " + strings.Join(def.usedBy, ", ") + ")"
				}
				if n := CountWords(t); n > 0 {
					r.Removed = append(r.Removed, Removed{Text: t, Reason: reason, Words: n})
					r.WordsIn += n
				}
				continue
			}
			if ch.DataAtom == atom.Li {
				if n := CountWords(t); n > 0 {
					r.Removed = append(r.Removed, Removed{Text: t, Reason: "note that nothing in the import refers to", Words: n})
					r.WordsIn += n
				}
				continue
			}
			walk(ch)
		}
	}
	walk(body)
	if t := strings.Join(loose, " "); CountWords(t) > 0 {
		r.Removed = append(r.Removed, Removed{Text: t, Reason: "heading of the notes", Words: CountWords(t)})
		r.WordsIn += CountWords(t)
	}
	r.Notes = append(r.Notes, fmt.Sprintf("the notes of other files: %d notes, each now a footnote of the essay that refers to it", used))
	return r
}

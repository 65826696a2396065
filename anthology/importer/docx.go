package importer

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
)

// docxBlocks reads a Word file: the paragraphs of word/document.xml with their italic and bold
// runs, headings, quotations and lists by paragraph style, footnotes from word/footnotes.xml,
// and the title from the Title style or the file's properties.
func docxBlocks(data []byte) ([]block, hints, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, hints{}, errors.New("is not a Word file (.docx is a zip archive; this one is not)")
	}
	files := map[string]*zip.File{}
	for _, f := range zr.File {
		files[f.Name] = f
	}
	doc := files["word/document.xml"]
	if doc == nil {
		return nil, hints{}, errors.New("is not a Word file (no word/document.xml inside)")
	}
	styles := map[string]string{}
	if f := files["word/styles.xml"]; f != nil {
		styles, _ = readStyles(f)
	}
	notes := map[string][]docxPara{}
	if f := files["word/footnotes.xml"]; f != nil {
		notes, _ = readNotes(f, "footnote")
	}
	if f := files["word/endnotes.xml"]; f != nil {
		if en, err := readNotes(f, "endnote"); err == nil {
			for k, v := range en {
				notes["e"+k] = v
			}
		}
	}
	rc, err := open(doc)
	if err != nil {
		return nil, hints{}, err
	}
	paras, err := readParas(rc, "body")
	rc.Close()
	if err != nil {
		return nil, hints{}, fmt.Errorf("word/document.xml: %w", err)
	}

	var h hints
	if f := files["docProps/core.xml"]; f != nil {
		h.title = coreTitle(f)
	}
	var out []block
	noteNumbers := map[string]int{}
	var noteOrder []string
	for _, p := range paras {
		b := p.block(styles, func(id string) string {
			n, ok := noteNumbers[id]
			if !ok {
				n = len(noteNumbers) + 1
				noteNumbers[id] = n
				noteOrder = append(noteOrder, id)
			}
			return fmt.Sprintf("[^%d]", n)
		})
		style := strings.ToLower(styles[p.style])
		switch {
		case style == "title":
			h.title = b.text
		case style == "subtitle":
			h.subtitle = b.text
		}
		out = append(out, b)
	}
	for _, id := range noteOrder {
		var parts []string
		words := 0
		for _, np := range notes[id] {
			if nb := np.block(styles, func(string) string { return "" }); strings.TrimSpace(nb.md) != "" {
				parts = append(parts, nb.md)
				words += CountWords(nb.text)
			}
		}
		h.noteWords += words
		h.noteWordsEach = append(h.noteWordsEach, words)
		h.notes = append(h.notes, fmt.Sprintf("[^%d]: %s", noteNumbers[id], strings.Join(parts, "\n\n    ")))
	}
	return out, h, nil
}

// open opens a zip member, refusing ones that would inflate beyond what any essay needs.
func open(f *zip.File) (io.ReadCloser, error) {
	if f.UncompressedSize64 > MaxBytes*4 {
		return nil, fmt.Errorf("%s is %d MB uncompressed; too big for an essay", f.Name, f.UncompressedSize64>>20)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	return struct {
		io.Reader
		io.Closer
	}{io.LimitReader(rc, MaxBytes*4), rc}, nil
}

// docxRun is a piece of a paragraph's text with its formatting.
type docxRun struct {
	text         string
	italic, bold bool
	note         string // a footnote reference's id ("e3" for endnotes)
	brk          bool   // a line break
}

type docxPara struct {
	style    string
	numbered bool
	runs     []docxRun
}

const wNS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

// readParas reads the paragraphs of a document part, streaming its XML.
func readParas(r io.Reader, _ string) ([]docxPara, error) {
	dec := xml.NewDecoder(r)
	var out []docxPara
	var cur *docxPara
	var run docxRun
	inRun, inText, inRPr := false, false, false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Space != wNS {
				continue
			}
			switch t.Name.Local {
			case "p":
				out = append(out, docxPara{})
				cur = &out[len(out)-1]
			case "pStyle":
				if cur != nil {
					cur.style = wVal(t)
				}
			case "numPr":
				if cur != nil {
					cur.numbered = true
				}
			case "r":
				inRun = true
				run = docxRun{}
			case "rPr":
				inRPr = inRun
			case "i":
				if inRPr {
					run.italic = wOn(t)
				}
			case "b":
				if inRPr {
					run.bold = wOn(t)
				}
			case "t":
				inText = inRun
			case "tab":
				if inRun && cur != nil {
					cur.runs = append(cur.runs, docxRun{text: " ", italic: run.italic, bold: run.bold})
				}
			case "br", "cr":
				if inRun && cur != nil {
					cur.runs = append(cur.runs, docxRun{brk: true})
				}
			case "noBreakHyphen":
				if inRun && cur != nil {
					cur.runs = append(cur.runs, docxRun{text: "\u2011", italic: run.italic, bold: run.bold})
				}
			case "footnoteReference", "endnoteReference":
				if cur != nil {
					id := wAttr(t, "id")
					if t.Name.Local == "endnoteReference" {
						id = "e" + id
					}
					cur.runs = append(cur.runs, docxRun{note: id})
				}
			}
		case xml.EndElement:
			if t.Name.Space != wNS {
				continue
			}
			switch t.Name.Local {
			case "r":
				inRun = false
			case "rPr":
				inRPr = false
			case "t":
				inText = false
			}
		case xml.CharData:
			if inText && cur != nil {
				cur.runs = append(cur.runs, docxRun{text: string(t), italic: run.italic, bold: run.bold})
			}
		}
	}
}

func wVal(t xml.StartElement) string { return wAttr(t, "val") }

func wAttr(t xml.StartElement, name string) string {
	for _, a := range t.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// wOn reads a toggle property: <w:i/> is on, <w:i w:val="0"/> off.
func wOn(t xml.StartElement) bool {
	switch strings.ToLower(wVal(t)) {
	case "0", "false", "off", "none":
		return false
	}
	return true
}

// block turns a paragraph into a block: Markdown with emphasis, strong text and note markers.
func (p docxPara) block(styles map[string]string, noteMark func(id string) string) block {
	// Merge neighbouring runs with the same formatting, so that "*a**b*" cannot happen.
	type seg struct {
		text         string
		italic, bold bool
	}
	var segs []seg
	for _, r := range p.runs {
		switch {
		case r.note != "":
			if m := noteMark(r.note); m != "" {
				segs = append(segs, seg{text: "\x00" + m})
			}
		case r.brk:
			segs = append(segs, seg{text: "\n"})
		default:
			if n := len(segs); n > 0 && segs[n-1].italic == r.italic && segs[n-1].bold == r.bold && !strings.HasPrefix(segs[n-1].text, "\x00") && segs[n-1].text != "\n" {
				segs[n-1].text += r.text
			} else {
				segs = append(segs, seg{text: r.text, italic: r.italic, bold: r.bold})
			}
		}
	}
	w := newInlineWriter()
	for _, s := range segs {
		switch {
		case strings.HasPrefix(s.text, "\x00"):
			w.raw(s.text[1:])
		case s.text == "\n":
			w.lineBreak()
		default:
			delim := ""
			switch {
			case s.bold && s.italic:
				delim = "***"
			case s.bold:
				delim = "**"
			case s.italic:
				delim = "*"
			}
			if delim != "" {
				w.open(delim)
			}
			w.text(s.text, s.italic || s.bold)
			if delim != "" {
				w.close(delim)
			}
		}
	}
	b := w.block(para)
	style := strings.ToLower(styles[p.style])
	if style == "" {
		style = strings.ToLower(p.style)
	}
	switch {
	case headingStyle.MatchString(style):
		b.kind, b.level = heading, int(style[len(style)-1]-'0')
	case strings.Contains(style, "quote"):
		b.kind = quote
	case p.numbered || strings.Contains(style, "list"):
		b.kind = listItem
	}
	if b.kind == para && isSceneBreak(strings.TrimSpace(b.text)) {
		b.kind = sceneBreak
	}
	return b
}

var headingStyle = regexp.MustCompile(`^heading ?[1-6]$`)

// readStyles maps style ids to their names ("Heading1" → "heading 1"), which do not change
// with the language of Word that saved the file.
func readStyles(f *zip.File) (map[string]string, error) {
	rc, err := open(f)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	var doc struct {
		Styles []struct {
			ID   string `xml:"styleId,attr"`
			Name struct {
				Val string `xml:"val,attr"`
			} `xml:"name"`
		} `xml:"style"`
	}
	if err := xml.NewDecoder(rc).Decode(&doc); err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, s := range doc.Styles {
		out[s.ID] = s.Name.Val
	}
	return out, nil
}

// readNotes reads footnotes (or endnotes) by id, leaving out Word's separator notes.
func readNotes(f *zip.File, elem string) (map[string][]docxPara, error) {
	rc, err := open(f)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	dec := xml.NewDecoder(rc)
	out := map[string][]docxPara{}
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		se, ok := tok.(xml.StartElement)
		if !ok || se.Name.Local != elem {
			continue
		}
		id := wAttr(se, "id")
		// Read the note's own XML and parse its paragraphs.
		var raw struct {
			Inner []byte `xml:",innerxml"`
		}
		if err := dec.DecodeElement(&raw, &se); err != nil {
			return out, err
		}
		if typ := wAttr(se, "type"); typ == "separator" || typ == "continuationSeparator" {
			continue
		}
		wrapped := append([]byte(`<w:x xmlns:w="`+wNS+`">`), raw.Inner...)
		wrapped = append(wrapped, []byte(`</w:x>`)...)
		paras, err := readParas(bytes.NewReader(wrapped), elem)
		if err != nil {
			continue
		}
		out[id] = paras
	}
}

var junkTitle = regexp.MustCompile(`(?i)^(document\d*|untitled|microsoft word\b.*|\s*)$`)

// coreTitle reads the title in the file's properties, when it is a real one.
func coreTitle(f *zip.File) string {
	rc, err := open(f)
	if err != nil {
		return ""
	}
	defer rc.Close()
	var core struct {
		Title string `xml:"title"`
	}
	if xml.NewDecoder(rc).Decode(&core) != nil || junkTitle.MatchString(core.Title) {
		return ""
	}
	return strings.TrimSpace(core.Title)
}

package importer

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/anthology-editor/anthology/anthology"
	"github.com/anthology-editor/anthology/anthology/bounded"
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

	rels := readRels(files["word/_rels/document.xml.rels"])
	var h hints
	if f := files["docProps/core.xml"]; f != nil {
		h.title = coreTitle(f)
	}
	var out []block
	noteNumbers := map[string]int{}
	var noteOrder []string
	noteMark := func(id string) string {
		n, ok := noteNumbers[id]
		if !ok {
			n = len(noteNumbers) + 1
			noteNumbers[id] = n
			noteOrder = append(noteOrder, id)
		}
		return fmt.Sprintf("[^%d]", n)
	}
	for i := 0; i < len(paras); i++ {
		p := paras[i]
		if p.table > 0 {
			j := i
			for j < len(paras) && paras[j].table == p.table {
				j++
			}
			if t := docxTable(paras[i:j], noteMark); t.md != "" {
				out = append(out, t)
			}
			i = j - 1
			continue
		}
		figures := p.figures(files, rels, &h)
		if len(figures) > 0 && strings.TrimSpace(p.plain()) == "" {
			out = append(out, figures...) // a paragraph that holds only a picture
			continue
		}
		b := p.block(styles, noteMark)
		style := strings.ToLower(styles[p.style])
		switch {
		case style == "title":
			h.title = b.text
		case style == "subtitle":
			h.subtitle = b.text
		}
		out = append(out, b)
		out = append(out, figures...) // pictures inside a paragraph of text follow it
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

// maxZipRatio is the most a member of a Word file or an EPUB may inflate.
const maxZipRatio = 200

// open opens a zip member, refusing ones that would inflate beyond what any essay needs.
func open(f *zip.File) (io.ReadCloser, error) {
	if f.UncompressedSize64 > MaxBytes*4 {
		return nil, fmt.Errorf("%s is %d MB uncompressed; too big for an essay", f.Name, f.UncompressedSize64>>20)
	}
	// Text and XML deflate to a fifth or a tenth of their size; a member that claims to grow
	// more than maxZipRatio times is a zip bomb (763 KB that inflated to 250 MB of essay).
	if f.UncompressedSize64 > 1<<20 && f.UncompressedSize64 > maxZipRatio*max(f.CompressedSize64, 1) {
		return nil, fmt.Errorf("%s would inflate %d times (%s from %s): refused as a zip bomb", f.Name,
			f.UncompressedSize64/max(f.CompressedSize64, 1), bounded.Size(int64(f.UncompressedSize64)), bounded.Size(int64(f.CompressedSize64)))
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
	smallCaps    bool
	vert         string // "superscript" or "subscript"
	note         string // a footnote reference's id ("e3" for endnotes)
	brk          bool   // a line break
	// image is the relationship id of a picture in the run (r:embed), alt its description.
	image, alt string
}

type docxPara struct {
	style    string
	numbered bool
	runs     []docxRun
	// table is the number (from 1) of the table the paragraph stands in, 0 outside tables;
	// row and col its cell (a table inside a cell counts as that cell's text); header marks a
	// row Word repeats as a header.
	table, row, col int
	header          bool
	span            int // the columns its cell spans
}

const wNS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

// readParas reads the paragraphs of a document part, streaming its XML.
func readParas(r io.Reader, _ string) ([]docxPara, error) {
	dec := xml.NewDecoder(r)
	var out []docxPara
	var cur *docxPara
	var run docxRun
	inRun, inText, inRPr := false, false, false
	// The picture being read (w:drawing): its description and relationship.
	var picAlt, picID string
	inDrawing := false
	// The table being read: its number, nesting depth, and the cell.
	tables, depth, row, col, span := 0, 0, -1, -1, 1
	header := false
	textBytes := 0 // the text read so far: a zip bomb inflates to more than any essay holds
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
			if inDrawing {
				switch t.Name.Local {
				case "docPr":
					picAlt = strings.TrimSpace(attrNamed(t, "descr"))
					if picAlt == "" {
						picAlt = strings.TrimSpace(attrNamed(t, "title"))
					}
				case "blip":
					picID = attrNamed(t, "embed")
				}
			}
			if t.Name.Space != wNS {
				continue
			}
			switch t.Name.Local {
			case "drawing", "pict":
				inDrawing, picAlt, picID = true, "", ""
			case "tbl":
				depth++
				if depth == 1 {
					tables++
					row = -1
				}
			case "tr":
				if depth == 1 {
					row++
					col, header = -1, false
				}
			case "tblHeader":
				if depth == 1 {
					header = wOn(t)
				}
			case "tc":
				if depth == 1 {
					col++
					span = 1
				}
			case "gridSpan":
				if depth == 1 {
					if n := smallNumber(wVal(t), 63); n > 1 {
						span = n
					}
				}
			case "p":
				out = append(out, docxPara{})
				cur = &out[len(out)-1]
				if depth > 0 {
					cur.table, cur.row, cur.col, cur.header, cur.span = tables, row, col, header, span
				}
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
			case "smallCaps":
				if inRPr {
					run.smallCaps = wOn(t)
				}
			case "vertAlign":
				if inRPr {
					run.vert = wVal(t)
				}
			case "t":
				inText = inRun
			case "tab":
				if inRun && cur != nil {
					cur.runs = append(cur.runs, docxRun{text: " ", italic: run.italic, bold: run.bold})
				}
			case "vMerge":
				// A cell merged with the one above: its (empty) paragraph reads as that cell's.
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
			case "tbl":
				depth--
			case "drawing", "pict":
				inDrawing = false
				if picID != "" && cur != nil {
					cur.runs = append(cur.runs, docxRun{image: picID, alt: picAlt})
				}
			}
		case xml.CharData:
			if inText && cur != nil {
				textBytes += len(t)
				if textBytes > anthology.MaxEssayBytes {
					return nil, fmt.Errorf("holds more than %s of text; an essay may be at most that (split the document)", bounded.Size(anthology.MaxEssayBytes))
				}
				cur.runs = append(cur.runs, docxRun{text: string(t), italic: run.italic, bold: run.bold, smallCaps: run.smallCaps, vert: run.vert})
			}
		}
	}
}

func wVal(t xml.StartElement) string { return wAttr(t, "val") }

// attrNamed is an attribute by its local name, in any namespace.
func attrNamed(t xml.StartElement, name string) string {
	for _, a := range t.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

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

// block turns a paragraph into a block: Markdown with emphasis, strong text, small capitals,
// sub- and superscripts and note markers.
func (p docxPara) block(styles map[string]string, noteMark func(id string) string) block {
	w := newInlineWriter()
	p.write(w, noteMark)
	return p.styled(w.block(para), styles)
}

// write writes the paragraph's runs.
func (p docxPara) write(w *inlineWriter, noteMark func(id string) string) {
	// Merge neighbouring runs with the same formatting, so that "*a**b*" cannot happen.
	type seg struct {
		text                    string
		italic, bold, smallCaps bool
		vert                    string
	}
	var segs []seg
	for _, r := range p.runs {
		switch {
		case r.image != "":
			continue // a picture: a figure after the paragraph (see docxBlocks)
		case r.note != "":
			if m := noteMark(r.note); m != "" {
				segs = append(segs, seg{text: "\x00" + m})
			}
		case r.brk:
			segs = append(segs, seg{text: "\n"})
		default:
			if n := len(segs); n > 0 && segs[n-1].italic == r.italic && segs[n-1].bold == r.bold && segs[n-1].smallCaps == r.smallCaps &&
				segs[n-1].vert == r.vert && !strings.HasPrefix(segs[n-1].text, "\x00") && segs[n-1].text != "\n" {
				segs[n-1].text += r.text
			} else {
				segs = append(segs, seg{text: r.text, italic: r.italic, bold: r.bold, smallCaps: r.smallCaps, vert: r.vert})
			}
		}
	}
	for _, s := range segs {
		switch {
		case strings.HasPrefix(s.text, "\x00"):
			w.raw(s.text[1:])
		case s.text == "\n":
			w.lineBreak()
		case (s.vert == "superscript" || s.vert == "subscript") && strings.TrimSpace(s.text) != "":
			delim := "^"
			if s.vert == "subscript" {
				delim = "~"
			}
			t := collapse(s.text)
			w.markup(delim+strings.ReplaceAll(escapeInline(t), " ", "\\ ")+delim, t)
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
			if s.smallCaps {
				w.open("[")
			}
			w.text(s.text, s.italic || s.bold)
			if s.smallCaps && w.close("[") {
				w.raw("{.smallcaps}")
			}
			if delim != "" {
				w.close(delim)
			}
		}
	}
}

// styled gives a paragraph's block the kind its style says.
func (p docxPara) styled(b block, styles map[string]string) block {
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
	out := map[string][]docxPara{}
	err = eachStart(rc, func(dec *xml.Decoder, se xml.StartElement) error {
		if se.Name.Local != elem {
			return nil
		}
		id := wAttr(se, "id")
		// Read the note's own XML and parse its paragraphs.
		var raw struct {
			Inner []byte `xml:",innerxml"`
		}
		if err := dec.DecodeElement(&raw, &se); err != nil {
			return err
		}
		if typ := wAttr(se, "type"); typ == "separator" || typ == "continuationSeparator" {
			return nil
		}
		wrapped := append([]byte(`<w:x xmlns:w="`+wNS+`">`), raw.Inner...)
		wrapped = append(wrapped, []byte(`</w:x>`)...)
		if paras, err := readParas(bytes.NewReader(wrapped), elem); err == nil {
			out[id] = paras
		}
		return nil
	})
	return out, err
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

// docxTable makes a pipe table of a Word table's paragraphs: a cell's paragraphs apart by line
// breaks, a cell spanning columns followed by empty ones, the header the rows Word repeats on
// each page (or none).
func docxTable(paras []docxPara, noteMark func(string) string) block {
	type cell struct {
		w    *inlineWriter
		span int
	}
	var rows [][]*cell
	header := false
	for _, p := range paras {
		for len(rows) <= p.row {
			rows = append(rows, nil)
		}
		r := rows[p.row]
		for len(r) <= p.col {
			r = append(r, nil)
		}
		if r[p.col] == nil {
			w := newInlineWriter()
			w.cell = true
			r[p.col] = &cell{w: w, span: p.span}
		}
		rows[p.row] = r
		c := r[p.col]
		if c.w.wrote {
			c.w.lineBreak()
		}
		p.write(c.w, noteMark)
		if p.row == 0 && p.header {
			header = true
		}
	}
	var md, words []string
	cols := 0
	line := func(r []*cell) []string {
		var cells []string
		for _, c := range r {
			if c == nil {
				cells = append(cells, "")
				continue
			}
			cells = append(cells, c.w.md.String())
			words = append(words, c.w.txt.String())
			for k := 1; k < c.span; k++ {
				cells = append(cells, "")
			}
		}
		return cells
	}
	var lines [][]string
	for _, r := range rows {
		l := line(r)
		cols = max(cols, len(l))
		lines = append(lines, l)
	}
	if cols == 0 {
		return block{kind: chunk}
	}
	pad := func(l []string) string {
		for len(l) < cols {
			l = append(l, "")
		}
		return "| " + strings.Join(l, " | ") + " |"
	}
	if header {
		md = append(md, pad(lines[0]))
		lines = lines[1:]
	} else {
		md = append(md, pad(nil))
	}
	md = append(md, "|"+strings.Repeat("---|", cols))
	for _, l := range lines {
		md = append(md, pad(l))
	}
	return block{kind: chunk, md: strings.Join(md, "\n"), text: strings.Join(words, " ")}
}

// plain is the paragraph's text.
func (p docxPara) plain() string {
	var b strings.Builder
	for _, r := range p.runs {
		b.WriteString(r.text)
	}
	return b.String()
}

// readRels maps a part's relationship ids to their targets ("rId5" → "media/image1.png").
func readRels(f *zip.File) map[string]string {
	out := map[string]string{}
	if f == nil {
		return out
	}
	rc, err := open(f)
	if err != nil {
		return out
	}
	defer rc.Close()
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
			Mode   string `xml:"TargetMode,attr"`
		} `xml:"Relationship"`
	}
	if xml.NewDecoder(rc).Decode(&rels) != nil {
		return out
	}
	for _, r := range rels.Rels {
		if !strings.EqualFold(r.Mode, "External") {
			out[r.ID] = r.Target
		}
	}
	return out
}

// figures reads the pictures of a paragraph from the Word file: a figure block for each JPEG
// or PNG (its description as the alt text), a reported cut for each that cannot be had.
func (p docxPara) figures(files map[string]*zip.File, rels map[string]string, h *hints) []block {
	var out []block
	for _, r := range p.runs {
		if r.image == "" {
			continue
		}
		cut := func(why string) {
			h.removed = append(h.removed, Removed{Text: "picture" + describe(r.alt), Reason: why})
		}
		target, ok := rels[r.image]
		if !ok {
			cut("picture linked from outside the file, not inside it")
			continue
		}
		name := path.Join("word", target)
		if strings.HasPrefix(target, "/") {
			name = strings.TrimPrefix(target, "/")
		}
		f := files[name]
		if f == nil {
			cut("picture missing from the Word file")
			continue
		}
		rc, err := open(f)
		if err != nil {
			cut("picture unreadable: " + err.Error())
			continue
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			cut("picture unreadable: " + err.Error())
			continue
		}
		cfg, format, err := anthology.CheckImage(data)
		if err != nil && !errors.Is(err, anthology.ErrImageFormat) {
			cut("picture unreadable: " + err.Error())
			continue
		}
		if err != nil {
			cut("picture is not a JPEG or PNG (" + strings.ToUpper(strings.TrimPrefix(path.Ext(target), ".")) + "): convert it and add it by hand")
			continue
		}
		if cfg.Width < smallestFigure || cfg.Height < smallestFigure {
			cut(fmt.Sprintf("picture of %d×%d pixels: an icon, not a figure", cfg.Width, cfg.Height))
			continue
		}
		to := "images/" + imageName(path.Base(target), format)
		if !slices.ContainsFunc(h.images, func(im Image) bool { return im.To == to }) {
			h.images = append(h.images, Image{From: name, To: to, Data: data})
		}
		out = append(out, block{kind: chunk, md: "![" + escapeInline(r.alt) + "](" + to + ")"})
	}
	return out
}

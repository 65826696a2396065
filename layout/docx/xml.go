package docx

import (
	"bytes"
	goimage "image"
	_ "image/gif"  // figures' sizes
	_ "image/jpeg" // figures' sizes
	_ "image/png"  // figures' sizes
	"path"
	"strconv"
	"strings"

	"github.com/anthology-editor/anthology/anthology/text"
)

const (
	nsW   = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsR   = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	nsW14 = "http://schemas.microsoft.com/office/word/2010/wordml"
	nsW15 = "http://schemas.microsoft.com/office/word/2012/wordml"
	nsMC  = "http://schemas.openxmlformats.org/markup-compatibility/2006"
	nsWP  = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
	nsA   = "http://schemas.openxmlformats.org/drawingml/2006/main"
	nsPic = "http://schemas.openxmlformats.org/drawingml/2006/picture"
	// rootNS are the namespaces of a part's root element.
	rootNS = ` xmlns:w="` + nsW + `" xmlns:r="` + nsR + `" xmlns:w14="` + nsW14 + `" xmlns:w15="` + nsW15 +
		`" xmlns:mc="` + nsMC + `" xmlns:wp="` + nsWP + `" mc:Ignorable="w14 w15"`
	xmlHeader = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"
)

// figure is a picture paragraph (the image embedded, its description kept for screen
// readers), then its caption and credit.
func (d *doc) figure(f *text.Figure, notes map[*text.Note]int) []item {
	var out []item
	if img := d.embed(f); img != nil {
		out = append(out, &para{style: "Figure", align: "center", runs: []run{{image: img}}})
	}
	if len(f.Caption) > 0 {
		out = append(out, d.para("Caption", f.Caption, notes))
	}
	if len(f.Credit) > 0 {
		out = append(out, d.para("Caption", f.Credit, notes))
	}
	return out
}

// embed adds f's picture to the package, sized as it would show at 96 pixels an inch and at
// most six inches wide; nil when the project cannot read it (the caption still comes).
func (d *doc) embed(f *text.Figure) *image {
	data, err := d.p.ReadFile(f.Src)
	if err != nil {
		return nil
	}
	cfg, format, err := goimage.DecodeConfig(bytes.NewReader(data))
	if err != nil || cfg.Width == 0 || cfg.Height == 0 {
		return nil
	}
	ext := map[string]string{"png": "png", "jpeg": "jpeg", "gif": "gif"}[format]
	if ext == "" {
		return nil
	}
	const emuPerPixel, maxWidth = 9525, 6 * 914400
	cx, cy := int64(cfg.Width)*emuPerPixel, int64(cfg.Height)*emuPerPixel
	if cx > maxWidth {
		cx, cy = maxWidth, cy*maxWidth/cx
	}
	img := &image{data: data, cx: cx, cy: cy, id: len(d.media) + 1, alt: f.Alt, fileName: path.Base(f.Src)}
	img.name = "media/image" + strconv.Itoa(img.id) + "." + ext
	img.rel = "rId" + strconv.Itoa(len(d.rels)+1)
	d.rels = append(d.rels, rel{img.rel, relImage, img.name, false})
	d.media = append(d.media, img)
	return img
}

func (d *doc) documentXML() []byte {
	var b strings.Builder
	b.WriteString(xmlHeader + `<w:document` + rootNS + `><w:body>`)
	for _, it := range d.items {
		switch x := it.(type) {
		case *para:
			d.writePara(&b, x)
		case *table:
			d.writeTable(&b, x)
		}
	}
	b.WriteString(`<w:sectPr><w:pgSz w:w="12240" w:h="15840"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="720" w:footer="720" w:gutter="0"/></w:sectPr>`)
	b.WriteString(`</w:body></w:document>`)
	return []byte(b.String())
}

func (d *doc) writeTable(b *strings.Builder, t *table) {
	cols := len(t.header)
	for _, r := range t.rows {
		cols = max(cols, len(r))
	}
	if cols == 0 {
		return
	}
	b.WriteString(`<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid>`)
	for range cols {
		b.WriteString(`<w:gridCol w:w="` + strconv.Itoa(9360/cols) + `"/>`)
	}
	b.WriteString(`</w:tblGrid>`)
	row := func(cells []cell, header bool) {
		b.WriteString(`<w:tr>`)
		if header {
			b.WriteString(`<w:trPr><w:tblHeader/></w:trPr>`)
		}
		for i := range cols {
			b.WriteString(`<w:tc><w:tcPr><w:tcW w:w="` + strconv.Itoa(9360/cols) + `" w:type="dxa"/></w:tcPr>`)
			if i < len(cells) && len(cells[i]) > 0 {
				for _, p := range cells[i] {
					if header {
						for j := range p.runs {
							p.runs[j].bold = true
						}
					}
					d.writePara(b, p)
				}
			} else {
				b.WriteString(`<w:p/>`)
			}
			b.WriteString(`</w:tc>`)
		}
		b.WriteString(`</w:tr>`)
	}
	if len(t.header) > 0 {
		row(t.header, true)
	}
	for _, r := range t.rows {
		row(r, false)
	}
	b.WriteString(`</w:tbl>`)
}

func (d *doc) writePara(b *strings.Builder, p *para) {
	b.WriteString(`<w:p>`)
	if p.style != "" || p.numID > 0 || p.align != "" {
		b.WriteString(`<w:pPr>`)
		if p.style != "" {
			b.WriteString(`<w:pStyle w:val="` + p.style + `"/>`)
		}
		if p.numID > 0 {
			b.WriteString(`<w:numPr><w:ilvl w:val="0"/><w:numId w:val="` + strconv.Itoa(p.numID) + `"/></w:numPr>`)
		}
		if p.align != "" {
			b.WriteString(`<w:jc w:val="` + p.align + `"/>`)
		}
		b.WriteString(`</w:pPr>`)
	}
	if p.bookmark != "" && p.anchor != nil {
		b.WriteString(`<w:bookmarkStart w:id="` + strconv.Itoa(p.anchor.bmID) + `" w:name="` + p.bookmark + `"/>`)
	}
	if p.anchor != nil {
		for _, id := range p.anchor.whole {
			b.WriteString(`<w:commentRangeStart w:id="` + strconv.Itoa(id) + `"/>`)
		}
	}
	for _, r := range p.runs {
		d.writeRun(b, p.marks, r)
	}
	if p.anchor != nil {
		for _, id := range p.anchor.whole {
			commentEnd(b, id)
		}
	}
	if p.bookmark != "" && p.anchor != nil {
		b.WriteString(`<w:bookmarkEnd w:id="` + strconv.Itoa(p.anchor.bmID) + `"/>`)
	}
	b.WriteString(`</w:p>`)
}

func commentEnd(b *strings.Builder, id int) {
	n := strconv.Itoa(id)
	b.WriteString(`<w:commentRangeEnd w:id="` + n + `"/><w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:commentReference w:id="` + n + `"/></w:r>`)
}

// writeRun writes r, cut where a comment's passage starts or ends inside it.
func (d *doc) writeRun(b *strings.Builder, m *essayMarks, r run) {
	switch {
	case r.note > 0:
		b.WriteString(`<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="` + strconv.Itoa(r.note) + `"/></w:r>`)
		return
	case r.brk:
		b.WriteString(`<w:r><w:br/></w:r>`)
		return
	case r.footRef:
		b.WriteString(`<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>`)
		return
	case r.image != nil:
		writeImage(b, r.image)
		return
	}
	if m == nil {
		writeText(b, r, r.text)
		return
	}
	from := r.off
	pieces := append(cuts(m, r.off, r.off+len(r.text)), r.off+len(r.text))
	for _, to := range pieces {
		for _, s := range m.spans {
			if s.start == from {
				for _, id := range s.comments {
					b.WriteString(`<w:commentRangeStart w:id="` + strconv.Itoa(id) + `"/>`)
				}
			}
		}
		writeText(b, r, r.text[from-r.off:to-r.off])
		for _, s := range m.spans {
			if s.end == to {
				for _, id := range s.comments {
					commentEnd(b, id)
				}
			}
		}
		from = to
	}
}

func writeText(b *strings.Builder, r run, s string) {
	if s == "" {
		return
	}
	if r.link != "" {
		b.WriteString(`<w:hyperlink r:id="` + r.link + `">`)
	}
	b.WriteString(`<w:r>`)
	if r.link != "" || r.bold || r.italic || r.smallCap || r.vert != "" || r.lang != "" {
		b.WriteString(`<w:rPr>`)
		if r.link != "" {
			b.WriteString(`<w:rStyle w:val="Hyperlink"/>`)
		}
		if r.bold {
			b.WriteString(`<w:b/>`)
		}
		if r.italic {
			b.WriteString(`<w:i/>`)
		}
		if r.smallCap {
			b.WriteString(`<w:smallCaps/>`)
		}
		if r.vert != "" {
			b.WriteString(`<w:vertAlign w:val="` + r.vert + `"/>`)
		}
		if r.lang != "" {
			b.WriteString(`<w:lang w:val="` + esc(r.lang) + `"/>`)
		}
		b.WriteString(`</w:rPr>`)
	}
	for i, part := range strings.Split(strings.ReplaceAll(s, "\n", " "), "\t") {
		if i > 0 {
			b.WriteString(`<w:tab/>`)
		}
		if part != "" {
			b.WriteString(`<w:t xml:space="preserve">` + esc(part) + `</w:t>`)
		}
	}
	b.WriteString(`</w:r>`)
	if r.link != "" {
		b.WriteString(`</w:hyperlink>`)
	}
}

func writeImage(b *strings.Builder, img *image) {
	cx, cy, id := strconv.FormatInt(img.cx, 10), strconv.FormatInt(img.cy, 10), strconv.Itoa(img.id)
	b.WriteString(`<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="` + cx + `" cy="` + cy + `"/>` +
		`<wp:docPr id="` + id + `" name="Picture ` + id + `" descr="` + esc(img.alt) + `"/>` +
		`<wp:cNvGraphicFramePr><a:graphicFrameLocks xmlns:a="` + nsA + `" noChangeAspect="1"/></wp:cNvGraphicFramePr>` +
		`<a:graphic xmlns:a="` + nsA + `"><a:graphicData uri="` + nsPic + `"><pic:pic xmlns:pic="` + nsPic + `">` +
		`<pic:nvPicPr><pic:cNvPr id="` + id + `" name="` + esc(img.fileName) + `" descr="` + esc(img.alt) + `"/><pic:cNvPicPr/></pic:nvPicPr>` +
		`<pic:blipFill><a:blip r:embed="` + img.rel + `"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>` +
		`<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="` + cx + `" cy="` + cy + `"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>` +
		`</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>`)
}

func (d *doc) footnotesXML() []byte {
	var b strings.Builder
	b.WriteString(xmlHeader + `<w:footnotes` + rootNS + `>` +
		`<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>` +
		`<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>`)
	for _, n := range d.notes {
		b.WriteString(`<w:footnote w:id="` + strconv.Itoa(n.id) + `">`)
		if len(n.paras) == 0 {
			n.paras = []*para{{style: "FootnoteText"}}
		}
		for i, p := range n.paras {
			if i == 0 {
				// Word's own mark, then a space, before the note's first words.
				p.runs = append([]run{{footRef: true}, {text: " "}}, p.runs...)
			}
			d.writePara(&b, p)
		}
		b.WriteString(`</w:footnote>`)
	}
	b.WriteString(`</w:footnotes>`)
	return []byte(b.String())
}

func (d *doc) commentsXML() []byte {
	var b strings.Builder
	b.WriteString(xmlHeader + `<w:comments` + rootNS + `>`)
	for _, c := range d.comments {
		b.WriteString(`<w:comment w:id="` + strconv.Itoa(c.id) + `" w:author="` + esc(c.author) + `" w:initials="` + esc(initials(c.author)) + `"`)
		if c.date != "" {
			date := c.date
			if len(date) == len("2006-01-02") {
				date += "T00:00:00Z"
			}
			b.WriteString(` w:date="` + esc(date) + `"`)
		}
		b.WriteString(`>`)
		lines := strings.Split(strings.TrimSpace(c.text), "\n")
		for i, line := range lines {
			b.WriteString(`<w:p`)
			if i == len(lines)-1 {
				// Word identifies a comment by its last paragraph's id.
				b.WriteString(` w14:paraId="` + c.paraID + `" w14:textId="77777777"`)
			}
			b.WriteString(`><w:pPr><w:pStyle w:val="CommentText"/></w:pPr>`)
			if i == 0 {
				b.WriteString(`<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:annotationRef/></w:r>`)
			}
			if line != "" {
				b.WriteString(`<w:r><w:t xml:space="preserve">` + esc(line) + `</w:t></w:r>`)
			}
			b.WriteString(`</w:p>`)
		}
		b.WriteString(`</w:comment>`)
	}
	b.WriteString(`</w:comments>`)
	return []byte(b.String())
}

func (d *doc) commentsExXML() []byte {
	var b strings.Builder
	b.WriteString(xmlHeader + `<w15:commentsEx` + rootNS + `>`)
	for _, c := range d.comments {
		b.WriteString(`<w15:commentEx w15:paraId="` + c.paraID + `"`)
		if c.parent != "" {
			b.WriteString(` w15:paraIdParent="` + c.parent + `"`)
		}
		done := "0"
		if c.done {
			done = "1"
		}
		b.WriteString(` w15:done="` + done + `"/>`)
	}
	b.WriteString(`</w15:commentsEx>`)
	return []byte(b.String())
}

// initials are the first letters of a name's words: "Ana Duarte" → "AD".
func initials(name string) string {
	var out []rune
	for _, w := range strings.Fields(name) {
		for _, r := range w {
			out = append(out, r)
			break
		}
	}
	return string(out)
}

func (d *doc) numberingXML() []byte {
	var b strings.Builder
	b.WriteString(xmlHeader + `<w:numbering` + rootNS + `>`)
	b.WriteString(`<w:abstractNum w:abstractNumId="1"><w:multiLevelType w:val="singleLevel"/><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl></w:abstractNum>`)
	b.WriteString(`<w:abstractNum w:abstractNumId="2"><w:multiLevelType w:val="singleLevel"/><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl></w:abstractNum>`)
	for i, l := range d.lists {
		abs, override := "1", ""
		if l.ordered {
			abs = "2"
			override = `<w:lvlOverride w:ilvl="0"><w:startOverride w:val="` + strconv.Itoa(l.start) + `"/></w:lvlOverride>`
		}
		b.WriteString(`<w:num w:numId="` + strconv.Itoa(i+1) + `"><w:abstractNumId w:val="` + abs + `"/>` + override + `</w:num>`)
	}
	b.WriteString(`</w:numbering>`)
	return []byte(b.String())
}

func (d *doc) relsXML() []byte {
	var b strings.Builder
	b.WriteString(xmlHeader + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`)
	for _, r := range d.rels {
		b.WriteString(`<Relationship Id="` + r.id + `" Type="` + r.typ + `" Target="` + esc(r.target) + `"`)
		if r.external {
			b.WriteString(` TargetMode="External"`)
		}
		b.WriteString(`/>`)
	}
	b.WriteString(`</Relationships>`)
	return []byte(b.String())
}

func (d *doc) contentTypes() []byte {
	const wml = "application/vnd.openxmlformats-officedocument.wordprocessingml."
	var b strings.Builder
	b.WriteString(xmlHeader + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>` +
		`<Default Extension="png" ContentType="image/png"/><Default Extension="jpeg" ContentType="image/jpeg"/><Default Extension="gif" ContentType="image/gif"/>` +
		`<Override PartName="/word/document.xml" ContentType="` + wml + `document.main+xml"/>` +
		`<Override PartName="/word/styles.xml" ContentType="` + wml + `styles+xml"/>` +
		`<Override PartName="/word/settings.xml" ContentType="` + wml + `settings+xml"/>` +
		`<Override PartName="/word/numbering.xml" ContentType="` + wml + `numbering+xml"/>` +
		`<Override PartName="/word/footnotes.xml" ContentType="` + wml + `footnotes+xml"/>` +
		`<Override PartName="/word/comments.xml" ContentType="` + wml + `comments+xml"/>` +
		`<Override PartName="/word/commentsExtended.xml" ContentType="` + wml + `commentsExtended+xml"/>` +
		`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
		`</Types>`)
	return []byte(b.String())
}

func coreXML(title, creator string, o Options) []byte {
	var b strings.Builder
	b.WriteString(xmlHeader + `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`)
	b.WriteString(`<dc:title>` + esc(title) + `</dc:title>`)
	if creator != "" {
		b.WriteString(`<dc:creator>` + esc(creator) + `</dc:creator>`)
	}
	if !o.Modified.IsZero() {
		b.WriteString(`<dcterms:modified xsi:type="dcterms:W3CDTF">` + o.Modified.UTC().Format("2006-01-02T15:04:05Z") + `</dcterms:modified>`)
	}
	b.WriteString(`</cp:coreProperties>`)
	return []byte(b.String())
}

const settingsXML = xmlHeader + `<w:settings xmlns:w="` + nsW + `"><w:defaultTabStop w:val="720"/>` +
	`<w:footnotePr><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr><w:compat/></w:settings>`

// stylesXML names the styles the manuscript uses, with the names Word gives its built-in ones
// (so Word, LibreOffice and our importer know them whatever the language of the user's Word).
var stylesXML = xmlHeader + `<w:styles xmlns:w="` + nsW + `">` +
	`<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman"/><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr></w:rPrDefault>` +
	`<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="480" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>` +
	`<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/><w:pPr><w:ind w:firstLine="720"/></w:pPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="480" w:after="240"/><w:ind w:firstLine="0"/><w:jc w:val="center"/></w:pPr><w:rPr><w:b/><w:sz w:val="36"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Subtitle"><w:name w:val="Subtitle"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:after="240"/><w:ind w:firstLine="0"/><w:jc w:val="center"/></w:pPr><w:rPr><w:i/><w:sz w:val="28"/></w:rPr></w:style>` +
	headingStyles() +
	`<w:style w:type="paragraph" w:styleId="Quote"><w:name w:val="Quote"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:ind w:left="720" w:right="720" w:firstLine="0"/></w:pPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Epigraph"><w:name w:val="Epigraph"/><w:basedOn w:val="Quote"/><w:rPr><w:i/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Attribution"><w:name w:val="Attribution"/><w:basedOn w:val="Normal"/><w:pPr><w:ind w:firstLine="0"/><w:jc w:val="right"/></w:pPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Letter"><w:name w:val="Letter"/><w:basedOn w:val="Normal"/><w:pPr><w:ind w:left="720" w:firstLine="0"/></w:pPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Verse"><w:name w:val="Verse"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:after="240"/><w:ind w:left="720" w:firstLine="0"/></w:pPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="ListParagraph"><w:name w:val="List Paragraph"/><w:basedOn w:val="Normal"/><w:pPr><w:ind w:left="720" w:firstLine="0"/></w:pPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="SceneBreak"><w:name w:val="Scene Break"/><w:basedOn w:val="Normal"/><w:pPr><w:ind w:firstLine="0"/><w:jc w:val="center"/></w:pPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Caption"><w:name w:val="caption"/><w:basedOn w:val="Normal"/><w:pPr><w:ind w:firstLine="0"/></w:pPr><w:rPr><w:sz w:val="20"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Figure"><w:name w:val="Figure"/><w:basedOn w:val="Normal"/><w:pPr><w:ind w:firstLine="0"/><w:jc w:val="center"/></w:pPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="TableText"><w:name w:val="Table Text"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:line="240" w:lineRule="auto"/><w:ind w:firstLine="0"/></w:pPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="FootnoteText"><w:name w:val="footnote text"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:line="240" w:lineRule="auto"/><w:ind w:firstLine="0"/></w:pPr><w:rPr><w:sz w:val="20"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="CommentText"><w:name w:val="annotation text"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:line="240" w:lineRule="auto"/><w:ind w:firstLine="0"/></w:pPr><w:rPr><w:sz w:val="20"/></w:rPr></w:style>` +
	`<w:style w:type="character" w:styleId="FootnoteReference"><w:name w:val="footnote reference"/><w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>` +
	`<w:style w:type="character" w:styleId="CommentReference"><w:name w:val="annotation reference"/><w:rPr><w:sz w:val="16"/></w:rPr></w:style>` +
	`<w:style w:type="character" w:styleId="Hyperlink"><w:name w:val="Hyperlink"/><w:rPr><w:color w:val="0563C1"/><w:u w:val="single"/></w:rPr></w:style>` +
	`<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:left w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:right w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="auto"/></w:tblBorders></w:tblPr></w:style>` +
	`</w:styles>`

func headingStyles() string {
	var b strings.Builder
	for i := 1; i <= 6; i++ {
		n := strconv.Itoa(i)
		b.WriteString(`<w:style w:type="paragraph" w:styleId="Heading` + n + `"><w:name w:val="heading ` + n + `"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>` +
			`<w:pPr><w:keepNext/><w:spacing w:before="480" w:after="240"/><w:ind w:firstLine="0"/><w:outlineLvl w:val="` + strconv.Itoa(i-1) + `"/></w:pPr><w:rPr><w:b/><w:sz w:val="` + strconv.Itoa(34-2*i) + `"/></w:rPr></w:style>`)
	}
	return b.String()
}

package epub

import (
	"fmt"
	"strings"
	"time"

	"github.com/anthology-editor/anthology/anthology"
	"github.com/anthology-editor/anthology/layout"
	"github.com/anthology-editor/anthology/layout/xhtml"
)

type manifestItem struct {
	id, href, mediaType, properties string
}

// accessibilitySummary is the human-readable statement Ace and the EU Accessibility Act ask for.
const accessibilitySummary = "This publication conforms to WCAG 2.1 Level AA. It is a text book " +
	"with a structured table of contents, landmarks and headings in reading order; notes link to " +
	"and from their references; the only image, the cover, has a text description; no colours " +
	"or font sizes are fixed, so reading systems may change them freely."

func (b *builder) opf(coverName, coverType string, fonts []manifestItem) []byte {
	ed := b.ed
	var m strings.Builder
	lang := xhtml.Text(ed.Language)
	fmt.Fprintf(&m, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\" unique-identifier=\"book-id\" xml:lang=\"%s\" dir=\"%s\">\n", lang, layout.Dir(ed.Language))
	m.WriteString("<metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n")
	fmt.Fprintf(&m, "<dc:identifier id=\"book-id\">%s</dc:identifier>\n", xhtml.Text(ed.Identifier))
	fmt.Fprintf(&m, "<dc:title id=\"title\">%s</dc:title>\n<meta refines=\"#title\" property=\"title-type\">main</meta>\n", xhtml.Text(ed.Title))
	if ed.Subtitle != "" {
		fmt.Fprintf(&m, "<dc:title id=\"subtitle\">%s</dc:title>\n<meta refines=\"#subtitle\" property=\"title-type\">subtitle</meta>\n", xhtml.Text(ed.Subtitle))
	}
	fmt.Fprintf(&m, "<dc:language>%s</dc:language>\n", lang)

	// Editors create the anthology; every essay author contributes to it.
	person := func(elem, id, role string, c *anthology.Contributor) {
		fmt.Fprintf(&m, "<dc:%s id=\"%s\">%s</dc:%s>\n", elem, id, xhtml.Text(c.Name), elem)
		fmt.Fprintf(&m, "<meta refines=\"#%s\" property=\"role\" scheme=\"marc:relators\">%s</meta>\n", id, role)
		fmt.Fprintf(&m, "<meta refines=\"#%s\" property=\"file-as\">%s</meta>\n", id, xhtml.Text(c.SortKey()))
	}
	for i, c := range ed.Editors {
		person("creator", fmt.Sprintf("editor-%d", i+1), "edt", c)
	}
	seen := map[*anthology.Contributor]bool{}
	n := 0
	for _, s := range ed.Sections {
		if s.Kind != layout.Essay {
			continue
		}
		for _, c := range s.Authors {
			if seen[c] {
				continue
			}
			seen[c] = true
			n++
			person("contributor", fmt.Sprintf("author-%d", n), "aut", c)
		}
	}
	if ed.Publisher != "" {
		fmt.Fprintf(&m, "<dc:publisher>%s</dc:publisher>\n", xhtml.Text(ed.Publisher))
	}
	if ed.Rights != "" {
		fmt.Fprintf(&m, "<dc:rights>%s</dc:rights>\n", xhtml.Text(ed.Rights))
	}
	if d := w3cDate(ed.Date); d != "" {
		fmt.Fprintf(&m, "<dc:date>%s</dc:date>\n", d)
	}
	if ed.Description != "" {
		fmt.Fprintf(&m, "<dc:description>%s</dc:description>\n", xhtml.Text(ed.Description))
	}
	for _, subj := range ed.Subjects {
		fmt.Fprintf(&m, "<dc:subject>%s</dc:subject>\n", xhtml.Text(subj))
	}
	if len(b.opts.PageBreaks) > 0 {
		// The print edition the page-break markers come from: its ISBN, or its description.
		source := fmt.Sprintf("%s, print edition (%s)", ed.Title, ed.Print.TrimSize())
		if ed.ISBNPrint != "" {
			source = "urn:isbn:" + ed.ISBNPrint
		}
		fmt.Fprintf(&m, "<dc:source id=\"print-source\">%s</dc:source>\n", xhtml.Text(source))
		m.WriteString("<meta refines=\"#print-source\" property=\"source-of\">pagination</meta>\n")
	}
	if ed.Series != nil && ed.Series.Name != "" {
		fmt.Fprintf(&m, "<meta property=\"belongs-to-collection\" id=\"series\">%s</meta>\n<meta refines=\"#series\" property=\"collection-type\">series</meta>\n", xhtml.Text(ed.Series.Name))
		if ed.Series.Position > 0 {
			fmt.Fprintf(&m, "<meta refines=\"#series\" property=\"group-position\">%d</meta>\n", ed.Series.Position)
		}
	}
	fmt.Fprintf(&m, "<meta property=\"dcterms:modified\">%s</meta>\n", ed.Modified.UTC().Format("2006-01-02T15:04:05Z"))

	// Accessibility metadata (EPUB Accessibility 1.1): claims only what the content meets. A
	// figure without a description makes the book need sight, and it no longer meets WCAG.
	undescribed := ed.UndescribedFigures()
	for _, v := range []string{"textual", "visual"} {
		fmt.Fprintf(&m, "<meta property=\"schema:accessMode\">%s</meta>\n", v)
	}
	if len(undescribed) == 0 {
		m.WriteString("<meta property=\"schema:accessModeSufficient\">textual</meta>\n")
	}
	m.WriteString("<meta property=\"schema:accessModeSufficient\">textual,visual</meta>\n")
	features := []string{"displayTransformability", "readingOrder", "structuralNavigation", "tableOfContents"}
	if len(undescribed) == 0 {
		// The cover has its text alternative; so has every figure.
		features = append([]string{"alternativeText"}, features...)
	}

	if len(b.opts.PageBreaks) > 0 {
		features = append(features, "pageBreakMarkers", "pageNavigation")
	}
	for _, f := range features {
		fmt.Fprintf(&m, "<meta property=\"schema:accessibilityFeature\">%s</meta>\n", f)
	}
	m.WriteString("<meta property=\"schema:accessibilityHazard\">none</meta>\n")
	if len(undescribed) == 0 {
		fmt.Fprintf(&m, "<meta property=\"schema:accessibilitySummary\">%s</meta>\n", accessibilitySummary)
		m.WriteString("<meta property=\"dcterms:conformsTo\">EPUB Accessibility 1.1 - WCAG 2.1 Level AA</meta>\n")
		m.WriteString("<meta property=\"a11y:certifiedBy\">Anthology (self-declared; checked with EPUBCheck and Ace by DAISY)</meta>\n")
	} else {
		fmt.Fprintf(&m, "<meta property=\"schema:accessibilitySummary\">%s</meta>\n", xhtml.Text(fmt.Sprintf(
			"This publication does not yet meet WCAG 2.1: %d of its images have no text description (%s).",
			len(undescribed), strings.Join(undescribed, "; "))))
	}
	m.WriteString("<meta name=\"cover\" content=\"cover-image\"/>\n")
	m.WriteString("</metadata>\n")

	// Manifest.
	m.WriteString("<manifest>\n")
	items := []manifestItem{
		{id: "ncx", href: "toc.ncx", mediaType: "application/x-dtbncx+xml"},
		{id: "css", href: "css/book.css", mediaType: "text/css"},
	}
	if b.ed.EPUB.EmbedFonts {
		items = append(items, manifestItem{id: "css-fonts", href: "css/fonts.css", mediaType: "text/css"})
		items = append(items, fonts...)
	}
	items = append(items,
		manifestItem{id: "cover-image", href: coverName, mediaType: coverType, properties: "cover-image"},
		manifestItem{id: "cover", href: coverDoc, mediaType: "application/xhtml+xml"},
	)
	for i, im := range b.ed.Images {
		items = append(items, manifestItem{id: fmt.Sprintf("figure-%d", i+1), href: im.Href, mediaType: im.MediaType})
	}
	for _, s := range ed.Sections {
		it := manifestItem{id: "x-" + s.ID, href: b.href[s.ID], mediaType: "application/xhtml+xml"}
		if s.Kind == layout.Contents {
			it.properties = "nav"
		}
		items = append(items, it)
	}
	for _, it := range items {
		fmt.Fprintf(&m, "<item id=\"%s\" href=\"%s\" media-type=\"%s\"", it.id, it.href, it.mediaType)
		if it.properties != "" {
			fmt.Fprintf(&m, " properties=\"%s\"", it.properties)
		}
		m.WriteString("/>\n")
	}
	m.WriteString("</manifest>\n")

	// Spine: the cover, then every section in reading order.
	// A right-to-left book turns its pages the other way.
	if layout.RightToLeft(ed.Language) {
		m.WriteString("<spine toc=\"ncx\" page-progression-direction=\"rtl\">\n<itemref idref=\"cover\"/>\n")
	} else {
		m.WriteString("<spine toc=\"ncx\">\n<itemref idref=\"cover\"/>\n")
	}
	for _, s := range ed.Sections {
		fmt.Fprintf(&m, "<itemref idref=\"x-%s\"/>\n", s.ID)
	}
	m.WriteString("</spine>\n")

	// The EPUB 2 guide, which some reading systems (older Kindles among them) still read.
	m.WriteString("<guide>\n<reference type=\"cover\" title=\"" + xhtml.Text(b.ed.Words.Cover) + "\" href=\"" + coverDoc + "\"/>\n")
	for _, s := range ed.Sections {
		if s.Kind == layout.Contents {
			fmt.Fprintf(&m, "<reference type=\"toc\" title=\"%s\" href=\"%s\"/>\n", xhtml.Text(b.ed.Words.Contents), b.href[s.ID])
		}
	}
	if start := b.bodyStart(); start != nil {
		fmt.Fprintf(&m, "<reference type=\"text\" title=\"%s\" href=\"%s\"/>\n", xhtml.Text(b.ed.Words.StartOfText), b.href[start.ID])
	}
	m.WriteString("</guide>\n</package>\n")
	return []byte(m.String())
}

// w3cDate returns a date in the W3C date format the OPF requires, or "" when the project's
// date is not one (dc:date is then left out rather than invalid).
func w3cDate(s string) string {
	s = strings.TrimSpace(s)
	for _, layout := range []string{"2006-01-02", "2006-01", "2006"} {
		if _, err := time.Parse(layout, s); err == nil {
			return s
		}
	}
	return ""
}

// ncx writes the EPUB 2 navigation file, for reading systems that predate EPUB 3.
func (b *builder) ncx() []byte {
	ed := b.ed
	var m strings.Builder
	m.WriteString("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
	fmt.Fprintf(&m, "<ncx xmlns=\"http://www.daisy.org/z3986/2005/ncx/\" version=\"2005-1\" xml:lang=\"%s\">\n<head>\n", xhtml.Text(ed.Language))
	fmt.Fprintf(&m, "<meta name=\"dtb:uid\" content=\"%s\"/>\n<meta name=\"dtb:depth\" content=\"2\"/>\n", xhtml.Text(ed.Identifier))
	pages, maxPage := 0, 0
	for _, s := range ed.Sections {
		pages += len(b.opts.PageBreaks[s.ID])
	}
	if pages > 0 {
		maxPage = b.opts.PrintPages
	}
	fmt.Fprintf(&m, "<meta name=\"dtb:totalPageCount\" content=\"%d\"/>\n<meta name=\"dtb:maxPageNumber\" content=\"%d\"/>\n</head>\n", pages, maxPage)
	fmt.Fprintf(&m, "<docTitle><text>%s</text></docTitle>\n", xhtml.Text(ed.Title))
	for _, e := range ed.Editors {
		fmt.Fprintf(&m, "<docAuthor><text>%s</text></docAuthor>\n", xhtml.Text(e.Name))
	}
	m.WriteString("<navMap>\n")
	order := 0
	point := func(label, href string, open bool) {
		order++
		fmt.Fprintf(&m, "<navPoint id=\"nav-%d\" playOrder=\"%d\"><navLabel><text>%s</text></navLabel><content src=\"%s\"/>", order, order, xhtml.Text(label), href)
		if !open {
			m.WriteString("</navPoint>\n")
		} else {
			m.WriteString("\n")
		}
	}
	var contents *layout.Section
	for _, s := range ed.Sections {
		if s.Kind == layout.Contents {
			contents = s
		}
	}
	if contents != nil {
		point(b.ed.Words.Contents, b.href[contents.ID], false)
		entries := contents.Entries
		for i := 0; i < len(entries); i++ {
			t := entries[i].Target
			if t.Kind == layout.PartOpener {
				point(b.ed.Words.PartLabel(t.Number)+b.ed.Words.LabelSep+t.PlainTitle(), b.href[t.ID], true)
				for i+1 < len(entries) && entries[i+1].Level == 1 {
					i++
					k := entries[i].Target
					point(tocLabel(k), b.href[k.ID], false)
				}
				m.WriteString("</navPoint>\n")
				continue
			}
			point(tocLabel(t), b.href[t.ID], false)
		}
	}
	m.WriteString("</navMap>\n")
	if pages > 0 {
		m.WriteString("<pageList>\n<navLabel><text>Pages</text></navLabel>\n")
		for _, s := range ed.Sections {
			for _, pb := range b.opts.PageBreaks[s.ID] {
				order++
				typ, value := "front", ""
				if isArabic(pb.Label) {
					typ, value = "normal", fmt.Sprintf(" value=\"%s\"", pb.Label)
				}
				fmt.Fprintf(&m, "<pageTarget id=\"pt-%d\" type=\"%s\"%s playOrder=\"%d\"><navLabel><text>%s</text></navLabel><content src=\"%s#page-%s\"/></pageTarget>\n",
					order, typ, value, order, xhtml.Text(pb.Label), b.href[s.ID], xhtml.Text(pb.Label))
			}
		}
		m.WriteString("</pageList>\n")
	}
	m.WriteString("</ncx>\n")
	return []byte(m.String())
}

// tocLabel is an entry's label in the NCX: the title, then the byline for essays.
func tocLabel(s *layout.Section) string {
	if s.Kind == layout.Essay && len(s.Authors) > 0 {
		return s.PlainTitle() + " — " + s.Byline()
	}
	return s.PlainTitle()
}

// isArabic reports whether a folio is an arabic number (the NCX gives those a value).
func isArabic(label string) bool {
	for _, r := range label {
		if r < '0' || r > '9' {
			return false
		}
	}
	return label != ""
}

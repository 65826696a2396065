package pdf

import (
	"bufio"
	"bytes"
	"compress/zlib"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"html"
	"io"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/image/font/sfnt"
	"golang.org/x/text/unicode/norm"

	"github.com/anthology-editor/anthology/anthology"
	"github.com/anthology-editor/anthology/layout"
	"github.com/anthology-editor/anthology/layout/typeset"
)

// The print edition is PDF/X-1a:2001 (ISO 15930-1), what IngramSpark asks for and KDP takes:
// PDF 1.3, every font embedded (as a subset with its tag), grey or CMYK colour only, no
// transparency, a trim box on every page, and the output intent, version keys, trapping key,
// file identifier and XMP metadata that a printer's preflight looks for. fpdf writes the
// page content, fonts and images; finishPDFX adds what fpdf cannot write, by rewriting the
// few objects concerned and the cross-reference table after them.

// The PDF/X version the print edition claims; its output intent is the grey profile of
// icc.go, embedded.
const (
	pdfxVersion     = "PDF/X-1:2001"
	pdfxConformance = "PDF/X-1a:2001"
	// PDF/X-4 (ISO 15930-7:2010), for printers that take it: PDF 1.6, no conformance key,
	// XMP with the document's identifiers, version and rendition class.
	pdfx4Version = "PDF/X-4"
)

// xmpFor is the document's XMP metadata for a PDF/X standard (anthology.PDFX1a or PDFX4),
// the same facts as its Info dictionary.
func xmpFor(ed *layout.Edition, stamp time.Time, standard, producer string) []byte {
	version := `<pdfx:GTS_PDFXVersion>` + pdfxVersion + `</pdfx:GTS_PDFXVersion>
<pdfx:GTS_PDFXConformance>` + pdfxConformance + `</pdfx:GTS_PDFXConformance>
<pdfxid:GTS_PDFXVersion>` + pdfxVersion + `</pdfxid:GTS_PDFXVersion>`
	if standard == anthology.PDFX4 {
		// The identifiers are derived from the book and the moment it was made: the same
		// project gives the same file.
		h := sha256.Sum256([]byte(ed.Identifier + "\x00" + ed.Title + "\x00" + stamp.UTC().Format(time.RFC3339)))
		uuid := fmt.Sprintf("uuid:%x-%x-%x-%x-%x", h[0:4], h[4:6], h[6:8], h[8:10], h[10:16])
		version = `<pdfxid:GTS_PDFXVersion>` + pdfx4Version + `</pdfxid:GTS_PDFXVersion>
<xmpMM:DocumentID>` + uuid + `</xmpMM:DocumentID>
<xmpMM:InstanceID>` + uuid + `</xmpMM:InstanceID>
<xmpMM:VersionID>1</xmpMM:VersionID>
<xmpMM:RenditionClass>default</xmpMM:RenditionClass>`
	}
	date := stamp.UTC().Format("2006-01-02T15:04:05Z")
	esc := html.EscapeString
	creators := ""
	if names := ed.EditorNames(); names != "" {
		creators = "<dc:creator><rdf:Seq><rdf:li>" + esc(names) + "</rdf:li></rdf:Seq></dc:creator>"
	}
	return []byte(`<?xpacket begin="` + "\ufeff" + `" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:pdfx="http://ns.adobe.com/pdfx/1.3/" xmlns:pdfxid="http://www.npes.org/pdfx/ns/id/" xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/">
<dc:format>application/pdf</dc:format>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">` + esc(ed.Title) + `</rdf:li></rdf:Alt></dc:title>
` + creators + `
<xmp:CreateDate>` + date + `</xmp:CreateDate>
<xmp:ModifyDate>` + date + `</xmp:ModifyDate>
<xmp:MetadataDate>` + date + `</xmp:MetadataDate>
<xmp:CreatorTool>Anthology</xmp:CreatorTool>
<pdf:Producer>` + producer + `</pdf:Producer>
<pdf:Trapped>False</pdf:Trapped>
` + version + `
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`)
}

// pdfObject is one indirect object of fpdf's output: its number and its bytes, from "N 0 obj"
// to the next object.
type pdfObject struct {
	num  int
	data []byte
}

var (
	startxrefRE = regexp.MustCompile(`startxref\s+(\d+)\s+%%EOF\s*$`)
	trailerRE   = regexp.MustCompile(`/(Root|Info) (\d+) 0 R`)
	fontNameRE  = regexp.MustCompile(`/(BaseFont|FontName) /(utf8[A-Za-z0-9]+)`)
	infoDateRE  = regexp.MustCompile(`\(D:(\d{14})\)`)
)

// FinishCover makes a cover fpdf wrote in RGB a PDF/X-1a file in CMYK: what finishPDFX adds,
// with an output intent of the registered CMYK condition most US printers proof to (SWOP,
// CGATS TR 001), every RGB colour of the page turned to CMYK (GCR: black takes the grey,
// total ink at most 300 %), and every RGB JPEG written again as CMYK. faces maps fpdf's font
// names to PostScript names (PostScriptName).
func FinishCover(src []byte, faces map[string]string) ([]byte, error) {
	return finishAs(src, faces, cmykX1a)
}

// XMP is the XMP metadata a PDF/X file of ed carries (fpdf's SetXmpMetadata).
func XMP(ed *layout.Edition, stamp time.Time) []byte {
	return xmpFor(ed, stamp, anthology.PDFX1a, "Anthology (fpdf)")
}

// PostScriptName is a TrueType font's PostScript name, what a PDF/X file names it by.
func PostScriptName(data []byte) (string, error) {
	fnt, err := sfnt.Parse(data)
	if err != nil {
		return "", err
	}
	ps, err := fnt.Name(nil, sfnt.NameIDPostScript)
	if err != nil || ps == "" {
		return "", errors.New("the font has no PostScript name")
	}
	return ps, nil
}

// finishKind is what finish makes of fpdf's output.
type finishKind int

const (
	plainPDF finishKind = iota // only the ToUnicode tables
	grayX1a                    // PDF/X-1a, the grey output profile (an interior)
	cmykX1a                    // PDF/X-1a in CMYK (a cover)
	grayX4                     // PDF/X-4, the grey output profile (an interior)
)

// finishAs rewrites fpdf's output: always each font's ToUnicode table (so that the standard
// ligatures the typesetter draws read as their letters: "ﬁ" as "fi"), and for a PDF/X kind
// what PDF/X-1a asks for (see finishPDFX, FinishCover).
func finishAs(src []byte, faces map[string]string, kind finishKind) ([]byte, error) {
	var out bytes.Buffer
	out.Grow(len(src)/2 + 4096)
	if err := finishTo(&out, src, faces, kind); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// finishTo is finishAs writing the finished file to w.
func finishTo(w io.Writer, src []byte, faces map[string]string, kind finishKind) error {
	pdfx := kind != plainPDF
	m := startxrefRE.FindSubmatch(src)
	if m == nil {
		return errors.New("pdfx: no startxref")
	}
	xref, _ := strconv.Atoi(string(m[1]))
	if xref <= 0 || xref >= len(src) || !bytes.HasPrefix(src[xref:], []byte("xref")) {
		return errors.New("pdfx: no cross-reference table where startxref points")
	}
	table := src[xref:]
	lines := bytes.Split(table, []byte("\n"))
	if len(lines) < 3 {
		return errors.New("pdfx: short cross-reference table")
	}
	var first, count int
	if _, err := fmt.Sscanf(string(lines[1]), "%d %d", &first, &count); err != nil || first != 0 || len(lines) < 2+count {
		return errors.New("pdfx: unexpected cross-reference table")
	}
	var objs []pdfObject
	starts := map[int]int{}
	for i := 1; i < count; i++ {
		off, err := strconv.Atoi(string(bytes.Fields(lines[2+i])[0]))
		if err != nil || off <= 0 || off >= xref {
			return fmt.Errorf("pdfx: bad offset for object %d", i)
		}
		starts[i] = off
		objs = append(objs, pdfObject{num: i})
	}
	slices.SortFunc(objs, func(a, b pdfObject) int { return starts[a.num] - starts[b.num] })
	for k := range objs {
		end := xref
		if k+1 < len(objs) {
			end = starts[objs[k+1].num]
		}
		objs[k].data = src[starts[objs[k].num]:end]
	}
	header := src[:starts[objs[0].num]]
	trailer := table[bytes.Index(table, []byte("trailer")):]
	refs := map[string]int{}
	for _, r := range trailerRE.FindAllSubmatch(trailer, -1) {
		refs[string(r[1])], _ = strconv.Atoi(string(r[2]))
	}
	if refs["Root"] == 0 || refs["Info"] == 0 {
		return errors.New("pdfx: trailer names no catalog or no Info")
	}

	sum := sha256.Sum256(src)
	// New objects are numbered after fpdf's last: the output profile, then the pages'
	// resource dictionaries.
	withProfile := kind == grayX1a || kind == grayX4
	next := count
	if withProfile {
		next++
	}
	resources, err := pageResources(objs, next)
	if err != nil {
		return err
	}
	// A cover's page contents, to be painted in CMYK.
	contents := map[int]bool{}
	if kind == cmykX1a {
		for _, o := range objs {
			if bytes.Contains(o.data, []byte("/Type /Page\n")) || bytes.Contains(o.data, []byte("/Type /Page ")) {
				for _, m := range contentsRE.FindAllSubmatch(o.data, -1) {
					n, _ := strconv.Atoi(string(m[1]))
					contents[n] = true
				}
			}
		}
	}
	for k, o := range objs {
		d := o.data
		if len(d) < 4096 && bytes.Contains(d, []byte("Box [")) {
			// A page object (its boxes in one order; the same length).
			d = sortPageBoxes(d)
		}
		if bytes.Contains(d, []byte(fpdfIdentityRange)) && bytes.Contains(d, []byte("/CMapName /Adobe-Identity-UCS")) {
			d = ligatureToUnicode(d)
		}
		if !pdfx {
			objs[k].data = d
			continue
		}
		switch o.num {
		case refs["Info"]:
			d = infoDateRE.ReplaceAll(d, []byte("(D:${1}Z)"))
			if kind == grayX4 {
				d = insertBeforeDictEnd(d, "/GTS_PDFXVersion ("+pdfx4Version+")\n/Trapped /False\n")
				break
			}
			d = insertBeforeDictEnd(d, "/GTS_PDFXVersion ("+pdfxVersion+")\n/GTS_PDFXConformance ("+pdfxConformance+")\n/Trapped /False\n")
		case refs["Root"]:
			if kind == cmykX1a {
				// A registered characterization: PDF/X-1a names it, and needs no profile.
				d = insertBeforeDictEnd(d, "/OutputIntents [<< /Type /OutputIntent /S /GTS_PDFX /OutputConditionIdentifier (CGATS TR 001) "+
					"/RegistryName (http://www.color.org) /OutputCondition (SWOP \\(Publication\\) Grade 5 Paper) /Info (U.S. Web Coated \\(SWOP\\)) >>]\n")
				break
			}
			// The profile is a new object, numbered after fpdf's last.
			d = insertBeforeDictEnd(d, fmt.Sprintf("/OutputIntents [<< /Type /OutputIntent /S /GTS_PDFX /OutputConditionIdentifier (Custom) "+
				"/OutputCondition (%s) /Info (%s) /DestOutputProfile %d 0 R >>]\n", escapeString(grayProfileName), escapeString(grayProfileName), count))
		default:
			if kind == cmykX1a && contents[o.num] {
				var err error
				if d, err = cmykContent(d); err != nil {
					return fmt.Errorf("pdfx: page content %d: %w", o.num, err)
				}
			}
			if kind == cmykX1a && bytes.Contains(d, []byte("/Subtype /Image")) && bytes.Contains(d, []byte("/DeviceRGB")) {
				var err error
				if d, err = cmykImage(o.num, d); err != nil {
					return fmt.Errorf("pdfx: image %d: %w", o.num, err)
				}
			}
			if bytes.Contains(d, []byte("/utf8")) && !bytes.Contains(d, []byte("stream")) {
				var err error
				d = fontNameRE.ReplaceAllFunc(d, func(tok []byte) []byte {
					sub := fontNameRE.FindSubmatch(tok)
					ps, ok := faces[string(sub[2])]
					if !ok {
						err = fmt.Errorf("pdfx: font %s is not one of the book's faces", sub[2])
						return tok
					}
					// The tag hashes the writer's own name of the font too: two subsets of one
					// font (a cover draws its face twice) never share a tag.
					return []byte("/" + string(sub[1]) + " /" + subsetTag(string(sub[2])+"\x00"+ps, sum[:]) + "+" + ps)
				})
				if err != nil {
					return err
				}
			}
		}
		objs[k].data = d
	}

	if err := compressContents(objs); err != nil {
		return err
	}
	out := &countingWriter{w: bufio.NewWriterSize(w, 1<<16)}
	if kind == grayX4 {
		// PDF/X-4 is a PDF 1.6 file; fpdf wrote an older header line of the same length.
		header = bytes.Replace(header, []byte("%PDF-1.3"), []byte("%PDF-1.6"), 1)
		header = bytes.Replace(header, []byte("%PDF-1.4"), []byte("%PDF-1.6"), 1)
	}
	out.Write(header)
	offsets := make([]int, count)
	for _, o := range objs {
		offsets[o.num] = out.Len()
		out.Write(o.data)
	}
	size := count
	if withProfile {
		profile := grayOutputProfile()
		offsets = append(offsets, out.Len())
		fmt.Fprintf(out, "%d 0 obj\n<< /N 1 /Length %d >>\nstream\n", count, len(profile))
		out.Write(profile)
		io.WriteString(out, "\nendstream\nendobj\n")
		size++
	}
	for _, r := range resources {
		offsets = append(offsets, out.Len())
		out.Write(r)
		size++
	}
	newXref := out.Len()
	fmt.Fprintf(out, "xref\n0 %d\n0000000000 65535 f \n", size)
	for i := 1; i < size; i++ {
		fmt.Fprintf(out, "%010d 00000 n \n", offsets[i])
	}
	id := hex.EncodeToString(sum[:16])
	fmt.Fprintf(out, "trailer\n<<\n/Size %d\n/Root %d 0 R\n/Info %d 0 R\n/ID [<%s> <%s>]\n>>\nstartxref\n%d\n%%%%EOF\n",
		size, refs["Root"], refs["Info"], id, id, newXref)
	return out.w.Flush() // the first error of any write, which bufio keeps
}

// countingWriter counts what it writes: the cross-reference table's offsets.
type countingWriter struct {
	w *bufio.Writer
	n int
}

func (c *countingWriter) Len() int { return c.n }

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += n
	return n, err
}

// compressContents compresses the page contents fpdf wrote uncompressed (the interior turns
// fpdf's compression off: it makes a new zlib writer, 740 KB, for every page, 4.8 GB of
// garbage for a 6,500-page book), on every core, each with one writer for all its pages.
// Each stream is compressed alone, so the file is the same however the work was shared.
func compressContents(objs []pdfObject) error {
	workers := min(runtime.GOMAXPROCS(0), max(1, len(objs)/64))
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var c contentCompressor
			for k := w; k < len(objs); k += workers {
				d, err := c.compress(objs[k].data)
				if err != nil {
					errs[w] = err
					return
				}
				objs[k].data = d
			}
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}

// contentCompressor compresses page contents with one zlib writer.
type contentCompressor struct {
	zw  *zlib.Writer
	buf bytes.Buffer
}

// plainContent is how fpdf begins a page's content object when it does not compress it.
var plainContent = regexp.MustCompile(`\A(\d+ 0 obj\n)<</Length (\d+)>>\nstream\n`)

// compress returns an object with its stream compressed when it is an uncompressed page
// content, any other object as it is.
func (c *contentCompressor) compress(obj []byte) ([]byte, error) {
	if len(obj) < 32 || !bytes.Contains(obj[:32], []byte("<</Length ")) {
		return obj, nil // not one: the pattern below need not read it
	}
	m := plainContent.FindSubmatch(obj)
	if m == nil {
		return obj, nil
	}
	n, _ := strconv.Atoi(string(m[2]))
	start := len(m[0])
	if start+n > len(obj) {
		return nil, fmt.Errorf("pdf: a page's contents are shorter than their length (%s)", bytes.TrimSpace(m[1]))
	}
	c.buf.Reset()
	if c.zw == nil {
		c.zw, _ = zlib.NewWriterLevel(&c.buf, zlib.BestSpeed)
	} else {
		c.zw.Reset(&c.buf)
	}
	if _, err := c.zw.Write(obj[start : start+n]); err != nil {
		return nil, err
	}
	if err := c.zw.Close(); err != nil {
		return nil, err
	}
	head := fmt.Sprintf("%s<</Filter /FlateDecode /Length %d>>\nstream\n", m[1], c.buf.Len())
	out := make([]byte, 0, len(head)+c.buf.Len()+len(obj)-start-n)
	out = append(out, head...)
	out = append(out, c.buf.Bytes()...)
	return append(out, obj[start+n:]...), nil
}

// fpdfIdentityRange is the one range of fpdf's ToUnicode table: every code is its character.
const fpdfIdentityRange = "1 beginbfrange\n<0000> <FFFF> <0000>\nendbfrange\n"

// ligatureToUnicode rewrites a ToUnicode stream object of fpdf's so that the characters the
// typesetter draws in place of others read as those others: the ligatures U+FB00–FB04 as
// their letters ("ﬁ" as "fi"), the Arabic presentation forms (each letter's shape, and lam
// with alef) as the letters they are written with; every other code as itself. The table is
// compressed.
func ligatureToUnicode(obj []byte) []byte {
	start := bytes.Index(obj, []byte("stream\n"))
	end := bytes.LastIndex(obj, []byte("\nendstream"))
	head := bytes.Index(obj, []byte("<<"))
	if start < 0 || end < start || head < 0 || head > start {
		return obj
	}
	body := bytes.Replace(obj[start+len("stream\n"):end], []byte(fpdfIdentityRange), toUnicodeTable(), 1)
	var z bytes.Buffer
	w, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
	w.Write(body)
	w.Close()
	return slices.Concat(obj[:head], []byte(fmt.Sprintf("<</Filter /FlateDecode /Length %d>>\n", z.Len())), []byte("stream\n"), z.Bytes(), obj[end:])
}

// readsAs maps the characters that read as something else to what they read as: their
// compatibility decomposition (the ligatures U+FB00–FB04, the Arabic presentation forms).
var readsAs = sync.OnceValue(func() map[rune]string {
	special := map[rune]string{}
	for _, block := range [][2]rune{{0xFB00, 0xFB04}, {0xFB50, 0xFDFF}, {0xFE70, 0xFEFC}} {
		for r := block[0]; r <= block[1]; r++ {
			if d := norm.NFKC.String(string(r)); d != string(r) && utf8.ValidString(d) {
				special[r] = d
				// pdftotext (poppler) reverses the letters of one right-to-left glyph as it
				// reverses the glyphs: lam-alef maps to its letters in drawn order, alef first,
				// so that the text reads "لا" (tested in the right-to-left book).
				if rs := []rune(d); len(rs) == 2 && rs[0] == '\u0644' {
					special[r] = string([]rune{rs[1], rs[0]})
				}
			}
		}
	}
	return special
})

var toUnicodeTable = sync.OnceValue(func() []byte {
	special := readsAs()
	hex16 := func(s string) string {
		var b strings.Builder
		for _, u := range utf16.Encode([]rune(s)) {
			fmt.Fprintf(&b, "%04X", u)
		}
		return b.String()
	}
	// Identity ranges between them, none crossing a 256-code boundary (a range increments only
	// the last byte of its destination).
	var ranges, chars []string
	for lo := rune(0); lo <= 0xFFFF; {
		if d, ok := special[lo]; ok {
			chars = append(chars, fmt.Sprintf("<%04X> <%s>", lo, hex16(d)))
			lo++
			continue
		}
		hi := lo
		for hi+1 <= 0xFFFF && (hi+1)&0xFF != 0 {
			if _, ok := special[hi+1]; ok {
				break
			}
			hi++
		}
		if lo < 0xD800 || lo > 0xDFFF { // surrogates are no characters
			ranges = append(ranges, fmt.Sprintf("<%04X> <%04X> <%04X>", lo, hi, lo))
		}
		lo = hi + 1
	}
	var b strings.Builder
	for i := 0; i < len(ranges); i += 100 {
		part := ranges[i:min(i+100, len(ranges))]
		fmt.Fprintf(&b, "%d beginbfrange\n%s\nendbfrange\n", len(part), strings.Join(part, "\n"))
	}
	for i := 0; i < len(chars); i += 100 {
		part := chars[i:min(i+100, len(chars))]
		fmt.Fprintf(&b, "%d beginbfchar\n%s\nendbfchar\n", len(part), strings.Join(part, "\n"))
	}
	return []byte(b.String())
})

// insertBeforeDictEnd adds entries at the end of the object's top-level dictionary.
func insertBeforeDictEnd(obj []byte, entries string) []byte {
	end := bytes.LastIndex(obj, []byte(">>"))
	if end < 0 {
		return obj
	}
	return slices.Concat(obj[:end], []byte(entries), obj[end:])
}

// escapeString escapes a PDF literal string's parentheses and backslashes.
func escapeString(s string) string {
	var b bytes.Buffer
	for _, c := range []byte(s) {
		if c == '(' || c == ')' || c == '\\' {
			b.WriteByte('\\')
		}
		b.WriteByte(c)
	}
	return b.String()
}

// subsetTag is the six capital letters that mark a font subset ("ABCDEF+CharisSIL"): from a
// hash of the font's name and what sets its subset apart (the cover's file, the interior's
// glyphs), so that the same book gets the same tags.
func subsetTag(ps string, subset []byte) string {
	h := sha256.Sum256(append([]byte(ps), subset...))
	tag := make([]byte, 6)
	for i := range tag {
		tag[i] = 'A' + h[i]%26
	}
	return string(tag)
}

// FaceName is the PostScript name a face is embedded under: the font's own, read from its
// name table, and for a face of small capitals made from it (typeset.Face.SmallCaps) a name
// of its own ("CharisSIL-SC", "CharisSIL-ItalicSC"), so that no two fonts share one.
func FaceName(f *typeset.Face) (string, error) {
	ps, err := PostScriptName(f.Data)
	if err != nil {
		return "", err
	}
	if f.IsSmallCaps() {
		if strings.Contains(ps, "-") {
			return ps + "SC", nil
		}
		return ps + "-SC", nil
	}
	return ps, nil
}

// pageBoxesRE matches the boxes fpdf writes one after another in a page's dictionary.
var pageBoxesRE = regexp.MustCompile(`/(?:TrimBox|BleedBox|CropBox|ArtBox) \[[^\]\n]*\]\n(?:/(?:TrimBox|BleedBox|CropBox|ArtBox) \[[^\]\n]*\]\n)+`)

// sortPageBoxes puts each page's boxes in one order. fpdf writes them in the order of a Go
// map, so a page with a trim and a bleed box came out one way or the other from run to run
// (and the file's /ID, a hash of it, with them). The lines only change places: every offset
// of the file stays where it was.
func sortPageBoxes(src []byte) []byte {
	if !pageBoxesRE.Match(src) {
		return src
	}
	return pageBoxesRE.ReplaceAllFunc(src, func(m []byte) []byte {
		lines := bytes.SplitAfter(m, []byte("\n"))
		lines = lines[:len(lines)-1] // after the last "\n"
		slices.SortFunc(lines, bytes.Compare)
		return bytes.Join(lines, nil)
	})
}

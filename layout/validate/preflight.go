package validate

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"

	"github.com/anthology-editor/anthology/anthology"
)

// PreflightOptions are the printer's rules a PDF is held to.
type PreflightOptions struct {
	// Printer holds the page counts the service binds; its zero value checks none.
	Printer anthology.Printer
	// Paper is "white" or "cream" (it decides the most pages).
	Paper string
	// SafeZone is how far, in points, every word must stay from the trim.
	SafeZone float64
	// MinPPI is the least resolution of an image at its printed size.
	MinPPI int
	// Cover checks a wraparound cover: one page, with bleed; no page count.
	Cover bool
}

// Violation is one thing a printer's preflight would refuse.
type Violation struct {
	Page int    // 1-based; 0 for the whole file
	Rule string // "pdfx", "fonts", "colour", "boxes", "pages", "images", "safe-zone"
	Msg  string
}

func (v Violation) String() string {
	if v.Page > 0 {
		return fmt.Sprintf("page %d: %s: %s", v.Page, v.Rule, v.Msg)
	}
	return v.Rule + ": " + v.Msg
}

// Preflight checks a print PDF — ours or anyone's — as a printer's upload does: PDF/X keys
// (output intent, version, trapping, file identifier, XMP), embedded and subset fonts, no RGB
// colour and no transparency, a trim box on every page and one page size, the page count the
// printer binds (even, within its limits), images at print resolution, and every word inside
// the safe zone. It reads the file with qpdf and poppler, not with the program's own writer.
func Preflight(ctx context.Context, pdf string, o PreflightOptions) ([]Violation, error) {
	var out []Violation
	add := func(page int, rule, format string, args ...any) {
		out = append(out, Violation{Page: page, Rule: rule, Msg: fmt.Sprintf(format, args...)})
	}
	// The readings that do not depend on one another run side by side (each is a process of
	// its own: on two cores the preflight of the sample takes half the time); each is read
	// where its rule is checked.
	ctx, cancel := context.WithCancel(ctx)
	defer cancel() // an early return stops the rest
	qdf := inBackground(ctx, "qpdf", "--qdf", "--object-streams=disable", pdf, "-")
	js, err := Tool(ctx, "qpdf", "--json=2", "--json-key=qpdf", pdf)
	if err != nil {
		if IsMissing(err) {
			return nil, err
		}
		return nil, fmt.Errorf("%s: qpdf cannot read it: %s", pdf, firstLine(js))
	}
	objs, err := qpdfObjects(js)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", pdf, err)
	}
	dict := func(v any) map[string]any {
		if ref, ok := v.(string); ok {
			v = objs["obj:"+ref]
		}
		m, _ := v.(map[string]any)
		return m
	}
	trailer := dict(objs["trailer"])
	root, info := dict(trailer["/Root"]), dict(trailer["/Info"])
	if trailer["/ID"] == nil {
		add(0, "pdfx", "no file identifier (/ID) in the trailer")
	}
	if ois, _ := root["/OutputIntents"].([]any); len(ois) == 0 || dict(ois[0])["/S"] != "/GTS_PDFX" {
		add(0, "pdfx", "no PDF/X output intent")
	} else if oi := dict(ois[0]); oi["/DestOutputProfile"] == nil && oi["/OutputConditionIdentifier"] == nil {
		add(0, "pdfx", "the output intent names no profile and no condition")
	} else if ref, _ := oi["/DestOutputProfile"].(string); ref != "" {
		// An ICC output profile: its header says printer class ("prtr"), one ink or four.
		icc, err := Tool(ctx, "qpdf", "--show-object="+strings.Fields(ref)[0], "--filtered-stream-data", pdf)
		if err != nil || len(icc) < 128 || icc[12:16] != "prtr" || (icc[16:20] != "GRAY" && icc[16:20] != "CMYK") || icc[36:40] != "acsp" {
			add(0, "pdfx", "the output intent's profile is not an ICC printer profile")
		}
	}
	for _, k := range []string{"/GTS_PDFXVersion", "/Trapped", "/Title", "/CreationDate", "/ModDate"} {
		if info[k] == nil {
			add(0, "pdfx", "no %s in the document information", k)
		}
	}
	if root["/Metadata"] == nil {
		add(0, "pdfx", "no XMP metadata")
	}
	// PDF/X-4 (ISO 15930-7) is a PDF 1.6 file whose XMP names the version and carries the
	// document's identifiers, version and rendition class.
	if v, _ := info["/GTS_PDFXVersion"].(string); strings.HasPrefix(v, "u:PDF/X-4") || strings.HasPrefix(v, "PDF/X-4") {
		if pv := pdfVersion(js); pv < "1.6" {
			add(0, "pdfx", "a PDF/X-4 file must be PDF 1.6 or later, not %s", pv)
		}
		if ref, _ := root["/Metadata"].(string); ref != "" {
			xmp, err := Tool(ctx, "qpdf", "--show-object="+strings.Fields(ref)[0], "--filtered-stream-data", pdf)
			for _, key := range []string{"pdfxid:GTS_PDFXVersion>PDF/X-4", "xmpMM:DocumentID>", "xmpMM:VersionID>", "xmpMM:RenditionClass>"} {
				if err != nil || !strings.Contains(xmp, key) {
					add(0, "pdfx", "the XMP metadata of a PDF/X-4 file lacks %s", strings.TrimSuffix(key, ">"))
				}
			}
		}
	}
	tagged := regexp.MustCompile(`^/[A-Z]{6}\+`)
	rgb, masks := 0, 0
	var untagged, unembedded []string
	names := make([]string, 0, len(objs))
	for name := range objs {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		all, _ := json.Marshal(objs[name])
		s := string(all)
		if strings.Contains(s, `"/DeviceRGB"`) {
			rgb++
		}
		if strings.Contains(s, `"/SMask"`) {
			masks++
		}
		if d := dict(objs[name]); d["/Type"] == "/Font" && d["/Subtype"] != "/Type3" {
			bf, _ := d["/BaseFont"].(string)
			if bf != "" && !tagged.MatchString(bf) {
				untagged = append(untagged, bf)
			}
			// Embedded: its descriptor (a composite font's, in its descendant) holds the font
			// file. (pdffonts says the same, but loads every font again for every page: 167 s
			// for a 6,572-page book.)
			desc := d
			if d["/Subtype"] == "/Type0" {
				if kids, _ := d["/DescendantFonts"].([]any); len(kids) > 0 {
					desc = dict(kids[0])
				}
			}
			fd := dict(desc["/FontDescriptor"])
			if fd["/FontFile"] == nil && fd["/FontFile2"] == nil && fd["/FontFile3"] == nil && bf != "" {
				unembedded = append(unembedded, strings.TrimPrefix(bf, "/"))
			}
		}
	}
	if rgb > 0 {
		add(0, "colour", "%d object(s) use DeviceRGB: print files are grey or CMYK", rgb)
	}
	if masks > 0 {
		add(0, "colour", "%d image(s) have soft masks (transparency), which PDF/X-1a forbids", masks)
	}
	if len(untagged) > 0 {
		add(0, "fonts", "fonts not embedded as subsets: %s", strings.Join(untagged, ", "))
	}
	for _, f := range unembedded {
		add(0, "fonts", "font %s is not embedded", f)
	}
	if content, err := qdf.wait(); err == nil && paintsRGB(content) {
		add(0, "colour", "the page content paints in RGB (rg/RG operators)")
	}

	// Pages: boxes, one size, the count.
	var pages []map[string]any
	var walk func(node map[string]any, depth int)
	walk = func(node map[string]any, depth int) {
		if depth > 64 {
			return
		}
		if node["/Type"] == "/Page" {
			pages = append(pages, node)
			return
		}
		kids, _ := node["/Kids"].([]any)
		for _, k := range kids {
			walk(dict(k), depth+1)
		}
	}
	walk(dict(root["/Pages"]), 0)
	box := func(p map[string]any, key string) []float64 {
		raw, _ := p[key].([]any)
		if raw == nil {
			if parent := dict(p["/Parent"]); parent != nil && key == "/MediaBox" {
				raw, _ = parent[key].([]any)
			}
		}
		var b []float64
		for _, v := range raw {
			if f, ok := v.(float64); ok {
				b = append(b, f)
			}
		}
		if len(b) != 4 {
			return nil
		}
		return b
	}
	trims := make([][]float64, len(pages))
	sizes := map[string]int{}
	for i, p := range pages {
		media := box(p, "/MediaBox")
		trim := box(p, "/TrimBox")
		if trim == nil {
			add(i+1, "boxes", "no trim box")
			trim = media
		}
		trims[i] = trim
		if trim != nil {
			sizes[fmt.Sprintf("%.1f × %.1f pt", trim[2]-trim[0], trim[3]-trim[1])]++
		}
	}
	if len(sizes) > 1 {
		var list []string
		for s, n := range sizes {
			list = append(list, fmt.Sprintf("%s (%d pages)", s, n))
		}
		sort.Strings(list)
		add(0, "boxes", "the pages are not all one trim size: %s", strings.Join(list, ", "))
	}
	if o.Cover {
		if len(pages) != 1 {
			add(0, "pages", "a cover is one page; this file has %d", len(pages))
		}
		if len(pages) > 0 && pages[0]["/BleedBox"] == nil {
			add(1, "boxes", "the cover has no bleed box")
		}
	} else {
		if len(pages)%2 == 1 {
			add(0, "pages", "%d pages: a printed book has an even number (add a blank last page)", len(pages))
		}
		if o.Printer.Key != "" {
			if msg := o.Printer.PageCountProblem(len(pages), o.Paper); msg != "" {
				add(0, "pages", "%s", "the file "+strings.TrimPrefix(msg, "the print edition "))
			}
		}
	}

	// Images at their printed size, and every word inside the safe zone: poppler reads
	// every page it is given at about 10 ms a page, so pdfimages reads only the pages whose
	// resources hold an image, and pdftotext's pages are shared among the cores.
	var images, words []*backgroundTool
	if o.MinPPI > 0 {
		for _, r := range pageRuns(pagesWithImages(pages, dict)) {
			images = append(images, inBackground(ctx, "pdfimages", "-list", "-f", strconv.Itoa(r[0]), "-l", strconv.Itoa(r[1]), pdf))
		}
	}
	if o.SafeZone > 0 && len(pages) > 0 {
		n := min(runtime.GOMAXPROCS(0), max(1, len(pages)/32))
		for i := range n {
			first, last := i*len(pages)/n+1, (i+1)*len(pages)/n
			words = append(words, inBackground(ctx, "pdftotext", "-bbox", "-f", strconv.Itoa(first), "-l", strconv.Itoa(last), pdf, "-"))
		}
	}
	row := regexp.MustCompile(`(?m)^\s*(\d+)\s+\d+\s+(?:image|smask|mask|stencil)\s+(\d+)\s+(\d+)\s+\S+\s+\d+\s+\d+\s+\S+\s+\S+\s+\d+\s+\d+\s+(\d+)\s+(\d+)`)
	for _, tool := range images {
		list, err := tool.wait()
		if err != nil {
			continue
		}
		for _, m := range row.FindAllStringSubmatch(list, -1) {
			page, _ := strconv.Atoi(m[1])
			x, _ := strconv.Atoi(m[4])
			y, _ := strconv.Atoi(m[5])
			if min(x, y) < o.MinPPI {
				add(page, "images", "an image of %s × %s pixels prints at %d ppi; printers ask for %d", m[2], m[3], min(x, y), o.MinPPI)
			}
		}
	}
	// (pdftotext's word boxes are from the top of the media box.)
	reported, page := 0, 0
	for _, tool := range words {
		bbox, err := tool.wait()
		if err != nil {
			break // the pages after it would be numbered wrong
		}
		eachPageWords(bbox, func(h float64, ws []bboxWord) {
			page++
			if page > len(pages) || trims[page-1] == nil {
				return
			}
			t := trims[page-1]
			left, right, top, bottom := t[0]+o.SafeZone, t[2]-o.SafeZone, h-t[3]+o.SafeZone, h-t[1]-o.SafeZone
			for _, w := range ws {
				if w.x0 < left-0.5 || w.x1 > right+0.5 || w.y0 < top-0.5 || w.y1 > bottom+0.5 {
					if reported++; reported <= 20 {
						add(page, "safe-zone", "%q is %.2f in from the trim; printers keep text %.2f in inside it", w.text,
							min(w.x0-t[0], t[2]-w.x1, w.y0-(h-t[3]), (h-t[1])-w.y1)/72, o.SafeZone/72)
					}
					break // one word a page says enough
				}
			}
		})
	}
	if reported > 20 {
		add(0, "safe-zone", "and %d more pages with text outside the safe zone", reported-20)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Page < out[j].Page })
	return out, nil
}

// qpdfObjects reads qpdf's JSON (version 2): every object's value by "obj:N 0 R", the trailer
// by "trailer"; a stream stands for its dictionary.
// pdfVersion is the PDF version qpdf's JSON reports ("1.6"), "" when it says none.
func pdfVersion(js string) string {
	var doc struct {
		Qpdf []json.RawMessage `json:"qpdf"`
	}
	if json.Unmarshal([]byte(js), &doc) != nil || len(doc.Qpdf) == 0 {
		return ""
	}
	var head struct {
		PDFVersion string `json:"pdfversion"`
	}
	_ = json.Unmarshal(doc.Qpdf[0], &head)
	return head.PDFVersion
}

func qpdfObjects(js string) (map[string]any, error) {
	var doc struct {
		Qpdf []json.RawMessage `json:"qpdf"`
	}
	if err := json.Unmarshal([]byte(js), &doc); err != nil || len(doc.Qpdf) < 2 {
		return nil, fmt.Errorf("qpdf's JSON is not what was expected: %v", err)
	}
	var raw map[string]struct {
		Value  any `json:"value"`
		Stream *struct {
			Dict map[string]any `json:"dict"`
		} `json:"stream"`
	}
	if err := json.Unmarshal(doc.Qpdf[1], &raw); err != nil {
		return nil, fmt.Errorf("qpdf's objects: %v", err)
	}
	objs := make(map[string]any, len(raw))
	for k, v := range raw {
		if v.Stream != nil {
			objs[k] = v.Stream.Dict
		} else {
			objs[k] = v.Value
		}
	}
	return objs, nil
}

// backgroundTool is a tool running while the preflight reads something else.
type backgroundTool struct {
	done chan struct{}
	out  string
	err  error
}

// inBackground starts a tool (see toolOutput) and returns at once.
func inBackground(ctx context.Context, name string, args ...string) *backgroundTool {
	b := &backgroundTool{done: make(chan struct{})}
	go func() {
		defer close(b.done)
		b.out, b.err = toolOutput(ctx, name, args...)
	}()
	return b
}

// wait returns the tool's output when it has ended.
func (b *backgroundTool) wait() (string, error) {
	<-b.done
	return b.out, b.err
}

// paintsRGB reports whether page content sets an RGB colour: three numbers and an rg or RG
// operator. (A regular expression over the whole decompressed file took seconds on a
// 30-page book and minutes on thousands of pages; this looks only where the operator is.)
func paintsRGB(content string) bool {
	for _, op := range []string{"rg", "RG"} {
		for from := 0; ; {
			i := strings.Index(content[from:], op)
			if i < 0 {
				break
			}
			i += from
			from = i + len(op)
			if from < len(content) && isWordByte(content[from]) {
				continue // a longer name
			}
			if endsWithNumbers(content[:i], 3) {
				return true
			}
		}
	}
	return false
}

// endsWithNumbers reports whether s ends with n numbers, each preceded by white space or the
// start of the text and the last followed by white space.
func endsWithNumbers(s string, n int) bool {
	for ; n > 0; n-- {
		j := len(s)
		for j > 0 && isSpace(s[j-1]) {
			j--
		}
		if j == len(s) {
			return false // no white space before the operator or between the numbers
		}
		k := j
		for k > 0 && (s[k-1] >= '0' && s[k-1] <= '9' || s[k-1] == '.') {
			k--
		}
		if k == j {
			return false
		}
		if n == 1 {
			return k == 0 || isSpace(s[k-1])
		}
		s = s[:k]
	}
	return true
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
}

func isWordByte(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// pagesWithImages lists the pages (1-based) whose resources hold an image or a form (which
// may hold one); a page whose resources cannot be read is listed.
func pagesWithImages(pages []map[string]any, dict func(any) map[string]any) []int {
	var out []int
	for i, p := range pages {
		res := p["/Resources"]
		for parent, depth := p, 0; res == nil && parent != nil && depth < 64; depth++ {
			parent = dict(parent["/Parent"]) // inherited from the page tree
			res = parent["/Resources"]
		}
		if res == nil {
			out = append(out, i+1)
			continue
		}
		for _, x := range dict(dict(res)["/XObject"]) {
			if st := dict(x)["/Subtype"]; st == "/Image" || st == "/Form" || st == nil {
				out = append(out, i+1)
				break
			}
		}
	}
	return out
}

// pageRuns gathers ascending page numbers into ranges [first, last], joining those a few
// pages apart (a process costs about what poppler spends on a few pages); more than 32 runs
// become one.
func pageRuns(pages []int) [][2]int {
	var runs [][2]int
	for _, p := range pages {
		if n := len(runs); n > 0 && p-runs[n-1][1] <= 4 {
			runs[n-1][1] = p
			continue
		}
		runs = append(runs, [2]int{p, p})
	}
	if len(runs) > 32 {
		return [][2]int{{runs[0][0], runs[len(runs)-1][1]}}
	}
	return runs
}

// bboxWord is a word as pdftotext -bbox places it.
type bboxWord struct {
	x0, y0, x1, y1 float64
	text           string
}

// eachPageWords calls fn for each page of pdftotext -bbox's output, in order, with the page's
// height and words. (A hand scanner: regular expressions over a long book's 200 MB took 18 s.)
func eachPageWords(s string, fn func(height float64, words []bboxWord)) {
	var words []bboxWord
	for {
		tag, body, rest, ok := element(s, "page")
		if !ok {
			return
		}
		s = rest
		h, _ := strconv.ParseFloat(attr(tag, "height"), 64)
		words = words[:0]
		for {
			tag, text, rest, ok := element(body, "word")
			if !ok {
				break
			}
			body = rest
			w := bboxWord{text: text}
			w.x0, _ = strconv.ParseFloat(attr(tag, "xMin"), 64)
			w.y0, _ = strconv.ParseFloat(attr(tag, "yMin"), 64)
			w.x1, _ = strconv.ParseFloat(attr(tag, "xMax"), 64)
			w.y1, _ = strconv.ParseFloat(attr(tag, "yMax"), 64)
			words = append(words, w)
		}
		fn(h, words)
	}
}

// element finds the next <name …>…</name> in s: its start tag, its content and what follows
// it. Without an end tag the content runs to the end of s.
func element(s, name string) (tag, content, rest string, ok bool) {
	i := strings.Index(s, "<"+name+" ")
	if i < 0 {
		return "", "", "", false
	}
	s = s[i:]
	gt := strings.IndexByte(s, '>')
	if gt < 0 {
		return "", "", "", false
	}
	tag, s = s[:gt], s[gt+1:]
	if end := strings.Index(s, "</"+name+">"); end >= 0 {
		return tag, s[:end], s[end+len(name)+3:], true
	}
	return tag, s, "", true
}

// attr is the value of name="…" in an XML start tag.
func attr(tag, name string) string {
	i := strings.Index(tag, " "+name+`="`)
	if i < 0 {
		return ""
	}
	v := tag[i+len(name)+3:]
	if j := strings.IndexByte(v, '"'); j >= 0 {
		return v[:j]
	}
	return ""
}

package pdf

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strconv"
)

// fpdf gives every page the same resource dictionary, naming every font and image of the
// book. A reader then loads every font for every page: poppler (pdftotext, pdftoppm,
// pdffonts, Evince, Okular) spent 25 ms a page on the nine faces of a 6,572-page book, three
// times what it spends when each page names only what it draws. pageResources gives each
// page a dictionary of the fonts and images its content names; pages that draw the same
// share one.

var (
	pageResourcesRE = regexp.MustCompile(`\n/Resources (\d+) 0 R\n`)
	resourceEntryRE = regexp.MustCompile(`^/(\S+) \d+ 0 R$`)
)

// sharedResources is fpdf's resource dictionary, line by line: the lines of its /Font and
// /XObject dictionaries (one entry each) are kept on a page only if it names them.
type sharedResources struct {
	lines [][]byte
	named []string        // each line's resource name, or "" for a line every page keeps
	keys  map[string]bool // the names, for looking a page's name tokens up
}

// parseSharedResources reads a resource dictionary as fpdf writes it; ok is false for
// anything else, which is then left as it is.
func parseSharedResources(obj []byte) (r sharedResources, ok bool) {
	start := bytes.Index(obj, []byte("obj\n<<\n"))
	end := bytes.LastIndex(obj, []byte("\n>>\nendobj"))
	if start < 0 || end < start || bytes.Contains(obj, []byte("stream")) {
		return r, false
	}
	in := "" // the sub-dictionary being read
	for _, l := range bytes.Split(obj[start+len("obj\n<<\n"):end], []byte("\n")) {
		name := ""
		switch {
		case bytes.Equal(l, []byte("/Font <<")):
			in = "font"
		case bytes.Equal(l, []byte("/XObject <<")):
			in = "xobject"
		case bytes.Equal(l, []byte(">>")):
			in = ""
		case in != "":
			m := resourceEntryRE.FindSubmatch(l)
			if m == nil {
				return r, false
			}
			name = string(m[1])
		case bytes.Contains(l, []byte(" R")):
			return r, false // another kind of resource, by reference: not fpdf's dictionary
		}
		r.lines = append(r.lines, l)
		r.named = append(r.named, name)
		if name != "" {
			if r.keys == nil {
				r.keys = map[string]bool{}
			}
			r.keys[name] = true
		}
	}
	return r, in == ""
}

// namesIn lists the resources of r that a page's content names (a name token equal to a
// resource's key; a text string that happens to spell one only costs an entry).
func (r sharedResources) namesIn(content []byte) map[string]bool {
	used := map[string]bool{}
	for i := 0; ; {
		j := bytes.IndexByte(content[i:], '/')
		if j < 0 {
			break
		}
		i += j + 1
		k := i
		for k < len(content) && !isDelimiter(content[k]) {
			k++
		}
		if r.keys[string(content[i:k])] {
			used[string(content[i:k])] = true
		}
		i = k
	}
	return used
}

// isDelimiter reports whether c ends a PDF name: white space or a delimiter character.
func isDelimiter(c byte) bool {
	switch c {
	case ' ', '\t', '\n', '\r', '\f', 0, '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

// dictFor writes the dictionary of a page that names used.
func (r sharedResources) dictFor(used map[string]bool) []byte {
	var b bytes.Buffer
	b.WriteString("<<\n")
	for i, l := range r.lines {
		if r.named[i] == "" || used[r.named[i]] {
			b.Write(l)
			b.WriteByte('\n')
		}
	}
	b.WriteString(">>")
	return b.Bytes()
}

// pageResources gives each page whose content is uncompressed (fpdf's, before
// compressContents) a resource dictionary of what it names, as new objects numbered from
// next; it returns them in order. Pages it cannot read keep fpdf's dictionary.
func pageResources(objs []pdfObject, next int) ([][]byte, error) {
	at := map[int]int{}
	for k, o := range objs {
		at[o.num] = k
	}
	shared := map[int]*sharedResources{}
	byDict := map[string]int{} // a dictionary's text → its object number
	var added [][]byte
	for k, o := range objs {
		d := o.data
		if len(d) > 4096 || !bytes.Contains(d, []byte("<</Type /Page\n")) {
			continue
		}
		m := pageResourcesRE.FindSubmatchIndex(d)
		c := contentsRE.FindSubmatch(d)
		if m == nil || c == nil {
			continue
		}
		resNum, _ := strconv.Atoi(string(d[m[2]:m[3]]))
		res, ok := shared[resNum]
		if !ok {
			if i, found := at[resNum]; found {
				if r, ok := parseSharedResources(objs[i].data); ok {
					res = &r
				}
			}
			shared[resNum] = res
		}
		contentNum, _ := strconv.Atoi(string(c[1]))
		ci, found := at[contentNum]
		if res == nil || !found {
			continue
		}
		content := objs[ci].data
		pm := plainContent.FindSubmatch(content)
		if pm == nil {
			continue // compressed, or not fpdf's: this page keeps the shared dictionary
		}
		n, _ := strconv.Atoi(string(pm[2]))
		if len(pm[0])+n > len(content) {
			return nil, fmt.Errorf("pdf: a page's contents are shorter than their length (%d)", contentNum)
		}
		dict := res.dictFor(res.namesIn(content[len(pm[0]) : len(pm[0])+n]))
		num, ok := byDict[string(dict)]
		if !ok {
			num = next + len(added)
			byDict[string(dict)] = num
			added = append(added, slices.Concat([]byte(strconv.Itoa(num)+" 0 obj\n"), dict, []byte("\nendobj\n")))
		}
		objs[k].data = slices.Concat(d[:m[0]], []byte("\n/Resources "+strconv.Itoa(num)+" 0 R\n"), d[m[1]:])
	}
	return added, nil
}

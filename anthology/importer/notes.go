package importer

import (
	"path"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// noteSet finds the notes of the HTML files imported together, in every common form: Standard
// Ebooks' noterefs into a separate endnotes file, "<a href="#fn1"><sup>1</sup></a>" with a
// notes list at the end of the page, pandoc's and Word-exported footnotes. A note reference
// becomes a Markdown footnote, and the note's element is left out of the running text.
type noteSet struct {
	files map[string]*htmlSource // by path inside the book, and by base name
	// refs maps a reference anchor to its note; a nil note is a reference whose note is missing.
	refs map[*html.Node]*noteDef
	// defs maps a note's element to the note.
	defs map[*html.Node]*noteDef
}

// noteDef is one note: the element that holds its text.
type noteDef struct {
	node *html.Node
	src  *htmlSource
	// usedBy names the essay files that reference it.
	usedBy []string
	// cross is set when another file references it.
	cross bool
}

func newNoteSet(srcs []*htmlSource) *noteSet {
	ns := &noteSet{files: map[string]*htmlSource{}, refs: map[*html.Node]*noteDef{}, defs: map[*html.Node]*noteDef{}}
	for _, s := range srcs {
		if s.href != "" {
			ns.files[s.href] = s
			if _, ok := ns.files[path.Base(s.href)]; !ok {
				ns.files[path.Base(s.href)] = s
			}
		}
	}
	// Anchors that are references, by the markup or by their look.
	var candidates []struct {
		a   *html.Node
		src *htmlSource
	}
	isRef := map[*html.Node]bool{}
	for _, s := range srcs {
		walkElements(s.doc, func(n *html.Node) bool {
			if n.DataAtom == atom.A && looksLikeNoteRef(n) && !isBacklink(n) {
				candidates = append(candidates, struct {
					a   *html.Node
					src *htmlSource
				}{n, s})
				isRef[n] = true
			}
			return true
		})
	}
	for _, c := range candidates {
		target, explicit := ns.target(c.src, c.a)
		if target == nil {
			if explicit {
				ns.refs[c.a] = nil // a note reference by its markup, whose note is not here
			}
			continue
		}
		if isRef[target] || inside(c.a, target) {
			continue // pointing at a reference: a backlink, not a reference
		}
		el := noteElement(target)
		if el == nil || inside(c.a, el) {
			continue
		}
		def := ns.defs[el]
		if def == nil {
			def = &noteDef{node: el, src: ns.srcOf(c.src, c.a)}
			ns.defs[el] = def
		}
		if def.src != c.src {
			def.cross = true
		}
		ns.refs[c.a] = def
	}
	return ns
}

// srcOf is the file an anchor's target is in.
func (ns *noteSet) srcOf(from *htmlSource, a *html.Node) *htmlSource {
	file, _, _ := strings.Cut(attr(a, "href"), "#")
	if file == "" {
		return from
	}
	if s := ns.file(from, file); s != nil {
		return s
	}
	return from
}

func (ns *noteSet) file(from *htmlSource, file string) *htmlSource {
	if s, ok := ns.files[path.Join(path.Dir(from.href), file)]; ok {
		return s
	}
	return ns.files[path.Base(file)]
}

// target returns the element an anchor points to. explicit is set when the anchor is a note
// reference by its markup (so that a missing note is worth saying).
func (ns *noteSet) target(from *htmlSource, a *html.Node) (target *html.Node, explicit bool) {
	explicit = hasWord(attr(a, "epub:type"), "noteref") || attr(a, "role") == "doc-noteref"
	file, id, ok := strings.Cut(attr(a, "href"), "#")
	if !ok || id == "" {
		return nil, explicit
	}
	src := from
	if file != "" {
		src = ns.file(from, file)
		if src == nil {
			return nil, explicit
		}
	}
	return src.ids[id], explicit
}

// looksLikeNoteRef recognises a note reference: marked as one (epub:type, ARIA role, a class
// naming footnotes), or a short mark ("1", "*", "†", "iv") linking into the page from a
// superscript.
func looksLikeNoteRef(a *html.Node) bool {
	href := attr(a, "href")
	if !strings.Contains(href, "#") {
		return false
	}
	if hasWord(attr(a, "epub:type"), "noteref") || attr(a, "role") == "doc-noteref" {
		return true
	}
	class := strings.ToLower(attr(a, "class"))
	if strings.Contains(class, "footnote-ref") || strings.Contains(class, "noteref") || strings.Contains(class, "fnref") ||
		strings.Contains(class, "footnote") && !strings.Contains(class, "back") {
		return true
	}
	mark := strings.TrimSpace(textOf(a))
	mark = strings.Trim(mark, "[]()")
	if mark == "" || utf8.RuneCountInString(mark) > 4 {
		return false
	}
	for _, r := range mark {
		if !(r >= '0' && r <= '9' || strings.ContainsRune("*†‡§¶‖#abcdefghijklmnopqrstuvwxyzivx", r)) {
			return false
		}
	}
	sup := a.Parent != nil && a.Parent.DataAtom == atom.Sup
	for c := a.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && c.DataAtom == atom.Sup {
			sup = true
		}
	}
	return sup
}

// isBacklink recognises the link from a note back to its reference.
func isBacklink(a *html.Node) bool {
	if a.DataAtom != atom.A {
		return false
	}
	if hasWord(attr(a, "epub:type"), "backlink") || attr(a, "role") == "doc-backlink" {
		return true
	}
	class := strings.ToLower(attr(a, "class"))
	if strings.Contains(class, "footnote-back") || strings.Contains(class, "backref") || strings.Contains(class, "backlink") ||
		strings.Contains(class, "fn-back") || strings.Contains(class, "return") {
		return true
	}
	switch strings.TrimSpace(textOf(a)) {
	case "↩", "↩︎", "↑", "^", "⤴", "back", "Back", "return", "Return", "[back]", "[return]":
		return strings.Contains(attr(a, "href"), "#")
	}
	return false
}

// noteElement is the block that holds a note, from the element its reference points to (an
// anchor at the start of the note climbs to its paragraph or list item).
func noteElement(n *html.Node) *html.Node {
	for ; n != nil && n.Type == html.ElementNode; n = n.Parent {
		switch n.DataAtom {
		case atom.Body, atom.Html, atom.Main, atom.Article:
			return nil
		case atom.Li, atom.Aside, atom.P, atom.Div, atom.Dd, atom.Section, atom.Footer, atom.Td, atom.Blockquote:
			if n.DataAtom == atom.Section && find(n, atom.P) == nil {
				return nil
			}
			return n
		}
	}
	return nil
}

func inside(n, ancestor *html.Node) bool {
	for ; n != nil; n = n.Parent {
		if n == ancestor {
			return true
		}
	}
	return false
}

// ref reports whether n is a note reference, and its note (nil when it cannot be found).
func (ns *noteSet) ref(_ *htmlSource, n *html.Node) (*noteDef, bool) {
	if n.DataAtom != atom.A {
		return nil, false
	}
	def, ok := ns.refs[n]
	return def, ok
}

// isNotesSection recognises a notes list: a section, list or block marked as the notes, or one
// whose every item is a note.
func (ns *noteSet) isNotesSection(n *html.Node) bool {
	t := strings.ToLower(attr(n, "epub:type") + " " + attr(n, "class") + " " + attr(n, "role"))
	marked := strings.Contains(t, "endnotes") || strings.Contains(t, "footnotes") || strings.Contains(t, "rearnotes")
	items, notes := 0, 0
	walkElements(n, func(el *html.Node) bool {
		if _, ok := ns.defs[el]; ok {
			notes++
			return false
		}
		if el.DataAtom == atom.Li || el.DataAtom == atom.P {
			items++
			return false
		}
		return true
	})
	return notes > 0 && (marked || items == 0)
}

// cutNotesSection leaves a notes list out of the running text: its notes are written as the
// essay's footnotes where they are referenced; what else it holds (its heading, notes nothing
// refers to) is a reported cut.
func (c *htmlConv) cutNotesSection(n *html.Node) {
	var other []string
	walkElements(n, func(el *html.Node) bool {
		if _, ok := c.notes.defs[el]; ok {
			return false // written where it is referenced
		}
		if el.DataAtom == atom.Li {
			c.cutNote(el, "note that nothing in the text refers to")
			return false
		}
		for ch := el.FirstChild; ch != nil; ch = ch.NextSibling {
			if ch.Type == html.TextNode {
				if t := strings.TrimSpace(ch.Data); t != "" {
					other = append(other, t)
				}
			}
		}
		return !skipped[el.DataAtom]
	})
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if ch.Type == html.TextNode && strings.TrimSpace(ch.Data) != "" {
			other = append(other, strings.TrimSpace(ch.Data))
		}
	}
	if t := strings.Join(other, " "); CountWords(t) > 0 {
		c.owner().removed = append(c.owner().removed, Removed{Text: t, Reason: "heading of the notes (the notes are now the essay's footnotes)", Words: CountWords(t)})
	}
}

func (c *htmlConv) references(def *noteDef) bool {
	_, ok := c.owner().refNumber[def]
	return ok
}

func (c *htmlConv) cutNote(el *html.Node, reason string) {
	t := strings.Join(strings.Fields(textOf(el)), " ")
	if n := CountWords(t); n > 0 {
		c.owner().removed = append(c.owner().removed, Removed{Text: t, Reason: reason, Words: n})
	}
}

// owner is the converter that numbers the notes (a note's own converter defers to the essay's).
func (c *htmlConv) owner() *htmlConv {
	for c.parent != nil {
		c = c.parent
	}
	return c
}

// noteNumber is the footnote number of a note in this essay, numbered by first reference.
func (c *htmlConv) noteNumber(def *noteDef) int {
	o := c.owner()
	if o.refNumber == nil {
		o.refNumber = map[*noteDef]int{}
	}
	if n, ok := o.refNumber[def]; ok {
		return n
	}
	o.refs = append(o.refs, def)
	o.refNumber[def] = len(o.refs)
	def.usedBy = append(def.usedBy, o.src.name)
	return len(o.refs)
}

// noteDefs writes the footnote definitions of the notes this essay references, in order; a note
// that references another note adds it to the end.
func (c *htmlConv) noteDefs() []string {
	var out []string
	for i := 0; i < len(c.refs); i++ {
		def := c.refs[i]
		sub := &htmlConv{src: def.src, notes: c.notes, skip: map[*html.Node]bool{}, parent: c}
		sub.flow(def.node)
		sub.endPara()
		var parts []string
		words := 0
		for _, b := range sub.out {
			if b.kind != sceneBreak {
				words += CountWords(b.text) // an ornament's letters ("oOo") are not words
			}
			parts = append(parts, b.markdown())
		}
		c.noteWords += words
		c.noteWordsEach = append(c.noteWordsEach, words)
		if len(parts) == 0 {
			parts = []string{"\u00a0"}
		}
		body := strings.Join(parts, "\n\n")
		lines := strings.Split(body, "\n")
		for j := 1; j < len(lines); j++ {
			if lines[j] != "" {
				lines[j] = "    " + lines[j]
			}
		}
		out = append(out, "[^"+strconv.Itoa(i+1)+"]: "+strings.Join(lines, "\n"))
	}
	return out
}

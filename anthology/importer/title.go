package importer

import (
	"regexp"
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// title takes a book chapter's title from its own heading structure: the first heading, or the
// <hgroup> that holds a label, a number, a title and a subtitle, standing before the text.
// Note references in the title are kept (they move to the end of the first paragraph, and the
// import says so). A bridgehead under the title that says where the piece was first published
// becomes the essay's source. Web pages keep their title to the clean-up, which also weighs
// the page's <title>.
func (c *htmlConv) title(body *html.Node, h *hints) {
	if !c.src.book {
		return
	}
	var head *html.Node
	stop := false
	walkElements(body, func(n *html.Node) bool {
		if head != nil || stop {
			return false
		}
		switch n.DataAtom {
		case atom.Hgroup, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
			head = n
			return false
		case atom.P, atom.Li, atom.Blockquote, atom.Table, atom.Pre:
			if strings.TrimSpace(textOf(n)) != "" {
				stop = true
			}
			return false
		}
		return true
	})
	if head == nil {
		return
	}
	var parts []titlePart
	if head.DataAtom == atom.Hgroup {
		for ch := head.FirstChild; ch != nil; ch = ch.NextSibling {
			if ch.Type == html.ElementNode {
				parts = append(parts, c.titlePart(ch))
			}
		}
	} else {
		parts = append(parts, c.titlePart(head))
	}
	var numbers, titles, subtitles []string
	for _, p := range parts {
		switch {
		case p.text == "":
		case p.subtitle:
			subtitles = append(subtitles, p.text)
		case p.title:
			titles = append(titles, p.text)
		case p.number:
			numbers = append(numbers, p.text)
		case len(titles) == 0:
			titles = append(titles, p.text)
		default:
			subtitles = append(subtitles, p.text)
		}
	}
	title := strings.Join(titles, ": ")
	if len(numbers) > 0 {
		num := strings.Join(numbers, " ")
		if title == "" {
			title = num
		} else if romanOrDigits.MatchString(num) {
			title = num + ". " + title
		} else {
			title = num + ": " + title
		}
	}
	if title == "" {
		return
	}
	c.skip[head] = true
	h.title, h.titled = title, true
	all := title
	if len(subtitles) > 0 {
		h.subtitle = strings.Join(subtitles, ": ")
		all += " " + h.subtitle
	}
	c.removed = append(c.removed, Removed{Text: all, Reason: "title (now the essay's title)", Words: CountWords(all)})

	// The rest of a <header>: a bridgehead (where and when the piece was read or published)
	// is the line under the title; the first publication it names is the essay's source.
	if header := head.Parent; header != nil && header.DataAtom == atom.Header {
		for ch := header.FirstChild; ch != nil; ch = ch.NextSibling {
			if ch.Type != html.ElementNode || ch.DataAtom != atom.P || !hasWord(attr(ch, "epub:type"), "bridgehead") {
				continue
			}
			w := newInlineWriter()
			c.titleInline(w, ch)
			t := strings.TrimSpace(w.txt.String())
			if t == "" || h.subtitle != "" {
				continue
			}
			h.subtitle = t
			if m := publishedIn.FindStringSubmatchIndex(t); m != nil {
				h.source = strings.TrimRight(strings.TrimSpace(t[m[2]:m[3]]), ".")
				if y := year.FindString(t[:m[0]]); y != "" {
					h.date = y
				} else if y := year.FindString(h.source); y != "" {
					h.date = y
				}
			}
			c.skip[ch] = true
			c.removed = append(c.removed, Removed{Text: t, Reason: "line under the title (now the essay's subtitle)", Words: CountWords(t)})
		}
	}
}

var (
	romanOrDigits = regexp.MustCompile(`^(?i:[ivxlcdm]+|\d+)\.?$`)
	publishedIn   = regexp.MustCompile(`(?i)\b(?:first |originally )?(?:published|printed|appeared) (?:in|by) (.+)$`)
	year          = regexp.MustCompile(`\b1[4-9]\d\d\b|\b20\d\d\b`)
)

type titlePart struct {
	text                    string
	title, subtitle, number bool
}

// titlePart reads one heading of a title: its words without note markers (which are kept
// for the text), and what the markup says it is.
func (c *htmlConv) titlePart(n *html.Node) titlePart {
	typ := attr(n, "epub:type") + " " + attr(n, "class")
	w := newInlineWriter()
	c.titleInline(w, n)
	p := titlePart{text: strings.TrimSpace(w.txt.String())}
	p.subtitle = strings.Contains(typ, "subtitle")
	p.title = !p.subtitle && hasWord(strings.ReplaceAll(typ, ":", " "), "title")
	onlyNumber := true
	walkElements(n, func(el *html.Node) bool {
		t := attr(el, "epub:type")
		if strings.Contains(t, "ordinal") || strings.Contains(t, "label") {
			return false
		}
		for ch := el.FirstChild; ch != nil; ch = ch.NextSibling {
			if ch.Type == html.TextNode && strings.TrimSpace(ch.Data) != "" {
				onlyNumber = false
			}
		}
		return true
	})
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if ch.Type == html.TextNode && strings.TrimSpace(ch.Data) != "" && !romanOrDigits.MatchString(strings.TrimSpace(ch.Data)) {
			onlyNumber = false
		}
	}
	p.number = !p.title && (onlyNumber || romanOrDigits.MatchString(p.text))
	return p
}

// titleInline writes a heading's words; note references are remembered, not written.
func (c *htmlConv) titleInline(w *inlineWriter, n *html.Node) {
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		switch ch.Type {
		case html.TextNode:
			w.text(ch.Data, false)
		case html.ElementNode:
			if def, ok := c.notes.ref(c.src, ch); ok {
				if def != nil {
					c.titleRefs = append(c.titleRefs, "[^"+strconv.Itoa(c.noteNumber(def))+"]")
				}
				continue
			}
			if ch.DataAtom == atom.Br {
				w.space = true
				continue
			}
			if !skipped[ch.DataAtom] {
				c.titleInline(w, ch)
			}
		}
	}
}

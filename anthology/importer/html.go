package importer

import (
	"errors"
	"net/url"
	"regexp"
	"strings"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// htmlBlocks reads a saved web page: Readability (the algorithm of Firefox's reader view)
// finds the article and the page's metadata, and the article's elements become blocks with
// their emphasis and links as Markdown. The common clean-up then runs over them as over text,
// catching what Readability keeps (a share line, a first-publication notice, a bio).
func htmlBlocks(s string) ([]block, hints, error) {
	doc, err := html.Parse(strings.NewReader(s))
	if err != nil {
		return nil, hints{}, err
	}
	var h hints
	var root *html.Node
	if art, err := readability.FromDocument(doc, nil); err == nil && art.Node != nil {
		root = art.Node
		h.siteName = strings.TrimSpace(art.SiteName())
		h.title = pageTitle(art.Title(), h.siteName)
		h.author = cleanByline(art.Byline())
		if t, err := art.PublishedTime(); err == nil {
			h.date = t.Format("2006-01-02")
		}
	} else {
		root = find(doc, atom.Body)
		if root == nil {
			root = doc
		}
	}
	if root == nil {
		return nil, h, errors.New("has no text")
	}
	c := &htmlConv{}
	c.blocks(root)
	return c.out, h, nil
}

// pageTitle takes the site's name off a page title: "The Winter Ferry | Harbour Notes".
func pageTitle(title, site string) string {
	title = strings.TrimSpace(title)
	for _, sep := range []string{" | ", " — ", " – ", " - ", " :: ", " · "} {
		i := strings.LastIndex(title, sep)
		if i <= 0 {
			continue
		}
		head, tail := strings.TrimSpace(title[:i]), strings.TrimSpace(title[i+len(sep):])
		if (site != "" && strings.EqualFold(tail, site)) || (words(tail) <= 3 && words(head) >= words(tail)) {
			return head
		}
	}
	return title
}

var byPrefix = regexp.MustCompile(`(?i)^(by|written by)\s+`)

// cleanByline turns a page's byline ("By Jane Doe | March 3") into a name, or nothing.
func cleanByline(s string) string {
	s = byPrefix.ReplaceAllString(strings.TrimSpace(s), "")
	if i := strings.IndexAny(s, "|•·,\n"); i >= 0 {
		s = s[:i]
	}
	s = strings.TrimSpace(s)
	if looksLikeName(s) {
		return s
	}
	return ""
}

func find(n *html.Node, a atom.Atom) *html.Node {
	if n.Type == html.ElementNode && n.DataAtom == a {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := find(c, a); f != nil {
			return f
		}
	}
	return nil
}

type htmlConv struct {
	out []block
}

// skipped are elements whose content is never part of an essay.
var skipped = map[atom.Atom]bool{atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Nav: true,
	atom.Form: true, atom.Button: true, atom.Svg: true, atom.Iframe: true, atom.Template: true, atom.Select: true,
	atom.Input: true, atom.Textarea: true, atom.Figure: false}

func (c *htmlConv) blocks(n *html.Node) {
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if ch.Type == html.TextNode {
			if t := strings.TrimSpace(ch.Data); t != "" {
				c.add(block{kind: para, text: collapse(t)})
			}
			continue
		}
		if ch.Type != html.ElementNode || skipped[ch.DataAtom] {
			continue
		}
		switch ch.DataAtom {
		case atom.P:
			c.inlineBlock(ch, para)
		case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
			b := c.inline(ch, para)
			b.kind, b.level = heading, int(ch.Data[1]-'0')
			c.add(b)
		case atom.Blockquote:
			start := len(c.out)
			c.blocks(ch)
			for i := start; i < len(c.out); i++ {
				if c.out[i].kind == para {
					c.out[i].kind = quote
				}
			}
		case atom.Ul, atom.Ol:
			for li := ch.FirstChild; li != nil; li = li.NextSibling {
				if li.Type == html.ElementNode && li.DataAtom == atom.Li {
					b := c.inline(li, listItem)
					b.ordered = ch.DataAtom == atom.Ol
					c.add(b)
				}
			}
		case atom.Hr:
			c.add(block{kind: sceneBreak, text: "* * *"})
		case atom.Pre:
			t := strings.Trim(textOf(ch), "\n")
			if t != "" {
				c.add(block{kind: verse, text: t})
			}
		case atom.Br:
		default:
			if hasBlockChild(ch) {
				c.blocks(ch)
			} else {
				c.inlineBlock(ch, para)
			}
		}
	}
}

func (c *htmlConv) add(b block) {
	if strings.TrimSpace(b.text) == "" && b.kind != sceneBreak {
		return
	}
	if b.kind == para {
		if isSceneBreak(strings.TrimSpace(b.text)) {
			b = block{kind: sceneBreak, text: strings.TrimSpace(b.text)}
		}
	}
	c.out = append(c.out, b)
}

func (c *htmlConv) inlineBlock(n *html.Node, k kind) { c.add(c.inline(n, k)) }

// inline converts an element's inline content into a block: plain text for the detectors,
// Markdown (emphasis, strong, links, line breaks) for the essay.
func (c *htmlConv) inline(n *html.Node, k kind) block {
	var md, txt strings.Builder
	emphasised := true
	var walk func(n *html.Node, em, strong bool)
	walk = func(n *html.Node, em, strong bool) {
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			switch ch.Type {
			case html.TextNode:
				t := strings.Map(func(r rune) rune {
					if r == '\n' || r == '\t' || r == '\r' {
						return ' '
					}
					return r
				}, ch.Data)
				if strings.TrimSpace(t) != "" && !em && !strong {
					emphasised = false
				}
				txt.WriteString(t)
				md.WriteString(escapeMarkdown(smartQuotes(t)))
			case html.ElementNode:
				if skipped[ch.DataAtom] {
					continue
				}
				switch ch.DataAtom {
				case atom.Br:
					txt.WriteString("\n")
					md.WriteString("  \n")
				case atom.Em, atom.I, atom.Cite:
					if em {
						walk(ch, em, strong)
						continue
					}
					wrapInline(&md, &txt, ch, "*", func(n *html.Node) { walk(n, true, strong) })
				case atom.Strong, atom.B:
					if strong {
						walk(ch, em, strong)
						continue
					}
					wrapInline(&md, &txt, ch, "**", func(n *html.Node) { walk(n, em, true) })
				case atom.A:
					href := attr(ch, "href")
					if u, err := url.Parse(href); err == nil && (u.Scheme == "http" || u.Scheme == "https") {
						label := strings.TrimSpace(capture(&md, func() { walk(ch, em, strong) }))
						if label != "" {
							md.WriteString("[" + label + "](" + strings.ReplaceAll(href, ")", "%29") + ")")
						}
						continue
					}
					walk(ch, em, strong)
				case atom.Sup:
					// Note markers and ordinal suffixes: keep their text.
					walk(ch, em, strong)
				default:
					walk(ch, em, strong)
				}
			}
		}
	}
	walk(n, false, false)
	text := collapse(txt.String())
	mdText := strings.TrimSpace(collapseMD(md.String()))
	return block{kind: k, text: text, md: mdText, emphasised: emphasised && text != ""}
}

// wrapInline writes an element's content between Markdown delimiters, keeping spaces outside
// them (CommonMark does not open emphasis before a space).
func wrapInline(md, txt *strings.Builder, n *html.Node, delim string, walk func(*html.Node)) {
	content := capture(md, func() { walk(n) })
	trimmed := strings.TrimSpace(content)
	if trimmed == "" {
		md.WriteString(content)
		return
	}
	if strings.HasPrefix(content, " ") {
		md.WriteByte(' ')
	}
	md.WriteString(delim + trimmed + delim)
	if strings.HasSuffix(content, " ") {
		md.WriteByte(' ')
	}
}

// capture returns what f writes to b, leaving b as it was.
func capture(b *strings.Builder, f func()) string {
	saved := b.String()
	b.Reset()
	f()
	out := b.String()
	b.Reset()
	b.WriteString(saved)
	return out
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

var blockElements = map[atom.Atom]bool{atom.P: true, atom.Div: true, atom.Section: true, atom.Article: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true, atom.Ul: true,
	atom.Ol: true, atom.Blockquote: true, atom.Pre: true, atom.Hr: true, atom.Table: true, atom.Header: true,
	atom.Footer: true, atom.Aside: true, atom.Main: true, atom.Figure: true, atom.Li: true}

func hasBlockChild(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && blockElements[c.DataAtom] {
			return true
		}
	}
	return false
}

// collapse squeezes runs of spaces, keeping line breaks.
func collapse(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.Join(strings.Fields(l), " ")
	}
	return strings.TrimSpace(strings.Join(lines, "\n"))
}

// collapseMD squeezes spaces in Markdown, keeping hard line breaks ("  \n").
func collapseMD(s string) string {
	parts := strings.Split(s, "  \n")
	for i, p := range parts {
		parts[i] = strings.Join(strings.Fields(p), " ")
	}
	return strings.Join(parts, "  \n")
}

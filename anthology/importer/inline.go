package importer

import (
	"github.com/anthology-editor/anthology/anthology/text"
	"net/url"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// inlineWriter writes one block's inline content twice: as Markdown for the essay and as plain
// text for the detectors. White space follows HTML's rule (and Word's runs follow it too): a run
// of spaces, tabs and newlines is one space, never none. Spaces are held back until the next
// word, so a space that stood inside "<i>beta </i>" lands outside the emphasis, and none is
// written at the ends of the block.
type inlineWriter struct {
	md, txt strings.Builder
	space   bool     // a space is due before the next word
	brk     bool     // a hard line break is due before the next word
	opens   []string // delimiters due before the next word (emphasis that has no word yet)
	wrote   bool     // a word has been written
	line    bool     // the next word starts a line: it must not read as block syntax
	last    rune     // the last character written, for smart quotes
	// plain is set where every word written so far was inside emphasis (a dek, a byline).
	plainWords int
	// cell is set for a table cell: a line break is "<br>" and a pipe is escaped, since a
	// cell is one line of a pipe table.
	cell bool
	// lineDigits is set while the line holds only digits (what a list number starts with).
	lineDigits bool
}

func newInlineWriter() *inlineWriter { return &inlineWriter{line: true, last: ' '} }

// text writes source text, collapsing its white space.
func (w *inlineWriter) text(s string, emphasised bool) {
	for len(s) > 0 {
		r, size := utf8.DecodeRuneInString(s)
		if isHTMLSpace(r) {
			if w.wrote {
				w.space = true
			}
			s = s[size:]
			continue
		}
		end := len(s)
		for i, r := range s {
			if isHTMLSpace(r) {
				end = i
				break
			}
		}
		w.word(s[:end], emphasised)
		s = s[end:]
	}
}

// isHTMLSpace is HTML's ASCII white space, plus the line separators a pasted text may hold. A
// no-break space is a character of the text, not white space.
func isHTMLSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', '\f', '\u2028', '\u2029':
		return true
	}
	return false
}

// word writes a run of non-space text: the due line break or space, the due delimiters, then
// the escaped word.
func (w *inlineWriter) word(s string, emphasised bool) {
	if s == "" {
		return
	}
	w.flush()
	if !emphasised && strings.IndexFunc(s, isAlnum) >= 0 {
		w.plainWords++
	}
	s = smartQuotesAfter(w.last, s)
	w.txt.WriteString(s)
	md := escapeWord(s, w.line)
	// "0" then ")" from the next element: together at a line's start they make a list item.
	if w.lineDigits && !w.line && (s[0] == '.' || s[0] == ')') {
		md = "\\" + md
	}
	w.lineDigits = (w.line || w.lineDigits) && strings.Trim(s, "0123456789") == ""
	if w.cell {
		md = strings.ReplaceAll(md, "|", "\\|")
	}
	w.md.WriteString(md)
	w.line = false
	w.wrote = true
	w.last, _ = utf8.DecodeLastRuneInString(s)
}

// flush writes what is due before a word: a line break or a space, then opening delimiters.
func (w *inlineWriter) flush() {
	switch {
	case w.brk && w.wrote && w.cell:
		w.md.WriteString("<br>")
		w.txt.WriteString(" ")
		w.last = ' '
	case w.brk && w.wrote:
		w.md.WriteString("\\\n")
		w.txt.WriteString("\n")
		w.line = true
		w.last = ' '
	case w.space && w.wrote:
		w.md.WriteByte(' ')
		w.txt.WriteByte(' ')
		w.last = ' '
		w.lineDigits = false
	}
	w.brk, w.space = false, false
	for _, d := range w.opens {
		w.md.WriteString(d)
	}
	w.opens = w.opens[:0]
}

// open starts emphasis (or a link's label): its delimiter is written before its first word, so
// an emphasis that holds no word writes nothing.
func (w *inlineWriter) open(delim string) { w.opens = append(w.opens, delim) }

// close ends what open started. It reports whether the delimiter had been written (false for
// an element that held no word). A due space stays due, after the delimiter.
func (w *inlineWriter) close(delim string) bool {
	if n := len(w.opens); n > 0 && w.opens[n-1] == delim {
		w.opens = w.opens[:n-1]
		return false
	}
	w.md.WriteString(closing(delim))
	return true
}

func closing(delim string) string {
	if delim == "[" {
		return "]"
	}
	return delim
}

// raw writes Markdown that is not text (a note marker, a link's destination) straight after
// the last word: no space is written before it, and a due space stays due.
func (w *inlineWriter) raw(md string) {
	for _, d := range w.opens {
		w.md.WriteString(d)
	}
	w.opens = w.opens[:0]
	w.md.WriteString(md)
	w.wrote = true
	w.line = false
}

// markup writes text with Markdown of its own (a superscript): what is due before a word
// first, then md, and t as the plain text.
func (w *inlineWriter) markup(md, t string) {
	w.flush()
	w.md.WriteString(md)
	w.txt.WriteString(t)
	w.wrote, w.line = true, false
	w.last, _ = utf8.DecodeLastRuneInString(t)
}

// lineBreak asks for a hard line break before the next word (none at the ends of a block).
func (w *inlineWriter) lineBreak() {
	if w.wrote {
		w.brk = true
	}
}

// punct writes a character that belongs to the text but comes from markup (the quotation marks
// of a <q>), glued to the next word when opening and to the last when closing.
func (w *inlineWriter) punct(s string, opening bool) {
	if opening {
		w.flush()
		w.md.WriteString(s)
		w.txt.WriteString(s)
		w.line, w.wrote = false, true
		w.last, _ = utf8.DecodeLastRuneInString(s)
		return
	}
	space := w.space
	w.space = false
	w.md.WriteString(s)
	w.txt.WriteString(s)
	w.space = space
	w.last, _ = utf8.DecodeLastRuneInString(s)
}

// block returns the written content as a block of the given kind.
func (w *inlineWriter) block(k kind) block {
	text := w.txt.String()
	return block{kind: k, text: text, md: w.md.String(), emphasised: w.plainWords == 0 && CountWords(text) > 0}
}

// escapeWord escapes one word of text for Markdown; at the start of a line also what would
// make the line a heading, a list, a quotation or verse.
func escapeWord(s string, lineStart bool) string {
	if lineStart && orderedMarker.MatchString(s) {
		// "1984." followed by a space would start an ordered list.
		return s[:len(s)-1] + "\\" + s[len(s)-1:]
	}
	if lineStart {
		return escapeMarkdown(s)
	}
	return escapeInline(s)
}

var orderedMarker = regexp.MustCompile(`^[0-9]{1,9}[.)]$`)

// escapeInline escapes what starts emphasis, code, links, raw HTML or entities inside a line.
func escapeInline(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case strings.IndexByte("\\*_`[]<>~^", c) >= 0:
			b.WriteByte('\\')
		case c == '&' && entityAhead.MatchString(s[i:]):
			b.WriteByte('\\')
		}
		b.WriteByte(c)
	}
	return b.String()
}

// CountWords counts the words of plain text the way the import's tallies (and the text model)
// do: runs of characters holding a letter or digit, between spaces or em dashes.
func CountWords(s string) int { return text.CountWords(s) }

func isAlnum(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// linkDestination writes a URL so that every EPUB reader and validator accepts it: characters
// that may not stand in a URL (spaces, "|", braces, a second "#") are percent-encoded, and so
// are the parentheses that would end a Markdown destination. It returns "" for addresses that
// are not links to the outside (javascript:, internal anchors).
func linkDestination(href string) string {
	href = strings.TrimSpace(href)
	u, err := url.Parse(href)
	if err != nil {
		// Not parseable as it stands: encode what stops it and try again.
		u, err = url.Parse(text.EncodeURL(href))
		if err != nil {
			return ""
		}
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https", "mailto":
	default:
		return ""
	}
	return text.EncodeURL(href)
}

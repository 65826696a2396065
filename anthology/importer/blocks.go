package importer

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// kind is what a block of an imported text is.
type kind int

const (
	para kind = iota
	heading
	quote
	sceneBreak
	listItem
	verse
	// chunk is Markdown made whole by the reader (a table, a figure, an epigraph, a letter):
	// written as it is, in a quotation when quoted is set.
	chunk
)

// block is one paragraph-level piece of an imported text, as plain text for the detectors and
// as Markdown for the essay file.
type block struct {
	kind kind
	// text is the block's plain text, one line (verse keeps its lines separated by "\n").
	text string
	// md is the block's Markdown, inline markup included; empty means "escape text".
	md string
	// emphasised is set when the whole block was italic or bold in the source (a dek, a byline).
	emphasised bool
	level      int // heading level, from 1
	ordered    bool
	quoted     bool   // a chunk inside a block quotation
	image      string // the source address of a figure's image
	pos        int    // index in the original sequence of blocks
	// cut, when set, is why the reader judged the block to be outside the essay.
	cut string
	// class is the web clean-up's verdict on the block, once judged (see classify).
	class     blockClass
	judged    bool
	furniture bool // judged the page's by its vocabulary (see furnitureOf)
}

// markdown returns the block's Markdown.
func (b block) markdown() string {
	body := b.md
	if body == "" {
		body = escapeMarkdown(smartQuotes(b.text))
	}
	switch b.kind {
	case heading:
		return "## " + body
	case quote:
		return "> " + strings.ReplaceAll(body, "\n", "\n> ")
	case sceneBreak:
		return "* * *"
	case listItem:
		if b.ordered {
			return "1. " + body
		}
		return "- " + body
	case verse:
		lines := strings.Split(body, "\n")
		for i, l := range lines {
			lines[i] = "| " + l
		}
		return strings.Join(lines, "\n")
	case chunk:
		if !b.quoted {
			return body
		}
		lines := strings.Split(body, "\n")
		for i, l := range lines {
			lines[i] = strings.TrimRight("> "+l, " ")
		}
		return strings.Join(lines, "\n")
	}
	return body
}

// escapeMarkdown makes text read as itself in Markdown: characters that would start emphasis,
// code, links, raw HTML or entities are escaped, and so is what would make a line a heading,
// a list, a quotation, a rule or verse.
func escapeMarkdown(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 8)
	lineStart := true
	for i := 0; i < len(s); {
		if !lineStart {
			// Inside a line only a few bytes matter: copy the run up to the next of them.
			j := i
			for j < len(s) && !midLineSpecial[s[j]] {
				j++
			}
			b.WriteString(s[i:j])
			if i = j; i >= len(s) {
				break
			}
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '\n':
			b.WriteRune(r)
			lineStart = true
			i += size
			continue
		case strings.ContainsRune("\\*_`[]<>~^", r):
			b.WriteByte('\\')
		case r == '&' && entityAhead.MatchString(s[i:]):
			b.WriteByte('\\')
		case lineStart && strings.ContainsRune("#+-=|~>", r):
			b.WriteByte('\\')
		case lineStart && unicode.IsDigit(r):
			// "1984. The year…" would start an ordered list.
			// "0)" alone on a line is an empty list item.
			if m := listNumber.FindString(s[i:]); m != "" {
				m = strings.TrimRight(m, " \n")
				b.WriteString(m[:len(m)-1])
				b.WriteString("\\")
				b.WriteString(m[len(m)-1:])
				i += len(m)
				lineStart = false
				continue
			}
		}
		if lineStart && (r == ' ' || r == '\t') {
			// Leading spaces would make an indented code block.
			i += size
			continue
		}
		b.WriteRune(r)
		lineStart = false
		i += size
	}
	return b.String()
}

// midLineSpecial marks the bytes escapeMarkdown must look at inside a line.
var midLineSpecial = func() (t [256]bool) {
	for _, c := range []byte("\n\\*_`[]<>&~^") {
		t[c] = true
	}
	return t
}()

var (
	entityAhead = regexp.MustCompile(`^&(#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);`)
	listNumber  = regexp.MustCompile(`^[0-9]{1,9}[.)]( |\n|$)`)
)

// smartQuotes turns straight quotes into typographic ones, the way a careful editor would:
// an apostrophe inside or at the end of a word, opening quotes after a space or an opening
// bracket, closing quotes elsewhere. Text that already has curly quotes keeps them.
func smartQuotes(s string) string { return smartQuotesAfter(' ', s) }

// smartQuotesAfter is smartQuotes for text that follows the character before (the end of the
// text written before it, across markup).
func smartQuotesAfter(before rune, s string) string {
	if !strings.ContainsAny(s, "'\"`") {
		return s
	}
	s = strings.ReplaceAll(s, "``", "“")
	s = strings.ReplaceAll(s, "''", "”")
	rs := []rune(s)
	for i, r := range rs {
		if r != '\'' && r != '"' {
			continue
		}
		var prev, next rune = before, ' '
		if i > 0 {
			prev = rs[i-1]
		}
		if i+1 < len(rs) {
			next = rs[i+1]
		}
		opening := unicode.IsSpace(prev) || strings.ContainsRune("([{—–-“‘", prev)
		if r == '\'' {
			switch {
			case unicode.IsLetter(prev) || unicode.IsDigit(prev):
				rs[i] = '’' // don’t, the ’90s after a digit, Jones’
			case opening && unicode.IsDigit(next):
				rs[i] = '’' // ’90s
			case opening && !unicode.IsSpace(next):
				rs[i] = '‘'
			default:
				rs[i] = '’'
			}
			continue
		}
		if opening && !unicode.IsSpace(next) {
			rs[i] = '“'
		} else {
			rs[i] = '”'
		}
	}
	return string(rs)
}

// words counts the words of s.
func words(s string) int { return len(strings.Fields(s)) }

// titleCaseRatio is the share of a line's longer words that start with a capital: headlines
// capitalise their words, sentences do not.
func titleCaseRatio(s string) float64 {
	n, caps := 0, 0
	for _, w := range strings.Fields(s) {
		w = strings.TrimLeft(w, "“‘\"'(—–-")
		if len([]rune(w)) < 4 {
			continue
		}
		n++
		if r, _ := utf8.DecodeRuneInString(w); unicode.IsUpper(r) {
			caps++
		}
	}
	if n == 0 {
		return 0
	}
	return float64(caps) / float64(n)
}

// endsSentence reports whether s ends like a sentence (before any closing quotes).
func endsSentence(s string) bool {
	s = strings.TrimRight(strings.TrimSpace(s), "”’\"')]")
	return strings.HasSuffix(s, ".") || strings.HasSuffix(s, "!") || strings.HasSuffix(s, "?") || strings.HasSuffix(s, "…")
}

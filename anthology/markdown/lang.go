package markdown

import (
	"strings"
	"sync"

	"github.com/yuin/goldmark"

	"github.com/anthology-editor/anthology/anthology/text"
)

// quotes are the quotation marks of the languages books are made in: opening and closing,
// then the pair for a quotation inside a quotation. French sets a narrow no-break space inside
// its guillemets.
var quotes = map[string][4]string{
	"en": {"“", "”", "‘", "’"},
	"fr": {"«\u202f", "\u202f»", "“", "”"},
	"de": {"„", "“", "‚", "‘"},
	"es": {"«", "»", "“", "”"},
	"it": {"«", "»", "“", "”"},
	"pt": {"«", "»", "“", "”"},
	"nl": {"“", "”", "‘", "’"},
	"sv": {"”", "”", "’", "’"},
	"da": {"»", "«", "›", "‹"},
	"nb": {"«", "»", "‘", "’"},
	"pl": {"„", "”", "«", "»"},
	"ru": {"«", "»", "„", "“"},
	"uk": {"«", "»", "„", "“"},
	"el": {"«", "»", "“", "”"},
	"cs": {"„", "“", "‚", "‘"},
	// Arabic and Persian write guillemets, Hebrew low-high quotes; in right-to-left text each
	// mark is drawn mirrored, so « » still point outwards.
	"ar": {"«", "»", "“", "”"},
	"fa": {"«", "»", "“", "”"},
	"he": {"„", "”", "‚", "’"},
}

// Quotes returns a language's quotation marks (opening, closing, nested opening, nested
// closing), English's for a language this package does not know.
func Quotes(lang string) [4]string {
	if q, ok := quotes[primary(lang)]; ok {
		return q
	}
	return quotes["en"]
}

func primary(lang string) string {
	tag := strings.ToLower(strings.TrimSpace(lang))
	if i := strings.IndexByte(tag, '-'); i > 0 {
		tag = tag[:i]
	}
	if tag == "no" {
		tag = "nb"
	}
	return tag
}

var (
	langMu       sync.Mutex
	langMarkdown = map[string]goldmark.Markdown{}
)

// EnglishTypography reports whether a language sets its text as this package reads every body
// by default (English quotation marks, no spaces before punctuation): such a body needs no
// second reading.
func EnglishTypography(lang string) bool {
	return Quotes(lang) == quotes["en"] && primary(lang) != "fr"
}

// markdownFor returns the block parser whose typographer writes a language's quotation marks.
func markdownFor(lang string) goldmark.Markdown {
	tag := primary(lang)
	if _, ok := quotes[tag]; !ok || Quotes(tag) == quotes["en"] {
		return blockMarkdown
	}
	langMu.Lock()
	defer langMu.Unlock()
	if md, ok := langMarkdown[tag]; ok {
		return md
	}
	md := newBlockMarkdown(typography(quotes[tag]))
	langMarkdown[tag] = md
	return md
}

// ParseLang reads a Markdown body written in a language: its straight quotes become that
// language's quotation marks, and French gets its narrow no-break spaces before ; ! ? and a
// no-break space before : (what a French typesetter sets; a space typed there becomes one).
func ParseLang(src []byte, lang string) *text.Document {
	md := markdownFor(lang)
	doc := parse(src, md)
	if primary(lang) == "fr" {
		frenchSpacing(doc)
	}
	if md == blockMarkdown {
		englishQuotes(doc)
	}
	return doc
}

// frenchSpacing sets the spaces French typography puts before high punctuation.
func frenchSpacing(doc *text.Document) {
	fix := func(content []text.Inline) {
		var prev rune = ' '
		for _, in := range content {
			t, ok := in.(*text.Text)
			if !ok {
				if c := text.Plain([]text.Inline{in}); c != "" {
					prev = []rune(c)[len([]rune(c))-1]
				}
				continue
			}
			var b strings.Builder
			rs := []rune(t.Text)
			for i, r := range rs {
				before := prev
				if i > 0 {
					before = rs[i-1]
				}
				if strings.ContainsRune(";!?:", r) && before != ' ' && before != '\u00a0' && before != '\u202f' &&
					!strings.ContainsRune(";!?:(", before) && (i+1 == len(rs) || rs[i+1] == ' ' || rs[i+1] == '\u202f' || strings.ContainsRune("»”)", rs[i+1])) {
					// "mot;" → "mot ;" with the right space; a URL's "http:" is not followed by a space.
					if r == ':' {
						b.WriteRune('\u00a0')
					} else {
						b.WriteRune('\u202f')
					}
				}
				if r == ' ' && i+1 < len(rs) && strings.ContainsRune(";!?:", rs[i+1]) {
					if rs[i+1] == ':' {
						b.WriteRune('\u00a0')
					} else {
						b.WriteRune('\u202f')
					}
					continue
				}
				b.WriteRune(r)
			}
			t.Text = b.String()
			if len(rs) > 0 {
				prev = rs[len(rs)-1]
			}
		}
	}
	doc.EachContent(fix)
}

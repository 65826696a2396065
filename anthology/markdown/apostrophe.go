package markdown

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/anthology-editor/anthology/anthology/text"
)

// Goldmark's typographer decides a single quote by the characters beside it, which a word-
// initial quote does not settle: it writes "‘Tis" (an elision, which takes an apostrophe) and
// "said ’no.’" (a quotation, which opens with ‘). englishQuotes mends both for books with
// English quotation marks: a word-initial mark before one of the words English clips ('tis,
// 'twas, 'em, 'n', 'cause…) or before a year ('90s) is an apostrophe; one before any other
// word is an opening quote when a closing mark follows it in the same text.

// elided are the words that begin with an apostrophe standing for letters left out.
var elided = map[string]bool{"tis": true, "twas": true, "twere": true, "twill": true, "twould": true,
	"em": true, "n": true, "cause": true, "cos": true, "til": true, "bout": true, "round": true,
	"neath": true, "nuff": true, "scuse": true, "sup": true, "ow": true, "appen": true, "e": true,
	"twixt": true, "tween": true, "gainst": true, "mongst": true, "prentice": true, "pon": true, "ave": true}

func englishQuotes(doc *text.Document) {
	fix := func(content []text.Inline) {
		for i, in := range content {
			t, ok := in.(*text.Text)
			if !ok || !containsEither(t.Text, "‘", "’") {
				continue
			}
			// The character before the text, which only a quote at its start needs.
			prev := ' '
			if i > 0 && (strings.HasPrefix(t.Text, "‘") || strings.HasPrefix(t.Text, "’")) {
				if last, _ := utf8.DecodeLastRuneInString(text.Plain(content[i-1 : i])); last != utf8.RuneError {
					prev = last
				}
			}
			t.Text = fixWordInitialQuotes(t.Text, prev)
		}
	}
	doc.EachContent(fix)
}

// fixWordInitialQuotes applies the rule above to one text; prev is the character before it.
func fixWordInitialQuotes(s string, prev rune) string {
	// Most quotes stand inside words (don’t) or after them: look for one at a word's start
	// before spending anything on the text.
	if !quoteStartsWord(s, prev) {
		return s
	}
	rs := []rune(s)
	for i, r := range rs {
		if r != '‘' && r != '’' {
			continue
		}
		before := prev
		if i > 0 {
			before = rs[i-1]
		}
		if !(unicode.IsSpace(before) || strings.ContainsRune("“(—–[\u00a0", before)) || i+1 >= len(rs) {
			continue // not at the start of a word
		}
		if unicode.IsDigit(rs[i+1]) {
			rs[i] = '’' // ’90s
			continue
		}
		if !unicode.IsLetter(rs[i+1]) {
			continue
		}
		j := i + 1
		for j < len(rs) && unicode.IsLetter(rs[j]) {
			j++
		}
		if elided[strings.ToLower(string(rs[i+1:j]))] {
			rs[i] = '’'
			continue
		}
		if r == '’' && closes(rs[j:]) {
			rs[i] = '‘'
		}
	}
	return string(rs)
}

// closes reports whether a closing single quote follows (rs starts right after the word): a
// ’ that is not inside a word, before a space, punctuation or the end.
func closes(rs []rune) bool {
	for k, r := range rs {
		if r != '’' {
			continue
		}
		if k+1 < len(rs) && unicode.IsLetter(rs[k+1]) {
			continue // an apostrophe inside a word: don't, o’clock
		}
		if k+1 == len(rs) || !unicode.IsLetter(rs[k+1]) {
			return true
		}
	}
	return false
}

// containsEither reports whether s holds a or b: two substring searches, where
// strings.ContainsAny with characters beyond ASCII decodes every rune of s (a twentieth of
// reading a long book).
func containsEither(s, a, b string) bool { return strings.Contains(s, a) || strings.Contains(s, b) }

// quoteStartsWord reports whether s holds a single quotation mark (‘ or ’) at the start of a
// word: after a space, an opening mark or a dash, or after prev at the start of s. The marks
// are the only runes whose UTF-8 begins 0xE2 0x80 0x98 or 0x99: the search jumps from one
// 0xE2 to the next instead of decoding every rune (it runs over every text of a book).
func quoteStartsWord(s string, prev rune) bool {
	for k := 0; k < len(s); k++ {
		i := strings.IndexByte(s[k:], 0xE2)
		if i < 0 {
			return false
		}
		k += i
		if k+2 < len(s) && s[k+1] == 0x80 && (s[k+2] == 0x98 || s[k+2] == 0x99) {
			before := prev
			if k > 0 {
				before, _ = utf8.DecodeLastRuneInString(s[:k])
			}
			if unicode.IsSpace(before) || strings.ContainsRune("“(—–[\u00a0", before) {
				return true
			}
		}
	}
	return false
}

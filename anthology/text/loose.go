package text

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// LooseIndex finds passage in s comparing only their letters and digits, in order and in case:
// the Markdown, punctuation, quotation marks and spacing around and between the words are not
// compared, so a passage quoted from the printed text ("the ‘harbor’ at dusk") is found in the
// source that makes it ("the 'harbor' *at* dusk"). It returns the byte span of s from the
// passage's first letter or digit to the end of its last; ok is false when s does not hold
// it, or the passage has no letter or digit.
func LooseIndex(s, passage string) (start, end int, ok bool) {
	var want strings.Builder
	for _, r := range passage {
		if looseRune(r) {
			want.WriteRune(r)
		}
	}
	if want.Len() == 0 {
		return 0, 0, false
	}
	// key holds s's letters and digits; at[i] is where key's byte i came from in s.
	var key strings.Builder
	key.Grow(len(s))
	at := make([]int, 0, len(s))
	for i, r := range s {
		if looseRune(r) {
			n := key.Len()
			key.WriteRune(r)
			for range key.Len() - n {
				at = append(at, i)
			}
		}
	}
	k := strings.Index(key.String(), want.String())
	if k < 0 {
		return 0, 0, false
	}
	last := at[k+want.Len()-1]
	_, size := utf8.DecodeRuneInString(s[last:])
	return at[k], last + size, true
}

func looseRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

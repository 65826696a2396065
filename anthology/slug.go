package anthology

import (
	"strings"
	"unicode"
)

// SortKey folds case and accents so that "Ærø" sorts near "Aero" and "de la Cruz" near "De":
// the order of a Contributors page or an index.
func SortKey(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		b.WriteRune(foldAccent(r))
	}
	return b.String()
}

func foldAccent(r rune) rune {
	if r < 0x80 {
		return r
	}
	for base, variants := range accentFolds {
		if strings.ContainsRune(variants, r) {
			return base
		}
	}
	return r
}

var accentFolds = map[rune]string{
	'a': "àáâãäåāăąæ", 'c': "çćĉċč", 'd': "ďđð", 'e': "èéêëēĕėęě", 'g': "ĝğġģ", 'h': "ĥħ",
	'i': "ìíîïĩīĭįı", 'j': "ĵ", 'k': "ķ", 'l': "ĺļľŀł", 'n': "ñńņňŉŋ", 'o': "òóôõöøōŏőœ",
	'r': "ŕŗř", 's': "śŝşšß", 't': "ţťŧþ", 'u': "ùúûüũūŭůűų", 'w': "ŵ", 'y': "ýÿŷ", 'z': "źżž",
}

// ASCIIID turns a name or an id into ASCII letters, digits and hyphens, safe in file names,
// EPUB file names and XML ids on every system.
func ASCIIID(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		r = foldAccent(r)
		switch {
		case r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			b.WriteRune(r)
		case r == '-' || r == '_' || r == '.' || unicode.IsSpace(r) || r == '\u2013' || r == '\u2014' || r == '/':
			if b.Len() > 0 && !strings.HasSuffix(b.String(), "-") {
				b.WriteByte('-')
			}
		}
	}
	return strings.Trim(b.String(), "-")
}

// Slug makes a file name or an id from a title: "The Lamp-Lighters" → "the-lamp-lighters",
// at most 60 characters, "anthology" when nothing is left.
func Slug(title string) string {
	s := ASCIIID(title)
	if len(s) > 60 {
		s = strings.TrimRight(s[:60], "-")
		if i := strings.LastIndexByte(s, '-'); i > 30 {
			s = s[:i] // end on a whole word
		}
	}
	if s == "" {
		return "anthology"
	}
	return s
}

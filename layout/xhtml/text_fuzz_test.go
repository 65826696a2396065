package xhtml

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// referenceText is Text as it was first written, rune by rune: the rule the faster one keeps.
func referenceText(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == utf8.RuneError && size == 1:
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '"':
			b.WriteString("&quot;")
		case !xmlChar(r):
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func TestTextKeepsTheRule(t *testing.T) {
	for _, s := range []string{"", "plain words", "Tom & Jerry <b> \"q\"", "caf\u00e9 \u2014 \ufffd", "bad \xff byte", "ctrl \x01\x0b\t\n\r", "\U0001F600 \uFFFE \uFDD0", "\x7f"} {
		if got, want := Text(s), referenceText(s); got != want {
			t.Errorf("Text(%q) = %q, want %q", s, got, want)
		}
	}
}

func FuzzText(f *testing.F) {
	f.Add("Tom & Jerry")
	f.Add("caf\u00e9 \xff\x01")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := Text(s), referenceText(s); got != want {
			t.Errorf("Text(%q) = %q, want %q", s, got, want)
		}
	})
}

package typeset

import (
	"bufio"
	"io"
	"unicode"
	"unicode/utf8"
)

// liang is Frank Liang's hyphenation algorithm over TeX patterns, as TeX runs it. We own it
// rather than use github.com/speedata/hyphenation because that library never matches a
// pattern of one letter ("1b", "2c"), which is how the Italian, Spanish, Polish, Ukrainian
// and Greek patterns are written: with it those languages came out nearly unhyphenated.
type liang struct {
	patterns map[string][]uint8 // letters of a pattern ("." marks a word's edge) → its digits
	longest  int                // letters in the longest pattern
}

// readLiang reads a hyph-utf8 patterns file: white-space separated patterns such as "a1b",
// ".un3g", "2bb".
func readLiang(r io.Reader) (*liang, error) {
	l := &liang{patterns: map[string][]uint8{}}
	s := bufio.NewScanner(r)
	s.Buffer(make([]byte, 64*1024), 1024*1024)
	s.Split(bufio.ScanWords)
	for s.Scan() {
		var letters []rune
		var digits []uint8
		pending := uint8(0)
		for _, c := range s.Text() {
			if c >= '0' && c <= '9' {
				pending = uint8(c - '0')
				continue
			}
			digits = append(digits, pending)
			pending = 0
			letters = append(letters, unicode.ToLower(c))
		}
		digits = append(digits, pending)
		if len(letters) == 0 {
			continue
		}
		l.patterns[string(letters)] = digits
		l.longest = max(l.longest, len(letters))
	}
	return l, s.Err()
}

// points returns the letter offsets inside a lower-case word after which the patterns allow a
// break (before any minimums).
func (l *liang) points(word string) []int {
	// The word between its edge marks, as bytes, and where each of its characters starts:
	// a pattern is looked up by a slice of the bytes, which makes no string (a word of runes
	// made one for every piece of every word, a tenth of hyphenating).
	var bbuf [64]byte
	var sbuf [66]int
	b := append(append(append(bbuf[:0], '.'), word...), '.')
	starts := sbuf[:0]
	for i := 0; i < len(b); {
		starts = append(starts, i)
		_, size := utf8.DecodeRune(b[i:])
		i += size
	}
	starts = append(starts, len(b))
	runes := len(starts) - 1
	values := make([]uint8, runes+1)
	for i := range runes {
		for j := i + 1; j <= runes && j-i <= l.longest; j++ {
			d, ok := l.patterns[string(b[starts[i]:starts[j]])]
			if !ok {
				continue
			}
			for k, v := range d {
				values[i+k] = max(values[i+k], v)
			}
		}
	}
	w := starts[:runes] // one entry a character, for the count below
	// values[k] is the value between w[k-1] and w[k]; a word's letter n (from 1) ends at
	// w[n], so a break after it is values[n+1].
	n := len(w) - 2
	var out []int
	for i := 1; i < n; i++ {
		if values[i+1]%2 == 1 {
			out = append(out, i)
		}
	}
	return out
}

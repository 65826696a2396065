package typeset

import (
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Arabic letters change shape with their neighbours: a letter joined on both sides takes its
// medial form, one joined only to the letter before its final form, and so on. A set text holds
// characters, not glyph ids (the PDF draws each with the glyph the face's cmap gives it),
// so the typesetter writes each letter as the Unicode presentation form of its shape; the
// bundled Arabic face maps those forms to its glyphs, and the PDF's ToUnicode table maps them
// back to the letters (see package pdf), so that the PDF's text reads as it was written.

// arabicForms are a letter's presentation forms; 0 where it has none (a letter that joins
// only to the letter before it has no initial or medial form).
type arabicForms struct{ isolated, final, initial, medial rune }

var (
	arabicOnce sync.Once
	// arabicLetters maps a letter to its forms; lamAlef maps an alef (plain, with hamza above
	// or below, with madda) to the isolated and final forms of its ligature with a lam before it.
	arabicLetters map[rune]arabicForms
	lamAlef       map[rune][2]rune
)

// arabicTables derives the tables from Unicode's own data: the Arabic Presentation Forms
// blocks list each letter's forms one after another (isolated, final, initial, medial), and
// each form's compatibility decomposition (NFKC) is the letter. No hand-written table.
func arabicTables() {
	arabicLetters = map[rune]arabicForms{}
	lamAlef = map[rune][2]rune{}
	var group []rune
	key := ""
	flush := func() {
		letters := []rune(key)
		switch {
		case len(letters) == 1 && (len(group) == 2 || len(group) == 4):
			if _, seen := arabicLetters[letters[0]]; seen {
				break // a block's extra forms of a letter already listed (Uighur alef maksura)
			}
			f := arabicForms{isolated: group[0], final: group[1]}
			if len(group) == 4 {
				f.initial, f.medial = group[2], group[3]
			}
			arabicLetters[letters[0]] = f
		case len(letters) == 1 && len(group) == 1:
			if _, seen := arabicLetters[letters[0]]; !seen {
				arabicLetters[letters[0]] = arabicForms{isolated: group[0]} // hamza: joins nothing
			}
		case len(letters) == 2 && letters[0] == '\u0644' && len(group) == 2:
			lamAlef[letters[1]] = [2]rune{group[0], group[1]}
		}
	}
	for _, block := range [][2]rune{{0xFE70, 0xFEFC}, {0xFB50, 0xFBFF}} {
		group, key = nil, ""
		for r := block[0]; r <= block[1]; r++ {
			k := norm.NFKC.String(string(r))
			if k == string(r) || !strings.ContainsFunc(k, isArabicLetter) {
				flush()
				group, key = nil, ""
				continue
			}
			if k != key {
				flush()
				group, key = nil, k
			}
			group = append(group, r)
		}
		flush()
	}
}

func isArabicLetter(r rune) bool { return r >= 0x0620 && r <= 0x06FF && unicode.IsLetter(r) }

// hasArabic reports whether s has any character of the Arabic block.
func hasArabic(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool { return r >= 0x0600 && r <= 0x06FF })
}

// joining is how a character joins its neighbours (Unicode's joining types, simplified to
// what the presentation forms can show).
type joining byte

const (
	nonJoining   joining = iota // joins nothing: spaces, Latin, hamza, digits
	rightJoining                // joins the letter before it only (alef, dal, reh, waw)
	dualJoining                 // joins both sides (beh, seen, lam, yeh …)
	joinCausing                 // the tatweel and the zero-width joiner: join both sides, never change
	transparent                 // marks (harakat): skipped when looking for neighbours
)

func joiningOf(r rune) joining {
	switch {
	case r == '\u0640' || r == '\u200D':
		return joinCausing
	case r == '\u200C':
		return nonJoining
	case unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf):
		return transparent
	}
	f, ok := arabicLetters[r]
	switch {
	case !ok:
		return nonJoining
	case f.initial != 0:
		return dualJoining
	case f.final != 0:
		return rightJoining
	}
	return nonJoining
}

// shapeArabic writes each Arabic letter of s (in logical order) as the presentation form of its
// shape, and lam followed by alef as their ligature, where has (the face) can draw the form; a
// form the face lacks leaves the letter as it is. s is one word or a piece of one: shapes are
// decided within it.
func shapeArabic(s string, has func(rune) bool) string {
	if !hasArabic(s) {
		return s
	}
	arabicOnce.Do(arabicTables)
	rs := []rune(s)
	kinds := make([]joining, len(rs))
	for i, r := range rs {
		kinds[i] = joiningOf(r)
	}
	// neighbour returns the index of the nearest character before (step -1) or after (step 1)
	// i that is not a mark, or -1.
	neighbour := func(i, step int) int {
		for j := i + step; j >= 0 && j < len(rs); j += step {
			if kinds[j] != transparent {
				return j
			}
		}
		return -1
	}
	joinsAfter := func(j int) bool { return j >= 0 && (kinds[j] == dualJoining || kinds[j] == joinCausing) }
	joinsBefore := func(j int) bool {
		return j >= 0 && (kinds[j] == dualJoining || kinds[j] == rightJoining || kinds[j] == joinCausing)
	}
	var out strings.Builder
	for i := 0; i < len(rs); i++ {
		r, k := rs[i], kinds[i]
		if k != dualJoining && k != rightJoining {
			out.WriteRune(r)
			continue
		}
		prev, next := neighbour(i, -1), neighbour(i, 1)
		fromPrev := joinsAfter(prev)
		if r == '\u0644' && next == i+1 {
			if lig, ok := lamAlef[rs[next]]; ok {
				form := lig[0]
				if fromPrev {
					form = lig[1]
				}
				if has(form) {
					out.WriteRune(form)
					i = next
					continue
				}
			}
		}
		f := arabicLetters[r]
		toNext := k == dualJoining && joinsBefore(next)
		form := f.isolated
		switch {
		case fromPrev && toNext:
			form = f.medial
		case fromPrev:
			form = f.final
		case toNext:
			form = f.initial
		}
		if form == 0 || !has(form) {
			form = r
		}
		out.WriteRune(form)
	}
	return out.String()
}

package typeset

import (
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/bidi"
)

// Right-to-left text is set in two steps, as the Unicode bidirectional algorithm (UAX #9)
// describes. A paragraph's characters are kept in the order they are written (logical order)
// while it is broken into lines, since widths do not depend on order; each fragment and space
// carries the embedding level the algorithm resolves for it (levels from
// golang.org/x/text/unicode/bidi: even is left-to-right, odd right-to-left). Each line is then
// put in the order it is seen (rule L2: runs at or above each odd level reversed, from the
// highest level down), and the text of each right-to-left fragment drawn reversed.
//
// A paragraph's own direction is its section's (an Arabic or Hebrew book or essay is set
// right to left); a left-to-right paragraph with no right-to-left character pays nothing.

// langID numbers the languages texts are marked with (0: none), for Text.
type langID uint16

var (
	langMu    sync.Mutex
	langNames = []string{""}
	langIDs   = map[string]langID{"": 0}
)

// langIDOf returns the number of a language tag, giving it one the first time.
func langIDOf(tag string) langID {
	if tag == "" {
		return 0
	}
	langMu.Lock()
	defer langMu.Unlock()
	if id, ok := langIDs[tag]; ok {
		return id
	}
	if len(langNames) > 0xFFFF {
		return 0 // more languages than any book has: left unmarked
	}
	id := langID(len(langNames))
	langNames = append(langNames, tag)
	langIDs[tag] = id
	return id
}

func langName(id langID) string {
	if id == 0 {
		return ""
	}
	langMu.Lock()
	defer langMu.Unlock()
	return langNames[id]
}

// isRTLRune reports whether r belongs to a right-to-left script or is a directional mark:
// seeing one makes a paragraph resolve its levels.
func isRTLRune(r rune) bool {
	return (r >= 0x0590 && r <= 0x08FF) || (r >= 0xFB1D && r <= 0xFDFF) || (r >= 0xFE70 && r <= 0xFEFF) ||
		r == '\u200F' || (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069)
}

// resolveLevels gives every fragment and space of the paragraph's items its embedding level.
// The paragraph's text is rebuilt from the items (fragments as they will be drawn, a space for
// each glue), so positions need no mapping back to the source.
func (pb *paraBuilder) resolveLevels() {
	base := int8(0)
	mark := '\u200E' // LRM: the paragraph is left-to-right whatever its first letter
	dir := bidi.LeftToRight
	if pb.fs.rtl {
		base, mark, dir = 1, '\u200F', bidi.RightToLeft
	}
	type ref struct{ item, frag, start, end int }
	var refs []ref
	var b strings.Builder
	b.WriteRune(mark)
	n := 1
	for i, it := range pb.items {
		switch it.kind {
		case boxItem:
			for j, fr := range it.frags {
				k := utf8.RuneCountInString(fr.text)
				refs = append(refs, ref{i, j, n, n + k})
				b.WriteString(fr.text)
				n += k
			}
		case glueItem:
			refs = append(refs, ref{i, -1, n, n + 1})
			b.WriteByte(' ')
			n++
		}
		pb.items[i].level = base
	}
	levels := bidiLevels(b.String(), dir, base)
	runes := []rune(b.String())
	for _, r := range refs {
		lvl := levels[r.start]
		// A fragment takes the level of its first strong character (a word and its
		// punctuation are one run); one with none, the level resolved for its position.
		for k := r.start; k < r.end; k++ {
			if c := classOf(runes[k]); c == bidi.L || c == bidi.R || c == bidi.AL {
				lvl = levels[k]
				break
			}
		}
		if r.frag < 0 {
			pb.items[r.item].level = lvl
		} else {
			pb.items[r.item].frags[r.frag].level = lvl
		}
	}
}

func classOf(r rune) bidi.Class {
	p, _ := bidi.LookupRune(r)
	return p.Class()
}

// bidiLevels returns the embedding level of each character of s, a paragraph whose direction
// is dir (level base). Should the bidi package fail, every character is at the base level.
func bidiLevels(s string, dir bidi.Direction, base int8) (levels []int8) {
	n := utf8.RuneCountInString(s)
	levels = make([]int8, n)
	for i := range levels {
		levels[i] = base
	}
	defer func() {
		if recover() != nil {
			for i := range levels {
				levels[i] = base
			}
		}
	}()
	var p bidi.Paragraph
	if _, err := p.SetString(s, bidi.DefaultDirection(dir)); err != nil {
		return levels
	}
	o, err := p.Order()
	if err != nil {
		return levels
	}
	for i := 0; i < o.NumRuns(); i++ {
		run := o.Run(i)
		lvl := base
		switch {
		case run.Direction() == bidi.RightToLeft && base == 0:
			lvl = 1
		case run.Direction() == bidi.LeftToRight && base == 1:
			lvl = 2
		}
		start, end := run.Pos()
		for k := max(start, 0); k <= end && k < n; k++ {
			levels[k] = lvl
		}
	}
	return levels
}

// bidiLine reports whether any fragment or space of a line is not at level 0, so that the
// line must be put in visual order.
func bidiLine(items []item) bool {
	for i := range items {
		if items[i].level != 0 {
			return true
		}
		for k := range items[i].frags {
			if items[i].frags[k].level != 0 {
				return true
			}
		}
	}
	return false
}

// bidiMaterialize positions a line with right-to-left text: its elements in logical order,
// then in visual order (visualOrder), each right-to-left fragment's text reversed. It returns
// the line's natural width.
func bidiMaterialize(line *Line, items []item, brk item, ratio float64) float64 {
	elems := make([]lineElem, 0, 2*len(items)+1)
	for _, it := range items {
		switch it.kind {
		case boxItem:
			if len(it.frags) == 0 {
				elems = append(elems, lineElem{width: it.width, level: it.level}) // an indent
			}
			for k := range it.frags {
				fr := &it.frags[k]
				if line.At < 0 {
					line.At = fr.at
				}
				elems = append(elems, lineElem{width: fr.width, frag: fr, level: fr.level})
			}
		case glueItem:
			w := it.width + ratio*it.stretch
			if ratio < 0 {
				w = it.width + ratio*it.shrink
			}
			elems = append(elems, lineElem{width: w, level: it.level})
		}
	}
	if brk.kind == penaltyItem && len(brk.frags) > 0 {
		// The hyphen goes with the word it ends.
		lvl := int8(0)
		if n := len(elems); n > 0 {
			lvl = elems[n-1].level
		}
		for k := range brk.frags {
			elems = append(elems, lineElem{width: brk.frags[k].width, frag: &brk.frags[k], level: lvl})
		}
		line.Hyphenated = brk.flagged
	}
	visualOrder(elems)
	x := 0.0
	for _, e := range elems {
		if e.frag != nil {
			fr := *e.frag
			if e.level%2 == 1 {
				fr.text = reverseVisual(fr.text)
			}
			line.Runs = appendRuns(line.Runs, x, fr)
		}
		x += e.width
	}
	return x
}

// lineElem is one thing a line draws, in logical order: a fragment, or a space or indent.
type lineElem struct {
	width float64
	frag  *fragment // nil for glue and indents
	level int8
}

// visualOrder reorders a line's elements as they are seen (rule L2): from the highest level
// down to the lowest odd one, every run of elements at that level or above is reversed.
func visualOrder(elems []lineElem) {
	hi, loOdd := int8(0), int8(127)
	for _, e := range elems {
		hi = max(hi, e.level)
		if e.level%2 == 1 {
			loOdd = min(loOdd, e.level)
		}
	}
	for lvl := hi; lvl >= loOdd && lvl > 0; lvl-- {
		for i := 0; i < len(elems); {
			if elems[i].level < lvl {
				i++
				continue
			}
			j := i
			for j < len(elems) && elems[j].level >= lvl {
				j++
			}
			slices.Reverse(elems[i:j])
			i = j
		}
	}
}

// mirrored are the marks besides brackets that right-to-left text draws mirrored (Unicode's
// Bidi_Mirrored property): guillemets and angle signs.
var mirrored = map[rune]rune{'«': '»', '»': '«', '‹': '›', '›': '‹', '<': '>', '>': '<'}

// reverseVisual returns a right-to-left fragment's text in the order it is drawn: characters
// reversed, each combining mark still after its letter (the PDF draws a mark where the letter
// before it ended), brackets mirrored.
func reverseVisual(s string) string {
	rs := []rune(s)
	var clusters [][]rune
	for _, r := range rs {
		if len(clusters) > 0 && unicode.In(r, unicode.Mn, unicode.Me) {
			clusters[len(clusters)-1] = append(clusters[len(clusters)-1], r)
			continue
		}
		if p, _ := bidi.LookupRune(r); p.IsBracket() {
			r = []rune(bidi.ReverseString(string(r)))[0]
		} else if m, ok := mirrored[r]; ok {
			r = m
		}
		clusters = append(clusters, []rune{r})
	}
	slices.Reverse(clusters)
	var b strings.Builder
	for _, c := range clusters {
		b.WriteString(string(c))
	}
	return b.String()
}

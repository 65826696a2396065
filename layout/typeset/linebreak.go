package typeset

import "math"

// The horizontal material of a paragraph, in the model of Knuth and Plass ("Breaking
// Paragraphs into Lines", 1981): boxes that are drawn, glue that stretches and shrinks, and
// penalties that mark possible breaks and what they cost.
type itemKind uint8

const (
	boxItem itemKind = iota
	glueItem
	penaltyItem
)

// infPenalty forbids a break; -infPenalty forces one.
const infPenalty = 10000

type item struct {
	// The fields are in an order that packs them (64 bytes, not 88): a book has millions.
	width   float64 // points
	stretch float64
	shrink  float64
	penalty float64
	// frags are what a box draws; a penalty's frags are drawn at the end of a line broken there
	// (the hyphen).
	frags []fragment
	kind  itemKind
	// fil is infinite stretch (the glue that ends a paragraph or pads a ragged line).
	fil     bool
	flagged bool // a hyphenation break: consecutive ones are penalised and limited
	// level is the bidi embedding level of a space or an indent (see bidi.go).
	level int8
}

// breakParams are the knobs of one pass of the line breaker.
type breakParams struct {
	tolerance            float64
	linePenalty          float64
	doubleHyphenDemerits float64
	finalHyphenDemerits  float64
	fitnessDemerits      float64
	maxHyphens           int  // consecutive hyphenated lines allowed
	hyphenate            bool // whether flagged penalties are breaks in this pass
	emergencyStretch     float64
	// looseness asks for a paragraph that many lines longer (or shorter, when negative) than
	// its best setting, as TeX's \looseness does; the pass fails when there is no such setting.
	looseness int
	// noHyphen, when set, names lines (0-based) that must not end with a hyphen.
	noHyphen func(line int) bool
	// sameFrom is the first line from which every line has the same measure and the same
	// rules (the line after a drop cap or a hanging first line, or after noHyphen's line).
	// Ways of reaching a break with sameFrom or more lines behind them have the same future,
	// so they compete as one class, as TeX's "easy lines" do; without it a loose pass keeps a
	// class for every possible line count and costs the cube of the paragraph's length. It
	// does not apply with looseness, which must count lines.
	sameFrom int
	// visits, when set, counts the (break, active node) pairs tried: how the tests see the
	// cost grow with a paragraph's length.
	visits *int
}

var defaultParams = breakParams{
	tolerance:            200,
	linePenalty:          10,
	doubleHyphenDemerits: 10000,
	finalHyphenDemerits:  5000,
	fitnessDemerits:      10000,
	maxHyphens:           2,
	hyphenate:            true,
}

// breakNode is a feasible breakpoint: the best way found so far to end a line there.
type breakNode struct {
	pos       int // index of the item the line breaks at (len(items) never)
	line      int // number of lines before this break
	fitness   int
	hyphens   int // consecutive hyphenated lines ending here
	totalW    float64
	totalSt   float64
	totalSh   float64
	totalFil  int
	demerits  float64
	prev      *breakNode
	nextActiv *breakNode
}

// nodes are allocated per break; the active list is short (a few lines' worth of breaks).

// breakPoints chooses where the lines of a paragraph end, minimising the paragraph's total
// demerits (the total-fit algorithm). lineWidth gives the measure of each line (0-based).
// It returns the item indexes of the breaks, the last one the paragraph's forced end, and
// false when no set of breaks satisfies the pass's tolerance.
//
// The steps are Knuth and Plass's: for each legal breakpoint, every active node is tried as
// the start of a line ending there (tryLine: its adjustment ratio and badness, the node
// retired when the line is overfull or the break is forced); the best candidate of each class
// becomes a new active node (activate), with the totals after the break (totalsAfter); a
// forced break keeps only its best (bestForced), and the paragraph's end gives the answer.
func breakPoints(items []item, lineWidth func(int) float64, p breakParams) ([]int, bool) {
	return breakPointsWith(items, prefixSums(items), lineWidth, p)
}

// breakPointsWith is breakPoints with the items' prefix sums (a paragraph's passes share them).
func breakPointsWith(items []item, sums []sum, lineWidth func(int) float64, p breakParams) ([]int, bool) {
	k := &knuthPlass{items: items, lineWidth: lineWidth, p: p, sums: sums}
	k.active = &breakNode{pos: -1, fitness: 1}
	if p.visits != nil {
		defer func() { *p.visits += k.tried }()
	}
	n := len(items)
	for b := 0; b < n; b++ {
		if !k.legal(b) {
			continue
		}
		k.cands = k.cands[:0]
		forced := items[b].kind == penaltyItem && items[b].penalty <= -infPenalty
		k.tryLines(b, forced)
		if len(k.cands) == 0 {
			if k.active == nil {
				return nil, false // nothing can reach this point any more
			}
			continue
		}
		after := k.totalsAfter(b)
		if forced {
			best, ok := k.bestForced(b == n-1)
			if !ok {
				return nil, false
			}
			node := after.node(b, best)
			if b == n-1 {
				return collect(node), true
			}
			k.active = node
			continue
		}
		for _, c := range k.cands {
			node := after.node(b, c)
			node.nextActiv = k.active
			k.active = node
		}
	}
	return nil, false
}

// knuthPlass is one run of breakPoints: the paragraph, its prefix sums, the active nodes and
// the candidates for the breakpoint being considered.
type knuthPlass struct {
	items     []item
	lineWidth func(int) float64
	p         breakParams
	sums      []sum
	active    *breakNode
	cands     []cand
	tried     int
}

// sum is the running totals of widths, stretch, shrink and infinite glues before an item.
type sum struct {
	w, st, sh float64
	fil       int
}

func prefixSums(items []item) []sum {
	s := make([]sum, len(items)+1)
	for i, it := range items {
		s[i+1] = s[i]
		if it.kind == boxItem {
			s[i+1].w += it.width
		} else if it.kind == glueItem {
			s[i+1].w += it.width
			s[i+1].st += it.stretch
			s[i+1].sh += it.shrink
			if it.fil {
				s[i+1].fil++
			}
		}
	}
	return s
}

// cand is the best way found to break at the current item for one (line, fitness, hyphens)
// class: lines of different numbers may have different measures, so they never compete with
// each other.
type cand struct {
	node                   *breakNode
	line, fitness, hyphens int
	class                  int // line, or sameFrom for every line from there on
	demerits               float64
}

// legal reports whether the paragraph may break at item b: glue after a box, or a penalty
// short of infinite (a hyphen only in a pass that hyphenates).
func (k *knuthPlass) legal(b int) bool {
	it := k.items[b]
	switch it.kind {
	case glueItem:
		return b > 0 && k.items[b-1].kind == boxItem
	case penaltyItem:
		return it.penalty < infPenalty && (k.p.hyphenate || !it.flagged)
	}
	return false
}

// class is the line class a line number competes in.
func (k *knuthPlass) class(line int) int {
	if k.p.looseness == 0 && line > k.p.sameFrom {
		return k.p.sameFrom
	}
	return line
}

// ratio is the adjustment ratio of a line from node a to item b: how far its glue stretches
// (positive) or shrinks (negative) to fill the measure.
func (k *knuthPlass) ratio(a *breakNode, b int, penaltyWidth float64) float64 {
	s := k.sums
	lw := k.lineWidth(a.line)
	natural := s[b].w - a.totalW + penaltyWidth
	switch {
	case natural < lw:
		if s[b].fil-a.totalFil > 0 {
			return 0
		} else if st := s[b].st - a.totalSt + k.p.emergencyStretch; st > 0 {
			return (lw - natural) / st
		}
		return math.Inf(1)
	case natural > lw:
		if sh := s[b].sh - a.totalSh; sh > 0 {
			return (lw - natural) / sh
		}
		return math.Inf(-1)
	}
	return 0
}

// tryLines tries every active node as the start of a line ending at b, keeping the best
// candidate of each class and retiring the nodes no later line can start from.
func (k *knuthPlass) tryLines(b int, forced bool) {
	it := k.items[b]
	penaltyWidth := 0.0
	if it.kind == penaltyItem {
		penaltyWidth = it.width
	}
	var prevA *breakNode
	for a := k.active; a != nil; {
		k.tried++
		next := a.nextActiv
		ratio := k.ratio(a, b, penaltyWidth)
		if ratio < -1 || forced {
			// The line from a to b is overfull, or the paragraph breaks here whatever
			// happens: a can end no later line, so it leaves the active list.
			if prevA == nil {
				k.active = next
			} else {
				prevA.nextActiv = next
			}
		} else {
			prevA = a
		}
		if bad := badness(ratio); ratio >= -1 && bad <= k.p.tolerance {
			k.consider(a, b, ratio, bad, forced)
		}
		a = next
	}
}

// consider offers the line from a to b (feasible, of the given ratio and badness) as a
// candidate for its class.
func (k *knuthPlass) consider(a *breakNode, b int, ratio, bad float64, forced bool) {
	it, p := k.items[b], k.p
	hy := 0
	if it.kind == penaltyItem && it.flagged {
		hy = a.hyphens + 1
	}
	if hy > 0 && p.noHyphen != nil && p.noHyphen(a.line) {
		hy = p.maxHyphens + 1 // this line may not end with a hyphen
	}
	if hy > p.maxHyphens {
		return
	}
	fit := fitnessClass(ratio)
	d := a.demerits + demerits(bad, it, a, k.items, p, forced)
	if abs(fit-a.fitness) > 1 {
		d += p.fitnessDemerits
	}
	class := k.class(a.line + 1)
	for i := range k.cands {
		c := &k.cands[i]
		if c.class == class && c.fitness == fit && c.hyphens == hy {
			if d < c.demerits {
				c.node, c.line, c.demerits = a, a.line+1, d
			}
			return
		}
	}
	k.cands = append(k.cands, cand{node: a, line: a.line + 1, class: class, fitness: fit, hyphens: hy, demerits: d})
}

// after are the totals a line starting after a break begins with.
type after struct {
	w, st, sh float64
	fil       int
}

// totalsAfter are the totals after a break at b: the glue and penalties that follow it vanish
// at the start of the next line.
func (k *knuthPlass) totalsAfter(b int) after {
	s := k.sums
	t := after{s[b].w, s[b].st, s[b].sh, s[b].fil}
	for i := b; i < len(k.items); i++ {
		if k.items[i].kind == boxItem || (i > b && k.items[i].kind == penaltyItem && k.items[i].penalty <= -infPenalty) {
			break
		}
		t = after{s[i+1].w, s[i+1].st, s[i+1].sh, s[i+1].fil}
	}
	return t
}

// node is the active node of a break at b reached by candidate c.
func (t after) node(b int, c cand) *breakNode {
	return &breakNode{pos: b, line: c.line, fitness: c.fitness, hyphens: c.hyphens,
		totalW: t.w, totalSt: t.st, totalSh: t.sh, totalFil: t.fil, demerits: c.demerits, prev: c.node}
}

// bestForced is the one way to reach a forced break that matters: every later line starts
// there. At the paragraph's end (last) with a looseness asked for, it is the best setting
// with that many lines more or fewer; false when there is none.
func (k *knuthPlass) bestForced(last bool) (cand, bool) {
	best := k.cands[0]
	for _, c := range k.cands[1:] {
		if c.demerits < best.demerits {
			best = c
		}
	}
	if last && k.p.looseness != 0 {
		target := best.line + k.p.looseness
		found := false
		for _, c := range k.cands {
			if c.line == target && (!found || c.demerits < best.demerits) {
				best, found = c, true
			}
		}
		if !found {
			return cand{}, false
		}
	}
	return best, true
}

func collect(last *breakNode) []int {
	var out []int
	for node := last; node != nil && node.pos >= 0; node = node.prev {
		out = append(out, node.pos)
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out
}

// badness is TeX's measure of how far a line's spaces are from their natural width.
func badness(ratio float64) float64 {
	if math.IsInf(ratio, 0) {
		return 10000
	}
	r := math.Abs(ratio)
	return math.Min(100*r*r*r, 10000)
}

func fitnessClass(ratio float64) int {
	switch {
	case ratio < -0.5:
		return 0 // tight
	case ratio <= 0.5:
		return 1 // decent
	case ratio <= 1:
		return 2 // loose
	}
	return 3 // very loose
}

func demerits(bad float64, it item, a *breakNode, items []item, p breakParams, forced bool) float64 {
	d := (p.linePenalty + bad) * (p.linePenalty + bad)
	if forced && a.pos >= 0 && items[a.pos].kind == penaltyItem && items[a.pos].flagged {
		d += p.finalHyphenDemerits // a hyphen on the last line but one
		if loneTail(items, a.pos) {
			// The last line would be nothing but the end of the hyphenated word: any other
			// setting is better.
			d += loneTailDemerits
		}
	}
	if it.kind == penaltyItem {
		switch {
		case it.penalty >= 0:
			d += it.penalty * it.penalty
		case it.penalty > -infPenalty:
			d -= it.penalty * it.penalty
		}
	}
	if it.kind == penaltyItem && it.flagged && a.pos >= 0 && items[a.pos].kind == penaltyItem && items[a.pos].flagged {
		d += p.doubleHyphenDemerits
	}
	return d
}

// loneTailDemerits is what a paragraph's last line made of a hyphenated word's tail alone
// costs: far more than any tolerable setting, less than an impossible one.
const loneTailDemerits = 1e7

// loneTail reports whether the line after the break at pos holds no space before the
// paragraph's end: a word's tail alone.
func loneTail(items []item, pos int) bool {
	for i := pos + 1; i < len(items); i++ {
		if items[i].kind == glueItem && !items[i].fil {
			return false
		}
		if items[i].kind == penaltyItem && items[i].penalty <= -infPenalty {
			return true
		}
	}
	return true
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

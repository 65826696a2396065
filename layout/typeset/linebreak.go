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
	kind    itemKind
	width   float64 // points
	stretch float64
	shrink  float64
	// fil is infinite stretch (the glue that ends a paragraph or pads a ragged line).
	fil     bool
	penalty float64
	flagged bool // a hyphenation break: consecutive ones are penalised and limited
	// frags are what a box draws; a penalty's frags are drawn at the end of a line broken there
	// (the hyphen).
	frags []fragment
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
func breakPoints(items []item, lineWidth func(int) float64, p breakParams) ([]int, bool) {
	// Running sums of widths, stretch and shrink before each item.
	n := len(items)
	sumW := make([]float64, n+1)
	sumSt := make([]float64, n+1)
	sumSh := make([]float64, n+1)
	sumFil := make([]int, n+1)
	for i, it := range items {
		sumW[i+1], sumSt[i+1], sumSh[i+1], sumFil[i+1] = sumW[i], sumSt[i], sumSh[i], sumFil[i]
		if it.kind == boxItem {
			sumW[i+1] += it.width
		} else if it.kind == glueItem {
			sumW[i+1] += it.width
			sumSt[i+1] += it.stretch
			sumSh[i+1] += it.shrink
			if it.fil {
				sumFil[i+1]++
			}
		}
	}

	active := &breakNode{pos: -1, fitness: 1}

	// cand is the best way found to break at the current item for one (line, fitness,
	// hyphens) class: lines of different numbers may have different measures, so they never
	// compete with each other.
	type cand struct {
		node                   *breakNode
		line, fitness, hyphens int
		class                  int // line, or sameFrom for every line from there on
		demerits               float64
	}
	var cands []cand
	classOf := func(line int) int {
		if p.looseness == 0 && line > p.sameFrom {
			return p.sameFrom
		}
		return line
	}

	tried := 0
	if p.visits != nil {
		defer func() { *p.visits += tried }()
	}
	for b := 0; b < n; b++ {
		it := items[b]
		legal := false
		switch it.kind {
		case glueItem:
			legal = b > 0 && items[b-1].kind == boxItem
		case penaltyItem:
			legal = it.penalty < infPenalty && (p.hyphenate || !it.flagged)
		}
		if !legal {
			continue
		}
		penaltyWidth := 0.0
		if it.kind == penaltyItem {
			penaltyWidth = it.width
		}
		forced := it.kind == penaltyItem && it.penalty <= -infPenalty

		cands = cands[:0]
		var prevA *breakNode
		for a := active; a != nil; {
			tried++
			next := a.nextActiv
			lw := lineWidth(a.line)
			natural := sumW[b] - a.totalW + penaltyWidth
			ratio := 0.0
			switch {
			case natural < lw:
				if sumFil[b]-a.totalFil > 0 {
					ratio = 0
				} else if st := sumSt[b] - a.totalSt + p.emergencyStretch; st > 0 {
					ratio = (lw - natural) / st
				} else {
					ratio = math.Inf(1)
				}
			case natural > lw:
				if sh := sumSh[b] - a.totalSh; sh > 0 {
					ratio = (lw - natural) / sh
				} else {
					ratio = math.Inf(-1)
				}
			}
			if ratio < -1 || forced {
				// The line from a to b is overfull, or the paragraph breaks here whatever
				// happens: a can end no later line, so it leaves the active list.
				if prevA == nil {
					active = next
				} else {
					prevA.nextActiv = next
				}
			} else {
				prevA = a
			}
			if bad := badness(ratio); ratio >= -1 && bad <= p.tolerance {
				hy := 0
				if it.kind == penaltyItem && it.flagged {
					hy = a.hyphens + 1
				}
				if hy > 0 && p.noHyphen != nil && p.noHyphen(a.line) {
					hy = p.maxHyphens + 1 // this line may not end with a hyphen
				}
				if hy <= p.maxHyphens {
					fit := fitnessClass(ratio)
					d := a.demerits + demerits(bad, it, a, items, p, forced)
					if abs(fit-a.fitness) > 1 {
						d += p.fitnessDemerits
					}
					found := false
					class := classOf(a.line + 1)
					for i := range cands {
						c := &cands[i]
						if c.class == class && c.fitness == fit && c.hyphens == hy {
							found = true
							if d < c.demerits {
								c.node, c.line, c.demerits = a, a.line+1, d
							}
						}
					}
					if !found {
						cands = append(cands, cand{node: a, line: a.line + 1, class: class, fitness: fit, hyphens: hy, demerits: d})
					}
				}
			}
			a = next
		}
		if len(cands) == 0 {
			if active == nil {
				return nil, false // nothing can reach this point any more
			}
			continue
		}
		// Totals after the break: the glue and penalties that follow it vanish at the start of
		// the next line.
		tw, tst, tsh, tfil := sumW[b], sumSt[b], sumSh[b], sumFil[b]
		for i := b; i < n; i++ {
			if items[i].kind == boxItem || (i > b && items[i].kind == penaltyItem && items[i].penalty <= -infPenalty) {
				break
			}
			tw, tst, tsh, tfil = sumW[i+1], sumSt[i+1], sumSh[i+1], sumFil[i+1]
		}
		if forced {
			// Only the best way to reach a forced break matters: every later line starts here.
			bestC := cands[0]
			for _, c := range cands[1:] {
				if c.demerits < bestC.demerits {
					bestC = c
				}
			}
			if b == n-1 && p.looseness != 0 {
				// The best setting with the asked-for number of lines instead.
				target := bestC.line + p.looseness
				found := false
				for _, c := range cands {
					if c.line == target && (!found || c.demerits < bestC.demerits) {
						bestC, found = c, true
					}
				}
				if !found {
					return nil, false
				}
			}
			node := &breakNode{pos: b, line: bestC.line, fitness: bestC.fitness, hyphens: bestC.hyphens,
				totalW: tw, totalSt: tst, totalSh: tsh, totalFil: tfil, demerits: bestC.demerits, prev: bestC.node}
			if b == n-1 {
				return collect(node), true
			}
			active = node
			continue
		}
		for _, c := range cands {
			node := &breakNode{pos: b, line: c.line, fitness: c.fitness, hyphens: c.hyphens,
				totalW: tw, totalSt: tst, totalSh: tsh, totalFil: tfil, demerits: c.demerits, prev: c.node}
			node.nextActiv = active
			active = node
		}
	}
	return nil, false
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

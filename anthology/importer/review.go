package importer

import (
	"fmt"
	"slices"
	"strings"

	"github.com/anthology-editor/anthology/anthology/markdown"
	"github.com/anthology-editor/anthology/anthology/text"
)

// ReviewBlock is one block of an imported text in reading order, as the editor reviews it: a
// block the essay keeps, or one the clean-up cut, with its reason.
type ReviewBlock struct {
	Text   string // the block's words, without Markdown
	Kept   bool
	Reason string // why it was cut (Kept is false)
	// Index is what Cut (a kept block) or Restore (a cut one) takes.
	Index int
}

// Review lists the blocks of the page, kept and cut, where they stood in the source. It is
// empty for a result decoded from JSON, which has no blocks (edit its body instead).
func (r *Result) Review() []ReviewBlock {
	type placed struct {
		pos int
		b   ReviewBlock
	}
	var all []placed
	for k, p := range r.parts {
		all = append(all, placed{p.pos, ReviewBlock{Text: stripMarkdown(p.md), Kept: true, Index: k}})
	}
	if r.parts == nil {
		return nil
	}
	for i, rm := range r.Removed {
		all = append(all, placed{rm.pos, ReviewBlock{Text: strings.Join(strings.Fields(rm.Text), " "), Reason: rm.Reason, Index: i}})
	}
	slices.SortStableFunc(all, func(a, b placed) int { return a.pos - b.pos })
	out := make([]ReviewBlock, len(all))
	for i, p := range all {
		out[i] = p.b
	}
	return out
}

// ReasonEditor is the reason given for a block the editor cut.
const ReasonEditor = "cut by the editor"

// Cut takes kept block k (an index into the kept blocks, as Review gives it) out of the body
// and lists it with the cuts, where Restore can take it back: the editor judged it not part of
// the essay. The tallies still hold: its words move from WordsOut to the cut.
func (r *Result) Cut(k int) error {
	if r.parts == nil && r.Body != "" {
		return fmt.Errorf("%s: this result was not read here; edit its body instead", r.File)
	}
	if k < 0 || k >= len(r.parts) {
		return fmt.Errorf("%s: there is no kept block %d (it has %d)", r.File, k+1, len(r.parts))
	}
	p := r.parts[k]
	before := text.Words(markdown.Parse([]byte(r.Body)))
	r.parts = slices.Delete(r.parts, k, k+1)
	r.rebuild()
	words := before - text.Words(markdown.Parse([]byte(r.Body)))
	rm := Removed{Text: stripMarkdown(p.md), Reason: ReasonEditor, Words: words, pos: p.pos, md: p.md}
	at, _ := slices.BinarySearchFunc(r.Removed, p.pos, func(x Removed, pos int) int { return x.pos - pos })
	r.Removed = slices.Insert(r.Removed, at, rm)
	r.WordsOut -= words
	r.Notes = append(r.Notes, "cut by the editor: "+clip(rm.Text, 60))
	return nil
}

// CutLines cuts every kept block that has a line in lines from to to (1-based, inclusive) of
// the body as it stands: the headless way to cut, by the line numbers of the Markdown an import
// writes (import --json shows it). It returns how many blocks it cut.
func (r *Result) CutLines(from, to int) (int, error) {
	if from < 1 || to < from {
		return 0, fmt.Errorf("%d-%d is not a range of lines", from, to)
	}
	var hit []int
	line := 1
	for k, p := range r.parts {
		n := strings.Count(p.md, "\n") + 1
		if line <= to && line+n-1 >= from {
			hit = append(hit, k)
		}
		line += n + 1 // and the blank line between blocks
	}
	if len(hit) == 0 {
		return 0, fmt.Errorf("lines %d-%d hold no block of the essay (its body has %d lines)", from, to, line-2)
	}
	for i := len(hit) - 1; i >= 0; i-- { // from the last, so the others keep their indexes
		if err := r.Cut(hit[i]); err != nil {
			return 0, err
		}
	}
	return len(hit), nil
}

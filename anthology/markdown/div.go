package markdown

import (
	"bytes"
	"regexp"

	gast "github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	gtext "github.com/yuin/goldmark/text"
)

// fencedDiv is pandoc's fenced div: a line "::: epigraph" opens it, a line ":::" closes it,
// and what stands between is ordinary Markdown. Its class says what the blocks inside are
// (an epigraph, a letter, a figure, a letter's salutation…); a class this reader does not know
// leaves its content as it is.
type fencedDiv struct {
	gast.BaseBlock
	class string
}

var kindFencedDiv = gast.NewNodeKind("FencedDiv")

func (n *fencedDiv) Kind() gast.NodeKind { return kindFencedDiv }

func (n *fencedDiv) Dump(source []byte, level int) {
	gast.DumpHelper(n, source, level, map[string]string{"class": n.class}, nil)
}

var (
	divOpen  = regexp.MustCompile(`^ {0,3}:{3,}[ \t]*(?:\{[ \t]*\.?([A-Za-z][\w-]*)[ \t]*\}|\.?([A-Za-z][\w-]*))[ \t]*:*[ \t]*\r?\n?$`)
	divClose = regexp.MustCompile(`^ {0,3}:{3,}[ \t]*\r?\n?$`)
)

type fencedDivParser struct{}

func (fencedDivParser) Trigger() []byte { return []byte{':'} }

func (fencedDivParser) Open(parent gast.Node, reader gtext.Reader, pc parser.Context) (gast.Node, parser.State) {
	line, _ := reader.PeekLine()
	m := divOpen.FindSubmatch(line)
	if m == nil {
		return nil, parser.NoChildren
	}
	class := string(m[1])
	if class == "" {
		class = string(m[2])
	}
	reader.AdvanceToEOL()
	return &fencedDiv{class: class}, parser.HasChildren
}

func (fencedDivParser) Continue(node gast.Node, reader gtext.Reader, pc parser.Context) parser.State {
	line, _ := reader.PeekLine()
	if divClose.Match(line) && !innerDivOpen(node, pc) {
		reader.AdvanceToEOL()
		return parser.Close
	}
	return parser.Continue | parser.HasChildren
}

// innerDivOpen reports whether a div inside node is still open: the closing fence is then its.
func innerDivOpen(node gast.Node, pc parser.Context) bool {
	after := false
	for _, b := range pc.OpenedBlocks() {
		if b.Node == node {
			after = true
			continue
		}
		if _, ok := b.Node.(*fencedDiv); ok && after {
			return true
		}
	}
	return false
}

func (fencedDivParser) Close(gast.Node, gtext.Reader, parser.Context) {}
func (fencedDivParser) CanInterruptParagraph() bool                   { return true }
func (fencedDivParser) CanAcceptIndentedLine() bool                   { return false }

// script is pandoc's subscript (H~2~O) or superscript (x^2^): text without unescaped spaces
// between single delimiters.
type script struct {
	gast.BaseInline
	super bool
	value []byte
}

var kindScript = gast.NewNodeKind("Script")

func (n *script) Kind() gast.NodeKind { return kindScript }

func (n *script) Dump(source []byte, level int) { gast.DumpHelper(n, source, level, nil, nil) }

type scriptParser struct{}

func (scriptParser) Trigger() []byte { return []byte{'~', '^'} }

func (scriptParser) Parse(parent gast.Node, block gtext.Reader, pc parser.Context) gast.Node {
	line, _ := block.PeekLine()
	if len(line) < 3 {
		return nil
	}
	delim := line[0]
	if line[1] == delim || line[1] == ' ' || line[1] == '\t' {
		return nil // "~~" is not a subscript; "^ " opens nothing
	}
	for i := 1; i < len(line); i++ {
		switch c := line[i]; {
		case c == '\\' && i+1 < len(line):
			i++
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			return nil
		case c == delim:
			if i == 1 {
				return nil
			}
			block.Advance(i + 1)
			return &script{super: delim == '^', value: unescape(line[1:i])}
		}
	}
	return nil
}

// looksLikeTable tells a pandoc line block from a pipe table, which starts with "|" too: a
// table's second line is its delimiter row ("|---|:--:|").
func looksLikeTable(reader gtext.Reader) bool {
	line, seg := reader.PeekLine()
	if !tableRow.Match(line) {
		return false
	}
	// Read the next line from the source: moving the reader there and back loses its place.
	next := reader.Source()[min(seg.Stop, len(reader.Source())):]
	if i := bytes.IndexByte(next, '\n'); i >= 0 {
		next = next[:i+1]
	}
	// The delimiter row may stand in a quotation or a note's indented continuation.
	next = bytes.TrimLeft(next, " \t>")
	return tableDelimiter.Match(next)
}

// inTable reports whether the paragraph being read is a pipe table (its second line is a
// delimiter row): its next row is the table's, not a line of verse.
func inTable(pc parser.Context, reader gtext.Reader) bool {
	opened := pc.OpenedBlocks()
	if len(opened) == 0 {
		return false
	}
	p, ok := opened[len(opened)-1].Node.(*gast.Paragraph)
	if !ok || p.Lines().Len() < 2 {
		return false
	}
	seg := p.Lines().At(1)
	return tableDelimiter.Match(bytes.TrimLeft(seg.Value(reader.Source()), " \t>"))
}

var (
	tableRow       = regexp.MustCompile(`^[ \t]*\|.*\|[ \t]*\r?\n?$`)
	tableDelimiter = regexp.MustCompile(`^\|?[ \t]*:?-+:?[ \t]*(\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*\r?\n?$`)
)

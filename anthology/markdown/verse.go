package markdown

import (
	gast "github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	gtext "github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// lineBlock is a verse block written the way pandoc writes line blocks: every line starts with
// "| ", and a line holding only "|" separates stanzas. The author's line breaks are kept.
type lineBlock struct {
	gast.BaseBlock
}

var kindLineBlock = gast.NewNodeKind("LineBlock")

func (n *lineBlock) Kind() gast.NodeKind { return kindLineBlock }

// IsRaw keeps goldmark from running its inline parser over the joined lines: each line is
// inline-parsed on its own so that a line of verse can never swallow the next one.
func (n *lineBlock) IsRaw() bool { return true }

func (n *lineBlock) Dump(source []byte, level int) { gast.DumpHelper(n, source, level, nil, nil) }

type lineBlockParser struct{}

func (lineBlockParser) Trigger() []byte { return []byte{'|'} }

// lineBlockContent returns the segment of a "| text" line after the marker, or false when the
// line is not a line-block line.
func lineBlockContent(line []byte, segment gtext.Segment, pos int) (gtext.Segment, bool) {
	if pos < 0 || pos >= len(line) || line[pos] != '|' {
		return gtext.Segment{}, false
	}
	rest := line[pos+1:]
	if len(rest) > 0 && rest[0] != ' ' && rest[0] != '\n' && rest[0] != '\r' {
		return gtext.Segment{}, false
	}
	start := pos + 1
	if len(rest) > 0 && rest[0] == ' ' {
		start++
	}
	stop := len(line) - util.TrimRightSpaceLength(line)
	if stop < start {
		stop = start
	}
	return gtext.NewSegment(segment.Start+start-segment.Padding, segment.Start+stop-segment.Padding), true
}

func (lineBlockParser) Open(parent gast.Node, reader gtext.Reader, pc parser.Context) (gast.Node, parser.State) {
	line, segment := reader.PeekLine()
	seg, ok := lineBlockContent(line, segment, pc.BlockOffset())
	if !ok || looksLikeTable(reader) || inTable(pc, reader) {
		return nil, parser.NoChildren
	}
	node := &lineBlock{}
	node.Lines().Append(seg)
	reader.AdvanceToEOL()
	return node, parser.NoChildren
}

func (lineBlockParser) Continue(node gast.Node, reader gtext.Reader, pc parser.Context) parser.State {
	line, segment := reader.PeekLine()
	_, pos := util.IndentWidth(line, reader.LineOffset())
	seg, ok := lineBlockContent(line, segment, pos)
	if !ok {
		return parser.Close
	}
	node.Lines().Append(seg)
	reader.AdvanceToEOL()
	return parser.Continue | parser.NoChildren
}

func (lineBlockParser) Close(gast.Node, gtext.Reader, parser.Context) {}
func (lineBlockParser) CanInterruptParagraph() bool                   { return true }
func (lineBlockParser) CanAcceptIndentedLine() bool                   { return false }

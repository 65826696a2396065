package markdown

import (
	"fmt"
	"strings"

	"github.com/anthology-editor/anthology/anthology/text"
)

// MaxNesting bounds how deeply a Markdown text may nest lists and quotations. The Markdown
// parser looks at every open container on every line, so a text nested n deep costs n times
// its length (a 3,000-deep list took 26 s to import, a 9 MB one 78 s to export); prose nests
// three or four deep.
const MaxNesting = 64

// NestingError says where a text passes MaxNesting.
type NestingError struct {
	Line, Col int // 1-based, in the text given to CheckNesting
}

func (e *NestingError) Error() string {
	return fmt.Sprintf("lists or quotations nest more than %d deep here; a book needs a few levels (is the file generated or damaged?)", MaxNesting)
}

// CheckNesting returns a *NestingError at the first line whose prefix opens more than
// MaxNesting containers: each ">" and each list marker counts one, and indentation one per two
// columns (a nested list indents by two or more). One pass: linear in the text.
func CheckNesting(src []byte) error {
	line := 1
	for start := 0; start < len(src); line++ {
		end := start
		for end < len(src) && src[end] != '\n' {
			end++
		}
		if col, deep := lineNesting(src[start:end]); deep {
			return &NestingError{Line: line, Col: col}
		}
		start = end + 1
	}
	return nil
}

// lineNesting measures one line's container prefix; it reports the column where it passes
// the limit.
func lineNesting(l []byte) (int, bool) {
	markers, cols := 0, 0
	for i := 0; i < len(l); {
		switch c := l[i]; {
		case c == ' ':
			cols++
			i++
		case c == '\t':
			cols += 4 - cols%4
			i++
		case c == '>':
			markers++
			i++
		case (c == '-' || c == '*' || c == '+') && i+1 < len(l) && (l[i+1] == ' ' || l[i+1] == '\t'):
			markers++
			i++
		case c >= '0' && c <= '9':
			j := i
			for j < len(l) && j-i < 9 && l[j] >= '0' && l[j] <= '9' {
				j++
			}
			if j+1 < len(l) && (l[j] == '.' || l[j] == ')') && (l[j+1] == ' ' || l[j+1] == '\t') {
				markers++
				i = j + 1
				continue
			}
			return 0, false
		default:
			return 0, false
		}
		if markers+cols/2 > MaxNesting {
			return i + 1, true
		}
	}
	return 0, false
}

// plainLines reads a text as one paragraph per non-blank line, with no Markdown at all.
func plainLines(src []byte) *text.Document {
	doc := &text.Document{}
	at := 0
	for _, l := range strings.Split(string(src), "\n") {
		start := at
		at += len(l) + 1
		if t := strings.TrimSpace(l); t != "" {
			from := start + strings.Index(l, t)
			doc.Blocks = append(doc.Blocks, &text.Paragraph{Content: []text.Inline{&text.Text{Text: t}}, Pos: text.Pos{Offset: from, End: from + len(t)}})
		}
	}
	return doc
}

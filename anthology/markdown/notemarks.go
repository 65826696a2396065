package markdown

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// NoteMark is a "[^label]" in a Markdown text: a reference, or a definition when it starts a
// line (after at most three spaces) and a colon follows.
type NoteMark struct {
	Label string
	// At is the byte offset of the "[", LineStart that of its line.
	At, LineStart int
	Def, Escaped  bool
}

// NoteMarks finds every "[^label]" of src in one pass (a regular expression anchored at line
// starts took a quarter of a second on a 13 MB corpus).
func NoteMarks(src string) []NoteMark {
	var out []NoteMark
	for i := 0; ; {
		j := strings.Index(src[i:], "[^")
		if j < 0 {
			return out
		}
		at := i + j
		i = at + 2
		end := at + 2
		for end < len(src) && src[end] != ']' {
			r, size := utf8.DecodeRuneInString(src[end:])
			if unicode.IsSpace(r) {
				break
			}
			end += size
		}
		if end == at+2 || end >= len(src) || src[end] != ']' {
			continue
		}
		m := NoteMark{Label: src[at+2 : end], At: at, Escaped: at > 0 && src[at-1] == '\\'}
		m.LineStart = strings.LastIndexByte(src[:at], '\n') + 1
		if end+1 < len(src) && src[end+1] == ':' {
			if indent := src[m.LineStart:at]; len(indent) <= 3 && strings.Trim(indent, " ") == "" {
				m.Def = true
			} else {
				continue // "[^x]:" inside a line is neither a note nor a reference
			}
		}
		out = append(out, m)
		i = end + 1
	}
}

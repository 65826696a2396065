package markdown

import (
	"regexp"
	"strconv"
	"strings"
)

// The editor's formatting commands, as edits of the Markdown source: each takes the text, the
// selection (byte offsets start ≤ end; equal for a bare cursor) and returns the new text and
// the new selection. They write the syntax this package reads, so that what the editor types
// by key is what a writer would type by hand.

// Format is one formatting command.
type Format int

// The commands.
const (
	Italic     Format = iota // *text*
	Bold                     // **text**
	SmallCaps                // [text]{.smallcaps}
	Note                     // a note reference [^n] at the cursor, its text at the end
	SceneBreak               // * * * on a line of its own
	Verse                    // "| " before each line
	Quote                    // "> " before each line
)

var noteRef = regexp.MustCompile(`\[\^(\d+)\]`)

// Apply edits src with the command f over the selection [start, end).
func Apply(f Format, src string, start, end int) (string, int, int) {
	start, end = max(0, min(start, len(src))), max(0, min(end, len(src)))
	if start > end {
		start, end = end, start
	}
	sel := src[start:end]
	wrap := func(open, close string) (string, int, int) {
		// A selection's trailing space stays outside the marks (a double-clicked word).
		trimmed := strings.TrimRight(sel, " \n")
		rest := sel[len(trimmed):]
		out := src[:start] + open + trimmed + close + rest + src[end:]
		return out, start + len(open), start + len(open) + len(trimmed)
	}
	switch f {
	case Italic:
		return wrap("*", "*")
	case Bold:
		return wrap("**", "**")
	case SmallCaps:
		return wrap("[", "]{.smallcaps}")
	case Note:
		n := 0
		for _, m := range noteRef.FindAllStringSubmatch(src, -1) {
			if k, _ := strconv.Atoi(m[1]); k > n {
				n = k
			}
		}
		ref := "[^" + strconv.Itoa(n+1) + "]"
		body := src[:end] + ref + src[end:]
		body = strings.TrimRight(body, "\n") + "\n\n" + ref + ": "
		return body, len(body), len(body) // the cursor where the note's text is typed
	case SceneBreak:
		before := strings.TrimRight(src[:start], " \n")
		after := strings.TrimLeft(src[end:], " \n")
		mid := "\n\n* * *\n\n"
		if before == "" {
			mid = "* * *\n\n"
		}
		out := before + mid + after
		at := len(before) + len(mid)
		return out, at, at
	case Verse, Quote:
		prefix := "| "
		if f == Quote {
			prefix = "> "
		}
		// Whole lines: from the start of the first selected line to the end of the last.
		ls := strings.LastIndexByte(src[:start], '\n') + 1
		le := end
		if i := strings.IndexByte(src[end:], '\n'); i >= 0 {
			le = end + i
		} else {
			le = len(src)
		}
		lines := strings.Split(src[ls:le], "\n")
		for i, l := range lines {
			if l != "" && !strings.HasPrefix(l, prefix) {
				lines[i] = prefix + l
			}
		}
		block := strings.Join(lines, "\n")
		return src[:ls] + block + src[le:], ls, ls + len(block)
	}
	return src, start, end
}

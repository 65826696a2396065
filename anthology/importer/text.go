package importer

import (
	"strings"
	"unicode/utf8"
)

// textBlocks splits plain text, as copied from a web page or an e-mail, into paragraphs. Blank
// lines separate blocks. Inside a block, lines are joined when the text was hard-wrapped
// (lines of a similar width that stop mid-sentence) and kept apart when each line is a
// paragraph of its own (the way text copied from a browser arrives) or a line of a letter.
func textBlocks(s string) []block {
	s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	var out []block
	for _, chunk := range splitChunks(s) {
		lines := chunk
		if wrapped(lines) {
			out = append(out, lineBlock(strings.Join(trimAll(lines), " ")))
			continue
		}
		for _, l := range lines {
			if strings.TrimSpace(l) != "" {
				out = append(out, lineBlock(l))
			}
		}
	}
	return out
}

// splitChunks cuts text at blank lines.
func splitChunks(s string) [][]string {
	var chunks [][]string
	var cur []string
	for _, l := range strings.Split(s, "\n") {
		l = strings.TrimRight(l, " \t\u00a0")
		if strings.TrimSpace(l) == "" {
			if len(cur) > 0 {
				chunks = append(chunks, cur)
				cur = nil
			}
			continue
		}
		cur = append(cur, l)
	}
	if len(cur) > 0 {
		chunks = append(chunks, cur)
	}
	return chunks
}

func trimAll(lines []string) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = strings.TrimSpace(l)
	}
	return out
}

// wrapped reports whether a block's lines are one paragraph broken at a fixed width: most
// lines but the last are long and stop mid-sentence.
func wrapped(lines []string) bool {
	if len(lines) < 2 {
		return false
	}
	mid, long := 0, 0
	for _, l := range lines[1:] {
		// A line that is a byline or a date is a line of its own, whatever its width.
		if t := strings.TrimSpace(l); byOn.MatchString(t) || postedBy.MatchString(t) || byline.MatchString(t) || dateOnly.MatchString(t) {
			return false
		}
	}
	for _, l := range lines[:len(lines)-1] {
		l = strings.TrimSpace(l)
		n := utf8.RuneCountInString(l)
		if n >= 40 && n <= 100 {
			long++
		}
		if !endsSentence(l) && !strings.HasSuffix(l, ":") && !strings.HasSuffix(l, ",") {
			mid++
		}
	}
	body := len(lines) - 1
	return long*10 >= body*8 && mid*2 >= body
}

// lineBlock makes a block of one line of text, recognising scene breaks and list bullets.
func lineBlock(l string) block {
	t := strings.TrimSpace(l)
	if isSceneBreak(t) {
		return block{kind: sceneBreak, text: t}
	}
	for _, bullet := range []string{"• ", "· ", "◦ ", "▪ "} {
		if strings.HasPrefix(t, bullet) {
			return block{kind: listItem, text: strings.TrimSpace(strings.TrimPrefix(t, bullet))}
		}
	}
	return block{kind: para, text: strings.Join(strings.Fields(t), " ")}
}

// isSceneBreak recognises the marks writers put alone on a line between sections.
func isSceneBreak(t string) bool {
	switch strings.ReplaceAll(t, " ", "") {
	case "…", "...", "***", "*", "**", "—", "–", "-", "--", "---", "#", "##", "###", "~", "~~~", "•••", "·", "⁂", "✻", "§", "***…", "xxx", "oOo", "o":
		return true
	}
	return false
}

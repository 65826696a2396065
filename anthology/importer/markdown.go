package importer

import (
	"fmt"
	"strings"

	"github.com/goccy/go-yaml"

	"github.com/anthology-editor/anthology/anthology"
)

// unmarshalSafely decodes YAML front matter, turning a panic of the YAML library into an error:
// a pasted file's front matter is outside input.
func unmarshalSafely(front string, v any) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("front matter: %v", r)
		}
	}()
	return yaml.Unmarshal([]byte(front), v)
}

// markdownBlocks reads a Markdown file: its front matter (if any) as hints, its body as blocks
// that keep their Markdown. Structure already written in Markdown (headings, quotations, lists,
// rules) is kept; the clean-up still looks at the text.
func markdownBlocks(s string) ([]block, hints) {
	s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	s = strings.TrimPrefix(s, "\ufeff")
	var h hints
	if strings.HasPrefix(s, "---\n") {
		if end := strings.Index(s[4:], "\n---"); end >= 0 {
			front := s[4 : 4+end]
			rest := s[4+end+4:]
			if i := strings.IndexByte(rest, '\n'); i >= 0 {
				rest = rest[i+1:]
			} else {
				rest = ""
			}
			var m map[string]any
			if anthology.CheckYAML("", []byte(front), 1) == nil && unmarshalSafely(front, &m) == nil {
				h = frontMatterHints(m)
				s = rest
			}
		}
	}
	var out []block
	inFence := false
	var fence []string
	for _, chunk := range strings.Split(s, "\n\n") {
		chunk = strings.Trim(chunk, "\n")
		if strings.TrimSpace(chunk) == "" {
			continue
		}
		// Fenced blocks may hold blank lines: gather them whole.
		if inFence || strings.HasPrefix(strings.TrimSpace(chunk), "```") {
			fence = append(fence, chunk)
			opens := strings.Count(strings.Join(fence, "\n\n"), "```")
			inFence = opens%2 == 1
			if !inFence {
				all := strings.Join(fence, "\n\n")
				out = append(out, block{kind: para, text: stripMarkdown(all), md: all})
				fence = nil
			}
			continue
		}
		out = append(out, markdownBlock(chunk))
	}
	if len(fence) > 0 {
		all := strings.Join(fence, "\n\n")
		out = append(out, block{kind: para, text: stripMarkdown(all), md: all})
	}
	return out, h
}

// markdownBlock classifies one blank-line-separated chunk of Markdown.
func markdownBlock(chunk string) block {
	t := strings.TrimSpace(chunk)
	switch {
	case isSceneBreak(t):
		return block{kind: sceneBreak, text: t}
	case strings.HasPrefix(t, "#"):
		level := len(t) - len(strings.TrimLeft(t, "#"))
		text := strings.TrimSpace(strings.TrimLeft(t, "#"))
		return block{kind: heading, level: level, text: stripMarkdown(text), md: text}
	}
	// Everything else keeps its Markdown as written; the text is for the detectors.
	joined := chunk
	if !strings.HasPrefix(t, ">") && !strings.HasPrefix(t, "|") && !strings.HasPrefix(t, "- ") &&
		!strings.HasPrefix(t, "* ") && !strings.HasPrefix(t, "[^") && !strings.Contains(t, "  \n") {
		joined = strings.Join(strings.Fields(chunk), " ")
	}
	return block{kind: para, text: stripMarkdown(joined), md: joined}
}

// stripMarkdown gives the words of a Markdown chunk, for the detectors.
func stripMarkdown(s string) string {
	r := strings.NewReplacer("**", "", "__", "", "*", "", "`", "", "> ", "", "| ", "")
	return strings.Join(strings.Fields(r.Replace(s)), " ")
}

// frontMatterHints reads the keys an editor's Markdown might carry.
func frontMatterHints(m map[string]any) hints {
	str := func(keys ...string) string {
		for _, k := range keys {
			if v, ok := m[k]; ok {
				switch x := v.(type) {
				case string:
					return strings.TrimSpace(x)
				case []any:
					if len(x) > 0 {
						if s, ok := x[0].(string); ok {
							return s
						}
					}
				}
			}
		}
		return ""
	}
	return hints{
		title:    str("title"),
		subtitle: str("subtitle", "dek"),
		author:   str("author", "authors", "by"),
		bio:      str("bio"),
		date:     normalizeDate(str("date", "published")),
		source:   str("source", "originally_published", "first_published"),
	}
}

package markdown

import (
	"regexp"
	"strings"

	"github.com/anthology-editor/anthology/anthology/text"
)

// Escaped brackets are read as these private-use characters until bracketed spans are found,
// so that "\[sic\]{" never opens a span, and are then given back.
const (
	escapedOpen  = '\uE000'
	escapedClose = '\uE001'
)

// spanAttrs is the end of a bracketed span: "]{.smallcaps}", "]{lang=la}",
// `]{.abbr title="Doctor"}`.
var spanAttrs = regexp.MustCompile(`\]\{([^{}\n]*)\}`)

var (
	attrClass = regexp.MustCompile(`^\.([A-Za-z][\w-]*)`)
	// Quotes may have been made typographic already.
	attrPair = regexp.MustCompile(`^([A-Za-z][\w:-]*)=(?:["“]([^"“”]*)["”]|['‘]([^'‘’]*)['’]|([^\s"'“”‘’]+))`)
	// langTag is a well-formed BCP 47 tag as far as a book needs: a reading system and
	// EPUBCheck refuse anything else.
	langTag = regexp.MustCompile(`^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$`)
)

// spans reads pandoc's bracketed spans in a run of inlines: "[text]{.smallcaps}" is small
// capitals, "[text]{lang=fr}" a language span, "[text]{.abbr title=…}" an abbreviation. A span
// whose attributes say nothing this model knows keeps its content, without the brackets.
func spans(in []text.Inline) []text.Inline {
	for {
		out, ok := oneSpan(in)
		if !ok {
			break
		}
		in = out
	}
	for _, x := range in {
		if t, ok := x.(*text.Text); ok && containsEither(t.Text, string(escapedOpen), string(escapedClose)) {
			t.Text = unescapeBrackets.Replace(t.Text)
		}
	}
	return in
}

// unescapeBrackets turns the escaped brackets back into brackets (one replacer for every
// text: building one for each took a twentieth of an EPUB build).
var unescapeBrackets = strings.NewReplacer(string(escapedOpen), "[", string(escapedClose), "]")

// oneSpan replaces the first bracketed span of in, if there is one.
func oneSpan(in []text.Inline) ([]text.Inline, bool) {
	for j, x := range in {
		t, ok := x.(*text.Text)
		if !ok {
			continue
		}
		m := spanAttrs.FindStringSubmatchIndex(t.Text)
		for m != nil {
			// The opening bracket: in this text before the match, or in a text before it.
			if k := strings.LastIndexByte(t.Text[:m[0]], '['); k >= 0 {
				content := []text.Inline{&text.Text{Text: t.Text[k+1 : m[0]]}}
				return splice(in, j, k, j, m, content, t.Text[m[2]:m[3]]), true
			}
			for i := j - 1; i >= 0; i-- {
				ti, ok := in[i].(*text.Text)
				if !ok {
					continue
				}
				if k := strings.LastIndexByte(ti.Text, '['); k >= 0 {
					var content []text.Inline
					if s := ti.Text[k+1:]; s != "" {
						content = append(content, &text.Text{Text: s})
					}
					content = append(content, in[i+1:j]...)
					if s := t.Text[:m[0]]; s != "" {
						content = append(content, &text.Text{Text: s})
					}
					return splice(in, i, k, j, m, content, t.Text[m[2]:m[3]]), true
				}
			}
			// No opening bracket: not a span. Look further along this text.
			next := spanAttrs.FindStringSubmatchIndex(t.Text[m[1]:])
			if next == nil {
				break
			}
			for n := range next {
				next[n] += m[1]
			}
			m = next
		}
	}
	return in, false
}

// splice replaces in[i] from byte k (the "[") to in[j] at match m (the "]{…}") with the span.
func splice(in []text.Inline, i, k, j int, m []int, content []text.Inline, attrs string) []text.Inline {
	before := in[i].(*text.Text).Text[:k]
	after := in[j].(*text.Text).Text[m[1]:]
	out := append([]text.Inline{}, in[:i]...)
	if before != "" {
		out = append(out, &text.Text{Text: before})
	}
	out = append(out, span(content, attrs)...)
	if after != "" {
		out = append(out, &text.Text{Text: after})
	}
	return append(out, in[j+1:]...)
}

// span makes the inline the attributes ask for.
func span(content []text.Inline, attrs string) []text.Inline {
	var classes []string
	kv := map[string]string{}
	rest := strings.TrimSpace(attrs)
	for rest != "" {
		if m := attrClass.FindStringSubmatch(rest); m != nil {
			classes = append(classes, m[1])
			rest = strings.TrimSpace(rest[len(m[0]):])
			continue
		}
		if m := attrPair.FindStringSubmatch(rest); m != nil {
			kv[strings.ToLower(m[1])] = m[2] + m[3] + m[4]
			rest = strings.TrimSpace(rest[len(m[0]):])
			continue
		}
		// Something else ("#id", stray words): skip one field.
		if i := strings.IndexAny(rest, " \t"); i >= 0 {
			rest = strings.TrimSpace(rest[i:])
		} else {
			rest = ""
		}
	}
	out := content
	for _, c := range classes {
		switch strings.ToLower(c) {
		case "smallcaps", "small-caps", "sc":
			out = []text.Inline{&text.SmallCaps{Content: out}}
		case "abbr", "abbreviation", "acronym", "initialism":
			out = []text.Inline{&text.Abbr{Title: kv["title"], Content: out}}
		}
	}
	if lang := kv["lang"]; langTag.MatchString(lang) {
		out = []text.Inline{&text.Span{Lang: lang, Content: out}}
	}
	return out
}

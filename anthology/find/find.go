// Package find searches a project's text and works out replacements: the essays' bodies (their
// Markdown), titles, subtitles and headnotes, in reading order. It changes nothing itself — the
// edit session applies a replacement as one undoable step, and the CLI writes it to disk — so
// that the app and `anthology find` find the same matches.
package find

import (
	"errors"
	"fmt"
	"regexp"
	"regexp/syntax"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/anthology-editor/anthology/anthology"
)

// Query is what to look for.
type Query struct {
	Pattern string
	// Regexp reads Pattern as a regular expression (Go's syntax, RE2); otherwise it is literal
	// text, and a replacement is literal too.
	Regexp bool
	// WholeWord matches only where the match neither starts nor ends inside a word (letters,
	// digits and marks of any script count as word characters).
	WholeWord bool
	// MatchCase makes the search case-sensitive; by default case is ignored.
	MatchCase bool
	// Essay limits the search to one essay (its id); "" searches the whole book.
	Essay string
}

// Fields are the parts of an essay searched, in the order they are read.
var Fields = []string{"title", "subtitle", "headnote", "body"}

// Match is one occurrence.
type Match struct {
	Essay *anthology.Essay
	Field string // one of Fields
	// Start and End are byte offsets of the match in the field's text.
	Start, End int
	// Line and Col place the match in the field (1-based, columns in characters); for the body
	// the line is the essay file's body line.
	Line, Col int
	// Before, Text and After are the match with a little of its line on each side, for a list
	// of matches.
	Before, Text, After string
	// groups are the offsets of the expression's groups in the field, for $1 in a replacement.
	groups []int
}

// Compile checks the query and returns the expression it searches with.
func (q Query) Compile() (*regexp.Regexp, error) {
	if q.Pattern == "" {
		return nil, fmt.Errorf("nothing to find")
	}
	expr := q.Pattern
	if !q.Regexp {
		expr = regexp.QuoteMeta(expr)
	}
	if !q.MatchCase {
		expr = "(?i)" + expr
	}
	re, err := regexp.Compile(expr)
	if err != nil {
		var se *syntax.Error
		if errors.As(err, &se) {
			return nil, fmt.Errorf("%q is not a regular expression: %s", q.Pattern, se.Code)
		}
		return nil, fmt.Errorf("%q is not a regular expression: %v", q.Pattern, err)
	}
	return re, nil
}

// FieldText is the text of one field of an essay.
func FieldText(e *anthology.Essay, field string) string {
	switch field {
	case "title":
		return e.Meta.Title
	case "subtitle":
		return e.Meta.Subtitle
	case "headnote":
		return e.Meta.Headnote
	}
	return e.Body
}

// essays are the essays a query searches, in reading order (the introduction first).
func essays(p *anthology.Project, q Query) []*anthology.Essay {
	all := p.Pieces()
	if q.Essay == "" {
		return all
	}
	for _, e := range all {
		if e.ID == q.Essay {
			return []*anthology.Essay{e}
		}
	}
	return nil
}

// All returns every match of q in p, in reading order.
func All(p *anthology.Project, q Query) ([]Match, error) {
	re, err := q.Compile()
	if err != nil {
		return nil, err
	}
	if q.Essay != "" && len(essays(p, q)) == 0 {
		return nil, fmt.Errorf("no essay %q in the book", q.Essay)
	}
	var out []Match
	for _, e := range essays(p, q) {
		for _, field := range Fields {
			out = append(out, inText(re, q, e, field, FieldText(e, field))...)
		}
	}
	return out, nil
}

// inText finds the matches in one field's text.
func inText(re *regexp.Regexp, q Query, e *anthology.Essay, field, s string) []Match {
	var out []Match
	for _, loc := range re.FindAllStringSubmatchIndex(s, -1) {
		if loc[0] == loc[1] {
			continue // an empty match replaces nothing a reader could see
		}
		if q.WholeWord && (wordAt(s, loc[0], -1) || wordAt(s, loc[1], 1)) {
			continue
		}
		m := place(e, field, s, loc[0], loc[1])
		m.groups = loc
		out = append(out, m)
	}
	return out
}

// wordAt reports whether the character just before (dir -1) or at (dir 1) byte offset i of s
// continues a word across the boundary.
func wordAt(s string, i, dir int) bool {
	var r rune
	if dir < 0 {
		if i == 0 {
			return false
		}
		r, _ = utf8.DecodeLastRuneInString(s[:i])
	} else {
		if i >= len(s) {
			return false
		}
		r, _ = utf8.DecodeRuneInString(s[i:])
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.M, r) || r == '_'
}

// contextRunes is how much of the line a match's context shows on each side.
const contextRunes = 40

func place(e *anthology.Essay, field, s string, start, end int) Match {
	m := Match{Essay: e, Field: field, Start: start, End: end, Text: s[start:end]}
	m.Line = strings.Count(s[:start], "\n") + 1
	lineStart := strings.LastIndexByte(s[:start], '\n') + 1
	m.Col = utf8.RuneCountInString(s[lineStart:start]) + 1
	lineEnd := strings.IndexByte(s[end:], '\n')
	if lineEnd < 0 {
		lineEnd = len(s)
	} else {
		lineEnd += end
	}
	before := []rune(s[lineStart:start])
	if len(before) > contextRunes {
		before = append([]rune("…"), before[len(before)-contextRunes:]...)
	}
	after := []rune(s[end:lineEnd])
	if len(after) > contextRunes {
		after = append(after[:contextRunes], '…')
	}
	m.Before, m.After = string(before), string(after)
	return m
}

// Replacement is the new text of one field after replacing some of its matches.
type Replacement struct {
	Essay *anthology.Essay
	Field string
	Old   string // the field's text now
	New   string
	Count int // matches replaced
}

// Replace works out the fields' new texts when the given matches (from All, for q) are replaced
// by repl: for a regular expression, repl may name groups ($1, ${name}); for literal text it is
// taken as it is. Matches are grouped by field, in reading order.
func Replace(q Query, matches []Match, repl string) ([]Replacement, error) {
	re, err := q.Compile()
	if err != nil {
		return nil, err
	}
	type key struct {
		e     *anthology.Essay
		field string
	}
	var order []key
	byField := map[key][]Match{}
	for _, m := range matches {
		k := key{m.Essay, m.Field}
		if _, ok := byField[k]; !ok {
			order = append(order, k)
		}
		byField[k] = append(byField[k], m)
	}
	var out []Replacement
	for _, k := range order {
		old := FieldText(k.e, k.field)
		var b strings.Builder
		at := 0
		for _, m := range byField[k] {
			if m.Start < at || m.End > len(old) || old[m.Start:m.End] != m.Text {
				return nil, fmt.Errorf("%s of %q changed since it was searched; search again", k.field, k.e.Meta.Title)
			}
			b.WriteString(old[at:m.Start])
			if q.Regexp && m.groups != nil {
				b.Write(re.ExpandString(nil, repl, old, m.groups))
			} else {
				b.WriteString(repl)
			}
			at = m.End
		}
		b.WriteString(old[at:])
		out = append(out, Replacement{Essay: k.e, Field: k.field, Old: old, New: b.String(), Count: len(byField[k])})
	}
	return out, nil
}

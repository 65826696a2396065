package anthology

import (
	"fmt"
	"hash/crc32"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/anthology-editor/anthology/anthology/markdown"
	"github.com/anthology-editor/anthology/anthology/text"
)

// Query is an editorial query or note anchored to a passage of an essay: a question for the
// author ("Which harbour is this?"), an editor's note to a colleague. Queries live in the
// essay's front matter, are listed per essay and per book, are open until resolved, travel to
// authors as Word comments and come back with their answers. They are never printed.
type Query struct {
	// ID names the query within its essay ("q1"); it survives the round trip through Word.
	ID string `yaml:"id"`
	// By is who asked: a name as the editor writes it ("Editor", "Ana Duarte").
	By string `yaml:"by,omitempty"`
	// Date is when it was asked (YYYY-MM-DD).
	Date string `yaml:"date,omitempty"`
	// Passage is the words of the text the query is about, as a reader reads them (without
	// Markdown); empty for a query about the whole essay.
	Passage string `yaml:"passage,omitempty"`
	// Text is the query itself.
	Text string `yaml:"text"`
	// Resolved is set once the query needs nothing more.
	Resolved bool `yaml:"resolved,omitempty"`
	// Replies are the answers and the discussion that followed, oldest first.
	Replies []Reply `yaml:"replies,omitempty"`
}

// Reply is one answer to a query.
type Reply struct {
	By   string `yaml:"by,omitempty"`
	Date string `yaml:"date,omitempty"`
	Text string `yaml:"text"`
}

// CloneQueries copies qs deeply (their replies too).
func CloneQueries(qs []Query) []Query {
	if qs == nil {
		return nil
	}
	out := slices.Clone(qs)
	for i := range out {
		out[i].Replies = slices.Clone(out[i].Replies)
	}
	return out
}

// NewQueryID returns an id no query of qs has: "q1", "q2", …
func NewQueryID(qs []Query) string {
	n := 1
	for _, q := range qs {
		if num, err := strconv.Atoi(strings.TrimPrefix(q.ID, "q")); err == nil && strings.HasPrefix(q.ID, "q") && num >= n {
			n = num + 1
		}
	}
	return "q" + strconv.Itoa(n)
}

// Today is the date a new query or reply is given: SOURCE_DATE_EPOCH's when it is set (so that
// scripted runs are reproducible), else the local date.
func Today() string {
	if s := strings.TrimSpace(os.Getenv("SOURCE_DATE_EPOCH")); s != "" {
		if sec, err := strconv.ParseInt(s, 10, 64); err == nil {
			return time.Unix(sec, 0).UTC().Format(time.DateOnly)
		}
	}
	return time.Now().Format(time.DateOnly)
}

// QueryBookmarkPrefix starts the name of the bookmark at each essay's title in a Word
// manuscript; the essay's id follows, with its hyphens as underscores (Word's bookmark names
// allow none).
const QueryBookmarkPrefix = "anth_"

// QueryBookmark returns the bookmark that marks essay id in a Word manuscript, so that
// comments read back from it find their essay.
func QueryBookmark(id string) string {
	return QueryBookmarkPrefix + strings.ReplaceAll(id, "-", "_")
}

// QueryParaID returns the Word paragraph id (w14:paraId) that stands for query q of essay
// id, or for its reply number reply (reply ≥ 0; -1 for the query itself). Word threads
// replies by these ids and keeps them when it saves, so that an answer read back names the
// query it answers.
func QueryParaID(essay, query string, reply int) string {
	key := essay + "/" + query
	if reply >= 0 {
		key += "/" + strconv.Itoa(reply)
	}
	// Word wants them below 0x80000000 and not zero.
	return fmt.Sprintf("%08X", crc32.ChecksumIEEE([]byte(key))&0x7FFFFFFF|1)
}

// OpenQueries counts the queries of e that are not resolved.
func (e *Essay) OpenQueries() int {
	n := 0
	for _, q := range e.Meta.Queries {
		if !q.Resolved {
			n++
		}
	}
	return n
}

// checkQueries reports what a loader cannot accept in an essay's queries: a query without
// text, two queries with one id.
func checkQueries(qs []Query) (path, msg string) {
	seen := map[string]bool{}
	for i, q := range qs {
		at := fmt.Sprintf("$.queries[%d]", i)
		switch {
		case strings.TrimSpace(q.ID) == "":
			return at, "a query needs an id (q1, q2…)"
		case seen[q.ID]:
			return at + ".id", fmt.Sprintf("two queries are named %q; each needs its own id", q.ID)
		case strings.TrimSpace(q.Text) == "":
			return at + ".text", "a query needs its text"
		}
		seen[q.ID] = true
	}
	return "", ""
}

// HoldsPassage reports whether the essay's text holds passage (its letters and digits, in
// order), as a query's passage must.
func (e *Essay) HoldsPassage(passage string) bool {
	_, _, ok := text.LooseIndex(e.Body, passage)
	return ok
}

// PlainPassage is a passage of Markdown as a reader reads it, for a query: the words with
// their typographic quotes and dashes, without the Markdown around them ("*the* 'harbor'" →
// "the ‘harbor’").
func PlainPassage(src string) string {
	if strings.TrimSpace(src) == "" {
		return ""
	}
	var parts []string
	markdown.Parse([]byte(src)).EachContent(func(c []text.Inline) { parts = append(parts, text.Plain(c)) })
	if len(parts) == 0 {
		return strings.Join(strings.Fields(src), " ")
	}
	return strings.Join(strings.Fields(strings.Join(parts, " ")), " ")
}

package export_test

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/anthology-editor/anthology/anthology"
	"github.com/anthology-editor/anthology/anthology/importer"
	"github.com/anthology-editor/anthology/anthology/markdown"
	"github.com/anthology-editor/anthology/anthology/text"
	"github.com/anthology-editor/anthology/layout/docx"
	"github.com/anthology-editor/anthology/layout/export"
	"github.com/anthology-editor/anthology/layout/internal/qa"
)

// seProject imports the five public-domain test books (real chapters: notes, verse, tables,
// letters) into a new project.
func seProject(t *testing.T) *anthology.Project {
	t.Helper()
	books, err := filepath.Glob("testdata/se/*/content.opf")
	if err != nil || len(books) < 5 {
		t.Fatalf("want the five test books under testdata/se, have %v (%v)", books, err)
	}
	results, err := importer.ReadFiles(books)
	if err != nil {
		t.Fatal(err)
	}
	p, err := anthology.Create(filepath.Join(t.TempDir(), "book"), "Manuscripts")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range results {
		importer.Add(p, r)
	}
	if len(p.Essays()) < 10 {
		t.Fatalf("only %d essays imported", len(p.Essays()))
	}
	return p
}

// passageOf returns words 6 to 14 of an essay's first paragraph, as the text reads: what an
// editor would select to ask about.
func passageOf(e *anthology.Essay) string {
	for _, b := range e.Doc.Blocks {
		if p, ok := b.(*text.Paragraph); ok {
			if w := strings.Fields(text.Plain(p.Content)); len(w) > 16 {
				return strings.Join(w[6:14], " ")
			}
		}
	}
	return ""
}

// noteWords are the words of a document's notes, in order, without numbers standing alone
// (Word has no notes in notes: a reference in a note is printed as its number).
func noteWords(doc *text.Document) []string {
	var out []string
	for _, n := range doc.Notes {
		for _, w := range tokens(plainBlocks(n.Blocks)) {
			if w = strings.TrimRight(w, "0123456789"); w != "" {
				out = append(out, w)
			}
		}
	}
	return out
}

// TestManuscriptKeepsEveryWord writes each real chapter as a Word manuscript and reads it back
// with the importer: title, subtitle, body and notes come back word for word, in order, and
// the queries sent with it come back as comments on their passages, in their essay.
func TestManuscriptKeepsEveryWord(t *testing.T) {
	p := seProject(t)
	out := t.TempDir()
	for _, e := range p.Essays() {
		if pass := passageOf(e); pass != "" {
			e.Meta.Queries = append(e.Meta.Queries, anthology.Query{ID: "q1", By: "Editor", Passage: pass, Text: "Is this " + e.ID + "?"})
		}
		e.Meta.Queries = append(e.Meta.Queries, anthology.Query{ID: "q2", By: "Editor", Text: "A question on the whole of " + e.ID})
		res, err := export.Build(context.Background(), p, export.Options{OutDir: out, Formats: []export.Format{export.DOCX}, Essays: []string{e.ID}})
		if err != nil {
			t.Fatal(err)
		}
		name := res.Files[0]
		if filepath.Base(name) != e.ID+".docx" {
			t.Errorf("one essay's manuscript is %s, want %s.docx", name, e.ID)
		}
		r, err := importer.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		doc := e.DocIn(p.Book.Lang())
		want := tokens(e.Meta.Title + " " + e.Meta.Subtitle + " " + plainBlocks(doc.Blocks))
		back := markdown.Parse([]byte(r.Body))
		got := tokens(r.Title + " " + r.Subtitle + " " + plainBlocks(back.Blocks))
		if msg := firstMismatch(want, got); msg != "" {
			t.Errorf("%s → docx → import: %d words, %d back; %s", e.ID, len(want), len(got), msg)
		}
		if msg := firstMismatch(noteWords(doc), noteWords(back)); msg != "" {
			t.Errorf("%s's notes → docx → import: %s", e.ID, msg)
		}
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		comments, err := importer.Comments(data)
		if err != nil {
			t.Fatal(err)
		}
		if len(comments) != len(e.Meta.Queries) {
			t.Fatalf("%s: %d comments for %d queries", e.ID, len(comments), len(e.Meta.Queries))
		}
		for _, c := range comments {
			if c.Bookmark != anthology.QueryBookmark(e.ID) {
				t.Errorf("%s: comment %q is after bookmark %q", e.ID, c.Text, c.Bookmark)
			}
			for _, q := range e.Meta.Queries {
				if q.Text != c.Text {
					continue
				}
				if q.Passage != "" {
					if _, _, ok := text.LooseIndex(c.Passage, q.Passage); !ok || len(tokens(c.Passage)) != len(tokens(q.Passage)) {
						t.Errorf("%s: the comment %q hangs on %q, want %q", e.ID, c.Text, c.Passage, q.Passage)
					}
				} else if !strings.EqualFold(strings.Join(tokens(c.Passage), " "), strings.Join(tokens(e.Meta.Title), " ")) {
					t.Errorf("%s: the query on the whole essay hangs on %q, want the title", e.ID, c.Passage)
				}
			}
		}
	}
}

// TestManuscriptReadByPandoc has an outside reader (pandoc) read the book's manuscript: every
// essay's words are there in order (note numbers may stand between them), and every query is
// a comment by its asker on its passage.
func TestManuscriptReadByPandoc(t *testing.T) {
	p := seProject(t)
	for _, e := range p.Essays() {
		if pass := passageOf(e); pass != "" {
			e.Meta.Queries = []anthology.Query{{ID: "q1", By: "Ana Duarte", Passage: pass, Text: "Check " + e.ID},
				{ID: "q2", By: "Editor", Passage: pass, Text: "Resolved already", Resolved: true}}
		}
	}
	out := t.TempDir()
	res, err := export.Build(context.Background(), p, export.Options{OutDir: out, Formats: []export.Format{export.DOCX}})
	if err != nil {
		t.Fatal(err)
	}
	name := res.Files[0]
	if !strings.HasSuffix(name, "-manuscript.docx") {
		t.Errorf("the book's manuscript is %s", name)
	}
	plain, err := qa.Tool(t, "pandoc", "-f", "docx", "-t", "plain", "--wrap=none", name)
	if err != nil {
		t.Fatal(err)
	}
	// pandoc marks a note's place "[1]", against the word before it.
	got := tokens(regexp.MustCompile(`\[\d+\]`).ReplaceAllString(plain, " "))
	at := 0
	for _, e := range append([]*anthology.Essay{p.Introduction}, p.Essays()...) {
		want := tokens(e.Meta.Title + " " + e.Meta.Subtitle + " " + plainBlocks(e.DocIn(p.Book.Lang()).Blocks))
		for _, w := range want {
			// Each word within a few of the last: note numbers stand between them.
			found := false
			for k := at; k < min(len(got), at+4); k++ {
				if got[k] == w {
					at, found = k+1, true
					break
				}
			}
			if !found {
				t.Fatalf("%s: pandoc's reading lacks %q near %q", e.ID, w, strings.Join(got[max(0, at-5):min(len(got), at+5)], " "))
			}
		}
	}
	md, err := qa.Tool(t, "pandoc", "-f", "docx", "-t", "markdown", "--wrap=none", "--track-changes=all", name)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range p.Essays() {
		if len(e.Meta.Queries) == 0 {
			continue
		}
		i := strings.Index(md, `[Check `+e.ID+`]{.comment-start`)
		if i < 0 {
			t.Errorf("pandoc reads no comment %q", "Check "+e.ID)
			continue
		}
		if !strings.Contains(md[i:i+300], `author="Ana Duarte"`) {
			t.Errorf("the comment on %s is not by its asker: %.300s", e.ID, md[i:])
		}
		end := strings.Index(md[i:], `{.comment-end`)
		if end < 0 {
			t.Errorf("the comment on %s has no end", e.ID)
			continue
		}
		if len(tokens(md[i:i+end])) < len(tokens(passageOf(e))) {
			t.Errorf("the comment on %s spans %q", e.ID, md[i:i+end])
		}
	}
	if strings.Contains(md, "Resolved already") {
		t.Error("a resolved query was sent to the authors")
	}
	// The same project, the same bytes.
	again, err := export.Build(context.Background(), p, export.Options{OutDir: t.TempDir(), Formats: []export.Format{export.DOCX}})
	if err != nil {
		t.Fatal(err)
	}
	if a, b := readFileOr(t, name), readFileOr(t, again.Files[0]); !bytes.Equal(a, b) {
		t.Error("two manuscripts of one project differ")
	}
}

// TestAnswersRoundTrip sends queries to an author and reads the answers back: threaded Word
// replies (as Word writes them, the ids kept), a resolved mark, and, from a program that does
// not thread (pandoc writes the file here), a comment on the same words as a reply and a
// comment elsewhere as a new query. Reading the same answers twice adds nothing.
func TestAnswersRoundTrip(t *testing.T) {
	p := seProject(t)
	essays := p.Essays()
	a, b := essays[0], essays[1]
	passA, passB := passageOf(a), passageOf(b)
	a.Meta.Queries = []anthology.Query{{ID: "q1", By: "Editor", Passage: passA, Text: "Which edition is this from?"}}
	b.Meta.Queries = []anthology.Query{{ID: "q1", By: "Editor", Passage: passB, Text: "Spelling as in the source?"},
		{ID: "q2", By: "Editor", Text: "Any corrections to the title?"}}

	// As the author's Word returns it: the manuscript with their reply threaded under a's
	// query, and b's q2 marked resolved (Word's "Resolve": done in commentsExtended). The
	// manuscript is written with its resolved queries, as Word would keep the one marked.
	a.Meta.Queries[0].Replies = []anthology.Reply{{By: "The Author", Date: "2026-12-01", Text: "The first, 1841."}}
	b.Meta.Queries[1].Resolved = true
	var buf bytes.Buffer
	if err := docx.Write(&buf, p, []*anthology.Essay{a, b}, docx.Options{Resolved: true}); err != nil {
		t.Fatal(err)
	}
	a.Meta.Queries[0].Replies = nil
	b.Meta.Queries[1].Resolved = false
	answers, err := importer.ReadAnswers(p, buf.Bytes(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(answers.Essays) != 2 || answers.Essays[0].Essay != a || answers.Essays[0].Replies != 1 ||
		answers.Essays[1].Essay != b || answers.Essays[1].Resolved != 1 || answers.Essays[1].Replies != 0 {
		t.Fatalf("answers: %s; want 1 reply for %s and 1 resolved for %s", answers.Summary(), a.ID, b.ID)
	}
	got := answers.Essays[0].Queries[0].Replies
	if len(got) != 1 || got[0].By != "The Author" || got[0].Text != "The first, 1841." || got[0].Date != "2026-12-01" {
		t.Errorf("the reply read back is %+v", got)
	}
	if qs := answers.Essays[1].Queries; !qs[1].Resolved || qs[0].Resolved {
		t.Errorf("b's queries after the answers: %+v", qs)
	}
	// An export sends the open queries only.
	res, err := export.Build(context.Background(), p, export.Options{OutDir: t.TempDir(), Formats: []export.Format{export.DOCX}, Essays: []string{b.ID}})
	if err != nil {
		t.Fatal(err)
	}
	b.Meta.Queries[1].Resolved = true
	if cs, err := importer.Comments(readFileOr(t, res.Files[0])); err != nil || len(cs) != 2 {
		t.Errorf("b's manuscript with its two open queries: %d comments (%v)", len(cs), err)
	}
	res, err = export.Build(context.Background(), p, export.Options{OutDir: t.TempDir(), Formats: []export.Format{export.DOCX}, Essays: []string{b.ID}})
	if err != nil {
		t.Fatal(err)
	}
	if cs, err := importer.Comments(readFileOr(t, res.Files[0])); err != nil || len(cs) != 1 {
		t.Errorf("b's manuscript with one query resolved: %d comments (%v)", len(cs), err)
	}
	// A program without threads: pandoc writes the editor's query, the author's comment on the
	// same words, and a comment of their own elsewhere; no bookmark, so the essay is named.
	md := "[Spelling as in the source?]{.comment-start id=\"0\" author=\"Editor\"}" + passB + "[]{.comment-end id=\"0\"} and so on.\n\n" +
		"[Yes, keep it.]{.comment-start id=\"1\" author=\"The Author\"}" + passB + "[]{.comment-end id=\"1\"}\n\n" +
		"[Please cut this line.]{.comment-start id=\"2\" author=\"The Author\"}A line of mine.[]{.comment-end id=\"2\"}\n"
	answersFile := filepath.Join(t.TempDir(), "answers.docx")
	if _, err := exec.LookPath("pandoc"); err != nil {
		t.Fatal("pandoc is not installed (apt-get install pandoc; .ci/setup.sh installs it)")
	}
	cmd := exec.Command("pandoc", "-f", "markdown", "-o", answersFile)
	cmd.Stdin = strings.NewReader(md)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("pandoc: %v: %s", err, out)
	}
	data := readFileOr(t, answersFile)
	for round := 1; round <= 2; round++ {
		answers, err = importer.ReadAnswers(p, data, b)
		if err != nil {
			t.Fatal(err)
		}
		if round == 2 {
			if len(answers.Essays) != 0 {
				t.Errorf("the same answers read twice: %s", answers.Summary())
			}
			break
		}
		if len(answers.Essays) != 1 || answers.Essays[0].Replies != 1 || answers.Essays[0].New != 1 {
			t.Fatalf("pandoc's answers: %s; want 1 reply and 1 new query", answers.Summary())
		}
		qs := answers.Essays[0].Queries
		if len(qs) != 3 || len(qs[0].Replies) != 1 || qs[0].Replies[0].Text != "Yes, keep it." ||
			qs[2].By != "The Author" || qs[2].Text != "Please cut this line." || qs[2].Passage != "A line of mine." || qs[2].ID != "q3" {
			t.Errorf("b's queries after the answers: %+v", qs)
		}
		b.Meta.Queries = qs
	}
}

// TestAnswersThroughLibreOffice sends a query to an author who works in LibreOffice: the
// manuscript is opened by LibreOffice (converted to its own format: the query must be an
// annotation on its passage), the author answers with a comment of their own on the same words
// (written into LibreOffice's document), LibreOffice saves it as Word, and the answer comes back
// as a reply to the query; reading the file LibreOffice saved before the answer adds nothing.
func TestAnswersThroughLibreOffice(t *testing.T) {
	notUnderRace(t) // LibreOffice starts in seconds; the race detector adds nothing here
	if testing.Short() {
		t.Skip("-short: LibreOffice is not run (make test runs it)")
	}
	if _, err := exec.LookPath("soffice"); err != nil {
		t.Fatal("LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui (.ci/setup.sh qa installs it)")
	}
	p := seProject(t)
	e := p.Essays()[0]
	pass := passageOf(e)
	e.Meta.Queries = []anthology.Query{{ID: "q1", By: "Editor", Passage: pass, Text: "Which edition is this from?"}}
	dir := t.TempDir()
	res, err := export.Build(context.Background(), p, export.Options{OutDir: dir, Formats: []export.Format{export.DOCX}})
	if err != nil {
		t.Fatal(err)
	}
	soffice := func(to, file string) string {
		t.Helper()
		out := filepath.Join(dir, to)
		cmd := exec.Command("soffice", "--headless", "-env:UserInstallation=file://"+filepath.Join(dir, "lo-profile"),
			"--convert-to", to, "--outdir", out, file)
		if msg, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("soffice --convert-to %s: %v\n%s", to, err, msg)
		}
		name := filepath.Join(out, strings.TrimSuffix(filepath.Base(file), filepath.Ext(file))+"."+to)
		if _, err := os.Stat(name); err != nil {
			t.Fatalf("soffice wrote no %s: %v", name, err)
		}
		return name
	}
	odt := soffice("odt", res.Files[0])
	content := zipMember(t, odt, "content.xml")
	ann := regexp.MustCompile(`(?s)(<office:annotation office:name="([^"]+)"[^>]*>.*?</office:annotation>)`).FindStringSubmatch(content)
	if ann == nil || !strings.Contains(ann[1], "Which edition is this from?") {
		t.Fatalf("LibreOffice reads no annotation with the query")
	}
	end := `<office:annotation-end office:name="` + ann[2] + `"/>`
	i, j := strings.Index(content, ann[1]), strings.Index(content, end)
	if i < 0 || j < i {
		t.Fatal("the annotation has no end")
	}
	between := regexp.MustCompile(`<[^>]+>`).ReplaceAllString(content[i+len(ann[1]):j], "")
	if strings.Join(tokens(between), " ") != strings.Join(tokens(pass), " ") {
		t.Errorf("LibreOffice anchors the query on %q, want %q", between, pass)
	}
	// Nothing answered yet: LibreOffice's Word file brings nothing.
	unchanged := soffice("docx", odt)
	if a, err := importer.ReadAnswers(p, readFileOr(t, unchanged), nil); err != nil || len(a.Essays) != 0 {
		t.Fatalf("LibreOffice's copy of the manuscript, unanswered: %v %v", a, err)
	}
	// The author's answer: an annotation of theirs on the same words.
	reply := strings.NewReplacer(ann[2], "reply1", "<dc:creator>Editor</dc:creator>", "<dc:creator>The Author</dc:creator>",
		"Which edition is this from?", "The first, 1841.").Replace(ann[1])
	content = strings.Replace(content, ann[1], ann[1]+reply, 1)
	content = strings.Replace(content, end, end+`<office:annotation-end office:name="reply1"/>`, 1)
	answered := filepath.Join(dir, "answered.odt")
	rewriteZip(t, odt, answered, "content.xml", content)
	a, err := importer.ReadAnswers(p, readFileOr(t, soffice("docx", answered)), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Essays) != 1 || a.Essays[0].Essay != e || a.Essays[0].Replies != 1 {
		t.Fatalf("the answer through LibreOffice: %s", a.Summary())
	}
	if r := a.Essays[0].Queries[0].Replies; len(r) != 1 || r[0].By != "The Author" || r[0].Text != "The first, 1841." {
		t.Errorf("the reply read back: %+v", r)
	}
}

// zipMember is one member of a zip file, as text.
func zipMember(t *testing.T, name, member string) string {
	t.Helper()
	zr, err := zip.OpenReader(name)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	for _, f := range zr.File {
		if f.Name == member {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			defer rc.Close()
			data, err := io.ReadAll(rc)
			if err != nil {
				t.Fatal(err)
			}
			return string(data)
		}
	}
	t.Fatalf("%s has no %s", name, member)
	return ""
}

// rewriteZip copies zip file from to to with member replaced by data (the mimetype first and
// stored, as ODF wants).
func rewriteZip(t *testing.T, from, to, member, data string) {
	t.Helper()
	zr, err := zip.OpenReader(from)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		h := f.FileHeader
		if f.Name == "mimetype" {
			h.Method = zip.Store
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: h.Name, Method: h.Method, Modified: h.Modified})
		if err != nil {
			t.Fatal(err)
		}
		if f.Name == member {
			w.Write([]byte(data))
			continue
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(w, rc)
		rc.Close()
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// Package synth writes synthetic anthologies for benchmarks and for tests that need a big book:
// any number of essays by many contributors in two to ten parts, with headnotes, bios, dialogue,
// italics, scene breaks, footnotes and verse, the prose drawn from a word chain trained on the
// bundled sample's own essays. The same options always give the same project, byte for byte.
package synth

import (
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing/fstest"
	"unicode"
	"unicode/utf8"

	"github.com/anthology-editor/anthology/anthology"
)

// Options say what to generate.
type Options struct {
	Essays int
	// Words is the approximate length of each essay.
	Words int
	Seed  uint64
	// Title of the book; a default when empty.
	Title string
}

// Files generates a project as files (path → content), ready for anthology.LoadFS or to write
// with WriteDir. train is prose to learn the word chain from (the sample's essays do well).
func Files(o Options, train []string) (fstest.MapFS, error) {
	if o.Essays < 1 {
		return nil, fmt.Errorf("synth: at least one essay")
	}
	if o.Words < 50 {
		o.Words = 50
	}
	if o.Title == "" {
		o.Title = fmt.Sprintf("A Synthetic Anthology of %d Essays", o.Essays)
	}
	c := newChain(train)
	if len(c.starts) == 0 {
		return nil, fmt.Errorf("synth: no training text")
	}
	r := rand.New(rand.NewPCG(o.Seed, o.Seed^0x9e3779b97f4a7c15))
	g := &gen{r: r, c: c}

	files := fstest.MapFS{}
	nContrib := max(2, o.Essays*2/3)
	contribs := make([]string, nContrib)
	var y strings.Builder
	fmt.Fprintf(&y, "title: %q\nsubtitle: Generated for benchmarks\neditors: [c0]\nlanguage: en\npublisher: Synthetic Press\n", o.Title)
	fmt.Fprintf(&y, "identifiers:\n  uuid: %s\nrights: Generated text. No rights reserved.\ndate: 2026-01-01\n", g.uuid())
	fmt.Fprintf(&y, "description: %q\ndedication: For the machines that read.\n", g.sentence())
	y.WriteString("contributors:\n")
	used := map[string]bool{}
	for i := range contribs {
		first, last := g.name()
		for n := 0; used[first+" "+last]; n++ {
			// Two writers of one name confuse readers and bibliographies alike: add an initial.
			first += " " + string(rune('A'+n%26)) + "."
		}
		used[first+" "+last] = true
		contribs[i] = fmt.Sprintf("c%d", i)
		fmt.Fprintf(&y, "  - id: c%d\n    name: %q\n    sort_name: %q\n    bio: %q\n", i, first+" "+last, last+", "+first, first+" "+last+" "+g.bio())
	}
	parts := 2 + r.IntN(9)
	if parts > o.Essays {
		parts = max(1, o.Essays)
	}
	y.WriteString("contents:\n")
	per := o.Essays / parts
	essay := 0
	for p := 0; p < parts; p++ {
		n := per
		if p == parts-1 {
			n = o.Essays - essay
		}
		fmt.Fprintf(&y, "  - part: %q\n    essays:\n", g.title(3))
		for k := 0; k < n; k++ {
			id := fmt.Sprintf("essay-%04d", essay)
			fmt.Fprintf(&y, "      - %s\n", id)
			authors := []string{contribs[(essay+1)%nContrib]}
			if r.IntN(12) == 0 {
				authors = append(authors, contribs[(essay+5)%nContrib])
			}
			files["essays/"+id+".md"] = &fstest.MapFile{Data: []byte(g.essay(authors, o.Words)), Mode: 0o644}
			essay++
		}
	}
	y.WriteString("print:\n  trim: 5.5x8.5\n  font: charis\n  font_size: 11\n")
	files[anthology.ProjectFile] = &fstest.MapFile{Data: []byte(y.String()), Mode: 0o644}
	return files, nil
}

// WriteDir writes generated files into dir (created if missing).
func WriteDir(dir string, files fstest.MapFS) error {
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, files[name].Data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// SampleText returns the prose of the bundled sample's essays, the default training text.
func SampleText(sample fs.FS) []string {
	var out []string
	matches, _ := fs.Glob(sample, "essays/*.md")
	for _, m := range matches {
		b, err := fs.ReadFile(sample, m)
		if err != nil {
			continue
		}
		s := string(b)
		if i := strings.Index(s[3:], "\n---"); strings.HasPrefix(s, "---") && i >= 0 {
			s = s[i+7:]
		}
		out = append(out, s)
	}
	return out
}

// chain is an order-2 word chain: the words that followed each pair of words.
type chain struct {
	next   map[[2]string][]string
	starts [][2]string
}

func newChain(texts []string) *chain {
	c := &chain{next: map[[2]string][]string{}}
	for _, t := range texts {
		for _, para := range strings.Split(t, "\n\n") {
			para = strings.TrimSpace(para)
			if para == "" || strings.HasPrefix(para, "|") || strings.HasPrefix(para, "*") || strings.HasPrefix(para, "[^") ||
				strings.HasPrefix(para, "#") || strings.HasPrefix(para, ">") {
				continue
			}
			words := strings.Fields(cleanMarkup(para))
			for i := 0; i+2 < len(words); i++ {
				key := [2]string{words[i], words[i+1]}
				if i == 0 || endsSentence(words[i-1]) {
					if unicode.IsUpper(firstRune(words[i])) {
						c.starts = append(c.starts, key)
					}
				}
				c.next[key] = append(c.next[key], words[i+2])
			}
		}
	}
	return c
}

// cleanMarkup keeps the prose of a Markdown paragraph: no emphasis marks or note references,
// which the generator adds itself where it wants them.
func cleanMarkup(s string) string {
	s = strings.NewReplacer("**", "", "*", "", "_", "").Replace(s)
	for {
		i := strings.Index(s, "[^")
		if i < 0 {
			return s
		}
		j := strings.Index(s[i:], "]")
		if j < 0 {
			return s
		}
		s = s[:i] + s[i+j+1:]
	}
}

func endsSentence(w string) bool {
	w = strings.TrimRight(w, "”’\")")
	return strings.HasSuffix(w, ".") || strings.HasSuffix(w, "?") || strings.HasSuffix(w, "!")
}

func firstRune(s string) rune {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return r
		}
	}
	return 0
}

type gen struct {
	r *rand.Rand
	c *chain
}

// sentence walks the chain from a sentence start to a sentence end.
func (g *gen) sentence() string {
	key := g.c.starts[g.r.IntN(len(g.c.starts))]
	words := []string{key[0], key[1]}
	for len(words) < 60 {
		opts := g.c.next[key]
		if len(opts) == 0 {
			break
		}
		w := opts[g.r.IntN(len(opts))]
		words = append(words, w)
		if endsSentence(w) && len(words) > 5 {
			break
		}
		key = [2]string{key[1], w}
	}
	s := strings.Join(words, " ")
	if !endsSentence(s) {
		s = strings.TrimRight(s, ",;:—") + "."
	}
	return balanceQuotes(s)
}

// balanceQuotes closes a quotation the chain opened and never closed (and drops a stray
// closing mark), so that the generated text reads as text.
func balanceQuotes(s string) string {
	open := strings.Count(s, "“") - strings.Count(s, "”")
	switch {
	case open > 0:
		s += strings.Repeat("”", open)
	case open < 0:
		s = strings.Replace(s, "”", "", -open)
	}
	return s
}

func (g *gen) paragraph(sentences int) string {
	var b []string
	for i := 0; i < sentences; i++ {
		b = append(b, g.sentence())
	}
	return strings.Join(b, " ")
}

var firstNames = []string{"Ada", "Bea", "Cato", "Dana", "Efe", "Farah", "Gil", "Hana", "Ivo", "June", "Kemi", "Lior",
	"Mara", "Nils", "Oona", "Pavel", "Quinn", "Rosa", "Sami", "Tove", "Umar", "Vera", "Wen", "Ximena", "Yara", "Zoltán"}
var lastNames = []string{"Abbott", "Bjørnsen", "Castellanos", "Dube", "Eriksson", "Fujita", "García", "Haddad", "Ibáñez",
	"Jovanović", "Kowalczyk", "Lindqvist", "Mbeki", "Nakamura", "O’Connell", "Petrov", "Quaye", "Rahman", "Sørensen",
	"Tanaka", "Ueda", "Valdés", "Whitfield", "Xu", "Yilmaz", "Zielińska"}

func (g *gen) name() (string, string) {
	return firstNames[g.r.IntN(len(firstNames))], lastNames[g.r.IntN(len(lastNames))]
}

var bioEndings = []string{"writes about work and the night.", "is a nurse and an essayist.", "edits a small magazine.",
	"teaches in a night school.", "drives a taxi and keeps a diary.", "is writing a book about bakers."}

func (g *gen) bio() string { return bioEndings[g.r.IntN(len(bioEndings))] }

// title makes a short title from the chain's words: two words at least.
func (g *gen) title(maxWords int) string {
	s := strings.Fields(g.sentence())
	n := 2 + g.r.IntN(max(1, maxWords-1))
	if n > len(s) {
		n = len(s)
	}
	var out []string
	for _, w := range s[:n] {
		w = strings.Trim(w, ".,;:!?“”‘’\"—()")
		if w == "" {
			continue
		}
		r, size := utf8.DecodeRuneInString(w)
		out = append(out, string(unicode.ToUpper(r))+w[size:])
	}
	if len(out) == 0 {
		return "Untitled"
	}
	return strings.Join(out, " ")
}

func (g *gen) uuid() string {
	var b [16]byte
	for i := range b {
		b[i] = byte(g.r.IntN(256))
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

var statuses = []anthology.Status{anthology.StatusFinal, anthology.StatusEdited, anthology.StatusPermissionCleared}

// essay writes one essay file of about words words.
func (g *gen) essay(authors []string, words int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "---\ntitle: %q\n", g.title(5))
	if g.r.IntN(3) == 0 {
		fmt.Fprintf(&b, "subtitle: %q\n", g.title(6))
	}
	fmt.Fprintf(&b, "authors: [%s]\ndate: %d-%02d\n", strings.Join(authors, ", "), 1990+g.r.IntN(35), 1+g.r.IntN(12))
	if g.r.IntN(4) != 0 {
		fmt.Fprintf(&b, "source: %q\n", "The "+g.title(2)+" Review, "+fmt.Sprint(1990+g.r.IntN(35)))
	}
	fmt.Fprintf(&b, "headnote: %q\nstatus: %s\n---\n\n", g.paragraph(2), statuses[g.r.IntN(len(statuses))])
	n := 0
	notes := 0
	for n < words {
		var para string
		switch k := g.r.IntN(20); {
		case k == 0 && n > 0:
			para = "* * *"
		case k == 1:
			// Dialogue.
			para = "“" + strings.TrimSuffix(g.sentence(), ".") + ",” she said. “" + g.sentence() + "”"
		case k == 2 && notes < 3:
			notes++
			para = g.paragraph(1+g.r.IntN(3)) + fmt.Sprintf("[^%d]", notes)
		case k == 3 && g.r.IntN(3) == 0:
			para = "| " + g.title(6) + "\n| " + g.title(7) + "\n| " + g.title(5)
		default:
			para = g.paragraph(1 + g.r.IntN(7))
			if g.r.IntN(4) == 0 {
				// Italicise a word, as essays do with titles and emphasis.
				ws := strings.Fields(para)
				i := g.r.IntN(len(ws))
				if w := strings.Trim(ws[i], ".,;:!?“”‘’\"—()"); w != "" && w == ws[i] {
					ws[i] = "*" + w + "*"
					para = strings.Join(ws, " ")
				}
			}
		}
		b.WriteString(para)
		b.WriteString("\n\n")
		n += len(strings.Fields(para))
	}
	for i := 1; i <= notes; i++ {
		fmt.Fprintf(&b, "[^%d]: %s\n\n", i, g.paragraph(1))
	}
	return b.String()
}

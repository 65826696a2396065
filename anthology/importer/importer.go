// Package importer turns essays as editors receive them — text copied from a web page, a saved
// HTML page, a Word file, Markdown — into clean essays: the body as Markdown, and the title,
// subtitle, author, bio, date and first-publication source found in it. The web page's
// furniture (comment sections and their forms, follower counts, subscription boxes, sidebars,
// share buttons, a site's name at the top) is cut, and every cut is reported with its reason,
// so that nothing is lost silently. What is not found is left empty and said so: a title is
// never invented.
//
// Each format has a reader that produces paragraph-level blocks; one clean-up serves them all.
package importer

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/anthology-editor/anthology/anthology"
	"github.com/anthology-editor/anthology/anthology/bounded"
	"github.com/anthology-editor/anthology/anthology/markdown"
)

// Result is what an import found in one file. It is also the JSON that
// "anthology import --json" prints.
type Result struct {
	File   string `json:"file"`
	Format string `json:"format"`
	// Kind is what the file is in a book: an essay, a part's title page, the notes of other
	// files, or a page of the edition (a colophon) that is not the author's text.
	Kind Kind `json:"kind"`
	// Part is the title of the part the essay belongs to, when the source says.
	Part string `json:"part,omitempty"`
	// Matter is what a piece of front matter is ("preface", "dedication"), for KindFront.
	Matter   string   `json:"matter,omitempty"`
	Title    string   `json:"title"`
	Subtitle string   `json:"subtitle"`
	Authors  []Author `json:"authors"`
	// Date is YYYY-MM-DD when one was found.
	Date   string `json:"date"`
	Source string `json:"source"`
	// Body is the essay as Markdown.
	Body string `json:"body"`
	// Removed lists every line or block cut from the text, with the reason and its words.
	Removed []Removed `json:"removed"`
	// WordsIn counts the words of the file (with the notes it references); WordsOut those of
	// the essay (body and notes). WordsIn = WordsOut + the words of Removed, always.
	WordsIn  int `json:"words_in"`
	WordsOut int `json:"words_out"`
	// Rights is "public domain" when the source says so.
	Rights string `json:"rights,omitempty"`
	// Language is the text's language (BCP 47), when the source says.
	Language string `json:"language,omitempty"`
	// Notes say what was not found, and how uncertain findings were made.
	Notes []string `json:"notes"`
	// Images are the figures' images, to copy into the project with CopyImages.
	Images []Image `json:"images,omitempty"`

	// What the body was made of, for Restore: the kept blocks' Markdown by their place in the
	// source, the note definitions, every image found.
	parts     []bodyPart
	noteDefs  []string
	allImages []Image
}

// bodyPart is one block of the body, with its place in the source.
type bodyPart struct {
	pos int
	md  string
}

// Author is an author found in the text, with the bio found beside the essay.
type Author struct {
	Name string `json:"name"`
	Bio  string `json:"bio"`
	// SortName is the name as a catalogue files it ("Hazlitt, William"), when the source says.
	SortName string `json:"sort_name,omitempty"`
	// Role is "author" (the default), "translator" or "editor".
	Role string `json:"role,omitempty"`
}

// Kind is what an imported file is in a book.
type Kind string

// The kinds of imported file.
const (
	KindEssay Kind = "essay"
	// KindPart is a part's (or volume's) title page: it starts a part of the contents.
	KindPart Kind = "part"
	// KindNotes holds notes referenced from other files: they become those essays' notes.
	KindNotes Kind = "notes"
	// KindEdition is a page of the source edition (colophon, imprint, licence, title page):
	// not the author's text, not imported.
	KindEdition Kind = "edition-page"
	// KindFront is the front matter of the source book (a preface, a foreword, an
	// introduction, a dedication): Matter says which. It becomes the book's introduction (or
	// dedication) when the project has none, else an essay.
	KindFront Kind = "front-matter"
)

// Removed is a piece of the original cut from the essay, and why.
type Removed struct {
	Text   string `json:"text"`
	Reason string `json:"reason"`
	Words  int    `json:"words"`
	pos    int    // the block's place in the original, to list removals in reading order
	md     string // the block's Markdown, for Restore
}

// MaxBytes is the largest file an import reads: far beyond any essay, small enough that a
// mistaken video or archive fails at once.
const MaxBytes = 64 << 20

// ErrUnknownFormat is returned for files that are none of the formats the importer reads.
var ErrUnknownFormat = errors.New("unknown format")

// Formats lists the file extensions the importer reads.
var Formats = []string{".txt", ".md", ".markdown", ".html", ".htm", ".xhtml", ".docx", ".opf", ".epub"}

// ReadFile imports the file at path. A web page or chapter is read with what stands beside it
// (its images, a book's package document); a whole book (.opf, .epub) gives its first piece:
// use ReadFiles for all of them.
func ReadFile(path string) (*Result, error) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".html", ".htm", ".xhtml", ".opf", ".epub":
		rs, err := ReadFiles([]string{path})
		if err != nil {
			return nil, err
		}
		for _, r := range rs {
			if r.Kind == KindEssay {
				return r, nil
			}
		}
		return rs[0], nil
	}
	data, err := readLimited(path)
	if err != nil {
		return nil, err
	}
	return Read(path, data)
}

func unwrap(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Read imports data, whose format its name's extension says. Errors name the file.
func Read(name string, data []byte) (*Result, error) {
	r, err := read(name, data)
	if err != nil {
		return nil, err
	}
	if err := checkResult(r); err != nil {
		return nil, err
	}
	return r, nil
}

// checkResult refuses an import the project loader would refuse once it is saved: an essay
// over the loader's size limit (a 255 KB Word file once became a 250 MB essay, and the project
// would no longer open) or nested beyond what the Markdown reader accepts.
func checkResult(r *Result) error {
	if int64(len(r.Body)) > anthology.MaxEssayBytes {
		return essayTooBig(r.File, len(r.Body))
	}
	if err := markdown.CheckNesting([]byte(r.Body)); err != nil {
		var ne *markdown.NestingError
		if errors.As(err, &ne) {
			return fmt.Errorf("%s: line %d of the essay: %w", r.File, ne.Line, err)
		}
		return fmt.Errorf("%s: %w", r.File, err)
	}
	return nil
}

// essayTooBig says that an import would make an essay over the loader's limit.
func essayTooBig(name string, size int) error {
	return fmt.Errorf("%s: makes an essay of %s; an essay may be at most %s (split the file, or check that it is what you meant to import)",
		name, bounded.Size(int64(size)), bounded.Size(anthology.MaxEssayBytes))
}

// read reads one file's text into a Result, by its format.
func read(name string, data []byte) (*Result, error) {
	ext := strings.ToLower(filepath.Ext(name))
	if len(data) > MaxBytes {
		return nil, fmt.Errorf("%s: is %d MB; the importer reads files up to %d MB", name, len(data)>>20, MaxBytes>>20)
	}
	switch ext {
	case ".docx":
		blocks, h, err := docxBlocks(data)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		return clean(name, "docx", blocks, h), nil
	case ".txt", ".text", "", ".md", ".markdown", ".html", ".htm", ".xhtml":
	default:
		return nil, fmt.Errorf("%s: %w %q; the importer reads %s", name, ErrUnknownFormat, ext, strings.Join(Formats, ", "))
	}
	text, err := decodeText(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if ext != ".html" && ext != ".htm" && ext != ".xhtml" && int64(len(text)) > anthology.MaxEssayBytes*5/4 {
		// Plain text and Markdown come out about as long as they go in: refuse before the
		// clean-up spends seconds on what checkResult would refuse anyway.
		return nil, essayTooBig(name, len(text))
	}
	switch ext {
	case ".md", ".markdown":
		blocks, h := markdownBlocks(text)
		return clean(name, "markdown", blocks, h), nil
	case ".html", ".htm", ".xhtml":
		blocks, h, err := htmlBlocks(text)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		return clean(name, "html", blocks, h), nil
	}
	return clean(name, "text", textBlocks(text), hints{}), nil
}

// decodeText checks that data is text and returns it as UTF-8: UTF-8 (with or without a byte
// order mark), UTF-16 with a byte order mark, or Windows-1252 (what old Word and web pages
// save), in that order. Binary data is refused.
func decodeText(data []byte) (string, error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		data = data[3:]
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return decodeUTF16(data)
	}
	if bytes.IndexByte(data, 0) >= 0 {
		return "", errors.New("is a binary file, not text")
	}
	if utf8.Valid(data) {
		return string(data), nil
	}
	// Windows-1252: every byte maps to a character; control bytes mean it is not text.
	var b strings.Builder
	for _, c := range data {
		r := cp1252[c]
		if r == 0 {
			return "", errors.New("is neither UTF-8 nor Windows-1252 text")
		}
		b.WriteRune(r)
	}
	return b.String(), nil
}

func decodeUTF16(data []byte) (string, error) {
	big := data[0] == 0xFE
	data = data[2:]
	if len(data)%2 == 1 {
		return "", errors.New("is not UTF-16 text (odd length)")
	}
	u := make([]uint16, len(data)/2)
	for i := range u {
		if big {
			u[i] = uint16(data[2*i])<<8 | uint16(data[2*i+1])
		} else {
			u[i] = uint16(data[2*i+1])<<8 | uint16(data[2*i])
		}
	}
	// utf16.Decode pairs surrogates and turns a lone one into U+FFFD without taking the
	// character after it (a hand-written decoder once ate that character).
	return string(utf16.Decode(u)), nil
}

// cp1252 maps Windows-1252 bytes to runes; 0 marks bytes that are not text.
var cp1252 = func() [256]rune {
	var t [256]rune
	for i := 0x20; i < 0x80; i++ {
		t[i] = rune(i)
	}
	t['\t'], t['\n'], t['\r'] = '\t', '\n', '\r'
	high := []rune("€\x00‚ƒ„…†‡ˆ‰Š‹Œ\x00Ž\x00\x00‘’“”•–—˜™š›œ\x00žŸ")
	for i, r := range high {
		t[0x80+i] = r
	}
	for i := 0xA0; i < 0x100; i++ {
		t[i] = rune(i)
	}
	return t
}()

// Restore takes cut i (an index into Removed) back into the body, where it stood in the
// source: the editor judged it part of the essay. It works on a result this process read (a
// result decoded from JSON has no blocks to restore into: edit its body instead).
func (r *Result) Restore(i int) error {
	if i < 0 || i >= len(r.Removed) {
		return fmt.Errorf("%s: there is no cut %d (it has %d)", r.File, i+1, len(r.Removed))
	}
	if r.parts == nil && r.Body != "" {
		return fmt.Errorf("%s: this result was not read here; edit its body instead", r.File)
	}
	rm := r.Removed[i]
	md := rm.md
	if md == "" {
		md = escapeMarkdown(smartQuotes(rm.Text))
	}
	at := len(r.parts)
	for k, p := range r.parts {
		if p.pos > rm.pos {
			at = k
			break
		}
	}
	r.parts = append(r.parts[:at], append([]bodyPart{{pos: rm.pos, md: md}}, r.parts[at:]...)...)
	r.Removed = append(r.Removed[:i:i], r.Removed[i+1:]...)
	r.WordsOut += rm.Words
	r.Notes = append(r.Notes, "restored by the editor: "+clip(rm.Text, 60))
	r.rebuild()
	return nil
}

// rebuild writes the body from its parts and notes, and keeps the images it shows.
func (r *Result) rebuild() {
	md := make([]string, 0, len(r.parts)+len(r.noteDefs))
	for _, p := range r.parts {
		md = append(md, p.md)
	}
	md = append(md, r.noteDefs...)
	r.Body = strings.Join(md, "\n\n")
	if r.Body != "" {
		r.Body += "\n"
	}
	r.Images = keepUsedImages(r.Body, r.allImages)
}

func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

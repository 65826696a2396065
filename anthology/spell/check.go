package spell

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"unicode"

	"github.com/anthology-editor/anthology/anthology"
	"github.com/anthology-editor/anthology/anthology/atomicfile"
	"github.com/anthology-editor/anthology/anthology/bounded"
	"github.com/anthology-editor/anthology/anthology/text"
)

// Misspelling is a word of an essay its language's dictionary does not know.
type Misspelling struct {
	Word        string   `json:"word"`
	Count       int      `json:"count"`
	Suggestions []string `json:"suggestions"`
}

// Words splits text into the words a speller checks: letters (and marks) with apostrophes
// inside them ("don’t"); a hyphenated compound as its parts; anything with a digit skipped
// (1920s, 2nd).
func Words(s string) []string {
	var out []string
	var cur []rune
	digit := false
	flush := func() {
		w := strings.Trim(string(cur), "'’")
		if w != "" && !digit {
			out = append(out, w)
		}
		cur, digit = cur[:0], false
	}
	for _, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.Is(unicode.M, r):
			cur = append(cur, r)
		case unicode.IsDigit(r):
			cur, digit = append(cur, r), true
		case (r == '\'' || r == '’') && len(cur) > 0:
			cur = append(cur, r)
		default:
			flush()
		}
	}
	flush()
	return out
}

// Essay returns the misspellings of an essay (its title, subtitle, headnote and body, notes
// included; passages marked as another language are left out), each word once, in the order
// it first appears, with up to suggest suggestions (none when suggest is 0).
func Essay(d *Dictionary, e *anthology.Essay, suggest int) []Misspelling {
	var words []string
	lang := e.Meta.Language
	var walk func(content []text.Inline)
	walk = func(content []text.Inline) {
		for _, in := range content {
			switch x := in.(type) {
			case *text.Text:
				words = append(words, Words(x.Text)...)
			case *text.Span:
				if x.Lang == "" || lang != "" && strings.EqualFold(primary(x.Lang), primary(lang)) {
					walk(x.Content)
				}
			default:
				walk(text.Children(in))
			}
		}
	}
	for _, s := range []string{e.Meta.Title, e.Meta.Subtitle, e.Meta.Headnote} {
		words = append(words, Words(s)...)
	}
	if e.Doc != nil {
		e.Doc.EachContent(walk)
	}
	var out []Misspelling
	index := map[string]int{}
	checked := map[string]bool{}
	for _, w := range words {
		ok, seen := checked[w]
		if !seen {
			ok = d.Correct(w)
			checked[w] = ok
		}
		if ok {
			continue
		}
		if i, seen := index[w]; seen {
			out[i].Count++
			continue
		}
		index[w] = len(out)
		out = append(out, Misspelling{Word: w, Count: 1})
	}
	if suggest <= 0 {
		return out // the caller asks for suggestions of the word it shows (Dictionary.Suggest)
	}
	// Suggestions cost the most: made in parallel, each in its own slot.
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i := range out {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			out[i].Suggestions = d.Suggest(out[i].Word, suggest)
			if out[i].Suggestions == nil {
				out[i].Suggestions = []string{}
			}
		}()
	}
	wg.Wait()
	return out
}

func primary(lang string) string {
	tag, _, _ := strings.Cut(strings.ToLower(lang), "-")
	return tag
}

// WordListFile is a project's own word list: names, coinages and spellings its dictionary
// lacks, one per line, kept beside anthology.yaml.
const WordListFile = "dictionary.txt"

// MaxDictionaryBytes bounds a dictionary file (the largest Hunspell lists are about 30 MB).
const MaxDictionaryBytes = 64 << 20

// ErrNoDictionary is returned when no dictionary for a language is installed.
var ErrNoDictionary = errors.New("no dictionary")

// Dirs are the folders dictionaries are looked for in, in order: $ANTHOLOGY_DICTIONARIES
// (a list), the user's config folder (…/anthology/dictionaries), and where Linux and macOS
// install Hunspell dictionaries.
func Dirs() []string {
	var dirs []string
	if env := os.Getenv("ANTHOLOGY_DICTIONARIES"); env != "" {
		dirs = append(dirs, filepath.SplitList(env)...)
	}
	if cfg, err := os.UserConfigDir(); err == nil {
		dirs = append(dirs, filepath.Join(cfg, "anthology", "dictionaries"))
	}
	if home, err := os.UserHomeDir(); err == nil {
		dirs = append(dirs, filepath.Join(home, ".local", "share", "hunspell"), filepath.Join(home, "Library", "Spelling"))
	}
	return append(dirs, "/usr/share/hunspell", "/usr/share/myspell", "/usr/share/myspell/dicts", "/Library/Spelling")
}

// candidates are the file names a language's dictionary may have: "en-GB" → en_GB; "en" →
// en_US, then any en_*; "fr" → fr_FR, fr.
func candidates(lang string) []string {
	tag := strings.ReplaceAll(strings.TrimSpace(lang), "-", "_")
	p, region, hasRegion := strings.Cut(tag, "_")
	p = strings.ToLower(p)
	var out []string
	if hasRegion {
		out = append(out, p+"_"+strings.ToUpper(region))
	}
	defaults := map[string]string{"en": "en_US", "de": "de_DE", "fr": "fr_FR", "es": "es_ES", "it": "it_IT", "pt": "pt_PT",
		"nl": "nl_NL", "sv": "sv_SE", "da": "da_DK", "nb": "nb_NO", "pl": "pl_PL", "ru": "ru_RU", "uk": "uk_UA", "el": "el_GR", "cs": "cs_CZ"}
	if d, ok := defaults[p]; ok {
		out = append(out, d)
	}
	return append(out, p, p+"_"+strings.ToUpper(p))
}

var (
	cacheMu sync.Mutex
	cache   = map[string]*Dictionary{}
)

// For returns the installed dictionary of a language (a BCP 47 tag), read once per process.
// The error says where it was looked for and which package installs it.
func For(lang string) (*Dictionary, string, error) {
	if lang == "" {
		lang = "en"
	}
	for _, dir := range Dirs() {
		for _, name := range candidates(lang) {
			aff, dic := filepath.Join(dir, name+".aff"), filepath.Join(dir, name+".dic")
			if _, err := os.Stat(dic); err != nil {
				continue
			}
			cacheMu.Lock()
			d, ok := cache[dic]
			cacheMu.Unlock()
			if ok {
				return d, dic, nil
			}
			d, err := loadFiles(aff, dic)
			if err != nil {
				return nil, dic, fmt.Errorf("%s: %w", dic, err)
			}
			cacheMu.Lock()
			cache[dic] = d
			cacheMu.Unlock()
			return d, dic, nil
		}
	}
	return nil, "", fmt.Errorf("%w for %q: install one (Debian: apt-get install hunspell-%s) or put its .aff and .dic files in %s",
		ErrNoDictionary, lang, primary(lang), Dirs()[0])
}

func loadFiles(aff, dic string) (*Dictionary, error) {
	a, err := bounded.ReadFile(aff, MaxDictionaryBytes)
	if err != nil {
		return nil, err
	}
	w, err := bounded.ReadFile(dic, MaxDictionaryBytes)
	if err != nil {
		return nil, err
	}
	return Load(strings.NewReader(string(a)), strings.NewReader(string(w)))
}

// WithProjectWords returns d with the words of a project's word list added (a copy: the
// cached dictionary is shared).
func WithProjectWords(d *Dictionary, words []string) *Dictionary {
	c := *d
	c.words = make(map[string][][]flag, len(d.words)+len(words))
	for k, v := range d.words {
		c.words[k] = v
	}
	c.AddWords(words)
	return &c
}

// ProjectWords reads a project's word list (none when it has no file).
func ProjectWords(dir string) ([]string, error) {
	data, err := bounded.ReadFile(filepath.Join(dir, WordListFile), MaxDictionaryBytes)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []string
	for _, l := range strings.Split(string(data), "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	return out, nil
}

// AddProjectWord adds a word to a project's word list, written atomically; a word already
// there is not added twice.
func AddProjectWord(dir, word string) error {
	word = strings.TrimSpace(word)
	if word == "" || strings.ContainsAny(word, "\n\r") {
		return fmt.Errorf("%q is not a word for the word list", word)
	}
	words, err := ProjectWords(dir)
	if err != nil {
		return err
	}
	for _, w := range words {
		if w == word {
			return nil
		}
	}
	words = append(words, word)
	root, err := os.OpenRoot(dir)
	if err != nil {
		return err
	}
	defer root.Close()
	return atomicfile.WriteFile(root, WordListFile, []byte(strings.Join(words, "\n")+"\n"), 0o644)
}

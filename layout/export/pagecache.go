package export

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"

	"github.com/anthology-editor/anthology/anthology"
	"github.com/anthology-editor/anthology/anthology/atomicfile"
	"github.com/anthology-editor/anthology/anthology/bounded"
	"github.com/anthology-editor/anthology/layout"
	"github.com/anthology-editor/anthology/layout/epub"
	"github.com/anthology-editor/anthology/layout/typeset"
)

// The EPUB's page list says where the print edition's pages begin, so that a reader can follow
// a class reading the paperback. It comes from the set pages; an EPUB built alone once had
// none, and so differed from one built with the PDF. Now an EPUB built alone takes the page
// list from a cache, keyed by a hash of everything that decides the pages (the project's
// files, the print settings, the build date and the program itself), or sets the book once
// to make it. Either way the EPUB is the same bytes.

// pageList is what the EPUB and the cover need of the set book.
type pageList struct {
	Breaks map[string][]epub.PageBreak `json:"breaks"`
	Pages  int                         `json:"pages"` // printed pages with a folio, for the EPUB
	Total  int                         `json:"total"` // every page, for the cover's spine
}

func pageListOf(b *typeset.Book) *pageList {
	breaks, pages := PageBreaks(b)
	return &pageList{Breaks: breaks, Pages: pages, Total: len(b.Pages)}
}

// pageListKey is the cache key of p's set pages.
func pageListKey(p *anthology.Project, ed *layout.Edition) (string, error) {
	h := sha256.New()
	exe, err := executableHash()
	if err != nil {
		return "", err
	}
	fmt.Fprintf(h, "exe %s\nopts %+v\nmodified %d\n", exe, typeset.OptionsFor(ed), ed.Modified.Unix())
	pf, err := p.MarshalProjectFile()
	if err != nil {
		return "", err
	}
	h.Write(pf)
	essays := p.Essays()
	if p.Introduction != nil {
		essays = append(essays, p.Introduction)
	}
	for _, e := range essays {
		// The essay's metadata as JSON (ordered, and far quicker than its YAML) and its body.
		meta, err := json.Marshal(e.Meta)
		if err != nil {
			return "", err
		}
		fmt.Fprintf(h, "\n--- %s %d %d\n", e.ID, len(meta), len(e.Body))
		h.Write(meta)
		io.WriteString(h, e.Body)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

var exeOnce struct {
	sync.Once
	hash string
	err  error
}

// executableHash is a hash of the running program: a new build may set pages differently.
func executableHash() (string, error) {
	exeOnce.Do(func() {
		path, err := os.Executable()
		if err != nil {
			exeOnce.err = err
			return
		}
		f, err := os.Open(path)
		if err != nil {
			exeOnce.err = err
			return
		}
		defer f.Close()
		h := sha256.New()
		if _, err := io.Copy(h, f); err != nil {
			exeOnce.err = err
			return
		}
		exeOnce.hash = hex.EncodeToString(h.Sum(nil))
	})
	return exeOnce.hash, exeOnce.err
}

// cacheDir is where set-page lists are kept: opts.CacheDir, or the user's cache folder.
func cacheDir(opts Options) string {
	if opts.CacheDir != "" {
		return opts.CacheDir
	}
	dir, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "anthology", "pages")
}

// loadPageList reads a cached page list; ok is false when there is none (or it is unreadable:
// the book is then set again).
func loadPageList(dir, key string) (*pageList, bool) {
	if dir == "" {
		return nil, false
	}
	data, err := bounded.ReadFile(filepath.Join(dir, key+".json"), 64<<20)
	if err != nil {
		return nil, false
	}
	var pl pageList
	if json.Unmarshal(data, &pl) != nil || pl.Total == 0 {
		return nil, false
	}
	return &pl, true
}

// savePageList keeps a page list for the next build; a cache that cannot be written is no
// reason to fail one.
func savePageList(dir, key string, pl *pageList) {
	if dir == "" || os.MkdirAll(dir, 0o755) != nil {
		return
	}
	data, err := json.Marshal(pl)
	if err != nil {
		return
	}
	_ = atomicfile.WritePath(filepath.Join(dir, key+".json"), 0o644, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

package typeset

import (
	"bufio"
	"bytes"
	"hash/maphash"
	"strings"
	"sync"
	"unicode"

	"github.com/anthology-editor/anthology/assets"
)

// Hyphenator finds where words may break, with Liang's algorithm and TeX's patterns for the
// book's language, plus the patterns' exception list. Results are cached: prose repeats itself.
type Hyphenator struct {
	lang       *liang
	exceptions map[string][]int
	leftMin    int
	rightMin   int

	cache pointCache
}

// pointCache maps words to their points, shared by the goroutines that set essays: read far
// more than written, in shards each behind its own lock (a sync.Map's lookups, through an
// interface key, cost 12 % of setting a book).
type pointCache struct {
	seed   maphash.Seed // made with the hyphenator
	shards [64]pointShard
}

// pointShard is one shard of a pointCache.
type pointShard struct {
	sync.RWMutex
	m map[string][]int
}

func (c *pointCache) shard(word string) *pointShard {
	return &c.shards[maphash.String(c.seed, word)%uint64(len(c.shards))]
}

func (c *pointCache) load(word string) ([]int, bool) {
	sh := c.shard(word)
	sh.RLock()
	p, ok := sh.m[word]
	sh.RUnlock()
	return p, ok
}

func (c *pointCache) store(word string, p []int) {
	sh := c.shard(word)
	sh.Lock()
	if sh.m == nil {
		sh.m = map[string][]int{}
	}
	sh.m[word] = p
	sh.Unlock()
}

var (
	hyphMu    sync.Mutex
	hyphCache = map[string]*Hyphenator{}
)

// HyphenatorFor returns the hyphenator for a language tag, or nil when no patterns are bundled
// for it (the text is then set without hyphenation).
func HyphenatorFor(lang string) (*Hyphenator, error) {
	key := strings.ToLower(lang)
	hyphMu.Lock()
	defer hyphMu.Unlock()
	if h, ok := hyphCache[key]; ok {
		return h, nil
	}
	pat, exc, ok := assets.HyphenationPatterns(key)
	// The patterns' authors say how many letters must stand before a break and after it
	// (English: two and three; French: two and two).
	left, right := assets.HyphenationMinimums(key)
	if !ok {
		// Not bundled: the system's LibreOffice patterns, if installed (see syshyph.go).
		var l, r int
		if pat, l, r, ok = systemPatterns(key); !ok {
			hyphCache[key] = nil
			return nil, nil
		}
		if l > 0 {
			left = l
		}
		if r > 0 {
			right = r
		}
	}
	l, err := readLiang(bytes.NewReader(pat))
	if err != nil {
		return nil, err
	}
	h := &Hyphenator{lang: l, leftMin: left, rightMin: right, exceptions: map[string][]int{}}
	h.cache.seed = maphash.MakeSeed()
	sc := bufio.NewScanner(bytes.NewReader(exc))
	for sc.Scan() {
		w := strings.TrimSpace(sc.Text())
		if w == "" || strings.HasPrefix(w, "%") {
			continue
		}
		var points []int
		n := 0
		for _, r := range w {
			if r == '-' {
				points = append(points, n)
				continue
			}
			n++
		}
		h.exceptions[strings.ReplaceAll(w, "-", "")] = points
	}
	hyphCache[key] = h
	return h, nil
}

// Points returns the rune offsets inside word after which a hyphen may be inserted. Only words
// made of letters are hyphenated; acronyms (all capitals) and short words are not.
func (h *Hyphenator) Points(word string) []int {
	if h == nil {
		return nil
	}
	n := 0
	upper := 0
	for _, r := range word {
		if !unicode.IsLetter(r) {
			return nil
		}
		if unicode.IsUpper(r) {
			upper++
		}
		n++
	}
	if n < h.leftMin+h.rightMin || upper == n {
		return nil
	}
	if p, ok := h.cache.load(word); ok {
		return p
	}
	var p []int
	lower := strings.ToLower(word)
	if e, ok := h.exceptions[lower]; ok {
		p = e
	} else {
		p = h.lang.points(lower)
	}
	// The patterns' minimums apply to exceptions too.
	out := p[:0:0]
	for _, i := range p {
		if i >= h.leftMin && i <= n-h.rightMin {
			out = append(out, i)
		}
	}
	h.cache.store(word, out)
	return out
}

// Hyphenate shows the break points of word with hyphens ("hy-phen-ation"), for tests and for
// the editor's check of a difficult word.
func (h *Hyphenator) Hyphenate(word string) string {
	points := h.Points(word)
	var b strings.Builder
	i := 0
	for _, r := range word {
		if len(points) > 0 && points[0] == i {
			b.WriteByte('-')
			points = points[1:]
		}
		b.WriteRune(r)
		i++
	}
	return b.String()
}

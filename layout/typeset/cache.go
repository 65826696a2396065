package typeset

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"sync"

	"github.com/anthology-editor/anthology/layout"
)

// PageCache keeps the set pages of a book's essays between settings of the same book, so that
// setting it again after an edit sets only what changed: the app's preview, where a keystroke
// in one essay of a thousand must not set the other 999 again. An essay's pages depend only on
// what it holds (its text, title, byline, language), the page geometry and the options, and on
// whether it starts on a right- or a left-hand page; its page numbers, running heads and folios
// are drawn afresh each time. The contents and the contributors' pages, which print other
// pages' numbers, are always set again. Exports do not use a cache.
type PageCache struct {
	mu      sync.Mutex
	entries map[string]*cachedSection
	used    map[string]bool
	// Hits and Misses count the essays taken from the cache and set afresh in the last
	// setting (for tests and the numbers in the notes).
	Hits, Misses int
	// heads are the running heads as set, by the book's key and their text; headsUsed those
	// the last setting used.
	heads, headsUsed map[string]*Line
}

// head returns a running head set in an earlier setting.
func (c *PageCache) head(key string) (*Line, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	l, ok := c.heads[key]
	if ok && c.headsUsed != nil {
		c.headsUsed[key] = l
	}
	return l, ok
}

// putHead keeps a running head as set.
func (c *PageCache) putHead(key string, l *Line) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.heads == nil {
		c.heads = map[string]*Line{}
	}
	c.heads[key] = l
	if c.headsUsed != nil {
		c.headsUsed[key] = l
	}
}

// NewPageCache returns an empty cache.
func NewPageCache() *PageCache {
	return &PageCache{entries: map[string]*cachedSection{}, used: map[string]bool{}}
}

// cachedSection is one essay as it was set: what pagination needs of its galley, and its
// pages for each parity it started on (0: a right-hand page).
type cachedSection struct {
	recto, folio         bool
	headVerso, headRecto string
	parity               [2]*cachedPages
	missing              []rune
	notices              []string
}

// cachedPages are an essay's pages without their folios and running heads, and what setting
// them added to the book's report.
type cachedPages struct {
	pages  []cachedPage
	report Report
}

type cachedPage struct {
	opener, folio, last bool
	texts               []Text
	rules               []Rule
	links               []Link
	anchors             []Anchor
	pictures            []Picture
	start               Position
	bottom              float64
}

func (c *PageCache) get(key string) *cachedSection {
	if c == nil || key == "" {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	e := c.entries[key]
	if e != nil {
		c.used[key] = true
	}
	return e
}

func (c *PageCache) put(key string, e *cachedSection) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.entries[key] = e
	c.used[key] = true
}

// Counts returns Hits and Misses, read under the cache's lock (a setting may be under way).
func (c *PageCache) Counts() (hits, misses int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.Hits, c.Misses
}

func (c *PageCache) count(hit bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if hit {
		c.Hits++
	} else {
		c.Misses++
	}
}

// begin starts a setting: the counts start again.
func (c *PageCache) begin() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.Hits, c.Misses = 0, 0
	c.used = map[string]bool{}
	c.headsUsed = map[string]*Line{}
}

// sweep drops the essays the last setting did not use (edited, removed, another geometry), so
// that the cache holds one book.
func (c *PageCache) sweep() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for k := range c.entries {
		if !c.used[k] {
			delete(c.entries, k)
		}
	}
	c.heads = c.headsUsed
}

// cacheable reports whether a section's pages depend on nothing but itself.
func cacheable(sec *layout.Section) bool {
	return (sec.Kind == layout.Essay || sec.Kind == layout.Introduction) && sec.Essay != nil
}

// sectionKey fingerprints everything an essay's pages are made from: the book's (book, from
// bookKey) and the essay's own text and metadata as the book prints them.
func (s *setter) sectionKey(sec *layout.Section, book string) string {
	h := sha256.New()
	e := sec.Essay
	m := e.Meta
	for _, v := range []string{book, sec.Kind.String(), sec.ID, e.Body, sec.Byline(), sec.TranslatorLine(), sec.HeadTitle(),
		m.Title, m.Subtitle, m.ShortTitle, m.Headnote, m.Language} {
		fmt.Fprintf(h, "%d:%s\x00", len(v), v)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// bookKey fingerprints what every essay's pages share: geometry, options, the book's words,
// language, fonts and images.
func (s *setter) bookKey() string {
	h := sha256.New()
	o := s.o
	o.Cache, o.PageDone = nil, nil
	fmt.Fprintf(h, "%+v\x00%+v\x00%+v\x00%s\x00", s.g, o, s.ed.Words, s.ed.Language)
	for _, f := range s.ed.Fonts {
		fmt.Fprintf(h, "%s\x00%d\x00", f.Path, len(f.Data))
		h.Write(f.Data[:min(len(f.Data), 4096)])
	}
	for _, im := range s.ed.Images {
		fmt.Fprintf(h, "%s\x00%s\x00%d\x00", im.Href, im.Src, len(im.Data))
		h.Write(im.Data)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// record keeps the pages p just made and finished for sec (pages[from:]) in the cache.
func (p *paginator) record(key string, gal *galley, from int, report Report) {
	c := p.s.o.Cache
	e := c.get(key)
	if e == nil {
		e = &cachedSection{recto: gal.recto, folio: gal.folio, headVerso: gal.headVerso, headRecto: gal.headRecto}
		p.s.missingMu.Lock()
		for r := range p.s.missing[gal.sec.ID] {
			e.missing = append(e.missing, r)
		}
		e.notices = slices.Clone(p.s.notices[gal.sec.ID])
		p.s.missingMu.Unlock()
	}
	c.put(key, withPages(e, from%2, cachedFrom(p.book.Pages[from:], report)))
}

// cachedFrom keeps finished pages as the cache holds them: without their running heads and
// folios. The texts are the pages' own, shared (the page's array after its head's texts,
// clipped so that no append can write into it): a cached book costs no second copy of its
// millions of words.
func cachedFrom(pages []*Page, report Report) *cachedPages {
	cp := &cachedPages{report: report, pages: make([]cachedPage, 0, len(pages))}
	for _, pg := range pages {
		cp.pages = append(cp.pages, cachedPage{opener: pg.Opener, folio: pg.Folio, last: pg.last,
			texts: slices.Clip(pg.Texts[pg.heads:]), rules: slices.Clip(pg.Rules), links: slices.Clip(pg.Links),
			anchors: slices.Clip(pg.Anchors), pictures: slices.Clip(pg.Pictures), start: pg.Start, bottom: pg.bottom})
	}
	return cp
}

// withPages is e with the pages for one parity replaced: a new entry each time, never one
// changed in place, as a setting being cancelled may still be reading the old one.
func withPages(e *cachedSection, parity int, cp *cachedPages) *cachedSection {
	e2 := *e
	e2.parity[parity] = cp
	return &e2
}

// replay adds an essay's cached pages to the book, numbered where they now fall, with their
// running heads and folios.
func (p *paginator) replay(key string, sec *layout.Section, e *cachedSection, cp *cachedPages) {
	p.book.Report = p.book.Report.add(cp.report)
	p.s.missingMu.Lock()
	for _, r := range e.missing {
		m := p.s.missing[sec.ID]
		if m == nil {
			m = map[rune]bool{}
			p.s.missing[sec.ID] = m
		}
		m[r] = true
	}
	p.s.missingMu.Unlock()
	for _, n := range e.notices {
		p.s.notice(sec, n)
	}
	heads := pageHeads{verso: e.headVerso, recto: e.headRecto}
	from := len(p.book.Pages)
	for _, c := range cp.pages {
		pg := p.newPage(sec)
		pg.Opener, pg.Folio, pg.last, pg.Start, pg.bottom = c.opener, c.folio, c.last, c.start, c.bottom
		pg.Texts, pg.Rules, pg.Links, pg.Anchors, pg.Pictures = c.texts, c.rules, c.links, c.anchors, c.pictures
		p.finishPage(pg, heads)
	}
	// The entry now shares the new pages' texts, so that the previous book (which the
	// entry's texts were part of) can go.
	p.s.o.Cache.put(key, withPages(e, from%2, cachedFrom(p.book.Pages[from:], cp.report)))
}

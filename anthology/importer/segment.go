package importer

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// This file finds the essay in a web page's text the way jusText and Boilerpipe do, from
// features that hold on any site: each block is judged by its length, its share of stop words
// (prose is full of "the", "and", "of"; menus, share rows and captions are not), whether it
// reads as sentences, and the vocabulary of buttons and links; the essay is then the run of
// blocks with the most prose in it, short blocks inside it kept. No rule names a site.

// blockClass is a block's verdict.
type blockClass int

const (
	classBad      blockClass = iota // furniture: menus, share rows, counts, captions
	classShort                      // too short to judge: a heading, a salutation, a date
	classNearGood                   // prose, but thin
	classGood                       // prose
)

// englishStopWords are the commonest function words of English prose.
var englishStopWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`a about above after again against all am an and any are as at be because been
	before being below between both but by can could did do does doing down during each few for from further had has
	have having he her here hers herself him himself his how i if in into is it its itself just me more most my myself
	no nor not now of off on once only or other our ours ourselves out over own same she should so some such than that
	the their theirs them themselves then there these they this those through to too under until up very was we were
	what when where which while who whom why will with would you your yours yourself yourselves i'm it's don't didn't
	i've i'd we're they're that's there's can't won't wasn't isn't he's she's let's us also even ever still yet never
	always one like much many every again back well way just may might must shall`) {
		m[w] = true
	}
	return m
}()

// buttonWords are the words of a page's controls and links: a block made mostly of them is
// furniture, whatever its length.
var buttonWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`share shares facebook twitter pinterest linkedin reddit tumblr whatsapp email e-mail
	print like likes tweet pin reply replies comment comments subscribe subscribers subscription follow followers
	login log sign signup register menu home about contact search skip navigation archive archives categories category
	tags tagged posted filed related read more continue newer older previous next post posts page pages view views
	advertisement sponsored cookie cookies privacy policy terms newsletter rss feed permalink edit delete report
	flag profile join invite members member upgrade premium app download buffer digg stumbleupon blogger wordpress
	powered theme widget sidebar loading copyright rights reserved min`) {
		m[w] = true
	}
	return m
}()

var (
	runTogether = regexp.MustCompile(`\p{Ll}\p{Lu}\p{Ll}+\p{Lu}\p{Ll}+\p{Lu}`) // "ArtsAutosBooksBusiness"
	countLine   = regexp.MustCompile(`(?i)^\(?\d[\d,.]*\s*(k|m)?\)?\s+(more\s+)?(words?|comments?|responses?|replies|likes?|shares?|views?|notes?|followers?|reblogs?|min(ute)?s?\s+read)\b`)
	readTime    = regexp.MustCompile(`(?i)\b\d+\s+min(ute)?s?\s+read`)
	// wroteLine is a journal's or forum's byline: "Kim (theamyrlin) wrote,".
	wroteLine = regexp.MustCompile(`^(\p{Lu}[\p{L}’'-]+(?:\s+\p{Lu}[\p{L}’'-]+){0,2})\s*(?:\([^)]{1,40}\))?\s+wrote[,:]?$`)
	// byOn is a forum's or a host's byline with what follows the name: "By Dennis (Dennis) on
	// Sunday, August 29, 2004", "By Jane Doe | May 3".
	byOn = regexp.MustCompile(`^(?i:by)\s+(\p{Lu}[\p{L}.’'-]+(?:\s+\p{Lu}[\p{L}.’'-]+){0,3})\s*(?:\([^)]{0,40}\))?\s*(?:(?i:on|at)\s|[|•·,–—-])`)
	// namePlace is a name with a place, as an essay site's metadata gives its author:
	// "Michael - Scottsdale, Arizona".
	namePlace = regexp.MustCompile(`^(\p{Lu}[\p{L}’'-]+(?:\s+\p{Lu}[\p{L}’'.-]+){0,2})\s+[-–—]\s+\p{Lu}[\p{L} .’'-]*,\s*\p{Lu}[\p{L} .]+$`)
	// unknownAuthor is an attribution glued to a text's last sentence: "… of Christ.  Author unknown".
	unknownAuthor = regexp.MustCompile(`(?i)([.!?”"’])\s*(author unknown|unknown author|anonymous|author anonymous)\.?$`)
	// excerptEnd is how a page's automatic excerpt of a text stops: in the middle of a
	// sentence, with a dash or dots.
	excerptEnd = regexp.MustCompile(`\p{L}\s*(--\.?|—\.|\[…\]|\[\.\.\.\]|\.\.\.\s*\[?(read|continue)[^\]]*\]?)$`)
	// postedBy is a host's byline: "Posted by Jane Doe on May 3", "Written by Jane Doe".
	postedBy = regexp.MustCompile(`^(?i:posted|written|published|submitted|shared|contributed)\s+(?i:by)\s+(\p{Lu}[\p{L}.’'-]+(?:\s+\p{Lu}[\p{L}.’'-]*){0,3})`)
)

// pageFurniture reports whether a line is a web page's: a furniture line, a count, a read
// time, run-together menu words, mostly the words of buttons, or an appeal to subscribe.
func pageFurniture(t string) bool {
	lower := strings.ToLower(t)
	return matchFurniture(t) != nil || furnitureOf(t, lower, wordsOf(lower))
}

// furnitureOf is pageFurniture for a line the furniture lines have been tried on already (the
// web clean-up cut those before the essay is looked for), its lower-case words found.
func furnitureOf(t, lower string, ws []string) bool {
	// Menus and labels are short: the patterns need not read a paragraph through.
	if len(t) <= 600 && (countLine.MatchString(t) || len(ws) < 12 && readTime.MatchString(t) || runTogether.MatchString(t)) {
		return true
	}
	buttons, appeals := 0, 0
	for _, w := range ws {
		if buttonWords[w] {
			buttons++
		}
		if appealWords[w] {
			appeals++
		}
	}
	for _, phrase := range []string{"per month", "per year", "free trial", "paid subscri", "support my", "support our", "support this"} {
		if len(ws) <= 90 && strings.Contains(lower, phrase) { // (an appeal is short)
			appeals++
		}
	}
	return len(ws) >= 3 && float64(buttons)/float64(len(ws)) >= 0.5 || appeals >= 2 && len(ws) <= 90
}

// wordsOf splits text into its words: runs of letters, digits, apostrophes and hyphens.
func wordsOf(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '’' || r == '\'' || r == '-')
	})
}

// stopDensity is the share of a text's words that are English stop words: prose is full of
// them, menus and captions are not.
func stopDensity(ws []string) float64 {
	if len(ws) == 0 {
		return 0
	}
	stops := 0
	for _, w := range ws {
		if englishStopWords[w] {
			stops++
		}
	}
	return float64(stops) / float64(len(ws))
}

// appealWords are the words of a page's requests for money or a sign-up.
var appealWords = map[string]bool{"subscribe": true, "subscribed": true, "subscriber": true, "subscribers": true,
	"subscription": true, "subscriptions": true, "donate": true, "donation": true, "donations": true, "patreon": true,
	"paywall": true, "membership": true, "paid": true, "pledge": true, "upgrade": true, "newsletter": true,
	"support": true}

// classify judges one block of a page, once: the verdict is kept on the block, which the
// clean-up asks about again and again.
func classify(b *block) blockClass {
	if !b.judged {
		b.class, b.judged = judge(b), true
	}
	return b.class
}

func judge(b *block) blockClass {
	t := strings.TrimSpace(b.text)
	if t == "" {
		return classShort
	}
	if b.kind == chunk || b.kind == verse || b.kind == quote {
		return classNearGood // structure the page's markup gave the essay
	}
	lower := strings.ToLower(t)
	ws := wordsOf(lower)
	if b.furniture = furnitureOf(t, lower, ws); b.furniture || len(ws) == 0 {
		return classBad
	}
	density := stopDensity(ws)
	chars := utf8.RuneCountInString(t)
	switch {
	case chars < 70:
		return classShort
	case density >= 0.32 && chars >= 200:
		return classGood
	case density >= 0.25 && sentenceLike(t):
		return classNearGood
	}
	return classBad
}

// truncatedProse reports whether the last block of a capture is prose cut off mid-sentence:
// words enough, the stop words of prose, no sentence's end.
func truncatedProse(t string) bool {
	t = strings.TrimSpace(t)
	ws := wordsOf(strings.ToLower(t))
	if len(ws) < 4 || endsSentence(t) || pageFurniture(t) || titleCaseRatio(t) >= 0.6 {
		return false // (a headline of a related post, cut off, is not the essay's)
	}
	return stopDensity(ws) >= 0.3
}

// sentenceLike reports whether text reads as sentences: it ends as one, or holds a full stop
// followed by a capital.
func sentenceLike(t string) bool {
	if endsSentence(t) {
		return true
	}
	for i := strings.Index(t, ". "); i >= 0 && i+2 < len(t); {
		r, _ := utf8.DecodeRuneInString(t[i+2:])
		if unicode.IsUpper(r) {
			return true
		}
		j := strings.Index(t[i+2:], ". ")
		if j < 0 {
			break
		}
		i += 2 + j
	}
	return false
}

// essayRun returns the blocks [start, end) with the most prose: the run that maximises the
// words of its good blocks less the words of the furniture it would take in. ok is false
// when no block reads as prose (a page of fragments: leave it as it is).
func essayRun(blocks []block) (start, end int, ok bool) {
	best, cur := 0.0, 0.0
	curStart := 0
	for i := range blocks {
		b := &blocks[i]
		n := float64(words(b.text))
		var w float64
		class := classify(b)
		if i == len(blocks)-1 && class != classGood && truncatedProse(b.text) {
			class = classNearGood // the capture ends in the middle of the essay's sentence
		}
		switch class {
		case classGood:
			w = n
		case classNearGood:
			w = n * 0.6
		case classShort:
			w = -0.5
			if shortSentence(b.text) {
				w = -0.2 // "Go figure." — a short sentence: cheaper to keep inside the text
			}
		case classBad:
			w = -(n + 4)
		}
		if cur+w < 0 {
			cur, curStart = 0, i+1
			continue
		}
		cur += w
		if cur > best {
			best, start, end = cur, curStart, i+1
		}
	}
	return start, end, best >= 10
}

var salutation = regexp.MustCompile(`^(?i:dear|dearest|my dear|to my|hello|hi)\b.{0,60}[,:!—]$`)

// trimToEssay cuts what stands around the essay's run of prose on a web page: before it, all
// but the title (the nearest title-like line above the run), a byline and a date; after it,
// all but a bio or signature just after the text. Each cut is reported.
func (c *cleaner) trimToEssay(h hints) {
	c.cutRepeated()
	c.findCitation()
	start, end, ok := essayRun(c.blocks)
	if !ok {
		return
	}
	// A salutation opens a letter: it belongs to the text. Short sentences that end it
	// ("Go figure.") do too.
	for start > 0 && salutation.MatchString(strings.TrimSpace(c.blocks[start-1].text)) {
		start--
	}
	for end < len(c.blocks) && classify(&c.blocks[end]) == classShort && shortSentence(c.blocks[end].text) {
		end++
	}
	// An excerpt the page shows under the title, cut off ("… the things that I can --."),
	// is the page's summary, not the essay's first paragraph.
	if end-start > 1 && excerptEnd.MatchString(strings.TrimSpace(c.blocks[start].text)) {
		start++
	}
	// A line that introduced the essay ("Originally posted on X:") stood near the run's
	// start: the essay starts where it stood.
	if c.introducedAt >= 0 {
		for i := start; i < end && i <= start+3; i++ {
			if c.blocks[i].pos > c.introducedAt {
				start = i
				break
			}
		}
	}
	// An attribution glued to the last sentence goes.
	if last := &c.blocks[end-1]; last.kind == para && last.md == "" {
		if m := unknownAuthor.FindStringSubmatchIndex(last.text); m != nil {
			cut := strings.TrimSpace(last.text[m[4]:])
			last.text = strings.TrimSpace(last.text[:m[3]])
			c.res.Removed = append(c.res.Removed, Removed{Text: cut, Reason: "attribution line (the author is not known)", Words: CountWords(cut), pos: last.pos})
		}
	}
	// A title inside the run's first quarter, after a few lines of the page's own prose (a
	// site's blurb, a template's placeholder): the essay starts under it.
	total := 0
	for _, b := range c.blocks[start:end] {
		total += words(b.text)
	}
	before := 0
	for i := start; i < end; i++ {
		if i > start && isTitleLine(&c.blocks[i]) && before*4 <= total && total-before >= 60 &&
			i+1 < end && classify(&c.blocks[i+1]) >= classNearGood {
			start = i + 1
			break
		}
		before += words(c.blocks[i].text)
	}

	// What goes is marked first and cut in one pass at the end (cutting block by block would
	// be quadratic on a long text).
	cuts := make([]string, len(c.blocks))
	defer c.removeMarked(cuts)
	// Inside the run: what is plainly the page's (a share row between two paragraphs) goes.
	kept := false
	for i := start; i < end; i++ {
		if b := &c.blocks[i]; b.kind != chunk && classify(b) == classBad && b.furniture {
			cuts[i] = "the page's furniture inside the text"
		} else {
			kept = true
		}
	}
	if !kept {
		return
	}
	// After the run: keep what the bio and signature finders read (the three blocks after it
	// that look like a bio or a signed name), cut the rest.
	keepAfter := end
	for i := end; i < len(c.blocks) && i < end+3; i++ {
		t := strings.TrimLeft(strings.TrimSpace(c.blocks[i].text), "-–—•* ")
		if m := bioStart.FindStringSubmatch(t); m != nil && words(t) <= maxBioWords || dashSig.MatchString(strings.TrimSpace(c.blocks[i].text)) {
			keepAfter = i + 1
		}
		// A valediction and the name under it: the name is the author's.
		if i > 0 && len(c.res.Authors) == 0 && valediction(c.blocks[i-1].text) && looksLikeName(t) {
			c.addAuthor(t, "")
		}
	}
	for i := len(c.blocks) - 1; i >= keepAfter; i-- {
		if m := postedBy.FindStringSubmatch(strings.TrimSpace(c.blocks[i].text)); m != nil && len(c.res.Authors) == 0 && !notNames[strings.TrimSpace(m[1])] {
			c.addAuthor(strings.TrimSpace(m[1]), "")
			cuts[i] = "byline (now the essay's author)"
			continue
		}
		cuts[i] = "outside the essay (the page's furniture after it)"
	}
	for i := keepAfter - 1; i >= end; i-- {
		t := strings.TrimSpace(c.blocks[i].text)
		if !(bioStart.MatchString(strings.TrimLeft(t, "-–—•* ")) || dashSig.MatchString(t)) {
			cuts[i] = "outside the essay (the page's furniture after it)"
		}
	}
	// Before the run: the title is the nearest line above it that reads as one.
	title := -1
	for i := start - 1; i >= 0 && i >= start-6 && !h.titled && !c.titled; i-- {
		t := strings.TrimSpace(c.blocks[i].text)
		if byline.MatchString(t) || postedBy.MatchString(t) || normalizeDate(t) != "" || dateOnly.MatchString(t) {
			continue
		}
		// A two-word line over a byline is the title, however much it looks like a name
		// ("Tuesday Night" over "Posted by Jane Doe").
		overByline := i+1 < start && looksLikeName(t) && authorLine(strings.TrimSpace(c.blocks[i+1].text)) != "" &&
			!looksLikeName(strings.TrimSpace(c.blocks[i+1].text))
		if h.title != "" && strings.EqualFold(t, h.title) || isTitleLine(&c.blocks[i]) || isQuotedHeadline(t) || overByline ||
			i == 0 && words(t) <= 14 && endsSentence(t) && classify(&c.blocks[i]) != classBad {
			// (A page's first line may be a title that ends as a sentence: "I'm still me.")
			title = i
			break
		}
	}
	// A headline over a dek: the title is the upper line, the dek its subtitle.
	dek := -1
	if title > 0 {
		above := &c.blocks[title-1]
		at := strings.TrimSpace(above.text)
		// Two title lines one over the other: a headline and its dek. A kicker over the
		// title ("THE BLOG") is shorter than that, or set in capitals.
		// A dek says more than its headline; a site's or a section's name says less.
		stacked := (isTitleLine(above) || title-1 == 0 && endsSentence(at) && words(at) <= 14) &&
			words(at) >= 3 && strings.ToUpper(at) != at && classify(above) != classBad && normalizeDate(at) == "" && !dateOnly.MatchString(at) && dateAny.FindString(at) == "" &&
			words(c.blocks[title].text) > words(at) &&
			// (nor the second half of a button's label split over two lines: "Invite Your /
			// Friends to Join")
			!(title >= 2 && endsWithFunctionWord(c.blocks[title-2].text))
		if isQuotedHeadline(at) || above.kind == heading || h.title != "" && strings.EqualFold(at, h.title) || stacked {
			title, dek = title-1, title
		}
	}
	// From the run's start back to the top: the nearest author line wins.
	for i := start - 1; i >= 0; i-- {
		t := strings.TrimSpace(c.blocks[i].text)
		switch {
		case i == dek:
			c.res.Subtitle = strings.Trim(t, "“”\"")
			cuts[i] = "subtitle (now the essay's subtitle)"
		case i == title:
			c.res.Title = titleFromLine(strings.Trim(t, "“”\"‘’' "))
			c.titled = true
			cuts[i] = "title (now the essay's title)"
		case i > title && (byline.MatchString(t) || normalizeDate(t) != "" || dateOnly.MatchString(t)):
			// findByline and findDate take these.
		case len(c.res.Authors) == 0 && authorLine(t) != "" && (i > title || i == title-1 || !looksLikeName(strings.TrimLeft(t, "•·*- "))):
			// (under the title or just above it; a byline that says it is one anywhere)
			c.addAuthor(authorLine(t), "")
			cuts[i] = "author's name (now the essay's author)"
		default:
			cuts[i] = "outside the essay (the page's furniture before it)"
		}
	}
}

// removeMarked cuts, in one pass, every block with a reason in cuts (by index), reporting
// each.
func (c *cleaner) removeMarked(cuts []string) {
	out := c.blocks[:0]
	for i, b := range c.blocks {
		if i < len(cuts) && cuts[i] != "" {
			c.res.Removed = append(c.res.Removed, Removed{Text: b.text, Reason: cuts[i], Words: CountWords(b.text), pos: b.pos, md: b.markdown()})
			continue
		}
		out = append(out, b)
	}
	c.blocks = out
}

// citation is a first-publication line that gives title, periodical and date at once:
// "“On Being a Mother,” The Kenyon Review (summer 2014)."
var citation = regexp.MustCompile(`^[“"](.{3,120}?)[,.]?[”"],?\s+(\p{Lu}[^()]{2,80}?)\s*\(([^()]*\d{4}[^()]*)\)\.?$`)

// findCitation takes a citation line near the top for the essay's title and source.
func (c *cleaner) findCitation() {
	for i := 0; i < len(c.blocks) && i < 4; i++ {
		m := citation.FindStringSubmatch(strings.TrimSpace(c.blocks[i].text))
		if m == nil {
			continue
		}
		if c.res.Title == "" {
			c.res.Title = titleFromLine(m[1])
			c.titled = true
		}
		if c.res.Source == "" {
			c.res.Source = strings.TrimSpace(m[2]) + " (" + strings.TrimSpace(m[3]) + ")"
		}
		c.remove(i, "first-publication citation (now the essay's title and source)")
		return
	}
}

// valediction reports whether a line closes a letter: "Love,", "See You in Church,".
func valediction(t string) bool {
	t = strings.TrimSpace(t)
	return letterEnding.MatchString(t) || strings.HasSuffix(t, ",") && words(t) <= 6
}

// cutRepeated cuts the short lines a page shows twice or more (a photo's caption repeated
// between paragraphs, a byline in the header and the footer): a sentence of the essay is
// not repeated word for word.
func (c *cleaner) cutRepeated() {
	// Each short line's key, once; the first place each stands and how often.
	keys := make([]string, len(c.blocks))
	seen := map[string]int{}
	first := map[string]int{}
	for i, b := range c.blocks {
		if b.kind == sceneBreak || words(b.text) > 12 {
			continue
		}
		t := strings.ToLower(strings.Join(strings.Fields(b.text), " "))
		if t == "" || endsSentence(t) && words(t) > 3 {
			continue
		}
		keys[i] = t
		if seen[t] == 0 {
			first[t] = i
		}
		seen[t]++
	}
	if len(seen) == 0 {
		return
	}
	// A title shown again further down (in a breadcrumb, a comment header) stays where it
	// first stands above the text.
	firstProse := len(c.blocks)
	for i := range c.blocks {
		if classify(&c.blocks[i]) == classGood {
			firstProse = i
			break
		}
	}
	cuts := make([]string, len(c.blocks))
	for i, k := range keys {
		if k == "" || seen[k] < 2 || first[k] == i && i < firstProse && isTitleLine(&c.blocks[i]) {
			continue
		}
		cuts[i] = "repeated on the page (a caption or a label)"
	}
	c.removeMarked(cuts)
}

// authorLine returns the name a line gives as the author's ("Posted by Jane Doe on…", or the
// name alone), or "".
func authorLine(t string) string {
	t = strings.TrimLeft(t, "•·*- ")
	if m := postedBy.FindStringSubmatch(t); m != nil && !notNames[strings.TrimSpace(m[1])] {
		return strings.TrimSpace(m[1])
	}
	if m := wroteLine.FindStringSubmatch(t); m != nil && !notNames[m[1]] {
		return m[1]
	}
	for _, re := range []*regexp.Regexp{byOn, namePlace} {
		if m := re.FindStringSubmatch(t); m != nil && !notNames[m[1]] {
			return strings.TrimSpace(m[1])
		}
	}
	if looksLikeName(t) {
		return t
	}
	return ""
}

// shortSentence reports whether a short block is a sentence of the text ("It is priceless."),
// not a label.
func shortSentence(t string) bool {
	t = strings.TrimSpace(t)
	if !endsSentence(t) || words(t) < 2 || strings.HasSuffix(t, "...") || strings.HasSuffix(t, "…") || matchFurniture(t) != nil {
		return false
	}
	// "Read the interview here." is a link's label.
	lower := strings.ToLower(t)
	if strings.HasSuffix(strings.TrimRight(lower, ".!"), " here") {
		return false
	}
	for _, w := range wordsOf(lower) {
		if buttonWords[w] {
			return false
		}
	}
	return true
}

// endsWithFunctionWord reports whether a line stops on a word that cannot end a phrase ("Invite
// Your"): it goes on on the next line.
func endsWithFunctionWord(t string) bool {
	ws := strings.Fields(strings.ToLower(t))
	if len(ws) == 0 {
		return false
	}
	switch strings.Trim(ws[len(ws)-1], ".,;:!?") {
	case "the", "a", "an", "your", "my", "our", "their", "his", "her", "of", "to", "and", "or", "for", "with", "in", "on", "at", "by":
		return true
	}
	return false
}

// isTitleLine reports whether a block reads as a title: short, not a sentence, not furniture.
func isTitleLine(b *block) bool {
	t := strings.TrimSpace(b.text)
	if b.kind == heading {
		return true
	}
	if b.kind != para || words(t) == 0 || words(t) > 16 || utf8.RuneCountInString(t) > 120 {
		return false
	}
	if strings.HasSuffix(t, ".") && !strings.HasSuffix(t, "..") || strings.HasSuffix(t, ",") || strings.HasSuffix(t, ":") {
		return false
	}
	if classify(b) == classBad || authorLine(t) != "" {
		return false // (a byline is not a title)
	}
	letters, digits := 0, 0
	for _, r := range t {
		switch {
		case unicode.IsLetter(r):
			letters++
		case unicode.IsDigit(r):
			digits++
		}
	}
	if letters < 3 || digits*2 > letters {
		return false // a telephone number, an address, a date
	}
	r, _ := utf8.DecodeRuneInString(strings.TrimLeft(t, "“\"‘'({["))
	// A title set all in lower case is a blog's styling ("leaving him alone").
	return unicode.IsUpper(r) || unicode.IsDigit(r) || strings.ToLower(t) == t && words(t) <= 10
}

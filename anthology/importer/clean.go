package importer

import (
	"regexp"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// hints are what a format knows about its text beyond the blocks: an HTML page's title and
// byline, a Word file's properties, Markdown front matter.
type hints struct {
	title, subtitle, author, bio, date, source, siteName string
	// notes are footnote definitions ("[^1]: text") to append to the body; noteWords their words.
	notes     []string
	noteWords int
	// noteWordsEach are the words of each of notes.
	noteWordsEach []int
	// removed is what the reader set aside before the clean-up (a title taken from the
	// markup, a notes list's heading), with its words.
	removed []Removed
	// unresolved are note references whose notes are not in the import.
	unresolved []string
	// messages are things the reader wants the editor to know.
	messages []string
	// titled is set when the reader took the title from the document's markup: the clean-up
	// then takes none from the text.
	titled bool
	// images are the figures' images the reader found.
	images []Image
	// book is set for a chapter of a book (an EPUB's, a package document's): its text is the
	// author's, and none of a web page's clean-up applies to it.
	book bool
}

// furniture is a line that belongs to the web page around an essay, not to the essay.
type furniture struct {
	re     *regexp.Regexp
	reason string
	// starts is set for lines that begin a comment section: everything after them goes too.
	starts bool
}

var furnitures = []furniture{
	// A platform's note on whose the text is.
	{regexp.MustCompile(`(?i)^this (post|article|story|piece|entry) (was|is) (published|posted) on the\b.*\b(platform|contributor|network)`), "platform note", false},
	{regexp.MustCompile(`(?i)\bif you (need|want) to (flag|report) this (entry|post|article|comment)\b`), "platform note", false},
	// A link's label.
	{regexp.MustCompile(`(?i)^click here\b`), "link", false},
	// A prompt to comment opens the comment section.
	{regexp.MustCompile(`(?i)^(join the (conversation|discussion)|what do you think\?|share your thoughts|have your say)\b`), "comment section", true},
	// A comment thread that opens with its first commenter: "Allison said...".
	{regexp.MustCompile(`(?i)^[\p{L}\p{N}_.' -]{1,40} (said|says|wrote)(\.\.\.|…|:)$`), "comment section", true},
	// A picture's credit line.
	{regexp.MustCompile(`(?i)^(image|photo|photograph|picture|illustration|art|artwork)s?( credit)?( from| by|:| courtesy of| via)\s+\S.{0,60}$`), "picture credit", false},
	{regexp.MustCompile(`(?i)^(credit|source|via):\s+\S.{0,60}$`), "picture credit", false},
	{regexp.MustCompile(`(?i)^\d+\s+(responses?|comments?|replies|thoughts)\s+(to|on)\b`), "comment section", true},
	{regexp.MustCompile(`(?i)^(one|two|three|four|five|\d+) (responses?|comments?|replies|thoughts)\b`), "comment section", true},
	{regexp.MustCompile(`(?i)^(leave|post|add|write|submit) a (comment|reply|response)\b`), "comment form", true},
	{regexp.MustCompile(`(?i)^comments? (are|is) (closed|awesome|welcome|moderated)`), "comment section", true},
	{regexp.MustCompile(`(?i)^(cancel reply|reply$|\d+ comments?$|comments?$|discussion$)`), "comment section", true},
	{regexp.MustCompile(`(?i)your email address will not be published`), "comment form", true},
	{regexp.MustCompile(`(?i)^required fields are marked`), "comment form", false},
	{regexp.MustCompile(`(?i)fill in your details below or click an icon to log in`), "log-in widget", true},
	{regexp.MustCompile(`(?i)^you are commenting using your .* account`), "log-in widget", false},
	{regexp.MustCompile(`(?i)^(wordpress\.com logo|google\+? photo|twitter picture|facebook photo|gravatar)$`), "log-in widget", false},
	{regexp.MustCompile(`(?i)^connecting to %s$`), "log-in widget", false},
	{regexp.MustCompile(`(?i)^notify me of (new|follow-up) (comments|posts)`), "comment form", false},
	{regexp.MustCompile(`(?i)%d bloggers like this`), "like widget", false},
	{regexp.MustCompile(`(?i)^(like|share) this:?$`), "share buttons", false},
	{regexp.MustCompile(`(?i)^like loading`), "like widget", false},
	{regexp.MustCompile(`(?i)enter your email address to (follow|subscribe)`), "subscription box", false},
	{regexp.MustCompile(`(?i)^join [\d,]+ other (followers|subscribers)`), "follower count", false},
	{regexp.MustCompile(`(?i)^[\d,.]+k? followers?$`), "follower count", false},
	{regexp.MustCompile(`(?i)\bfollow\b.*\b(with|on|via) (feed ?burner|twitter|facebook|instagram|rss|email)\b`), "subscription box", false},
	{regexp.MustCompile(`(?i)^(subscribe|sign up)\b.*\b(newsletter|updates|posts|blog|inbox)\b`), "subscription box", false},
	{regexp.MustCompile(`(?i)^(please )?(share|like|retweet) this (post|article|story|essay|page)\b`), "call to share", false},
	{regexp.MustCompile(`(?i)^if you (enjoyed|liked|found) this (post|article|story|essay)`), "call to share", false},
	{regexp.MustCompile(`(?i)^(click to share|share on (facebook|twitter|linkedin|pinterest|whatsapp)|tweet|pin it|email this|print this)\b`), "share buttons", false},
	{regexp.MustCompile(`(?i)^(related( posts| articles| stories)?|you may also like|you might also like|read more|continue reading|more from|recommended)\b:?$`), "related links", false},
	{regexp.MustCompile(`(?i)^(posted|filed) (in|under)\b`), "post metadata", false},
	{regexp.MustCompile(`(?i)^(tags?|categories|category):`), "post metadata", false},
	{regexp.MustCompile(`(?i)^advertisement$`), "advertisement", false},
	{regexp.MustCompile(`(?i)\btweets!?$`), "tweet list", true},
	{regexp.MustCompile(`(?i)^photo (by|credit)\b.*\b(unsplash|pexels|getty|shutterstock)\b`), "photo credit", false},
	{regexp.MustCompile(`(?i)^(©|\(c\)|copyright)\s*\d{4}\b.*\b(all rights reserved|\.com)\b`), "site footer", false},
}

// sourceLine finds a first-publication notice and what it names.
var sourceLine = []*regexp.Regexp{
	regexp.MustCompile(`(?i)^this (?:post|essay|story|piece|article) (?:was )?(?:previously|originally|first) (?:published|appeared|ran) (?:on|in|at|by) (.+?)\.?$`),
	regexp.MustCompile(`(?i)^(?:originally|previously|first) (?:published|appeared|ran|posted) (?:on|in|at|by) (.+?)[.:]?$`),
	regexp.MustCompile(`(?i)^a (?:version|shorter version|longer version) of this (?:post|essay|story|piece|article) (?:first )?(?:was published|appeared|ran) (?:on|in|at) (.+?)\.?$`),
	regexp.MustCompile(`(?i)^(?:reprinted|republished|cross-posted|crossposted) (?:with permission )?(?:from|on) (.+?)\.?$`),
}

// Dates as editors meet them.
var (
	isoDate   = `\d{4}-\d{2}-\d{2}`
	monthDate = `(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.? \d{1,2},? \d{4}`
	dayMonth  = `\d{1,2} (?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?) \d{4}`
	anyDate   = `(` + isoDate + `|` + monthDate + `|` + dayMonth + `)`
	// "date 2021-12-14 ‘It’s bedtime!’…": a label and a date glued to the first line.
	datePrefix = regexp.MustCompile(`(?i)^(?:date|posted(?: on)?|published(?: on)?|updated(?: on)?|on)[:\s]+` + anyDate + `[\s.,:—–-]*`)
	dateOnly   = regexp.MustCompile(`(?i)^(?:(?:date|posted|published|updated)(?: on)?[:\s]+)?` + anyDate + `\.?$`)
	dateAny    = regexp.MustCompile(`(?i)` + anyDate)
)

// normalizeDate writes a found date as YYYY-MM-DD.
func normalizeDate(s string) string {
	s = strings.TrimSpace(strings.ReplaceAll(s, ",", ""))
	s = strings.Join(strings.Fields(s), " ")
	for _, layout := range []string{"2006-01-02", "January 2 2006", "Jan 2 2006", "Jan. 2 2006", "2 January 2006", "2 Jan 2006", "Sept 2 2006"} {
		if t, err := time.Parse(layout, titleWord(s)); err == nil {
			return t.Format("2006-01-02")
		}
	}
	return ""
}

// titleWord capitalises the month in a date so that time.Parse reads it.
func titleWord(s string) string {
	parts := strings.Fields(s)
	for i, p := range parts {
		if r, size := utf8.DecodeRuneInString(p); unicode.IsLetter(r) {
			parts[i] = string(unicode.ToUpper(r)) + strings.ToLower(p[size:])
		}
	}
	return strings.Join(parts, " ")
}

// Bylines and bios.
var (
	byline       = regexp.MustCompile(`^(?i:by|written by|words by|story by)\s+(\p{Lu}[\p{L}.’'-]+(?:\s+\p{Lu}[\p{L}.’'-]+){0,3})\.?$`)
	nameOnly     = regexp.MustCompile(`^\p{Lu}[\p{L}’'-]+(?:\s+(?:\p{Lu}\.?|\p{Lu}[\p{L}’'-]+|de|van|von|da|del|di|le|la|bin|al-\p{Lu}\p{L}+)){1,3}$`)
	bioStart     = regexp.MustCompile(`^(\p{Lu}[\p{L}’'-]+(?:\s+(?:\p{Lu}\.|\p{Lu}[\p{L}’'-]+|de|van|von|da|del|di|le|la)){1,3})\s+(?:is|was|has|writes|lives|teaches|works|grew up|holds|spent)\b`)
	letterEnding = regexp.MustCompile(`(?i)^(love|with love|all my love|sincerely|yours|yours truly|best|warmly|cheers|regards|kind regards|xoxo|always),?$`)
	dashSig      = regexp.MustCompile(`^[—–-]\s*(\p{Lu}[\p{L}.’'-]+(?:\s+\p{Lu}[\p{L}.’'-]+){1,3})$`)
)

// notNames are capitalised words that make a name-shaped line something else.
var notNames = map[string]bool{"Conclusion": true, "Introduction": true, "Epilogue": true, "Prologue": true,
	"Part": true, "Chapter": true, "The": true, "A": true, "An": true, "And": true, "Mama": true, "Mom": true,
	"Mum": true, "Dad": true, "Papa": true, "Love": true, "Thanks": true, "Thank": true, "Home": true, "Share": true,
	"Comments": true, "Related": true, "Notes": true, "Postscript": true, "Afterword": true, "Update": true}

func looksLikeName(s string) bool {
	if !nameOnly.MatchString(s) {
		return false
	}
	for _, w := range strings.Fields(s) {
		// A possessive makes a title ("Abuela's Special Soup"), not a name.
		if notNames[w] || strings.HasSuffix(w, "’s") || strings.HasSuffix(w, "'s") {
			return false
		}
	}
	return true
}

// cleaner holds the state of one clean-up.
type cleaner struct {
	blocks []block
	res    *Result
	// titled is set once the title is found (by the essay's run of prose, see trimToEssay).
	titled bool
	// introducedAt is the original position of a line that introduces the essay ("Originally
	// posted on X:"), -1 when there is none.
	introducedAt int
}

func (c *cleaner) remove(i int, reason string) {
	cuts := make([]string, i+1)
	cuts[i] = reason
	c.removeMarked(cuts)
}

// clean turns raw blocks into an essay: it cuts web furniture (saying why), finds the title,
// subtitle, author, bio, date and source, and writes the body as Markdown.
func clean(file, format string, blocks []block, h hints) *Result {
	res := &Result{File: file, Format: format, Kind: KindEssay, Removed: []Removed{}, Notes: []string{}, Authors: []Author{}}
	res.WordsIn = h.noteWords
	for _, rm := range h.removed {
		res.WordsIn += rm.Words
		rm.pos = -1
		res.Removed = append(res.Removed, rm)
	}
	for i := range blocks {
		blocks[i].pos = i
		res.WordsIn += CountWords(blocks[i].text)
		if b := &blocks[i]; b.kind == sceneBreak && CountWords(b.text) > 0 {
			// An ornament of letters ("oOo") is now a scene break: its letters are not words.
			res.Removed = append(res.Removed, Removed{Text: b.text, Reason: "ornament (now a scene break)", Words: CountWords(b.text), pos: i})
			b.text = "* * *"
		}
	}
	c := &cleaner{blocks: blocks, res: res, introducedAt: -1}
	// What the reader judged to be outside the essay (Readability's verdict on a web page).
	for i := 0; i < len(c.blocks); {
		if c.blocks[i].cut != "" {
			c.remove(i, c.blocks[i].cut)
			continue
		}
		i++
	}

	// A label and a date glued to the start of the text.
	if len(c.blocks) > 0 && c.blocks[0].kind == para {
		if m := datePrefix.FindStringSubmatch(c.blocks[0].text); m != nil {
			if d := normalizeDate(m[1]); d != "" {
				res.Date = d
				res.Removed = append(res.Removed, Removed{Text: strings.TrimSpace(m[0]), Reason: "date line (now the essay's date)", Words: CountWords(m[0])})
				rest := strings.TrimSpace(c.blocks[0].text[len(m[0]):])
				c.blocks[0].text, c.blocks[0].md = rest, ""
				if rest == "" {
					c.blocks = c.blocks[1:]
				}
			}
		}
	}

	var commentDates []string
	var commentTitle string
	if !h.book {
		commentDates, commentTitle = c.webCleanUp(h)
		if format == "html" || format == "text" {
			c.trimToEssay(h) // a page's text, not a writer's file
		}
	}

	if h.titled {
		res.Title, res.Subtitle = h.title, h.subtitle
	} else if !c.titled {
		c.findTitle(commentTitle, h)
	}
	if res.Title == "" && commentTitle != "" {
		// The text gives no title, but the comment section names the post it answers.
		res.Title = titleFromLine(commentTitle)
		res.Notes = append(res.Notes, "title taken from the comment section's header")
	}
	if !h.book {
		c.findByline()
		c.findDate()
		c.findBio()
		c.findSignature()
	}
	if res.Title == "" && h.title != "" {
		res.Title = h.title
	}
	if res.Subtitle == "" && h.subtitle != "" {
		res.Subtitle = h.subtitle
	}
	if len(res.Authors) == 0 && h.author != "" {
		res.Authors = append(res.Authors, Author{Name: h.author, Bio: h.bio})
	}
	if res.Date == "" && h.date != "" {
		res.Date = h.date
	}
	if res.Source == "" && h.source != "" {
		res.Source = h.source
	}
	if res.Date == "" && len(commentDates) > 0 {
		if d := normalizeDate(commentDates[0]); d != "" {
			res.Date = d
			res.Notes = append(res.Notes, "date taken from the first comment: the post appeared that day or earlier")
		}
	}
	c.tidy()
	c.findHeadings()

	var md []string
	res.WordsOut = h.noteWords
	for _, b := range c.blocks {
		md = append(md, b.markdown())
		res.WordsOut += CountWords(b.text)
		res.parts = append(res.parts, bodyPart{pos: b.pos, md: b.markdown()})
	}
	for _, u := range h.unresolved {
		res.Notes = append(res.Notes, "note reference "+u+" has no note in this import: its mark is kept as text")
	}
	res.Notes = append(res.Notes, h.messages...)
	sort.SliceStable(res.Removed, func(i, j int) bool { return res.Removed[i].pos < res.Removed[j].pos })
	res.noteDefs = referencedNotes(res, strings.Join(md, "\n\n"), h)
	res.allImages = h.images
	res.rebuild()
	for _, missing := range []struct {
		empty bool
		what  string
	}{{res.Title == "", "no title found (none stands in the text; write one before building)"},
		{len(res.Authors) == 0, "no author found"},
		{res.Date == "", "no date found"},
		{res.Source == "", "no first-publication source found"}} {
		if missing.empty {
			res.Notes = append(res.Notes, missing.what)
		}
	}
	return res
}

var noteLabel = regexp.MustCompile(`^\[\^([^\]\s]+)\]:`)

// referencedNotes returns the note definitions that the body (or another note) references. A
// note whose reference went with a cut block would not be printed: it is reported as cut.
func referencedNotes(res *Result, body string, h hints) []string {
	var out []string
	for i, def := range h.notes {
		m := noteLabel.FindStringSubmatch(def)
		if m == nil {
			out = append(out, def)
			continue
		}
		ref := "[^" + m[1] + "]"
		used := strings.Contains(body, ref)
		for j, other := range h.notes {
			if j != i && strings.Contains(other, ref) {
				used = true
			}
		}
		if used {
			out = append(out, def)
			continue
		}
		words := 0
		if i < len(h.noteWordsEach) {
			words = h.noteWordsEach[i]
		}
		res.WordsOut -= words
		res.Removed = append(res.Removed, Removed{Text: def, Reason: "note whose reference was cut with its block", Words: words, pos: 1 << 30})
	}
	return out
}

// webCleanUp cuts a web page's furniture around the essay: the comment section and what
// follows it, furniture lines, the site's name, the first-publication notice (which becomes
// the essay's source). It returns the comments' dates and the title the comments name.
func (c *cleaner) webCleanUp(h hints) (commentDates []string, commentTitle string) {
	res := c.res
	// The comment section and whatever follows it (sidebars, widgets) are the page's, not the
	// essay's. Remember the comments' dates: they date a post that gives none.
	for i, b := range c.blocks {
		f := matchFurniture(b.text)
		if f == nil || !f.starts {
			continue
		}
		if m := regexp.MustCompile(`(?i)(?:responses?|comments?|replies|thoughts) (?:to|on) [“"‘']?(.+?)[”"’']?$`).FindStringSubmatch(b.text); m != nil {
			commentTitle = m[1]
		}
		// Until the comment form, what follows are comments; after it, sidebars and widgets.
		generic := "comment"
		for len(c.blocks) > i {
			t := c.blocks[i].text
			if d := dateAny.FindString(t); d != "" && generic == "comment" {
				commentDates = append(commentDates, d)
			}
			reason := generic
			if g := matchFurniture(t); g != nil {
				reason = g.reason
				if g.reason != "comment section" {
					generic = "sidebar or widget, after the comments"
				}
			}
			c.remove(i, reason)
		}
		break
	}
	// Furniture anywhere else.
	for i := 0; i < len(c.blocks); {
		if f := matchFurniture(c.blocks[i].text); f != nil {
			c.remove(i, f.reason)
			continue
		}
		i++
	}
	// A site's name alone at the top.
	if len(c.blocks) > 1 && isSiteName(c.blocks[0].text, h.siteName) {
		c.remove(0, "site name")
	}

	// First publication.
	for i := 0; i < len(c.blocks); i++ {
		if t := strings.ToLower(c.blocks[i].text); len(t) > maxFurniture || !containsAny(t, sourceWords) {
			continue
		}
		for _, re := range sourceLine {
			if m := re.FindStringSubmatch(c.blocks[i].text); m != nil {
				if res.Source == "" {
					res.Source = strings.TrimSpace(m[1])
				}
				if strings.HasSuffix(strings.TrimSpace(c.blocks[i].text), ":") {
					// "Originally posted on X:" introduces the essay (a reblog): what stands
					// before it is the host's remark.
					c.introducedAt = c.blocks[i].pos
				}
				c.remove(i, "first-publication notice (now the essay's source)")
				i--
				break
			}
		}
	}
	return commentDates, commentTitle
}

// furnitureWords are words at least one of which every furniture line has: a cheap test that
// spares the patterns the essay's own paragraphs.
var furnitureWords = []string{"respons", "comment", "repl", "thought", "email", "required", "log", "wordpress",
	"google", "twitter", "facebook", "gravatar", "connecting", "notify", "blogger", "like", "share", "follow",
	"subscri", "sign up", "tweet", "pin it", "print", "related", "read more", "continue", "more from", "recommend",
	"posted", "filed", "tag", "categor", "advertis", "photo", "©", "(c)", "copyright", "enjoyed", "click", "discussion",
	"said", "says", "wrote", "image", "picture", "illustration", "artwork", "credit", "source", "via", "join",
	"think", "thoughts", "have your say", "platform", "flag"}

// maxFurniture is the longest line that can be furniture; essays' paragraphs run longer.
const maxFurniture = 400

func matchFurniture(t string) *furniture {
	t = strings.TrimSpace(t)
	if len(t) > maxFurniture || !containsAny(strings.ToLower(t), furnitureWords) {
		return nil
	}
	for i := range furnitures {
		if furnitures[i].re.MatchString(t) {
			return &furnitures[i]
		}
	}
	return nil
}

var sourceWords = []string{"publish", "appear", "ran ", "print", "post"}

func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// isSiteName recognises a site's name standing alone at the top of a copied page: one word in
// CamelCase or a domain, or the name the page itself gives.
func isSiteName(t, site string) bool {
	t = strings.TrimSpace(t)
	if site != "" && strings.EqualFold(t, site) {
		return true
	}
	if strings.ContainsAny(t, " \t") || endsSentence(t) || utf8.RuneCountInString(t) > 40 {
		return false
	}
	if regexp.MustCompile(`(?i)^[a-z0-9-]+(\.[a-z0-9-]+)*\.(com|net|org|io|co|blog|me|uk|de)$`).MatchString(t) {
		return true
	}
	// CamelCase: a capital after a lower-case letter inside the word ("LaptopsVilla").
	rs := []rune(t)
	for i := 1; i < len(rs); i++ {
		if unicode.IsUpper(rs[i]) && unicode.IsLower(rs[i-1]) {
			return true
		}
	}
	return false
}

// findTitle takes the essay's title from the top of the text: a line the comment header names,
// a quoted headline, or a first short line. Never from elsewhere: no title is better than an
// invented one.
func (c *cleaner) findTitle(fromComments string, h hints) {
	if len(c.blocks) < 2 {
		return
	}
	first := c.blocks[0]
	t := strings.TrimSpace(first.text)
	if first.kind != para && first.kind != heading {
		return
	}
	switch {
	case fromComments != "" && strings.EqualFold(strings.Trim(t, "“”\"‘’'"), strings.TrimSpace(fromComments)):
	case isQuotedHeadline(t):
		t = strings.Trim(t, "“”\"‘’' ")
	case first.kind == heading:
	case h.title != "" && strings.EqualFold(t, h.title):
	case words(t) <= 12 && utf8.RuneCountInString(t) <= 100 && !endsSentence(t) && !strings.HasSuffix(t, ",") &&
		!strings.HasSuffix(t, ":") && normalizeDate(t) == "" && byline.FindStringSubmatch(t) == nil && !looksLikeName(t):
	default:
		return
	}
	c.res.Title = titleFromLine(t)
	c.remove(0, "title (now the essay's title)")
	// A dek: a short line under the title, not a sentence of the essay.
	if len(c.blocks) > 1 {
		d := strings.TrimSpace(c.blocks[0].text)
		// A paragraph the file itself styles as the subtitle is one, whatever its words.
		styled := h.subtitle != "" && d == strings.TrimSpace(h.subtitle)
		if c.blocks[0].kind == para && (styled || words(d) <= 25 && !endsSentence(d) && (titleCaseRatio(d) >= 0.6 || c.blocks[0].emphasised) &&
			byline.FindStringSubmatch(d) == nil && !looksLikeName(d) && normalizeDate(d) == "") {
			c.res.Subtitle = strings.Trim(d, "“”\"")
			c.remove(0, "subtitle (now the essay's subtitle)")
		}
	}
}

// isQuotedHeadline recognises a headline in quotation marks: short, capitalised like a title,
// not a sentence of dialogue.
func isQuotedHeadline(t string) bool {
	if !(strings.HasPrefix(t, "“") && strings.HasSuffix(t, "”")) && !(strings.HasPrefix(t, "\"") && strings.HasSuffix(t, "\"")) {
		return false
	}
	inner := strings.Trim(t, "“”\" ")
	return words(inner) >= 3 && words(inner) <= 25 && !endsSentence(inner) && titleCaseRatio(inner) >= 0.6
}

// titleFromLine writes a title found in the text as a book prints it: a title set all in lower
// case (a blog's styling) is given capitals; anything else keeps its author's spelling.
func titleFromLine(t string) string {
	t = strings.Join(strings.Fields(smartQuotes(t)), " ")
	if strings.ToLower(t) != t {
		return t
	}
	small := map[string]bool{"a": true, "an": true, "the": true, "and": true, "but": true, "or": true, "nor": true,
		"for": true, "of": true, "in": true, "on": true, "at": true, "to": true, "by": true, "as": true, "with": true}
	ws := strings.Fields(t)
	for i, w := range ws {
		if i > 0 && i < len(ws)-1 && small[w] {
			continue
		}
		r, size := utf8.DecodeRuneInString(w)
		ws[i] = string(unicode.ToUpper(r)) + w[size:]
	}
	return strings.Join(ws, " ")
}

// findByline takes "By Jane Doe" from near the top.
func (c *cleaner) findByline() {
	for i := 0; i < len(c.blocks) && i < 6; i++ {
		if m := byline.FindStringSubmatch(strings.TrimSpace(c.blocks[i].text)); m != nil {
			c.addAuthor(m[1], "")
			c.remove(i, "byline (now the essay's author)")
			return
		}
	}
}

// findDate takes a line that is only a date from near the top.
func (c *cleaner) findDate() {
	for i := 0; i < len(c.blocks) && i < 3; i++ {
		t := strings.TrimSpace(c.blocks[i].text)
		if m := dateOnly.FindStringSubmatch(t); m != nil {
			if d := normalizeDate(m[1]); d != "" {
				if c.res.Date == "" {
					c.res.Date = d
				}
				c.remove(i, "date line (now the essay's date)")
				return
			}
		}
	}
}

// maxBioWords is the longest paragraph taken for an author's bio.
const maxBioWords = 150

// findBio takes a closing paragraph about the author ("Emily Solberg is a writer…"), and the
// line with their name before it, from the end of the text: they go to the contributor.
func (c *cleaner) findBio() {
	n := len(c.blocks)
	for i := n - 1; i >= 0 && i >= n-3; i-- {
		t := strings.TrimLeft(strings.TrimSpace(c.blocks[i].text), "-–—•* ")
		m := bioStart.FindStringSubmatch(t)
		// A bio is a few sentences; a long paragraph that opens "Already History is…" is
		// the essay's.
		if m == nil || notNames[strings.Fields(m[1])[0]] || words(t) > maxBioWords {
			continue
		}
		name := m[1]
		c.remove(i, "author's bio (now the contributor's bio)")
		if i > 0 && strings.EqualFold(strings.TrimSpace(c.blocks[i-1].text), name) {
			c.remove(i-1, "author's name (now the essay's author)")
		}
		c.addAuthor(name, smartQuotes(t))
		return
	}
	// A name alone on the last line, after the essay (a signature).
	if n > 2 {
		if m := dashSig.FindStringSubmatch(strings.TrimSpace(c.blocks[n-1].text)); m != nil {
			c.addAuthor(m[1], "")
			c.remove(n-1, "signature line (now the essay's author)")
		}
	}
}

// findSignature takes the author from a letter's signature when it is a full name ("Love,
// Jane Doe"); the signature stays in the text, as the writer wrote it.
func (c *cleaner) findSignature() {
	if len(c.res.Authors) > 0 {
		return
	}
	n := len(c.blocks)
	for i := n - 1; i > 0 && i >= n-3; i-- {
		if letterEnding.MatchString(strings.TrimSpace(c.blocks[i-1].text)) && looksLikeName(strings.TrimSpace(c.blocks[i].text)) {
			c.addAuthor(strings.TrimSpace(c.blocks[i].text), "")
			return
		}
	}
}

func (c *cleaner) addAuthor(name, bio string) {
	name = strings.Join(strings.Fields(name), " ")
	for i, a := range c.res.Authors {
		if strings.EqualFold(a.Name, name) {
			if a.Bio == "" {
				c.res.Authors[i].Bio = bio
			}
			return
		}
	}
	c.res.Authors = append(c.res.Authors, Author{Name: name, Bio: bio})
}

// tidy drops scene breaks that separate nothing: at the start or the end, and doubled.
func (c *cleaner) tidy() {
	var out []block
	for _, b := range c.blocks {
		if b.kind == sceneBreak && (len(out) == 0 || out[len(out)-1].kind == sceneBreak) {
			c.res.Removed = append(c.res.Removed, Removed{Text: b.text, Reason: "separator with nothing before it", Words: CountWords(b.text), pos: b.pos})
			continue
		}
		out = append(out, b)
	}
	for len(out) > 0 && out[len(out)-1].kind == sceneBreak {
		c.res.Removed = append(c.res.Removed, Removed{Text: out[len(out)-1].text, Reason: "separator with nothing after it", Words: CountWords(out[len(out)-1].text), pos: out[len(out)-1].pos})
		out = out[:len(out)-1]
	}
	c.blocks = out
}

// findHeadings marks short capitalised lines between paragraphs as headings ("Conclusion").
func (c *cleaner) findHeadings() {
	for i := 1; i+1 < len(c.blocks); i++ {
		b := &c.blocks[i]
		t := strings.TrimSpace(b.text)
		if b.kind != para || words(t) > 7 || words(t) == 0 || strings.ContainsAny(t[len(t)-1:], ".,;:!?…") || strings.HasSuffix(t, "”") {
			continue
		}
		if r, _ := utf8.DecodeRuneInString(t); !unicode.IsUpper(r) {
			continue
		}
		if c.blocks[i-1].kind != para || c.blocks[i+1].kind != para || letterEnding.MatchString(strings.TrimSpace(c.blocks[i-1].text)) {
			continue
		}
		if titleCaseRatio(t) < 0.5 && words(t) > 1 {
			continue
		}
		b.kind = heading
		b.level = 2
	}
}

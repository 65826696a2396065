// Package spell checks spelling with Hunspell dictionaries (the .aff and .dic files Debian's
// hunspell-en-us, hunspell-fr … install, and LibreOffice and Firefox use), read by a reader of
// our own: words, prefixes and suffixes with their conditions and cross products, ICONV, REP
// and TRY for suggestions, NOSUGGEST, FORBIDDENWORD, ONLYINCOMPOUND and KEEPCASE. Compound
// rules are not applied (tokens with digits, where English uses them, are not checked).
package spell

import (
	"bufio"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// flag is one affix or property flag, whatever the dictionary's FLAG mode.
type flag string

// affix is one prefix or suffix rule.
type affix struct {
	flag      flag
	cross     bool   // may combine with an affix of the other kind
	strip     string // removed from the stem
	add       string // added to make the word
	cond      *regexp.Regexp
	condition string
}

// Dictionary is one language's dictionary.
type Dictionary struct {
	words      map[string][][]flag // stem → the flag sets of its entries (homonyms)
	prefixes   []*affix
	suffixes   []*affix
	try        []rune
	rep        [][2]string
	iconv      [][2]string
	noSuggest  flag
	forbidden  flag
	onlyInComp flag
	keepCase   flag
	flagMode   string
	wordChars  string
}

// Load reads a dictionary from its .aff and .dic files (UTF-8; other SET encodings are refused).
func Load(aff, dic io.Reader) (*Dictionary, error) {
	d := &Dictionary{words: map[string][][]flag{}}
	if err := d.readAff(aff); err != nil {
		return nil, fmt.Errorf("affix file: %w", err)
	}
	if err := d.readDic(dic); err != nil {
		return nil, fmt.Errorf("word list: %w", err)
	}
	return d, nil
}

func (d *Dictionary) readAff(r io.Reader) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	var pending *struct {
		kind  string
		flag  flag
		cross bool
		left  int
	}
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimPrefix(sc.Text(), "\uFEFF")
		if i := strings.Index(text, "#"); i == 0 {
			continue
		}
		f := strings.Fields(text)
		if len(f) == 0 {
			continue
		}
		switch f[0] {
		case "SET":
			if len(f) > 1 && !strings.EqualFold(f[1], "UTF-8") {
				return fmt.Errorf("line %d: encoding %s (only UTF-8 dictionaries are read)", line, f[1])
			}
		case "FLAG":
			if len(f) > 1 {
				d.flagMode = f[1]
			}
		case "TRY":
			if len(f) > 1 {
				d.try = []rune(f[1])
			}
		case "WORDCHARS":
			if len(f) > 1 {
				d.wordChars = f[1]
			}
		case "NOSUGGEST", "FORBIDDENWORD", "ONLYINCOMPOUND", "KEEPCASE":
			if len(f) > 1 {
				fl := d.parseFlags(f[1])
				if len(fl) == 1 {
					switch f[0] {
					case "NOSUGGEST":
						d.noSuggest = fl[0]
					case "FORBIDDENWORD":
						d.forbidden = fl[0]
					case "ONLYINCOMPOUND":
						d.onlyInComp = fl[0]
					case "KEEPCASE":
						d.keepCase = fl[0]
					}
				}
			}
		case "REP", "ICONV":
			if len(f) == 3 {
				pair := [2]string{strings.ReplaceAll(f[1], "_", " "), strings.ReplaceAll(f[2], "_", " ")}
				if f[0] == "REP" {
					d.rep = append(d.rep, pair)
				} else {
					d.iconv = append(d.iconv, pair)
				}
			}
		case "PFX", "SFX":
			if len(f) < 4 {
				return fmt.Errorf("line %d: a short %s line", line, f[0])
			}
			fl := d.parseFlags(f[1])
			if len(fl) != 1 {
				return fmt.Errorf("line %d: %q is not one flag", line, f[1])
			}
			if pending == nil || pending.left == 0 || pending.flag != fl[0] || pending.kind != f[0] {
				n, err := strconv.Atoi(f[3])
				if err != nil {
					return fmt.Errorf("line %d: %q is not a rule count", line, f[3])
				}
				pending = &struct {
					kind  string
					flag  flag
					cross bool
					left  int
				}{f[0], fl[0], f[2] == "Y", n}
				continue
			}
			pending.left--
			a, err := d.parseAffix(f, pending.kind == "PFX")
			if err != nil {
				return fmt.Errorf("line %d: %w", line, err)
			}
			a.flag, a.cross = pending.flag, pending.cross
			if pending.kind == "PFX" {
				d.prefixes = append(d.prefixes, a)
			} else {
				d.suffixes = append(d.suffixes, a)
			}
		}
	}
	return sc.Err()
}

// parseAffix reads "SFX D y ied [^aeiou]y": strip, add (with continuation flags after a
// slash, which this reader does not follow) and condition.
func (d *Dictionary) parseAffix(f []string, prefix bool) (*affix, error) {
	if len(f) < 4 {
		return nil, fmt.Errorf("a short rule")
	}
	a := &affix{strip: f[2], add: f[3], condition: "."}
	if a.strip == "0" {
		a.strip = ""
	}
	if i := strings.IndexByte(a.add, '/'); i >= 0 {
		a.add = a.add[:i]
	}
	if a.add == "0" {
		a.add = ""
	}
	if len(f) > 4 {
		a.condition = f[4]
	}
	expr := conditionRegexp(a.condition)
	if prefix {
		expr = "^" + expr
	} else {
		expr += "$"
	}
	re, err := regexp.Compile(expr)
	if err != nil {
		return nil, fmt.Errorf("condition %q: %v", a.condition, err)
	}
	a.cond = re
	return a, nil
}

// conditionRegexp writes a Hunspell condition (letters, '.', [set] and [^set]) as a regular
// expression.
func conditionRegexp(c string) string {
	var b strings.Builder
	in := false
	for _, r := range c {
		switch {
		case r == '[' && !in:
			in = true
			b.WriteRune(r)
		case r == ']' && in:
			in = false
			b.WriteRune(r)
		case in && (r == '^' || r == '-'):
			b.WriteRune(r)
		case r == '.' && !in:
			b.WriteRune(r)
		default:
			b.WriteString(regexp.QuoteMeta(string(r)))
		}
	}
	return b.String()
}

// parseFlags splits a flag field by the dictionary's FLAG mode.
func (d *Dictionary) parseFlags(s string) []flag {
	var out []flag
	switch d.flagMode {
	case "long":
		rs := []rune(s)
		for i := 0; i+1 < len(rs); i += 2 {
			out = append(out, flag(string(rs[i:i+2])))
		}
	case "num":
		for _, n := range strings.Split(s, ",") {
			if n = strings.TrimSpace(n); n != "" {
				out = append(out, flag(n))
			}
		}
	default: // one character per flag ("UTF-8" mode included)
		for _, r := range s {
			out = append(out, flag(string(r)))
		}
	}
	return out
}

func (d *Dictionary) readDic(r io.Reader) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	first := true
	for sc.Scan() {
		line := strings.TrimPrefix(sc.Text(), "\uFEFF")
		if first {
			first = false
			if _, err := strconv.Atoi(strings.TrimSpace(line)); err == nil {
				continue // the count of entries
			}
		}
		if line == "" || line[0] == '\t' || line[0] == '#' {
			continue
		}
		// Morphological fields follow a tab or a space; a slash starts the flags (one
		// escaped as "\/" belongs to the word).
		if i := strings.IndexAny(line, "\t "); i >= 0 {
			line = line[:i]
		}
		word, flags := line, ""
		for i := 0; i < len(line); i++ {
			if line[i] == '/' && (i == 0 || line[i-1] != '\\') {
				word, flags = line[:i], line[i+1:]
				break
			}
		}
		word = strings.ReplaceAll(word, `\/`, "/")
		if word == "" {
			continue
		}
		d.words[word] = append(d.words[word], d.parseFlags(flags))
	}
	return sc.Err()
}

// AddWords adds words the dictionary should take as they are (a project's word list).
func (d *Dictionary) AddWords(words []string) {
	for _, w := range words {
		if w = strings.TrimSpace(w); w != "" {
			d.words[w] = append(d.words[w], nil)
		}
	}
}

func has(fs []flag, f flag) bool {
	if f == "" {
		return false
	}
	for _, x := range fs {
		if x == f {
			return true
		}
	}
	return false
}

// entry reports whether stem is a word with a flag set satisfying ok.
func (d *Dictionary) entry(stem string, ok func([]flag) bool) bool {
	for _, fs := range d.words[stem] {
		if !has(fs, d.forbidden) && !has(fs, d.onlyInComp) && ok(fs) {
			return true
		}
	}
	return false
}

// lookup reports whether word, in exactly this case, is a word of the dictionary: an entry,
// or an entry with a prefix, a suffix or both.
func (d *Dictionary) lookup(word string, suggestable bool) bool {
	usable := func(fs []flag) bool { return !suggestable || !has(fs, d.noSuggest) }
	if d.forbiddenWord(word) {
		return false
	}
	if d.entry(word, usable) {
		return true
	}
	if d.suffixed(word, func(fs []flag) bool { return usable(fs) }, nil) {
		return true
	}
	for _, p := range d.prefixes {
		if !strings.HasPrefix(word, p.add) || len(word) <= len(p.add) {
			continue
		}
		stem := p.strip + word[len(p.add):]
		if !p.cond.MatchString(stem) {
			continue
		}
		if d.entry(stem, func(fs []flag) bool { return usable(fs) && has(fs, p.flag) }) {
			return true
		}
		if p.cross && d.suffixed(stem, func(fs []flag) bool { return usable(fs) && has(fs, p.flag) }, func(s *affix) bool { return s.cross }) {
			return true
		}
	}
	return false
}

// suffixed reports whether word is a stem (whose flags pass ok) with one of the suffixes
// (those passing which, if given).
func (d *Dictionary) suffixed(word string, ok func([]flag) bool, which func(*affix) bool) bool {
	for _, s := range d.suffixes {
		if (which != nil && !which(s)) || !strings.HasSuffix(word, s.add) || len(word) <= len(s.add) {
			continue
		}
		stem := word[:len(word)-len(s.add)] + s.strip
		if !s.cond.MatchString(stem) {
			continue
		}
		if d.entry(stem, func(fs []flag) bool { return ok(fs) && has(fs, s.flag) }) {
			return true
		}
	}
	return false
}

func (d *Dictionary) forbiddenWord(word string) bool {
	for _, fs := range d.words[word] {
		if has(fs, d.forbidden) {
			return true
		}
	}
	return false
}

// normalize applies the dictionary's input conversions (ICONV: a typographic apostrophe to
// the one the word list uses).
func (d *Dictionary) normalize(word string) string {
	for _, p := range d.iconv {
		word = strings.ReplaceAll(word, p[0], p[1])
	}
	return word
}

// Correct reports whether word is spelled correctly: as the dictionary has it, or with a
// capital first letter (at the start of a sentence), or in capitals throughout.
func (d *Dictionary) Correct(word string) bool {
	return d.correct(d.normalize(word), false)
}

func (d *Dictionary) correct(w string, suggestable bool) bool {
	if w == "" || d.lookup(w, suggestable) {
		return true
	}
	lower := strings.ToLower(w)
	switch {
	case isCapitalized(w):
		return d.lookupKeep(lower, suggestable)
	case w == strings.ToUpper(w) && w != lower:
		return d.lookupKeep(lower, suggestable) || d.lookupKeep(capitalize(lower), suggestable)
	}
	return false
}

// lookupKeep looks a word up in another case than written, unless its entries must keep
// their case (KEEPCASE).
func (d *Dictionary) lookupKeep(w string, suggestable bool) bool {
	if d.keepCase != "" {
		for _, fs := range d.words[w] {
			if has(fs, d.keepCase) {
				return false
			}
		}
	}
	return d.lookup(w, suggestable)
}

func isCapitalized(w string) bool {
	r, n := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r) && w[n:] == strings.ToLower(w[n:])
}

func capitalize(w string) string {
	r, n := utf8.DecodeRuneInString(w)
	return string(unicode.ToUpper(r)) + w[n:]
}

// Suggest returns up to max corrections of a misspelled word, likeliest first: the
// dictionary's common misspellings (REP), then words one edit away (a letter changed, added,
// dropped or two swapped, letters from TRY), then two words where one was meant to be split.
func (d *Dictionary) Suggest(word string, max int) []string {
	w := d.normalize(word)
	var out []string
	seen := map[string]bool{w: true}
	add := func(s string) bool {
		if seen[s] {
			return false
		}
		seen[s] = true
		ok := d.correct(s, true)
		if !ok && strings.Contains(s, " ") {
			a, b, _ := strings.Cut(s, " ")
			ok = len(a) > 1 && len(b) > 1 && d.correct(a, true) && d.correct(b, true)
		}
		if ok {
			if c := matchCase(word, s); !slices.Contains(out, c) {
				out = append(out, c)
			}
		}
		return len(out) >= max
	}
	for _, p := range d.rep {
		for i := strings.Index(w, p[0]); i >= 0; {
			if add(w[:i] + p[1] + w[i+len(p[0]):]) {
				return out
			}
			next := strings.Index(w[i+1:], p[0])
			if next < 0 {
				break
			}
			i += 1 + next
		}
	}
	rs := []rune(w)
	try := d.try
	if len(try) == 0 {
		try = []rune("etaoinshrdlucmfwypvbgkjqxz")
	}
	for i := 0; i+1 < len(rs); i++ { // two letters swapped
		s := slicesSwap(rs, i)
		if add(string(s)) {
			return out
		}
	}
	for i := range rs { // a letter changed
		for _, c := range try {
			if c == rs[i] {
				continue
			}
			s := append(append(append([]rune{}, rs[:i]...), c), rs[i+1:]...)
			if add(string(s)) {
				return out
			}
		}
	}
	for i := range rs { // a letter too many
		if add(string(rs[:i]) + string(rs[i+1:])) {
			return out
		}
	}
	for i := 0; i <= len(rs); i++ { // a letter missing
		for _, c := range try {
			if add(string(rs[:i]) + string(c) + string(rs[i:])) {
				return out
			}
		}
	}
	for i := 1; i < len(rs); i++ { // two words run together
		if add(string(rs[:i]) + " " + string(rs[i:])) {
			return out
		}
	}
	return out
}

func slicesSwap(rs []rune, i int) []rune {
	s := append([]rune{}, rs...)
	s[i], s[i+1] = s[i+1], s[i]
	return s
}

// matchCase gives a suggestion the case of the word it replaces: capitalized, or in capitals.
func matchCase(word, s string) string {
	switch {
	case word == strings.ToUpper(word) && word != strings.ToLower(word) && utf8.RuneCountInString(word) > 1:
		return strings.ToUpper(s)
	case isCapitalized(word) && !isCapitalized(s):
		return capitalize(s)
	}
	return s
}

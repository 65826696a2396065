package typeset

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"golang.org/x/text/encoding/htmlindex"

	"github.com/anthology-editor/anthology/anthology/bounded"
)

// A language whose TeX patterns are not bundled (Czech's are GPL, so not shipped with the app)
// is hyphenated by the patterns LibreOffice installs, when the system has them: Debian's
// hyphen-cs, hyphen-hu, hyphen-hr … put them in /usr/share/hyphen as hyph_cs_CZ.dic. Those
// files are TeX patterns too, one per line, after a line naming their encoding.

// hyphenDirs are the folders such dictionaries are looked for in: $ANTHOLOGY_HYPHENATION (a
// list), then where Linux installs them.
func hyphenDirs() []string {
	var dirs []string
	if env := os.Getenv("ANTHOLOGY_HYPHENATION"); env != "" {
		dirs = append(dirs, filepath.SplitList(env)...)
	}
	return append(dirs, "/usr/share/hyphen", "/usr/share/myspell/dicts")
}

// systemPatterns reads the installed hyphenation dictionary of a language: its patterns as
// text (UTF-8) and its minimums (0 where it says none).
func systemPatterns(lang string) (patterns []byte, left, right int, ok bool) {
	tag := strings.ReplaceAll(strings.ToLower(lang), "-", "_")
	primary, region, _ := strings.Cut(tag, "_")
	var names []string
	if region != "" {
		names = append(names, "hyph_"+primary+"_"+strings.ToUpper(region)+".dic")
	}
	names = append(names, "hyph_"+primary+"_"+strings.ToUpper(primary)+".dic", "hyph_"+primary+".dic")
	for _, dir := range hyphenDirs() {
		// Then any region's: Czech is hyph_cs_CZ.dic.
		others, _ := filepath.Glob(filepath.Join(dir, "hyph_"+primary+"_*.dic"))
		for _, o := range others {
			names = append(names, filepath.Base(o))
		}
		for _, name := range names {
			data, err := bounded.ReadFile(filepath.Join(dir, name), 16<<20)
			if err != nil {
				continue
			}
			if p, l, r, ok := parseHyphenDic(data); ok {
				return p, l, r, true
			}
		}
	}
	return nil, 0, 0, false
}

// parseHyphenDic reads a LibreOffice hyphenation dictionary: the encoding on the first line,
// then patterns, LEFTHYPHENMIN/RIGHTHYPHENMIN lines and, in a compound-aware file, the
// patterns after NEXTLEVEL (the ordinary ones). Non-standard patterns ("c1k/k=k,2,1") are left
// out: Liang's algorithm has no use for them.
func parseHyphenDic(data []byte) (patterns []byte, left, right int, ok bool) {
	first, rest, _ := bytes.Cut(data, []byte("\n"))
	enc := strings.ToLower(strings.TrimSpace(string(first)))
	if strings.HasPrefix(enc, "iso8859") {
		enc = "iso-8859" + strings.TrimPrefix(enc, "iso8859")
	}
	if enc != "utf-8" {
		e, err := htmlindex.Get(enc)
		if err != nil {
			return nil, 0, 0, false
		}
		if rest, err = e.NewDecoder().Bytes(rest); err != nil {
			return nil, 0, 0, false
		}
	}
	var out bytes.Buffer
	sc := bufio.NewScanner(bytes.NewReader(rest))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		f := strings.Fields(line)
		switch {
		case line == "" || strings.HasPrefix(line, "%") || strings.HasPrefix(line, "#"):
		case f[0] == "NEXTLEVEL":
			out.Reset() // the patterns before were for compounds' joints
		case f[0] == "LEFTHYPHENMIN" && len(f) > 1:
			left, _ = strconv.Atoi(f[1])
		case f[0] == "RIGHTHYPHENMIN" && len(f) > 1:
			right, _ = strconv.Atoi(f[1])
		case strings.ToUpper(f[0]) == f[0] && strings.Contains(f[0], "HYPHENMIN"), strings.Contains(line, "/"):
		default:
			out.WriteString(f[0])
			out.WriteByte('\n')
		}
	}
	return out.Bytes(), left, right, out.Len() > 0
}

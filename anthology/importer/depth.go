package importer

import (
	"fmt"
	"strings"

	"golang.org/x/net/html"
)

// MaxHTMLDepth bounds how deeply a page's elements may nest. Real pages nest 20 to 40 deep
// (a theme's wrappers around an article); 50,000 nested <div> took the HTML parser and the
// clean-up 150 s, since both walk the open elements at every step.
const MaxHTMLDepth = 512

// optionalEnd are the elements whose end tag may be left out (HTML's "optional tags"): old
// pages write <p> and <li> without closing them, so they do not count as nesting here.
var optionalEnd = map[string]bool{"p": true, "li": true, "dt": true, "dd": true, "option": true,
	"optgroup": true, "tr": true, "td": true, "th": true, "thead": true, "tbody": true,
	"tfoot": true, "colgroup": true, "caption": true, "rb": true, "rt": true, "rtc": true,
	"rp": true, "html": true, "head": true, "body": true}

// voidElements never have content.
var voidElements = map[string]bool{"area": true, "base": true, "br": true, "col": true,
	"embed": true, "hr": true, "img": true, "input": true, "link": true, "meta": true,
	"source": true, "track": true, "wbr": true, "param": true, "keygen": true}

// checkHTMLDepth refuses a document whose elements nest more than MaxHTMLDepth deep, naming
// the line and column where it passes the limit. One pass of the tokenizer: linear.
func checkHTMLDepth(s string) error {
	z := html.NewTokenizer(strings.NewReader(s))
	depth, line, col := 0, 1, 1
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return nil
		}
		raw := z.Raw()
		switch tt {
		case html.StartTagToken:
			name, _ := z.TagName()
			if n := string(name); !voidElements[n] && !optionalEnd[n] {
				depth++
				if depth > MaxHTMLDepth {
					return fmt.Errorf("line %d, column %d: elements nest more than %d deep (a generated or damaged page); refused", line, col, MaxHTMLDepth)
				}
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			if n := string(name); !voidElements[n] && !optionalEnd[n] && depth > 0 {
				depth--
			}
		}
		for _, c := range string(raw) {
			if c == '\n' {
				line, col = line+1, 1
			} else {
				col++
			}
		}
	}
}

package importer

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

// TestWebDevSet runs the checks of ../shared/import-dev/score.py (title, author, where the body
// starts and ends, no furniture left in it) over the team's development set of real web pages,
// and holds the clean-up to the share it has reached. The pages are third-party text kept
// outside the repository: without them (ANTHOLOGY_IMPORT_DEV or ../shared/import-dev beside
// the repository) the test says it skipped.
func TestWebDevSet(t *testing.T) {
	dir := os.Getenv("ANTHOLOGY_IMPORT_DEV")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "shared", "import-dev")
	}
	cases, _ := filepath.Glob(filepath.Join(dir, "*.expect.json"))
	if len(cases) == 0 {
		t.Skipf("SKIPPED: no development set at %s (set ANTHOLOGY_IMPORT_DEV)", dir)
	}
	passed, total := 0, 0
	for _, c := range cases {
		var exp struct {
			Title, Author       *string
			BodyFirstWords      string   `json:"body_first_words"`
			BodyLastWords       string   `json:"body_last_words"`
			BoilerplateExamples []string `json:"boilerplate_examples"`
			BoilerplateInline   []string `json:"boilerplate_inline"`
		}
		data, err := os.ReadFile(c)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(data, &exp); err != nil {
			t.Fatalf("%s: %v", c, err)
		}
		name := filepath.Base(c)[:3]
		r, err := ReadFile(strings.TrimSuffix(c, ".expect.json") + ".txt")
		if err != nil {
			t.Errorf("%s: %v", name, err)
			total += 5
			continue
		}
		check := func(what string, ok bool, got string) {
			total++
			if ok {
				passed++
			} else {
				t.Logf("%s: %s (got %.70q)", name, what, got)
			}
		}
		if exp.Title != nil && *exp.Title != "" {
			check("title", devNorm(r.Title) == devNorm(*exp.Title), r.Title)
		}
		if exp.Author != nil && *exp.Author != "" {
			want, found := devNorm(*exp.Author), false
			var names []string
			for _, a := range r.Authors {
				n := devNorm(a.Name)
				names = append(names, a.Name)
				found = found || n != "" && (strings.Contains(want, n) || strings.Contains(n, want))
			}
			check("author", found, strings.Join(names, ", "))
		}
		bw := devWords(r.Body)
		fw, lw := devWords(exp.BodyFirstWords), devWords(exp.BodyLastWords)
		check("body start", len(bw) >= len(fw) && strings.Join(bw[:len(fw)], " ") == strings.Join(fw, " "), strings.Join(bw[:min(8, len(bw))], " "))
		check("body end", len(lw) == 0 || len(bw) >= len(lw) && strings.Join(bw[len(bw)-len(lw):], " ") == strings.Join(lw, " "),
			strings.Join(bw[max(0, len(bw)-8):], " "))
		nb := devNorm(r.Body)
		var left []string
		for _, b := range append(exp.BoilerplateExamples, exp.BoilerplateInline...) {
			re := regexp.MustCompile(`(^|[^a-z0-9])` + regexp.QuoteMeta(devNorm(b)) + `($|[^a-z0-9])`)
			if re.MatchString(nb) {
				left = append(left, b)
			}
		}
		check("furniture out", len(left) == 0, strings.Join(left, " | "))
	}
	share := float64(passed) / float64(total)
	t.Logf("web clean-up: %d/%d checks (%.0f%%) on %d pages", passed, total, share*100, len(cases))
	// The share reached on 2026-12-01 (121/127); a change that loses ground fails here.
	if share < 0.95 {
		t.Errorf("web clean-up passes %d/%d checks (%.0f%%), below the 95%% reached", passed, total, share*100)
	}
}

var devSpace = regexp.MustCompile(`\s+`)

// devNorm is score.py's norm: NFKC, straight quotes, white space collapsed, lower case.
func devNorm(s string) string {
	s = norm.NFKC.String(s)
	s = strings.NewReplacer("’", "'", "‘", "'", "“", `"`, "”", `"`).Replace(s)
	return strings.ToLower(strings.TrimSpace(devSpace.ReplaceAllString(s, " ")))
}

var devNonWord = regexp.MustCompile(`[^a-z0-9' ]+`)

// devWords is score.py's words.
func devWords(s string) []string { return strings.Fields(devNonWord.ReplaceAllString(devNorm(s), " ")) }

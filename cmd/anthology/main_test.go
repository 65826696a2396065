package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/anthology-editor/anthology/anthology/edit/edittest"
	"github.com/anthology-editor/anthology/anthology/spell"
)

// bin is the headless binary, built once for the end-to-end tests: they run it the way an
// editor's script would.
var bin string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "anthology-bin-")
	if err != nil {
		panic(err)
	}
	bin = filepath.Join(dir, "anthology")
	build := exec.Command("go", "build", "-tags", "nogui", "-o", bin, ".")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		os.Stderr.Write(out)
		panic(err)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

type result struct {
	code           int
	stdout, stderr string
}

func runBin(t *testing.T, env []string, args ...string) result {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), env...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return result{code, out.String(), errb.String()}
}

func TestExportSample(t *testing.T) {
	out := filepath.Join(t.TempDir(), "book")
	r := runBin(t, nil, "export", "--sample", "--out", out)
	if r.code != 0 {
		t.Fatalf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	for _, f := range []string{"the-lamp-lighters.epub", "the-lamp-lighters.pdf"} {
		info, err := os.Stat(filepath.Join(out, f))
		if err != nil || info.Size() < 10000 {
			t.Errorf("%s: %v", f, err)
		}
		if !strings.Contains(r.stdout, "wrote "+filepath.Join(out, f)) {
			t.Errorf("stdout does not report %s:\n%s", f, r.stdout)
		}
	}
	if r.stderr != "check: 0 error(s), 1 warning(s); run 'anthology check' for the list\n" {
		t.Errorf("stderr: %q", r.stderr)
	}
}

func TestExportFormatsAndFlavour(t *testing.T) {
	out := t.TempDir()
	r := runBin(t, nil, "export", "--sample", "--out", out, "--format", "pdf", "--pdf", "screen")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	entries, _ := os.ReadDir(out)
	if len(entries) != 1 || entries[0].Name() != "the-lamp-lighters.pdf" {
		t.Errorf("wrote %v", entries)
	}
	data, _ := os.ReadFile(filepath.Join(out, "the-lamp-lighters.pdf"))
	if !bytes.Contains(data, []byte("/Outlines")) {
		t.Error("a screen PDF has no outline")
	}
}

func TestNewThenExportEmpty(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "p")
	r := runBin(t, nil, "new", dir, "--title", "Night Shift")
	if r.code != 0 {
		t.Fatalf("new: exit %d: %s", r.code, r.stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "anthology.yaml")); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "o")
	r = runBin(t, nil, "export", dir, "--out", out)
	if r.code != 1 || !strings.Contains(r.stderr, "anthology.yaml: the contents list no essays yet") {
		t.Errorf("export of an empty book: exit %d, stderr %q", r.code, r.stderr)
	}
	if entries, _ := os.ReadDir(out); len(entries) != 0 {
		t.Errorf("an empty book wrote %d files", len(entries))
	}
	// An essay makes it a book.
	os.WriteFile(filepath.Join(dir, "essays", "first.md"), []byte("---\ntitle: First Light\n---\n\nIt was early.\n"), 0o644)
	y, _ := os.ReadFile(filepath.Join(dir, "anthology.yaml"))
	y = bytes.Replace(y, []byte("contents: []"), []byte("contents: [first]"), 1)
	os.WriteFile(filepath.Join(dir, "anthology.yaml"), y, 0o644)
	r = runBin(t, nil, "export", dir, "--out", out)
	if r.code != 0 {
		t.Fatalf("export: exit %d: %s", r.code, r.stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "night-shift.epub")); err != nil {
		t.Error(err)
	}
}

func TestMalformedYAML(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "anthology.yaml"), []byte("title: Broken\ncontents:\n  - part: [One\n"), 0o644)
	r := runBin(t, nil, "export", dir, "--out", t.TempDir())
	if r.code != 1 {
		t.Errorf("exit %d, want 1", r.code)
	}
	if !regexp.MustCompile(`anthology\.yaml:3:11: `).MatchString(r.stderr) {
		t.Errorf("stderr %q does not give file:line:col", r.stderr)
	}
}

func TestUsageErrors(t *testing.T) {
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"--help"}, 0, "Commands:"},
		{[]string{"help", "export"}, 0, "-format"},
		{[]string{"frobnicate"}, 2, `unknown command "frobnicate"`},
		{[]string{"export", "--sample"}, 2, "--out DIR is required"},
		{[]string{"export", "--sample", "--out", "x", "--format", "mobi"}, 2, `unknown format "mobi"`},
		{[]string{"export", "/no/such/folder", "--out", "x"}, 1, "/no/such/folder: no such folder"},
		{[]string{"new", "x"}, 2, "--title is required"},
		{[]string{"version"}, 0, "anthology "},
	}
	for _, tt := range tests {
		r := runBin(t, nil, tt.args...)
		if r.code != tt.code || !strings.Contains(r.stdout+r.stderr, tt.want) {
			t.Errorf("anthology %v: exit %d, output %q; want exit %d and %q", tt.args, r.code, r.stdout+r.stderr, tt.code, tt.want)
		}
	}
}

func TestSourceDateEpoch(t *testing.T) {
	var books [2][]byte
	for i := range books {
		out := t.TempDir()
		r := runBin(t, []string{"SOURCE_DATE_EPOCH=1767225600"}, "export", "--sample", "--out", out, "--format", "epub")
		if r.code != 0 {
			t.Fatal(r.stderr)
		}
		books[i], _ = os.ReadFile(filepath.Join(out, "the-lamp-lighters.epub"))
	}
	if !bytes.Equal(books[0], books[1]) {
		t.Error("two exports with the same SOURCE_DATE_EPOCH differ")
	}
	r := runBin(t, []string{"SOURCE_DATE_EPOCH=tomorrow"}, "export", "--sample", "--out", t.TempDir())
	if r.code != 2 || !strings.Contains(r.stderr, "SOURCE_DATE_EPOCH") {
		t.Errorf("bad SOURCE_DATE_EPOCH: exit %d %q", r.code, r.stderr)
	}
}

func TestNoGUIInHeadlessBuild(t *testing.T) {
	r := runBin(t, nil)
	if r.code != 1 || !strings.Contains(r.stderr, "built without the desktop app") {
		t.Errorf("exit %d, %q", r.code, r.stderr)
	}
}

// TestRunInProcess covers the dispatcher itself (the binary tests cannot see its coverage).
func TestRunInProcess(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run(context.Background(), []string{"help"}, &out, &errb); code != 0 || !strings.Contains(out.String(), "export") {
		t.Errorf("help: %d %q", code, out.String())
	}
}

func TestImportJSONAndInto(t *testing.T) {
	dir, src, r := importNightJSON(t)
	var got struct {
		File, Title, Body string
		Removed           []struct{ Text, Reason string }
	}
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
		t.Fatalf("%v\n%s", err, r.stdout)
	}
	if got.Title != "The Long Night" || len(got.Removed) != 3 || strings.Contains(got.Body, "Comment") {
		t.Errorf("json: %+v", got)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("--json wrote files")
	}
	proj := filepath.Join(dir, "book")
	for i := 0; i < 2; i++ {
		r = runBin(t, nil, "import", src, "--into", proj)
		if r.code != 0 {
			t.Fatalf("exit %d: %s", r.code, r.stderr)
		}
	}
	r = runBin(t, nil, "export", proj, "--out", filepath.Join(dir, "out"), "--format", "epub")
	if r.code != 0 {
		t.Fatalf("export after import: %s", r.stderr)
	}
	r = runBin(t, nil, "import", filepath.Join(dir, "missing.txt"), "--into", proj)
	if r.code != 1 || !strings.Contains(r.stderr, "missing.txt: no such file or directory") {
		t.Errorf("missing file: %d %q", r.code, r.stderr)
	}
	bin := filepath.Join(dir, "photo.docx")
	os.WriteFile(bin, []byte("\x89PNG\r\n"), 0o644)
	r = runBin(t, nil, "import", bin, "--into", proj)
	if r.code != 1 || !strings.Contains(r.stderr, "photo.docx: is not a Word file") {
		t.Errorf("bad docx: %d %q", r.code, r.stderr)
	}
}

func TestCheckPermissionsStats(t *testing.T) {
	r := runBin(t, nil, "check", "--sample")
	if r.code != 0 || !strings.Contains(r.stdout, "two-voices-on-the-last-bus.md:12:11: permission to reprint") {
		t.Errorf("check: %d %q", r.code, r.stdout)
	}
	r = runBin(t, nil, "check", "--sample", "--final", "--json")
	var out struct {
		Findings []struct{ Severity, Code, Essay string }
		Errors   int
	}
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil || r.code != 1 || out.Errors != 1 || out.Findings[0].Essay != "two-voices-on-the-last-bus" {
		t.Errorf("check --final --json: %d %v %s", r.code, err, r.stdout)
	}
	dir := t.TempDir()
	r = runBin(t, nil, "export", "--sample", "--final", "--out", dir)
	if r.code != 1 || !strings.Contains(r.stderr, "not ready for a final build") || !strings.Contains(r.stderr, "Two Voices on the Last Bus") {
		t.Errorf("export --final: %d %q", r.code, r.stderr)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Error("a refused final build wrote files")
	}
	r = runBin(t, nil, "permissions", "--sample", "--csv")
	if r.code != 0 || !strings.HasPrefix(r.stdout, "Essay,Author,First published,Status,Rights holder") ||
		!strings.Contains(r.stdout, "Two Voices on the Last Bus,Priya Raman and Jonah Weiss,\"Commute, an anthology of London writing (Tideway Books, 2023)\",requested,Tideway Books,2026-01-10,,$200 (quoted)") {
		t.Errorf("permissions --csv: %d\n%s", r.code, r.stdout)
	}
	r = runBin(t, nil, "stats", "--sample", "--json")
	var st struct {
		Words      int
		PrintPages int `json:"print_pages"`
		Estimated  bool
		Essays     []struct {
			Title     string
			Pages     int
			FirstPage string `json:"first_page"`
		}
	}
	if err := json.Unmarshal([]byte(r.stdout), &st); err != nil || st.Estimated || st.Words < 3000 || len(st.Essays) != 6 || st.Essays[0].FirstPage != "3" || st.Essays[0].Pages < 2 { // page 1 is Part One, 2 its blank back
		t.Errorf("stats: %v %+v", err, st)
	}
}

// projectHash fingerprints every file under dir, to prove a failed command changed nothing.
func projectHash(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, _ := os.ReadFile(p)
		info, _ := d.Info()
		fmt.Fprintf(&b, "%s %d %x %v\n", p, len(data), sha256.Sum256(data), info.ModTime())
		return nil
	})
	return b.String()
}

// TestFaultsLeaveProjectUntouched runs bad exports and imports and checks that each fails with
// a message naming the file and leaves the project as it was.
func TestFaultsLeaveProjectUntouched(t *testing.T) {
	dir := t.TempDir()
	proj := filepath.Join(dir, "p")
	if r := runBin(t, nil, "new", proj, "--title", "Faults"); r.code != 0 {
		t.Fatal(r.stderr)
	}
	os.WriteFile(filepath.Join(proj, "essays", "bin.md"), []byte("\x00\x01binary"), 0o644)
	y, _ := os.ReadFile(filepath.Join(proj, "anthology.yaml"))
	os.WriteFile(filepath.Join(proj, "anthology.yaml"), bytes.Replace(y, []byte("contents: []"), []byte("contents: [bin, ghost]"), 1), 0o644)
	before := projectHash(t, proj)
	r := runBin(t, nil, "export", proj, "--out", filepath.Join(dir, "out"))
	if r.code != 1 || !strings.Contains(r.stderr, "essays/bin.md:1:1: is a binary file") || !strings.Contains(r.stderr, `essay "ghost"`) {
		t.Errorf("exit %d: %q", r.code, r.stderr)
	}
	r = runBin(t, nil, "import", filepath.Join(dir, "none.txt"), "--into", proj)
	if r.code != 1 {
		t.Errorf("import of a missing file: exit %d", r.code)
	}
	if after := projectHash(t, proj); after != before {
		t.Errorf("the project changed:\n%s\n---\n%s", before, after)
	}
	if _, err := os.Stat(filepath.Join(dir, "out")); err == nil {
		if entries, _ := os.ReadDir(filepath.Join(dir, "out")); len(entries) > 0 {
			t.Errorf("a failed export wrote %d files", len(entries))
		}
	}
}

// TestInterruptLeavesNothing interrupts a long export: no book, and no temporary file, may be
// left in the output folder.
func TestInterruptLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	corpus := filepath.Join(dir, "corpus")
	if r := runBin(t, nil, "bench-corpus", "--essays", "400", "--words", "2000", corpus); r.code != 0 {
		t.Fatal(r.stderr)
	}
	out := filepath.Join(dir, "out")
	cmd := exec.Command(bin, "export", corpus, "--out", out)
	var errb bytes.Buffer
	cmd.Stderr = &errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(800 * time.Millisecond)
	cmd.Process.Signal(os.Interrupt)
	err := cmd.Wait()
	if err == nil {
		t.Skip("the export finished before the interrupt; nothing to test on so fast a machine")
	}
	if !strings.Contains(errb.String(), "interrupted") {
		t.Errorf("stderr: %q", errb.String())
	}
	entries, _ := os.ReadDir(out)
	for _, e := range entries {
		t.Errorf("left behind: %s", e.Name())
	}
}

// TestConcurrentExports runs two exports of the same project into the same folder at once:
// both succeed and the books are whole (the same bytes as a build on its own).
func TestConcurrentExports(t *testing.T) {
	dir := t.TempDir()
	shared := filepath.Join(dir, "shared")
	done := make(chan result, 2)
	for i := 0; i < 2; i++ {
		go func() { done <- runBin(t, nil, "export", "--sample", "--out", shared) }()
	}
	for i := 0; i < 2; i++ {
		if r := <-done; r.code != 0 {
			t.Fatalf("exit %d: %s", r.code, r.stderr)
		}
	}
	alone := filepath.Join(dir, "alone")
	if r := runBin(t, nil, "export", "--sample", "--out", alone); r.code != 0 {
		t.Fatal(r.stderr)
	}
	for _, f := range []string{"the-lamp-lighters.epub", "the-lamp-lighters.pdf"} {
		a, _ := os.ReadFile(filepath.Join(shared, f))
		b, _ := os.ReadFile(filepath.Join(alone, f))
		if !bytes.Equal(a, b) {
			t.Errorf("%s from concurrent exports differs from a lone build", f)
		}
	}
	if entries, _ := os.ReadDir(shared); len(entries) != 2 {
		t.Errorf("shared folder holds %d entries", len(entries))
	}
}

// TestCheckListsLoadWarningsInFileOrder: the loader's warnings come first, top of the file first.
func TestCheckListsLoadWarningsInFileOrder(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "anthology.yaml"), []byte("title: T\nfirst_unknown: 1\nsecond_unknown: 2\ncontents: [a]\n"), 0o644)
	os.MkdirAll(filepath.Join(dir, "essays"), 0o755)
	os.WriteFile(filepath.Join(dir, "essays", "a.md"), []byte("---\ntitle: A Piece\n---\nText of the piece.\n"), 0o644)
	r := runBin(t, nil, "check", dir)
	first, second := strings.Index(r.stdout, "first_unknown"), strings.Index(r.stdout, "second_unknown")
	if first < 0 || second < 0 || first > second {
		t.Errorf("warnings out of order:\n%s", r.stdout)
	}
}

// TestImportFromJSON: what import --json prints, corrected by the editor (a cut taken back, a
// title fixed), is added as it says with --from-json; JSON that is not it is a named error.
func TestImportFromJSON(t *testing.T) {
	dir, _, r := importNightJSON(t)
	edited := strings.Replace(r.stdout, `"title": "The Long Night"`, `"title": "The Longest Night"`, 1)
	edited = strings.Replace(edited, `that winter.\n`, `that winter.\n\nA line the editor took back.\n`, 1)
	js := filepath.Join(dir, "night.json")
	os.WriteFile(js, []byte(edited), 0o644)
	proj := filepath.Join(dir, "book")
	if r = runBin(t, nil, "import", "--from-json", js, "--into", proj); r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	data, err := os.ReadFile(filepath.Join(proj, "essays", "the-longest-night.md"))
	if err != nil || !strings.Contains(string(data), "title: The Longest Night") || !strings.Contains(string(data), "A line the editor took back.") {
		t.Errorf("essay: %v\n%s", err, data)
	}
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte("{\"title\": \n"), 0o644)
	if r = runBin(t, nil, "import", "--from-json", bad, "--into", proj); r.code != 1 || !strings.Contains(r.stderr, "bad.json") {
		t.Errorf("bad JSON: %d %q", r.code, r.stderr)
	}
}

// TestImportKeep: --keep takes cuts back by the numbers --json gave them.
func TestImportKeep(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "night.txt")
	os.WriteFile(src, []byte("The Long Night\n\nIt was a long night, and nobody slept at all that winter, not the baker, not the nurse, not the man who kept the light.\n\nShare this: Facebook Twitter\n\nIn the morning the snow had covered everything, and the town was quiet as a held breath.\n"), 0o644)
	r := runBin(t, nil, "import", src, "--json")
	var got struct {
		Body    string
		Removed []struct{ Text string }
	}
	json.Unmarshal([]byte(r.stdout), &got)
	n := 0
	for i, rm := range got.Removed {
		if strings.HasPrefix(rm.Text, "Share this") {
			n = i + 1
		}
	}
	if n == 0 || strings.Contains(got.Body, "Share this") {
		t.Fatalf("the share line was not cut: %s", r.stdout)
	}
	r = runBin(t, nil, "import", src, "--json", "--keep", strconv.Itoa(n))
	json.Unmarshal([]byte(r.stdout), &got)
	if r.code != 0 || !strings.Contains(got.Body, "man who kept the light.\n\nShare this") {
		t.Errorf("--keep %d: %d %s\n%s", n, r.code, r.stderr, got.Body)
	}
	if r = runBin(t, nil, "import", src, "--json", "--keep", "99"); r.code != 2 || !strings.Contains(r.stderr, "not a cut's number") {
		t.Errorf("--keep 99: %d %q", r.code, r.stderr)
	}
	// --cut by the body's lines: the morning paragraph goes, listed as the editor's cut.
	r = runBin(t, nil, "import", src, "--json")
	json.Unmarshal([]byte(r.stdout), &got)
	line := 0
	for i, l := range strings.Split(got.Body, "\n") {
		if strings.HasPrefix(l, "In the morning") {
			line = i + 1
		}
	}
	r = runBin(t, nil, "import", src, "--json", "--cut", strconv.Itoa(line))
	var cut struct {
		Body    string
		Removed []struct{ Text, Reason string }
	}
	json.Unmarshal([]byte(r.stdout), &cut)
	if r.code != 0 || strings.Contains(cut.Body, "In the morning") || !strings.Contains(r.stdout, `"reason": "cut by the editor"`) {
		t.Errorf("--cut %d: %d %s\n%s", line, r.code, r.stderr, r.stdout)
	}
	if r = runBin(t, nil, "import", src, "--json", "--cut", "3-1"); r.code != 2 || !strings.Contains(r.stderr, "not a line of the body") {
		t.Errorf("--cut 3-1: %d %q", r.code, r.stderr)
	}
}

// importNightJSON writes a short essay with a comment footer into a temporary folder and runs
// import --json on it: the folder, the essay's path and the run.
func importNightJSON(t *testing.T) (dir, src string, r result) {
	t.Helper()
	dir = t.TempDir()
	src = filepath.Join(dir, "night.txt")
	if err := os.WriteFile(src, []byte("The Long Night\n\nIt was a long night, and nobody slept at all that winter.\n\nLeave a Comment\n\nYour email address will not be published.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r = runBin(t, nil, "import", src, "--json")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	return dir, src, r
}

// TestInterruptEndsAnyCommand: a command that does not watch its context (one once blocked on
// a FIFO for 66 minutes, ignoring SIGTERM) is still ended within the grace period, with exit
// status 130 and a message; one that returns on its own keeps its own status.
func TestInterruptEndsAnyCommand(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var errb bytes.Buffer
	block := make(chan struct{})
	defer close(block)
	code := runInterruptible(ctx, func() int { <-block; return 0 }, &errb, 50*time.Millisecond)
	if code != exitInterrupted || !strings.Contains(errb.String(), "interrupted; stopped") {
		t.Errorf("a command deaf to the interrupt: exit %d, %q", code, errb.String())
	}
	code = runInterruptible(ctx, func() int { return exitFail }, &errb, time.Minute)
	if code != exitFail {
		t.Errorf("a command that stops by itself: exit %d, want its own %d", code, exitFail)
	}
}

// TestPanicIsAnInternalError: a panic in a command is reported as a bug (exit 3) with the
// command's name, not a crash with the usage status.
func TestPanicIsAnInternalError(t *testing.T) {
	var errb bytes.Buffer
	c := command{name: "boom", run: func(context.Context, []string, io.Writer, io.Writer) int { panic("index out of range") }}
	code := runSafely(context.Background(), c, []string{"x"}, io.Discard, &errb)
	if code != exitInternal || !strings.Contains(errb.String(), "anthology boom: internal error: index out of range") ||
		!strings.Contains(errb.String(), "This is a bug in Anthology") {
		t.Errorf("exit %d, %q", code, errb.String())
	}
}

// TestPreflightCommand: the sample's print PDF is ready for both printers; a file that is not
// a PDF is a clear failure; a printer nobody knows is bad usage.
func TestPreflightCommand(t *testing.T) {
	out := filepath.Join(t.TempDir(), "book")
	if r := runBin(t, nil, "export", "--sample", "--out", out, "--format", "pdf"); r.code != 0 {
		t.Fatal(r.stderr)
	}
	pdf := filepath.Join(out, "the-lamp-lighters.pdf")
	for _, printer := range []string{"kdp", "ingramspark"} {
		if r := runBin(t, nil, "preflight", pdf, "--printer", printer); r.code != 0 || !strings.Contains(r.stdout, "preflight: ready for") {
			t.Errorf("preflight --printer %s: %d\n%s%s", printer, r.code, r.stdout, r.stderr)
		}
	}
	notPDF := filepath.Join(t.TempDir(), "x.pdf")
	os.WriteFile(notPDF, []byte("not a pdf"), 0o644)
	if r := runBin(t, nil, "preflight", notPDF); r.code != 1 || !strings.Contains(r.stderr, "x.pdf") {
		t.Errorf("preflight of a non-PDF: %d %q", r.code, r.stderr)
	}
	if r := runBin(t, nil, "preflight", pdf, "--printer", "lulu"); r.code != 2 {
		t.Errorf("preflight --printer lulu: %d %q", r.code, r.stderr)
	}
}

// TestFindCommand lists matches, replaces them on disk in one go, and refuses a bad pattern
// without touching the project.
func TestFindCommand(t *testing.T) {
	p := edittest.SampleCopy(t)
	r := runBin(t, nil, "find", p.Dir, "--text", "night", "--word", "--json")
	var out struct {
		Matches []struct {
			Essay, Field, Text string
			Line, Col          int
		}
		Replaced int
	}
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil || r.code != 0 || len(out.Matches) < 10 || out.Replaced != 0 {
		t.Fatalf("find --json: %d %v %s", r.code, err, r.stdout)
	}
	before := projectHash(t, p.Dir)
	if r := runBin(t, nil, "find", p.Dir, "--text", "night(", "--regexp", "--replace", "x"); r.code != exitUsage || !strings.Contains(r.stderr, `"night(" is not a regular expression`) {
		t.Errorf("a bad pattern: %d %q", r.code, r.stderr)
	}
	if projectHash(t, p.Dir) != before {
		t.Error("a refused replacement changed the project")
	}
	r = runBin(t, nil, "find", p.Dir, "--text", "night", "--word", "--replace", "nighttime")
	if r.code != 0 || !strings.Contains(r.stdout, fmt.Sprintf("find: replaced %d match(es); saved", len(out.Matches))) {
		t.Fatalf("find --replace: %d %q %q", r.code, r.stdout, r.stderr)
	}
	data, err := os.ReadFile(filepath.Join(p.Dir, "essays", "bread-before-dawn.md"))
	if err != nil || !strings.Contains(string(data), "plays fado all nighttime for people like me") {
		t.Errorf("the replacement is not on disk: %v", err)
	}
	if r := runBin(t, nil, "find", p.Dir, "--text", "night", "--word"); !strings.Contains(r.stdout, "find: 0 match(es)") {
		t.Errorf("matches left after replacing: %s", r.stdout)
	}
}

// TestSpellCommand checks the sample's spelling with the installed en-US dictionary: names
// the dictionary lacks are listed with suggestions, and once in the project's word list they
// are not.
func TestSpellCommand(t *testing.T) {
	if _, _, err := spell.For("en"); err != nil {
		if testing.Short() {
			t.Skipf("-short: %v", err)
		}
		t.Fatalf("%v (.ci/setup.sh qa installs it)", err)
	}
	p := edittest.SampleCopy(t)
	r := runBin(t, nil, "spell", p.Dir, "--essay", "bread-before-dawn", "--json")
	var out struct {
		Essays []struct {
			Essay        string
			Misspellings []struct {
				Word        string
				Count       int
				Suggestions []string
			}
		}
		Misspelled int
	}
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil || r.code != exitFail || len(out.Essays) != 1 {
		t.Fatalf("spell --json: %d %v %s %s", r.code, err, r.stdout, r.stderr)
	}
	words := map[string][]string{}
	for _, m := range out.Essays[0].Misspellings {
		words[m.Word] = m.Suggestions
	}
	if _, ok := words["Miragaia"]; !ok {
		t.Errorf("Miragaia (a place in Porto) is not flagged: %v", words)
	}
	if s := words["neighbourhood"]; len(s) == 0 || s[0] != "neighborhood" {
		t.Errorf("neighbourhood (British) → %v in the en-US dictionary", s)
	}
	if _, ok := words["bakery"]; ok {
		t.Error("a dictionary word is flagged")
	}
	for w := range words {
		if err := spell.AddProjectWord(p.Dir, w); err != nil {
			t.Fatal(err)
		}
	}
	if r := runBin(t, nil, "spell", p.Dir, "--essay", "bread-before-dawn"); r.code != 0 || !strings.Contains(r.stdout, "spell: 0 misspelled word(s)") {
		t.Errorf("with the word list: %d %s", r.code, r.stdout)
	}
}

// TestValidateCommand judges the sample's books with the app's validators, and a broken EPUB
// with them too.
func TestValidateCommand(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: EPUBCheck and Ace take the time; make test runs them")
	}
	t.Parallel()
	out := filepath.Join(t.TempDir(), "book")
	if r := runBin(t, nil, "export", "--sample", "--out", out); r.code != 0 {
		t.Fatal(r.stderr)
	}
	epubFile, pdfFile := filepath.Join(out, "the-lamp-lighters.epub"), filepath.Join(out, "the-lamp-lighters.pdf")
	r := runBin(t, nil, "validate", epubFile, pdfFile)
	if r.code != 0 || strings.Count(r.stdout, ": passed — ") != 4 || !strings.Contains(r.stdout, "Preflight for KDP paperback: passed — ready for KDP paperback") {
		t.Fatalf("validate: %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	broken := filepath.Join(t.TempDir(), "broken.epub")
	os.WriteFile(broken, []byte("PK\x03\x04 not really a zip"), 0o644)
	if r := runBin(t, nil, "validate", broken); r.code != 1 || strings.Contains(r.stdout, "EPUBCheck 5.3: passed") {
		t.Errorf("validate of a broken EPUB: %d\n%s", r.code, r.stdout)
	}
	if r := runBin(t, nil, "validate", "book.docx"); r.code != 2 {
		t.Errorf("validate of a .docx: %d", r.code)
	}
}

// TestCompletion: the bash script completes commands and each command's own flags (read from
// the flag sets the commands parse); fish and zsh scripts are written; another shell is bad
// usage.
func TestCompletion(t *testing.T) {
	r := runBin(t, nil, "completion", "bash")
	if r.code != 0 {
		t.Fatal(r.stderr)
	}
	script := filepath.Join(t.TempDir(), "anthology.bash")
	os.WriteFile(script, []byte(r.stdout), 0o644)
	out, err := exec.Command("bash", "-c", `source "$0"
COMP_WORDS=(anthology sp); COMP_CWORD=1; _anthology; echo "${COMPREPLY[@]}"
COMP_WORDS=(anthology find --re); COMP_CWORD=2; _anthology; echo "${COMPREPLY[@]}"`, script).CombinedOutput()
	if err != nil || string(out) != "spell\n--regexp --replace\n" {
		t.Errorf("bash completion: %v %q", err, out)
	}
	if r := runBin(t, nil, "completion", "fish"); r.code != 0 || !strings.Contains(r.stdout, "__fish_seen_subcommand_from export' -l format") {
		t.Errorf("fish: %d %s", r.code, r.stdout)
	}
	if r := runBin(t, nil, "completion", "zsh"); r.code != 0 || !strings.HasPrefix(r.stdout, "autoload -U +X bashcompinit") {
		t.Errorf("zsh: %d", r.code)
	}
	if r := runBin(t, nil, "completion", "tcsh"); r.code != 2 {
		t.Errorf("tcsh: %d", r.code)
	}
}

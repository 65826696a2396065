//go:build linux

package main

import (
	"encoding/csv"
	"encoding/json"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// smallDisk mounts a tmpfs of the given size for the test, or skips when it cannot (it needs
// root; CI runs as root).
func smallDisk(t *testing.T, size string) string {
	t.Helper()
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size="+size, "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a size-limited tmpfs (needs root): %v %s", err, out)
	}
	t.Cleanup(func() { exec.Command("umount", dir).Run() })
	return dir
}

// TestFullDisk: when the disk fills during an export or a save, what was there before stays
// as it was — no new EPUB beside an old PDF, no half-written file, no temporary file left —
// and the message says what failed.
func TestFullDisk(t *testing.T) {
	disk := smallDisk(t, "300k") // the sample's EPUB (230 KB) fits, its PDF (150 KB) does not

	// An export whose EPUB fits and whose PDF does not.
	out := filepath.Join(disk, "book")
	os.Mkdir(out, 0o755)
	old := map[string]string{"the-lamp-lighters.epub": "old epub", "the-lamp-lighters.pdf": "old pdf"}
	for name, s := range old {
		os.WriteFile(filepath.Join(out, name), []byte(s), 0o644)
	}
	r := runBin(t, nil, "export", "--sample", "--out", out)
	if r.code != 1 || !strings.Contains(r.stderr, "no space left on device") {
		t.Errorf("export onto a full disk: exit %d, %q", r.code, r.stderr)
	}
	entries, _ := os.ReadDir(out)
	for _, e := range entries {
		data, _ := os.ReadFile(filepath.Join(out, e.Name()))
		if want, ok := old[e.Name()]; !ok || string(data) != want {
			t.Errorf("after the failed export %s holds %d bytes (want the old file untouched, and nothing else)", e.Name(), len(data))
		}
	}

	// A save that cannot be written: the project stays as it was, and opens.
	proj := filepath.Join(disk, "proj")
	if r := runBin(t, nil, "new", proj, "--title", "Full"); r.code != 0 {
		t.Fatal(r.stderr)
	}
	before, _ := os.ReadFile(filepath.Join(proj, "anthology.yaml"))
	filler, _ := os.Create(filepath.Join(disk, "filler"))
	filler.Write(make([]byte, 1<<20)) // fills what is left
	filler.Close()
	essay := filepath.Join(t.TempDir(), "essay.md")
	os.WriteFile(essay, []byte("---\ntitle: Night\nauthors: [\"Ann Lee\"]\n---\n\n"+strings.Repeat("A sentence of the essay. ", 4000)+"\n"), 0o644)
	r = runBin(t, nil, "import", essay, "--into", proj)
	if r.code != 1 || !strings.Contains(r.stderr, "no space left on device") {
		t.Errorf("import onto a full disk: exit %d, %q", r.code, r.stderr)
	}
	after, _ := os.ReadFile(filepath.Join(proj, "anthology.yaml"))
	if string(after) != string(before) {
		t.Errorf("anthology.yaml changed by a failed import:\n%s", after)
	}
	filepath.Walk(proj, func(p string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() && filepath.Base(p) != "anthology.yaml" && !strings.HasPrefix(filepath.Base(p), ".anthology") {
			t.Errorf("left behind by the failed import: %s", p)
		}
		if err == nil && strings.Contains(info.Name(), ".tmp-") {
			t.Errorf("temporary file left behind: %s", p)
		}
		return nil
	})
	if r := runBin(t, nil, "check", proj); r.code == 3 || strings.Contains(r.stderr, "cannot") {
		t.Errorf("the project does not open after the failed import: %d %s", r.code, r.stderr)
	}
}

// TestImportKilledMidway kills `anthology import` at random moments, again and again, into one
// project: afterwards the project opens, every essay its contents name is there, and no essay
// file stands outside the contents (an orphan of an import that did not finish).
func TestImportKilledMidway(t *testing.T) {
	dir := t.TempDir()
	proj := filepath.Join(dir, "proj")
	if r := runBin(t, nil, "new", proj, "--title", "Kills"); r.code != 0 {
		t.Fatal(r.stderr)
	}
	kills := 10
	if testing.Short() {
		kills = 4
	}
	for i := range kills {
		src := filepath.Join(dir, "essay"+strconv.Itoa(i)+".md")
		os.WriteFile(src, []byte("---\ntitle: Essay "+strconv.Itoa(i)+"\nauthors: [\"Ann Lee\"]\n---\n\n"+strings.Repeat("A sentence of the essay. ", 5000)+"\n"), 0o644)
		cmd := exec.Command(bin, "import", src, "--into", proj)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(5+rand.IntN(60)) * time.Millisecond)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		r := runBin(t, nil, "stats", proj, "--json")
		if r.code != 0 {
			t.Fatalf("kill %d: the project does not open: %s", i, r.stderr)
		}
		yaml, _ := os.ReadFile(filepath.Join(proj, "anthology.yaml"))
		entries, _ := os.ReadDir(filepath.Join(proj, "essays"))
		for _, e := range entries {
			id := strings.TrimSuffix(e.Name(), ".md")
			if strings.HasSuffix(e.Name(), ".md") && !strings.Contains(string(yaml), id) {
				t.Errorf("kill %d: essays/%s is in no contents entry (an orphan)", i, e.Name())
			}
		}
	}
}

// TestHostileValuesInJSONAndCSV: titles and names with quotes, newlines, markup, line
// separators and formula starts come out of every JSON output as valid JSON holding them as
// they were, and out of the CSV as text a spreadsheet will not evaluate.
func TestHostileValuesInJSONAndCSV(t *testing.T) {
	dir := t.TempDir()
	proj := filepath.Join(dir, "proj")
	hostile := "=HYPERLINK(\"http://x\",\"y\") \"quoted\" </script> \u2028 line\\back"
	os.MkdirAll(filepath.Join(proj, "essays"), 0o755)
	os.WriteFile(filepath.Join(proj, "anthology.yaml"), []byte("title: Book\ncontributors: [{id: a, name: \"@Ann, \\\"Lee\\\"\"}]\ncontents: [e]\n"), 0o644)
	title, _ := json.Marshal(hostile)
	os.WriteFile(filepath.Join(proj, "essays", "e.md"), []byte("---\ntitle: "+string(title)+"\nauthors: [a]\npermission: {status: requested, holder: \"+1 Holder\"}\nsource: The Review\n---\n\nSome words.\n"), 0o644)
	for _, args := range [][]string{{"check", proj, "--json"}, {"stats", proj, "--json"}, {"import", filepath.Join(proj, "essays", "e.md"), "--json"}} {
		r := runBin(t, nil, args...)
		if !json.Valid([]byte(r.stdout)) {
			t.Errorf("%s: not valid JSON:\n%s", args[0], r.stdout)
			continue
		}
		var v any
		json.Unmarshal([]byte(r.stdout), &v)
		if args[0] != "check" && !holds(v, hostile) {
			t.Errorf("%s: the title does not come back as it was:\n%s", args[0], r.stdout)
		}
	}
	r := runBin(t, nil, "permissions", proj, "--csv")
	rows, err := csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
	if err != nil || len(rows) != 2 {
		t.Fatalf("permissions --csv: %v\n%s", err, r.stdout)
	}
	for _, cell := range rows[1] {
		if cell != "" && strings.ContainsRune("=+-@", rune(cell[0])) {
			t.Errorf("a CSV cell a spreadsheet would evaluate: %q", cell)
		}
	}
}

// holds reports whether a decoded JSON value has the string s somewhere in it.
func holds(v any, s string) bool {
	switch x := v.(type) {
	case string:
		return x == s
	case []any:
		for _, e := range x {
			if holds(e, s) {
				return true
			}
		}
	case map[string]any:
		for _, e := range x {
			if holds(e, s) {
				return true
			}
		}
	}
	return false
}

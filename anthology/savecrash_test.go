package anthology_test

import (
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/anthology-editor/anthology/anthology"
)

// generationProject writes a project of n essays, every file saying "generation 0".
func generationProject(t *testing.T, n int) string {
	files := map[string]string{}
	var ids []string
	for i := range n {
		id := fmt.Sprintf("e%d", i)
		ids = append(ids, id)
		files["essays/"+id+".md"] = "---\ntitle: E" + strconv.Itoa(i) + "\n---\n\ngeneration 0\n"
	}
	files["anthology.yaml"] = "title: generation 0\ncontents: [" + strings.Join(ids, ", ") + "]\n"
	return writeProject(t, files)
}

// generations reads back which save each file of the project comes from.
func generations(t *testing.T, dir string) map[string]bool {
	p, err := anthology.Open(dir)
	if err != nil {
		t.Fatalf("the project no longer opens: %v", err)
	}
	seen := map[string]bool{p.Book.Title: true}
	for _, e := range p.Essays() {
		seen[strings.TrimSpace(e.Body)] = true
	}
	return seen
}

// TestSaveKilledMidway kills a process that saves a 30-essay project over and over, at random
// moments, and opens the project after each kill: every file must come from the same save
// (once, 2 saves in 20 left essays of two different ones), and no temporary file may pile up.
func TestSaveKilledMidway(t *testing.T) {
	if os.Getenv("ANTHOLOGY_SAVE_LOOP") != "" {
		saveLoop(os.Getenv("ANTHOLOGY_SAVE_LOOP"))
		return
	}
	dir := generationProject(t, 30)
	kills := 12
	if testing.Short() {
		kills = 4
	}
	for i := range kills {
		cmd := exec.Command(os.Args[0], "-test.run=^TestSaveKilledMidway$")
		cmd.Env = append(os.Environ(), "ANTHOLOGY_SAVE_LOOP="+dir)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(50+rand.IntN(150)) * time.Millisecond)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		seen := generations(t, dir)
		if len(seen) != 1 {
			t.Fatalf("kill %d: the project mixes files of several saves: %v", i, seen)
		}
	}
	// Temporary files of the killed saves are removed once they are stale; make them so.
	old := time.Now().Add(-time.Hour)
	filepath.Walk(dir, func(path string, info os.FileInfo, err error) error {
		if err == nil && strings.Contains(info.Name(), ".tmp-") {
			os.Chtimes(path, old, old)
		}
		return nil
	})
	p, err := anthology.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	p.Book.Title = "generation final"
	if err := p.Save(); err != nil {
		t.Fatal(err)
	}
	filepath.Walk(dir, func(path string, info os.FileInfo, err error) error {
		if err == nil && (strings.Contains(info.Name(), ".tmp-") || strings.Contains(info.Name(), "journal")) {
			t.Errorf("left behind: %s", path)
		}
		return nil
	})
}

// saveLoop is the process that gets killed: it saves new generations until it is.
func saveLoop(dir string) {
	for g := 1; ; g++ {
		p, err := anthology.Open(dir)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		mark := fmt.Sprintf("generation %d-%d", os.Getpid(), g)
		p.Book.Title = mark
		for _, e := range p.Essays() {
			e.SetBody(mark + "\n")
		}
		if err := p.Save(); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
}

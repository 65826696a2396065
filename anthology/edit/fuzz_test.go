package edit_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/anthology-editor/anthology/anthology/edit"
	"github.com/anthology-editor/anthology/assets"
)

// FuzzRecovery reads whatever a recovery file may hold (it lives in the user's folder, where
// anything can happen to it): finding and opening it gives a project or an error, never a
// panic, and never reads outside the project.
func FuzzRecovery(f *testing.F) {
	f.Add([]byte(`{"project":"","title":"The Lamp-Lighters","files":{"anthology.yaml":"title: X\ncontents: []\n"}}`))
	f.Add([]byte(`{"project":"","title":"The Lamp-Lighters","files":{"../escape.md":"x","essays/a.md":"---\n"}}`))
	f.Add([]byte(`{"files":null}`))
	f.Add([]byte(`not json`))
	f.Add([]byte(`{"project":"","title":"The Lamp-Lighters","files":{"anthology.yaml":"title: X\ncontents: !0 0\n"}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		dir := t.TempDir()
		// The sample's own recovery file name: a folder-less project titled as the sample.
		name := filepath.Join(dir, edit.RecoveryFileName("", "The Lamp-Lighters"))
		if err := os.WriteFile(name, data, 0o600); err != nil {
			t.Fatal(err)
		}
		r, err := edit.FindRecovery(dir, "", "The Lamp-Lighters")
		if err != nil || r == nil {
			return
		}
		r.Project = "" // never open a folder the fuzzer names
		if p, err := r.Open(assets.Sample()); err == nil && p == nil {
			t.Fatal("no project and no error")
		}
	})
}

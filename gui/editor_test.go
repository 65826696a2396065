//go:build !nogui

package gui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/anthology-editor/anthology/anthology"
	"github.com/anthology-editor/anthology/assets"
	"github.com/anthology-editor/anthology/layout/export"
)

func sampleEditor(t *testing.T) *Editor {
	t.Helper()
	a := test.NewTempApp(t)
	p, err := anthology.LoadFS(assets.Sample(), "sample")
	if err != nil {
		t.Fatal(err)
	}
	return NewEditor(a, p)
}

func TestOutlineListsPartsAndEssays(t *testing.T) {
	e := sampleEditor(t)
	root := e.childIDs("")
	if strings.Join(root, ",") != "front,part:0,part:1,back" {
		t.Fatalf("root = %v", root)
	}
	var labels []string
	for _, id := range root {
		labels = append(labels, e.NodeLabel(id))
		for _, child := range e.childIDs(id) {
			labels = append(labels, "  "+e.NodeLabel(child))
		}
	}
	got := strings.Join(labels, "\n")
	for _, want := range []string{"Keeping Watch", "  The Night Nurse — Ruth Okafor", "Making Ready",
		"  Two Voices on the Last Bus — Priya Raman & Jonah Weiss", "  Introduction", "  Contributors"} {
		if !strings.Contains(got, want) {
			t.Errorf("outline lacks %q:\n%s", want, got)
		}
	}
}

func TestSelectingAnEssayShowsIt(t *testing.T) {
	e := sampleEditor(t)
	e.Tree().Select("essay:the-lighthouse-log")
	if e.selected != "essay:the-lighthouse-log" {
		t.Fatalf("selected %q", e.selected)
	}
	title, ok := e.detail.Objects[0].(*widget.Label)
	if !ok || title.Text != "The Lighthouse Log" {
		t.Errorf("detail starts with %#v", e.detail.Objects[0])
	}
	e.Tree().Select("contributors")
	if l, ok := e.detail.Objects[0].(*widget.Label); !ok || l.Text != "Marguerite Hale" {
		t.Errorf("contributors view starts with %#v", e.detail.Objects[0])
	}
}

func TestExportFromTheWindow(t *testing.T) {
	e := sampleEditor(t)
	dir := filepath.Join(t.TempDir(), "out")
	done := make(chan *export.Result, 1)
	e.Export(dir, func(r *export.Result, err error) {
		if err != nil {
			t.Error(err)
		}
		done <- r
	})
	select {
	case r := <-done:
		if r == nil || len(r.Files) != 2 {
			t.Fatalf("result %+v", r)
		}
		for _, f := range r.Files {
			if _, err := os.Stat(f); err != nil {
				t.Error(err)
			}
		}
	case <-time.After(60 * time.Second):
		t.Fatal("export did not finish")
	}
}

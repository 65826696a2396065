//go:build !nogui

package gui

import (
	"strings"
	"testing"

	"github.com/anthology-editor/anthology/anthology/buildinfo"
)

// TestAboutNamesTheVersion: the About box says which Anthology this is, as a bug report needs.
func TestAboutNamesTheVersion(t *testing.T) {
	in := buildinfo.Read()
	if s := aboutText(); !strings.Contains(s, "Anthology "+in.Version) || !strings.Contains(s, in.Go) {
		t.Errorf("About says %q", s)
	}
}

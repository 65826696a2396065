package buildinfo

import (
	"strings"
	"testing"
)

func TestRead(t *testing.T) {
	in := Read()
	if in.Version == "" || in.Go == "" {
		t.Fatalf("%+v", in)
	}
	if s := in.String(); !strings.HasPrefix(s, "anthology "+in.Version+" (") || !strings.Contains(s, in.Go) {
		t.Errorf("String() = %q", s)
	}
	version, commit, date = "9.9.9", "0123456789abcdef0123", "2026-01-02T03:04:05Z"
	defer func() { version, commit, date = "", "", "" }()
	in = Read()
	if in.Version != "9.9.9" || in.Commit != "0123456789ab" || in.Date != "2026-01-02T03:04:05Z" {
		t.Errorf("the -ldflags values are not what Read gives: %+v", in)
	}
}

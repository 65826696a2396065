// Package buildinfo says which Anthology is running: its version, the commit it was built
// from and when, read from the module's build information (go build records the VCS state)
// and overridable for release builds:
//
//	go build -ldflags "-X github.com/anthology-editor/anthology/anthology/buildinfo.version=1.2.0" ./cmd/anthology
package buildinfo

import (
	"runtime"
	"runtime/debug"
	"strings"
)

// version, commit and date may be set with -ldflags -X at release time.
var (
	version = ""
	commit  = ""
	date    = ""
)

// fallbackVersion is the version of a build that was not given one.
const fallbackVersion = "0.1.0-dev"

// Info is what a build knows of itself.
type Info struct {
	Version  string // "1.2.0", or the development version
	Commit   string // the VCS revision, shortened to 12 characters; "" when unknown
	Date     string // the commit's time, RFC 3339; "" when unknown
	Modified bool   // built from a working tree with uncommitted changes
	Go       string // the Go version that built it
}

// Read returns the running program's build information.
func Read() Info {
	in := Info{Version: version, Commit: commit, Date: date, Go: runtime.Version()}
	if bi, ok := debug.ReadBuildInfo(); ok {
		// A tagged build carries its version; an untagged one a pseudo-version
		// (v0.0.0-date-commit), which says less than the commit and date below.
		if v := bi.Main.Version; in.Version == "" && v != "" && v != "(devel)" && !strings.HasPrefix(v, "v0.0.0-") {
			in.Version = strings.TrimSuffix(strings.TrimPrefix(v, "v"), "+dirty")
		}
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				if in.Commit == "" {
					in.Commit = s.Value
				}
			case "vcs.time":
				if in.Date == "" {
					in.Date = s.Value
				}
			case "vcs.modified":
				in.Modified = s.Value == "true"
			}
		}
	}
	if in.Version == "" {
		in.Version = fallbackVersion
	}
	if len(in.Commit) > 12 {
		in.Commit = in.Commit[:12]
	}
	return in
}

// String is the one line "anthology version" prints: "anthology 0.1.0-dev (commit
// 1a2b3c4d5e6f, modified, 2026-12-01T12:00:00Z, go1.26.0)".
func (in Info) String() string {
	var parts []string
	if in.Commit != "" {
		c := "commit " + in.Commit
		if in.Modified {
			c += ", modified"
		}
		parts = append(parts, c)
	}
	if in.Date != "" {
		parts = append(parts, in.Date)
	}
	parts = append(parts, in.Go)
	return "anthology " + in.Version + " (" + strings.Join(parts, ", ") + ")"
}

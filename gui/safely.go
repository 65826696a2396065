package gui

import (
	"fmt"
	"runtime/debug"
)

// safely runs f, which works in the background (an export, a check, an import, the preview),
// turning a panic into an error that names what was being done and asks for a bug report. A
// panic in a goroutine would otherwise end the app with the editor's unsaved work; the
// recovery file keeps that work, but the editor should never see a crash for a bug.
func safely[T any](what string, f func() (T, error)) (res T, err error) {
	defer func() {
		if r := recover(); r != nil {
			var zero T
			res = zero
			err = fmt.Errorf("internal error while %s: %v. This is a bug in Anthology, not in your book; please report it (Help → About names the version).\n\n%s", what, r, debug.Stack())
		}
	}()
	return f()
}

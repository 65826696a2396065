// Package faulty has a writer that fails as a full disk does, for the tests of the book writers.
package faulty

import "errors"

// ErrDiskFull is what a Writer fails with.
var ErrDiskFull = errors.New("no space left on device")

// Writer takes N bytes, then fails with ErrDiskFull (having written what fitted).
type Writer struct{ N int }

// Write writes what still fits and fails if that is not all of p.
func (w *Writer) Write(p []byte) (int, error) {
	if len(p) > w.N {
		n := w.N
		w.N = 0
		return n, ErrDiskFull
	}
	w.N -= len(p)
	return len(p), nil
}

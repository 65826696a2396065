// Package bounded reads files that come from outside the program — a project's files, pages
// and documents to import, images, a recovery file — with a size limit that holds while
// reading, not only at a stat, and refuses what is not a regular file before opening it.
//
// A named pipe blocks its reader until someone writes to it (an essay that is a FIFO once hung
// every command forever); /dev/zero or a growing log never ends (a stat says size 0, and
// os.ReadFile reads until memory runs out). Here both are an error that names the file.
package bounded

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// ErrNotRegular is returned for a name that is a named pipe, a device, a socket or a folder.
var ErrNotRegular = errors.New("not a regular file")

// ErrTooBig is returned for a file over the limit.
var ErrTooBig = errors.New("too big")

// Error says what is wrong with one file, in an editor's words.
type Error struct {
	Name string // the file as the caller named it
	Msg  string // what is wrong, without the name
	Err  error  // ErrNotRegular, ErrTooBig, or the system's error
}

func (e *Error) Error() string { return e.Name + ": " + e.Msg }

// Unwrap gives the kind of failure.
func (e *Error) Unwrap() error { return e.Err }

// ReadFile reads the file at path, at most limit bytes.
func ReadFile(path string, limit int64) ([]byte, error) {
	return read(path, limit, os.Stat, func(name string) (io.ReadCloser, error) { return os.Open(name) })
}

// ReadFS reads name from fsys, at most limit bytes, refusing what is not a regular file.
func ReadFS(fsys fs.FS, name string, limit int64) ([]byte, error) {
	return read(name, limit, func(name string) (fs.FileInfo, error) { return fs.Stat(fsys, name) },
		func(name string) (io.ReadCloser, error) { return fsys.Open(name) })
}

// read checks the file by its information before opening it, then reads it within limit.
func read(name string, limit int64, stat func(string) (fs.FileInfo, error), open func(string) (io.ReadCloser, error)) ([]byte, error) {
	info, err := stat(name)
	if err != nil {
		return nil, err
	}
	if err := checkInfo(name, info, limit); err != nil {
		return nil, err
	}
	f, err := open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readAll(name, f, info.Size(), limit)
}

// Check refuses, from its file information alone, a file ReadFile would refuse.
func Check(name string, info fs.FileInfo, limit int64) error { return checkInfo(name, info, limit) }

func checkInfo(name string, info fs.FileInfo, limit int64) error {
	mode := info.Mode()
	switch {
	case mode.IsRegular():
	case mode.IsDir():
		return &Error{name, "is a folder, not a file", ErrNotRegular}
	case mode&fs.ModeNamedPipe != 0:
		return &Error{name, "is a named pipe (FIFO), not a file; reading it would wait forever", ErrNotRegular}
	case mode&fs.ModeDevice != 0 || mode&fs.ModeCharDevice != 0:
		return &Error{name, "is a device, not a file", ErrNotRegular}
	case mode&fs.ModeSocket != 0:
		return &Error{name, "is a socket, not a file", ErrNotRegular}
	default:
		return &Error{name, "is not a regular file", ErrNotRegular}
	}
	if info.Size() > limit {
		return tooBig(name, info.Size(), limit)
	}
	return nil
}

// readAll reads r to its end, refusing it once it passes limit (a file that grew after its
// stat, a device whose stat says 0 bytes).
func readAll(name string, r io.Reader, size, limit int64) ([]byte, error) {
	buf := make([]byte, 0, min(size, limit)+512)
	for int64(len(buf)) <= limit {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := r.Read(buf[len(buf):min(cap(buf), int(limit)+1)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
	}
	if int64(len(buf)) > limit {
		return nil, &Error{name, fmt.Sprintf("is more than %s; a file here may be at most that", Size(limit)), ErrTooBig}
	}
	return buf, nil
}

func tooBig(name string, size, limit int64) error {
	a, b := Size(size), Size(limit)
	if a == b { // rounding would print the same number twice
		a, b = fmt.Sprintf("%d bytes", size), fmt.Sprintf("%d bytes", limit)
	}
	return &Error{name, fmt.Sprintf("is %s; a file here may be at most %s", a, b), ErrTooBig}
}

// Size writes a byte count for people: "512 bytes", "3.4 KB", "16 MB", "16.3 MB" — never
// "16.0 MB; at most 16.0 MB" for two different numbers.
func Size(n int64) string {
	switch {
	case n < 1<<10:
		return fmt.Sprintf("%d bytes", n)
	case n < 1<<20:
		return trimZero(float64(n)/(1<<10)) + " KB"
	case n < 1<<30:
		return trimZero(float64(n)/(1<<20)) + " MB"
	}
	return trimZero(float64(n)/(1<<30)) + " GB"
}

// trimZero prints one decimal, or none when it is zero: 16 MB, 16.3 MB.
func trimZero(v float64) string {
	s := fmt.Sprintf("%.1f", v)
	if len(s) > 2 && s[len(s)-2:] == ".0" {
		return s[:len(s)-2]
	}
	return s
}

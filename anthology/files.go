package anthology

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/anthology-editor/anthology/anthology/bounded"
)

// Limits on what a project file may be. An essay of 16 MB is about 2.5 million words, longer
// than any book; anything bigger is a mistake (a video renamed .md, a log file), and reading it
// would only make the editor wait for a worse error.
const (
	MaxEssayBytes   = 16 << 20
	MaxProjectBytes = 4 << 20
	MaxImageBytes   = 32 << 20
)

// projectFS reads files of a project: a folder on disk (confined with os.Root, so neither ".."
// nor a symlink can lead out of it) or an embedded file system (the sample).
type projectFS interface {
	fs.StatFS
	fs.ReadFileFS
}

// openDir confines reads to dir.
func openDir(dir string) (*os.Root, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) && errors.Is(pe.Err, fs.ErrNotExist) {
			return nil, fmt.Errorf("%s: no such folder", dir)
		}
		return nil, err
	}
	return root, nil
}

// openProjectFS opens dir as a confined file system; close releases it.
func openProjectFS(dir string) (fsys projectFS, close func() error, err error) {
	root, err := openDir(dir)
	if err != nil {
		return nil, nil, err
	}
	fsys, ok := root.FS().(projectFS)
	if !ok {
		root.Close()
		return nil, nil, errors.New("internal: os.Root file system cannot stat and read")
	}
	return fsys, root.Close, nil
}

// checkRelPath refuses paths that name something outside the project: absolute paths and paths
// with "..". Symlinks that lead out are refused when the file is opened.
func checkRelPath(p string) error {
	if p == "" {
		return errors.New("empty path")
	}
	if filepath.IsAbs(p) || path.IsAbs(p) || strings.HasPrefix(p, `\`) || filepath.VolumeName(p) != "" {
		return fmt.Errorf("%q is an absolute path; paths in a project are relative to its folder", p)
	}
	for _, part := range strings.FieldsFunc(p, func(r rune) bool { return r == '/' || r == '\\' }) {
		if part == ".." {
			return fmt.Errorf("%q leaves the project folder", p)
		}
	}
	return nil
}

// readProjectFile reads a text file of the project, refusing files that are too big, binary or
// not UTF-8, and returning it with line ends normalised to \n and any BOM removed.
func readProjectFile(fsys projectFS, display, name string, limit int64) ([]byte, error) {
	if err := checkRelPath(name); err != nil {
		return nil, &Error{File: display, Msg: err.Error()}
	}
	name = path.Clean(strings.ReplaceAll(name, `\`, "/"))
	data, err := readBounded(fsys, display, name, limit)
	if err != nil {
		return nil, err
	}
	return cleanText(display, data)
}

// readBounded reads name from fsys through the bounded reader (no FIFO, no device, no more
// than limit bytes however the file grows), with errors for the editor.
func readBounded(fsys projectFS, display, name string, limit int64) ([]byte, error) {
	data, err := bounded.ReadFS(fsys, name, limit)
	if err != nil {
		var be *bounded.Error
		if errors.As(err, &be) {
			return nil, &Error{File: display, Msg: be.Msg, Err: be.Err}
		}
		return nil, &Error{File: display, Msg: describeOpenError(err), Err: err}
	}
	return data, nil
}

// describeOpenError says in an editor's words why a file could not be read.
func describeOpenError(err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "file not found"
	case errors.Is(err, fs.ErrPermission):
		return "permission denied"
	case strings.Contains(err.Error(), "path escapes from parent"):
		return "leads outside the project folder (through a symbolic link); refused"
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// cleanText checks that data is UTF-8 text and normalises line ends.
func cleanText(display string, data []byte) ([]byte, error) {
	if i := bytes.IndexByte(data, 0); i >= 0 {
		line, col := lineCol(data, i)
		return nil, &Error{File: display, Line: line, Col: col, Msg: "is a binary file, not text (NUL byte)"}
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(data) {
		i := firstInvalidUTF8(data)
		line, col := lineCol(data, i)
		return nil, &Error{File: display, Line: line, Col: col, Msg: fmt.Sprintf("is not UTF-8 text (byte 0x%02x); save it as UTF-8", data[i])}
	}
	if bytes.IndexByte(data, '\r') >= 0 {
		data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
		data = bytes.ReplaceAll(data, []byte("\r"), []byte("\n"))
	}
	return data, nil
}

func firstInvalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return len(b)
}

// lineCol converts a byte offset into a 1-based line and column (in characters).
func lineCol(b []byte, off int) (int, int) {
	line := 1 + bytes.Count(b[:off], []byte("\n"))
	start := bytes.LastIndexByte(b[:off], '\n') + 1
	return line, utf8.RuneCount(b[start:off]) + 1
}

func byteSize(n int64) string { return bounded.Size(n) }

// stripControl removes characters that no book format can hold (C0 and C1 controls other than
// tab and newline, and the Unicode non-characters U+FFFE and U+FFFF). XML 1.0 forbids them, and
// they are never intended in prose: they arrive with copy and paste. It reports what it removed.
func stripControl(s string) (string, []rune) {
	if utf8.ValidString(s) && !mayHoldControl(s) {
		return s, nil
	}
	return stripControlRunes(s)
}

// stripControlRunes is stripControl rune by rune (invalid UTF-8 becomes U+FFFD).
func stripControlRunes(s string) (string, []rune) {
	var removed []rune
	clean := strings.Map(func(r rune) rune {
		if isControl(r) {
			removed = append(removed, r)
			return -1
		}
		return r
	}, s)
	return clean, removed
}

// mayHoldControl reports whether s may hold a character isControl refuses, by its bytes: a
// C0 control but tab and newline, DEL, the lead byte of a C1 control (U+0080–U+009F) or of
// U+FFFE and U+FFFF. Nearly every text has none, and is then not decoded.
func mayHoldControl(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c < 0x20 && c != '\t' && c != '\n', c == 0x7f:
			return true
		case c == 0xc2 && i+1 < len(s) && s[i+1] >= 0x80 && s[i+1] <= 0x9f:
			return true
		case c == 0xef && i+2 < len(s) && s[i+1] == 0xbf && (s[i+2] == 0xbe || s[i+2] == 0xbf):
			return true
		}
	}
	return false
}

func isControl(r rune) bool {
	return (r < 0x20 && r != '\t' && r != '\n') || (r >= 0x7f && r <= 0x9f) || r == 0xfffe || r == 0xffff
}

// idPattern is what an essay or contributor id may look like: it doubles as a file name, so it
// has no slashes, no leading dot and nothing a file system could object to.
var idPattern = regexp.MustCompile(`^[\p{L}\p{N}][\p{L}\p{N}._-]*$`)

// ValidID reports whether id can name an essay or a contributor.
func ValidID(id string) bool { return len(id) <= 120 && idPattern.MatchString(id) }

// splitFrontMatter separates a YAML front matter block ("---" lines around it) from the body.
// It returns the front matter, the body and the line where the body starts. ok is false when the
// file has no front matter; closed is false when it opens one and never closes it.
func splitFrontMatter(data []byte) (front, body []byte, bodyLine int, ok, closed bool) {
	if !bytes.HasPrefix(data, []byte("---\n")) && !bytes.Equal(data, []byte("---")) {
		return nil, data, 1, false, false
	}
	if len(data) <= 4 {
		return nil, nil, 0, true, false // "---" and nothing more: opened, never closed
	}
	rest := data[4:]
	line := 2
	for off := 0; off <= len(rest); {
		end := bytes.IndexByte(rest[off:], '\n')
		var l []byte
		if end < 0 {
			l = rest[off:]
		} else {
			l = rest[off : off+end]
		}
		if t := bytes.TrimRight(l, " \t"); bytes.Equal(t, []byte("---")) || bytes.Equal(t, []byte("...")) {
			front = rest[:off]
			if end < 0 {
				return front, nil, line + 1, true, true
			}
			return front, rest[off+end+1:], line + 1, true, true
		}
		if end < 0 {
			break
		}
		off += end + 1
		line++
	}
	return nil, nil, 0, true, false
}

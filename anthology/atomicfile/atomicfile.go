// Package atomicfile writes files so that a reader, a crash or a full disk never leaves half of
// one under its final name: the bytes go to a temporary file in the same folder, are synced,
// and only then renamed over the final name.
package atomicfile

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sync/atomic"
	"time"
)

var counter atomic.Uint64

// tempPattern is how temporary files are named: ".NAME.tmp-PID-N" beside NAME. RemoveStale
// knows them by it.
var tempPattern = regexp.MustCompile(`^\..+\.tmp-\d+-\d+$`)

// Pending is a file written and synced under a temporary name, not yet under its own: Commit
// renames it into place, Abort removes it. Several Pending files committed one after another
// make a set of files appear together (an export's EPUB and PDF), or none of them if any
// failed to be written.
type Pending struct {
	root      *os.Root
	ownRoot   bool // root was opened for this file and is closed with it
	tmp, name string
}

// Prepare writes what write produces to a temporary file beside name inside root and syncs it.
// On failure nothing is left behind.
func Prepare(root *os.Root, name string, perm os.FileMode, write func(io.Writer) error) (_ *Pending, err error) {
	dir, base := path.Split(name)
	tmp := fmt.Sprintf("%s.%s.tmp-%d-%d", dir, base, os.Getpid(), counter.Add(1))
	f, err := root.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
	if err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			f.Close()
			root.Remove(tmp)
		}
	}()
	if err = write(f); err != nil {
		return nil, err
	}
	if err = f.Sync(); err != nil {
		return nil, err
	}
	if err = f.Close(); err != nil {
		return nil, err
	}
	return &Pending{root: root, tmp: tmp, name: name}, nil
}

// Commit renames the file into place and makes the rename durable.
func (p *Pending) Commit() error {
	defer p.release()
	if err := p.root.Rename(p.tmp, p.name); err != nil {
		p.root.Remove(p.tmp)
		return err
	}
	// A folder that cannot be synced is not an error worth failing a save for (some file
	// systems refuse).
	dir, _ := path.Split(p.name)
	if d, derr := p.root.Open(dir + "."); derr == nil {
		_ = d.Sync()
		d.Close()
	}
	return nil
}

// Temp is the temporary file's name (inside the root), Name the final one.
func (p *Pending) Temp() string { return p.tmp }

// Name is the file's final name inside the root.
func (p *Pending) Name() string { return p.name }

// Abort removes the temporary file; the final name is untouched.
func (p *Pending) Abort() {
	p.root.Remove(p.tmp)
	p.release()
}

func (p *Pending) release() {
	if p.ownRoot {
		p.root.Close()
	}
}

// Write creates or replaces name inside root with what write produces. If write or any step
// fails, name is untouched and the temporary file is removed.
func Write(root *os.Root, name string, perm os.FileMode, write func(io.Writer) error) error {
	p, err := Prepare(root, name, perm, write)
	if err != nil {
		return err
	}
	return p.Commit()
}

// PreparePath is Prepare for a file named by an ordinary path, outside any project.
func PreparePath(filename string, perm os.FileMode, write func(io.Writer) error) (*Pending, error) {
	dir, base := filepath.Split(filename)
	if dir == "" {
		dir = "."
	}
	if base == "" {
		return nil, errors.New("atomicfile: no file name in " + filename)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	p, err := Prepare(root, base, perm, write)
	if err != nil {
		root.Close()
		return nil, err
	}
	p.ownRoot = true
	return p, nil
}

// StaleAge is how long a temporary file must have gone unmodified before RemoveStale takes it
// for the leftover of a killed process: a live writer touches its file all the time, and
// renames it the moment it is done.
const StaleAge = 10 * time.Minute

// RemoveStale removes, in folder dir of root, the temporary files of writers that were killed
// before they could rename or remove them (their names follow tempPattern), and returns how
// many it removed.
func RemoveStale(root *os.Root, dir string) int {
	f, err := root.Open(dir)
	if err != nil {
		return 0
	}
	entries, err := f.ReadDir(-1)
	f.Close()
	if err != nil {
		return 0
	}
	n := 0
	for _, e := range entries {
		if !e.Type().IsRegular() || !tempPattern.MatchString(e.Name()) {
			continue
		}
		if info, err := e.Info(); err == nil && time.Since(info.ModTime()) > StaleAge {
			if root.Remove(path.Join(dir, e.Name())) == nil {
				n++
			}
		}
	}
	return n
}

// WriteFile is Write for bytes already in memory.
func WriteFile(root *os.Root, name string, data []byte, perm os.FileMode) error {
	return Write(root, name, perm, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// WritePath is Write for a file named by an ordinary path, outside any project.
func WritePath(filename string, perm os.FileMode, write func(io.Writer) error) error {
	p, err := PreparePath(filename, perm, write)
	if err != nil {
		return err
	}
	return p.Commit()
}

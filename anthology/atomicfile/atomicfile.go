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
	"sync/atomic"
)

var counter atomic.Uint64

// Write creates or replaces name inside root with what write produces. If write or any step
// fails, name is untouched and the temporary file is removed.
func Write(root *os.Root, name string, perm os.FileMode, write func(io.Writer) error) (err error) {
	dir, base := path.Split(name)
	tmp := fmt.Sprintf("%s.%s.tmp-%d-%d", dir, base, os.Getpid(), counter.Add(1))
	f, err := root.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			f.Close()
			root.Remove(tmp)
		}
	}()
	if err = write(f); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	if err = root.Rename(tmp, name); err != nil {
		return err
	}
	// Make the rename itself durable; a folder that cannot be synced is not an error worth
	// failing a save for (some file systems refuse).
	if d, derr := root.Open(dir + "."); derr == nil {
		_ = d.Sync()
		d.Close()
	}
	return nil
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
	dir, base := filepath.Split(filename)
	if dir == "" {
		dir = "."
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return err
	}
	defer root.Close()
	if base == "" {
		return errors.New("atomicfile: no file name in " + filename)
	}
	return Write(root, base, perm, write)
}

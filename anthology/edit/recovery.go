package edit

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/anthology-editor/anthology/anthology"
	"github.com/anthology-editor/anthology/anthology/atomicfile"
	"github.com/anthology-editor/anthology/anthology/bounded"
)

// Recovery is the unsaved state of a project, as the session keeps it on disk after every
// edit: the files a save would write, in full.
type Recovery struct {
	// Project is the project's folder as an absolute path; "" for a project that has none (the
	// bundled sample, edited but never saved as).
	Project string `json:"project"`
	Title   string `json:"title"`
	// Written is when the edits were last kept (for "recover edits from 14:32?").
	Written time.Time `json:"written"`
	// Files are paths inside the project and the text a save would write there.
	Files map[string]string `json:"files"`

	path string
}

// maxRecoveryBytes bounds what FindRecovery reads: the project file and the essays together
// fit easily; anything bigger is not ours.
const maxRecoveryBytes = 1 << 30

// DefaultRecoveryDir is where the app keeps recovery files: the user's configuration folder.
func DefaultRecoveryDir() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "anthology", "recovery"), nil
}

// recoveryKey names a project's recovery file: a hash of its absolute folder, or of its title
// for a project with no folder.
func recoveryKey(p *anthology.Project) string {
	return keyFor(p.Dir, p.Book.Title)
}

func keyFor(dir, title string) string {
	id := "memory:" + title
	if dir != "" {
		if abs, err := filepath.Abs(dir); err == nil {
			id = "dir:" + abs
		}
	}
	sum := sha256.Sum256([]byte(id))
	return hex.EncodeToString(sum[:8]) + ".json"
}

// RecoveryFileName is the name of the recovery file, inside the recovery folder, of the project
// in folder dir (or of the folder-less project of that title).
func RecoveryFileName(dir, title string) string { return keyFor(dir, title) }

// FindRecovery returns the recovery kept in recoveryDir for the project in folder dir (or, for
// dir "", the folder-less project of that title), or nil when there is none.
func FindRecovery(recoveryDir, dir, title string) (*Recovery, error) {
	name := filepath.Join(recoveryDir, keyFor(dir, title))
	info, err := os.Stat(name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if info.Size() > maxRecoveryBytes {
		return nil, fmt.Errorf("%s: recovery file too big (%d bytes)", name, info.Size())
	}
	data, err := bounded.ReadFile(name, maxRecoveryBytes)
	if err != nil {
		return nil, err
	}
	var r Recovery
	if err := json.Unmarshal(data, &r); err != nil {
		return nil, fmt.Errorf("%s: unreadable recovery file: %v", name, err)
	}
	r.path = name
	return &r, nil
}

// Open reads the project with the recovered edits over the files on disk. A recovery of a
// project without a folder is laid over base (the sample it started from).
func (r *Recovery) Open(base fs.FS) (*anthology.Project, error) {
	files := make(map[string][]byte, len(r.Files))
	for name, text := range r.Files {
		files[name] = []byte(text)
	}
	if r.Project == "" {
		if base == nil {
			return nil, errors.New("the recovered project has no folder and no sample to start from")
		}
		return anthology.LoadFSWith(base, "sample", files)
	}
	return anthology.OpenWith(r.Project, files)
}

// Discard deletes the recovery file.
func (r *Recovery) Discard() error {
	if err := os.Remove(r.path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}

// autosave keeps the unsaved state in the recovery file, or removes the file when there is
// nothing unsaved. The state is frozen here, on the session's goroutine (cheap: copies of
// values); encoding and writing it happen in the background, so that typing never waits for
// YAML or a disk.
func (s *Session) autosave() {
	if s.rec == nil {
		return
	}
	if !s.Dirty() {
		s.rec.remove()
		return
	}
	r := Recovery{Project: s.p.Dir, Title: s.p.Book.Title, Written: time.Now().UTC().Truncate(time.Second)}
	if r.Project != "" {
		if abs, err := filepath.Abs(r.Project); err == nil {
			r.Project = abs
		}
	}
	var essays []*anthology.Essay
	for _, e := range s.allEssays() {
		if s.touched[e] {
			essays = append(essays, e)
		}
	}
	snap := s.p.Snapshot(essays)
	s.rec.put(func() ([]byte, error) {
		files, err := snap.Encode()
		if err != nil {
			return nil, err
		}
		r.Files = make(map[string]string, len(files))
		for name, data := range files {
			r.Files[name] = string(data)
		}
		return json.Marshal(r)
	})
}

// RecoveryError reports the last failure to keep the recovery file, or nil.
func (s *Session) RecoveryError() error {
	if s.rec == nil {
		return nil
	}
	s.rec.mu.Lock()
	defer s.rec.mu.Unlock()
	return s.rec.err
}

// recorder writes one recovery file from a background goroutine; only the newest state is
// written, however many edits arrive while a write is under way.
type recorder struct {
	dir, name string

	mu      sync.Mutex
	idle    *sync.Cond
	next    func() ([]byte, error)
	pending bool // next (or a removal, when next is nil) is waiting
	busy    bool
	err     error
}

func newRecorder(dir, name string) *recorder {
	r := &recorder{dir: dir, name: name}
	r.idle = sync.NewCond(&r.mu)
	return r
}

// put queues the file's new content, made by encode on the writer's goroutine.
func (r *recorder) put(encode func() ([]byte, error)) { r.queue(encode) }

func (r *recorder) remove() { r.queue(nil) }

func (r *recorder) queue(encode func() ([]byte, error)) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.next, r.pending = encode, true
	if !r.busy {
		r.busy = true
		go r.run()
	}
}

func (r *recorder) run() {
	for {
		r.mu.Lock()
		if !r.pending {
			r.busy = false
			r.idle.Broadcast()
			r.mu.Unlock()
			return
		}
		encode := r.next
		r.next, r.pending = nil, false
		r.mu.Unlock()

		var data []byte
		var err error
		if encode != nil {
			data, err = encode()
		}
		if err == nil {
			err = r.write(data, encode == nil)
		}
		r.mu.Lock()
		r.err = err
		r.mu.Unlock()
	}
}

func (r *recorder) write(data []byte, remove bool) error {
	if remove {
		err := os.Remove(filepath.Join(r.dir, r.name))
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		return err
	}
	if err := os.MkdirAll(r.dir, 0o700); err != nil {
		return err
	}
	root, err := os.OpenRoot(r.dir)
	if err != nil {
		return err
	}
	defer root.Close()
	return atomicfile.WriteFile(root, r.name, data, 0o600)
}

// flush waits for the writer to finish and returns its last error.
func (r *recorder) flush() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	for r.busy {
		r.idle.Wait()
	}
	return r.err
}

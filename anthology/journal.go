package anthology

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/anthology-editor/anthology/anthology/atomicfile"
	"github.com/anthology-editor/anthology/anthology/bounded"
)

// A save changes several files (essays, then anthology.yaml), and a save killed half-way once
// left essays from two different saves. So a save is a transaction with a journal:
//
//  1. every changed file is written and synced under a temporary name (the project on disk is
//     still the old one; a kill here leaves only temporary files, which a later save removes);
//  2. the journal, naming each temporary file and its final name, is written atomically: this
//     is the commit point, after which the new project is the true one;
//  3. the temporary files are renamed into place and the journal removed.
//
// A reader (Open, the next Save) that finds a journal finishes step 3 first, so it sees the old
// project or the new one, never a mix. A generation folder would need the whole project copied
// at each save, and a journal of renames costs one small file.

// journalName is the save journal in the project's folder.
const journalName = ".anthology-save.journal"

// journal lists the renames of a committed save: [temporary, final] name pairs.
type journal struct {
	Renames [][2]string `json:"renames"`
}

// commitFiles makes the prepared files the project's, all of them or (until the journal is
// written) none.
func commitFiles(root *os.Root, pending []*atomicfile.Pending) error {
	if len(pending) == 0 {
		return nil
	}
	if len(pending) == 1 {
		return pending[0].Commit() // one rename is atomic by itself
	}
	var j journal
	for _, p := range pending {
		j.Renames = append(j.Renames, [2]string{p.Temp(), p.Name()})
	}
	data, err := json.Marshal(j)
	if err != nil {
		return err
	}
	if err := atomicfile.WriteFile(root, journalName, data, 0o644); err != nil {
		for _, p := range pending {
			p.Abort()
		}
		return err
	}
	return finishJournal(root, j)
}

// finishJournal does the renames a journal lists (those not done yet) and removes it.
func finishJournal(root *os.Root, j journal) error {
	for _, r := range j.Renames {
		if err := root.Rename(r[0], r[1]); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("finishing the save of %s: %w", r[1], err)
		}
	}
	if d, err := root.Open("."); err == nil {
		_ = d.Sync()
		d.Close()
	}
	if err := root.Remove(journalName); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}

// recoverSave finishes a save that was interrupted after its commit point, if there is one,
// and removes the temporary files of saves killed before it.
func recoverSave(root *os.Root) error {
	data, err := bounded.ReadFS(root.FS(), journalName, 1<<20)
	if errors.Is(err, fs.ErrNotExist) {
		atomicfile.RemoveStale(root, ".")
		atomicfile.RemoveStale(root, EssayDir)
		atomicfile.RemoveStale(root, "front")
		atomicfile.RemoveStale(root, "images")
		return nil
	}
	if err != nil {
		return err
	}
	var j journal
	if err := json.Unmarshal(data, &j); err != nil {
		// Written atomically, so never torn: this is not our journal. Leave it be.
		return fmt.Errorf("%s: not a save journal (%v); move it away to open the project", journalName, err)
	}
	for _, r := range j.Renames {
		if checkRelPath(r[0]) != nil || checkRelPath(r[1]) != nil {
			return fmt.Errorf("%s: names a file outside the project; move it away to open the project", journalName)
		}
	}
	return finishJournal(root, j)
}

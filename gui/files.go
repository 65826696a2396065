//go:build !nogui

package gui

import (
	"bytes"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/anthology-editor/anthology/anthology"
	"github.com/anthology-editor/anthology/anthology/atomicfile"
	"github.com/anthology-editor/anthology/anthology/bounded"
)

// recentKey is the preference that lists recent projects, newest first.
const recentKey = "recent-projects"

// maxRecent is how many recent projects the menu lists.
const maxRecent = 8

// Recent lists the recent projects' folders, newest first.
func (e *Editor) Recent() []string {
	return e.app.Preferences().StringList(recentKey)
}

func (e *Editor) addRecent(dir string) {
	if abs, err := filepath.Abs(dir); err == nil {
		dir = abs
	}
	list := []string{dir}
	for _, d := range e.Recent() {
		if d != dir && len(list) < maxRecent {
			list = append(list, d)
		}
	}
	e.app.Preferences().SetStringList(recentKey, list)
	e.refreshRecentMenu()
}

func (e *Editor) refreshRecentMenu() {
	if e.recentMenu == nil {
		return
	}
	e.recentMenu.Items = nil
	for _, dir := range e.Recent() {
		dir := dir
		e.recentMenu.Items = append(e.recentMenu.Items, fyne.NewMenuItem(dir, func() { e.whenSaved(func() { e.OpenProject(dir) }) }))
	}
	if len(e.recentMenu.Items) == 0 {
		none := fyne.NewMenuItem("No recent projects", nil)
		none.Disabled = true
		e.recentMenu.Items = append(e.recentMenu.Items, none)
	}
	if m := e.win.MainMenu(); m != nil {
		m.Refresh()
	}
}

// whenSaved runs next once the open project's unsaved changes are saved or given up, asking
// the editor which; Cancel runs nothing.
func (e *Editor) whenSaved(next func()) {
	if !e.sess.Dirty() {
		next()
		return
	}
	e.ask("Unsaved Changes", fmt.Sprintf("Save the changes to “%s” first? If you don't, they are lost.", e.project().Book.Title),
		answer{"Cancel", nil},
		answer{"Don't Save", next},
		answer{"Save", func() {
			if e.project().Dir == "" {
				e.saveAsThen(next)
				return
			}
			if err := e.sess.Save(); err != nil {
				e.report(err)
				return
			}
			next()
		}})
}

// OpenProject opens the project in dir in this window, offering back any unsaved edits an
// earlier session left.
func (e *Editor) OpenProject(dir string) {
	p, err := anthology.OpenForEditing(dir)
	if err != nil {
		e.report(err)
		return
	}
	e.setProject(p, nil)
	e.offerRecovery(p)
	e.showProblems()
}

// showProblems tells the editor what in the project's settings no book can be built with, as
// it was opened: each where it is in anthology.yaml, to be fixed in the app.
func (e *Editor) showProblems() {
	probs := e.project().Problems
	if len(probs) == 0 {
		return
	}
	var lines []string
	for _, p := range probs {
		lines = append(lines, "• "+p.Error())
	}
	dialog.ShowInformation("Settings to Fix",
		"The book opened, but it cannot be exported until these are fixed (in Print & EPUB settings, the book's page or the essay's form):\n\n"+
			strings.Join(lines, "\n"), e.win)
}

func (e *Editor) openProjectDialog() {
	e.whenSaved(func() {
		home, _ := os.UserHomeDir()
		e.choose(chooseOptions{title: "Open Anthology", accept: "Open", directory: true, folder: home},
			func() { e.fyneFolderOpen(e.OpenProject) },
			func(paths []string) {
				if len(paths) > 0 {
					e.OpenProject(paths[0])
				}
			})
	})
}

// folderPicker is a parent-folder field with a Browse button, and a name for the new folder.
func (e *Editor) folderPicker(name string) (fyne.CanvasObject, func() string) {
	home, _ := os.UserHomeDir()
	parent := widget.NewEntry()
	parent.SetText(home)
	browse := widget.NewButtonWithIcon("", theme.FolderOpenIcon(), func() { e.chooseFolder(parent) })
	folder := widget.NewEntry()
	folder.SetText(name)
	box := widget.NewForm(
		widget.NewFormItem("In folder", container.NewBorder(nil, nil, nil, browse, parent)),
		widget.NewFormItem("New folder", folder),
	)
	return box, func() string { return filepath.Join(parent.Text, folder.Text) }
}

func (e *Editor) newProjectDialog() {
	e.whenSaved(func() {
		title := widget.NewEntry()
		title.SetPlaceHolder("The book's title")
		picker, dir := e.folderPicker("my-anthology")
		content := container.NewVBox(widget.NewForm(widget.NewFormItem("Title", title)), picker)
		answered := false // hiding the dialog answers it too: only the first answer counts
		create := func() {
			p, err := anthology.Create(dir(), title.Text)
			if err != nil {
				e.report(err)
				return
			}
			e.setProject(p, nil)
		}
		d := dialog.NewCustomConfirm("New Anthology", "Create", "Cancel", content, func(ok bool) {
			if answered {
				return
			}
			answered = true
			if ok {
				create()
			}
		}, e.win)
		// The title has the focus, and Return in it creates the book.
		title.OnSubmitted = func(string) {
			if answered {
				return
			}
			answered = true
			d.Hide()
			create()
		}
		d.Resize(fyne.NewSize(560, 260))
		d.Show()
		e.win.Canvas().Focus(title)
	})
}

func (e *Editor) saveAsDialog() { e.saveAsThen(nil) }

// saveAsThen asks for a new folder, saves the whole project there, then runs next (if set).
func (e *Editor) saveAsThen(next func()) {
	picker, dir := e.folderPicker(anthology.Slug(e.project().Book.Title))
	d := dialog.NewCustomConfirm("Save As", "Save", "Cancel", picker, func(ok bool) {
		if !ok {
			return
		}
		if err := e.SaveAs(dir()); err != nil {
			e.report(err)
			return
		}
		if next != nil {
			next()
		}
	}, e.win)
	d.Resize(fyne.NewSize(560, 220))
	d.Show()
}

// SaveAs saves the project into the new folder dir, which becomes its folder.
func (e *Editor) SaveAs(dir string) error {
	if err := e.sess.SaveAs(dir); err != nil {
		return err
	}
	e.addRecent(dir)
	e.refreshChrome()
	return nil
}

// copyIntoProject copies the file at src into folder sub of the project in dir (an image
// chosen as the cover, say) and returns its path inside the project. A file of that name with
// other content is not overwritten: the copy gets a new name.
func copyIntoProject(dir, sub, src string) (string, error) {
	data, err := bounded.ReadFile(src, anthology.MaxImageBytes)
	if err != nil {
		return "", err
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return "", err
	}
	defer root.Close()
	if err := root.MkdirAll(sub, 0o755); err != nil {
		return "", err
	}
	base := filepath.Base(src)
	ext := filepath.Ext(base)
	stem := strings.TrimSuffix(base, ext)
	name := path.Join(sub, base)
	for n := 2; ; n++ {
		old, err := root.ReadFile(name)
		if err != nil || bytes.Equal(old, data) {
			break
		}
		name = path.Join(sub, fmt.Sprintf("%s-%d%s", stem, n, ext))
	}
	if err := atomicfile.WriteFile(root, name, data, 0o644); err != nil {
		return "", err
	}
	return name, nil
}

// chooseFolder lets the editor pick a folder for a field (the desktop's chooser, or Fyne's),
// starting where the field points.
func (e *Editor) chooseFolder(field *widget.Entry) {
	e.choose(chooseOptions{title: "Choose a Folder", accept: "Choose", directory: true, folder: field.Text},
		func() { e.fyneFolderOpen(field.SetText) },
		func(paths []string) {
			if len(paths) > 0 {
				field.SetText(paths[0])
			}
		})
}

// fyneFolderOpen is Fyne's own folder chooser, where the desktop's is not available: use gets
// the folder picked; a failure is shown.
func (e *Editor) fyneFolderOpen(use func(dir string)) {
	dialog.ShowFolderOpen(func(uri fyne.ListableURI, err error) {
		if err != nil || uri == nil {
			e.report(err)
			return
		}
		use(uri.Path())
	}, e.win)
}

//go:build !nogui

package gui

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/anthology-editor/anthology/layout/export"
	"github.com/anthology-editor/anthology/layout/validate"
)

// exportRun is an export under way or finished: what the window shows of it.
type exportRun struct {
	step     *widget.Label
	bar      *widget.ProgressBar
	cancel   context.CancelFunc
	progress dialog.Dialog
	result   dialog.Dialog
	// Done is set when the build has finished (or failed, or was cancelled).
	done bool
	res  *export.Result
	err  error
	// validating counts validators still running; reports are their verdicts.
	validating int
	reports    []validatorVerdict
}

// defaultExportDir is where exports go unless the editor picks another folder: "build" in the
// project folder, or the home folder for a project with none.
func (e *Editor) defaultExportDir() string {
	if d := e.project().Dir; d != "" {
		return filepath.Join(d, "build")
	}
	home, _ := os.UserHomeDir()
	return filepath.Join(home, "anthology-export")
}

// exportDialog asks where to and what to build.
func (e *Editor) exportDialog() {
	e.flushEdits()
	folder := widget.NewEntry()
	folder.SetText(e.defaultExportDir())
	browse := widget.NewButtonWithIcon("", theme.FolderOpenIcon(), func() { e.chooseFolder(folder) })
	// One box for each format the export builds, as package export lists them.
	boxes := container.NewVBox()
	checks := map[export.Format]*widget.Check{}
	for _, fi := range export.AllFormats {
		c := widget.NewCheck(fi.Label, nil)
		c.SetChecked(fi.Default)
		checks[fi.Format] = c
		boxes.Add(c)
	}
	final := widget.NewCheck("Final build: refuse if the book is not ready (permissions, ISBNs, cover)", nil)
	content := container.NewVBox(
		widget.NewForm(widget.NewFormItem("Folder", container.NewBorder(nil, nil, nil, browse, folder))),
		boxes, widget.NewSeparator(), final,
	)
	d := dialog.NewCustomConfirm("Export", "Export", "Cancel", content, func(ok bool) {
		if !ok {
			return
		}
		var formats []export.Format
		for _, fi := range export.AllFormats {
			if checks[fi.Format].Checked {
				formats = append(formats, fi.Format)
			}
		}
		if len(formats) == 0 {
			e.report(errors.New("choose at least one thing to export"))
			return
		}
		e.Export(folder.Text, formats, final.Checked, nil)
	}, e.win)
	d.Resize(fyne.NewSize(620, 360))
	d.Show()
}

// Export builds the formats into dir with the same function the command line uses, on a copy
// of the project and off the UI goroutine, with a progress bar and a Cancel button. When it
// ends the files, the checks' findings and the warnings are listed; done (if set) is called
// with the outcome on the UI goroutine.
func (e *Editor) Export(dir string, formats []export.Format, final bool, done func(*export.Result, error)) *exportRun {
	ctx, cancel := context.WithCancel(context.Background())
	run := &exportRun{cancel: cancel}
	run.step = widget.NewLabel("Starting…")
	run.bar = widget.NewProgressBar()
	stop := widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), func() {
		run.step.SetText("Cancelling…")
		cancel()
	})
	run.progress = dialog.NewCustomWithoutButtons("Exporting", container.NewVBox(run.step, run.bar, stop), e.win)
	run.progress.Resize(fyne.NewSize(420, 160))
	run.progress.Show()
	e.exporting = run

	clone := e.project().Clone()
	go func() {
		res, err := safely("exporting", func() (*export.Result, error) {
			return export.Build(ctx, clone, export.Options{OutDir: dir, Formats: formats, Final: final,
				Progress: func(pr export.Progress) {
					e.do(func() {
						run.step.SetText(strings.ToUpper(pr.Stage[:1]) + pr.Stage[1:] + "…")
						run.bar.SetValue(float64(pr.Done) / float64(pr.Total))
					})
				}})
		})
		e.do(func() {
			run.done, run.res, run.err = true, res, err
			run.progress.Hide()
			if done != nil {
				done(res, err)
			}
			e.showExportResult(run)
		})
	}()
	return run
}

func (e *Editor) showExportResult(run *exportRun) {
	if errors.Is(run.err, context.Canceled) {
		dialog.ShowInformation("Export cancelled", "Nothing was written: a cancelled export leaves no half-made files.", e.win)
		return
	}
	box := container.NewVBox()
	var d dialog.Dialog
	jumpAndClose := container.NewVBox()
	if run.err != nil {
		l := widget.NewLabel(run.err.Error())
		l.Wrapping = fyne.TextWrapWord
		l.Importance = widget.DangerImportance
		box.Add(heading("The export failed"))
		box.Add(l)
	} else {
		box.Add(heading("Written"))
		for _, f := range run.res.Files {
			box.Add(widget.NewLabel(f))
		}
		if len(run.res.Warnings) > 0 {
			box.Add(heading("Warnings"))
			for _, w := range run.res.Warnings {
				l := widget.NewLabel(w.Error())
				l.Wrapping = fyne.TextWrapWord
				l.Importance = widget.WarningImportance
				box.Add(l)
			}
		}
		box.Add(heading("Checks"))
		e.addFindings(jumpAndClose, run.res.Findings, func() { d.Hide() })
		box.Add(jumpAndClose)
		for _, f := range run.res.Files {
			if strings.HasSuffix(f, ".epub") {
				box.Add(heading("Validators"))
				validators := container.NewVBox()
				box.Add(validators)
				e.validateEPUB(validators, f, run)
			}
		}
	}
	d = dialog.NewCustom(exportTitle(run), "Close", container.NewVScroll(box), e.win)
	d.Resize(fyne.NewSize(680, 480))
	run.result = d
	d.Show()
}

// validateEPUB runs the outside validators on an exported EPUB (export.Validate, which
// `anthology validate` runs too), in the background, and lists their verdicts in box as they
// come. A validator that is not installed says so.
func (e *Editor) validateEPUB(box *fyne.Container, book string, run *exportRun) {
	lines := map[string]*widget.Label{}
	names := export.Validators(book, export.ValidateOptions{})
	for _, name := range names {
		l := widget.NewLabel(name + ": running…")
		l.Wrapping = fyne.TextWrapWord
		lines[name] = l
		box.Add(l)
	}
	run.validating = len(names)
	show := func(v export.Verdict) {
		e.do(func() {
			l, name, rep := lines[v.Validator], v.Validator, v.Report
			run.validating--
			switch {
			case v.Err != nil:
				l.SetText(name + ": " + v.Err.Error())
				l.Importance = widget.WarningImportance
			case rep.Clean():
				l.SetText(name + ": passed — " + rep.Summary)
				l.Importance = widget.SuccessImportance
			default:
				l.SetText(fmt.Sprintf("%s: %s\n%s", name, rep.Summary, strings.Join(rep.Problems, "\n")))
				l.Importance = widget.DangerImportance
			}
			run.reports = append(run.reports, validatorVerdict{name, rep, v.Err})
			l.Refresh()
		})
	}
	go func() { _ = export.Validate(context.Background(), book, export.ValidateOptions{}, show) }()
}

// validatorVerdict is one validator's answer on an exported book.
type validatorVerdict struct {
	name string
	rep  validate.Report
	err  error
}

func exportTitle(run *exportRun) string {
	if run.err != nil {
		return "Export failed"
	}
	return fmt.Sprintf("Export finished: %s", plural(len(run.res.Files), "file"))
}

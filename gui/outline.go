//go:build !nogui

package gui

import (
	"image/color"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/anthology-editor/anthology/anthology"
)

// rowKind is what a line of the outline stands for.
type rowKind int

const (
	rowHeading      rowKind = iota // "Front matter", "Contents", "Back matter": not selectable targets
	rowBook                        // the book's metadata, title page, dedication
	rowIntro                       // the introduction
	rowPart                        // a part (or the essays outside parts)
	rowEssay                       // an essay
	rowContributors                // the contributors and their bios
	rowCredits                     // credits and permissions
	rowSettings                    // print and EPUB settings
)

// bookRowLabel names the row of the book's own metadata.
const bookRowLabel = "Title, copyright & dedication"

// row is one line of the outline, as the book will read.
type row struct {
	kind  rowKind
	label string
	part  int    // index in Project.Parts, for parts and essays
	id    string // essay id
}

// key identifies a row across rebuilds, for keeping the selection.
func (r row) key() string {
	switch r.kind {
	case rowEssay:
		return "essay:" + r.id
	case rowPart:
		return "part:" + strconv.Itoa(r.part)
	}
	return "row:" + strconv.Itoa(int(r.kind)) + ":" + r.label
}

// outline is the book's outline: front matter, parts and essays, back matter. Essays and
// parts move by drag and drop and by keyboard; parts fold.
type outline struct {
	e    *Editor
	list *widget.List
	// keys takes the arrow keys after a click on a row (see outlineKeys).
	keys   *outlineKeys
	rows   []row
	folded map[*anthology.Part]bool

	// visible maps the row widgets on screen to the row they show, for finding drop targets.
	visible map[*rowWidget]int
	// drop is the row a drag is over (-1 when none), and dropAfter whether the pointer is in
	// its lower half: the dragged row goes after it rather than before. A marker shows which.
	drop      int
	dropAfter bool
	// quiet is set while the outline moves its highlight itself (highlight): the selection
	// has not changed, so nothing is shown again.
	quiet bool
	// selected is the row highlighted, -1 for none.
	selected int
	// filter shows only the essays whose title, authors or status hold it (any case); parts
	// without such essays are left out. Rows do not move by drag while it is set.
	filter string
	// marked are the essays of a multiple selection (Ctrl+click adds or takes away one,
	// Shift+click the essays between the last one clicked and this), which Status… and Move
	// to Part… act on; anchor is the row a Shift+click counts from. mods are the modifier
	// keys of the last press on a row, read when the list selects it.
	marked map[string]bool
	anchor int
	mods   fyne.KeyModifier
	// chosen is the essay the editor chose last ("" for none, or a row that is no essay).
	chosen string
}

func newOutline(e *Editor) *outline {
	o := &outline{e: e, folded: map[*anthology.Part]bool{}, visible: map[*rowWidget]int{}, drop: -1, selected: -1, marked: map[string]bool{}, anchor: -1}
	o.list = widget.NewList(
		func() int { return len(o.rows) },
		func() fyne.CanvasObject { return newRowWidget(o) },
		func(id widget.ListItemID, obj fyne.CanvasObject) { o.update(id, obj.(*rowWidget)) },
	)
	o.keys = &outlineKeys{o: o}
	o.keys.ExtendBaseWidget(o.keys)
	o.list.OnSelected = func(id widget.ListItemID) {
		o.selected = id
		if id >= 0 && id < len(o.rows) && !o.quiet {
			// The list has unselected the row before (OnUnselected): the last row chosen
			// is kept apart for a Ctrl+click.
			o.mark(o.chosen, id)
			o.chosen = ""
			if o.rows[id].kind == rowEssay {
				o.chosen = o.rows[id].id
			}
			e.selectRow(o.rows[id])
		}
	}
	o.list.OnUnselected = func(id widget.ListItemID) {
		if o.selected == id {
			o.selected = -1
		}
	}
	o.rebuild()
	return o
}

// rebuild recomputes the rows from the project; it is O(essays) and runs after every change.
func (o *outline) rebuild() {
	p := o.e.project()
	rows := []row{{kind: rowHeading, label: "Front matter"}, {kind: rowBook, label: bookRowLabel}}
	if p.Introduction != nil {
		rows = append(rows, row{kind: rowIntro, label: "Introduction", id: p.Introduction.ID})
	}
	rows = append(rows, row{kind: rowHeading, label: "Contents"})
	for i, pt := range p.Parts {
		rows = append(rows, row{kind: rowPart, part: i})
		if o.folded[pt] {
			continue
		}
		for _, es := range pt.Essays {
			if o.filter == "" || o.matches(es) {
				rows = append(rows, row{kind: rowEssay, part: i, id: es.ID})
			}
		}
		if o.filter != "" && rows[len(rows)-1].kind == rowPart && !strings.Contains(strings.ToLower(partTitle(pt)), strings.ToLower(o.filter)) {
			rows = rows[:len(rows)-1] // a part with nothing shown
		}
	}
	rows = append(rows,
		row{kind: rowHeading, label: "Back matter"},
		row{kind: rowContributors, label: "Contributors"},
		row{kind: rowCredits, label: "Credits & permissions"},
		row{kind: rowHeading, label: "Edition"},
		row{kind: rowSettings, label: "Print & EPUB settings"},
	)
	o.rows = rows
	// Drop a part's fold state when the part is gone.
	for pt := range o.folded {
		if i := indexOfPart(p, pt); i < 0 {
			delete(o.folded, pt)
		}
	}
	o.list.Refresh()
}

// matches reports whether an essay is shown under the filter: its title, its authors' names
// or its status holds the filter's text.
func (o *outline) matches(es *anthology.Essay) bool {
	f := strings.ToLower(o.filter)
	return strings.Contains(strings.ToLower(es.Meta.Title), f) || strings.Contains(strings.ToLower(o.e.byline(es)), f) ||
		strings.Contains(statusLabel(es.Meta.Status), f)
}

// shownEssays are the essays the outline shows, in its order.
func (o *outline) shownEssays() []*anthology.Essay {
	var out []*anthology.Essay
	for _, r := range o.rows {
		if r.kind == rowEssay {
			if es := o.e.project().Essay(r.id); es != nil {
				out = append(out, es)
			}
		}
	}
	return out
}

func indexOfPart(p *anthology.Project, pt *anthology.Part) int {
	for i, x := range p.Parts {
		if x == pt {
			return i
		}
	}
	return -1
}

// find returns the index of the row with key k, or -1.
func (o *outline) find(k string) int {
	for i, r := range o.rows {
		if r.key() == k {
			return i
		}
	}
	return -1
}

// highlight moves the list's highlight to row i (none for -1) without selecting anything anew.
func (o *outline) highlight(i int) {
	if i == o.selected {
		return
	}
	o.quiet = true
	defer func() { o.quiet = false }()
	if i < 0 {
		o.list.UnselectAll()
		return
	}
	o.list.Select(i)
}

// selectKey selects the row with key k, scrolling it into view.
func (o *outline) selectKey(k string) {
	if i := o.find(k); i >= 0 {
		o.list.Select(i)
		o.list.ScrollTo(i)
	}
}

func (o *outline) update(id widget.ListItemID, w *rowWidget) {
	o.visible[w] = id
	// A recycled row keeps its old layout unless told: the indent and fold button change.
	defer w.relayout()
	// The labels are set once, at the end, and redrawn only if they changed: setting a
	// label shapes its text again, and rows are updated on every scroll step and selection
	// (two thirds of the outline's time in the GUI tests went to shaping unchanged labels).
	title, info := "", ""
	style, importance := fyne.TextStyle{}, widget.MediumImportance
	defer func() {
		setLabel(w.title, title, style, importance)
		setLabel(w.info, info, w.info.TextStyle, w.info.Importance)
	}()
	if id >= len(o.rows) {
		return
	}
	r := o.rows[id]
	w.row = id
	e := o.e
	p := e.project()
	w.badge.Hide()
	if r.kind == rowEssay && o.marked[r.id] {
		w.markBG.Show()
	} else {
		w.markBG.Hide()
	}
	w.marker.Hide()
	w.markerBelow.Hide()
	if o.drop == id {
		if o.dropAfter {
			w.markerBelow.Show()
		} else {
			w.marker.Show()
		}
	}
	w.indent.SetMinSize(fyne.NewSize(0, 0))
	w.fold.Hide()
	switch r.kind {
	case rowHeading:
		style = fyne.TextStyle{Bold: true}
		importance = widget.LowImportance
		title = r.label
		return
	case rowPart:
		pt := p.Parts[r.part]
		style = fyne.TextStyle{Bold: true}
		title = partTitle(pt)
		w.fold.Show()
		if o.folded[pt] {
			w.fold.SetIcon(theme.MenuExpandIcon())
		} else {
			w.fold.SetIcon(theme.MenuDropDownIcon())
		}
		words := 0
		for _, es := range pt.Essays {
			words += e.words.of(es)
		}
		info = plural(len(pt.Essays), "essay") + " · " + thousands(words) + " w"
		return
	case rowEssay:
		es := p.Essay(r.id)
		if es == nil {
			return
		}
		w.indent.SetMinSize(fyne.NewSize(theme.IconInlineSize()*1.5, 0))
		label := es.Meta.Title
		if label == "" {
			label = "(untitled)"
		}
		if by := e.byline(es); by != "" {
			label += " — " + by
		}
		title = label
		info = thousands(e.words.of(es)) + " w"
		w.setBadge(es.Meta.Status)
		return
	case rowIntro:
		w.indent.SetMinSize(fyne.NewSize(theme.IconInlineSize()*1.5, 0))
		title = r.label
		if p.Introduction != nil {
			info = thousands(e.words.of(p.Introduction)) + " w"
		}
		return
	}
	w.indent.SetMinSize(fyne.NewSize(theme.IconInlineSize()*1.5, 0))
	title = r.label
	if r.kind == rowContributors {
		info = strconv.Itoa(len(p.Contributors))
	}
}

// setLabel gives a label its text and style, redrawing it only if they changed.
func setLabel(l *widget.Label, text string, style fyne.TextStyle, importance widget.Importance) {
	if l.Text == text && l.TextStyle == style && l.Importance == importance {
		return
	}
	l.Text, l.TextStyle, l.Importance = text, style, importance
	l.Refresh()
}

func partTitle(pt *anthology.Part) string {
	if pt.Title == "" {
		return "Essays outside parts"
	}
	return pt.Title
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}

// toggleFold folds or unfolds part i.
func (o *outline) toggleFold(i int) {
	p := o.e.project()
	if i < 0 || i >= len(p.Parts) {
		return
	}
	pt := p.Parts[i]
	o.folded[pt] = !o.folded[pt]
	o.rebuild()
}

// rowAt returns the row under the absolute position y on the canvas (or -1), and whether y is
// in its lower half.
func (o *outline) rowAt(y float32) (int, bool) {
	d := fyne.CurrentApp().Driver()
	for w, id := range o.visible {
		if !w.Visible() || id >= len(o.rows) || w.row != id {
			continue
		}
		top := d.AbsolutePositionForObject(w).Y
		if h := w.Size().Height; y >= top && y < top+h {
			return id, y >= top+h/2
		}
	}
	return -1, false
}

// setDrop marks row i as the drop target, before it or after it.
func (o *outline) setDrop(i int, after bool) {
	if o.drop == i && o.dropAfter == after {
		return
	}
	old := o.drop
	o.drop, o.dropAfter = i, after
	if old >= 0 {
		o.list.RefreshItem(old)
	}
	if i >= 0 {
		o.list.RefreshItem(i)
	}
}

// dropped moves what row from holds to just before (or after) row to. An essay dropped on an
// essay goes before or after it; on a part's heading, to the end of the part before (upper
// half) or the top of that part (lower half). A part dropped on a part or its essays takes that
// part's place.
func (o *outline) dropped(from, to int, after bool) {
	if from < 0 || to < 0 || from >= len(o.rows) || to >= len(o.rows) || from == to {
		return
	}
	src, dst := o.rows[from], o.rows[to]
	p := o.e.project()
	var err error
	switch src.kind {
	case rowEssay:
		si, sj := p.Position(src.id)
		switch dst.kind {
		case rowEssay:
			i, j := p.Position(dst.id)
			if after {
				j++
			}
			if i == si && sj < j {
				j-- // counted without the moving essay
			}
			err = o.e.sess.MoveEssay(src.id, i, j)
		case rowPart:
			switch {
			case after:
				err = o.e.sess.MoveEssay(src.id, dst.part, 0)
			case dst.part > 0:
				err = o.e.sess.MoveEssayToPart(src.id, dst.part-1)
			default:
				err = o.e.sess.MoveEssay(src.id, 0, 0)
			}
		default:
			return
		}
	case rowPart:
		switch dst.kind {
		case rowPart, rowEssay:
			if dst.part != src.part {
				err = o.e.sess.MovePart(src.part, dst.part)
			}
		default:
			return
		}
	default:
		return
	}
	o.e.report(err)
}

// rowWidget draws one outline line and is the handle for dragging it.
type rowWidget struct {
	widget.BaseWidget
	o      *outline
	row    int
	indent *canvas.Rectangle
	fold   *widget.Button
	title  *widget.Label
	info   *widget.Label
	badge  *fyne.Container
	badgeT *canvas.Text
	badgeB *canvas.Rectangle
	// line is laid out again when a recycled row changes shape (indent, fold, badge, the
	// widths of its texts); shape is what it was last laid out for.
	line  *fyne.Container
	shape rowShape
	// marker and markerBelow show where a dragged row would land; markBG that the row is one
	// of a multiple selection.
	marker, markerBelow *canvas.Rectangle
	markBG              *canvas.Rectangle

	dragging bool
}

func newRowWidget(o *outline) *rowWidget {
	w := &rowWidget{o: o, row: -1}
	w.indent = canvas.NewRectangle(color.Transparent)
	w.title = widget.NewLabel("")
	w.title.Truncation = fyne.TextTruncateEllipsis
	w.info = widget.NewLabel("")
	w.info.Importance = widget.LowImportance
	w.badgeB = canvas.NewRectangle(color.Transparent)
	w.badgeB.CornerRadius = 4
	w.badgeT = canvas.NewText("", color.White)
	w.badgeT.TextSize = theme.CaptionTextSize()
	w.badge = container.NewStack(w.badgeB, container.NewPadded(w.badgeT))
	w.fold = widget.NewButtonWithIcon("", theme.MenuDropDownIcon(), func() {
		if w.row >= 0 && w.row < len(o.rows) {
			o.toggleFold(o.rows[w.row].part)
		}
	})
	w.fold.Importance = widget.LowImportance
	w.marker = canvas.NewRectangle(theme.Color(theme.ColorNamePrimary))
	w.marker.SetMinSize(fyne.NewSize(0, 3))
	w.marker.Hide()
	w.markerBelow = canvas.NewRectangle(theme.Color(theme.ColorNamePrimary))
	w.markerBelow.SetMinSize(fyne.NewSize(0, 3))
	w.markerBelow.Hide()
	w.markBG = canvas.NewRectangle(theme.Color(theme.ColorNameSelection))
	w.markBG.Hide()
	w.ExtendBaseWidget(w)
	return w
}

// MouseDown notes the modifier keys of a press on the row: the list selects the row after,
// and the outline reads them then (see mark).
func (w *rowWidget) MouseDown(ev *desktop.MouseEvent) { w.o.mods = ev.Modifier }

// MouseUp is part of desktop.Mouseable.
func (w *rowWidget) MouseUp(*desktop.MouseEvent) {}

// Tapped selects the row, as a click on a list's row does, and gives the outline the keyboard
// (the arrow keys then move the selection). The row must take the tap itself: the window gives
// a click to the innermost object that takes the mouse, and this row does (it can be dragged),
// so the list's own row under it never heard the click.
func (w *rowWidget) Tapped(*fyne.PointEvent) {
	if w.row >= 0 && w.row < len(w.o.rows) {
		w.o.list.Select(w.row)
		if c := fyne.CurrentApp().Driver().CanvasForObject(w.o.keys); c != nil {
			c.Focus(w.o.keys)
		}
	}
}

// outlineKeys takes the keyboard for the outline once a row is clicked: Up and Down move the
// selection to the next row that can be chosen, past the headings. (Fyne's list, focused,
// would move a highlight of its own apart from the selection, starting from its first row.)
// It draws nothing and lies under the list.
type outlineKeys struct {
	widget.BaseWidget
	o *outline
}

func (k *outlineKeys) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(canvas.NewRectangle(color.Transparent))
}

// FocusGained and FocusLost: nothing shows the focus but the selection.
func (k *outlineKeys) FocusGained() {}

// FocusLost is part of fyne.Focusable.
func (k *outlineKeys) FocusLost() {}

// TypedRune ignores characters.
func (k *outlineKeys) TypedRune(rune) {}

// TypedKey moves the selection with Up and Down.
func (k *outlineKeys) TypedKey(ev *fyne.KeyEvent) {
	step := 0
	switch ev.Name {
	case fyne.KeyUp:
		step = -1
	case fyne.KeyDown:
		step = 1
	default:
		return
	}
	o := k.o
	for i := o.selected + step; i >= 0 && i < len(o.rows); i += step {
		if o.rows[i].kind != rowHeading {
			o.mods = 0 // a key, not a Ctrl+click
			o.list.Select(i)
			return
		}
	}
}

// mark updates the multiple selection as row id is selected, after essay prev: a plain click clears
// it; Ctrl (Cmd on a Mac) adds or takes away the essay, and the one selected before; Shift marks
// the essays from the anchor to it.
func (o *outline) mark(prev string, id int) {
	mods := o.mods
	o.mods = 0
	essay := func(i int) (string, bool) {
		if i >= 0 && i < len(o.rows) && o.rows[i].kind == rowEssay {
			return o.rows[i].id, true
		}
		return "", false
	}
	cur, isEssay := essay(id)
	switch {
	case mods&fyne.KeyModifierShift != 0 && isEssay && o.anchor >= 0:
		clear(o.marked)
		for i := min(o.anchor, id); i <= max(o.anchor, id); i++ {
			if k, ok := essay(i); ok {
				o.marked[k] = true
			}
		}
	case mods&(fyne.KeyModifierControl|fyne.KeyModifierSuper) != 0 && isEssay:
		if prev != "" && len(o.marked) == 0 {
			o.marked[prev] = true
		}
		if o.marked[cur] {
			delete(o.marked, cur)
		} else {
			o.marked[cur] = true
		}
		o.anchor = id
	default:
		clear(o.marked)
		o.anchor = id
	}
	o.list.Refresh()
	o.e.updateBatch()
}

// markedEssays are the essays of the multiple selection, in the order of the book.
func (o *outline) markedEssays() []*anthology.Essay {
	var out []*anthology.Essay
	for _, es := range o.e.project().Essays() {
		if o.marked[es.ID] {
			out = append(out, es)
		}
	}
	return out
}

// rowShape is what decides a row's layout.
type rowShape struct {
	indent          float32
	fold, badge     bool
	info, badgeText string
	bold            bool
}

// relayout lays the row out again when its shape changed since the last layout (scrolling
// recycles rows, and most updates leave the shape as it was).
func (w *rowWidget) relayout() {
	s := rowShape{w.indent.MinSize().Width, w.fold.Visible(), w.badge.Visible(), w.info.Text, w.badgeT.Text, w.title.TextStyle.Bold}
	if w.line == nil || s == w.shape {
		return
	}
	w.shape = s
	w.line.Refresh()
}

func (w *rowWidget) CreateRenderer() fyne.WidgetRenderer {
	left := container.NewHBox(w.indent, w.fold)
	// The gap keeps the badge clear of the list's scroll bar.
	gap := canvas.NewRectangle(color.Transparent)
	gap.SetMinSize(fyne.NewSize(theme.Padding()*3, 0))
	right := container.NewHBox(w.info, container.NewCenter(w.badge), gap)
	line := container.NewBorder(nil, nil, left, right, w.title)
	w.line = line
	return widget.NewSimpleRenderer(container.NewStack(w.markBG, container.NewBorder(w.marker, w.markerBelow, nil, nil, line)))
}

// setBadge shows an essay's status as a coloured tag.
func (w *rowWidget) setBadge(s anthology.Status) {
	if s == "" {
		s = anthology.StatusDraft
	}
	w.badgeT.Text = badgeLabel(s)
	w.badgeB.FillColor = statusColor(s)
	w.badgeT.Color = color.White
	w.badge.Show()
	w.badge.Refresh()
}

// badgeLabel is a status as short as the outline can show it.
func badgeLabel(s anthology.Status) string {
	switch s {
	case anthology.StatusPermissionRequested:
		return "requested"
	case anthology.StatusPermissionCleared:
		return "cleared"
	}
	return statusLabel(s)
}

// statusColor gives each status a colour readable under white text in both themes.
func statusColor(s anthology.Status) color.Color {
	switch s {
	case anthology.StatusEdited:
		return color.NRGBA{0x2f, 0x6f, 0xb0, 0xff}
	case anthology.StatusPermissionRequested:
		return color.NRGBA{0xb0, 0x5a, 0x00, 0xff}
	case anthology.StatusPermissionCleared:
		return color.NRGBA{0x5b, 0x4f, 0xa8, 0xff}
	case anthology.StatusFinal:
		return color.NRGBA{0x2e, 0x7d, 0x32, 0xff}
	}
	return color.NRGBA{0x60, 0x60, 0x60, 0xff}
}

// Dragged follows a drag of this row, marking the row it is over. The event's position is the
// pointer's, relative to this row.
func (w *rowWidget) Dragged(ev *fyne.DragEvent) {
	if w.row < 0 || w.row >= len(w.o.rows) {
		return
	}
	if k := w.o.rows[w.row].kind; k != rowEssay && k != rowPart || w.o.filter != "" {
		return // a filtered outline hides the places a row could go
	}
	w.dragging = true
	d := fyne.CurrentApp().Driver()
	y := d.AbsolutePositionForObject(w).Y + ev.Position.Y
	w.o.autoScroll(y - d.AbsolutePositionForObject(w.o.list).Y)
	w.o.setDrop(w.o.rowAt(y))
}

// edgeZone is how near the outline's top or bottom edge a drag scrolls it, and by how much
// each move.
const edgeZone, edgeStep = 28, 18

// autoScroll scrolls the outline while a drag is at its edge (y from its top), so that a row
// can be dragged to a place not on screen.
func (o *outline) autoScroll(y float32) {
	h := o.list.Size().Height
	switch {
	case y < edgeZone:
		o.list.ScrollToOffset(max(0, o.list.GetScrollOffset()-edgeStep))
	case y > h-edgeZone:
		o.list.ScrollToOffset(o.list.GetScrollOffset() + edgeStep)
	}
}

// DragEnd drops the row where the drag ended.
func (w *rowWidget) DragEnd() {
	if !w.dragging {
		return
	}
	w.dragging = false
	to, after := w.o.drop, w.o.dropAfter
	w.o.setDrop(-1, false)
	w.o.dropped(w.row, to, after)
}

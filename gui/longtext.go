//go:build !nogui

package gui

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// longText edits a long text (an essay of 40,000 words) at the speed of a short one. Fyne's
// Entry lays its whole text out again on every key (seconds for a long essay); longText keeps
// the text as lines, wraps each line once for the width (again only when it changes), and
// draws only the rows on screen, so a keystroke costs the edited line and one screenful.
// It takes the keys an editor expects (arrows, Home/End, Page Up/Down, Shift to select,
// Backspace/Delete across lines, Return), the mouse (click, drag to select, double-click a
// word, the wheel) and the clipboard; Tab leaves it.
type longText struct {
	widget.BaseWidget
	// OnChanged is told the whole text after each change the editor makes.
	OnChanged func(string)
	// onEdit, when set, is told of each change without the text: joining a long text's lines
	// at every key is work a caller that reads Text later need not pay for.
	onEdit func()
	// PlaceHolder is what the empty field says; markdown marks it as Markdown for the Format
	// menu.
	PlaceHolder string
	markdown    bool
	e           *Editor
	// minRows is how many rows high the field is at least (4 when not set).
	minRows int
	// outer is the scroller around the field (a form's), which takes the wheel when the text
	// can scroll no further.
	outer fyne.Scrollable

	lines []string
	// wraps are each line's row starts (byte offsets; the first is 0) for the width wrapped.
	wraps  [][]int
	before []int // rows before each line; len(lines)+1 entries when not stale
	stale  bool
	width  float32

	cur, anchor textPos
	shift       bool
	dragging    bool
	focused     bool
	top         float32 // scrolled past, in pixels
	wantX       float32 // the column kept by Up and Down
	adv         map[rune]float32
	size        float32
}

// textPos is a place in the text: a line and a byte offset in it.
type textPos struct{ line, off int }

func (a textPos) less(b textPos) bool { return a.line < b.line || a.line == b.line && a.off < b.off }

func newLongText(e *Editor) *longText {
	t := &longText{e: e, lines: []string{""}, adv: map[rune]float32{}, stale: true}
	t.ExtendBaseWidget(t)
	return t
}

// Text returns the whole text.
func (t *longText) Text() string { return strings.Join(t.lines, "\n") }

// SetText replaces the text, keeping the cursor where it can; OnChanged is not told.
func (t *longText) SetText(s string) {
	t.lines = strings.Split(s, "\n")
	t.wraps = nil
	t.stale = true
	t.cur = t.clamp(t.cur)
	t.anchor = t.cur
	t.Refresh()
}

func (t *longText) clamp(p textPos) textPos {
	p.line = max(0, min(p.line, len(t.lines)-1))
	p.off = max(0, min(p.off, len(t.lines[p.line])))
	for p.off > 0 && p.off < len(t.lines[p.line]) && !utf8.RuneStart(t.lines[p.line][p.off]) {
		p.off--
	}
	return p
}

// offset is p as a byte offset into Text; at the reverse.
func (t *longText) offset(p textPos) int {
	n := 0
	for i := 0; i < p.line; i++ {
		n += len(t.lines[i]) + 1
	}
	return n + p.off
}

func (t *longText) at(offset int) textPos {
	for i, l := range t.lines {
		if offset <= len(l) {
			return t.clamp(textPos{i, offset})
		}
		offset -= len(l) + 1
	}
	last := len(t.lines) - 1
	return textPos{last, len(t.lines[last])}
}

// selection is the selection as byte offsets into Text (start == end: just the cursor).
func (t *longText) selection() (int, int) {
	a, b := t.offset(t.anchor), t.offset(t.cur)
	return min(a, b), max(a, b)
}

// SelectedText is the selected text.
func (t *longText) SelectedText() string {
	s, e := t.selection()
	return t.Text()[s:e]
}

// moveCursorTo puts the cursor at a byte offset of Text, shown.
func (t *longText) moveCursorTo(offset int) {
	t.cur = t.at(offset)
	t.anchor = t.cur
	t.layoutRows(t.Size().Width - 2*theme.InnerPadding())
	_, t.wantX = t.rowOf(t.cur)
	t.show()
	t.Refresh()
}

// replaceText replaces the whole text as an edit (OnChanged is told).
func (t *longText) replaceText(s string) {
	t.SetText(s)
	t.changed()
}

func (t *longText) fullText() string { return t.Text() }
func (t *longText) isMarkdown() bool { return t.markdown }

// metrics are the text size and the height of a row.
func (t *longText) metrics() (size, row float32) {
	size = theme.TextSize()
	return size, fyne.MeasureText("Mg", size, fyne.TextStyle{}).Height
}

// advance is how wide r is drawn (measured once per rune).
func (t *longText) advance(r rune) float32 {
	size, _ := t.metrics()
	if size != t.size {
		t.adv, t.size = map[rune]float32{}, size
	}
	if w, ok := t.adv[r]; ok {
		return w
	}
	w := fyne.MeasureText(string(r), size, fyne.TextStyle{}).Width
	t.adv[r] = w
	return w
}

// wrap breaks line into rows no wider than width, after spaces where it can.
func (t *longText) wrap(line string, width float32) []int {
	rows := []int{0}
	x, lastSpace := float32(0), -1
	start := 0
	for i, r := range line {
		w := t.advance(r)
		if x+w > width && i > start {
			if lastSpace > start {
				start = lastSpace
			} else {
				start = i
			}
			rows = append(rows, start)
			x = t.measure(line[start:i])
			lastSpace = -1
		}
		x += w
		if r == ' ' {
			lastSpace = i + 1
		}
	}
	return rows
}

func (t *longText) measure(s string) float32 {
	x := float32(0)
	for _, r := range s {
		x += t.advance(r)
	}
	return x
}

// layoutRows wraps every line for width (when it changed) and counts the rows before each.
func (t *longText) layoutRows(width float32) {
	if width != t.width || len(t.wraps) != len(t.lines) {
		t.width = width
		t.wraps = make([][]int, len(t.lines))
		t.stale = true
	}
	for i, w := range t.wraps {
		if w == nil {
			t.wraps[i] = t.wrap(t.lines[i], max(width, 20))
			t.stale = true
		}
	}
	if t.stale {
		t.before = make([]int, len(t.lines)+1)
		for i, w := range t.wraps {
			t.before[i+1] = t.before[i] + len(w)
		}
		t.stale = false
	}
}

// rowOf is the row p stands in (counting from the top of the text) and its x.
func (t *longText) rowOf(p textPos) (int, float32) {
	rows := t.wraps[p.line]
	k := sort.SearchInts(rows, p.off+1) - 1
	k = max(k, 0)
	return t.before[p.line] + k, t.measure(t.lines[p.line][rows[k]:p.off])
}

// rowSpan is the line and byte span of row r.
func (t *longText) rowSpan(r int) (line, start, end int) {
	line = sort.SearchInts(t.before, r+1) - 1
	line = max(0, min(line, len(t.lines)-1))
	rows := t.wraps[line]
	k := r - t.before[line]
	start, end = rows[k], len(t.lines[line])
	if k+1 < len(rows) {
		end = rows[k+1]
	}
	return
}

// posAt is the place under a point of the widget.
func (t *longText) posAt(pt fyne.Position) textPos {
	_, rowH := t.metrics()
	pad := theme.InnerPadding()
	t.layoutRows(t.Size().Width - 2*pad)
	r := int((pt.Y + t.top - pad) / rowH)
	r = max(0, min(r, t.before[len(t.lines)]-1))
	line, start, end := t.rowSpan(r)
	x := pt.X - pad
	off := start
	for i, ru := range t.lines[line][start:end] {
		w := t.advance(ru)
		if x < w/2 {
			return textPos{line, start + i}
		}
		x -= w
		off = start + i + utf8.RuneLen(ru)
	}
	// The end of a wrapped row is the start of the next: stay before its last space.
	if end < len(t.lines[line]) && off == end {
		_, size := utf8.DecodeLastRuneInString(t.lines[line][:end])
		off = end - size
	}
	return textPos{line, off}
}

// show scrolls so that the cursor is on screen.
func (t *longText) show() {
	_, rowH := t.metrics()
	pad := theme.InnerPadding()
	h := t.Size().Height
	if h <= 0 {
		return
	}
	t.layoutRows(t.Size().Width - 2*pad)
	r, _ := t.rowOf(t.cur)
	y := float32(r) * rowH
	if y < t.top {
		t.top = y
	} else if y+rowH > t.top+h-2*pad {
		t.top = y + rowH - h + 2*pad
		t.top = float32(int(t.top/rowH+0.999)) * rowH
	}
	t.top = max(0, t.top)
}

// edit replaces the selection with s and tells OnChanged.
func (t *longText) insert(s string) {
	t.deleteSelection()
	l := t.lines[t.cur.line]
	parts := strings.Split(s, "\n")
	head, tail := l[:t.cur.off], l[t.cur.off:]
	if len(parts) == 1 {
		t.lines[t.cur.line] = head + s + tail
		if len(t.wraps) == len(t.lines) {
			t.wraps[t.cur.line] = nil
		} else {
			t.wraps = nil
		}
		t.cur.off += len(s)
	} else {
		repl := make([]string, len(parts))
		copy(repl, parts)
		repl[0] = head + repl[0]
		last := len(repl) - 1
		endOff := len(repl[last])
		repl[last] += tail
		t.lines = append(t.lines[:t.cur.line], append(repl, t.lines[t.cur.line+1:]...)...)
		t.wraps = nil
		t.cur = textPos{t.cur.line + last, endOff}
	}
	t.anchor = t.cur
	t.stale = true
	t.changed()
}

// deleteSelection removes the selected text (nothing when there is none).
func (t *longText) deleteSelection() bool {
	if t.cur == t.anchor {
		return false
	}
	a, b := t.anchor, t.cur
	if b.less(a) {
		a, b = b, a
	}
	joined := t.lines[a.line][:a.off] + t.lines[b.line][b.off:]
	t.lines = append(t.lines[:a.line], append([]string{joined}, t.lines[b.line+1:]...)...)
	if a.line == b.line && len(t.wraps) == len(t.lines) {
		t.wraps[a.line] = nil
	} else {
		t.wraps = nil
	}
	t.cur, t.anchor = a, a
	t.stale = true
	return true
}

func (t *longText) changed() {
	t.show()
	t.Refresh()
	if t.onEdit != nil {
		t.onEdit()
	}
	if t.OnChanged != nil {
		t.OnChanged(t.Text())
	}
}

// TypedRune inserts a character.
func (t *longText) TypedRune(r rune) {
	t.layoutRows(t.Size().Width - 2*theme.InnerPadding())
	t.insert(string(r))
}

// TypedKey moves, selects and deletes.
func (t *longText) TypedKey(k *fyne.KeyEvent) {
	t.layoutRows(t.Size().Width - 2*theme.InnerPadding())
	_, rowH := t.metrics()
	move := func(p textPos, keepX bool) {
		t.cur = t.clamp(p)
		if !t.shift {
			t.anchor = t.cur
		}
		if !keepX {
			_, t.wantX = t.rowOf(t.cur)
		}
		t.show()
		t.Refresh()
	}
	byRows := func(n int) {
		r, _ := t.rowOf(t.cur)
		r = max(0, min(r+n, t.before[len(t.lines)]-1))
		line, start, end := t.rowSpan(r)
		x, off := t.wantX, start
		for _, ru := range t.lines[line][start:end] {
			w := t.advance(ru)
			if x < w/2 {
				break
			}
			x -= w
			off += utf8.RuneLen(ru)
		}
		if end < len(t.lines[line]) && off == end {
			_, size := utf8.DecodeLastRuneInString(t.lines[line][:end])
			off = end - size
		}
		move(textPos{line, off}, true)
	}
	l := t.lines[t.cur.line]
	switch k.Name {
	case fyne.KeyLeft, fyne.KeyRight:
		forward := k.Name == fyne.KeyRight
		if t.cur != t.anchor && !t.shift {
			// A selection collapses to its own end.
			a, b := t.anchor, t.cur
			if b.less(a) {
				a, b = b, a
			}
			if forward {
				a = b
			}
			move(a, false)
		} else if p, ok := t.step(t.cur, forward); ok {
			move(p, false)
		}
	case fyne.KeyUp:
		byRows(-1)
	case fyne.KeyDown:
		byRows(1)
	case fyne.KeyPageUp, fyne.KeyPageDown:
		n := max(1, int(t.Size().Height/rowH)-1)
		if k.Name == fyne.KeyPageUp {
			n = -n
		}
		byRows(n)
	case fyne.KeyHome:
		r, _ := t.rowOf(t.cur)
		_, start, _ := t.rowSpan(r)
		move(textPos{t.cur.line, start}, false)
	case fyne.KeyEnd:
		r, _ := t.rowOf(t.cur)
		_, _, end := t.rowSpan(r)
		if end < len(l) {
			_, size := utf8.DecodeLastRuneInString(l[:end])
			end -= size
		}
		move(textPos{t.cur.line, end}, false)
	case fyne.KeyBackspace, fyne.KeyDelete:
		if !t.deleteSelection() {
			p, ok := t.step(t.cur, k.Name == fyne.KeyDelete)
			if !ok {
				return
			}
			t.anchor = p
			t.deleteSelection()
		}
		t.changed()
	case fyne.KeyReturn, fyne.KeyEnter:
		t.insert("\n")
	case fyne.KeyEscape:
		if t.e != nil && t.e.manuscript != nil && t.e.manuscript.source.longText == t {
			t.e.closeManuscript()
		}
	}
}

// step is the place one character after p (forward) or before it, across line ends; false
// at either end of the text.
func (t *longText) step(p textPos, forward bool) (textPos, bool) {
	l := t.lines[p.line]
	switch {
	case forward && p.off < len(l):
		_, size := utf8.DecodeRuneInString(l[p.off:])
		return textPos{p.line, p.off + size}, true
	case forward && p.line < len(t.lines)-1:
		return textPos{p.line + 1, 0}, true
	case !forward && p.off > 0:
		_, size := utf8.DecodeLastRuneInString(l[:p.off])
		return textPos{p.line, p.off - size}, true
	case !forward && p.line > 0:
		return textPos{p.line - 1, len(t.lines[p.line-1])}, true
	}
	return p, false
}

// KeyDown and KeyUp follow Shift, which turns moves into selections.
func (t *longText) KeyDown(k *fyne.KeyEvent) {
	if k.Name == desktop.KeyShiftLeft || k.Name == desktop.KeyShiftRight {
		t.shift = true
	}
}

// KeyUp ends a Shift.
func (t *longText) KeyUp(k *fyne.KeyEvent) {
	if k.Name == desktop.KeyShiftLeft || k.Name == desktop.KeyShiftRight {
		t.shift = false
	}
}

// TypedShortcut copies, cuts, pastes and selects everything.
func (t *longText) TypedShortcut(s fyne.Shortcut) {
	switch sc := s.(type) {
	case *fyne.ShortcutCopy:
		if sel := t.SelectedText(); sel != "" {
			sc.Clipboard.SetContent(sel)
		}
	case *fyne.ShortcutCut:
		if sel := t.SelectedText(); sel != "" {
			sc.Clipboard.SetContent(sel)
			t.layoutRows(t.Size().Width - 2*theme.InnerPadding())
			t.deleteSelection()
			t.changed()
		}
	case *fyne.ShortcutPaste:
		if c := sc.Clipboard.Content(); c != "" {
			t.layoutRows(t.Size().Width - 2*theme.InnerPadding())
			t.insert(strings.ReplaceAll(c, "\r\n", "\n"))
		}
	case *fyne.ShortcutSelectAll:
		t.anchor = textPos{}
		last := len(t.lines) - 1
		t.cur = textPos{last, len(t.lines[last])}
		t.Refresh()
	case *fyne.ShortcutUndo:
		if t.e != nil {
			t.e.undo()
		}
	case *fyne.ShortcutRedo:
		if t.e != nil {
			t.e.redo()
		}
	}
}

// AcceptsTab is false: Tab leaves the text for the next field.
func (t *longText) AcceptsTab() bool { return false }

// FocusGained and FocusLost show and hide the cursor; leaving ends the undo step.
func (t *longText) FocusGained() { t.focused = true; t.Refresh() }

// FocusLost ends the undo step of the typing.
func (t *longText) FocusLost() {
	t.focused = false
	if t.e != nil {
		t.e.flushEdits()
		t.e.sess.Seal()
	}
	t.Refresh()
}

// Tapped puts the cursor where the text was clicked.
func (t *longText) Tapped(ev *fyne.PointEvent) {
	t.requestFocus()
	t.cur = t.posAt(ev.Position)
	if !t.shift {
		t.anchor = t.cur
	}
	_, t.wantX = t.rowOf(t.cur)
	t.Refresh()
}

// DoubleTapped selects the word clicked.
func (t *longText) DoubleTapped(ev *fyne.PointEvent) {
	p := t.posAt(ev.Position)
	l := t.lines[p.line]
	start, end := p.off, p.off
	for start > 0 {
		r, size := utf8.DecodeLastRuneInString(l[:start])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' && r != '’' {
			break
		}
		start -= size
	}
	for end < len(l) {
		r, size := utf8.DecodeRuneInString(l[end:])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' && r != '’' {
			break
		}
		end += size
	}
	t.anchor, t.cur = textPos{p.line, start}, textPos{p.line, end}
	t.Refresh()
}

// Dragged selects from where the drag began to where the pointer is.
func (t *longText) Dragged(ev *fyne.DragEvent) {
	if !t.dragging {
		t.dragging = true
		t.requestFocus()
		t.anchor = t.posAt(ev.Position.Subtract(ev.Dragged))
	}
	t.cur = t.posAt(ev.Position)
	t.show()
	t.Refresh()
}

// DragEnd ends a selection by the mouse.
func (t *longText) DragEnd() { t.dragging = false }

// Scrolled scrolls the text by the wheel.
func (t *longText) Scrolled(ev *fyne.ScrollEvent) {
	_, rowH := t.metrics()
	t.layoutRows(t.Size().Width - 2*theme.InnerPadding())
	most := max(0, float32(t.before[len(t.lines)])*rowH-t.Size().Height+2*theme.InnerPadding())
	top := max(0, min(t.top-ev.Scrolled.DY, most))
	top = float32(int(top/rowH+0.5)) * rowH // whole rows: none is cut at the top
	if top == t.top && t.outer != nil {
		// The text is at its end (or all on screen): the wheel scrolls the form around it.
		t.outer.Scrolled(ev)
		return
	}
	t.top = top
	t.Refresh()
}

// Cursor is the text cursor over the text.
func (t *longText) Cursor() desktop.Cursor { return desktop.TextCursor }

func (t *longText) requestFocus() {
	if c := fyne.CurrentApp().Driver().CanvasForObject(t); c != nil && c.Focused() != t {
		c.Focus(t)
	}
}

// MinSize is a few rows (minRows): the field takes the room its container gives it.
func (t *longText) MinSize() fyne.Size {
	_, rowH := t.metrics()
	rows := t.minRows
	if rows <= 0 {
		rows = 4
	}
	return fyne.NewSize(120, rowH*float32(rows)+2*theme.InnerPadding())
}

func (t *longText) CreateRenderer() fyne.WidgetRenderer {
	r := &longTextRenderer{t: t, bg: canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground)),
		cursor: canvas.NewRectangle(theme.Color(theme.ColorNamePrimary)), bar: canvas.NewRectangle(theme.Color(theme.ColorNameScrollBar))}
	r.bg.CornerRadius = theme.InputRadiusSize()
	return r
}

type longTextRenderer struct {
	t          *longText
	bg, cursor *canvas.Rectangle
	bar        *canvas.Rectangle
	rows       []*canvas.Text
	sel        []*canvas.Rectangle
	hint       *canvas.Text
}

func (r *longTextRenderer) Destroy()                     {}
func (r *longTextRenderer) MinSize() fyne.Size           { return r.t.MinSize() }
func (r *longTextRenderer) Layout(size fyne.Size)        { r.bg.Resize(size); r.Refresh() }
func (r *longTextRenderer) Objects() []fyne.CanvasObject { return r.objects() }

func (r *longTextRenderer) objects() []fyne.CanvasObject {
	objs := []fyne.CanvasObject{r.bg}
	for _, s := range r.sel {
		objs = append(objs, s)
	}
	for _, t := range r.rows {
		objs = append(objs, t)
	}
	objs = append(objs, r.cursor, r.bar)
	if r.hint != nil {
		objs = append(objs, r.hint)
	}
	return objs
}

// Refresh draws the rows on screen, the selection on them and the cursor.
func (r *longTextRenderer) Refresh() {
	t := r.t
	size := t.Size()
	pad := theme.InnerPadding()
	textSize, rowH := t.metrics()
	t.layoutRows(size.Width - 2*pad)
	total := t.before[len(t.lines)]
	first := int(t.top / rowH)
	n := int((size.Height-2*pad)/rowH) + 2
	fg := theme.Color(theme.ColorNameForeground)
	selColor := theme.Color(theme.ColorNameSelection)
	selStart, selEnd := t.anchor, t.cur
	if selEnd.less(selStart) {
		selStart, selEnd = selEnd, selStart
	}
	used, usedSel := 0, 0
	for k := 0; k < n && first+k < total; k++ {
		row := first + k
		line, start, end := t.rowSpan(row)
		y := pad + float32(row)*rowH - t.top
		if y > size.Height-pad {
			break
		}
		if used == len(r.rows) {
			r.rows = append(r.rows, canvas.NewText("", fg))
		}
		txt := r.rows[used]
		used++
		txt.Text, txt.Color, txt.TextSize = t.lines[line][start:end], fg, textSize
		txt.Move(fyne.NewPos(pad, y))
		txt.Resize(fyne.NewSize(size.Width-2*pad, rowH))
		txt.Show()
		txt.Refresh()
		// The selection on this row.
		if selStart != selEnd && !(textPos{line, end}).less(selStart) && (textPos{line, start}).less(selEnd) {
			a, b := start, end
			if selStart.line == line && selStart.off > a {
				a = selStart.off
			}
			if selEnd.line == line && selEnd.off < b {
				b = selEnd.off
			}
			if usedSel == len(r.sel) {
				r.sel = append(r.sel, canvas.NewRectangle(selColor))
			}
			rect := r.sel[usedSel]
			usedSel++
			x0 := t.measure(t.lines[line][start:a])
			w := t.measure(t.lines[line][a:b])
			if selEnd.line > line && b == len(t.lines[line]) {
				w += t.advance(' ')
			}
			rect.FillColor = selColor
			rect.Move(fyne.NewPos(pad+x0, y))
			rect.Resize(fyne.NewSize(w, rowH))
			rect.Show()
			rect.Refresh()
		}
	}
	for _, x := range r.rows[used:] {
		x.Hide()
	}
	for _, x := range r.sel[usedSel:] {
		x.Hide()
	}
	// The cursor.
	crow, cx := t.rowOf(t.cur)
	cy := pad + float32(crow)*rowH - t.top
	r.cursor.FillColor = theme.Color(theme.ColorNamePrimary)
	r.cursor.Resize(fyne.NewSize(2, rowH))
	r.cursor.Move(fyne.NewPos(pad+cx, cy))
	if t.focused && cy >= 0 && cy < size.Height {
		r.cursor.Show()
	} else {
		r.cursor.Hide()
	}
	r.cursor.Refresh()
	// Where the screen is in the text: a bar at the right edge.
	if totalH := float32(total) * rowH; totalH > size.Height {
		h := max(size.Height*size.Height/totalH, 20)
		r.bar.Resize(fyne.NewSize(4, h))
		r.bar.Move(fyne.NewPos(size.Width-6, (size.Height-h)*t.top/(totalH-size.Height+2*pad)))
		r.bar.Show()
	} else {
		r.bar.Hide()
	}
	r.bar.Refresh()
	// The placeholder, in an empty field.
	if len(t.lines) == 1 && t.lines[0] == "" && t.PlaceHolder != "" {
		if r.hint == nil {
			r.hint = canvas.NewText("", theme.Color(theme.ColorNamePlaceHolder))
		}
		r.hint.Text, r.hint.TextSize = t.PlaceHolder, textSize
		r.hint.Move(fyne.NewPos(pad, pad))
		r.hint.Show()
		r.hint.Refresh()
	} else if r.hint != nil {
		r.hint.Hide()
	}
	r.bg.FillColor = theme.Color(theme.ColorNameInputBackground)
	r.bg.Refresh()
}

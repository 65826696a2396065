// Package cover draws a book cover from an edition's title, subtitle and editors, for books
// whose project has no cover image: a 1600×2560 PNG (the proportions stores ask for) set in the
// bundled fonts. The design is quiet on purpose — a dark field, a warm glow, a framed title —
// so that an editor can keep it for a draft and nobody mistakes it for a stock template.
package cover

import (
	"bytes"
	"fmt"
	"hash/fnv"
	"image"
	"image/color"
	"image/draw"
	"math"
	"runtime"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"

	"github.com/anthology-editor/anthology/assets"
	"github.com/anthology-editor/anthology/layout"
	"github.com/anthology-editor/anthology/layout/typeset"
)

// Size is the size of the generated cover in pixels.
const (
	Width  = 1600
	Height = 2560
)

// palette is a background, a glow, an ink for text and an accent for rules.
type palette struct {
	bg, glow, ink, accent color.RGBA
}

// palettes are chosen by the title, so that two books of a series do not look identical but
// one book always looks the same.
var palettes = []palette{
	{bg: rgb(0x1d233a), glow: rgb(0xf2b84a), ink: rgb(0xfbf3e2), accent: rgb(0xd9a441)}, // midnight and lamplight
	{bg: rgb(0x22302b), glow: rgb(0xe8c27a), ink: rgb(0xf4efe1), accent: rgb(0xc9a45c)}, // forest
	{bg: rgb(0x3a1f24), glow: rgb(0xf0a868), ink: rgb(0xfaeee4), accent: rgb(0xd98f58)}, // oxblood
	{bg: rgb(0x1f2f3f), glow: rgb(0x9cc7d9), ink: rgb(0xf1f5f7), accent: rgb(0x8fb8c9)}, // harbour
	{bg: rgb(0xefe6d2), glow: rgb(0xfffaf0), ink: rgb(0x000000), accent: rgb(0x8a2e22)}, // paper and black ink
}

func rgb(v uint32) color.RGBA { return color.RGBA{uint8(v >> 16), uint8(v >> 8), uint8(v), 0xff} }

// PNG draws the cover of ed and encodes it as PNG.
func PNG(ed *layout.Edition) ([]byte, error) {
	img, err := Draw(ed)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := encodePNG(&buf, img); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Draw draws the cover of ed. Its text is set as the book's pages set theirs (package
// typeset's SetText): each character in a face that has it, Arabic joined, right-to-left
// titles in visual order; a character no bundled face has is an error.
func Draw(ed *layout.Edition) (*image.RGBA, error) { return DrawScaled(ed, 1) }

// DrawScaled draws the cover at scale times its size (Width × Height): the print cover draws
// it at the size its front panel needs at 300 pixels an inch, not enlarged after.
func DrawScaled(ed *layout.Edition, scale float64) (*image.RGBA, error) {
	return drawDesign(ed, scale, nil)
}

// textSink receives the design's text instead of the image: each run of a line in its face,
// size (pixels), left end and baseline, letter-spaced by tracking pixels after each letter,
// in its ink. The print cover sets the front's type as vector text this way, over the
// design's background drawn without it.
type textSink func(face *typeset.Face, size, x, y float64, s string, tracking float64, ink color.RGBA)

// drawDesign draws the generated cover at scale; with a sink, its text goes to the sink and
// not into the image.
func drawDesign(ed *layout.Edition, scale float64, sink textSink) (*image.RGBA, error) {
	if scale < 1 {
		scale = 1
	}
	px := func(v float64) float64 { return v * scale }
	family := ed.Print.FontFamily()
	style := func(st assets.Style) typeset.TextStyle {
		return typeset.TextStyle{Family: family, Style: st, Lang: ed.Language, Fonts: ed.Fonts}
	}
	for _, s := range []string{ed.Title, ed.Subtitle, ed.EditorNames(), ed.Publisher, ed.Words.EditedBy} {
		if _, err := typeset.SetText(s, style(assets.Bold)); err != nil {
			return nil, fmt.Errorf("the cover: %w", err)
		}
	}
	h := fnv.New32a()
	h.Write([]byte(ed.Title))
	pal := palettes[h.Sum32()%uint32(len(palettes))]

	iw, ih := int(math.Round(px(Width))), int(math.Round(px(Height)))
	img := image.NewRGBA(image.Rect(0, 0, iw, ih))
	background(img, pal, scale)

	// A double rule frames the page, inset like a bookplate.
	frame(img, int(px(90)), int(px(6)), pal.accent)
	frame(img, int(px(120)), int(px(2)), pal.accent)

	c := &canvas{img: img, ink: pal.ink, faces: map[faceSize]font.Face{}, sink: sink}
	defer c.close()
	y := px(620)
	title := strings.ToUpper(ed.Title)
	size, lines := fit(style(assets.Bold), title, px(1180), 4, px(190), px(96))
	y = c.lines(style(assets.Bold), size, lines, y, size*1.12, 0.06)
	if ed.Subtitle != "" {
		y += px(70)
		ssize, slines := fit(style(assets.Italic), ed.Subtitle, px(1120), 3, px(76), px(48))
		y = c.lines(style(assets.Italic), ssize, slines, y+ssize, ssize*1.3, 0)
	}
	// An ornament between the title block and the editors.
	ornament(img, iw/2, int(y+px(150)), pal.accent, scale)

	if len(ed.Editors) > 0 {
		names := strings.ToUpper(ed.EditorNames())
		nsize, nlines := fit(style(assets.Regular), names, px(1150), 2, px(64), px(40))
		c.ink = pal.accent
		c.lines(style(assets.Regular), px(40), []string{strings.ToUpper(ed.Words.EditedBy)}, px(2020), px(52), 0.25)
		c.ink = pal.ink
		c.lines(style(assets.Regular), nsize, nlines, px(2020)+nsize*1.5, nsize*1.25, 0.12)
	}
	if ed.Publisher != "" {
		c.ink = pal.accent
		c.lines(style(assets.Italic), px(44), []string{ed.Publisher}, px(2390), px(50), 0)
	}
	return img, nil
}

// background fills the image with the palette's field and a soft glow above the title. The
// glow is a Gaussian, so it factors into a row term and a column term; rows are filled in
// parallel.
func background(img *image.RGBA, pal palette, scale float64) {
	width, height := img.Bounds().Dx(), img.Bounds().Dy()
	cx, cy, radius := float64(width)/2, 880*scale, 900*scale
	ex := make([]float64, width)
	for x := range ex {
		dx := (float64(x) - cx) / radius
		ex[x] = math.Exp(-dx * dx * 2.2)
	}
	rows := make(chan int, height)
	for y := 0; y < height; y++ {
		rows <- y
	}
	close(rows)
	var wg sync.WaitGroup
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for y := range rows {
				dy := (float64(y) - cy) / radius
				ey := 0.38 * math.Exp(-dy*dy*2.2)
				row := img.Pix[y*img.Stride : y*img.Stride+width*4]
				for x := 0; x < width; x++ {
					g := ey * ex[x]
					i := x * 4
					row[i+0] = mix(pal.bg.R, pal.glow.R, g)
					row[i+1] = mix(pal.bg.G, pal.glow.G, g)
					row[i+2] = mix(pal.bg.B, pal.glow.B, g)
					row[i+3] = 0xff
				}
			}
		}()
	}
	wg.Wait()
}

func mix(a, b uint8, t float64) uint8 { return uint8(float64(a)*(1-t) + float64(b)*t + 0.5) }

func frame(img *image.RGBA, inset, width int, c color.RGBA) {
	u := image.NewUniform(c)
	r := image.Rect(inset, inset, img.Bounds().Dx()-inset, img.Bounds().Dy()-inset)
	draw.Draw(img, image.Rect(r.Min.X, r.Min.Y, r.Max.X, r.Min.Y+width), u, image.Point{}, draw.Src)
	draw.Draw(img, image.Rect(r.Min.X, r.Max.Y-width, r.Max.X, r.Max.Y), u, image.Point{}, draw.Src)
	draw.Draw(img, image.Rect(r.Min.X, r.Min.Y, r.Min.X+width, r.Max.Y), u, image.Point{}, draw.Src)
	draw.Draw(img, image.Rect(r.Max.X-width, r.Min.Y, r.Max.X, r.Max.Y), u, image.Point{}, draw.Src)
}

// ornament draws a small lozenge between two short rules.
func ornament(img *image.RGBA, cx, cy int, c color.RGBA, scale float64) {
	u := image.NewUniform(c)
	px := func(v float64) int { return int(math.Round(v * scale)) }
	draw.Draw(img, image.Rect(cx-px(260), cy-px(2), cx-px(60), cy+px(2)), u, image.Point{}, draw.Src)
	draw.Draw(img, image.Rect(cx+px(60), cy-px(2), cx+px(260), cy+px(2)), u, image.Point{}, draw.Src)
	r := px(24)
	for dy := -r; dy <= r; dy++ {
		half := r - abs(dy)
		draw.Draw(img, image.Rect(cx-half, cy+dy, cx+half+1, cy+dy+1), u, image.Point{}, draw.Src)
	}
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// canvas draws centred lines of text.
type canvas struct {
	img   *image.RGBA
	ink   color.RGBA
	faces map[faceSize]font.Face
	sink  textSink // when set, text goes here instead of into img
}

type faceSize struct {
	face *typeset.Face
	size float64
}

// face returns a rasterizing face for a typesetter's face at a size, made once.
func (c *canvas) face(f *typeset.Face, size float64) font.Face {
	k := faceSize{f, size}
	if face, ok := c.faces[k]; ok {
		return face
	}
	parsed, err := opentype.Parse(f.Data)
	if err != nil {
		panic(fmt.Sprintf("bundled font %s: %v", f.Name, err)) // the assets tests parse every face
	}
	face, err := opentype.NewFace(parsed, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		panic(err) // only on a size the caller controls; never outside 40–190 px here
	}
	c.faces[k] = face
	return face
}

func (c *canvas) close() {
	for _, f := range c.faces {
		f.Close()
	}
}

// lines draws each line centred with its baseline at y, y+leading, …, letter-spaced by
// tracking (in ems), and returns the last baseline.
func (c *canvas) lines(st typeset.TextStyle, size float64, lines []string, y, leading, tracking float64) float64 {
	st.Size = size
	last := y
	for i, l := range lines {
		base := y + float64(i)*leading
		set, tr := setLine(st, l, tracking)
		if set == nil {
			continue
		}
		x := (float64(c.img.Bounds().Dx()) - lineWidth(set, size, tr)) / 2
		n := 0
		for _, run := range set.Runs {
			if c.sink != nil {
				c.sink(run.Face, size, x+run.X+tr*size*float64(n), base, run.Text, tr*size, c.ink)
				n += utf8.RuneCountInString(run.Text)
				continue
			}
			face := c.face(run.Face, size)
			d := &font.Drawer{Dst: c.img, Src: image.NewUniform(c.ink), Face: face}
			rx := x + run.X + tr*size*float64(n)
			for _, r := range run.Text {
				d.Dot = fixed.Point26_6{X: fixed.Int26_6(rx * 64), Y: fixed.Int26_6(base * 64)}
				d.DrawString(string(r))
				rx += run.Face.Advance(r)*size + tr*size
				n++
			}
		}
		last = base
	}
	return last
}

// setLine sets s on one line, and says what letter-spacing it takes: none for a script
// without capitals, whose letters join (Arabic) or are not spaced (Hebrew).
func setLine(st typeset.TextStyle, s string, tracking float64) (*typeset.Line, float64) {
	lines, err := typeset.SetText(s, st)
	if err != nil || len(lines) == 0 {
		return nil, 0 // Draw has already checked every text of the cover
	}
	if strings.ContainsFunc(s, func(r rune) bool { return unicode.IsLetter(r) && !unicode.IsUpper(r) && !unicode.IsLower(r) }) {
		tracking = 0
	}
	return lines[0], tracking
}

// lineWidth is a set line's width with letter-spacing tracking (ems) between its characters.
func lineWidth(l *typeset.Line, size, tracking float64) float64 {
	n := 0
	for _, r := range l.Runs {
		n += utf8.RuneCountInString(r.Text)
	}
	return l.Natural + tracking*size*float64(max(n-1, 0))
}

func measure(st typeset.TextStyle, s string, size, tracking float64) float64 {
	st.Size = size
	l, tr := setLine(st, s, tracking)
	if l == nil {
		return 0
	}
	return lineWidth(l, size, tr)
}

// fit finds the largest size from max down to min at which s wraps into at most maxLines lines
// of at most width pixels, and returns the size and the lines, balanced so that the last line
// is not left short. Breaking a hyphenated word is the last resort.
func fit(st typeset.TextStyle, s string, width float64, maxLines int, max, min float64) (float64, []string) {
	words := strings.Fields(s)
	try := func(size float64, splitHyphens bool) ([]string, bool) {
		lines := wrap(st, words, width, size, splitHyphens)
		if len(lines) > maxLines || widest(st, lines, size) > width {
			return lines, false
		}
		// Balance: the narrowest measure that still needs no more lines.
		lo, hi := width/2, width
		for hi-lo > 4 {
			mid := (lo + hi) / 2
			if l := wrap(st, words, mid, size, splitHyphens); len(l) == len(lines) && widest(st, l, size) <= mid {
				hi = mid
			} else {
				lo = mid
			}
		}
		return wrap(st, words, hi, size, splitHyphens), true
	}
	for size := max; size >= max*0.7; size -= 4 {
		if lines, ok := try(size, false); ok {
			return size, lines
		}
	}
	for size := max; ; size -= 4 {
		lines, ok := try(size, true)
		if ok || size <= min {
			return size, lines
		}
	}
}

func widest(st typeset.TextStyle, lines []string, size float64) float64 {
	w := 0.0
	for _, l := range lines {
		w = math.Max(w, measure(st, l, size, 0.06))
	}
	return w
}

// wrap breaks words into lines no wider than width.
func wrap(st typeset.TextStyle, words []string, width, size float64, splitHyphens bool) []string {
	// A hyphenated word may break after its hyphen: "LAMP-" and "LIGHTERS" are separate
	// pieces that join without a space.
	var pieces []string
	for _, w := range words {
		for splitHyphens {
			i := strings.Index(w, "-")
			if i <= 0 || i == len(w)-1 {
				break
			}
			pieces = append(pieces, w[:i+1])
			w = w[i+1:]
		}
		pieces = append(pieces, w)
	}
	var lines []string
	cur := ""
	for _, w := range pieces {
		try := w
		if cur != "" {
			sep := " "
			if strings.HasSuffix(cur, "-") {
				sep = ""
			}
			try = cur + sep + w
		}
		if cur != "" && measure(st, try, size, 0.06) > width {
			lines = append(lines, cur)
			cur = w
			continue
		}
		cur = try
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return lines
}

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

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"

	"github.com/anthology-editor/anthology/assets"
	"github.com/anthology-editor/anthology/layout"
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

// Draw draws the cover of ed.
func Draw(ed *layout.Edition) (*image.RGBA, error) {
	fam, ok := assets.LookupFamily(ed.Print.FontFamily())
	if !ok {
		fam = assets.Families[0]
	}
	faces := map[assets.Style]*opentype.Font{}
	for _, st := range []assets.Style{assets.Regular, assets.Italic, assets.Bold} {
		data, err := fam.Face(st)
		if err != nil {
			return nil, err
		}
		f, err := opentype.Parse(data)
		if err != nil {
			return nil, fmt.Errorf("font %s: %w", fam.FacePath(st), err)
		}
		faces[st] = f
	}
	h := fnv.New32a()
	h.Write([]byte(ed.Title))
	pal := palettes[h.Sum32()%uint32(len(palettes))]

	img := image.NewRGBA(image.Rect(0, 0, Width, Height))
	background(img, pal)

	// A double rule frames the page, inset like a bookplate.
	frame(img, 90, 6, pal.accent)
	frame(img, 120, 2, pal.accent)

	c := &canvas{img: img, ink: pal.ink}
	y := 620.0
	title := strings.ToUpper(ed.Title)
	size, lines := fit(faces[assets.Bold], title, 1180, 4, 190, 96)
	y = c.lines(faces[assets.Bold], size, lines, y, size*1.12, 0.06)
	if ed.Subtitle != "" {
		y += 70
		ssize, slines := fit(faces[assets.Italic], ed.Subtitle, 1120, 3, 76, 48)
		y = c.lines(faces[assets.Italic], ssize, slines, y+ssize, ssize*1.3, 0)
	}
	// An ornament between the title block and the editors.
	ornament(img, Width/2, int(y)+150, pal.accent)

	if len(ed.Editors) > 0 {
		names := strings.ToUpper(ed.EditorNames())
		nsize, nlines := fit(faces[assets.Regular], names, 1150, 2, 64, 40)
		c.ink = pal.accent
		c.lines(faces[assets.Regular], 40, []string{"EDITED BY"}, 2020, 52, 0.25)
		c.ink = pal.ink
		c.lines(faces[assets.Regular], nsize, nlines, 2020+nsize*1.5, nsize*1.25, 0.12)
	}
	if ed.Publisher != "" {
		c.ink = pal.accent
		c.lines(faces[assets.Italic], 44, []string{ed.Publisher}, 2390, 50, 0)
	}
	return img, nil
}

// background fills the image with the palette's field and a soft glow above the title. The
// glow is a Gaussian, so it factors into a row term and a column term; rows are filled in
// parallel.
func background(img *image.RGBA, pal palette) {
	const cx, cy, radius = Width / 2.0, 880.0, 900.0
	ex := make([]float64, Width)
	for x := range ex {
		dx := (float64(x) - cx) / radius
		ex[x] = math.Exp(-dx * dx * 2.2)
	}
	rows := make(chan int, Height)
	for y := 0; y < Height; y++ {
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
				row := img.Pix[y*img.Stride : y*img.Stride+Width*4]
				for x := 0; x < Width; x++ {
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
	r := image.Rect(inset, inset, Width-inset, Height-inset)
	draw.Draw(img, image.Rect(r.Min.X, r.Min.Y, r.Max.X, r.Min.Y+width), u, image.Point{}, draw.Src)
	draw.Draw(img, image.Rect(r.Min.X, r.Max.Y-width, r.Max.X, r.Max.Y), u, image.Point{}, draw.Src)
	draw.Draw(img, image.Rect(r.Min.X, r.Min.Y, r.Min.X+width, r.Max.Y), u, image.Point{}, draw.Src)
	draw.Draw(img, image.Rect(r.Max.X-width, r.Min.Y, r.Max.X, r.Max.Y), u, image.Point{}, draw.Src)
}

// ornament draws a small lozenge between two short rules.
func ornament(img *image.RGBA, cx, cy int, c color.RGBA) {
	u := image.NewUniform(c)
	draw.Draw(img, image.Rect(cx-260, cy-2, cx-60, cy+2), u, image.Point{}, draw.Src)
	draw.Draw(img, image.Rect(cx+60, cy-2, cx+260, cy+2), u, image.Point{}, draw.Src)
	for dy := -24; dy <= 24; dy++ {
		half := 24 - abs(dy)
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
	img *image.RGBA
	ink color.RGBA
}

// lines draws each line centred with its baseline at y, y+leading, …, letter-spaced by
// tracking (in ems), and returns the last baseline.
func (c *canvas) lines(f *opentype.Font, size float64, lines []string, y, leading, tracking float64) float64 {
	face := newFace(f, size)
	defer face.Close()
	last := y
	for i, l := range lines {
		base := y + float64(i)*leading
		w := measure(face, l, size, tracking)
		d := &font.Drawer{Dst: c.img, Src: image.NewUniform(c.ink), Face: face}
		x := (Width - w) / 2
		for _, r := range l {
			d.Dot = fixed.Point26_6{X: fixed.Int26_6(x * 64), Y: fixed.Int26_6(base * 64)}
			d.DrawString(string(r))
			adv, _ := face.GlyphAdvance(r)
			x += float64(adv)/64 + tracking*size
		}
		last = base
	}
	return last
}

func newFace(f *opentype.Font, size float64) font.Face {
	face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		panic(err) // only on a size the caller controls; never outside 40–190 px here
	}
	return face
}

func measure(face font.Face, s string, size, tracking float64) float64 {
	w := 0.0
	n := 0
	for _, r := range s {
		adv, _ := face.GlyphAdvance(r)
		w += float64(adv) / 64
		n++
	}
	if n > 1 {
		w += tracking * size * float64(n-1)
	}
	return w
}

// fit finds the largest size from max down to min at which s wraps into at most maxLines lines
// of at most width pixels, and returns the size and the lines, balanced so that the last line
// is not left short. Breaking a hyphenated word is the last resort.
func fit(f *opentype.Font, s string, width float64, maxLines int, max, min float64) (float64, []string) {
	words := strings.Fields(s)
	try := func(size float64, splitHyphens bool) ([]string, bool) {
		face := newFace(f, size)
		defer face.Close()
		lines := wrap(face, words, width, size, splitHyphens)
		if len(lines) > maxLines || widest(face, lines, size) > width {
			return lines, false
		}
		// Balance: the narrowest measure that still needs no more lines.
		lo, hi := width/2, width
		for hi-lo > 4 {
			mid := (lo + hi) / 2
			if l := wrap(face, words, mid, size, splitHyphens); len(l) == len(lines) && widest(face, l, size) <= mid {
				hi = mid
			} else {
				lo = mid
			}
		}
		return wrap(face, words, hi, size, splitHyphens), true
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

func widest(face font.Face, lines []string, size float64) float64 {
	w := 0.0
	for _, l := range lines {
		w = math.Max(w, measure(face, l, size, 0.06))
	}
	return w
}

// wrap breaks words into lines no wider than width.
func wrap(face font.Face, words []string, width, size float64, splitHyphens bool) []string {
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
		if cur != "" && measure(face, try, size, 0.06) > width {
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

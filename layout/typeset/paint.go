package typeset

import (
	"image"
	"image/color"
	"image/draw"
	"math"
	"sync"

	xdraw "golang.org/x/image/draw"
	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"

	"github.com/anthology-editor/anthology/anthology"
	"github.com/anthology-editor/anthology/layout"
)

// Painter paints typeset pages into images: the GUI's preview. It draws the very runs the PDF
// draws, at the same positions, so what the editor sees is what the printer gets.
type Painter struct {
	// DPI is the resolution of the images (72 gives one pixel per point).
	DPI float64
	// Ink and Paper are the text and page colours; black on white when unset.
	Ink, Paper color.Color

	mu       sync.Mutex
	fonts    map[*Face]*opentype.Font
	faces    map[faceKey]font.Face
	pictures map[*layout.Image]image.Image
}

// picture returns a figure's image decoded, once; nil if it cannot be.
func (pt *Painter) picture(im *layout.Image) image.Image {
	if m, ok := pt.pictures[im]; ok {
		return m
	}
	if pt.pictures == nil {
		pt.pictures = map[*layout.Image]image.Image{}
	}
	m, _, err := anthology.DecodeImage(im.Data)
	if err != nil {
		m = nil
	}
	pt.pictures[im] = m
	return m
}

type faceKey struct {
	face *Face
	size float64
}

// NewPainter makes a painter for the given resolution.
func NewPainter(dpi float64) *Painter {
	return &Painter{DPI: dpi, fonts: map[*Face]*opentype.Font{}, faces: map[faceKey]font.Face{}}
}

// Paint draws page p of book b (its trim box) into a new image.
func (pt *Painter) Paint(b *Book, p *Page) *image.RGBA {
	pt.mu.Lock()
	defer pt.mu.Unlock()
	scale := pt.DPI / 72
	g := b.Geometry
	img := image.NewRGBA(image.Rect(0, 0, int(math.Ceil(g.Width*scale)), int(math.Ceil(g.Height*scale))))
	paper, ink := pt.Paper, pt.Ink
	if paper == nil {
		paper = color.White
	}
	if ink == nil {
		ink = color.Black
	}
	draw.Draw(img, img.Bounds(), image.NewUniform(paper), image.Point{}, draw.Src)
	src := image.NewUniform(ink)
	for _, t := range p.Texts {
		face := pt.face(t.Face(), t.Size()*scale)
		if face == nil {
			continue
		}
		d := &font.Drawer{Dst: img, Src: src, Face: face,
			Dot: fixed.Point26_6{X: fixed.Int26_6(t.X * scale * 64), Y: fixed.Int26_6(t.Y * scale * 64)}}
		d.DrawString(t.Text)
	}
	for _, pic := range p.Pictures {
		m := pt.picture(pic.Image)
		if m == nil {
			continue
		}
		r := image.Rect(int(pic.X*scale), int(pic.Y*scale), int((pic.X+pic.W)*scale), int((pic.Y+pic.H)*scale))
		xdraw.ApproxBiLinear.Scale(img, r, m, m.Bounds(), xdraw.Over, nil)
	}
	for _, r := range p.Rules {
		w := math.Max(r.Width*scale, 1)
		ras := vector.NewRasterizer(img.Bounds().Dx(), img.Bounds().Dy())
		// A rule as a thin rectangle along its direction.
		dx, dy := r.X2-r.X1, r.Y2-r.Y1
		l := math.Hypot(dx, dy)
		if l == 0 {
			continue
		}
		nx, ny := -dy/l*w/2/scale, dx/l*w/2/scale
		pts := [][2]float64{{r.X1 + nx, r.Y1 + ny}, {r.X2 + nx, r.Y2 + ny}, {r.X2 - nx, r.Y2 - ny}, {r.X1 - nx, r.Y1 - ny}}
		ras.MoveTo(float32(pts[0][0]*scale), float32(pts[0][1]*scale))
		for _, q := range pts[1:] {
			ras.LineTo(float32(q[0]*scale), float32(q[1]*scale))
		}
		ras.ClosePath()
		ras.Draw(img, img.Bounds(), src, image.Point{})
	}
	return img
}

// face returns a rasterising face for f at size pixels.
func (pt *Painter) face(f *Face, size float64) font.Face {
	k := faceKey{f, math.Round(size*100) / 100}
	if ff, ok := pt.faces[k]; ok {
		return ff
	}
	otf, ok := pt.fonts[f]
	if !ok {
		parsed, err := opentype.Parse(f.Data)
		if err != nil {
			pt.fonts[f] = nil
			return nil
		}
		otf = parsed
		pt.fonts[f] = otf
	}
	if otf == nil {
		return nil
	}
	ff, err := opentype.NewFace(otf, &opentype.FaceOptions{Size: k.size, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		return nil
	}
	pt.faces[k] = ff
	return ff
}

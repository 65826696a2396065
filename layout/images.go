package layout

import (
	"fmt"
	_ "image/jpeg" // figures may be JPEG
	_ "image/png"  // or PNG
	"path"
	"strings"

	"github.com/anthology-editor/anthology/anthology"
	"github.com/anthology-editor/anthology/anthology/text"
)

// Image is a figure's image, read once from the project for every back-end.
type Image struct {
	// Src is the path the essays give ("images/map.png").
	Src string
	// Href is the image's name inside the EPUB, unique and stable ("images/figure-1.png").
	Href      string
	Data      []byte
	MediaType string
	// Width and Height are the image's size in pixels.
	Width, Height int
}

// Image returns the image a figure shows, nil if the edition has none by that path.
func (ed *Edition) Image(src string) *Image {
	for _, im := range ed.Images {
		if im.Src == cleanSrc(src) {
			return im
		}
	}
	return nil
}

func cleanSrc(src string) string { return path.Clean(strings.TrimPrefix(strings.TrimSpace(src), "./")) }

// readImages reads the image of every figure in the edition's sections, in reading order. A
// figure whose image is missing, outside the project, or not a JPEG or PNG stops the build with
// the essay and the path named: a book never goes out with a hole where a picture was.
func readImages(p *anthology.Project, ed *Edition) error {
	seen := map[string]bool{}
	var err error
	ed.walkBlocks(func(s *Section, b text.Block) {
		f, ok := b.(*text.Figure)
		if !ok || err != nil {
			return
		}
		src := cleanSrc(f.Src)
		if seen[src] {
			return
		}
		seen[src] = true
		im, e := readImage(p, src)
		if e != nil {
			err = fmt.Errorf("%s (%q): figure %s: %w", sectionFile(p, s), s.PlainTitle(), f.Src, e)
			return
		}
		ext := strings.TrimPrefix(im.MediaType, "image/")
		if ext == "jpeg" {
			ext = "jpg"
		}
		im.Href = fmt.Sprintf("images/figure-%d.%s", len(ed.Images)+1, ext)
		ed.Images = append(ed.Images, im)
	})
	return err
}

func readImage(p *anthology.Project, src string) (*Image, error) {
	data, err := p.ReadFile(src)
	if err != nil {
		return nil, err
	}
	cfg, format, err := anthology.CheckImage(data)
	if err != nil {
		return nil, err
	}
	return &Image{Src: src, Data: data, MediaType: "image/" + format, Width: cfg.Width, Height: cfg.Height}, nil
}

// sectionFile is the project file a section comes from, for messages.
func sectionFile(p *anthology.Project, s *Section) string {
	if s.Essay != nil && s.Essay.Path != "" {
		return displayPath(p.Dir, s.Essay.Path)
	}
	return displayPath(p.Dir, anthology.ProjectFile)
}

// UndescribedFigures names the figures that have no text description (alt text), as
// "Essay title: images/x.png". A book that has any does not meet WCAG, and says so.
func (ed *Edition) UndescribedFigures() []string {
	var out []string
	ed.walkBlocks(func(s *Section, b text.Block) {
		if f, ok := b.(*text.Figure); ok && strings.TrimSpace(f.Alt) == "" {
			out = append(out, s.PlainTitle()+": "+f.Src)
		}
	})
	return out
}

// walkBlocks calls fn for every block of every section: headnote, body and notes.
func (ed *Edition) walkBlocks(fn func(*Section, text.Block)) {
	for _, s := range ed.Sections {
		for _, b := range sectionBlocks(s) {
			text.WalkBlock(b, func(b text.Block) { fn(s, b) }, func(text.Inline) {})
		}
	}
}

// sectionBlocks lists a section's top-level blocks: headnote, body, then notes.
func sectionBlocks(s *Section) []text.Block {
	blocks := append([]text.Block{}, s.Headnote...)
	if s.Body != nil {
		blocks = append(blocks, s.Body.Blocks...)
		for _, n := range s.Body.Notes {
			blocks = append(blocks, n.Blocks...)
		}
	}
	return blocks
}

package importer

import (
	"bytes"
	"errors"
	"fmt"
	_ "image/jpeg" // photographs
	_ "image/png"  // drawings and scans
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/anthology-editor/anthology/anthology"
	"github.com/anthology-editor/anthology/anthology/atomicfile"
)

// Image is an image a figure of the import shows: its bytes, read from beside the source (a
// saved page's folder, a book's images), and the path it takes in the project.
type Image struct {
	// From is the image's address as the source gives it.
	From string `json:"from"`
	// To is its path in the project ("images/ferry.jpg"), as the body refers to it.
	To   string `json:"to"`
	Data []byte `json:"-"`
}

// resourceFunc reads a file a document refers to, by its address relative to the document.
type resourceFunc func(ref string) ([]byte, error)

// dirResource reads files relative to a folder on disk (a saved web page's "_files" folder,
// a book's images beside its chapters).
func dirResource(dir string) resourceFunc {
	return func(ref string) ([]byte, error) {
		return readLimited(filepath.Join(dir, filepath.FromSlash(ref)))
	}
}

// smallestFigure is the size in pixels below which an image is an icon, a spacer or an avatar,
// not a figure of the essay.
const smallestFigure = 100

// image reads the image an <img> shows and returns the Markdown of a figure's image, or "" and
// a reported cut when it cannot be had: on the web only, an SVG or GIF, an icon.
func (c *htmlConv) image(img *html.Node) string {
	src := strings.TrimSpace(attr(img, "src"))
	alt := collapse(strings.ReplaceAll(attr(img, "alt"), "\n", " "))
	cut := func(why string) string {
		c.removed = append(c.removed, Removed{Text: "image " + src + describe(alt), Reason: why})
		return ""
	}
	if src == "" {
		return cut("image without an address")
	}
	u, err := url.Parse(src)
	web := c.src.web && err == nil && u.Scheme != "data"
	if !web && (err != nil || u.Scheme != "" || u.Host != "" || strings.HasPrefix(src, "/")) {
		return cut("image on the web, not saved with the page: save the image beside the page and import again")
	}
	ref := src
	if !web {
		ref, err = url.PathUnescape(u.Path)
	}
	if err != nil || c.src.resource == nil {
		return cut("image not found beside the source")
	}
	data, err := c.src.resource(ref)
	if err != nil {
		return cut("image not found beside the source (" + ref + ")")
	}
	cfg, format, err := anthology.CheckImage(data)
	if errors.Is(err, anthology.ErrImageFormat) {
		return cut("image is not a JPEG or PNG (" + strings.ToUpper(strings.TrimPrefix(path.Ext(ref), ".")) + "): convert it and add it by hand")
	}
	if err != nil {
		return cut(err.Error())
	}
	if cfg.Width < smallestFigure || cfg.Height < smallestFigure {
		return cut(fmt.Sprintf("image of %d×%d pixels: an icon or a spacer, not a figure", cfg.Width, cfg.Height))
	}
	owner := c.owner()
	to := "images/" + imageName(imageBase(ref), format)
	for _, im := range owner.images {
		if im.From == src {
			to = im.To
		}
	}
	if !owner.hasImage(to) {
		owner.images = append(owner.images, Image{From: src, To: to, Data: data})
	}
	return "![" + escapeInline(alt) + "](" + to + ")"
}

func (c *htmlConv) hasImage(to string) bool {
	for _, im := range c.images {
		if im.To == to {
			return true
		}
	}
	return false
}

func describe(alt string) string {
	if alt == "" {
		return ""
	}
	return " (" + alt + ")"
}

var unsafeName = regexp.MustCompile(`[^a-z0-9._-]+`)

// imageName is a file name safe on every system, with the extension its format has.
func imageName(base, format string) string {
	ext := ".png"
	if format == "jpeg" {
		ext = ".jpg"
	}
	stem := strings.TrimSuffix(base, path.Ext(base))
	stem = strings.Trim(unsafeName.ReplaceAllString(strings.ToLower(stem), "-"), "-.")
	if stem == "" {
		stem = "image"
	}
	if len(stem) > 60 {
		stem = stem[:60]
	}
	return stem + ext
}

// onlyImage returns the one image a block holds when it holds nothing else: a figure.
func onlyImage(n *html.Node) *html.Node {
	if strings.TrimFunc(textOf(n), isHTMLSpace) != "" {
		return nil
	}
	var img *html.Node
	count := 0
	walkElements(n, func(e *html.Node) bool {
		if e.DataAtom == atom.Img {
			img = e
			count++
		}
		return true
	})
	if count != 1 {
		return nil
	}
	return img
}

// figure writes a <figure>: its image, the caption of its <figcaption> and the credit found
// there (a class "credit", "copyright" or "attribution", or a <small>). When the image cannot
// be had, the caption stays as paragraphs: its words are the essay's.
func (c *htmlConv) figure(n *html.Node, img *html.Node) {
	var caption *html.Node
	walkElements(n, func(e *html.Node) bool {
		if e.DataAtom == atom.Figcaption && caption == nil {
			caption = e
		}
		if img == nil && e.DataAtom == atom.Img {
			img = e
		}
		return true
	})
	md := ""
	if img != nil {
		md = c.image(img)
	}
	if md == "" {
		c.flow(n)
		c.endPara()
		return
	}
	var parts []string
	var words []string
	parts = append(parts, md)
	if caption != nil {
		var credit *html.Node
		walkElements(caption, func(e *html.Node) bool {
			if credit == nil && (hasType(e, "credit", "credits", "copyright", "attribution", "photo-credit", "image-credit") || e.DataAtom == atom.Small) {
				credit = e
			}
			return credit == nil
		})
		if credit != nil {
			c.skip[credit] = true
		}
		w := newInlineWriter()
		c.inline(w, caption, false, 0)
		if credit != nil {
			delete(c.skip, credit)
		}
		if strings.TrimSpace(w.md.String()) != "" {
			parts = append(parts, w.md.String())
			words = append(words, w.txt.String())
		}
		if credit != nil {
			cw := newInlineWriter()
			c.inline(cw, credit, false, 0)
			if s := strings.TrimLeft(cw.md.String(), "—–-\\ \u00a0"); strings.TrimSpace(s) != "" {
				parts = append(parts, "— "+s)
				words = append(words, cw.txt.String())
			}
		}
	}
	b := block{kind: chunk, text: strings.Join(words, "\n"), quoted: c.quote > 0, image: attr(img, "src")}
	if len(parts) == 1 {
		b.md = md
	} else {
		b.md = "::: figure\n" + strings.Join(parts, "\n\n") + "\n:::"
	}
	c.add(b)
}

// bodyImage finds the project paths the body's figures use.
var bodyImage = regexp.MustCompile(`!\[(?:[^\]\\]|\\.)*\]\((images/[^)\s]+)\)`)

// keepUsedImages drops the images no figure of the body shows (their block was cut).
func keepUsedImages(body string, images []Image) []Image {
	used := map[string]bool{}
	for _, m := range bodyImage.FindAllStringSubmatch(body, -1) {
		used[m[1]] = true
	}
	var out []Image
	for _, im := range images {
		if used[im.To] {
			out = append(out, im)
		}
	}
	return out
}

// CopyImages writes the images of an imported essay into the project's images folder, each
// atomically. A name already taken by another file gets a number ("ferry-2.jpg") and the
// essay's body is changed to match; an identical file is left as it is. Call it after Add and
// before saving the project, so that no saved essay shows an image that is not there. It
// returns the files it created (not those that were there already), for RemoveImages to take
// back if the save then fails.
func CopyImages(p *anthology.Project, e *anthology.Essay, r *Result) (created []string, err error) {
	if e == nil || len(r.Images) == 0 {
		return nil, nil
	}
	if p.Dir == "" {
		return nil, errors.New("the project has no folder to copy images into")
	}
	root, err := os.OpenRoot(p.Dir)
	if err != nil {
		return nil, err
	}
	defer root.Close()
	if err := root.MkdirAll("images", 0o755); err != nil {
		return nil, fmt.Errorf("copying images: %w", err)
	}
	defer func() {
		if err != nil {
			removeAll(root, created)
			created = nil
		}
	}()
	body := e.Body
	for i, im := range r.Images {
		to := im.To
		fresh := false
		for n := 2; ; n++ {
			existing, err := root.ReadFile(to)
			if errors.Is(err, os.ErrNotExist) || (err == nil && bytes.Equal(existing, im.Data)) {
				fresh = err != nil
				break
			}
			ext := path.Ext(im.To)
			to = fmt.Sprintf("%s-%d%s", strings.TrimSuffix(im.To, ext), n, ext)
		}
		if err := atomicfile.WriteFile(root, to, im.Data, 0o644); err != nil {
			return created, fmt.Errorf("copying image %s: %w", im.From, err)
		}
		if fresh {
			created = append(created, to)
		}
		if to != im.To {
			body = strings.ReplaceAll(body, "]("+im.To+")", "]("+to+")")
			r.Images[i].To = to
		}
	}
	if body != e.Body {
		e.SetBody(body)
	}
	return created, nil
}

// RemoveImages takes back the images CopyImages created, when the import they belong to was
// not saved: an import adds its essays, their images and the contents entry, or nothing.
func RemoveImages(p *anthology.Project, created []string) {
	if len(created) == 0 || p.Dir == "" {
		return
	}
	if root, err := os.OpenRoot(p.Dir); err == nil {
		removeAll(root, created)
		root.Close()
	}
}

func removeAll(root *os.Root, names []string) {
	for _, n := range names {
		root.Remove(n)
	}
}

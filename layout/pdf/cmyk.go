package pdf

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"io"
	"math"
	"regexp"
	"runtime"
	"strconv"
	"sync"
)

// A cover is drawn by fpdf in RGB; printers want CMYK. These rewrite its page content's colour
// operators and its photographs, in the PDF fpdf wrote (see FinishCover).

var (
	contentsRE = regexp.MustCompile(`/Contents (\d+) 0 R`)
	rgbOpRE    = regexp.MustCompile(`(?m)(^|[\s\[])([\d.]+) ([\d.]+) ([\d.]+) (rg|RG)\b`)
	streamRE   = regexp.MustCompile(`(?s)^(\d+ 0 obj\s*)<<(.*?)>>\s*stream\r?\n(.*)\r?\nendstream\s*endobj\s*$`)
	lengthRE   = regexp.MustCompile(`/Length \d+`)
	widthRE    = regexp.MustCompile(`/Width (\d+)`)
	heightRE   = regexp.MustCompile(`/Height (\d+)`)
)

// RichBlack is the RGB colour a cover draws large black type in: FinishCover prints it in
// rich black, 60 % cyan, 40 % magenta, 40 % yellow and 100 % black (240 % of ink, within
// every printer's limit), which prints deeper than black ink alone. It is black but for its
// last blue step, a colour no design draws with. Every other black is black ink only.
func RichBlack() (r, g, b int) { return 0, 0, 1 }

// richBlackOp is how fpdf writes RichBlack's components (x/255 to three places).
const richBlackOp = "0.000 0.000 0.004"

// toCMYK converts an RGB colour (0–1) to CMYK with grey component replacement: black takes
// what the three inks share, and the total stays under 300 % (a cover's limit).
func toCMYK(r, g, b float64) (c, m, y, k float64) {
	k = 1 - math.Max(r, math.Max(g, b))
	if k >= 1 {
		return 0, 0, 0, 1
	}
	c, m, y = (1-r-k)/(1-k), (1-g-k)/(1-k), (1-b-k)/(1-k)
	if total := c + m + y + k; total > 2.9 {
		f := (2.9 - k) / (c + m + y)
		c, m, y = c*f, m*f, y*f
	}
	return c, m, y, k
}

// cmykContent rewrites a page content stream's RGB colour operators (rg, RG) as CMYK (k, K).
func cmykContent(obj []byte) ([]byte, error) {
	head, dict, data, err := splitStream(obj)
	if err != nil {
		return nil, err
	}
	flate := bytes.Contains(dict, []byte("/FlateDecode"))
	if flate {
		if data, err = inflate(data); err != nil {
			return nil, err
		}
	}
	data = rgbOpRE.ReplaceAllFunc(data, func(m []byte) []byte {
		sub := rgbOpRE.FindSubmatch(m)
		op := "k"
		if string(sub[5]) == "RG" {
			op = "K"
		}
		if string(sub[2])+" "+string(sub[3])+" "+string(sub[4]) == richBlackOp {
			return fmt.Appendf(nil, "%s0.6000 0.4000 0.4000 1.0000 %s", sub[1], op)
		}
		r, _ := strconv.ParseFloat(string(sub[2]), 64)
		g, _ := strconv.ParseFloat(string(sub[3]), 64)
		b, _ := strconv.ParseFloat(string(sub[4]), 64)
		c, mm, y, k := toCMYK(r, g, b)
		return fmt.Appendf(nil, "%s%.4f %.4f %.4f %.4f %s", sub[1], c, mm, y, k, op)
	})
	if flate {
		data = deflate(data, zlib.DefaultCompression)
	}
	return joinStream(head, dict, data), nil
}

// cmykImage writes an RGB JPEG image object again as CMYK samples, Flate-compressed.
func cmykImage(num int, obj []byte) ([]byte, error) {
	head, dict, data, err := splitStream(obj)
	if err != nil {
		return nil, err
	}
	if !bytes.Contains(dict, []byte("/DCTDecode")) {
		return nil, errors.New("an RGB image that is not a JPEG")
	}
	img, err := jpeg.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	bnd := img.Bounds()
	w, h := bnd.Dx(), bnd.Dy()
	if mw, mh := widthRE.FindSubmatch(dict), heightRE.FindSubmatch(dict); mw == nil || mh == nil || string(mw[1]) != strconv.Itoa(w) || string(mh[1]) != strconv.Itoa(h) {
		return nil, errors.New("the image's size is not its dictionary's")
	}
	samples := cmykSamples(img)
	newDict := fmt.Sprintf("/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceCMYK /BitsPerComponent 8 /Filter /FlateDecode /Length 0", w, h)
	return joinStream(head, []byte(newDict), deflate(samples, zlib.DefaultCompression)), nil
}

// cmykSamples converts an image to CMYK samples, 8 bits each, row by row; the rows are
// shared among the cores (a cover's picture is millions of pixels) and the result does not
// depend on how.
func cmykSamples(img image.Image) []byte {
	bnd := img.Bounds()
	w, h := bnd.Dx(), bnd.Dy()
	samples := make([]byte, 4*w*h)
	rgba := func(x, y int) (r, g, b, a uint32) { return img.At(x, y).RGBA() }
	if yc, ok := img.(*image.YCbCr); ok {
		// A JPEG's own pixels, read without an interface value per pixel.
		rgba = func(x, y int) (r, g, b, a uint32) {
			ci := yc.COffset(x, y)
			return color.YCbCr{Y: yc.Y[yc.YOffset(x, y)], Cb: yc.Cb[ci], Cr: yc.Cr[ci]}.RGBA()
		}
	}
	row := func(y int) {
		out := samples[4*w*(y-bnd.Min.Y):]
		for x := bnd.Min.X; x < bnd.Max.X; x++ {
			r, g, b, _ := rgba(x, y)
			c, m, yy, k := toCMYK(float64(r)/0xffff, float64(g)/0xffff, float64(b)/0xffff)
			i := 4 * (x - bnd.Min.X)
			out[i], out[i+1], out[i+2], out[i+3] = byte(c*255+0.5), byte(m*255+0.5), byte(yy*255+0.5), byte(k*255+0.5)
		}
	}
	var wg sync.WaitGroup
	workers := min(runtime.GOMAXPROCS(0), max(1, h/64))
	for i := range workers {
		wg.Go(func() {
			for y := bnd.Min.Y + i; y < bnd.Max.Y; y += workers {
				row(y)
			}
		})
	}
	wg.Wait()
	return samples
}

func splitStream(obj []byte) (head, dict, data []byte, err error) {
	m := streamRE.FindSubmatch(obj)
	if m == nil {
		return nil, nil, nil, errors.New("not a stream object")
	}
	return m[1], m[2], m[3], nil
}

func joinStream(head, dict, data []byte) []byte {
	dict = lengthRE.ReplaceAll(dict, []byte("/Length "+strconv.Itoa(len(data))))
	var b bytes.Buffer
	b.Write(head)
	b.WriteString("<<")
	b.Write(dict)
	b.WriteString(">>\nstream\n")
	b.Write(data)
	b.WriteString("\nendstream\nendobj\n")
	return b.Bytes()
}

func inflate(data []byte) ([]byte, error) {
	zr, err := zlib.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	return io.ReadAll(zr)
}

// deflate compresses data as a zlib stream at a level of compress/zlib's. Pictures take the
// default level: on the sample's cover picture (16 MB of CMYK samples) the best compression
// saves 4 % of the size and takes 2.4 times as long (0.57 s against 0.23 s). Fonts, small and
// written once, take the best.
func deflate(data []byte, level int) []byte {
	var b bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&b, level)
	zw.Write(data)
	zw.Close()
	return b.Bytes()
}

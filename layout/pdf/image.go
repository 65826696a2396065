package pdf

import (
	"bytes"
	"compress/zlib"
	"image"
	"image/draw"
	"image/jpeg"
	"strconv"

	"github.com/anthology-editor/anthology/anthology"
	"github.com/anthology-editor/anthology/layout"
)

// writeImage writes a figure's image as an image XObject, object num. A JPEG goes in as it is
// where it can (the PDF decodes it); any other image as its samples, compressed, with its
// transparency as a soft mask. For print (gray is set), every figure is flattened onto white
// paper and turned to shades of grey: PDF/X-1a allows neither RGB colour nor transparency,
// and the interior is printed in black ink. A JPEG that must change is encoded again at
// quality 95; a grey JPEG goes in as it is.
func writeImage(f *pdfFile, num int, im *layout.Image, gray bool) error {
	m, format, err := anthology.DecodeImage(im.Data)
	if err != nil {
		return err
	}
	b := m.Bounds()
	size := " /Width " + strconv.Itoa(b.Dx()) + " /Height " + strconv.Itoa(b.Dy()) + " /BitsPerComponent 8"
	switch {
	case format == "jpeg" && isGray(m):
		f.stream(num, " /Type /XObject /Subtype /Image"+size+" /ColorSpace /DeviceGray /Filter /DCTDecode", im.Data)
	case format == "jpeg" && gray:
		var buf bytes.Buffer
		if err := jpeg.Encode(&buf, toGray(m), &jpeg.Options{Quality: 95}); err != nil {
			return err
		}
		f.stream(num, " /Type /XObject /Subtype /Image"+size+" /ColorSpace /DeviceGray /Filter /DCTDecode", buf.Bytes())
	case format == "jpeg" && isYCbCr(m):
		f.stream(num, " /Type /XObject /Subtype /Image"+size+" /ColorSpace /DeviceRGB /Filter /DCTDecode", im.Data)
	case gray:
		f.stream(num, " /Type /XObject /Subtype /Image"+size+" /ColorSpace /DeviceGray /Filter /FlateDecode", deflate(toGray(m).Pix, zlib.DefaultCompression))
	default:
		n := image.NewNRGBA(b)
		draw.Draw(n, b, m, b.Min, draw.Src)
		rgb := make([]byte, 0, 3*b.Dx()*b.Dy())
		alpha := make([]byte, 0, b.Dx()*b.Dy())
		opaque := true
		for i := 0; i < len(n.Pix); i += 4 {
			rgb = append(rgb, n.Pix[i], n.Pix[i+1], n.Pix[i+2])
			alpha = append(alpha, n.Pix[i+3])
			opaque = opaque && n.Pix[i+3] == 255
		}
		mask := ""
		if !opaque {
			sm := f.alloc()
			f.stream(sm, " /Type /XObject /Subtype /Image"+size+" /ColorSpace /DeviceGray /Filter /FlateDecode", deflate(alpha, zlib.DefaultCompression))
			mask = " /SMask " + ref(sm)
		}
		f.stream(num, " /Type /XObject /Subtype /Image"+size+" /ColorSpace /DeviceRGB /Filter /FlateDecode"+mask, deflate(rgb, zlib.DefaultCompression))
	}
	return nil
}

// isYCbCr reports whether a decoded JPEG is in colour (three components, which the PDF's
// DCT decoder turns into RGB).
func isYCbCr(m image.Image) bool {
	_, ok := m.(*image.YCbCr)
	return ok
}

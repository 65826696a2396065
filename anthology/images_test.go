package anthology_test

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/png"
	"strings"
	"testing"

	"github.com/anthology-editor/anthology/anthology"
)

func smallPNG(w, h int) []byte {
	m := image.NewNRGBA(image.Rect(0, 0, w, h))
	m.Set(0, 0, color.NRGBA{200, 10, 10, 255})
	var b bytes.Buffer
	png.Encode(&b, m)
	return b.Bytes()
}

func TestCheckImage(t *testing.T) {
	if _, format, err := anthology.CheckImage(smallPNG(40, 30)); err != nil || format != "png" {
		t.Fatalf("a small PNG: %q, %v", format, err)
	}
	if _, _, err := anthology.CheckImage([]byte("GIF89a......")); err != anthology.ErrImageFormat {
		t.Errorf("a GIF: %v", err)
	}
	// A header that declares more than 60 megapixels: refused before any decoding.
	big := smallPNG(1, 1)
	big[16], big[17], big[18], big[19] = 0, 1, 0x86, 0xa0 // width 100,000
	big[20], big[21], big[22], big[23] = 0, 1, 0x86, 0xa0 // height 100,000
	binary.BigEndian.PutUint32(big[29:], crc32.ChecksumIEEE(big[12:29]))
	if _, _, err := anthology.CheckImage(big); err == nil || !strings.Contains(err.Error(), "100000 × 100000 pixels") {
		t.Errorf("a 100,000² PNG: %v", err)
	}
	if _, _, err := anthology.DecodeImage(big); err == nil {
		t.Error("DecodeImage decoded a 100,000² PNG")
	}
}

// FuzzImage decodes whatever a project's image may hold: a picture within the pixel limit or
// an error, never a panic or an allocation the header did not justify.
func FuzzImage(f *testing.F) {
	f.Add(smallPNG(3, 2))
	f.Add([]byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00"))
	f.Add([]byte("GIF89a"))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, _, err := anthology.DecodeImage(data)
		if err != nil {
			return
		}
		b := m.Bounds()
		if int64(b.Dx())*int64(b.Dy()) > anthology.MaxImagePixels {
			t.Fatalf("decoded %v, over the limit", b)
		}
	})
}

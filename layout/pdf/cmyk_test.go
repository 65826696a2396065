package pdf

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"strconv"
	"strings"
	"testing"
)

func TestToCMYK(t *testing.T) {
	for _, tt := range []struct {
		r, g, b    float64
		c, m, y, k float64
	}{
		{0, 0, 0, 0, 0, 0, 1},         // black is black ink alone
		{1, 1, 1, 0, 0, 0, 0},         // white is paper
		{1, 0, 0, 0, 1, 1, 0},         // red
		{0.5, 0.5, 0.5, 0, 0, 0, 0.5}, // grey is black ink
	} {
		c, m, y, k := toCMYK(tt.r, tt.g, tt.b)
		if abs(c-tt.c) > 1e-9 || abs(m-tt.m) > 1e-9 || abs(y-tt.y) > 1e-9 || abs(k-tt.k) > 1e-9 {
			t.Errorf("toCMYK(%v %v %v) = %v %v %v %v", tt.r, tt.g, tt.b, c, m, y, k)
		}
	}
	// The darkest colours stay under the cover's 300 % of ink.
	for _, rgb := range [][3]float64{{0.01, 0, 0}, {0, 0.005, 0.01}, {0.1, 0.12, 0.2}} {
		c, m, y, k := toCMYK(rgb[0], rgb[1], rgb[2])
		if total := c + m + y + k; total > 2.9+1e-9 {
			t.Errorf("%v: %.0f %% ink", rgb, total*100)
		}
	}
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

func TestCMYKContent(t *testing.T) {
	obj := []byte("5 0 obj\n<</Length 40>>\nstream\nq 1 0 0 rg 0 0 10 10 re f 0.5 0.5 0.5 RG Q\nendstream\nendobj\n")
	out, err := cmykContent(obj)
	if err != nil {
		t.Fatal(err)
	}
	s := string(out)
	if !strings.Contains(s, "0.0000 1.0000 1.0000 0.0000 k") || !strings.Contains(s, "0.0000 0.0000 0.0000 0.5000 K") || strings.Contains(s, " rg") {
		t.Errorf("%s", s)
	}
	data := "q 0.0000 1.0000 1.0000 0.0000 k 0 0 10 10 re f 0.0000 0.0000 0.0000 0.5000 K Q"
	if !strings.Contains(s, "/Length "+strconv.Itoa(len(data))+">>\nstream\n"+data+"\nendstream") {
		t.Errorf("the length is not the new stream's: %s", s)
	}
}

// TestCMYKSamples: the fast path for a JPEG's own pixels and the rows shared among cores give
// the samples the colour model gives each pixel, in order.
func TestCMYKSamples(t *testing.T) {
	src := image.NewRGBA(image.Rect(0, 0, 97, 131)) // odd sizes: chroma rows and columns shared
	for y := range 131 {
		for x := range 97 {
			src.Set(x, y, color.RGBA{uint8(x * 2), uint8(y), uint8(x*y + 7), 255})
		}
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, src, &jpeg.Options{Quality: 80}); err != nil {
		t.Fatal(err)
	}
	decoded, err := jpeg.Decode(&b)
	if err != nil {
		t.Fatal(err)
	}
	gray := image.NewGray(image.Rect(3, 5, 40, 90))
	for i := range gray.Pix {
		gray.Pix[i] = uint8(i)
	}
	for name, img := range map[string]image.Image{"ycbcr": decoded, "gray": gray, "rgba": src} {
		if _, ok := img.(*image.YCbCr); name == "ycbcr" && !ok {
			t.Fatalf("the JPEG decodes as %T", img)
		}
		got := cmykSamples(img)
		var want []byte
		bnd := img.Bounds()
		for y := bnd.Min.Y; y < bnd.Max.Y; y++ {
			for x := bnd.Min.X; x < bnd.Max.X; x++ {
				r, g, bl, _ := img.At(x, y).RGBA()
				c, m, yy, k := toCMYK(float64(r)/0xffff, float64(g)/0xffff, float64(bl)/0xffff)
				want = append(want, byte(c*255+0.5), byte(m*255+0.5), byte(yy*255+0.5), byte(k*255+0.5))
			}
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: the samples differ from the colour model's", name)
		}
	}
}

package pdf

import (
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

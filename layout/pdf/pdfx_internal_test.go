package pdf

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"slices"
	"testing"

	"codeberg.org/go-pdf/fpdf"
)

// TestSortPageBoxes: a page's boxes come out in one order whichever order fpdf's map gave
// them, and no byte moves beyond them (the cross-reference offsets hold).
func TestSortPageBoxes(t *testing.T) {
	a := []byte("<</Type /Page\n/Parent 1 0 R\n/TrimBox [9.00 9.00 807.84 621.00]\n/BleedBox [0.00 0.00 816.84 630.00]\n/Resources 2 0 R\n")
	b := []byte("<</Type /Page\n/Parent 1 0 R\n/BleedBox [0.00 0.00 816.84 630.00]\n/TrimBox [9.00 9.00 807.84 621.00]\n/Resources 2 0 R\n")
	sa, sb := sortPageBoxes(bytes.Clone(a)), sortPageBoxes(bytes.Clone(b))
	if !bytes.Equal(sa, sb) || len(sa) != len(a) {
		t.Errorf("sorted:\n%s\nand\n%s", sa, sb)
	}
	if one := []byte("<</Type /Page\n/TrimBox [9.00 9.00 807.84 621.00]\n/Resources 2 0 R\n"); !bytes.Equal(sortPageBoxes(bytes.Clone(one)), one) {
		t.Error("a single box changed")
	}
}

// TestFinishCompresses: fpdf's file (a cover's) with its page contents uncompressed comes out
// with each page's contents compressed, reading back as they were.
func TestFinishCompresses(t *testing.T) {
	pdf := fpdf.New("P", "pt", "A5", "")
	pdf.SetCompression(false)
	pdf.SetFont("Helvetica", "", 12)
	var pages []string
	for i := range 3 {
		pdf.AddPage()
		pdf.Text(50, 50, fmt.Sprintf("page %d of a book", i+1))
		pages = append(pages, fmt.Sprintf("(page %d of a book) Tj", i+1))
	}
	var raw bytes.Buffer
	if err := pdf.Output(&raw); err != nil {
		t.Fatal(err)
	}
	if n := bytes.Count(raw.Bytes(), []byte("/FlateDecode")); n != 0 {
		t.Fatalf("fpdf compressed %d streams: the test proves nothing", n)
	}
	out, err := finishAs(raw.Bytes(), nil, plainPDF)
	if err != nil {
		t.Fatal(err)
	}
	if n := bytes.Count(out, []byte("/Filter /FlateDecode /Length")); n != len(pages) {
		t.Errorf("%d page contents compressed, want %d", n, len(pages))
	}
	// Each compressed stream reads back as a page's contents, in order.
	var got []string
	for rest := out; ; {
		i := bytes.Index(rest, []byte("/Filter /FlateDecode /Length "))
		if i < 0 {
			break
		}
		rest = rest[i+len("/Filter /FlateDecode /Length "):]
		var n int
		fmt.Sscanf(string(rest), "%d", &n)
		rest = rest[bytes.Index(rest, []byte("stream\n"))+len("stream\n"):]
		zr, err := zlib.NewReader(bytes.NewReader(rest[:n]))
		if err != nil {
			t.Fatal(err)
		}
		plain, err := io.ReadAll(zr)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range pages {
			if bytes.Contains(plain, []byte(p)) {
				got = append(got, p)
			}
		}
	}
	if !slices.Equal(got, pages) {
		t.Errorf("the compressed contents read back as %q, want %q", got, pages)
	}
	// The cross-reference table still points at each object.
	if _, err := finishAs(out, nil, plainPDF); err != nil {
		t.Errorf("the finished file does not read back: %v", err)
	}
}

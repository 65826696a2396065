package pdf

import (
	"bytes"
	"testing"
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

package pdf

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"io"
	"strconv"
	"unicode/utf16"
)

// pdfFile writes a PDF's objects one after another, straight to the output: it counts their
// offsets for the cross-reference table and hashes every byte for the file's identifier, so
// that nothing of the file is held once it is written.
type pdfFile struct {
	w       *bufio.Writer
	hash    hash.Hash
	n       int
	offsets []int // by object number; 0 is the free head of the table
	buf     []byte
}

// newPDFFile starts a PDF of the given version ("1.3") on w.
func newPDFFile(w io.Writer, version string) *pdfFile {
	f := &pdfFile{w: bufio.NewWriterSize(w, 1<<16), hash: sha256.New(), offsets: []int{0}}
	// The second line's bytes above 127 tell transfer programs the file is binary.
	f.writeString("%PDF-" + version + "\n%\xe2\xe3\xcf\xd3\n")
	return f
}

// alloc reserves the next object number.
func (f *pdfFile) alloc() int {
	f.offsets = append(f.offsets, 0)
	return len(f.offsets) - 1
}

func (f *pdfFile) write(b []byte) {
	f.w.Write(b) // bufio keeps the first error, which finish returns
	f.hash.Write(b)
	f.n += len(b)
}

func (f *pdfFile) writeString(s string) {
	f.buf = append(f.buf[:0], s...)
	f.write(f.buf)
}

// object writes object num with body (a dictionary, an array or a number).
func (f *pdfFile) object(num int, body string) {
	f.offsets[num] = f.n
	f.writeString(strconv.Itoa(num) + " 0 obj\n" + body + "\nendobj\n")
}

// stream writes object num as a stream: dict holds the entries other than /Length, data the
// stream's bytes as they go into the file (already compressed where dict says so).
func (f *pdfFile) stream(num int, dict string, data []byte) {
	f.offsets[num] = f.n
	f.writeString(strconv.Itoa(num) + " 0 obj\n<<" + dict + " /Length " + strconv.Itoa(len(data)) + ">>\nstream\n")
	f.write(data)
	f.writeString("\nendstream\nendobj\n")
}

// finish writes the cross-reference table and the trailer, whose identifier is a hash of the
// file before it, and flushes the output.
func (f *pdfFile) finish(root, info int) error {
	for num, off := range f.offsets {
		if num > 0 && off == 0 {
			return fmt.Errorf("pdf: object %d was reserved and never written", num)
		}
	}
	id := hex.EncodeToString(f.hash.Sum(nil)[:16])
	xref := f.n
	b := make([]byte, 0, 20*len(f.offsets)+256)
	b = fmt.Appendf(b, "xref\n0 %d\n0000000000 65535 f \n", len(f.offsets))
	for _, off := range f.offsets[1:] {
		b = fmt.Appendf(b, "%010d 00000 n \n", off)
	}
	b = fmt.Appendf(b, "trailer\n<<\n/Size %d\n/Root %d 0 R\n/Info %d 0 R\n/ID [<%s> <%s>]\n>>\nstartxref\n%d\n%%%%EOF\n",
		len(f.offsets), root, info, id, id, xref)
	f.write(b)
	return f.w.Flush()
}

// ref is an indirect reference to object num.
func ref(num int) string { return strconv.Itoa(num) + " 0 R" }

// textString is s as a PDF text string: a literal string of UTF-16BE with its byte order mark,
// as PDF readers take any language in.
func textString(s string) string {
	b := []byte{'(', 0xfe, 0xff}
	for _, u := range utf16.Encode([]rune(s)) {
		b = appendLiteralByte(b, byte(u>>8))
		b = appendLiteralByte(b, byte(u))
	}
	return string(append(b, ')'))
}

// appendLiteralByte appends c to a literal string, escaped where the string's syntax needs it:
// parentheses and the backslash, and the carriage return, which a reader would take for a
// line end.
func appendLiteralByte(b []byte, c byte) []byte {
	switch c {
	case '(', ')', '\\':
		return append(b, '\\', c)
	case '\r':
		return append(b, '\\', 'r')
	}
	return append(b, c)
}

// appendNum appends v with at most two decimals, the precision every coordinate of the book
// is drawn at (1/7,200 inch), without trailing zeros.
func appendNum(b []byte, v float64) []byte {
	neg := v < 0
	if neg {
		v = -v
	}
	// The conversion keeps the product rounded on its own: a fused multiply-add (arm64)
	// would round differently now and then, and the same book must give the same bytes.
	c := int64(float64(v*100) + 0.5)
	if neg && c != 0 {
		b = append(b, '-')
	}
	b = strconv.AppendInt(b, c/100, 10)
	if frac := c % 100; frac != 0 {
		b = append(b, '.', byte('0'+frac/10))
		if frac%10 != 0 {
			b = append(b, byte('0'+frac%10))
		}
	}
	return b
}

// num is appendNum as a string.
func num(v float64) string { return string(appendNum(nil, v)) }

package cover

import (
	"errors"
	"strings"
)

// The Bookland EAN-13 of a book is its ISBN-13 as a barcode (GS1 General Specifications,
// 5.2): 95 modules — a start guard, six digits in L or G code as the first digit decides, a
// centre guard, six in R code, an end guard. The first digit is not drawn as bars; it is
// printed to the left.

var (
	eanL = [10]string{"0001101", "0011001", "0010011", "0111101", "0100011", "0110001", "0101111", "0111011", "0110111", "0001011"}
	// eanParity gives, for the first digit, which of the next six use the G code.
	eanParity = [10]string{"LLLLLL", "LLGLGG", "LLGGLG", "LLGGGL", "LGLLGG", "LGGLLG", "LGGGLL", "LGLGLG", "LGLGGL", "LGGLGL"}
)

// eanR is the R code of a digit: the L code with every module inverted.
func eanR(d int) string {
	var b strings.Builder
	for _, c := range eanL[d] {
		if c == '0' {
			b.WriteByte('1')
		} else {
			b.WriteByte('0')
		}
	}
	return b.String()
}

// eanG is the G code: the R code reversed.
func eanG(d int) string {
	r := []byte(eanR(d))
	for i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {
		r[i], r[j] = r[j], r[i]
	}
	return string(r)
}

// EAN13 returns the 95 modules of a 13-digit code ('1' a bar, '0' a space), and which of them
// are guard bars (drawn longer). The check digit must be right.
func EAN13(code string) (modules string, guard []bool, err error) {
	if len(code) != 13 || strings.Trim(code, "0123456789") != "" {
		return "", nil, errors.New("an EAN-13 has 13 digits")
	}
	d := make([]int, 13)
	for i, c := range code {
		d[i] = int(c - '0')
	}
	sum := 0
	for i := 0; i < 12; i++ {
		if i%2 == 0 {
			sum += d[i]
		} else {
			sum += 3 * d[i]
		}
	}
	if (10-sum%10)%10 != d[12] {
		return "", nil, errors.New("the EAN-13's check digit is wrong")
	}
	var b strings.Builder
	var g []bool
	put := func(s string, isGuard bool) {
		b.WriteString(s)
		for range s {
			g = append(g, isGuard)
		}
	}
	put("101", true)
	for i := 1; i <= 6; i++ {
		if eanParity[d[0]][i-1] == 'G' {
			put(eanG(d[i]), false)
		} else {
			put(eanL[d[i]], false)
		}
	}
	put("01010", true)
	for i := 7; i <= 12; i++ {
		put(eanR(d[i]), false)
	}
	put("101", true)
	return b.String(), g, nil
}

// eanFiveParity gives, for the add-on's checksum, which of its five digits use the G code.
var eanFiveParity = [10]string{"GGLLL", "GLGLL", "GLLGL", "GLLLG", "LGGLL", "LLGGL", "LLLGG", "LGLGL", "LGLLG", "LLGLG"}

// EAN5 returns the modules of a five-digit add-on (the price on a book: 5 for US dollars and
// four digits, "51995" for $19.95; "90000" for none): a start guard, the digits in L or G code
// as their checksum decides, and a separator between them. 47 modules.
func EAN5(code string) (string, error) {
	if len(code) != 5 || strings.Trim(code, "0123456789") != "" {
		return "", errors.New("a price add-on has 5 digits")
	}
	d := make([]int, 5)
	for i, c := range code {
		d[i] = int(c - '0')
	}
	sum := (3*(d[0]+d[2]+d[4]) + 9*(d[1]+d[3])) % 10
	var b strings.Builder
	b.WriteString("1011") // the start guard
	for i := range 5 {
		if i > 0 {
			b.WriteString("01")
		}
		if eanFiveParity[sum][i] == 'G' {
			b.WriteString(eanG(d[i]))
		} else {
			b.WriteString(eanL[d[i]])
		}
	}
	return b.String(), nil
}

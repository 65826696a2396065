package anthology

import (
	"crypto/sha1"
	"fmt"
	"strings"
)

// NormalizeISBN returns the 13 digits of an ISBN-13 written with or without hyphens and spaces
// (an ISBN-10 is converted), or an error saying what is wrong with it.
func NormalizeISBN(s string) (string, error) {
	var digits []byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			digits = append(digits, c)
		case (c == 'X' || c == 'x') && len(digits) == 9:
			digits = append(digits, 'X')
		case c == '-' || c == ' ':
		default:
			return "", fmt.Errorf("ISBN %q contains %q", s, c)
		}
	}
	switch len(digits) {
	case 10:
		sum := 0
		for i, d := range digits {
			v := int(d - '0')
			if d == 'X' {
				v = 10
			}
			sum += (10 - i) * v
		}
		if sum%11 != 0 {
			return "", fmt.Errorf("ISBN %q: the check digit is wrong", s)
		}
		return isbn13("978" + string(digits[:9])), nil
	case 13:
		if string(digits) != isbn13(string(digits[:12])) {
			return "", fmt.Errorf("ISBN %q: the check digit is wrong (should end in %c)", s, isbn13(string(digits[:12]))[12])
		}
		return string(digits), nil
	}
	return "", fmt.Errorf("ISBN %q has %d digits; an ISBN has 13", s, len(digits))
}

// isbn13 appends the check digit to 12 digits.
func isbn13(d12 string) string {
	sum := 0
	for i := 0; i < 12; i++ {
		w := 1
		if i%2 == 1 {
			w = 3
		}
		sum += w * int(d12[i]-'0')
	}
	return d12 + string(rune('0'+(10-sum%10)%10))
}

// DerivedUUID is the book's identifier when it has neither ISBN nor UUID: a name-based UUID
// (RFC 4122 version 5) of the title and editors, so every build of the same book carries the
// same identifier.
func (p *Project) DerivedUUID() string {
	// The namespace is fixed for Anthology; the name is what identifies the book.
	ns := [16]byte{0x6b, 0xa7, 0xb8, 0x14, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8}
	h := sha1.New()
	h.Write(ns[:])
	h.Write([]byte("anthology:" + p.Book.Title + "\x00" + strings.Join(p.Book.Editors, "\x00")))
	sum := h.Sum(nil)
	sum[6] = (sum[6] & 0x0f) | 0x50
	sum[8] = (sum[8] & 0x3f) | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", sum[0:4], sum[4:6], sum[6:8], sum[8:10], sum[10:16])
}

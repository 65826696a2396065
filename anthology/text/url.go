package text

import "strings"

// EncodeURL percent-encodes the bytes that RFC 3986 does not allow in a URL, keeping what is
// already encoded, and a second "#" (only one fragment is allowed): every reading system and
// validator then accepts the address, whoever wrote it.
func EncodeURL(s string) string {
	var b strings.Builder
	hash := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			b.WriteByte(c)
		case c == '#' && !hash:
			hash = true
			b.WriteByte(c)
		case c < 0x80 && (isUnreserved(c) || strings.IndexByte(":/?@!$&'*+,;=", c) >= 0):
			b.WriteByte(c)
		default:
			b.WriteString("%" + strings.ToUpper(hexByte(c)))
		}
	}
	return b.String()
}

func isUnreserved(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("-._~", c) >= 0
}

func isHex(c byte) bool { return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }

func hexByte(c byte) string {
	const digits = "0123456789abcdef"
	return string([]byte{digits[c>>4], digits[c&15]})
}

package text

import "testing"

func TestEncodeURL(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"https://example.com/a b", "https://example.com/a%20b"},
		{"https://example.com/?q=a|b&x={y}", "https://example.com/?q=a%7Cb&x=%7By%7D"},
		{"https://example.com/#one#two", "https://example.com/#one%23two"},
		{"https://example.com/caf%C3%A9", "https://example.com/caf%C3%A9"},
		{"https://example.com/café", "https://example.com/caf%C3%A9"},
		{"mailto:ed@example.com", "mailto:ed@example.com"},
	} {
		if got := EncodeURL(tt.in); got != tt.want {
			t.Errorf("EncodeURL(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

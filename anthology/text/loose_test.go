package text

import "testing"

func TestLooseIndex(t *testing.T) {
	for _, c := range []struct {
		s, passage, want string
		ok               bool
	}{
		{"Down at the harbor at dusk.", "the harbor", "the harbor", true},
		{"Down at *the* 'harbor'\nat dusk.", "the ‘harbor’ at", "the* 'harbor'\nat", true},
		{"Café au lait, naïve.", "au lait, naïve", "au lait, naïve", true},
		{"One two three.", "two four", "", false},
		{"One two.", "…", "", false},
		{"The Harbor.", "the harbor", "", false},
	} {
		start, end, ok := LooseIndex(c.s, c.passage)
		if ok != c.ok || ok && c.s[start:end] != c.want {
			t.Errorf("LooseIndex(%q, %q) = %d, %d, %v; want %q, %v", c.s, c.passage, start, end, ok, c.want, c.ok)
		}
	}
}

func FuzzLooseIndex(f *testing.F) {
	f.Add("Down at *the* 'harbor' at dusk.", "the harbor")
	f.Add("ünïcödé 1 2", "ï c 1")
	f.Fuzz(func(t *testing.T, s, passage string) {
		start, end, ok := LooseIndex(s, passage)
		if !ok {
			return
		}
		if start < 0 || end > len(s) || start >= end {
			t.Fatalf("span %d, %d of %d bytes", start, end, len(s))
		}
		// What was found holds the passage's letters, in order.
		if _, _, again := LooseIndex(s[start:end], passage); !again {
			t.Fatalf("%q does not hold %q", s[start:end], passage)
		}
	})
}

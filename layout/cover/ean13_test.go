package cover

import "testing"

// TestEAN13 against the GS1 example 4006381333931 and an ISBN: 95 modules, guards in place,
// and a wrong check digit refused.
func TestEAN13(t *testing.T) {
	m, g, err := EAN13("4006381333931")
	if err != nil {
		t.Fatal(err)
	}
	// Start guard, the digits 006381 (parity LGLLGG for the leading 4), centre guard, 333931, end guard.
	want := "101" + "0001101" + "0100111" + "0101111" + "0111101" + "0001001" + "0110011" + "01010" +
		"1000010" + "1000010" + "1000010" + "1110100" + "1000010" + "1100110" + "101"
	if m != want {
		t.Errorf("modules\n got %s\nwant %s", m, want)
	}
	if len(g) != 95 || !g[0] || !g[46] || !g[94] || g[10] {
		t.Errorf("guards wrong: %v", g)
	}
	if _, _, err := EAN13("9781950000029"); err != nil {
		t.Errorf("a valid ISBN: %v", err)
	}
	if _, _, err := EAN13("9781950000028"); err == nil {
		t.Error("a wrong check digit was accepted")
	}
}

// TestEAN5: the price add-on is 47 modules, starts with its guard, and refuses what is not five
// digits.
func TestEAN5(t *testing.T) {
	m, err := EAN5("51995")
	if err != nil || len(m) != 47 || m[:4] != "1011" {
		t.Fatalf("%q, %v", m, err)
	}
	if _, err := EAN5("1995"); err == nil {
		t.Error("four digits were accepted")
	}
}

package spell_test

import (
	"fmt"
	"os"

	"github.com/anthology-editor/anthology/anthology/spell"
)

// Load reads a Hunspell dictionary (here a small one written for the tests); Correct checks a
// word with its affixes, Suggest offers corrections.
func ExampleLoad() {
	aff, _ := os.Open("testdata/xx.aff")
	defer aff.Close()
	dic, _ := os.Open("testdata/xx.dic")
	defer dic.Close()
	d, err := spell.Load(aff, dic)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(d.Correct("carried"), d.Correct("carryed"))
	fmt.Println(d.Suggest("nigth", 3))
	// Output:
	// true false
	// [night]
}

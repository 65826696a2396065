package importer_test

import (
	"fmt"

	"github.com/anthology-editor/anthology/anthology/importer"
)

// Read takes a page as it was saved from the web: the essay is found, its title and byline
// read, and the site's furniture cut (each cut kept with its reason, for the review).
func ExampleRead() {
	page := `<html><head><title>The Night Ferry | Harbour Magazine</title></head><body>
<nav><a href="/">Home</a> <a href="/essays">Essays</a> <a href="/subscribe">Subscribe</a></nav>
<article><h1>The Night Ferry</h1><p class="byline">By Ada Quill</p>
<p>The last ferry leaves at eleven, and most nights I am on it. The crossing takes forty minutes; the
engine hums, the lights of the town fall away, and the passengers, who do not know each other, sit
as far apart as the benches allow.</p>
<p>By the time we reach the other side the town is a line of lights on the water, and someone is always
asleep.</p></article>
<footer>© 2024 Harbour Magazine. All rights reserved. <a href="/privacy">Privacy</a></footer>
</body></html>`
	r, err := importer.Read("night-ferry.html", []byte(page))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(r.Title)
	for _, a := range r.Authors {
		fmt.Println("by", a.Name)
	}
	fmt.Println(r.WordsOut, "words kept")
	// Output:
	// The Night Ferry
	// by Ada Quill
	// 68 words kept
}

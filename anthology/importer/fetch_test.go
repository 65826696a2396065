package importer

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestImportURL imports a page from a (local) web server: the same clean-up as a saved page,
// the page's author and date from its metadata, its figure's image fetched; a missing page,
// a file that is not a page and a dead server give clear errors.
func TestImportURL(t *testing.T) {
	png := pngOf(t, 640, 480)
	mux := http.NewServeMux()
	mux.HandleFunc("/essay", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(`<!DOCTYPE html><html lang="en"><head><title>The Winter Ferry | Harbour Notes</title>
<meta name="author" content="Jane Doe"><meta property="article:published_time" content="2023-02-14T08:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/about">About</a></nav><article><h1>The Winter Ferry</h1>
<p>The ferry leaves at six, and in January that means it leaves in the dark. The deckhands know every passenger by the way they stand against the rail, hands in pockets, collars up, waiting for the engine to take.</p>
<figure><img src="/img/ferry.png" alt="The ferry at the quay"><figcaption>The ferry at the quay.</figcaption></figure>
<p>By the time the light comes up over the point we are halfway across, and the gulls have found us, and someone has opened a thermos of coffee that smells better than anything on land.</p>
</article><footer><p>Share this: Facebook Twitter</p></footer></body></html>`))
	})
	mux.HandleFunc("/img/ferry.png", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		w.Write(png)
	})
	mux.HandleFunc("/book.zip", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/zip")
		w.Write([]byte("PK\x03\x04"))
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	rs, err := ReadFiles([]string{srv.URL + "/essay"})
	if err != nil {
		t.Fatal(err)
	}
	r := rs[0]
	if r.Title != "The Winter Ferry" || len(r.Authors) != 1 || r.Authors[0].Name != "Jane Doe" || r.Date != "2023-02-14" {
		t.Errorf("title %q authors %+v date %q", r.Title, r.Authors, r.Date)
	}
	if !strings.HasPrefix(r.Body, "The ferry leaves at six") || strings.Contains(r.Body, "Share this") || strings.Contains(r.Body, "About") {
		t.Errorf("body:\n%s", r.Body)
	}
	if !strings.Contains(r.Body, "![The ferry at the quay](images/ferry.png)") || len(r.Images) != 1 || len(r.Images[0].Data) != len(png) {
		t.Errorf("figure: %d images, body:\n%s", len(r.Images), r.Body)
	}
	for _, tc := range []struct{ url, want string }{
		{srv.URL + "/missing", "404"},
		{srv.URL + "/book.zip", "not a web page"},
		{"http://127.0.0.1:1/closed", "cannot be fetched"},
	} {
		if _, err := ReadFiles([]string{tc.url}); err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), tc.url) {
			t.Errorf("%s: error %v, want one naming the address and saying %q", tc.url, err, tc.want)
		}
	}
}

// TestJSONLD: a page's JSON-LD Article data gives the title, the author and the date.
func TestJSONLD(t *testing.T) {
	page := `<!DOCTYPE html><html><head><title>Winter Ferry | Harbour Notes</title><script type="application/ld+json">{"@context":"https://schema.org","@type":"Article","headline":"The Winter Ferry","author":{"@type":"Person","name":"Jane Doe"},"datePublished":"2023-02-14"}</script></head>` +
		`<body><article><p>The ferry leaves at six, and in January that means it leaves in the dark. The deckhands know every passenger by the way they stand against the rail, hands in pockets, collars up.</p>` +
		`<p>By the time the light comes up over the point we are halfway across, and the gulls have found us, and someone has opened a thermos of coffee that smells better than anything on land.</p></article></body></html>`
	r, err := Read("ferry.html", []byte(page))
	if err != nil {
		t.Fatal(err)
	}
	if r.Title != "The Winter Ferry" || len(r.Authors) != 1 || r.Authors[0].Name != "Jane Doe" || r.Date != "2023-02-14" {
		t.Errorf("title %q authors %+v date %q", r.Title, r.Authors, r.Date)
	}
}

package importer

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"path"
	"strings"
	"time"

	"golang.org/x/net/html/charset"

	"github.com/anthology-editor/anthology/anthology"
)

// FetchTimeout is how long fetching a page (or one of its images) may take.
const FetchTimeout = 30 * time.Second

// isURL reports whether an import names a web address rather than a file.
func isURL(s string) bool {
	l := strings.ToLower(s)
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://")
}

// webClient fetches pages and their images, within the timeout, following a few redirects.
var webClient = &http.Client{
	Timeout: FetchTimeout,
	CheckRedirect: func(req *http.Request, via []*http.Request) error {
		if len(via) >= 5 {
			return errors.New("too many redirects")
		}
		return nil
	},
}

// fetch gets a web address: its body (at most limit bytes) and its content type. Errors say
// what went wrong in the editor's words.
func fetch(ctx context.Context, address string, limit int64) ([]byte, string, error) {
	ctx, cancel := context.WithTimeout(ctx, FetchTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, address, nil)
	if err != nil {
		return nil, "", fmt.Errorf("%s: is not a web address: %v", address, err)
	}
	req.Header.Set("User-Agent", "Anthology (an anthology editor's importer)")
	req.Header.Set("Accept", "text/html,application/xhtml+xml,text/plain;q=0.8,image/*;q=0.5")
	resp, err := webClient.Do(req)
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) {
			return nil, "", fmt.Errorf("%s: no answer within %s", address, FetchTimeout)
		}
		return nil, "", fmt.Errorf("%s: cannot be fetched: %v", address, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, "", fmt.Errorf("%s: the server answered %s", address, resp.Status)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return nil, "", fmt.Errorf("%s: reading it failed: %v", address, err)
	}
	if int64(len(data)) > limit {
		return nil, "", fmt.Errorf("%s: is over %d MB; the importer reads pages up to that", address, limit>>20)
	}
	return data, resp.Header.Get("Content-Type"), nil
}

// fetchPage gets a web page for import: HTML (decoded to UTF-8 by its declared charset) or
// plain text, with a resource reader that fetches the page's images relative to it.
func fetchPage(address string) (bookFile, error) {
	data, ctype, err := fetch(context.Background(), address, MaxBytes)
	if err != nil {
		return bookFile{}, err
	}
	mt, _, _ := mime.ParseMediaType(ctype)
	name := "page.html"
	switch {
	case mt == "" || mt == "text/html" || mt == "application/xhtml+xml":
		// Decode by the charset the server or the page declares; the importer reads UTF-8.
		r, err := charset.NewReader(strings.NewReader(string(data)), ctype)
		if err == nil {
			if utf, err := io.ReadAll(r); err == nil {
				data = utf
			}
		}
	case mt == "text/plain":
		name = "page.txt"
	default:
		return bookFile{}, fmt.Errorf("%s: is %s, not a web page", address, mt)
	}
	base, _ := url.Parse(address)
	return bookFile{name: address, href: name, data: data, web: true, resource: func(ref string) ([]byte, error) {
		u, err := base.Parse(ref)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
			return nil, fmt.Errorf("%s: not a web address", ref)
		}
		img, _, err := fetch(context.Background(), u.String(), anthology.MaxImageBytes)
		return img, err
	}}, nil
}

// imageBase is the file name an image's address gives it.
func imageBase(ref string) string {
	if u, err := url.Parse(ref); err == nil && u.Path != "" {
		return path.Base(u.Path)
	}
	return path.Base(ref)
}

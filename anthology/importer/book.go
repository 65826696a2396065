package importer

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/anthology-editor/anthology/anthology/bounded"
)

// Book is what a book's package document (content.opf) says about the book: its title,
// creators with their roles, publisher, date and language. Every essay imported from the book
// takes its authors, language and first-publication line from it.
type Book struct {
	Title     string   `json:"title"`
	Subtitle  string   `json:"subtitle,omitempty"`
	People    []Author `json:"people"`
	Publisher string   `json:"publisher,omitempty"`
	Date      string   `json:"date,omitempty"`
	Language  string   `json:"language,omitempty"`
	// PublicDomain is set when the book's rights statement says its text is in the public domain.
	PublicDomain bool `json:"public_domain,omitempty"`
}

// Source is the book as a first-publication line: "Table-Talk: Essays on Men and Manners
// (Standard Ebooks, 2017)".
func (b *Book) Source() string {
	s := b.Title
	if b.Subtitle != "" {
		s += ": " + b.Subtitle
	}
	var extra []string
	if b.Publisher != "" {
		extra = append(extra, b.Publisher)
	}
	if len(b.Date) >= 4 {
		extra = append(extra, b.Date[:4])
	}
	if len(extra) > 0 {
		s += " (" + strings.Join(extra, ", ") + ")"
	}
	return s
}

// bookFile is one file of an import: a file on disk, or a member of a book.
type bookFile struct {
	name string // as shown to the user
	href string // the path inside the book (or the base name of a loose file)
	data []byte
	book *Book
	// resource reads the files the document refers to (its images).
	resource resourceFunc
	// web is set for a page fetched from its address: its images are fetched too.
	web bool
}

// opfPackage is the part of an OPF package document the importer reads.
type opfPackage struct {
	Metadata struct {
		Titles []struct {
			ID   string `xml:"id,attr"`
			Text string `xml:",chardata"`
		} `xml:"http://purl.org/dc/elements/1.1/ title"`
		Creators []opfPerson `xml:"http://purl.org/dc/elements/1.1/ creator"`
		Others   []opfPerson `xml:"http://purl.org/dc/elements/1.1/ contributor"`
		Publ     []string    `xml:"http://purl.org/dc/elements/1.1/ publisher"`
		Date     []string    `xml:"http://purl.org/dc/elements/1.1/ date"`
		Language []string    `xml:"http://purl.org/dc/elements/1.1/ language"`
		Rights   []string    `xml:"http://purl.org/dc/elements/1.1/ rights"`
		Meta     []struct {
			Property string `xml:"property,attr"`
			Refines  string `xml:"refines,attr"`
			Name     string `xml:"name,attr"`
			Content  string `xml:"content,attr"`
			Text     string `xml:",chardata"`
		} `xml:"meta"`
	} `xml:"metadata"`
	Manifest []struct {
		ID   string `xml:"id,attr"`
		Href string `xml:"href,attr"`
		Type string `xml:"media-type,attr"`
	} `xml:"manifest>item"`
	Spine []struct {
		IDRef  string `xml:"idref,attr"`
		Linear string `xml:"linear,attr"`
	} `xml:"spine>itemref"`
}

type opfPerson struct {
	ID     string `xml:"id,attr"`
	Role   string `xml:"http://www.idpf.org/2007/opf role,attr"`
	FileAs string `xml:"http://www.idpf.org/2007/opf file-as,attr"`
	Text   string `xml:",chardata"`
}

// readOPF reads a package document and returns the book and its spine's files, in reading
// order; read fetches a file by its path inside the book.
func readOPF(name string, data []byte, read func(p string) ([]byte, error)) ([]bookFile, error) {
	var pkg opfPackage
	if err := xml.Unmarshal(data, &pkg); err != nil {
		return nil, fmt.Errorf("%s: is not a package document: %v", name, err)
	}
	book := bookOf(&pkg)
	items := map[string]string{}
	for _, it := range pkg.Manifest {
		items[it.ID] = it.Href
	}
	var files []bookFile
	for _, ref := range pkg.Spine {
		href, ok := items[ref.IDRef]
		if !ok {
			return nil, fmt.Errorf("%s: the spine names %q, which the manifest does not list", name, ref.IDRef)
		}
		data, err := read(href)
		if err != nil {
			if errors.Is(err, os.ErrNotExist) {
				continue // a page the folder does not hold (a title page left out): nothing to import
			}
			return nil, err
		}
		dir := path.Dir(href)
		files = append(files, bookFile{name: href, href: href, data: data, book: book,
			resource: func(ref string) ([]byte, error) { return read(path.Join(dir, ref)) }})
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("%s: none of the spine's files is there", name)
	}
	return files, nil
}

// bookBeside returns the book whose package document stands beside a chapter file (a Standard
// Ebooks source folder), so that chapters imported one by one still have their authors.
func bookBeside(file string) *Book {
	data, err := readLimited(filepath.Join(filepath.Dir(file), "content.opf"))
	if err != nil {
		return nil
	}
	var pkg opfPackage
	if xml.Unmarshal(data, &pkg) != nil {
		return nil
	}
	base := filepath.Base(file)
	for _, it := range pkg.Manifest {
		if path.Base(it.Href) == base {
			return bookOf(&pkg)
		}
	}
	return nil
}

// bookOf reads what a package document's metadata says of the book.
func bookOf(pkg *opfPackage) *Book {
	md := pkg.Metadata
	refined := func(id, property string) []string {
		var out []string
		for _, m := range md.Meta {
			if m.Refines == "#"+id && m.Property == property {
				out = append(out, strings.TrimSpace(m.Text))
			}
		}
		return out
	}
	book := &Book{}
	for _, t := range md.Titles {
		kind := refined(t.ID, "title-type")
		text := strings.Join(strings.Fields(t.Text), " ")
		switch {
		case len(kind) > 0 && kind[0] == "subtitle":
			book.Subtitle = text
		case book.Title == "" && (len(kind) == 0 || kind[0] == "main"):
			book.Title = text
		}
	}
	person := func(p opfPerson, creator bool) (Author, bool) {
		a := Author{Name: strings.Join(strings.Fields(p.Text), " "), SortName: p.FileAs}
		if fa := refined(p.ID, "file-as"); len(fa) > 0 && p.ID != "" {
			a.SortName = fa[0]
		}
		roles := refined(p.ID, "role")
		if p.Role != "" {
			roles = append(roles, p.Role)
		}
		for _, r := range roles {
			switch r {
			case "aut":
				a.Role = "author"
			case "trl":
				if a.Role == "" {
					a.Role = "translator"
				}
			case "edt":
				if a.Role == "" {
					a.Role = "editor"
				}
			}
		}
		if a.Role == "" && creator && p.ID == "" || a.Role == "" && creator && len(roles) == 0 {
			a.Role = "author"
		}
		return a, a.Name != "" && a.Role != ""
	}
	for _, p := range md.Creators {
		if a, ok := person(p, true); ok {
			book.People = append(book.People, a)
		}
	}
	for _, p := range md.Others {
		if a, ok := person(p, false); ok {
			book.People = append(book.People, a)
		}
	}
	if len(md.Publ) > 0 {
		book.Publisher = strings.TrimSpace(md.Publ[0])
	}
	if len(md.Date) > 0 {
		book.Date = strings.TrimSpace(md.Date[0])
	}
	if len(md.Language) > 0 {
		book.Language = strings.TrimSpace(md.Language[0])
	}
	for _, r := range md.Rights {
		if strings.Contains(strings.ToLower(r), "public domain") {
			book.PublicDomain = true
		}
	}
	return book
}

// opfFolder reads a package document on disk; the spine's files are beside it (or where the
// manifest says, relative to it).
func opfFolder(p string) ([]bookFile, error) {
	data, err := readLimited(p)
	if err != nil {
		return nil, err
	}
	dir := filepath.Dir(p)
	files, err := readOPF(p, data, func(href string) ([]byte, error) {
		if strings.Contains(href, "..") || path.IsAbs(href) {
			return nil, fmt.Errorf("%s: the manifest names %q, outside the book's folder", p, href)
		}
		d, err := readLimited(filepath.Join(dir, filepath.FromSlash(href)))
		if errors.Is(err, os.ErrNotExist) {
			// Standard Ebooks' sources keep chapters in text/; a copy may hold them flat.
			d, err = readLimited(filepath.Join(dir, path.Base(href)))
		}
		return d, err
	})
	for i := range files {
		files[i].name = filepath.Join(dir, filepath.FromSlash(files[i].href))
		if _, err := os.Stat(files[i].name); err != nil {
			files[i].name = filepath.Join(dir, path.Base(files[i].href))
		}
	}
	return files, err
}

// epubFiles reads an EPUB: its container names the package document, whose spine is read.
func epubFiles(p string) ([]bookFile, error) {
	data, err := readLimited(p)
	if err != nil {
		return nil, err
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("%s: is not an EPUB (not a zip archive)", p)
	}
	members := map[string]*zip.File{}
	for _, f := range zr.File {
		members[f.Name] = f
	}
	read := func(name string) ([]byte, error) {
		f, ok := members[name]
		if !ok {
			return nil, fmt.Errorf("%s: %s: %w", p, name, os.ErrNotExist)
		}
		rc, err := open(f)
		if err != nil {
			return nil, fmt.Errorf("%s: %s: %w", p, name, err)
		}
		defer rc.Close()
		return io.ReadAll(io.LimitReader(rc, MaxBytes+1))
	}
	container, err := read("META-INF/container.xml")
	if err != nil {
		return nil, fmt.Errorf("%s: is not an EPUB (no META-INF/container.xml)", p)
	}
	var c struct {
		Rootfiles []struct {
			Path string `xml:"full-path,attr"`
		} `xml:"rootfiles>rootfile"`
	}
	if err := xml.Unmarshal(container, &c); err != nil || len(c.Rootfiles) == 0 {
		return nil, fmt.Errorf("%s: its META-INF/container.xml names no package document", p)
	}
	opfPath := c.Rootfiles[0].Path
	opf, err := read(opfPath)
	if err != nil {
		return nil, err
	}
	dir := path.Dir(opfPath)
	files, err := readOPF(p+":"+opfPath, opf, func(href string) ([]byte, error) { return read(path.Join(dir, href)) })
	for i := range files {
		files[i].name = p + ":" + files[i].href
	}
	return files, err
}

func readLimited(p string) ([]byte, error) {
	data, err := bounded.ReadFile(p, MaxBytes)
	if err != nil {
		var be *bounded.Error
		if errors.As(err, &be) {
			return nil, err
		}
		return nil, fmt.Errorf("%s: %w", p, unwrap(err))
	}
	return data, nil
}

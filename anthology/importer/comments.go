package importer

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
)

// Comment is one comment of a Word file, with the text it hangs on.
type Comment struct {
	// ID is the comment's number in the file (w:id).
	ID string
	// Author, Date and Text are the comment's own.
	Author, Date, Text string
	// ParaID is Word's id of the comment (its last paragraph's w14:paraId); Parent the id of
	// the comment it replies to, when Word threads it as a reply.
	ParaID, Parent string
	// Done is set when the comment was marked resolved.
	Done bool
	// Passage is the document's text between the comment's range start and end (empty for a
	// comment on a point).
	Passage string
	// Bookmark is the last bookmark that starts before the comment: which essay of a
	// manuscript it is in.
	Bookmark string
}

// Comments reads the comments of a Word file (.docx) in the order they stand in its text,
// each with the passage it is about and the bookmark before it; threaded replies and resolved
// marks come from Word's commentsExtended part, where the file has one.
func Comments(data []byte) ([]Comment, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, errors.New("is not a Word file (.docx is a zip archive; this one is not)")
	}
	files := map[string]*zip.File{}
	for _, f := range zr.File {
		files[f.Name] = f
	}
	if files["word/document.xml"] == nil {
		return nil, errors.New("is not a Word file (no word/document.xml inside)")
	}
	byID := map[string]*Comment{}
	var order []string
	if f := files["word/comments.xml"]; f != nil {
		if err := readCommentTexts(f, byID, &order); err != nil {
			return nil, fmt.Errorf("word/comments.xml: %w", err)
		}
	}
	if len(byID) == 0 {
		return nil, nil
	}
	if f := files["word/commentsExtended.xml"]; f != nil {
		if err := readCommentsEx(f, byID); err != nil {
			return nil, fmt.Errorf("word/commentsExtended.xml: %w", err)
		}
	}
	placed, err := readCommentRanges(files["word/document.xml"], byID)
	if err != nil {
		return nil, fmt.Errorf("word/document.xml: %w", err)
	}
	// Comments the text never refers to (Word keeps none; other programs might) come last.
	for _, id := range order {
		if !slices.Contains(placed, id) {
			placed = append(placed, id)
		}
	}
	out := make([]Comment, 0, len(placed))
	for _, id := range placed {
		out = append(out, *byID[id])
	}
	return out, nil
}

// readCommentTexts reads each comment's author, date, text and paragraph id.
func readCommentTexts(f *zip.File, byID map[string]*Comment, order *[]string) error {
	rc, err := open(f)
	if err != nil {
		return err
	}
	defer rc.Close()
	var cur *Comment
	var text strings.Builder
	paras := 0
	return eachToken(rc, func(dec *xml.Decoder, tok xml.Token) error {
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "comment":
				cur = &Comment{ID: wAttr(t, "id"), Author: wAttr(t, "author"), Date: wAttr(t, "date")}
				text.Reset()
				paras = 0
			case "p":
				if cur != nil {
					if paras > 0 {
						text.WriteByte('\n')
					}
					paras++
					if id := attrNamed(t, "paraId"); id != "" {
						cur.ParaID = id
					}
				}
			case "t":
				if cur != nil {
					var s string
					if err := dec.DecodeElement(&s, &t); err != nil {
						return err
					}
					text.WriteString(s)
				}
			case "tab":
				if cur != nil {
					text.WriteByte('\t')
				}
			case "br":
				if cur != nil {
					text.WriteByte('\n')
				}
			}
		case xml.EndElement:
			if t.Name.Local == "comment" && cur != nil {
				cur.Text = strings.TrimSpace(text.String())
				if _, dup := byID[cur.ID]; !dup {
					byID[cur.ID] = cur
					*order = append(*order, cur.ID)
				}
				cur = nil
			}
		}
		return nil
	})
}

// readCommentsEx reads which comment replies to which, and which are done.
func readCommentsEx(f *zip.File, byID map[string]*Comment) error {
	rc, err := open(f)
	if err != nil {
		return err
	}
	defer rc.Close()
	byPara := map[string]*Comment{}
	for _, c := range byID {
		if c.ParaID != "" {
			byPara[c.ParaID] = c
		}
	}
	return eachStart(rc, func(_ *xml.Decoder, t xml.StartElement) error {
		if c := byPara[attrNamed(t, "paraId")]; t.Name.Local == "commentEx" && c != nil {
			c.Parent = attrNamed(t, "paraIdParent")
			c.Done = attrNamed(t, "done") == "1"
		}
		return nil
	})
}

// readCommentRanges reads the document's text to give each comment its passage and bookmark;
// it returns the comments' ids in the order their ranges (or marks) start.
func readCommentRanges(f *zip.File, byID map[string]*Comment) ([]string, error) {
	rc, err := open(f)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	var text strings.Builder
	starts := map[string]int{}
	var order []string
	bookmark := ""
	place := func(id string) {
		if c := byID[id]; c != nil && !slices.Contains(order, id) {
			order = append(order, id)
			c.Bookmark = bookmark
		}
	}
	paras := 0
	err = eachStart(rc, func(dec *xml.Decoder, t xml.StartElement) error {
		switch t.Name.Local {
		case "p":
			if paras > 0 {
				text.WriteByte('\n')
			}
			paras++
		case "t":
			var s string
			if err := dec.DecodeElement(&s, &t); err != nil {
				return err
			}
			text.WriteString(s)
		case "tab":
			text.WriteByte('\t')
		case "br", "cr":
			text.WriteByte('\n')
		case "bookmarkStart":
			if name := wAttr(t, "name"); name != "" && !strings.HasPrefix(name, "_") {
				bookmark = name
			}
		case "commentRangeStart":
			id := wAttr(t, "id")
			starts[id] = text.Len()
			place(id)
		case "commentRangeEnd":
			id := wAttr(t, "id")
			if c := byID[id]; c != nil {
				if s, ok := starts[id]; ok && s <= text.Len() {
					c.Passage = strings.TrimSpace(strings.Join(strings.Fields(text.String()[s:]), " "))
				}
			}
		case "commentReference":
			place(wAttr(t, "id"))
		}
		return nil
	})
	return order, err
}

// eachStart calls fn with each start element of the XML in r (fn may read the element's
// content from dec), until the end or fn's error.
func eachStart(r io.Reader, fn func(dec *xml.Decoder, t xml.StartElement) error) error {
	return eachToken(r, func(dec *xml.Decoder, tok xml.Token) error {
		if t, ok := tok.(xml.StartElement); ok {
			return fn(dec, t)
		}
		return nil
	})
}

// eachToken calls fn with each token of the XML in r, until the end or fn's error.
func eachToken(r io.Reader, fn func(dec *xml.Decoder, tok xml.Token) error) error {
	dec := xml.NewDecoder(r)
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if err := fn(dec, tok); err != nil {
			return err
		}
	}
}

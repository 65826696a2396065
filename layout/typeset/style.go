package typeset

// Look is how a heading-like line is set: its size (in body sizes), its leading (in its own
// size), its face, and how far its baseline stands below the line before (Before, in body
// sizes; 0 keeps its own leading).
type Look struct {
	Size, Lead        float64
	Italic, SmallCaps bool
	Before            float64
}

// Style is a book's design, as data: the sizes, leads and places of what the book prints of
// its own (half-title, title page, dedication, part openers, page titles) and of its essays'
// openers, and the body's indent and sink. Sizes are in body sizes, places (At) in heights of
// the text block, and the sink in page lines. The typesetter's mechanism (flow.go) reads it;
// another design is another Style.
type Style struct {
	// Small is the size of labels, credits, bios and notes.
	Small float64

	HalfTitle   Look
	HalfTitleAt float64

	Title, Subtitle, EditedBy, Editors, Publisher Look
	TitleAt                                       float64

	Dedication    Look
	DedicationAt  float64
	DedicationGap float64 // between its paragraphs, in body sizes

	PartLabel, PartTitle, PartSubtitle Look
	PartAt                             float64

	EssayTitle, EssaySubtitle, Byline, Translator Look
	// PageTitle is the title of the contents, contributors and credits pages; PageSink their
	// sink as a share of an essay's.
	PageTitle Look
	PageSink  float64

	// Sink is the share of the page's lines an opener's title stands below the top of the
	// text block; Indent a paragraph's first-line indent, in body sizes.
	Sink, Indent float64
}

// DefaultStyle is the book design Anthology sets every book in.
var DefaultStyle = Style{
	Small: 0.85,

	HalfTitle:   Look{Size: 0.85 * 1.35, Lead: 1.4, SmallCaps: true},
	HalfTitleAt: 0.22,

	Title:     Look{Size: 2.4, Lead: 1.15},
	Subtitle:  Look{Size: 1.3, Lead: 1.3, Italic: true, Before: 2.6},
	EditedBy:  Look{Size: 1, Lead: 1.4, Italic: true, Before: 5},
	Editors:   Look{Size: 1.15, Lead: 1.5 / 1.15, SmallCaps: true, Before: 1.8},
	Publisher: Look{Size: 0.85, Lead: 1.3, SmallCaps: true},
	TitleAt:   0.2,

	Dedication:    Look{Size: 1.1, Lead: 1.45, Italic: true},
	DedicationAt:  0.22,
	DedicationGap: 0.6,

	PartLabel:    Look{Size: 0.85, Lead: 1.4, SmallCaps: true},
	PartTitle:    Look{Size: 2, Lead: 1.2, Italic: true, Before: 3},
	PartSubtitle: Look{Size: 1.1, Lead: 1.5 / 1.1, Before: 2.4},
	PartAt:       0.28,

	EssayTitle:    Look{Size: 1.8, Lead: 1.18},
	EssaySubtitle: Look{Size: 1.15, Lead: 1.35, Italic: true, Before: 2.1},
	Byline:        Look{Size: 1, Lead: 1.35, SmallCaps: true, Before: 2.6},
	Translator:    Look{Size: 0.9, Lead: 1.3 / 0.9, Italic: true, Before: 1.5},

	PageTitle: Look{Size: 1.8 * 0.8, Lead: 1.2},
	PageSink:  0.6,

	Sink:   0.22,
	Indent: 1.2,
}

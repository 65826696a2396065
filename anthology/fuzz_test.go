package anthology_test

import (
	"testing"
	"testing/fstest"

	"github.com/anthology-editor/anthology/anthology"
)

// FuzzLoad feeds the loader arbitrary project files: it must never panic, and what it accepts
// must be a consistent model (every author a contributor, every essay with a document).
func FuzzLoad(f *testing.F) {
	f.Add(goodYAML, alpha)
	f.Add("title: x\ncontents: [alpha]\n", "---\ntitle: [\n---\n")
	f.Add("contents:\n  - part: P\n    essays: [alpha, alpha]\n", "# Heading\n\nbody")
	f.Add("title: x\ncontributors: [{id: a}]\ncontents: [alpha]\n", "---\nauthors: [a]\npermission: {status: nope}\n---\n")
	f.Add("&a [*a]", "---\n---\n")
	// The crashers of issue 18: tags panicked inside the YAML library, a bomb blew up the save.
	f.Add("title: X\ncontents: !0 0\n", alpha)
	f.Add("title: X\neditors: !x 1\ncontents: [alpha]\n", alpha)
	f.Add("title: X\ncontents: [alpha]\n", "---\ntitle: A\nauthors: !!str x\n---\n")
	f.Add("title: X\ncontents: []\n"+aliasBomb, alpha)
	f.Fuzz(func(t *testing.T, yamlSrc, essay string) {
		fsys := fstest.MapFS{
			"anthology.yaml":  {Data: []byte(yamlSrc)},
			"essays/alpha.md": {Data: []byte(essay)},
			"essays/beta.md":  {Data: []byte(beta)},
			"essays/gamma.md": {Data: []byte(gamma)},
		}
		p, err := anthology.LoadFS(fsys, "fuzz")
		if err != nil {
			return
		}
		for _, e := range p.Essays() {
			if e.Doc == nil {
				t.Fatalf("essay %s has no document", e.ID)
			}
			for _, id := range e.Meta.Authors {
				if p.Contributor(id) == nil {
					t.Fatalf("essay %s names unknown author %q", e.ID, id)
				}
			}
		}
		if _, err := p.MarshalProjectFile(); err != nil {
			t.Fatalf("a loaded project does not marshal: %v", err)
		}
	})
}

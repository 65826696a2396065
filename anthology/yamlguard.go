package anthology

import (
	"fmt"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"
)

// Limits on what a project's YAML may make the program build. An anthology of 10,000 essays
// with a contributor each is about 100,000 nodes; an alias bomb (a few hundred bytes whose
// aliases name aliases) expands to billions, so it is refused before anything is decoded.
const (
	// MaxYAMLNodes bounds the nodes of a YAML document counted with every alias expanded.
	MaxYAMLNodes = 500_000
	// MaxYAMLDepth bounds how deeply mappings and lists nest (with aliases expanded).
	MaxYAMLDepth = 64
)

// yamlGuard walks a parsed YAML tree as the decoder would see it — aliases expanded — and
// refuses what no project needs and what would make the decoder or a later save blow up:
// tags (!x, !!str: go-yaml panics on several), too many nodes, too deep a nesting.
type yamlGuard struct {
	anchors map[string]nodeCost // anchor name → the expanded cost of its value
	nodes   int
}

// nodeCost is what a subtree costs once its aliases are expanded.
type nodeCost struct{ nodes, depth int }

// guardErr is a refusal at a token.
type guardErr struct {
	tok *token.Token
	msg string
}

func (e *guardErr) Error() string { return e.msg }

// CheckYAML parses data and reports, with file, line and column, the first YAML construct a
// project file may not hold: a tag, or more nodes or nesting than the limits above once
// aliases are expanded. lineOffset is added to line numbers (front matter starts after its
// "---" line). Syntax errors are left to the decoder, which positions them itself.
func CheckYAML(file string, data []byte, lineOffset int) error {
	tree, err := parser.ParseBytes(data, 0)
	if err != nil {
		return nil
	}
	d := &yamlDoc{file: file, lineOffset: lineOffset}
	return d.guard(tree)
}

// guard applies yamlGuard to a parsed document.
func (d *yamlDoc) guard(tree *ast.File) error {
	g := &yamlGuard{anchors: map[string]nodeCost{}}
	for _, doc := range tree.Docs {
		if _, err := g.cost(doc.Body, 0); err != nil {
			if ge, ok := err.(*guardErr); ok {
				return d.errorAt(ge.tok, ge.msg)
			}
			return err
		}
	}
	return nil
}

// cost returns the expanded size and depth of n, refusing at the first node over a limit.
func (g *yamlGuard) cost(n ast.Node, depth int) (nodeCost, error) {
	if n == nil {
		return nodeCost{}, nil
	}
	if depth > MaxYAMLDepth {
		return nodeCost{}, &guardErr{n.GetToken(), fmt.Sprintf("nested more than %d levels deep; a project file needs a few", MaxYAMLDepth)}
	}
	var children []ast.Node
	switch x := n.(type) {
	case *ast.TagNode:
		return nodeCost{}, &guardErr{x.Start, fmt.Sprintf("YAML tag %s is not used in project files; remove it (a value is written as it is)", x.Start.Value)}
	case *ast.AnchorNode:
		c, err := g.cost(x.Value, depth)
		if err != nil {
			return c, err
		}
		if x.Name != nil {
			g.anchors[x.Name.GetToken().Value] = c
		}
		return c, nil
	case *ast.AliasNode:
		name := ""
		if x.Value != nil {
			name = x.Value.GetToken().Value
		}
		c, ok := g.anchors[name]
		if !ok {
			return nodeCost{}, nil // an unknown alias: the decoder names it
		}
		if err := g.add(c.nodes, depth+c.depth, x.Start); err != nil {
			return c, err
		}
		return c, nil
	case *ast.MappingNode:
		for _, v := range x.Values {
			children = append(children, v)
		}
	case *ast.MappingValueNode:
		children = []ast.Node{x.Key, x.Value}
	case *ast.MappingKeyNode:
		children = []ast.Node{x.Value}
	case *ast.SequenceNode:
		children = x.Values
	case *ast.SequenceEntryNode:
		children = []ast.Node{x.Value}
	case *ast.DocumentNode:
		children = []ast.Node{x.Body}
	}
	total := nodeCost{nodes: 1}
	if err := g.add(1, depth, n.GetToken()); err != nil {
		return total, err
	}
	for _, c := range children {
		cc, err := g.cost(c, depth+1)
		if err != nil {
			return total, err
		}
		total.nodes += cc.nodes
		total.depth = max(total.depth, cc.depth+1)
	}
	return total, nil
}

// add counts nodes and refuses past the limits.
func (g *yamlGuard) add(nodes, depth int, at *token.Token) error {
	g.nodes += nodes
	if g.nodes > MaxYAMLNodes {
		return &guardErr{at, fmt.Sprintf("expands to more than %d values (aliases included); refused as a YAML bomb", MaxYAMLNodes)}
	}
	if depth > MaxYAMLDepth {
		return &guardErr{at, fmt.Sprintf("nested more than %d levels deep (aliases included); a project file needs a few", MaxYAMLDepth)}
	}
	return nil
}

package anthology

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"
)

// yamlDoc is a YAML mapping as read from a file: its syntax tree for positions, and its ordered
// key/value form with comments for a save that keeps what the program does not know.
type yamlDoc struct {
	file       string // for messages
	lineOffset int    // lines before the YAML in its file (front matter starts after "---")
	tree       *ast.File
	ordered    yaml.MapSlice
	comments   yaml.CommentMap
	// sig is the program's view of the file when it was last read or written, encoded. A save
	// whose view still encodes the same leaves the file alone, with its formatting.
	sig []byte
}

// unchanged reports whether v encodes as it did when the file was last read or written.
func (d *yamlDoc) unchanged(v any) bool {
	if d == nil || d.sig == nil {
		return false
	}
	now, err := yaml.Marshal(v)
	return err == nil && bytes.Equal(now, d.sig)
}

// mark records v as what the file now holds.
func (d *yamlDoc) mark(v any) {
	if d != nil {
		d.sig, _ = yaml.Marshal(v)
	}
}

// decodeYAML parses data as a YAML mapping and decodes it into v (a pointer to struct). Problems
// come back as *Error with the file's line and column. Keys v does not know are reported as
// warnings and kept in the returned document.
func decodeYAML(file string, data []byte, lineOffset int, v any) (doc *yamlDoc, warnings []*Warning, err error) {
	d := &yamlDoc{file: file, lineOffset: lineOffset, comments: yaml.CommentMap{}}
	defer func() {
		// The guard refuses what is known to crash the YAML library; anything else it trips
		// on is still the file's fault, not a reason to end the program.
		if r := recover(); r != nil {
			doc, warnings, err = nil, nil, &Error{File: file, Msg: fmt.Sprintf("cannot be read (the YAML reader failed: %v); please report this file as a bug", r)}
		}
	}()
	tree, err := parser.ParseBytes(data, parser.ParseComments)
	if err != nil {
		return nil, nil, d.wrap(err)
	}
	d.tree = tree
	if err := d.guard(tree); err != nil {
		return nil, nil, err
	}
	var body ast.Node
	if len(tree.Docs) > 1 {
		return nil, nil, d.errorAt(tree.Docs[1].Start, "more than one YAML document; a project file holds one")
	}
	if len(tree.Docs) == 1 {
		body = tree.Docs[0].Body
	}
	if _, comment := body.(*ast.CommentGroupNode); comment || body == nil {
		return d, nil, nil // empty: every field keeps its zero value
	}
	if body.Type() != ast.MappingType {
		return nil, nil, d.errorAt(body.GetToken(), fmt.Sprintf("expected a mapping of keys to values, found %s", describeNode(body)))
	}
	if err := yaml.NodeToValue(body, v); err != nil {
		return nil, nil, d.wrap(err)
	}
	// The ordered form comes from the tree already parsed, not from parsing the text again.
	if err := yaml.NodeToValue(body, &d.ordered, yaml.UseOrderedMap(), yaml.CommentToMap(d.comments)); err != nil {
		return nil, nil, d.wrap(err)
	}
	warnings = d.unknownKeys("$", d.ordered, reflect.TypeOf(v))
	return d, warnings, nil
}

func describeNode(n ast.Node) string {
	switch n.Type() {
	case ast.SequenceType:
		return "a list"
	case ast.StringType:
		return "text"
	}
	return strings.ToLower(n.Type().String())
}

// wrap turns a go-yaml error into a positioned *Error.
func (d *yamlDoc) wrap(err error) error {
	var pe interface {
		GetToken() *token.Token
		GetMessage() string
	}
	if errors.As(err, &pe) {
		e := d.errorAt(pe.GetToken(), plainYAMLMessage(pe.GetMessage()))
		e.Err = err
		return e
	}
	return &Error{File: d.file, Msg: plainYAMLMessage(err.Error()), Err: err}
}

// The YAML library's messages speak of Go ("cannot unmarshal string into Go struct field
// projectFile.Print of type float64", "int was used where mapping is expected"); an editor
// needs to hear what kind of value belongs there.
var (
	goUnmarshal = regexp.MustCompile(`cannot unmarshal (.+?) into Go (?:struct field \S+|value) of type (\S+)`)
	usedWhere   = regexp.MustCompile(`^(\S+) was used where (\S+) is expected`)
)

func plainYAMLMessage(msg string) string {
	if m := goUnmarshal.FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("expected %s here, found %s", kindOfGo(m[2]), kindOfYAML(m[1]))
	}
	if m := usedWhere.FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("expected %s here, found %s", kindOfYAML(m[2]), kindOfYAML(m[1]))
	}
	return msg
}

// kindOfGo names the kind of value a Go type takes, in an editor's words.
func kindOfGo(t string) string {
	switch {
	case strings.HasPrefix(t, "[]"):
		return "a list"
	case strings.HasPrefix(t, "map["), strings.Contains(t, "."), strings.HasPrefix(t, "*"):
		return "a mapping of keys to values"
	case strings.HasPrefix(t, "float"), strings.HasPrefix(t, "int"), strings.HasPrefix(t, "uint"):
		return "a number"
	case t == "bool":
		return "true or false"
	case t == "string":
		return "text"
	}
	return "another kind of value"
}

// kindOfYAML names a YAML node kind as go-yaml prints it.
func kindOfYAML(k string) string {
	switch {
	case strings.HasPrefix(k, "[]"):
		return "a list"
	case strings.HasPrefix(k, "map["):
		return "a mapping of keys to values"
	}
	switch strings.ToLower(k) {
	case "string", "!!str":
		return "text"
	case "int", "float", "integer", "uint", "!!int", "!!float":
		return "a number"
	case "bool", "!!bool":
		return "true or false"
	case "mapping", "map", "!!map":
		return "a mapping of keys to values"
	case "sequence", "array", "!!seq":
		return "a list"
	case "null", "!!null":
		return "nothing"
	}
	return k
}

func (d *yamlDoc) errorAt(tok *token.Token, msg string) *Error {
	e := &Error{File: d.file, Msg: msg}
	if tok != nil && tok.Position != nil {
		e.Line = tok.Position.Line + d.lineOffset
		e.Col = tok.Position.Column
	}
	return e
}

// at returns an error positioned at the node that a YAML path ("$.contents[1].essays[0]") names,
// or at the file when the node is not there (a key that was left out).
func (d *yamlDoc) at(path, msg string) *Error {
	if d != nil && d.tree != nil {
		if p, err := yaml.PathString(path); err == nil {
			if n, err := p.FilterFile(d.tree); err == nil && n != nil {
				return d.errorAt(startToken(n), msg)
			}
		}
	}
	file := ""
	if d != nil {
		file = d.file
	}
	return &Error{File: file, Msg: msg}
}

// startToken is where a node begins as an editor sees it: a block mapping at its first key
// (go-yaml's own token for it is the first colon).
func startToken(n ast.Node) *token.Token {
	switch m := n.(type) {
	case *ast.MappingValueNode:
		if m.Key != nil {
			return m.Key.GetToken()
		}
	case *ast.MappingNode:
		if !m.IsFlowStyle && len(m.Values) > 0 && m.Values[0].Key != nil {
			return m.Values[0].Key.GetToken()
		}
	}
	return n.GetToken()
}

// atKey returns an error positioned at a key of the mapping that path names.
func (d *yamlDoc) atKey(path, key, msg string) *Error {
	if d != nil && d.tree != nil {
		if p, err := yaml.PathString(path); err == nil {
			if n, err := p.FilterFile(d.tree); err == nil && n != nil {
				var values []*ast.MappingValueNode
				switch m := n.(type) {
				case *ast.MappingNode:
					values = m.Values
				case *ast.MappingValueNode:
					values = []*ast.MappingValueNode{m}
				}
				for _, mv := range values {
					if mv.Key != nil && mv.Key.GetToken() != nil && mv.Key.GetToken().Value == key {
						return d.errorAt(mv.Key.GetToken(), msg)
					}
				}
			}
		}
	}
	return d.at(path+"."+key, msg)
}

// unknownKeys warns about keys that the struct type t does not declare, recursively. They are
// kept on save; the warning catches typos like "titel".
func (d *yamlDoc) unknownKeys(path string, m yaml.MapSlice, t reflect.Type) []*Warning {
	t = deref(t)
	if t.Kind() != reflect.Struct {
		return nil
	}
	fields := yamlFields(t)
	var out []*Warning
	for _, item := range m {
		key := fmt.Sprint(item.Key)
		sub := path + "." + key
		ft, ok := fields[key]
		if !ok {
			out = append(out, d.atKey(path, key, fmt.Sprintf("unknown key %q (kept as it is)", key)))
			continue
		}
		switch v := item.Value.(type) {
		case yaml.MapSlice:
			out = append(out, d.unknownKeys(sub, v, ft)...)
		case []any:
			et := deref(ft)
			if et.Kind() == reflect.Slice {
				for i, elem := range v {
					if em, ok := elem.(yaml.MapSlice); ok {
						out = append(out, d.unknownKeys(fmt.Sprintf("%s[%d]", sub, i), em, et.Elem())...)
					}
				}
			}
		}
	}
	return out
}

func deref(t reflect.Type) reflect.Type {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t
}

// yamlFields maps the YAML keys of a struct type to their field types.
func yamlFields(t reflect.Type) map[string]reflect.Type {
	out := map[string]reflect.Type{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name, opts, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if name == "-" {
			continue
		}
		if strings.Contains(opts, "inline") && deref(f.Type).Kind() == reflect.Struct {
			for k, v := range yamlFields(deref(f.Type)) {
				out[k] = v
			}
			continue
		}
		if name == "" {
			name = strings.ToLower(f.Name)
		}
		out[name] = f.Type
	}
	return out
}

// encode writes v (the same struct type that was decoded) as YAML, merged into the document as
// it was read: keys keep their order and comments, keys v does not know are kept, values v has
// emptied are dropped, and new keys go after their predecessor in v's order. A nil document
// (a new file) encodes v as it is.
func (d *yamlDoc) encode(v any) ([]byte, error) {
	fresh, err := yaml.Marshal(v)
	if err != nil {
		return nil, err
	}
	var next yaml.MapSlice
	if err := yaml.UnmarshalWithOptions(fresh, &next, yaml.UseOrderedMap()); err != nil {
		return nil, err
	}
	merged := any(next)
	comments := yaml.CommentMap{}
	if d != nil && d.ordered != nil {
		merged = stringKeys(mergeYAML(d.ordered, next, reflect.TypeOf(v)))
		comments = liveComments(d.comments, merged)
	}
	return yaml.MarshalWithOptions(merged, yaml.WithComment(comments), yaml.IndentSequence(true),
		yaml.UseLiteralStyleIfMultiline(true))
}

// stringKeys writes every mapping key as a string: an editor's "2019: first draft" reads as a
// number key, which go-yaml's encoder cannot write back (it would panic).
func stringKeys(v any) any {
	switch x := v.(type) {
	case yaml.MapSlice:
		out := make(yaml.MapSlice, len(x))
		for i, item := range x {
			out[i] = yaml.MapItem{Key: fmt.Sprint(item.Key), Value: stringKeys(item.Value)}
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = stringKeys(e)
		}
		return out
	}
	return v
}

// liveComments keeps the comments whose paths still exist in v; go-yaml refuses to encode a
// comment for a path that is gone (an essay removed from the contents, say).
func liveComments(cm yaml.CommentMap, v any) yaml.CommentMap {
	out := yaml.CommentMap{}
	node, err := yaml.ValueToNode(v)
	if err != nil {
		return out
	}
	for path, c := range cm {
		p, err := yaml.PathString(path)
		if err != nil {
			continue
		}
		if n, err := p.FilterNode(node); err == nil && n != nil {
			out[path] = c
		}
	}
	return out
}

// mergeYAML merges next (the program's view of a value of type t) into old (the value as read).
func mergeYAML(old, next any, t reflect.Type) any {
	t = deref(t)
	switch t.Kind() {
	case reflect.Struct:
		om, ok1 := old.(yaml.MapSlice)
		nm, ok2 := next.(yaml.MapSlice)
		if !ok1 || !ok2 {
			return next
		}
		return mergeMapping(om, nm, yamlFields(t))
	case reflect.Slice:
		os, ok1 := old.([]any)
		ns, ok2 := next.([]any)
		if !ok1 || !ok2 {
			return next
		}
		return mergeSequence(os, ns, t.Elem())
	}
	// Scalars: keep the old spelling when the value did not change ("9781234567897" stays a
	// bare number, a date stays unquoted).
	if old != nil && next != nil && fmt.Sprint(old) == fmt.Sprint(next) {
		return old
	}
	return next
}

func mergeMapping(old, next yaml.MapSlice, fields map[string]reflect.Type) yaml.MapSlice {
	nextIndex := map[string]int{}
	for i, item := range next {
		nextIndex[fmt.Sprint(item.Key)] = i
	}
	var out yaml.MapSlice
	seen := map[string]bool{}
	for _, item := range old {
		key := fmt.Sprint(item.Key)
		ft, known := fields[key]
		if !known {
			out = append(out, item) // not ours: kept verbatim
			continue
		}
		if i, ok := nextIndex[key]; ok {
			out = append(out, yaml.MapItem{Key: item.Key, Value: mergeYAML(item.Value, next[i].Value, ft)})
			seen[key] = true
		} else if isZeroYAML(item.Value) {
			// The editor wrote an explicit empty value ("drop_caps: false"); the program's view
			// agrees and merely omits it. Keep what the editor wrote.
			out = append(out, item)
		}
		// known, non-empty in the file and absent from next: the program emptied it, so it goes
	}
	// New keys go right after the key that precedes them in the program's order.
	for i, item := range next {
		key := fmt.Sprint(item.Key)
		if seen[key] {
			continue
		}
		at := 0
		for j := i - 1; j >= 0; j-- {
			if k := indexOfKey(out, fmt.Sprint(next[j].Key)); k >= 0 {
				at = k + 1
				break
			}
		}
		out = append(out[:at], append(yaml.MapSlice{item}, out[at:]...)...)
	}
	return out
}

// isZeroYAML reports whether a decoded YAML value is empty: null, "", false, 0, or a list or
// mapping of empty values.
func isZeroYAML(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case string:
		return x == ""
	case bool:
		return !x
	case uint64:
		return x == 0
	case int64:
		return x == 0
	case float64:
		return x == 0
	case []any:
		return len(x) == 0
	case yaml.MapSlice:
		for _, item := range x {
			if !isZeroYAML(item.Value) {
				return false
			}
		}
		return true
	}
	return false
}

func indexOfKey(m yaml.MapSlice, key string) int {
	for i, item := range m {
		if fmt.Sprint(item.Key) == key {
			return i
		}
	}
	return -1
}

// identityKeys are the keys that identify an element of a list across a save: a contributor by
// id, a part by its title.
var identityKeys = []string{"id", "part"}

func identity(v any) string {
	m, ok := v.(yaml.MapSlice)
	if !ok {
		return ""
	}
	for _, k := range identityKeys {
		if i := indexOfKey(m, k); i >= 0 {
			return k + "=" + fmt.Sprint(m[i].Value)
		}
	}
	return ""
}

func mergeSequence(old, next []any, elem reflect.Type) []any {
	byID := map[string]any{}
	for _, o := range old {
		if id := identity(o); id != "" {
			byID[id] = o
		}
	}
	out := make([]any, len(next))
	for i, n := range next {
		switch {
		case identity(n) != "" && byID[identity(n)] != nil:
			out[i] = mergeYAML(byID[identity(n)], n, elem)
		case len(old) == len(next):
			out[i] = mergeYAML(old[i], n, elem)
		default:
			out[i] = n
		}
	}
	return out
}

package anthology

import (
	"fmt"
	"strings"
	"time"
)

// ParseDate reads the dates a project writes: RFC 3339, YYYY-MM-DD, YYYY-MM or YYYY.
func ParseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{time.RFC3339, "2006-01-02", "2006-01", "2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}

// dateWarnings warns, at each field's place in its file, about dates that are not dates
// ("yesterday", "next week"): they were kept as they were and printed nowhere, silently.
func dateWarnings(doc *yamlDoc, fields map[string]string) []*Warning {
	var out []*Warning
	for _, path := range []string{"$.date", "$.modified", "$.permission.requested", "$.permission.cleared"} {
		v, ok := fields[path]
		if !ok || strings.TrimSpace(v) == "" {
			continue
		}
		if _, ok := ParseDate(v); !ok {
			out = append(out, doc.at(path, fmt.Sprintf("%q is not a date; write it as 2024-05-01, 2024-05 or 2024 (as it is, it is left out of the book and its records)", v)))
		}
	}
	return out
}

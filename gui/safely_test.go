package gui

import (
	"errors"
	"strings"
	"testing"
)

// TestSafely: a background job that panics gives an error naming the job (the app stays up);
// one that works or fails gives its own result.
func TestSafely(t *testing.T) {
	var nothing []int
	_, err := safely("exporting", func() (int, error) { return nothing[3], nil })
	if err == nil || !strings.Contains(err.Error(), "internal error while exporting: runtime error: index out of range") ||
		!strings.Contains(err.Error(), "This is a bug in Anthology") {
		t.Errorf("a panic: %v", err)
	}
	if n, err := safely("counting", func() (int, error) { return 7, nil }); n != 7 || err != nil {
		t.Errorf("a job that works: %d, %v", n, err)
	}
	bad := errors.New("disk full")
	if _, err := safely("saving", func() (int, error) { return 0, bad }); err != bad {
		t.Errorf("a job that fails: %v", err)
	}
}

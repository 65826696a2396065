// Package zipstamp stamps the entries of the zip files the writers make (EPUB, Word) with a
// fixed time, so that the bytes never depend on the clock.
package zipstamp

import "time"

// DOS converts t to the MS-DOS date and time of a zip header (2-second resolution, years
// 1980–2107).
func DOS(t time.Time) (date, clock uint16) {
	t = t.UTC()
	if t.Year() < 1980 {
		t = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	if t.Year() > 2107 {
		t = time.Date(2107, 12, 31, 23, 59, 58, 0, time.UTC)
	}
	date = uint16(t.Day() + int(t.Month())<<5 + (t.Year()-1980)<<9)
	clock = uint16(t.Second()/2 + t.Minute()<<5 + t.Hour()<<11)
	return date, clock
}

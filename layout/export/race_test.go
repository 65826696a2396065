//go:build race

package export_test

// raceEnabled is set when the tests run under the race detector (go test -race).
const raceEnabled = true

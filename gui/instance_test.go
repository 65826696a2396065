//go:build !nogui

package gui

import (
	"net"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestSingleInstance: a second launch hands its project to the app listening, which receives
// it; with nobody listening the launch is the app; a socket left behind is taken over.
func TestSingleInstance(t *testing.T) {
	socket := filepath.Join(t.TempDir(), "a.sock")
	if took, err := handOff(socket, "/some/book"); took || err != nil {
		t.Fatalf("with no app running: took %v, %v", took, err)
	}
	got := make(chan instanceRequest, 1)
	stop, err := listenInstance(socket, func(r instanceRequest) { got <- r })
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if took, err := handOff(socket, dir); !took || err != nil {
		t.Fatalf("hand-off: took %v, %v", took, err)
	}
	select {
	case r := <-got:
		if r.Open != dir {
			t.Errorf("the running app was asked to open %q, not %q", r.Open, dir)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the running app received nothing")
	}
	if _, err := listenInstance(socket, func(instanceRequest) {}); err == nil {
		t.Error("a second app listened on the same socket")
	}
	stop()
	// An app that died leaves its socket file behind: the next one takes it over.
	dead, err := net.Listen("unix", socket)
	if err != nil {
		t.Fatal(err)
	}
	dead.(*net.UnixListener).SetUnlinkOnClose(false)
	dead.Close()
	if _, err := os.Stat(socket); err != nil {
		t.Fatalf("no stale socket to take over: %v", err)
	}
	stop2, err := listenInstance(socket, func(instanceRequest) {})
	if err != nil {
		t.Fatalf("after the first app stopped: %v", err)
	}
	stop2()
}

//go:build !nogui

package gui

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// One app per user: a second launch (a project double-clicked in the file manager, `anthology
// open` in a terminal) hands its project to the app already running, over a Unix socket in the
// user's runtime folder, and exits; the running app opens it (asking first to save its own
// unsaved edits) and comes to the front. Unix sockets exist on Linux, macOS and Windows 10 and
// later.

// instanceSocket is where the running app listens: one per user and display (an app on
// another X display could not show the project on this one).
func instanceSocket() string {
	dir := os.Getenv("XDG_RUNTIME_DIR")
	if dir == "" {
		dir = os.TempDir()
	}
	display := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' {
			return r
		}
		return '_'
	}, os.Getenv("DISPLAY")+os.Getenv("WAYLAND_DISPLAY"))
	return filepath.Join(dir, "anthology-"+strconv.Itoa(os.Getuid())+"-"+display+".sock")
}

// instanceRequest is what a second launch asks of the running app: to open a project folder
// (or, with none, to come to the front).
type instanceRequest struct {
	Open string `json:"open,omitempty"`
}

// HandOff asks the app already running to open the project in dir ("" just brings it to the
// front). It reports whether an app took the request; false (with no error) when none runs.
func HandOff(dir string) (bool, error) { return handOff(instanceSocket(), dir) }

func handOff(socket, dir string) (bool, error) {
	conn, err := net.DialTimeout("unix", socket, time.Second)
	if err != nil {
		return false, nil // nobody listening: this launch is the app
	}
	defer conn.Close()
	if dir != "" {
		if dir, err = filepath.Abs(dir); err != nil {
			return false, err
		}
	}
	conn.SetDeadline(time.Now().Add(5 * time.Second))
	if err := json.NewEncoder(conn).Encode(instanceRequest{Open: dir}); err != nil {
		return false, err
	}
	reply, err := bufio.NewReader(conn).ReadString('\n')
	if err != nil {
		return false, fmt.Errorf("the running Anthology did not answer: %w", err)
	}
	if reply = strings.TrimSpace(reply); reply != "ok" {
		return true, errors.New("the running Anthology says: " + reply)
	}
	return true, nil
}

// listenInstance makes this app the one later launches hand off to: each request is given to
// handle (on the listener's goroutine; handle passes it to the UI). A socket left by an app
// that ended without closing it is taken over. The returned function stops listening.
func listenInstance(socket string, handle func(instanceRequest)) (func(), error) {
	l, err := net.Listen("unix", socket)
	if err != nil {
		// A stale socket: nobody answers on it.
		if c, derr := net.DialTimeout("unix", socket, time.Second); derr == nil {
			c.Close()
			return nil, fmt.Errorf("another Anthology is listening on %s", socket)
		}
		os.Remove(socket)
		if l, err = net.Listen("unix", socket); err != nil {
			return nil, err
		}
	}
	go func() {
		for {
			conn, err := l.Accept()
			if err != nil {
				return // closed
			}
			go func() {
				defer conn.Close()
				conn.SetDeadline(time.Now().Add(5 * time.Second))
				var req instanceRequest
				line, err := bufio.NewReader(conn).ReadBytes('\n')
				if err == nil {
					err = json.Unmarshal(line, &req)
				}
				if err != nil {
					fmt.Fprintf(conn, "not understood: %v\n", err)
					return
				}
				handle(req)
				fmt.Fprintln(conn, "ok")
			}()
		}
	}()
	return func() { l.Close(); os.Remove(socket) }, nil
}

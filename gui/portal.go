//go:build !nogui

package gui

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"

	"github.com/godbus/dbus/v5"
)

// The desktop's own file chooser, through the XDG desktop portal (GNOME's, KDE's, …), where
// the session has one: it is the dialog the editor knows from every other program, with its
// bookmarks and recent folders, and it picks several files at once. Fyne's own dialog is the
// fallback: no session bus, no portal, a portal that fails, or ANTHOLOGY_NATIVE_DIALOGS=0.
// (Fyne uses the portal only in Flatpak builds, and without a fallback.)

// chooseOptions is what a file chooser is asked for.
type chooseOptions struct {
	title, accept string
	directory     bool
	multiple      bool
	extensions    []string // ".md", …; none: any file
	folder        string   // where it opens, if it exists
}

// nativeDialogsWanted is the app's default: the portal unless the environment says no.
func nativeDialogsWanted() bool { return os.Getenv("ANTHOLOGY_NATIVE_DIALOGS") != "0" }

// portalChooser reports whether the session's portal offers a file chooser (asked once per
// editor, with a time limit: a session bus that does not answer must not hang the app).
func (e *Editor) portalChooser() bool {
	if !e.cfg.NativeDialogs {
		return false
	}
	e.portalOnce.Do(func() {
		// Only a session that has a bus: without one the D-Bus library would launch one.
		if os.Getenv("DBUS_SESSION_BUS_ADDRESS") == "" {
			if _, err := os.Stat(filepath.Join(os.Getenv("XDG_RUNTIME_DIR"), "bus")); os.Getenv("XDG_RUNTIME_DIR") == "" || err != nil {
				return
			}
		}
		conn, err := dbus.SessionBus()
		if err != nil {
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		var version dbus.Variant
		err = conn.Object("org.freedesktop.portal.Desktop", "/org/freedesktop/portal/desktop").
			CallWithContext(ctx, "org.freedesktop.DBus.Properties.Get", 0, "org.freedesktop.portal.FileChooser", "version").Store(&version)
		e.portalOK = err == nil
	})
	return e.portalOK
}

// choose asks the portal's chooser for files or a folder and hands done their paths (none
// when the editor cancels), on the UI goroutine; without a portal, or when it fails, it runs
// fallback (Fyne's dialog) instead.
func (e *Editor) choose(o chooseOptions, fallback func(), done func(paths []string)) {
	if !e.portalChooser() {
		fallback()
		return
	}
	go func() {
		paths, err := portalOpenFile(o)
		e.do(func() {
			if err != nil {
				fallback() // the portal is there but failed: the app's own dialog still works
				return
			}
			done(paths)
		})
	}()
}

// portalFilter is a file chooser filter as the portal takes it: a(sa(us)).
type portalFilter struct {
	Name  string
	Rules []portalRule
}

type portalRule struct {
	Type    uint32 // 0: a glob pattern
	Pattern string
}

// portalOpenFile calls the portal's FileChooser.OpenFile and waits for the editor's answer
// (org.freedesktop.portal.Request.Response on the request's object). It listens for the
// answer before asking, on the object the request will have, as the portal's documentation
// says to: a quick answer cannot be missed.
func portalOpenFile(o chooseOptions) ([]string, error) {
	conn, err := dbus.SessionBus()
	if err != nil {
		return nil, err
	}
	token := fmt.Sprintf("anthology%d", portalTokens.Add(1))
	sender := strings.ReplaceAll(strings.TrimPrefix(conn.Names()[0], ":"), ".", "_")
	handle := dbus.ObjectPath("/org/freedesktop/portal/desktop/request/" + sender + "/" + token)
	match := []dbus.MatchOption{dbus.WithMatchInterface("org.freedesktop.portal.Request"), dbus.WithMatchMember("Response"), dbus.WithMatchObjectPath(handle)}
	if err := conn.AddMatchSignal(match...); err != nil {
		return nil, err
	}
	defer conn.RemoveMatchSignal(match...)
	signals := make(chan *dbus.Signal, 8)
	conn.Signal(signals)
	defer conn.RemoveSignal(signals)

	opts := map[string]dbus.Variant{
		"handle_token": dbus.MakeVariant(token),
		"modal":        dbus.MakeVariant(true),
		"multiple":     dbus.MakeVariant(o.multiple),
		"directory":    dbus.MakeVariant(o.directory),
	}
	if o.accept != "" {
		opts["accept_label"] = dbus.MakeVariant(o.accept)
	}
	if fi, err := os.Stat(o.folder); err == nil && fi.IsDir() {
		opts["current_folder"] = dbus.MakeVariant(append([]byte(o.folder), 0)) // a byte string, NUL-terminated
	}
	if len(o.extensions) > 0 {
		f := portalFilter{Name: "Files Anthology reads"}
		for _, ext := range o.extensions {
			// The patterns are case-sensitive: ".md" and ".MD" both.
			f.Rules = append(f.Rules, portalRule{0, "*" + ext}, portalRule{0, "*" + strings.ToUpper(ext)})
		}
		opts["filters"] = dbus.MakeVariant([]portalFilter{f})
		opts["current_filter"] = dbus.MakeVariant(f)
	}
	var got dbus.ObjectPath
	if err := conn.Object("org.freedesktop.portal.Desktop", "/org/freedesktop/portal/desktop").
		Call("org.freedesktop.portal.FileChooser.OpenFile", 0, "", o.title, opts).Store(&got); err != nil {
		return nil, err
	}
	if got != handle {
		// An older portal names the request itself: listen there too.
		old := []dbus.MatchOption{dbus.WithMatchInterface("org.freedesktop.portal.Request"), dbus.WithMatchMember("Response"), dbus.WithMatchObjectPath(got)}
		if err := conn.AddMatchSignal(old...); err != nil {
			return nil, err
		}
		defer conn.RemoveMatchSignal(old...)
	}
	for sig := range signals {
		if (sig.Path != handle && sig.Path != got) || sig.Name != "org.freedesktop.portal.Request.Response" || len(sig.Body) != 2 {
			continue
		}
		if status, _ := sig.Body[0].(uint32); status != 0 {
			return nil, nil // cancelled, or closed some other way
		}
		results, _ := sig.Body[1].(map[string]dbus.Variant)
		uris, _ := results["uris"].Value().([]string)
		return pathsOf(uris), nil
	}
	return nil, errors.New("the session bus closed before the file chooser answered")
}

// portalTokens numbers the requests this process makes.
var portalTokens atomic.Int64

// pathsOf turns the portal's file URIs into paths, leaving out any that is not a local file.
func pathsOf(uris []string) []string {
	var paths []string
	for _, u := range uris {
		if p, err := url.Parse(u); err == nil && p.Scheme == "file" && p.Path != "" && (p.Host == "" || p.Host == "localhost") {
			paths = append(paths, p.Path)
		}
	}
	return paths
}

//go:build !nogui

package gui

import (
	"bufio"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"

	"fyne.io/fyne/v2"
	"github.com/godbus/dbus/v5"

	"github.com/anthology-editor/anthology/anthology/edit/edittest"
)

// fakePortal is an XDG desktop portal's FileChooser on a private session bus: it records what
// it is asked and answers with the files the test chose, as a user picking them would.
type fakePortal struct {
	conn   *dbus.Conn
	mu     sync.Mutex
	asked  []map[string]dbus.Variant
	titles []string
	answer []string // file URIs
}

// OpenFile is the portal's method: it returns the request's object and answers on it.
func (f *fakePortal) OpenFile(sender dbus.Sender, parent, title string, opts map[string]dbus.Variant) (dbus.ObjectPath, *dbus.Error) {
	f.mu.Lock()
	f.asked = append(f.asked, opts)
	f.titles = append(f.titles, title)
	answer := f.answer
	f.mu.Unlock()
	token, _ := opts["handle_token"].Value().(string)
	handle := dbus.ObjectPath("/org/freedesktop/portal/desktop/request/" +
		strings.ReplaceAll(strings.TrimPrefix(string(sender), ":"), ".", "_") + "/" + token)
	go f.conn.Emit(handle, "org.freedesktop.portal.Request.Response", uint32(0), map[string]dbus.Variant{"uris": dbus.MakeVariant(answer)})
	return handle, nil
}

// portalProperties answers the portal's version, which the app asks before using it.
type portalProperties struct{}

func (portalProperties) Get(iface, name string) (dbus.Variant, *dbus.Error) {
	if iface == "org.freedesktop.portal.FileChooser" && name == "version" {
		return dbus.MakeVariant(uint32(4)), nil
	}
	return dbus.Variant{}, dbus.MakeFailedError(os.ErrNotExist)
}

var privateBus struct {
	sync.Once
	portal *fakePortal
	err    error
}

// startFakePortal starts a session bus of the test's own (dbus-daemon, which dies with the
// test process) with a fake portal on it, once per process: the app's session bus connection
// is made once per process too.
func startFakePortal(t *testing.T) *fakePortal {
	t.Helper()
	privateBus.Do(func() {
		daemon := exec.Command("dbus-daemon", "--session", "--nofork", "--print-address=1")
		daemon.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
		out, err := daemon.StdoutPipe()
		if err == nil {
			err = daemon.Start()
		}
		if err != nil {
			privateBus.err = err
			return
		}
		addr, err := bufio.NewReader(out).ReadString('\n')
		if err != nil {
			privateBus.err = err
			return
		}
		os.Setenv("DBUS_SESSION_BUS_ADDRESS", strings.TrimSpace(addr))
		conn, err := dbus.ConnectSessionBus()
		if err != nil {
			privateBus.err = err
			return
		}
		f := &fakePortal{conn: conn}
		const path = "/org/freedesktop/portal/desktop"
		if err := conn.Export(f, path, "org.freedesktop.portal.FileChooser"); err != nil {
			privateBus.err = err
			return
		}
		if err := conn.Export(portalProperties{}, path, "org.freedesktop.DBus.Properties"); err != nil {
			privateBus.err = err
			return
		}
		if reply, err := conn.RequestName("org.freedesktop.portal.Desktop", dbus.NameFlagDoNotQueue); err != nil || reply != dbus.RequestNameReplyPrimaryOwner {
			privateBus.err = err
			return
		}
		privateBus.portal = f
	})
	if privateBus.err != nil || privateBus.portal == nil {
		// dbus-daemon is installed by .ci/setup.sh (gui): its absence is a failure, not a skip.
		t.Fatalf("a private session bus with a fake portal: %v", privateBus.err)
	}
	return privateBus.portal
}

// TestNativeImportDialog: where the session has a file chooser portal, File → Import asks it,
// for several files of the kinds the importer reads, and imports every file picked, one
// review after another; without a portal (NativeDialogs off) Fyne's dialog opens as before.
func TestNativeImportDialog(t *testing.T) {
	portal := startFakePortal(t)
	dir := t.TempDir()
	var uris []string
	for i, title := range []string{"First Light", "Second Wind"} {
		file := filepath.Join(dir, []string{"one.md", "two 2+2%.md"}[i]) // a space, a plus and a percent in a name
		os.WriteFile(file, []byte("# "+title+"\n\nBy Ida Marsh\n\nThe first paragraph, long enough to be the body of an essay with several words.\n"), 0o644)
		uris = append(uris, (&url.URL{Scheme: "file", Path: file}).String()) // escaped, as a portal gives it
	}
	portal.mu.Lock()
	portal.answer = uris
	portal.mu.Unlock()

	p := edittest.SampleCopy(t)
	h := newHarness(t, p)
	h.e.cfg.NativeDialogs = true
	before := len(p.Essays())
	h.e.importDialog()
	var titles []string
	for range 2 {
		h.pump("an import review", func() bool { return h.e.review != nil })
		rv := h.e.review
		titles = append(titles, rv.title.Text)
		rv.title.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) // take it
		h.pump("the review to close", func() bool { return h.e.review != rv })
	}
	if !slices.Equal(titles, []string{"First Light", "Second Wind"}) {
		t.Errorf("reviewed %q", titles)
	}
	if n := len(p.Essays()) - before; n != 2 {
		t.Errorf("%d essays imported, want 2", n)
	}
	portal.mu.Lock()
	asked, title := portal.asked[len(portal.asked)-1], portal.titles[len(portal.titles)-1]
	portal.mu.Unlock()
	if multiple, _ := asked["multiple"].Value().(bool); !multiple || title != "Import Essays" {
		t.Errorf("the portal was asked %q with %v", title, asked)
	}
	if filters := asked["filters"].String(); !strings.Contains(filters, "*.md") || !strings.Contains(filters, "*.XHTML") {
		t.Errorf("the portal's filters %s do not name the importer's formats", filters)
	}

	// Without the portal the app's own dialog opens in the window.
	h2 := newHarness(t, edittest.SampleCopy(t))
	h2.e.importDialog()
	if len(h2.e.win.Canvas().Overlays().List()) == 0 {
		t.Error("no dialog without the portal")
	}
}

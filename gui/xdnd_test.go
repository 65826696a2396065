//go:build !nogui

package gui

import (
	"fmt"
	"io"
	"log"
	"net/url"
	"strings"
	"time"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"
)

// xdndDrop drops files on an X window as a file manager does, by the XDND protocol
// (version 5, text/uri-list): it offers the files from a window of its own, moves over the
// target, drops, hands over the list when the target asks for it, and waits for the target to
// say it is finished. The app sees an ordinary drop from the desktop.
func xdndDrop(display string, target xproto.Window, paths []string) error {
	// Our private Xvfb has no authority file; xgb would say so on every connection.
	xgb.Logger = log.New(io.Discard, "", 0)
	c, err := xgb.NewConnDisplay(display)
	if err != nil {
		return err
	}
	defer c.Close()
	screen := xproto.Setup(c).DefaultScreen(c)
	atoms := map[string]xproto.Atom{}
	for _, name := range []string{"XdndAware", "XdndSelection", "XdndEnter", "XdndPosition", "XdndStatus",
		"XdndDrop", "XdndFinished", "XdndActionCopy", "text/uri-list"} {
		r, err := xproto.InternAtom(c, false, uint16(len(name)), name).Reply()
		if err != nil {
			return err
		}
		atoms[name] = r.Atom
	}
	src, err := xproto.NewWindowId(c)
	if err != nil {
		return err
	}
	if err := xproto.CreateWindowChecked(c, screen.RootDepth, src, screen.Root, 0, 0, 1, 1, 0,
		xproto.WindowClassInputOutput, screen.RootVisual, 0, nil).Check(); err != nil {
		return err
	}
	if err := xproto.SetSelectionOwnerChecked(c, src, atoms["XdndSelection"], xproto.TimeCurrentTime).Check(); err != nil {
		return err
	}
	// The target must say it takes drops.
	aware, err := xproto.GetProperty(c, false, target, atoms["XdndAware"], xproto.AtomAny, 0, 1).Reply()
	if err != nil || aware.ValueLen == 0 {
		return fmt.Errorf("window %d does not take drops (no XdndAware)", target)
	}

	events := make(chan xgb.Event, 16)
	go func() {
		for {
			ev, err := c.WaitForEvent()
			if ev == nil && err == nil {
				close(events)
				return
			}
			if ev != nil {
				events <- ev
			}
		}
	}()
	next := func(what string) (xgb.Event, error) {
		select {
		case ev, ok := <-events:
			if !ok {
				return nil, fmt.Errorf("the X connection closed while waiting for %s", what)
			}
			return ev, nil
		case <-time.After(20 * time.Second):
			return nil, fmt.Errorf("no %s from the app within 20 s", what)
		}
	}
	send := func(name string, data ...uint32) error {
		data = append(data, make([]uint32, 5-len(data))...)
		ev := xproto.ClientMessageEvent{Format: 32, Window: target, Type: atoms[name],
			Data: xproto.ClientMessageDataUnionData32New(data)}
		return xproto.SendEventChecked(c, false, target, xproto.EventMaskNoEvent, string(ev.Bytes())).Check()
	}

	if err := send("XdndEnter", uint32(src), 5<<24, uint32(atoms["text/uri-list"])); err != nil {
		return err
	}
	at, err := xproto.TranslateCoordinates(c, target, screen.Root, 300, 300).Reply()
	if err != nil {
		return err
	}
	if err := send("XdndPosition", uint32(src), 0, uint32(at.DstX)<<16|uint32(at.DstY), 0, uint32(atoms["XdndActionCopy"])); err != nil {
		return err
	}
	for {
		ev, err := next("XdndStatus")
		if err != nil {
			return err
		}
		if m, ok := ev.(xproto.ClientMessageEvent); ok && m.Type == atoms["XdndStatus"] {
			if m.Data.Data32[1]&1 == 0 {
				return fmt.Errorf("the app refused the drop of text/uri-list")
			}
			break
		}
	}
	if err := send("XdndDrop", uint32(src), 0, 0); err != nil {
		return err
	}
	var list strings.Builder
	for _, p := range paths {
		list.WriteString((&url.URL{Scheme: "file", Path: p}).String() + "\r\n")
	}
	for {
		ev, err := next("the drop to finish")
		if err != nil {
			return err
		}
		switch ev := ev.(type) {
		case xproto.SelectionRequestEvent:
			data := []byte(list.String())
			if err := xproto.ChangePropertyChecked(c, xproto.PropModeReplace, ev.Requestor, ev.Property,
				atoms["text/uri-list"], 8, uint32(len(data)), data).Check(); err != nil {
				return err
			}
			notify := xproto.SelectionNotifyEvent{Time: ev.Time, Requestor: ev.Requestor, Selection: ev.Selection,
				Target: ev.Target, Property: ev.Property}
			if err := xproto.SendEventChecked(c, false, ev.Requestor, xproto.EventMaskNoEvent, string(notify.Bytes())).Check(); err != nil {
				return err
			}
		case xproto.ClientMessageEvent:
			if ev.Type == atoms["XdndFinished"] {
				return nil
			}
		}
	}
}

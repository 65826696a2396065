// Package gui is Anthology's desktop app, built with Fyne: the book's outline on the left, the
// selected piece in the middle, export one click away. It holds views and their wiring only;
// everything it does to a project or a book it does by calling the same packages as the command
// line (anthology, layout, layout/export), so a headless build loses nothing but the window.
//
// The package needs cgo and a display; headless builds leave it out with -tags nogui.
package gui

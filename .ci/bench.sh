#!/usr/bin/env bash
# Whole-process timings of `anthology export` against pandoc on the same text (make bench).
#
# Synthetic anthologies of 10, 100 and 1,000 essays of about 2,000 words are written with
# `anthology bench-corpus`, which also writes each book as one Markdown file for pandoc. Each
# command runs RUNS times (default 5; 3 for the slow pandoc PDF); the median wall time and the
# peak resident memory are printed, and the ratios against pandoc (Debian's) to EPUB and
# pandoc with WeasyPrint to PDF.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
need=()
command -v pandoc >/dev/null || need+=(pandoc)
command -v weasyprint >/dev/null || need+=(weasyprint)
[ -x /usr/bin/time ] || need+=(time)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then echo "bench: install ${need[*]}: sudo apt-get install -y ${need[*]}" >&2; exit 1; fi
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
CGO_ENABLED=0 go build -tags nogui -o bin/anthology ./cmd/anthology
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# measure RUNS CMD...: prints "median_seconds peak_rss_MB"
measure() {
  local runs=$1; shift
  local times=() mem=0
  for _ in $(seq "$runs"); do
    local out
    /usr/bin/time -f '%e %M' -o "$work/time" "$@" >/dev/null 2>&1 || { echo "bench: failed: $*" >&2; exit 1; }
    out=$(tail -1 "$work/time")
    times+=("${out% *}")
    local m=${out#* }
    [ "$m" -gt "$mem" ] && mem=$m
  done
  local median
  median=$(printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}')
  echo "$median $((mem / 1024))"
}

row() { printf '%-44s %9s s %7s MB\n' "$1" "$2" "$3"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{ if (a > 0) printf "%.1f×", b / a; else print "∞" }'; }

echo "anthology $(bin/anthology version | cut -d' ' -f2), $(pandoc --version | head -1), WeasyPrint $(weasyprint --version | awk '{print $NF}'); $(nproc) cores; median of $RUNS runs"
echo
read -r s_time s_mem < <(measure "$RUNS" bin/anthology export --sample --out "$work/sample")
row "sample (6 essays): EPUB + PDF" "$s_time" "$s_mem"
for n in 10 100 1000; do
  bin/anthology bench-corpus --essays "$n" --words 2000 --markdown "$work/c$n.md" "$work/c$n" >/dev/null
  read -r a_epub a_epub_mem < <(measure "$RUNS" bin/anthology export "$work/c$n" --out "$work/o$n" --format epub)
  read -r a_pdf a_pdf_mem < <(measure "$RUNS" bin/anthology export "$work/c$n" --out "$work/o$n" --format pdf)
  read -r p_epub p_epub_mem < <(measure "$RUNS" pandoc "$work/c$n.md" -o "$work/p$n.epub" --toc)
  row "$n essays: anthology EPUB" "$a_epub" "$a_epub_mem"
  row "$n essays: anthology PDF" "$a_pdf" "$a_pdf_mem"
  row "$n essays: pandoc EPUB" "$p_epub" "$p_epub_mem"
  echo "    EPUB: anthology is $(ratio "$a_epub" "$p_epub") faster than pandoc"
  if [ "$n" = 100 ]; then
    read -r p_pdf p_pdf_mem < <(measure 3 pandoc "$work/c$n.md" -o "$work/p$n.pdf" --pdf-engine=weasyprint --toc)
    row "$n essays: pandoc + WeasyPrint PDF" "$p_pdf" "$p_pdf_mem"
    echo "    PDF: anthology is $(ratio "$a_pdf" "$p_pdf") faster than pandoc + WeasyPrint"
  fi
  if [ "$n" = 1000 ]; then
    bin/anthology bench-corpus --essays 1000 --words 4000 --seed 2 "$work/c1000x2" >/dev/null
    read -r d_pdf d_mem < <(measure 3 bin/anthology export "$work/c1000x2" --out "$work/o1000x2" --format pdf)
    row "1000 essays of 4000 words: anthology PDF" "$d_pdf" "$d_mem"
    echo "    doubling the words takes $(ratio "$a_pdf" "$d_pdf" | tr -d '×')× the time"
  fi
done

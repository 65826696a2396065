#!/usr/bin/env bash
# Whole-process timings of `anthology export` against pandoc on the same text (make bench).
#
# Synthetic anthologies of 10, 100 and 1,000 essays of about 2,000 words are written with
# `anthology bench-corpus`, which also writes each book as one Markdown file for pandoc. Each
# command runs RUNS times (default 5; 3 for the slow pandoc PDF); the median wall time and the
# peak resident memory are printed, and the ratios against pandoc (Debian's) to EPUB and
# pandoc with WeasyPrint to PDF. Then the same for real essays (ANTHOLOGY_CORPUS, below);
# BENCH=real runs only those.
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
# BENCH=real runs the real corpus alone.
sizes="10 100 1000"
[ "${BENCH:-all}" = real ] && sizes=""
for n in $sizes; do
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

# Real prose beside the synthetic: the public-domain essays of ANTHOLOGY_CORPUS (Standard Ebooks
# folders with their content.opf; ../shared/corpus on the project's machines), each book
# imported by its package document into one project, once, twice and four times over (to see
# that time grows linearly). pandoc makes an EPUB of the same XHTML chapters, and pandoc with
# WeasyPrint a PDF of the first ten of them, beside the same ten set by anthology.
corpus=${ANTHOLOGY_CORPUS:-../shared/corpus}
echo
if ! ls "$corpus"/*/content.opf >/dev/null 2>&1; then
  echo "real corpus: no books with a content.opf in $corpus; skipped (set ANTHOLOGY_CORPUS)"
  exit 0
fi
pages_of() { sed -n 's/.*, \([0-9]*\) print pages.*/\1/p' "$1"; }
for copies in 1 2 4; do
  proj="$work/real$copies"
  for _ in $(seq "$copies"); do
    for opf in "$corpus"/*/content.opf; do bin/anthology import "$opf" --into "$proj" >/dev/null; done
  done
  bin/anthology export "$proj" --out "$work/ro$copies" --format pdf >"$work/real$copies.out"
  pages=$(pages_of "$work/real$copies.out")
  read -r r_epub r_epub_mem < <(measure "$RUNS" bin/anthology export "$proj" --out "$work/ro$copies" --format epub)
  read -r r_pdf r_pdf_mem < <(measure "$RUNS" bin/anthology export "$proj" --out "$work/ro$copies" --format pdf)
  row "real corpus ×$copies: anthology EPUB" "$r_epub" "$r_epub_mem"
  row "real corpus ×$copies: anthology PDF ($pages pages)" "$r_pdf" "$r_pdf_mem"
  echo "    $(awk -v p="$pages" -v t="$r_pdf" 'BEGIN{printf "%.0f", p / t}') pages a second"
  if [ "$copies" = 1 ]; then
    base_pdf=$r_pdf
    mapfile -t chapters < <(find "$corpus" -name '*.xhtml' | sort)
    read -r p_epub p_epub_mem < <(measure 3 pandoc -f html "${chapters[@]}" -o "$work/real.epub" --toc)
    row "real corpus: pandoc EPUB" "$p_epub" "$p_epub_mem"
    echo "    EPUB: anthology is $(ratio "$r_epub" "$p_epub") faster than pandoc"
    ten=("${chapters[@]:0:10}")
    bin/anthology import "${ten[@]}" --into "$work/ten" >/dev/null
    bin/anthology export "$work/ten" --out "$work/tenout" --format pdf >"$work/ten.out"
    read -r t_pdf t_pdf_mem < <(measure "$RUNS" bin/anthology export "$work/ten" --out "$work/tenout" --format pdf)
    read -r w_pdf w_pdf_mem < <(measure 3 pandoc -f html "${ten[@]}" -o "$work/ten.pdf" --pdf-engine=weasyprint)
    row "10 real chapters: anthology PDF ($(pages_of "$work/ten.out") pages)" "$t_pdf" "$t_pdf_mem"
    row "10 real chapters: pandoc + WeasyPrint PDF" "$w_pdf" "$w_pdf_mem"
    echo "    PDF: anthology is $(ratio "$t_pdf" "$w_pdf") faster than pandoc + WeasyPrint"
  else
    echo "    $copies× the text takes $(ratio "$base_pdf" "$r_pdf" | tr -d '×')× the time"
  fi
done

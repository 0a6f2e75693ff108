#!/usr/bin/env bash
# Throughput and memory of `kztext process` (the pipeline) on the
# concatenated kk + ru + en corpora (repeated REPEAT times, default 3):
#   - for -j 1, 2, 4, 8, 16: MB/s (best of RUNS, default 7) and peak RSS, and for N
#     independent `-j 1` processes on N slices of the same input: MB/s, and
#     the ratio threads / processes (1.00 = the threads scale as well as
#     separate processes; the issue-18 target is >= 0.9 at 16 on 16 cores).
#     The slices take every Nth line (split -n r/N), so each holds the same
#     mix of kk, ru and en: cut into N runs of lines, the kk run costs more
#     per byte and the processes wait for it;
#   - --roles against plain at -j 1, runs alternated (issue 16: >= 0.9x);
#   - peak RSS of -j 16 on a ~BIG_MB input (/usr/bin/time -v, Debian package
#     "time"; 0 skips it).
# On a machine with fewer cores than N the ratios measure overhead, not
# scaling: docs/scaling.md says how to read the table.
#
#   bench/bench_process.sh [BUILD_DIR] [CORPUS_DIR] [BIG_MB] [JOBS...]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$here/build}
corpus=${2:-$here/../shared/data/corpus}
big_mb=${3:-2000}
shift $(($# < 3 ? $# : 3))
jobs=${*:-1 2 4 8 16}
repeat=${REPEAT:-3}
runs=${RUNS:-7} # a shared machine's noise: the best of several
k=$build/cli/kztext
[ -x "$k" ] || { echo "bench_process: build first ($k missing)" >&2; exit 1; }
[ -d "$corpus/kk" ] || { echo "bench_process: skipped: no corpora in $corpus" >&2; exit 0; }
[ -x /usr/bin/time ] || { echo "bench_process: needs /usr/bin/time (Debian package time)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat "$corpus"/kk/* "$corpus"/ru/* "$corpus"/en/* > "$tmp/one.txt"
for _ in $(seq "$repeat"); do cat "$tmp/one.txt"; done > "$tmp/in.txt"
bytes=$(stat -c %s "$tmp/in.txt")
mb=$(awk -v b="$bytes" 'BEGIN{printf "%.2f", b/1e6}')
echo "input: kk+ru+en corpora x$repeat, $mb MB, JSONL output; $(nproc) cores"
secs() { awk -v s="$1" -v e="$2" 'BEGIN{print e-s}'; }
min() { awk -v a="$1" -v b="$2" 'BEGIN{print (b<a)?b:a}'; }
# Best wall time of $runs runs of: kztext process -j $1 (peak RSS of the last).
threads() {
  local b=999999 t0 t1
  for _ in $(seq "$runs"); do
    t0=$(date +%s.%N)
    /usr/bin/time -f %M -o "$tmp/rss" "$k" process --quiet -j "$1" "$tmp/in.txt" -o /dev/null
    t1=$(date +%s.%N)
    b=$(min "$b" "$(secs "$t0" "$t1")")
  done
  echo "$b $(awk '{printf "%.0f", $1/1024}' "$tmp/rss")"
}
# Best wall time of $runs runs of N independent -j 1 processes on N slices.
procs() {
  local n=$1 b=999999 t0 t1
  rm -f "$tmp"/slice.*
  split -n "r/$n" -d -a 3 "$tmp/in.txt" "$tmp/slice."
  for _ in $(seq "$runs"); do
    t0=$(date +%s.%N)
    for f in "$tmp"/slice.*; do "$k" process --quiet "$f" -o /dev/null & done
    wait
    t1=$(date +%s.%N)
    b=$(min "$b" "$(secs "$t0" "$t1")")
  done
  echo "$b"
}
printf '| N | -j N MB/s | peak RSS | N processes MB/s | threads/processes |\n|---|---|---|---|---|\n'
for n in $jobs; do
  read -r tt rss < <(threads "$n")
  tp=$(procs "$n")
  awk -v n="$n" -v mb="$mb" -v a="$tt" -v b="$tp" -v r="$rss" \
    'BEGIN{printf "| %d | %.1f | %d MB | %.1f | %.2f |\n", n, mb/a, r, mb/b, b/a}'
done
# --roles against plain, -j 1, runs alternated so that load on the machine
# hits both alike (the gate of issue 16: at least 0.9x).
pb=999999; rb=999999
for _ in 1 2 3 4 5; do
  t0=$(date +%s.%N); "$k" process --quiet "$tmp/one.txt" -o /dev/null; t1=$(date +%s.%N)
  "$k" process --quiet --roles "$tmp/one.txt" -o /dev/null; t2=$(date +%s.%N)
  pb=$(min "$pb" "$(secs "$t0" "$t1")"); rb=$(min "$rb" "$(secs "$t1" "$t2")")
done
awk -v a="$pb" -v b="$rb" -v b2="$(stat -c %s "$tmp/one.txt")" \
  'BEGIN{printf "-j 1 --roles: %.1f MB/s (%.2fx of plain, alternated best of 5)\n", b2/1e6/b, a/b}'
if [ "$big_mb" -gt 0 ]; then
  n=$(awk -v a="$big_mb" -v m="$mb" 'BEGIN{print int(a/m)+1}')
  for _ in $(seq "$n"); do cat "$tmp/in.txt"; done > "$tmp/big.txt"
  size=$(awk -v b="$(stat -c %s "$tmp/big.txt")" 'BEGIN{printf "%.0f", b/1e6}')
  /usr/bin/time -v "$k" process --quiet -j 16 "$tmp/big.txt" -o /dev/null 2> "$tmp/time.txt"
  rss=$(awk -F': ' '/Maximum resident/{printf "%.1f", $2/1024}' "$tmp/time.txt")
  wall=$(awk -F': ' '/Elapsed \(wall/{print $2}' "$tmp/time.txt")
  echo "$size MB input, -j 16 (default --memory): peak RSS $rss MB, wall $wall"
fi

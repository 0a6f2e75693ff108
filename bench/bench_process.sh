#!/usr/bin/env bash
# Throughput and memory of `kztext process` (the pipeline) on the
# concatenated kk + ru + en corpora: MB/s with -j 1 and -j 2 (best of 3) and
# the speed-up, then peak RSS on a ~2 GB input (/usr/bin/time -v, Debian
# package "time").
#
#   bench/bench_process.sh [BUILD_DIR] [CORPUS_DIR] [BIG_MB]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$here/build}
corpus=${2:-$here/../shared/data/corpus}
big_mb=${3:-2000}
k=$build/cli/kztext
[ -x "$k" ] || { echo "bench_process: build first ($k missing)" >&2; exit 1; }
[ -d "$corpus/kk" ] || { echo "bench_process: skipped: no corpora in $corpus" >&2; exit 0; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat "$corpus"/kk/* "$corpus"/ru/* "$corpus"/en/* > "$tmp/in.txt"
mb=$(awk -v b="$(stat -c %s "$tmp/in.txt")" 'BEGIN{printf "%.2f", b/1e6}')
echo "input: kk+ru+en corpora, $mb MB"
best() { # prints the best wall time of 3 runs of: kztext process -j $1
  local b=999999
  for _ in 1 2 3; do
    local t0 t1
    t0=$(date +%s.%N)
    "$k" process --quiet -j "$1" "$tmp/in.txt" -o /dev/null
    t1=$(date +%s.%N)
    b=$(awk -v a="$b" -v s="$t0" -v e="$t1" 'BEGIN{t=e-s; print (t<a)?t:a}')
  done
  echo "$b"
}
t1=$(best 1); t2=$(best 2)
awk -v mb="$mb" -v a="$t1" -v b="$t2" 'BEGIN{printf "-j 1: %.1f MB/s\n-j 2: %.1f MB/s (%.2fx)\n", mb/a, mb/b, a/b}'
# --roles against plain, -j 1, runs alternated so that load on the machine
# hits both alike (the gate of issue 16: at least 0.9x).
pb=999999; rb=999999
for _ in 1 2 3 4 5; do
  t0=$(date +%s.%N); "$k" process --quiet "$tmp/in.txt" -o /dev/null; t1=$(date +%s.%N)
  "$k" process --quiet --roles "$tmp/in.txt" -o /dev/null; t2=$(date +%s.%N)
  pb=$(awk -v a="$pb" -v s="$t0" -v e="$t1" 'BEGIN{t=e-s; print (t<a)?t:a}')
  rb=$(awk -v a="$rb" -v s="$t1" -v e="$t2" 'BEGIN{t=e-s; print (t<a)?t:a}')
done
awk -v mb="$mb" -v a="$pb" -v b="$rb" 'BEGIN{printf "-j 1 --roles: %.1f MB/s (%.2fx of plain, alternated best of 5)\n", mb/b, a/b}'
if [ "$big_mb" -gt 0 ] && [ -x /usr/bin/time ]; then
  n=$(awk -v a="$big_mb" -v m="$mb" 'BEGIN{print int(a/m)+1}')
  for _ in $(seq "$n"); do cat "$tmp/in.txt"; done > "$tmp/big.txt"
  size=$(awk -v b="$(stat -c %s "$tmp/big.txt")" 'BEGIN{printf "%.0f", b/1e6}')
  /usr/bin/time -v "$k" process --quiet -j 2 "$tmp/big.txt" -o /dev/null 2> "$tmp/time.txt"
  rss=$(awk -F': ' '/Maximum resident/{printf "%.1f", $2/1024}' "$tmp/time.txt")
  wall=$(awk -F': ' '/Elapsed \(wall/{print $2}' "$tmp/time.txt")
  echo "$size MB input, -j 2: peak RSS $rss MB, wall $wall"
fi

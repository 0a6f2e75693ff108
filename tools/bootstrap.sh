#!/usr/bin/env bash
# One entry point for a fresh Debian 12 machine (run as root, or with sudo
# available): installs what is missing, builds, and runs.
#
#   tools/bootstrap.sh demo    set up, build, run the main job on samples/
#   tools/bootstrap.sh check   set up, build, run every test: the normal build,
#                              the ASan+UBSan build, and each fuzz target briefly
#   tools/bootstrap.sh build   set up and build only
#   tools/bootstrap.sh deps    install the Debian packages only
#
# Environment: BUILD_DIR (default build), JOBS (default nproc),
# KZTEXT_FUZZ_SECONDS (default 10 per fuzz target; 0 skips libFuzzer runs).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
JOBS=${JOBS:-$(nproc 2>/dev/null || echo 2)}

BUILD_PKGS="build-essential cmake pkg-config libicu-dev libutf8proc-dev python3"
# Tests also need Unicode's conformance data, clang's libFuzzer runtime,
# pip/setuptools/wheel for the offline pip-install test, Dask and GNU parallel
# for the scaling tests, and what the generators read for the gen.* checks:
# unicode-data (normalization and script tables), hunspell-kk and hunspell-ru
# (the transliteration lexicon).
CHECK_PKGS="unicode-data bzip2 clang libclang-rt-14-dev python3-pip python3-setuptools python3-wheel
  python3-dask python3-distributed parallel hunspell-kk hunspell-ru"

deps() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "bootstrap: installing ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

build() {
  cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release "$@" >/dev/null
  cmake --build "$BUILD_DIR" -j "$JOBS"
}

demo() {
  local k="$BUILD_DIR/cli/kztext"
  echo "== $("$k" --version)"
  echo "== kztext process --roles --translit latin2021 samples/*.txt"
  echo "   (paragraph, language, script, Latin alphabet, confidence, role, sentence,"
  echo "    transliteration)"
  for f in samples/*.txt; do
    echo
    echo "-- $f"
    "$k" process --quiet --format tsv --roles --translit latin2021 "$f" | cut -f2,5-
  done
  echo
  echo "== kztext process --roles --keep title,body --format text samples/scraped_page.txt"
  "$k" process --quiet --roles --keep title,body --format text samples/scraped_page.txt
}

check() {
  build
  (cd "$BUILD_DIR" && ctest --output-on-failure -j "$JOBS")
  echo "== sanitizers (ASan + UBSan)"
  cmake -S . -B "$BUILD_DIR-asan" -DCMAKE_BUILD_TYPE=Debug -DKZTEXT_SANITIZE=ON -DKZTEXT_BENCH=OFF >/dev/null
  cmake --build "$BUILD_DIR-asan" -j "$JOBS"
  (cd "$BUILD_DIR-asan" && ctest --output-on-failure -j "$JOBS" -E install)
  local secs=${KZTEXT_FUZZ_SECONDS:-10}
  if [ "$secs" -gt 0 ]; then
    echo "== libFuzzer, ${secs}s per target"
    CC=clang cmake -S . -B "$BUILD_DIR-fuzz" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKZTEXT_FUZZ=ON -DBUILD_SHARED_LIBS=OFF \
      -DKZTEXT_BENCH=OFF >/dev/null
    cmake --build "$BUILD_DIR-fuzz" -j "$JOBS"
    for t in "$BUILD_DIR-fuzz"/tests/fuzz_*; do
      case "$t" in *_driver) continue ;; esac
      local corpus; corpus=$(mktemp -d)
      cp tests/fuzz/corpus/* "$corpus"/
      # Targets still finding new coverage after minutes get three times as long.
      local t_secs=$secs
      case "$(basename "$t")" in fuzz_segment|fuzz_translit|fuzz_pipeline) t_secs=$((secs * 3)) ;; esac
      echo "-- $(basename "$t") (${t_secs}s)"
      "$t" -max_total_time="$t_secs" -max_len=4096 -artifact_prefix="$BUILD_DIR-fuzz/" "$corpus" 2>&1 | tail -n 1
      rm -rf "$corpus"
    done
  fi
  # The last line CI reads: the main suite once more, briefly.
  (cd "$BUILD_DIR" && ctest -j "$JOBS" | tail -n 3)
}

case "${1:-}" in
  deps) deps $BUILD_PKGS $CHECK_PKGS ;;
  build) deps $BUILD_PKGS; build ;;
  demo) deps $BUILD_PKGS; build; demo ;;
  check) deps $BUILD_PKGS $CHECK_PKGS; check ;;
  *) echo "usage: tools/bootstrap.sh demo|check|build|deps" >&2; exit 2 ;;
esac

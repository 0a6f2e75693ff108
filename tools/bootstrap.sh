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
# KZTEXT_FUZZ_SECONDS (default 10 per fuzz target; 0 skips libFuzzer runs),
# APT_LOCK_WAIT (default 600: seconds to wait for another apt/dpkg),
# CI (when "true", a skipped test fails check: CI must run every test).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
BUILD_DIR=${BUILD_DIR:-build}
JOBS=${JOBS:-$(nproc 2>/dev/null || echo 2)}

BUILD_PKGS="build-essential cmake pkg-config libicu-dev libutf8proc-dev libmicrohttpd-dev python3"
# Tests also need Unicode's conformance data, clang's libFuzzer runtime,
# venv and pip for the offline pip-install tests (a bare venv: no setuptools
# or wheel), Dask and GNU parallel for the scaling tests, mypy for the type
# check, clang-format for the format check, and what the generators read for
# the gen.* checks: unicode-data (normalization and script tables),
# hunspell-kk and hunspell-ru (the transliteration lexicon), hunspell-en-us
# (the name lexicon's English words); chromium for the browser test of kztext
# serve's page (tests/serve/test_browser.py, which fails without it).  The
# python3-* packages are for Debian's /usr/bin/python3, the interpreter CMake
# picks for every test.
CHECK_PKGS="unicode-data bzip2 clang libclang-rt-14-dev python3-pip python3-venv python3-mypy
  python3-dask python3-distributed parallel hunspell-kk hunspell-ru hunspell-en-us clang-format
  chromium"

deps() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "bootstrap: installing ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  # Another apt or dpkg (unattended-upgrades on a fresh machine) may hold the
  # lock: apt waits for it, up to APT_LOCK_WAIT seconds, instead of failing.
  local wait=${APT_LOCK_WAIT:-600}
  echo "bootstrap: apt-get waits up to ${wait}s for the dpkg lock if another apt/dpkg holds it"
  local lock=(-o "DPkg::Lock::Timeout=$wait")
  $sudo apt-get "${lock[@]}" update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get "${lock[@]}" install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
}

# ctest in a build directory; the tests it reports as skipped are listed by
# name, and with CI=true they fail the run: CI must run every test it claims.
run_ctest() {
  local dir=$1; shift
  local log rc=0
  log=$(mktemp)
  (cd "$dir" && ctest --output-on-failure -j "$JOBS" "$@") 2>&1 | tee "$log" || rc=$?
  local skipped
  skipped=$(grep -E '^[[:space:]]*[0-9]+ - .* \((Skipped|Not Run)\)' "$log" || true)
  # The closing lines of the main suite, printed again last (what CI reads).
  if [ "$dir" = "$BUILD_DIR" ]; then grep -E 'tests passed|tests failed|Total Test time' "$log" > "$dir/.summary" || true; fi
  rm -f "$log"
  if [ -n "$skipped" ]; then
    if [ "${CI:-}" = true ]; then
      echo "bootstrap: CI=true and these tests did not run (install what they name):"
      echo "$skipped"
      return 1
    fi
    echo "bootstrap: skipped (allowed outside CI; CI=true fails on them):"
    echo "$skipped"
  fi
  return "$rc"
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
  run_ctest "$BUILD_DIR"
  echo "== sanitizers (ASan + UBSan)"
  cmake -S . -B "$BUILD_DIR-asan" -DCMAKE_BUILD_TYPE=Debug -DKZTEXT_SANITIZE=ON -DKZTEXT_BENCH=OFF >/dev/null
  cmake --build "$BUILD_DIR-asan" -j "$JOBS"
  run_ctest "$BUILD_DIR-asan" -E install
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
  # The last lines CI reads: the main suite's result, repeated.
  echo "== main suite"
  cat "$BUILD_DIR/.summary"
}

# Sourced (tests/source/test_bootstrap.py): define the functions only.
[ "${BASH_SOURCE[0]}" = "$0" ] || return 0

case "${1:-}" in
  deps) deps $BUILD_PKGS $CHECK_PKGS ;;
  build) deps $BUILD_PKGS; build ;;
  demo) deps $BUILD_PKGS; build; demo ;;
  check) deps $BUILD_PKGS $CHECK_PKGS; check ;;
  *) echo "usage: tools/bootstrap.sh demo|check|build|deps" >&2; exit 2 ;;
esac

#!/usr/bin/env python3
"""Checks (or, with --fix, applies) .clang-format on every hand-written C file.

    tools/check_format.py [--fix] [--clang-format PROGRAM]

Generated tables (src/gen/) are left as their generators write them.  Exits 1
listing the files that would change, or when clang-format is missing: the
format is a CI check, and a check that cannot run must fail, not pass."""
import argparse
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIRS = ["include", "src", "cli", "tests", "bench"]


def sources():
    for d in DIRS:
        for p in sorted((ROOT / d).rglob("*")):
            if p.suffix in (".c", ".h") and "gen" not in p.relative_to(ROOT).parts[:2]:
                yield p


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--fix", action="store_true", help="rewrite the files in place")
    ap.add_argument("--clang-format", default="clang-format")
    args = ap.parse_args()
    exe = shutil.which(args.clang_format)
    if not exe:
        print(f"check_format: {args.clang_format} not found (Debian: apt-get install clang-format)",
              file=sys.stderr)
        return 1
    files = list(sources())
    if args.fix:
        subprocess.run([exe, "-i", "--style=file", *map(str, files)], check=True)
        return 0
    bad = [f for f in files
           if subprocess.run([exe, "--dry-run", "-Werror", "--style=file", str(f)],
                             capture_output=True).returncode]
    for f in bad:
        print(f"check_format: {f.relative_to(ROOT)} is not formatted "
              f"(run tools/check_format.py --fix)", file=sys.stderr)
    print(f"check_format: {len(files) - len(bad)} of {len(files)} files formatted")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())

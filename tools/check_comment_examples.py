#!/usr/bin/env python3
"""Checks that the examples quoted in comments of src/ are our own: no
example may be a piece of an evaluation file in ../shared/data (a rule or
comment tuned to a listed dev sentence would flatter the figures).

An example is a `backticked` or "double-quoted" string in a C comment; `...`
and `…` inside it separate pieces.  A piece is checked when it has ten
characters and a space, or twelve without: words, abbreviations (`т.е.`),
punctuation runs and `example.com` are the language, not anybody's text.

Exit status 0 when no piece is found, 1 when some are (listed), 77 when the
shared data is absent (ctest: skipped).

Usage: tools/check_comment_examples.py [--data DIR] [--src DIR]
"""
import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The evaluation files: everything but the training corpora and the legacy
# encodings made from them.
EVAL_GLOBS = ("lid/*", "sent/*/*", "pages/*.tsv", "pages/raw/*", "names/*", "translit/*")
COMMENT = re.compile(r"/\*.*?\*/|//[^\n]*", re.S)
EXAMPLE = re.compile(r"`([^`]+)`|\"([^\"\n]+)\"")


def pieces(text):
    text = re.sub(r"\n\s*\*?\s?", " ", text)
    for m in EXAMPLE.finditer(text):
        for piece in re.split(r"\.\.\.|…", m.group(1) or m.group(2)):
            piece = piece.strip()
            if len(piece) >= (10 if re.search(r"\s", piece) else 12):
                yield piece


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    ap.add_argument("--src", default=str(ROOT / "src"))
    args = ap.parse_args()
    data = Path(args.data)
    files = sorted(p for g in EVAL_GLOBS for p in data.glob(g) if p.is_file())
    if not files:
        print(f"check_comment_examples: no evaluation files under {data}: skipped")
        return 77
    text = "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in files)
    src = Path(args.src)
    found = 0
    checked = 0
    for p in sorted(src.rglob("*")):
        if p.suffix not in (".c", ".h") or "gen" in p.relative_to(src).parts:
            continue
        s = p.read_text(encoding="utf-8")
        for m in COMMENT.finditer(s):
            line = s.count("\n", 0, m.start()) + 1
            for piece in pieces(m.group(0)):
                checked += 1
                if piece in text:
                    found += 1
                    print(f"{p.relative_to(src.parent)}:{line}: example found in the dev data: {piece!r}")
    print(f"check_comment_examples: {checked} examples checked, {found} found in the dev data")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())

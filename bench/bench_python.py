#!/usr/bin/env python3
"""Per-call and batched cost of the Python binding on short strings (the
words and lines of samples/), each as a ratio to a str.upper loop over the
same items in the same run, so figures from different machines compare.

  PYTHONPATH=bindings/python python3 bench/bench_python.py [--repeat N]

Not a test: speed is measured here, never asserted (docs/testing.md)."""
import argparse
import time
from pathlib import Path

import kztext

ROOT = Path(__file__).resolve().parent.parent


def items():
    words, lines = [], []
    for f in sorted((ROOT / "samples").glob("*.txt")):
        text = f.read_text(encoding="utf-8")
        words += text.split()
        lines += [l for l in text.splitlines() if l.strip()]
    return words, lines


def best(fn, n_items, repeat):
    """Seconds per item, the best of `repeat` runs (the least disturbed)."""
    runs = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - t)
    return min(runs) / n_items


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeat", type=int, default=7, help="runs per measurement (best kept)")
    ap.add_argument("--scale", type=int, default=20, help="copies of the sample items")
    args = ap.parse_args()
    words, lines = items()
    words, lines = words * args.scale, lines * max(1, args.scale // 10)
    rows = []
    for label, xs in (("word", words), ("line", lines)):
        n = len(xs)
        upper = best(lambda: [x.upper() for x in xs], n, args.repeat)
        cases = [
            ("translit, one call per item", lambda: [kztext.translit(x) for x in xs]),
            ("translit(list), batched", lambda: kztext.translit(xs)),
            ("normalize, one call per item", lambda: [kztext.normalize(x) for x in xs]),
            ("detect, one call per item", lambda: [kztext.detect(x) for x in xs]),
        ]
        rows.append((f"{label}: str.upper loop ({n} items)", upper, 1.0))
        for name, fn in cases:
            t = best(fn, n, args.repeat)
            rows.append((f"{label}: {name}", t, t / upper))
    width = max(len(r[0]) for r in rows)
    print(f"{'':{width}}  {'us/item':>8}  {'x str.upper':>11}")
    for name, t, ratio in rows:
        print(f"{name:{width}}  {t * 1e6:8.2f}  {ratio:11.1f}")


if __name__ == "__main__":
    main()

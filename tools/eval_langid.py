#!/usr/bin/env python3
"""Evaluates kztext.detect() on the language-identification dev set
(../shared/data/lid/lid-dev.tsv: label<TAB>text), per label and per length
bucket, against the gates of issue 5.

A row counts as correct when:
  kk, ru, en      lang matches (kk must also be Cyrillic); separately
                  reported: the share of these rows flagged as mixed
  kk_latn2021/... lang kk, script Latn and the variant matches
  kk_arab         lang kk, script Arab
  mixed_kk_ru     reported as mixed (both kk and ru shares)
Also reported: the share of ru rows called kk.

Usage: tools/eval_langid.py [--data DIR] [--errors N]
(needs the library: build it, or set KZTEXT_LIBRARY)
"""
import argparse
import os
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bindings" / "python"))

BUCKETS = [(0, 20, "<20"), (20, 50, "20-49"), (50, 100, "50-99"), (100, 10 ** 9, ">=100")]


def correct(label, d):
    if label in ("kk", "ru", "en"):
        return d.lang == label and (label != "kk" or d.script == "Cyrl")
    if label.startswith("kk_latn"):
        return d.lang == "kk" and d.script == "Latn" and d.variant == "latin" + label[7:]
    if label == "kk_arab":
        return d.lang == "kk" and d.script == "Arab"
    if label == "mixed_kk_ru":
        return d.mixed is not None
    return d.lang == "und"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    ap.add_argument("--errors", type=int, default=0, help="print up to N misclassified rows per label")
    args = ap.parse_args()
    path = Path(args.data) / "lid" / "lid-dev.tsv"
    if not path.exists():
        print(f"eval_langid: skipped: {path} not found")
        return 0
    import kztext

    tot = defaultdict(Counter)
    ok = defaultdict(Counter)
    errors = defaultdict(list)
    ru_as_kk = ru_total = 0
    false_mixed = Counter()
    # Rows without a single letter: "und" is the specified answer for them
    # (too little evidence), so the gates are also shown without them.
    tot_l = defaultdict(Counter)
    ok_l = defaultdict(Counter)
    for line in path.read_text(encoding="utf-8").splitlines():
        if "\t" not in line:
            continue
        label, text = line.split("\t", 1)
        d = kztext.detect(text)
        b = next(name for lo, hi, name in BUCKETS if lo <= len(text) < hi)
        good = correct(label, d)
        for key in (b, "all", "short" if len(text) < 20 else "long"):
            tot[label][key] += 1
            ok[label][key] += good
        if any(ch.isalpha() for ch in text):
            for key in ("all", "short" if len(text) < 20 else "long"):
                tot_l[label][key] += 1
                ok_l[label][key] += good
        if label in ("kk", "ru", "en") and d.mixed is not None:
            false_mixed[label] += 1
        if label == "ru":
            ru_total += 1
            ru_as_kk += d.lang == "kk"
        if not good and len(errors[label]) < args.errors:
            mixed = "" if d.mixed is None else f" mixed kk={d.mixed['kk']:.2f}"
            errors[label].append(f"  {d.lang} {d.script} {d.variant or '-'} {d.confidence:.3f}{mixed}\t{text[:150]}")

    print(f"{'label':<13}" + "".join(f"{c:>16}" for c in ["<20", "20-49", "50-99", ">=100", "all"]))
    for label in sorted(tot):
        row = f"{label:<13}"
        for c in ["<20", "20-49", "50-99", ">=100", "all"]:
            n = tot[label][c]
            row += f"{'-':>16}" if not n else f"{ok[label][c]:>5}/{n:<4} {100 * ok[label][c] / n:5.1f}%"
        print(row)
    print()
    gates = []

    def pct(label, key):
        n = tot[label][key]
        return 100.0 * ok[label][key] / n if n else None

    for label in ("kk", "ru", "en"):
        gates.append((f"{label} >=20 chars", pct(label, "long"), 99.5))
        gates.append((f"{label} <20 chars", pct(label, "short"), 95.0))
    for label in sorted(tot):
        if label.startswith("kk_latn"):
            gates.append((f"{label} (kk + variant)", pct(label, "all"), 98.0))
    gates.append(("kk_arab", pct("kk_arab", "all"), 99.0))
    gates.append(("mixed_kk_ru as mixed", pct("mixed_kk_ru", "all"), 90.0))
    for name, v, want in gates:
        if v is None:
            print(f"gate {name:<28} no rows")
        else:
            print(f"gate {name:<28} {v:6.2f}%  (>= {want}%)  {'PASS' if v >= want else 'FAIL'}")
    r = 100.0 * ru_as_kk / ru_total if ru_total else 0.0
    print(f"gate {'ru rows called kk':<28} {r:6.2f}%  (<= 0.5%)  {'PASS' if r <= 0.5 else 'FAIL'}")
    for label in ("kk", "ru", "en"):
        for key, name in (("long", ">=20"), ("short", "<20")):
            n, k = tot_l[label][key], ok_l[label][key]
            if n and n != tot[label][key]:
                print(f"info {label} {name} chars, rows with letters only: {k}/{n} = {100 * k / n:.2f}%"
                      f" ({tot[label][key] - n} rows without letters)")
    for label in ("kk", "ru", "en"):
        n = tot[label]["all"]
        if n:
            print(f"info {label} rows flagged mixed (kk/ru code-switching): "
                  f"{false_mixed[label]}/{n} = {100 * false_mixed[label] / n:.2f}%")
    for label, errs in sorted(errors.items()):
        print(f"\nerrors {label}:")
        print("\n".join(errs))
    return 0


if __name__ == "__main__":
    sys.exit(main())

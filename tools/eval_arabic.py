#!/usr/bin/env python3
"""Measures Arabic-script (töte jazu) transliteration against native
Xinjiang writing in ../shared/data/translit (issue 19).

  python3 tools/eval_arabic.py [--data DIR] [--errors N] [--no-lexicon]

Sets (word pairs, one per row):
  arabic-xinjiang-news-dev.tsv  words of native Xinjiang news with checked
                                Cyrillic; gates: Arabic -> Cyrillic >= 99%,
                                Cyrillic -> Arabic >= 98%
  arabic-native-dev.tsv         native and reference pairs; both >= 98%
Arabic -> Cyrillic is compared ignoring case (the Arabic script has none);
Cyrillic -> Arabic after NFC, U+0675-U+0678 read as hamza + letter, with ء
(U+0621) and ٴ (U+0674) counted equal.  The CLDR and MediaWiki figures are
tools/eval_translit.py --only arabic.  Needs the library (KZTEXT_LIBRARY or
build/).
"""
import argparse
import os
import sys
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "bindings", "python"))


def rows(path):
    with open(path, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        for line in f:
            cells = line.rstrip("\n").split("\t")
            if len(cells) >= 2:
                yield dict(zip(header, cells))


# the precomposed hamza letters are the hamza before the letter
SPLIT = {"\u0675": "\u0674\u0627", "\u0676": "\u0674\u0648", "\u0677": "\u0674\u06c7",
         "\u0678": "\u0674\u0649", "\u0621": "\u0674"}


def arab_key(s):
    return "".join(SPLIT.get(c, c) for c in unicodedata.normalize("NFC", s))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=os.path.join(ROOT, "..", "shared", "data"))
    ap.add_argument("--errors", type=int, default=0, help="print up to N errors per set")
    ap.add_argument("--no-lexicon", action="store_true", help="the rules alone")
    a = ap.parse_args()
    gold = os.path.join(a.data, "translit")
    if not os.path.isdir(gold):
        print(f"skipped: no gold data at {gold}")
        return 0
    from translit_rules import converter
    T = converter(a.no_lexicon)
    failed = False
    for name, gate in (("arabic-xinjiang-news-dev.tsv", (99.0, 98.0)),
                       ("arabic-native-dev.tsv", (98.0, 98.0))):
        path = os.path.join(gold, name)
        if not os.path.exists(path):
            print(f"skipped: {path} is missing")
            continue
        pairs = [(r["arabic"], r["cyrillic"]) for r in rows(path)]
        # one call per direction: the words go through as lines
        to_cyr = T("\n".join(p[0] for p in pairs), "cyrillic", "arabic").split("\n")
        to_arab = T("\n".join(p[1] for p in pairs), "arabic", "cyrillic").split("\n")
        for label, got, want, same, g in (
                ("Arabic -> Cyrillic", to_cyr, [p[1] for p in pairs],
                 lambda x, y: x.lower() == y.lower(), gate[0]),
                ("Cyrillic -> Arabic", to_arab, [p[0] for p in pairs],
                 lambda x, y: arab_key(x) == arab_key(y), gate[1])):
            bad = [(w, x) for x, w in zip(got, want) if not same(x, w)]
            ok = len(want) - len(bad)
            pct = 100.0 * ok / len(want)
            failed |= pct < g
            print(f"{name:<30} {label:<19} {ok:>4}/{len(want):<4} {pct:7.2f}%  "
                  f"(gate {g:g}%{'' if pct >= g else ': MISSED'})")
            for w, x in bad[: a.errors]:
                print(f"    want {w}  got {x}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

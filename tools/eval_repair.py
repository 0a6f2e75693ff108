#!/usr/bin/env python3
"""Evaluates kztext's repairs and legacy decoding on ../shared/data.

1. Legacy gate: every file in DATA/legacy is decoded with `kztext decode
   --from auto` and compared byte for byte with its UTF-8 reference
   (NAME.utf8.txt beside it, or LANG.utf8.txt for the Kazakh samples; a
   mojibake sample may hold only the first bytes of its reference, so a
   sample is restored exactly when its output is a prefix ending at a line
   or equal; files without a reference are compared with CPython's codec
   named in the file name).
2. Repairs over every corpus in DATA/corpus: each repair alone, listing
   every word it changed (grouped, with counts) for review; then the
   default set, checked for idempotency (a second pass changes nothing).

Usage: tools/eval_repair.py [--data DIR] [--cli PATH] [--list N] [--out FILE]
Needs a build (build/cli/kztext and build/src/libkztext.so, or KZTEXT_CLI /
KZTEXT_LIBRARY).  Skips with a message when the data is absent.
"""
import argparse
import collections
import os
import subprocess
import sys
import unicodedata
from pathlib import Path

root = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(root / "bindings/python"))

ap = argparse.ArgumentParser()
ap.add_argument("--data", default=str(root.parent / "shared/data"))
ap.add_argument("--cli", default=os.environ.get("KZTEXT_CLI", str(root / "build/cli/kztext")))
ap.add_argument("--list", type=int, default=1000000, help="at most N groups per repair")
ap.add_argument("--out", help="write the report here (default stdout)")
args = ap.parse_args()
data = Path(args.data)
if not (data / "legacy").is_dir() or not (data / "corpus").is_dir():
    print(f"skipped: {data}/legacy or {data}/corpus not found (use --data)")
    sys.exit(0)

import kztext  # noqa: E402

out = open(args.out, "w", encoding="utf-8") if args.out else sys.stdout
fails = 0

# ---- 1. legacy gate -------------------------------------------------------
print("== legacy decoding (kztext decode --from auto)", file=out)
legacy = data / "legacy"
codecs = {"cp1251": "cp1251", "koi8r": "koi8_r", "rk1048": "kz1048", "pt154": "ptcp154"}
for f in sorted(legacy.iterdir()):
    parts = f.name.split(".")
    ref = None
    for cand in (f.with_name(".".join(parts[:-1]) + ".utf8.txt"), legacy / f"{parts[0]}.utf8.txt"):
        if cand != f and cand.exists() and not f.name.endswith(".utf8.txt"):
            ref = cand.read_bytes()
            break
    if f.name.endswith(".utf8.txt"):
        ref = f.read_bytes()
    if ref is None:
        enc = next((codecs[p] for p in parts if p in codecs), None)
        if enc is None:
            print(f"  {f.name}: no reference, skipped", file=out)
            continue
        ref = f.read_bytes().decode(enc).encode()
    r = subprocess.run([args.cli, "decode", "--from", "auto", "--report", str(f)],
                       capture_output=True)
    got = r.stdout
    info = r.stderr.decode().strip().split(": ", 1)[-1]
    if r.returncode == 0 and got == ref:
        verdict = "exact"
    elif r.returncode == 0 and len(got) > 0 and ref.startswith(got):
        # The UTF-8 mojibake sample was made from the first part of the text.
        verdict = f"exact (sample = first {len(got)} of {len(ref)} reference bytes)"
    else:
        verdict = "MISMATCH"
        fails += 1
    print(f"  {f.name}: {info}: {verdict}", file=out)

# ---- 2. repairs over the corpora -------------------------------------------
def show(s):
    return "".join(c if c.isprintable() and c != " " or c == " " else f"<U+{ord(c):04X}>"
                   for c in s)


def changed_words(a, b):
    """Pairs (old, new) of whitespace tokens that differ between lines a, b."""
    al, bl = a.split("\n"), b.split("\n")
    if len(al) != len(bl):
        return [("<line count %d>" % len(al), "<%d>" % len(bl))]
    res = []
    for x, y in zip(al, bl):
        if x == y:
            continue
        xt, yt = x.split(" "), y.split(" ")
        if len(xt) == len(yt):
            res += [(p, q) for p, q in zip(xt, yt) if p != q]
        else:
            res.append((x, y))
    return res


# What the invisible and spaces repairs act on, by character, from the
# same table the library is generated from.
acts = {}
for line in open(root / "data/repair/invisible.tsv", encoding="utf-8"):
    if line.startswith("#") or not line.strip():
        continue
    a, b, act, note = line.rstrip("\n").split("\t")
    for cp in range(int(a, 16), int(b, 16) + 1):
        acts[chr(cp)] = (act, note)


def tally(text):
    """Counter of (repair, what) the invisible/spaces repairs would act on."""
    c = collections.Counter()
    for ch in text:
        if ch in acts:
            act, note = acts[ch]
            kind = "spaces" if act in ("space", "newline") else "invisible"
            c[(kind, f"U+{ord(ch):04X} {note} ({act})")] += 1
    c[("spaces", "CR (newline)")] = text.count("\r") - text.count("\r\n")
    c[("spaces", "CR LF (newline)")] = text.count("\r\n")
    import re
    c[("spaces", "runs of 2+ spaces (collapsed)")] = len(re.findall("  +", text))
    return +c


files = sorted(p for p in (data / "corpus").rglob("*") if p.is_file())
kinds = collections.Counter()
for p in files:
    for (kind, what), n in tally(p.read_bytes().decode("utf-8", "replace")).items():
        kinds[(kind, p.parent.name, what)] += n
total_bytes = sum(p.stat().st_size for p in files)
print(f"\n== repairs over {len(files)} corpus files ({total_bytes} bytes)", file=out)
summary = collections.Counter()
for name in ("homoglyphs", "invisible", "spaces", "mojibake"):
    groups = collections.Counter()
    count = 0
    for p in files:
        text = p.read_bytes().decode("utf-8", "replace")
        fixed, rep = kztext.repair(text, name, invalid="replace", report=True)
        count += rep[name]
        if fixed != text:
            for old, new in changed_words(text.replace("\r\n", "\n") if name == "spaces" else text,
                                          fixed):
                groups[(p.parent.name, old, new)] += 1
    summary[name] = count
    print(f"\n-- {name}: {count} changes reported, {sum(groups.values())} changed words "
          f"({len(groups)} distinct)", file=out)
    for (kind, corpus, what), n in sorted(kinds.items()):
        if kind == name:
            print(f"  acted on in {corpus}: {what} x{n}", file=out)
    for (corpus, old, new), n in groups.most_common(args.list):
        print(f"  {corpus}\t{n}\t{show(old)[:120]}\t->\t{show(new)[:120]}", file=out)

print("\n-- idempotency of the default set (repair twice)", file=out)
for p in files:
    text = p.read_bytes().decode("utf-8", "replace")
    once = kztext.repair(text, True, invalid="replace")
    twice = kztext.repair(once, True)
    ok = once == twice
    fails += not ok
    print(f"  {p.parent.name}/{p.name}: {'idempotent' if ok else 'NOT IDEMPOTENT'}", file=out)
for f in sorted(legacy.glob("*read-as*")):
    text = kztext.decode(f.read_bytes()).text
    once = kztext.repair(text, True)
    ok = once == kztext.repair(once, True) and kztext.repair(f.read_text(), True) == once
    fails += not ok
    print(f"  legacy/{f.name}: {'idempotent' if ok else 'NOT IDEMPOTENT'}", file=out)

# ---- 3. synthetic legacy text from the corpora ------------------------------
# Random chunks of the Kazakh and Russian news corpora (1, 3 and 20 lines),
# encoded in each codepage and turned into each kind of mojibake, must come
# back exactly from `decode --from auto` (through the Python binding).
import random  # noqa: E402

rng = random.Random(2)


def lines_of(lang):
    p = next((data / "corpus" / lang).glob("*gov-news*"), None)
    if p is None:
        return []
    return [ln for ln in p.read_text(encoding="utf-8").splitlines(True) if len(ln) > 40]


def u8moj(s):
    return "".join("\ufffd" if b == 0x98 else bytes([b]).decode("cp1251") for b in s.encode())


print("\n== synthetic legacy text (random corpus chunks; exact restorations)", file=out)
pools = {lang: lines_of(lang) for lang in ("kk", "ru")}
res = collections.Counter()
for nlines in (1, 3, 20):
    for lang, pool in pools.items():
        if not pool:
            continue
        for _ in range(100):
            text = "".join(rng.sample(pool, nlines))
            trials = [("mojibake utf-8", u8moj(text).encode())]
            for codec, label in (("kz1048", "rk1048"), ("ptcp154", "pt154"), ("cp1251", "cp1251"),
                                 ("koi8_r", "koi8-r"), ("cp866", "ibm866"), ("iso8859_5", "iso-8859-5")):
                try:
                    b = text.encode(codec)
                except UnicodeEncodeError:
                    continue
                trials.append((label, b))
                if codec in ("kz1048", "ptcp154"):
                    trials.append((f"mojibake {label}", b.decode("cp1251", "replace").encode()))
            for label, b in trials:
                if b == text.encode():
                    continue
                ok = kztext.decode(b, invalid="replace").text == text
                res[(lang, nlines, label, ok)] += 1
for key in sorted({k[:3] for k in res}):
    good, n = res[key + (True,)], res[key + (True,)] + res[key + (False,)]
    print(f"  {key[0]} {key[1]:2d} line(s) {key[2]:18s} {good:4d}/{n}", file=out)
good = sum(v for k, v in res.items() if k[3])
print(f"  total {good}/{sum(res.values())} restored exactly", file=out)

print(f"\nsummary: {dict(summary)}; failures: {fails}", file=out)
sys.exit(1 if fails else 0)

#!/usr/bin/env python3
"""Measures the press scheme and the name key (issue 15).

  python3 tools/eval_names.py [--data DIR] [--errors N]

Gates: on names/press-names-dev.tsv, --from press --to cyrillic
(cyrillic-ru for rows of form ru) exact >= 90%; name key of the romanized
and the Cyrillic spelling equal >= 98%; press forward equal to the press
spelling up to the documented variants (docs/transliteration.md, "press")
>= 85%.  Collisions (pairs of distinct names of the lexicon, and of distinct
Cyrillic words of corpus/kk, with equal keys) <= 0.5%.  --from press over
corpus/en changes only capitalised words and no common English word.
Skips with a message when ../shared/data is absent.  Needs the built
library (KZTEXT_LIBRARY or build/).
"""
import argparse
import collections
import os
import re
import sys
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "bindings", "python"))
sys.path.insert(0, os.path.join(ROOT, "tools"))


def rows(path):
    with open(path, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        for line in f:
            yield dict(zip(header, line.rstrip("\n").split("\t")))


def variant_norm(s):
    """The press variants docs/transliteration.md lists, folded: q/k, j/zh,
    gh/g, doubled letters, y/i after a vowel (Aigerim, Aygerim), ye/e."""
    s = s.lower().replace("q", "k").replace("zh", "j").replace("gh", "g")
    s = re.sub(r"([aeiou])y", r"\1i", s)
    s = re.sub(r"(^|[aeiou\W])ye", r"\1e", s)
    return re.sub(r"(.)\1", r"\1", s)


def pair_rate(keys):
    """Share of pairs of distinct items with equal keys, and examples."""
    groups = collections.defaultdict(list)
    for item, k in keys.items():
        groups[k].append(item)
    n = len(keys)
    same = sum(len(g) * (len(g) - 1) // 2 for g in groups.values())
    total = n * (n - 1) // 2
    ex = sorted((g for g in groups.values() if len(g) > 1), key=len, reverse=True)
    return same, total, ex


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=os.path.join(ROOT, "..", "shared", "data"))
    ap.add_argument("--errors", type=int, default=10)
    a = ap.parse_args()
    if not os.path.isdir(a.data):
        print(f"eval_names: {a.data} is absent; nothing measured")
        return 0
    if "KZTEXT_LIBRARY" not in os.environ:
        os.environ["KZTEXT_LIBRARY"] = os.path.join(ROOT, "build", "src", "libkztext.so")
    import kztext
    T, K = kztext.translit, kztext.name_key
    nfc = lambda s: unicodedata.normalize("NFC", s)  # noqa: E731
    path = os.path.join(a.data, "names", "press-names-dev.tsv")
    rs = list(rows(path))
    ok1 = ok2 = ok3 = 0
    bad1, bad2, bad3 = [], [], []
    for r in rs:
        lat, cyr = nfc(r["romanized"]), nfc(r["cyrillic"])
        to = "cyrillic-ru" if r["form"] == "ru" else "cyrillic"
        got = T(lat, to=to, source="press")
        ok1 += got == cyr
        if got != cyr:
            bad1.append((lat, got, cyr))
        k1, k2 = K(lat), K(cyr)
        ok2 += k1 == k2
        if k1 != k2:
            bad2.append((lat, cyr, k1, k2))
        fw = T(cyr, to="press", source="cyrillic")
        ok3 += variant_norm(fw) == variant_norm(lat)
        if variant_norm(fw) != variant_norm(lat):
            bad3.append((cyr, fw, lat))
    n = len(rs)
    print(f"press -> cyrillic exact: {ok1}/{n} = {100 * ok1 / n:.1f}% (gate >= 90%)")
    for x in bad1[:a.errors]:
        print("   ", *x, sep="  ")
    print(f"key romanized == key cyrillic: {ok2}/{n} = {100 * ok2 / n:.1f}% (gate >= 98%)")
    for x in bad2[:a.errors]:
        print("   ", *x, sep="  ")
    print(f"press forward == press spelling (variants folded): {ok3}/{n} = {100 * ok3 / n:.1f}%"
          " (gate >= 85%)")
    for x in bad3[:a.errors]:
        print("   ", *x, sep="  ")

    import gen_name_lexicon as g
    names = set()
    for w in g.dic_entries(g.KK, "utf-8"):
        w = w.translate(g.LATIN_TO_CYR)
        if w[:1].isupper() and g.CYR.match(w.lower()):
            names.add(w)
    with open(os.path.join(ROOT, "data", "names", "elements.txt"), encoding="utf-8") as f:
        names |= {x.split("#")[0].strip().capitalize() for x in f if x.split("#")[0].strip()}
    same, total, ex = pair_rate({w: K(w) for w in names})
    print(f"lexicon name pairs with equal keys: {same}/{total} = {100 * same / max(total, 1):.3f}%"
          " (gate <= 0.5%)")
    print("    e.g.", "; ".join(" = ".join(e) for e in ex[:5]))
    words = set()
    kk = os.path.join(a.data, "corpus", "kk")
    for fn in sorted(os.listdir(kk)):
        with open(os.path.join(kk, fn), encoding="utf-8", errors="replace") as f:
            words |= set(re.findall(r"[А-Яа-яЁёӘәӨөҮүҰұІіҚқҒғҢңҺһ]+", f.read()))
    same, total, ex = pair_rate({w: K(w) for w in words})
    print(f"corpus/kk word pairs with equal keys ({len(words)} words): {same}/{total} = "
          f"{100 * same / max(total, 1):.4f}% (gate <= 0.5%)")
    print("    e.g.", "; ".join(" = ".join(e[:4]) for e in ex[:5]))

    english = {w for w in g.dic_entries(g.EN, "latin-1") if re.fullmatch("[a-z]+", w)}
    en = os.path.join(a.data, "corpus", "en")
    changed = collections.Counter()
    nwords = 0
    for fn in sorted(os.listdir(en)):
        with open(os.path.join(en, fn), encoding="utf-8", errors="replace") as f:
            for line in f:
                out = T(line, to="cyrillic", source="press")
                if out == line:
                    nwords += len(line.split())
                    continue
                a_w, b_w = line.split(), out.split()
                nwords += len(a_w)
                for x, y in zip(a_w, b_w):
                    if x != y:
                        changed[x] += 1
    common = [w for w in changed if re.sub(r"\W", "", w).lower() in english]
    lower = [w for w in changed if not w[:1].isupper()]
    print(f"corpus/en under --from press: {sum(changed.values())} of {nwords} words changed, "
          f"{len(common)} common English words, {len(lower)} not capitalised")
    print("    changed:", ", ".join(w for w, _ in changed.most_common(25)))
    if common:
        print("    common English:", ", ".join(common[:20]))

    # Kazakh names as Kazakh news writes them: the capitalised words inside
    # sentences of corpus/kk (two occurrences or more), through press and
    # back; a measure of the reading rules, not a gate
    caps = collections.Counter()
    for fn in sorted(os.listdir(kk)):
        with open(os.path.join(kk, fn), encoding="utf-8", errors="replace") as f:
            caps.update(re.findall(r"(?<=[а-яәғқңөұүһі,] )[А-ЯӘҒҚҢӨҰҮҺІ][а-яәғқңөұүһі]{2,}",
                                   f.read()))
    names = [w for w, c in caps.most_common() if c >= 2]
    back = T(T("\n".join(names), to="press", source="cyrillic"), to="cyrillic",
             source="press").split("\n")
    same = sum(x == y for x, y in zip(names, back))
    print(f"corpus/kk capitalised words, Cyrillic -> press -> Cyrillic: {same}/{len(names)} = "
          f"{100 * same / max(len(names), 1):.1f}% exact (no gate)")
    # ...and given name + surname pairs (a surname or patronymic ending), read in context
    pairs = collections.Counter()
    for fn in sorted(os.listdir(kk)):
        with open(os.path.join(kk, fn), encoding="utf-8", errors="replace") as f:
            pairs.update(re.findall(r"[А-ЯӘҒҚҢӨҰҮҺІ][а-яәғқңөұүһі]{2,} [А-ЯӘҒҚҢӨҰҮҺІ][а-яәғқңөұүһі]{2,}"
                                    r"(?:ов|ев|ова|ева|ин|ина|ұлы|қызы)\b", f.read()))
    full = list(pairs)
    back = T(T("\n".join(full), to="press", source="cyrillic"), to="cyrillic",
             source="press").split("\n")
    same = sum(x == y for x, y in zip(full, back))
    print(f"corpus/kk name pairs (given + surname), Cyrillic -> press -> Cyrillic: {same}/{len(full)}"
          f" = {100 * same / max(len(full), 1):.1f}% exact (no gate)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Generates src/gen/translit_lexicon.inc: the Latin -> Cyrillic lexicon.

Source: the stems of Debian's hunspell-kk word list (/usr/share/hunspell/
kk_KZ.dic, UTF-8 with BOM and CRLF; GPL-2+ or LGPL-2.1+ or MPL-1.1+, see
data/translit/README.md).  For each stem and for latin2021 and latin2018,
the stem is converted to Latin with kztext and back with the rules alone
(build/tools/kztext-translit-rules, --rules), by itself and before common Kazakh suffixes;
the stems the rules get wrong become entries, keyed by their lower-case
Latin spelling.  An entry whose key also begins
another stem's spelling that it would spoil applies to whole words only.

Needs a built libkztext (the rules live in C):
  python3 tools/gen_translit_lexicon.py [--dic PATH] [--lib build/src/libkztext.so] [--check]
(--check: exit 1 if the .inc differs from a fresh run; CI runs it)
"""
import argparse
import bisect
import os
import re
import sys

import genlib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RULES = None  # the rules-only converter, set in main()
CYR = re.compile("^[аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя-]+$")


def convert(kz, words, to, src, lexicon=True):
    # one call for all words: they are separated by newlines, which pass through
    text = "\n".join(words)
    if lexicon:
        out = kz.translit(text, to=to, source=src)
    else:  # the rules alone: the tools-only program (tools/translit_rules.py)
        out = RULES(text, to, src)
    res = out.split("\n")
    assert len(res) == len(words)
    return res


BACK = set("аоұыуяё")
VOWELS = set("аәеёиоөуұүыіэюя")
VOICELESS = set("кқпстфхцчшщбвгғд")  # the consonants that take -тар, -ты, -қа (hunspell-kk's .aff)
# Kazakh suffixes as (back, front) forms; the variants after a vowel and
# after a consonant.  Rules such as "ıa + a suffix that follows vowels is
# ия" look past the stem, so a stem is tested before each of these too.
AFTER_VOWEL = [("лар", "лер"), ("ны", "ні"), ("сы", "сі"), ("ға", "ге"), ("да", "де"),
               ("дан", "ден"), ("мен", "мен"), ("лық", "лік"), ("шы", "ші"), ("шыл", "шіл"),
               ("мыз", "міз"), ("ның", "нің"), ("лы", "лі"), ("сыз", "сіз"), ("ң", "ң")]


def after_consonant(last):
    v = last in VOICELESS
    son = last in "лмнңрйу"
    return [("тар", "тер") if v else ("дар", "дер") if not son or last in "мнң" else ("лар", "лер"),
            ("ы", "і"), ("ты", "ті") if v else ("ды", "ді"), ("қа", "ке") if v else ("ға", "ге"),
            ("та", "те") if v else ("да", "де"), ("пен", "пен") if v else ("мен", "мен"),
            ("тық", "тік") if v else ("дық", "дік"), ("шы", "ші"), ("ым", "ім"), ("ың", "ің")]


def suffixed(stem):
    """The stem before common Kazakh suffixes (back or front by its last vowel)."""
    vs = [c for c in stem if c in VOWELS]
    if not vs or stem[-1] in "ьъ-":
        return []
    b = 0 if vs[-1] in BACK else 1
    forms = AFTER_VOWEL if stem[-1] in VOWELS else after_consonant(stem[-1])
    # ш+шы reads as щы (the rules' şş): a rule question for -шы words, which
    # are rare, and no reason to key the 800 stems in ш
    return [stem + f[b] for f in forms if not (stem[-1] == f[b][0] == "ш")]


def context_failures(kz, words, scheme):
    """Stems that the rules spell right alone but wrong before a suffix."""
    forms, owner = [], []
    for x in words:
        for f in suffixed(x):
            forms.append(f)
            owner.append(x)
    lat = [x.lower() for x in convert(kz, forms, scheme, "cyrillic")]
    back = convert(kz, lat, "cyrillic", scheme, lexicon=False)
    return {o for o, b in zip(owner, back) if not b.startswith(o)}


UNDOTTED = 3  # the priority of undotted() entries


def undotted(kz, stems):
    """latin2021 typed without İ, which few keyboards have: a word that
    starts with И then starts with I, which the alphabet reads as І (the
    rules keep І where they have no better guess: to_cyrillic.c,
    capital_i).  Each Russian stem in и, capitalized and spelled so, alone
    and before the common suffixes, is read back by the rules; the
    converters key a capital I as ı, and the stems read wrong are returned
    as build()'s extra (key, stem, UNDOTTED, rules right: 2 alone and
    suffixed, 1 alone only, 0 not alone)."""
    # Russian stems only: Kazakh ones in и (ине, иле-) are spelled as
    # Kazakh words in і are, before the verb endings that no list here has
    # (іне, ілетін)
    words = [x for x, p in stems if x.startswith("и") and p == 1]
    lat = [x.lower() for x in convert(kz, words, "latin2021", "cyrillic")]
    back = convert(kz, ["I" + l[1:] for l in lat], "cyrillic", "latin2021", lexicon=False)
    forms, owner = [], []
    for k, x in enumerate(words):
        for f in suffixed(x):
            forms.append(f)
            owner.append(k)
    flat = [x.lower() for x in convert(kz, forms, "latin2021", "cyrillic")]
    fback = convert(kz, ["I" + l[1:] for l in flat], "cyrillic", "latin2021", lexicon=False)
    ctx = {owner[i] for i, b in enumerate(fback) if not b.startswith("И" + words[owner[i]][1:])}
    # Kazakh words in і, with their suffixes (істер: іс-тер): no entry may
    # begin one of them, which it would spoil
    own = [x for x, p in stems if x.startswith("і") and p == 0]
    own += [f for x in own for f in suffixed(x)]
    taken = sorted(x.lower() for x in convert(kz, own, "latin2021", "cyrillic"))
    out = []
    for k, (x, l, b) in enumerate(zip(words, lat, back)):
        key = "ı" + l[1:]
        i = bisect.bisect_left(taken, key)
        if l.startswith("i") and not (i < len(taken) and taken[i].startswith(key)):
            ok = b == "И" + x[1:]
            out.append((key, x, UNDOTTED, 2 if ok and k not in ctx else int(ok)))
    return out


S_KEY = 6  # shorter spellings with s are names' too (vise: Висенте, musin: Мусин)


def spelled_s(kz, stems, kazakh):
    """latin2021 with s for ц, a convention of converters (qazlatyn-db) and
    of the 2018 draft, where kztext writes ts: each stem with ц is spelled
    so, its pieces between ц converted alone, and read back by the rules,
    alone and before the common suffixes; the stems read wrong are
    returned as build()'s extra (key, stem, priority, rules right).  No key
    begins a word of `kazakh` (stems without ц) or one of its suffixed
    forms: s is common in Kazakh, ц is not."""
    words = [(x, p) for x, p in stems if "ц" in x and p < 2]

    def s_forms(forms):
        pieces = sorted({q for f in forms for q in f.split("ц")})
        lat = dict(zip(pieces, convert(kz, pieces, "latin2021", "cyrillic")))
        return ["s".join(lat[q] for q in f.split("ц")).lower() for f in forms]

    lat = s_forms([x for x, _ in words])
    back = convert(kz, lat, "cyrillic", "latin2021", lexicon=False)
    forms, owner = [], []
    for k, (x, _) in enumerate(words):
        for f in suffixed(x):
            forms.append(f)
            owner.append(k)
    fback = convert(kz, s_forms(forms), "cyrillic", "latin2021", lexicon=False)
    ctx = {owner[i] for i, b in enumerate(fback) if not b.startswith(words[owner[i]][0])}
    own = [x for x in kazakh if "ц" not in x]
    own += [f for x in own for f in suffixed(x)]
    taken = sorted(x.lower() for x in convert(kz, own, "latin2021", "cyrillic"))
    out = []
    for k, ((x, p), l, b) in enumerate(zip(words, lat, back)):
        i = bisect.bisect_left(taken, l)
        if len(l) >= S_KEY and not (i < len(taken) and taken[i].startswith(l)):
            ok = b == x
            out.append((l, x, p, 2 if ok and k not in ctx else int(ok)))
    return out


def build(kz, stems, scheme, name_forms=None, extra=()):
    """stems: list of (stem, priority); Kazakh stems come first (priority 0).
    name_forms: {Russian-form name: its Kazakh form} (kazakh_name_forms()).
    extra: more (key, stem, priority, rules right) (undotted())."""
    words = [x for x, _ in stems]
    lat = [x.lower() for x in convert(kz, words, scheme, "cyrillic")]
    back = convert(kz, lat, "cyrillic", scheme, lexicon=False)
    ctx = context_failures(kz, [s for s, b in zip(words, back) if b == s], scheme)
    by_key = {}
    kazakh_form = {}
    for (s, prio), l, b in zip(stems, lat, back):
        if l:
            # 2: the rules spell it right alone and before suffixes; 1: alone only
            by_key.setdefault(l, []).append((prio, s, 2 if b == s and s not in ctx else b == s))
            if name_forms and s in name_forms:
                kazakh_form[l] = name_forms[s]
    for key, s, prio, ok in extra:
        by_key.setdefault(key, []).append((prio, s, ok))
    keys_sorted = sorted(by_key)

    def best(key):
        if key in kazakh_form:
            return kazakh_form[key]
        cands = by_key[key]
        if any(c[2] == 2 for c in cands):
            return None  # the rules already spell one of these words right
        alone = [c for c in cands if c[2]]
        return min(alone or cands)[1]

    def value(key):
        cands = by_key[key]
        top = max(c[2] for c in cands)
        return min(c for c in cands if c[2] == top)[1]

    result = {}
    queue = [k for k in keys_sorted if best(k) is not None]
    # the output bound (3 bytes of Cyrillic per byte of Latin) must hold
    queue = [k for k in queue if len(best(k).encode()) <= 3 * len(k.encode())]
    for k in queue:
        # a short Russian stem would shadow Kazakh words as a prefix (эльба: елбасы);
        # so would one with ц under S_KEY letters where the scheme spells ц as s
        # (latin2018: зайца, zaısa, would take Зайсан); combining forms (priority 2,
        # data/translit/loan_prefixes.txt) are prefixes
        short_ru = min(by_key[k])[0] == 1 and (
            len(k) < 5 or (scheme == "latin2018" and "ц" in best(k) and len(k) < S_KEY))
        result[k] = (best(k), short_ru)
    qi = 0
    while qi < len(queue):
        key = queue[qi]
        qi += 1
        stem, whole = result[key]
        if whole:
            continue
        i = bisect.bisect_right(keys_sorted, key)
        spoiled = []
        while i < len(keys_sorted) and keys_sorted[i].startswith(key):
            other = keys_sorted[i]
            if not value(other).startswith(stem) and other not in result:
                spoiled.append(other)
            i += 1
        if len(spoiled) > 40:
            result[key] = (stem, True)  # too many to shield: whole words only
            continue
        for other in spoiled:
            # a shield: the longer word keeps its own spelling
            result[other] = (value(other), False)
            queue.append(other)
    return result


def emit_trie(w, name, entries, depth_first=False):
    # nodes in breadth-first order so that each node's children are contiguous
    # and sorted by label; depth_first=True places each children block just
    # before the blocks of their own subtrees, so that a walk down the trie
    # reads memory that lies close together (tools/gen_arabic_lexicon.py)
    keys = sorted((k.encode("utf-8"), v) for k, v in entries.items())
    root = {}
    for kb, v in keys:
        node = root
        for b in kb:
            node = node.setdefault(b, {})
        node[None] = v
    order = [(0, root)]
    nodes = []  # (label, dict)
    nodes.append((0, root))
    queue = [root]
    first = {}
    qi = 0
    if depth_first:
        # the root's children first (the root tables index them 1..n), then
        # each subtree in order
        stack = [root]
        while stack:
            nd = stack.pop()
            kids = sorted(k for k in nd if k is not None)
            first[id(nd)] = len(nodes)
            for b in kids:
                nodes.append((b, nd[b]))
            stack.extend(nd[b] for b in reversed(kids))
        queue = []
    while qi < len(queue):
        nd = queue[qi]
        qi += 1
        first[id(nd)] = len(nodes)
        for b in sorted(k for k in nd if k is not None):
            nodes.append((b, nd[b]))
            queue.append(nd[b])
    del order
    pool = bytearray()
    rows = []
    for label, nd in nodes:
        nchild = sum(1 for k in nd if k is not None)
        assert nchild < 64  # UTF-8: at most 26 ASCII letters and a few lead bytes
        val = vlen = whole = 0
        if None in nd:
            stem, wh = nd[None]
            sb = stem.encode("utf-8")
            val = len(pool) + 1
            vlen = len(sb)
            assert vlen < 128
            pool += sb
            whole = 1 if wh else 0
        first_i = first[id(nd)] if nchild else 0
        assert first_i < (1 << 20) and val < (1 << 22)
        # label 8 | nchild 6 | whole 1 | vlen 7 | first 20 | val 22
        rows.append("0x%xu" % (label | nchild << 8 | whole << 14 | vlen << 15 | first_i << 22
                               | val << 42))
    w("static const uint64_t %s_nodes[%d] = {" % (name, len(rows)))
    for i in range(0, len(rows), 8):
        w(",".join(rows[i:i + 8]) + ",")
    w("};")
    root = [0] * 256
    for idx in range(1, 1 + sum(1 for k in nodes[0][1] if k is not None)):
        root[nodes[idx][0]] = idx
    w("/* the root's children by first byte (0 = none) */")
    w("static const uint32_t %s_root[256] = {" % name)
    for i in range(0, 256, 16):
        w(",".join(str(x) for x in root[i:i + 16]) + ",")
    w("};")
    # second level: for each child of the root, its children by byte
    nroot = sum(1 for k in nodes[0][1] if k is not None)
    w("/* the root's grandchildren: [root child index - 1][byte] (0 = none) */")
    w("static const uint32_t %s_l2[%d][256] = {" % (name, max(nroot, 1)))
    for idx in range(1, nroot + 1):
        nd = nodes[idx][1]
        row = [0] * 256
        fc = first[id(nd)]
        for k, b in enumerate(sorted(x for x in nd if x is not None)):
            row[b] = fc + k
        w("{" + ",".join(str(x) for x in row) + "},")
    if nroot == 0:
        w("{0},")
    w("};")
    w("static const char %s_pool[%d] =" % (name, len(pool) + 1))
    # the pool holds lower-case Cyrillic and hyphens only: plain UTF-8 text,
    # cut between characters, is a quarter of the size of hex escapes
    text = pool.decode("utf-8")
    assert '"' not in text and "\\" not in text and "?" not in text
    for i in range(0, len(text), 60):
        w('"' + text[i:i + 60] + '"')
    if not pool:
        w('  ""')
    w(";")


def kazakh_name_forms(dic):
    """{name: Kazakh form} for the names that hunspell-kk has in their
    Russian spelling, with у for ұ ү (Мурат), and in the Kazakh one too,
    or data/names/elements.txt has that (мұрат).  latin2021 writes ұ ū
    and у u, and writers often drop the macron in names (Murat): in
    Kazakh Latin the Kazakh form is meant.  (hunspell-ru's names are not
    used: they hold places of the same spelling, Тула.)"""
    fold = str.maketrans("ұү", "уу")
    with open(dic, encoding="utf-8-sig") as f:
        entries = [l.split("/")[0].strip() for l in f.read().split("\n")[1:]]
    names = {x.lower() for x in entries if x[:1].isupper()}
    kazakh = {x.lower() for x in entries}
    with open(os.path.join(ROOT, "data", "names", "elements.txt"), encoding="utf-8") as f:
        kazakh |= {l.split("#")[0].strip() for l in f}
    return {k.translate(fold): k for k in sorted(kazakh)
            if len(k) >= 4 and CYR.match(k) and k.translate(fold) != k and k.translate(fold) in names}


def read_stems(dic, ru_dic):
    """(stem, priority): hunspell-kk stems (0), hunspell-ru nouns and names
    (1, if ru_dic exists), combining forms (2); also used by
    tools/gen_arabic_lexicon.py."""
    with open(dic, encoding="utf-8-sig") as f:
        lines = f.read().split("\n")
    kk = sorted({l.split("/")[0].strip().lower() for l in lines[1:] if l.strip()})
    kk = [x for x in kk if CYR.match(x) and len(x) >= 2]
    ru = []
    if os.path.exists(ru_dic):
        with open(ru_dic, encoding="utf-8-sig") as f:
            lines = f.read().split("\n")
        seen = set(kk)
        for l in lines[1:]:
            x = l.split("/")[0].strip()
            if not x:
                continue
            proper = x[:1].isupper()
            x = x.lower()
            # four-letter names (Эрик) are worth whole-word entries; shorter
            # stems and common nouns below five letters shadow Kazakh words
            if x in seen or not CYR.match(x) or len(x) < (4 if proper else 5):
                continue
            # Russian verbs and adjectives seldom stand in Kazakh text
            if not proper and re.search("(ть|ться|чь|ый|ий|ой|ая|ое|ые|ие|ся)$", x):
                continue
            seen.add(x)
            ru.append(x)
        ru.sort()
    pre = []
    with open(os.path.join(ROOT, "data", "translit", "loan_prefixes.txt"), encoding="utf-8") as f:
        for l in f:
            x = l.strip()
            if x and not x.startswith("#") and CYR.match(x):
                pre.append(x)
    stems = [(x, 0) for x in kk] + [(x, 1) for x in ru] + [(x, 2) for x in sorted(set(pre))]
    return stems, kk, ru, pre


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dic", default="/usr/share/hunspell/kk_KZ.dic")
    ap.add_argument("--ru-dic", default="/usr/share/hunspell/ru_RU.dic",
                    help="Russian stems for loanwords and names (hunspell-ru); skipped if absent")
    ap.add_argument("--rules", default=None,
                    help="the rules-only program (default: build/tools/kztext-translit-rules)")
    ap.add_argument("--lib", default=os.path.join(ROOT, "build", "src", "libkztext.so"))
    ap.add_argument("--rules-only", action="store_true", help="write an empty lexicon")
    ap.add_argument("--check", action="store_true", help="compare with the committed .inc")
    a = ap.parse_args()
    for path, package in ((a.dic, "hunspell-kk"), (a.ru_dic, "hunspell-ru")):
        if a.check and not os.path.exists(path):
            sys.exit("%s is missing (Debian package %s): the check needs it" % (path, package))
    os.environ.setdefault("KZTEXT_LIBRARY", a.lib)
    sys.path.insert(0, os.path.join(ROOT, "bindings", "python"))
    import kztext
    global RULES
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from translit_rules import Rules

    RULES = Rules(a.rules)

    stems, kk, ru, pre = read_stems(a.dic, a.ru_dic)
    out = []
    w = out.append
    w("/* generated by tools/gen_translit_lexicon.py from /usr/share/hunspell/kk_KZ.dic "
      "(hunspell-kk) and /usr/share/hunspell/ru_RU.dic (hunspell-ru). Do not edit. */")
    w("/* A modified version (selected stems re-spelled as Latin keys) of word lists:")
    w(" * hunspell-kk: Copyright 2009 Akmaral Mussayeva, László Németh, Rail Aliev;")
    w(" *   GPL-2+ or LGPL-2.1+ or MPL-1.1+ (used here under MPL-1.1/LGPL-2.1).")
    w(" * hunspell-ru: Copyright 1997-2008 Alexander I. Lebedev. All rights reserved.")
    w(" *   Redistribution and use in source and binary forms, with or without modification,")
    w(" *   are permitted provided that: redistributions of source code retain the above")
    w(" *   copyright notice, this list of conditions and the following disclaimer;")
    w(" *   redistributions in binary form reproduce them in the documentation; modified")
    w(" *   versions are clearly marked as such; the name of Alexander I. Lebedev is not used")
    w(" *   to endorse or promote derived products without permission.  THIS SOFTWARE IS")
    w(" *   PROVIDED \"AS IS\" AND ANY EXPRESS OR IMPLIED WARRANTIES ARE DISCLAIMED.")
    w(" * Full texts: data/translit/README.md. */")
    w("/* %d Kazakh stems, %d Russian stems (/usr/share/hunspell/ru_RU.dic, hunspell-ru), "
      "%d combining forms (data/translit/loan_prefixes.txt) */" % (len(kk), len(ru), len(pre)))
    if a.rules_only:
        stems = []
    # combining forms in э of six letters or more also begin the second part
    # of a compound (Павлодар|энерго, макро|эконом): keyed for any position
    inner = sorted(x for x in set(pre) if x.startswith("э") and len(x) >= 6)
    for scheme, name in (("latin2021", "kz_inner21"), ("latin2018", "kz_inner18")):
        keys = sorted({x.lower() for x in convert(kztext, inner, scheme, "cyrillic")})
        assert all(k.startswith("e") and len(k.encode()) < 16 for k in keys)
        # latin2021 forms are plain ASCII letters (no c: ts and ch are spelled out)
        assert scheme != "latin2021" or all(re.match("^[a-bd-z]+$", k) for k in keys)
        w("/* %s spellings of the combining forms %s */" % (scheme, " ".join(inner)))
        w("static const char *const %s[%d] = {%s};" % (name, len(keys), ", ".join(
            '"%s"' % k for k in keys)))
    for scheme, name in (("latin2021", "kz_lex21"), ("latin2018", "kz_lex18")):
        # 2018 writes у ý, so its u is always ұ: no Russian-form question
        forms = kazakh_name_forms(a.dic) if scheme == "latin2021" and stems else None
        extra = (undotted(kztext, stems) + spelled_s(kztext, stems, kk)
                 if scheme == "latin2021" and stems else ())
        ent = build(kztext, stems, scheme, forms, extra)
        w("/* %s: %d entries, %d whole-word only */" % (scheme, len(ent),
                                                      sum(1 for v in ent.values() if v[1])))
        emit_trie(w, name, ent)
    text = "\n".join(out) + "\n"
    genlib.finish("src/gen/translit_lexicon.inc", text, a.check)
    return 0


if __name__ == "__main__":
    sys.exit(main())

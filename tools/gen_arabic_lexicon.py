#!/usr/bin/env python3
"""Generates src/gen/arabic_lexicon.inc: the Arabic-script -> Cyrillic lexicon.

Source: the stems of Debian's hunspell-kk word list (/usr/share/hunspell/
kk_KZ.dic) and the nouns and names of hunspell-ru (loanwords: ц э ь ё щ
and mixed vowels), the same selection as tools/gen_translit_lexicon.py.
Each stem is written in the Arabic script with kztext (Cyrillic -> Arabic)
and read back with the rules alone (build/tools/kztext-translit-rules),
with and without its hamza, by itself and before common suffixes; the
stems the rules read wrong become entries keyed by their Arabic spelling
without hamza.  A key shared by stems of both vowel classes holds the
reading for a word written without the hamza, then '|' and the one for a
word with it.  An entry that begins another stem's key it would spoil
gets that stem as an entry of its own (a shield).

Also emits the letter each Arabic presentation form (U+FB50-U+FEFC) shows,
from Python's Unicode data (NFKC), for reading legacy text.

Needs a built libkztext (the rules live in C):
  python3 tools/gen_arabic_lexicon.py [--dic PATH] [--lib build/src/libkztext.so] [--check]
"""
import argparse
import bisect
import os
import sys
import unicodedata

ROOT = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, ROOT)
ROOT = os.path.dirname(ROOT)
import gen_translit_lexicon as G  # noqa: E402  (stem lists, suffixes, trie writer)
import genlib  # noqa: E402

HAMZA = "\u0674\u0621"
# The letters a key is made of, one byte each (1, 2, ...): the Kazakh
# letters of the Arabic script as kztext writes them.  A key byte per letter
# halves the walk of the trie (UTF-8 takes two).
KEY_LETTERS = "\u0627\u0628\u06c6\u06af\u0639\u062f\u06d5\u062c\u0632\u0643\u0642\u0644\u0645" \
    "\u0646\u06ad\u0648\u067e\u0631\u0633\u062a\u06cb\u06c7\u0641\u062d\u06be\u0647\u0686" \
    "\u0634\u0649\u064a"
CODE = {c: i + 1 for i, c in enumerate(KEY_LETTERS)}


def key_of(arabic):
    """The lexicon key of an Arabic-script word: its letters' codes, the
    hamza left out; None if it has another character."""
    k = [CODE.get(c) for c in arabic if c not in HAMZA]
    return "".join(chr(x) for x in k) if all(k) and k else None


def strip_hamza(a):
    return "".join(c for c in a if c not in HAMZA)


def pres_table():
    rows = []
    for cp in range(0xFB50, 0xFEFD):
        d = unicodedata.normalize("NFKC", chr(cp))
        rows.append(ord(d) if len(d) == 1 and 0x600 <= ord(d) <= 0x6FF else 0)
    return rows


def lines(fn, words, *args):
    out = fn("\n".join(words), *args).split("\n")
    assert len(out) == len(words)
    return out


def build(kz, rules, stems):
    words = [s for s, _ in stems]
    arab = lines(lambda t, *a: kz.translit(t, to="arabic", source="cyrillic"), words)
    keys = [strip_hamza(a) for a in arab]
    codes = [key_of(a) for a in arab]
    plain = lines(rules, keys, "cyrillic", "arabic")
    withh = lines(rules, ["\u0674" + k for k in keys], "cyrillic", "arabic")
    cands = {}
    for (s, prio), a, k, p, h, kc in zip(stems, arab, keys, plain, withh, codes):
        if kc:
            hz = any(c in HAMZA for c in a)
            cands.setdefault(k, []).append((prio, s, hz, (p if hz else h) == s or (h if hz else p) == s))
    # before suffixes: a stem that the rules read right alone but not in a
    # suffixed form, written as Xinjiang writes it (with its own hamza)
    forms, owner = [], []
    for s, _ in stems:
        for f in G.suffixed(s):
            forms.append(f)
            owner.append(s)
    farab = lines(lambda t, *a: kz.translit(t, to="arabic", source="cyrillic"), forms)
    fback = lines(rules, farab, "cyrillic", "arabic")
    ctx = {o for o, f, b in zip(owner, forms, fback) if b != f}

    def pick(cs):
        return min(cs, key=lambda c: (c[0], not c[3], c[1]))[1]

    def value(k):
        cs = cands[k]
        nh = [c for c in cs if not c[2]]
        wh = [c for c in cs if c[2]]
        x = pick(nh or wh)
        y = pick(wh or nh)
        return x, y

    def needed(k):
        # the reading of a word written as its stems are (a back stem
        # without hamza, a front one with it), and of a front stem whose
        # hamza the writer left out: a back stem under a stray hamza is no
        # reason for an entry
        x, y = value(k)
        i = keys_index[k]
        has_h = any(c[2] for c in cands[k])
        return plain[i] != x or (has_h and withh[i] != y) or x in ctx or y in ctx

    keys_index = {}
    for i, k in enumerate(keys):
        keys_index.setdefault(k, i)
    keys_sorted = sorted(cands)
    result = {}
    queue = []
    for k in keys_sorted:
        if needed(k):
            x, y = value(k)
            short_ru = min(cands[k])[0] == 1 and len(k) < 5
            result[k] = ((x, y), short_ru)
            queue.append(k)
    qi = 0
    while qi < len(queue):
        k = queue[qi]
        qi += 1
        (x, y), whole = result[k]
        if whole:
            continue
        i = bisect.bisect_right(keys_sorted, k)
        spoiled = []
        while i < len(keys_sorted) and keys_sorted[i].startswith(k):
            o = keys_sorted[i]
            ox, oy = value(o)
            if o not in result and not (ox.startswith(x) and oy.startswith(y)):
                spoiled.append(o)
            i += 1
        if len(spoiled) > 40:
            result[k] = ((x, y), True)
            continue
        for o in spoiled:
            result[o] = (value(o), False)
            queue.append(o)
    ent = {}
    for k, ((x, y), whole) in result.items():
        v = x if x == y else x + "|" + y
        # the output bound (3 bytes of Cyrillic per byte of Arabic) must hold
        if len(v.encode()) < 128 and max(len(x.encode()), len(y.encode())) <= 3 * len(k.encode()):
            ent[key_of(k)] = (v, whole)
    return ent


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dic", default="/usr/share/hunspell/kk_KZ.dic")
    ap.add_argument("--ru-dic", default="/usr/share/hunspell/ru_RU.dic")
    ap.add_argument("--rules", default=None)
    ap.add_argument("--lib", default=os.path.join(ROOT, "build", "src", "libkztext.so"))
    ap.add_argument("--empty", action="store_true", help="write an empty lexicon (bootstrap)")
    ap.add_argument("--check", action="store_true", help="compare with the committed .inc")
    a = ap.parse_args()
    for path, package in ((a.dic, "hunspell-kk"), (a.ru_dic, "hunspell-ru")):
        if a.check and not os.path.exists(path):
            sys.exit("%s is missing (Debian package %s): the check needs it" % (path, package))
    out = []
    w = out.append
    w("/* generated by tools/gen_arabic_lexicon.py from /usr/share/hunspell/kk_KZ.dic "
      "(hunspell-kk), /usr/share/hunspell/ru_RU.dic (hunspell-ru) and Python's Unicode data. "
      "Do not edit. */")
    w("/* A modified version (selected stems re-spelled as Arabic-script keys) of word lists;")
    w(" * licences as in src/gen/translit_lexicon.inc (full texts: data/translit/README.md). */")
    pres = pres_table()
    w("/* U+FB50..U+FEFC: the letter a presentation form shows (0: none or several) */")
    w("static const uint16_t kz_arab_pres[%d] = {" % len(pres))
    for i in range(0, len(pres), 16):
        w(",".join("0x%x" % x for x in pres[i:i + 16]) + ",")
    w("};")
    ent = {}
    if not a.empty:
        os.environ.setdefault("KZTEXT_LIBRARY", a.lib)
        sys.path.insert(0, os.path.join(ROOT, "bindings", "python"))
        import kztext
        from translit_rules import Rules
        stems = G.read_stems(a.dic, a.ru_dic)[0]
        ent = build(kztext, Rules(a.rules), stems)
    w("/* U+0600..U+06FF: the letter's byte in a key (0: none) */")
    code = [0] * 256
    for c, v in CODE.items():
        code[ord(c) - 0x600] = v
    w("static const uint8_t kz_arab_code[256] = {")
    for i in range(0, 256, 32):
        w(",".join(str(x) for x in code[i:i + 32]) + ",")
    w("};")
    w("/* %d entries, %d whole-word only */" % (len(ent), sum(1 for v in ent.values() if v[1])))
    G.emit_trie(w, "kz_arab_lex", ent, depth_first=True)
    text = "\n".join(out) + "\n"
    genlib.finish("src/gen/arabic_lexicon.inc", text, a.check)
    return 0


if __name__ == "__main__":
    sys.exit(main())

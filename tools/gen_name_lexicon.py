#!/usr/bin/env python3
"""Generates src/gen/name_lexicon.inc: the words `--from press` restores
Kazakh Cyrillic from, and the common English words it leaves alone.

Sources (docs/transliteration.md, "press", lists them with their licences):
  * Debian hunspell-kk (/usr/share/hunspell/kk_KZ.dic): its capitalised
    entries are names; its lower-case stems are the Kazakh word list.
    The dictionary types a Latin i for і in a few entries; those are mended.
  * data/names/elements.txt: name elements, given names and place names
    written by the team (facts, not any corpus or evaluation list).
  * data/names/places.tsv: Kazakhstan's places with their Kazakh and
    Russian names (facts, written by the team): the Kazakh ones are names,
    and the pairs are the kz_place tables (a Russian name read back to the
    Kazakh one, the Kazakh one written the Russian way).
  * data/stopwords/en.txt (the team's English function words, which
    hunspell-en-us lists only capitalised or not at all: his, under) and
    Debian hunspell-en-us (/usr/share/hunspell/en_US.dic, SCOWL): its
    entries (lower-cased; names such as Tuesday or Boston among them) are
    the English words that are read as romanized Kazakh only when the
    Kazakh lexicon has them as a name.
  * Debian hunspell-ru (/usr/share/hunspell/ru_RU.dic): its capitalised
    entries (places and given names in Russian); an English proper noun
    with a Russian place ending (-sk, -grad) is read only when its Russian
    reading is one of them.
Nothing is read from ../shared/data.

Output: sorted, NUL-separated pools with offsets; a Kazakh word's offset
has bit 31 set when it is a name, an English word's when the list has it
only capitalised (a proper noun: Tuesday, Boston).  Deterministic.

usage: tools/gen_name_lexicon.py [--check]
"""
import re
import sys

from genlib import ROOT, finish, need

OUT = "src/gen/name_lexicon.inc"
KK = "/usr/share/hunspell/kk_KZ.dic"
EN = "/usr/share/hunspell/en_US.dic"
RU = "/usr/share/hunspell/ru_RU.dic"
RU_CYR = re.compile("^[абвгдеёжзийклмнопрстуфхцчшщъыьэюя]+$")
CYR = re.compile("^[аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя]+$")
LATIN_TO_CYR = str.maketrans({"i": "і", "I": "І"})


def dic_entries(path, encoding):
    with open(path, encoding=encoding) as f:
        lines = f.read().lstrip("\ufeff").splitlines()
    for line in lines[1:]:
        w = line.split("/")[0].strip()
        if w:
            yield w


def c_string(words):
    """The words as one C string literal, NUL after each, in lines of ~16."""
    out = []
    for k in range(0, len(words), 16):
        chunk = "".join(w + "\\0" for w in words[k:k + 16])
        out.append(f'    "{chunk}"')
    return "\n".join(out)


def table(prefix, words, flag):
    offs, pos = [], 0
    for w in words:
        offs.append(pos | (0x80000000 if flag(w) else 0))
        pos += len(w.encode("utf-8")) + 1
    lines = [f"static const char {prefix}_pool[] =", c_string(words) + ";",
             f"#define {prefix.upper()}_N {len(words)}",
             f"static const uint32_t {prefix}_off[{len(words)}] = {{"]
    for k in range(0, len(offs), 8):
        lines.append("    " + ", ".join(f"0x{o:x}u" for o in offs[k:k + 8]) + ",")
    lines.append("};")
    return lines


# The letters of the _start tables, by index (place_bit() in
# press_reverse.c maps letters the same way).
FIRST_BIT = "абвгдежзийклмнопрстуфхцчшщъыьэюяәғқңөұүһіё"


def place_tables(places):
    """kz_place_by_ru: {Russian name as the press reader spells it (no ь ъ,
    ё as е), Kazakh name}, sorted by the first; kz_place_by_kk: {Kazakh name,
    its first Russian name}, sorted by the first; kz_place_press: the rows of
    kz_place_by_kk whose Russian name the press writes."""
    def key(ru):
        return ru.replace("ь", "").replace("ъ", "").replace("ё", "е")
    def near(a, b):  # at most one letter substituted, inserted or dropped
        if abs(len(a) - len(b)) > 1:
            return False
        i = 0
        while i < min(len(a), len(b)) and a[i] == b[i]:
            i += 1
        return a[i + 1:] == b[i + 1:] or a[i + 1:] == b[i:] or a[i:] == b[i + 1:]

    fold = str.maketrans("әөүұіқғңһ", "аоууикгнх")
    by_ru, by_kk, press = {}, {}, {}
    for kk, ru in places:
        by_ru.setdefault(key(ru), kk)
        by_kk.setdefault(kk, ru)
    for kk, ru in by_kk.items():
        # the press romanizes a place from its Russian name where that is a
        # respelling (Екібастұз: Ekibastuz, Қарағанды: Karaganda), not
        # another name (Орал: Oral, not Uralsk)
        if "-" not in ru and key(ru) != kk.translate(fold) and near(kk.translate(fold), key(ru)):
            press[kk] = ru
    out = []
    for name, table in (("kz_place_by_ru", by_ru), ("kz_place_by_kk", by_kk),
                        ("kz_place_press", press)):
        rows = sorted(table.items(), key=lambda r: r[0].encode("utf-8"))
        # the keys' first two letters: bit FIRST_BIT.index(second) of
        # element FIRST_BIT.index(first) (press_reverse.c tests a word's
        # first two letters before it looks the word up)
        pairs = [0] * len(FIRST_BIT)
        for k, _ in rows:
            pairs[FIRST_BIT.index(k[0])] |= 1 << FIRST_BIT.index(k[1])
        out.append(f"#define {name.upper()}_N {len(rows)}")
        out.append(f"static const uint64_t {name}_start[{len(pairs)}] = {{")
        out += ["    " + ", ".join(f"0x{x:x}ull" for x in pairs[a:a + 6]) + ","
                for a in range(0, len(pairs), 6)]
        out.append("};")
        out.append(f"static const char *const {name}[{len(rows)}][2] = {{")
        out += [f'    {{"{a}", "{b}"}},' for a, b in rows]
        out.append("};")
    return out


def main():
    check = "--check" in sys.argv[1:]
    need(KK, "hunspell-kk")
    need(EN, "hunspell-en-us")
    need(RU, "hunspell-ru")
    names, words = set(), set()
    for w in dic_entries(KK, "utf-8"):
        w = w.translate(LATIN_TO_CYR)
        low = w.lower()
        if not CYR.match(low) or len(low) < 2:
            continue
        (names if w[0].isupper() else words).add(low)
    with open(ROOT / "data" / "names" / "elements.txt", encoding="utf-8") as f:
        for line in f:
            w = line.split("#")[0].strip()
            if w:
                assert CYR.match(w), w
                names.add(w)
    places = []
    with open(ROOT / "data" / "names" / "places.tsv", encoding="utf-8") as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                kk, ru = line.rstrip("\n").split("\t")
                kk, ru = kk.lower(), ru.lower()
                assert CYR.match(kk.replace("-", "")) and CYR.match(ru.replace("-", "")), line
                # cyrillic-ru writes the first at most KZ_FACTOR_FROM_CYR (4) bytes a byte
                assert kk in (p[0] for p in places) or len(ru.encode()) <= 4 * len(kk.encode())
                places.append((kk, ru))
                if "-" not in kk:
                    names.add(kk)
    english, lower = set(), set()
    for w in dic_entries(EN, "latin-1"):
        if re.fullmatch("[A-Za-z]{2,}", w):
            english.add(w.lower())
            if w.islower():
                lower.add(w)
    with open(ROOT / "data" / "stopwords" / "en.txt", encoding="utf-8") as f:
        for line in f:
            w = line.split("#")[0].strip()
            if re.fullmatch("[a-z]{2,}", w):
                english.add(w)
                lower.add(w)
    ru = set()
    for w in dic_entries(RU, "utf-8"):
        if w[:1].isupper() and not w.isupper() and RU_CYR.match(w.lower()) and len(w) >= 4:
            ru.add(w.lower())
    kk = sorted(names | words, key=lambda w: w.encode("utf-8"))
    en = sorted(english)
    out = ["/* generated by tools/gen_name_lexicon.py from Debian hunspell-kk, hunspell-en-us,",
           " * hunspell-ru and data/names/elements.txt: do not edit. */",
           "/* A modified version (a sorted selection) of word lists; hunspell-ru: Copyright",
           " * 1997-2008 Alexander I. Lebedev. All rights reserved.  Redistribution and use in",
           " * source and binary forms, with or without modification, are permitted provided that:",
           " * redistributions of source code retain the above copyright notice, this list of",
           " * conditions and the following disclaimer; redistributions in binary form reproduce",
           " * them in the documentation; modified versions are clearly marked as such; the name of",
           " * Alexander I. Lebedev is not used to endorse or promote derived products without",
           " * permission.  THIS SOFTWARE IS PROVIDED \"AS IS\" AND ANY EXPRESS OR IMPLIED",
           " * WARRANTIES ARE DISCLAIMED.  Full texts: data/names/README.md. */"]
    out += table("kz_nl", kk, lambda w: w in names)
    out += table("kz_en", en, lambda w: w not in lower)
    out += table("kz_ru", sorted(ru, key=lambda w: w.encode("utf-8")), lambda w: False)
    out += place_tables(places)
    out.append("")
    finish(OUT, "\n".join(out), check)


if __name__ == "__main__":
    main()

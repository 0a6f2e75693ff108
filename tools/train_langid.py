#!/usr/bin/env python3
"""Trains the character trigram models of kztext's language identifier and
writes src/gen/langid_model.inc.

Training text comes from the corpora in ../shared/data/corpus:
  kk (Cyrillic)  corpus/kk/*        lines with Kazakh-specific letters
  ru             corpus/ru/*        lines without Kazakh-specific letters
  en             corpus/en/*
  kk in Latin    synthesized: the kk lines transliterated by the small tables
                 below into the 2021, 2018 and 2017 alphabets
                 (../shared/docs/translit-standards.md), since no Latin-script
                 Kazakh corpus in those alphabets exists.

No evaluation text: the corpora hold some of the evaluation rows word for
word, so every training line that overlaps a line (or TSV field, or JSON
string) of an evaluation file is dropped before training.  Evaluation files:
lid/, sent/kk, sent/ru, sent/en, pages/, names/ and translit/*-dev.tsv.
Text is compared as lower-cased words (runs of letters and digits); a
training line overlaps an evaluation row when they share a run of
OVERLAP_NGRAM words, or when one of them, of MIN_ROW_WORDS to
OVERLAP_NGRAM - 1 words, is contained in the other.  Shorter rows ("Спасибо",
"Кім?") are common phrases that say nothing of where a line came from.
The counts dropped are printed and written into the model's header.

Licences: the model is a function of its training text, so the corpora's
licences (GPL-3 for the apertium-kaz and apertium-kaz-rus texts, CC BY-NC-SA
for GUM Wikinews, see ../shared/data/README.md) bind it; the header of the
generated file says so, and docs/detection.md.

Model: per script, one dense table of costs -ln P(c | a b) over a small
alphabet of case-folded letters (symbol 0 = word boundary), Witten-Bell
interpolated down to a uniform distribution, quantized to 1/8 nat in a byte.
Words are scored separately: the contexts are (0 0 c1) (0 c1 c2) ... (cn-1 cn 0).

Deterministic: same corpora, same output.

Usage: tools/train_langid.py [--data DIR] [-o src/gen/langid_model.inc] [--check]
(--check: exit 1 if the output file differs from a fresh run; CI runs it)
"""
import argparse
import json
import math
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCALE = 8          # cost units per nat
MAXCOST = 255

# --- alphabets --------------------------------------------------------------
RU_LETTERS = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"
KK_LETTERS = "әғқңөұүһі"
CYR = ["", *RU_LETTERS, *KK_LETTERS, "<other>"]      # 0 boundary ... other Cyrillic letter
LAT_KK2021 = "äğıñöşūü"
LAT_KK2018 = "áǵńóúý"
LAT = ["", *"abcdefghijklmnopqrstuvwxyz", *LAT_KK2021, *LAT_KK2018, "'", "<other>"]
CYR_ID = {c: i for i, c in enumerate(CYR)}
LAT_ID = {c: i for i, c in enumerate(LAT)}
APOS = "'\u2019\u02bc"

# --- transliteration tables (lower case; upper case is folded away) ---------
T2021 = dict(zip("абвгғдежзийкқлмнңоөпрстуұүфхһшыіэ",
                 "abvgğdejziikqlmnñoöprstuūüfhhşyıe"))
T2021.update({"ә": "ä", "ё": "io", "ц": "ts", "ч": "ch", "щ": "şş", "ъ": "", "ь": "", "ю": "iu", "я": "ia"})
T2018 = dict(zip("абвгғдежзийкқлмнңоөпрстуұүфхһыіэ",
                 "abvgǵdejzııkqlmnńoóprstýuúfhhyie"))
T2018.update({"ә": "á", "ё": "ó", "ц": "s", "ч": "ch", "ш": "sh", "щ": "sh", "ъ": "", "ь": ""})
T2017 = dict(zip("абвгдежзклмнопрстуфхһыіэұ", "abvgdejzklmnoprsty'fhhyieu"))
T2017.update({"ә": "a'", "ғ": "g'", "и": "i'", "й": "i'", "қ": "q", "ң": "n'", "ө": "o'",
              "у": "y'", "ү": "u'", "ч": "c'", "ш": "s'", "щ": "s'", "ё": "io", "ц": "ts",
              "ъ": "", "ь": "", "ю": "i'y'", "я": "i'a"})
VOWELS = set("аәеёиоөуұүыіэюя")


KK_ALPHABET = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"


def translit(text, table, variant):
    out = []
    prev = ""
    for ch in text:
        if variant == "2018" and ch in "юя":
            # Draft 2018 rule: after a consonant ю -> ú, я -> á; else ıý / ıa.
            after_cons = prev.isalpha() and prev not in VOWELS and prev not in "ъь"
            out.append(("ú" if ch == "ю" else "á") if after_cons else ("ıý" if ch == "ю" else "ıa"))
        else:
            out.append(table.get(ch, ch))
        prev = ch
    return "".join(out)


# --- evaluation text, kept out of training ----------------------------------
OVERLAP_NGRAM = 8
MIN_ROW_WORDS = 4
EVAL_GLOBS = ("lid/*", "sent/kk/*", "sent/ru/*", "sent/en/*", "pages/*.tsv", "pages/raw/*",
              "names/*", "translit/*-dev.tsv")
WORD_RE = re.compile(r"\w+")


def row_words(text):
    return tuple(WORD_RE.findall(text.lower()))


def eval_rows(data):
    """Yields every evaluation row as words: lines, TSV fields, JSON strings."""
    for pattern in EVAL_GLOBS:
        for p in sorted(data.glob(pattern)):
            if not p.is_file():
                continue
            for line in p.read_text(encoding="utf-8", errors="replace").splitlines():
                if p.suffix == ".jsonl":
                    try:
                        obj = json.loads(line)
                    except ValueError:
                        obj = line
                    stack, parts = [obj], []
                    while stack:
                        o = stack.pop()
                        if isinstance(o, str):
                            parts.append(o)
                        elif isinstance(o, dict):
                            stack.extend(o.values())
                        elif isinstance(o, list):
                            stack.extend(o)
                else:
                    parts = line.split("\t") + [line]
                for part in parts:
                    w = row_words(part)
                    if w:
                        yield w


class EvalOverlap:
    """Tells whether a training line overlaps an evaluation row."""

    def __init__(self, data):
        n = OVERLAP_NGRAM
        self.long = set()                 # every n-gram of rows of >= n words
        self.short = set()                # rows of MIN_ROW_WORDS..n-1 words
        self.grams = set()                # every k-gram (k < n) of every row
        self.rows = 0
        for w in eval_rows(data):
            self.rows += 1
            if len(w) >= n:
                self.long.update(w[i:i + n] for i in range(len(w) - n + 1))
            elif len(w) >= MIN_ROW_WORDS:
                self.short.add(w)
            for k in range(MIN_ROW_WORDS, min(n, len(w) + 1)):
                self.grams.update(w[i:i + k] for i in range(len(w) - k + 1))

    def __call__(self, line):
        w = row_words(line)
        n = OVERLAP_NGRAM
        if len(w) >= n:
            if any(w[i:i + n] in self.long for i in range(len(w) - n + 1)):
                return True
        elif len(w) >= MIN_ROW_WORDS and w in self.grams:
            return True                   # the line lies inside a row
        for k in range(MIN_ROW_WORDS, min(n, len(w) + 1)):
            if any(w[i:i + k] in self.short for i in range(len(w) - k + 1)):
                return True               # a short row lies inside the line
        return False


# --- corpus reading ---------------------------------------------------------
def lines_of(d):
    for p in sorted(d.glob("*.txt")):
        for line in p.read_text(encoding="utf-8", errors="replace").splitlines():
            line = line.strip()
            if line:
                yield line


def kk_share(line):
    cyr = sum(1 for c in line if "\u0400" <= c <= "\u04ff")
    kk = sum(1 for c in line.lower() if c in KK_LETTERS)
    return cyr, kk


def words(line, alphabet_id, other_test):
    """Yields words as lists of symbol ids (line already lower-cased)."""
    cur = []
    prev_letter = False
    for ch in line:
        sym = alphabet_id.get(ch)
        if sym is None and ch in APOS and alphabet_id is LAT_ID:
            sym = LAT_ID["'"] if prev_letter else None
        if sym is None and other_test(ch):
            sym = len(alphabet_id) - 1
        if sym:
            cur.append(sym)
            prev_letter = True
        else:
            if cur:
                yield cur
            cur = []
            prev_letter = False
    if cur:
        yield cur


def is_cyr_other(ch):
    return "\u0400" <= ch <= "\u052f" and ch.isalpha()


def is_lat_other(ch):
    return ch.isalpha() and ch.isascii() is False and ("\u00c0" <= ch <= "\u024f" or "\u1e00" <= ch <= "\u1eff")


# --- Witten-Bell trigram ------------------------------------------------------
def train(word_lists, nsym):
    c3, c2, c1 = {}, {}, [0] * nsym
    for w in word_lists:
        seq = [0, 0, *w, 0]
        for i in range(2, len(seq)):
            a, b, c = seq[i - 2], seq[i - 1], seq[i]
            c3[(a, b, c)] = c3.get((a, b, c), 0) + 1
            c2[(b, c)] = c2.get((b, c), 0) + 1
            c1[c] += 1
    # context totals and distinct followers
    def ctx_stats(counts):
        tot, typ = {}, {}
        for k, v in counts.items():
            ctx = k[:-1]
            tot[ctx] = tot.get(ctx, 0) + v
            typ[ctx] = typ.get(ctx, 0) + 1
        return tot, typ
    t3, y3 = ctx_stats(c3)
    t2, y2 = ctx_stats(c2)
    n1 = sum(c1)
    y1 = sum(1 for v in c1 if v)
    # symbol 0 can follow anything; unigram: Witten-Bell to uniform
    p1 = [(c1[c] + y1 / nsym) / (n1 + y1) for c in range(nsym)]
    p2 = {}
    for b in range(nsym):
        tb, yb = t2.get((b,), 0), y2.get((b,), 0)
        for c in range(nsym):
            if tb:
                p2[(b, c)] = (c2.get((b, c), 0) + yb * p1[c]) / (tb + yb)
            else:
                p2[(b, c)] = p1[c]
    table = bytearray(nsym ** 3)
    for a in range(nsym):
        for b in range(nsym):
            tab, yab = t3.get((a, b), 0), y3.get((a, b), 0)
            base = (a * nsym + b) * nsym
            for c in range(nsym):
                if tab:
                    p = (c3.get((a, b, c), 0) + yab * p2[(b, c)]) / (tab + yab)
                else:
                    p = p2[(b, c)]
                cost = int(round(-math.log(p) * SCALE))
                table[base + c] = min(cost, MAXCOST)
    return table, n1


def score(word_lists, table, nsym):
    total, n = 0, 0
    for w in word_lists:
        seq = [0, 0, *w, 0]
        for i in range(2, len(seq)):
            total += table[(seq[i - 2] * nsym + seq[i - 1]) * nsym + seq[i]]
            n += 1
    return total, n


PLAIN_MAXLEN = 16


def plain_costs(word_lists, is_plain):
    """-ln P(word is plain | length) per length 1..PLAIN_MAXLEN (longer words
    share the last entry), in cost units.  'Plain' = no letter that marks the
    language or alphabet (no Kazakh-specific Cyrillic letter; only a-z)."""
    tot = [0] * (PLAIN_MAXLEN + 1)
    pl = [0] * (PLAIN_MAXLEN + 1)
    for w in word_lists:
        n = min(len(w), PLAIN_MAXLEN)
        tot[n] += 1
        pl[n] += is_plain(w)
    out = [0]
    for n in range(1, PLAIN_MAXLEN + 1):
        p = (pl[n] + 0.5) / (tot[n] + 1.0)
        out.append(min(MAXCOST, int(round(-math.log(p) * SCALE))))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    ap.add_argument("-o", "--output", default=str(ROOT / "src" / "gen" / "langid_model.inc"))
    ap.add_argument("--check", action="store_true", help="compare with the output file, write nothing")
    args = ap.parse_args()
    corpus = Path(args.data) / "corpus"
    if not corpus.is_dir():
        sys.exit(f"train_langid: no corpora at {corpus}")

    for name, table in (("2021", T2021), ("2018", T2018), ("2017", T2017)):
        missing = [c for c in KK_ALPHABET if c not in table and not (name == "2018" and c in "юя")]
        if missing:
            sys.exit(f"train_langid: the {name} table lacks {''.join(missing)}")
    overlaps = EvalOverlap(Path(args.data))
    if not overlaps.rows:
        sys.exit(f"train_langid: no evaluation files under {args.data} to keep out of training")
    dropped = {"kk": 0, "ru": 0, "en": 0}

    def clean(lang):
        for line in lines_of(corpus / lang):
            if overlaps(line):
                dropped[lang] += 1
            else:
                yield line

    kk_lines, ru_lines, en_lines = [], [], []
    for line in clean("kk"):
        cyr, kk = kk_share(line)
        if cyr >= 10 and kk >= max(1, cyr // 50):
            kk_lines.append(line.lower())
    for line in clean("ru"):
        cyr, kk = kk_share(line)
        if cyr >= 10 and kk == 0:
            ru_lines.append(line.lower())
    for line in clean("en"):
        if sum(c.isascii() and c.isalpha() for c in line) >= 10:
            en_lines.append(line.lower())
    print(f"train_langid: {overlaps.rows} evaluation rows; corpus lines dropped as overlapping "
          + ", ".join(f"{k} {v}" for k, v in dropped.items()), file=sys.stderr)

    cyr_words = {lang: [w for l in lines for w in words(l, CYR_ID, is_cyr_other)]
                 for lang, lines in (("kk", kk_lines), ("ru", ru_lines))}
    lat_text = {
        "en": en_lines,
        "kk2021": [translit(l, T2021, "2021") for l in kk_lines],
        "kk2018": [translit(l, T2018, "2018") for l in kk_lines],
        "kk2017": [translit(l, T2017, "2017") for l in kk_lines],
    }
    lat_words = {lang: [w for l in lines for w in words(l, LAT_ID, is_lat_other)]
                 for lang, lines in lat_text.items()}
    # "kklat": Kazakh in any Latin alphabet, the rival of English in the
    # first pass; the three alphabets are told apart by a second pass.
    lat_words["kklat"] = lat_words["kk2021"] + lat_words["kk2018"] + lat_words["kk2017"]

    nc, nl = len(CYR), len(LAT)
    cyr_tabs = {lang: train(ws, nc) for lang, ws in cyr_words.items()}
    lat_tabs = {lang: train(ws, nl) for lang, ws in lat_words.items()}
    for lang, (t, n) in {**cyr_tabs, **lat_tabs}.items():
        print(f"train_langid: {lang}: {n} symbols", file=sys.stderr)

    # Cost per symbol of each language's own training text under its model:
    # text far above the worst of these is no modelled language.
    selfcost = {}
    for lang, ws in cyr_words.items():
        tot, n = score(ws, cyr_tabs[lang][0], nc)
        selfcost[lang] = tot / n
    for lang, ws in lat_words.items():
        tot, n = score(ws, lat_tabs[lang][0], nl)
        selfcost[lang] = tot / n
    print("train_langid: mean cost per symbol " +
          ", ".join(f"{k} {v / SCALE:.2f} nat" for k, v in selfcost.items()), file=sys.stderr)

    kk_syms = {CYR_ID[c] for c in KK_LETTERS}
    cyr_plain = {lang: plain_costs(ws, lambda w: not any(x in kk_syms for x in w))
                 for lang, ws in cyr_words.items()}
    lat_plain = {lang: plain_costs(ws, lambda w: all(1 <= x <= 26 for x in w))
                 for lang, ws in lat_words.items()}

    out = []
    out.append(
        "/* generated by tools/train_langid.py from ../shared/data/corpus (kk, ru, en;\n"
        " * Latin-script Kazakh synthesized from kk). Do not edit.\n"
        " *\n"
        " * Training text: corpus/kk (apertium-kaz texts and apertium-kaz-rus news),\n"
        " * corpus/ru (apertium-kaz-rus, FactRuEval-2016, corus samples), corpus/en\n"
        " * (Brown A-C, GUM Wikinews), less every line that overlaps an evaluation\n"
        f" * row ({OVERLAP_NGRAM}-word runs; dropped: kk {dropped['kk']}, ru {dropped['ru']},"
        f" en {dropped['en']} lines).\n"
        " * Licence: these tables are derived from that text, so its licences bind\n"
        " * them: GPL-3 (apertium-kaz, apertium-kaz-rus) and CC BY-NC-SA (GUM), not\n"
        " * only the project's MIT licence.  See docs/detection.md. */\n")
    out.append(f"#define KZ_LID_SCALE {SCALE} /* cost units per nat */\n")
    out.append(f"#define KZ_LID_CYR_N {nc}\n#define KZ_LID_LAT_N {nl}\n")
    out.append(f"#define KZ_LID_LAT_APOS {LAT_ID[chr(39)]}\n")
    out.append(f"#define KZ_LID_LAT_AZ_LAST {LAT_ID['z']} /* symbols 1..this are a-z */\n")
    out.append(f"#define KZ_LID_CYR_OTHER {nc - 1}\n#define KZ_LID_LAT_OTHER {nl - 1}\n")
    for lang, v in selfcost.items():
        out.append(f"#define KZ_LID_SELFCOST_{lang.upper()} {int(round(v))}\n")
    # Symbol maps: Cyrillic U+0400..U+04FF, Latin U+0000..U+024F (both cases).
    cmap = [0] * 256
    for i in range(256):
        ch = chr(0x400 + i)
        lo = ch.lower()
        if lo in CYR_ID and CYR_ID[lo]:
            cmap[i] = CYR_ID[lo]
        elif ch.isalpha():
            cmap[i] = nc - 1
    lmap = [0] * 0x250
    for i in range(0x250):
        ch = chr(i)
        lo = {"\u0130": "i", "I": "i"}.get(ch, ch.lower())
        if len(lo) == 1 and lo in LAT_ID and LAT_ID[lo] and lo != "'":
            lmap[i] = LAT_ID[lo]
        elif ch.isalpha():
            lmap[i] = nl - 1
    def arr(name, ctype, vals, per_line=32):
        out.append(f"static const {ctype} {name}[{len(vals)}] = {{\n")
        for i in range(0, len(vals), per_line):
            out.append(",".join(str(v) for v in vals[i:i + per_line]) + ",\n")
        out.append("};\n")
    arr("kz_lid_cyr_sym", "uint8_t", cmap)
    # The same keyed by the UTF-8 bytes (b0 << 8 | b1) - 0xD080 of U+0400-04FF:
    # one lookup validates the pair (0: not a two-byte letter) and gives the
    # symbol, for the hot loop.
    cmap2 = [0] * 0x340
    for k in range(0x340):
        b0, b1 = (0xD080 + k) >> 8, (0xD080 + k) & 0xFF
        if 0x80 <= b1 <= 0xBF:
            cmap2[k] = cmap[((b0 & 3) << 6) | (b1 & 0x3F)]
    arr("kz_lid_cyr_sym2", "uint8_t", cmap2)
    # Per Cyrillic symbol, four 16-bit counters to add (a packed uint64):
    # bits 0-15 Kazakh-specific letter, 16-31 Russian-only letter (ё ц ч щ ъ
    # ь э), 32-47 other Cyrillic letter, 48-63 one of ә ғ қ ұ і һ (letters
    # Kyrgyz and Mongolian lack).
    ru_only = set("ёцчщъьэ")
    flags = []
    for c in CYR:
        v = 0
        if c in KK_LETTERS:
            v |= 1
        if c in ru_only:
            v |= 1 << 16
        if c == "<other>":
            v |= 1 << 32
        if c in "әғқұіһ":
            v |= 1 << 48
        flags.append(f"0x{v:x}ull")
    arr("kz_lid_cyr_sym_flags", "uint64_t", flags, 4)
    arr("kz_lid_lat_sym", "uint8_t", lmap)
    # Interleaved so one context's costs for every language share a cache line.
    cyr_order = ["kk", "ru"]
    out.append("/* costs [((a*N + b)*N + c)*NLANG + lang]; Cyrillic langs: kk ru */\n")
    inter = []
    for i in range(nc ** 3):
        inter.extend(cyr_tabs[l][0][i] for l in cyr_order)
    out.append(f"static const uint8_t kz_lid_cyr[{nc ** 3 * 2}] = {{\n")
    for i in range(0, len(inter), 64):
        out.append(",".join(str(v) for v in inter[i:i + 64]) + ",\n")
    out.append("};\n")
    out.append("/* Latin, first pass: en kklat (Kazakh in any Latin alphabet) */\n")
    inter = []
    for i in range(nl ** 3):
        inter.extend(lat_tabs[l][0][i] for l in ("en", "kklat"))
    out.append(f"static const uint8_t kz_lid_lat[{nl ** 3 * 2}] = {{\n")
    for i in range(0, len(inter), 64):
        out.append(",".join(str(v) for v in inter[i:i + 64]) + ",\n")
    out.append("};\n")
    out.append("/* Latin, alphabet pass: kk2021 kk2018 kk2017 */\n")
    inter = []
    for i in range(nl ** 3):
        inter.extend(lat_tabs[l][0][i] for l in ("kk2021", "kk2018", "kk2017"))
    out.append(f"static const uint8_t kz_lid_latv[{nl ** 3 * 3}] = {{\n")
    for i in range(0, len(inter), 64):
        out.append(",".join(str(v) for v in inter[i:i + 64]) + ",\n")
    out.append("};\n")
    out.append(f"#define KZ_LID_PLAIN_MAXLEN {PLAIN_MAXLEN}\n")
    out.append("/* -ln P(word has no Kazakh-specific letter | lang, length), kk ru */\n")
    vals = [v for n in range(PLAIN_MAXLEN + 1) for v in (cyr_plain["kk"][n], cyr_plain["ru"][n])]
    arr("kz_lid_cyr_plain", "uint8_t", vals)
    out.append("/* -ln P(word is only a-z | lang, length), en kklat */\n")
    vals = [v for n in range(PLAIN_MAXLEN + 1) for v in (lat_plain[l][n] for l in ("en", "kklat"))]
    arr("kz_lid_lat_plain", "uint8_t", vals)
    out.append("/* the same for kk2021 kk2018 kk2017 */\n")
    vals = [v for n in range(PLAIN_MAXLEN + 1) for v in (lat_plain[l][n] for l in ("kk2021", "kk2018", "kk2017"))]
    arr("kz_lid_latv_plain", "uint8_t", vals)
    if args.check:
        if Path(args.output).read_text(encoding="utf-8") != "".join(out):
            sys.exit(f"train_langid: {args.output} is stale: run tools/train_langid.py")
        return
    Path(args.output).write_text("".join(out), encoding="utf-8")


if __name__ == "__main__":
    main()

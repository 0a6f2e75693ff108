/* Kazakh Cyrillic <-> Arabic script (töte jazu), after MediaWiki's
 * KkConverter rules (standards §8).
 *
 * The Arabic script writes а/ә, о/ө, ұ/ү, ы/і with one letter each; a word
 * whose vowels are front gets one high hamza (U+0674) before it, unless it
 * has е э г ғ к қ, whose own letters already show the word's vowel class.
 * The reverse direction reads the hamza (or those letters) back to choose
 * between the back and front vowels. */
#include "translit/translit_int.h"
#include "utf8/utf8.h"

#include "gen/arabic_lexicon.inc"
#include "gen/translit_tables.inc"

static inline uint32_t lower_cyr(uint32_t cp) {
  return (cp >= 0x400 && cp < 0x500) ? kz_cyr_lower[cp - 0x400] : 0;
}

/* Word separators of MediaWiki's rule: whitespace, hyphen, full stop, colon. */
static int is_word_sep(uint32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v' ||
         cp == '-' || cp == '.' || cp == ':' || cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200A) ||
         cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x3000 || cp == 0x85;
}

static int needs_hamza(const unsigned char *s, size_t a, size_t b) {
  int front = 0;
  for (size_t i = a; i < b;) {
    size_t l;
    uint32_t c = lower_cyr(kz_utf8_next(s + i, &l));
    i += l;
    switch (c) {
    case 0x4D9:
    case 0x4E9:
    case 0x4AF:
    case 0x456:
      front = 1;
      break; /* ә ө ү і */
    case 0x435:
    case 0x44D:
    case 0x433:
    case 0x493:
    case 0x43A:
    case 0x49B:
      return 0; /* е э г ғ к қ */
    default:
      break;
    }
  }
  return front;
}

/* Where the patronymic ұлы / қызы (either case) that ends the word s[a..b)
 * begins, when at least two letters come before it; 0 if none.  Xinjiang
 * print writes it apart: Ахметұлы احمەت ۇلى. */
static size_t patronymic(const unsigned char *s, size_t a, size_t b) {
  static const uint32_t uly[] = {0x4B1, 0x43B, 0x44B}, kyzy[] = {0x49B, 0x44B, 0x437, 0x44B};
  for (int which = 0; which < 2; which++) {
    const uint32_t *p = which ? kyzy : uly;
    size_t np = which ? 4 : 3, need = np * 2; /* each of these letters is 2 bytes */
    if (b - a < need + 4) continue;
    size_t start = b - need, j = start, k = 0, l;
    for (; k < np; k++, j += l)
      if (lower_cyr(kz_utf8_next(s + j, &l)) != p[k]) break;
    if (k < np) continue;
    /* at least two Cyrillic letters before it */
    size_t letters = 0;
    for (j = a; j < start; j += l)
      letters += lower_cyr(kz_utf8_next(s + j, &l)) != 0;
    if (letters >= 2) return start;
  }
  return 0;
}

size_t kz_tl_cyr_to_arabic(const unsigned char *s, size_t n, unsigned flags, char *out,
                           kz_spanv *sv) {
  const kz_fwd_entry *T = kz_fwd_tables[KZTEXT_SCHEME_ARABIC];
  const char *hamza = (flags & KZTEXT_TRANSLIT_ARABIC_HAMZA_0621) ? "\xd8\xa1" : "\xd9\xb4";
  char *o = out;
  size_t i = 0;
  while (i < n) {
    /* one word: up to the next separator */
    size_t we = i, l = 1;
    while (we < n && !is_word_sep(kz_utf8_next(s + we, &l)))
      we += l;
    if (we == i) we = i + l; /* a separator: passes alone */
    size_t pat = (flags & KZTEXT_TRANSLIT_ARABIC_PATRONYMIC_APART) ? patronymic(s, i, we) : 0;
    if (pat) we = pat;
    int hz = needs_hamza(s, i, we);
    uint32_t prev = 0;
    while (i < we) {
      uint32_t c = kz_utf8_next(s + i, &l);
      size_t d0 = (size_t)(o - out);
      uint32_t lc = lower_cyr(c);
      if (lc) {
        if (hz && !lower_cyr(prev)) {
          memcpy(o, hamza, 2);
          o += 2;
          if (sv) kz_span_add(sv, i, i, d0, d0 + 2, 0);
          d0 += 2;
        }
        const kz_fwd_entry *e = &T[c - 0x400];
        /* е after a vowel is йе (MediaWiki: after а ә е ё и о ө ұ ү э ю я ъ ь),
         * but not after и, whose ي carries the й (Xinjiang print: тиесілі تيەسىلى) */
        uint32_t pl = lower_cyr(prev);
        if (lc == 0x435 && pl &&
            (pl == 0x430 || pl == 0x4D9 || pl == 0x435 || pl == 0x451 || pl == 0x43E ||
             pl == 0x4E9 || pl == 0x4B1 || pl == 0x4AF || pl == 0x44D || pl == 0x44E ||
             pl == 0x44F || pl == 0x44A || pl == 0x44C)) {
          memcpy(o, "\xd9\x8a", 2);
          o += 2;
        }
        /* и before я ю й и: their own ي carries it (CLDR: босния بوسنيا, валлий ۆاللي) */
        uint32_t nl = i + l < we ? lower_cyr(kz_utf8_next(s + i + l, &(size_t){0})) : 0;
        int merged = lc == 0x438 && (nl == 0x44F || nl == 0x44E || nl == 0x439 || nl == 0x438);
        if (!merged) {
          memcpy(o, e->out, e->len);
          o += e->len;
        }
        if (sv) kz_span_add(sv, i, i + l, d0, (size_t)(o - out), 0);
      } else {
        const char *rep = c == ','   ? "\xd8\x8c"
                          : c == ';' ? "\xd8\x9b"
                          : c == '?' ? "\xd8\x9f"
                                     : NULL;
        if (rep) {
          memcpy(o, rep, 2);
          o += 2;
          if (sv) kz_span_add(sv, i, i + l, d0, d0 + 2, 0);
        } else {
          memcpy(o, s + i, l);
          o += l;
          if (sv) kz_span_add(sv, i, i + l, d0, d0 + l, 1);
        }
      }
      prev = c;
      i += l;
    }
    if (pat) { /* the patronymic follows as a word of its own */
      size_t d0 = (size_t)(o - out);
      *o++ = ' ';
      if (sv) kz_span_add(sv, i, i, d0, d0 + 1, 0);
    }
  }
  return (size_t)(o - out);
}

int kz_tl_is_arabic_letter(uint32_t cp) {
  return (cp >= 0x620 && cp <= 0x64A) || (cp >= 0x66E && cp <= 0x6D5) ||
         (cp >= 0x6EE && cp <= 0x6FF && !(cp >= 0x6F0 && cp <= 0x6F9)) ||
         (cp >= 0x750 && cp <= 0x77F) || (cp >= 0xFB50 && cp <= 0xFDFF) ||
         (cp >= 0xFE70 && cp <= 0xFEFC) || cp == 0x674;
}

/* ---- Arabic -> Cyrillic ----
 *
 * One Arabic letter stands for а|ә, о|ө, ұ|ү or ы|і; the reading of each word
 * is chosen from evidence:
 *  - the lexicon (src/gen/arabic_lexicon.inc, tools/gen_arabic_lexicon.py):
 *    hunspell-kk stems (and hunspell-ru loanwords) that the rules below read
 *    wrong, keyed by their Arabic spelling without hamza; an entry holds the
 *    reading for a word written without the hamza and, after '|', the one
 *    for a word with it (тыс|тіс), so the hamza is evidence, not a switch;
 *  - the letters: ق ع occur in back words only, ك گ ە in front words
 *    (the invariant suffixes -мен/-пен/-бен aside), and the hamza;
 *  - after a stem, a suffix follows its own ق ع ك گ ە, else the stem's
 *    last vowel (vowel harmony), which keeps a front suffix out of the stem
 *    (тау+мен) and a back part out of a front one (бір+қатар). */

static int is_hamza(uint32_t c) { return c == 0x674 || c == 0x621; }

static uint32_t front_of(uint32_t c) {
  switch (c) {
  case 0x430:
    return 0x4D9;
  case 0x43E:
    return 0x4E9;
  case 0x4B1:
    return 0x4AF;
  case 0x44B:
    return 0x456;
  default:
    return c;
  }
}

static int cyr_vowel(uint32_t c) {
  switch (c) {
  case 0x430:
  case 0x4D9:
  case 0x435:
  case 0x438:
  case 0x43E:
  case 0x4E9:
  case 0x443:
  case 0x4B1:
  case 0x4AF:
  case 0x44B:
  case 0x456:
  case 0x44F:
  case 0x44E:
  case 0x451:
  case 0x44D:
    return 1;
  default:
    return 0;
  }
}

/* Vowel class of a Cyrillic vowel for harmony: 1 back, 2 front, 0 neither
 * (и у, which both classes have). */
static int cyr_class(uint32_t c) {
  switch (c) {
  case 0x430:
  case 0x43E:
  case 0x4B1:
  case 0x44B:
  case 0x44F:
  case 0x44E:
  case 0x451:
    return 1;
  case 0x4D9:
  case 0x4E9:
  case 0x4AF:
  case 0x456:
  case 0x435:
  case 0x44D:
    return 2;
  default:
    return 0;
  }
}

enum { KZ_AW_MAX = 64 }; /* letters read as one word (longer runs are cut) */

/* One word, its letters normalized: presentation forms to letters, ک ی to
 * ك ي, ه to ە where it stands for е, the precomposed hamza letters split. */
typedef struct arab_word {
  int n;                      /* letters */
  int hamza;                  /* a hamza stood in the word */
  int hamza_at;               /* the letter after the first hamza (-1: none) */
  uint16_t cp[KZ_AW_MAX];     /* the letter (0: an unmapped letter, kept as is) */
  uint32_t s0[KZ_AW_MAX + 1]; /* its source bytes: [s0[k], s0[k+1]) (a hamza before it included) */
  uint8_t key[2 * KZ_AW_MAX]; /* the letters' UTF-8, the lexicon's key */
} arab_word;

/* U+FB50..U+FEFC: the letter a presentation form shows (0: none), and
 * U+0600..U+06FF: the letters kztext reads (generated with the lexicon). */
static uint32_t arab_letter(uint32_t c) {
  if (c >= 0xFB50 && c <= 0xFEFC) c = kz_arab_pres[c - 0xFB50];
  if (c == 0x6A9) return 0x643; /* ک */
  if (c == 0x6CC) return 0x64A; /* ی */
  return c;
}

/* Arabic letter -> Cyrillic, back-vowel reading; 0 = not handled here. */
static uint32_t arab_base(uint32_t c) {
  switch (c) {
  case 0x627:
    return 0x430; /* ا а */
  case 0x628:
    return 0x431; /* ب б */
  case 0x6C6:
    return 0x432; /* ۆ в */
  case 0x6AF:
    return 0x433; /* گ г */
  case 0x639:
    return 0x493; /* ع ғ */
  case 0x62F:
    return 0x434; /* د д */
  case 0x6D5:
    return 0x435; /* ە е */
  case 0x62C:
    return 0x436; /* ج ж */
  case 0x632:
    return 0x437; /* ز з */
  case 0x643:
    return 0x43A; /* ك к */
  case 0x642:
    return 0x49B; /* ق қ */
  case 0x644:
    return 0x43B; /* ل л */
  case 0x645:
    return 0x43C; /* م м */
  case 0x646:
    return 0x43D; /* ن н */
  case 0x6AD:
    return 0x4A3; /* ڭ ң */
  case 0x648:
    return 0x43E; /* و о */
  case 0x67E:
    return 0x43F; /* پ п */
  case 0x631:
    return 0x440; /* ر р */
  case 0x633:
    return 0x441; /* س с */
  case 0x62A:
    return 0x442; /* ت т */
  case 0x6CB:
    return 0x443; /* ۋ у */
  case 0x6C7:
    return 0x4B1; /* ۇ ұ */
  case 0x641:
    return 0x444; /* ف ф */
  case 0x62D:
    return 0x445; /* ح х */
  case 0x6BE:
  case 0x647:
    return 0x4BB; /* ھ һ */
  case 0x686:
    return 0x447; /* چ ч */
  case 0x634:
    return 0x448; /* ش ш */
  case 0x649:
    return 0x44B; /* ى ы */
  case 0x64A:
    return 0x439; /* ي й */
  default:
    return 0;
  }
}

/* The length of a UTF-8 sequence by its lead byte. */
static inline size_t seq_len(unsigned char c) {
  return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

static int arab_vowel(uint32_t c) {
  return c == 0x627 || c == 0x648 || c == 0x6C7 || c == 0x649 || c == 0x6D5 || c == 0x64A ||
         c == 0x6CB;
}

/* Reads the word that starts at s[i] (an Arabic letter) into w; returns its end. */
static size_t read_word(const unsigned char *s, size_t n, size_t i, arab_word *w) {
  w->n = 0;
  w->hamza = 0;
  w->hamza_at = -1;
  size_t l, pend = i; /* a hamza belongs to the letter after it */
  /* i + seq_len() <= n: the one-pass route reads unchecked text, whose last
   * sequence may be cut short (it gives up there, after this word) */
  while (i < n && w->n < KZ_AW_MAX && i + seq_len(s[i]) <= n) {
    uint32_t c = kz_utf8_next(s + i, &l);
    if (!kz_tl_is_arabic_letter(c)) break;
    c = arab_letter(c);
    if (is_hamza(c)) {
      if (!w->hamza) w->hamza_at = w->n;
      w->hamza = 1;
      i += l;
      continue;
    }
    /* U+0675..U+0678: hamza + ا و ۇ ى (U+0678 is a legacy і, not и) */
    if (c >= 0x675 && c <= 0x678) {
      if (!w->hamza) w->hamza_at = w->n;
      w->hamza = 1;
      c = c == 0x675 ? 0x627 : c == 0x676 ? 0x648 : c == 0x677 ? 0x6C7 : 0x649;
    }
    w->s0[w->n] = (uint32_t)pend;
    w->cp[w->n++] = (uint16_t)(arab_base(c) ? c : 0);
    i += l;
    pend = i;
  }
  w->s0[w->n] = (uint32_t)pend;
  /* ه for ە: a heh not before a vowel reads е (ھ is the letter for һ) */
  for (int k = 0; k < w->n; k++)
    if (w->cp[k] == 0x647 && !(k + 1 < w->n && arab_vowel(w->cp[k + 1]))) w->cp[k] = 0x6D5;
  return pend > w->s0[0] ? pend : i;
}

/* Front (2) / back (1) evidence of letter k, 0 none: ق ع back, ك گ ە front,
 * the ە of a final -مەن/-پەن/-بەن (invariant suffixes) none. */
static int evidence(const arab_word *w, int k) {
  uint32_t c = w->cp[k];
  if (c == 0x642 || c == 0x639) return 1;
  if (c == 0x643 || c == 0x6AF) return 2;
  if (c == 0x6D5) {
    if (k == w->n - 2 && k >= 2 && w->cp[k + 1] == 0x646 &&
        (w->cp[k - 1] == 0x645 || w->cp[k - 1] == 0x67E || w->cp[k - 1] == 0x628))
      return 0;
    return 2;
  }
  return 0;
}

/* The class (1 back, 2 front, 0 none) of the last vowel of a Cyrillic
 * reading that has one, and whether it has a front vowel at all. */
static int reading_class(const char *v, size_t vl, int *has_front) {
  int cls = 0;
  *has_front = 0;
  for (size_t j = 0; j < vl;) {
    size_t l;
    int c = cyr_class(kz_utf8_next((const unsigned char *)v + j, &l));
    j += l;
    if (c) cls = c;
    if (c == 2) *has_front = 1;
  }
  return cls;
}

/* Does the reading of a stem of m letters agree with the rest of the word?
 * A hamza before the stem wants a front vowel in it; a suffix with its own
 * evidence (ق ع back, ك گ ە front) follows the stem's last vowel. */
static int stem_fits(const arab_word *w, int m, const char *v, size_t vl) {
  int has_front, cls = reading_class(v, vl, &has_front);
  if (w->hamza_at == 0 && !has_front) return 0;
  if (!cls) return 1;
  int back = 0, front = 0;
  for (int k = m; k < w->n; k++) {
    int e = evidence(w, k);
    back |= e == 1;
    front |= e == 2 || k == w->hamza_at;
  }
  return !(back && cls == 2) && !(front && !back && cls == 1);
}

/* The longest lexicon stem that begins the word and fits it (stem_fits):
 * its letters (0: none) and reading in *cyr, *cyr_len.  An entry's reading
 * for the word's hamza evidence comes first, the other one second. */
static int lex_stem(const arab_word *w, const char **cyr, size_t *cyr_len) {
  int kn = 0;
  while (kn < w->n && w->cp[kn])
    kn++;
  if (!kn) return 0;
  /* one key byte per letter; the first two steps through direct tables */
  const uint64_t *T = kz_arab_lex_nodes;
  enum { MAXM = 16 };
  int mm[MAXM], nm = 0;
  uint64_t mv[MAXM];
  uint32_t r0 = kz_arab_lex_root[kz_arab_code[w->cp[0] - 0x600]];
  uint64_t nd = r0 ? T[r0] : 0;
  for (int i = 0; nd; i++) {
    if (N_VAL(nd) && (!N_WHOLE(nd) || i + 1 == kn)) {
      if (nm == MAXM) nm--; /* keep the longest */
      mm[nm] = i + 1;
      mv[nm++] = nd;
    }
    if (i + 1 >= kn) break;
    unsigned b = kz_arab_code[w->cp[i + 1] - 0x600];
    if (i == 0) {
      uint32_t r1 = kz_arab_lex_l2[r0 - 1][b];
      nd = r1 ? T[r1] : 0;
    } else {
      nd = kz_tl_lex_step(T, nd, b);
    }
  }
  while (nm--) {
    const char *v = kz_arab_lex_pool + N_VAL(mv[nm]) - 1;
    size_t vl = N_VLEN(mv[nm]);
    const char *bar = memchr(v, '|', vl);
    const char *alt[2] = {v, NULL};
    size_t altl[2] = {vl, 0};
    if (bar) { /* "without hamza|with hamza": the word's own first */
      size_t xl = (size_t)(bar - v), yl = vl - xl - 1;
      int h = w->hamza != 0;
      alt[0] = h ? bar + 1 : v;
      altl[0] = h ? yl : xl;
      alt[1] = h ? v : bar + 1;
      altl[1] = h ? xl : yl;
    }
    for (int t = 0; t < 2 && alt[t]; t++)
      if (stem_fits(w, mm[nm], alt[t], altl[t])) {
        *cyr = alt[t];
        *cyr_len = altl[t];
        return mm[nm];
      }
  }
  return 0;
}

/* Writes the word: letters [0, m) as the stem reading, the rest by rules. */
static void write_word(const unsigned char *s, const arab_word *w, int lexicon, char **po,
                       char *out, kz_spanv *sv) {
  char *o = *po;
  const char *stem = NULL;
  size_t stem_len = 0;
  int m = lexicon ? lex_stem(w, &stem, &stem_len) : 0;
  uint32_t prev = 0;
  int harm = 0; /* the class of the last vowel written: 1 back, 2 front */
  if (m) {
    size_t d0 = (size_t)(o - out);
    memcpy(o, stem, stem_len);
    o += stem_len;
    if (sv) kz_span_add(sv, w->s0[0], w->s0[m], d0, (size_t)(o - out), 0);
    for (size_t j = 0; j < stem_len;) {
      size_t l;
      uint32_t c = kz_utf8_next((const unsigned char *)stem + j, &l);
      j += l;
      if (cyr_class(c)) harm = cyr_class(c);
      prev = c;
    }
  }
  /* the class of each remaining letter: the rest's own evidence (the
   * hamza counts as front evidence at its letter), else the stem's
   * harmony, else back; mixed evidence: the nearest evidence letter */
  int8_t ev[KZ_AW_MAX];
  int back = 0, front = 0;
  for (int k = m; k < w->n; k++) {
    ev[k] = (int8_t)evidence(w, k);
    if (k == w->hamza_at && !ev[k]) ev[k] = 2;
    back |= ev[k] == 1;
    front |= ev[k] == 2;
  }
  int cls = back && !front ? 1 : front && !back ? 2 : (!back && !front) ? (harm ? harm : 1) : 0;
  for (int k = m; k < w->n;) {
    size_t d0 = (size_t)(o - out);
    size_t a = w->s0[k];
    uint32_t c = w->cp[k];
    if (!c) { /* an Arabic letter kztext does not map: kept */
      memcpy(o, s + a, w->s0[k + 1] - a);
      o += w->s0[k + 1] - a;
      if (sv) kz_span_add(sv, a, w->s0[k + 1], d0, (size_t)(o - out), 1);
      prev = 0;
      k++;
      continue;
    }
    int front_here = cls == 2;
    if (!cls) /* the nearest evidence, the earlier on a tie */
      for (int d = 0; d < w->n; d++) {
        int e = k - d >= m ? ev[k - d] : 0;
        if (!e && k + d < w->n) e = ev[k + d];
        if (e) {
          front_here = e == 2;
          break;
        }
      }
    uint32_t next = k + 1 < w->n ? w->cp[k + 1] : 0;
    uint32_t r;
    int used = 1;
    if (c == 0x649 && next == 0x64A) { /* ىي и */
      r = 0x438;
      used = 2;
    } else if (c == 0x64A && (next == 0x627 || next == 0x6CB)) {
      r = next == 0x627 ? 0x44F : 0x44E;
      used = 2;
      if (prev && !cyr_vowel(prev)) o += kz_utf8_encode(0x438, o); /* босния: ия */
    } else if (c == 0x64A && next == 0x6D5) {
      /* يە: йе after a vowel (күйеу), ие after a consonant or first (тиесілі) */
      o += kz_utf8_encode(prev && cyr_vowel(prev) ? 0x439 : 0x438, o);
      r = 0x435;
      used = 2;
    } else {
      r = arab_base(c);
      if (r == 0x439 && !cyr_vowel(prev)) r = 0x438; /* ي after a consonant: и */
      if (front_here) r = front_of(r);
    }
    o += kz_utf8_encode(r, o);
    if (sv) kz_span_add(sv, a, w->s0[k + used], d0, (size_t)(o - out), 0);
    prev = r;
    k += used;
  }
  *po = o;
}

/* Bit x of these: U+0600 + x is a combining mark (ccc != 0): U+0610-U+061A,
 * U+064B-U+065F, U+0670, U+06D6-U+06DC, U+06DF-U+06E4, U+06E7, U+06E8,
 * U+06EA-U+06ED. */
static const uint64_t arab_mark_bits[4] = {0x0000000007FF0000ull, 0x00010000FFFFF800ull, 0,
                                           0x00003D9F9FC00000ull};

static inline int arab_combining(unsigned x) {
  return (int)((arab_mark_bits[x >> 6] >> (x & 63)) & 1);
}

/* Does NFC leave a text of these characters alone?  Two-byte characters
 * but the combining marks (U+0300-U+036F, U+0483-U+0489, Hebrew points, the
 * Arabic marks) and the singletons U+0340 U+0341 U+0343 U+0344 U+0374 U+037E
 * U+0387; three-byte ones of U+2010-U+20CF and U+2100-U+214F but the
 * singletons U+2126 U+212A U+212B. */
static inline int nfc_inert2(uint32_t cp) {
  if (cp >= 0x600 && cp <= 0x6FF) return !arab_combining(cp & 0xFF);
  return !(cp >= 0x300 && cp <= 0x36F) && !(cp >= 0x483 && cp <= 0x489) &&
         !(cp >= 0x591 && cp <= 0x5C7) && !(cp >= 0x610 && cp <= 0x61A) && cp != 0x374 &&
         cp != 0x37E && cp != 0x387 && !(cp >= 0x700);
}

static inline int nfc_inert3(uint32_t cp) {
  return (cp >= 0x2010 && cp <= 0x20CF) ||
         (cp >= 0x2100 && cp <= 0x2ADB && cp != 0x2126 && cp != 0x212A && cp != 0x212B) ||
         (cp >= 0x3000 && cp <= 0x3098) || (cp >= 0x4E00 && cp <= 0x9FFF);
}

/* The length of the character at s[i] if it is valid UTF-8 that NFC leaves
 * alone in any context (a plain character), else 0. */
static inline size_t plain_char(const unsigned char *s, size_t n, size_t i) {
  unsigned c = s[i];
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c < 0xE0 && i + 1 < n && (s[i + 1] & 0xC0) == 0x80)
    return nfc_inert2(((c & 0x1Fu) << 6) | (s[i + 1] & 0x3Fu)) ? 2 : 0;
  if (c >= 0xE2 && c < 0xEA && i + 2 < n && (s[i + 1] & 0xC0) == 0x80 && (s[i + 2] & 0xC0) == 0x80)
    return nfc_inert3(((c & 0xFu) << 12) | ((s[i + 1] & 0x3Fu) << 6) | (s[i + 2] & 0x3Fu)) ? 3 : 0;
  return 0;
}

/* A memo of converted words, as fast2021.c keeps for Latin, a call's own or
 * one a kztext_transliterator keeps from call to call: a word's reading
 * depends on its letters alone (and on the lexicon flag, which a call's
 * flags fix and a transliterator never sees), and news text
 * repeats its words (Zipf), so most words are a hash, a compare and a copy.
 * Two-way sets of one-cache-line slots, fixed size (bounded memory), a
 * call's own only for inputs that repay the allocation; never with
 * offsets.  The next
 * word's set is found and prefetched before this word is read, so that its
 * cache miss overlaps the work. */
enum { AMEMO_KEY = 40, AMEMO_OUT = 86, AMEMO_MIN_INPUT = 32768 };
typedef struct amemo_slot {
  uint64_t key[AMEMO_KEY / 8]; /* the word's bytes, zero-padded */
  uint8_t len, dlen;           /* key bytes (0: empty), output bytes */
  char out[AMEMO_OUT];
} amemo_slot; /* 128 bytes: words of up to 20 letters (99.9% of news words) */

typedef struct amemo {
  amemo_slot *slot;
  unsigned bits;
  size_t next_i, next_e; /* the next word: its start and end (0: none) */
  amemo_slot *next_set;
  uint64_t next_key[AMEMO_KEY / 8];
} amemo;

/* Bit (cp & 0xFF) of these: U+0600..U+06FF is a letter (kz_tl_is_arabic_letter). */
static const uint64_t letter_bits[4] = {0xFFFFFFFF00000000ull, 0xFFFFC000000007FFull,
                                        0xFFFFFFFFFFFFFFFFull, 0xFC00C000003FFFFFull};

static inline int letter2(const unsigned char *p) { /* p[0] in D8..DB */
  unsigned x = ((unsigned)(p[0] & 3) << 6) | (p[1] & 0x3F);
  return (int)((letter_bits[x >> 6] >> (x & 63)) & 1);
}

/* The end of the word of 2-byte letters U+0600..U+06FF at s[i] (hamzas
 * included), and 0 if another letter (a presentation form) continues it. */
static inline size_t memo_word_end(const unsigned char *s, size_t n, size_t i) {
  /* four letters at a time: lead bytes D8..DB, continuation bytes, letters */
  while (i + 8 <= n) {
    uint64_t v;
    memcpy(&v, s + i, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    if ((v & 0xC0FCC0FCC0FCC0FCull) != 0x80D880D880D880D8ull) break;
#else
    if ((v & 0xFCC0FCC0FCC0FCC0ull) != 0xD880D880D880D880ull) break;
#endif
    if (!(letter2(s + i) & letter2(s + i + 2) & letter2(s + i + 4) & letter2(s + i + 6))) break;
    i += 8;
  }
  while (i + 1 < n && (s[i] & 0xFC) == 0xD8 && (s[i + 1] & 0xC0) == 0x80 && letter2(s + i))
    i += 2;
  if (i < n && s[i] >= 0x80 && (s[i] & 0xFC) != 0xD8 && i + seq_len(s[i]) <= n) {
    size_t l;
    if (kz_tl_is_arabic_letter(kz_utf8_next(s + i, &l))) return 0;
  }
  return i;
}

static inline uint64_t aload8(const unsigned char *p) {
  uint64_t v;
  memcpy(&v, p, 8);
  return v;
}

/* The set of the word at s[i]: its end in *e, its key; NULL if it is not
 * memoised (too long, not plain 2-byte letters, too near the end for the
 * 8-byte loads). */
static inline amemo_slot *memo_set(const amemo *M, const unsigned char *s, size_t n, size_t i,
                                   size_t *e, uint64_t key[AMEMO_KEY / 8]) {
  *e = memo_word_end(s, n, i);
  if (!*e || *e - i > AMEMO_KEY || i + AMEMO_KEY > n) return NULL;
  size_t kl = *e - i;
  for (size_t q = 0; q < AMEMO_KEY / 8; q++) {
    size_t r = kl > 8 * q ? kl - 8 * q : 0;
    key[q] = r >= 8 ? aload8(s + i + 8 * q)
             : r    ? aload8(s + i + 8 * q) & (~0ull >> (64 - 8 * r))
                    : 0;
  }
  uint64_t h = (key[0] ^ (key[1] * 0xC2B2AE3D27D4EB4Full) ^ (key[2] >> 7) ^
                (key[3] * 0xFF51AFD7ED558CCDull) ^ (key[4] >> 13) ^ kl) *
               0x9E3779B97F4A7C15ull;
  return &M->slot[(h >> (64 - M->bits)) & ~(uint64_t)1];
}

/* The slots of a memo: 2^bits of them (about one per 128 input bytes, 2^10
 * to 2^15), on cache lines. */
struct kz_tl_amemo {
  void *mem;
  amemo_slot *slot;
  unsigned bits;
};

static unsigned amemo_bits_for(size_t n) { return kz_tl_memo_bits(n, 128, 15); }

static kz_tl_amemo *amemo_alloc(unsigned bits) {
  kz_tl_amemo *m = malloc(sizeof *m);
  if (!m) return NULL;
  m->bits = bits;
  m->mem = calloc(((size_t)1 << bits) + 1, sizeof *m->slot);
  if (!m->mem) {
    free(m);
    return NULL;
  }
  m->slot = (amemo_slot *)(void *)((char *)m->mem + (64 - (uintptr_t)m->mem % 64) % 64);
  return m;
}

void kz_tl_amemo_free(kz_tl_amemo *m) {
  if (!m) return;
  free(m->mem);
  free(m);
}

kz_tl_amemo *kz_tl_amemo_new(size_t n) {
  return n < AMEMO_MIN_INPUT ? NULL : amemo_alloc(amemo_bits_for(n));
}

/* a memo kept across calls has at least 2^14 slots (2 MiB: 16,384 words) */
kz_tl_amemo *kz_tl_amemo_renew(kz_tl_amemo *m, size_t n) {
  unsigned bits = amemo_bits_for(n);
  if (bits < 14) bits = 14;
  if (m && m->bits >= bits) return m;
  kz_tl_amemo_free(m);
  return amemo_alloc(bits);
}

/* checked: give up with (size_t)-1 at the first character that is not
 * plain (kz_tl_arabic_fast); the letters of a word are checked by
 * memo_word_end, everything else here.  kept: a memo kept across calls, or
 * NULL for the call's own. */
static size_t convert(const unsigned char *s, size_t n, unsigned flags, char *out, kz_spanv *sv,
                      int checked, kz_tl_amemo *kept) {
  const int lexicon = !(flags & KZ_TRANSLIT_NO_LEXICON);
  amemo M = {NULL, 10, (size_t)-1, 0, NULL, {0}};
  kz_tl_amemo *own = NULL; /* NULL (no memory) only costs speed */
  if (!sv) {
    if (!kept) kept = own = kz_tl_amemo_new(n);
    if (kept) {
      M.slot = kept->slot;
      M.bits = kept->bits;
    }
  }
  char *o = out;
  size_t i = 0, l, long_end = 0; /* long_end: the end of the long word i is in, when known */
  arab_word w;
  while (i < n) {
    if (!sv && s[i] < 0x80) { /* spaces, digits, ASCII punctuation: as they are */
      *o++ = (char)s[i++];
      continue;
    }
    if (checked && !plain_char(s, n, i)) break;
    uint32_t c = kz_utf8_next(s + i, &l);
    size_t d0 = (size_t)(o - out);
    if (!kz_tl_is_arabic_letter(c)) {
      const char *rep = c == 0x60C ? "," : c == 0x61B ? ";" : c == 0x61F ? "?" : NULL;
      if (rep) {
        *o++ = *rep;
        if (sv) kz_span_add(sv, i, i + l, d0, d0 + 1, 0);
      } else {
        memcpy(o, s + i, l);
        o += l;
        if (sv) kz_span_add(sv, i, i + l, d0, d0 + l, 1);
      }
      i += l;
      continue;
    }
    amemo_slot *set = NULL;
    uint64_t key[AMEMO_KEY / 8];
    size_t we = 0;
    /* the rest of a word too long for the memo, which read_word takes a piece
     * at a time: its end is known (a scan for each piece would cost the word
     * its length squared) */
    const int inside = i < long_end;
    if (inside) we = long_end;
    if (!inside && checked && !M.slot && !(we = memo_word_end(s, n, i))) break;
    if (M.slot && !inside) {
      if (M.next_i == i) {
        set = M.next_set;
        we = M.next_e;
        memcpy(key, M.next_key, sizeof key);
      } else {
        set = memo_set(&M, s, n, i, &we, key);
      }
      if (checked && !we) break;
      /* the next word, after a space or a punctuation mark */
      size_t j = we;
      M.next_i = (size_t)-1;
      while (j && j < n && j < we + 3 && s[j] < 0x80)
        j++;
      if (j && j < n && j > we && (s[j] & 0xFC) == 0xD8) {
        M.next_i = j;
        M.next_set = memo_set(&M, s, n, j, &M.next_e, M.next_key);
        if (M.next_set)
          __builtin_prefetch(M.next_set);
        else
          M.next_i = (size_t)-1;
      }
      if (set) {
        size_t kl = we - i;
        for (int q = 0; q < 2; q++) {
          amemo_slot *m = &set[q];
          if (m->len == kl && !((m->key[0] ^ key[0]) | (m->key[1] ^ key[1]) | (m->key[2] ^ key[2]) |
                                (m->key[3] ^ key[3]) | (m->key[4] ^ key[4]))) {
            /* short outputs by a fixed-size copy: the buffer has 16 bytes
             * past the bound of what is left (route()'s contract) */
            if (m->dlen <= 16)
              memcpy(o, m->out, 16);
            else
              memcpy(o, m->out, m->dlen);
            o += m->dlen;
            if (q) { /* least recently used: to the front */
              amemo_slot t = set[1];
              set[1] = set[0];
              set[0] = t;
            }
            i = we;
            goto next;
          }
        }
      }
    }
    if (we > i + AMEMO_KEY) long_end = we;
    {
      size_t e = read_word(s, n, i, &w);
      if (checked && e > we) break; /* letters memo_word_end did not check */
      char *o0 = o;
      if (w.n)
        write_word(s, &w, lexicon, &o, out, sv);
      else if (sv) /* hamzas alone */
        kz_span_add(sv, i, e, d0, d0, 0);
      if (set && e == we && (size_t)(o - o0) <= AMEMO_OUT) {
        set[1] = set[0]; /* the newer word first; the older one stays */
        memcpy(set[0].key, key, sizeof key);
        set[0].len = (uint8_t)(we - i);
        set[0].dlen = (uint8_t)(o - o0);
        memcpy(set[0].out, o0, (size_t)(o - o0));
      }
      i = e;
    }
  next:;
  }
  kz_tl_amemo_free(own);
  return i < n ? (size_t)-1 : (size_t)(o - out);
}

size_t kz_tl_arabic_to_cyr(const unsigned char *s, size_t n, unsigned flags, char *out,
                           kz_spanv *sv) {
  return convert(s, n, flags, out, sv, 0, NULL);
}

size_t kz_tl_arabic_fast(const unsigned char *s, size_t n, unsigned flags, char *out) {
  return convert(s, n, flags, out, NULL, 1, NULL);
}

size_t kz_tl_arabic_to_cyr_memo(const unsigned char *s, size_t n, unsigned flags, char *out,
                                kz_tl_amemo *m) {
  return convert(s, n, flags, out, NULL, 0, m);
}

size_t kz_tl_arabic_fast_memo(const unsigned char *s, size_t n, unsigned flags, char *out,
                              kz_tl_amemo *m) {
  return convert(s, n, flags, out, NULL, 1, m);
}

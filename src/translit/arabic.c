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
         * but not after и, whose ي carries the й (Xinjiang print: дүние دۇنيە) */
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
 *    for a word with it (тыл|тіл), so the hamza is evidence, not a switch;
 *  - the letters: ق ع occur in back words only, ك گ ە in front words
 *    (the invariant suffixes -мен/-пен/-бен aside), and the hamza;
 *  - after a stem, a suffix follows its own ق ع ك گ ە, else the stem's
 *    last vowel (vowel harmony), which keeps a front suffix out of the stem
 *    (аспан+мен) and a back part out of a front one (бір+қанша). */

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
  while (i < n && w->n < KZ_AW_MAX) {
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
  uint8_t key[2 * KZ_AW_MAX];
  int pos[2 * KZ_AW_MAX + 1]; /* key bytes -> letters */
  size_t kn = 0;
  for (int k = 0; k < w->n; k++) {
    if (!w->cp[k]) break;
    kn += kz_utf8_encode(w->cp[k], (char *)key + kn);
    pos[kn] = k + 1;
  }
  const uint64_t *T = kz_arab_lex_nodes;
  uint64_t nd = T[0];
  enum { MAXM = 16 };
  int mm[MAXM], nm = 0;
  uint64_t mv[MAXM];
  for (size_t i = 0; i < kn; i++) {
    nd = kz_tl_lex_step(T, nd, key[i]);
    if (!nd) break;
    if (N_VAL(nd) && (!N_WHOLE(nd) || i + 1 == kn)) {
      if (nm == MAXM) nm--; /* keep the longest */
      mm[nm] = pos[i + 1];
      mv[nm++] = nd;
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
      /* يە: йе after a vowel (жүйе), ие after a consonant or first (дүние, ие) */
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

size_t kz_tl_arabic_to_cyr(const unsigned char *s, size_t n, unsigned flags, char *out,
                           kz_spanv *sv) {
  const int lexicon = !(flags & KZ_TRANSLIT_NO_LEXICON);
  char *o = out;
  size_t i = 0, l;
  arab_word w;
  while (i < n) {
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
    size_t e = read_word(s, n, i, &w);
    if (w.n)
      write_word(s, &w, lexicon, &o, out, sv);
    else if (sv) /* hamzas alone */
      kz_span_add(sv, i, e, d0, d0, 0);
    i = e;
  }
  return (size_t)(o - out);
}

/* The rules of Latin -> Kazakh Cyrillic, written once.
 *
 * A Latin word reaches the rules as an array of token codes: a lower-case
 * Cyrillic letter (named below), an ambiguity class (KZ_AMB_*, from
 * data/translit/reverse.tsv), 0 for a dropped sign or KZ_TOK_LITERAL for
 * something kept as it is.  Both routes call these functions:
 *  - the general route (to_cyrillic.c), for every scheme, with offsets;
 *  - the latin2021 word route (word2021.c), which reads the official
 *    letters straight into codes and calls the same functions with the
 *    scheme fixed, so the compiler specialises them (the 2018 branches fold
 *    away); it may only skip letters that kz_rule_context() says the rules
 *    leave alone.
 * Rules that need more than codes (case of the source letters, latin2018's
 * capital I, Roman numerals) stay in to_cyrillic.c: that route alone sees
 * such words.  docs/transliteration.md explains each rule. */
#ifndef KZTEXT_TRANSLIT_LATIN_RULES_H
#define KZTEXT_TRANSLIT_LATIN_RULES_H

#include "translit/translit_int.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* Lower-case Cyrillic letters the rules name. */
enum {
  CY_A = 0x430,
  CY_B = 0x431,
  CY_V = 0x432,
  CY_G = 0x433,
  CY_D = 0x434,
  CY_E = 0x435,
  CY_ZH = 0x436,
  CY_Z = 0x437,
  CY_I = 0x438,
  CY_SHORT_I = 0x439,
  CY_K = 0x43A,
  CY_L = 0x43B,
  CY_M = 0x43C,
  CY_N = 0x43D,
  CY_O = 0x43E,
  CY_P = 0x43F,
  CY_R = 0x440,
  CY_S = 0x441,
  CY_T = 0x442,
  CY_U = 0x443,
  CY_F = 0x444,
  CY_KH = 0x445,
  CY_TS = 0x446,
  CY_CH = 0x447,
  CY_SH = 0x448,
  CY_SHCH = 0x449,
  CY_HARD = 0x44A,
  CY_YERU = 0x44B,
  CY_SOFT = 0x44C,
  CY_EH = 0x44D,
  CY_YU = 0x44E,
  CY_YA = 0x44F,
  CY_YO = 0x451,
  CY_DOTTED_I = 0x456, /* і */
  CY_GH = 0x493,       /* ғ */
  CY_Q = 0x49B,        /* қ */
  CY_NG = 0x4A3,       /* ң */
  CY_UE = 0x4AF,       /* ү */
  CY_U_BAR = 0x4B1,    /* ұ */
  CY_H = 0x4BB,        /* һ */
  CY_AE = 0x4D9,       /* ә */
  CY_OE = 0x4E9        /* ө */
};

/* Token codes besides letters and classes. */
enum { KZ_TOK_DROPPED = 0, KZ_TOK_LITERAL = 0xFFFF };

/* Vowel letters (а ә е ё и о ө у ұ ү ы і э ю я).  A bit table for
 * U+0430..U+0457, then the four Kazakh letters beyond it. */
static const uint8_t kz_vowel_bits[5] = {0x21, 0x41, 0x08, 0xE8, 0x42};
static inline int kz_cyr_vowel(uint32_t c) {
  if (c - CY_A < 0x28) return (kz_vowel_bits[(c - CY_A) >> 3] >> ((c - CY_A) & 7)) & 1;
  return c == CY_AE || c == CY_OE || c == CY_U_BAR || c == CY_UE;
}

/* The capital of a Cyrillic letter (а..я, ѐ..џ, and the pairs from U+0460
 * on, capital first); other code points are their own. */
static inline uint32_t kz_cyr_upper(uint32_t c) {
  if (c >= CY_A && c <= CY_YA) return c - 0x20;
  if (c >= 0x450 && c <= 0x45F) return c - 0x50;
  if (c >= 0x460 && c <= 0x4FF && (c & 1)) return c - 1;
  return c;
}

/* A vowel token: a vowel letter or a class whose letters are vowels. */
static inline int kz_tok_vowel(uint32_t t) {
  return kz_cyr_vowel(t) || t == KZ_AMB_I || t == KZ_AMB_E || t == KZ_AMB_AE || t == KZ_AMB_OE ||
         t == KZ_AMB_UE;
}

/* Back vowels that decide vowel harmony (и, у and classes say nothing). */
static inline int kz_tok_back(uint32_t t) {
  return t == CY_A || t == CY_O || t == CY_U_BAR || t == CY_YERU;
}

/* Letters only Kazakh writes. */
static inline int kz_tok_kazakh(uint32_t t) {
  return t == CY_AE || t == CY_OE || t == CY_UE || t == CY_U_BAR || t == CY_Q || t == CY_GH ||
         t == CY_NG || t == CY_DOTTED_I;
}

/* ---- word-level tests ------------------------------------------------ */

/* A capital run no Kazakh word could be, hence an acronym: two vowels side
 * by side (и and у are glides after a vowel: АЙ, ТАУ are words), two
 * consonants at the start, or three in a row (ЖЭО, ГРЭС, ҰЭМ).  The classes of
 * latin2018's á ó ú (ә|я ө|ё ү|ю) are vowels: ÁRI, ÓTTI are әрі, өтті. */
static inline int kz_rule_unpronounceable(const uint16_t *code, int m) {
  int run = 0;
  for (int k = 0; k < m; k++) {
    uint16_t g = code[k];
    if (kz_tok_vowel(g)) {
      uint16_t pg = k > 0 ? code[k - 1] : 0;
      if (k > 0 && run == 0 && g != KZ_AMB_I && g != CY_U && pg != KZ_AMB_I && pg != CY_U &&
          kz_tok_vowel(pg))
        return 1;
      run = 0;
    } else {
      run++;
      if (run == 3 || (k == 1 && run == 2)) return 1;
    }
  }
  return 0;
}

/* An ALL-CAPS word of up to four letters that no Kazakh word could be:
 * its letters are initials. */
static inline int kz_rule_acronym(const uint16_t *code, int m, int allcaps) {
  return allcaps && m <= 4 && kz_rule_unpronounceable(code, m);
}

/* y (ы) after a, e or o in a word with no letter only Kazakh writes
 * (Toyota, Nazarbayev, Tuesday): Kazakh writes no ы after a vowel, so the
 * word is a foreign one, or a name in another Latin spelling, and passes
 * through whole.  Not in capitals, whose letters may be initials (ЕЫДҰ).
 * The pair is looked for on masks of the codes, as kz_rule_context_2021()
 * looks (code[] has room up to m rounded up to 16): the test runs on every
 * word the memo has not seen. */
static inline int kz_rule_foreign_y(const uint16_t *code, int m, int allcaps) {
  if (allcaps || m < 2 || m > 64) return 0;
  uint64_t y = 0, v = 0;
#ifdef __SSE2__
  for (int k = 0; k < m; k += 16) {
    const __m128i u = _mm_loadu_si128((const __m128i *)(code + k));
    const __m128i w = _mm_loadu_si128((const __m128i *)(code + k + 8));
#define KZ_FY_MASK(ea, eb) ((uint64_t)(unsigned)_mm_movemask_epi8(_mm_packs_epi16((ea), (eb))) << k)
#define KZ_FY_EQ(x, c) _mm_cmpeq_epi16((x), _mm_set1_epi16((short)(c)))
#define KZ_FY_V(x)                                                                                 \
  _mm_or_si128(_mm_or_si128(KZ_FY_EQ(x, CY_A), KZ_FY_EQ(x, CY_O)),                                 \
               _mm_or_si128(KZ_FY_EQ(x, KZ_AMB_E), KZ_FY_EQ(x, CY_E)))
    y |= KZ_FY_MASK(KZ_FY_EQ(u, CY_YERU), KZ_FY_EQ(w, CY_YERU));
    v |= KZ_FY_MASK(KZ_FY_V(u), KZ_FY_V(w));
#undef KZ_FY_V
#undef KZ_FY_EQ
#undef KZ_FY_MASK
  }
#else
  for (int k = 0; k < m; k++) {
    y |= (uint64_t)(code[k] == CY_YERU) << k;
    v |= (uint64_t)(code[k] == CY_A || code[k] == CY_O || code[k] == KZ_AMB_E || code[k] == CY_E)
         << k;
  }
#endif
  if (!(y & (v << 1) & ((m < 64 ? (uint64_t)1 << m : 0) - 1))) return 0; /* the common case */
  for (int k = 0; k < m; k++)
    if (kz_tok_kazakh(code[k])) return 0;
  return 1;
}

/* т с i а at the end of a 2021-family word: Russian -тся/-ться, since
 * -ция would be written tsiia. */
static inline int kz_rule_tsia_end(const uint16_t *code, int m, int j) {
  return j + 4 == m && code[j] == CY_T && code[j + 1] == CY_S && code[j + 2] == KZ_AMB_I &&
         code[j + 3] == CY_A;
}

/* After т с (2021/2017 "ts"), j the token after с: is the rest a Kazakh
 * suffix, so that тс is a stem-final т plus a suffix in с (айтса, кетсе,
 * етсіз)?  Else ts is ц. */
static inline int kz_rule_ts_is_suffix(const uint16_t *code, int m, int j) {
  if (j >= m) return 0; /* word-final ts: ц (Шульц) */
  uint16_t a = code[j];
  if (a == CY_YERU || a == CY_DOTTED_I) return 1;         /* тсыз, тсіз, тсын */
  if (a == CY_A || a == CY_U_BAR || a == CY_UE) return 1; /* айтса */
  if (a == KZ_AMB_E || a == CY_E) { /* кетсе vs центр, цемент */
    if (j + 1 >= m) return 1;
    uint16_t b = code[j + 1];
    if (b == CY_NG || b == CY_K || b == CY_SH) return 1; /* -сең -сек -сеші */
    if (b == CY_M && j + 2 >= m) return 1;               /* -сем */
    return 0;
  }
  if (kz_tok_vowel(a)) return 0; /* ци, цо, цу (француз) */
  return 1;                      /* спортсмен */
}

/* latin2018 "ıa" after a consonant is ия (Азия, -ция) when what follows,
 * from token j, is nothing or a suffix that attaches to a vowel (-лар -лық
 * -ға -да -ны -сы -мен -мыз -шыл ...), and иа inside a stem (материал). */
static inline int kz_rule_vowel_suffix_follows(const uint16_t *code, int m, int j) {
  if (j >= m) return 1;
  uint16_t a = code[j];
  uint16_t b = j + 1 < m ? code[j + 1] : 0;
  int bv = b && kz_tok_vowel(b);
  switch (a) {
  case CY_L:
  case CY_D:
  case CY_N:
  case CY_S:
  case KZ_AMB_S:
  case CY_GH:
  case CY_T:
    return bv; /* л д н с ғ т + vowel */
  case CY_SH:
  case KZ_AMB_SH:
    return bv; /* -шы, -шыл */
  case CY_M:   /* -мен, -мыз, -міз */
    return b == KZ_AMB_E || b == CY_E || b == CY_YERU || b == CY_DOTTED_I;
  case CY_NG:
    return 1; /* -ң */
  default:
    return 0;
  }
}

/* Two consonant tokens that no Kazakh suffix begins with (-нда, -ншы do). */
static inline int kz_rule_cons_pair(uint16_t a, uint16_t b) {
  return a && b && a != KZ_TOK_LITERAL && b != KZ_TOK_LITERAL && !kz_tok_vowel(a) &&
         !kz_tok_vowel(b) && a != CY_N && a != CY_SOFT && a != CY_HARD && b != CY_SOFT &&
         b != CY_HARD;
}

/* A lexicon stem lc[0..nl) covered tokens [0, k): how many of its letters
 * stay before the rest of the word.  Kazakh drops a stem-final ь before a
 * suffix vowel (медаль, медалі), and one of a stem-final double consonant
 * before a suffix consonant (процесс, процестер; класс, класқа). */
static inline int kz_rule_stem_keep(const uint32_t *lc, int nl, const uint16_t *code, int m,
                                    int k) {
  if (nl > 1 && lc[nl - 1] == CY_SOFT && k < m && kz_tok_vowel(code[k])) return nl - 1;
  if (nl > 1 && lc[nl - 1] == CY_SOFT && k + 1 < m && kz_rule_cons_pair(code[k], code[k + 1]))
    return nl - 1; /* no suffix starts so: the stem was a false prefix (государь|ственный) */
  if (nl > 2 && lc[nl - 1] == lc[nl - 2] && !kz_cyr_vowel(lc[nl - 1]) && lc[nl - 1] > 0x7F &&
      k < m && code[k] != KZ_TOK_LITERAL && code[k] != KZ_TOK_DROPPED && !kz_tok_vowel(code[k]))
    return nl - 1;
  return nl;
}

/* ---- lexicon keys ---------------------------------------------------- */

/* Canonical spelling of a token in the lexicon's alphabet: [0] latin2021
 * (for 2021/2017 input), [1] latin2018.  Letters by code point from а,
 * then the classes from KZ_AMB_I; NULL: no key goes through the token. */
#define KZ_CANON(letter, l21, l18) [(letter)-CY_A] = {l21, l18}
static const char *const kz_canon_letter[CY_OE - CY_A + 1][2] = {
    KZ_CANON(CY_A, "a", "a"),
    KZ_CANON(CY_AE, "\xc3\xa4", "\xc3\xa1"), /* ä á */
    KZ_CANON(CY_B, "b", "b"),
    KZ_CANON(CY_V, "v", "v"),
    KZ_CANON(CY_G, "g", "g"),
    KZ_CANON(CY_GH, "\xc4\x9f", "\xc7\xb5"), /* ğ ǵ */
    KZ_CANON(CY_D, "d", "d"),
    KZ_CANON(CY_E, "e", "e"),
    KZ_CANON(CY_ZH, "j", "j"),
    KZ_CANON(CY_Z, "z", "z"),
    KZ_CANON(CY_I, "i", "\xc4\xb1"), /* i ı */
    KZ_CANON(CY_SHORT_I, "i", "\xc4\xb1"),
    KZ_CANON(CY_K, "k", "k"),
    KZ_CANON(CY_Q, "q", "q"),
    KZ_CANON(CY_L, "l", "l"),
    KZ_CANON(CY_M, "m", "m"),
    KZ_CANON(CY_N, "n", "n"),
    KZ_CANON(CY_NG, "\xc3\xb1", "\xc5\x84"), /* ñ ń */
    KZ_CANON(CY_O, "o", "o"),
    KZ_CANON(CY_OE, "\xc3\xb6", "\xc3\xb3"), /* ö ó */
    KZ_CANON(CY_P, "p", "p"),
    KZ_CANON(CY_R, "r", "r"),
    KZ_CANON(CY_S, "s", "s"),
    KZ_CANON(CY_T, "t", "t"),
    KZ_CANON(CY_U, "u", "\xc3\xbd"),         /* u ý */
    KZ_CANON(CY_U_BAR, "\xc5\xab", "u"),     /* ū u */
    KZ_CANON(CY_UE, "\xc3\xbc", "\xc3\xba"), /* ü ú */
    KZ_CANON(CY_F, "f", "f"),
    KZ_CANON(CY_KH, "h", "h"),
    KZ_CANON(CY_H, "h", "h"),
    KZ_CANON(CY_TS, "ts", "s"),
    KZ_CANON(CY_CH, "ch", "ch"),
    KZ_CANON(CY_SH, "\xc5\x9f", "sh"),           /* ş sh */
    KZ_CANON(CY_SHCH, "\xc5\x9f\xc5\x9f", "sh"), /* şş sh */
    KZ_CANON(CY_YERU, "y", "y"),
    KZ_CANON(CY_DOTTED_I, "\xc4\xb1", "i"), /* ı i */
};
#undef KZ_CANON
static const char *const kz_canon_class[KZ_AMB_Y - KZ_AMB_I + 1][2] = {
    [KZ_AMB_I - KZ_AMB_I] = {"i", "\xc4\xb1"},
    [KZ_AMB_H - KZ_AMB_I] = {"h", "h"},
    [KZ_AMB_E - KZ_AMB_I] = {"e", "e"},
    [KZ_AMB_AE - KZ_AMB_I] = {"\xc3\xa1", "\xc3\xa1"}, /* á in both */
    [KZ_AMB_OE - KZ_AMB_I] = {"\xc3\xb6", "\xc3\xb3"},
    [KZ_AMB_UE - KZ_AMB_I] = {"\xc3\xbc", "\xc3\xba"},
    [KZ_AMB_S - KZ_AMB_I] = {"s", "s"},
    [KZ_AMB_SH - KZ_AMB_I] = {"\xc5\x9f", "sh"},
};

static inline const char *kz_rule_canon(uint32_t g, int y18) {
  if (g - CY_A <= CY_OE - CY_A) return kz_canon_letter[g - CY_A][y18 != 0];
  if (g - KZ_AMB_I <= KZ_AMB_Y - KZ_AMB_I) return kz_canon_class[g - KZ_AMB_I][y18 != 0];
  return NULL;
}

/* Does a combining form in э (энерго, эконом) start at token j, an е
 * inside a compound?  Most е's start no form, so the key's second and third
 * bytes are tested first: against `pairs` when the caller has it
 * (kz_tl_inner_pairs()), else against each form. */
static inline int kz_rule_inner_loan(const uint16_t *code, int m, int j, int y18,
                                     const uint32_t *pairs) {
  const char *c0 = kz_rule_canon(code[j], y18);
  const char *c1 = j + 1 < m ? kz_rule_canon(code[j + 1], y18) : NULL;
  if (!c0 || !c1) return 0; /* a key of fewer than 2 tokens is shorter than any form */
  if (!c0[1]) {             /* bytes 1 and 2 of the key, when c0 is one byte (e, the usual case) */
    unsigned char k1 = (unsigned char)c1[0], k2 = (unsigned char)c1[1];
    if (!k2) {
      const char *c2 = j + 2 < m ? kz_rule_canon(code[j + 2], y18) : NULL;
      k2 = c2 ? (unsigned char)c2[0] : 0;
    }
    if (pairs) {
      if (!((pairs[k1 & 31] >> (k2 & 31)) & 1)) return 0;
    } else {
      size_t nforms, f = 0;
      const char *const *forms = kz_tl_inner_keys(y18, &nforms);
      while (f < nforms && ((unsigned char)forms[f][1] != k1 || (unsigned char)forms[f][2] != k2))
        f++;
      if (f == nforms) return 0;
    }
  }
  unsigned char key[24];
  size_t n = 0;
  for (int k = j; k < m; k++) {
    const char *c = kz_rule_canon(code[k], y18);
    size_t l = c ? strlen(c) : 0;
    if (!l || n + l > sizeof key) break;
    memcpy(key + n, c, l);
    n += l;
  }
  return kz_tl_inner_loan(y18, key, n);
}

/* ---- letter by letter ------------------------------------------------ */

/* The word as the letter rules see it. */
typedef struct kz_rword {
  const uint16_t *code; /* token codes */
  int m;                /* number of tokens */
  int acronym;          /* kz_rule_acronym() */
  int lexicon;          /* the lexicon's data may be used (inner loans) */
  unsigned next;        /* the byte after the word (0 at the end) */
  kztext_scheme sc;
  const uint32_t *inner_pairs; /* kz_tl_inner_pairs() of sc, or NULL */
} kz_rword;

/* What token j becomes: up to two letters (c[1] may be 0; c[0] == 0: the
 * token is dropped) and how many tokens it takes. */
typedef struct kz_rout {
  uint32_t c[2];
  int take;
} kz_rout;

/* Could kz_rule() make token g of scheme sc anything but itself?  A
 * superset of its cases (nx, pc: the tokens after and before, 0 at the
 * ends; m: the word's length), so a caller may write every other letter as
 * it is.  Without branches: the tests are frequent and unpredictable. */
static inline int kz_rule_context(kztext_scheme sc, uint32_t g, uint32_t nx, uint32_t pc, int m) {
  const int y18 = sc == KZTEXT_SCHEME_LATIN2018;
  return (g >= KZ_AMB_I) | ((g == CY_T) & ((nx == CY_S) | (y18 & (nx == KZ_AMB_S)))) |
         (((g == CY_NG) | (g == CY_TS) | (g == CY_YU)) & (sc == KZTEXT_SCHEME_BGN)) |
         ((g == CY_S) & (pc == CY_T)) | ((g == CY_SH) & (nx == CY_SH)) | ((g == CY_L) & (m == 2)) |
         ((g == CY_DOTTED_I) & (nx == CY_A) & (sc == KZTEXT_SCHEME_LATIN2021));
}

/* kz_rule_context() of latin2021 for tokens j..m-1 of a word at once, as
 * bit k for token k: the same tests on masks of the tokens each names (the
 * test suite checks that the two agree). */
static inline uint64_t kz_rule_context_2021(const uint16_t *code, int j, int m) {
  uint64_t amb = 0, t = 0, s = 0, sh = 0, l = 0, di = 0, a = 0;
#ifdef __SSE2__
  for (int k = 0; k < m; k += 16) { /* code[] has room up to m rounded up to 16 */
    const __m128i u = _mm_loadu_si128((const __m128i *)(code + k));
    const __m128i v = _mm_loadu_si128((const __m128i *)(code + k + 8));
#define KZ_CTX_MASK(ea, eb)                                                                        \
  ((uint64_t)(unsigned)_mm_movemask_epi8(_mm_packs_epi16((ea), (eb))) << k)
#define KZ_CTX_EQ(v, c) _mm_cmpeq_epi16((v), _mm_set1_epi16((short)(c)))
    /* the ambiguity classes are the only codes from 0x8000 */
    amb |= KZ_CTX_MASK(_mm_srai_epi16(u, 15), _mm_srai_epi16(v, 15));
    t |= KZ_CTX_MASK(KZ_CTX_EQ(u, CY_T), KZ_CTX_EQ(v, CY_T));
    s |= KZ_CTX_MASK(KZ_CTX_EQ(u, CY_S), KZ_CTX_EQ(v, CY_S));
    sh |= KZ_CTX_MASK(KZ_CTX_EQ(u, CY_SH), KZ_CTX_EQ(v, CY_SH));
    l |= KZ_CTX_MASK(KZ_CTX_EQ(u, CY_L), KZ_CTX_EQ(v, CY_L));
    di |= KZ_CTX_MASK(KZ_CTX_EQ(u, CY_DOTTED_I), KZ_CTX_EQ(v, CY_DOTTED_I));
    a |= KZ_CTX_MASK(KZ_CTX_EQ(u, CY_A), KZ_CTX_EQ(v, CY_A));
#undef KZ_CTX_EQ
#undef KZ_CTX_MASK
  }
#else
  for (int k = 0; k < m; k++) {
    amb |= (uint64_t)(code[k] >= KZ_AMB_I) << k;
    t |= (uint64_t)(code[k] == CY_T) << k;
    s |= (uint64_t)(code[k] == CY_S) << k;
    sh |= (uint64_t)(code[k] == CY_SH) << k;
    l |= (uint64_t)(code[k] == CY_L) << k;
    di |= (uint64_t)(code[k] == CY_DOTTED_I) << k;
    a |= (uint64_t)(code[k] == CY_A) << k;
  }
#endif
  const uint64_t word = (m < 64 ? ((uint64_t)1 << m) : 0) - 1, from = ~(uint64_t)0 << j;
  return (amb | (t & (s >> 1)) | (s & (t << 1)) | (sh & (sh >> 1)) | (m == 2 ? l : 0) |
          (di & (a >> 1))) &
         word & from;
}

/* Resolves token j (code g; latin2018's capital I already decided) after
 * the letters prev2, prev (0: none, at the start of the word or after a
 * literal).  The classes ә|я ө|ё ү|ю need the source's case and are the
 * general route's (to_cyrillic.c). */
static inline kz_rout kz_rule(const kz_rword *w, int j, uint32_t g, uint32_t prev, uint32_t prev2) {
  const uint16_t *code = w->code;
  const int m = w->m;
  const int y18 = w->sc == KZTEXT_SCHEME_LATIN2018;
  const int fam21 = w->sc == KZTEXT_SCHEME_LATIN2021 || w->sc == KZTEXT_SCHEME_LATIN2017;
  const uint32_t nx = j + 1 < m ? code[j + 1] : 0;
  const int pv = prev && kz_cyr_vowel(prev);
  const int start = prev == 0;
  kz_rout x = {{g, 0}, 1};
  switch (g) {
  case KZ_AMB_I:
    if (w->acronym)
      x.c[0] = CY_I; /* letters of an acronym are initials: й starts no word */
    else if ((start || pv) && nx == CY_A) {
      x.c[0] = CY_YA;
      x.take = 2;
    } else if (w->sc == KZTEXT_SCHEME_LATIN2021 && nx == CY_A && j + 2 == m) {
      /* final ia after a consonant: Kazakh -ия is written iia, so this is
       * Russian я (пользователя, Алля) */
      x.c[0] = CY_YA;
      x.take = 2;
    } else if ((start || pv) && nx == CY_U) {
      x.c[0] = CY_YU;
      x.take = 2;
    } else if (fam21 && nx == CY_U && !start && !pv) {
      x.c[0] = CY_YU;
      x.take = 2;
    } else if (y18 && !start && !pv && nx == CY_A &&
               (kz_rule_vowel_suffix_follows(code, m, j + 2) ||
                (j + 2 < m && kz_tok_vowel(code[j + 2])))) {
      x.c[0] = CY_I;
      x.c[1] = CY_YA;
      x.take = 2; /* -ия, -иялар */
    } else if (y18 && !start && !pv && nx == CY_A) {
      x.c[0] = CY_I;
    } /* материал */
    else if (y18 && !start && !pv && nx == CY_U) {
      x.c[0] = CY_I;
      x.c[1] = CY_YU;
      x.take = 2;
    }
    /* Russian -ции (информации, нации); the corpus holds no -ций */
    else if (prev == CY_I && j + 1 == m &&
             (prev2 == CY_TS || (fam21 && j >= 3 && code[j - 2] == CY_S && code[j - 3] == CY_T)))
      x.c[0] = CY_I; /* also when a lexicon stem took the т (экстракт|сии) */
    else if (pv && prev != CY_U)
      x.c[0] = CY_SHORT_I; /* not after у: -ауи of Arabic loans */
    else
      x.c[0] = CY_I;
    break;
  case CY_DOTTED_I:
    /* latin2021 as qazlatyn-db writes it, with ıa for я: ıa at the start
     * of a word, after a vowel or at the end (Aziıa, qoıady, ıağni, Allıa)
     * is no Kazakh і, which stands there before no а; inside a word after a
     * consonant it may be (екі|ағайынды) */
    if (w->sc == KZTEXT_SCHEME_LATIN2021 && nx == CY_A && (start || pv || j + 2 == m) &&
        !w->acronym) {
      x.c[0] = CY_YA;
      x.take = 2;
    }
    break;
  case KZ_AMB_E:
    /* э only from the lexicon, and inside an acronym, where the letter
     * stands for экономика, электр, энергия more often than for е-words
     * (ЖЭО, АЭА, ГРЭС); a first E stays е (ЕО, ЕҚЫҰ) */
    x.c[0] = (w->acronym && j > 0) ? CY_EH : CY_E;
    /* ...and where a compound's second part starts after 3+ letters
     * (Павлодарэнерго; not ел|естет-, гин|еколог-) */
    if (j >= 3 && prev && w->lexicon && (y18 || fam21) &&
        kz_rule_inner_loan(code, m, j, y18, w->inner_pairs))
      x.c[0] = CY_EH;
    break;
  case KZ_AMB_H:
    x.c[0] = CY_KH;
    break;
  case KZ_AMB_S:
    if (y18 && j > 0 && code[j - 1] == CY_T && j + 2 == m && nx == KZ_AMB_AE) {
      x.c[0] = CY_S;
      x.c[1] = CY_YA;
      x.take = 2; /* -тся: see т */
      break;
    }
    /* -ция: s before ıa/ıý after a vowel or к п */
    x.c[0] = CY_S;
    if (nx == KZ_AMB_I && j + 2 < m &&
        (((code[j + 2] == CY_A || code[j + 2] == CY_U) && (pv || prev == CY_K || prev == CY_P)) ||
         (code[j + 2] == CY_O && pv) || /* -ция, -цион */
         (code[j + 2] == KZ_AMB_I && j + 3 == m && (pv || prev == CY_K || prev == CY_P))))
      x.c[0] = CY_TS; /* ...and -ции */
    break;
  case KZ_AMB_SH:
    if (nx == KZ_AMB_SH) {
      x.c[0] = CY_SHCH;
      x.take = 2;
    } else
      x.c[0] = CY_SH;
    break;
  case KZ_AMB_Y:
    /* bgn y: й after a vowel, since Kazakh writes no ы after one (айы,
     * бойы); у and и before it carry their glide (ауыл, қауым, жиылыс),
     * except Russian -ий at the end (Василий) */
    x.c[0] = (pv && prev != CY_U && (prev != CY_I || !nx)) ? CY_SHORT_I : CY_YERU;
    break;
  case CY_T:
    if (y18 && nx == KZ_AMB_S && j + 3 == m && code[j + 2] == KZ_AMB_AE) {
      /* final tsá: Russian -ться/-тся (no Kazakh word ends in сә) */
      if (prev == CY_I || prev == CY_A || prev == CY_U) x.c[1] = CY_SOFT;
    } else if (y18 && nx == KZ_AMB_S && j + 3 < m && code[j + 2] == KZ_AMB_I &&
               (code[j + 3] == CY_A || code[j + 3] == CY_U || code[j + 3] == CY_O ||
                code[j + 3] == KZ_AMB_I)) {
      /* 2018 writers' ts for ц (the decree's s) before ı and a vowel or ıı
       * (-ция, -ции, -цион): тс never stands there in a Kazakh word */
      x.c[0] = CY_TS;
      x.take = 2;
    } else if (fam21 && nx == CY_S && kz_rule_tsia_end(code, m, j)) {
      /* Russian -ться/-тся (tsiia would be -ция) */
      if (prev == CY_I || prev == CY_A || prev == CY_U) x.c[1] = CY_SOFT;
    } else if (fam21 && nx == CY_S && !w->acronym && !kz_rule_ts_is_suffix(code, m, j + 2)) {
      x.c[0] = CY_TS;
      x.take = 2;
    }
    break;
  case CY_S:
    if (fam21 && j > 0 && kz_rule_tsia_end(code, m, j - 1)) {
      x.c[1] = CY_YA;
      x.take = 3;
    }
    break;
  case CY_TS:
    /* bgn ts+h is т+ш (айтшы: цһ would have been written ts·h); ts
     * before a Kazakh suffix in с is т+с (кетсе, айтсын), as in 2021 */
    if (w->sc == KZTEXT_SCHEME_BGN && nx == CY_H) {
      x.c[0] = CY_T;
      x.c[1] = CY_SH;
      x.take = 2;
    } else if (w->sc == KZTEXT_SCHEME_BGN && j > 0 &&
               (nx == KZ_AMB_Y || kz_rule_ts_is_suffix(code, m, j + 1))) {
      x.c[0] = CY_T;
      x.c[1] = CY_S;
    }
    break;
  case CY_YU:
    /* bgn y+u after a vowel before ly is й+ұ, the patronymic -ұлы (Құнанбайұлы,
     * Бөкейұлы: BGN writes й y and ұ u, and no separator between them) */
    if (w->sc == KZTEXT_SCHEME_BGN && pv && nx == CY_L && j + 2 < m && code[j + 2] == KZ_AMB_Y) {
      x.c[0] = CY_SHORT_I;
      x.c[1] = CY_U_BAR;
    }
    break;
  case CY_NG:
    /* bgn ngh is н+ғ (-нған, -нға), not ң+һ, which Kazakh hardly writes:
     * the longest key read ng first */
    if (w->sc == KZTEXT_SCHEME_BGN && nx == CY_H) {
      x.c[0] = CY_N;
      x.c[1] = CY_GH;
      x.take = 2;
    }
    break;
  case CY_L:
    /* the Arabic article before a hyphen: Kazakh writes әл- (äl-, ál-),
     * so al- is the Russian spelling аль- (Аль-Фараби) */
    if (j == 1 && m == 2 && code[0] == CY_A && w->next == '-' && (y18 || fam21)) x.c[1] = CY_SOFT;
    break;
  case CY_SH:
    if (fam21 && nx == CY_SH) {
      x.c[0] = CY_SHCH;
      x.take = 2;
    }
    break;
  default:
    break;
  }
  return x;
}

/* The cheap test before kz_tl_lexicon_soft(): an i (token ic) before e or
 * o at token from..last. */
static inline int kz_rule_soft_candidate(const uint16_t *code, int m, int from, int last,
                                         uint16_t ic) {
  if (last > m - 2) last = m - 2;
  for (int j = from > 1 ? from : 1; j <= last; j++)
    if (code[j] == ic && (code[j + 1] == KZ_AMB_E || code[j + 1] == CY_E || code[j + 1] == CY_O))
      return 1;
  return 0;
}

#endif

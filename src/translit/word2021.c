/* latin2021 -> Cyrillic, one word at a time, for words written with the
 * official letters only (a-z without c w x, ä ğ ñ ö ş ū ü ı İ, ch, and ə
 * typed for ä) and no alignment requested: the general route
 * (to_cyrillic.c) specialised to that alphabet.  The word is read straight
 * into token codes while the lexicon trie is walked, then the rules of
 * latin_rules.h run on the codes with the scheme fixed at compile time.
 * A word this route does not take returns 0, and the caller gives it to the
 * general route. */
#include "translit/latin_rules.h"

/* Longer words, in code points (ch is two): the general route, which
 * converts a word of more than 64 (to_cyrillic.c, MAXW) in pieces; counted
 * in tokens, a word with ch could pass 64 here and come out otherwise. */
#define MAXL 48

/* A table of byte strings, 16 letters a line. */
// clang-format off
/* UTF-8 of U+0400 + k (row 0) and of its capital (row 1), as put() spells
 * them: two bytes each. */
static const char cyr_utf8[2][512] = { /* 512 bytes a row: no NUL */
    "\xd0\x80\xd0\x81\xd0\x82\xd0\x83\xd0\x84\xd0\x85\xd0\x86\xd0\x87\xd0\x88\xd0\x89\xd0\x8a\xd0\x8b\xd0\x8c\xd0\x8d\xd0\x8e\xd0\x8f"
    "\xd0\x90\xd0\x91\xd0\x92\xd0\x93\xd0\x94\xd0\x95\xd0\x96\xd0\x97\xd0\x98\xd0\x99\xd0\x9a\xd0\x9b\xd0\x9c\xd0\x9d\xd0\x9e\xd0\x9f"
    "\xd0\xa0\xd0\xa1\xd0\xa2\xd0\xa3\xd0\xa4\xd0\xa5\xd0\xa6\xd0\xa7\xd0\xa8\xd0\xa9\xd0\xaa\xd0\xab\xd0\xac\xd0\xad\xd0\xae\xd0\xaf"
    "\xd0\xb0\xd0\xb1\xd0\xb2\xd0\xb3\xd0\xb4\xd0\xb5\xd0\xb6\xd0\xb7\xd0\xb8\xd0\xb9\xd0\xba\xd0\xbb\xd0\xbc\xd0\xbd\xd0\xbe\xd0\xbf"
    "\xd1\x80\xd1\x81\xd1\x82\xd1\x83\xd1\x84\xd1\x85\xd1\x86\xd1\x87\xd1\x88\xd1\x89\xd1\x8a\xd1\x8b\xd1\x8c\xd1\x8d\xd1\x8e\xd1\x8f"
    "\xd1\x90\xd1\x91\xd1\x92\xd1\x93\xd1\x94\xd1\x95\xd1\x96\xd1\x97\xd1\x98\xd1\x99\xd1\x9a\xd1\x9b\xd1\x9c\xd1\x9d\xd1\x9e\xd1\x9f"
    "\xd1\xa0\xd1\xa1\xd1\xa2\xd1\xa3\xd1\xa4\xd1\xa5\xd1\xa6\xd1\xa7\xd1\xa8\xd1\xa9\xd1\xaa\xd1\xab\xd1\xac\xd1\xad\xd1\xae\xd1\xaf"
    "\xd1\xb0\xd1\xb1\xd1\xb2\xd1\xb3\xd1\xb4\xd1\xb5\xd1\xb6\xd1\xb7\xd1\xb8\xd1\xb9\xd1\xba\xd1\xbb\xd1\xbc\xd1\xbd\xd1\xbe\xd1\xbf"
    "\xd2\x80\xd2\x81\xd2\x82\xd2\x83\xd2\x84\xd2\x85\xd2\x86\xd2\x87\xd2\x88\xd2\x89\xd2\x8a\xd2\x8b\xd2\x8c\xd2\x8d\xd2\x8e\xd2\x8f"
    "\xd2\x90\xd2\x91\xd2\x92\xd2\x93\xd2\x94\xd2\x95\xd2\x96\xd2\x97\xd2\x98\xd2\x99\xd2\x9a\xd2\x9b\xd2\x9c\xd2\x9d\xd2\x9e\xd2\x9f"
    "\xd2\xa0\xd2\xa1\xd2\xa2\xd2\xa3\xd2\xa4\xd2\xa5\xd2\xa6\xd2\xa7\xd2\xa8\xd2\xa9\xd2\xaa\xd2\xab\xd2\xac\xd2\xad\xd2\xae\xd2\xaf"
    "\xd2\xb0\xd2\xb1\xd2\xb2\xd2\xb3\xd2\xb4\xd2\xb5\xd2\xb6\xd2\xb7\xd2\xb8\xd2\xb9\xd2\xba\xd2\xbb\xd2\xbc\xd2\xbd\xd2\xbe\xd2\xbf"
    "\xd3\x80\xd3\x81\xd3\x82\xd3\x83\xd3\x84\xd3\x85\xd3\x86\xd3\x87\xd3\x88\xd3\x89\xd3\x8a\xd3\x8b\xd3\x8c\xd3\x8d\xd3\x8e\xd3\x8f"
    "\xd3\x90\xd3\x91\xd3\x92\xd3\x93\xd3\x94\xd3\x95\xd3\x96\xd3\x97\xd3\x98\xd3\x99\xd3\x9a\xd3\x9b\xd3\x9c\xd3\x9d\xd3\x9e\xd3\x9f"
    "\xd3\xa0\xd3\xa1\xd3\xa2\xd3\xa3\xd3\xa4\xd3\xa5\xd3\xa6\xd3\xa7\xd3\xa8\xd3\xa9\xd3\xaa\xd3\xab\xd3\xac\xd3\xad\xd3\xae\xd3\xaf"
    "\xd3\xb0\xd3\xb1\xd3\xb2\xd3\xb3\xd3\xb4\xd3\xb5\xd3\xb6\xd3\xb7\xd3\xb8\xd3\xb9\xd3\xba\xd3\xbb\xd3\xbc\xd3\xbd\xd3\xbe\xd3\xbf",
    "\xd0\x80\xd0\x81\xd0\x82\xd0\x83\xd0\x84\xd0\x85\xd0\x86\xd0\x87\xd0\x88\xd0\x89\xd0\x8a\xd0\x8b\xd0\x8c\xd0\x8d\xd0\x8e\xd0\x8f"
    "\xd0\x90\xd0\x91\xd0\x92\xd0\x93\xd0\x94\xd0\x95\xd0\x96\xd0\x97\xd0\x98\xd0\x99\xd0\x9a\xd0\x9b\xd0\x9c\xd0\x9d\xd0\x9e\xd0\x9f"
    "\xd0\xa0\xd0\xa1\xd0\xa2\xd0\xa3\xd0\xa4\xd0\xa5\xd0\xa6\xd0\xa7\xd0\xa8\xd0\xa9\xd0\xaa\xd0\xab\xd0\xac\xd0\xad\xd0\xae\xd0\xaf"
    "\xd0\x90\xd0\x91\xd0\x92\xd0\x93\xd0\x94\xd0\x95\xd0\x96\xd0\x97\xd0\x98\xd0\x99\xd0\x9a\xd0\x9b\xd0\x9c\xd0\x9d\xd0\x9e\xd0\x9f"
    "\xd0\xa0\xd0\xa1\xd0\xa2\xd0\xa3\xd0\xa4\xd0\xa5\xd0\xa6\xd0\xa7\xd0\xa8\xd0\xa9\xd0\xaa\xd0\xab\xd0\xac\xd0\xad\xd0\xae\xd0\xaf"
    "\xd0\x80\xd0\x81\xd0\x82\xd0\x83\xd0\x84\xd0\x85\xd0\x86\xd0\x87\xd0\x88\xd0\x89\xd0\x8a\xd0\x8b\xd0\x8c\xd0\x8d\xd0\x8e\xd0\x8f"
    "\xd1\xa0\xd1\xa0\xd1\xa2\xd1\xa2\xd1\xa4\xd1\xa4\xd1\xa6\xd1\xa6\xd1\xa8\xd1\xa8\xd1\xaa\xd1\xaa\xd1\xac\xd1\xac\xd1\xae\xd1\xae"
    "\xd1\xb0\xd1\xb0\xd1\xb2\xd1\xb2\xd1\xb4\xd1\xb4\xd1\xb6\xd1\xb6\xd1\xb8\xd1\xb8\xd1\xba\xd1\xba\xd1\xbc\xd1\xbc\xd1\xbe\xd1\xbe"
    "\xd2\x80\xd2\x80\xd2\x82\xd2\x82\xd2\x84\xd2\x84\xd2\x86\xd2\x86\xd2\x88\xd2\x88\xd2\x8a\xd2\x8a\xd2\x8c\xd2\x8c\xd2\x8e\xd2\x8e"
    "\xd2\x90\xd2\x90\xd2\x92\xd2\x92\xd2\x94\xd2\x94\xd2\x96\xd2\x96\xd2\x98\xd2\x98\xd2\x9a\xd2\x9a\xd2\x9c\xd2\x9c\xd2\x9e\xd2\x9e"
    "\xd2\xa0\xd2\xa0\xd2\xa2\xd2\xa2\xd2\xa4\xd2\xa4\xd2\xa6\xd2\xa6\xd2\xa8\xd2\xa8\xd2\xaa\xd2\xaa\xd2\xac\xd2\xac\xd2\xae\xd2\xae"
    "\xd2\xb0\xd2\xb0\xd2\xb2\xd2\xb2\xd2\xb4\xd2\xb4\xd2\xb6\xd2\xb6\xd2\xb8\xd2\xb8\xd2\xba\xd2\xba\xd2\xbc\xd2\xbc\xd2\xbe\xd2\xbe"
    "\xd3\x80\xd3\x80\xd3\x82\xd3\x82\xd3\x84\xd3\x84\xd3\x86\xd3\x86\xd3\x88\xd3\x88\xd3\x8a\xd3\x8a\xd3\x8c\xd3\x8c\xd3\x8e\xd3\x8e"
    "\xd3\x90\xd3\x90\xd3\x92\xd3\x92\xd3\x94\xd3\x94\xd3\x96\xd3\x96\xd3\x98\xd3\x98\xd3\x9a\xd3\x9a\xd3\x9c\xd3\x9c\xd3\x9e\xd3\x9e"
    "\xd3\xa0\xd3\xa0\xd3\xa2\xd3\xa2\xd3\xa4\xd3\xa4\xd3\xa6\xd3\xa6\xd3\xa8\xd3\xa8\xd3\xaa\xd3\xaa\xd3\xac\xd3\xac\xd3\xae\xd3\xae"
    "\xd3\xb0\xd3\xb0\xd3\xb2\xd3\xb2\xd3\xb4\xd3\xb4\xd3\xb6\xd3\xb6\xd3\xb8\xd3\xb8\xd3\xba\xd3\xba\xd3\xbc\xd3\xbc\xd3\xbe\xd3\xbe"};
// clang-format on

/* A letter of U+0400..U+04FF */
static inline char *put_cyr(char *o, uint32_t cp, int cap) {
  memcpy(o, &cyr_utf8[cap != 0][2 * (cp - 0x400)], 2);
  return o + 2;
}

static inline char *put(char *o, uint32_t cp, int cap) {
  if (cp - 0x400 < 0x100) return put_cyr(o, cp, cap);
  if (cap) cp = kz_cyr_upper(cp);
  o[0] = (char)(0xC0 | (cp >> 6));
  o[1] = (char)(0x80 | (cp & 0x3F));
  return o + 2;
}

/* A letter of the latin2021 alphabet as the word loop reads it: its token
 * code (as data/translit/reverse.tsv has it), whether it is a capital, and
 * the bytes it adds to the lexicon key (kz_rule_canon() of the code).  The
 * key of a capital is the small letter's, except I, which 2021 reads as ı;
 * İ is i. */
typedef struct lat_ent {
  _Alignas(8) uint16_t cd; /* 0: not read here */
  uint8_t up, kl;
  unsigned char kb[2];
} lat_ent; /* 8 bytes: one load */

#define PAIR(lc, code) [lc] = {code, 0, 1, {lc, 0}}, [lc - 32] = {code, 1, 1, {lc, 0}}
static const lat_ent ascii_tab[128] = {
    PAIR('a', CY_A),
    PAIR('b', CY_B),
    PAIR('d', CY_D),
    PAIR('e', KZ_AMB_E),
    PAIR('f', CY_F),
    PAIR('g', CY_G),
    PAIR('h', KZ_AMB_H),
    PAIR('j', CY_ZH),
    PAIR('k', CY_K),
    PAIR('l', CY_L),
    PAIR('m', CY_M),
    PAIR('n', CY_N),
    PAIR('o', CY_O),
    PAIR('p', CY_P),
    PAIR('q', CY_Q),
    PAIR('r', CY_R),
    PAIR('s', CY_S),
    PAIR('t', CY_T),
    PAIR('u', CY_U),
    PAIR('v', CY_V),
    PAIR('y', CY_YERU),
    PAIR('z', CY_Z),
    ['i'] = {KZ_AMB_I, 0, 1, {'i', 0}},
    /* I (Turkic: ı) and ch have two key bytes: the word loop reads them */
};
#undef PAIR

/* Two-byte letters, by lead byte (C3..C9) and trail byte. */
#define LEAD(b) ((b)-0xC3)
#define TRAIL(b) ((b)-0x80)
#define PAIR2(lead, small, capital, code, key0, key1)                                              \
  [LEAD(lead)][TRAIL(small)] = {code, 0, 2, {key0, key1}},                                         \
  [LEAD(lead)][TRAIL(capital)] = {code, 1, 2, {key0, key1}}
static const lat_ent two_byte_tab[7][64] = {
    PAIR2(0xC3, 0xA4, 0x84, CY_AE, 0xC3, 0xA4),                    /* ä Ä */
    PAIR2(0xC3, 0xB1, 0x91, CY_NG, 0xC3, 0xB1),                    /* ñ Ñ */
    PAIR2(0xC3, 0xB6, 0x96, CY_OE, 0xC3, 0xB6),                    /* ö Ö */
    PAIR2(0xC3, 0xBC, 0x9C, CY_UE, 0xC3, 0xBC),                    /* ü Ü */
    PAIR2(0xC4, 0x9F, 0x9E, CY_GH, 0xC4, 0x9F),                    /* ğ Ğ */
    PAIR2(0xC5, 0x9F, 0x9E, CY_SH, 0xC5, 0x9F),                    /* ş Ş */
    PAIR2(0xC5, 0xAB, 0xAA, CY_U_BAR, 0xC5, 0xAB),                 /* ū Ū */
    [LEAD(0xC4)][TRAIL(0xB1)] = {CY_DOTTED_I, 0, 2, {0xC4, 0xB1}}, /* ı */
    [LEAD(0xC4)][TRAIL(0xB0)] = {KZ_AMB_I, 1, 1, {'i', 0}},        /* İ */
    /* ə and Ə, typed for ä: read as ә, keyed as ä */
    [LEAD(0xC9)][TRAIL(0x99)] = {CY_AE, 0, 2, {0xC3, 0xA4}},
    [LEAD(0xC6)][TRAIL(0x8F)] = {CY_AE, 1, 2, {0xC3, 0xA4}},
};
#undef PAIR2
#undef TRAIL
#undef LEAD

/* A word the lexicon reads only with its soft sign written as i (batalion):
 * the general route reads it (kz_tl_lexicon_soft()).  Cheap tests first: a
 * word of five letters or more (no shorter loan has it) with an i before e
 * or o that the trie walk reached (`walked`: at least the letters it took,
 * as it counts key bytes; a stem must share the letters before the i). */
static int soft_sign_word(const uint16_t *code, int m, int best, int walked) {
  if (!kz_rule_soft_candidate(code, m, best, walked, KZ_AMB_I)) return 0;
  const char *v;
  size_t vl;
  return kz_tl_lexicon_soft(0, code, m, best, &v, &vl) != 0;
}

size_t kz_tl_plain_extent(const unsigned char *s, size_t n, size_t i) {
  size_t e = i;
  while (e < n) {
    const unsigned c = s[e];
    size_t g;
    if (e > i && (g = kz_tl_format_in_word(s, e, n))) {
      e += g; /* a soft hyphen inside the word */
    } else if (c < 0x80) {
      if ((c | 0x20) < 'a' || (c | 0x20) > 'z') break;
      e++;
    } else if (c >= 0xC3 && c <= 0xC9 && e + 1 < n && (s[e + 1] & 0xC0) == 0x80) {
      e += 2;
    } else if ((c >= 0xC3 && c <= 0xCD) || c == 0xE1 || c < 0xC2) {
      return (size_t)-1;
    } else {
      break;
    }
  }
  return e;
}

/* Is the word at s[i], glued to letters, in a run of humps that passes
 * through as a name (kz_tl_group_foreign), or one to leave to the general
 * route?  Asked of the plain letters only (what follows them is not yet
 * checked; a run that goes on with other characters is the general
 * route's anyway), and of at most GLUED_SCAN bytes of them: a longer run
 * is the general route's too, which finds its end once (a scan from each
 * of its humps would cost it its length squared). */
enum { GLUED_SCAN = 256 };
static int glued_name(const unsigned char *s, size_t n, size_t i, kz_tl_group *g) {
  const size_t cap = n - i > GLUED_SCAN ? i + GLUED_SCAN : n;
  const size_t e = kz_tl_plain_extent(s, cap, i);
  return e == (size_t)-1 || (e == cap && cap < n) ||
         kz_tl_group_foreign(s, e, i, KZTEXT_SCHEME_LATIN2021, g);
}

void kz_tl_lex_view_init(kz_lex_view *L) {
  L->T = kz_tl_lex_nodes(0, &L->pool, &L->root, &L->l2);
  kz_tl_inner_pairs(0, L->inner_pairs);
}

/* A lexicon node reached after keybytes key bytes, the first m letters:
 * a match for the whole word or a stem, if it has a value.  A value longer
 * than 3 bytes per key byte would break the output bound. */
static inline void note_match(uint64_t nd, size_t keybytes, int m, int *best, uint64_t *best_nd,
                              int *whole, uint64_t *whole_nd) {
  if (!N_VAL(nd) || N_VLEN(nd) > 3 * keybytes) return;
  if (N_WHOLE(nd)) {
    *whole = m;
    *whole_nd = nd;
  } else {
    *best = m;
    *best_nd = nd;
  }
}

size_t kz_tl_word2021(const unsigned char *s, size_t n, size_t i, char **po, unsigned opts,
                      const kz_lex_view *L, kz_tl_group *g) {
  const int lexicon = (opts & KZ_W21_LEXICON) != 0;
  uint16_t codes[MAXL + 2]; /* code[-1] and code[m] are 0: no tests at the ends */
  uint16_t *const code = codes + 1;
  codes[0] = 0;
  uint8_t cap[MAXL];
  int m = 0, ncap = 0, nlow = 0;
  const char *pool = L->pool;
  const uint32_t *root = L->root;
  const uint32_t(*l2)[256] = L->l2;
  const uint64_t *T = L->T;
  uint64_t nd = T[0];
  uint32_t r1 = 0; /* index of the root child taken, for the direct second step */
  int alive = lexicon;
  size_t keybytes = 0;
  int ncp = 0, lastcap = 0; /* code points so far and the case of the last one */
  int best = 0, whole = 0;  /* letters covered by the best (whole-word) match */
  uint64_t best_nd = 0, whole_nd = 0;
  size_t p = i;
  /* a word glued to letters (kz_tl_glued_word_ends) is converted here unless
   * its run of humps is a name, which the general route passes through */
  if (kz_tl_letter_before(s, i) && glued_name(s, n, i, g)) return 0;
  while (p < n) {
    unsigned c = s[p];
    if (c - 'a' < 26u && ascii_tab[c].cd) {
      /* a small ASCII letter but c w x, most letters: one code, key byte c,
       * no glued-word test (that starts at a capital) */
      if (ncp >= MAXL) return 0;
      code[m] = ascii_tab[c].cd;
      cap[m] = 0;
      nlow++;
      m++;
      p++;
      ncp++;
      lastcap = 0;
      if (alive) {
        if (keybytes == 0) {
          r1 = root[c];
          nd = r1 ? T[r1] : 0;
        } else if (keybytes == 1) {
          uint32_t r2 = l2[r1 - 1][c];
          nd = r2 ? T[r2] : 0;
        } else {
          nd = kz_tl_lex_step(T, nd, c);
        }
        keybytes++;
        if (!nd)
          alive = 0;
        else
          note_match(nd, keybytes, m, &best, &best_nd, &whole, &whole_nd);
      }
      continue;
    }
    uint16_t cd;
    int up, kl = 1; /* key bytes of this letter */
    unsigned char kb[2];
    size_t len = 1;
    if (c < 0x80 && ascii_tab[c].cd) { /* the common case: one byte, one key byte */
      cd = ascii_tab[c].cd;
      up = ascii_tab[c].up;
      kb[0] = ascii_tab[c].kb[0];
    } else if (c < 0x80) {
      unsigned lc = c | 0x20;
      if (lc < 'a' || lc > 'z') break;
      up = c < 'a';
      /* a first capital I before what may be a small letter: І or И, which
       * the general route decides (to_cyrillic.c, capital_i) */
      if (c == 'I' && m == 0 && p + 1 < n &&
          ((unsigned)s[p + 1] - 'a' < 26u || s[p + 1] - 0xC3u < 7u))
        return 0;
      if (c == 'I' && (opts & KZ_W21_UNDOTTED)) return 0;
      if (c == 'I') { /* Turkic: I is ı */
        cd = CY_DOTTED_I;
        kb[0] = 0xC4;
        kb[1] = 0xB1;
        kl = 2;
      } else {
        /* c w x: only ch is a 2021 letter; the rest is the general route's */
        if (lc != 'c' || p + 1 >= n || (s[p + 1] | 0x20) != 'h') return 0;
        if (!up && s[p + 1] < 'a') return 0; /* cH: leave it to the general route */
        cd = CY_CH;
        kb[0] = 'c';
        kb[1] = 'h';
        kl = 2;
        len = 2;
      }
    } else if (c >= 0xC3 && c <= 0xC9 && p + 1 < n && s[p + 1] - 0x80u < 0x40u &&
               two_byte_tab[c - 0xC3][s[p + 1] - 0x80].cd) {
      const lat_ent *e = &two_byte_tab[c - 0xC3][s[p + 1] - 0x80];
      cd = e->cd;
      up = e->up;
      kl = e->kl;
      kb[0] = e->kb[0];
      kb[1] = e->kb[1];
      len = 2;
    } else {
      /* another Latin letter or a combining mark: the general route; other
       * characters (« » — NBSP, other scripts) end the word */
      if ((c >= 0xC3 && c <= 0xCD) || c == 0xE1) return 0;
      if (c == 0xEF && p + 2 < n && s[p + 1] == 0xB8 && (s[p + 2] == 0xA0 || s[p + 2] == 0xA1))
        return 0;                                  /* a tie (U+FE20/FE21) belongs to the word too */
      if (kz_tl_format_in_word(s, p, n)) return 0; /* so do a soft hyphen and its kin */
      break;
    }
    /* glued words: the same test as the general route, code point by code
     * point (ch is two: a split between c and h is left to that route) */
    if (up && m &&
        kz_tl_glued_word_ends(s, n, p, len == 2 && c < 0x80 ? 1 : len, ncp, up, lastcap)) {
      if (glued_name(s, n, i, g)) return 0;
      break;
    }
    if (len == 2 && c < 0x80) { /* ch */
      int hup = s[p + 1] < 'a';
      if (hup && kz_tl_glued_word_ends(s, n, p + 1, 1, ncp + 1, 1, up)) return 0;
      lastcap = hup;
      ncp += 2;
    } else {
      lastcap = up;
      ncp += 1;
    }
    if (ncp > MAXL) return 0;
    code[m] = cd;
    cap[m] = (uint8_t)up;
    ncap += up;
    nlow += !up;
    m++;
    p += len;
    if (alive) {
      for (int k = 0; k < kl && alive; k++) {
        if (keybytes == 0 && k == 0) { /* direct first and second steps */
          r1 = root[kb[0]];
          nd = r1 ? T[r1] : 0;
        } else if (keybytes + (size_t)k == 1) {
          uint32_t r2 = l2[r1 - 1][kb[k]];
          nd = r2 ? T[r2] : 0;
        } else {
          nd = kz_tl_lex_step(T, nd, kb[k]);
        }
        if (!nd) alive = 0;
      }
      keybytes += (size_t)kl;
      if (alive) note_match(nd, keybytes, m, &best, &best_nd, &whole, &whole_nd);
    }
  }
  if (m == 0) return 0;
  code[m] = 0;
  if (whole == m && whole > best) {
    best = whole;
    best_nd = whole_nd;
  }
  if (lexicon && m >= 5 && soft_sign_word(code, m, best, alive ? m : (int)keybytes)) return 0;
  const int allcaps = ncap >= 2 && nlow == 0;
  if (kz_rule_foreign_y(code, m, allcaps)) return 0; /* the general route keeps it whole */
  if (allcaps) { /* I and V only: maybe a Roman numeral, which the general route keeps */
    int k = 0;
    while (k < m && (code[k] == CY_DOTTED_I || code[k] == CY_V))
      k++;
    if (k == m) return 0;
  }
  const kz_rword rw = {code,
                       m,
                       kz_rule_acronym(code, m, allcaps),
                       lexicon,
                       p < n ? s[p] : 0u,
                       KZTEXT_SCHEME_LATIN2021,
                       L->inner_pairs};
  char *o = *po;
  uint32_t prev = 0, prev2 = 0;
  int j = 0;
  if (best) {
    const unsigned char *v = (const unsigned char *)pool + N_VAL(best_nd) - 1;
    size_t vl = N_VLEN(best_nd);
    uint32_t lc[96];
    int nl = 0;
    for (size_t q = 0; q < vl && nl < 96;) {
      unsigned b0 = v[q];
      if (b0 < 0x80) {
        lc[nl++] = b0;
        q++;
        continue;
      }
      lc[nl++] = ((uint32_t)(b0 & 0x1F) << 6) | (v[q + 1] & 0x3F);
      q += 2;
    }
    nl = kz_rule_stem_keep(lc, nl, code, m, best);
    for (int k = 0; k < nl; k++) {
      int cp_ = allcaps || (nl == best ? cap[k] : (k == 0 && cap[0]));
      if (lc[k] < 0x80)
        *o++ = (char)lc[k]; /* a hyphen inside a stem */
      else
        o = put(o, lc[k], cp_);
    }
    prev = nl ? lc[nl - 1] : 0;
    prev2 = nl > 1 ? lc[nl - 2] : 0;
    j = best;
  }
  /* the tokens the rules may change, as bits; the others are Cyrillic
   * letters written as they are, in runs */
  uint64_t ctx = kz_rule_context_2021(code, j, m);
  for (;;) {
    const int stop = ctx ? __builtin_ctzll(ctx) : m;
    if (stop > j) {
      prev2 = stop - j >= 2 ? code[stop - 2] : prev;
      prev = code[stop - 1];
      for (; j < stop; j++)
        o = put_cyr(o, code[j], allcaps | cap[j]);
    }
    if (j >= m) break;
    const kz_rout x = kz_rule(&rw, j, code[j], prev, prev2);
    o = put(o, x.c[0], allcaps | cap[j]);
    if (x.c[1]) { /* a second letter is a capital only in an ALL-CAPS word */
      o = put(o, x.c[1], allcaps);
      prev2 = x.c[0];
      prev = x.c[1];
    } else {
      prev2 = prev;
      prev = x.c[0];
    }
    j += x.take;
    ctx &= ~(uint64_t)0 << j;
  }
  *po = o;
  return p - i;
}

size_t kz_tl_fast_word_2021(const unsigned char *s, size_t n, size_t i, char **po, unsigned opts,
                            kz_tl_group *g) {
  kz_lex_view L;
  kz_tl_lex_view_init(&L);
  return kz_tl_word2021(s, n, i, po, opts, &L, g);
}

/* The latin2021 -> Cyrillic fast path, for words written with the official
 * letters only (a-z without c w x, ä ğ ñ ö ş ū ü ı İ, ch) and no alignment
 * requested.  It walks the lexicon trie while it reads the word and applies
 * the same rules as to_cyrillic.c (which handles every other word), on a
 * flat array of letter codes.  Kept in step with apply_rules() by the case
 * file and by tools/eval_translit.py, which compare both paths. */
#include "translit/translit_int.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#define MAXL 48

enum { AMB_I = 1 }; /* code for i: и or й */

/* ASCII lower-case letter -> Cyrillic code (0 = not handled here) */
static const uint16_t ascii_code[26] = {
    0x430, 0x431, 0,     0x434, 0x435, 0x444, 0x433, 0x445, AMB_I, 0x436, 0x43A, 0x43B, 0x43C,
    0x43D, 0x43E, 0x43F, 0x49B, 0x440, 0x441, 0x442, 0x443, 0x432, 0,     0,     0x44B, 0x437};

/* vowel letters among U+0430..U+04FF, as bits; AMB_I counts as a vowel */
static const uint8_t vowel_bits[6] = {0x21, 0x41, 0x08, 0xE8, 0x02, 0x00}; /* а е ё и о у ы э ю я */

static inline int vowel(uint32_t c) {
  if (c == AMB_I) return 1;
  if (c >= 0x430 && c <= 0x451) {
    unsigned k = c - 0x430;
    return (vowel_bits[k >> 3] >> (k & 7)) & 1;
  }
  return c == 0x456 || c == 0x4D9 || c == 0x4E9 || c == 0x4B1 || c == 0x4AF;
}

/* A capital run no Kazakh word could be, hence an acronym: two vowels side
 * by side (i and у are glides after a vowel: АЙ, ТАУ are words), two
 * consonants at the start, or three in a row (ЖЭО, ГРЭС, ҰЭМ). */
int kz_tl_unpronounceable(const uint16_t *code, int m) {
  int run = 0;
  for (int k = 0; k < m; k++) {
    uint16_t g = code[k];
    int v = vowel(g) || g == KZ_AMB_E || g == KZ_AMB_I;
    if (v) {
      uint16_t pg = k > 0 ? code[k - 1] : 0;
      if (k > 0 && run == 0 && g != AMB_I && g != KZ_AMB_I && g != 0x443 && pg != AMB_I &&
          pg != KZ_AMB_I && pg != 0x443 && (vowel(pg) || pg == KZ_AMB_E))
        return 1;
      run = 0;
    } else {
      run++;
      if (run == 3 || (k == 1 && run == 2)) return 1;
    }
  }
  return 0;
}

/* т с и а at the end of a latin2021 word: Russian -тся/-ться, since -ция
 * would be written tsiia. */
int kz_tl_tsia_end(const uint16_t *code, int m, int j) {
  return j + 4 == m && code[j] == 0x442 && code[j + 1] == 0x441 &&
         (code[j + 2] == AMB_I || code[j + 2] == KZ_AMB_I) && code[j + 3] == 0x430;
}

int kz_tl_ts_is_suffix(const uint16_t *code, int m, int j) {
  if (j >= m) return 0;
  uint16_t a = code[j];
  if (a == 0x44B || a == 0x456) return 1;
  if (a == 0x430 || a == 0x4B1 || a == 0x4AF) return 1;
  if (a == 0x435) {
    if (j + 1 >= m) return 1;
    uint16_t b = code[j + 1];
    if (b == 0x4A3 || b == 0x43A || b == 0x448) return 1;
    if (b == 0x43C && j + 2 >= m) return 1;
    return 0;
  }
  if (vowel(a)) return 0;
  return 1;
}

/* UTF-8 of U+0400 + k (row 0) and of its capital (row 1), as put() spells
 * them: two bytes each. */
static const char cyr_utf8[2][513] = {
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

static inline char *put(char *o, uint32_t cp, int cap) {
  if (cp - 0x400 < 0x100) {
    memcpy(o, &cyr_utf8[cap != 0][2 * (cp - 0x400)], 2);
    return o + 2;
  }
  if (cap) {
    if (cp >= 0x430 && cp <= 0x44F) cp -= 0x20;
    else if (cp >= 0x450 && cp <= 0x45F) cp -= 0x50;
    else if (cp >= 0x460 && (cp & 1)) cp -= 1;
  }
  o[0] = (char)(0xC0 | (cp >> 6));
  o[1] = (char)(0x80 | (cp & 0x3F));
  return o + 2;
}

/* Letters of the rule loop that may need their context, and when: i
 * always; т before с (ц, -тся); с after т (-тся); ш before ш (щ); е in an
 * acronym (Э).  A superset of the rules below, so that every other letter
 * is itself; tested without branches (the conditions are frequent and
 * unpredictable). */
static inline int context_letter(uint32_t g, uint32_t nx, uint32_t pc, int acronym) {
  return (g == AMB_I) | ((g == 0x442) & (nx == 0x441)) | ((g == 0x441) & (pc == 0x442)) |
         ((g == 0x448) & (nx == 0x448)) | ((g == 0x435) & (acronym != 0));
}

/* ASCII letters the word loop takes directly: code, capital, key byte
 * (cd 0: not here; c w x need more, I is Turkic ı) */
typedef struct asc_ent {
  uint16_t cd;
  uint8_t up, kb;
} asc_ent;
static const asc_ent asc_tab[128] = {
    ['a'] = {0x430, 0, 'a'}, ['A'] = {0x430, 1, 'a'}, ['b'] = {0x431, 0, 'b'}, ['B'] = {0x431, 1, 'b'},
    ['d'] = {0x434, 0, 'd'}, ['D'] = {0x434, 1, 'd'}, ['e'] = {0x435, 0, 'e'}, ['E'] = {0x435, 1, 'e'},
    ['f'] = {0x444, 0, 'f'}, ['F'] = {0x444, 1, 'f'}, ['g'] = {0x433, 0, 'g'}, ['G'] = {0x433, 1, 'g'},
    ['h'] = {0x445, 0, 'h'}, ['H'] = {0x445, 1, 'h'}, ['i'] = {0x1, 0, 'i'}, ['j'] = {0x436, 0, 'j'},
    ['J'] = {0x436, 1, 'j'}, ['k'] = {0x43a, 0, 'k'}, ['K'] = {0x43a, 1, 'k'}, ['l'] = {0x43b, 0, 'l'},
    ['L'] = {0x43b, 1, 'l'}, ['m'] = {0x43c, 0, 'm'}, ['M'] = {0x43c, 1, 'm'}, ['n'] = {0x43d, 0, 'n'},
    ['N'] = {0x43d, 1, 'n'}, ['o'] = {0x43e, 0, 'o'}, ['O'] = {0x43e, 1, 'o'}, ['p'] = {0x43f, 0, 'p'},
    ['P'] = {0x43f, 1, 'p'}, ['q'] = {0x49b, 0, 'q'}, ['Q'] = {0x49b, 1, 'q'}, ['r'] = {0x440, 0, 'r'},
    ['R'] = {0x440, 1, 'r'}, ['s'] = {0x441, 0, 's'}, ['S'] = {0x441, 1, 's'}, ['t'] = {0x442, 0, 't'},
    ['T'] = {0x442, 1, 't'}, ['u'] = {0x443, 0, 'u'}, ['U'] = {0x443, 1, 'u'}, ['v'] = {0x432, 0, 'v'},
    ['V'] = {0x432, 1, 'v'}, ['y'] = {0x44b, 0, 'y'}, ['Y'] = {0x44b, 1, 'y'}, ['z'] = {0x437, 0, 'z'},
    ['Z'] = {0x437, 1, 'z'},
};

/* The latin2021 lexicon's tables, fetched once per call of the converter. */
typedef struct lex_view {
  const uint64_t *T;
  const char *pool;
  const uint32_t *root;
  const uint32_t (*l2)[256];
  const char *const *inner; /* combining forms in э, as in kz_tl_inner_loan */
  size_t ninner;
} lex_view;

static void lex_view_init(lex_view *L) {
  L->T = kz_tl_lex_nodes(0, &L->pool, &L->root, &L->l2);
  L->inner = kz_tl_inner_keys(0, &L->ninner);
}

/* а..я -> the latin2021 letter that reads as it here (0: none) */
static const char latin_of[32] = "abvgdejziiklmnoprstufh\0\0\0\0\0y\0\0\0\0";

static inline char latin_letter(uint16_t c) {
  if (c == AMB_I) return 'i';
  return c >= 0x430 && c <= 0x44F ? latin_of[c - 0x430] : 0;
}

/* Does a combining form in э (энерго) start at letter j (an е)?  As
 * kz_tl_inner_loan does for the general route, on codes: every miss of the
 * memo asks it at each е inside a long word, so the two letters after the
 * е are compared first.  ч (ch) is in no form. */
static int inner_loan21(const uint16_t *code, int m, int j, const lex_view *L) {
  char a = latin_letter(code[j + 1]), b = latin_letter(code[j + 2]);
  if (!a || !b) return 0;
  for (size_t k = 0; k < L->ninner; k++) {
    const char *t = L->inner[k];
    if (t[1] != a || t[2] != b) continue;
    int i = 3;
    while (t[i] && j + i < m && latin_letter(code[j + i]) == t[i]) i++;
    if (!t[i]) return 1;
  }
  return 0;
}

static size_t fast_word(const unsigned char *s, size_t n, size_t i, char **po, int lexicon,
                        const lex_view *L) {
  uint16_t code[MAXL];
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
  int best = 0, whole = 0; /* letters covered by the best (whole-word) match */
  uint64_t best_nd = 0, whole_nd = 0;
  size_t p = i;
  while (p < n) {
    unsigned c = s[p];
    uint16_t cd;
    int up = 0;
    unsigned char kb[2];
    int kl = 1;
    size_t len = 1;
    if (c < 0x80 && asc_tab[c].cd) { /* the common case */
      cd = asc_tab[c].cd;
      up = asc_tab[c].up;
      kb[0] = asc_tab[c].kb;
    } else if (c < 0x80) {
      unsigned lc = c | 0x20;
      if (lc < 'a' || lc > 'z') break;
      up = c < 'a';
      if (c == 'I') { /* Turkic: I is ı */
        cd = 0x456;
        kb[0] = 0xC4; kb[1] = 0xB1; kl = 2;
      } else {
        cd = ascii_code[lc - 'a'];
        kb[0] = (unsigned char)lc;
        if (!cd) {
          if (lc != 'c' || p + 1 >= n || (s[p + 1] | 0x20) != 'h') return 0;
          cd = 0x447; /* ch */
          if (!up && s[p + 1] < 'a') return 0; /* cH: leave it to the general path */
          kb[1] = 'h'; kl = 2; len = 2;
        }
      }
    } else if ((c == 0xC3 || c == 0xC4 || c == 0xC5) && p + 1 < n) {
      unsigned t = s[p + 1];
      len = 2;
      kl = 2;
      kb[0] = (unsigned char)c;
      switch ((c << 8) | t) {
      case 0xC3A4: cd = 0x4D9; break;            /* ä */
      case 0xC384: cd = 0x4D9; up = 1; t = 0xA4; break;
      case 0xC3B1: cd = 0x4A3; break;            /* ñ */
      case 0xC391: cd = 0x4A3; up = 1; t = 0xB1; break;
      case 0xC3B6: cd = 0x4E9; break;            /* ö */
      case 0xC396: cd = 0x4E9; up = 1; t = 0xB6; break;
      case 0xC3BC: cd = 0x4AF; break;            /* ü */
      case 0xC39C: cd = 0x4AF; up = 1; t = 0xBC; break;
      case 0xC49F: cd = 0x493; break;            /* ğ */
      case 0xC49E: cd = 0x493; up = 1; t = 0x9F; break;
      case 0xC4B1: cd = 0x456; break;            /* ı */
      case 0xC4B0: cd = AMB_I; up = 1; kb[0] = 'i'; kl = 1; break; /* İ */
      case 0xC59F: cd = 0x448; break;            /* ş */
      case 0xC59E: cd = 0x448; up = 1; t = 0x9F; break;
      case 0xC5AB: cd = 0x4B1; break;            /* ū */
      case 0xC5AA: cd = 0x4B1; up = 1; t = 0xAB; break;
      default: return 0;
      }
      kb[1] = (unsigned char)t;
    } else if (p + 1 < n && ((c == 0xC9 && s[p + 1] == 0x99) || (c == 0xC6 && s[p + 1] == 0x8F))) {
      cd = 0x4D9; /* ə Ə typed for ä: read as ә, keyed as ä */
      up = c == 0xC6;
      len = 2;
      kl = 2;
      kb[0] = 0xC3;
      kb[1] = 0xA4;
    } else if (c >= 0x80) {
      /* another Latin letter or a combining mark: the general path; other
       * characters (« » — NBSP, other scripts) end the word */
      if ((c >= 0xC3 && c <= 0xCD) || c == 0xE1) return 0;
      if (c == 0xEF && p + 2 < n && s[p + 1] == 0xB8 && (s[p + 2] == 0xA0 || s[p + 2] == 0xA1))
        return 0; /* a tie (U+FE20/FE21) belongs to the word too */
      break;
    } else {
      break;
    }
    /* glued words: the same test as the general path, code point by code
     * point (ch is two: a split between c and h is left to that path) */
    if (up && m && kz_tl_glued_word_ends(s, n, p, len == 2 && c < 0x80 ? 1 : len, ncp, up, lastcap))
      break;
    if (len == 2 && c < 0x80) { /* ch */
      int hup = s[p + 1] < 'a';
      if (hup && kz_tl_glued_word_ends(s, n, p + 1, 1, ncp + 1, 1, up)) return 0;
      lastcap = hup;
      ncp += 2;
    } else {
      lastcap = up;
      ncp += 1;
    }
    if (m == MAXL) return 0;
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
      /* a stem longer than 3 bytes per key byte would break the output bound */
      if (alive && N_VAL(nd) && N_VLEN(nd) <= 3 * keybytes) {
        if (N_WHOLE(nd)) { whole = m; whole_nd = nd; }
        else { best = m; best_nd = nd; }
      }
    }
  }
  if (m == 0) return 0;
  if (whole == m && whole > best) { best = whole; best_nd = whole_nd; }
  const int allcaps = ncap >= 2 && nlow == 0;
  const int acronym = allcaps && m <= 4 && kz_tl_unpronounceable(code, m);
  if (allcaps) { /* I and V only: maybe a Roman numeral, which the general path keeps */
    int k = 0;
    while (k < m && (code[k] == 0x456 || code[k] == 0x432)) k++;
    if (k == m) return 0;
  }
  int inner_at = -1; /* where a compound's second part in э starts */
  for (int k = 3; lexicon && k + 5 <= m; k++)
    if (code[k] == 0x435 && inner_loan21(code, m, k, L)) { inner_at = k; break; }
  char *o = *po;
  uint32_t prev = 0;
  int j = 0;
  if (best) {
    const unsigned char *v = (const unsigned char *)pool + N_VAL(best_nd) - 1;
    size_t vl = N_VLEN(best_nd);
    uint32_t lc[96];
    int nl = 0;
    for (size_t q = 0; q < vl && nl < 96;) {
      unsigned b0 = v[q];
      if (b0 < 0x80) { lc[nl++] = b0; q++; continue; }
      lc[nl++] = ((uint32_t)(b0 & 0x1F) << 6) | (v[q + 1] & 0x3F);
      q += 2;
    }
    if (nl > 1 && lc[nl - 1] == 0x44C && best < m && vowel(code[best])) nl--;
    else if (nl > 1 && lc[nl - 1] == 0x44C && best + 1 < m && !vowel(code[best]) &&
             !vowel(code[best + 1]) && code[best] != 0x43D)
      nl--; /* государь|ственный: see to_cyrillic.c */
    else if (nl > 2 && lc[nl - 1] == lc[nl - 2] && lc[nl - 1] > 0x7F && !vowel(lc[nl - 1]) &&
             best < m && !vowel(code[best]))
      nl--; /* процесс, процестер: see to_cyrillic.c */
    for (int k = 0; k < nl; k++) {
      int cp_ = allcaps || (nl == best ? cap[k] : (k == 0 && cap[0]));
      if (lc[k] < 0x80) *o++ = (char)lc[k]; /* a hyphen inside a stem */
      else o = put(o, lc[k], cp_);
    }
    prev = nl ? lc[nl - 1] : 0;
    j = best;
  }
  for (; j < m; j++) {
    uint16_t g = code[j];
    uint16_t nx0 = j + 1 < m ? code[j + 1] : 0, pc = j ? code[j - 1] : 0;
    if (!context_letter(g, nx0, pc, acronym) && j != inner_at) { /* most letters: no context */
      o = put(o, g, allcaps || cap[j]);
      prev = g;
      continue;
    }
    uint16_t nx = j + 1 < m ? code[j + 1] : 0;
    int cp_ = allcaps || cap[j];
    int pv = prev && vowel(prev);
    int start = prev == 0;
    uint32_t out = g;
    int take = 1;
    if (g == AMB_I) {
      if (acronym) out = 0x438; /* an acronym: letters are initials */
      else if ((start || pv || j + 2 == m) && nx == 0x430) { out = 0x44F; take = 2; }
      else if (nx == 0x443) { out = 0x44E; take = 2; }
      else if (prev == 0x438 && j + 1 == m && j >= 3 && code[j - 2] == 0x441 && code[j - 3] == 0x442)
        out = 0x438; /* -ции (tsii) */
      else if (pv && prev != 0x443) out = 0x439;
      else out = 0x438;
    } else if (g == 0x442 && nx == 0x441 && kz_tl_tsia_end(code, m, j)) {
      if (prev == 0x438 || prev == 0x430 || prev == 0x443) { /* -ться */
        o = put(o, 0x442, cp_);
        out = 0x44C;
        cp_ = allcaps; /* a second letter is a capital only in an ALL-CAPS word */
      }
    } else if (g == 0x441 && j > 0 && kz_tl_tsia_end(code, m, j - 1)) {
      o = put(o, 0x441, cp_);
      out = 0x44F;
      cp_ = allcaps;
      take = 3;
    } else if (g == 0x442 && nx == 0x441 && !acronym && !kz_tl_ts_is_suffix(code, m, j + 2)) {
      out = 0x446; take = 2;
    } else if (g == 0x435 && j > 0 && (acronym || j == inner_at)) {
      out = 0x44D; /* acronyms, compounds: see to_cyrillic.c */
    } else if (g == 0x448 && nx == 0x448) {
      out = 0x449; take = 2;
    }
    o = put(o, out, cp_);
    prev = out;
    j += take - 1;
  }
  if (m == 2 && best < 2 && code[0] == 0x430 && code[1] == 0x43B && p < n && s[p] == '-')
    o = put(o, 0x44C, allcaps); /* аль-: see to_cyrillic.c */
  *po = o;
  return p - i;
}

size_t kz_tl_fast_word_2021(const unsigned char *s, size_t n, size_t i, char **po, int lexicon) {
  lex_view L;
  lex_view_init(&L);
  return fast_word(s, n, i, po, lexicon, &L);
}

static int is_space(unsigned c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

/* ASCII classes of the one-pass loop */
enum { AC_OTHER = 0, AC_SPACE, AC_LETTER, AC_URL };
static const uint8_t ascii_class[128] = {
    ['\t'] = AC_SPACE, ['\n'] = AC_SPACE, ['\v'] = AC_SPACE, ['\f'] = AC_SPACE, ['\r'] = AC_SPACE,
    [' '] = AC_SPACE,   ['@'] = AC_URL,     [':'] = AC_URL,
#define L(c) [c] = AC_LETTER, [c - 32] = AC_LETTER
    L('a'), L('b'), L('c'), L('d'), L('e'), L('f'), L('g'), L('h'), L('i'), L('j'), L('k'), L('l'),
    L('m'), L('n'), L('o'), L('p'), L('q'), L('r'), L('s'), L('t'), L('u'), L('v'), L('w'), L('x'),
    L('y'), L('z')
#undef L
};

/* A word the fast path does not take (English words with c w x, variant
 * letters): validate its extent (ASCII letters and two-byte letters, no
 * combining mark after it) and hand it to the general word converter. */
static size_t other_word(const unsigned char *s, size_t n, size_t i, unsigned flags, char **o) {
  size_t e = i;
  while (e < n) {
    unsigned c = s[e];
    if (c < 0x80) {
      if ((c | 0x20) < 'a' || (c | 0x20) > 'z') break;
      e++;
    } else if (c >= 0xC3 && c <= 0xC9 && e + 1 < n && (s[e + 1] & 0xC0) == 0x80) {
      e += 2;
    } else if ((c >= 0xC3 && c <= 0xCD) || c == 0xE1 || c < 0xC2) {
      return 0; /* a mark, a three-byte letter, invalid: the general route decides */
    } else {
      break; /* punctuation or another script ends the word; the caller checks it */
    }
  }
  return kz_tl_latin_word(s, e, i, KZTEXT_SCHEME_LATIN2021, flags, e < n ? s[e] : 0, o);
}

/* A per-call memo of converted words.  News text is Zipfian (corpus/kk:
 * 31,000 word forms in 273,000 words), and a word's conversion depends only
 * on its bytes when an ASCII non-letter other than '-' (аль-), C2 or E2 (or
 * the end) follows it:
 * the fast path reads one byte past a word, to end it, and nothing else
 * outside it (kz_tl_glued_word_ends asks only whether it is a-z).
 * Two-way LRU sets keyed by a hash of the word; a slot is one cache line
 * holding the word and its output, so a hit touches one or two lines.  Fixed size,
 * hence bounded memory; only for inputs that repay the allocation. */
enum { MEMO_KEY = 22, MEMO_OUT = 38, MEMO_MIN_INPUT = 32768 };
typedef struct memo_slot {
  unsigned char key[24]; /* the word, zero-padded; compared 8 bytes at a time */
  uint8_t len;           /* key bytes; 0 = empty */
  uint8_t dlen;          /* output bytes */
  char out[MEMO_OUT];
} memo_slot; /* 64 bytes */

static inline uint64_t load8(const void *p) {
  uint64_t v;
  memcpy(&v, p, 8);
  return v;
}

/* the bytes of a word for the memo: ASCII letters and every byte >= 0x80
 * but the lead bytes C2 (NBSP « ») and E2 (— “ ” ’), which end a word as a
 * space does (a word ending in another character is longer here than the
 * converter's word, and is simply not memoised) */
static inline int memo_byte(unsigned b) {
  return (b >= 0x80 && b != 0xC2 && b != 0xE2) || ((b | 0x20) >= 'a' && (b | 0x20) <= 'z');
}

static inline size_t memo_word_end(const unsigned char *s, size_t n, size_t e) {
#ifdef __SSE2__
  const __m128i k61 = _mm_set1_epi8(0x61), k7a = _mm_set1_epi8(0x7A), k20 = _mm_set1_epi8(0x20),
                kc2 = _mm_set1_epi8((char)0xC2), ke2 = _mm_set1_epi8((char)0xE2);
  while (e + 16 <= n) {
    __m128i x = _mm_loadu_si128((const __m128i *)(s + e));
    __m128i y = _mm_or_si128(x, k20);
    __m128i lo = _mm_cmpeq_epi8(_mm_max_epu8(y, k61), y);
    __m128i hi = _mm_cmpeq_epi8(_mm_min_epu8(y, k7a), y);
    __m128i stop = _mm_or_si128(_mm_cmpeq_epi8(x, kc2), _mm_cmpeq_epi8(x, ke2));
    unsigned m = ((unsigned)_mm_movemask_epi8(_mm_and_si128(lo, hi)) |
                  (unsigned)_mm_movemask_epi8(x)) &
                 ~(unsigned)_mm_movemask_epi8(stop);
    m = ~m & 0xFFFFu;
    if (m) return e + (size_t)__builtin_ctz(m);
    e += 16;
  }
#endif
  while (e < n && memo_byte(s[e])) e++;
  return e;
}

/* The first l (<= 24) bytes at p as three 8-byte words, the rest zero:
 * the memo's key.  24 bytes at p must be readable. */
typedef struct memo_key {
  uint64_t w[3];
} memo_key;

static inline memo_key key_of(const unsigned char *p, size_t l) {
  memo_key k;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  static const uint64_t keep[9] = {0,
                                   0xFFull,
                                   0xFFFFull,
                                   0xFFFFFFull,
                                   0xFFFFFFFFull,
                                   0xFFFFFFFFFFull,
                                   0xFFFFFFFFFFFFull,
                                   0xFFFFFFFFFFFFFFull,
                                   ~0ull};
  for (int q = 0; q < 3; q++) {
    size_t r = l > 8u * (size_t)q ? l - 8u * (size_t)q : 0;
    k.w[q] = load8(p + 8 * q) & keep[r < 8 ? r : 8];
  }
#else
  unsigned char b[24] = {0};
  memcpy(b, p, l);
  for (int q = 0; q < 3; q++) k.w[q] = load8(b + 8 * q);
#endif
  return k;
}

static inline int key_is(const memo_slot *m, const memo_key *k, size_t l) {
  return ((load8(m->key) ^ k->w[0]) | (load8(m->key + 8) ^ k->w[1]) |
          (load8(m->key + 16) ^ k->w[2]) | (uint64_t)(m->len ^ l)) == 0;
}

/* Copies 40 bytes, more than the longest output: the memo's inputs are at
 * least MEMO_MIN_INPUT bytes, whose output buffer has more than 40 bytes of
 * slack after any word (kz_tl_latin2021_fast's contract); a slot's out[] is
 * followed by at least 2 readable bytes (the next slot, or the spare one). */
static inline void copy40(char *d, const char *src) {
  for (int q = 0; q < 40; q += 8) memcpy(d + q, src + q, 8);
}

typedef struct memo_state {
  memo_slot *slot;
  unsigned bits;        /* 2^bits slots */
  size_t next_i;        /* the word after the current one: its start, */
  size_t next_e;        /* its end, */
  memo_slot *next_slot; /* its set (NULL: not memoisable), prefetched, */
  memo_key next_key;    /* and its key */
} memo_state;

/* The memo word at s[i]: its end in *e, its key, and its set or NULL. */
static inline memo_slot *memo_find(const memo_state *M, const unsigned char *s, size_t n, size_t i,
                                   size_t *e, memo_key *k) {
  *e = memo_word_end(s, n, i);
  size_t l = *e - i;
  if (l > MEMO_KEY || i + 24 > n) return NULL; /* too long, or too near the end for word loads */
  *k = key_of(s + i, l);
  uint64_t h = (k->w[0] ^ (k->w[1] * 0xC2B2AE3D27D4EB4Full) ^ (k->w[2] >> 7) ^ l) *
               0x9E3779B97F4A7C15ull;
  return &M->slot[(h >> (64 - M->bits)) & ~(uint64_t)1]; /* a set: two slots */
}

/* One word starting at s[i] (a letter): from the memo when it is there,
 * else converted and remembered.  Returns the bytes consumed, 0 = give up.
 * The slot of the next word is looked up and prefetched first, so that its
 * cache miss overlaps the work on this one. */
static size_t word_memo(memo_state *M, const unsigned char *s, size_t n, size_t i, unsigned flags,
                        int lex, const lex_view *L, char **o) {
  size_t e = i;
  memo_slot *slot = NULL;
  memo_key key;
  if (M) {
    if (M->next_i == i) {
      e = M->next_e;
      slot = M->next_slot;
      key = M->next_key;
    } else {
      slot = memo_find(M, s, n, i, &e, &key);
    }
    size_t j = e;
    while (j < n && j < e + 4 && s[j] < 0x80 && !memo_byte(s[j])) j++; /* a space, a comma */
    M->next_i = (size_t)-1;
    if (j < n && memo_byte(s[j]) && j > e) {
      M->next_i = j;
      M->next_slot = memo_find(M, s, n, j, &M->next_e, &M->next_key);
      if (M->next_slot) __builtin_prefetch(M->next_slot);
    }
    size_t l = e - i;
    if (e < n && s[e] == '-') slot = NULL; /* аль- depends on the hyphen */
    if (slot) {
      if (key_is(&slot[0], &key, l)) {
        copy40(*o, slot[0].out);
        *o += slot[0].dlen;
        return l;
      }
      if (key_is(&slot[1], &key, l)) { /* least recently used: to the front */
        copy40(*o, slot[1].out);
        *o += slot[1].dlen;
        memo_slot t = slot[1];
        slot[1] = slot[0];
        slot[0] = t;
        return l;
      }
    }
  }
  char *o0 = *o;
  size_t k = fast_word(s, n, i, o, lex, L);
  if (!k) k = other_word(s, n, i, flags, o);
  if (slot && k == e - i && (size_t)(*o - o0) <= MEMO_OUT) {
    slot[1] = slot[0]; /* the newer word first; the older one stays */
    memcpy(slot->key, key.w, sizeof slot->key); /* key_of's bytes, zero-padded */
    slot->len = (uint8_t)k;
    slot->dlen = (uint8_t)(*o - o0);
    /* a fixed-size copy (no library call): bytes past dlen are the output
     * buffer's slack, copied but never used */
    memcpy(slot->out, o0, MEMO_OUT);
  }
  return k;
}

/* The whole latin2021 -> Cyrillic conversion in one pass when the text is
 * plain: it validates UTF-8 and checks NFC as it goes (only ASCII, the 2021
 * letters and common punctuation are accepted, all NFC-inert) and gives up
 * with (size_t)-1 on anything else, so the caller takes the general route.
 * URLs and e-mail addresses are found when their '@' or "://" shows up: the
 * token converted so far is rewound and copied as it is. */
size_t kz_tl_latin2021_fast(const unsigned char *s, size_t n, unsigned flags, char *out) {
  const int lex = !(flags & KZ_TRANSLIT_NO_LEXICON);
  lex_view L;
  lex_view_init(&L);
  char *o = out;
  size_t i = 0, tok_s = 0, ok_until = 0;
  char *tok_o = out;
  int in_tok = 0;
  /* no memo (allocation failed or a small input) only costs speed */
  memo_state mm = {NULL, 10, (size_t)-1, 0, NULL, {{0, 0, 0}}}, *memo = NULL;
  /* about one slot per 128 input bytes (2^10 .. 2^16 slots of 64 bytes): word forms grow
   * slower than text, so this holds a text's vocabulary (corpus/kk, 2.6 MB: 31,600 forms,
   * 2^15 slots) and costs a small input little */
  mm.bits = 10;
  while (mm.bits < 16 && ((size_t)1 << mm.bits) < n / 128) mm.bits++;
  void *memo_mem = n >= MEMO_MIN_INPUT ? calloc(((size_t)1 << mm.bits) + 2, sizeof *mm.slot) : NULL;
  if (memo_mem) { /* slots on cache lines */
    mm.slot = (memo_slot *)(void *)((char *)memo_mem + (64 - (uintptr_t)memo_mem % 64) % 64);
    memo = &mm;
  }
  while (i < n) {
    unsigned c = s[i];
    if (c < 0x80) {
      const unsigned cl = ascii_class[c];
      if (cl == AC_SPACE) {
        in_tok = 0;
        *o++ = (char)c;
        i++;
        continue;
      }
      if (!in_tok) {
        in_tok = 1;
        tok_s = i;
        tok_o = o;
        if ((c | 0x20) == 'w' && n - i >= 4 && (s[i + 1] | 0x20) == 'w' &&
            (s[i + 2] | 0x20) == 'w' && s[i + 3] == '.')
          goto url;
      }
      if (cl == AC_URL && ((c == '@' && i > tok_s && i + 1 < n && !is_space(s[i + 1])) ||
                           (c == ':' && i + 2 < n && s[i + 1] == '/' && s[i + 2] == '/')))
        goto url;
      if (cl == AC_LETTER) goto word;
      *o++ = (char)c;
      i++;
      continue;
    }
    if (!in_tok) {
      in_tok = 1;
      tok_s = i;
      tok_o = o;
    }
    if (c == 0xCC || c == 0xCD || c == 0xE1 || c == 0xEF)
      goto fail; /* marks, ties, U+1Exx letters: the general route */
    if (c >= 0xC3 && c <= 0xC9) goto word; /* a Latin letter starts a word */
    if (c == 0xC2 && i + 1 < n && s[i + 1] >= 0x80 && s[i + 1] <= 0xBF) { /* NBSP « » § ° */
      o[0] = (char)c;
      o[1] = (char)s[i + 1];
      o += 2;
      i += 2;
      continue;
    }
    if (c == 0xE2 && i + 2 < n && (s[i + 1] == 0x80 || s[i + 1] == 0x81 || s[i + 1] == 0x84) &&
        (s[i + 2] & 0xC0) == 0x80) {
      uint32_t lo = ((uint32_t)(s[i + 1] & 0x3F) << 6) | (s[i + 2] & 0x3F);
      if (lo == 0x000 || lo == 0x001 || lo == 0x126 || lo == 0x12A || lo == 0x12B)
        goto fail; /* singletons */
      memcpy(o, s + i, 3);
      o += 3;
      i += 3;
      continue;
    }
    if (i >= ok_until) {
      /* other scripts (Arabic, CJK), €: ask the normalizer about the stretch
       * from the previous character to the next ASCII byte */
      size_t a = i, b = i;
      while (a > 0 && (s[a - 1] & 0xC0) == 0x80) a--;
      if (a > 0) a--;
      while (a > 0 && (s[a] & 0xC0) == 0x80) a--;
      while (b < n && s[b] >= 0x80) b++;
      int isn = 0;
      if (kztext_is_normalized((const char *)s + a, b - a, KZTEXT_NORM_NFC, &isn, NULL) != KZTEXT_OK ||
          !isn)
        goto fail;
      ok_until = b;
    }
    {
      size_t l = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
      if (c < 0xC2 || i + l > n) goto fail;
      memcpy(o, s + i, l);
      o += l;
      i += l;
      continue;
    }
  word:
    /* words and the few spaces and punctuation marks between them, without
     * a trip round the loop for each byte: the common shape of running
     * text.  Token starts are kept as the loop keeps them. */
    for (;;) {
      size_t k = word_memo(memo, s, n, i, flags, lex, &L, &o);
      if (!k) goto fail;
      i += k;
      while (i < n && s[i] < 0x80 && ascii_class[s[i]] <= AC_SPACE) { /* AC_OTHER, AC_SPACE */
        if (ascii_class[s[i]] == AC_SPACE) {
          in_tok = 0;
        } else if (!in_tok) {
          in_tok = 1;
          tok_s = i;
          tok_o = o;
        }
        *o++ = (char)s[i++];
      }
      if (i >= n) break;
      unsigned d = s[i];
      if (!(d < 0x80 ? ascii_class[d] == AC_LETTER : d >= 0xC3 && d <= 0xC9)) break;
      if (!in_tok) {
        if ((d | 0x20) == 'w') break; /* www.: the loop looks */
        in_tok = 1;
        tok_s = i;
        tok_o = o;
      }
    }
    continue;
  url:
    /* copy the address as it is */
    {
      size_t e = i;
      int ascii = 1;
      while (e < n && !is_space(s[e])) {
        if (s[e] >= 0x80) ascii = 0;
        e++;
      }
      if (!ascii) { /* the token is copied as it is: it must be valid NFC */
        int isn = 0;
        if (kztext_is_normalized((const char *)s + tok_s, e - tok_s, KZTEXT_NORM_NFC, &isn, NULL) !=
                KZTEXT_OK || !isn)
          goto fail;
      }
      /* text before the address converts as the general route does it */
      size_t u = kz_tl_url_start(s + tok_s, e - tok_s);
      o = tok_o;
      if (u) o += kz_tl_latin_to_cyr(s + tok_s, u, KZTEXT_SCHEME_LATIN2021, flags, o, NULL);
      memcpy(o, s + tok_s + u, e - tok_s - u);
      o += e - tok_s - u;
      i = e;
      in_tok = 0;
    }
  }
  free(memo_mem);
  return (size_t)(o - out);
fail:
  free(memo_mem);
  return (size_t)-1;
}

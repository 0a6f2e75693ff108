/* The reverse-direction lexicon: a byte trie over the lower-case Latin
 * spelling (latin2021 or latin2018 letters) of the hunspell-kk stems, and
 * of hunspell-ru nouns and names, that the rules alone would spell wrong in
 * Cyrillic, by themselves or before a common suffix.  Generated, committed
 * table: src/gen/translit_lexicon.inc (tools/gen_translit_lexicon.py).
 * Each node is one 64-bit word: label 8 | children 6 | whole-word-only 1 |
 * stem bytes 7 | first child 20 | 1 + stem offset in the pool 22; children
 * are contiguous, sorted by label. */
#include "translit/latin_rules.h"

#include "gen/translit_lexicon.inc"

const uint64_t *kz_tl_lex_nodes(int scheme2018, const char **pool, const uint32_t **root,
                                const uint32_t (**l2)[256]) {
  *pool = scheme2018 ? kz_lex18_pool : kz_lex21_pool;
  *root = scheme2018 ? kz_lex18_root : kz_lex21_root;
  *l2 = scheme2018 ? kz_lex18_l2 : kz_lex21_l2;
  return scheme2018 ? kz_lex18_nodes : kz_lex21_nodes;
}

size_t kz_tl_lexicon(int scheme2018, const unsigned char *key, size_t n, int whole_word,
                     const char **cyr, size_t *cyr_len) {
  const uint64_t *T = scheme2018 ? kz_lex18_nodes : kz_lex21_nodes;
  const char *pool = scheme2018 ? kz_lex18_pool : kz_lex21_pool;
  size_t best = 0;
  uint64_t nd = T[0];
  for (size_t i = 0; i < n; i++) {
    uint32_t lo = N_FIRST(nd), end = lo + N_NCHILD(nd), hi = end;
    while (lo < hi) { /* children sorted by label */
      uint32_t mid = (lo + hi) / 2;
      if (N_LABEL(T[mid]) < key[i])
        lo = mid + 1;
      else
        hi = mid;
    }
    if (lo >= end || N_LABEL(T[lo]) != key[i]) break;
    nd = T[lo];
    if (N_VAL(nd) && (!N_WHOLE(nd) || (whole_word && i + 1 == n))) {
      best = i + 1;
      *cyr = pool + N_VAL(nd) - 1;
      *cyr_len = N_VLEN(nd);
    }
  }
  return best;
}

const char *const *kz_tl_inner_keys(int scheme2018, size_t *n) {
  *n = scheme2018 ? sizeof kz_inner18 / sizeof *kz_inner18 : sizeof kz_inner21 / sizeof *kz_inner21;
  return scheme2018 ? kz_inner18 : kz_inner21;
}

void kz_tl_inner_pairs(int scheme2018, uint32_t pairs[32]) {
  size_t cnt;
  const char *const *t = kz_tl_inner_keys(scheme2018, &cnt);
  memset(pairs, 0, 32 * sizeof *pairs);
  for (size_t k = 0; k < cnt; k++)
    if (t[k][0] && t[k][1])
      pairs[(unsigned char)t[k][1] & 31] |= 1u << ((unsigned char)t[k][2] & 31);
}

int kz_tl_inner_loan(int scheme2018, const unsigned char *key, size_t n) {
  size_t cnt;
  const char *const *t = kz_tl_inner_keys(scheme2018, &cnt);
  if (n < 5) return 0;
  for (size_t k = 0; k < cnt; k++) {
    if (t[k][1] != (char)key[1] || t[k][2] != (char)key[2]) continue; /* the cheap test first */
    size_t l = strlen(t[k]);
    if (l <= n && memcmp(t[k], key, l) == 0) return 1;
  }
  return 0;
}

/* Latin has no soft sign, and writers who spell a Russian loan by ear put i
 * where Cyrillic has ь before е or о (batalion, kompanion for батальон,
 * компаньон); the official alphabets write nothing there.  So an i between a
 * consonant and e/o that the plain reading leaves to the rules (the word's
 * lexicon match, `from` tokens, ends before it) is read as that ь when the
 * lexicon, looked up without the i, has the stem with ь right there.
 * Returns the tokens the stem covers (0: none) and the stem in *cyr; both
 * Latin -> Cyrillic routes call this, for every scheme with a lexicon. */
int kz_tl_lexicon_soft(int scheme2018, const uint16_t *code, int m, int from, const char **cyr,
                       size_t *cyr_len) {
  const uint16_t ic = scheme2018 ? CY_DOTTED_I : KZ_AMB_I; /* the letter i of the scheme */
  if (m < 5 || m > 64) return 0; /* no loan of fewer than five letters has it */
  for (int j = from > 1 ? from : 1; j + 1 < m; j++) {
    if (code[j] != ic) continue; /* the cheap test first */
    const uint16_t pv = code[j - 1], nx = code[j + 1];
    if (!(nx == KZ_AMB_E || nx == CY_E || nx == CY_O)) continue;
    if (!pv || pv == KZ_TOK_LITERAL || kz_tok_vowel(pv) || pv == CY_SOFT || pv == CY_HARD) continue;
    unsigned char key[64 * 4];
    size_t kend[64], kl = 0;
    int nt = m;
    for (int k = 0; k < m; k++) {
      const char *c = k == j ? "" : kz_rule_canon(code[k], scheme2018);
      if (!c) {
        nt = k;
        break;
      }
      size_t cl = strlen(c);
      memcpy(key + kl, c, cl);
      kl += cl;
      kend[k] = kl;
    }
    if (nt <= j + 1) return 0;
    const char *v;
    size_t vl, mm = kz_tl_lexicon(scheme2018, key, kl, 1, &v, &vl);
    if (mm <= kend[j] || vl > 3 * mm) continue; /* the stem must take the e/o after the i */
    int t = j + 1;
    while (t < nt && kend[t] < mm)
      t++;
    if (t == nt || kend[t] != mm) continue; /* ...and end between two tokens */
    /* the stem has ь before е/ё/о (UTF-8 d1 8c, then d0 b5, d1 91 or d0 be) */
    const char *soft = NULL;
    for (size_t q = 0; q + 3 < vl && !soft; q++)
      if ((unsigned char)v[q] == 0xD1 && (unsigned char)v[q + 1] == 0x8C &&
          (((unsigned char)v[q + 2] == 0xD0 &&
            ((unsigned char)v[q + 3] == 0xB5 || (unsigned char)v[q + 3] == 0xBE)) ||
           ((unsigned char)v[q + 2] == 0xD1 && (unsigned char)v[q + 3] == 0x91)))
        soft = v + q;
    if (!soft) continue;
    *cyr = v;
    *cyr_len = vl;
    return t + 1;
  }
  return 0;
}

/* The reverse-direction lexicon: a byte trie over the lower-case Latin
 * spelling (latin2021 or latin2018 letters) of the hunspell-kk stems, and
 * of hunspell-ru nouns and names, that the rules alone would spell wrong in
 * Cyrillic, by themselves or before a common suffix.  Generated, committed
 * table: src/gen/translit_lexicon.inc (tools/gen_translit_lexicon.py).
 * Each node is one 64-bit word: label 8 | children 6 | whole-word-only 1 |
 * stem bytes 7 | first child 20 | 1 + stem offset in the pool 22; children
 * are contiguous, sorted by label. */
#include "translit/translit_int.h"

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

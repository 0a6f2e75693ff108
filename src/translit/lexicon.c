/* The reverse-direction lexicon: a byte trie over the lower-case Latin
 * spelling (latin2021 or latin2018 letters) of hunspell-kk stems that the
 * rules alone would spell wrong in Cyrillic.  Generated, committed table:
 * src/gen/translit_lexicon.inc (tools/gen_translit_lexicon.py). */
#include "translit/translit_int.h"

typedef struct kz_lex_node {
  uint32_t first;  /* index of the first child */
  uint32_t val;    /* 1 + offset of the Cyrillic stem in the pool, 0 = none */
  uint8_t nchild;
  uint8_t label;   /* byte on the edge into this node */
  uint8_t vlen;    /* bytes of the stem */
  uint8_t whole;   /* the entry applies to a whole word only */
} kz_lex_node;

#include "gen/translit_lexicon.inc"

size_t kz_tl_lexicon(int scheme2018, const unsigned char *key, size_t n, int whole_word,
                     const char **cyr, size_t *cyr_len) {
  const kz_lex_node *T = scheme2018 ? kz_lex18_nodes : kz_lex21_nodes;
  const char *pool = scheme2018 ? kz_lex18_pool : kz_lex21_pool;
  size_t best = 0;
  uint32_t node = 0;
  for (size_t i = 0; i < n; i++) {
    const kz_lex_node *nd = &T[node];
    uint32_t c = nd->first, end = nd->first + nd->nchild;
    /* children are sorted by label: binary search */
    uint32_t lo = c, hi = end;
    while (lo < hi) {
      uint32_t mid = (lo + hi) / 2;
      if (T[mid].label < key[i]) lo = mid + 1;
      else hi = mid;
    }
    if (lo >= end || T[lo].label != key[i]) break;
    node = lo;
    const kz_lex_node *hit = &T[node];
    if (hit->val && (!hit->whole || (whole_word && i + 1 == n))) {
      best = i + 1;
      *cyr = pool + hit->val - 1;
      *cyr_len = hit->vlen;
    }
  }
  return best;
}

/* The transliteration call the translit benchmarks time: kztext_translit
 * into a caller buffer, exiting on failure (a bench must not time errors). */
#ifndef KZTEXT_BENCH_TRANSLIT_H
#define KZTEXT_BENCH_TRANSLIT_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <kztext.h>

#include "bench.h"

static inline size_t run_kz(const char *src, size_t len, kztext_scheme from, kztext_scheme to,
                            char *dst, size_t cap) {
  size_t n = 0;
  if (kztext_translit(src, len, from, to, 0, dst, cap, &n, NULL) != KZTEXT_OK) {
    fprintf(stderr, "kztext_translit failed\n");
    exit(1);
  }
  return n;
}

/* src to Cyrillic in pieces of about `piece` bytes (cut after a line end),
 * a call each, into dst: through a fresh transliterator when `keep` (an
 * archive it sees once), else kztext_translit(). */
static inline size_t run_pieces(const char *src, size_t len, size_t piece, kztext_scheme from,
                                int keep, char *dst, size_t cap) {
  kztext_transliterator *t = NULL;
  if (keep && kztext_transliterator_new(&t)) exit(1);
  size_t total = 0;
  for (size_t a = 0; a < len;) {
    size_t b = a + piece < len ? a + piece : len;
    const char *nl = b < len ? memchr(src + b, '\n', len - b) : NULL;
    b = nl ? (size_t)(nl - src) + 1 : len;
    size_t n = 0;
    kztext_status st =
        keep ? kztext_transliterator_run(t, src + a, b - a, from, KZTEXT_SCHEME_CYRILLIC, 0, dst,
                                         cap, &n, NULL)
             : kztext_translit(src + a, b - a, from, KZTEXT_SCHEME_CYRILLIC, 0, dst, cap, &n, NULL);
    if (st) {
      fprintf(stderr, "transliteration failed\n");
      exit(1);
    }
    total += n;
    a = b;
  }
  kztext_transliterator_free(t);
  return total;
}

/* The text of corpus c in latin2021 as kztext writes it (malloc'd), its
 * length in *len: the input of the latin2021 -> Cyrillic benchmarks. */
static inline char *bench_latin2021(const corpus *c, size_t *len) {
  size_t cap = kztext_translit_bound(c->len, KZTEXT_SCHEME_CYRILLIC, KZTEXT_SCHEME_LATIN2021);
  char *lat = malloc(cap ? cap : 1);
  if (!lat) {
    fprintf(stderr, "no memory\n");
    exit(1);
  }
  *len = run_kz(c->data, c->len, KZTEXT_SCHEME_CYRILLIC, KZTEXT_SCHEME_LATIN2021, lat, cap);
  return lat;
}

#endif

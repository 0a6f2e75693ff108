/* The transliteration call the translit benchmarks time: kztext_translit
 * into a caller buffer, exiting on failure (a bench must not time errors). */
#ifndef KZTEXT_BENCH_TRANSLIT_H
#define KZTEXT_BENCH_TRANSLIT_H

#include <stdio.h>
#include <stdlib.h>

#include <kztext.h>

static inline size_t run_kz(const char *src, size_t len, kztext_scheme from, kztext_scheme to,
                            char *dst, size_t cap) {
  size_t n = 0;
  if (kztext_translit(src, len, from, to, 0, dst, cap, &n, NULL) != KZTEXT_OK) {
    fprintf(stderr, "kztext_translit failed\n");
    exit(1);
  }
  return n;
}

#endif

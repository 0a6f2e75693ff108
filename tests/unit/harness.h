/* A minimal table-driven test harness (after cmark's api_test/harness.h).
 * Each check prints a line only on failure; main() ends with
 * "N passed, N failed" and exits non-zero on any failure. */
#ifndef KZTEXT_TEST_HARNESS_H
#define KZTEXT_TEST_HARNESS_H

#include <stdio.h>
#include <string.h>

static int t_passed, t_failed, t_skipped;

/* Missing input (shared data): named on stdout, and the executable then
 * exits with 77, which ctest reports as skipped (SKIP_RETURN_CODE) instead
 * of counting the checks that did run as a full pass. */
#define SKIP(...)                                                                                  \
  do {                                                                                             \
    t_skipped++;                                                                                   \
    printf("skipped: ");                                                                           \
    printf(__VA_ARGS__);                                                                           \
    putchar('\n');                                                                                 \
  } while (0)

/* The exit code ctest reads as "skipped" (tests/CMakeLists.txt). */
#define T_SKIP_RETURN_CODE 77

#define CHECK(cond, ...)                                                                           \
  do {                                                                                             \
    if (cond) {                                                                                    \
      t_passed++;                                                                                  \
    } else {                                                                                       \
      t_failed++;                                                                                  \
      fprintf(stderr, "%s:%d: FAIL: ", __FILE__, __LINE__);                                        \
      fprintf(stderr, __VA_ARGS__);                                                                \
      fputc('\n', stderr);                                                                         \
    }                                                                                              \
  } while (0)

#define CHECK_INT(got, want, what)                                                                 \
  do {                                                                                             \
    long long g_ = (long long)(got), w_ = (long long)(want);                                       \
    CHECK(g_ == w_, "%s: got %lld, want %lld", (what), g_, w_);                                    \
  } while (0)

/* Compares byte strings; prints both on mismatch. */
#define CHECK_MEM(got, got_len, want, want_len, what)                                              \
  do {                                                                                             \
    size_t gl_ = (got_len), wl_ = (want_len);                                                      \
    CHECK(gl_ == wl_ && memcmp((got), (want), gl_) == 0,                                           \
          "%s: got [%.*s] (%zu bytes), want [%.*s] (%zu bytes)", (what), (int)gl_,                 \
          (const char *)(got), gl_, (int)wl_, (const char *)(want), wl_);                          \
  } while (0)

#define CHECK_STR(got, got_len, want, what) CHECK_MEM(got, got_len, want, strlen(want), what)

static inline int t_finish(void) {
  printf("%d passed, %d failed, %d skipped\n", t_passed, t_failed, t_skipped);
  return t_failed ? 1 : t_skipped ? T_SKIP_RETURN_CODE : 0;
}

/* Reads a whole file; returns a malloc'd buffer or NULL. */
#include <stdlib.h>
static inline char *t_read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  size_t cap = 1 << 16, n = 0;
  char *buf = malloc(cap + 1);
  size_t r;
  while (buf && (r = fread(buf + n, 1, cap - n, f)) > 0) {
    n += r;
    if (n == cap) {
      char *nb = realloc(buf, cap * 2 + 1);
      if (!nb) {
        free(buf);
        buf = NULL;
        break;
      }
      buf = nb;
      cap *= 2;
    }
  }
  fclose(f);
  if (buf) buf[n] = 0;
  *len = n;
  return buf;
}

#endif

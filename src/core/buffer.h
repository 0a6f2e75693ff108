/* Internal helpers for the caller-buffer / _alloc conventions. */
#ifndef KZTEXT_CORE_BUFFER_H
#define KZTEXT_CORE_BUFFER_H

#include <stdlib.h>
#include <string.h>

#include <kztext.h>

/* A growable output buffer used by the implementation of `_alloc` twins and
 * by functions that cannot compute their output size in advance. */
typedef struct kz_buf {
  char *data;
  size_t len, cap;
  int oom;
} kz_buf;

static inline int kz_buf_reserve(kz_buf *b, size_t extra) {
  if (b->oom) return 0;
  if (extra > (size_t)-1 / 2 - b->len) {
    b->oom = 1;
    return 0;
  }
  size_t need = b->len + extra;
  if (need + 1 <= b->cap) return 1;
  size_t cap = b->cap ? b->cap : 64;
  while (cap < need + 1)
    cap *= 2;
  char *p = realloc(b->data, cap);
  if (!p) {
    b->oom = 1;
    return 0;
  }
  b->data = p;
  b->cap = cap;
  return 1;
}

/* Grows an array of `elem`-byte items at *buf to hold n of them, doubling
 * (*cap counts items); 0 when out of memory or when the size overflows. */
static inline int kz_grow(void **buf, size_t *cap, size_t n, size_t elem) {
  if (n <= *cap) return 1;
  size_t c = *cap ? *cap : 64;
  while (c < n) {
    if (c > (size_t)-1 / 2 / elem) return 0;
    c *= 2;
  }
  void *b = realloc(*buf, c * elem);
  if (!b) return 0;
  *buf = b;
  *cap = c;
  return 1;
}

static inline void kz_buf_put(kz_buf *b, const void *p, size_t n) {
  if (n && kz_buf_reserve(b, n)) {
    memcpy(b->data + b->len, p, n);
    b->len += n;
  }
}

static inline void kz_buf_putc(kz_buf *b, char c) {
  if (kz_buf_reserve(b, 1)) b->data[b->len++] = c;
}

/* Hands the buffer to the caller NUL-terminated, or reports OOM. */
static inline kztext_status kz_buf_finish(kz_buf *b, char **out, size_t *out_len) {
  if (!b->oom && !kz_buf_reserve(b, 0)) b->oom = 1;
  if (b->oom) {
    free(b->data);
    b->data = NULL;
    return KZTEXT_E_NO_MEMORY;
  }
  b->data[b->len] = 0;
  *out = b->data;
  if (out_len) *out_len = b->len;
  b->data = NULL;
  return KZTEXT_OK;
}

/* Copies a finished kz_buf into a caller buffer under the usual rules. */
static inline kztext_status kz_buf_to_caller(kz_buf *b, char *dst, size_t cap, size_t *dst_len) {
  kztext_status st = KZTEXT_OK;
  if (b->oom)
    st = KZTEXT_E_NO_MEMORY;
  else {
    if (dst_len) *dst_len = b->len;
    if (b->len > cap)
      st = KZTEXT_E_BUFFER_TOO_SMALL;
    else if (b->len)
      memcpy(dst, b->data, b->len);
  }
  free(b->data);
  b->data = NULL;
  return st;
}

#endif

/* Output formatting helpers (see strbuf.h). */
#include "strbuf.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static int grow(strbuf *b, size_t n) {
  if (b->oom) return 0;
  if (b->len + n <= b->cap) return 1;
  size_t c = b->cap ? b->cap : 4096;
  while (c < b->len + n)
    c *= 2;
  char *d = realloc(b->data, c);
  if (!d) {
    b->oom = 1;
    return 0;
  }
  b->data = d;
  b->cap = c;
  return 1;
}

void sb_put(strbuf *b, const char *s, size_t n) {
  if (n && grow(b, n)) {
    memcpy(b->data + b->len, s, n);
    b->len += n;
  }
}

void sb_puts(strbuf *b, const char *s) { sb_put(b, s, strlen(s)); }

void sb_putc(strbuf *b, char c) {
  if (grow(b, 1)) b->data[b->len++] = c;
}

void sb_u64(strbuf *b, unsigned long long v) {
  char tmp[24];
  size_t i = sizeof tmp;
  do
    tmp[--i] = (char)('0' + v % 10);
  while ((v /= 10) != 0);
  sb_put(b, tmp + i, sizeof tmp - i);
}

void sb_fixed3(strbuf *b, double v) {
  unsigned long long m = (v >= 0 && v < 1e15) ? (unsigned long long)(v * 1000.0 + 0.5) : 0;
  sb_u64(b, m / 1000);
  char frac[4] = {'.', (char)('0' + m / 100 % 10), (char)('0' + m / 10 % 10), (char)('0' + m % 10)};
  sb_put(b, frac, 4);
}

/* Byte tricks over 8 bytes at a time (exact for "is there any"). */
#define ONES 0x0101010101010101ull
#define HIGHS 0x8080808080808080ull
static inline uint64_t load8(const char *s) {
  uint64_t w;
  memcpy(&w, s, 8);
  return w;
}
static inline uint64_t any_zero(uint64_t v) { return (v - ONES) & ~v & HIGHS; }
static inline uint64_t any_below(uint64_t v, unsigned c) { return (v - ONES * c) & ~v & HIGHS; }

/* Whether none of the 8 bytes needs a JSON escape (a control, '"', '\'). */
static inline int json_plain8(const char *s) {
  uint64_t w = load8(s);
  return !(any_below(w, 0x20) | any_zero(w ^ (ONES * '"')) | any_zero(w ^ (ONES * '\\')));
}

/* JSON string escaping, once for both outputs: `put` receives the quotes,
 * the runs that need no escape and each escape in order. */
typedef void (*json_sink)(void *ctx, const char *p, size_t n);

static void json_escape(const char *s, size_t n, json_sink put, void *ctx) {
  static const char hex[] = "0123456789abcdef";
  put(ctx, "\"", 1);
  size_t run = 0;
  for (size_t i = 0; i < n; i++) {
    /* Most text has nothing to escape: skip it 8 bytes at a time. */
    while (i + 8 <= n && json_plain8(s + i))
      i += 8;
    if (i >= n) break;
    unsigned char c = (unsigned char)s[i];
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    if (i > run) put(ctx, s + run, i - run);
    run = i + 1;
    char esc[6] = {'\\', (char)c, 0, 0, 0, 0};
    size_t k = 2;
    switch (c) {
    case '"':
    case '\\':
      break;
    case '\n':
      esc[1] = 'n';
      break;
    case '\r':
      esc[1] = 'r';
      break;
    case '\t':
      esc[1] = 't';
      break;
    default:
      memcpy(esc, "\\u00", 4);
      esc[4] = hex[c >> 4];
      esc[5] = hex[c & 15];
      k = 6;
    }
    put(ctx, esc, k);
  }
  if (n > run) put(ctx, s + run, n - run);
  put(ctx, "\"", 1);
}

static void sink_strbuf(void *ctx, const char *p, size_t n) { sb_put(ctx, p, n); }

void sb_json(strbuf *b, const char *s, size_t n) { json_escape(s, n, sink_strbuf, b); }

typedef struct file_sink {
  FILE *out;
  int bad;
} file_sink;

static void sink_file(void *ctx, const char *p, size_t n) {
  file_sink *f = ctx;
  if (fwrite(p, 1, n, f->out) != n) f->bad = 1;
}

int json_fwrite(FILE *out, const char *s, size_t n) {
  file_sink f = {out, 0};
  json_escape(s, n, sink_file, &f);
  return f.bad;
}

void sb_oneline(strbuf *b, const char *s, size_t n) {
  size_t run = 0;
  for (size_t i = 0; i < n; i++) {
    while (i + 8 <= n && !any_below(load8(s + i), 0x20))
      i += 8;
    if (i >= n) break;
    if (s[i] == '\n' || s[i] == '\t' || s[i] == '\r') {
      sb_put(b, s + run, i - run);
      sb_putc(b, ' ');
      run = i + 1;
    }
  }
  sb_put(b, s + run, n - run);
}

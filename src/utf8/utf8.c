/* UTF-8 validation and U+FFFD repair. */
#include <string.h>

#include <kztext.h>

#include "core/buffer.h"
#include "utf8/utf8.h"

size_t kz_ascii_prefix(const unsigned char *s, size_t n) {
  size_t i = 0;
  /* Eight bytes at a time: memcpy keeps the load aligned-agnostic and is
   * compiled to a single move. */
  for (; i + 8 <= n; i += 8) {
    uint64_t w;
    memcpy(&w, s + i, 8);
    if (w & 0x8080808080808080ull) break;
  }
  while (i < n && s[i] < 0x80) i++;
  return i;
}

size_t kz_utf8_valid_prefix(const unsigned char *s, size_t n) {
  size_t i = 0;
  while (i < n) {
    unsigned c = s[i];
    if (c < 0x80) {
      i++;
      /* Long ASCII runs a word at a time; single spaces between Cyrillic
       * words cost one byte test. */
      while (i + 8 <= n) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        if (w & 0x8080808080808080ull) break;
        i += 8;
      }
      continue;
    }
    /* Two-byte sequences (Cyrillic, Latin-1, Arabic) without the general
     * decoder's range tables. */
    if (c - 0xC2u < 30u) {
      if (i + 1 < n && (s[i + 1] & 0xC0) == 0x80) {
        i += 2;
        continue;
      }
      return i;
    }
    size_t len, sub;
    kz_utf8_decode(s + i, n - i, &len, &sub);
    if (!len) return i;
    i += len;
  }
  return n;
}

kztext_status kztext_utf8_validate(const char *src, size_t len, size_t *error_offset) {
  if (!src && len) return KZTEXT_E_INVALID_ARG;
  size_t ok = kz_utf8_valid_prefix((const unsigned char *)src, len);
  if (ok == len) return KZTEXT_OK;
  if (error_offset) *error_offset = ok;
  return KZTEXT_E_INVALID_UTF8;
}

/* Shared by both entry points: writes into b. */
static void repair_into(const unsigned char *s, size_t n, kz_buf *b, size_t *replaced) {
  size_t count = 0, i = 0;
  while (i < n) {
    size_t good = i + kz_utf8_valid_prefix(s + i, n - i);
    kz_buf_put(b, s + i, good - i);
    i = good;
    if (i < n) {
      size_t len, sub;
      kz_utf8_decode(s + i, n - i, &len, &sub);
      kz_buf_put(b, "\xEF\xBF\xBD", 3);
      count++;
      i += sub;
    }
  }
  if (replaced) *replaced = count;
}

kztext_status kztext_utf8_repair(const char *src, size_t len, char *dst, size_t dst_cap,
                                 size_t *dst_len, size_t *replaced) {
  if ((!src && len) || (!dst && dst_cap)) return KZTEXT_E_INVALID_ARG;
  kz_buf b = {0};
  repair_into((const unsigned char *)src, len, &b, replaced);
  return kz_buf_to_caller(&b, dst, dst_cap, dst_len);
}

kztext_status kztext_utf8_repair_alloc(const char *src, size_t len, char **out,
                                       size_t *out_len, size_t *replaced) {
  if ((!src && len) || !out) return KZTEXT_E_INVALID_ARG;
  kz_buf b = {0};
  repair_into((const unsigned char *)src, len, &b, replaced);
  return kz_buf_finish(&b, out, out_len);
}

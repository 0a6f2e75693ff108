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
  while (i < n && s[i] < 0x80)
    i++;
  return i;
}

/* Eight bytes at a time while the text holds only ASCII and two-byte
 * sequences (Cyrillic: Kazakh and Russian news), where per-sequence
 * branches mispredict at every word.  In a word, every
 * continuation byte must follow a C2-DF lead; anything else (three- and
 * four-byte sequences, errors) is decoded one sequence at a time. */
size_t kz_utf8_valid_prefix(const unsigned char *s, size_t n) {
  const uint64_t H = 0x8080808080808080ull, ONE = 0x0101010101010101ull;
  size_t i = 0;
  for (;;) {
    uint64_t carry = 0; /* 0x80: byte 7 of the previous word was a lead */
    while (i + 8 <= n) {
      uint64_t w;
      memcpy(&w, s + i, 8);
      uint64_t high = w & H;
      if (!high && !carry) {
        i += 8;
        continue;
      }
      uint64_t b6 = (w << 1) & H, b5 = (w << 2) & H;
      uint64_t lead = high & b6; /* 11xxxxxx */
      if (lead & b5) break;      /* E0-FF: not a two-byte lead */
      uint64_t t = w & 0x1E1E1E1E1E1E1E1Eull;
      if ((t - ONE) & ~t & H & lead) break; /* C0, C1 */
      if ((high & ~b6) != ((lead << 8) | carry)) break;
      carry = (lead >> 56) & 0x80;
      i += 8;
    }
    if (carry) i--; /* back to the lead byte */
    size_t stop = n - i > 16 ? i + 16 : n;
    while (i < stop) {
      if (s[i] < 0x80) {
        i++;
        continue;
      }
      size_t len, sub;
      kz_utf8_decode(s + i, n - i, &len, &sub);
      if (!len) return i;
      i += len;
    }
    if (i >= n) return n;
  }
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

kztext_status kztext_utf8_repair_alloc(const char *src, size_t len, char **out, size_t *out_len,
                                       size_t *replaced) {
  if ((!src && len) || !out) return KZTEXT_E_INVALID_ARG;
  kz_buf b = {0};
  repair_into((const unsigned char *)src, len, &b, replaced);
  return kz_buf_finish(&b, out, out_len);
}

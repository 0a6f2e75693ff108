/* Internal UTF-8 primitives shared by every module. */
#ifndef KZTEXT_UTF8_INTERNAL_H
#define KZTEXT_UTF8_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

/* Decodes one well-formed sequence at s (n >= 1 bytes available).
 * Returns the code point; *len receives 1..4 on success, or, for an
 * ill-formed sequence, 0 and *subpart the length of its maximal subpart
 * (Unicode §3.9 D93b, always >= 1). */
static inline uint32_t kz_utf8_decode(const unsigned char *s, size_t n, size_t *len,
                                      size_t *subpart) {
  unsigned c = s[0];
  *subpart = 1;
  if (c < 0x80) {
    *len = 1;
    return c;
  }
  unsigned need, lo = 0x80, hi = 0xBF;
  uint32_t cp;
  if (c >= 0xC2 && c <= 0xDF) {
    need = 1;
    cp = c & 0x1F;
  } else if (c >= 0xE0 && c <= 0xEF) {
    need = 2;
    cp = c & 0x0F;
    if (c == 0xE0)
      lo = 0xA0;
    else if (c == 0xED)
      hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    need = 3;
    cp = c & 0x07;
    if (c == 0xF0)
      lo = 0x90;
    else if (c == 0xF4)
      hi = 0x8F;
  } else {
    *len = 0;
    return 0xFFFD;
  }
  for (unsigned i = 1; i <= need; i++) {
    if (i >= n) {
      *len = 0;
      *subpart = i;
      return 0xFFFD;
    }
    unsigned b = s[i];
    if (b < lo || b > hi) {
      *len = 0;
      *subpart = i;
      return 0xFFFD;
    }
    lo = 0x80;
    hi = 0xBF;
    cp = (cp << 6) | (b & 0x3F);
  }
  *len = need + 1;
  return cp;
}

/* Decodes one code point from text already known to be valid UTF-8. */
static inline uint32_t kz_utf8_next(const unsigned char *s, size_t *len) {
  unsigned c = s[0];
  if (c < 0x80) {
    *len = 1;
    return c;
  }
  if (c < 0xE0) {
    *len = 2;
    return ((c & 0x1Fu) << 6) | (s[1] & 0x3Fu);
  }
  if (c < 0xF0) {
    *len = 3;
    return ((c & 0x0Fu) << 12) | ((s[1] & 0x3Fu) << 6) | (s[2] & 0x3Fu);
  }
  *len = 4;
  return ((c & 0x07u) << 18) | ((s[1] & 0x3Fu) << 12) | ((s[2] & 0x3Fu) << 6) | (s[3] & 0x3Fu);
}

/* Start of the code point before offset i (i > 0) in valid UTF-8. */
static inline size_t kz_utf8_prev(const unsigned char *s, size_t i) {
  do
    i--;
  while (i > 0 && (s[i] & 0xC0) == 0x80);
  return i;
}

/* Encodes cp (<= 0x10FFFF, not a surrogate) into out; returns 1..4. */
static inline size_t kz_utf8_encode(uint32_t cp, char *out) {
  unsigned char *o = (unsigned char *)out;
  if (cp < 0x80) {
    o[0] = (unsigned char)cp;
    return 1;
  }
  if (cp < 0x800) {
    o[0] = (unsigned char)(0xC0 | (cp >> 6));
    o[1] = (unsigned char)(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    o[0] = (unsigned char)(0xE0 | (cp >> 12));
    o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[2] = (unsigned char)(0x80 | (cp & 0x3F));
    return 3;
  }
  o[0] = (unsigned char)(0xF0 | (cp >> 18));
  o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
  o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
  o[3] = (unsigned char)(0x80 | (cp & 0x3F));
  return 4;
}

/* Length of the ASCII prefix of s[0..n). */
size_t kz_ascii_prefix(const unsigned char *s, size_t n);

/* Validates; returns n if valid, else the offset of the first error. */
size_t kz_utf8_valid_prefix(const unsigned char *s, size_t n);

#endif

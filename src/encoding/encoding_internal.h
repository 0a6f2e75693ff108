/* Internal interface of the encoding module (tables, single-byte decoding,
 * detection) shared with the mojibake repair. */
#ifndef KZTEXT_ENCODING_INTERNAL_H
#define KZTEXT_ENCODING_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include <kztext.h>

/* UTF-8 lead bytes that can start a code point the mojibake repair counts
 * as plausible (Latin-1 and Extended-A, Ə ə, Cyrillic, punctuation, kana
 * and CJK, emoji; see plausible() in src/repair/mojibake.c): 0 none,
 * else the number of continuation bytes that follow.  Mirrored in
 * tools/gen_repair_tables.py. */
static inline int kz_plausible_lead(unsigned b) {
  if ((b >= 0xC2 && b <= 0xC6) || b == 0xC9 || (b >= 0xD0 && b <= 0xD3)) return 1;
  if (b >= 0xE2 && b <= 0xE9) return 2;
  if (b == 0xF0) return 3;
  return 0;
}

/* Undefined byte in a table. */
#define KZ_CP_UNDEF 0xFFFFu

/* The 256-entry byte -> code point table of a single-byte encoding, or NULL. */
const uint16_t *kz_cp_table(kztext_encoding enc);

/* CP1251 byte of a code point >= 0x80, or -1 if CP1251 has none. */
int kz_cp1251_byte(uint32_t cp);

/* Size in bytes of the UTF-8 decoding of n bytes of a single-byte
 * encoding, or (size_t)-1 at an undefined byte (offset in *bad) unless
 * `replace` (then it becomes U+FFFD). */
size_t kz_sb_decoded_size(const uint16_t *tab, const unsigned char *s, size_t n, int replace,
                          size_t *bad);

/* Decodes into out[0..cap); returns the bytes written, (size_t)-1 at an
 * undefined byte (strict; offset in *bad), (size_t)-2 if cap is too small. */
size_t kz_sb_decode(const uint16_t *tab, const unsigned char *s, size_t n, char *out,
                    size_t cap, int replace, size_t *bad);

/* Picks the single-byte encoding whose decoding of s looks most like
 * Kazakh/Russian text; *confidence 0-100. */
kztext_encoding kz_detect_single_byte(const unsigned char *s, size_t n,
                                      int *confidence, kztext_encoding *second,
                                      size_t *evidence);

/* kz_sb_decode() that also sets *hint: bit 0 if the text holds a letter
 * only KZ-1048/PT154 mojibake shows, bit 1 if it could hold UTF-8 mojibake
 * (two UTF-8 sequences in a row in CP1251 terms).  When *hint is 0 the
 * mojibake repair has nothing to do. */
size_t kz_sb_decode_hint(const uint16_t *tab, const unsigned char *s, size_t n, char *out,
                         size_t cap, int replace, size_t *bad, unsigned *hint);

#endif

/* Internal: the single-byte codepage tables and the table-driven decoder.
 * Below both the encoding module (kztext_decode, detection) and the repair
 * module (mojibake: which bytes a character was in CP1251), so neither has
 * to reach into the other for them. */
#ifndef KZTEXT_CODEPAGE_H
#define KZTEXT_CODEPAGE_H

#include <stddef.h>
#include <stdint.h>

#include <kztext.h>

/* Undefined byte in a table. */
#define KZ_CP_UNDEF 0xFFFFu

/* The 256-entry byte -> code point table of a single-byte encoding, or NULL. */
const uint16_t *kz_cp_table(kztext_encoding enc);

/* CP1251 byte of a code point >= 0x80, or -1 if CP1251 has none. */
int kz_cp1251_byte(uint32_t cp);

/* The UTF-8 of every byte of a table, so decoding loops are a load and a
 * store: enc[b] holds len[b] bytes (zero-padded to 4); len[b] is 0 for an
 * undefined byte unless `replace` made it U+FFFD. */
typedef struct kz_sb_map {
  unsigned char enc[256][4], len[256];
} kz_sb_map;
void kz_sb_map_build(const uint16_t *tab, int replace, kz_sb_map *m);

/* Size in bytes of the UTF-8 decoding of n bytes of a single-byte
 * encoding, or (size_t)-1 at an undefined byte (offset in *bad) unless
 * `replace` (then it becomes U+FFFD). */
size_t kz_sb_decoded_size(const uint16_t *tab, const unsigned char *s, size_t n, int replace,
                          size_t *bad);

/* Decodes into out[0..cap); returns the bytes written, (size_t)-1 at an
 * undefined byte (strict; offset in *bad), (size_t)-2 if cap is too small. */
size_t kz_sb_decode(const uint16_t *tab, const unsigned char *s, size_t n, char *out, size_t cap,
                    int replace, size_t *bad);

#endif

/*
 * kztext/utf8.h — UTF-8 validation and repair.
 *
 * Include <kztext.h>, not this file directly.
 */
#ifndef KZTEXT_UTF8_H
#define KZTEXT_UTF8_H

#include "core.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Checks that src[0..len) is well-formed UTF-8 (Unicode §3.9, Table 3-7:
 * no overlongs, no surrogates, nothing above U+10FFFF).
 *
 * Returns KZTEXT_OK, or KZTEXT_E_INVALID_UTF8 with the byte offset of the
 * first ill-formed sequence in *error_offset (which may be NULL).  A sequence
 * cut off by the end of the input is ill-formed at its first byte.
 * ASCII runs are checked eight bytes at a time.
 */
KZTEXT_API kztext_status kztext_utf8_validate(const char *src, size_t len, size_t *error_offset);

/**
 * Copies src to dst, replacing each maximal subpart of an ill-formed
 * sequence with U+FFFD (EF BF BD).  Well-formed input is copied unchanged.
 * The output is at most 3 * len bytes.  *replaced (may be NULL) receives the
 * number of U+FFFD inserted.  Buffer rules as in kztext/core.h.
 */
KZTEXT_API kztext_status kztext_utf8_repair(const char *src, size_t len, char *dst, size_t dst_cap,
                                            size_t *dst_len, size_t *replaced);

/** Allocating twin of kztext_utf8_repair(); free *out with kztext_free(). */
KZTEXT_API kztext_status kztext_utf8_repair_alloc(const char *src, size_t len, char **out,
                                                  size_t *out_len, size_t *replaced);

#ifdef __cplusplus
}
#endif

#endif /* KZTEXT_UTF8_H */

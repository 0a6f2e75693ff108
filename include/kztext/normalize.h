/*
 * kztext/normalize.h — Unicode normalization forms, case folding, newlines.
 *
 * Include <kztext.h>, not this file directly.
 */
#ifndef KZTEXT_NORMALIZE_H
#define KZTEXT_NORMALIZE_H

#include "core.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Flags for kztext_normalize().  Bits 0-3 hold the invalid-UTF-8 policy
 * (KZTEXT_INVALID_STRICT / KZTEXT_INVALID_REPLACE).  At most one form bit may
 * be set; with none the text keeps its form (useful with only
 * KZTEXT_NORM_NEWLINES or only KZTEXT_INVALID_REPLACE). */
#define KZTEXT_NORM_NFC 0x10u
#define KZTEXT_NORM_NFD 0x20u
#define KZTEXT_NORM_NFKC 0x40u
#define KZTEXT_NORM_NFKD 0x80u
/** Full Unicode case folding (CaseFolding.txt, C+F, not Turkic).  With
 *  KZTEXT_NORM_NFKC it is NFKC_Casefold (default ignorables removed too). */
#define KZTEXT_NORM_CASEFOLD 0x100u
/** CR LF, CR, NEL (U+0085), LS (U+2028) and PS (U+2029) become LF. */
#define KZTEXT_NORM_NEWLINES 0x200u

#define KZTEXT_NORM_FORMS (KZTEXT_NORM_NFC | KZTEXT_NORM_NFD | KZTEXT_NORM_NFKC | KZTEXT_NORM_NFKD)

/**
 * Normalizes src[0..len) into dst.
 *
 * Text that a quick check (UAX #15 §9, NF*_QC and canonical order) finds
 * already normalized is copied, so normalizing normalized text costs about a
 * memcpy; only the spans around a problem are run through utf8proc.
 *
 * Errors: KZTEXT_E_INVALID_FLAGS, KZTEXT_E_INVALID_ARG (two forms),
 * KZTEXT_E_INVALID_UTF8 (strict policy; offset in *error_offset, which may be
 * NULL), KZTEXT_E_BUFFER_TOO_SMALL, KZTEXT_E_NO_MEMORY.
 */
KZTEXT_API kztext_status kztext_normalize(const char *src, size_t len, unsigned flags, char *dst,
                                          size_t dst_cap, size_t *dst_len, size_t *error_offset);

/** Allocating twin of kztext_normalize(); free *out with kztext_free(). */
KZTEXT_API kztext_status kztext_normalize_alloc(const char *src, size_t len, unsigned flags,
                                                char **out, size_t *out_len, size_t *error_offset);

/**
 * Answers whether src is already in the form selected by flags (one form
 * bit, optionally KZTEXT_NORM_CASEFOLD / KZTEXT_NORM_NEWLINES): *is_normal is
 * set to 1 if kztext_normalize() would return the text unchanged, else 0.
 */
KZTEXT_API kztext_status kztext_is_normalized(const char *src, size_t len, unsigned flags,
                                              int *is_normal, size_t *error_offset);

/**
 * For streaming: returns the largest offset n <= len such that normalizing
 * src[0..n) and src[n..) separately gives the same result as normalizing
 * the whole (with the same flags), looking only at src[0..len).  The cut
 * falls before a code point that neither composes with nor reorders
 * around what precedes it, and never between CR and LF.  Returns 0 when no
 * such point exists in the buffer; a caller holding more than it wants to
 * buffer may then cut at any code point boundary, which splits a combining
 * sequence exactly as the Stream-Safe Text Format (UAX #15 §13) would.
 */
KZTEXT_API size_t kztext_normalize_boundary(const char *src, size_t len, unsigned flags);

#ifdef __cplusplus
}
#endif

#endif /* KZTEXT_NORMALIZE_H */

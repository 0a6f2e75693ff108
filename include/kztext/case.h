/*
 * kztext/case.h — upper, lower and fold case for Kazakh, Russian, English.
 *
 * Include <kztext.h>, not this file directly.
 *
 * Kazakh in the 2021 Latin alphabet is a Turkic i language: I lowercases to
 * ı and i uppercases to İ (BILIM -> bılım, bilim -> BİLİM).  ICU's kk locale
 * does not do this (only tr and az do), so kztext applies the Turkic rules
 * itself when the language is kk; Cyrillic is unaffected by them.  Full
 * Unicode mappings (ß -> SS, final sigma) come from ICU.
 */
#ifndef KZTEXT_CASE_H
#define KZTEXT_CASE_H

#include "core.h"
#include "lang.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Operation, one of (bits 24-27; see the flag layout in core.h). */
#define KZTEXT_CASE_UPPER 0x1000000u
#define KZTEXT_CASE_LOWER 0x2000000u
#define KZTEXT_CASE_FOLD 0x4000000u

/* Language for case mapping (a kztext_lang, lang.h): KZTEXT_LANG_KK applies
 * the Turkic i rules to Latin letters; KZTEXT_LANG_RU and KZTEXT_LANG_EN the
 * root rules; KZTEXT_LANG_AUTO the Turkic rules if the text has letters only
 * Turkic Latin alphabets use (ı İ ğ ş ñ ū: Kazakh 2021, Turkish,
 * Azerbaijani), else the root rules. */

/** Looks up "auto", "kk", "ru", "en" (also "kk-latn", "kk-cyrl", "tr",
 *  "az", which map to kk).  KZTEXT_E_UNSUPPORTED for others. */
KZTEXT_API kztext_status kztext_case_lang_from_name(const char *name, kztext_lang *lang);

/**
 * Maps the case of src[0..len) into dst.  `flags`: exactly one
 * KZTEXT_CASE_* operation plus the invalid-UTF-8 policy.
 *
 * Errors: KZTEXT_E_INVALID_FLAGS, KZTEXT_E_INVALID_ARG (no or two
 * operations, unknown lang), KZTEXT_E_INVALID_UTF8 (strict),
 * KZTEXT_E_BUFFER_TOO_SMALL, KZTEXT_E_NO_MEMORY, KZTEXT_E_ICU.
 */
KZTEXT_API kztext_status kztext_case(const char *src, size_t len, kztext_lang lang, unsigned flags,
                                     char *dst, size_t dst_cap, size_t *dst_len,
                                     size_t *error_offset);

/** Allocating twin of kztext_case(); free *out with kztext_free(). */
KZTEXT_API kztext_status kztext_case_alloc(const char *src, size_t len, kztext_lang lang,
                                           unsigned flags, char **out, size_t *out_len,
                                           size_t *error_offset);

#ifdef __cplusplus
}
#endif

#endif /* KZTEXT_CASE_H */

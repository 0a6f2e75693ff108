/*
 * kztext/namekey.h — a key that every spelling of one person's or place's
 * name shares: Kazakh Cyrillic, its Russian form, the official Latin
 * alphabets, ISO 9, BGN/PCGN, press and passport romanizations.
 *
 * Include <kztext.h>, not this file directly.  docs/names.md says what the
 * key is and is not.
 *
 * The key is a phonetic skeleton in lower-case ASCII: each letter becomes
 * the sound class all its spellings share (қ к q k -> k; ж zh j dzh -> j;
 * ш sh ş š -> x; ч ch ç č -> c; х һ kh h x -> k; ә а a ä á -> a; ы і и й y ı
 * i о ө у ұ ү o ö u ü ū w -> i (Russian forms write у for ы, и for і); е э
 * e -> e; ң ñ ng -> n ...), doubled
 * letters count once, a glide before e is dropped (Yesenov = Есенов,
 * Yesenbayev = Есенбаев).  A hyphen joins (Ak-Bulak = Akbulak); other
 * non-letters separate name parts; the parts are sorted, so order does not
 * count (Sapar Beibit = Beibit Sapar).  A patronymic is dropped when
 * the name has three parts or more: a part ending in -ұлы -uly -қызы -kyzy
 * -ovich -evich -ovna -evna, or a separate ұлы/қызы with the father's name
 * before it.  Letters of other scripts and digits are ignored.
 *
 * It is not a transliteration (it cannot be read back), not a similarity
 * measure (one letter apart is a different key) and not an identity: two
 * different names whose letters differ only within a class (Ораз, Ұраз)
 * share a key.
 */
#ifndef KZTEXT_NAMEKEY_H
#define KZTEXT_NAMEKEY_H

#include "core.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Bytes that always suffice for the key of len input bytes. */
#define KZTEXT_NAME_KEY_BOUND(len) (2 * (size_t)(len) + 1)

/**
 * The name key of src[0..len) (one name, possibly of several parts) into
 * dst, following the caller-buffer rules of core.h.  flags: the invalid-UTF-8
 * policy only (with KZTEXT_INVALID_REPLACE an ill-formed sequence separates
 * parts).  An input without Latin or Cyrillic letters has the empty key.
 *
 * Errors: KZTEXT_E_INVALID_ARG, KZTEXT_E_INVALID_FLAGS, KZTEXT_E_INVALID_UTF8
 * (offset in *error_offset, which may be NULL), KZTEXT_E_BUFFER_TOO_SMALL,
 * KZTEXT_E_NO_MEMORY.
 */
KZTEXT_API kztext_status kztext_name_key(const char *src, size_t len, unsigned flags, char *dst,
                                         size_t dst_cap, size_t *dst_len, size_t *error_offset);

/** Allocating twin of kztext_name_key(); free *out with kztext_free(). */
KZTEXT_API kztext_status kztext_name_key_alloc(const char *src, size_t len, unsigned flags,
                                               char **out, size_t *out_len, size_t *error_offset);

#ifdef __cplusplus
}
#endif

#endif /* KZTEXT_NAMEKEY_H */

/* Language identification inside the library. */
#ifndef KZ_LANGID_H
#define KZ_LANGID_H

#include <kztext/detect.h>

/* kztext_detect, with the Latin alphabet of Latin-script Kazakh (a second
 * pass over the text, half the cost) only when `variant` is nonzero;
 * without it, res->variant stays KZTEXT_VARIANT_NONE.  For callers that
 * only need the language, such as auto transliteration's phrase checks. */
kztext_status kz_detect(const char *src, size_t len, unsigned flags, int variant,
                        kztext_detect_result *res, size_t *error_offset);

/* The MediaWiki kk-latn scheme (Wikipedia's converter) is told by its
 * letters: ï (и), which no official alphabet has, with w (у, frequent in
 * Kazakh, never written so by 2021 or 2018; a name like Haïti alone does
 * not make text MediaWiki); and neither ū (2021's ұ, which MediaWiki writes
 * u) nor an acute letter of 2018 other than ý (MediaWiki's й).  Counts of
 * those letters in; the one rule for detect and transliteration. */
static inline int kz_not_mediawiki(size_t u_macron, size_t acute_not_y) {
  return u_macron || acute_not_y;
}
static inline int kz_mediawiki_letters(size_t i_diaeresis, size_t w, size_t u_macron,
                                       size_t acute_not_y) {
  return i_diaeresis && w && !kz_not_mediawiki(u_macron, acute_not_y);
}

#endif

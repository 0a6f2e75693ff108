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

/* Text too short to show ï and w together: MediaWiki writes y only in ya
 * yo yw yu (я ё ю), and ы as ı, which 2021 and 2018 write y.  Then a word
 * with w (у) and a Kazakh letter (ä ö ü ğ ñ ş ç ï ı ý: no English word, and
 * 2021 and 2018 write no w) tells it, or vowel harmony: MediaWiki writes і
 * as i, 2021 і as ı, and Kazakh words keep to back vowels (а о ұ ы) or
 * front ones (ә е ө ү і), so MediaWiki's ı stands in words with a o u,
 * 2021's with e ä ö ü.  Nonzero when no y stands before another letter than
 * a o u w, the text has none of the letters MediaWiki lacks (ū and the
 * acute letters of 2018 other than ý), and it has such a w word, or two
 * words with ı or I or more that have back vowels alone, more than have
 * front ones alone, and a letter MediaWiki shares with 2021 and 2018 lacks
 * (ä ö ü ğ ñ ş ç w ï).  Detect and transliteration both ask it. */
int kz_mediawiki_harmony(const unsigned char *s, size_t n);

#endif

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

#endif

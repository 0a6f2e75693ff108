/* Internal: the encoding names table (src/names/ hands it out). */
#ifndef KZTEXT_ENCODING_NAMES_H
#define KZTEXT_ENCODING_NAMES_H

#include "core/names.h"

/* Canonical names (in enum order) before aliases: kztext_encoding_name()
 * and kztext_encoding_from_name() read it. */
extern const kz_name kz_encoding_names[];

#endif /* KZTEXT_ENCODING_NAMES_H */

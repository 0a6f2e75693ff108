/* Internal: the scheme names table (src/names/ hands it out). */
#ifndef KZTEXT_TRANSLIT_NAMES_H
#define KZTEXT_TRANSLIT_NAMES_H

#include "core/names.h"

/* Canonical names (in enum order: entry i is scheme i) before "auto" and
 * the aliases: kztext_scheme_name() and kztext_scheme_from_name() read it. */
extern const kz_name kz_scheme_names[];

#endif /* KZTEXT_TRANSLIT_NAMES_H */

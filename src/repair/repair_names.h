/* Internal: the repair names table (src/names/ hands it out). */
#ifndef KZTEXT_REPAIR_NAMES_H
#define KZTEXT_REPAIR_NAMES_H

#include "core/names.h"

/* Repair names and their flag bits: kztext_repair_flags_from_names() reads
 * it. */
extern const kz_name kz_repair_names[];

#endif /* KZTEXT_REPAIR_NAMES_H */

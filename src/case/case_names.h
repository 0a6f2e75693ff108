/* Internal: the case name tables (src/names/ hands them out). */
#ifndef KZTEXT_CASE_NAMES_H
#define KZTEXT_CASE_NAMES_H

#include "core/names.h"

extern const kz_name kz_case_lang_names[]; /* kztext_case_lang_from_name() */
extern const kz_name kz_case_op_names[];   /* "upper" "lower" "fold" "casefold" */

#endif /* KZTEXT_CASE_NAMES_H */

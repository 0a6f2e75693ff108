/* Name tables: each module keeps the names it accepts in one kz_name table,
 * which its *_from_name function reads and kztext_name_at() (names.c) hands
 * out, so a binding asking the library sees exactly what the lookup takes. */
#ifndef KZTEXT_CORE_NAMES_H
#define KZTEXT_CORE_NAMES_H

#include <stdint.h>

#include <kztext.h>

/* Tables end with {NULL, 0}; a value's canonical name comes first. */
typedef struct kz_name {
  const char *name;
  int64_t value;
} kz_name;

extern const kz_name kz_case_lang_names[]; /* case/case.c */
extern const kz_name kz_case_op_names[];   /* case/case.c */
extern const kz_name kz_scheme_names[];    /* translit/translit.c */
extern const kz_name kz_encoding_names[];  /* encoding/codepages.c */
extern const kz_name kz_repair_names[];    /* repair/repair.c */

/* The entry of `table` whose name equals name[0..n) (ASCII case ignored
 * when nocase), or NULL. */
const kz_name *kz_name_find(const kz_name *table, const char *name, size_t n, int nocase);

#endif /* KZTEXT_CORE_NAMES_H */

/* Name tables: each module keeps the names it accepts in one kz_name table,
 * which its *_from_name function reads and kztext_name_at() (src/names/)
 * hands out, so a binding asking the library sees exactly what the lookup
 * takes.  Each table is declared in its module's `*_names.h`. */
#ifndef KZTEXT_CORE_NAMES_H
#define KZTEXT_CORE_NAMES_H

#include <stddef.h>
#include <stdint.h>

/* Tables end with {NULL, 0}; a value's canonical name comes first. */
typedef struct kz_name {
  const char *name;
  int64_t value;
} kz_name;

/* The entry of `table` whose name equals name[0..n) (ASCII case ignored
 * when nocase), or NULL. */
static inline const kz_name *kz_name_find(const kz_name *table, const char *name, size_t n,
                                          int nocase) {
  for (; table->name; table++) {
    const char *a = table->name;
    size_t k = 0;
    for (; k < n && a[k]; k++) {
      int c = (unsigned char)name[k];
      if (nocase && c >= 'A' && c <= 'Z') c += 32;
      if (c != (unsigned char)a[k]) break;
    }
    if (k == n && !a[k]) return table;
  }
  return NULL;
}

#endif /* KZTEXT_CORE_NAMES_H */

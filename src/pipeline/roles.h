/* Internal interface of the pipeline's line roles (roles.c). */
#ifndef KZTEXT_PIPELINE_ROLES_H
#define KZTEXT_PIPELINE_ROLES_H

#include <stddef.h>

#include <kztext.h>

/* One non-blank line: [start, end) without its leading and trailing
 * spaces, and the role given to it. */
typedef struct kz_line {
  size_t start, end;
  kztext_role role;
} kz_line;

/* Scratch memory of the classifier, kept by a pipeline across runs. */
typedef struct kz_roles {
  kz_line *lines;
  size_t count, cap;
  void *feat; /* per-line features (roles.c) */
  size_t feat_cap;
  size_t *hash; /* duplicate finder: line index + 1, or 0 */
  size_t hash_cap;
} kz_roles;

/* Splits text[0..n) into its non-blank lines and gives each a role. */
kztext_status kz_roles_run(kz_roles *r, const char *text, size_t n);

void kz_roles_free(kz_roles *r);

#endif

/* Just enough JSON for `kztext process --input jsonl --field NAME`: find a
 * top-level string field in one JSON object and unescape it to UTF-8. */
#ifndef KZTEXT_CLI_JSONL_H
#define KZTEXT_CLI_JSONL_H

#include <stddef.h>

enum {
  JSONL_FOUND = 0,
  JSONL_MISSING = 1,
  JSONL_NOT_STRING = 2,
  JSONL_MALFORMED = 3,
  JSONL_TOO_DEEP = 4
};

/* Arrays and objects nest at most this deep (a bound on the recursion). */
#define JSONL_MAX_DEPTH 512

/* Looks up `field` in the object in line[0..len).  On JSONL_FOUND, *out is
 * a malloc'd UTF-8 string of *out_len bytes (lone surrogate escapes become
 * U+FFFD).  On JSONL_MALFORMED and JSONL_TOO_DEEP, *error_offset is where parsing
 * failed.
 * Returns -1 when out of memory. */
/* Looks up `field` in the object in line[0..len) and gives the span of its
 * value as written (a JSON string with its quotes, a number, true, false,
 * null, an array or an object) in [*vstart, *vend).  Same results and
 * errors as jsonl_get_string, without JSONL_NOT_STRING. */
int jsonl_get_value(const char *line, size_t len, const char *field, size_t *vstart, size_t *vend,
                    size_t *error_offset);

int jsonl_get_string(const char *line, size_t len, const char *field, char **out, size_t *out_len,
                     size_t *error_offset);

#endif

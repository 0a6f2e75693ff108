/* Reads the shared case files in tests/cases (TSV with escapes). */
#ifndef KZTEXT_TEST_CASES_H
#define KZTEXT_TEST_CASES_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "utf8/utf8.h"

/* Test files hold code points; the library's own encoder writes them. */
#define t_put_cp(o, cp) kz_utf8_encode((cp), (o))

/* Unescapes s in place (the result is never longer); returns its length. */
static inline size_t t_unescape(char *s) {
  char *o = s;
  for (char *p = s; *p;) {
    if (*p != '\\') {
      *o++ = *p++;
      continue;
    }
    p++;
    switch (*p) {
    case 'n':
      *o++ = '\n';
      p++;
      break;
    case 'r':
      *o++ = '\r';
      p++;
      break;
    case 't':
      *o++ = '\t';
      p++;
      break;
    case '\\':
      *o++ = '\\';
      p++;
      break;
    case 'x': {
      char h[3] = {p[1], p[2], 0};
      *o++ = (char)strtol(h, NULL, 16);
      p += 3;
      break;
    }
    case 'u': {
      char *end;
      uint32_t cp = (uint32_t)strtoul(p + 2, &end, 16);
      o += t_put_cp(o, cp);
      p = end + 1;
      break;
    }
    default:
      *o++ = '\\';
    }
  }
  return (size_t)(o - s);
}

/* Splits the next non-comment line of a TSV buffer into up to n fields.
 * Returns the number of fields, 0 at the end. */
static inline int t_next_row(char **cursor, char **fields, int n) {
  for (;;) {
    char *line = *cursor;
    if (!line || !*line) return 0;
    char *nl = strchr(line, '\n');
    if (nl) {
      *nl = 0;
      *cursor = nl + 1;
    } else
      *cursor = line + strlen(line);
    if (line[0] == '#' || line[0] == 0) continue;
    int k = 0;
    fields[k++] = line;
    for (char *p = line; *p && k < n; p++)
      if (*p == '\t') {
        *p = 0;
        fields[k++] = p + 1;
      }
    for (int j = k; j < n; j++)
      fields[j] = "";
    return k;
  }
}

#endif

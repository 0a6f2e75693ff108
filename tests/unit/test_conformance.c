/* Unicode's NormalizationTest.txt (from Debian's unicode-data package): for
 * every line c1;c2;c3;c4;c5, NFC(c1..c3) = c2, NFC(c4,c5) = c4,
 * NFD(c1..c3) = c3, NFD(c4,c5) = c5, NFKC(all) = c4, NFKD(all) = c5. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>

#include <kztext.h>

#include "cases.h"
#include "harness.h"

static size_t parse_seq(const char *field, char *out) {
  size_t n = 0;
  const char *p = field;
  while (*p) {
    char *end;
    unsigned long cp = strtoul(p, &end, 16);
    if (end == p) break;
    n += t_put_cp(out + n, (uint32_t)cp);
    p = end;
    while (*p == ' ')
      p++;
  }
  return n;
}

static int check_form(unsigned flag, const char *in, size_t in_len, const char *want,
                      size_t want_len) {
  char *out;
  size_t n;
  if (kztext_normalize_alloc(in, in_len, flag, &out, &n, NULL) != KZTEXT_OK) return 0;
  int ok = n == want_len && !memcmp(out, want, n);
  kztext_free(out);
  int normal = 0;
  kztext_is_normalized(want, want_len, flag, &normal, NULL);
  return ok && normal;
}

int main(void) {
  const char *path = getenv("KZTEXT_NORMALIZATION_TEST");
  char cmd[512];
  snprintf(cmd, sizeof cmd, "bzcat %s 2>/dev/null",
           path ? path : "/usr/share/unicode/NormalizationTest.txt.bz2");
  FILE *f = popen(cmd, "r");
  char line[2048];
  int lines = 0, part = 0;
  static unsigned char in_part1[0x110000];
  while (f && fgets(line, sizeof line, f)) {
    if (line[0] == '@') part = atoi(line + 5);
    if (line[0] == '#' || line[0] == '@' || line[0] == '\n') continue;
    if (part == 1) in_part1[strtoul(line, NULL, 16)] = 1;
    char *fields[5];
    char *p = line;
    for (int i = 0; i < 5; i++) {
      fields[i] = p;
      p = strchr(p, ';');
      if (!p) break;
      *p++ = 0;
    }
    if (!p) continue;
    char c[5][256];
    size_t l[5];
    for (int i = 0; i < 5; i++)
      l[i] = parse_seq(fields[i], c[i]);
    lines++;
    for (int i = 0; i < 5; i++) {
      int ok = check_form(KZTEXT_NORM_NFC, c[i], l[i], c[i < 3 ? 1 : 3], l[i < 3 ? 1 : 3]) &&
               check_form(KZTEXT_NORM_NFD, c[i], l[i], c[i < 3 ? 2 : 4], l[i < 3 ? 2 : 4]) &&
               check_form(KZTEXT_NORM_NFKC, c[i], l[i], c[3], l[3]) &&
               check_form(KZTEXT_NORM_NFKD, c[i], l[i], c[4], l[4]);
      CHECK(ok, "NormalizationTest line %d column %d (%s)", lines, i + 1, fields[0]);
    }
  }
  if (f) pclose(f);
  if (lines == 0) {
    SKIP("NormalizationTest.txt.bz2 not found (apt-get install unicode-data bzip2)");
    return t_finish();
  }
  /* Part 1's rule: every code point it does not list is left alone by all
   * four forms (this exercises the quick-check table everywhere). */
  int untouched = 0;
  for (uint32_t cp = 0; cp < 0x110000; cp++) {
    if ((cp >= 0xD800 && cp <= 0xDFFF) || in_part1[cp]) continue;
    char c[4];
    size_t n = t_put_cp(c, cp);
    int ok = check_form(KZTEXT_NORM_NFC, c, n, c, n) && check_form(KZTEXT_NORM_NFD, c, n, c, n) &&
             check_form(KZTEXT_NORM_NFKC, c, n, c, n) && check_form(KZTEXT_NORM_NFKD, c, n, c, n);
    if (!ok)
      CHECK(0, "U+%04X is not left alone", cp);
    else
      untouched++;
  }
  CHECK(untouched > 1000000, "only %d code points checked", untouched);
  CHECK(lines > 18000, "only %d lines read", lines);
  return t_finish();
}

/* kztext-translit-rules FROM TO: transliterates each line of standard input
 * by the rules alone, without the Latin -> Cyrillic lexicon, one output line
 * per input line, flushed as it goes (so a script can keep it open as a
 * coprocess).
 *
 * The rules-only mode exists to measure the lexicon (tools/eval_translit.py
 * --no-lexicon) and to build it (tools/gen_translit_lexicon.py), not for
 * users: it is no public flag, and this program reaches it through the
 * static library's internal entry point.  Not installed. */
#define _POSIX_C_SOURCE 200809L /* getline */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <kztext.h>

#include "translit/translit_int.h"

int main(int argc, char **argv) {
  kztext_scheme from, to;
  if (argc != 3 || kztext_scheme_from_name(argv[1], &from) ||
      kztext_scheme_from_name(argv[2], &to) || to == KZTEXT_SCHEME_AUTO) {
    fprintf(stderr, "usage: kztext-translit-rules FROM TO  (scheme names; FROM may be auto)\n");
    return 2;
  }
  char *line = NULL;
  size_t cap = 0;
  ssize_t n;
  while ((n = getline(&line, &cap, stdin)) >= 0) {
    size_t len = (size_t)n;
    if (len && line[len - 1] == '\n') len--;
    char *out = NULL;
    size_t out_len = 0, bad = 0;
    kztext_status st = kz_translit_tool_alloc(
        line, len, from, to, KZ_TRANSLIT_NO_LEXICON | KZTEXT_INVALID_REPLACE, &out, &out_len, &bad);
    if (st) {
      fprintf(stderr, "kztext-translit-rules: %s\n", kztext_strerror(st));
      free(line);
      return 1;
    }
    fwrite(out, 1, out_len, stdout);
    putchar('\n');
    fflush(stdout);
    kztext_free(out);
  }
  free(line);
  return ferror(stdout) ? 1 : 0;
}

/* The baseline for segmentation quality: ICU's plain sentence iterator
 * (root locale, UTF-8 UText) over each block of a text, blocks separated by
 * a blank line.  Prints one sentence per line (line breaks inside become
 * spaces) and an empty line after each block, the format
 * ../shared/tools/score_sentences.py reads.  Used by
 * tools/eval_segment.py --icu.
 *
 *   icu_sentences FILE */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/utext.h>

static char *slurp(const char *path, size_t *n) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  size_t cap = 1 << 16, len = 0;
  char *b = malloc(cap + 1);
  for (size_t r; b && (r = fread(b + len, 1, cap - len, f)) > 0;) {
    len += r;
    if (len == cap) {
      char *nb = realloc(b, 2 * cap + 1);
      if (!nb) {
        free(b);
        b = NULL;
        break;
      }
      b = nb;
      cap *= 2;
    }
  }
  if (ferror(f)) {
    free(b);
    b = NULL;
  }
  fclose(f);
  if (b) b[len] = '\0';
  *n = len;
  return b;
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fputs("usage: icu_sentences FILE\n", stderr);
    return 2;
  }
  size_t n;
  char *text = slurp(argv[1], &n);
  if (!text) {
    perror(argv[1]);
    return 1;
  }
  UErrorCode err = U_ZERO_ERROR;
  UBreakIterator *bi = ubrk_open(UBRK_SENTENCE, "", NULL, 0, &err);
  UText ut = UTEXT_INITIALIZER;
  for (size_t at = 0; U_SUCCESS(err) && at < n;) {
    const char *end = strstr(text + at, "\n\n");
    size_t len = end ? (size_t)(end - text) - at : n - at;
    utext_openUTF8(&ut, text + at, (int64_t)len, &err);
    ubrk_setUText(bi, &ut, &err);
    for (int32_t a = ubrk_first(bi), b; U_SUCCESS(err) && (b = ubrk_next(bi)) != UBRK_DONE; a = b) {
      for (int32_t i = a; i < b; i++)
        putchar(text[at + i] == '\n' ? ' ' : text[at + i]);
      putchar('\n');
    }
    putchar('\n');
    at += len + (end ? 2 : 0);
  }
  utext_close(&ut);
  ubrk_close(bi);
  free(text);
  if (U_FAILURE(err)) {
    fprintf(stderr, "icu_sentences: %s\n", u_errorName(err));
    return 1;
  }
  return fflush(stdout) ? 1 : 0;
}

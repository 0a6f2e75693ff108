/* UTF-8 validation and U+FFFD repair, table-driven. */
#include <stdlib.h>

#include <kztext.h>

#include "harness.h"

typedef struct {
  const char *desc, *in;
  size_t len;      /* 0: strlen(in) */
  long bad_offset; /* -1: valid */
  const char *repaired;
  size_t replaced;
} utf8_case;

#define FFFD "\xEF\xBF\xBD"

static const utf8_case cases[] = {
    {"empty", "", 0, -1, "", 0},
    {"ascii", "News 2024", 0, -1, "News 2024", 0},
    {"embedded NUL", "a\0b", 3, -1, NULL, 0},
    {"cyrillic kazakh", "Қазақстан", 0, -1, "Қазақстан", 0},
    {"4-byte emoji", "\xF0\x9F\x98\x80", 0, -1, "\xF0\x9F\x98\x80", 0},
    {"max code point", "\xF4\x8F\xBF\xBF", 0, -1, "\xF4\x8F\xBF\xBF", 0},
    {"lone continuation",
     "a\x80"
     "b",
     0, 1, "a" FFFD "b", 1},
    {"overlong slash C0 AF", "\xC0\xAF", 0, 0, FFFD FFFD, 2},
    {"overlong E0 80 AF", "\xE0\x80\xAF", 0, 0, FFFD FFFD FFFD, 3},
    {"surrogate ED A0 80", "\xED\xA0\x80", 0, 0, FFFD FFFD FFFD, 3},
    {"above U+10FFFF", "\xF4\x90\x80\x80", 0, 0, FFFD FFFD FFFD FFFD, 4},
    {"F5 never valid", "\xF5", 0, 0, FFFD, 1},
    {"truncated 3-byte at end", "ab\xE2\x82", 0, 2, "ab" FFFD, 1},
    {"truncated 4-byte then ASCII", "\xF0\x9F\x98z", 0, 0, FFFD "z", 1},
    /* Unicode §3.9 Table 3-8: 61 F1 80 80 E1 80 C2 62 80 63 80 BF 64 */
    {"table 3-8", "\x61\xF1\x80\x80\xE1\x80\xC2\x62\x80\x63\x80\xBF\x64", 0, 1,
     "a" FFFD FFFD FFFD "b" FFFD "c" FFFD FFFD "d", 6},
    {"invalid after long ascii run", "0123456789abcdefghij\xFF", 0, 20, "0123456789abcdefghij" FFFD,
     1},
};

int main(void) {
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    const utf8_case *c = &cases[i];
    size_t len = c->len ? c->len : strlen(c->in);
    size_t off = 12345;
    kztext_status st = kztext_utf8_validate(c->in, len, &off);
    if (c->bad_offset < 0) {
      CHECK_INT(st, KZTEXT_OK, c->desc);
    } else {
      CHECK_INT(st, KZTEXT_E_INVALID_UTF8, c->desc);
      CHECK_INT(off, c->bad_offset, c->desc);
    }
    char *out = NULL;
    size_t out_len = 0, replaced = 99;
    st = kztext_utf8_repair_alloc(c->in, len, &out, &out_len, &replaced);
    CHECK_INT(st, KZTEXT_OK, c->desc);
    if (c->repaired)
      CHECK_STR(out, out_len, c->repaired, c->desc);
    else
      CHECK_MEM(out, out_len, c->in, len, c->desc);
    CHECK_INT(replaced, c->replaced, c->desc);
    /* Caller buffer: too small reports the size, exact size works. */
    size_t need = 0;
    if (out_len > 0) {
      char small[1];
      st = kztext_utf8_repair(c->in, len, small, 0, &need, NULL);
      CHECK_INT(st, KZTEXT_E_BUFFER_TOO_SMALL, c->desc);
      CHECK_INT(need, out_len, c->desc);
    }
    char *buf = malloc(out_len + 1);
    st = kztext_utf8_repair(c->in, len, buf, out_len, &need, NULL);
    CHECK_INT(st, KZTEXT_OK, c->desc);
    CHECK_MEM(buf, need, out, out_len, c->desc);
    free(buf);
    kztext_free(out);
  }
  /* NULL with a length is an argument error, NULL with 0 is empty text. */
  CHECK_INT(kztext_utf8_validate(NULL, 3, NULL), KZTEXT_E_INVALID_ARG, "NULL src");
  CHECK_INT(kztext_utf8_validate(NULL, 0, NULL), KZTEXT_OK, "NULL empty");
  CHECK_INT(kztext_utf8_repair_alloc("x", 1, NULL, NULL, NULL), KZTEXT_E_INVALID_ARG, "NULL out");
  return t_finish();
}

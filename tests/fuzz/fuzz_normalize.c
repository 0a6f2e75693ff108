/* Fuzz target: normalization.  The first byte picks the flags.  Properties:
 * no crash; output is valid UTF-8; normalizing is idempotent and
 * is_normalized() agrees; splitting at kztext_normalize_boundary() gives the
 * same result; caller-buffer and _alloc twins agree. */
#include <stdlib.h>
#include <string.h>

#include <kztext.h>

#define REQUIRE(c)                                                                                 \
  do {                                                                                             \
    if (!(c)) __builtin_trap();                                                                    \
  } while (0)

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

static const unsigned forms[] = {KZTEXT_NORM_NFC, KZTEXT_NORM_NFD, KZTEXT_NORM_NFKC,
                                 KZTEXT_NORM_NFKD, 0};

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size) {
  if (size < 1) return 0;
  unsigned sel = data[0];
  unsigned flags = forms[sel % 5];
  if (sel & 0x08) flags |= KZTEXT_NORM_CASEFOLD;
  if (sel & 0x10) flags |= KZTEXT_NORM_NEWLINES;
  if (sel & 0x20) flags |= KZTEXT_INVALID_REPLACE;
  if ((flags & KZTEXT_NORM_CASEFOLD) && !(flags & KZTEXT_NORM_FORMS)) flags |= KZTEXT_NORM_NFC;
  const char *s = (const char *)data + 1;
  size--;
  char *out;
  size_t n, off;
  kztext_status st = kztext_normalize_alloc(s, size, flags, &out, &n, &off);
  if (st == KZTEXT_E_INVALID_UTF8) {
    REQUIRE(!(flags & KZTEXT_INVALID_REPLACE) && off < size);
    REQUIRE(kztext_utf8_validate(s, size, NULL) == KZTEXT_E_INVALID_UTF8);
    return 0;
  }
  REQUIRE(st == KZTEXT_OK);
  REQUIRE(kztext_utf8_validate(out, n, NULL) == KZTEXT_OK);
  unsigned strict = flags & ~KZTEXT_INVALID_REPLACE;
  int normal = 0;
  REQUIRE(kztext_is_normalized(out, n, strict, &normal, NULL) == KZTEXT_OK && normal);
  char *again;
  size_t n2;
  REQUIRE(kztext_normalize_alloc(out, n, strict, &again, &n2, NULL) == KZTEXT_OK);
  REQUIRE(n2 == n && !memcmp(again, out, n));
  kztext_free(again);
  char *buf = malloc(n ? n : 1);
  size_t need;
  REQUIRE(kztext_normalize(s, size, flags, buf, n, &need, NULL) == KZTEXT_OK && need == n);
  REQUIRE(!memcmp(buf, out, n));
  free(buf);
  if (flags == strict) {
    size_t cut = kztext_normalize_boundary(s, size, flags);
    REQUIRE(cut < size || size == 0);
    if (cut) {
      char *a, *b;
      size_t al, bl;
      REQUIRE(kztext_normalize_alloc(s, cut, flags, &a, &al, NULL) == KZTEXT_OK);
      REQUIRE(kztext_normalize_alloc(s + cut, size - cut, flags, &b, &bl, NULL) == KZTEXT_OK);
      REQUIRE(al + bl == n && !memcmp(a, out, al) && !memcmp(b, out + al, bl));
      kztext_free(a);
      kztext_free(b);
    }
  }
  kztext_free(out);
  return 0;
}

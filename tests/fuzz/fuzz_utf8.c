/* Fuzz target: UTF-8 validation and repair.  Properties: repair output is
 * valid; valid input is copied unchanged; the validation offset is where the
 * first U+FFFD lands; caller-buffer and _alloc twins agree. */
#include <stdlib.h>
#include <string.h>

#include <kztext.h>

#define REQUIRE(c)                                                                                 \
  do {                                                                                             \
    if (!(c)) __builtin_trap();                                                                    \
  } while (0)

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size) {
  const char *s = (const char *)data;
  size_t off = 0;
  kztext_status v = kztext_utf8_validate(s, size, &off);
  char *out = NULL;
  size_t n = 0, replaced = 0;
  if (kztext_utf8_repair_alloc(s, size, &out, &n, &replaced) != KZTEXT_OK) return 0;
  REQUIRE(kztext_utf8_validate(out, n, NULL) == KZTEXT_OK);
  if (v == KZTEXT_OK) {
    REQUIRE(replaced == 0 && n == size && !memcmp(out, s, size));
  } else {
    REQUIRE(v == KZTEXT_E_INVALID_UTF8 && off < size && replaced > 0);
    REQUIRE(!memcmp(out, s, off) && !memcmp(out + off, "\xEF\xBF\xBD", 3));
  }
  char *buf = malloc(n ? n : 1);
  size_t need = 0;
  REQUIRE(kztext_utf8_repair(s, size, buf, n, &need, NULL) == KZTEXT_OK);
  REQUIRE(need == n && !memcmp(buf, out, n));
  free(buf);
  kztext_free(out);
  return 0;
}

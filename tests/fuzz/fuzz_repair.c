/* Fuzz target: kztext_repair() with the repairs picked by the first byte,
 * and kztext_case().  Checks: never crashes; output is valid UTF-8; a
 * second pass changes nothing (idempotency); the caller-buffer form agrees
 * with the _alloc form. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <kztext.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1) return 0;
  unsigned opt = data[0];
  const char *src = (const char *)data + 1;
  size_t len = size - 1;
  unsigned flags = KZTEXT_INVALID_REPLACE;
  if (opt & 1) flags |= KZTEXT_REPAIR_HOMOGLYPHS;
  if (opt & 2) flags |= KZTEXT_REPAIR_INVISIBLE;
  if (opt & 4) flags |= KZTEXT_REPAIR_SPACES;
  if (opt & 8) flags |= KZTEXT_REPAIR_MOJIBAKE;
  if (opt & 16) flags |= KZTEXT_REPAIR_KEY;
  if (opt & 32) flags |= KZTEXT_REPAIR_DIGIT_SPACE;
  char *out = NULL, *again = NULL;
  size_t n = 0, n2 = 0;
  kztext_repair_report rep = {sizeof rep, 0, 0, 0, 0, 0, 0};
  if (kztext_repair_alloc(src, len, flags, &out, &n, &rep, NULL) != KZTEXT_OK) abort();
  if (kztext_utf8_validate(out, n, NULL) != KZTEXT_OK) abort();
  if (kztext_repair_alloc(out, n, flags, &again, &n2, NULL, NULL) != KZTEXT_OK) abort();
  /* Case folding in key mode can expose new key work only for exotic
   * characters whose folding is not closed; the repairs themselves must
   * be idempotent. */
  if (!(flags & KZTEXT_REPAIR_KEY) && (n2 != n || memcmp(again, out, n))) abort();
  char *buf = malloc(n + 1);
  size_t m = 0;
  if (kztext_repair(src, len, flags, buf, n, &m, NULL, NULL) != KZTEXT_OK || m != n ||
      (n && memcmp(buf, out, n)))
    abort();
  free(buf);
  kztext_free(again);
  kztext_free(out);
  static const unsigned ops[] = {KZTEXT_CASE_UPPER, KZTEXT_CASE_LOWER, KZTEXT_CASE_FOLD};
  char *c = NULL;
  if (kztext_case_alloc(src, len, (kztext_lang)((opt >> 6) & 3),
                        ops[(opt >> 6) % 3] | KZTEXT_INVALID_REPLACE, &c, &n, NULL) != KZTEXT_OK)
    abort();
  kztext_free(c);
  return 0;
}

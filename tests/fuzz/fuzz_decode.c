/* Fuzz target: kztext_decode() with every encoding and policy, plus
 * detection.  The first byte picks the options; the rest is the input.
 * Checks: never crashes, output is valid UTF-8, the caller-buffer form
 * agrees with the _alloc form. */
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
  kztext_encoding enc = (kztext_encoding)(opt % 11);
  unsigned flags = ((opt >> 4) & 1 ? KZTEXT_INVALID_REPLACE : 0) |
                   ((opt >> 5) & 1 ? KZTEXT_DECODE_NO_REPAIR : 0);
  char *out = NULL;
  size_t n = 0, bad = 0;
  kztext_decode_info info = {sizeof info, 0, 0, 0, 0, 0};
  kztext_status st = kztext_decode_alloc(src, len, enc, flags, &out, &n, &info, &bad);
  if (st == KZTEXT_OK) {
    if (kztext_utf8_validate(out, n, NULL) != KZTEXT_OK) abort();
    if (info.confidence < 0 || info.confidence > 100) abort();
    char *buf = malloc(n + 1);
    size_t m = 0;
    if (kztext_decode(src, len, enc, flags, buf, n, &m, NULL, NULL) != KZTEXT_OK || m != n ||
        (n && memcmp(buf, out, n)))
      abort();
    free(buf);
  } else if ((st == KZTEXT_E_DECODE || st == KZTEXT_E_INVALID_UTF8) && bad >= len) {
    abort();
  } else if (st == KZTEXT_E_DECODE && (flags & KZTEXT_INVALID_REPLACE)) {
    abort(); /* replace never fails to decode */
  }
  kztext_free(out);
  kztext_encoding det;
  int conf;
  if (kztext_detect_encoding(src, len, &det, &conf) != KZTEXT_OK || conf < 0 || conf > 100) abort();
  /* The report agrees with the plain call and describes the input. */
  kztext_encoding_report rep = {.size = sizeof rep};
  if (kztext_detect_encoding_report(src, len, &rep) != KZTEXT_OK || rep.encoding != det ||
      rep.confidence != conf || rep.first_non_ascii > len || (rep.sure != 0 && rep.sure != 1))
    abort();
  if (rep.first_non_ascii < len && (unsigned char)src[rep.first_non_ascii] < 0x80) abort();
  return 0;
}

/* NFC throughput: kztext vs ICU unorm2 (with the UTF-8 <-> UTF-16
 * conversions a UTF-8 user needs) vs utf8proc_map alone, same text, same
 * process.  Usage: bench_normalize [CORPUS_DIR] (default ../shared/data/corpus) */
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <utf8proc.h>

#include <kztext.h>

#include "bench.h"

static size_t icu_nfc(const UNormalizer2 *n2, const char *s, size_t len, UChar *u16, UChar *n16,
                      int32_t cap16, char *out, int32_t cap8) {
  UErrorCode err = U_ZERO_ERROR;
  int32_t ulen, nlen, olen;
  u_strFromUTF8(u16, cap16, &ulen, s, (int32_t)len, &err);
  nlen = unorm2_normalize(n2, u16, ulen, n16, cap16, &err);
  u_strToUTF8(out, cap8, &olen, n16, nlen, &err);
  return U_SUCCESS(err) ? (size_t)olen : 0;
}

int main(int argc, char **argv) {
  const char *dir = bench_corpus_dir(argc, argv);
  const char *langs[] = {"kk", "ru", "en"};
  UErrorCode err = U_ZERO_ERROR;
  const UNormalizer2 *n2 = unorm2_getNFCInstance(&err);
  printf("NFC throughput in MB/s (best of 3), corpus %s\n", dir);
  printf("%-4s %9s %10s %10s %10s %9s %9s\n", "lang", "MB", "kztext", "ICU", "utf8proc", "vs ICU",
         "vs u8p");
  int ran = 0;
  for (int i = 0; i < 3; i++) {
    corpus c;
    if (!bench_load(&c, dir, langs[i])) {
      printf("%-4s skipped: no files in %s/%s\n", langs[i], dir, langs[i]);
      continue;
    }
    ran++;
    char *out = malloc(c.len * 3 + 16);
    int32_t cap16 = (int32_t)(c.len * 2 + 16);
    UChar *u16 = malloc(sizeof(UChar) * (size_t)cap16),
          *n16 = malloc(sizeof(UChar) * (size_t)cap16);
    size_t n = 0;
    double k, icu, u8p;
    BENCH_MBPS(k, c.len, 0.5,
               kztext_normalize(c.data, c.len, KZTEXT_NORM_NFC, out, c.len * 3, &n, NULL));
    BENCH_MBPS(icu, c.len, 0.5,
               icu_nfc(n2, c.data, c.len, u16, n16, cap16, out, (int32_t)(c.len * 3)));
    BENCH_MBPS(u8p, c.len, 0.5, {
      utf8proc_uint8_t *p = NULL;
      utf8proc_map((const utf8proc_uint8_t *)c.data, (utf8proc_ssize_t)c.len, &p,
                   UTF8PROC_STABLE | UTF8PROC_COMPOSE);
      free(p);
    });
    printf("%-4s %9.2f %10.0f %10.0f %10.0f %8.1fx %8.1fx\n", langs[i], c.len / 1e6, k, icu, u8p,
           k / icu, k / u8p);
    free(out);
    free(u16);
    free(n16);
    free(c.data);
  }
  return ran ? 0 : 0;
}

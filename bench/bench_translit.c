/* Transliteration throughput on ../shared/data/corpus/kk:
 *   Cyrillic -> latin2021 (gate: >= 500 MB/s, >= 300x ICU's
 *   "Kazakh-Latin/BGN" transform on the same text in the same run);
 *   latin2021 -> Cyrillic, the scheme named and --from auto (gate: >= 200 MB/s).
 * ICU is timed as a caller would use it on UTF-8: u_strFromUTF8, then
 * utrans_transUChars.  Sizes are input bytes of UTF-8. */
#include "bench.h"

#include <kztext.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>

static size_t run_kz(const char *src, size_t len, kztext_scheme from, kztext_scheme to, char *dst,
                     size_t cap) {
  size_t n = 0;
  if (kztext_translit(src, len, from, to, 0, dst, cap, &n, NULL) != KZTEXT_OK) {
    fprintf(stderr, "kztext_translit failed\n");
    exit(1);
  }
  return n;
}

int main(int argc, char **argv) {
  corpus c;
  if (!bench_load(&c, bench_corpus_dir(argc, argv), "kk")) {
    printf("skipped: no corpus at %s/kk\n", bench_corpus_dir(argc, argv));
    return 0;
  }
  size_t cap = kztext_translit_bound(c.len, KZTEXT_SCHEME_CYRILLIC, KZTEXT_SCHEME_LATIN2021);
  char *dst = malloc(cap);
  if (!dst) return 1;
  volatile size_t sink = 0;
  double kz_fwd;
  BENCH_MBPS(kz_fwd, c.len, 1.0,
             sink +=
             run_kz(c.data, c.len, KZTEXT_SCHEME_CYRILLIC, KZTEXT_SCHEME_LATIN2021, dst, cap));
  double t0 = bench_cpu_now();
  for (int r = 0; r < 20; r++)
    sink += run_kz(c.data, c.len, KZTEXT_SCHEME_CYRILLIC, KZTEXT_SCHEME_LATIN2021, dst, cap);
  double kz_fwd_cpu = 20.0 * c.len / (bench_cpu_now() - t0) / 1e6;

  /* Latin text for the reverse direction */
  size_t lat_len = run_kz(c.data, c.len, KZTEXT_SCHEME_CYRILLIC, KZTEXT_SCHEME_LATIN2021, dst, cap);
  char *lat = malloc(lat_len);
  memcpy(lat, dst, lat_len);
  size_t cap2 = kztext_translit_bound(lat_len, KZTEXT_SCHEME_AUTO, KZTEXT_SCHEME_CYRILLIC);
  char *dst2 = malloc(cap2);
  double kz_rev;
  BENCH_MBPS(kz_rev, lat_len, 1.0,
             sink +=
             run_kz(lat, lat_len, KZTEXT_SCHEME_LATIN2021, KZTEXT_SCHEME_CYRILLIC, dst2, cap2));
  t0 = bench_cpu_now();
  for (int r = 0; r < 5; r++)
    sink += run_kz(lat, lat_len, KZTEXT_SCHEME_LATIN2021, KZTEXT_SCHEME_CYRILLIC, dst2, cap2);
  double kz_rev_cpu = 5.0 * lat_len / (bench_cpu_now() - t0) / 1e6;
  /* the same text with the source detected (language and alphabet per line) */
  double kz_auto;
  BENCH_MBPS(kz_auto, lat_len, 1.0,
             sink += run_kz(lat, lat_len, KZTEXT_SCHEME_AUTO, KZTEXT_SCHEME_CYRILLIC, dst2, cap2));
  t0 = bench_cpu_now();
  for (int r = 0; r < 5; r++)
    sink += run_kz(lat, lat_len, KZTEXT_SCHEME_AUTO, KZTEXT_SCHEME_CYRILLIC, dst2, cap2);
  double kz_auto_cpu = 5.0 * lat_len / (bench_cpu_now() - t0) / 1e6;

  /* ICU on the same text */
  UErrorCode ec = U_ZERO_ERROR;
  UChar id[64];
  u_uastrcpy(id, "Kazakh-Latin/BGN");
  UTransliterator *tr = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, NULL, &ec);
  double icu = 0, icu_cpu = 0;
  if (U_FAILURE(ec)) {
    printf("ICU Kazakh-Latin/BGN unavailable: %s\n", u_errorName(ec));
  } else {
    int32_t ucap = (int32_t)(c.len * 3 + 16);
    UChar *u = malloc(sizeof(UChar) * (size_t)ucap);
    double ti = bench_cpu_now();
    BENCH_MBPS(icu, c.len, 0.5, {
      UErrorCode e2 = U_ZERO_ERROR;
      int32_t ulen = 0;
      u_strFromUTF8(u, ucap, &ulen, c.data, (int32_t)c.len, &e2);
      int32_t limit = ulen;
      utrans_transUChars(tr, u, &ulen, ucap, 0, &limit, &e2);
      if (U_FAILURE(e2)) {
        fprintf(stderr, "ICU: %s\n", u_errorName(e2));
        exit(1);
      }
      sink += (size_t)ulen;
    });
    icu_cpu = 3.0 * c.len / (bench_cpu_now() - ti) / 1e6; /* BENCH_MBPS ran 3 passes */
    free(u);
    utrans_close(tr);
  }
  printf("corpus kk: %zu bytes (latin2021: %zu bytes)\n", c.len, lat_len);
  printf("                               wall MB/s   CPU-time MB/s\n");
  printf("kztext cyrillic -> latin2021   %9.1f   %9.1f   (gate >= 500)\n", kz_fwd, kz_fwd_cpu);
  printf("ICU Kazakh-Latin/BGN           %9.3f   %9.3f\n", icu, icu_cpu);
  if (icu > 0)
    printf("ratio kztext / ICU             %9.0fx  %9.0fx  (gate >= 300x)\n", kz_fwd / icu,
           kz_fwd_cpu / icu_cpu);
  printf("kztext latin2021 -> cyrillic   %9.1f   %9.1f   (gate >= 200)\n", kz_rev, kz_rev_cpu);
  printf("kztext auto -> cyrillic        %9.1f   %9.1f   (gate >= 200)\n", kz_auto, kz_auto_cpu);
  (void)sink;
  free(dst);
  free(dst2);
  free(lat);
  free(c.data);
  return 0;
}

/* Transliteration throughput on ../shared/data/corpus/kk:
 *   Cyrillic -> latin2021 (gate: >= 1.5 GB/s), against ICU's
 *   "Kazakh-Latin/BGN" transform on the same text in the same run, and the
 *   same with the source detected (--from auto, the CLI's default);
 *   latin2021 -> Cyrillic, the scheme named (gate: >= 500 MB/s) and
 *   --from auto (gate: >= 200 MB/s).
 * ICU is timed as a caller would use it on UTF-8, a paragraph (line) at a
 * time as uconv -x does: u_strFromUTF8, utrans_transUChars, u_strToUTF8.
 * The latin2021 text is also converted in pieces of about 4 KB (a news
 * article) and 64 KB (the CLI's chunk), a call each, by kztext_translit()
 * and through a kztext_transliterator made fresh for each pass over the
 * text (an archive it sees once), and the ratio of the two is printed.
 * Sizes are input bytes of UTF-8. */
#include "bench_translit.h"
#include "bench.h"

#include <kztext.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>

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
  /* the same with the source detected, as the CLI does by default */
  double kz_fwd_auto, kz_fwd_auto_cpu;
  BENCH_MBPS(kz_fwd_auto, c.len, 1.0,
             sink += run_kz(c.data, c.len, KZTEXT_SCHEME_AUTO, KZTEXT_SCHEME_LATIN2021, dst, cap));
  BENCH_CPU_MBPS(kz_fwd_auto_cpu, c.len, 1.0,
                 sink +=
                 run_kz(c.data, c.len, KZTEXT_SCHEME_AUTO, KZTEXT_SCHEME_LATIN2021, dst, cap));

  /* Latin text for the reverse direction */
  size_t lat_len;
  char *lat = bench_latin2021(&c, &lat_len);
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
  /* pieces, a call each: without and with a transliterator (CPU time) */
  static const size_t pieces[2] = {4096, 65536};
  static const kztext_scheme froms[2] = {KZTEXT_SCHEME_LATIN2021, KZTEXT_SCHEME_AUTO};
  double pc[2][2][2]; /* [from][piece][keep] */
  for (int f = 0; f < 2; f++)
    for (int p = 0; p < 2; p++)
      for (int k = 0; k < 2; k++)
        BENCH_CPU_MBPS(pc[f][p][k], lat_len, 0.3,
                       sink += run_pieces(lat, lat_len, pieces[p], froms[f], k, dst2, cap2));

  /* ICU on the same text, line by line (a line of the corpus is a
   * paragraph), as uconv -x does: a transform over one whole 4 MB buffer
   * costs ICU time quadratic in its length, which would be no fair
   * baseline. */
  UErrorCode ec = U_ZERO_ERROR;
  UChar id[64];
  u_uastrcpy(id, "Kazakh-Latin/BGN");
  UTransliterator *tr = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, NULL, &ec);
  double icu = 0, icu_cpu = 0;
  if (U_FAILURE(ec)) {
    printf("ICU Kazakh-Latin/BGN unavailable: %s\n", u_errorName(ec));
  } else {
    size_t longest = 0;
    for (size_t a = 0, b; a < c.len; a = b + 1) {
      const char *nl = memchr(c.data + a, '\n', c.len - a);
      b = nl ? (size_t)(nl - c.data) : c.len;
      if (b - a > longest) longest = b - a;
    }
    /* a UTF-8 byte is at most one UTF-16 unit; BGN writes at most 4 units a letter */
    int32_t ucap = (int32_t)(longest * 4 + 16), ocap = (int32_t)(longest * 12 + 16);
    UChar *u = malloc(sizeof(UChar) * (size_t)ucap);
    char *o8 = malloc((size_t)ocap);
#define ICU_ALL                                                                                    \
  for (size_t a = 0, b; a < c.len; a = b + 1) {                                                    \
    const char *nl = memchr(c.data + a, '\n', c.len - a);                                          \
    b = nl ? (size_t)(nl - c.data) : c.len;                                                        \
    UErrorCode e2 = U_ZERO_ERROR;                                                                  \
    int32_t ulen = 0, olen = 0;                                                                    \
    u_strFromUTF8(u, ucap, &ulen, c.data + a, (int32_t)(b - a), &e2);                              \
    int32_t limit = ulen;                                                                          \
    utrans_transUChars(tr, u, &ulen, ucap, 0, &limit, &e2);                                        \
    u_strToUTF8(o8, ocap, &olen, u, ulen, &e2);                                                    \
    if (U_FAILURE(e2)) {                                                                           \
      fprintf(stderr, "ICU: %s\n", u_errorName(e2));                                               \
      exit(1);                                                                                     \
    }                                                                                              \
    sink += (size_t)olen;                                                                          \
  }
    BENCH_MBPS(icu, c.len, 0.5, ICU_ALL);
    BENCH_CPU_MBPS(icu_cpu, c.len, 0.5, ICU_ALL);
    free(u);
    free(o8);
    utrans_close(tr);
  }
  printf("corpus kk: %zu bytes (latin2021: %zu bytes)\n", c.len, lat_len);
  printf("                               wall MB/s   CPU-time MB/s\n");
  printf("kztext cyrillic -> latin2021   %9.1f   %9.1f   (gate >= 1500)\n", kz_fwd, kz_fwd_cpu);
  printf("kztext auto -> latin2021       %9.1f   %9.1f\n", kz_fwd_auto, kz_fwd_auto_cpu);
  printf("ICU Kazakh-Latin/BGN           %9.3f   %9.3f\n", icu, icu_cpu);
  if (icu > 0)
    printf("ratio kztext / ICU             %9.0fx  %9.0fx\n", kz_fwd / icu, kz_fwd_cpu / icu_cpu);
  printf("kztext latin2021 -> cyrillic   %9.1f   %9.1f   (gate >= 500)\n", kz_rev, kz_rev_cpu);
  printf("kztext auto -> cyrillic        %9.1f   %9.1f   (gate >= 200)\n", kz_auto, kz_auto_cpu);
  printf("in pieces, a call each (CPU-time MB/s): kztext_translit, transliterator, ratio\n");
  for (int f = 0; f < 2; f++)
    for (int p = 0; p < 2; p++)
      printf("  %-9s %2zu KB pieces      %9.1f   %9.1f   %5.2fx\n", kztext_scheme_name(froms[f]),
             pieces[p] / 1024, pc[f][p][0], pc[f][p][1], pc[f][p][1] / pc[f][p][0]);
  (void)sink;
  free(dst);
  free(dst2);
  free(lat);
  free(c.data);
  return 0;
}

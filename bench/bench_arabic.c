/* Arabic-script (töte jazu) transliteration throughput on
 * ../shared/data/corpus/kk written in the Arabic script by kztext itself:
 *   Arabic -> Cyrillic, the scheme named and --from auto (issue 19 gate:
 *   >= 200 MB/s), and Cyrillic -> Arabic for scale, in the same run; and
 *   Arabic -> Cyrillic in pieces of about 4 and 64 KB, a call each, by
 *   kztext_translit() and through a kztext_transliterator.
 * Sizes are input bytes of UTF-8. */
#include "bench.h"
#include "bench_translit.h"

#include <kztext.h>

int main(int argc, char **argv) {
  corpus c;
  if (!bench_load(&c, bench_corpus_dir(argc, argv), "kk")) {
    printf("skipped: no corpus at %s/kk\n", bench_corpus_dir(argc, argv));
    return 0;
  }
  size_t cap = kztext_translit_bound(c.len, KZTEXT_SCHEME_CYRILLIC, KZTEXT_SCHEME_ARABIC);
  char *arab = malloc(cap);
  if (!arab) return 1;
  volatile size_t sink = 0;
  double fwd, fwd_cpu;
  BENCH_MBPS(fwd, c.len, 1.0,
             sink +=
             run_kz(c.data, c.len, KZTEXT_SCHEME_CYRILLIC, KZTEXT_SCHEME_ARABIC, arab, cap));
  BENCH_CPU_MBPS(fwd_cpu, c.len, 1.0,
                 sink +=
                 run_kz(c.data, c.len, KZTEXT_SCHEME_CYRILLIC, KZTEXT_SCHEME_ARABIC, arab, cap));
  size_t alen = run_kz(c.data, c.len, KZTEXT_SCHEME_CYRILLIC, KZTEXT_SCHEME_ARABIC, arab, cap);
  size_t cap2 = kztext_translit_bound(alen, KZTEXT_SCHEME_AUTO, KZTEXT_SCHEME_CYRILLIC);
  char *dst = malloc(cap2);
  if (!dst) return 1;
  double rev, rev_cpu, aut, aut_cpu;
  BENCH_MBPS(rev, alen, 1.0,
             sink += run_kz(arab, alen, KZTEXT_SCHEME_ARABIC, KZTEXT_SCHEME_CYRILLIC, dst, cap2));
  BENCH_CPU_MBPS(rev_cpu, alen, 1.0,
                 sink +=
                 run_kz(arab, alen, KZTEXT_SCHEME_ARABIC, KZTEXT_SCHEME_CYRILLIC, dst, cap2));
  BENCH_MBPS(aut, alen, 1.0,
             sink += run_kz(arab, alen, KZTEXT_SCHEME_AUTO, KZTEXT_SCHEME_CYRILLIC, dst, cap2));
  BENCH_CPU_MBPS(aut_cpu, alen, 1.0,
                 sink += run_kz(arab, alen, KZTEXT_SCHEME_AUTO, KZTEXT_SCHEME_CYRILLIC, dst, cap2));
  /* the baseline of the same run: Cyrillic -> latin2021 (bench_translit) */
  size_t cap3 = kztext_translit_bound(c.len, KZTEXT_SCHEME_CYRILLIC, KZTEXT_SCHEME_LATIN2021);
  char *lat = malloc(cap3);
  if (!lat) return 1;
  double base, base_cpu;
  BENCH_MBPS(base, c.len, 1.0,
             sink +=
             run_kz(c.data, c.len, KZTEXT_SCHEME_CYRILLIC, KZTEXT_SCHEME_LATIN2021, lat, cap3));
  BENCH_CPU_MBPS(base_cpu, c.len, 1.0,
                 sink +=
                 run_kz(c.data, c.len, KZTEXT_SCHEME_CYRILLIC, KZTEXT_SCHEME_LATIN2021, lat, cap3));
  free(lat);
  /* pieces of about 4 and 64 KB, a call each: without and with a transliterator */
  static const size_t pieces[2] = {4096, 65536};
  double pc[2][2]; /* [piece][keep] */
  for (int p = 0; p < 2; p++)
    for (int k = 0; k < 2; k++)
      BENCH_CPU_MBPS(pc[p][k], alen, 0.3,
                     sink += run_pieces(arab, alen, pieces[p], KZTEXT_SCHEME_ARABIC, k, dst, cap2));
  printf("corpus kk: %zu bytes (arabic: %zu bytes)\n", c.len, alen);
  printf("cyrillic -> latin2021       %8.1f MB/s wall, %8.1f MB/s CPU (baseline)\n", base,
         base_cpu);
  printf("cyrillic -> arabic          %8.1f MB/s wall, %8.1f MB/s CPU\n", fwd, fwd_cpu);
  printf("arabic -> cyrillic          %8.1f MB/s wall, %8.1f MB/s CPU (gate >= 200)\n", rev,
         rev_cpu);
  printf("auto (arabic) -> cyrillic   %8.1f MB/s wall, %8.1f MB/s CPU\n", aut, aut_cpu);
  printf("arabic -> cyrillic / baseline: %.3f wall, %.3f CPU\n", rev / base, rev_cpu / base_cpu);
  printf("in pieces, a call each (CPU-time MB/s): kztext_translit, transliterator, ratio\n");
  for (int p = 0; p < 2; p++)
    printf("  arabic %2zu KB pieces  %8.1f   %8.1f   %5.2fx\n", pieces[p] / 1024, pc[p][0],
           pc[p][1], pc[p][1] / pc[p][0]);
  (void)sink;
  free(arab);
  free(dst);
  free(c.data);
  return rev >= 200 ? 0 : 1;
}

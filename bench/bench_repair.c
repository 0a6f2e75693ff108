/* Throughput of the repairs and of legacy decoding.
 *
 *  repair:  kztext_repair(KZTEXT_REPAIR_DEFAULT) on clean text (each corpus
 *           after one repair pass, so nothing is left to change), against
 *           utf8proc_map(NFC | IGNORE | STRIPCC), the closest cleanup a
 *           library offers, and memcpy as the floor.
 *  decode:  kztext_decode() from CP1251 (Russian) and KZ-1048 (Kazakh), with
 *           the encoding named and with auto detection, against glibc iconv
 *           (the same conversion, descriptor opened once).
 *
 * Rates are bytes per second of this process's CPU time (the machine the
 * figures come from is shared, and wall-clock rates there swing by 2x);
 * each is the best of three runs of at least the given seconds.
 *
 * Usage: bench_repair [CORPUS_DIR]   (default ../shared/data/corpus) */
#include "bench.h"

#include <iconv.h>
#include <utf8proc.h>

#include <kztext.h>

static char *iconv_all(const char *to, const char *from, const char *src, size_t len,
                       size_t *out_len) {
  iconv_t cd = iconv_open(to, from);
  if (cd == (iconv_t)-1) return NULL;
  size_t cap = len * 4 + 16, left = cap, in_left = len;
  char *out = malloc(cap), *o = out, *in = (char *)src;
  while (in_left && out) {
    if (iconv(cd, &in, &in_left, &o, &left) == (size_t)-1) {
      if (in_left) {
        in++;
        in_left--;
      } /* skip what the codepage lacks */
    }
  }
  iconv_close(cd);
  *out_len = (size_t)(o - out);
  return out;
}

static volatile size_t sink;

static void bench_decode(const char *label, const char *bytes, size_t n, kztext_encoding enc,
                         const char *iconv_name) {
  char *dst = malloc(n * 3 + 16);
  size_t dl = 0;
  double k_raw, k_named, k_auto, base;
  BENCH_CPU_MBPS(
      k_raw, n, 0.3,
      kztext_decode(bytes, n, enc, KZTEXT_DECODE_NO_REPAIR, dst, n * 3 + 16, &dl, NULL, NULL);
      sink += dl);
  BENCH_CPU_MBPS(k_named, n, 0.3, kztext_decode(bytes, n, enc, 0, dst, n * 3 + 16, &dl, NULL, NULL);
                 sink += dl);
  BENCH_CPU_MBPS(k_auto, n, 0.3,
                 kztext_decode(bytes, n, KZTEXT_ENC_AUTO, 0, dst, n * 3 + 16, &dl, NULL, NULL);
                 sink += dl);
  iconv_t cd = iconv_open("UTF-8", iconv_name);
  BENCH_CPU_MBPS(base, n, 0.3, {
    char *in = (char *)bytes, *o = dst;
    size_t il = n, ol = n * 3 + 16;
    iconv(cd, NULL, NULL, NULL, NULL);
    iconv(cd, &in, &il, &o, &ol);
    sink += ol;
  });
  iconv_close(cd);
  printf("decode %-8s %7.1f MB/s named, %7.1f MB/s named+mojibake check, %7.1f MB/s auto+check"
         " | iconv %7.1f MB/s | ratio %.2fx, %.2fx, %.2fx\n",
         label, k_raw, k_named, k_auto, base, k_raw / base, k_named / base, k_auto / base);
  free(dst);
}

int main(int argc, char **argv) {
  const char *dir = bench_corpus_dir(argc, argv);
  static const char *langs[] = {"kk", "ru", "en", "mixed"};
  printf("kztext %s, corpora in %s\n", kztext_version_string(), dir);
  corpus kk_clean = {0}, ru_clean = {0};
  for (size_t i = 0; i < sizeof langs / sizeof *langs; i++) {
    corpus c;
    if (!bench_load(&c, dir, langs[i])) {
      printf("skipped: no corpus %s/%s\n", dir, langs[i]);
      continue;
    }
    char *clean = NULL;
    size_t n = 0;
    if (kztext_repair_alloc(c.data, c.len, KZTEXT_REPAIR_DEFAULT | KZTEXT_INVALID_REPLACE, &clean,
                            &n, NULL, NULL)) {
      printf("repair failed\n");
      return 1;
    }
    char *dst = malloc(n + 1);
    size_t dl = 0;
    double k, base, floor;
    BENCH_CPU_MBPS(k, n, 0.5,
                   kztext_repair(clean, n, KZTEXT_REPAIR_DEFAULT, dst, n + 1, &dl, NULL, NULL);
                   sink += dl);
    BENCH_CPU_MBPS(base, n, 0.5, {
      utf8proc_uint8_t *o = NULL;
      utf8proc_ssize_t r =
          utf8proc_map((const utf8proc_uint8_t *)clean, (utf8proc_ssize_t)n, &o,
                       UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_IGNORE | UTF8PROC_STRIPCC);
      sink += (size_t)r;
      free(o);
    });
    BENCH_CPU_MBPS(floor, n, 0.3, memcpy(dst, clean, n); sink += (size_t)dst[n / 2]);
    printf("repair %-8s %8.1f MB/s | utf8proc NFC+IGNORE+STRIPCC %8.1f MB/s | ratio %.2fx | "
           "memcpy %.0f MB/s (%zu bytes)\n",
           langs[i], k, base, k / base, floor, n);
    free(dst);
    if (i == 0) {
      kk_clean.data = clean;
      kk_clean.len = n;
    } else if (i == 1) {
      ru_clean.data = clean;
      ru_clean.len = n;
    } else
      kztext_free(clean);
    free(c.data);
  }
  if (ru_clean.data) {
    size_t n;
    char *b = iconv_all("CP1251", "UTF-8", ru_clean.data, ru_clean.len, &n);
    if (b) bench_decode("cp1251", b, n, KZTEXT_ENC_CP1251, "CP1251");
    free(b);
  }
  if (kk_clean.data) {
    size_t n;
    char *b = iconv_all("RK1048", "UTF-8", kk_clean.data, kk_clean.len, &n);
    if (b) bench_decode("rk1048", b, n, KZTEXT_ENC_RK1048, "RK1048");
    free(b);
  }
  kztext_free(kk_clean.data);
  kztext_free(ru_clean.data);
  return 0;
}

/* Where a latin2021 -> Cyrillic call spends its time (issue 18's 500 MB/s
 * gate), on ../shared/data/corpus/kk written in latin2021 by kztext:
 *   - a whole call, as kztext_translit makes it (a fresh memo of words);
 *   - the same pass with the memo already holding the text's words: hits
 *     only, the loop, the lookups and the copies;
 *   - the misses, the difference: first occurrences, each converted once;
 *   - the word converter alone on each distinct word once (warm caches).
 * Times are CPU time, best of 10 passes in this process; the shares are of
 * the whole call, and the budget is what 500 MB/s allows.  Internal API
 * (translit_int.h): a diagnostic for the library's authors. */
#include "bench_translit.h"

#include "translit/translit_int.h"

/* The text's distinct words (runs of ASCII letters and two-byte letters),
 * each once, separated by a space. */
static char *distinct_words(const char *s, size_t n, size_t *len, size_t *count) {
  char *out = malloc(n + 1);
  size_t cap = 1 << 18, used = 0;
  char **seen = calloc(cap, sizeof *seen);
  size_t *seen_len = calloc(cap, sizeof *seen_len);
  *len = *count = 0;
  if (!out || !seen || !seen_len) exit(1);
  for (size_t i = 0; i < n;) {
    const unsigned char c = (unsigned char)s[i];
    size_t e = i;
    while (e < n && ((((unsigned char)s[e] | 0x20) >= 'a' && ((unsigned char)s[e] | 0x20) <= 'z') ||
                     ((unsigned char)s[e] >= 0xC3 && (unsigned char)s[e] <= 0xC9 && e + 1 < n)))
      e += (unsigned char)s[e] >= 0x80 ? 2 : 1;
    if (e == i) {
      i += c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
      continue;
    }
    uint64_t h = 1469598103934665603ull;
    for (size_t k = i; k < e; k++)
      h = (h ^ (unsigned char)s[k]) * 1099511628211ull;
    size_t slot = h & (cap - 1), wl = e - i;
    while (seen[slot] && (seen_len[slot] != wl || memcmp(seen[slot], s + i, wl)))
      slot = (slot + 1) & (cap - 1);
    if (!seen[slot] && used < cap / 2) {
      seen[slot] = (char *)s + i;
      seen_len[slot] = wl;
      used++;
      memcpy(out + *len, s + i, wl);
      *len += wl;
      out[(*len)++] = ' ';
      ++*count;
    }
    i = e;
  }
  free(seen);
  free(seen_len);
  return out;
}

int main(int argc, char **argv) {
  corpus c;
  if (!bench_load(&c, bench_corpus_dir(argc, argv), "kk")) {
    printf("skipped: no corpus at %s/kk\n", bench_corpus_dir(argc, argv));
    return 0;
  }
  size_t n;
  char *lat = bench_latin2021(&c, &n);
  const unsigned char *s = (const unsigned char *)lat;
  char *out = malloc(n * KZ_FACTOR_FROM_CYR + 64);
  if (!out) return 1;
  volatile size_t sink = 0;

  double whole = 1e9, hits = 1e9, conv = 1e9;
  for (int r = 0; r < 10; r++) {
    const double t0 = bench_cpu_now();
    sink += kz_tl_latin2021_fast(s, n, 0, out);
    const double t = bench_cpu_now() - t0;
    if (t < whole) whole = t;
  }
  kz_tl_memo *m = kz_tl_memo_new(n);
  if (!m) return 1;
  sink += kz_tl_latin2021_fast_memo(s, n, 0, out, m); /* fills the memo */
  for (int r = 0; r < 10; r++) {
    const double t0 = bench_cpu_now();
    sink += kz_tl_latin2021_fast_memo(s, n, 0, out, m);
    const double t = bench_cpu_now() - t0;
    if (t < hits) hits = t;
  }
  kz_tl_memo_free(m);

  size_t wlen = 0, words = 0;
  char *w = distinct_words(lat, n, &wlen, &words);
  kz_lex_view L;
  kz_tl_lex_view_init(&L);
  for (int r = 0; r < 10; r++) {
    char *o = out;
    const double t0 = bench_cpu_now();
    for (size_t i = 0; i < wlen;) {
      char *o0 = o;
      size_t k = kz_tl_word2021((const unsigned char *)w, wlen, i, &o, 1, &L, NULL);
      if (!k) o = o0;
      while (i < wlen && w[i] != ' ')
        i++;
      i++;
    }
    const double t = bench_cpu_now() - t0;
    sink += (size_t)(o - out);
    if (t < conv) conv = t;
  }

  const double budget = (double)n / 500e6;
  printf("corpus kk in latin2021: %zu bytes, %zu distinct words\n", n, words);
  printf("latin2021 -> cyrillic, one call     %7.2f ms  %6.1f MB/s  (500 MB/s: %.2f ms)\n",
         whole * 1e3, n / whole / 1e6, budget * 1e3);
  printf("  hits only (memo full)             %7.2f ms  %5.1f%% of the call\n", hits * 1e3,
         100 * hits / whole);
  printf("  misses (call - hits)              %7.2f ms  %5.1f%%  %.0f ns a distinct word\n",
         (whole - hits) * 1e3, 100 * (whole - hits) / whole, (whole - hits) / words * 1e9);
  printf("  word converter alone, each once   %7.2f ms  %5.1f%%  %.0f ns a word (warm)\n",
         conv * 1e3, 100 * conv / whole, conv / words * 1e9);
  free(w);
  free(out);
  free(lat);
  free(c.data);
  (void)sink;
  return 0;
}

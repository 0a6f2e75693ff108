/* Throughput of kztext_sentences() / kztext_tokens() against ICU's plain
 * sentence / word BreakIterator walking the same UTF-8 text (a UText, no
 * UTF-16 copy), measured in the same run on the kk, ru and en corpora.
 *
 * usage: bench_segment [CORPUS_DIR]   (default ../shared/data/corpus) */
#include "bench.h"

#include <unicode/ubrk.h>
#include <unicode/utext.h>

#include <kztext.h>

static size_t icu_walk(UBreakIterator *bi, const char *s, size_t n) {
  UErrorCode err = U_ZERO_ERROR;
  UText *ut = utext_openUTF8(NULL, s, (int64_t)n, &err);
  ubrk_setUText(bi, ut, &err);
  size_t count = 0;
  while (ubrk_next(bi) != UBRK_DONE)
    count++;
  utext_close(ut);
  return count;
}

int main(int argc, char **argv) {
  const char *dir = bench_corpus_dir(argc, argv);
  static const char *langs[] = {"kk", "ru", "en"};
  kztext_segmenter *seg;
  if (kztext_segmenter_new(&seg)) return 1;
  UErrorCode err = U_ZERO_ERROR;
  UBreakIterator *sbi = ubrk_open(UBRK_SENTENCE, "", NULL, 0, &err);
  UBreakIterator *wbi = ubrk_open(UBRK_WORD, "", NULL, 0, &err);
  if (U_FAILURE(err)) return 1;
  int ok = 1;
  printf("%-4s %-10s %10s %10s %7s %9s\n", "lang", "what", "kztext", "ICU", "ratio", "count");
  for (int i = 0; i < 3; i++) {
    corpus c;
    if (!bench_load(&c, dir, langs[i])) {
      printf("skipped: no corpus at %s/%s\n", dir, langs[i]);
      continue;
    }
    for (int tok = 0; tok < 2; tok++) {
      kztext_span *sp = NULL;
      size_t n = 0;
      double mk = 0, mi = 0, m;
      volatile size_t sink = 0;
      /* Interleaved rounds, best of each: the machine is shared, and
       * interleaving exposes both to the same load. */
      for (int round = 0; round < 5; round++) {
        BENCH_MBPS(m, c.len, 0.15, {
          kztext_free(sp);
          sp = NULL;
          if (tok)
            kztext_tokens_alloc(seg, c.data, c.len, 0, 0, &sp, &n, NULL);
          else
            kztext_sentences_alloc(seg, c.data, c.len, 0, 0, &sp, &n, NULL);
        });
        if (m > mk) mk = m;
        BENCH_MBPS(m, c.len, 0.15, sink += icu_walk(tok ? wbi : sbi, c.data, c.len));
        if (m > mi) mi = m;
      }
      printf("%-4s %-10s %7.1f MB/s %6.1f MB/s %6.2fx %9zu\n", langs[i],
             tok ? "tokens" : "sentences", mk, mi, mk / mi, n);
      if (!tok && (mk / mi < 0.6 || mk < 100)) ok = 0;
      kztext_free(sp);
      (void)sink;
    }
    free(c.data);
  }
  printf("sentence gates (>= 0.6x ICU and >= 100 MB/s): %s\n", ok ? "met" : "MISSED");
  ubrk_close(sbi);
  ubrk_close(wbi);
  kztext_segmenter_free(seg);
  return 0;
}

/* Throughput of kztext_sentences() / kztext_tokens() against ICU's plain
 * sentence / word BreakIterator over the same text, measured in the same
 * run on the kk, ru and en corpora.  ICU runs both ways a caller with UTF-8
 * may use it: over the UTF-8 (a UText, no copy) and over a UTF-16 copy
 * (u_strFromUTF8 counted; ICU's own encoding, faster on Cyrillic); the
 * faster of the two is the baseline.  Each side returns one offset per
 * segment of the whole text (kztext drops white space, ICU keeps it).
 *
 * usage: bench_segment [CORPUS_DIR]   (default ../shared/data/corpus) */
#include "bench.h"

#include <unicode/ubrk.h>
#include <unicode/ustring.h>
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

/* The same over a UTF-16 copy, the copy included; u: room for n + 1 units. */
static size_t icu_walk16(UBreakIterator *bi, const char *s, size_t n, UChar *u) {
  UErrorCode err = U_ZERO_ERROR;
  int32_t m = 0;
  u_strFromUTF8(u, (int32_t)n + 1, &m, s, (int32_t)n, &err);
  ubrk_setText(bi, u, m, &err);
  size_t count = 0;
  while (ubrk_next(bi) != UBRK_DONE)
    count++;
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
  int ok = 1, tok_ok = 1;
  printf("%-4s %-10s %10s %10s %10s %7s %9s\n", "lang", "what", "kztext", "ICU UTF-8", "ICU UTF-16",
         "ratio", "count");
  for (int i = 0; i < 3; i++) {
    corpus c;
    if (!bench_load(&c, dir, langs[i])) {
      printf("skipped: no corpus at %s/%s\n", dir, langs[i]);
      continue;
    }
    UChar *u16 = malloc((c.len + 1) * sizeof *u16);
    if (!u16) return 1;
    for (int tok = 0; tok < 2; tok++) {
      kztext_span *sp = NULL;
      size_t n = 0;
      double mk = 0, mi = 0, mu = 0, m;
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
        BENCH_MBPS(m, c.len, 0.15, sink += icu_walk16(tok ? wbi : sbi, c.data, c.len, u16));
        if (m > mu) mu = m;
      }
      double base = mi > mu ? mi : mu;
      printf("%-4s %-10s %7.1f MB/s %5.1f MB/s %6.1f MB/s %6.2fx %9zu\n", langs[i],
             tok ? "tokens" : "sentences", mk, mi, mu, mk / base, n);
      if (!tok && (mk / base < 0.6 || mk < 100)) ok = 0;
      if (tok && mk / base < 1.5) tok_ok = 0;
      kztext_free(sp);
      (void)sink;
    }
    free(u16);
    free(c.data);
  }
  printf("sentence gates (>= 0.6x ICU and >= 100 MB/s): %s\n", ok ? "met" : "MISSED");
  printf("token gate (>= 1.5x ICU): %s\n", tok_ok ? "met" : "MISSED");
  ubrk_close(sbi);
  ubrk_close(wbi);
  kztext_segmenter_free(seg);
  return 0;
}

/* Fuzz target: script classes, script runs, mixed-script words and language
 * identification on arbitrary bytes.  The first byte picks the options. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <kztext.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1) return 0;
  unsigned opt = data[0];
  const char *s = (const char *)data + 1;
  size_t n = size - 1;
  unsigned flags = (opt & 1) ? KZTEXT_INVALID_REPLACE : KZTEXT_INVALID_STRICT;

  kztext_detect_result r;
  memset(&r, 0, sizeof r);
  r.size = sizeof r;
  size_t off = (size_t)-1;
  kztext_status st =
      kztext_detect(s, n, flags | ((opt & 2) ? KZTEXT_DETECT_NO_MIXED : 0), &r, &off);
  if (st == KZTEXT_OK) {
    /* Every value returned is one the library can name. */
    if (!kztext_lang_name(r.lang) || !kztext_script_name(r.script) ||
        !kztext_variant_name(r.variant) || !(r.confidence >= 0 && r.confidence <= 1))
      abort();
    double sum = 0;
    for (int k = 0; k < KZTEXT_LANG_CAPACITY; k++) {
      if (!kztext_lang_name((kztext_lang)k) && (r.scores[k] != 0 || r.share[k] != 0)) abort();
      sum += r.scores[k];
    }
    if (!(sum > 0.999 && sum < 1.001)) abort();
    if (r.variant && (r.lang != KZTEXT_LANG_KK || r.script != KZTEXT_SCRIPT_LATN)) abort();
    /* The confidence is the score of .lang, code-switched text included. */
    if (r.confidence != r.scores[r.lang]) abort();
    if (r.mixed && !(r.share[KZTEXT_LANG_KK] + r.share[KZTEXT_LANG_RU] > 0.999 &&
                     r.share[KZTEXT_LANG_KK] + r.share[KZTEXT_LANG_RU] < 1.001))
      abort();
  } else if (st == KZTEXT_E_INVALID_UTF8) {
    if (flags != KZTEXT_INVALID_STRICT || off >= n) abort();
  } else {
    abort();
  }

  /* Runs must tile the input in order. */
  kztext_script_run *runs = NULL;
  size_t count = 0;
  st = kztext_script_runs_alloc(s, n, flags, &runs, &count, &off);
  if (st == KZTEXT_OK) {
    size_t pos = 0;
    for (size_t i = 0; i < count; i++) {
      if (runs[i].start != pos || runs[i].end <= runs[i].start) abort();
      if (i && runs[i].script == runs[i - 1].script) abort();
      pos = runs[i].end;
    }
    if (pos != n) abort();
    /* The caller-buffer twin: a size query, then the same runs. */
    size_t need = 0;
    if (kztext_script_runs(s, n, flags, NULL, 0, &need, NULL) !=
            (count ? KZTEXT_E_BUFFER_TOO_SMALL : KZTEXT_OK) ||
        need != count)
      abort();
    kztext_script_run *again = malloc((count ? count : 1) * sizeof *again);
    if (again && kztext_script_runs(s, n, flags, again, count, &need, NULL) != KZTEXT_OK) abort();
    for (size_t i = 0; again && i < count; i++)
      if (again[i].start != runs[i].start || again[i].end != runs[i].end ||
          again[i].script != runs[i].script)
        abort();
    free(again);
  } else if (st != KZTEXT_E_INVALID_UTF8) {
    abort();
  }
  kztext_free(runs);

  kztext_mixed_word *words = NULL;
  st = kztext_mixed_script_words_alloc(s, n, flags, &words, &count, &off);
  if (st == KZTEXT_OK) {
    for (size_t i = 0; i < count; i++)
      if (words[i].end > n || words[i].start >= words[i].end || !words[i].cyrl_letters ||
          !words[i].latn_letters)
        abort();
    size_t need = 0;
    if (kztext_mixed_script_words(s, n, flags, NULL, 0, &need, NULL) !=
            (count ? KZTEXT_E_BUFFER_TOO_SMALL : KZTEXT_OK) ||
        need != count)
      abort();
  } else if (st != KZTEXT_E_INVALID_UTF8) {
    abort();
  }
  kztext_free(words);

  /* Every code point value is classified without reading out of bounds. */
  for (size_t i = 0; i + 4 <= n; i += 4) {
    uint32_t cp;
    memcpy(&cp, s + i, 4);
    if (!kztext_script_class_name(kztext_script_class_of(cp))) abort();
  }
  return 0;
}

/* Fuzz target for kztext_sentences() and kztext_tokens().  The first byte
 * picks the language, the line policy and the invalid-UTF-8 policy.  Checks
 * that spans are ordered, inside the input and non-empty, that a size query
 * and a filled buffer agree, and that cutting at kztext_paragraph_boundary()
 * changes no sentence before the cut.  Tokens equal those made from ICU's
 * word iterator alone (kz_tokens_reference), so the byte scan that stands
 * in for ICU (src/segment/words.c) and its shortcuts change nothing. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <kztext.h>

#include "segment/seg.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(const kztext_span *sp, size_t n, size_t len) {
  for (size_t i = 0; i < n; i++) {
    if (sp[i].start >= sp[i].end || sp[i].end > len) abort();
    if (i && sp[i - 1].end > sp[i].start) abort();
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1) return 0;
  unsigned opt = data[0];
  const char *text = (const char *)data + 1;
  size_t len = size - 1;
  int lang = opt & 3;
  unsigned flags = ((opt & 4) ? KZTEXT_SEG_LINES : 0) | ((opt & 8) ? KZTEXT_INVALID_REPLACE : 0);
  kztext_segmenter *seg = NULL;
  if (kztext_segmenter_new(&seg) != KZTEXT_OK) return 0;
  for (int tokens = 0; tokens < 2; tokens++) {
    kztext_span *sp = NULL;
    size_t n = 0, n2 = 0;
    kztext_status st = tokens ? kztext_tokens_alloc(seg, text, len, lang, flags, &sp, &n, NULL)
                              : kztext_sentences_alloc(seg, text, len, lang, flags, &sp, &n, NULL);
    if (st == KZTEXT_OK) {
      check(sp, n, len);
      kztext_status st2 = tokens
                              ? kztext_tokens(seg, text, len, lang, flags, NULL, 0, &n2, NULL)
                              : kztext_sentences(seg, text, len, lang, flags, NULL, 0, &n2, NULL);
      if ((n && st2 != KZTEXT_E_BUFFER_TOO_SMALL) || n2 != n) abort();
    } else if (st != KZTEXT_E_INVALID_UTF8) {
      abort();
    }
    kztext_free(sp);
  }
  /* Flags 0 promise valid UTF-8 (kz_seg_check): the scan then trusts it. */
  unsigned tflags = kz_utf8_valid_prefix(data + 1, len) == len ? 0 : KZTEXT_INVALID_REPLACE;
  for (int l = 0; l <= 3; l++) {
    kz_spans a = {NULL, 0, 0, NULL, 0, 0, 1}, b = {NULL, 0, 0, NULL, 0, 0, 1};
    kztext_status sa = kz_tokens_run(seg, data + 1, len, l, tflags, &a);
    kztext_status sb = kz_tokens_reference(seg, data + 1, len, l, &b);
    if (sa != sb || a.count != b.count ||
        (a.count && memcmp(a.grow, b.grow, a.count * sizeof *a.grow)))
      abort();
    free(a.grow);
    free(b.grow);
  }
  /* Streaming: segmenting up to a paragraph boundary gives the same
   * sentences as the whole text does before it. */
  size_t cut = kztext_paragraph_boundary(text, len / 2);
  if (cut > len / 2) abort();
  if (cut) {
    kztext_span *all = NULL, *part = NULL;
    size_t na = 0, np = 0;
    if (kztext_sentences_alloc(seg, text, len, lang, flags, &all, &na, NULL) == KZTEXT_OK &&
        kztext_sentences_alloc(seg, text, cut, lang, flags, &part, &np, NULL) == KZTEXT_OK) {
      if (np > na) abort();
      for (size_t i = 0; i < np; i++)
        if (part[i].start != all[i].start || part[i].end != all[i].end) abort();
      if (np < na && all[np].start < cut) abort();
    }
    kztext_free(all);
    kztext_free(part);
  }
  kztext_segmenter_free(seg);
  return 0;
}

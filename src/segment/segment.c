/* The segmenter handle and the public entry points: argument checks, the
 * invalid-UTF-8 policy, and span output into caller or malloc'd arrays. */
#include <stdlib.h>
#include <string.h>

#include <unicode/uloc.h>

#include "segment/seg.h"

#define KNOWN_FLAGS (KZTEXT_INVALID_REPLACE | KZTEXT_SEG_LINES)

/* ICU 72 does not survive an allocation failure while it sets up its
 * default locale (Locale::getDefault(), which ubrk_open() calls the first
 * time, whatever locale it is given): a failed malloc there either
 * deadlocks on ICU's own mutex or dereferences NULL.  So the default locale
 * is set up when the library is loaded, before the program's first
 * allocation of its own: it is only read (an application's
 * uloc_setDefault() is never overridden), and an allocation failure in
 * kztext_segmenter_new() then reaches ICU's error paths, which are clean.
 * The break iterator data itself loads with clean errors (tests/alloc). */
#if defined(__GNUC__) || defined(__clang__)
__attribute__((constructor)) static void kz_icu_default_locale(void) { (void)uloc_getDefault(); }
#endif

static kztext_status icu_status(UErrorCode err) {
  return err == U_MEMORY_ALLOCATION_ERROR ? KZTEXT_E_NO_MEMORY : KZTEXT_E_ICU;
}

kztext_status kztext_segmenter_new(kztext_segmenter **out) {
  if (!out) return KZTEXT_E_INVALID_ARG;
  *out = NULL;
  kztext_segmenter *seg = calloc(1, sizeof *seg);
  if (!seg) return KZTEXT_E_NO_MEMORY;
  UText init = UTEXT_INITIALIZER;
  seg->ut = init;
  UErrorCode err = U_ZERO_ERROR;
  /* Root locale: kztext's rules replace ICU's per-locale suppressions. */
  seg->sent = ubrk_open(UBRK_SENTENCE, "", NULL, 0, &err);
  if (U_SUCCESS(err)) seg->word = ubrk_open(UBRK_WORD, "", NULL, 0, &err);
  if (U_SUCCESS(err) && !kz_words_table(seg->wb, seg->lead, seg->word))
    err = U_MEMORY_ALLOCATION_ERROR;
  if (U_FAILURE(err)) {
    kztext_status st = icu_status(err);
    kztext_segmenter_free(seg);
    return st;
  }
  *out = seg;
  return KZTEXT_OK;
}

void kztext_segmenter_free(kztext_segmenter *seg) {
  if (!seg) return;
  if (seg->sent) ubrk_close(seg->sent);
  if (seg->word) ubrk_close(seg->word);
  utext_close(&seg->ut);
  free(seg);
}

kztext_status kz_seg_set_text(kztext_segmenter *seg, UBreakIterator *bi, const char *s, size_t n) {
  UErrorCode err = U_ZERO_ERROR;
  /* utext_openUTF8 reuses the UText in place: no allocation, no copy.
   * ICU needs a non-NULL pointer even for empty text.  ubrk_setUText may
   * allocate (the iterator's caches): out of memory is reported as such. */
  utext_openUTF8(&seg->ut, s ? s : "", (int64_t)n, &err);
  if (U_SUCCESS(err)) ubrk_setUText(bi, &seg->ut, &err);
  return U_FAILURE(err) ? icu_status(err) : KZTEXT_OK;
}

kztext_status kz_seg_check(const char *src, size_t len, unsigned flags, size_t *error_offset) {
  if (flags & ~KNOWN_FLAGS) return KZTEXT_E_INVALID_FLAGS;
  if (len > (size_t)INT32_MAX) return KZTEXT_E_TOO_LARGE;
  if (!(flags & KZTEXT_INVALID_REPLACE)) {
    size_t ok = kz_utf8_valid_prefix((const unsigned char *)src, len);
    if (ok != len) {
      if (error_offset) *error_offset = ok;
      return KZTEXT_E_INVALID_UTF8;
    }
  }
  return KZTEXT_OK;
}

int kz_spans_grow(kz_spans *o) {
  size_t cap = o->grow_cap ? o->grow_cap * 2 : 64;
  kztext_span *p = realloc(o->grow, cap * sizeof *p);
  if (!p) {
    o->oom = 1;
    return 0;
  }
  o->grow = p;
  o->grow_cap = cap;
  return 1;
}

typedef kztext_status (*runner)(kztext_segmenter *, const unsigned char *, size_t, int, unsigned,
                                kz_spans *);

static kztext_status run(runner fn, kztext_segmenter *seg, const char *src, size_t len,
                         kztext_lang lang, unsigned flags, kz_spans *o, size_t *error_offset) {
  if (!seg || (!src && len) || lang < KZTEXT_LANG_AUTO || lang > KZTEXT_LANG_EN)
    return KZTEXT_E_INVALID_ARG;
  kztext_status st = kz_seg_check(src, len, flags, error_offset);
  if (st) return st;
  return fn(seg, (const unsigned char *)(src ? src : ""), len, lang, flags, o);
}

static kztext_status to_caller(runner fn, kztext_segmenter *seg, const char *src, size_t len,
                               kztext_lang lang, unsigned flags, kztext_span *spans, size_t cap,
                               size_t *count, size_t *error_offset) {
  if (!spans && cap) return KZTEXT_E_INVALID_ARG;
  kz_spans o = {spans, cap, 0, NULL, 0, 0, 0};
  kztext_status st = run(fn, seg, src, len, lang, flags, &o, error_offset);
  if (st) return st;
  if (count) *count = o.count;
  return o.count > cap ? KZTEXT_E_BUFFER_TOO_SMALL : KZTEXT_OK;
}

static kztext_status to_alloc(runner fn, kztext_segmenter *seg, const char *src, size_t len,
                              kztext_lang lang, unsigned flags, kztext_span **spans, size_t *count,
                              size_t *error_offset) {
  if (!spans) return KZTEXT_E_INVALID_ARG;
  *spans = NULL;
  kz_spans o = {NULL, 0, 0, NULL, 0, 0, 1};
  kztext_status st = run(fn, seg, src, len, lang, flags, &o, error_offset);
  if (!st && o.oom) st = KZTEXT_E_NO_MEMORY;
  if (st) {
    free(o.grow);
    return st;
  }
  *spans = o.grow;
  if (count) *count = o.count;
  return KZTEXT_OK;
}

kztext_status kztext_sentences(kztext_segmenter *seg, const char *src, size_t len, kztext_lang lang,
                               unsigned flags, kztext_span *spans, size_t cap, size_t *count,
                               size_t *error_offset) {
  return to_caller(kz_sentences_run, seg, src, len, lang, flags, spans, cap, count, error_offset);
}

kztext_status kztext_sentences_alloc(kztext_segmenter *seg, const char *src, size_t len,
                                     kztext_lang lang, unsigned flags, kztext_span **spans,
                                     size_t *count, size_t *error_offset) {
  return to_alloc(kz_sentences_run, seg, src, len, lang, flags, spans, count, error_offset);
}

kztext_status kztext_tokens(kztext_segmenter *seg, const char *src, size_t len, kztext_lang lang,
                            unsigned flags, kztext_span *spans, size_t cap, size_t *count,
                            size_t *error_offset) {
  return to_caller(kz_tokens_run, seg, src, len, lang, flags, spans, cap, count, error_offset);
}

kztext_status kztext_tokens_alloc(kztext_segmenter *seg, const char *src, size_t len,
                                  kztext_lang lang, unsigned flags, kztext_span **spans,
                                  size_t *count, size_t *error_offset) {
  return to_alloc(kz_tokens_run, seg, src, len, lang, flags, spans, count, error_offset);
}

size_t kztext_paragraph_boundary(const char *src, size_t len) {
  if (!src) return 0;
  const unsigned char *s = (const unsigned char *)src;
  /* The last blank line, scanning back over its first line break. */
  for (size_t i = len; i > 0; i--) {
    size_t end = kz_blank_line_at(s, len, i - 1);
    if (end) return end;
  }
  return 0;
}

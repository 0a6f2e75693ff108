/* The segmenter handle and the public entry points: argument checks, the
 * invalid-UTF-8 policy, and span output into caller or malloc'd arrays. */
#include <stdlib.h>
#include <string.h>

#include "segment/seg.h"

#define KNOWN_FLAGS (KZTEXT_INVALID_REPLACE | KZTEXT_SEG_LINES)

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
  if (U_FAILURE(err)) {
    kztext_status st = err == U_MEMORY_ALLOCATION_ERROR ? KZTEXT_E_NO_MEMORY : KZTEXT_E_ICU;
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

kztext_status kz_seg_set_text(kztext_segmenter *seg, UBreakIterator *bi, const char *s,
                              size_t n) {
  UErrorCode err = U_ZERO_ERROR;
  /* utext_openUTF8 reuses the UText in place: no allocation, no copy.
   * ICU needs a non-NULL pointer even for empty text. */
  utext_openUTF8(&seg->ut, s ? s : "", (int64_t)n, &err);
  if (U_SUCCESS(err)) ubrk_setUText(bi, &seg->ut, &err);
  return U_FAILURE(err) ? KZTEXT_E_ICU : KZTEXT_OK;
}

/* UTF-8 validation, eight bytes at a time while the text holds only ASCII
 * and two-byte sequences (Cyrillic: Kazakh and Russian news), where the
 * per-sequence branches of kz_utf8_valid_prefix mispredict at every word
 * and made validation a fifth of the segmenter's time.  In a word, every
 * continuation byte must follow a C2-DF lead; anything else (three- and
 * four-byte sequences, errors) is decoded one sequence at a time. */
static size_t valid_prefix(const unsigned char *s, size_t n) {
  const uint64_t H = 0x8080808080808080ull, ONE = 0x0101010101010101ull;
  size_t i = 0;
  for (;;) {
    uint64_t carry = 0; /* 0x80: byte 7 of the previous word was a lead */
    while (i + 8 <= n) {
      uint64_t w;
      memcpy(&w, s + i, 8);
      uint64_t high = w & H;
      if (!high && !carry) { i += 8; continue; }
      uint64_t b6 = (w << 1) & H, b5 = (w << 2) & H;
      uint64_t lead = high & b6; /* 11xxxxxx */
      if (lead & b5) break;      /* E0-FF: not a two-byte lead */
      uint64_t t = w & 0x1E1E1E1E1E1E1E1Eull;
      if ((t - ONE) & ~t & H & lead) break; /* C0, C1 */
      if ((high & ~b6) != ((lead << 8) | carry)) break;
      carry = (lead >> 56) & 0x80;
      i += 8;
    }
    if (carry) i--; /* back to the lead byte */
    size_t stop = n - i > 16 ? i + 16 : n;
    while (i < stop) {
      if (s[i] < 0x80) { i++; continue; }
      size_t len, sub;
      kz_utf8_decode(s + i, n - i, &len, &sub);
      if (!len) return i;
      i += len;
    }
    if (i >= n) return n;
  }
}

kztext_status kz_seg_check(const char *src, size_t len, unsigned flags, size_t *error_offset) {
  if (flags & ~KNOWN_FLAGS) return KZTEXT_E_INVALID_FLAGS;
  if (len > (size_t)INT32_MAX) return KZTEXT_E_TOO_LARGE;
  if (!(flags & KZTEXT_INVALID_REPLACE)) {
    size_t ok = valid_prefix((const unsigned char *)src, len);
    if (ok != len) {
      if (error_offset) *error_offset = ok;
      return KZTEXT_E_INVALID_UTF8;
    }
  }
  return KZTEXT_OK;
}

void kz_spans_add(kz_spans *o, size_t start, size_t end) {
  if (o->alloc) {
    if (o->oom) return;
    if (o->count == o->grow_cap) {
      size_t cap = o->grow_cap ? o->grow_cap * 2 : 64;
      kztext_span *p = realloc(o->grow, cap * sizeof *p);
      if (!p) { o->oom = 1; return; }
      o->grow = p;
      o->grow_cap = cap;
    }
    o->grow[o->count].start = start;
    o->grow[o->count].end = end;
  } else if (o->count < o->cap) {
    o->dst[o->count].start = start;
    o->dst[o->count].end = end;
  }
  o->count++;
}

typedef kztext_status (*runner)(kztext_segmenter *, const unsigned char *, size_t, int,
                                unsigned, kz_spans *);

static kztext_status run(runner fn, kztext_segmenter *seg, const char *src, size_t len,
                         int lang, unsigned flags, kz_spans *o, size_t *error_offset) {
  if (!seg || (!src && len) || lang < KZTEXT_LANG_AUTO || lang > KZTEXT_LANG_EN)
    return KZTEXT_E_INVALID_ARG;
  kztext_status st = kz_seg_check(src, len, flags, error_offset);
  if (st) return st;
  return fn(seg, (const unsigned char *)(src ? src : ""), len, lang, flags, o);
}

static kztext_status to_caller(runner fn, kztext_segmenter *seg, const char *src, size_t len,
                               int lang, unsigned flags, kztext_span *spans, size_t cap,
                               size_t *count, size_t *error_offset) {
  if (!spans && cap) return KZTEXT_E_INVALID_ARG;
  kz_spans o = {spans, cap, 0, NULL, 0, 0, 0};
  kztext_status st = run(fn, seg, src, len, lang, flags, &o, error_offset);
  if (st) return st;
  if (count) *count = o.count;
  return o.count > cap ? KZTEXT_E_BUFFER_TOO_SMALL : KZTEXT_OK;
}

static kztext_status to_alloc(runner fn, kztext_segmenter *seg, const char *src, size_t len,
                              int lang, unsigned flags, kztext_span **spans, size_t *count,
                              size_t *error_offset) {
  if (!spans) return KZTEXT_E_INVALID_ARG;
  *spans = NULL;
  kz_spans o = {NULL, 0, 0, NULL, 0, 0, 1};
  kztext_status st = run(fn, seg, src, len, lang, flags, &o, error_offset);
  if (!st && o.oom) st = KZTEXT_E_NO_MEMORY;
  if (st) { free(o.grow); return st; }
  *spans = o.grow;
  if (count) *count = o.count;
  return KZTEXT_OK;
}

kztext_status kztext_sentences(kztext_segmenter *seg, const char *src, size_t len, int lang,
                               unsigned flags, kztext_span *spans, size_t cap, size_t *count,
                               size_t *error_offset) {
  return to_caller(kz_sentences_run, seg, src, len, lang, flags, spans, cap, count,
                   error_offset);
}

kztext_status kztext_sentences_alloc(kztext_segmenter *seg, const char *src, size_t len,
                                     int lang, unsigned flags, kztext_span **spans,
                                     size_t *count, size_t *error_offset) {
  return to_alloc(kz_sentences_run, seg, src, len, lang, flags, spans, count, error_offset);
}

kztext_status kztext_tokens(kztext_segmenter *seg, const char *src, size_t len, int lang,
                            unsigned flags, kztext_span *spans, size_t cap, size_t *count,
                            size_t *error_offset) {
  return to_caller(kz_tokens_run, seg, src, len, lang, flags, spans, cap, count, error_offset);
}

kztext_status kztext_tokens_alloc(kztext_segmenter *seg, const char *src, size_t len, int lang,
                                  unsigned flags, kztext_span **spans, size_t *count,
                                  size_t *error_offset) {
  return to_alloc(kz_tokens_run, seg, src, len, lang, flags, spans, count, error_offset);
}

size_t kztext_paragraph_boundary(const char *src, size_t len) {
  if (!src) return 0;
  const unsigned char *s = (const unsigned char *)src;
  /* Scan back for "\n[ \t\r]*\n"; return the offset after it. */
  size_t i = len;
  while (i > 0) {
    const unsigned char *nl = NULL;
    for (size_t k = i; k > 0; k--)
      if (s[k - 1] == '\n') { nl = s + k - 1; break; }
    if (!nl) return 0;
    size_t p = (size_t)(nl - s);
    size_t q = p;
    while (q > 0 && (s[q - 1] == ' ' || s[q - 1] == '\t' || s[q - 1] == '\r')) q--;
    if (q > 0 && s[q - 1] == '\n') return p + 1;
    i = p;
  }
  return 0;
}

/*
 * kztext/segment.h — sentence segmentation and word tokens for Kazakh,
 * Russian and English news text.
 *
 * Include <kztext.h>, not this file directly.
 *
 * Boundaries come from ICU's BreakIterator running over the caller's UTF-8
 * (a UText: byte offsets, no UTF-16 copy of the text) and are corrected by
 * kztext's own rules: abbreviation data for kk, ru and en (which
 * abbreviations may end a sentence and which never do), initials in
 * Cyrillic (every Kazakh capital included) and Latin, dash-led sentences
 * and direct speech, quotes, ellipses, numbers, dates, URLs, e-mail
 * addresses and hashtags.  See docs/segmentation.md for the rules and the
 * measured quality.
 *
 * Paragraphs: a blank line (a line holding only spaces or tabs) always
 * ends a sentence.  A single line break inside a paragraph is a space by
 * default (headings glued to the following text stay glued unless they end
 * with punctuation); KZTEXT_SEG_LINES makes every line break a hard break,
 * for input that has one heading, list item or sentence per line.
 *
 * Output is an array of spans: byte offsets [start, end) into the input,
 * trimmed of surrounding white space, in order and never overlapping.
 * White space alone gives no span.
 *
 * Thread safety: a kztext_segmenter holds ICU break iterators and belongs to
 * one thread at a time; create one per thread.  Everything else (the
 * abbreviation tables) is immutable and shared.
 */
#ifndef KZTEXT_SEGMENT_H
#define KZTEXT_SEGMENT_H

#include "core.h"
#include "lang.h"

#ifdef __cplusplus
extern "C" {
#endif

/** A byte range [start, end) of the input. */
typedef struct kztext_span {
  size_t start;
  size_t end;
} kztext_span;

/** The language whose rules (abbreviations, conventions) apply is a
 *  kztext_lang (lang.h): KZTEXT_LANG_KK, _RU or _EN, or KZTEXT_LANG_AUTO
 *  (= KZTEXT_LANG_UND) to choose per paragraph from its letters
 *  (Kazakh-only Cyrillic letters mean kk, other Cyrillic ru, Latin en). */

/* Flags for kztext_sentences() and kztext_tokens().  Bits 0-3 hold the
 * invalid-UTF-8 policy: with KZTEXT_INVALID_STRICT (the default) ill-formed
 * input fails with KZTEXT_E_INVALID_UTF8 and the offset in *error_offset;
 * with KZTEXT_INVALID_REPLACE each ill-formed sequence counts as U+FFFD and
 * offsets still refer to the caller's bytes. */

/** Every line break is a sentence boundary (default: only blank lines and
 *  the rules). */
#define KZTEXT_SEG_LINES 0x1000u

/** An opaque segmenter: ICU iterators plus scratch state.  One per thread. */
typedef struct kztext_segmenter kztext_segmenter;

/**
 * Creates a segmenter in *out.  Errors: KZTEXT_E_INVALID_ARG (out NULL),
 * KZTEXT_E_NO_MEMORY, KZTEXT_E_ICU (ICU data missing).
 */
KZTEXT_API kztext_status kztext_segmenter_new(kztext_segmenter **out);

/** Releases a segmenter; NULL is fine. */
KZTEXT_API void kztext_segmenter_free(kztext_segmenter *seg);

/**
 * Splits src[0..len) into sentences.
 *
 * Writes up to `cap` spans into spans[] and the number of sentences into
 * *count; when it exceeds cap the call returns KZTEXT_E_BUFFER_TOO_SMALL
 * (spans[0..cap) then hold the first ones).  spans may be NULL when cap is
 * 0, which asks for the count.
 *
 * lang: a kztext_lang value (KZTEXT_LANG_AUTO for auto).  flags: KZTEXT_SEG_LINES and the
 * invalid-UTF-8 policy.
 *
 * Errors: KZTEXT_E_INVALID_ARG, KZTEXT_E_INVALID_FLAGS,
 * KZTEXT_E_INVALID_UTF8 (offset in *error_offset, which may be NULL),
 * KZTEXT_E_BUFFER_TOO_SMALL, KZTEXT_E_NO_MEMORY, KZTEXT_E_ICU,
 * KZTEXT_E_TOO_LARGE (input over 2 GiB: ICU counts in int32).
 */
KZTEXT_API kztext_status kztext_sentences(kztext_segmenter *seg, const char *src, size_t len,
                                          kztext_lang lang, unsigned flags, kztext_span *spans,
                                          size_t cap, size_t *count, size_t *error_offset);

/** Allocating twin of kztext_sentences(): *spans is malloc'd (free it with
 *  kztext_free(); NULL when there are no sentences). */
KZTEXT_API kztext_status kztext_sentences_alloc(kztext_segmenter *seg, const char *src, size_t len,
                                                kztext_lang lang, unsigned flags,
                                                kztext_span **spans, size_t *count,
                                                size_t *error_offset);

/**
 * Splits src[0..len) into word tokens, same conventions as
 * kztext_sentences().  White space separates tokens and is never part of
 * one.  Kept as one token: known abbreviations and initials with their
 * dots (`т.е.`, `ж.`, `U.S.`, `А.`, `G'.`), hyphenated words
 * (`бизнес-жоспар`, `Қазақстан-2050`), words with apostrophes in Latin
 * script (`s'ag'an`, `don't`), numbers with decimal marks and space grouping
 * (`1 000,5`, `12.03.2019`), times and fractions (`12:30`, `2/3`), URLs,
 * e-mail addresses, hashtags and @mentions (`#тег`, `@user-15`), emoji
 * sequences, HTML character references for quotation marks (`&#39;&#39;`,
 * `&quot;`; other references are punctuation and numbers: `&|#|60|;`), runs
 * of Han ideographs and kana (no word segmentation for scripts written
 * without spaces).  Every other punctuation
 * character is a token of its own, except runs of terminators (`...`, `?!`)
 * and of one mark (`--`, `___`, a smiley's `)))`).  A dot or apostrophe next
 * to a Cyrillic letter splits (`паузой.wav`, `Д’Агостино`).  `lang` picks
 * the abbreviation table; KZTEXT_SEG_LINES has no effect on tokens.
 */
KZTEXT_API kztext_status kztext_tokens(kztext_segmenter *seg, const char *src, size_t len,
                                       kztext_lang lang, unsigned flags, kztext_span *spans,
                                       size_t cap, size_t *count, size_t *error_offset);

/** Allocating twin of kztext_tokens(); free *spans with kztext_free(). */
KZTEXT_API kztext_status kztext_tokens_alloc(kztext_segmenter *seg, const char *src, size_t len,
                                             kztext_lang lang, unsigned flags, kztext_span **spans,
                                             size_t *count, size_t *error_offset);

/**
 * For streaming: the offset n <= len of the last paragraph boundary in
 * src[0..len) (the position just after a blank line), or 0 if there is
 * none.  Segmenting src[0..n) and src[n..) separately gives the same
 * sentences as segmenting the whole, so a reader may flush up to n.
 */
KZTEXT_API size_t kztext_paragraph_boundary(const char *src, size_t len);

#ifdef __cplusplus
}
#endif

#endif /* KZTEXT_SEGMENT_H */

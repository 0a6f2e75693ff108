/*
 * kztext/pipeline.h — one pass from raw bytes to labelled, segmented,
 * transliterated sentences.
 *
 * Include <kztext.h>, not this file directly.
 *
 * For each call the pipeline
 *   1. decodes the bytes to UTF-8 (kztext_decode: a named encoding or auto
 *      detection, mojibake restored),
 *   2. normalizes them to NFC and applies the default repairs
 *      (kztext_repair: homoglyphs, invisible characters, spaces),
 *   3. splits paragraphs at blank lines and sentences with the segmenter,
 *   4. identifies the language, script and Latin alphabet of each sentence,
 *   5. optionally transliterates the Kazakh sentences,
 * and calls back once per sentence, in text order.
 *
 * A pipeline owns a segmenter (ICU break iterators) and scratch buffers:
 * use one pipeline per thread.  Pipelines are independent of each other.
 */
#ifndef KZTEXT_PIPELINE_H
#define KZTEXT_PIPELINE_H

#include "core.h"
#include "detect.h"
#include "encoding.h"
#include "translit.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Pipeline flags.  Bits 0-3: the invalid-input policy applied when
 * decoding (strict: the call fails with the byte offset; replace: U+FFFD). */
/** Each line break ends a sentence (headlines, lists, one sentence per line). */
#define KZTEXT_PIPELINE_LINES 0x10000000u
/** Skip the repairs (decode and NFC only). */
#define KZTEXT_PIPELINE_NO_REPAIR 0x20000000u
/** Transliterate every sentence, not only the ones identified as Kazakh. */
#define KZTEXT_PIPELINE_TRANSLIT_ALL 0x40000000u
/** Give every sentence the role of its line on a scraped page (see
 *  kztext_role); a sentence never spans two lines of different roles. */
#define KZTEXT_PIPELINE_ROLES 0x08000000u

/** What a line of a scraped news page is (KZTEXT_PIPELINE_ROLES).  The
 *  method, after jusText and trafilatura, is in docs/pipeline.md. */
typedef enum kztext_role {
  KZTEXT_ROLE_NONE = 0,        /**< roles were not asked for */
  KZTEXT_ROLE_TITLE = 1,       /**< the article's headline, first copy */
  KZTEXT_ROLE_BODY = 2,        /**< the article's text, lead and subheadings included */
  KZTEXT_ROLE_CAPTION = 3,     /**< photo or video caption, credit, alt text */
  KZTEXT_ROLE_META = 4,        /**< date, byline, source line, rubric, tags, counters */
  KZTEXT_ROLE_BOILERPLATE = 5, /**< navigation, buttons, notices, widgets, other stories */
  KZTEXT_ROLE_DUPLICATE = 6    /**< repeats an earlier line of the document */
} kztext_role;

/** Options of a pipeline.  Zero-initialize, set `size` to
 *  sizeof(kztext_pipeline_options), then the fields wanted: zero means
 *  "auto" or "off" for each. */
typedef struct kztext_pipeline_options {
  size_t size;
  /** Input encoding; KZTEXT_ENC_AUTO (0) detects it per call. */
  kztext_encoding encoding;
  /** Language for segmentation rules; KZTEXT_LANG_UND (0) picks them per
   *  paragraph.  Detection still labels every sentence. */
  kztext_lang lang;
  /** Transliteration target for Kazakh sentences; set `translit` to 1 and
   *  `translit_to` to the scheme. */
  int translit;
  kztext_scheme translit_to;
  unsigned flags;
  /** Non-zero: give every sentence the name keys of its name-like spans
   *  (kztext_sentence.names; docs/names.md). */
  int names;
} kztext_pipeline_options;

/** One sentence, as passed to the callback.  Pointers are valid only during
 *  the callback. */
typedef struct kztext_sentence {
  size_t size;       /**< sizeof(kztext_sentence) of the library */
  size_t para;       /**< paragraph number within this call, from 0 */
  size_t start, end; /**< byte offsets into the normalized text of this call */
  const char *text;  /**< the sentence: normalized text + start */
  size_t len;        /**< end - start */
  kztext_lang lang;
  kztext_script script;
  kztext_variant variant;
  double confidence;
  /** The transliteration, or NULL when none was asked for or the sentence
   *  is not Kazakh. */
  const char *translit;
  size_t translit_len;
  /** The whole normalized text of this call, which start and end index. */
  const char *normalized;
  size_t normalized_len;
  /** The role of the sentence's line; KZTEXT_ROLE_NONE without
   *  KZTEXT_PIPELINE_ROLES. */
  kztext_role role;
  /** With options.names: kztext_name_key() of each name-like span (a run of
   *  capitalised words, less the sentence's first word), each key followed by '\n',
   *  names_len bytes in all (0 when there is none); NULL without it. */
  const char *names;
  size_t names_len;
} kztext_sentence;

/** Return 0 to go on, anything else to stop (the run then returns
 *  KZTEXT_E_STOPPED). */
typedef int (*kztext_sentence_fn)(void *user, const kztext_sentence *sentence);

/** What one run did.  Set `size` before the call; fields that do not fit
 *  are not written. */
typedef struct kztext_pipeline_stats {
  size_t size;
  size_t normalized_len; /**< bytes of normalized text */
  size_t paragraphs;     /**< paragraphs with at least one sentence */
  size_t sentences;
  kztext_encoding encoding; /**< the encoding decoded from */
  int encoding_confidence;  /**< 0-100 */
  size_t repairs;           /**< characters or words changed by repairs */
} kztext_pipeline_stats;

typedef struct kztext_pipeline kztext_pipeline;

/** Creates a pipeline.  KZTEXT_E_INVALID_ARG for a bad option value,
 *  KZTEXT_E_UNSUPPORTED for KZTEXT_SCHEME_AUTO as the transliteration
 *  target (it is a source only), KZTEXT_E_INVALID_FLAGS, KZTEXT_E_NO_MEMORY,
 *  KZTEXT_E_ICU. */
KZTEXT_API kztext_status kztext_pipeline_new(const kztext_pipeline_options *options,
                                             kztext_pipeline **out);

/** The name of a role ("title", "body", "caption", "meta", "boilerplate",
 *  "duplicate", "none"); NULL for a value that is not a role. */
KZTEXT_API const char *kztext_role_name(kztext_role role);

/** Frees a pipeline; NULL is fine. */
KZTEXT_API void kztext_pipeline_free(kztext_pipeline *pipeline);

/**
 * Runs the pipeline over src[0..len) (one document, or one piece of one cut
 * at a blank line) and calls fn for each sentence.  `stats` may be NULL.
 * Errors: KZTEXT_E_DECODE / KZTEXT_E_INVALID_UTF8 (strict policy; byte offset
 * into src in *error_offset), KZTEXT_E_STOPPED, KZTEXT_E_NO_MEMORY,
 * KZTEXT_E_ICU.
 */
KZTEXT_API kztext_status kztext_pipeline_run(kztext_pipeline *pipeline, const char *src, size_t len,
                                             kztext_sentence_fn fn, void *user,
                                             kztext_pipeline_stats *stats, size_t *error_offset);

/**
 * For streaming: the offset just after the last blank line in src[0..len)
 * (a line holding only spaces and tabs counts as blank), where a document
 * can be cut into pieces that the pipeline processes independently; 0 if
 * there is none.  Works on UTF-8 and on every single-byte encoding.
 */
KZTEXT_API size_t kztext_pipeline_boundary(const char *src, size_t len);

#ifdef __cplusplus
}
#endif

#endif /* KZTEXT_PIPELINE_H */

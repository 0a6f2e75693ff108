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
 * A stream (below) runs many documents on N worker threads, in order.
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

/* ---- Streams: many documents, N worker threads, output in input order ----
 *
 * A stream runs a pipeline per worker thread over documents pushed one after
 * another and hands every document's sentences to one write callback, in
 * the order the documents were pushed, whatever the number of workers: the
 * output of N workers is the output of one.  Memory is bounded by a budget
 * in bytes, independent of the number of workers: a push waits while the
 * documents pushed and not yet written would exceed it.  See
 * docs/pipeline.md ("Streams") and docs/thread-safety.md. */

/** The in-flight budget when kztext_stream_options.memory is 0. */
#define KZTEXT_STREAM_MEMORY_DEFAULT ((size_t)8 << 20)

typedef struct kztext_stream_result kztext_stream_result;

/** Formats one result into bytes: append them to the buffer *buf (*len
 *  bytes used of *cap, NULL at first), growing it with realloc() (the
 *  stream frees it).  The write callback then gets them in `formatted`.
 *  Runs on worker threads, several at once, in any order; `user` is the
 *  write callback's.  Return 0, or nonzero when out of memory (the result
 *  is then written with KZTEXT_E_NO_MEMORY and no sentences). */
typedef int (*kztext_stream_format_fn)(void *user, const kztext_stream_result *result, char **buf,
                                       size_t *len, size_t *cap);

/** Options of a stream.  Zero-initialize, set `size` to
 *  sizeof(kztext_stream_options), then the fields wanted. */
typedef struct kztext_stream_options {
  size_t size;
  /** The pipeline every worker runs (required; copied). */
  const kztext_pipeline_options *pipeline;
  /** Worker threads.  0 and 1: no thread is started and each document runs
   *  on the thread that pushes it. */
  unsigned jobs;
  /** In-flight budget: the bytes of the documents (text, meta and a small
   *  fixed cost each) pushed and not yet written.  0:
   *  KZTEXT_STREAM_MEMORY_DEFAULT.  A single document larger than the budget
   *  still runs, alone.  The sentences of those documents take about twice
   *  their size again until written.  A push also waits while two groups
   *  per worker and two more are in flight, so that few groups' buffers
   *  serve the whole input. */
  size_t memory;
  /** Small documents go to a worker in groups of about this many bytes,
   *  so that a worker takes a lock per group, not per document.  0: 64 KiB
   *  (capped at memory / (4 jobs)). */
  size_t batch;
  /** Optional: formats a result on the worker thread that made it (any
   *  order, several at once; see kztext_stream_format_fn), so that the
   *  write callback, which runs one at a time, only writes bytes. */
  kztext_stream_format_fn format;
} kztext_stream_options;

/** One document pushed into a stream.  Zero-initialize and set `size`. */
typedef struct kztext_stream_doc {
  size_t size;
  const char *data; /**< the bytes, in the pipeline's encoding (copied) */
  size_t len;
  /** The caller's bytes for this document (copied, and handed back with
   *  its results at a 16-byte aligned address): an id, a file position. */
  const void *meta;
  size_t meta_len;
  /** Nonzero: the document could not be read.  It is not run, and its
   *  result carries this status and `error_offset`, in input order. */
  kztext_status error;
  size_t error_offset;
  /** Nonzero: under the strict policy invalid input fails only the
   *  paragraph that holds it (cut at blank lines); the paragraphs before and
   *  after it are run and written as parts of their own.  For a long text
   *  pushed in pieces. */
  int paragraph_errors;
} kztext_stream_doc;

/** What the write callback receives: one document, or one part of one
 *  (see kztext_stream_doc.paragraph_errors).  Pointers are valid only
 *  during the callback. */
struct kztext_stream_result {
  size_t size;
  uint64_t index;   /**< the document's number, from 0, in push order */
  const void *meta; /**< the document's meta bytes (NULL when none) */
  size_t meta_len;
  size_t doc_len;       /**< bytes of the document as pushed */
  size_t offset;        /**< where this part starts in the document's bytes */
  int last;             /**< nonzero on the document's last part */
  kztext_status status; /**< KZTEXT_OK, the error of the run, or the pushed error */
  size_t error_offset;  /**< KZTEXT_E_DECODE, _INVALID_UTF8: bytes into the document */
  /** The part's sentences (none on an error).  With a format callback the
   *  write callback gets NULL here: the format callback had them. */
  const kztext_sentence *sentences;
  size_t count;
  size_t normalized_len; /**< bytes of normalized text of this part */
  size_t paragraphs;     /**< paragraphs with a sentence in this part */
  /** With a format callback: the bytes it made for this result. */
  const char *formatted;
  size_t formatted_len;
};

/** Called once per result, in input order, never twice at once (but from
 *  any thread: the one pushing, or a worker).  Return 0 to go on, anything
 *  else to stop the stream: nothing more is written and pushes fail with
 *  KZTEXT_E_STOPPED. */
typedef int (*kztext_stream_write_fn)(void *user, const kztext_stream_result *result);

/** For kztext_stream_run: fill *doc (its `size` is set) and return 1, or
 *  return 0 at the end of the input, or -1 to stop.  doc->data and
 *  doc->meta must stay valid until the next call. */
typedef int (*kztext_stream_read_fn)(void *user, kztext_stream_doc *doc);

/** What a stream did.  Set `size` before the call. */
typedef struct kztext_stream_stats {
  size_t size;
  uint64_t documents; /**< pushed */
  uint64_t results;   /**< handed to the write callback */
  uint64_t bytes;     /**< document bytes pushed */
  /** The most bytes in flight at once (as counted for `memory`): at most the
   *  budget, unless one document alone was larger. */
  size_t peak_inflight;
  size_t memory; /**< the budget in force */
  size_t batch;  /**< the group size in force */
  unsigned jobs; /**< worker threads started */
} kztext_stream_stats;

typedef struct kztext_stream kztext_stream;

/** Creates a stream, its pipelines and its worker threads.  Errors as for
 *  kztext_pipeline_new; KZTEXT_E_INVALID_ARG for no pipeline options or no
 *  write callback; KZTEXT_E_NO_MEMORY also when a thread cannot start. */
KZTEXT_API kztext_status kztext_stream_new(const kztext_stream_options *options,
                                           kztext_stream_write_fn write, void *user,
                                           kztext_stream **out);

/** Pushes one document (waiting while the budget is full).  KZTEXT_OK,
 *  KZTEXT_E_STOPPED once the write callback stopped the stream (or after
 *  kztext_stream_finish), KZTEXT_E_INVALID_ARG, KZTEXT_E_NO_MEMORY. */
KZTEXT_API kztext_status kztext_stream_push(kztext_stream *stream, const kztext_stream_doc *doc);

/** Runs and writes every document pushed, then stops the workers.
 *  KZTEXT_OK, or KZTEXT_E_STOPPED when the write callback stopped it. */
KZTEXT_API kztext_status kztext_stream_finish(kztext_stream *stream);

/** Fills *stats (fields that do not fit its `size` are left out). */
KZTEXT_API kztext_status kztext_stream_stats_get(kztext_stream *stream, kztext_stream_stats *stats);

/** Stops the workers (documents not yet written are dropped) and frees the
 *  stream; NULL is fine. */
KZTEXT_API void kztext_stream_free(kztext_stream *stream);

/** The whole loop: reads documents with `read`, writes results with
 *  `write`, then finishes.  `stats` may be NULL.  KZTEXT_E_STOPPED when
 *  either callback stopped it, else as kztext_stream_new and _push. */
KZTEXT_API kztext_status kztext_stream_run(const kztext_stream_options *options,
                                           kztext_stream_read_fn read, kztext_stream_write_fn write,
                                           void *user, kztext_stream_stats *stats);

#ifdef __cplusplus
}
#endif

#endif /* KZTEXT_PIPELINE_H */

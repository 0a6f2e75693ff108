/*
 * kztext/detect.h — language identification: Kazakh (in Cyrillic, the three
 * Latin alphabets and Arabic script), Russian, English, and Kazakh/Russian
 * code-switching.
 *
 * Include <kztext.h>, not this file directly.
 *
 * Method (docs/detection.md): letters are counted by script class
 * (kztext/script.h); the script with most letters decides which models
 * apply.  Cyrillic text is scored by character trigram models of Kazakh and
 * Russian, Latin text by models of English and of Kazakh in the 2021, 2018
 * and 2017 alphabets; Kazakh-specific letters (ә ғ қ ң ө ұ ү һ і, ä ğ ñ ş ū,
 * á ǵ ń ý, a' g' n' ...) weigh in through the models and decide alone where
 * they are frequent.  Arabic-script text is Kazakh when it uses the Kazakh
 * letters (ۋ ۇ ە ڭ ٴ) and none of the letters of Uyghur, Persian or Arabic
 * that Kazakh lacks.  Code-switching: a clearly Kazakh lower-case word and a
 * clearly Russian word (or pair of words) in the same text; the shares come
 * from a two-state Viterbi pass over the words (a cost per switch).
 *
 * The models are generated tables compiled into the library
 * (src/gen/langid_model.inc, about 0.6 MB of read-only data): nothing is
 * loaded at run time, no state, deterministic, any thread.
 */
#ifndef KZTEXT_DETECT_H
#define KZTEXT_DETECT_H

#include "core.h"
#include "lang.h"
#include "script.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Alphabet of Latin-script Kazakh. */
typedef enum kztext_variant {
  KZTEXT_VARIANT_NONE = 0,      /**< not Latin-script Kazakh */
  KZTEXT_VARIANT_LATIN2021 = 1, /**< "latin2021": ä ğ ı ñ ö ş ū ü (2021) */
  KZTEXT_VARIANT_LATIN2018 = 2, /**< "latin2018": á ǵ ı ń ó ú ý, sh ch (Decree 637) */
  KZTEXT_VARIANT_LATIN2017 = 3, /**< "latin2017": apostrophes a' g' n' (Decree 569) */
  KZTEXT_VARIANT_MEDIAWIKI = 4  /**< "mediawiki": Wikipedia's kk-latn converter, ï for и, w for у
                                     (since 0.3) */
} kztext_variant;

/**
 * Result of kztext_detect().  The caller sets .size = sizeof(kztext_detect_result)
 * before the call; the library fills only the fields that fit in .size, so
 * fields may be appended in later versions without breaking old callers.
 *
 * Layout rule: every scalar comes before the per-language arrays, and the
 * arrays have the fixed length KZTEXT_LANG_CAPACITY, so neither a new
 * language nor a new field (appended after share[]) moves an existing one.
 */
typedef struct kztext_detect_result {
  size_t size;            /**< set by the caller: sizeof(kztext_detect_result) */
  kztext_lang lang;       /**< the language with more evidence (also when mixed: see share) */
  kztext_script script;   /**< script of most letters (KZTEXT_SCRIPT_COMMON: none) */
  kztext_variant variant; /**< Latin alphabet when lang is kk in Latin script */
  /** 1 when the text switches between Kazakh and Russian (whole clauses or
   *  sentences of each, not a single borrowed word); then share[] holds
   *  the share of letters of each language (KK + RU = 1). */
  int mixed;
  /** scores[.lang] (0..1): from the model scores, lowered for short text;
   *  the probability of "other language" when .lang is und; for
   *  code-switched text (.mixed) the share of .lang, so a confidence near
   *  0.5 says the text is as much the other language. */
  double confidence;
  /** Letters counted (the amount of evidence). */
  size_t letters;
  /** Per language (indexed by kztext_lang) probabilities summing to 1;
   *  scores[KZTEXT_LANG_UND] is the share given to other languages.  When
   *  .mixed, scores[KK] and scores[RU] are the shares (times 1 - und).
   *  Entries of no language are 0. */
  double scores[KZTEXT_LANG_CAPACITY];
  /** Share of letters per language: see .mixed; for text that is not
   *  mixed, 1 for .lang (all 0 when .lang is und). */
  double share[KZTEXT_LANG_CAPACITY];
} kztext_detect_result;

/** Flags of kztext_detect(): bits 0-3 are the invalid-UTF-8 policy; under
 *  KZTEXT_INVALID_REPLACE ill-formed bytes are skipped. */
#define KZTEXT_DETECT_NO_MIXED 0x2000u /**< skip code-switching analysis (faster) */

/**
 * Identifies the language of src[0..len): a word, a line, a sentence or a
 * whole text.  Text without letters, or with letters of no modelled
 * language, is KZTEXT_LANG_UND.
 *
 * Errors: KZTEXT_E_INVALID_ARG (result NULL or result->size smaller than the
 * first version of the struct), KZTEXT_E_INVALID_FLAGS, KZTEXT_E_INVALID_UTF8
 * (strict policy; offset in *error_offset, which may be NULL).
 */
KZTEXT_API kztext_status kztext_detect(const char *src, size_t len, unsigned flags,
                                       kztext_detect_result *result, size_t *error_offset);

/** "latin2021", "latin2018", "latin2017"; "" for KZTEXT_VARIANT_NONE; NULL
 *  for any other value.  (kztext_lang_name() is in lang.h.) */
KZTEXT_API const char *kztext_variant_name(kztext_variant variant);

#ifdef __cplusplus
}
#endif

#endif /* KZTEXT_DETECT_H */

/*
 * kztext/script.h — script classes of code points, script runs, and words
 * that mix Latin and Cyrillic letters.
 *
 * Include <kztext.h>, not this file directly.
 *
 * The classes come from a generated table (data/script/classes.tsv and the
 * Unicode 15.0 general categories, tools/gen_script_table.py): lookups are
 * two array reads, no state, safe from any thread.
 */
#ifndef KZTEXT_SCRIPT_H
#define KZTEXT_SCRIPT_H

#include "core.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Fine class of one code point.  Values are stable; new classes are only
 *  ever appended (enumerate them with kztext_script_class_name(), which is
 *  NULL past the last). */
typedef enum kztext_script_class {
  KZTEXT_SC_OTHER = 0,   /**< unassigned, controls, letters of other scripts */
  KZTEXT_SC_SPACE = 1,   /**< Z* and the white-space controls TAB LF VT FF CR NEL */
  KZTEXT_SC_DIGIT = 2,   /**< decimal digits of any script (Nd) */
  KZTEXT_SC_PUNCT = 3,   /**< punctuation and symbols (P*, S*) */
  KZTEXT_SC_MARK = 4,    /**< combining marks (M*) and format controls (Cf: ZWJ,
                              soft hyphen, bidi marks): take the script around them */
  KZTEXT_SC_CYRL_KK = 5, /**< the nine Kazakh letters ә ғ қ ң ө ұ ү һ і (either case) */
  KZTEXT_SC_CYRL_RU = 6, /**< ё ц ч щ ъ ь э: Russian letters native Kazakh words never use */
  KZTEXT_SC_CYRL_SHARED = 7,      /**< the other letters of the Russian alphabet */
  KZTEXT_SC_CYRL_OTHER = 8,       /**< other Cyrillic letters (Ukrainian ї є ґ, Tatar җ, ...) */
  KZTEXT_SC_LATN_ASCII = 9,       /**< A-Z a-z */
  KZTEXT_SC_LATN_KK2021 = 10,     /**< Kazakh 2021 letters ä ğ ñ ö ş ū ü İ (either case) */
  KZTEXT_SC_LATN_KK2018 = 11,     /**< Kazakh 2018 acute letters á ǵ ń ó ú ý (either case) */
  KZTEXT_SC_LATN_KK_DOTLESS = 12, /**< ı U+0131, a letter of both 2021 (і) and 2018 (и, й) */
  KZTEXT_SC_LATN_OTHER = 13,      /**< other Latin letters (é, ç, ß, fullwidth, ...) */
  /** ' U+0027, ’ U+2019, ʼ U+02BC: the second half of the 2017 alphabet's
   *  apostrophe pairs (a' g' n' o' u' y' s' c' i'); punctuation otherwise.
   *  The pairs themselves are sequences, recognised by kztext_detect(). */
  KZTEXT_SC_APOSTROPHE = 14,
  KZTEXT_SC_ARAB_KK = 15, /**< Kazakh Arabic letters ۋ ۇ ە ڭ and high hamza U+0674 */
  KZTEXT_SC_ARAB = 16,    /**< other Arabic-script letters */
  KZTEXT_SC_HAN = 17      /**< Han ideographs and radicals */
} kztext_script_class;

/** Coarse script (ISO 15924 names from kztext_script_name()).  Values are
 *  stable. */
typedef enum kztext_script {
  KZTEXT_SCRIPT_COMMON = 0, /**< "Zyyy": digits, punctuation, spaces, no letters */
  KZTEXT_SCRIPT_CYRL = 1,   /**< "Cyrl" */
  KZTEXT_SCRIPT_LATN = 2,   /**< "Latn" */
  KZTEXT_SCRIPT_ARAB = 3,   /**< "Arab" */
  KZTEXT_SCRIPT_HAN = 4,    /**< "Hani" */
  KZTEXT_SCRIPT_OTHER = 5   /**< "Zzzz": letters of any other script, unassigned */
} kztext_script;

/** Class of code point cp; values above U+10FFFF are KZTEXT_SC_OTHER. */
KZTEXT_API kztext_script_class kztext_script_class_of(uint32_t cp);

/** Coarse script of a class: SPACE, DIGIT, PUNCT, MARK and APOSTROPHE are
 *  KZTEXT_SCRIPT_COMMON (they belong to the run around them). */
KZTEXT_API kztext_script kztext_script_of_class(kztext_script_class cls);

/** Short name of a class ("cyrl_kk", "latn_kk2021", ...); NULL for any
 *  other value. */
KZTEXT_API const char *kztext_script_class_name(kztext_script_class cls);

/** ISO 15924 code of a script ("Cyrl", "Latn", "Arab", "Hani", "Zyyy",
 *  "Zzzz"); NULL for any other value. */
KZTEXT_API const char *kztext_script_name(kztext_script script);

/** One script run: bytes [start, end) of the input. */
typedef struct kztext_script_run {
  size_t start;
  size_t end;
  kztext_script script;
} kztext_script_run;

/**
 * Splits src into maximal runs of one script.  Common characters (spaces,
 * digits, punctuation, marks, apostrophes) join the run before them; those
 * at the very start join the first run.  Text without letters is one
 * KZTEXT_SCRIPT_COMMON run; empty text has no runs.  Runs cover the input
 * without gaps, in order.
 *
 * flags: the invalid-UTF-8 policy only.  Under KZTEXT_INVALID_REPLACE each
 * ill-formed subsequence counts as KZTEXT_SCRIPT_OTHER (as U+FFFD would).
 *
 * Output goes to runs[0..cap); *count receives the number of runs (also when
 * it exceeds cap, with KZTEXT_E_BUFFER_TOO_SMALL).  runs may be NULL when
 * cap is 0.  Errors: KZTEXT_E_INVALID_ARG, KZTEXT_E_INVALID_FLAGS,
 * KZTEXT_E_INVALID_UTF8 (offset in *error_offset, which may be NULL),
 * KZTEXT_E_BUFFER_TOO_SMALL.
 */
KZTEXT_API kztext_status kztext_script_runs(const char *src, size_t len, unsigned flags,
                                            kztext_script_run *runs, size_t cap, size_t *count,
                                            size_t *error_offset);

/** Allocating twin of kztext_script_runs(); free *runs with kztext_free().
 *  For empty input *runs may be NULL with *count 0. */
KZTEXT_API kztext_status kztext_script_runs_alloc(const char *src, size_t len, unsigned flags,
                                                  kztext_script_run **runs, size_t *count,
                                                  size_t *error_offset);

/** A word mixing Latin and Cyrillic letters, as typed by a keyboard layout
 *  switch or a homoglyph substitution ("Aқпарат", "Kaзakhstan"). */
typedef struct kztext_mixed_word {
  size_t start; /**< byte offsets of the word */
  size_t end;
  kztext_script intended; /**< KZTEXT_SCRIPT_CYRL or KZTEXT_SCRIPT_LATN */
  unsigned cyrl_letters;  /**< Cyrillic letters in the word */
  unsigned latn_letters;  /**< Latin letters in the word */
} kztext_mixed_word;

/**
 * Finds the words of src that contain both Latin and Cyrillic letters.  A
 * word is a maximal sequence of letters, combining marks and apostrophes or
 * hyphens between letters.  The intended script is the one whose letters
 * cannot be mistaken for the other script (Cyrillic қ, ж, и; Latin q, w, s,
 * ...): the script with more such letters wins; on a tie, the script with
 * more letters in the word; on a further tie, the script with more letters
 * in the whole text (Cyrillic if that ties too).
 *
 * flags, output and errors as for kztext_script_runs().
 */
KZTEXT_API kztext_status kztext_mixed_script_words(const char *src, size_t len, unsigned flags,
                                                   kztext_mixed_word *words, size_t cap,
                                                   size_t *count, size_t *error_offset);

/** Allocating twin of kztext_mixed_script_words(); free with kztext_free(). */
KZTEXT_API kztext_status kztext_mixed_script_words_alloc(const char *src, size_t len,
                                                         unsigned flags, kztext_mixed_word **words,
                                                         size_t *count, size_t *error_offset);

#ifdef __cplusplus
}
#endif

#endif /* KZTEXT_SCRIPT_H */

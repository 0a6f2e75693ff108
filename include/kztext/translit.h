/*
 * kztext/translit.h — Kazakh transliteration between Cyrillic, the three
 * official Latin alphabets (2017, 2018, 2021), ISO 9, BGN/PCGN, ALA-LC and
 * the Arabic script (töte jazu), with byte-offset alignments.
 *
 * Include <kztext.h>, not this file directly.  docs/transliteration.md lists
 * every letter, every choice where the standards are silent or disagree, and
 * the measured accuracy.
 *
 * Directions: Cyrillic to every scheme; every scheme back to Cyrillic; any
 * other pair goes through Cyrillic.  Only letters change: digits,
 * punctuation, whitespace, text in other scripts, URLs and e-mail addresses
 * pass through (the Arabic target also converts , ; ? to the Arabic marks).
 * Input is NFC-normalized first, so decomposed letters (и + U+0306) convert
 * as their composed forms.  Case is kept: an ALL-CAPS word stays all caps
 * (ШЫМКЕНТ -> SHYMKENT in bgn), a capital followed by lower case or standing
 * alone is title-cased (Ш. -> Sh.); latin2021 uses Turkic casing (İ i, I ı)
 * in both directions.
 */
#ifndef KZTEXT_TRANSLIT_H
#define KZTEXT_TRANSLIT_H

#include "core.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Writing systems.  Names (kztext_scheme_name) are the same in the CLI and
 *  in Python. */
typedef enum kztext_scheme {
  /** Source only: detect per word (Cyrillic, Latin, Arabic) and, for Latin,
   *  the alphabet of the whole input (2021, 2018 or 2017). */
  KZTEXT_SCHEME_AUTO = -1,
  KZTEXT_SCHEME_CYRILLIC = 0,  /**< "cyrillic": Kazakh Cyrillic (42 letters) */
  KZTEXT_SCHEME_LATIN2021 = 1, /**< "latin2021" (alias "latin"): 2021 alphabet */
  KZTEXT_SCHEME_LATIN2018 = 2, /**< "latin2018": Decree 637 + Dec 2018 draft rules */
  KZTEXT_SCHEME_LATIN2017 = 3, /**< "latin2017": Decree 569, apostrophes */
  KZTEXT_SCHEME_ISO9 = 4,      /**< "iso9": ISO 9:1995, reversible */
  KZTEXT_SCHEME_BGN = 5,       /**< "bgn": BGN/PCGN 1979 */
  KZTEXT_SCHEME_ALALC = 6,     /**< "alalc": ALA-LC Non-Slavic Cyrillic */
  KZTEXT_SCHEME_ARABIC = 7,    /**< "arabic": töte jazu (MediaWiki rules) */
  KZTEXT_SCHEME_MEDIAWIKI = 8, /**< "mediawiki": Wikipedia's kk-latn (ı i ï, ý w, ş ç ñ) */
  /** "press": names as English-language media write them (zh kh sh ch ts,
   *  y for ы, ye after vowels, ә ө ү ұ і қ ғ ң as a o u u i k g n).  As a
   *  source only capitalised name-like words are read (restoring the Kazakh
   *  letters); other words, English among them, pass through. */
  KZTEXT_SCHEME_PRESS = 9,
  KZTEXT_SCHEME_PASSPORT = 10, /**< "passport": ICAO 9303 as in Kazakh passports */
  /** "cyrillic-ru": the Russian form Russian-language text gives Kazakh
   *  names (ә ө ү ұ і қ ғ ң һ as а о у у и к г н х: Тажибаев).  As a source
   *  it reads as "cyrillic". */
  KZTEXT_SCHEME_CYRILLIC_RU = 11
} kztext_scheme;

/* Flags for kztext_translit().  Bits 0-3: the invalid-UTF-8 policy; the
 * layout of every flags word is in core.h. */
/** Arabic target: the hamza is U+0621 (CLDR kk-Arab, people.com.cn and
 *  ts.cn practice) instead of U+0674 (MediaWiki's). */
#define KZTEXT_TRANSLIT_ARABIC_HAMZA_0621 0x4000u
/** Arabic target: a patronymic in ұлы / қызы is written as a word of its
 *  own (Ахметұлы -> احمەت ۇلى), as Xinjiang print does; by default it stays
 *  joined, as in Cyrillic. */
#define KZTEXT_TRANSLIT_ARABIC_PATRONYMIC_APART 0x800000u

/**
 * Looks up a scheme by name: "cyrillic", "latin2021" ("latin"), "latin2018",
 * "latin2017", "iso9", "bgn", "alalc", "arabic", "mediawiki", "press",
 * "passport", "cyrillic-ru", "auto"; case-insensitive.
 * Returns KZTEXT_OK or KZTEXT_E_UNSUPPORTED.
 */
KZTEXT_API kztext_status kztext_scheme_from_name(const char *name, kztext_scheme *scheme);

/** Canonical name of a scheme ("latin2021", ..., "auto" for
 *  KZTEXT_SCHEME_AUTO); NULL for any other value.  Schemes are numbered
 *  from 0 without gaps, so kztext_scheme_name(i) for i = 0, 1, ... until
 *  NULL lists the targets. */
KZTEXT_API const char *kztext_scheme_name(kztext_scheme scheme);

/**
 * Worst-case output size in bytes of kztext_translit() for len input bytes
 * from `from` to `to` (any valid input); 0 when the size does not fit in a
 * size_t.  A buffer this large never gives KZTEXT_E_BUFFER_TOO_SMALL.
 */
KZTEXT_API size_t kztext_translit_bound(size_t len, kztext_scheme from, kztext_scheme to);

/**
 * Transliterates src[0..len) from scheme `from` (or KZTEXT_SCHEME_AUTO) to
 * scheme `to` into dst, following the caller-buffer rules of core.h.  The
 * bytes of dst after the output (up to dst_cap) may be used as scratch.
 *
 * Errors: KZTEXT_E_UNSUPPORTED (unknown scheme, or AUTO as target),
 * KZTEXT_E_INVALID_FLAGS, KZTEXT_E_INVALID_ARG, KZTEXT_E_INVALID_UTF8
 * (strict policy; byte offset in *error_offset, which may be NULL),
 * KZTEXT_E_BUFFER_TOO_SMALL, KZTEXT_E_NO_MEMORY.
 */
KZTEXT_API kztext_status kztext_translit(const char *src, size_t len, kztext_scheme from,
                                         kztext_scheme to, unsigned flags, char *dst,
                                         size_t dst_cap, size_t *dst_len, size_t *error_offset);

/** Allocating twin of kztext_translit(); free *out with kztext_free(). */
KZTEXT_API kztext_status kztext_translit_alloc(const char *src, size_t len, kztext_scheme from,
                                               kztext_scheme to, unsigned flags, char **out,
                                               size_t *out_len, size_t *error_offset);

/** One piece of an alignment: output bytes [dst_start, dst_end) came from
 *  input bytes [src_start, src_end). */
typedef struct kztext_alignment {
  size_t src_start, src_end;
  size_t dst_start, dst_end;
} kztext_alignment;

/**
 * Like kztext_translit_alloc(), and also returns the alignment: *spans (free
 * with kztext_free()) holds *n_spans spans in output order that tile both the
 * output and the input (every byte of each belongs to exactly one span; a
 * span may be empty on one side, as for a dropped soft sign).  Converted
 * letters get a span each (a digraph that became one letter gets one span);
 * text that passes through unchanged comes as runs.  Offsets are into the
 * caller's src, also when the input had to be NFC-normalized or repaired
 * (a word that changed under normalization maps as a whole).
 */
KZTEXT_API kztext_status kztext_translit_offsets_alloc(const char *src, size_t len,
                                                       kztext_scheme from, kztext_scheme to,
                                                       unsigned flags, char **out, size_t *out_len,
                                                       kztext_alignment **spans, size_t *n_spans,
                                                       size_t *error_offset);

/**
 * A transliterator: what kztext_translit() does, with memory between calls.
 * Converting latin2021 (or `auto` text in it) or the Arabic script to
 * Cyrillic, kztext keeps the words it has converted and copies them when
 * they come again; a single call keeps them only for its own text, and only
 * when that text is long (32 KB or more).  A transliterator keeps them from
 * one call to the next, so a stream of short texts (articles, paragraphs,
 * sentences, a file read in chunks) runs at the speed of one long text:
 * about 2x for texts of 4 to 64 KB (docs/transliteration.md, Streaming).
 * The output is byte for byte that of kztext_translit() with the same
 * arguments, whatever came before.  Memory is bounded and taken on first
 * use: for latin2021, 0.5 MiB of table and at most 2 MiB of words (twice
 * that if texts typed without İ come too), which start again when full; for
 * Arabic, 2 MiB of slots, the older word of a slot pair giving way; an
 * input of over 2 MB makes them as large as that call alone takes.  Other
 * scheme pairs keep nothing and cost what kztext_translit() costs.
 *
 * Thread safety: a transliterator belongs to one thread at a time; create
 * one per thread.
 */
typedef struct kztext_transliterator kztext_transliterator;

/** Creates a transliterator in *out (memory is taken on first use).
 *  Errors: KZTEXT_E_INVALID_ARG (out NULL), KZTEXT_E_NO_MEMORY. */
KZTEXT_API kztext_status kztext_transliterator_new(kztext_transliterator **out);

/** Releases a transliterator; NULL is fine. */
KZTEXT_API void kztext_transliterator_free(kztext_transliterator *t);

/**
 * kztext_translit() through a transliterator: the same arguments after t,
 * the same output and errors (KZTEXT_E_INVALID_ARG also for t NULL).
 */
KZTEXT_API kztext_status kztext_transliterator_run(kztext_transliterator *t, const char *src,
                                                   size_t len, kztext_scheme from, kztext_scheme to,
                                                   unsigned flags, char *dst, size_t dst_cap,
                                                   size_t *dst_len, size_t *error_offset);

/** Allocating twin of kztext_transliterator_run(); free *out with
 *  kztext_free(). */
KZTEXT_API kztext_status kztext_transliterator_run_alloc(kztext_transliterator *t, const char *src,
                                                         size_t len, kztext_scheme from,
                                                         kztext_scheme to, unsigned flags,
                                                         char **out, size_t *out_len,
                                                         size_t *error_offset);

/**
 * Detects the scheme of src[0..len): KZTEXT_SCHEME_CYRILLIC,
 * KZTEXT_SCHEME_ARABIC or one of the Latin alphabets, by the script of most
 * letters; for Latin-script Kazakh the alphabet kztext_detect() names
 * (its variant), for other Latin text the alphabet whose distinctive letters
 * are most frequent (ä ğ ñ ş ū ı for 2021, á ǵ ń ó ú ý for 2018, apostrophes
 * for 2017; plain Latin counts as 2021); KZTEXT_SCHEME_AUTO when src has no
 * letters.  Never fails.
 */
KZTEXT_API kztext_scheme kztext_translit_detect(const char *src, size_t len);

#ifdef __cplusplus
}
#endif

#endif /* KZTEXT_TRANSLIT_H */

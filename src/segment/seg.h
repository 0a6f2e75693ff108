/* Internal interface of the segment module: character classes, the
 * abbreviation lookup and the sentence-boundary rules shared by the
 * sentence and token drivers. */
#ifndef KZTEXT_SEGMENT_INTERNAL_H
#define KZTEXT_SEGMENT_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>

#include <kztext.h>

#include "utf8/utf8.h"

/* The word scan's class table (words.c): U+0000-07FF, then U+2000-21FF
 * (punctuation, letterlike symbols such as №, arrows). */
#define KZ_WB_LOW 0x800
#define KZ_WB_PUNCT 0x2000
#define KZ_WB_PUNCT_N 0x200
#define KZ_LEAD_ALPHA1 1 /* an alphabetic ASCII letter */
#define KZ_LEAD_ALPHA2 2 /* leads two-byte characters that are all alphabetic */
#define KZ_LEAD_TWO 3    /* leads other two-byte characters */

struct kztext_segmenter {
  UBreakIterator *sent;                        /* UBRK_SENTENCE, root locale */
  UBreakIterator *word;                        /* UBRK_WORD, root locale */
  UText ut;                                    /* reused: utext_openUTF8 fills it in place */
  unsigned char wb[KZ_WB_LOW + KZ_WB_PUNCT_N]; /* Word_Break classes, from ICU */
  unsigned char lead[256];                     /* KZ_LEAD_* of each byte */
};

/* Decodes the code point at i (< n).  Ill-formed bytes decode as U+FFFD
 * with the length of their maximal subpart, so every caller walks forward
 * safely on any input. */
static inline uint32_t kz_cp_at(const unsigned char *s, size_t n, size_t i, size_t *len) {
  if (s[i] < 0x80) {
    *len = 1;
    return s[i];
  }
  size_t l, sub;
  uint32_t c = kz_utf8_decode(s + i, n - i, &l, &sub);
  *len = l ? l : sub;
  return c;
}

/* Decodes the code point that ends at i (0 < i <= n); *start receives its
 * first byte.  Ill-formed bytes decode as U+FFFD one byte at a time. */
static inline uint32_t kz_cp_before(const unsigned char *s, size_t i, size_t *start) {
  if (s[i - 1] < 0x80) {
    *start = i - 1;
    return s[i - 1];
  }
  size_t b = i - 1, k = 0;
  while (b > 0 && (s[b] & 0xC0) == 0x80 && k < 3) {
    b--;
    k++;
  }
  size_t l, sub;
  uint32_t c = kz_utf8_decode(s + b, i - b, &l, &sub);
  if (l != i - b) {
    *start = i - 1;
    return 0xFFFD;
  }
  *start = b;
  return c;
}

static inline int kz_is_space(uint32_t c) {
  if (c < 0x80) return c == ' ' || (c >= 0x09 && c <= 0x0D);
  return c == 0xA0 || c == 0x85 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 ||
         c == 0x202F || c == 0x205F || c == 0x3000 || c == 0x1680;
}
/* Fast paths for ASCII and Cyrillic (U+0400-052F: letters except the
 * thousands sign and combining marks U+0482-0489; U+0400-042F upper case,
 * U+0430-045F lower case), ICU for the rest. */
static inline int kz_is_alpha(uint32_t c) {
  if (c < 0x80) return ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
  if (c >= 0x400 && c <= 0x52F) return c < 0x482 || c > 0x489;
  return u_isalpha((UChar32)c);
}
static inline int kz_is_upper(uint32_t c) {
  if (c < 0x80) return c >= 'A' && c <= 'Z';
  if (c >= 0x400 && c <= 0x45F) return c < 0x430;
  return u_isupper((UChar32)c);
}
static inline int kz_is_lower(uint32_t c) {
  if (c < 0x80) return c >= 'a' && c <= 'z';
  if (c >= 0x400 && c <= 0x45F) return c >= 0x430;
  return u_islower((UChar32)c);
}
static inline int kz_is_digit(uint32_t c) {
  if (c < 0x80) return c >= '0' && c <= '9';
  return u_isdigit((UChar32)c);
}
static inline int kz_is_alnum(uint32_t c) { return kz_is_alpha(c) || kz_is_digit(c); }
/* Letters, digits and the marks that sit inside words. */
static inline int kz_is_wordch(uint32_t c) {
  if (c < 0x80) return kz_is_alnum(c) || c == '_';
  return u_isalnum((UChar32)c) || u_charType((UChar32)c) == U_NON_SPACING_MARK;
}
static inline int kz_is_dash(uint32_t c) {
  return c == '-' || (c >= 0x2012 && c <= 0x2015) || c == 0x2212;
}
/* Sentence terminators the rules handle (others are left to ICU). */
static inline int kz_is_term(uint32_t c) {
  return c == '.' || c == '!' || c == '?' || c == 0x2026 || c == 0x203C || c == 0x2047 ||
         c == 0x2048 || c == 0x2049;
}
static inline int kz_is_closer(uint32_t c) {
  return c == ')' || c == ']' || c == '}' || c == '"' || c == '\'' || c == 0xBB || c == 0x2019 ||
         c == 0x201D || c == 0x201C || c == 0x203A;
}
static inline int kz_is_opener(uint32_t c) {
  return c == '(' || c == '[' || c == '{' || c == '"' || c == '\'' || c == 0xAB || c == 0x2018 ||
         c == 0x201C || c == 0x201E || c == 0x2039;
}

/* A blank line at i: a line break (LF, CR or CR LF) at i, then only spaces
 * or tabs, then another line break.  Returns the offset after the second
 * break, or 0.  The one definition of a paragraph end: every scan that
 * looks ahead stops at it, so streaming may cut there. */
static inline size_t kz_blank_line_at(const unsigned char *s, size_t n, size_t i) {
  if (s[i] != '\n' && s[i] != '\r') return 0;
  size_t q = i + 1;
  if (s[i] == '\r' && q < n && s[q] == '\n') q++;
  while (q < n && (s[q] == ' ' || s[q] == '\t' || s[q] == '\f' || s[q] == '\v'))
    q++;
  if (q >= n || (s[q] != '\n' && s[q] != '\r')) return 0;
  return q + 1 + (s[q] == '\r' && q + 1 < n && s[q + 1] == '\n');
}

/* Emoji: pictographs with their joiners, variation selectors, skin tones
 * and tag characters. */
static inline int kz_is_emoji_part(uint32_t c) {
  /* Below U+203C only U+00A9 and U+00AE are pictographs (test_words checks
   * ICU agrees): letters skip the property lookup. */
  if (c < 0x203C) return c == 0xA9 || c == 0xAE || c == 0x200D;
  return c == 0xFE0F || (c >= 0x1F3FB && c <= 0x1F3FF) || (c >= 0xE0020 && c <= 0xE007F) ||
         u_hasBinaryProperty((UChar32)c, UCHAR_EXTENDED_PICTOGRAPHIC);
}
/* End of the run of emoji starting at a (a itself when there is none). */
static inline size_t kz_emoji_end(const unsigned char *s, size_t n, size_t a) {
  size_t e = a, l;
  while (e < n && kz_is_emoji_part(kz_cp_at(s, n, e, &l)))
    e += l;
  return e;
}

/* Abbreviation kinds (data/abbrev/LANG.tsv, column 2). */
enum {
  KZ_AB_NONE = 0,
  KZ_AB_NEVER = 1,   /* precedes what it qualifies: never ends a sentence */
  KZ_AB_END = 2,     /* may end one: a break when a sentence start follows */
  KZ_AB_DIGIT = 3,   /* abbreviates only before a number (No. 5, п. 2) */
  KZ_AB_YEAR = 4,    /* after a number it may end one; elsewhere never */
  KZ_AB_STARTER = 5, /* not an abbreviation: a word that often starts a sentence */
  KZ_AB_KIND = 0x0F,
  KZ_AB_CAPS = 0x10 /* flag: the data writes it in capitals (`U.S.`) */
};

/* Is the word at s[a..) (letters and inner hyphens) a "starter" for lang? */
int kz_is_starter(const unsigned char *s, size_t n, size_t a, int lang);

/* Finds the abbreviation ending with the dot at s[dot]: the longest chain of
 * short words each followed by a dot (`т.е.`, `т. б.`, `U.S.A.`) found in
 * the table for `lang` (or, failing that, any language).  Returns a
 * KZ_AB_* kind and stores the chain's first byte in *start. */
int kz_abbrev_lookup(const unsigned char *s, size_t dot, int lang, size_t *start);

/* Picks kk, ru or en from the letters of s[0..n) (first few KB only). */
int kz_guess_lang(const unsigned char *s, size_t n);

/* Validates flags and input under the invalid-UTF-8 policy. */
kztext_status kz_seg_check(const char *src, size_t len, unsigned flags, size_t *error_offset);

/* Span output into a caller array or a growable one. */
typedef struct kz_spans {
  kztext_span *dst;
  size_t cap, count;
  kztext_span *grow; /* when allocating */
  size_t grow_cap;
  int oom;
  int alloc;
} kz_spans;

/* Grows o->grow; sets o->oom and returns 0 when it cannot. */
int kz_spans_grow(kz_spans *o);
static inline void kz_spans_add(kz_spans *o, size_t start, size_t end) {
  if (o->alloc) {
    if (o->oom || (o->count == o->grow_cap && !kz_spans_grow(o))) return;
    o->grow[o->count].start = start;
    o->grow[o->count].end = end;
  } else if (o->count < o->cap) {
    o->dst[o->count].start = start;
    o->dst[o->count].end = end;
  }
  o->count++;
}

/* Opens the segmenter's UText over s[0..n) and sets it on `bi`. */
kztext_status kz_seg_set_text(kztext_segmenter *seg, UBreakIterator *bi, const char *s, size_t n);

/* ICU's word boundaries over s[0..n), walked in order (words.c): the same
 * boundaries as ubrk_next() gives, without ICU where the text is simple. */
#define KZ_WORDS_BATCH 64
typedef struct kz_words {
  kztext_segmenter *seg;
  const unsigned char *s;
  const unsigned char *lead; /* seg->lead for valid UTF-8, else NULL */
  size_t n, pos;             /* pos: the last boundary found */
  size_t icu_at;             /* where ICU's iterator stands */
  int icu_on, in_icu;        /* ICU has the text; ICU decides the next boundary */
  int kind;                  /* of the segment returned last: KZ_SEG_* or 0 (unknown) */
  /* Boundaries found ahead, in batches: bound[at..len) and their kinds. */
  size_t bound[KZ_WORDS_BATCH];
  unsigned char kinds[KZ_WORDS_BATCH];
  unsigned at, len;
  int icu_only;         /* for tests: every boundary from ICU */
  kztext_status status; /* set when ICU fails (then the walk ends) */
} kz_words;
#define KZ_WORDS_DONE ((size_t)-1)
#define KZ_SEG_PLAIN 1 /* alphabetic letters only */
#define KZ_SEG_SPACE 2 /* white space or a line break (all kz_is_space) */

/* Fills seg->wb (once, when the segmenter is made; bi: a word iterator,
 * whose text it sets).  Returns 0 when ICU fails (out of memory). */
int kz_words_table(unsigned char *table, unsigned char *lead, UBreakIterator *bi);
/* valid: s[0..n) is known to be valid UTF-8 (a faster scan). */
void kz_words_start(kz_words *w, kztext_segmenter *seg, const unsigned char *s, size_t n, int valid,
                    int icu_only);
/* Finds the next batch; 0 at the end of the text or on an ICU error. */
int kz_words_fill(kz_words *w);
/* The next boundary after the last one (the first call: after 0), or
 * KZ_WORDS_DONE past the end of the text or on an ICU error (w->status). */
static inline size_t kz_words_next(kz_words *w) {
  if (w->at == w->len && !kz_words_fill(w)) {
    w->kind = 0;
    return KZ_WORDS_DONE;
  }
  w->kind = w->kinds[w->at];
  return w->bound[w->at++];
}

/* Internal drivers. */
kztext_status kz_sentences_run(kztext_segmenter *seg, const unsigned char *s, size_t n, int lang,
                               unsigned flags, kz_spans *out);
kztext_status kz_tokens_run(kztext_segmenter *seg, const unsigned char *s, size_t n, int lang,
                            unsigned flags, kz_spans *out);

/* For tests: kz_tokens_run() with every boundary from ICU's iterator and
 * no shortcut, as tokens were made before the scan (words.c). */
kztext_status kz_tokens_reference(kztext_segmenter *seg, const unsigned char *s, size_t n, int lang,
                                  kz_spans *out);

/* For tests: runs the sentence pass over valid UTF-8 s[0..n) and stores in
 * *rule the name of the rule (cluster_rules[] in sentences.c) that decided
 * its first cluster of terminators, or NULL when it has none. */
kztext_status kz_sentences_first_rule(kztext_segmenter *seg, const char *s, size_t n, int lang,
                                      const char **rule);
/* For tests: the name of the i-th cluster rule, NULL past the last. */
const char *kz_sentence_rule_name(size_t i);

#endif

/* Internal interface of the transliteration module.
 *
 * Every converter reads valid NFC UTF-8 (translit.c validates, repairs and
 * normalizes first) and writes into a buffer the caller sized with
 * kz_tl_factor(): converters never check capacity, which keeps the hot loops
 * free of bounds tests.  When `sv` is not NULL they also record the
 * alignment. */
#ifndef KZTEXT_TRANSLIT_INT_H
#define KZTEXT_TRANSLIT_INT_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <kztext.h>

/* Schemes are 0..KZ_SCHEME_COUNT-1 (KZTEXT_SCHEME_AUTO aside); internal so
 * that a new scheme does not change a constant compiled into callers. */
#define KZ_SCHEME_COUNT 12

/* Reverse direction by rules alone, no lexicon: for measuring the lexicon
 * and for its generator, never for users, so it is not a public flag.  It
 * sits in the bit core.h reserves for the library (the public functions
 * reject it) and only kz_translit_tool_alloc() accepts it. */
#define KZ_TRANSLIT_NO_LEXICON 0x80000000u

/* latin2021 typed without İ (kz_tl_undotted()): set by the library on such
 * a text, never by users.  Its bit is a pipeline flag's (core.h), which no
 * translit function accepts: it is added after the caller's flags are
 * checked and never leaves this module. */
#define KZ_TRANSLIT_UNDOTTED 0x40000000u

/* kztext_translit_alloc() that also accepts KZ_TRANSLIT_NO_LEXICON; for the
 * tools-only program tools/translit_rules.c and the tests, which link the
 * static library (the shared library does not export it). */
kztext_status kz_translit_tool_alloc(const char *src, size_t len, kztext_scheme from,
                                     kztext_scheme to, unsigned flags, char **out, size_t *out_len,
                                     size_t *error_offset);

/* Forward (Cyrillic -> scheme) table entry, indexed by cp - 0x400. */
enum { KZ_F_PASS = 1, KZ_F_MULTI = 2, KZ_F_CTX = 4 };
typedef struct kz_fwd_entry {
  uint8_t len;   /* bytes of out (lower case, or title case for a capital) */
  uint8_t ulen;  /* bytes of up (the capital inside an ALL-CAPS word) */
  uint8_t flags; /* KZ_F_* */
  char out[16];
  char up[16];
} kz_fwd_entry;

/* Cyrillic letter classes (kz_cyr_class). */
enum { KZ_C_LETTER = 1, KZ_C_UPPER = 2, KZ_C_VOWEL = 4, KZ_C_FRONT = 8, KZ_C_BACK = 16 };

/* Reverse key: a sequence of Latin symbols and its Cyrillic target (a
 * lower-case code point, 0 = dropped, 0xE001.. = an ambiguity class). */
typedef struct kz_rev_key {
  uint8_t sym[4];
  uint8_t n;
  uint16_t target;
} kz_rev_key;

/* Ambiguity classes of reverse.tsv, in the generator's order. */
enum {
  KZ_AMB_I = 0xE001,  /* и|й */
  KZ_AMB_H = 0xE002,  /* х|һ */
  KZ_AMB_E = 0xE003,  /* е|э */
  KZ_AMB_AE = 0xE004, /* ә|я (2018 á) */
  KZ_AMB_OE = 0xE005, /* ө|ё (2018 ó) */
  KZ_AMB_UE = 0xE006, /* ү|ю (2018 ú) */
  KZ_AMB_S = 0xE007,  /* с|ц (2018 s) */
  KZ_AMB_SH = 0xE008, /* ш|щ (2018 sh) */
  KZ_AMB_Y = 0xE009   /* ы|й (bgn y) */
};

/* Growable alignment. */
typedef struct kz_spanv {
  kztext_alignment *v;
  size_t n, cap;
  int oom;
  int last_pass; /* the last span is an identity run */
} kz_spanv;

/* Appends a span; an identity run (pass) that continues the previous
 * identity run is merged into it. */
static inline void kz_span_add(kz_spanv *sv, size_t s0, size_t s1, size_t d0, size_t d1, int pass) {
  if (sv->oom) return;
  if (pass && sv->last_pass && sv->n) {
    kztext_alignment *l = &sv->v[sv->n - 1];
    if (l->src_end == s0 && l->dst_end == d0) {
      l->src_end = s1;
      l->dst_end = d1;
      return;
    }
  }
  if (sv->n == sv->cap) {
    size_t cap = sv->cap ? sv->cap * 2 : 256;
    kztext_alignment *p = realloc(sv->v, cap * sizeof *p);
    if (!p) {
      sv->oom = 1;
      return;
    }
    sv->v = p;
    sv->cap = cap;
  }
  kztext_alignment *sp = &sv->v[sv->n++];
  sp->src_start = s0;
  sp->src_end = s1;
  sp->dst_start = d0;
  sp->dst_end = d1;
  sv->last_pass = pass;
}

/* Largest output / input byte ratio of one conversion step. */
enum { KZ_FACTOR_FROM_CYR = 4, KZ_FACTOR_TO_CYR = 3 };

/* Cyrillic -> Latin scheme or Arabic.  Returns the output length. */
size_t kz_tl_from_cyrillic(const unsigned char *s, size_t n, kztext_scheme to, unsigned flags,
                           char *out, kz_spanv *sv);
size_t kz_tl_cyr_fast(const unsigned char *s, size_t n, kztext_scheme to, char *out);
/* the same with the AVX-512 loop allowed (wide, where the CPU has it) or not */
size_t kz_tl_cyr_fast_simd(const unsigned char *s, size_t n, kztext_scheme to, char *out, int wide);
size_t kz_tl_cyr_to_arabic(const unsigned char *s, size_t n, unsigned flags, char *out,
                           kz_spanv *sv);
/* Cyrillic -> press or passport Latin, -> the Russian form (press.c), and
 * press -> Cyrillic (press_reverse.c). */
size_t kz_tl_cyr_to_press(const unsigned char *s, size_t n, int passport, char *out, kz_spanv *sv);
size_t kz_tl_cyr_to_ru(const unsigned char *s, size_t n, char *out, kz_spanv *sv);
size_t kz_tl_press_to_cyr(const unsigned char *s, size_t n, char *out, kz_spanv *sv);
/* Is the ASCII word s[0..n) (any case) in hunspell-en-us, or an inflected
 * form of an entry (-s -ed -ing ...)?  The press reader's English list. */
int kz_tl_english_word(const unsigned char *s, size_t n);
/* The Russian name of a place of Kazakhstan whose Kazakh name is the
 * lower-case Cyrillic kk[0..n) (data/names/places.tsv: Орал -> уральск), or
 * NULL; lower case, NUL-terminated. */
const char *kz_tl_place_ru(const char *kk, size_t n);
/* The same for the places the press romanizes from their Russian name
 * (Екібастұз: экибастуз, Ekibastuz), or NULL. */
const char *kz_tl_place_press(const char *kk, size_t n);
/* May a key of kz_tl_place_ru's table (press: of kz_tl_place_press's) begin
 * with the lower-case letters a, b?  The test before a word is lowered and
 * looked up. */
int kz_tl_place_start(uint32_t a, uint32_t b, int press);
uint32_t kz_tl_cyr_lower1(uint32_t cp);
/* Does the word around the ASCII letter s[i] mix Cyrillic letters with
 * Latin look-alikes only ("бepici")?  Then kz_tl_from_cyrillic() reads the
 * look-alikes as the Cyrillic letters they stand for.  *m keeps the verdict
 * on the last word asked about (start it zeroed): a word of many runs of
 * ASCII letters is read once. */
typedef struct kz_mixed_memo {
  size_t a, b; /* the word's bytes */
  int mixed;
} kz_mixed_memo;
int kz_tl_mixed_word(const unsigned char *s, size_t n, size_t i, kz_mixed_memo *m);
/* Latin scheme -> Cyrillic: s[from..n), with the text before it in view
 * (a word glued to letters before it is judged with them). */
size_t kz_tl_latin_to_cyr(const unsigned char *s, size_t from, size_t n, kztext_scheme sc,
                          unsigned flags, char *out, kz_spanv *sv);
size_t kz_tl_arabic_to_cyr(const unsigned char *s, size_t n, unsigned flags, char *out,
                           kz_spanv *sv);
/* The same in one pass over plain text (valid UTF-8 that NFC leaves alone:
 * ASCII, Arabic letters, a few punctuation marks); (size_t)-1 for any other
 * text, which takes the general route.  out: 4 * n + 32 bytes. */
size_t kz_tl_arabic_fast(const unsigned char *s, size_t n, unsigned flags, char *out);
/* Both with a memo of converted words that the pieces of one text share
 * (kz_tl_amemo_new(total input): NULL for inputs too small to repay it) or
 * that a kztext_transliterator keeps across calls (kz_tl_amemo_renew(m, n):
 * m, or a new one when m is NULL or smaller than n wants).  A memo serves
 * one value of the lexicon flag.  NULL (out of memory) only costs speed. */
typedef struct kz_tl_amemo kz_tl_amemo;
kz_tl_amemo *kz_tl_amemo_new(size_t n);
kz_tl_amemo *kz_tl_amemo_renew(kz_tl_amemo *m, size_t n);
void kz_tl_amemo_free(kz_tl_amemo *m);
size_t kz_tl_arabic_to_cyr_memo(const unsigned char *s, size_t n, unsigned flags, char *out,
                                kz_tl_amemo *m);
size_t kz_tl_arabic_fast_memo(const unsigned char *s, size_t n, unsigned flags, char *out,
                              kz_tl_amemo *m);

/* Lexicon lookup for the reverse direction: `key` is the lower-case word in
 * the scheme's letters (UTF-8).  Returns the length of the longest key that
 * is a prefix of it and usable there, and its Cyrillic replacement. */
size_t kz_tl_lexicon(int scheme2018, const unsigned char *key, size_t n, int whole_word,
                     const char **cyr, size_t *cyr_len);

/* The lexicon read with a soft sign written as i (batalion: батальон), for
 * the tokens `code` past the first `from`: tokens covered, 0 if none. */
int kz_tl_lexicon_soft(int scheme2018, const uint16_t *code, int m, int from, const char **cyr,
                       size_t *cyr_len);

/* Does key (lower-case Latin from an e inside a word) begin with a
 * combining form in э (энерго, эконом) that starts a compound's second part? */
int kz_tl_inner_loan(int scheme2018, const unsigned char *key, size_t n);
const char *const *kz_tl_inner_keys(int scheme2018, size_t *n); /* the forms, lower-case Latin */
/* A filter for kz_tl_inner_loan: bit (b2 & 31) of pairs[b1 & 31] is set
 * for the second and third bytes b1, b2 of every form. */
void kz_tl_inner_pairs(int scheme2018, uint32_t pairs[32]);

/* The lexicon trie itself, for callers that walk it byte by byte. */
const uint64_t *kz_tl_lex_nodes(int scheme2018, const char **pool, const uint32_t **root,
                                const uint32_t (**l2)[256]);
#define N_LABEL(x) ((unsigned)((x)&0xFF))
#define N_NCHILD(x) ((unsigned)(((x) >> 8) & 0x3F))
#define N_WHOLE(x) ((unsigned)(((x) >> 14) & 1))
#define N_VLEN(x) ((unsigned)(((x) >> 15) & 0x7F))
#define N_FIRST(x) ((uint32_t)(((x) >> 22) & 0xFFFFF))
#define N_VAL(x) ((uint32_t)(((x) >> 42) & 0x3FFFFF))

/* One trie step: the child of node `nd` labelled b, or 0 (the root is never
 * a child, so 0 means "none").  A branch-free binary search: the children
 * of a node are few and their labels unpredictable, so mispredicted
 * branches, not loads, would cost most. */
static inline uint64_t kz_tl_lex_step(const uint64_t *T, uint64_t nd, unsigned b) {
  uint32_t cnt = N_NCHILD(nd);
  if (!cnt) return 0;
  const uint64_t *base = T + N_FIRST(nd);
  while (cnt > 1) {
    uint32_t half = cnt / 2;
    base = (N_LABEL(base[half]) <= b) ? base + half : base;
    cnt -= half;
  }
  return N_LABEL(base[0]) == b ? base[0] : 0;
}

/* latin2021 words made only of the official letters, without offsets: a
 * one-pass path; returns the bytes consumed or 0 to use the general path.
 * opts: KZ_W21_LEXICON (read with the lexicon), KZ_W21_UNDOTTED (the text is
 * typed without İ: a capital I is the general path's). */
enum { KZ_W21_LEXICON = 1, KZ_W21_UNDOTTED = 2 };
/* The opts of a conversion's flags: all that a word's conversion depends on
 * (a transliterator keeps a memo per value of the one a public call varies,
 * KZ_TRANSLIT_UNDOTTED: translit.c) */
static inline unsigned kz_tl_w21_opts(unsigned flags) {
  return (flags & KZ_TRANSLIT_NO_LEXICON ? 0u : KZ_W21_LEXICON) |
         (flags & KZ_TRANSLIT_UNDOTTED ? KZ_W21_UNDOTTED : 0u);
}
/* The verdict on the run of glued humps (camelCase: JavaScript, iPhone) that
 * the word at s[a] is in: whether it passes through whole as a name
 * (to_cyrillic.c).  A conversion keeps the last one, so that a run is
 * judged once, not again for each of its humps (zero it first). */
typedef struct kz_tl_group {
  const unsigned char *s;
  size_t start, end; /* the run's bytes, as far as they were looked at */
  int foreign;
} kz_tl_group;
int kz_tl_group_foreign(const unsigned char *s, size_t lim, size_t a, kztext_scheme sc,
                        kz_tl_group *g);
size_t kz_tl_fast_word_2021(const unsigned char *s, size_t n, size_t i, char **o, unsigned opts,
                            kz_tl_group *g);
/* Where the plain letters from s[i] end (ASCII letters, two-byte Latin
 * letters, format characters inside a word), which the latin2021 one-pass
 * route converts, having checked them; punctuation or another script ends
 * them.  (size_t)-1: a combining mark, a three-byte letter or invalid
 * UTF-8 first, which are the general route's (word2021.c). */
size_t kz_tl_plain_extent(const unsigned char *s, size_t n, size_t i);
/* The latin2021 lexicon's tables, fetched once per call of a converter. */
typedef struct kz_lex_view {
  const uint64_t *T;
  const char *pool;
  const uint32_t *root;
  const uint32_t (*l2)[256];
  uint32_t inner_pairs[32]; /* kz_tl_inner_pairs(0) */
} kz_lex_view;
void kz_tl_lex_view_init(kz_lex_view *L);
/* kz_tl_fast_word_2021 with the tables already fetched (word2021.c). */
size_t kz_tl_word2021(const unsigned char *s, size_t n, size_t i, char **o, unsigned opts,
                      const kz_lex_view *L, kz_tl_group *g);
/* Crawled text glues words together (сапарПоделиться, ҚРПремьер): a word
 * ends before a capital that follows a small letter, and before the last
 * capital of a capital run when a small letter follows it.  Inline: the
 * latin2021 word loop asks it for every capital. */
static inline int kz_tl_glued_word_ends(const unsigned char *s, size_t n, size_t p, size_t l,
                                        int nletters, int cap, int prev_cap) {
  if (!nletters || !cap) return 0;
  if (!prev_cap) return 1;
  if (nletters < 2) return 0;
  return p + l < n && s[p + l] >= 'a' && s[p + l] <= 'z';
}
size_t kz_tl_latin2021_fast(const unsigned char *s, size_t n, unsigned flags, char *out);
/* The same with a memo of converted words kept by the caller, so that the
 * pieces of one text (auto mode converts it line block by line block) share
 * one: kz_tl_memo_new(total input) is NULL for inputs too small to repay it
 * (or out of memory), and a NULL memo only costs speed.  A memo serves one
 * flags value. */
typedef struct kz_tl_memo kz_tl_memo;
/* The size of a word memo for an input of n bytes, as a power of two:
 * about one entry per `per` bytes (word forms grow slower than text), from
 * 2^10 to 2^max. */
static inline unsigned kz_tl_memo_bits(size_t n, size_t per, unsigned max) {
  unsigned bits = 10;
  while (bits < max && ((size_t)1 << bits) < n / per)
    bits++;
  return bits;
}
kz_tl_memo *kz_tl_memo_new(size_t n);
/* A memo kept across calls (kztext_transliterator): m when it is as large
 * as an input of n bytes wants, else a larger, empty one (m is freed); NULL
 * when out of memory. */
kz_tl_memo *kz_tl_memo_renew(kz_tl_memo *m, size_t n);
void kz_tl_memo_free(kz_tl_memo *m);
size_t kz_tl_latin2021_fast_memo(const unsigned char *s, size_t n, unsigned flags, char *out,
                                 kz_tl_memo *m);
/* next: the byte after the word (0 at the end); g: the conversion's
 * verdict on glued humps */
size_t kz_tl_latin_word(const unsigned char *s, size_t e, size_t i, kztext_scheme sc,
                        unsigned flags, unsigned next, char **o, kz_tl_group *g);

/* Character classes shared by the converters. */
int kz_tl_is_arabic_letter(uint32_t cp);
int kz_tl_is_latin_letter(uint32_t cp);
/* The second half of a 2017 pair: ' and the look-alikes real text types
 * for it (’ ʼ ‘ ʻ ` ´ ′). */
static inline int kz_tl_is_apos(uint32_t cp) {
  return cp == '\'' || cp == 0x2019 || cp == 0x2BC || cp == 0x2018 || cp == 0x2BB || cp == '`' ||
         cp == 0xB4 || cp == 0x2032;
}
static inline int kz_tl_is_cyr_letter(uint32_t cp) { return (cp >= 0x400 && cp <= 0x4FF); }
/* Where a URL or an e-mail address starts in the token s[0..n) (n: none):
 * at "www." that starts it, or back from "://" over the scheme, or back
 * from '@' over the local part, or back from a domain's dot over the site's
 * name, whichever comes first in the first KZ_URL_SEARCH_MAX bytes (no
 * address starts later: a token of many dots or pieces of markup costs
 * its length, not its square); *end: where it ends, the token's end but
 * after a site's name that no path follows. */
enum { KZ_URL_SEARCH_MAX = 512 };
size_t kz_tl_url_start(const unsigned char *s, size_t n, size_t *end);
/* Is s[i] the dot of a site's address: after a letter or digit, before a
 * top-level domain a news text names (kz, com, me...) that no letter or
 * digit follows? */
int kz_tl_domain_dot(const unsigned char *s, size_t i, size_t n);
/* Whether latin2021 text s[0..n) is typed without İ: it has no İ, and a
 * word starts with a capital I before a vowel, which is и or я (Iasaui,
 * Iaponiia), written İ by the alphabet.  Then capital I is read by
 * latin2018's rules for its I (to_cyrillic.c, capital_i), ALL CAPS too. */
int kz_tl_undotted(const unsigned char *s, size_t n);
/* The bytes of the invisible format characters at s[p] that a word goes on
 * after (a soft hyphen U+00AD, U+200B-U+200D, U+2060, U+FEFF: pages put
 * them inside words for hyphenation and line breaks), when a Latin letter
 * follows them, else 0.  The word reads as one; they stay, after the letter
 * or letters their place falls in. */
static inline size_t kz_tl_format_in_word(const unsigned char *s, size_t p, size_t n);
/* ...the test of its lead bytes, which callers ask at every word's end,
 * and the rest, out of line */
static inline int kz_tl_format_lead(unsigned c) { return c == 0xC2 || c == 0xE2 || c == 0xEF; }
/* The bytes of the format character at s[p] (one of those above), or 0. */
static inline size_t kz_tl_format_len(const unsigned char *s, size_t p, size_t n) {
  if (p + 1 < n && s[p] == 0xC2 && s[p + 1] == 0xAD) return 2;
  if (p + 2 >= n) return 0;
  if (s[p] == 0xE2 && ((s[p + 1] == 0x80 && s[p + 2] >= 0x8B && s[p + 2] <= 0x8D) ||
                       (s[p + 1] == 0x81 && s[p + 2] == 0xA0)))
    return 3;
  return s[p] == 0xEF && s[p + 1] == 0xBB && s[p + 2] == 0xBF ? 3 : 0;
}
/* A lead byte of the two-byte Latin letters (U+00C0..U+024F) */
static inline int kz_tl_latin_lead(unsigned c) { return c - 0xC3u < 7u; }
/* Does a Latin letter (ASCII or two-byte) end right before s[i]? */
static inline int kz_tl_letter_before(const unsigned char *s, size_t i) {
  return i > 0 && ((s[i - 1] | 0x20u) - (unsigned)'a' < 26u ||
                   (s[i - 1] - 0x80u < 0x40u && i > 1 && kz_tl_latin_lead(s[i - 2])));
}
size_t kz_tl_format_run(const unsigned char *s, size_t p, size_t n);
static inline size_t kz_tl_format_in_word(const unsigned char *s, size_t p, size_t n) {
  return p < n && kz_tl_format_lead(s[p]) ? kz_tl_format_run(s, p, n) : 0;
}
/* The length of the HTML tag or character reference at s[i] ('<' or '&')
 * of s[0..n), which passes through as an address does, or 0. */
size_t kz_tl_markup_len(const unsigned char *s, size_t i, size_t n);

#endif

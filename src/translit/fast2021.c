/* latin2021 -> Cyrillic in one pass over the whole text, when it is plain
 * (no alignment, only ASCII, the 2021 letters and NFC-inert characters): a
 * specialisation of the general route for the commonest input.  Words go to
 * the latin2021 word route (word2021.c), which runs the rules of
 * latin_rules.h, through a memo of converted words; what that route
 * declines goes to the general one (to_cyrillic.c).  Both are checked equal
 * by the fuzz target (plain vs offsets) and tools/eval_translit.py. */
#include "translit/translit_int.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif

static int is_space(unsigned c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* ASCII classes of the one-pass loop */
/* AC_DOT: maybe a site's name (Zakon.kz) */
enum { AC_OTHER = 0, AC_DOT, AC_SPACE, AC_LETTER, AC_URL, AC_MARKUP };
static const uint8_t ascii_class[128] = {['\t'] = AC_SPACE,
                                         ['\n'] = AC_SPACE,
                                         ['\v'] = AC_SPACE,
                                         ['\f'] = AC_SPACE,
                                         ['\r'] = AC_SPACE,
                                         [' '] = AC_SPACE,
                                         ['@'] = AC_URL,
                                         [':'] = AC_URL,
                                         ['.'] = AC_DOT,
                                         ['<'] = AC_MARKUP,
                                         ['&'] = AC_MARKUP,
                                         ['{'] = AC_MARKUP,
#define L(c) [c] = AC_LETTER, [c - 32] = AC_LETTER
                                         L('a'),
                                         L('b'),
                                         L('c'),
                                         L('d'),
                                         L('e'),
                                         L('f'),
                                         L('g'),
                                         L('h'),
                                         L('i'),
                                         L('j'),
                                         L('k'),
                                         L('l'),
                                         L('m'),
                                         L('n'),
                                         L('o'),
                                         L('p'),
                                         L('q'),
                                         L('r'),
                                         L('s'),
                                         L('t'),
                                         L('u'),
                                         L('v'),
                                         L('w'),
                                         L('x'),
                                         L('y'),
                                         L('z')
#undef L
};

/* A byte a Latin word of the loop goes on with: an ASCII letter or the lead
 * of a two-byte Latin letter (C3..C9). */
static inline int word_byte(unsigned d) {
  return d < 0x80 ? ascii_class[d] == AC_LETTER : kz_tl_latin_lead(d);
}

/* What the words of one conversion share: the lexicon's tables, the extent
 * of the last word other_word() validated, the last run of glued humps
 * judged (kz_tl_group_foreign). */
typedef struct words_state {
  kz_lex_view L;
  size_t ext;
  kz_tl_group group;
} words_state;

/* A word the fast path does not take (English words with c w x, variant
 * letters): validate its extent (ASCII letters and two-byte letters, no
 * combining mark after it) and hand it to the general word converter. */
static size_t other_word(const unsigned char *s, size_t n, size_t i, unsigned flags, char **o,
                         words_state *ws) {
  /* a word longer than the converter takes (64 letters) comes here a piece
   * at a time: its extent, once found, is kept in ws->ext (a scan for each
   * piece would cost the word its length squared) */
  if (i < ws->ext)
    return kz_tl_latin_word(s, ws->ext, i, KZTEXT_SCHEME_LATIN2021, flags,
                            ws->ext < n ? s[ws->ext] : 0, o, &ws->group);
  const size_t e = kz_tl_plain_extent(s, n, i);
  if (e == (size_t)-1) return 0; /* a mark, a three-byte letter, invalid: the general route's */
  ws->ext = e;
  return kz_tl_latin_word(s, e, i, KZTEXT_SCHEME_LATIN2021, flags, e < n ? s[e] : 0, o, &ws->group);
}

/* A memo of converted words, a call's own or one a kztext_transliterator
 * keeps from call to call (translit.c).  News text is Zipfian (corpus/kk:
 * 30,400 word forms in 273,000 words), and a word's conversion depends only
 * on its bytes and on whether a hyphen follows (аль-) when an ASCII
 * non-letter, C2 or E2 (or the end) follows it, so that hyphen is part of
 * the key: the fast path reads one byte past a word, to end it, and nothing
 * else outside it (kz_tl_glued_word_ends asks only whether it is a-z).
 * The key is the word's bytes, zero-padded to 16 (99% of words) or 32.
 * A table of 8-byte entries, open addressing with linear probing: an entry
 * holds 24 bits of the key's hash, the key's length, where the key and the
 * output lie in an arena filled in first-occurrence order (the commonest
 * words, met first, lie together at its start) and the output's length.
 * A hit reads the entry, compares the key in the arena and copies the
 * output after it: two dependent loads, both in cache for frequent words.
 * For corpus/kk a fresh memo touches about 2.5 MiB (a 1 MiB table, the
 * arena).  Fixed size, hence bounded memory (full, it starts again); a
 * call's own only for inputs that repay the allocation. */
/* key and output bytes at most; in-place reads of the word at s[i] need
 * i + MEMO_READ <= n */
enum { MEMO_KEY = 32, MEMO_OUT = 48, MEMO_READ = 48, MEMO_MIN_INPUT = 32768 };
/* a memo kept across calls starts at 2^16 entries (32,768 keys, a news text's vocabulary
 * of about 2.5 MB: 0.5 MiB of table and at most 2 MiB of arena) */
enum { MEMO_KEPT_BITS = 16 };
/* check << 40 | key length << 32 | arena offset / 16 << 8 | MEMO_RUN | output length;
 * 0: empty */
typedef uint64_t memo_entry;
/* A run of glued humps (JavaScript, QazAqparat), converted hump by hump: its
 * output depends on the run alone (kz_tl_group_foreign judges it whole)
 * but where a format character before it joins it to letters; the entry
 * serves only where none does. */
enum { MEMO_RUN = 0x80 };

/* Is there a format character (kz_tl_format_len) right before s[i]? */
static int format_before(const unsigned char *s, size_t i) {
  return (i >= 2 && kz_tl_format_len(s, i - 2, i) == 2) ||
         (i >= 3 && kz_tl_format_len(s, i - 3, i) == 3);
}

static inline uint64_t load8(const void *p) {
  uint64_t v;
  memcpy(&v, p, 8);
  return v;
}

/* the bytes of a word for the memo: ASCII letters and every byte >= 0x80
 * but the lead bytes C2 (NBSP « ») and E2 (— “ ” ’), which end a word as a
 * space does (a word ending in another character is longer here than the
 * converter's word, and is simply not memoised); SSE2 tests them as
 * memo_mask16 does */
#ifndef __SSE2__
#define A4(x) x, x, x, x
#define A16(x) A4(x), A4(x), A4(x), A4(x)
static const uint8_t memo_bytes[256] = {
    A16(0), A16(0), A16(0), A16(0), /* 00..3F */
    0,      A4(1),  A4(1),  A4(1),  A4(1), A4(1), A4(1), 1,
    1,      0,      0,      0,      0,     0, /* @ A..Z [ \ ] ^ _ */
    0,      A4(1),  A4(1),  A4(1),  A4(1), A4(1), A4(1), 1,
    1,      0,      0,      0,      0,     0,                     /* ` a..z { | } ~ DEL */
    A16(1), A16(1), A16(1), A16(1),                               /* 80..BF */
    1,      1,      0,      1,      A4(1), A4(1), A4(1), A16(1),  /* C0..DF, C2 not */
    1,      1,      0,      1,      A4(1), A4(1), A4(1), A16(1)}; /* E0..FF, E2 not */
#undef A16
#undef A4
#endif

/* Bit k set: p[k] is a memo byte (memo_bytes), for k < 16 */
static inline unsigned memo_mask16(const unsigned char *p) {
#ifdef __SSE2__
  const __m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
  /* (x | 0x20) - 'a' < 26 as a signed compare after a bias, or >= 0x80 */
  const __m128i let = _mm_cmplt_epi8(
      _mm_add_epi8(_mm_or_si128(x, _mm_set1_epi8(0x20)), _mm_set1_epi8((char)(0x80 - 'a'))),
      _mm_set1_epi8((char)(-128 + 26)));
  const __m128i stop = _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8((char)0xC2)),
                                    _mm_cmpeq_epi8(x, _mm_set1_epi8((char)0xE2)));
  return (unsigned)_mm_movemask_epi8(_mm_andnot_si128(stop, _mm_or_si128(let, x)));
#else
  unsigned m = 0;
  for (int k = 0; k < 16; k++)
    m |= (unsigned)memo_bytes[p[k]] << k;
  return m;
#endif
}

/* The length of the memo word at p, up to 33 (33: longer than the longest
 * key; a word of exactly 32 bytes is a key, and a longer one that starts
 * with it must not find it) */
static inline unsigned memo_len(const unsigned char *p) {
  unsigned l = (unsigned)__builtin_ctz(~memo_mask16(p));
  if (l == 16) l += (unsigned)__builtin_ctz(~memo_mask16(p + 16));
  if (l == 32) l += memo_mask16(p + 32) & 1;
  return l;
}

/* The first kl (<= 32) bytes of a word as four 8-byte words, the rest
 * zero.  Word bytes are never 0, so it fixes the length. */
typedef struct memo_key {
  uint64_t w[4];
} memo_key;

static inline void key_of(const unsigned char *p, unsigned kl, memo_key *k) {
  /* 32 bytes kept, then 32 dropped: the mask of kl bytes starts at keep[32 - kl] */
  static const unsigned char keep[64] = {0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
                                         0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
                                         0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
                                         0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF};
  const unsigned char *mk = keep + 32 - kl;
  k->w[0] = load8(p) & load8(mk);
  k->w[1] = load8(p + 8) & load8(mk + 8);
  if (kl > 16) {
    k->w[2] = load8(p + 16) & load8(mk + 16);
    k->w[3] = load8(p + 24) & load8(mk + 24);
  }
}

/* The home index of a key of kl bytes, and the top half its entry holds
 * (want: 24 bits of the hash and kl, never 0). */
static inline size_t memo_home(unsigned bits, const memo_key *k, unsigned kl, uint32_t *want) {
  uint64_t x = k->w[0] ^ (k->w[1] * 0xC2B2AE3D27D4EB4Full);
  if (kl > 16) x ^= (k->w[2] * 0x165667B19E3779F9ull) ^ (k->w[3] * 0x27D4EB2F165667C5ull);
  const uint64_t h = x * 0x9E3779B97F4A7C15ull;
  *want = (uint32_t)(h >> 8) & 0xFFFFFF00u;
  *want |= kl;
  return (size_t)(h >> (64 - bits));
}

/* Whether the arena bytes at a hold the key of kl bytes */
static inline int key_at(const unsigned char *a, const memo_key *k, unsigned kl) {
  uint64_t d = (load8(a) ^ k->w[0]) | (load8(a + 8) ^ k->w[1]);
  if (kl > 16) d |= (load8(a + 16) ^ k->w[2]) | (load8(a + 24) ^ k->w[3]);
  return d == 0;
}

/* Copies MEMO_OUT bytes from the arena, at least the output: in place
 * (i + MEMO_READ <= n) the output buffer has room for them
 * (kz_tl_latin2021_fast's contract: 4 bytes a byte of input and 32 more,
 * and at most 3 written a byte read); the arena has them after any
 * entry. */
static inline void copy48(char *d, const unsigned char *src) {
#ifdef __SSE2__
  for (int q = 0; q < 48; q += 16)
    _mm_storeu_si128((__m128i *)(void *)(d + q),
                     _mm_loadu_si128((const __m128i *)(const void *)(src + q)));
#else
  memcpy(d, src, 48);
#endif
}

/* Where the loop may go on with a word after a single space: an ASCII
 * letter but w (www.: the loop looks), or a Latin lead byte C3..C9. */
static const uint8_t word_start[256] = {
#define L(c) [c] = 1, [c - 32] = 1
    L('a'), L('b'),     L('c'),     L('d'),     L('e'),     L('f'),     L('g'),     L('h'),
    L('i'), L('j'),     L('k'),     L('l'),     L('m'),     L('n'),     L('o'),     L('p'),
    L('q'), L('r'),     L('s'),     L('t'),     L('u'),     L('v'),     L('x'),     L('y'),
    L('z'), [0xC3] = 1, [0xC4] = 1, [0xC5] = 1, [0xC6] = 1, [0xC7] = 1, [0xC8] = 1, [0xC9] = 1,
#undef L
};

struct kz_tl_memo {
  memo_entry *tab; /* 2^bits entries, at most half of them used */
  unsigned bits;
  size_t keys;
  unsigned char *arena; /* keys and outputs: cap bytes and MEMO_OUT of zeros after */
  size_t used, cap;
};

/* The memo's view of the word at s[i]: its length l, its key of kl bytes
 * (kl > MEMO_KEY: not memoisable), home index and the top half of its
 * entry. */
typedef struct memo_probe {
  memo_key key;
  size_t at, home;
  uint32_t want;
  unsigned l, kl;
} memo_probe;

static inline void memo_probe_at(const kz_tl_memo *m, const unsigned char *s, size_t n, size_t i,
                                 memo_probe *r) {
  unsigned char buf[MEMO_READ];
  const unsigned char *p = s + i;
  if (i + MEMO_READ > n) { /* near the end: zeros end the word as the end does */
    memset(buf, 0, sizeof buf);
    memcpy(buf, s + i, n - i);
    p = buf;
  }
  r->at = i;
  r->l = memo_len(p);
  r->kl = r->l + (p[r->l] == '-'); /* a hyphen after the word is part of its key: аль- */
  if (kz_tl_format_lead(p[r->l]) && kz_tl_format_run(s, i + r->l, n))
    r->kl = MEMO_KEY + 1; /* the word goes on after a soft hyphen: not memoised */
  if (r->kl <= MEMO_KEY) {
    key_of(p, r->kl, &r->key);
    r->home = memo_home(m->bits, &r->key, r->kl, &r->want);
  }
}

/* The probe of the commonest word, read in place: fewer than 16 bytes and
 * followed by neither a hyphen nor a format character; 0 for any other. */
static inline int memo_probe_short(const kz_tl_memo *m, const unsigned char *p, memo_probe *r) {
  const unsigned l = (unsigned)__builtin_ctz(~memo_mask16(p));
  if (l >= 16 || p[l] == '-' || kz_tl_format_lead(p[l])) return 0;
  r->l = r->kl = l;
  key_of(p, l, &r->key);
  r->home = memo_home(m->bits, &r->key, l, &r->want);
  return 1;
}

/* The output of a probed word at s[i] in the memo, or NULL; *slot: where a
 * miss is to be remembered (NULL: nowhere). */
static inline const unsigned char *memo_find(const kz_tl_memo *m, const memo_probe *r,
                                             const unsigned char *s, size_t i, unsigned *dl,
                                             memo_entry **slot) {
  const size_t mask = ((size_t)1 << m->bits) - 1;
  for (size_t h = r->home;; h = (h + 1) & mask) {
    const memo_entry e = m->tab[h];
    if (!e) {
      *slot = &m->tab[h];
      return NULL;
    }
    if ((uint32_t)(e >> 32) == r->want) {
      const unsigned char *a = m->arena + (size_t)((uint32_t)e >> 8) * 16;
      if (key_at(a, &r->key, r->kl)) {
        if ((e & MEMO_RUN) && format_before(s, i)) {
          *slot = NULL;
          return NULL;
        }
        *dl = (uint8_t)e & ~(unsigned)MEMO_RUN;
        return a + (r->kl > 16 ? 32 : 16);
      }
    }
  }
}

/* Fetches the entry a lookup of a probed word will read first. */
static inline void memo_prefetch(const kz_tl_memo *m, const memo_probe *r) {
  if (r->kl <= MEMO_KEY) __builtin_prefetch(&m->tab[r->home]);
}

/* Remembers the output out[0..dl) of a probed word at slot (found empty by
 * memo_find), flagged `run` (0 or MEMO_RUN). */
static void memo_put(kz_tl_memo *m, memo_entry *slot, const memo_probe *pr, const char *out,
                     size_t dl, unsigned run) {
  if (dl <= MEMO_OUT) {
    const size_t kb = pr->kl > 16 ? 32 : 16, need = kb + ((dl + 15) & ~(size_t)15);
    if (m->used + need > m->cap || m->keys >= (size_t)1 << (m->bits - 1)) {
      /* full: start again */
      memset(m->tab, 0, sizeof *m->tab << m->bits);
      m->used = 0;
      m->keys = 0;
      slot = &m->tab[pr->home];
    }
    unsigned char *a = m->arena + m->used;
    memcpy(a, pr->key.w, kb);
    memcpy(a + kb, out, dl);
    memset(a + kb + dl, 0, need - kb - dl);
    *slot = (uint64_t)pr->want << 32 | (uint64_t)(m->used / 16) << 8 | run | dl;
    m->keys++;
    m->used += need;
  }
}

/* A word the memo does not hold: converted, and remembered at slot (NULL:
 * not memoisable) when the converter took the whole probed word. */
static size_t memo_miss(kz_tl_memo *m, memo_entry *slot, const memo_probe *pr,
                        const unsigned char *s, size_t n, size_t i, unsigned flags, words_state *ws,
                        char **o) {
  char *o0 = *o;
  size_t r = kz_tl_word2021(s, n, i, o, kz_tl_w21_opts(flags), &ws->L, &ws->group);
  if (!r) r = other_word(s, n, i, flags, o, ws);
  if (slot && r == pr->l) memo_put(m, slot, pr, o0, (size_t)(*o - o0), 0);
  return r;
}

/* A memo of 2^bits entries; the arena allows 64 bytes a key (16 or 32 of key, the output
 * rounded up to 16), touched only as it fills. */
static kz_tl_memo *memo_alloc(unsigned bits) {
  kz_tl_memo *m = malloc(sizeof *m);
  if (!m) return NULL;
  m->bits = bits;
  m->cap = ((size_t)1 << m->bits) / 2 * 64;
  m->used = 0;
  m->keys = 0;
  m->tab = calloc((size_t)1 << m->bits, sizeof *m->tab);
  m->arena = calloc(m->cap + MEMO_OUT, 1); /* zeros after the last entry: copy48 reads them */
  if (!m->tab || !m->arena) {
    free(m->tab);
    free(m->arena);
    free(m);
    return NULL;
  }
  return m;
}

/* One entry per 32 input bytes, 2^10 .. 2^19 entries of 8 bytes: a text's vocabulary fits
 * (corpus/kk, 2.6 MB: 30,400 keys in 2^17 entries) and a small input pays little. */
static unsigned memo_bits_for(size_t n) { return kz_tl_memo_bits(n, 32, 19); }

kz_tl_memo *kz_tl_memo_new(size_t n) {
  return n < MEMO_MIN_INPUT ? NULL : memo_alloc(memo_bits_for(n));
}

kz_tl_memo *kz_tl_memo_renew(kz_tl_memo *m, size_t n) {
  unsigned bits = memo_bits_for(n);
  if (bits < MEMO_KEPT_BITS) bits = MEMO_KEPT_BITS;
  if (m && m->bits >= bits) return m;
  kz_tl_memo_free(m);
  return memo_alloc(bits);
}

void kz_tl_memo_free(kz_tl_memo *m) {
  if (!m) return;
  free(m->tab);
  free(m->arena);
  free(m);
}

size_t kz_tl_latin2021_fast(const unsigned char *s, size_t n, unsigned flags, char *out) {
  kz_tl_memo *m = kz_tl_memo_new(n); /* none (a small input, no memory) only costs speed */
  size_t r = kz_tl_latin2021_fast_memo(s, n, flags, out, m);
  kz_tl_memo_free(m);
  return r;
}

/* The whole latin2021 -> Cyrillic conversion in one pass when the text is
 * plain: it validates UTF-8 and checks NFC as it goes (only ASCII, the 2021
 * letters and common punctuation are accepted, all NFC-inert) and gives up
 * with (size_t)-1 on anything else, so the caller takes the general route.
 * URLs and e-mail addresses are found when their '@' or "://" shows up: the
 * token converted so far is rewound and copied as it is. */
size_t kz_tl_latin2021_fast_memo(const unsigned char *s, size_t n, unsigned flags, char *out,
                                 kz_tl_memo *m) {
  words_state ws = {.ext = 0};
  kz_tl_lex_view_init(&ws.L);
  char *o = out;
  size_t i = 0, tok_s = 0, ok_until = 0, tok_end = 0; /* tok_end: of the token an address is in */
  char *tok_o = out;
  int in_tok = 0;
  memo_probe pv[2], *pcur = &pv[0], *nxt = &pv[1]; /* the word at i, the next (at -1: none) */
  pv[0].at = pv[1].at = (size_t)-1;
  while (i < n) {
    unsigned c = s[i];
    if (c < 0x80) {
      const unsigned cl = ascii_class[c];
      if (cl == AC_SPACE) {
        in_tok = 0;
        *o++ = (char)c;
        i++;
        continue;
      }
      if (cl == AC_MARKUP) {
        const size_t l = kz_tl_markup_len(s, i, n);
        if (l) { /* markup passes through (kz_tl_markup_len), and a token starts after it */
          for (size_t k = i; k < i + l; k++)
            if (s[k] >= 0x80) goto fail; /* its bytes are checked by the general route */
          memcpy(o, s + i, l);
          o += l;
          i += l;
          in_tok = 0;
          continue;
        }
      }
      if (!in_tok) {
        in_tok = 1;
        tok_s = i;
        tok_o = o;
        if ((c | 0x20) == 'w' && n - i >= 4 && (s[i + 1] | 0x20) == 'w' &&
            (s[i + 2] | 0x20) == 'w' && s[i + 3] == '.')
          goto url;
      }
      if (cl == AC_URL && ((c == '@' && i > tok_s && i + 1 < n && !is_space(s[i + 1])) ||
                           (c == ':' && i + 2 < n && s[i + 1] == '/' && s[i + 2] == '/')))
        goto url;
      if (cl == AC_DOT && kz_tl_domain_dot(s, i, n)) goto url;
      if (cl == AC_LETTER) goto word;
      *o++ = (char)c;
      i++;
      continue;
    }
    if (!in_tok) {
      in_tok = 1;
      tok_s = i;
      tok_o = o;
    }
    if (c == 0xCC || c == 0xCD || c == 0xE1 || c == 0xEF)
      goto fail;                           /* marks, ties, U+1Exx letters: the general route */
    if (c >= 0xC3 && c <= 0xC9) goto word; /* a Latin letter starts a word */
    if (c == 0xC2 && i + 1 < n && s[i + 1] >= 0x80 && s[i + 1] <= 0xBF) { /* NBSP « » § ° */
      o[0] = (char)c;
      o[1] = (char)s[i + 1];
      o += 2;
      i += 2;
      continue;
    }
    if (c == 0xE2 && i + 2 < n && (s[i + 1] == 0x80 || s[i + 1] == 0x81 || s[i + 1] == 0x84) &&
        (s[i + 2] & 0xC0) == 0x80) {
      uint32_t lo = ((uint32_t)(s[i + 1] & 0x3F) << 6) | (s[i + 2] & 0x3F);
      if (lo == 0x000 || lo == 0x001 || lo == 0x126 || lo == 0x12A || lo == 0x12B)
        goto fail; /* singletons */
      memcpy(o, s + i, 3);
      o += 3;
      i += 3;
      continue;
    }
    if (i >= ok_until) {
      /* other scripts (Arabic, CJK), €: ask the normalizer about the stretch
       * from the previous character to the next ASCII byte */
      size_t a = i, b = i;
      while (a > 0 && (s[a - 1] & 0xC0) == 0x80)
        a--;
      if (a > 0) a--;
      while (a > 0 && (s[a] & 0xC0) == 0x80)
        a--;
      while (b < n && s[b] >= 0x80)
        b++;
      int isn = 0;
      if (kztext_is_normalized((const char *)s + a, b - a, KZTEXT_NORM_NFC, &isn, NULL) !=
              KZTEXT_OK ||
          !isn)
        goto fail;
      ok_until = b;
    }
    {
      size_t l = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
      if (c < 0xC2 || i + l > n) goto fail;
      memcpy(o, s + i, l);
      o += l;
      i += l;
      continue;
    }
  word:
    /* words and the few spaces and punctuation marks between them, without
     * a trip round the loop for each byte: the common shape of running
     * text.  Token starts are kept as the loop keeps them. */
    for (;;) {
      size_t k;
      memo_entry *slot = NULL;
      memo_probe *cur = NULL;
      if (m && i + MEMO_READ <= n) {
        /* a frequent word first, without the look-ahead below */
        memo_probe q;
        unsigned dl;
        const unsigned char *src;
        if (memo_probe_short(m, s + i, &q) && (src = memo_find(m, &q, s, i, &dl, &slot))) {
          copy48(o, src);
          o += dl;
          k = q.l;
          goto done;
        }
      }
      if (m) {
        /* this word, probed a word ago or now, and the next when a single
         * space leads to it: its entry is fetched while this one is done */
        if (nxt->at == i) { /* probed a word ago */
          memo_probe *t = pcur;
          pcur = nxt;
          nxt = t;
        } else {
          memo_probe_at(m, s, n, i, pcur);
        }
        cur = pcur;
        nxt->at = (size_t)-1;
        const size_t j = i + cur->l;
        if (j + 1 < n && s[j] == ' ' && word_start[s[j + 1]]) {
          memo_probe_at(m, s, n, j + 1, nxt);
          memo_prefetch(m, nxt);
        }
        if (cur->kl <= MEMO_KEY) {
          unsigned dl;
          const unsigned char *src = memo_find(m, cur, s, i, &dl, &slot);
          if (src) {
            if (i + MEMO_READ <= n)
              copy48(o, src);
            else
              memcpy(o, src, dl);
            o += dl;
            k = cur->l;
            goto done;
          }
        }
      }
      {
        char *o2 = o; /* o itself stays in a register */
        k = memo_miss(m, slot, cur, s, n, i, flags, &ws, &o2);
        /* the rest of a word the converter took a piece of goes on from the
         * letters before it and may convert otherwise than alone: not from
         * the memo; the whole run, taken, is remembered */
        if (k && i + k < n && word_byte(s[i + k])) {
          do {
            const size_t k2 = memo_miss(m, NULL, NULL, s, n, i + k, flags, &ws, &o2);
            k = k2 ? k + k2 : 0;
          } while (k && i + k < n && word_byte(s[i + k]));
          if (slot && k == cur->l && !format_before(s, i))
            memo_put(m, slot, cur, o, (size_t)(o2 - o), MEMO_RUN);
        }
        o = o2;
      }
      if (!k) goto fail;
    done:
      i += k;
      if (i + 1 < n && s[i] == ' ' && word_start[s[i + 1]]) {
        *o++ = ' ';
        i++;
        tok_s = i;
        tok_o = o;
        in_tok = 1;
        continue;
      }
      while (i < n && s[i] < 0x80 && ascii_class[s[i]] <= AC_SPACE) { /* OTHER, DOT, SPACE */
        if (ascii_class[s[i]] == AC_SPACE) {
          in_tok = 0;
        } else if (!in_tok) {
          in_tok = 1;
          tok_s = i;
          tok_o = o;
        }
        *o++ = (char)s[i++];
      }
      if (i >= n) break;
      unsigned d = s[i];
      if (!word_byte(d)) break;
      if (s[i - 1] == '.') { /* maybe a site's name (Zakon.kz): the loop looks at the dot */
        i--;
        o--;
        break;
      }
      if (!in_tok) {
        if ((d | 0x20) == 'w') break; /* www.: the loop looks */
        in_tok = 1;
        tok_s = i;
        tok_o = o;
      }
    }
    continue;
  url:
    /* copy the address as it is */
    {
      int ascii = 1;
      if (tok_end <= i) { /* (after a site's name the token goes on: its end is known) */
        for (tok_end = i; tok_end < n && !is_space(s[tok_end]); tok_end++)
          if (s[tok_end] >= 0x80) ascii = 0;
      }
      const size_t e = tok_end;
      if (!ascii) { /* the token is copied as it is: it must be valid NFC */
        int isn = 0;
        if (kztext_is_normalized((const char *)s + tok_s, e - tok_s, KZTEXT_NORM_NFC, &isn, NULL) !=
                KZTEXT_OK ||
            !isn)
          goto fail;
      }
      /* text before the address converts as the general route does it; what
       * follows a site's name in the token is a token of its own */
      size_t ue, u = kz_tl_url_start(s + tok_s, e - tok_s, &ue);
      o = tok_o;
      if (u) o += kz_tl_latin_to_cyr(s, tok_s, tok_s + u, KZTEXT_SCHEME_LATIN2021, flags, o, NULL);
      memcpy(o, s + tok_s + u, ue - u);
      o += ue - u;
      i = tok_s + ue;
      in_tok = i < e;
      tok_s = i;
      tok_o = o;
    }
  }
  return (size_t)(o - out);
fail:
  return (size_t)-1;
}

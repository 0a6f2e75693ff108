/* latin2021 -> Cyrillic in one pass over the whole text, when it is plain
 * (no alignment, only ASCII, the 2021 letters and NFC-inert characters): a
 * specialisation of the general route for the commonest input.  Words go to
 * the latin2021 word route (word2021.c), which runs the rules of
 * latin_rules.h, through a per-call memo of converted words; what that route
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
enum { AC_OTHER = 0, AC_SPACE, AC_LETTER, AC_URL };
static const uint8_t ascii_class[128] = {['\t'] = AC_SPACE,
                                         ['\n'] = AC_SPACE,
                                         ['\v'] = AC_SPACE,
                                         ['\f'] = AC_SPACE,
                                         ['\r'] = AC_SPACE,
                                         [' '] = AC_SPACE,
                                         ['@'] = AC_URL,
                                         [':'] = AC_URL,
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

/* A word the fast path does not take (English words with c w x, variant
 * letters): validate its extent (ASCII letters and two-byte letters, no
 * combining mark after it) and hand it to the general word converter. */
static size_t other_word(const unsigned char *s, size_t n, size_t i, unsigned flags, char **o) {
  size_t e = i;
  while (e < n) {
    unsigned c = s[e];
    if (c < 0x80) {
      if ((c | 0x20) < 'a' || (c | 0x20) > 'z') break;
      e++;
    } else if (c >= 0xC3 && c <= 0xC9 && e + 1 < n && (s[e + 1] & 0xC0) == 0x80) {
      e += 2;
    } else if ((c >= 0xC3 && c <= 0xCD) || c == 0xE1 || c < 0xC2) {
      return 0; /* a mark, a three-byte letter, invalid: the general route decides */
    } else {
      break; /* punctuation or another script ends the word; the caller checks it */
    }
  }
  return kz_tl_latin_word(s, e, i, KZTEXT_SCHEME_LATIN2021, flags, e < n ? s[e] : 0, o);
}

/* A per-call memo of converted words.  News text is Zipfian (corpus/kk:
 * 31,000 word forms in 273,000 words), and a word's conversion depends only
 * on its bytes when an ASCII non-letter other than '-' (аль-), C2 or E2 (or
 * the end) follows it:
 * the fast path reads one byte past a word, to end it, and nothing else
 * outside it (kz_tl_glued_word_ends asks only whether it is a-z).
 * Two-way LRU sets keyed by a hash of the word; a slot is one cache line
 * holding the word and its output, so a hit touches one or two lines.  Fixed size,
 * hence bounded memory; only for inputs that repay the allocation. */
enum { MEMO_KEY = 22, MEMO_OUT = 38, MEMO_MIN_INPUT = 32768 };
typedef struct memo_slot {
  unsigned char key[24]; /* the word, zero-padded; compared 8 bytes at a time */
  uint8_t len;           /* key bytes; 0 = empty */
  uint8_t dlen;          /* output bytes */
  char out[MEMO_OUT];
} memo_slot; /* 64 bytes */

static inline uint64_t load8(const void *p) {
  uint64_t v;
  memcpy(&v, p, 8);
  return v;
}

/* the bytes of a word for the memo: ASCII letters and every byte >= 0x80
 * but the lead bytes C2 (NBSP « ») and E2 (— “ ” ’), which end a word as a
 * space does (a word ending in another character is longer here than the
 * converter's word, and is simply not memoised) */
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
static inline int memo_byte(unsigned b) { return memo_bytes[b]; }

static inline size_t memo_word_end(const unsigned char *s, size_t n, size_t e) {
#ifdef __SSE2__
  const __m128i k61 = _mm_set1_epi8(0x61), k7a = _mm_set1_epi8(0x7A), k20 = _mm_set1_epi8(0x20),
                kc2 = _mm_set1_epi8((char)0xC2), ke2 = _mm_set1_epi8((char)0xE2);
  while (e + 16 <= n) {
    __m128i x = _mm_loadu_si128((const __m128i *)(s + e));
    __m128i y = _mm_or_si128(x, k20);
    __m128i lo = _mm_cmpeq_epi8(_mm_max_epu8(y, k61), y);
    __m128i hi = _mm_cmpeq_epi8(_mm_min_epu8(y, k7a), y);
    __m128i stop = _mm_or_si128(_mm_cmpeq_epi8(x, kc2), _mm_cmpeq_epi8(x, ke2));
    unsigned m =
        ((unsigned)_mm_movemask_epi8(_mm_and_si128(lo, hi)) | (unsigned)_mm_movemask_epi8(x)) &
        ~(unsigned)_mm_movemask_epi8(stop);
    m = ~m & 0xFFFFu;
    if (m) return e + (size_t)__builtin_ctz(m);
    e += 16;
  }
#endif
  while (e < n && memo_byte(s[e]))
    e++;
  return e;
}

/* The first l (<= 24) bytes at p as three 8-byte words, the rest zero:
 * the memo's key.  24 bytes at p must be readable. */
typedef struct memo_key {
  uint64_t w[3];
} memo_key;

static inline memo_key key_of(const unsigned char *p, size_t l) {
  /* 24 bytes kept, then 24 dropped: the mask of l bytes starts at keep[24 - l] */
  static const unsigned char keep[48] = {0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
                                         0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
                                         0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF};
  const unsigned char *mk = keep + 24 - l;
  memo_key k;
  for (int q = 0; q < 3; q++)
    k.w[q] = load8(p + 8 * q) & load8(mk + 8 * q);
  return k;
}

static inline int key_is(const memo_slot *m, const memo_key *k, size_t l) {
  return ((load8(m->key) ^ k->w[0]) | (load8(m->key + 8) ^ k->w[1]) |
          (load8(m->key + 16) ^ k->w[2]) | (uint64_t)(m->len ^ l)) == 0;
}

/* Copies 40 bytes, more than the longest output: the memo's inputs are at
 * least MEMO_MIN_INPUT bytes, whose output buffer has more than 40 bytes of
 * slack after any word (kz_tl_latin2021_fast's contract); a slot's out[] is
 * followed by at least 2 readable bytes (the next slot, or the spare one). */
static inline void copy40(char *d, const char *src) {
  for (int q = 0; q < 40; q += 8)
    memcpy(d + q, src + q, 8);
}

typedef struct memo_state {
  memo_slot *slot;
  unsigned bits;        /* 2^bits slots */
  size_t next_i;        /* the word after the current one: its start, */
  size_t next_e;        /* its end, */
  memo_slot *next_slot; /* its set (NULL: not memoisable), prefetched, */
  memo_key next_key;    /* and its key */
} memo_state;

/* The memo word at s[i]: its end in *e, its key, and its set or NULL. */
static inline memo_slot *memo_find(const memo_state *M, const unsigned char *s, size_t n, size_t i,
                                   size_t *e, memo_key *k) {
  *e = memo_word_end(s, n, i);
  size_t l = *e - i;
  if (l > MEMO_KEY || i + 24 > n) return NULL; /* too long, or too near the end for word loads */
  *k = key_of(s + i, l);
  uint64_t h =
      (k->w[0] ^ (k->w[1] * 0xC2B2AE3D27D4EB4Full) ^ (k->w[2] >> 7) ^ l) * 0x9E3779B97F4A7C15ull;
  return &M->slot[(h >> (64 - M->bits)) & ~(uint64_t)1]; /* a set: two slots */
}

/* One word starting at s[i] (a letter): from the memo when it is there,
 * else converted and remembered.  Returns the bytes consumed, 0 = give up.
 * The slot of the next word is looked up and prefetched first, so that its
 * cache miss overlaps the work on this one. */
static size_t word_memo(memo_state *M, const unsigned char *s, size_t n, size_t i, unsigned flags,
                        int lex, const kz_lex_view *L, char **o) {
  size_t e = i;
  memo_slot *slot = NULL;
  memo_key key;
  if (M) {
    if (M->next_i == i) {
      e = M->next_e;
      slot = M->next_slot;
      key = M->next_key;
    } else {
      slot = memo_find(M, s, n, i, &e, &key);
    }
    size_t j = e;
    while (j < n && j < e + 4 && s[j] < 0x80 && !memo_byte(s[j]))
      j++; /* a space, a comma */
    M->next_i = (size_t)-1;
    if (j < n && memo_byte(s[j]) && j > e) {
      M->next_i = j;
      M->next_slot = memo_find(M, s, n, j, &M->next_e, &M->next_key);
      if (M->next_slot) __builtin_prefetch(M->next_slot);
    }
    size_t l = e - i;
    if (e < n && s[e] == '-') slot = NULL; /* аль- depends on the hyphen */
    if (slot) {
      if (key_is(&slot[0], &key, l)) {
        copy40(*o, slot[0].out);
        *o += slot[0].dlen;
        return l;
      }
      if (key_is(&slot[1], &key, l)) { /* least recently used: to the front */
        copy40(*o, slot[1].out);
        *o += slot[1].dlen;
        memo_slot t = slot[1];
        slot[1] = slot[0];
        slot[0] = t;
        return l;
      }
    }
  }
  char *o0 = *o;
  size_t k = kz_tl_word2021(s, n, i, o, lex, L);
  if (!k) k = other_word(s, n, i, flags, o);
  if (slot && k == e - i && (size_t)(*o - o0) <= MEMO_OUT) {
    slot[1] = slot[0];                          /* the newer word first; the older one stays */
    memcpy(slot->key, key.w, sizeof slot->key); /* key_of's bytes, zero-padded */
    slot->len = (uint8_t)k;
    slot->dlen = (uint8_t)(*o - o0);
    /* a fixed-size copy (no library call): bytes past dlen are the output
     * buffer's slack, copied but never used */
    memcpy(slot->out, o0, MEMO_OUT);
  }
  return k;
}

/* The whole latin2021 -> Cyrillic conversion in one pass when the text is
 * plain: it validates UTF-8 and checks NFC as it goes (only ASCII, the 2021
 * letters and common punctuation are accepted, all NFC-inert) and gives up
 * with (size_t)-1 on anything else, so the caller takes the general route.
 * URLs and e-mail addresses are found when their '@' or "://" shows up: the
 * token converted so far is rewound and copied as it is. */
struct kz_tl_memo {
  void *mem;
  memo_slot *slot;
  unsigned bits;
};

kz_tl_memo *kz_tl_memo_new(size_t n) {
  if (n < MEMO_MIN_INPUT) return NULL;
  kz_tl_memo *m = malloc(sizeof *m);
  if (!m) return NULL;
  /* about one slot per 128 input bytes (2^10 .. 2^16 slots of 64 bytes): word forms grow
   * slower than text, so this holds a text's vocabulary (corpus/kk, 2.6 MB: 31,600 forms,
   * 2^15 slots) and costs a small input little */
  m->bits = 10;
  while (m->bits < 16 && ((size_t)1 << m->bits) < n / 128)
    m->bits++;
  m->mem = calloc(((size_t)1 << m->bits) + 2, sizeof *m->slot);
  if (!m->mem) {
    free(m);
    return NULL;
  }
  /* slots on cache lines */
  m->slot = (memo_slot *)(void *)((char *)m->mem + (64 - (uintptr_t)m->mem % 64) % 64);
  return m;
}

void kz_tl_memo_free(kz_tl_memo *m) {
  if (!m) return;
  free(m->mem);
  free(m);
}

size_t kz_tl_latin2021_fast(const unsigned char *s, size_t n, unsigned flags, char *out) {
  kz_tl_memo *m = kz_tl_memo_new(n); /* none (a small input, no memory) only costs speed */
  size_t r = kz_tl_latin2021_fast_memo(s, n, flags, out, m);
  kz_tl_memo_free(m);
  return r;
}

size_t kz_tl_latin2021_fast_memo(const unsigned char *s, size_t n, unsigned flags, char *out,
                                 kz_tl_memo *m) {
  const int lex = !(flags & KZ_TRANSLIT_NO_LEXICON);
  kz_lex_view L;
  kz_tl_lex_view_init(&L);
  char *o = out;
  size_t i = 0, tok_s = 0, ok_until = 0;
  char *tok_o = out;
  int in_tok = 0;
  memo_state mm = {NULL, 10, (size_t)-1, 0, NULL, {{0, 0, 0}}}, *memo = NULL;
  if (m) {
    mm.slot = m->slot;
    mm.bits = m->bits;
    memo = &mm;
  }
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
      size_t k = word_memo(memo, s, n, i, flags, lex, &L, &o);
      if (!k) goto fail;
      i += k;
      while (i < n && s[i] < 0x80 && ascii_class[s[i]] <= AC_SPACE) { /* AC_OTHER, AC_SPACE */
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
      if (!(d < 0x80 ? ascii_class[d] == AC_LETTER : d >= 0xC3 && d <= 0xC9)) break;
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
      size_t e = i;
      int ascii = 1;
      while (e < n && !is_space(s[e])) {
        if (s[e] >= 0x80) ascii = 0;
        e++;
      }
      if (!ascii) { /* the token is copied as it is: it must be valid NFC */
        int isn = 0;
        if (kztext_is_normalized((const char *)s + tok_s, e - tok_s, KZTEXT_NORM_NFC, &isn, NULL) !=
                KZTEXT_OK ||
            !isn)
          goto fail;
      }
      /* text before the address converts as the general route does it */
      size_t u = kz_tl_url_start(s + tok_s, e - tok_s);
      o = tok_o;
      if (u) o += kz_tl_latin_to_cyr(s + tok_s, u, KZTEXT_SCHEME_LATIN2021, flags, o, NULL);
      memcpy(o, s + tok_s + u, e - tok_s - u);
      o += e - tok_s - u;
      i = e;
      in_tok = 0;
    }
  }
  return (size_t)(o - out);
fail:
  return (size_t)-1;
}

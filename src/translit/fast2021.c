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
 * on its bytes and on whether a hyphen follows (аль-) when an ASCII
 * non-letter, C2 or E2 (or the end) follows it, so that hyphen is part of
 * the key:
 * the fast path reads one byte past a word, to end it, and nothing else
 * outside it (kz_tl_glued_word_ends asks only whether it is a-z).
 * A table of 8-byte entries, open addressing with linear probing, keyed by
 * a hash of the word: an entry holds 32 bits of the hash, the output's
 * length and where the key and the output lie in an arena that is filled
 * in first-occurrence order.  The commonest words, met first, lie together
 * at the arena's start; a hit reads the entry (prefetched a word ahead) and
 * the word's arena bytes.  For corpus/kk a fresh memo touches 2.4 MiB (a
 * 1 MiB table, 1.35 MiB of arena) where 64-byte slots took 4 MiB, which
 * speeds up a single call (the CLI's) by a seventh.  Fixed size, hence
 * bounded memory (full, it starts again); only for inputs that repay the
 * allocation. */
enum { MEMO_KEY = 22, MEMO_KEYB = 24, MEMO_OUT = 38, MEMO_MIN_INPUT = 32768 };
/* hash bits << 32 | arena offset / 8 << 8 | output length; 0: empty */
typedef uint64_t memo_entry;

static inline uint64_t load8(const void *p) {
  uint64_t v;
  memcpy(&v, p, 8);
  return v;
}

/* the bytes of a word for the memo: ASCII letters and every byte >= 0x80
 * but the lead bytes C2 (NBSP « ») and E2 (— “ ” ’), which end a word as a
 * space does (a word ending in another character is longer here than the
 * converter's word, and is simply not memoised); SSE2 tests them as
 * memo_len does */
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

/* Bit k set: p[k] is a memo byte (memo_bytes), for k < 32.  32 bytes at p
 * must be readable. */
static inline uint32_t memo_mask(const unsigned char *p) {
  uint32_t m = 0;
#ifdef __SSE2__
  const __m128i k20 = _mm_set1_epi8(0x20), kbias = _mm_set1_epi8((char)(0x80 - 'a')),
                klim = _mm_set1_epi8((char)(-128 + 26)), kc2 = _mm_set1_epi8((char)0xC2),
                ke2 = _mm_set1_epi8((char)0xE2);
  for (int h = 0; h < 2; h++) {
    __m128i x = _mm_loadu_si128((const __m128i *)(p + 16 * h));
    /* (x | 0x20) - 'a' < 26 as a signed compare after a bias, or >= 0x80 */
    __m128i let = _mm_cmplt_epi8(_mm_add_epi8(_mm_or_si128(x, k20), kbias), klim);
    __m128i stop = _mm_or_si128(_mm_cmpeq_epi8(x, kc2), _mm_cmpeq_epi8(x, ke2));
    m |= (uint32_t)_mm_movemask_epi8(_mm_andnot_si128(stop, _mm_or_si128(let, x))) << (16 * h);
  }
#else
  for (int k = 0; k < 32; k++)
    m |= (uint32_t)memo_bytes[p[k]] << k;
#endif
  return m;
}

/* The length of the memo word at p, up to 32 (32: longer), from its mask */
static inline unsigned memo_len(uint32_t m) { return (unsigned)__builtin_ctzll(~(uint64_t)m); }

/* The first l (<= 22) bytes of a word as three 8-byte words, the rest
 * zero: the memo's key.  Word bytes are never 0, so it fixes the length. */
typedef struct memo_key {
  uint64_t w[3];
} memo_key;

static inline memo_key key_of(const unsigned char *p, unsigned l) {
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

/* The home entry of a key (three 8-byte words), and the top half its entry
 * holds (want: 32 bits of the hash, never 0). */
static inline memo_entry *memo_home(memo_entry *tab, unsigned bits, const memo_key *k,
                                    uint32_t *want) {
  /* most keys are one word (8 bytes or fewer): one multiplication */
  const uint64_t x =
      k->w[0] ^ ((k->w[1] << 23) | (k->w[1] >> 41)) ^ ((k->w[2] << 47) | (k->w[2] >> 17));
  const uint64_t h = x * 0x9E3779B97F4A7C15ull;
  *want = (uint32_t)(h >> 32) | 1; /* never 0: the key itself is compared */
  return &tab[h >> (64 - bits)];
}

/* Whether the arena bytes at a hold the key (its 24 bytes) */
static inline int key_at(const unsigned char *a, const memo_key *k) {
  return ((load8(a) ^ k->w[0]) | (load8(a + 8) ^ k->w[1]) | (load8(a + 16) ^ k->w[2])) == 0;
}

/* Copies 40 bytes from the arena, more than the longest output: the memo's
 * inputs are at least MEMO_MIN_INPUT bytes, whose output buffer has more
 * than 40 bytes of slack after any word that ends 32 bytes or more before
 * the input's end (kz_tl_latin2021_fast's contract); nearer the end the
 * copies are exact. */
static inline void copy40(char *d, const char *src) {
#ifdef __SSE2__
  _mm_storeu_si128((__m128i *)(void *)d, _mm_loadu_si128((const __m128i *)(const void *)src));
  _mm_storeu_si128((__m128i *)(void *)(d + 16),
                   _mm_loadu_si128((const __m128i *)(const void *)(src + 16)));
  memcpy(d + 32, src + 32, 8);
#else
  for (int q = 0; q < 40; q += 8)
    memcpy(d + q, src + q, 8);
#endif
}

/* The 32 bytes from s[i] for the memo: in place, or copied zero-padded into
 * buf near the end (a 0 ends a word as the end does). */
static inline const unsigned char *memo_bytes_at(const unsigned char *s, size_t n, size_t i,
                                                 unsigned char buf[32]) {
  if (i + 32 <= n) return s + i;
  memset(buf, 0, 32);
  memcpy(buf, s + i, n - i);
  return buf;
}

/* Where the one-byte loop may go on with a word after a single space: an
 * ASCII letter but w (www.: the loop looks), or a Latin lead byte C3..C9. */
static const uint8_t word_start[256] = {
#define L(c) [c] = 1, [c - 32] = 1
    L('a'), L('b'),     L('c'),     L('d'),     L('e'),     L('f'),     L('g'),     L('h'),
    L('i'), L('j'),     L('k'),     L('l'),     L('m'),     L('n'),     L('o'),     L('p'),
    L('q'), L('r'),     L('s'),     L('t'),     L('u'),     L('v'),     L('x'),     L('y'),
    L('z'), [0xC3] = 1, [0xC4] = 1, [0xC5] = 1, [0xC6] = 1, [0xC7] = 1, [0xC8] = 1, [0xC9] = 1,
#undef L
};

/* The memo's view of the word at s[i]: its length l, its key and home entry
 * (set; NULL: not memoisable), and whether a single space and another word
 * follow (the commonest case, whose entry is prefetched one word ahead so
 * that its cache miss overlaps the work on this word). */
typedef struct memo_probe {
  memo_key key;
  memo_entry *set; /* the home entry */
  size_t at;
  uint32_t want; /* the entry's top half (memo_home) */
  unsigned l;
  uint32_t win;   /* the memo-byte mask from the word's start (memo_mask) */
  unsigned wbits; /* its bits that hold (0: none) */
  int exact;      /* near the end: exact copies */
  int next;       /* a single space and a word start follow */
} memo_probe;

struct kz_tl_memo {
  memo_entry *tab; /* 2^bits entries, at most half of them used */
  unsigned bits;
  size_t keys;
  unsigned char *arena; /* keys and outputs; cap bytes and 64 of slack */
  size_t used, cap;
};

/* The probe of the word of length l at p (s + i; 32 bytes readable) */
static inline void memo_probe_word(const kz_tl_memo *m, const unsigned char *p, size_t i,
                                   unsigned l, int exact, memo_probe *r) {
  r->at = i;
  r->exact = exact;
  r->l = l;
  r->set = NULL;
  r->next = 0;
  if (l > MEMO_KEY) return;
  r->next = p[l] == ' ' && word_start[p[l + 1]];
  /* a hyphen after the word is part of its key: аль- depends on it */
  const unsigned kl = l + (p[l] == '-');
  if (kl > MEMO_KEY) return;
  r->key = key_of(p, kl);
  r->set = memo_home(m->tab, m->bits, &r->key, &r->want);
}

static inline void memo_probe_at(const kz_tl_memo *m, const unsigned char *s, size_t n, size_t i,
                                 memo_probe *r) {
  unsigned char buf[32];
  const unsigned char *p = memo_bytes_at(s, n, i, buf);
  const uint32_t mask = memo_mask(p);
  memo_probe_word(m, p, i, memo_len(mask), p != s + i, r);
  r->win = mask;
  r->wbits = p == s + i ? 32 : 0;
}

/* The probe of the word after cur and a space, from cur's mask when the
 * word ends inside it (most words: a mask serves about three) */
static inline void memo_probe_next(const kz_tl_memo *m, const unsigned char *s, size_t n,
                                   const memo_probe *cur, memo_probe *r) {
  const size_t j = cur->at + cur->l + 1;
  const unsigned off = cur->l + 1;
  if (off < cur->wbits && j + 32 <= n) {
    const uint32_t w = cur->win >> off;
    const unsigned l = memo_len(w), wb = cur->wbits - off;
    if (l < wb) { /* bit l is a 0 of the mask: the word ends there */
      memo_probe_word(m, s + j, j, l, 0, r);
      r->win = w;
      r->wbits = wb;
      return;
    }
  }
  memo_probe_at(m, s, n, j, r);
}

/* A word the memo does not hold: converted, and remembered (p->set NULL:
 * not memoisable) when the converter took the whole memo word (l bytes).
 * Near the input's end (p->exact) no slack may be read. */
static size_t memo_miss(kz_tl_memo *m, const memo_probe *p, memo_entry *slot,
                        const unsigned char *s, size_t n, size_t i, unsigned flags, int lex,
                        const kz_lex_view *L, char **o) {
  char *o0 = *o;
  size_t r = kz_tl_word2021(s, n, i, o, lex, L);
  if (!r) r = other_word(s, n, i, flags, o);
  size_t dl = (size_t)(*o - o0);
  if (p->set && r == p->l && dl <= MEMO_OUT) {
    const size_t kb = MEMO_KEYB, need = kb + ((dl + 7) & ~(size_t)7);
    if (m->used + need > m->cap || m->keys >= (size_t)1 << (m->bits - 1)) {
      /* full: start again */
      memset(m->tab, 0, sizeof *m->tab << m->bits);
      m->used = 0;
      m->keys = 0;
    }
    if (!m->used) /* the table was emptied: the entry is the key's home */
      slot = p->set;
    unsigned char *a = m->arena + m->used;
    memcpy(a, p->key.w, MEMO_KEYB);
    /* 40 bytes of output always written (zero-padded near the end), so
     * that copy40 reads no unwritten byte */
    if (p->exact) {
      memset(a + kb, 0, 40);
      memcpy(a + kb, o0, dl);
    } else {
      copy40((char *)a + kb, o0);
    }
    *slot = (uint64_t)p->want << 32 | (uint64_t)(m->used / 8) << 8 | dl;
    m->keys++;
    m->used += need;
  }
  return r;
}

kz_tl_memo *kz_tl_memo_new(size_t n) {
  if (n < MEMO_MIN_INPUT) return NULL;
  kz_tl_memo *m = malloc(sizeof *m);
  if (!m) return NULL;
  /* about one entry per 32 input bytes (2^10 .. 2^19 entries of 8 bytes): word forms grow
   * slower than text, so this holds a text's vocabulary (corpus/kk, 2.6 MB: 30,900 keys
   * in 2^17 entries, 1.35 MiB of arena; 2^16 entries: 1-2% slower) and costs a small
   * input little (an 8 MB text of 150,000 word forms started again at 2^17 entries, 13%
   * slower than the old slots with LRU); the arena has 48 bytes a key (24 of key, the
   * output rounded up to 8), touched only as it fills */
  m->bits = 10;
  while (m->bits < 19 && ((size_t)1 << m->bits) < n / 32)
    m->bits++;
  m->cap = ((size_t)1 << m->bits) / 2 * 48;
  m->used = 0;
  m->keys = 0;
  m->tab = calloc((size_t)1 << m->bits, sizeof *m->tab);
  m->arena = malloc(m->cap + 64);
  if (!m->tab || !m->arena) {
    free(m->tab);
    free(m->arena);
    free(m);
    return NULL;
  }
  return m;
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
  const int lex = !(flags & KZ_TRANSLIT_NO_LEXICON);
  kz_lex_view L;
  kz_tl_lex_view_init(&L);
  char *o = out;
  size_t i = 0, tok_s = 0, ok_until = 0;
  char *tok_o = out;
  int in_tok = 0;
  memo_probe probes[2], *cur = &probes[0], *ahead = &probes[1]; /* ahead: the next word's */
  ahead->at = (size_t)-1;
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
      size_t k;
      memo_entry *slot = NULL;
      if (m) {
        if (ahead->at == i) { /* probed one word ago */
          memo_probe *t = cur;
          cur = ahead;
          ahead = t;
        } else {
          memo_probe_at(m, s, n, i, cur);
        }
        ahead->at = (size_t)-1;
        if (cur->next) {
          memo_probe_next(m, s, n, cur, ahead);
          if (ahead->set) __builtin_prefetch(ahead->set);
        }
        if (cur->set) {
          memo_entry *ep = cur->set, e = *ep;
          const unsigned char *a = m->arena + (size_t)((uint32_t)e >> 8) * 8;
          if ((uint32_t)(e >> 32) != cur->want || !key_at(a, &cur->key)) {
            /* elsewhere in the run of used entries from home, or a miss */
            memo_entry *const end = m->tab + ((size_t)1 << m->bits);
            for (;;) {
              if (!e) {
                slot = ep; /* a miss, to be remembered here */
                break;
              }
              if (++ep == end) ep = m->tab;
              e = *ep;
              a = m->arena + (size_t)((uint32_t)e >> 8) * 8;
              if (e && (uint32_t)(e >> 32) == cur->want && key_at(a, &cur->key)) break;
            }
          }
          if (!slot) {
            const char *src = (const char *)a + MEMO_KEYB;
            const unsigned dl = (uint8_t)e;
            if (!cur->exact)
              copy40(o, src);
            else
              memcpy(o, src, dl);
            o += dl;
            i += cur->l;
            if (cur->next) {
              *o++ = ' ';
              i++;
              tok_s = i;
              tok_o = o;
              in_tok = 1;
              goto next_word;
            }
            goto between;
          }
        }
      } else {
        cur->set = NULL;
        cur->l = 0;
        cur->exact = 1;
      }
      {
        char *o2 = o; /* o itself stays in a register */
        k = memo_miss(m, cur, slot, s, n, i, flags, lex, &L, &o2);
        o = o2;
      }
      if (!k) goto fail;
      i += k;
      if (i + 1 < n && s[i] == ' ' && word_start[s[i + 1]]) {
        *o++ = ' ';
        i++;
        tok_s = i;
        tok_o = o;
        in_tok = 1;
        continue;
      }
    between:
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
    next_word:;
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

/* Public transliteration API: scheme names, input preparation (UTF-8
 * validation or repair, NFC only when the quick check asks for it), the
 * route between schemes (through Cyrillic), automatic source detection, and
 * the alignment bookkeeping. */
#include "core/buffer.h"
#include "langid/langid.h"
#include "translit/translit_int.h"
#include "translit/translit_names.h"
#include "utf8/utf8.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* Entries 0..KZ_SCHEME_COUNT-1 are the canonical names in enum order. */
const kz_name kz_scheme_names[] = {{"cyrillic", KZTEXT_SCHEME_CYRILLIC},
                                   {"latin2021", KZTEXT_SCHEME_LATIN2021},
                                   {"latin2018", KZTEXT_SCHEME_LATIN2018},
                                   {"latin2017", KZTEXT_SCHEME_LATIN2017},
                                   {"iso9", KZTEXT_SCHEME_ISO9},
                                   {"bgn", KZTEXT_SCHEME_BGN},
                                   {"alalc", KZTEXT_SCHEME_ALALC},
                                   {"arabic", KZTEXT_SCHEME_ARABIC},
                                   {"mediawiki", KZTEXT_SCHEME_MEDIAWIKI},
                                   {"press", KZTEXT_SCHEME_PRESS},
                                   {"passport", KZTEXT_SCHEME_PASSPORT},
                                   {"cyrillic-ru", KZTEXT_SCHEME_CYRILLIC_RU},
                                   {"auto", KZTEXT_SCHEME_AUTO},
                                   {"latin", KZTEXT_SCHEME_LATIN2021},
                                   {NULL, 0}};

const char *kztext_scheme_name(kztext_scheme scheme) {
  if (scheme == KZTEXT_SCHEME_AUTO) return "auto";
  if ((int)scheme < 0 || (int)scheme >= KZ_SCHEME_COUNT) return NULL;
  return kz_scheme_names[scheme].name;
}

kztext_status kztext_scheme_from_name(const char *name, kztext_scheme *scheme) {
  if (!name || !scheme) return KZTEXT_E_INVALID_ARG;
  const kz_name *e = kz_name_find(kz_scheme_names, name, strlen(name), 1);
  if (!e) return KZTEXT_E_UNSUPPORTED;
  *scheme = (kztext_scheme)e->value;
  return KZTEXT_OK;
}

#define KNOWN_FLAGS                                                                                \
  (KZTEXT_INVALID_REPLACE | KZTEXT_TRANSLIT_ARABIC_HAMZA_0621 |                                    \
   KZTEXT_TRANSLIT_ARABIC_PATRONYMIC_APART)

static int valid_scheme(kztext_scheme s) { return (int)s >= 0 && (int)s < KZ_SCHEME_COUNT; }

/* The targets Cyrillic converts to in one pass over plain text (kz_tl_cyr_fast). */
static int cyr_fast_target(kztext_scheme to) {
  return to <= KZTEXT_SCHEME_MEDIAWIKI && to != KZTEXT_SCHEME_CYRILLIC &&
         to != KZTEXT_SCHEME_ARABIC;
}

/* Output/input ratio of the whole route. */
static size_t route_factor(kztext_scheme from, kztext_scheme to) {
  if (from == KZTEXT_SCHEME_CYRILLIC_RU) from = KZTEXT_SCHEME_CYRILLIC;
  if (from == to) return 1;
  if (from == KZTEXT_SCHEME_CYRILLIC) return KZ_FACTOR_FROM_CYR;
  if (to == KZTEXT_SCHEME_CYRILLIC) return KZ_FACTOR_TO_CYR;
  return KZ_FACTOR_FROM_CYR * KZ_FACTOR_TO_CYR;
}

size_t kztext_translit_bound(size_t len, kztext_scheme from, kztext_scheme to) {
  if (!valid_scheme(to) || (from != KZTEXT_SCHEME_AUTO && !valid_scheme(from))) return 0;
  /* NFC and U+FFFD repair grow text at most 3x; then the route. */
  size_t f = 3 * (from == KZTEXT_SCHEME_AUTO ? KZ_FACTOR_FROM_CYR * KZ_FACTOR_TO_CYR
                                             : route_factor(from, to));
  if (len > ((size_t)-1 - 64) / f) return 0;
  return len * f + 64;
}

/* ---- detection --------------------------------------------------------- */

typedef struct counts {
  size_t cyr, arab, lat, s21, s18, s17;
  /* kz, code and w are nonzero when there are any, not counts */
  size_t kz;             /* Kazakh Latin letters and q */
  size_t dotless, other; /* ı and İ, which 2018 writers use too (in s21 too); Latin letters
                            outside a-z and the Kazakh ones */
  size_t code;           /* '_' or small-capital pairs (a-z then A-Z): code_token may fire */
  size_t w;              /* w W: MediaWiki's у */
  size_t mw;             /* ï: a letter of the MediaWiki kk-latn scheme alone (in other too) */
  size_t umacron, y18;   /* ū (2021's ұ); ý (2018's у, MediaWiki's й; in s18 too) */
  size_t unsure;         /* characters that may be invalid or not NFC (see plain_nfc): 0 means the
                            text needs no preparation */
} counts;

static int ascii_letter(unsigned char c) { return (unsigned char)((c | 0x20) - 'a') < 26; }

/* A code point that keeps any text NFC however it is surrounded (NFC_QC
 * Yes, combining class 0, second in no canonical composition): ASCII, the
 * Latin letters and punctuation of U+0080..U+02FF, Cyrillic and Arabic
 * without their combining marks, and the common punctuation, symbol, CJK and emoji blocks
 * without their singletons.  Text made only of these is valid NFC, so auto
 * mode can read it unprepared.  A superset of what the latin2021 one-pass
 * route accepts; tests/unit/test_translit.c compares it with the prepared
 * route for every character of these blocks. */
static int plain_nfc(uint32_t c) {
  if (c < 0x300) return 1;
  if (c < 0x530) return c >= 0x400 && (c < 0x483 || c > 0x489);
  if (c < 0x700) /* Arabic letters, digits and punctuation, no marks */
    return (c >= 0x620 && c < 0x64B) || (c >= 0x660 && c < 0x670) || (c >= 0x671 && c < 0x6D6) ||
           c == 0x60C || c == 0x61B || c == 0x61F;
  if (c < 0x2000) return 0;
  if (c < 0x2400)
    return c != 0x2000 && c != 0x2001 && !(c >= 0x20D0 && c < 0x2100) && c != 0x2126 &&
           c != 0x212A && c != 0x212B && !(c >= 0x2150 && c < 0x2190) && c != 0x2329 && c != 0x232A;
  if (c < 0x2500) return 0;
  if (c < 0x27C0) return 1;
  if (c >= 0x3000 && c < 0x3100)
    return !(c >= 0x302A && c < 0x3030) && !(c >= 0x3097 && c < 0x30A0);
  return (c >= 0x4E00 && c < 0xA000) || (c >= 0xFE00 && c < 0xFE10) ||
         (c >= 0x1F000 && c < 0x1FB00);
}

/* The Kazakh Latin letters of U+00C0..U+01FF: 2021's (ä ğ ñ ş ū ı İ ö ü) and
 * 2018's (á ǵ ń ó ú ý), small and capital. */
enum { K21 = 1, K21_DOTLESS, K21_UMACRON, K18, K18_Y, KMW };
#define KL(c, cl) [(c)-0xC0] = (cl)
static const uint8_t kz_letter_class[0x140] = {
    KL(0xE4, K21),          KL(0xC4, K21),          KL(0x11F, K21),         KL(0x11E, K21),
    KL(0xF1, K21),          KL(0xD1, K21),          KL(0x15F, K21),         KL(0x15E, K21),
    KL(0x16B, K21_UMACRON), KL(0x16A, K21_UMACRON), KL(0x131, K21_DOTLESS), KL(0x130, K21_DOTLESS),
    KL(0xF6, K21),          KL(0xD6, K21),          KL(0xFC, K21),          KL(0xDC, K21),
    KL(0xE1, K18),          KL(0xC1, K18),          KL(0x1F5, K18),         KL(0x1F4, K18),
    KL(0x144, K18),         KL(0x143, K18),         KL(0xF3, K18),          KL(0xD3, K18),
    KL(0xFA, K18),          KL(0xDA, K18),          KL(0xFD, K18_Y),        KL(0xDD, K18_Y),
    KL(0xEF, KMW),          KL(0xCF, KMW)};
#undef KL

/* Counts a letter of kz_letter_class (its class cl). */
static inline void count_kz_letter(counts *k, unsigned cl) {
  k->lat++;
  if (cl == KMW) { /* outside the official alphabets: "other" to them */
    k->mw++;
    k->other++;
  } else if (cl >= K18) {
    k->kz++;
    k->s18++;
    k->y18 += cl == K18_Y;
  } else {
    k->kz++;
    k->s21++;
    k->dotless += cl == K21_DOTLESS;
    k->umacron += cl == K21_UMACRON;
  }
}

#ifdef __SSE2__
/* The bytes of v in a..z: with v = x | 0x20, the ASCII letters of x (bytes
 * from 0x80 stay negative). */
static inline __m128i small_letters(__m128i v) {
  return _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('a' - 1)),
                       _mm_cmplt_epi8(v, _mm_set1_epi8('z' + 1)));
}

/* The bytes ' ` _ of x, which the letter counts look at one by one */
static inline __m128i odd_bytes(__m128i x) {
  return _mm_or_si128(
      _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('\'')), _mm_cmpeq_epi8(x, _mm_set1_epi8('`'))),
      _mm_cmpeq_epi8(x, _mm_set1_epi8('_')));
}

/* Two byte masks of a block counted at once, where `before` is set: a byte
 * of `a` counts 1, one of `b` 16 (with b, at most 15 of a in a block, so the
 * sum's low four bits are a's and the rest b's). */
static inline unsigned count2(__m128i before, __m128i a, __m128i b) {
  const __m128i w = _mm_and_si128(before, _mm_or_si128(_mm_and_si128(a, _mm_set1_epi8(1)),
                                                       _mm_and_si128(b, _mm_set1_epi8(16))));
  const __m128i sw = _mm_sad_epu8(w, _mm_setzero_si128());
  return (unsigned)_mm_cvtsi128_si32(sw) + (unsigned)_mm_extract_epi16(sw, 4);
}

#define EQ(v, b) _mm_cmpeq_epi8(v, _mm_set1_epi8((char)(b)))
/* trail bytes (0x80..0xBF, negative as signed) up to hi_, and from lo up to hi_ */
#define UPTO(v, hi_) _mm_cmplt_epi8(v, _mm_set1_epi8((char)((hi_) + 1)))
#define IN(v, lo, hi_) _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8((char)((lo)-1))), UPTO(v, hi_))
/* The leads of the block x's Cyrillic letters (D0..D3, not the marks
 * U+0483..0489) whose trail is in the block: t holds the byte after each,
 * tr marks trail bytes among them. */
static inline __m128i cyr_letters(__m128i x, __m128i t, __m128i tr) {
  return _mm_andnot_si128(_mm_and_si128(EQ(x, 0xD2), IN(t, 0x83, 0x89)),
                          _mm_and_si128(EQ(_mm_and_si128(x, _mm_set1_epi8((char)0xFC)), 0xD0), tr));
}

/* The same for Arabic letters (kz_tl_is_arabic_letter and plain_nfc:
 * U+0620..064A, U+066E..06D5 but U+0670). */
static inline __m128i arab_letters(__m128i x, __m128i t, __m128i tr) {
  const __m128i d9 = _mm_or_si128(UPTO(t, 0x8A), _mm_andnot_si128(EQ(t, 0xB0), IN(t, 0xAE, 0xBF)));
  return _mm_and_si128(
      tr, _mm_or_si128(_mm_or_si128(_mm_and_si128(EQ(x, 0xD8), IN(t, 0xA0, 0xBF)),
                                    _mm_and_si128(EQ(x, 0xD9), d9)),
                       _mm_or_si128(EQ(x, 0xDA), _mm_and_si128(EQ(x, 0xDB), UPTO(t, 0x95)))));
}
#undef IN
#undef UPTO
#undef EQ

/* The byte after each of the block x's, and which of those are trail bytes */
static inline __m128i next_bytes(__m128i x, __m128i *tr) {
  const __m128i t = _mm_srli_si128(x, 1);
  *tr = _mm_cmpeq_epi8(_mm_and_si128(t, _mm_set1_epi8((char)0xC0)), _mm_set1_epi8((char)0x80));
  return t;
}

/* Blocks of Cyrillic letters (arabic 0) or of Arabic ones (1), as
 * cyr_letters and arab_letters read them, among ASCII other than letters
 * and ' ` _: the letters are all count_scripts counts there, into *count.
 * A lead at a block's end is left to the next block.  Returns where the
 * first other block starts; *prev as count_scripts keeps it. */
static inline size_t letter_run(const unsigned char *s, size_t i, size_t n, int arabic,
                                size_t *count, uint32_t *prev) {
  while (i + 16 <= n) {
    const __m128i x = _mm_loadu_si128((const __m128i *)(s + i));
    const __m128i other = /* ASCII letters, ' ` _ */
        _mm_or_si128(small_letters(_mm_or_si128(x, _mm_set1_epi8(0x20))), odd_bytes(x));
    const unsigned hi = (unsigned)_mm_movemask_epi8(x);
    const unsigned lead = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(
        _mm_and_si128(x, _mm_set1_epi8((char)0xFC)), _mm_set1_epi8((char)(arabic ? 0xD8 : 0xD0))));
    const unsigned trail = (unsigned)_mm_movemask_epi8(
        _mm_cmpeq_epi8(_mm_and_si128(x, _mm_set1_epi8((char)0xC0)), _mm_set1_epi8((char)0x80)));
    /* every lead with its trail (the last one's may be in the next block), nothing else */
    if (_mm_movemask_epi8(other) || hi != (lead | trail) || trail != ((lead << 1) & 0xFFFFu)) break;
    const unsigned whole = lead & 0x7FFFu;
    __m128i tr;
    const __m128i t = next_bytes(x, &tr);
    if (whole && (unsigned)_mm_movemask_epi8(arabic ? arab_letters(x, t, tr)
                                                    : cyr_letters(x, t, tr)) != whole)
      break; /* a mark, an Arabic digit: left to count_scripts' own blocks */
    *count += (size_t)__builtin_popcount(whole);
    const unsigned adv = lead & 0x8000u ? 15 : 16;
    *prev = s[i + adv - 1] < 0x80 ? s[i + adv - 1] : 0x100;
    i += adv;
  }
  return i;
}
#endif

static void count_scripts(const unsigned char *s, size_t n, counts *out) {
  counts kc, *k = &kc; /* a local copy: stores through `out` could alias s */
  memset(k, 0, sizeof *k);
  uint32_t prev = 0;
#ifdef __SSE2__
  /* the scripts letter_run is worth a try for: the one whose letter the
   * first non-ASCII byte of the first 16 leads, and those whose letters a
   * block below counts (Latin text seldom pays for a try) */
  unsigned runs = 0; /* 1: Cyrillic, 2: Arabic */
  if (n >= 16) {
    const unsigned hi = (unsigned)_mm_movemask_epi8(_mm_loadu_si128((const __m128i *)s));
    if (hi) runs = (s[__builtin_ctz(hi)] - 0xD0u < 4u) | (s[__builtin_ctz(hi)] - 0xD8u < 4u) << 1;
  }
#endif
  for (size_t i = 0; i < n;) {
#ifdef __SSE2__
    if (runs) { /* Cyrillic or Arabic text first (letter_run) */
      const size_t i0 = i;
      if (runs & 1) {
        i = letter_run(s, i, n, 0, &k->cyr, &prev);
        if (i == i0) runs &= ~1u;
      }
      const size_t i1 = i;
      if (runs & 2) {
        i = letter_run(s, i, n, 1, &k->arab, &prev);
        if (i == i1) runs &= ~2u;
      }
      if (i >= n) break;
    }
    /* ASCII letters 16 bytes at a time, up to the first byte that needs a
     * look of its own (non-ASCII, ' ` _); the last bytes of the text
     * padded with NULs, which count for nothing */
    {
      const size_t rem = n - i;
      unsigned char tail[16];
      const unsigned char *b = s + i;
      if (rem < 16) {
        memset(tail, 0, sizeof tail);
        memcpy(tail, b, rem);
        b = tail;
      }
      const __m128i x = _mm_loadu_si128((const __m128i *)b);
      const __m128i y = _mm_or_si128(x, _mm_set1_epi8(0x20));
      const __m128i letter = small_letters(y); /* a-z and A-Z */
      const __m128i odd = odd_bytes(x);
      /* two-byte Kazakh letters (those of kz_letter_class, both bytes in
       * the block) are counted here by lead and trail byte; the first other
       * non-ASCII byte stops.  C3 trails fold case with | 0x20, those of
       * C4, C5 and C7 with | 1. */
      const unsigned hi = (unsigned)_mm_movemask_epi8(x);
      __m128i s21v = _mm_setzero_si128(), dotv = _mm_setzero_si128();
      __m128i cyrv = _mm_setzero_si128(), arabv = _mm_setzero_si128();
      unsigned m21 = 0, m18 = 0, mmw = 0, my18 = 0, mum = 0, mcyr = 0, marab = 0;
#define EQ(v, b) _mm_cmpeq_epi8(v, _mm_set1_epi8((char)(b)))
      if (hi) {
        __m128i tr;
        const __m128i t = next_bytes(x, &tr); /* the trail of a lead at each position */
        const __m128i t20 = _mm_or_si128(t, _mm_set1_epi8(0x20));
        const __m128i t1 = _mm_or_si128(t, _mm_set1_epi8(1));
        const __m128i c3 = EQ(x, 0xC3), c4 = EQ(x, 0xC4), c5 = EQ(x, 0xC5);
        s21v = _mm_or_si128(
            _mm_and_si128(c3, _mm_or_si128(_mm_or_si128(EQ(t20, 0xA4), EQ(t20, 0xB1)),
                                           _mm_or_si128(EQ(t20, 0xB6), EQ(t20, 0xBC)))),
            _mm_or_si128(_mm_and_si128(c4, _mm_or_si128(EQ(t1, 0x9F), EQ(t1, 0xB1))),
                         _mm_and_si128(c5, _mm_or_si128(EQ(t1, 0x9F), EQ(t1, 0xAB)))));
        dotv = _mm_and_si128(c4, EQ(t1, 0xB1));
        m21 = (unsigned)_mm_movemask_epi8(s21v);
        mum = (unsigned)_mm_movemask_epi8(_mm_and_si128(c5, EQ(t1, 0xAB)));
        const unsigned open = hi & ~(m21 | m21 << 1);
        if (open && b[__builtin_ctz(open)] - 0xD0u < 12u) { /* the first byte left leads one */
          cyrv = cyr_letters(x, t, tr);
          arabv = arab_letters(x, t, tr);
          mcyr = (unsigned)_mm_movemask_epi8(cyrv);
          marab = (unsigned)_mm_movemask_epi8(arabv);
        }
        const unsigned done = m21 | mcyr | marab;
        if (hi & ~(done | done << 1)) { /* 2018's letters and MediaWiki's ï */
          const __m128i y18v = _mm_and_si128(c3, EQ(t20, 0xBD));
          const __m128i s18v = _mm_or_si128(
              _mm_or_si128(
                  _mm_and_si128(c3, _mm_or_si128(_mm_or_si128(EQ(t20, 0xA1), EQ(t20, 0xB3)),
                                                 _mm_or_si128(EQ(t20, 0xBA), y18v))),
                  _mm_and_si128(c5, _mm_or_si128(EQ(t, 0x84), EQ(t, 0x83)))),
              _mm_and_si128(EQ(x, 0xC7), EQ(t1, 0xB5)));
          m18 = (unsigned)_mm_movemask_epi8(s18v);
          my18 = (unsigned)_mm_movemask_epi8(y18v);
          mmw = (unsigned)_mm_movemask_epi8(_mm_and_si128(c3, EQ(t20, 0xAF)));
        }
      }
#undef EQ
      const unsigned leads = m21 | m18 | mmw | mcyr | marab;
      const unsigned oddm = (unsigned)_mm_movemask_epi8(odd);
      const unsigned stop = (hi & ~(leads | leads << 1)) | oddm;
      const unsigned adv = stop ? (unsigned)__builtin_ctz(stop) : rem < 16 ? (unsigned)rem : 16;
      const unsigned pre = (1u << adv) - 1;
      const __m128i before =
          _mm_cmplt_epi8(_mm_setr_epi8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15),
                         _mm_set1_epi8((char)adv));
      if (leads & pre) {
        const unsigned sum21 = count2(before, s21v, dotv); /* ı is in both: at most 8 each */
        const unsigned n21 = sum21 & 15;
        k->lat += n21;
        k->kz += n21;
        k->s21 += n21;
        k->dotless += sum21 >> 4;
        if ((m18 | mmw | mum) & pre) { /* rare in 2021 text: bit by bit */
          for (unsigned m = (m18 | mmw | mum) & pre; m; m &= m - 1) {
            const unsigned bit = m & -m;
            k->umacron += (mum & bit) != 0;
            if (m18 & bit) {
              k->lat++;
              k->kz++;
              k->s18++;
              k->y18 += (my18 & bit) != 0;
            } else if (mmw & bit) {
              k->lat++;
              k->mw++;
              k->other++;
            }
          }
        }
      }
      if ((mcyr | marab) & pre) { /* at most 8 each */
        runs |= ((mcyr & pre) != 0) | ((marab & pre) != 0) << 1;
        const unsigned sum = count2(before, cyrv, arabv);
        k->cyr += sum & 15;
        k->arab += sum >> 4;
      }
      if ((unsigned)_mm_movemask_epi8(letter) & pre) {         /* (none in most Cyrillic blocks) */
        k->lat += count2(before, letter, _mm_setzero_si128()); /* ASCII letters before the stop */
        /* kz, w and code are flags: once set, not looked for again */
        if (!k->kz)
          k->kz = ((unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(y, _mm_set1_epi8('q'))) & pre) != 0;
        if (!k->w)
          k->w = ((unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(y, _mm_set1_epi8('w'))) & pre) != 0;
        if (!k->code) {
          const __m128i low = small_letters(x);
          const unsigned lm = (unsigned)_mm_movemask_epi8(low);
          const unsigned um = (unsigned)_mm_movemask_epi8(_mm_andnot_si128(low, letter));
          const unsigned prev_low = prev >= 'a' && prev <= 'z';
          k->code = (um & ((lm << 1) | prev_low) & pre) != 0;
        }
      }
      if (adv) {
        /* after a two-byte letter any non-ASCII value will do: prev is
         * only ever compared with ASCII */
        prev = b[adv - 1] < 0x80 ? b[adv - 1] : 0x100;
        i += adv;
        if (adv == 16 || i == n) continue;
      }
    }
#endif
    if (s[i] < 0x80 && s[i] != '\'' && s[i] != '`') {
      if (ascii_letter(s[i])) {
        k->lat++;
        k->kz += (s[i] | 0x20) == 'q';
        k->w += (s[i] | 0x20) == 'w';
        k->code += s[i] <= 'Z' && prev >= 'a' && prev <= 'z';
      }
      k->code += s[i] == '_';
      prev = s[i++];
      continue;
    }
    size_t l, sub;
    uint32_t c;
    if (s[i] >= 0xC2 && s[i] < 0xE0 && i + 1 < n && (s[i + 1] & 0xC0) == 0x80) {
      c = ((s[i] & 0x1Fu) << 6) | (s[i + 1] & 0x3Fu); /* the common case, decoded inline */
      l = 2;
    } else {
      c = kz_utf8_decode(s + i, n - i, &l, &sub);
      if (!l) {
        i += sub;
        prev = 0;
        k->unsure++;
        continue;
      }
    }
    i += l;
    if (c >= 0xC0 && c < 0x200 && kz_letter_class[c - 0xC0]) {
      count_kz_letter(k, kz_letter_class[c - 0xC0]);
      prev = c;
      continue;
    }
    k->unsure += !plain_nfc(c);
    if (c >= 0x400 && c < 0x530)
      k->cyr++;
    else if (kz_tl_is_arabic_letter(c))
      k->arab++;
    else if (kz_tl_is_latin_letter(c)) {
      k->lat++;
      k->other += c >= 0x80;
    } else if (kz_tl_is_apos(c) && kz_tl_is_latin_letter(prev) &&
               strchr("agnouyscAGNOUYSC", (int)(prev < 128 ? prev : 1)) && prev < 128) {
      k->s17++;
      k->kz++;
    }
    prev = c;
  }
  *out = kc;
}

/* The MediaWiki kk-latn scheme's letters (langid.h); its ç for ч is also a
 * 2021 writer's habit, and 2017 is not ruled out: apostrophes after letters
 * are common in any text. */
static int not_mediawiki(const counts *k) { return kz_not_mediawiki(k->umacron, k->s18 - k->y18); }
static int mediawiki_letters(const counts *k) {
  return kz_mediawiki_letters(k->mw, k->w, k->umacron, k->s18 - k->y18);
}

static kztext_scheme latin_alphabet(const counts *k) {
  if (mediawiki_letters(k)) return KZTEXT_SCHEME_MEDIAWIKI;
  if (k->s18 > k->s21 && k->s18 >= k->s17) return KZTEXT_SCHEME_LATIN2018;
  if (k->s17 > k->s21 && k->s17 > k->s18) return KZTEXT_SCHEME_LATIN2017;
  return KZTEXT_SCHEME_LATIN2021;
}

static kztext_scheme scheme_of_variant(kztext_variant v) {
  return v == KZTEXT_VARIANT_LATIN2018   ? KZTEXT_SCHEME_LATIN2018
         : v == KZTEXT_VARIANT_LATIN2017 ? KZTEXT_SCHEME_LATIN2017
         : v == KZTEXT_VARIANT_MEDIAWIKI ? KZTEXT_SCHEME_MEDIAWIKI
                                         : KZTEXT_SCHEME_LATIN2021;
}

kztext_scheme kztext_translit_detect(const char *src, size_t len) {
  if (!src || !len) return KZTEXT_SCHEME_AUTO;
  counts k;
  count_scripts((const unsigned char *)src, len, &k);
  if (!k.cyr && !k.arab && !k.lat) return KZTEXT_SCHEME_AUTO;
  if (k.cyr >= k.arab && k.cyr >= k.lat) return KZTEXT_SCHEME_CYRILLIC;
  if (k.arab >= k.lat) return KZTEXT_SCHEME_ARABIC;
  /* the alphabet of Latin-script Kazakh as `kztext detect` names it */
  kztext_detect_result r;
  memset(&r, 0, sizeof r);
  r.size = sizeof r;
  if (kztext_detect(src, len, KZTEXT_DETECT_NO_MIXED | KZTEXT_INVALID_REPLACE, &r, NULL) ==
          KZTEXT_OK &&
      r.lang == KZTEXT_LANG_KK && r.variant != KZTEXT_VARIANT_NONE)
    return scheme_of_variant(r.variant);
  return latin_alphabet(&k);
}

/* ---- one route -------------------------------------------------------- */

/* Composes spans a (src -> mid) and b (mid -> dst) into out (src -> dst).
 * Both tile their texts in order, so one forward walk suffices.  Inside an
 * identity run of `a` offsets map exactly; elsewhere to the span's ends. */
static void compose(const kz_spanv *a, const kz_spanv *b, kz_spanv *out) {
  size_t ia = 0;
  size_t src_total = a->n ? a->v[a->n - 1].src_end : 0;
  for (size_t ib = 0; ib < b->n; ib++) {
    const kztext_alignment *y = &b->v[ib];
    size_t s0 = 0, s1 = 0;
    if (a->n) {
      while (ia + 1 < a->n && a->v[ia].dst_end <= y->src_start)
        ia++;
      const kztext_alignment *x = &a->v[ia];
      int ident = x->src_end - x->src_start == x->dst_end - x->dst_start;
      s0 = ident && y->src_start >= x->dst_start ? x->src_start + (y->src_start - x->dst_start)
                                                 : x->src_start;
      size_t ka = ia;
      while (ka + 1 < a->n && a->v[ka].dst_end < y->src_end)
        ka++;
      const kztext_alignment *z = &a->v[ka];
      ident = z->src_end - z->src_start == z->dst_end - z->dst_start;
      if (y->src_end == y->src_start)
        s1 = s0;
      else if (ident && y->src_end >= z->dst_start && y->src_end <= z->dst_end)
        s1 = z->src_start + (y->src_end - z->dst_start);
      else
        s1 = z->src_end;
    }
    if (out->n) {
      kztext_alignment *l = &out->v[out->n - 1];
      if (s1 <= l->src_end && y->src_end != y->src_start && s0 < l->src_end) {
        l->dst_end = y->dst_end; /* inside the previous span: merge */
        continue;
      }
      s0 = l->src_end; /* no gaps, no overlaps */
      if (s1 < s0) s1 = s0;
    } else {
      s0 = 0;
    }
    out->last_pass = 0;
    kz_span_add(out, s0, s1, y->dst_start, y->dst_end, 0);
  }
  if (out->n && out->v[out->n - 1].src_end < src_total)
    out->v[out->n - 1].src_end = src_total;
  else if (!out->n && src_total)
    kz_span_add(out, 0, src_total, 0, 0, 0); /* all dropped */
}

/* Cyrillic -> any target: the press schemes and the Russian form have
 * their own converters (press.c). */
static size_t from_cyrillic(const unsigned char *s, size_t n, kztext_scheme to, unsigned flags,
                            char *out, kz_spanv *sv) {
  if (to == KZTEXT_SCHEME_PRESS || to == KZTEXT_SCHEME_PASSPORT)
    return kz_tl_cyr_to_press(s, n, to == KZTEXT_SCHEME_PASSPORT, out, sv);
  if (to == KZTEXT_SCHEME_CYRILLIC_RU) return kz_tl_cyr_to_ru(s, n, out, sv);
  return kz_tl_from_cyrillic(s, n, to, flags, out, sv);
}

/* Converts s[0..n) (valid, NFC) from `from` (not AUTO) to `to` into out, whose
 * capacity is at least route_factor * n + 16.  Returns the length, or
 * (size_t)-1 when out of memory. */
static size_t route(const unsigned char *s, size_t n, kztext_scheme from, kztext_scheme to,
                    unsigned flags, char *out, kz_spanv *sv) {
  if (from == to) {
    memcpy(out, s, n);
    if (sv && n) kz_span_add(sv, 0, n, 0, n, 1);
    return n;
  }
  if (from == KZTEXT_SCHEME_CYRILLIC_RU)
    return route(s, n, KZTEXT_SCHEME_CYRILLIC, to, flags, out, sv);
  if (from == KZTEXT_SCHEME_CYRILLIC) return from_cyrillic(s, n, to, flags, out, sv);
  if (to == KZTEXT_SCHEME_CYRILLIC)
    return from == KZTEXT_SCHEME_ARABIC ? kz_tl_arabic_to_cyr(s, n, flags, out, sv)
           : from == KZTEXT_SCHEME_PRESS || from == KZTEXT_SCHEME_PASSPORT
               ? kz_tl_press_to_cyr(s, n, out, sv)
               : kz_tl_latin_to_cyr(s, 0, n, from, flags, out, sv);
  char *mid = malloc(n * KZ_FACTOR_TO_CYR + 16);
  if (!mid) return (size_t)-1;
  kz_spanv a = {0}, b = {0};
  size_t m = route(s, n, from, KZTEXT_SCHEME_CYRILLIC, flags, mid, sv ? &a : NULL);
  size_t r = from_cyrillic((const unsigned char *)mid, m, to, flags, out, sv ? &b : NULL);
  if (sv) {
    if (a.oom || b.oom)
      sv->oom = 1;
    else
      compose(&a, &b, sv);
  }
  free(a.v);
  free(b.v);
  free(mid);
  return r;
}

/* Script of a word for auto mode: 0 none, 1 Cyrillic, 2 Latin, 3 Arabic. */
static int script_of(uint32_t c) {
  if (c >= 0x400 && c < 0x530) return 1;
  if (c >= 0x600 && c < 0x780) return kz_tl_is_arabic_letter(c) ? 3 : 0; /* no Latin there */
  if (kz_tl_is_latin_letter(c)) return 2;
  if (kz_tl_is_arabic_letter(c)) return 3;
  return 0;
}

/* What auto mode does with the Latin words of a line: pass them through
 * (AUTO) or read them in one alphabet. */
#define LATIN_FOREIGN KZTEXT_SCHEME_AUTO

/* A verdict of kztext_detect below this confidence, or on fewer letters, is
 * weak: short lines (a heading, a name, a list item) then take the
 * document's verdict, as a reader would. */
#define AUTO_SURE 0.9
#define AUTO_LINE_LETTERS 40

/* The document's verdict: detect over its first MiB (cut at a line end),
 * asked only when no line was long enough to be sure of. */
typedef struct doc_verdict {
  int sure;
  kztext_lang lang;
  kztext_script script;
  kztext_scheme latin;
  /* one alphabet on nine tenths of the sure lines that show one: the
   * page is written in it, and its short lines without letters of their
   * own are read so (a list mixing alphabets leaves them to their own
   * reading) */
  int one_alphabet;
} doc_verdict;

static void doc_detect(const unsigned char *s, size_t n, doc_verdict *d) {
  size_t m = n;
  if (m > (1u << 20)) {
    m = 1u << 20;
    while (m > 0 && s[m - 1] != '\n')
      m--;
    if (!m) m = 1u << 20;
    while (m < n && (s[m] & 0xC0) == 0x80)
      m++;
  }
  kztext_detect_result r;
  memset(&r, 0, sizeof r);
  r.size = sizeof r;
  memset(d, 0, sizeof *d);
  if (kztext_detect((const char *)s, m, KZTEXT_DETECT_NO_MIXED | KZTEXT_INVALID_REPLACE, &r,
                    NULL) != KZTEXT_OK)
    return;
  d->sure = r.confidence >= AUTO_SURE;
  d->lang = r.lang;
  d->script = r.script;
  d->latin = scheme_of_variant(r.variant);
}

/* A line's own verdict on its Latin words (a scheme, LATIN_FOREIGN or
 * LINE_WEAK) and what a weak line brings to the document's. */
#define LINE_WEAK ((kztext_scheme)-2)
#define LINE_NONE ((kztext_scheme)-3)
typedef struct line_info {
  size_t end;
  kztext_scheme own;
  kztext_scheme kk_variant; /* the line's alphabet if it is Kazakh with letters that show it */
  kztext_scheme letters;    /* the alphabet its letters suggest, or foreign without any */
  int dense;
  size_t weight;            /* letters of a sure verdict */
  size_t lat, other_script; /* Latin letters; Cyrillic and Arabic ones */
  size_t arab;              /* Arabic letters */
  size_t code, unsure;      /* counts.code, counts.unsure */
  int mw;                   /* MediaWiki's own letters: 1, letters it lacks: -1, else 0 */
  int decisive;             /* letters of one alphabet alone (not ı or İ, which 2021 and
                               2018 writers share) */
} line_info;

/* The line's own verdict, from detect: sure when detect is sure on 40+
 * letters of Latin-script text.  A Latin word in a Cyrillic line is a name
 * or a brand unless it carries Kazakh Latin letters. */
static void line_verdict(const unsigned char *s, size_t n, line_info *li) {
  counts k;
  count_scripts(s, n, &k);
  li->lat = k.lat;
  li->other_script = k.cyr + k.arab;
  li->arab = k.arab;
  li->code = k.code;
  li->unsure = k.unsure;
  li->mw = not_mediawiki(&k) ? -1 : k.mw > 0;
  li->own = LATIN_FOREIGN;
  li->kk_variant = LATIN_FOREIGN;
  li->weight = 0;
  li->dense = 0;
  li->letters = k.kz ? latin_alphabet(&k) : LATIN_FOREIGN;
  li->decisive = k.s21 > k.dotless || k.s18 || k.s17 || k.mw;
  if (!k.lat) {
    li->own = LINE_NONE; /* nothing to decide: joins the block around it */
    return;
  }
  const int marked = k.s21 + k.s18 + k.s17 + k.mw > 0;
  /* Kazakh Latin letters in one letter of fifty outweigh a verdict of
   * English: they are what Russian and names read out of a Kazakh
   * converter look like (Russian is not modelled in Latin), and English
   * never writes them so often. */
  li->dense = (k.s21 + k.s18) * 50 >= k.lat;
  if (li->dense && k.s21 > k.dotless && !k.s18 && !k.s17 && !k.other && !k.cyr && !k.arab &&
      k.lat >= AUTO_LINE_LETTERS) {
    /* 2021 letters (ä ğ ñ ö ş ū ü İ) in one letter of fifty, and no letter of
     * 2018, 2017 or another language: detect's verdict is then kk 2021 (these
     * letters are decisive in its model), so the line need not be scored */
    li->own = li->kk_variant = KZTEXT_SCHEME_LATIN2021;
    li->weight = k.lat;
    return;
  }
  kztext_detect_result r;
  memset(&r, 0, sizeof r);
  r.size = sizeof r;
  /* the alphabet's second pass only where kk_variant reads it */
  if (kz_detect((const char *)s, n, KZTEXT_DETECT_NO_MIXED | KZTEXT_INVALID_REPLACE,
                marked && !mediawiki_letters(&k), &r, NULL) != KZTEXT_OK)
    return;
  if (r.lang == KZTEXT_LANG_KK && r.script == KZTEXT_SCRIPT_LATN && marked)
    li->kk_variant = mediawiki_letters(&k) ? KZTEXT_SCHEME_MEDIAWIKI /* no second pass asked */
                                           : scheme_of_variant(r.variant);
  li->own = LINE_WEAK;
  if (r.script == KZTEXT_SCRIPT_LATN && r.confidence >= AUTO_SURE &&
      r.letters >= AUTO_LINE_LETTERS) {
    if (r.lang == KZTEXT_LANG_KK) {
      li->own = marked ? li->kk_variant : LINE_WEAK;
      li->weight = r.letters;
    } else if (r.lang != KZTEXT_LANG_UND && !li->dense) {
      li->own = LATIN_FOREIGN;
      li->weight = r.letters;
    }
  } else if (r.script != KZTEXT_SCRIPT_LATN && !k.kz) {
    li->own = LATIN_FOREIGN;
  }
}

/* A weak line's verdict given the document's. */
static kztext_scheme weak_line(const line_info *li, const doc_verdict *d) {
  if (d->sure && d->script == KZTEXT_SCRIPT_LATN && d->lang == KZTEXT_LANG_KK)
    return li->letters == KZTEXT_SCHEME_MEDIAWIKI ? li->letters /* its ï decides */
           : li->kk_variant != LATIN_FOREIGN && (li->decisive || !d->one_alphabet) ? li->kk_variant
                                                                                   : d->latin;
  if (d->sure && d->lang != KZTEXT_LANG_KK && d->lang != KZTEXT_LANG_UND && !li->dense)
    return LATIN_FOREIGN;
  return li->letters;
}

/* What every piece of an auto-mode conversion shares. */
typedef struct auto_ctx {
  kztext_scheme to;
  unsigned flags;
  char *out;
  kz_spanv *sv;
  size_t arab;              /* bytes of Arabic letters in the text: the size of its memo */
  kztext_transliterator *t; /* the caller's, or NULL */
  kz_tl_memo *memo;         /* latin2021 -> Cyrillic words, shared by all pieces */
  kz_tl_amemo *amemo;       /* Arabic -> Cyrillic words, the same, made for the first */
  int amemo_made;
  const line_info *line; /* the line of the text where conversion is, or before it */
  kztext_scheme kk_doc;  /* the document's alphabet when it is sure Kazakh, else LATIN_FOREIGN */
  struct en_memo *en;    /* English word list answers, made on first use */
  int en_memo;           /* whether the text is long enough to repay one */
} auto_ctx;

/* kz_tl_english_word's answers by word: phrase checks look up the same
 * plain words (a page's frequent Kazakh words) again and again.  Direct
 * mapped; words longer than EN_MEMO_LEN are looked up each time. */
#define EN_MEMO_SLOTS 2048
#define EN_MEMO_LEN 22
#define EN_MEMO_MIN_TEXT 65536 /* shorter texts look words up each time */
typedef struct en_slot {
  unsigned char len; /* 0: empty */
  unsigned char english;
  char w[EN_MEMO_LEN];
} en_slot;
typedef struct en_memo {
  en_slot slot[EN_MEMO_SLOTS];
} en_memo;

/* What a transliterator keeps between calls: the memos of converted
 * latin2021 words (fast2021.c), one for words read as a text with İ reads
 * them and one for a text typed without it (KZ_TRANSLIT_UNDOTTED: of the
 * flags a word's conversion depends on, kz_tl_w21_opts, the only one a
 * public call can vary; KZ_TRANSLIT_NO_LEXICON is the tools' alone); and
 * auto mode's English word list answers, which depend on the word alone. */
struct kztext_transliterator {
  kz_tl_memo *memo[2];
  en_memo *en;
  kz_tl_amemo *arabic; /* Arabic words read to Cyrillic (arabic.c) */
};

static int english_word(auto_ctx *c, const unsigned char *s, size_t n) {
  if (n > EN_MEMO_LEN) return kz_tl_english_word(s, n);
  if (!c->en && (!c->en_memo || !(c->en = calloc(1, sizeof *c->en))))
    return kz_tl_english_word(s, n);
  char w[EN_MEMO_LEN];
  uint32_t h = 2166136261u;
  for (size_t k = 0; k < n; k++) {
    w[k] = (char)(s[k] | 0x20);
    h = (h ^ (unsigned char)w[k]) * 16777619u;
  }
  en_slot *e = &c->en->slot[(h ^ (h >> 15)) & (EN_MEMO_SLOTS - 1)];
  if (e->len == n && !memcmp(e->w, w, n)) return e->english;
  e->len = (unsigned char)n;
  memcpy(e->w, w, n);
  e->english = (unsigned char)kz_tl_english_word(s, n);
  return e->english;
}

/* English phrases inside Kazakh Latin lines (a quote, a title): a run of
 * three or more words in plain a-z, most of them in small letters and most
 * of those in the English word list, that detect calls English with this
 * confidence passes through.  Plain a-z
 * alone says little (2018 text is mostly plain), so the phrase must be
 * English by detect's own model; capitalized runs are names (Russian ones
 * in Latin look English to a model that knows no Latin Russian), which the
 * Kazakh rules spell as Kazakh Cyrillic does. */
#define PHRASE_WORDS 3
#define PHRASE_SURE 0.99

/* End of an identifier that starts at s[i] (snake_case, camelCase with two
 * humps or more: my_var, getElementById), or i.  One hump is a pair of
 * words a crawler glued together, which the converter splits; digits say
 * nothing (2015jyly, a word glued to a step number, m2).  An identifier is
 * shorter than CODE_MAX bytes: a longer run is no code, and a look from
 * each of its words to its end would cost it its length squared. */
enum { CODE_MAX = 256 };
static size_t code_token(const unsigned char *s, size_t i, size_t n) {
  size_t e = i;
  int under = 0, letter = 0, humps = 0, kz_q = 0;
  while (e < n && (ascii_letter(s[e]) || s[e] == '_' || (s[e] >= '0' && s[e] <= '9'))) {
    if (e - i >= CODE_MAX) return i;
    if (e > i && s[e] >= 'A' && s[e] <= 'Z' && s[e - 1] >= 'a' && s[e - 1] <= 'z') humps++;
    kz_q |= (s[e] | 0x20) == 'q' && e + 1 < n && ascii_letter(s[e + 1]) && (s[e + 1] | 0x20) != 'u';
    /* snake_case: an underscore between a letter and a letter or digit
     * (a word before a form's blank line, qoly____, is no identifier) */
    under |= s[e] == '_' && e > i && ascii_letter(s[e - 1]) && e + 1 < n &&
             (ascii_letter(s[e + 1]) || (s[e + 1] >= '0' && s[e + 1] <= '9'));
    letter |= ascii_letter(s[e]);
    e++;
  }
  if (e < n && (s[e] >= 0x80 || s[e] == '@')) return i; /* a word of an alphabet, an address */
  /* q before a letter other than u is Kazakh Latin (қ), which crawled
   * pages glue into humps (saparPodelitsiaTaqyryp), not code */
  return letter && (under || (humps >= 2 && !kz_q)) ? e : i;
}

/* The first byte at or after i that is not an ASCII letter, or n; with
 * cwx, *cwx is set when one of the letters is c, w or x (either case),
 * which latin2021 writes only in ch, or not at all.  Inlined with cwx NULL,
 * that test costs nothing. */
static inline size_t letters_scan(const unsigned char *s, size_t i, size_t n, int *cwx) {
#ifdef __SSE2__
  for (; i + 16 <= n; i += 16) {
    const __m128i y = _mm_or_si128(_mm_loadu_si128((const __m128i *)(s + i)), _mm_set1_epi8(0x20));
    const unsigned m = ~(unsigned)_mm_movemask_epi8(small_letters(y)) & 0xFFFFu;
    unsigned h = 0;
    if (cwx)
      h = (unsigned)_mm_movemask_epi8(
          _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(y, _mm_set1_epi8('c')),
                                    _mm_cmpeq_epi8(y, _mm_set1_epi8('w'))),
                       _mm_cmpeq_epi8(y, _mm_set1_epi8('x'))));
    if (m) {
      if (cwx) *cwx |= (h & ((m & -m) - 1)) != 0; /* those before the first non-letter */
      return i + (size_t)__builtin_ctz(m);
    }
    if (cwx) *cwx |= h != 0;
  }
#endif
  for (; i < n && ascii_letter(s[i]); i++)
    if (cwx) *cwx |= (s[i] | 0x20) == 'c' || (s[i] | 0x20) == 'w' || (s[i] | 0x20) == 'x';
  return i;
}

static inline size_t letters_end(const unsigned char *s, size_t i, size_t n) {
  return letters_scan(s, i, n, NULL);
}

/* Does s[j..n) start with a quotation mark, dash, ellipsis or no-break
 * space?  Those bound a word as ASCII punctuation does (an English quote in
 * «» is a phrase of its own); other non-ASCII characters may be letters the
 * word goes on with (ğ, ş). */
static int punct_at(const unsigned char *s, size_t j, size_t n) {
  if (j + 1 < n && s[j] == 0xC2) return s[j + 1] == 0xAB || s[j + 1] == 0xBB || s[j + 1] == 0xA0;
  if (j + 2 < n && s[j] == 0xE2 && s[j + 1] == 0x80)
    return (s[j + 2] >= 0x93 && s[j + 2] <= 0x94) || (s[j + 2] >= 0x9C && s[j + 2] <= 0x9E) ||
           s[j + 2] == 0xA6;
  return 0;
}

static int punct_before(const unsigned char *s, size_t j) {
  return (j >= 2 && punct_at(s + j - 2, 0, 2)) || (j >= 3 && punct_at(s + j - 3, 0, 3));
}

/* punct_at and punct_before behind a look at the lead byte (C2 or E2):
 * the letters of the Kazakh alphabets they are mostly asked about have others */
static inline int punct_at_fast(const unsigned char *s, size_t j, size_t n) {
  return (s[j] == 0xC2 || s[j] == 0xE2) && punct_at(s, j, n);
}
static inline int punct_before_fast(const unsigned char *s, size_t j) {
  return ((j >= 2 && s[j - 2] == 0xC2) || (j >= 3 && s[j - 3] == 0xE2)) && punct_before(s, j);
}

/* End of the foreign phrase that starts at the plain word at s[i], or i;
 * *end is the end of its plain words either way. */
static size_t phrase_english(const unsigned char *s, size_t i, size_t n, size_t last, size_t lower,
                             auto_ctx *c);

static inline size_t foreign_phrase(const unsigned char *s, size_t i, size_t n, int code,
                                    size_t *end, int *cwx, auto_ctx *c) {
  size_t words = 0, lower = 0, last = i, j = i;
  while (j < n) {
    /* one plain word: ASCII letters, an apostrophe between letters; code
     * ends the phrase */
    if (code && code_token(s, j, n) > j) break;
    size_t w = letters_scan(s, j, n, cwx);
    while (w < n && s[w] == '\'' && w > j && w + 1 < n && ascii_letter(s[w + 1]))
      w = letters_scan(s, w + 1, n, cwx);
    if (w == j || (w < n && ((s[w] >= 0x80 && !punct_at_fast(s, w, n)) || s[w] == '-' ||
                             s[w] == '_' || (s[w] >= '0' && s[w] <= '9'))))
      break;
    words++;
    lower += s[j] >= 'a';
    last = w;
    /* what lies between words: spaces and sentence-inner punctuation */
    while (w < n && (s[w] == ' ' || s[w] == ','))
      w++;
    j = w;
  }
  *end = last;
  if (words < PHRASE_WORDS || lower < 2 || lower * 2 < words) return i;
  return phrase_english(s, i, n, last, lower, c);
}

/* The rest of foreign_phrase's test on the plain words s[i..last), lower
 * of them in small letters, once there are enough of them. */
static size_t phrase_english(const unsigned char *s, size_t i, size_t n, size_t last, size_t lower,
                             auto_ctx *c) {
  size_t j;
  /* ...and most of its small-letter words English words: capitalized ones
   * are names (Microsoft Office), which Kazakh sentences name too.  A second
   * pass, which stops as soon as the count decides. */
  size_t english = 0, seen = 0;
  for (j = i; j < last && english * 2 <= lower && (lower - seen + english) * 2 > lower;) {
    size_t w = letters_end(s, j, last);
    while (w < last && s[w] == '\'' && w > j && w + 1 < last && ascii_letter(s[w + 1]))
      w = letters_end(s, w + 1, last); /* as the first pass: it's is one word */
    if (w > j && s[j] >= 'a') {
      seen++;
      english += (size_t)english_word(c, s + j, w - j);
    }
    j = w;
    while (j < last && !ascii_letter(s[j]))
      j++;
  }
  if (english * 2 <= lower) return i;
  kztext_detect_result r;
  memset(&r, 0, sizeof r);
  r.size = sizeof r;
  if (kz_detect((const char *)s + i, last - i, KZTEXT_DETECT_NO_MIXED, 0, &r, NULL) != KZTEXT_OK ||
      r.lang != KZTEXT_LANG_EN || r.confidence < PHRASE_SURE)
    return i;
  /* ...still English with the words it runs on into (only spaces between):
   * words English shares with Kazakh (men) between Kazakh ones are no
   * quote */
  size_t a = i, b = last;
  while (a > 0 && s[a - 1] == ' ')
    a--;
  if (a < i)
    while (a > 0 && (ascii_letter(s[a - 1]) || (s[a - 1] >= 0x80 && !punct_before(s, a))))
      a--;
  while (b < n && s[b] == ' ')
    b++;
  if (b > last)
    while (b < n && (ascii_letter(s[b]) || (s[b] >= 0x80 && !punct_at(s, b, n))))
      b++;
  if (a == i && b == last) return last;
  memset(&r, 0, sizeof r);
  r.size = sizeof r;
  if (kz_detect((const char *)s + a, b - a, KZTEXT_DETECT_NO_MIXED, 0, &r, NULL) == KZTEXT_OK &&
      r.lang == KZTEXT_LANG_EN && r.confidence >= PHRASE_SURE)
    return last;
  return i;
}

/* A word of ASCII letters s[i..w) with a letter latin2021 does not have (w,
 * x, or c before a consonant other than h: Microsoft, Xerox, Twitter; in
 * capitals, any c but in ch: COVID, CEO), set apart by spaces or
 * punctuation (not inside an address, an identifier or a pair of words with
 * a hyphen; before -19 it is, and before a small letter, a Kazakh suffix:
 * WhatsApp-qa, whose -qa converts): no Kazakh word of that alphabet, a
 * foreign name.  (c before a vowel in a word of small letters may be ц
 * written as some converters write it.) */
static int foreign_letters(const unsigned char *s, size_t i, size_t w, size_t n) {
  if (i > 0 && (ascii_letter(s[i - 1]) || (s[i - 1] >= 0x80 && !punct_before_fast(s, i)) ||
                memchr("./@:-_'", s[i - 1], 7)))
    return 0;
  if (w < n &&
      (s[w] >= 0x80  ? !punct_at_fast(s, w, n)
       : s[w] == '.' ? w + 1 < n && s[w + 1] > ' '
       : s[w] == '-' ? !(w + 1 < n && ((s[w + 1] >= '0' && s[w + 1] <= '9') || /* COVID-19 */
                                       (s[w + 1] >= 'a' && s[w + 1] <= 'z') || /* -qa */
                                       (s[w + 1] >= 0xC3 && s[w + 1] <= 0xC5)))
                     : memchr("/@:_'", s[w], 5) != NULL))
    return 0;
  int caps = w - i >= 2;
  for (size_t k = i; k < w; k++)
    caps &= s[k] < 'a';
  for (size_t k = i; k < w; k++) {
    const unsigned c = s[k] | 0x20, d = k + 1 < w ? s[k + 1] | 0x20 : 0;
    if (c == 'w' || c == 'x' ||
        (c == 'c' && d != 'h' && (caps || (d && !memchr("aeiouy", (int)d, 6)))))
      return 1;
  }
  return 0;
}

/* Converts the Latin run s[i..n) of a Kazakh line from `latin`, leaving its
 * English phrases as they are. */
static size_t route_latin(const unsigned char *s, size_t i, size_t n, kztext_scheme latin,
                          auto_ctx *c, size_t o);

static size_t route_piece(const unsigned char *s, size_t i, size_t j, kztext_scheme from,
                          auto_ctx *c, size_t o);

/* A clause of a foreign line: letters, spaces, apostrophes and hyphens
 * between punctuation, digits or symbols.  Returns its end; *words counts
 * its words (runs of letters and apostrophes) and *kazakh those in small
 * letters that English does not write: with a letter outside a-z, or not
 * in the English word list. */
static size_t clause_end(const unsigned char *s, size_t i, size_t n, size_t *words, size_t *kazakh,
                         auto_ctx *c) {
  size_t w0 = i;
  int in_word = 0, plain = 1;
  *words = *kazakh = 0;
  for (;;) {
    size_t l = 1;
    uint32_t ch = i < n ? s[i] : 0;
    if (ch >= 0x80) ch = kz_utf8_next(s + i, &l);
    const int letter = ch < 0x80 ? ascii_letter((unsigned char)ch) : kz_tl_is_latin_letter(ch);
    const int part = letter || (in_word && ch == '\'');
    if (part && !in_word) {
      ++*words;
      w0 = i;
      plain = 1;
    } else if (!part && in_word && s[w0] >= 'a' && s[w0] <= 'z')
      *kazakh += !plain || !english_word(c, s + w0, i - w0);
    plain &= ch < 0x80;
    in_word = part;
    if (i >= n || (!letter && ch != ' ' && ch != '\'' && ch != '-')) break;
    i += l;
  }
  return i;
}

/* Kazakh clauses in a foreign Latin line of a Kazakh page (a contact line
 * followed by a web site's English notice; Kazakh words before a list of
 * English names): a clause of two words or more, one of them in small
 * letters and no English word, that detect calls Kazakh with PHRASE_SURE
 * is read in the page's alphabet; the rest passes through ("Kazakhstan's
 * president Tokayev" is English with Kazakh names). */
#define CLAUSE_LETTERS 12
static size_t route_foreign(const unsigned char *s, size_t i, size_t n, auto_ctx *c, size_t o) {
  size_t start = i;
  for (size_t j = i; j < n;) {
    size_t words, kazakh;
    size_t e = clause_end(s, j, n, &words, &kazakh, c);
    if (e == j) { /* a character between clauses */
      size_t l = 1;
      if (s[j] >= 0x80) (void)kz_utf8_next(s + j, &l);
      j += l ? l : 1;
      continue;
    }
    while (c->line->end <= j)
      c->line++;
    /* (a Latin clause in a line of Cyrillic or Arabic letters is a name,
     * a brand, a quote: it passes through) */
    if (words >= 2 && kazakh && !c->line->other_script) {
      kztext_detect_result r;
      memset(&r, 0, sizeof r);
      r.size = sizeof r;
      if (kz_detect((const char *)s + j, e - j, KZTEXT_DETECT_NO_MIXED, 0, &r, NULL) == KZTEXT_OK &&
          r.lang == KZTEXT_LANG_KK && r.script == KZTEXT_SCRIPT_LATN &&
          r.confidence >= PHRASE_SURE && r.letters >= CLAUSE_LETTERS) {
        if (j > start) o = route_piece(s, start, j, c->to, c, o);
        if (o == (size_t)-1) return o;
        o = route_latin(s, j, e, c->kk_doc, c, o);
        if (o == (size_t)-1) return o;
        start = e;
      }
    }
    j = e;
  }
  if (n > start) o = route_piece(s, start, n, c->to, c, o);
  return o;
}

/* Converts s[0..n) (one line or a run of lines with the same Latin verdict)
 * word run by word run: each run of one script goes its own route. */
static size_t route_block(const unsigned char *s, size_t i, size_t n, kztext_scheme latin,
                          auto_ctx *c, size_t o) {
  const line_info *ln = c->line;
  kz_mixed_memo mm = {0, 0, 0};
  while (i < n) {
    /* a run: words of one script and what lies between them */
    size_t l;
    int sc = 0;
    size_t j = i;
    while (j < n) {
      while (ln->end <= j)
        ln++;
      if (!ln->other_script && (!ln->lat || sc == 0 || sc == 2)) {
        /* a line without Cyrillic or Arabic letters (its letter counts say
         * so) continues a Latin run whole */
        if (ln->lat) sc = 2;
        j = ln->end;
        continue;
      }
      if (!ln->lat && (!ln->arab || ln->arab == ln->other_script) && (j == 0 || s[j - 1] == '\n') &&
          (sc == 0 || sc == (ln->arab ? 3 : 1))) {
        /* so does a whole line whose letters are all Cyrillic, or all
         * Arabic, a run of that script */
        sc = ln->arab ? 3 : 1;
        j = ln->end;
        continue;
      }
      int t;
      if (s[j] < 0x80) {
        t = ascii_letter(s[j]) ? 2 : 0;
        l = 1;
        if (t && c->to != KZTEXT_SCHEME_CYRILLIC) {
          /* Latin look-alikes inside a Cyrillic word ("бepici") go with
           * it to the Cyrillic reader, which repairs them */
          size_t r = j + 1;
          while (r < n && ascii_letter(s[r]))
            r++;
          if (((j >= 2 && s[j - 2] >= 0xD0 && s[j - 2] <= 0xD3) ||
               (r + 1 < n && s[r] >= 0xD0 && s[r] <= 0xD3)) &&
              kz_tl_mixed_word(s, n, j, &mm))
            t = 1;
          l = r - j;
        }
      } else {
        t = script_of(kz_utf8_next(s + j, &l));
      }
      if (t && sc && t != sc) break;
      if (t && !sc) sc = t;
      j += l;
    }
    if (sc == 2 && (latin != LATIN_FOREIGN || c->kk_doc != LATIN_FOREIGN)) {
      o = latin != LATIN_FOREIGN ? route_latin(s, i, j, latin, c, o) : route_foreign(s, i, j, c, o);
      if (o == (size_t)-1) return o;
      i = j;
      continue;
    }
    kztext_scheme from = sc == 1 ? KZTEXT_SCHEME_CYRILLIC : sc == 3 ? KZTEXT_SCHEME_ARABIC : c->to;
    o = route_piece(s, i, j, from, c, o);
    if (o == (size_t)-1) return o;
    i = j;
  }
  return o;
}

/* Does a word start after the byte b?  After ASCII other than letters, the
 * apostrophe and the hyphen. */
static int before_word(unsigned char b) {
  return b < 0x80 && !ascii_letter(b) && b != '\'' && b != '-';
}

/* The first word start at or after j > 0: an ASCII letter after a byte of
 * before_word() or after punct_at(), or n. */
static size_t next_word_start(const unsigned char *s, size_t j, size_t n) {
  if (j + 1 < n && s[j] == ' ' && ascii_letter(s[j + 1])) return j + 1; /* the commonest gap */
#ifdef __SSE2__
  for (; j < 3 && j < n; j++) /* the blocks below look 3 bytes back */
    if (ascii_letter(s[j]) && (before_word(s[j - 1]) || (s[j - 1] >= 0x80 && punct_before(s, j))))
      return j;
  for (; j + 16 <= n; j += 16) {
    const __m128i x = _mm_loadu_si128((const __m128i *)(s + j));
    const __m128i b = _mm_loadu_si128((const __m128i *)(s + j - 1));
    const __m128i y = _mm_or_si128(x, _mm_set1_epi8(0x20));
    const __m128i yb = _mm_or_si128(b, _mm_set1_epi8(0x20));
    const __m128i letter = small_letters(y);
    const __m128i bletter = small_letters(yb);
    const __m128i bnot = _mm_or_si128(_mm_or_si128(bletter, _mm_cmplt_epi8(b, _mm_setzero_si128())),
                                      _mm_or_si128(_mm_cmpeq_epi8(b, _mm_set1_epi8('\'')),
                                                   _mm_cmpeq_epi8(b, _mm_set1_epi8('-'))));
    const unsigned lm = (unsigned)_mm_movemask_epi8(letter);
    const unsigned m = lm & ~(unsigned)_mm_movemask_epi8(bnot) & 0xFFFFu;
    /* letters after a non-ASCII byte: a start only after punct_at() */
    unsigned hi = lm & (unsigned)_mm_movemask_epi8(b) & 0xFFFFu;
    if (hi) /* ...only where punct_at's lead byte is 2 or 3 back (not after a letter) */
      hi &= (unsigned)_mm_movemask_epi8(_mm_or_si128(
          _mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(s + j - 2)), _mm_set1_epi8((char)0xC2)),
          _mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(s + j - 3)),
                         _mm_set1_epi8((char)0xE2))));
    while (hi && (!m || __builtin_ctz(hi) < __builtin_ctz(m))) {
      if (punct_before(s, j + (size_t)__builtin_ctz(hi))) return j + (size_t)__builtin_ctz(hi);
      hi &= hi - 1;
    }
    if (m) return j + (size_t)__builtin_ctz(m);
  }
#endif
  for (; j < n; j++)
    if (ascii_letter(s[j]) &&
        (before_word(s[j - 1]) || (s[j - 1] >= 0x80 && punct_before_fast(s, j))))
      return j;
  return n;
}

/* route_latin's pieces: s[*start..a) read in `latin`, then s[a..b) passed
 * through; *start becomes b.  (size_t)-1 when out of memory, which the
 * caller must not write after. */
static size_t read_then_pass(const unsigned char *s, size_t *start, size_t a, size_t b,
                             kztext_scheme latin, auto_ctx *c, size_t o) {
  if (a > *start) o = route_piece(s, *start, a, latin, c, o);
  if (o != (size_t)-1) o = route_piece(s, a, b, c->to, c, o);
  *start = b;
  return o;
}

static size_t route_latin(const unsigned char *s, size_t i, size_t n, kztext_scheme latin,
                          auto_ctx *c, size_t o) {
  size_t start = i;
  /* the first word may start at i itself */
  for (size_t j = ascii_letter(s[i]) ? i : next_word_start(s, i + 1, n); j < n;) {
    {
      size_t end = j;
      /* a tag's name: the tag passes through whole (kz_tl_markup_len), its
       * attributes too, which the word steps below would split; so does a
       * template's name with its argument */
      const size_t lt = j > i && s[j - 1] == '<' ? j - 1
                        : j > i + 1 && ((s[j - 1] == '/' && s[j - 2] == '<') ||
                                        (s[j - 1] == '{' && s[j - 2] == '{'))
                            ? j - 2
                            : n;
      const size_t ml = lt >= start && lt < n ? kz_tl_markup_len(s, lt, n) : 0;
      if (ml) {
        if ((o = read_then_pass(s, &start, lt, lt + ml, latin, c, o)) == (size_t)-1) return o;
        j = start < n ? next_word_start(s, start, n) : n;
        continue;
      }
      while (c->line->end <= j)
        c->line++;
      const int code = c->line->code > 0; /* identifiers are possible on this line */
      if (!code) {
        /* most words of a Kazakh line: letters up to one of the Kazakh
         * alphabet, which no phrase has; foreign_phrase would stop at once,
         * and no word starts before that letter */
        const size_t w = letters_end(s, j, n);
        if (w < n && s[w] >= 0x80 && !punct_at_fast(s, w, n)) {
          j = next_word_start(s, w + 1, n);
          continue;
        }
      }
      size_t e = code ? code_token(s, j, n) : j;
      int cwx = 0; /* a c, w or x in the run of plain words */
      if (e == j) e = foreign_phrase(s, j, n, code, &end, &cwx, c);
      if (e > j) {
        if ((o = read_then_pass(s, &start, j, e, latin, c, o)) == (size_t)-1) return o;
        j = next_word_start(s, e, n);
        continue;
      }
      const size_t stop = end > j ? end : j + 1;
      /* no phrase: the words up to stop are Kazakh but those with letters
       * the alphabet lacks */
      for (size_t q = j; cwx && latin == KZTEXT_SCHEME_LATIN2021 && q < stop;) {
        const size_t w = letters_end(s, q, n);
        if (foreign_letters(s, q, w, n) &&
            (o = read_then_pass(s, &start, q, w, latin, c, o)) == (size_t)-1)
          return o;
        q = next_word_start(s, w > q ? w : q + 1, n);
      }
      j = next_word_start(s, stop, n);
    }
  }
  if (n > start) o = route_piece(s, start, n, latin, c, o);
  return o;
}

/* Cyrillic and Arabic pieces of auto mode in one pass, as --from cyrillic
 * and --from arabic convert them, Arabic words through one memo for the
 * whole text, sized by its Arabic letters (sized by the text's length, the
 * memo for a few Arabic words cost a Latin text 6%: calloc clears it);
 * (size_t)-1 for other pieces and text the pass does not take. */
static size_t one_pass_piece(const unsigned char *s, size_t n, kztext_scheme from, auto_ctx *c,
                             char *out) {
  if (from == KZTEXT_SCHEME_CYRILLIC && cyr_fast_target(c->to))
    return kz_tl_cyr_fast(s, n, c->to, out);
  if (from != KZTEXT_SCHEME_ARABIC || c->to != KZTEXT_SCHEME_CYRILLIC) return (size_t)-1;
  if (!c->amemo_made) {
    c->amemo =
        c->t ? (c->t->arabic = kz_tl_amemo_renew(c->t->arabic, c->arab)) : kz_tl_amemo_new(c->arab);
    c->amemo_made = 1;
  }
  return kz_tl_arabic_to_cyr_memo(s, n, c->flags, out, c->amemo);
}

/* Converts s[i..j) from `from` to `to` at out + o; returns the new o. */
static size_t route_piece(const unsigned char *s, size_t i, size_t j, kztext_scheme from,
                          auto_ctx *c, size_t o) {
  kztext_scheme to = c->to;
  unsigned flags = c->flags;
  char *out = c->out;
  kz_spanv *sv = c->sv;
  size_t r = (size_t)-1;
  if (!sv && from == KZTEXT_SCHEME_LATIN2021 && to == KZTEXT_SCHEME_CYRILLIC)
    r = kz_tl_latin2021_fast_memo(s + i, j - i, flags, out + o, c->memo);
  else if (!sv)
    r = one_pass_piece(s + i, j - i, from, c, out + o);
  kz_spanv sub = {0};
  if (r == (size_t)-1) r = route(s + i, j - i, from, to, flags, out + o, sv ? &sub : NULL);
  if (r == (size_t)-1) {
    free(sub.v);
    return r;
  }
  if (sv) {
    for (size_t q = 0; q < sub.n; q++)
      kz_span_add(sv, sub.v[q].src_start + i, sub.v[q].src_end + i, sub.v[q].dst_start + o,
                  sub.v[q].dst_end + o, 0);
    if (sub.oom) sv->oom = 1;
    free(sub.v);
  }
  return o + r;
}

/* The transliterator's memo for latin2021 words converted under flags, for
 * an input of n bytes; NULL (out of memory) only costs speed. */
static kz_tl_memo *kept_memo(kztext_transliterator *t, unsigned flags, size_t n) {
  const int k = (flags & KZ_TRANSLIT_UNDOTTED) != 0;
  return t->memo[k] = kz_tl_memo_renew(t->memo[k], n);
}

/* Auto mode decides per line, with detect: a line sure of itself keeps its
 * verdict; the others take the document's, which is the verdict of most
 * letters on sure lines (so one English quote does not make a Kazakh page
 * English, nor a Kazakh name an English page Kazakh). */
#define NOT_PREPARED ((size_t)-2)

/* raw: s is the caller's text as it is; NOT_PREPARED when it may need
 * preparing (invalid UTF-8, not NFC). */
static size_t route_auto(const unsigned char *s, size_t n, kztext_scheme to, unsigned flags,
                         char *out, kz_spanv *sv, int raw, kztext_transliterator *t) {
  size_t nl_count = 1;
  for (const unsigned char *p = s; (p = memchr(p, '\n', (size_t)(s + n - p))); p++)
    nl_count++;
  line_info *lines = malloc(nl_count * sizeof *lines);
  if (!lines) return (size_t)-1;
  /* votes[scheme] for sure Kazakh lines whose letters name the alphabet,
   * votes[KZ_SCHEME_COUNT] for sure foreign ones; sure Kazakh lines without
   * such letters count for Kazakh but for no alphabet. */
  size_t nlines = 0, votes[KZ_SCHEME_COUNT + 1] = {0}, kk_plain = 0, mw_lines = 0, mw_against = 0;
  for (size_t i = 0; i < n;) {
    const unsigned char *nl = memchr(s + i, '\n', n - i);
    size_t e = nl ? (size_t)(nl - s) + 1 : n;
    line_info *li = &lines[nlines++];
    line_verdict(s + i, e - i, li);
    li->end = e;
    if (raw && li->unsure) {
      free(lines);
      return NOT_PREPARED;
    }
    mw_lines += li->letters == KZTEXT_SCHEME_MEDIAWIKI; /* ï on a line with Kazakh letters */
    mw_against += li->mw < 0;
    if (li->own == LATIN_FOREIGN)
      votes[KZ_SCHEME_COUNT] += li->weight;
    else if ((int)li->own >= 0 && (int)li->own < KZ_SCHEME_COUNT)
      votes[li->own] += li->weight;
    else
      kk_plain += li->weight;
    i = e;
  }
  if (mw_lines && !mw_against)            /* a page of Wikipedia's converter: its */
    for (size_t q = 0; q < nlines; q++) { /* 2021 and 2018 readings are MediaWiki's */
      line_info *li = &lines[q];
      kztext_scheme *v[3] = {&li->own, &li->kk_variant, &li->letters};
      for (int x = 0; x < 3; x++)
        if (*v[x] == KZTEXT_SCHEME_LATIN2021 || *v[x] == KZTEXT_SCHEME_LATIN2018) {
          if (x == 0) {
            votes[*v[x]] -= li->weight;
            votes[KZTEXT_SCHEME_MEDIAWIKI] += li->weight;
          }
          *v[x] = KZTEXT_SCHEME_MEDIAWIKI;
        }
    }
  doc_verdict d;
  memset(&d, 0, sizeof d);
  /* best stays 0 (Cyrillic: the Latin words pass through) when sure
   * Kazakh lines show no alphabet */
  size_t kk = kk_plain, best = 0;
  for (int v = 0; v < KZ_SCHEME_COUNT; v++) {
    kk += votes[v];
    if (votes[v] > votes[best]) best = (size_t)v;
  }
  d.one_alphabet = votes[best] && (kk - kk_plain - votes[best]) * 9 <= votes[best];
  if (kk || votes[KZ_SCHEME_COUNT]) {
    d.sure = 1;
    d.script = KZTEXT_SCRIPT_LATN;
    d.lang = kk > votes[KZ_SCHEME_COUNT] ? KZTEXT_LANG_KK : KZTEXT_LANG_EN;
    d.latin = (kztext_scheme)best;
  } else {
    for (size_t q = 0; q < nlines; q++)
      if (lines[q].own == LINE_WEAK) {
        doc_detect(s, n, &d);
        if (mw_lines && !mw_against && d.latin != KZTEXT_SCHEME_LATIN2017)
          d.latin = KZTEXT_SCHEME_MEDIAWIKI;
        break;
      }
  }
  size_t arab = 0; /* bytes: Arabic letters are two each */
  for (size_t q = 0; q < nlines; q++)
    arab += 2 * lines[q].arab;
  auto_ctx c = {.to = to,
                .flags = flags,
                .out = out,
                .sv = sv,
                .arab = arab,
                .t = t,
                .line = lines,
                .kk_doc = LATIN_FOREIGN,
                .en_memo = n >= EN_MEMO_MIN_TEXT};
  if (t) { /* the transliterator's memos: filled by earlier calls, kept for later ones */
    if (!t->en) t->en = calloc(1, sizeof *t->en);
    c.en = t->en;
    c.en_memo = 0; /* none (out of memory): look words up each time */
  }
  if (d.sure && d.script == KZTEXT_SCRIPT_LATN && d.lang == KZTEXT_LANG_KK &&
      d.latin != KZTEXT_SCHEME_CYRILLIC) /* (no alphabet votes: see best) */
    c.kk_doc = d.latin;
  if (!sv && to == KZTEXT_SCHEME_CYRILLIC) c.memo = t ? kept_memo(t, flags, n) : kz_tl_memo_new(n);
  size_t o = 0, i = 0;
  for (size_t q = 0; q < nlines;) {
    /* a block: consecutive lines whose Latin words get the same verdict */
    kztext_scheme latin = lines[q].own == LINE_WEAK ? weak_line(&lines[q], &d) : lines[q].own;
    const size_t q0 = q;
    size_t j = lines[q++].end;
    while (q < nlines) {
      kztext_scheme v = lines[q].own == LINE_WEAK ? weak_line(&lines[q], &d) : lines[q].own;
      if (latin == LINE_NONE)
        latin = v;
      else if (v != latin && v != LINE_NONE)
        break;
      j = lines[q++].end;
    }
    if (latin == LINE_NONE) latin = LATIN_FOREIGN;
    c.line = &lines[q0];
    o = route_block(s, i, j, latin, &c, o);
    if (o == (size_t)-1) break;
    i = j;
  }
  if (!t) {
    kz_tl_memo_free(c.memo);
    kz_tl_amemo_free(c.amemo);
    free(c.en);
  }
  free(lines);
  return o;
}

/* ---- input preparation -------------------------------------------------- */

/* A region of the caller's input that normalization or repair changed. */
typedef struct seg {
  size_t o0, o1, n0, n1;
} seg;

typedef struct prep {
  const unsigned char *s;
  size_t n;
  char *own;
  seg *segs;
  size_t nseg;
} prep;

static int is_ws(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

static kztext_status prepare(const char *src, size_t len, unsigned flags, int want_map, prep *p,
                             size_t *error_offset) {
  memset(p, 0, sizeof *p);
  p->s = (const unsigned char *)src;
  p->n = len;
  size_t v = kz_utf8_valid_prefix((const unsigned char *)src, len);
  if (v < len && !(flags & KZTEXT_INVALID_REPLACE)) {
    if (error_offset) *error_offset = v;
    return KZTEXT_E_INVALID_UTF8;
  }
  if (v == len) {
    int isn = 0;
    if (kztext_is_normalized(src, len, KZTEXT_NORM_NFC, &isn, NULL) == KZTEXT_OK && isn)
      return KZTEXT_OK;
  }
  unsigned nf = KZTEXT_NORM_NFC | KZTEXT_INVALID_REPLACE;
  if (!want_map) {
    size_t out_len;
    kztext_status st = kztext_normalize_alloc(src, len, nf, &p->own, &out_len, NULL);
    if (st) return st;
    p->s = (const unsigned char *)p->own;
    p->n = out_len;
    return KZTEXT_OK;
  }
  /* word by word, so offsets of unchanged words stay exact */
  kz_buf b = {0};
  size_t cap = 0;
  for (size_t i = 0; i < len;) {
    size_t j = i;
    if (is_ws((unsigned char)src[i])) {
      while (j < len && is_ws((unsigned char)src[j]))
        j++;
      kz_buf_put(&b, src + i, j - i);
      i = j;
      continue;
    }
    while (j < len && !is_ws((unsigned char)src[j]))
      j++;
    int isn = 0;
    if (kztext_is_normalized(src + i, j - i, KZTEXT_NORM_NFC, &isn, NULL) == KZTEXT_OK && isn) {
      kz_buf_put(&b, src + i, j - i);
    } else {
      char *w = NULL;
      size_t wl = 0;
      kztext_status st = kztext_normalize_alloc(src + i, j - i, nf, &w, &wl, NULL);
      if (st) {
        free(b.data);
        free(p->segs);
        return st;
      }
      size_t n0 = b.len;
      kz_buf_put(&b, w, wl);
      kztext_free(w);
      if (p->nseg == cap) {
        cap = cap ? cap * 2 : 16;
        seg *ns = realloc(p->segs, cap * sizeof *ns);
        if (!ns) {
          free(b.data);
          free(p->segs);
          return KZTEXT_E_NO_MEMORY;
        }
        p->segs = ns;
      }
      p->segs[p->nseg++] = (seg){i, j, n0, b.len};
    }
    i = j;
  }
  if (b.oom) {
    free(b.data);
    free(p->segs);
    return KZTEXT_E_NO_MEMORY;
  }
  p->own = b.data;
  p->s = (const unsigned char *)(b.data ? b.data : "");
  p->n = b.len;
  return KZTEXT_OK;
}

/* Maps prepared offsets back to the caller's input and keeps the tiling. */
static void remap(const prep *p, kz_spanv *sv) {
  if (!p->nseg) return;
  size_t k = 0, w = 0;
  for (size_t i = 0; i < sv->n; i++) {
    kztext_alignment x = sv->v[i];
    while (k < p->nseg && p->segs[k].n1 <= x.src_start &&
           !(p->segs[k].n0 == p->segs[k].n1 && p->segs[k].n0 == x.src_start))
      k++;
    /* delta before segment k */
    long long d0 = 0;
    if (k > 0) d0 = (long long)p->segs[k - 1].o1 - (long long)p->segs[k - 1].n1;
    size_t a, b;
    if (k < p->nseg && x.src_start >= p->segs[k].n0 && x.src_start < p->segs[k].n1)
      a = p->segs[k].o0;
    else
      a = (size_t)((long long)x.src_start + d0);
    size_t kk = k;
    while (kk < p->nseg && p->segs[kk].n1 < x.src_end)
      kk++;
    long long d1 = kk > 0 ? (long long)p->segs[kk - 1].o1 - (long long)p->segs[kk - 1].n1 : 0;
    if (kk < p->nseg && x.src_end > p->segs[kk].n0 && x.src_end <= p->segs[kk].n1)
      b = p->segs[kk].o1;
    else
      b = (size_t)((long long)x.src_end + d1);
    if (w && a < sv->v[w - 1].src_end) {
      sv->v[w - 1].dst_end = x.dst_end;
      if (b > sv->v[w - 1].src_end) sv->v[w - 1].src_end = b;
      continue;
    }
    x.src_start = a;
    x.src_end = b < a ? a : b;
    sv->v[w++] = x;
  }
  sv->n = w;
}

static kztext_status run(kztext_transliterator *t, const char *src, size_t len, kztext_scheme from,
                         kztext_scheme to, unsigned flags, char *dst, size_t dst_cap, char **out,
                         size_t *out_len, kz_spanv *sv, size_t *error_offset) {
  if (flags & ~(KNOWN_FLAGS | KZ_TRANSLIT_NO_LEXICON)) return KZTEXT_E_INVALID_FLAGS;
  if ((!src && len)) return KZTEXT_E_INVALID_ARG;
  if (!valid_scheme(to) || (from != KZTEXT_SCHEME_AUTO && !valid_scheme(from)))
    return KZTEXT_E_UNSUPPORTED;
  if (!src) src = "";
  if ((from == KZTEXT_SCHEME_LATIN2021 || from == KZTEXT_SCHEME_AUTO) &&
      kz_tl_undotted((const unsigned char *)src, len))
    flags |= KZ_TRANSLIT_UNDOTTED;
  const int fwd_fast = from == KZTEXT_SCHEME_CYRILLIC && cyr_fast_target(to);
  const int rev_fast = from == KZTEXT_SCHEME_LATIN2021 && to == KZTEXT_SCHEME_CYRILLIC;
  const int arab_fast = from == KZTEXT_SCHEME_ARABIC && to == KZTEXT_SCHEME_CYRILLIC;
  const int auto_raw = from == KZTEXT_SCHEME_AUTO;
  const size_t f0 = auto_raw ? KZ_FACTOR_FROM_CYR * KZ_FACTOR_TO_CYR : KZ_FACTOR_FROM_CYR;
  if (!sv && (fwd_fast || rev_fast || arab_fast || auto_raw) && len <= ((size_t)-1 - 64) / f0) {
    /* one pass for the common cases: valid NFC text, Cyrillic to Latin or
     * latin2021 to Cyrillic; auto mode on text that needs no preparing */
    size_t need0 = len * f0 + 32;
    char *buf0 = (dst && dst_cap >= need0) ? dst : malloc(need0);
    if (!buf0) return KZTEXT_E_NO_MEMORY;
    const unsigned char *u = (const unsigned char *)src;
    size_t r0;
    if (fwd_fast)
      r0 = kz_tl_cyr_fast(u, len, to, buf0);
    else if (rev_fast)
      r0 = t ? kz_tl_latin2021_fast_memo(u, len, flags, buf0, kept_memo(t, flags, len))
             : kz_tl_latin2021_fast(u, len, flags, buf0);
    else if (arab_fast)
      r0 = t ? kz_tl_arabic_fast_memo(u, len, flags, buf0,
                                      t->arabic = kz_tl_amemo_renew(t->arabic, len))
             : kz_tl_arabic_fast(u, len, flags, buf0);
    else
      r0 = route_auto(u, len, to, flags, buf0, NULL, 1, t);
    if (r0 != (size_t)-1 && r0 != NOT_PREPARED) {
      if (out_len) *out_len = r0;
      if (out) {
        char *res = buf0 == dst ? NULL : realloc(buf0, r0 + 1);
        if (!res) {
          free(buf0);
          return KZTEXT_E_NO_MEMORY;
        }
        res[r0] = 0;
        *out = res;
        return KZTEXT_OK;
      }
      if (buf0 == dst) return KZTEXT_OK;
      kztext_status st0 = r0 > dst_cap ? KZTEXT_E_BUFFER_TOO_SMALL : KZTEXT_OK;
      if (!st0 && r0) memcpy(dst, buf0, r0);
      free(buf0);
      return st0;
    }
    if (buf0 != dst) free(buf0);
  }
  prep p;
  kztext_status st = prepare(src, len, flags, sv != NULL, &p, error_offset);
  if (st) return st;
  size_t f =
      from == KZTEXT_SCHEME_AUTO ? KZ_FACTOR_FROM_CYR * KZ_FACTOR_TO_CYR : route_factor(from, to);
  size_t need;
  if (p.n > ((size_t)-1 - 64) / f) {
    st = KZTEXT_E_TOO_LARGE;
    goto done;
  }
  need = p.n * f + 32;
  char *buf = (dst && dst_cap >= need) ? dst : malloc(need);
  if (!buf) {
    st = KZTEXT_E_NO_MEMORY;
    goto done;
  }
  size_t r = from == KZTEXT_SCHEME_AUTO ? route_auto(p.s, p.n, to, flags, buf, sv, 0, t)
                                        : route(p.s, p.n, from, to, flags, buf, sv);
  if (r == (size_t)-1 || (sv && sv->oom)) {
    if (buf != dst) free(buf);
    st = KZTEXT_E_NO_MEMORY;
    goto done;
  }
  if (sv) remap(&p, sv);
  if (out_len) *out_len = r;
  if (out) {
    char *res = buf == dst ? NULL : realloc(buf, r + 1);
    if (!res) {
      free(buf);
      st = KZTEXT_E_NO_MEMORY;
      goto done;
    }
    res[r] = 0;
    *out = res;
  } else if (buf != dst) {
    if (r > dst_cap)
      st = KZTEXT_E_BUFFER_TOO_SMALL;
    else if (r)
      memcpy(dst, buf, r);
    free(buf);
  }
done:
  free(p.own);
  free(p.segs);
  return st;
}

kztext_status kztext_translit(const char *src, size_t len, kztext_scheme from, kztext_scheme to,
                              unsigned flags, char *dst, size_t dst_cap, size_t *dst_len,
                              size_t *error_offset) {
  if (flags & ~KNOWN_FLAGS) return KZTEXT_E_INVALID_FLAGS;
  if (!dst && dst_cap) return KZTEXT_E_INVALID_ARG;
  size_t n = 0;
  kztext_status st =
      run(NULL, src, len, from, to, flags, dst, dst_cap, NULL, &n, NULL, error_offset);
  if (dst_len && (st == KZTEXT_OK || st == KZTEXT_E_BUFFER_TOO_SMALL)) *dst_len = n;
  return st;
}

kztext_status kztext_translit_alloc(const char *src, size_t len, kztext_scheme from,
                                    kztext_scheme to, unsigned flags, char **out, size_t *out_len,
                                    size_t *error_offset) {
  if (!out) return KZTEXT_E_INVALID_ARG;
  *out = NULL;
  if (flags & ~KNOWN_FLAGS) return KZTEXT_E_INVALID_FLAGS;
  return run(NULL, src, len, from, to, flags, NULL, 0, out, out_len, NULL, error_offset);
}

kztext_status kz_translit_tool_alloc(const char *src, size_t len, kztext_scheme from,
                                     kztext_scheme to, unsigned flags, char **out, size_t *out_len,
                                     size_t *error_offset) {
  if (!out) return KZTEXT_E_INVALID_ARG;
  *out = NULL;
  return run(NULL, src, len, from, to, flags, NULL, 0, out, out_len, NULL, error_offset);
}

kztext_status kztext_translit_offsets_alloc(const char *src, size_t len, kztext_scheme from,
                                            kztext_scheme to, unsigned flags, char **out,
                                            size_t *out_len, kztext_alignment **spans,
                                            size_t *n_spans, size_t *error_offset) {
  if (!out || !spans || !n_spans) return KZTEXT_E_INVALID_ARG;
  *out = NULL;
  *spans = NULL;
  *n_spans = 0;
  if (flags & ~KNOWN_FLAGS) return KZTEXT_E_INVALID_FLAGS;
  kz_spanv sv = {0};
  kztext_status st = run(NULL, src, len, from, to, flags, NULL, 0, out, out_len, &sv, error_offset);
  if (st) {
    free(sv.v);
    return st;
  }
  *spans = sv.v;
  *n_spans = sv.n;
  return KZTEXT_OK;
}

kztext_status kztext_transliterator_new(kztext_transliterator **out) {
  if (!out) return KZTEXT_E_INVALID_ARG;
  *out = calloc(1, sizeof **out);
  return *out ? KZTEXT_OK : KZTEXT_E_NO_MEMORY;
}

void kztext_transliterator_free(kztext_transliterator *t) {
  if (!t) return;
  kz_tl_memo_free(t->memo[0]);
  kz_tl_memo_free(t->memo[1]);
  kz_tl_amemo_free(t->arabic);
  free(t->en);
  free(t);
}

kztext_status kztext_transliterator_run(kztext_transliterator *t, const char *src, size_t len,
                                        kztext_scheme from, kztext_scheme to, unsigned flags,
                                        char *dst, size_t dst_cap, size_t *dst_len,
                                        size_t *error_offset) {
  if (!t || (!dst && dst_cap)) return KZTEXT_E_INVALID_ARG;
  if (flags & ~KNOWN_FLAGS) return KZTEXT_E_INVALID_FLAGS;
  size_t n = 0;
  kztext_status st = run(t, src, len, from, to, flags, dst, dst_cap, NULL, &n, NULL, error_offset);
  if (dst_len && (st == KZTEXT_OK || st == KZTEXT_E_BUFFER_TOO_SMALL)) *dst_len = n;
  return st;
}

kztext_status kztext_transliterator_run_alloc(kztext_transliterator *t, const char *src, size_t len,
                                              kztext_scheme from, kztext_scheme to, unsigned flags,
                                              char **out, size_t *out_len, size_t *error_offset) {
  if (!t || !out) return KZTEXT_E_INVALID_ARG;
  *out = NULL;
  if (flags & ~KNOWN_FLAGS) return KZTEXT_E_INVALID_FLAGS;
  return run(t, src, len, from, to, flags, NULL, 0, out, out_len, NULL, error_offset);
}

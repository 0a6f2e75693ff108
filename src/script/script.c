/* Script classes of code points and script runs (kztext/script.h). */
#include <stdlib.h>
#include <string.h>

#include "core/buffer.h"
#include "script/script_table.h"
#include "utf8/utf8.h"

#include "gen/script_classes.inc"

const uint8_t kz_class_script[KZ_SC_COUNT] = {
    [KZTEXT_SC_OTHER] = KZTEXT_SCRIPT_OTHER,
    [KZTEXT_SC_SPACE] = KZTEXT_SCRIPT_COMMON,
    [KZTEXT_SC_DIGIT] = KZTEXT_SCRIPT_COMMON,
    [KZTEXT_SC_PUNCT] = KZTEXT_SCRIPT_COMMON,
    [KZTEXT_SC_MARK] = KZTEXT_SCRIPT_COMMON,
    [KZTEXT_SC_CYRL_KK] = KZTEXT_SCRIPT_CYRL,
    [KZTEXT_SC_CYRL_RU] = KZTEXT_SCRIPT_CYRL,
    [KZTEXT_SC_CYRL_SHARED] = KZTEXT_SCRIPT_CYRL,
    [KZTEXT_SC_CYRL_OTHER] = KZTEXT_SCRIPT_CYRL,
    [KZTEXT_SC_LATN_ASCII] = KZTEXT_SCRIPT_LATN,
    [KZTEXT_SC_LATN_KK2021] = KZTEXT_SCRIPT_LATN,
    [KZTEXT_SC_LATN_KK2018] = KZTEXT_SCRIPT_LATN,
    [KZTEXT_SC_LATN_KK_DOTLESS] = KZTEXT_SCRIPT_LATN,
    [KZTEXT_SC_LATN_OTHER] = KZTEXT_SCRIPT_LATN,
    [KZTEXT_SC_APOSTROPHE] = KZTEXT_SCRIPT_COMMON,
    [KZTEXT_SC_ARAB_KK] = KZTEXT_SCRIPT_ARAB,
    [KZTEXT_SC_ARAB] = KZTEXT_SCRIPT_ARAB,
    [KZTEXT_SC_HAN] = KZTEXT_SCRIPT_HAN,
};

_Static_assert(KZ_SC_BLOCK_SHIFT == 7, "script_table.h assumes 128-entry blocks");

kztext_script_class kztext_script_class_of(uint32_t cp) {
  return (kztext_script_class)kz_script_class(cp);
}

kztext_script kztext_script_of_class(kztext_script_class cls) {
  if ((unsigned)cls >= KZ_SC_COUNT) return KZTEXT_SCRIPT_OTHER;
  return (kztext_script)kz_class_script[cls];
}

const char *kztext_script_class_name(kztext_script_class cls) {
  static const char *const names[KZ_SC_COUNT] = {
      "other",           "space",       "digit",      "punct",      "mark",        "cyrl_kk",
      "cyrl_ru",         "cyrl_shared", "cyrl_other", "latn_ascii", "latn_kk2021", "latn_kk2018",
      "latn_kk_dotless", "latn_other",  "apostrophe", "arab_kk",    "arab",        "han"};
  return (unsigned)cls < KZ_SC_COUNT ? names[cls] : NULL;
}

const char *kztext_script_name(kztext_script script) {
  static const char *const names[KZ_SCRIPT_COUNT] = {"Zyyy", "Cyrl", "Latn",
                                                     "Arab", "Hani", "Zzzz"};
  return (unsigned)script < KZ_SCRIPT_COUNT ? names[script] : NULL;
}

/* Script of each ASCII byte: letters Latin, everything else Common. */
#define L KZTEXT_SCRIPT_LATN
static const uint8_t ascii_script[128] = {
    ['A'] = L, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L,
    ['a'] = L, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L,
};
#undef L

#define ONES 0x0101010101010101ull
#define HIGHS 0x8080808080808080ull

/* High bit of each byte of v that is zero (exact, no borrow between bytes). */
static inline uint64_t zero_bytes(uint64_t v) {
  uint64_t t = ((v & ~HIGHS) + ~HIGHS) | v;
  return ~t & HIGHS;
}

/* How many of the 8 bytes at p (7 or 8, or 0) are Cyrillic U+0400-04FF
 * (whole two-byte sequences) or ASCII other than letters: nothing in them
 * can end a Cyrillic run, and they are valid UTF-8.  p is at a code point
 * boundary; a lead byte in the last place is left for the next block. */
static inline unsigned cyrl_block(const unsigned char *p) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  uint64_t w;
  memcpy(&w, p, 8);
  uint64_t high = w & HIGHS;
  /* ASCII letters: (b | 0x20) in 0x61..0x7A, tested on 7-bit lanes. */
  uint64_t y = (w & ~HIGHS) | (0x20 * ONES);
  uint64_t letters = (y + 0x1F * ONES) & ~(y + 0x05 * ONES) & ~high & HIGHS;
  if (letters) return 0;
  uint64_t lead = zero_bytes((w & (0xFC * ONES)) ^ (0xD0 * ONES)); /* D0-D3 */
  uint64_t cont = zero_bytes((w & (0xC0 * ONES)) ^ (0x80 * ONES)); /* 80-BF */
  /* Every high byte is a lead or a continuation, and the continuations are
   * exactly the bytes after the leads. */
  if (high != (lead | cont) || cont != (lead << 8)) return 0;
  return (lead >> 56) ? 7 : 8;
#else
  (void)p;
  return 0;
#endif
}

/* Appends one run, counting it even when the caller's array is full. */
static void put_run(kztext_script_run *runs, size_t cap, size_t *n, size_t start, size_t end,
                    unsigned script) {
  if (*n < cap) {
    runs[*n].start = start;
    runs[*n].end = end;
    runs[*n].script = (kztext_script)script;
  }
  (*n)++;
}

kztext_status kztext_script_runs(const char *src, size_t len, unsigned flags,
                                 kztext_script_run *runs, size_t cap, size_t *count,
                                 size_t *error_offset) {
  if (flags & ~0xFu) return KZTEXT_E_INVALID_FLAGS;
  if ((flags & 0xFu) > KZTEXT_INVALID_REPLACE) return KZTEXT_E_INVALID_FLAGS;
  if ((!src && len) || (!runs && cap) || !count) return KZTEXT_E_INVALID_ARG;
  const unsigned char *s = (const unsigned char *)src;
  const int replace = (flags & 0xFu) == KZTEXT_INVALID_REPLACE;
  size_t n = 0, i = 0, start = 0;
  unsigned cur = KZ_SCRIPT_COUNT; /* no letter seen yet */
  while (i < len) {
    /* Hot loops: skip what cannot end the current run without decoding. */
    if (cur == KZTEXT_SCRIPT_LATN) {
      /* All ASCII is Latin or Common. */
      while (i + 8 <= len) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        if (w & 0x8080808080808080ull) break;
        i += 8;
      }
      while (i < len && s[i] < 0x80)
        i++;
    } else if (cur == KZTEXT_SCRIPT_CYRL) {
      /* U+0400-04FF (lead bytes D0-D3) are Cyrillic letters or Common
       * (U+0482-0489), ASCII other than letters is Common. */
      while (i < len) {
        unsigned adv = i + 8 <= len ? cyrl_block(s + i) : 0;
        if (adv) {
          i += adv;
          continue;
        }
        unsigned c = s[i];
        if (c < 0x80) {
          if (ascii_script[c]) break;
          i++;
        } else if (c >= 0xD0 && c <= 0xD3 && i + 1 < len && (s[i + 1] & 0xC0) == 0x80) {
          i += 2;
        } else if (c == 0xE2 && i + 2 < len && s[i + 1] == 0x80 && (s[i + 2] & 0xC0) == 0x80) {
          i += 3; /* U+2000-203F: spaces, dashes, quotes, format controls */
        } else {
          break;
        }
      }
    }
    if (i >= len) break;
    unsigned b = s[i], sc;
    size_t step;
    if (b < 0x80) {
      sc = ascii_script[b];
      step = 1;
    } else {
      size_t sub;
      uint32_t cp = kz_utf8_decode(s + i, len - i, &step, &sub);
      if (!step) {
        if (!replace) {
          if (error_offset) *error_offset = i;
          return KZTEXT_E_INVALID_UTF8;
        }
        step = sub;
        sc = KZTEXT_SCRIPT_OTHER;
      } else {
        sc = kz_class_script[kz_script_class(cp)];
      }
    }
    if (sc != KZTEXT_SCRIPT_COMMON && sc != cur) {
      if (cur != KZ_SCRIPT_COUNT && i > start) {
        put_run(runs, cap, &n, start, i, cur);
        start = i;
      }
      cur = sc;
    }
    i += step;
  }
  if (len) put_run(runs, cap, &n, start, len, cur == KZ_SCRIPT_COUNT ? KZTEXT_SCRIPT_COMMON : cur);
  *count = n;
  return n > cap ? KZTEXT_E_BUFFER_TOO_SMALL : KZTEXT_OK;
}

kztext_status kztext_script_runs_alloc(const char *src, size_t len, unsigned flags,
                                       kztext_script_run **runs, size_t *count,
                                       size_t *error_offset) {
  if (!runs || !count) return KZTEXT_E_INVALID_ARG;
  *runs = NULL;
  *count = 0;
  size_t n = 0;
  kztext_status st = kztext_script_runs(src, len, flags, NULL, 0, &n, error_offset);
  if (st != KZTEXT_OK && st != KZTEXT_E_BUFFER_TOO_SMALL) return st;
  if (!n) return KZTEXT_OK;
  if (n > (size_t)-1 / sizeof **runs) return KZTEXT_E_TOO_LARGE;
  kztext_script_run *r = malloc(n * sizeof *r);
  if (!r) return KZTEXT_E_NO_MEMORY;
  st = kztext_script_runs(src, len, flags, r, n, count, error_offset);
  if (st) {
    free(r);
    *count = 0;
    return st;
  }
  *runs = r;
  return KZTEXT_OK;
}

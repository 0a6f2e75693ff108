/* The invisible-character and space repairs, done in one pass because a
 * deleted ZWSP between two spaces must not leave a run behind (that would
 * make a second pass change the text again). */
#include <string.h>

#include <kztext.h>

#include "repair/repair_internal.h"
#include "utf8/utf8.h"

#include "gen/repair_tables.inc"

static int action_of(uint32_t cp) {
  size_t lo = 0, hi = sizeof kz_inv_ranges / sizeof *kz_inv_ranges;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (kz_inv_ranges[mid][1] < cp)
      lo = mid + 1;
    else
      hi = mid;
  }
  if (lo < sizeof kz_inv_ranges / sizeof *kz_inv_ranges && kz_inv_ranges[lo][0] <= cp)
    return (int)kz_inv_ranges[lo][2];
  return 0;
}

/* Lead bytes of every code point the table names (C0/C1, U+00A0, U+00AD,
 * U+061C, U+1680, U+180E, U+2000-U+206F, U+3000, U+FEFF). */
static inline int interesting_lead(unsigned b) {
  return b == 0xC2 || b == 0xD8 || b == 0xE1 || b == 0xE2 || b == 0xE3 || b == 0xEF;
}

/* ZWJ joins emoji sequences and shapes Arabic and Indic scripts: keep it
 * there; between Latin or Cyrillic letters, spaces or punctuation it only
 * hides a word break from search. */
static int zwj_context(uint32_t cp) {
  if (cp < 0x0590) return 0;
  if (cp >= 0x1E00 && cp <= 0x1EFF) return 0;
  if (cp >= 0x2000 && cp <= 0x206F) return 0;
  return 1;
}

static inline int is_digit_cp(uint32_t cp) { return cp >= '0' && cp <= '9'; }

int kz_stage_chars(const char *src, size_t n, unsigned flags, kz_buf *out, kz_repair_counts *c) {
  const unsigned char *s = (const unsigned char *)src;
  const int inv = (flags & KZTEXT_REPAIR_INVISIBLE) != 0;
  const int sp = (flags & KZTEXT_REPAIR_SPACES) != 0;
  const int digit = (flags & KZTEXT_REPAIR_DIGIT_SPACE) != 0;
  size_t copied = 0, i = 0;
  int started = 0;
  uint32_t prev = 0; /* last code point kept or written */
  char enc[4];
#define EMIT_FROM(pos, rep, rep_len)                                                               \
  do {                                                                                             \
    if (!started) {                                                                                \
      out->len = 0;                                                                                \
      started = 1;                                                                                 \
    }                                                                                              \
    kz_buf_put(out, s + copied, (pos)-copied);                                                     \
    kz_buf_put(out, (rep), (rep_len));                                                             \
  } while (0)
  while (i < n) {
    unsigned b = s[i];
    if (b >= 0x21 && b < 0x7F) {
      prev = b;
      i++;
      continue;
    }
    uint32_t cp;
    size_t l;
    int act;
    if (b < 0x80) {
      cp = b;
      l = 1;
      if (b == ' ')
        act = KZ_INV_SPACE;
      else if (b == '\r')
        act = KZ_INV_NEWLINE;
      else if (b == '\t' || b == '\n' || b == 0x0B || b == 0x0C)
        act = 0;
      else
        act = KZ_INV_DELETE;
    } else if (!interesting_lead(b)) {
      prev = kz_utf8_next(s + i, &l); /* for ZWJ next to Arabic letters */
      i += l;
      continue;
    } else {
      cp = kz_utf8_next(s + i, &l);
      act = action_of(cp);
    }
    if (act == KZ_INV_DELETE && inv) {
      EMIT_FROM(i, "", 0);
      c->invisible++;
      i += l;
      copied = i;
      continue;
    }
    if (act == KZ_INV_ZWJ && inv) {
      size_t nl;
      uint32_t next = i + l < n ? kz_utf8_next(s + i + l, &nl) : 0;
      if (!zwj_context(prev) && !zwj_context(next)) {
        EMIT_FROM(i, "", 0);
        c->invisible++;
        i += l;
        copied = i;
        continue;
      }
    }
    if (act == KZ_INV_NEWLINE && sp) {
      size_t end = i + l;
      if (cp == '\r' && end < n && s[end] == '\n')
        end++;
      else if (cp == '\n') {
        prev = cp;
        i = end;
        continue;
      }
      EMIT_FROM(i, "\n", 1);
      c->spaces++;
      prev = '\n';
      i = copied = end;
      continue;
    }
    if (act == KZ_INV_SPACE && sp) {
      /* The run of spaces (and deletable invisibles) starting here. */
      size_t j = i, members = 0, deleted = 0, nl2;
      int odd = 0; /* holds a space other than U+0020 */
      while (j < n) {
        size_t jl;
        uint32_t jc = kz_utf8_next(s + j, &jl);
        int ja = jc == ' '   ? KZ_INV_SPACE
                 : jc < 0x80 ? (jc < 0x20 && jc != '\t' && jc != '\n' && jc != 0x0B && jc != 0x0C &&
                                        jc != '\r'
                                    ? KZ_INV_DELETE
                                : jc == 0x7F ? KZ_INV_DELETE
                                             : 0)
                             : action_of(jc);
        if (ja == KZ_INV_SPACE) {
          members++;
          odd |= jc != ' ';
        } else if (ja == KZ_INV_DELETE && inv)
          deleted++;
        else if (ja == KZ_INV_ZWJ && inv && j + jl < n &&
                 !zwj_context(kz_utf8_next(s + j + jl, &nl2)))
          deleted++; /* a ZWJ between spaces joins nothing */
        else
          break;
        j += jl;
      }
      uint32_t next = j < n ? kz_utf8_next(s + j, &nl2) : 0;
      const char *rep = " ";
      size_t rep_len = 1;
      if (digit && odd && is_digit_cp(prev) && is_digit_cp(next)) {
        rep_len = kz_utf8_encode(0x202F, enc);
        rep = enc;
      }
      if (j - i == rep_len && !memcmp(s + i, rep, rep_len)) {
        prev = ' ';
        i = j;
        continue;
      }
      EMIT_FROM(i, rep, rep_len);
      if (members > 1 || odd) c->spaces++;
      c->invisible += deleted;
      prev = ' ';
      i = copied = j;
      continue;
    }
    prev = cp;
    i += l;
  }
#undef EMIT_FROM
  if (!started) return 0;
  kz_buf_put(out, s + copied, n - copied);
  return out->oom ? -1 : 1;
}

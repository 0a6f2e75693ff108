/* Single-byte codepage tables and the table-driven decoder.  The tables
 * are generated (tools/gen_codepages.py) rather than taken from iconv at
 * run time: iconv_open per call costs more than decoding a page, and ICU
 * has no KZ-1048 or PT154 at all. */
#include <string.h>

#include "codepage/codepage.h"
#include "utf8/utf8.h"

#include "gen/codepages.inc"

const uint16_t *kz_cp_table(kztext_encoding enc) {
  switch (enc) {
  case KZTEXT_ENC_CP1251:
    return kz_cp_cp1251;
  case KZTEXT_ENC_KOI8R:
    return kz_cp_koi8r;
  case KZTEXT_ENC_IBM866:
    return kz_cp_ibm866;
  case KZTEXT_ENC_ISO8859_5:
    return kz_cp_iso8859_5;
  case KZTEXT_ENC_RK1048:
    return kz_cp_rk1048;
  case KZTEXT_ENC_PT154:
    return kz_cp_pt154;
  default:
    return NULL;
  }
}

int kz_cp1251_byte(uint32_t cp) {
  if (cp >= 0x400 && cp < 0x460) return kz_cp1251_cyr[cp - 0x400] ? kz_cp1251_cyr[cp - 0x400] : -1;
  size_t lo = 0, hi = sizeof kz_cp1251_rev_cp / sizeof *kz_cp1251_rev_cp;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (kz_cp1251_rev_cp[mid] < cp)
      lo = mid + 1;
    else
      hi = mid;
  }
  if (lo < sizeof kz_cp1251_rev_cp / sizeof *kz_cp1251_rev_cp && kz_cp1251_rev_cp[lo] == cp)
    return kz_cp1251_rev_byte[lo];
  return -1;
}

/* Built per call: 256 encodes cost nothing next to a page of text, and
 * nothing is shared between threads. */
void kz_sb_map_build(const uint16_t *tab, int replace, kz_sb_map *m) {
  for (int b = 0; b < 256; b++) {
    uint32_t cp = tab[b] == KZ_CP_UNDEF ? 0xFFFD : tab[b];
    memset(m->enc[b], 0, 4);
    m->len[b] = (unsigned char)kz_utf8_encode(cp, (char *)m->enc[b]);
    if (tab[b] == KZ_CP_UNDEF && !replace) m->len[b] = 0;
  }
}

size_t kz_sb_decoded_size(const uint16_t *tab, const unsigned char *s, size_t n, int replace,
                          size_t *bad) {
  kz_sb_map m;
  kz_sb_map_build(tab, replace, &m);
  size_t total = 0, i = 0;
  while (i < n) {
    if (i + 8 <= n) {
      uint64_t w;
      memcpy(&w, s + i, 8);
      if (!(w & 0x8080808080808080ull)) {
        total += 8;
        i += 8;
        continue;
      }
    }
    unsigned b = s[i];
    if (!m.len[b]) {
      *bad = i;
      return (size_t)-1;
    }
    total += m.len[b];
    i++;
  }
  return total;
}

size_t kz_sb_decode(const uint16_t *tab, const unsigned char *s, size_t n, char *out, size_t cap,
                    int replace, size_t *bad) {
  kz_sb_map m;
  kz_sb_map_build(tab, replace, &m);
  char *o = out, *end = out + cap;
  size_t i = 0;
  while (i < n) {
    if (i + 8 <= n && end - o >= 8) {
      uint64_t w;
      memcpy(&w, s + i, 8);
      if (!(w & 0x8080808080808080ull)) {
        memcpy(o, &w, 8);
        o += 8;
        i += 8;
        continue;
      }
    }
    unsigned b = s[i];
    unsigned l = m.len[b];
    if (!l) {
      *bad = i;
      return (size_t)-1;
    }
    if (end - o >= 4)
      memcpy(o, m.enc[b], 4); /* the extra bytes are overwritten */
    else if ((size_t)(end - o) >= l)
      memcpy(o, m.enc[b], l);
    else
      return (size_t)-2;
    o += l;
    i++;
  }
  return (size_t)(o - out);
}

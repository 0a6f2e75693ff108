/* Single-byte codepage tables, encoding names and the table-driven decoder.
 * The tables are generated (tools/gen_codepages.py) rather than taken from
 * iconv at run time: iconv_open per call costs more than decoding a page,
 * and ICU has no KZ-1048 or PT154 at all. */
#include <string.h>

#include "encoding/encoding_internal.h"
#include "encoding/encoding_names.h"
#include "utf8/utf8.h"

#include "gen/codepages.inc"

const uint16_t *kz_cp_table(kztext_encoding enc) {
  switch (enc) {
  case KZTEXT_ENC_CP1251: return kz_cp_cp1251;
  case KZTEXT_ENC_KOI8R: return kz_cp_koi8r;
  case KZTEXT_ENC_IBM866: return kz_cp_ibm866;
  case KZTEXT_ENC_ISO8859_5: return kz_cp_iso8859_5;
  case KZTEXT_ENC_RK1048: return kz_cp_rk1048;
  case KZTEXT_ENC_PT154: return kz_cp_pt154;
  default: return NULL;
  }
}

int kz_cp1251_byte(uint32_t cp) {
  if (cp >= 0x400 && cp < 0x460) return kz_cp1251_cyr[cp - 0x400] ? kz_cp1251_cyr[cp - 0x400] : -1;
  size_t lo = 0, hi = sizeof kz_cp1251_rev_cp / sizeof *kz_cp1251_rev_cp;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (kz_cp1251_rev_cp[mid] < cp) lo = mid + 1;
    else hi = mid;
  }
  if (lo < sizeof kz_cp1251_rev_cp / sizeof *kz_cp1251_rev_cp && kz_cp1251_rev_cp[lo] == cp)
    return kz_cp1251_rev_byte[lo];
  return -1;
}

/* UTF-8 of every byte, built per call (256 encodes cost nothing next to a
 * page of text) so the loops are a load and a store. */
typedef struct sb_map {
  unsigned char enc[256][4], len[256];
} sb_map;

static void sb_build(const uint16_t *tab, int replace, sb_map *m) {
  for (int b = 0; b < 256; b++) {
    uint32_t cp = tab[b] == KZ_CP_UNDEF ? 0xFFFD : tab[b];
    memset(m->enc[b], 0, 4);
    m->len[b] = (unsigned char)kz_utf8_encode(cp, (char *)m->enc[b]);
    if (tab[b] == KZ_CP_UNDEF && !replace) m->len[b] = 0;
  }
}

size_t kz_sb_decoded_size(const uint16_t *tab, const unsigned char *s, size_t n, int replace,
                          size_t *bad) {
  sb_map m;
  sb_build(tab, replace, &m);
  size_t total = 0, i = 0;
  while (i < n) {
    if (i + 8 <= n) {
      uint64_t w;
      memcpy(&w, s + i, 8);
      if (!(w & 0x8080808080808080ull)) { total += 8; i += 8; continue; }
    }
    unsigned b = s[i];
    if (!m.len[b]) { *bad = i; return (size_t)-1; }
    total += m.len[b];
    i++;
  }
  return total;
}

size_t kz_sb_decode(const uint16_t *tab, const unsigned char *s, size_t n, char *out,
                    size_t cap, int replace, size_t *bad) {
  sb_map m;
  sb_build(tab, replace, &m);
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
    if (!l) { *bad = i; return (size_t)-1; }
    if (end - o >= 4) memcpy(o, m.enc[b], 4); /* the extra bytes are overwritten */
    else if ((size_t)(end - o) >= l) memcpy(o, m.enc[b], l);
    else return (size_t)-2;
    o += l;
    i++;
  }
  return (size_t)(o - out);
}

size_t kz_sb_decode_hint(const uint16_t *tab, const unsigned char *s, size_t n, char *out,
                         size_t cap, int replace, size_t *bad, unsigned *hint) {
  sb_map m;
  sb_build(tab, replace, &m);
  /* Per byte, what its character is in CP1251 terms: 1 = a letter only
   * KZ-1048/PT154 mojibake shows (ќ ћ ј ѕ њ ѓ), 2 = a UTF-8 continuation
   * byte (0x80-0xBF, or undefined: U+FFFD), 4 = a UTF-8 lead byte whose
   * decoding can be plausible (kz_plausible_lead), 8 = non-ASCII and in
   * CP1251. */
  unsigned char h[256];
  for (int b = 0; b < 256; b++) {
    uint32_t cp = tab[b];
    int cb = cp == KZ_CP_UNDEF ? 0x98 : cp < 0x80 ? -1 : kz_cp1251_byte(cp);
    unsigned f = 0;
    switch (cp) {
    case 0x45C: case 0x40C: case 0x45B: case 0x40B: case 0x458: case 0x408:
    case 0x455: case 0x405: case 0x45A: case 0x40A: case 0x453: case 0x403:
      f |= 1;
      break;
    default: break;
    }
    if (cb >= 0x80) f |= 8;
    if (cb >= 0x80 && cb <= 0xBF) f |= 2;
    if (cb >= 0 && kz_plausible_lead((unsigned)cb))
      f |= 4 | (unsigned)kz_plausible_lead((unsigned)cb) << 4; /* bits 4-5: bytes due */
    h[b] = (unsigned char)f;
  }
  char *o = out, *end = out + cap;
  size_t i = 0, last_pair = (size_t)-8, chains = 0, chain_len = 0, runs = 0;
  unsigned acc = 0;
  int longrun = 0;
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
    if (!l) { *bad = i; return (size_t)-1; }
    unsigned f = h[b];
    acc |= f & 1;
    /* A lead byte followed by a continuation byte, right where the
     * previous such pair's sequence ends (its continuation bytes all
     * there): two UTF-8 sequences in a row could be hiding here (needed
     * for any UTF-8 mojibake). */
    if ((f & 2) && i > 0 && (h[s[i - 1]] & 4)) {
      size_t lead = i - 1; /* last_pair holds the previous lead */
      int chained = last_pair != (size_t)-8 && lead == last_pair + 1 + (h[s[last_pair]] >> 4 & 3);
      for (size_t k = last_pair + 1; chained && k < lead; k++) /* its continuation bytes */
        chained &= (h[s[k]] >> 1) & 1;
      chain_len = chained ? chain_len + 1 : 1;
      longrun |= chain_len >= 3;
      chains += chained;
      last_pair = lead;
    }
    if (end - o >= 4) memcpy(o, m.enc[b], 4); /* the extra bytes are overwritten */
    else if ((size_t)(end - o) >= l) memcpy(o, m.enc[b], l);
    else return (size_t)-2;
    o += l;
    i++;
  }
  /* The mojibake stage's own test, on counts that can only favour it:
   * three sequences in a row, or chains for 1 run in 20. */
  if (chains && !longrun) /* runs: counted only as far as needed */
    for (size_t k = 0; k < n && runs <= chains * 20; k++)
      runs += (h[s[k]] >> 3 & 1) && (k == 0 || s[k - 1] < 0x80);
  if (longrun || (chains && chains * 20 >= runs)) acc |= 2;
  *hint = acc;
  return (size_t)(o - out);
}

/* Canonical names first (kztext_name_at), each before its aliases. */
const kz_name kz_encoding_names[] = {
    {"auto", KZTEXT_ENC_AUTO},         {"utf-8", KZTEXT_ENC_UTF8},
    {"utf8", KZTEXT_ENC_UTF8},         {"utf-8-sig", KZTEXT_ENC_UTF8},
    {"utf-16", KZTEXT_ENC_UTF16},      {"utf16", KZTEXT_ENC_UTF16},
    {"utf-16le", KZTEXT_ENC_UTF16LE},  {"utf-16be", KZTEXT_ENC_UTF16BE},
    {"cp1251", KZTEXT_ENC_CP1251},     {"windows-1251", KZTEXT_ENC_CP1251},
    {"cp-1251", KZTEXT_ENC_CP1251},    {"koi8-r", KZTEXT_ENC_KOI8R},
    {"koi8r", KZTEXT_ENC_KOI8R},       {"koi8", KZTEXT_ENC_KOI8R},
    {"ibm866", KZTEXT_ENC_IBM866},     {"cp866", KZTEXT_ENC_IBM866},
    {"866", KZTEXT_ENC_IBM866},        {"iso-8859-5", KZTEXT_ENC_ISO8859_5},
    {"iso8859-5", KZTEXT_ENC_ISO8859_5}, {"iso_8859-5", KZTEXT_ENC_ISO8859_5},
    {"rk1048", KZTEXT_ENC_RK1048},     {"kz-1048", KZTEXT_ENC_RK1048},
    {"kz1048", KZTEXT_ENC_RK1048},     {"strk1048-2002", KZTEXT_ENC_RK1048},
    {"pt154", KZTEXT_ENC_PT154},       {"ptcp154", KZTEXT_ENC_PT154},
    {"cp154", KZTEXT_ENC_PT154},       {NULL, 0},
};

const char *kztext_encoding_name(kztext_encoding enc) {
  switch (enc) {
  case KZTEXT_ENC_AUTO: return "auto";
  case KZTEXT_ENC_UTF8: return "utf-8";
  case KZTEXT_ENC_UTF16LE: return "utf-16le";
  case KZTEXT_ENC_UTF16BE: return "utf-16be";
  case KZTEXT_ENC_UTF16: return "utf-16";
  case KZTEXT_ENC_CP1251: return "cp1251";
  case KZTEXT_ENC_KOI8R: return "koi8-r";
  case KZTEXT_ENC_IBM866: return "ibm866";
  case KZTEXT_ENC_ISO8859_5: return "iso-8859-5";
  case KZTEXT_ENC_RK1048: return "rk1048";
  case KZTEXT_ENC_PT154: return "pt154";
  }
  return NULL;
}

kztext_status kztext_encoding_from_name(const char *name, kztext_encoding *enc) {
  if (!name || !enc) return KZTEXT_E_INVALID_ARG;
  const kz_name *e = kz_name_find(kz_encoding_names, name, strlen(name), 1);
  if (!e) return KZTEXT_E_UNSUPPORTED;
  *enc = (kztext_encoding)e->value;
  return KZTEXT_OK;
}

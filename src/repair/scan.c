/* The quick scan that makes repairing clean text cheap: one pass that
 * validates UTF-8 and tells which repair stages could change anything,
 * from one class byte per code point (generated from the same data as the
 * stages, tools/gen_repair_tables.py).  The stages then run only when
 * needed, and the homoglyph stage only from the first mixed word on. */
#include <string.h>

#include <kztext.h>

#include "codepage/codepage.h"
#include "repair/repair_internal.h"

#include "gen/repair_tables.inc"

static inline unsigned cls3(uint32_t cp) {
  if (cp >= 0x2000 && cp < 0x2140) return kz_rp_cls_2000[cp - 0x2000];
  if (cp >= 0x1E00 && cp <= 0x1EFF) return KZ_C_LAT;
  if (cp == 0x1680 || cp == 0x180E || cp == 0x3000 || cp == 0xFEFF) return KZ_C_CHR;
  if (cp == 0xFFFD) return KZ_A_CONT << 5; /* byte 0x98 of UTF-8 read as CP1251 */
  return 0;
}

/* The UTF-8-as-CP1251 automaton: state = need * 4 + seqs (need: bytes
 * still due in the current sequence, 0-3; seqs: well-formed sequences in a
 * row, saturating at 3); input = the A class of the next character. */
static void a_build(unsigned char t[16][5]) {
  for (unsigned st = 0; st < 16; st++) {
    unsigned need = st >> 2, seqs = st & 3;
    for (unsigned a = 0; a < 5; a++) {
      unsigned nn = 0, ns = 0;
      if (a == KZ_A_CONT) {
        if (need) {
          nn = need - 1;
          ns = seqs;
          if (!nn && ns < 3) ns++;
        }
      } else if (a >= KZ_A_L2) {
        nn = a - 1;
        ns = need ? 0 : seqs;
      }
      t[st][a] = (unsigned char)(nn * 4 + ns);
    }
  }
}

/* Class of the (valid) character at s[i]. */
static inline unsigned cls_at(const unsigned char *s, size_t i) {
  unsigned b = s[i];
  if (b < 0x80) return kz_rp_cls[b];
  if (b < 0xE0) return kz_rp_cls[((b & 0x1Fu) << 6) | (s[i + 1] & 0x3Fu)];
  if (b < 0xF0) return cls3(((b & 0x0Fu) << 12) | ((s[i + 1] & 0x3Fu) << 6) | (s[i + 2] & 0x3Fu));
  return 0;
}

/* Automaton state after the continuation-class character at offset p,
 * replayed from the last reset within 16 characters (a longer chain of
 * lead and continuation characters counts as a long run: the caller then
 * leaves the decision to the mojibake stage).  A lead after a lead leaves
 * the same state as a lead after a reset, so the replay also starts there:
 * inside a Cyrillic word (all CP1251 letters are leads) it looks back one
 * letter, not the whole word. */
static unsigned replay(const unsigned char *s, size_t p, unsigned char an[16][5]) {
  size_t start = p;
  unsigned after = KZ_A_CONT; /* A class of s[start] */
  int k = 0;
  while (start > 0 && k < 16) {
    size_t q = start;
    do
      q--;
    while (q > 0 && (s[q] & 0xC0) == 0x80);
    unsigned a = cls_at(s, q) >> 5;
    if (a == 0 || (a >= KZ_A_L2 && after >= KZ_A_L2)) break;
    start = q;
    after = a;
    k++;
  }
  if (k == 16) return 3;
  unsigned st = 0;
  for (size_t i = start; i <= p;) {
    st = an[st][cls_at(s, i) >> 5];
    unsigned b = s[i];
    i += b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
  }
  return st;
}

static void add_mixed(kz_scan *r, size_t word) {
  if (r->nmixed < KZ_SCAN_MIXED)
    r->mixed[r->nmixed++] = word;
  else
    r->more = 1;
}

/* SWAR helpers over 8 ASCII bytes. */
#define ONES 0x0101010101010101ull
#define HIGHS 0x8080808080808080ull
static inline uint64_t zero_bytes(uint64_t v) { /* 0x80 in each zero byte, exactly */
  return ~(((v & ~HIGHS) + ~HIGHS) | v | ~HIGHS);
}
static inline uint64_t any_less(uint64_t v, unsigned c) { /* v has no high bits */
  return (v - ONES * c) & ~v & HIGHS;
}
static inline int ascii_letter(unsigned b) { return (b | 0x20) - 'a' < 26; }

int kz_repair_scan(const char *src, size_t n, kz_scan *r) {
  const unsigned char *s = (const unsigned char *)src;
  /* Built on the stack each call: 80 bytes, no shared mutable state. */
  unsigned char an[16][5];
  a_build(an);
  unsigned needs = 0, mask = 0;
  size_t word = 0, runs = 0, strong = 0, longruns = 0, mojb = 0;
  r->nmixed = 0;
  r->more = 0;
  size_t i = 0;
  while (i < n) {
    /* Plain ASCII outside a Cyrillic word, 8 bytes at a time: only
     * controls, DEL and double spaces matter there. */
    if (!(mask & 2) && i + 8 <= n && s[i] < 0x80 && s[i + 1] < 0x80) {
      size_t j = i;
      while (j + 8 <= n) {
        uint64_t w;
        memcpy(&w, s + j, 8);
        if ((w & HIGHS) || any_less(w, 0x20) || zero_bytes(w ^ (ONES * 0x7F))) break;
        uint64_t sp = zero_bytes(w ^ (ONES * ' '));
        if ((sp & (sp >> 8)) || ((sp & 0x80) && j > 0 && s[j - 1] == ' ')) needs |= KZ_NEED_CHARS;
        j += 8;
      }
      if (j > i) {
        size_t k = j;
        while (k > i && ascii_letter(s[k - 1]))
          k--;
        if (k == i)
          mask |= 1;
        else {
          word = k;
          mask = k < j;
        }
        i = j;
        continue;
      }
    }
    unsigned b = s[i], c;
    size_t at = i;
    if (b < 0x80) {
      c = kz_rp_cls[b];
      if (b == ' ' && i + 1 < n && s[i + 1] == ' ') needs |= KZ_NEED_CHARS;
      i++;
    } else {
      if (b < 0xE0) {
        if (b < 0xC2 || i + 1 >= n || (s[i + 1] & 0xC0) != 0x80) return 0;
        c = kz_rp_cls[((b & 0x1Fu) << 6) | (s[i + 1] & 0x3Fu)];
        i += 2;
        /* Most Cyrillic letters: nothing else to do (a lead-class letter
         * only matters before a continuation-class one, which replays);
         * stay in this loop while they last. */
        if ((c & 0x1F) == KZ_C_CYR && (c >> 5) != KZ_A_CONT) {
          mask |= 2;
          while (i + 1 < n && (s[i] & 0xFC) == 0xD0 && (s[i + 1] & 0xC0) == 0x80) {
            unsigned d = kz_rp_cls[((s[i] & 0x1Fu) << 6) | (s[i + 1] & 0x3Fu)];
            if ((d & 0x1F) != KZ_C_CYR || (d >> 5) == KZ_A_CONT) break;
            i += 2;
          }
          continue;
        }
      } else if (b < 0xF0) {
        if (i + 2 >= n || (s[i + 1] & 0xC0) != 0x80 || (s[i + 2] & 0xC0) != 0x80) return 0;
        uint32_t cp = ((b & 0x0Fu) << 12) | ((s[i + 1] & 0x3Fu) << 6) | (s[i + 2] & 0x3Fu);
        if (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
        c = cls3(cp);
        i += 3;
      } else {
        if (b > 0xF4 || i + 3 >= n || (s[i + 1] & 0xC0) != 0x80 || (s[i + 2] & 0xC0) != 0x80 ||
            (s[i + 3] & 0xC0) != 0x80)
          return 0;
        uint32_t cp = ((b & 0x07u) << 18) | ((s[i + 1] & 0x3Fu) << 12);
        if (cp < 0x10000 || cp > 0x10FFFF) return 0;
        c = 0;
        i += 4;
      }
    }
    needs |= c & KZ_C_CHR;
    mojb += (c & KZ_C_MOJB) != 0;
    /* Words of both scripts (the homoglyph stage looks closer). */
    unsigned brk = c & KZ_C_BRK;
    if (__builtin_expect(brk && mask == 3, 0)) add_mixed(r, word);
    runs += (brk >> 2) & (mask >> 1); /* words with Cyrillic: never more than
                                         the stage's runs */
    mask = brk ? 0 : mask | (c & 3);
    word = brk ? i : word;
    /* UTF-8 sequences in a row in CP1251 clothing. */
    /* Only a continuation-class character can complete a sequence: then
     * replay the automaton over the characters since the last reset. */
    if (__builtin_expect((c >> 5) == KZ_A_CONT, 0)) {
      unsigned q = replay(s, at, an);
      if ((q & 3) >= 2) {
        strong++; /* never fewer than the stage's strong runs */
        longruns += (q & 3) == 3;
      }
    }
  }
  if (mask == 3) add_mixed(r, word);
  r->strong = strong;
  r->runs = runs;
  r->longruns = longruns;
  r->mojb = mojb;
  r->needs = needs | kz_scan_moj_needs(r);
  return 1;
}

unsigned kz_scan_moj_needs(const kz_scan *r) {
  unsigned needs = r->mojb ? KZ_NEED_KZ_MOJIBAKE : 0;
  /* The same test as the mojibake stage's (it restores short runs only
   * when strong runs are 1 in KZ_MOJIBAKE_RUNS_PER_STRONG), on counts that
   * can only favour it. */
  if (r->longruns || (r->strong && r->strong * KZ_MOJIBAKE_RUNS_PER_STRONG >= r->runs))
    needs |= KZ_NEED_UTF8_MOJIBAKE;
  return needs;
}

unsigned kz_repair_scan_sb(const unsigned char *s, size_t n, const uint16_t *tab, size_t *out_size,
                           size_t *first_undef) {
  unsigned char an[16][5], acls[256], fl[256];
  a_build(an);
  /* fl: 1 = a letter only mojibake shows, 2 = continuation class, 4 = a
   * CP1251-encodable non-ASCII character (starts a run after ASCII),
   * 8 = undefined byte; bits 4-5: UTF-8 length. */
  for (int b = 0; b < 256; b++) {
    uint32_t cp = tab[b] == KZ_CP_UNDEF ? 0xFFFD : tab[b];
    unsigned c = cp < 0x800 ? kz_rp_cls[cp] : cls3(cp);
    acls[b] = (unsigned char)(c >> 5);
    fl[b] = (unsigned char)(((c & KZ_C_MOJB) ? 1 : 0) | ((c >> 5) == KZ_A_CONT ? 2 : 0) |
                            (cp >= 0x80 && (cp == 0xFFFD || kz_cp1251_byte(cp) >= 0) ? 4 : 0) |
                            (tab[b] == KZ_CP_UNDEF ? 8 : 0) |
                            ((cp < 0x80    ? 1
                              : cp < 0x800 ? 2
                                           : 3)
                             << 4));
  }
  unsigned acc = 0;
  size_t strong = 0, size = 0;
  int longrun = 0;
  for (size_t i = 0; i < n; i++) {
    if (!(i & 7) && i + 8 <= n) { /* 8 ASCII bytes: nothing but their size */
      uint64_t w;
      memcpy(&w, s + i, 8);
      if (!(w & HIGHS)) {
        size += 8;
        i += 7;
        continue;
      }
    }
    unsigned f = fl[s[i]];
    acc |= f;
    size += f >> 4;
    if (__builtin_expect(f & 2, 0)) {
      size_t start = i;
      int k = 0;
      while (start > 0 && k < 16 && acls[s[start - 1]])
        start--, k++;
      unsigned st = 0;
      if (k == 16)
        st = 3;
      else
        for (size_t q = start; q <= i; q++)
          st = an[st][acls[s[q]]];
      if ((st & 3) >= 2) {
        strong++;
        if ((st & 3) == 3) longrun = 1;
      }
    }
  }
  /* The rare cases get their own passes. */
  size_t undef = (size_t)-1;
  if (acc & 8)
    for (size_t i = 0; i < n && undef == (size_t)-1; i++)
      if (fl[s[i]] & 8) undef = i;
  size_t runs = 0; /* counted only as far as the test below needs */
  if (strong && !longrun)
    for (size_t i = 0; i < n && runs <= strong * KZ_MOJIBAKE_RUNS_PER_STRONG; i++)
      runs += (fl[s[i]] >> 2 & 1) && (i == 0 || s[i - 1] < 0x80);
  unsigned needs = (acc & 1) ? KZ_NEED_KZ_MOJIBAKE : 0;
  if (longrun || (strong && strong * KZ_MOJIBAKE_RUNS_PER_STRONG >= runs))
    needs |= KZ_NEED_UTF8_MOJIBAKE;
  *out_size = size;
  *first_undef = undef;
  return needs;
}

size_t kz_repair_sb_decode(const uint16_t *tab, const unsigned char *s, size_t n, char *out,
                           size_t cap, int replace, size_t *bad, unsigned *hint) {
  kz_sb_map m;
  kz_sb_map_build(tab, replace, &m);
  /* Per byte, from the classes of its character (undefined: U+FFFD, which
   * stands for CP1251's 0x98): 1 = a letter only KZ-1048/PT154 mojibake
   * shows (KZ_C_MOJB), 2 = a UTF-8 continuation byte in CP1251 terms,
   * 4 = a UTF-8 lead byte whose decoding can be plausible, with the bytes
   * due in bits 4-5, 8 = non-ASCII and in CP1251. */
  unsigned char h[256];
  for (int b = 0; b < 256; b++) {
    uint32_t cp = tab[b] == KZ_CP_UNDEF ? 0xFFFD : tab[b];
    unsigned c = cp < 0x800 ? kz_rp_cls[cp] : cls3(cp), a = c >> 5;
    unsigned f = (c & KZ_C_MOJB) ? 1 : 0;
    if (a == KZ_A_CONT) f |= 2;
    if (a >= KZ_A_L2) f |= 4 | (a - 1) << 4;
    if (cp >= 0x80 && (cp == 0xFFFD || kz_cp1251_byte(cp) >= 0)) f |= 8;
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
    if (!l) {
      *bad = i;
      return (size_t)-1;
    }
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
    if (end - o >= 4)
      memcpy(o, m.enc[b], 4); /* the extra bytes are overwritten */
    else if ((size_t)(end - o) >= l)
      memcpy(o, m.enc[b], l);
    else
      return (size_t)-2;
    o += l;
    i++;
  }
  /* The mojibake stage's own test, on counts that can only favour it:
   * three sequences in a row, or chains for 1 run in
   * KZ_MOJIBAKE_RUNS_PER_STRONG. */
  if (chains && !longrun) /* runs: counted only as far as needed */
    for (size_t k = 0; k < n && runs <= chains * KZ_MOJIBAKE_RUNS_PER_STRONG; k++)
      runs += (h[s[k]] >> 3 & 1) && (k == 0 || s[k - 1] < 0x80);
  if (longrun || (chains && chains * KZ_MOJIBAKE_RUNS_PER_STRONG >= runs)) acc |= 2;
  *hint = acc;
  return (size_t)(o - out);
}

/* Homoglyph repair: a word that mixes Latin and Cyrillic letters is made
 * single-script, the way KazNLP's ScriptFixer does, but more cautiously:
 *  - the target script is the one that has letters without a look-alike in
 *    the other (қ з л make a word Cyrillic; t s d make it Latin); a word
 *    with such letters in both scripts (iPhoneның) is left alone;
 *  - a word of look-alikes only goes to the script of the majority, and is
 *    left alone on a tie;
 *  - a capital acronym followed by a suffix in the other script (BBCге) is
 *    a loan with a native ending, not a typo;
 *  - tokens that look like URLs, e-mail addresses, domain names or
 *    identifiers (letters next to digits or _) are skipped whole.
 * Words wholly in one script are never changed, which keeps Latin-script
 * Kazakh (Qazaqstan, Respýblıkasy) safe. */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include <kztext.h>

#include "repair/repair_internal.h"
#include "utf8/utf8.h"

#include "gen/repair_tables.inc"

enum { K_SEP, K_LAT, K_CYR, K_OTH, K_MARK, K_DIG, K_UND, K_SPACE };

static int classify(uint32_t cp) {
  if (cp < 0x80) {
    if ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') return K_LAT;
    if (cp >= '0' && cp <= '9') return K_DIG;
    if (cp == '_') return K_UND;
    if (cp == ' ' || (cp >= 0x09 && cp <= 0x0D)) return K_SPACE;
    return K_SEP;
  }
  if (cp >= 0x400 && cp <= 0x52F)
    return (cp >= 0x483 && cp <= 0x489) ? K_MARK : cp == 0x482 ? K_SEP : K_CYR;
  if (cp >= 0xC0 && cp <= 0x2AF) return (cp == 0xD7 || cp == 0xF7) ? K_SEP : K_LAT;
  if (cp >= 0x300 && cp <= 0x36F) return K_MARK;
  if (cp >= 0x1E00 && cp <= 0x1EFF) return K_LAT;
  if (cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 ||
      cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000 || cp == 0x85)
    return K_SPACE;
  switch (utf8proc_category((utf8proc_int32_t)cp)) {
  case UTF8PROC_CATEGORY_LU:
  case UTF8PROC_CATEGORY_LL:
  case UTF8PROC_CATEGORY_LT:
  case UTF8PROC_CATEGORY_LM:
  case UTF8PROC_CATEGORY_LO:
    return K_OTH;
  case UTF8PROC_CATEGORY_MN:
  case UTF8PROC_CATEGORY_MC:
  case UTF8PROC_CATEGORY_ME:
  case UTF8PROC_CATEGORY_CF:
    return K_MARK;
  case UTF8PROC_CATEGORY_ND:
  case UTF8PROC_CATEGORY_NL:
  case UTF8PROC_CATEGORY_NO:
    return K_DIG;
  default:
    return K_SEP;
  }
}

static uint32_t lookup(const uint16_t (*tab)[2], size_t n, uint32_t cp) {
  size_t lo = 0, hi = n;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (tab[mid][0] < cp)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo < n && tab[lo][0] == cp ? tab[lo][1] : 0;
}
#define L2C(cp) lookup(kz_hg_l2c, sizeof kz_hg_l2c / sizeof *kz_hg_l2c, (cp))
#define C2L(cp) lookup(kz_hg_c2l, sizeof kz_hg_c2l / sizeof *kz_hg_c2l, (cp))

static int is_en_tail(uint32_t cp) { return cp == 0x4C9 || cp == 0x4CA; } /* Ӊ ӊ */

/* Quick scan from offset i: the start of the first word (between ASCII
 * non-letters and general punctuation) holding both a Latin and a Cyrillic
 * letter, or Ӊ ӊ; n if none.  Words here are at least as long as the
 * fixer's, so nothing it would change is missed. */
static size_t find_mixed(const unsigned char *s, size_t n, size_t i) {
  unsigned mask = 0;
  size_t start = i;
  while (i < n) {
    unsigned b = s[i];
    if (b < 0x80) {
      if (((b | 0x20) >= 'a' && (b | 0x20) <= 'z'))
        mask |= 1;
      else {
        if (mask == 3) return start;
        mask = 0;
        start = i + 1;
      }
      i++;
      continue;
    }
    if (b >= 0xD0 && b <= 0xD4) {
      if (b == 0xD3 && (s[i + 1] == 0x89 || s[i + 1] == 0x8A)) return start;
      mask |= 2;
      i += 2;
      continue;
    }
    size_t l = b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    if (b >= 0xC3 && b <= 0xCA)
      mask |= 1;
    else if (b == 0xC2 || (b == 0xE2 && s[i + 1] <= 0x81)) {
      if (mask == 3) return start;
      mask = 0;
      start = i + l;
    } else if (b == 0xE1 && s[i + 1] >= 0xB8 && s[i + 1] <= 0xBB)
      mask |= 1;
    i += l;
  }
  return mask == 3 ? start : n;
}

static int is_upper(uint32_t cp) {
  return utf8proc_category((utf8proc_int32_t)cp) == UTF8PROC_CATEGORY_LU;
}
static int is_lower(uint32_t cp) {
  return utf8proc_category((utf8proc_int32_t)cp) == UTF8PROC_CATEGORY_LL;
}

/* Roman numeral shapes: I V X L C D M and the Cyrillic І Х С М. */
static int roman_shape(uint32_t cp) {
  switch (cp) {
  case 'I':
  case 'V':
  case 'X':
  case 'L':
  case 'C':
  case 'D':
  case 'M':
  case 0x406:
  case 0x425:
  case 0x421:
  case 0x41C:
    return 1;
  default:
    return 0;
  }
}

/* Script of a word with letters that have no look-alike in the other
 * script: K_LAT, K_CYR, or K_SEP (none, or both). */
static int native_script(const unsigned char *s, size_t a, size_t b) {
  int lat = 0, cyr = 0;
  for (size_t i = a; i < b;) {
    size_t l;
    uint32_t cp = kz_utf8_next(s + i, &l);
    i += l;
    int k = classify(cp);
    if (k == K_LAT && !L2C(cp))
      lat = 1;
    else if (k == K_CYR && !C2L(cp) && !is_en_tail(cp))
      cyr = 1;
  }
  return lat == cyr ? K_SEP : lat ? K_LAT : K_CYR;
}

/* Decides the target script of the word s[a..b): K_LAT, K_CYR or K_SEP
 * (leave it).  `context` is the script of the nearest word with native
 * letters (K_SEP if none), used for words made of look-alikes only. */
static int word_target(const unsigned char *s, size_t a, size_t b, int context) {
  size_t nl = 0, nc = 0, lat_native = 0, cyr_native = 0, tails = 0, runs = 0, roman = 0, romanx = 0;
  int last = -1, run_case[3] = {0, 0, 0}; /* 1 upper, 2 lower, 3 mixed */
  size_t run_len[3] = {0, 0, 0};
  int first_script = -1;
  for (size_t i = a; i < b;) {
    size_t l;
    uint32_t cp = kz_utf8_next(s + i, &l);
    i += l;
    int k = classify(cp);
    if (k == K_OTH) return K_SEP;
    if (k != K_LAT && k != K_CYR) continue;
    if (first_script < 0) first_script = k;
    if (k != last) {
      runs++;
      last = k;
    }
    int cs = is_upper(cp) ? 1 : is_lower(cp) ? 2 : 3;
    if (runs <= 2) {
      run_case[runs] |= cs;
      run_len[runs]++;
    }
    if (roman_shape(cp)) {
      roman++;
      if (cp == 'I' || cp == 'V' || cp == 'X' || cp == 0x406 || cp == 0x425) romanx++;
    }
    if (k == K_LAT) {
      nl++;
      if (!L2C(cp)) lat_native++;
    } else {
      nc++;
      if (is_en_tail(cp))
        tails++;
      else if (!C2L(cp))
        cyr_native++;
    }
  }
  if (!nl) return tails ? K_CYR : K_SEP;
  if (!nc) return K_SEP;
  /* XIX typed with Cyrillic Х, ІV with Cyrillic І: Roman numerals. */
  if (roman == nl + nc && romanx) return K_LAT;
  /* Two runs, one in capitals (2+) and one in small letters: an acronym
   * with a native suffix (BBCге) or words run together (жәнеIII). */
  if (runs == 2 && ((run_case[1] == 1 && run_len[1] >= 2 && run_case[2] == 2) ||
                    (run_case[1] == 2 && run_case[2] == 1 && run_len[2] >= 2)))
    return K_SEP;
  if (!lat_native && (cyr_native || tails)) return K_CYR;
  if (!cyr_native && !tails && lat_native) {
    /* Cyrillic letters become Latin only as a minority (Мining, сall);
     * "Dома" is a Cyrillic word with a wrong letter, "nсо" debris. */
    if (nc < nl || (nc == nl && first_script == K_CYR)) return K_LAT;
    return K_SEP;
  }
  if (!lat_native && !cyr_native) /* look-alikes only: follow the context */
    return context != K_SEP ? context : nc > nl ? K_CYR : nl > nc ? K_LAT : K_SEP;
  return K_SEP;
}

/* The native script of the first word after offset i with one (looking at
 * most 64 words ahead), for a look-alike word at the start of a text. */
static int script_ahead(const unsigned char *s, size_t n, size_t i) {
  size_t limit = n - i > 4096 ? i + 4096 : n; /* bounded work per word */
  for (int words = 0; i < limit && words < 64;) {
    size_t l;
    int k = classify(kz_utf8_next(s + i, &l));
    if (k != K_LAT && k != K_CYR && k != K_OTH) {
      i += l;
      continue;
    }
    size_t a = i;
    while (i < limit) {
      int wk = classify(kz_utf8_next(s + i, &l));
      if (wk != K_LAT && wk != K_CYR && wk != K_OTH && wk != K_MARK) break;
      i += l;
    }
    int sc = native_script(s, a, i);
    if (sc != K_SEP) return sc;
    words++;
  }
  return K_SEP;
}

/* The native script of the last word with one in s[i..e), or `found`
 * when there is none. */
static int script_behind(const unsigned char *s, size_t i, size_t e, int found) {
  while (i < e && (s[i] & 0xC0) == 0x80)
    i++;
  while (i < e) {
    size_t l;
    int k = classify(kz_utf8_next(s + i, &l));
    if (k != K_LAT && k != K_CYR && k != K_OTH) {
      i += l;
      continue;
    }
    size_t a = i;
    while (i < e) {
      int wk = classify(kz_utf8_next(s + i, &l));
      if (wk != K_LAT && wk != K_CYR && wk != K_OTH && wk != K_MARK) break;
      i += l;
    }
    int sc = native_script(s, a, i);
    if (sc != K_SEP) found = sc;
  }
  return found;
}

/* Skips tokens that are URLs, e-mail addresses, domain names, paths. */
static int token_is_address(const unsigned char *s, size_t a, size_t b) {
  for (size_t i = a; i < b; i++) {
    unsigned c = s[i];
    if (c == '@' || c == '\\' || c == '_') return 1;
    if (c == ':' && i + 2 < b && s[i + 1] == '/' && s[i + 2] == '/') return 1;
    if (c == '.' && i + 1 < b && ((s[i + 1] | 0x20) >= 'a' && (s[i + 1] | 0x20) <= 'z')) return 1;
    if ((c | 0x20) == 'w' && i + 4 <= b && !memcmp(s + i, "www.", 4)) return 1;
  }
  return 0;
}

/* The next word start to look at: from the scan's list while it lasts,
 * then by searching. */
static size_t next_mixed(const unsigned char *s, size_t n, const kz_scan *sc, size_t *k,
                         size_t pos) {
  if (!sc) return find_mixed(s, n, pos);
  while (*k < sc->nmixed && sc->mixed[*k] < pos)
    ++*k;
  if (*k < sc->nmixed) return sc->mixed[(*k)++];
  if (!sc->more) return n;
  size_t from = sc->nmixed ? sc->mixed[sc->nmixed - 1] : 0;
  return find_mixed(s, n, pos > from ? pos : from);
}

/* Appends a change to the list (dropping the list when memory runs out). */
static void note_change(kz_change **list, size_t *count, size_t *cap, kz_change ch) {
  if (!*list) return;
  if (*count == *cap) {
    kz_change *p = realloc(*list, *cap * 2 * sizeof *p);
    if (!p) {
      free(*list);
      *list = NULL;
      return;
    }
    *list = p;
    *cap *= 2;
  }
  (*list)[(*count)++] = ch;
}

int kz_stage_homoglyphs(const char *src, size_t n, const kz_scan *sc, kz_buf *out,
                        kz_repair_counts *c, kz_change **changes, size_t *nchanges) {
  const unsigned char *s = (const unsigned char *)src;
  size_t copied = 0, fixed = 0, pos = 0, listed = 0, ctx_pos = 0;
  int started = 0, context = K_SEP;
  char enc[4];
  size_t ch_cap = 16;
  if (changes) {
    *nchanges = 0;
    *changes = malloc(ch_cap * sizeof **changes);
  }
  /* Only the tokens around the words the quick scan finds are looked at;
   * the rest is copied. */
  while ((pos = next_mixed(s, n, sc, &listed, pos)) < n) {
    size_t l, ta = pos, tb = pos;
    while (ta > 0) {
      size_t p = kz_utf8_prev(s, ta);
      if (classify(kz_utf8_next(s + p, &l)) == K_SPACE) break;
      ta = p;
    }
    if (ta < copied) ta = copied; /* never reread what was written */
    while (tb < n && classify(kz_utf8_next(s + tb, &l)) != K_SPACE)
      tb += l;
    pos = tb;
    if (token_is_address(s, ta, tb)) continue;
    /* The context so far, brought up to this token: incrementally, so
     * many mixed tokens cost linear time; past 2 KB only the last 2 KB. */
    if (ta < ctx_pos) ctx_pos = ta;
    if (ta - ctx_pos > 2048) {
      context = K_SEP;
      ctx_pos = ta - 2048;
    }
    context = script_behind(s, ctx_pos, ta, context);
    ctx_pos = tb;
    int prev_kind = K_SEP;
    for (size_t j = ta; j < tb;) {
      uint32_t cp = kz_utf8_next(s + j, &l);
      int k = classify(cp);
      if (k != K_LAT && k != K_CYR && k != K_OTH) {
        prev_kind = k;
        j += l;
        continue;
      }
      size_t wa = j;
      while (j < tb) {
        uint32_t wc = kz_utf8_next(s + j, &l);
        int wk = classify(wc);
        if (wk != K_LAT && wk != K_CYR && wk != K_OTH && wk != K_MARK) break;
        j += l;
      }
      size_t wb = j;
      int native = native_script(s, wa, wb);
      int next_kind = K_SEP;
      if (wb < tb) next_kind = classify(kz_utf8_next(s + wb, &l));
      int ident =
          prev_kind == K_DIG || prev_kind == K_UND || next_kind == K_DIG || next_kind == K_UND;
      prev_kind = K_SEP;
      int target = K_SEP;
      if (!ident) {
        int ctx = context != K_SEP ? context : script_ahead(s, n, wb);
        target = word_target(s, wa, wb, ctx);
      }
      if (native != K_SEP) context = native;
      if (target == K_SEP) continue;
      if (!started) {
        out->len = 0;
        started = 1;
      }
      kz_buf_put(out, s + copied, wa - copied);
      size_t na = out->len;
      for (size_t k2 = wa; k2 < wb;) {
        uint32_t wc = kz_utf8_next(s + k2, &l);
        int wk = classify(wc);
        uint32_t to = wc;
        if (target == K_CYR && wk == K_LAT)
          to = L2C(wc);
        else if (target == K_CYR && wc == 0x4C9)
          to = 0x4A2;
        else if (target == K_CYR && wc == 0x4CA)
          to = 0x4A3;
        else if (target == K_LAT && wk == K_CYR)
          to = C2L(wc);
        if (!to) to = wc; /* cannot happen: the target was checked */
        kz_buf_put(out, enc, kz_utf8_encode(to, enc));
        k2 += l;
      }
      copied = wb;
      fixed++;
      if (changes) note_change(changes, nchanges, &ch_cap, (kz_change){wa, wb, na, out->len});
    }
  }
  if (!started) return 0;
  kz_buf_put(out, s + copied, n - copied);
  if (out->oom) return -1;
  c->homoglyphs += fixed;
  return 1;
}

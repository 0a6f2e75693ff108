/* Abbreviation lookup over the generated table, and the per-paragraph
 * language guess that picks which table wins. */
#include <string.h>

#include "segment/seg.h"

#include "gen/abbrev.inc"

#define NABBREV (sizeof kz_abbrevs / sizeof *kz_abbrevs)
#define MAX_PARTS 5
#define MAX_KEY 48

/* Index of the first entry whose key is not below key (binary search). */
static size_t lower_bound(const char *key, size_t len) {
  size_t lo = 0, hi = NABBREV;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    const struct kz_abbrev *a = &kz_abbrevs[mid];
    size_t m = a->len < len ? a->len : len;
    int c = memcmp(a->key, key, m);
    if (!c) c = (a->len > len) - (a->len < len);
    if (c < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

/* Kind of an abbreviation; among entries of the same key prefers `lang`. */
static int find(const char *key, size_t len, int lang) {
  size_t lo = lower_bound(key, len);
  int kind = KZ_AB_NONE;
  for (size_t i = lo;
       i < NABBREV && kz_abbrevs[i].len == len && !memcmp(kz_abbrevs[i].key, key, len); i++) {
    if ((kz_abbrevs[i].kind & KZ_AB_KIND) == KZ_AB_STARTER) continue;
    if (kz_abbrevs[i].lang == lang) return kz_abbrevs[i].kind;
    if (!kind) kind = kz_abbrevs[i].kind;
  }
  return kind;
}

/* Appends the lower-cased letters of s[a..b) to key; 0 if they do not fit. */
static int put_lower(char *key, size_t *klen, const unsigned char *s, size_t a, size_t b) {
  while (a < b) {
    size_t l;
    uint32_t c = kz_cp_at(s, b, a, &l);
    a += l;
    if (c >= 'A' && c <= 'Z')
      c += 32;
    else if (c >= 0x410 && c <= 0x42F)
      c += 0x20; /* А-Я: no ICU call for Russian */
    else if (c >= 0x400 && c <= 0x40F)
      c += 0x50; /* Ѐ-Џ */
    else if (c >= 0x80 && !(c >= 0x430 && c <= 0x45F))
      c = (uint32_t)u_tolower((UChar32)c);
    if (*klen + 4 > MAX_KEY) return 0;
    *klen += kz_utf8_encode(c, key + *klen);
  }
  return 1;
}

int kz_abbrev_lookup(const unsigned char *s, size_t dot, int lang, size_t *start) {
  /* Collect the chain of words, each followed by a dot (and at most one
   * space after an inner dot: `т. е.`), walking left from `dot`. */
  size_t ws[MAX_PARTS], we[MAX_PARTS];
  int parts = 0;
  size_t pos = dot;
  while (parts < MAX_PARTS) {
    size_t b = pos, st;
    while (b > 0) {
      uint32_t c = kz_cp_before(s, b, &st);
      if (!kz_is_alpha(c) && c != 0xB0 /* n° */) break;
      b = st;
      if (pos - b > 24) return KZ_AB_NONE; /* a long word is no abbreviation */
    }
    if (b == pos) break;
    ws[parts] = b;
    we[parts] = pos;
    parts++;
    /* Hyphenated forms (`г-н.`, `р-н.`) are one word here. */
    if (b >= 2 && s[b - 1] == '-' && parts == 1) {
      size_t b2 = b - 1;
      while (b2 > 0) {
        uint32_t c = kz_cp_before(s, b2, &st);
        if (!kz_is_alpha(c)) break;
        b2 = st;
      }
      if (b2 < b - 1 && b - 1 - b2 <= 4) ws[0] = b = b2;
    }
    if (b >= 1 && s[b - 1] == '.')
      pos = b - 1;
    else if (b >= 2 && s[b - 1] == ' ' && s[b - 2] == '.' && we[parts - 1] - b <= 6)
      pos = b - 2;
    else
      break;
  }
  /* Longest chain first. */
  for (int k = parts; k >= 1; k--) {
    char key[MAX_KEY];
    size_t klen = 0;
    int ok = 1;
    for (int p = k - 1; p >= 0 && ok; p--) {
      ok = put_lower(key, &klen, s, ws[p], we[p]);
      if (ok && klen < MAX_KEY)
        key[klen++] = '.';
      else
        ok = 0;
    }
    if (!ok) continue;
    int kind = find(key, klen, lang);
    /* `Н.Э.`, `А.Б.` in capitals are initials, not `н.э.`; only entries
     * the data writes in capitals (`U.S.`) match such a chain. */
    if (kind && k >= 2 && !(kind & KZ_AB_CAPS)) {
      int caps = 1;
      for (int p = 0; p < k && caps; p++) {
        size_t l;
        uint32_t c = kz_cp_at(s, we[p], ws[p], &l);
        caps = ws[p] + l == we[p] && kz_is_upper(c);
      }
      if (caps) kind = KZ_AB_NONE;
    }
    if (kind) {
      *start = ws[k - 1];
      return kind & KZ_AB_KIND;
    }
  }
  return KZ_AB_NONE;
}

int kz_is_starter(const unsigned char *s, size_t n, size_t a, int lang) {
  size_t e = a, l;
  while (e < n && e - a <= 32) {
    uint32_t c = kz_cp_at(s, n, e, &l);
    if (!kz_is_alpha(c) && !(c == '-' && e > a)) break;
    e += l;
  }
  if (e == a || e - a > 32) return 0;
  char key[MAX_KEY];
  size_t klen = 0;
  if (!put_lower(key, &klen, s, a, e)) return 0;
  /* Only the paragraph's own language counts: `Он` starts Russian
   * sentences, `On` English ones. */
  for (size_t i = lower_bound(key, klen);
       i < NABBREV && kz_abbrevs[i].len == klen && !memcmp(kz_abbrevs[i].key, key, klen); i++)
    if ((kz_abbrevs[i].kind & KZ_AB_KIND) == KZ_AB_STARTER && kz_abbrevs[i].lang == lang) return 1;
  return 0;
}

int kz_guess_lang(const unsigned char *s, size_t n) {
  if (n > 512) n = 512; /* Kazakh letters are ~8% of Kazakh text */
  /* Only this paragraph counts: the answer must not depend on what follows
   * a blank line (streaming cuts there). */
  size_t kk = 0, cyr = 0, lat = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned c = s[i];
    if ((c == '\n' || c == '\r') && kz_blank_line_at(s, n, i)) {
      n = i;
      break;
    }
    if (c < 0x80) {
      lat += ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
    } else if (i + 1 < n) {
      unsigned d = s[i + 1];
      if (c == 0xD0 || c == 0xD1) {
        cyr++;
        /* і U+0456, І U+0406 */
        if ((c == 0xD1 && d == 0x96) || (c == 0xD0 && d == 0x86)) kk++;
      } else if (c == 0xD2 || c == 0xD3) {
        /* ғ қ ң ү ұ һ (U+0492-04BB) and ә ө (U+04D8-04E9) */
        cyr++;
        if ((c == 0xD2 && d >= 0x92 && d <= 0xBB) || (c == 0xD3 && d >= 0x98 && d <= 0xA9)) kk++;
      }
    }
  }
  if (cyr >= lat || cyr > 20) return kk * 60 >= cyr && kk ? KZTEXT_LANG_KK : KZTEXT_LANG_RU;
  /* Kazakh in Latin letters: 2021 ä ğ ñ ö ū ü ı, 2018 á ǵ ń ó ú ý, or the
   * 2017 apostrophes (g' o' u' a' s' c' after a letter-less start). */
  size_t kl = 0;
  for (size_t i = 0; i + 1 < n; i++) {
    unsigned c = s[i], d = s[i + 1];
    if (c == 0xC3)
      kl += d == 0xA4 || d == 0xB6 || d == 0xBC || d == 0xB1 || d == 0xA1 || d == 0xB3 ||
            d == 0xBA || d == 0xBD || d == 0x84 || d == 0x96 || d == 0x9C;
    else if (c == 0xC4)
      kl += d == 0x9F || d == 0x9E || d == 0xB1 || d == 0xB0;
    else if (c == 0xC5)
      kl += d == 0xAB || d == 0xAA || d == 0x84 || d == 0x83;
    else if (c == 0xC7)
      kl += d == 0xB5 || d == 0xB4;
    else if (d == '\'' &&
             (c == 'g' || c == 'o' || c == 'u' || c == 'a' || c == 's' || c == 'c' || c == 'G' ||
              c == 'O' || c == 'U' || c == 'A' || c == 'S' || c == 'C') &&
             i + 2 < n && ((s[i + 2] | 0x20) >= 'a' && (s[i + 2] | 0x20) <= 'z'))
      kl++;
  }
  return kl * 40 >= lat && kl >= 2 ? KZTEXT_LANG_KK : KZTEXT_LANG_EN;
}

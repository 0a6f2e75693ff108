/* kztext_name_key(): the phonetic skeleton every spelling of a name shares
 * (include/kztext/namekey.h and docs/names.md say what it is).
 *
 * Three passes over one scratch buffer:
 *   1. every letter -> a plain ASCII spelling (Cyrillic by table, accented
 *      Latin by its base or its digraph: ş sh, ž zh, ä a); a hyphen or an
 *      apostrophe writes nothing, any other non-letter ends a name part;
 *   2. each part's spelling -> sound classes (zh j -> j, sh -> x, ch -> c,
 *      kh h x q g -> k, b -> p, d -> t, z -> s, v -> f: Russian forms and
 *      Kazakh suffixes swap voiced and voiceless, Жолдыбаев, Zholdypayev;
 *      y i u w o -> i: Russian forms write у for ы, names swap о and ұ;
 *      ng -> n), doubled classes once, a glide i before e dropped;
 *   3. patronymics dropped (names of three parts or more), parts sorted and
 *      joined with spaces. */
#include <stdlib.h>
#include <string.h>

#include <kztext.h>

#include "utf8/utf8.h"

#define KNOWN_FLAGS KZTEXT_INVALID_REPLACE

/* Lower-case Cyrillic letters, indexed by cp - 0x430. */
static const char cyr_spell[0xD0][5] = {
    "a",
    "b",
    "v",
    "g",
    "d",
    "e",
    "zh",
    "z",
    "i",
    "y",
    "k",
    "l",
    "m",
    "n",
    "o",
    "p",
    "r",
    "s",
    "t",
    "u",
    "f",
    "kh",
    "ts",
    "ch",
    "sh",
    "shch",
    "",
    "y",
    "",
    "e",
    "yu",
    "ya",
    /* 0x450.. */
    "e",
    "yo",
    "dj",
    "g",
    "ye",
    "z",
    "i",
    "yi",
    "j",
    "l",
    "n",
    "ch",
    "k",
    "i",
    "u",
    "dzh",
    [0x491 - 0x430] = "g",
    [0x493 - 0x430] = "g",
    [0x497 - 0x430] = "zh",
    [0x49B - 0x430] = "q",
    [0x49D - 0x430] = "k",
    [0x49F - 0x430] = "k",
    [0x4A1 - 0x430] = "k",
    [0x4A3 - 0x430] = "ng",
    [0x4A5 - 0x430] = "ng",
    [0x4AF - 0x430] = "u",
    [0x4B1 - 0x430] = "u",
    [0x4B3 - 0x430] = "kh",
    [0x4BB - 0x430] = "h",
    [0x4D9 - 0x430] = "a",
    [0x4E9 - 0x430] = "o",
    [0x4E3 - 0x430] = "i",
    [0x4EF - 0x430] = "u",
    [0x4D1 - 0x430] = "a",
    [0x4D3 - 0x430] = "a",
    [0x4E7 - 0x430] = "o",
    [0x4F1 - 0x430] = "u",
    [0x4F9 - 0x430] = "y",
};

/* Accented Latin letters of the romanizations (both cases), by code
 * point, for a binary search: the official alphabets (ä ğ ı ñ ş ū ü ö, á ǵ
 * ń ó ú ý), ISO 9 (â û ë for я ю ё, ì è ǧ ķ ō ù ŝ š ž č), BGN (ī), ALA-LC
 * (ĭ ḳ ṇ ḥ), MediaWiki (ï ç). */
typedef struct lat_spell {
  uint32_t cp;
  const char *s;
} lat_spell;
static const lat_spell latin[] = {
    {0xC0, "a"},    {0xC1, "a"},    {0xC2, "ya"},    {0xC3, "a"},     {0xC4, "a"},   {0xC5, "a"},
    {0xC6, "ae"},   {0xC7, "ch"},   {0xC8, "e"},     {0xC9, "e"},     {0xCA, "e"},   {0xCB, "yo"},
    {0xCC, "i"},    {0xCD, "i"},    {0xCE, "i"},     {0xCF, "i"},     {0xD1, "ng"},  {0xD2, "o"},
    {0xD3, "o"},    {0xD4, "o"},    {0xD5, "o"},     {0xD6, "o"},     {0xD8, "o"},   {0xD9, "u"},
    {0xDA, "u"},    {0xDB, "yu"},   {0xDC, "u"},     {0xDD, "u"},     {0xDF, "ss"},  {0xE0, "a"},
    {0xE1, "a"},    {0xE2, "ya"},   {0xE3, "a"},     {0xE4, "a"},     {0xE5, "a"},   {0xE6, "ae"},
    {0xE7, "ch"},   {0xE8, "e"},    {0xE9, "e"},     {0xEA, "e"},     {0xEB, "yo"},  {0xEC, "i"},
    {0xED, "i"},    {0xEE, "i"},    {0xEF, "i"},     {0xF1, "ng"},    {0xF2, "o"},   {0xF3, "o"},
    {0xF4, "o"},    {0xF5, "o"},    {0xF6, "o"},     {0xF8, "o"},     {0xF9, "u"},   {0xFA, "u"},
    {0xFB, "yu"},   {0xFC, "u"},    {0xFD, "u"},     {0xFF, "y"},     {0x100, "a"},  {0x101, "a"},
    {0x102, "a"},   {0x103, "a"},   {0x10C, "ch"},   {0x10D, "ch"},   {0x112, "e"},  {0x113, "e"},
    {0x11A, "e"},   {0x11B, "e"},   {0x11E, "g"},    {0x11F, "g"},    {0x12A, "i"},  {0x12B, "i"},
    {0x12C, "y"},   {0x12D, "y"},   {0x130, "i"},    {0x131, "i"},    {0x136, "k"},  {0x137, "k"},
    {0x143, "ng"},  {0x144, "ng"},  {0x147, "ng"},   {0x148, "ng"},   {0x14C, "o"},  {0x14D, "o"},
    {0x15A, "sh"},  {0x15B, "sh"},  {0x15C, "shch"}, {0x15D, "shch"}, {0x15E, "sh"}, {0x15F, "sh"},
    {0x160, "sh"},  {0x161, "sh"},  {0x16A, "u"},    {0x16B, "u"},    {0x16C, "u"},  {0x16D, "u"},
    {0x17D, "zh"},  {0x17E, "zh"},  {0x1CD, "a"},    {0x1CE, "a"},    {0x1E6, "g"},  {0x1E7, "g"},
    {0x1F4, "g"},   {0x1F5, "g"},   {0x1E24, "h"},   {0x1E25, "h"},   {0x1E32, "k"}, {0x1E33, "k"},
    {0x1E44, "ng"}, {0x1E45, "ng"}, {0x1E46, "ng"},  {0x1E47, "ng"},
};

static const char *latin_spell(uint32_t cp) {
  size_t lo = 0, hi = sizeof latin / sizeof *latin;
  while (lo < hi) {
    size_t m = (lo + hi) / 2;
    if (latin[m].cp < cp)
      lo = m + 1;
    else
      hi = m;
  }
  return lo < sizeof latin / sizeof *latin && latin[lo].cp == cp ? latin[lo].s : NULL;
}

/* Joiners write nothing: the hyphen (and its look-alikes), apostrophes
 * (2017 alphabet a' o' ...), ISO 9 signs ʹ ʺ, combining marks. */
static int joiner(uint32_t c) {
  return c == '-' || c == '\'' || c == 0x2010 || c == 0x2011 || c == 0x2019 || c == 0x2018 ||
         c == 0x2BC || c == 0x2BB || c == 0x2B9 || c == 0x2BA || c == '`' || c == 0xB4 ||
         (c >= 0x300 && c < 0x370);
}

/* Pass 1: returns the length written to t (at most 2 * n + 1 bytes: no
 * spelling is longer than twice its UTF-8 form, but for ASCII c, which
 * pass 2 makes ts). */
static size_t spell(const unsigned char *s, size_t n, char *t) {
  char *o = t;
  size_t i = 0;
  while (i < n) {
    unsigned char b = s[i];
    if (b < 0x80) {
      unsigned char l = b | 0x20;
      if (l >= 'a' && l <= 'z')
        *o++ = (char)l;
      else if (b != '-' && b != '\'' && b != '`' && o > t && o[-1] != ' ')
        *o++ = ' ';
      i++;
      continue;
    }
    if (b >= 0xD0 && b <= 0xD3 && i + 1 < n && (s[i + 1] & 0xC0) == 0x80) {
      /* Cyrillic, the common case: two bytes, straight to the table */
      uint32_t c = ((uint32_t)(b & 0x1F) << 6) | (s[i + 1] & 0x3F);
      uint32_t lc = c >= 0x430 && c < 0x460   ? c
                    : c >= 0x410 && c < 0x430 ? c + 0x20
                    : c < 0x410               ? c + 0x50
                                              : (c | 1);
      const char *sp = lc >= 0x430 ? cyr_spell[lc - 0x430] : NULL;
      if (sp) {
        /* spellings are 1 to 4 letters; copy 4 and advance by the length */
        memcpy(o, sp, 4);
        o += sp[1] ? sp[2] ? sp[3] ? 4 : 3 : 2 : sp[0] ? 1 : 0;
      }
      i += 2;
      continue;
    }
    size_t len, sub;
    uint32_t c = kz_utf8_decode(s + i, n - i, &len, &sub);
    if (!len) { /* ill-formed (replace policy): a separator */
      if (o > t && o[-1] != ' ') *o++ = ' ';
      i += sub ? sub : 1;
      continue;
    }
    i += len;
    const char *sp = NULL;
    if (c >= 0x400 && c < 0x500) {
      uint32_t lc = c >= 0x430 && c < 0x460   ? c
                    : c >= 0x410 && c < 0x430 ? c + 0x20
                    : c < 0x410               ? c + 0x50
                                              : (c | 1);
      if (lc >= 0x430) sp = cyr_spell[lc - 0x430];
      if (!sp) sp = "";
    } else if (c >= 0xC0 && c < 0x1F00) {
      sp = latin_spell(c);
    }
    if (sp) {
      size_t l = strlen(sp);
      memcpy(o, sp, l);
      o += l;
    } else if (!joiner(c) && o > t && o[-1] != ' ') {
      *o++ = ' ';
    }
  }
  return (size_t)(o - t);
}

static inline void emit(char **o, const char *start, char c) {
  if (*o > start && (*o)[-1] == c) return; /* doubled: once */
  if (c == 'e' && *o > start && (*o)[-1] == 'i') {
    (*o)--; /* ye = e */
    if (*o > start && (*o)[-1] == 'e') return;
  }
  *(*o)++ = c;
}

/* Pass 2: one part's spelling t[0..n) -> classes at o; returns the end. */
static char *classes(const char *t, size_t n, char *o) {
  const char *start = o;
  for (size_t i = 0; i < n; i++) {
    char c = t[i], nx = i + 1 < n ? t[i + 1] : 0;
    switch (c) {
    case 'z':
      if (nx == 'h') {
        emit(&o, start, 'j');
        i++;
      } else {
        emit(&o, start, 's');
      }
      break;
    case 'd': /* dzh, dj: one sound */
      if ((nx == 'z' && i + 2 < n && t[i + 2] == 'h') || nx == 'j') break;
      emit(&o, start, 't');
      break;
    case 'k':
      if (nx == 'h') i++; /* kh = h = k */
      emit(&o, start, 'k');
      break;
    case 's':
      if (nx == 'h') {
        emit(&o, start, 'x');
        i++;
        if (i + 2 < n && t[i + 1] == 'c' && t[i + 2] == 'h') { /* shch */
          emit(&o, start, 'c');
          i += 2;
        }
      } else {
        emit(&o, start, 's');
      }
      break;
    case 'c':
      if (nx == 'h') {
        emit(&o, start, 'c');
        i++;
      } else if (nx == 'k') {
        break; /* ck = k */
      } else {
        emit(&o, start, 't');
        emit(&o, start, 's');
      }
      break;
    case 't':
      if (nx == 'c' && i + 2 < n && t[i + 2] == 'h') break; /* tch = ch */
      emit(&o, start, 't');
      break;
    case 'g':
      if (nx == 'h') i++;                   /* gh = g */
      if (o > start && o[-1] == 'n') break; /* ng = n */
      emit(&o, start, 'k');
      break;
    case 'q':
      emit(&o, start, 'k');
      break;
    case 'b':
      emit(&o, start, 'p');
      break;
    case 'v':
      emit(&o, start, 'f');
      break;
    case 'x':
    case 'h':
      emit(&o, start, 'k');
      break;
    case 'y':
    case 'u':
    case 'w':
    case 'o':
      emit(&o, start, 'i');
      break;
    default:
      emit(&o, start, c);
    }
  }
  return o;
}

typedef struct part {
  size_t off, len;
} part;

static int ends_with(const char *s, size_t n, const char *suf) {
  size_t l = strlen(suf);
  return n >= l && !memcmp(s + n - l, suf, l);
}

/* A patronymic, judged on the spelling (pass 1), where ұ ы still differ
 * from о і (the classes merge them: Vasily is no patronymic): -ұлы -uly,
 * -қызы -kyzy, -ovich -evich, -ovna -evna.  whole: the word is ұлы or қызы
 * alone. */
static int patronymic(const char *s, size_t n, int whole) {
  /* a joined patronymic has the father's name, three letters at least,
   * before it (Тұлы is a name) */
  if (whole ? n != 3 && n != 4 : n < 6) return 0;
  switch (s[n - 1]) { /* most words leave here */
  case 'y':           /* whole: ұлы alone is 3 letters, қызы 4 */
    return ends_with(s, n, "kyzy") || ends_with(s, n, "qyzy") ||
           (ends_with(s, n, "uly") && !(whole && n == 4));
  case 'i':
    return ends_with(s, n, "kizi") || ends_with(s, n, "qizi") ||
           (ends_with(s, n, "uli") && !(whole && n == 4));
  case 'h':
    return !whole &&
           (ends_with(s, n, "vich") || ends_with(s, n, "vych") || ends_with(s, n, "vitch"));
  case 'a':
    return !whole && (ends_with(s, n, "ovna") || ends_with(s, n, "evna"));
  default:
    return 0;
  }
}

static int part_cmp(const void *a, const void *b, const char *base) {
  const part *x = a, *y = b;
  size_t m = x->len < y->len ? x->len : y->len;
  int c = memcmp(base + x->off, base + y->off, m);
  return c ? c : (x->len > y->len) - (x->len < y->len);
}

/* Insertion sort: names have a few parts; long inputs (a whole text) take
 * the merge below. */
static void sort_parts(part *p, size_t n, const char *base, part *tmp) {
  if (n <= 16) {
    for (size_t i = 1; i < n; i++) {
      part v = p[i];
      size_t j = i;
      while (j > 0 && part_cmp(&p[j - 1], &v, base) > 0) {
        p[j] = p[j - 1];
        j--;
      }
      p[j] = v;
    }
    return;
  }
  size_t h = n / 2;
  sort_parts(p, h, base, tmp);
  sort_parts(p + h, n - h, base, tmp);
  size_t i = 0, j = h, k = 0;
  while (i < h && j < n)
    tmp[k++] = part_cmp(&p[j], &p[i], base) < 0 ? p[j++] : p[i++];
  while (i < h)
    tmp[k++] = p[i++];
  while (j < n)
    tmp[k++] = p[j++];
  memcpy(p, tmp, n * sizeof *p);
}

static kztext_status key(const char *src, size_t len, unsigned flags, char *dst, size_t dst_cap,
                         size_t *dst_len, char **out, size_t *error_offset) {
  if (flags & ~KNOWN_FLAGS) return KZTEXT_E_INVALID_FLAGS;
  if (!src && len) return KZTEXT_E_INVALID_ARG;
  if (!src) src = "";
  const unsigned char *s = (const unsigned char *)src;
  if (!(flags & KZTEXT_INVALID_REPLACE)) {
    size_t ok = kz_utf8_valid_prefix(s, len);
    if (ok < len) {
      if (error_offset) *error_offset = ok;
      return KZTEXT_E_INVALID_UTF8;
    }
  }
  if (len > ((size_t)-1 - 64) / 8) return KZTEXT_E_TOO_LARGE;
  size_t cap = 2 * len + 2;
  char stack[2048]; /* a name or a line needs no heap */
  char *t = 2 * cap <= sizeof stack ? stack : malloc(2 * cap);
  if (!t) return KZTEXT_E_NO_MEMORY;
  char *k = t + cap;
  size_t tn = spell(s, len, t);
  /* pass 2 */
  size_t np = 0, maxp = tn / 2 + 2;
  part stackp[32], *p = maxp <= 16 ? stackp : malloc(2 * maxp * sizeof *p);
  if (!p) {
    if (t != stack) free(t);
    return KZTEXT_E_NO_MEMORY;
  }
  /* patronymic flags, one a part, in the merge sort's scratch half (unused
   * until the sort, after pass 3 has read them) */
  unsigned char *pf = (unsigned char *)(p + maxp);
  char *o = k;
  for (size_t i = 0; i < tn;) {
    size_t j = i;
    while (j < tn && t[j] != ' ')
      j++;
    if (j > i) {
      char *e = classes(t + i, j - i, o);
      /* a separate ұлы / қызы belongs to the part before it */
      size_t l = (size_t)(e - o);
      if (np && l && patronymic(t + i, j - i, 1)) {
        memmove(k + p[np - 1].off + p[np - 1].len, o, l);
        p[np - 1].len += l;
        pf[np - 1] = 1;
        o = k + p[np - 1].off + p[np - 1].len;
      } else if (l) {
        p[np].off = (size_t)(o - k);
        p[np].len = l;
        pf[np] = (unsigned char)patronymic(t + i, j - i, 0);
        np++;
        o = e;
      }
    }
    i = j + 1;
  }
  /* pass 3 */
  if (np >= 3) {
    size_t w = 0;
    for (size_t i = 0; i < np; i++)
      if (!pf[i]) p[w++] = p[i];
    if (w) np = w;
  }
  sort_parts(p, np, k, p + maxp);
  size_t need = 0;
  for (size_t i = 0; i < np; i++)
    need += p[i].len + (i > 0);
  kztext_status st = KZTEXT_OK;
  char *res = NULL;
  if (out) {
    res = malloc(need + 1);
    if (!res) st = KZTEXT_E_NO_MEMORY;
  } else if (need > dst_cap) {
    st = KZTEXT_E_BUFFER_TOO_SMALL;
  } else {
    res = dst;
  }
  if (res) {
    char *w = res;
    for (size_t i = 0; i < np; i++) {
      if (i) *w++ = ' ';
      memcpy(w, k + p[i].off, p[i].len);
      w += p[i].len;
    }
    if (out) {
      *w = 0;
      *out = res;
    }
  }
  if (dst_len && st != KZTEXT_E_NO_MEMORY) *dst_len = need;
  if (p != stackp) free(p);
  if (t != stack) free(t);
  return st;
}

kztext_status kztext_name_key(const char *src, size_t len, unsigned flags, char *dst,
                              size_t dst_cap, size_t *dst_len, size_t *error_offset) {
  if (!dst && dst_cap) return KZTEXT_E_INVALID_ARG;
  return key(src, len, flags, dst, dst_cap, dst_len, NULL, error_offset);
}

kztext_status kztext_name_key_alloc(const char *src, size_t len, unsigned flags, char **out,
                                    size_t *out_len, size_t *error_offset) {
  if (!out) return KZTEXT_E_INVALID_ARG;
  *out = NULL;
  return key(src, len, flags, NULL, 0, out_len, out, error_offset);
}

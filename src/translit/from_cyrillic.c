/* Kazakh Cyrillic -> Latin schemes.
 *
 * The hot loop is table-driven: every Cyrillic letter is two UTF-8 bytes with
 * a lead byte D0..D3, so (lead - 0xD0) << 6 | (trail & 0x3F) = cp - 0x400
 * indexes a 256-entry table per scheme, and the output (at most 14 bytes) is
 * copied with one fixed-size memcpy.  Only letters whose output depends on
 * their neighbours (a capital digraph: title or all caps; latin2018 я ю щ;
 * bgn separators) leave the fast path. */
#include "translit/translit_int.h"
#include "utf8/utf8.h"

#define KZ_FWD_PACKED
#include "gen/translit_tables.inc"

#ifdef __SSE2__
#include <emmintrin.h>
#endif
/* The 64-byte loop needs AVX-512 VBMI2 (checked at run time). */
#if defined(__x86_64__) && defined(__GNUC__) && defined(__BYTE_ORDER__) &&                         \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ && (defined(__clang__) || __GNUC__ >= 8)
#include <immintrin.h>
#define KZ_CYR_AVX512
#endif

/* A kz_fwd_packed entry that leaves the block loops (its length is 0). */
#define KZ_SLOW (1ull << 55)

/* The fast path looks ahead over bytes it has not validated yet: decode
 * with bounds and read an ill-formed sequence as U+FFFD. */
static inline uint32_t cp_at(const unsigned char *s, size_t n, size_t i) {
  if (i >= n) return 0;
  size_t l, sub;
  return kz_utf8_decode(s + i, n - i, &l, &sub);
}

static inline uint32_t next_cp(const unsigned char *s, size_t n, size_t i, size_t *len) {
  size_t sub;
  uint32_t c = kz_utf8_decode(s + i, n - i, len, &sub);
  if (!*len) *len = sub;
  return c;
}

static inline uint32_t cp_before(const unsigned char *s, size_t i) {
  if (i == 0) return 0;
  size_t j = kz_utf8_prev(s, i), l;
  return kz_utf8_next(s + j, &l);
}

static inline unsigned cyr_class(uint32_t cp) {
  return (cp >= 0x400 && cp < 0x500) ? kz_cyr_class[cp - 0x400] : 0;
}

static inline uint32_t cyr_lower(uint32_t cp) {
  return (cp >= 0x400 && cp < 0x500) ? kz_cyr_lower[cp - 0x400] : 0;
}

static int is_upper_letter(uint32_t cp) {
  if (cp >= 'A' && cp <= 'Z') return 1;
  if (cp >= 0x400 && cp < 0x500)
    return (kz_cyr_class[cp - 0x400] & KZ_C_UPPER) != 0 || (cp >= 0x400 && cp <= 0x42F);
  if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) return 1;
  return 0;
}

static int is_letter(uint32_t cp) {
  if ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') return 1;
  if (cp >= 0x400 && cp < 0x530) return 1;
  if (cp >= 0xC0 && cp < 0x250 && cp != 0xD7 && cp != 0xF7) return 1;
  return 0;
}

/* Whether a capital at s[i..i+len) sits in an ALL-CAPS context: followed by a
 * capital, or ending a word whose previous letter is a capital (АҚШ). */
static int caps_context(const unsigned char *s, size_t n, size_t i, size_t len) {
  uint32_t next = cp_at(s, n, i + len);
  if (is_upper_letter(next)) return 1;
  if (is_letter(next)) return 0;
  return is_upper_letter(cp_before(s, i));
}

/* latin2018, Dec 2018 draft rules (standards §3): щ is written shsh in the
 * native words the rule names; they are matched as word stems. */
static int shsh_word(const unsigned char *s, size_t n, size_t i) {
  static const char *const stems[] = {"ащы", "тұщы", "кеще"};
  enum { STEM_MAX = 8 }; /* bytes of the longest stem: its щ is nearer the word's start */
  size_t ws = i;
  while (ws > 0 && i - ws < STEM_MAX) { /* (no walk over a whole word for each щ) */
    size_t p = kz_utf8_prev(s, ws), l;
    uint32_t c = kz_utf8_next(s + p, &l);
    if (!(cyr_class(c) & KZ_C_LETTER)) break;
    ws = p;
  }
  if (i - ws >= STEM_MAX) return 0;
  /* compare in lower case */
  char low[32];
  size_t k = 0, j = ws;
  while (j < n && k < sizeof low - 4) {
    size_t l;
    uint32_t c = next_cp(s, n, j, &l);
    uint32_t lc = cyr_lower(c);
    if (!lc) break;
    k += kz_utf8_encode(lc, low + k);
    j += l;
  }
  for (size_t t = 0; t < sizeof stems / sizeof *stems; t++) {
    size_t sl = strlen(stems[t]);
    if (k >= sl && memcmp(low, stems[t], sl) == 0 && (size_t)(i - ws) < sl) return 1;
  }
  return 0;
}

/* Writes str in lower, title or upper case (ASCII letters and the 2018
 * accented vowels and ı only: what the context rules produce). */
static size_t put_cased(char *o, const char *str, int cap, int all) {
  size_t k = 0, i = 0, len = strlen(str);
  while (i < len) {
    size_t l;
    uint32_t c = kz_utf8_next((const unsigned char *)str + i, &l);
    if (cap && (i == 0 || all)) {
      if (c >= 'a' && c <= 'z')
        c -= 32;
      else if (c == 0x131)
        c = 'I';
      else if (c >= 0xE0 && c <= 0xFE && c != 0xF7)
        c -= 0x20;
    }
    k += kz_utf8_encode(c, o + k);
    i += l;
  }
  return k;
}

/* One letter that needs its neighbours.  Returns bytes written. */
static size_t slow_letter(const unsigned char *s, size_t n, size_t i, kztext_scheme to,
                          const kz_fwd_entry *e, char *o) {
  uint32_t cp = ((uint32_t)(s[i] & 0x1F) << 6) | (s[i + 1] & 0x3F);
  unsigned cls = cyr_class(cp);
  int cap = (cls & KZ_C_UPPER) != 0;
  uint32_t lc = cyr_lower(cp);
  if (to == KZTEXT_SCHEME_LATIN2018 && (lc == 0x44F || lc == 0x44E || lc == 0x449)) {
    uint32_t prev = cp_before(s, i);
    uint32_t pl = cyr_lower(prev);
    unsigned pc = cyr_class(prev);
    int after_cons = (pc & KZ_C_LETTER) && !(pc & KZ_C_VOWEL) && pl != 0x44A && pl != 0x44C;
    const char *str;
    if (lc == 0x449) {
      str = shsh_word(s, n, i) ? "shsh" : "sh";
    } else if (lc == 0x44F) { /* я: á after a consonant, ıa after a vowel, ъ or ь */
      str = pl == 0x438  ? "a"
            : after_cons ? "\xc3\xa1"
                         : "\xc4\xb1"
                           "a";
    } else { /* ю: ú after a consonant, ъ or ь, else ıý */
      int soft = pl == 0x44A || pl == 0x44C;
      str = pl == 0x438 ? "\xc3\xbd" : (after_cons || soft) ? "\xc3\xba" : "\xc4\xb1\xc3\xbd";
    }
    int all = cap && caps_context(s, n, i, 2);
    return put_cased(o, str, cap, all);
  }
  size_t k;
  if ((e->flags & KZ_F_MULTI) && caps_context(s, n, i, 2)) {
    memcpy(o, e->up, e->ulen);
    k = e->ulen;
  } else {
    memcpy(o, e->out, e->len);
    k = e->len;
  }
  if (to == KZTEXT_SCHEME_BGN) {
    /* BGN/PCGN: a middle dot keeps two letters apart that would read as a
     * digraph (гһ зһ кһ нг сһ цһ шч; the last by analogy, as CLDR). */
    uint32_t nl = cyr_lower(cp_at(s, n, i + 2));
    int sep = (nl == 0x4BB &&
               (lc == 0x433 || lc == 0x437 || lc == 0x43A || lc == 0x441 || lc == 0x446)) ||
              (lc == 0x43D && nl == 0x433) || (lc == 0x448 && nl == 0x447);
    if (sep) {
      memcpy(o + k, "\xc2\xb7", 2);
      k += 2;
    }
  }
  return k;
}

/* Latin letters that stand for Cyrillic ones inside Cyrillic words (real
 * text types "үшiн" with a Latin i): the Cyrillic letter, or 0. */
static uint32_t homoglyph(unsigned c) {
  switch (c) {
  case 'a':
    return 0x430;
  case 'c':
    return 0x441;
  case 'e':
    return 0x435;
  case 'i':
    return 0x456;
  case 'o':
    return 0x43E;
  case 'p':
    return 0x440;
  case 'x':
    return 0x445;
  case 'y':
    return 0x443;
  case 'h':
    return 0x4BB;
  case 'k':
    return 0x43A;
  case 'A':
    return 0x410;
  case 'B':
    return 0x412;
  case 'C':
    return 0x421;
  case 'E':
    return 0x415;
  case 'H':
    return 0x41D;
  case 'I':
    return 0x406;
  case 'K':
    return 0x41A;
  case 'M':
    return 0x41C;
  case 'O':
    return 0x41E;
  case 'P':
    return 0x420;
  case 'T':
    return 0x422;
  case 'X':
    return 0x425;
  case 'Y':
    return 0x423;
  default:
    return 0;
  }
}

static int is_ascii_letter(unsigned c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }

/* Whether the word around the ASCII letter at i mixes Cyrillic letters with
 * Latin look-alikes only (then the look-alikes are read as Cyrillic).  The
 * verdict on the last word is kept in *m, for the word's other runs of
 * ASCII letters: a word of many (aқaқ...) is read once, not once a run. */
int kz_tl_mixed_word(const unsigned char *s, size_t n, size_t i, kz_mixed_memo *m) {
  if (i >= m->a && i < m->b) return m->mixed;
  size_t a = i, b = i;
  while (a > 0) {
    size_t p = kz_utf8_prev(s, a), l;
    uint32_t c = kz_utf8_next(s + p, &l);
    if (!(cyr_class(c) & KZ_C_LETTER) && !(c < 128 && is_ascii_letter(c))) break;
    a = p;
  }
  while (b < n) {
    size_t l;
    uint32_t c = next_cp(s, n, b, &l);
    if (!(cyr_class(c) & KZ_C_LETTER) && !(c < 128 && is_ascii_letter(c))) break;
    b += l;
  }
  int cyr = 0;
  for (size_t k = a; k < b;) {
    size_t l;
    uint32_t c = next_cp(s, n, k, &l);
    if (c < 128) {
      if (!homoglyph(c)) {
        cyr = 0;
        break;
      }
    } else {
      cyr = 1;
    }
    k += l;
  }
  m->a = a;
  m->b = b;
  m->mixed = cyr;
  return cyr;
}

static inline int touches_cyrillic(const unsigned char *s, size_t n, size_t i, size_t j) {
  if (is_ascii_letter(s[i]) && i >= 2 && s[i - 2] >= 0xD0 && s[i - 2] <= 0xD3) return 1;
  if (is_ascii_letter(s[j - 1]) && j + 1 < n && s[j] >= 0xD0 && s[j] <= 0xD3 &&
      (s[j + 1] & 0xC0) == 0x80)
    return 1;
  return 0;
}

/* ə Ə (U+0259, U+018F) typed for ә Ә inside a Cyrillic word: the Cyrillic
 * letter, or 0. */
static uint32_t schwa(const unsigned char *s, size_t n, size_t i) {
  uint32_t h = (s[i] == 0xC9 && s[i + 1] == 0x99)   ? 0x4D9
               : (s[i] == 0xC6 && s[i + 1] == 0x8F) ? 0x4D8
                                                    : 0;
  if (!h) return 0;
  int before = i >= 2 && s[i - 2] >= 0xD0 && s[i - 2] <= 0xD3;
  int after = i + 3 < n && s[i + 2] >= 0xD0 && s[i + 2] <= 0xD3 && (s[i + 3] & 0xC0) == 0x80;
  return (before || after) ? h : 0;
}

/* An ASCII run next to a Cyrillic word: look-alikes inside mixed words
 * convert as the Cyrillic letters they stand for. */
static size_t ascii_mixed(const unsigned char *s, size_t n, size_t i, size_t j, kztext_scheme to,
                          char *out, char *o, kz_spanv *sv, kz_mixed_memo *mm) {
  const kz_fwd_entry *T = kz_fwd_tables[to];
  char *o0 = o;
  int state = -1; /* -1 unknown, 0 plain, 1 mixed: for the current word */
  for (size_t k = i; k < j; k++) {
    unsigned c = s[k];
    if (!is_ascii_letter(c)) {
      state = -1;
      *o = (char)c;
      if (sv) kz_span_add(sv, k, k + 1, (size_t)(o - out), (size_t)(o - out) + 1, 1);
      o++;
      continue;
    }
    if (state < 0) state = kz_tl_mixed_word(s, n, k, mm);
    uint32_t h = state ? homoglyph(c) : 0;
    if (!h) {
      *o = (char)c;
      if (sv) kz_span_add(sv, k, k + 1, (size_t)(o - out), (size_t)(o - out) + 1, 1);
      o++;
      continue;
    }
    const kz_fwd_entry *e = &T[h - 0x400];
    size_t len;
    if ((e->flags & KZ_F_MULTI) && caps_context(s, n, k, 1)) {
      memcpy(o, e->up, e->ulen);
      len = e->ulen;
    } else {
      memcpy(o, e->out, e->len);
      len = e->len;
    }
    if (sv) kz_span_add(sv, k, k + 1, (size_t)(o - out), (size_t)(o - out) + len, 0);
    o += len;
  }
  return (size_t)(o - o0);
}

/* latin2018 spells loanwords by Kazakh sound law (Dec 2018 draft): a double
 * consonant is written once (бюллетень búleten, коэффицент koefısent) and сц
 * is s.  A loanword is recognised by a Russian-only letter (ё ц ч щ ъ ь э ю
 * я); native doubles (аққу, мемлекеттік) stay, and so does a double made by
 * a Kazakh suffix (саясатты, below). */
static int russian_only(uint32_t lc) {
  return lc == 0x451 || lc == 0x446 || lc == 0x447 || lc == 0x449 || lc == 0x44A || lc == 0x44C ||
         lc == 0x44D || lc == 0x44E || lc == 0x44F;
}

static size_t word_end(const unsigned char *s, size_t n, size_t i) {
  while (i + 1 < n && s[i] >= 0xD0 && s[i] <= 0xD3 && (cyr_class(cp_at(s, n, i)) & KZ_C_LETTER))
    i += 2;
  return i;
}

static int loanword_2018(const unsigned char *s, size_t n, size_t i, size_t *end) {
  if (i >= 2 && s[i - 2] >= 0xD0 && s[i - 2] <= 0xD3 && (cyr_class(cp_before(s, i)) & KZ_C_LETTER))
    return 0; /* not at the start of a word */
  size_t e = word_end(s, n, i);
  *end = e;
  for (size_t k = i; k < e; k += 2)
    if (russian_only(cyr_lower(cp_at(s, n, k)))) return 1;
  return 0;
}

/* Kazakh suffixes (both vowel-harmony forms).  A double consonant whose
 * second half starts a chain of them is a stem-final consonant meeting a
 * native suffix (саясат+ты, аяқтаған+нан, элемент+тер+дің): Kazakh
 * morphology, not the loanword's spelling, so it stays double. */
static const char *const kz_suffixes[] = {
    /* consonant-initial: may start the chain */
    "лар", "лер", "дар", "дер", "тар", "тер", "нар",  "нер",  "ның",  "нің",  "дың",  "дің",  "тың",
    "тің", "ны",  "ні",  "ды",  "ді",  "ты",  "ті",   "ға",   "ге",   "қа",   "ке",   "на",   "не",
    "да",  "де",  "та",  "те",  "нда", "нде", "дан",  "ден",  "тан",  "тен",  "нан",  "нен",  "мен",
    "бен", "пен", "мыз", "міз", "быз", "біз", "пыз",  "піз",  "лы",   "лі",   "лық",  "лік",  "дық",
    "дік", "тық", "тік", "сыз", "сіз", "сы",  "сі",   "шы",   "ші",   "ша",   "ше",   "дай",  "дей",
    "тай", "тей", "ла",  "ле",  "лау", "леу", "дау",  "деу",  "тау",  "теу",  "ған",  "ген",  "қан",
    "кен", "ғы",  "гі",  "қы",  "кі",  "ну",  "дағы", "дегі", "тағы", "тегі", "нағы", "негі", "сын",
    "сін", "ңыз", "ңіз", "лан", "лен", "ушы", "уші",  NULL};
static const char *const kz_suffix_tails[] = {/* only after another suffix */
                                              "ы",  "і",  "а",  "е",  "н",  "м", "ң", "ым",
                                              "ім", "ың", "ің", "ын", "ін", "у", NULL};

static int suffix_chain(const unsigned char *s, size_t n, int depth) {
  if (n == 0) return depth > 0;
  if (depth >= 6) return 0;
  for (const char *const *t = kz_suffixes; *t; t++) {
    size_t l = strlen(*t);
    if (l <= n && memcmp(s, *t, l) == 0 && suffix_chain(s + l, n - l, depth + 1)) return 1;
  }
  if (depth > 0)
    for (const char *const *t = kz_suffix_tails; *t; t++) {
      size_t l = strlen(*t);
      if (l <= n && memcmp(s, *t, l) == 0 && suffix_chain(s + l, n - l, depth + 1)) return 1;
    }
  return 0;
}

/* s[k..e) (Cyrillic letters, 2 bytes each) in lower case, then the test */
static int native_suffixes(const unsigned char *s, size_t n, size_t k, size_t e) {
  unsigned char low[96];
  if (e - k > sizeof low) return 0;
  for (size_t q = k; q < e; q += 2) {
    uint32_t c = cyr_lower(cp_at(s, n, q));
    low[q - k] = (unsigned char)(0xC0 | (c >> 6));
    low[q - k + 1] = (unsigned char)(0x80 | (c & 0x3F));
  }
  return suffix_chain(low, e - k, 0);
}

static size_t word_2018(const unsigned char *s, size_t n, size_t i, size_t e, char *out, char *o,
                        kz_spanv *sv) {
  const kz_fwd_entry *T = kz_fwd_tables[KZTEXT_SCHEME_LATIN2018];
  char *o0 = o;
  char last[16];
  size_t last_len = 0;
  for (size_t k = i; k < e; k += 2) {
    const kz_fwd_entry *en = &T[((s[k] - 0xD0) << 6) | (s[k + 1] & 0x3F)];
    char buf[32];
    size_t len;
    if (en->flags & (KZ_F_MULTI | KZ_F_CTX))
      len = slow_letter(s, n, k, KZTEXT_SCHEME_LATIN2018, en, buf);
    else {
      memcpy(buf, en->out, en->len);
      len = en->len;
    }
    int cons = len == 1 && !strchr("aeiouyAEIOUY", buf[0]);
    if (cons && last_len == 1 && (buf[0] | 0x20) == (last[0] | 0x20) &&
        !native_suffixes(s, n, k, e))
      len = 0; /* double */
    memcpy(o, buf, len);
    if (sv) kz_span_add(sv, k, k + 2, (size_t)(o - out), (size_t)(o - out) + len, 0);
    o += len;
    if (len) {
      memcpy(last, buf, len);
      last_len = cons ? len : 0;
    }
  }
  return (size_t)(o - o0);
}

static inline size_t convert(const unsigned char *s, size_t n, kztext_scheme to, char *out,
                             kz_spanv *sv, const int spans) {
  const kz_fwd_entry *T = kz_fwd_tables[to];
  size_t i = 0;
  char *o = out;
  kz_mixed_memo mm = {0, 0, 0};
  while (i < n) {
    unsigned c = s[i];
    if (c < 0x80) {
      size_t j = i + 1;
      while (j < n && s[j] < 0x80)
        j++;
      if (touches_cyrillic(s, n, i, j)) {
        o += ascii_mixed(s, n, i, j, to, out, o, spans ? sv : NULL, &mm);
        i = j;
        continue;
      }
      memcpy(o, s + i, j - i);
      if (spans) kz_span_add(sv, i, j, (size_t)(o - out), (size_t)(o - out) + (j - i), 1);
      o += j - i;
      i = j;
      continue;
    }
    if (c >= 0xD0 && c <= 0xD3) {
      const kz_fwd_entry *e = &T[((c - 0xD0) << 6) | (s[i + 1] & 0x3F)];
      size_t we;
      if (to == KZTEXT_SCHEME_LATIN2018 && !(e->flags & KZ_F_PASS) && loanword_2018(s, n, i, &we)) {
        o += word_2018(s, n, i, we, out, o, spans ? sv : NULL);
        i = we;
        continue;
      }
      if (!(e->flags & (KZ_F_PASS | KZ_F_MULTI | KZ_F_CTX))) {
        memcpy(o, e->out, 16);
        if (spans) kz_span_add(sv, i, i + 2, (size_t)(o - out), (size_t)(o - out) + e->len, 0);
        o += e->len;
        i += 2;
        continue;
      }
      if (!(e->flags & KZ_F_PASS)) {
        size_t k = slow_letter(s, n, i, to, e, o);
        if (spans) kz_span_add(sv, i, i + 2, (size_t)(o - out), (size_t)(o - out) + k, 0);
        o += k;
        i += 2;
        continue;
      }
    }
    size_t l = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    uint32_t h = (c == 0xC9 || c == 0xC6) ? schwa(s, n, i) : 0;
    if (h) {
      const kz_fwd_entry *e = &T[h - 0x400];
      memcpy(o, e->out, e->len);
      if (spans) kz_span_add(sv, i, i + 2, (size_t)(o - out), (size_t)(o - out) + e->len, 0);
      o += e->len;
      i += 2;
      continue;
    }
    memcpy(o, s + i, l);
    if (spans) kz_span_add(sv, i, i + l, (size_t)(o - out), (size_t)(o - out) + l, 1);
    o += l;
    i += l;
  }
  return (size_t)(o - out);
}

#ifdef KZ_CYR_AVX512
/* 64 bytes at a time while they are ASCII but letters, two-byte Cyrillic
 * letters whose output is at most two bytes (kz_fwd_bytes) and U+0080..U+00BF
 * (« », NBSP: copied): every letter's output is written where its two bytes
 * were, in the bytes of two 256-entry lookups, and the bytes it does not use
 * (and those of an empty letter) are squeezed out with one compress.  The
 * block ends before the first byte it does not take (an ASCII letter, a
 * letter with context, a longer sequence, ill-formed UTF-8) and before a
 * letter cut by its end.  Returns where it stopped. */
__attribute__((target("avx512f,avx512bw,avx512vbmi,avx512vbmi2,bmi,bmi2,popcnt"))) static size_t
cyr_blocks_avx512(const unsigned char *s, size_t n, size_t i, char **op, const uint8_t *B) {
  const __m512i b1a = _mm512_loadu_si512(B), b1b = _mm512_loadu_si512(B + 64),
                b1c = _mm512_loadu_si512(B + 128), b1d = _mm512_loadu_si512(B + 192),
                b2a = _mm512_loadu_si512(B + 256), b2b = _mm512_loadu_si512(B + 320),
                b2c = _mm512_loadu_si512(B + 384), b2d = _mm512_loadu_si512(B + 448);
  const __m512i kc0 = _mm512_set1_epi8((char)0xC0), k80 = _mm512_set1_epi8((char)0x80),
                kfc = _mm512_set1_epi8((char)0xFC), kd0 = _mm512_set1_epi8((char)0xD0),
                kc2 = _mm512_set1_epi8((char)0xC2), k3 = _mm512_set1_epi8(3),
                k3f = _mm512_set1_epi8(0x3F), k20 = _mm512_set1_epi8(0x20),
                ka = _mm512_set1_epi8('a'), k26 = _mm512_set1_epi8(26),
                kff = _mm512_set1_epi8((char)0xFF), zero = _mm512_setzero_si512();
  /* byte k takes byte k - 1: a trail byte gets its letter's second byte */
  const __m512i back = _mm512_set_epi8(
      62, 61, 60, 59, 58, 57, 56, 55, 54, 53, 52, 51, 50, 49, 48, 47, 46, 45, 44, 43, 42, 41, 40,
      39, 38, 37, 36, 35, 34, 33, 32, 31, 30, 29, 28, 27, 26, 25, 24, 23, 22, 21, 20, 19, 18, 17,
      16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 0);
  char *o = *op;
  /* room: the output so far is at most 4 bytes an input byte (the caller's
   * buffer has 4n + 32) and a block stores 64 bytes, so 65 bytes of input
   * left leave room for it */
  while (i + 65 <= n) {
    const __m512i x = _mm512_loadu_si512(s + i), y = _mm512_loadu_si512(s + i + 1);
    const uint64_t trail = _mm512_cmpeq_epi8_mask(_mm512_and_si512(x, kc0), k80);
    const uint64_t trail_next = _mm512_cmpeq_epi8_mask(_mm512_and_si512(y, kc0), k80);
    const uint64_t cyr = _mm512_cmpeq_epi8_mask(_mm512_and_si512(x, kfc), kd0);
    const uint64_t lead = cyr | _mm512_cmpeq_epi8_mask(x, kc2);
    const uint64_t high = _mm512_movepi8_mask(x);
    /* (b | 0x20) - 'a' < 26 only for ASCII letters */
    const uint64_t alpha =
        _mm512_cmplt_epu8_mask(_mm512_sub_epi8(_mm512_or_si512(x, k20), ka), k26);
    /* cp - 0x400 of a letter at its lead byte */
    const __m512i ix =
        _mm512_or_si512(_mm512_slli_epi16(_mm512_and_si512(x, k3), 6), _mm512_and_si512(y, k3f));
    const __mmask64 upper = _mm512_movepi8_mask(ix);
    const __m512i v1 = _mm512_mask_blend_epi8(upper, _mm512_permutex2var_epi8(b1a, ix, b1b),
                                              _mm512_permutex2var_epi8(b1c, ix, b1d));
    const __m512i v2 = _mm512_permutexvar_epi8(
        back, _mm512_mask_blend_epi8(upper, _mm512_permutex2var_epi8(b2a, ix, b2b),
                                     _mm512_permutex2var_epi8(b2c, ix, b2d)));
    uint64_t bad = alpha | (high & ~lead & ~trail) | (lead & ~trail_next) | (trail & ~(lead << 1)) |
                   (cyr & _mm512_cmpeq_epi8_mask(v1, zero)) | (lead & (1ull << 63));
    const unsigned m = bad ? (unsigned)__builtin_ctzll(bad) : 64;
    const uint64_t drop =
        (cyr & _mm512_cmpeq_epi8_mask(v1, kff)) | ((cyr << 1) & _mm512_cmpeq_epi8_mask(v2, zero));
    const uint64_t keep = _bzhi_u64(~drop, m);
    __m512i r = _mm512_mask_mov_epi8(x, cyr, v1);
    r = _mm512_mask_mov_epi8(r, cyr << 1, v2);
    _mm512_storeu_si512(o, _mm512_maskz_compress_epi8(keep, r));
    o += _mm_popcnt_u64(keep);
    i += m;
    if (m < 63) break; /* 63: a letter cut by the block's end */
  }
  *op = o;
  return i;
}
#endif

/* The fused fast path: validates UTF-8, checks that the text is NFC and
 * converts, in one pass.  It accepts ASCII, Cyrillic, Latin-1/Extended
 * letters and the common punctuation of U+2000..U+207F and U+2100..U+214F
 * (all NFC_QC=Yes with combining class 0, so any sequence of them is NFC);
 * on anything else it gives up ((size_t)-1) and the caller takes the general
 * route: validate, normalize if needed, convert.  wide = 0 keeps to the
 * SSE2 loops even where AVX-512 is there (the tests compare both). */
#if defined(__GNUC__)
/* A fixed alignment keeps the loop's speed from moving (by ~12% either way)
 * whenever code linked before it changes size. */
__attribute__((aligned(64)))
#endif
size_t
kz_tl_cyr_fast_simd(const unsigned char *s, size_t n, kztext_scheme to, char *out, int wide) {
  const kz_fwd_entry *T = kz_fwd_tables[to];
  /* the packed table, except for 2018, which looks at whole loanwords */
  const uint64_t *P = to == KZTEXT_SCHEME_LATIN2018 ? NULL : kz_fwd_packed[to];
  const uint8_t *PL = kz_fwd_plen[to];
#ifdef KZ_CYR_AVX512
  const uint8_t *B = NULL;
  if (P && wide) {
    __builtin_cpu_init(); /* cheap once done; a caller may run before constructors */
    if (__builtin_cpu_supports("avx512vbmi2") && __builtin_cpu_supports("avx512bw") &&
        __builtin_cpu_supports("bmi2"))
      B = kz_fwd_bytes[to];
  }
#endif
  size_t i = 0, ok_until = 0;
  char *o = out;
  kz_mixed_memo mm = {0, 0, 0};
  while (i < n) {
    unsigned c = s[i];
    if (c < 0x80) {
      if (!is_ascii_letter(c)) { /* digits, spaces, punctuation */
        *o++ = (char)c;
        i++;
        continue;
      }
      size_t j = i + 1; /* a run of ASCII letters */
      while (j < n && is_ascii_letter(s[j]))
        j++;
      if (touches_cyrillic(s, n, i, j)) {
        o += ascii_mixed(s, n, i, j, to, out, o, NULL, &mm);
      } else {
        memcpy(o, s + i, j - i);
        o += j - i;
      }
      i = j;
      continue;
    }
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    if (P) {
      /* Letters that map on their own and the spaces and punctuation
       * between them: the bulk of Kazakh text.  A packed entry is a letter's
       * output and its length: one load and one store. */
#ifdef KZ_CYR_AVX512
      if (B) {
        /* the 64-byte blocks; a letter whose output is longer than two
         * bytes (щ, or ә in ISO 9) takes its packed entry and they go on.
         * What stops them stops the 16-byte loop too. */
        for (;;) {
          i = cyr_blocks_avx512(s, n, i, &o, B);
          if (i + 65 > n || (s[i] & 0xFC) != 0xD0 || (s[i + 1] & 0xC0) != 0x80) break;
          uint64_t v = P[((s[i] & 3u) << 6) | (s[i + 1] & 0x3Fu)];
          if (v & KZ_SLOW) break;
          memcpy(o, &v, 8);
          o += v >> 56;
          i += 2;
        }
        goto four;
      }
#endif
#ifdef __SSE2__
      /* Sixteen bytes at a time while they are ASCII and two-byte letters
       * (and the trail byte of a letter that starts at the 16th): every
       * byte looks up its entry, a trail byte's is empty, and the outputs
       * are stored one after the other without a branch. */
      const __m128i k3 = _mm_set1_epi8(3), k3f = _mm_set1_epi8(0x3F),
                    kc0 = _mm_set1_epi8((char)0xC0), k80 = _mm_set1_epi8((char)0x80),
                    kfc = _mm_set1_epi8((char)0xFC), kd0 = _mm_set1_epi8((char)0xD0),
                    k1 = _mm_set1_epi8(1), k2 = _mm_set1_epi8(2);
      /* room: a block that gives up has written up to 16 * 64 + 8 bytes
       * past the output so far, which is at most 4 bytes an input byte
       * (KZ_FACTOR_FROM_CYR, the caller's buffer), so 1,041 bytes of input
       * left leave room for it */
      while (i + 17 + 16 * 64 <= n) {
        const __m128i x = _mm_loadu_si128((const __m128i *)(s + i));
        const __m128i y = _mm_loadu_si128((const __m128i *)(s + i + 1));
        unsigned lead = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_and_si128(x, kc0), kc0));
        unsigned cont = (unsigned)_mm_movemask_epi8(x) & ~lead;
        cont |= (unsigned)((s[i + 16] & 0xC0) == 0x80) << 16;
        if (cont != lead << 1) break; /* a stray trail byte, a longer sequence */
        /* the entry of each byte: a letter's (lead D0..D3) cp - 0x400, else
         * 256 + the byte, and 512 for a trail byte; built as low and high bytes */
        const __m128i trail = _mm_cmpeq_epi8(_mm_and_si128(x, kc0), k80);
        const __m128i cyr = _mm_cmpeq_epi8(_mm_and_si128(x, kfc), kd0);
        const __m128i letter =
            _mm_or_si128(_mm_slli_epi16(_mm_and_si128(x, k3), 6), _mm_and_si128(y, k3f));
        __m128i lo = _mm_or_si128(_mm_and_si128(cyr, letter), _mm_andnot_si128(cyr, x));
        lo = _mm_andnot_si128(trail, lo);
        const __m128i hi =
            _mm_or_si128(_mm_and_si128(trail, k2), _mm_andnot_si128(_mm_or_si128(cyr, trail), k1));
        uint16_t ix[16];
        _mm_storeu_si128((__m128i *)(void *)ix, _mm_unpacklo_epi8(lo, hi));
        _mm_storeu_si128((__m128i *)(void *)(ix + 8), _mm_unpackhi_epi8(lo, hi));
        char *o0 = o;
        for (int k = 0; k < 16; k++) {
          uint64_t v = P[ix[k]];
          memcpy(o, &v, 8);
          o += PL[ix[k]];
        }
        /* 16 bytes write at most 8 letters of 6 bytes and a ninth's start;
         * an entry that is not on its own counts 64 */
        if (o - o0 >= 64) { /* an ASCII letter, a letter with context: the loops below */
          o = o0;
          break;
        }
        i += 16 + (lead >> 15);
      }
#endif
      /* then four letters, or one or two, or one ASCII byte, a step: one
       * test of 8 bytes checks four lead bytes (D0..D3) and trail bytes */
#ifdef KZ_CYR_AVX512
    four:
#endif
      while (i + 8 <= n) {
        uint64_t q;
        memcpy(&q, s + i, 8);
        if ((q & 0xC0FCC0FCC0FCC0FCull) == 0x80D080D080D080D0ull) { /* four letters */
          uint64_t v1 = P[((q & 3u) << 6) | ((q >> 8) & 0x3Fu)];
          uint64_t v2 = P[((q >> 10) & 0xC0u) | ((q >> 24) & 0x3Fu)];
          uint64_t v3 = P[((q >> 26) & 0xC0u) | ((q >> 40) & 0x3Fu)];
          uint64_t v4 = P[((q >> 42) & 0xC0u) | ((q >> 56) & 0x3Fu)];
          if (!((v1 | v2 | v3 | v4) & KZ_SLOW)) {
            memcpy(o, &v1, 8);
            o += v1 >> 56;
            memcpy(o, &v2, 8);
            o += v2 >> 56;
            memcpy(o, &v3, 8);
            o += v3 >> 56;
            memcpy(o, &v4, 8);
            o += v4 >> 56;
            i += 8;
            continue;
          }
        }
        if ((q & 0xC0FCu) != 0x80D0u) {
          unsigned a = q & 0xFFu;
          if (a >= 0x80 || is_ascii_letter(a)) break;
          *o++ = (char)a; /* a space or punctuation mark */
          i++;
          continue;
        }
        uint64_t v1 = P[((q & 3u) << 6) | ((q >> 8) & 0x3Fu)];
        if (v1 & KZ_SLOW) break;
        memcpy(o, &v1, 8);
        o += v1 >> 56;
        i += 2;
        if ((q & 0xC0FC0000u) != 0x80D00000u) continue;
        uint64_t v2 = P[((q >> 10) & 0xC0u) | ((q >> 24) & 0x3Fu)];
        if (v2 & KZ_SLOW) break;
        memcpy(o, &v2, 8);
        o += v2 >> 56;
        i += 2;
      }
      if (i >= n) break;
      c = s[i];
      if (c < 0x80) continue;
    }
#endif
    if (i + 1 >= n || (s[i + 1] & 0xC0) != 0x80) return (size_t)-1;
    if (c >= 0xD0 && c <= 0xD3) {
      const kz_fwd_entry *e = &T[((c - 0xD0) << 6) | (s[i + 1] & 0x3F)];
      size_t we;
      if (to == KZTEXT_SCHEME_LATIN2018 && !(e->flags & KZ_F_PASS) && loanword_2018(s, n, i, &we)) {
        o += word_2018(s, n, i, we, out, o, NULL);
        i = we;
        continue;
      }
      if (!(e->flags & (KZ_F_PASS | KZ_F_MULTI | KZ_F_CTX))) {
        memcpy(o, e->out, 16);
        o += e->len;
        i += 2;
        continue;
      }
      if (!(e->flags & KZ_F_PASS)) {
        o += slow_letter(s, n, i, to, e, o);
        i += 2;
        continue;
      }
      if (c == 0xD2 && s[i + 1] >= 0x83 && s[i + 1] <= 0x89) return (size_t)-1; /* marks */
      memcpy(o, s + i, 2);
      o += 2;
      i += 2;
      continue;
    }
    if (c >= 0xC2 && c <= 0xCB) { /* U+0080..U+02FF: letters, no marks */
      uint32_t h = (c == 0xC9 || c == 0xC6) ? schwa(s, n, i) : 0;
      if (h) {
        const kz_fwd_entry *e = &T[h - 0x400];
        memcpy(o, e->out, e->len);
        o += e->len;
        i += 2;
        continue;
      }
      memcpy(o, s + i, 2);
      o += 2;
      i += 2;
      continue;
    }
    if (i < ok_until) { /* checked below: copy */
      size_t l = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
      memcpy(o, s + i, l);
      o += l;
      i += l;
      continue;
    }
    if (c == 0xE2 && i + 2 < n && (s[i + 1] == 0x80 || s[i + 1] == 0x81 || s[i + 1] == 0x84) &&
        (s[i + 2] & 0xC0) == 0x80) {
      uint32_t cp = ((uint32_t)(s[i + 1] & 0x3F) << 6) | (s[i + 2] & 0x3F); /* low 12 bits */
      /* U+2000/2001 and U+2126, U+212A, U+212B are singletons (NFC_QC=No) */
      if (cp == 0x000 || cp == 0x001 || cp == 0x126 || cp == 0x12A || cp == 0x12B)
        return (size_t)-1;
      memcpy(o, s + i, 3);
      o += 3;
      i += 3;
      continue;
    }
    /* Something else (Arabic, CJK, €): ask the normalizer about the stretch
     * from the previous character (it might compose with it) to the next
     * ASCII byte (ASCII never composes with what precedes it). */
    size_t a = i > 0 ? kz_utf8_prev(s, i) : 0, b = i;
    while (b < n && s[b] >= 0x80)
      b++;
    int isn = 0;
    if (kztext_is_normalized((const char *)s + a, b - a, KZTEXT_NORM_NFC, &isn, NULL) !=
            KZTEXT_OK ||
        !isn)
      return (size_t)-1;
    ok_until = b;
  }
  return (size_t)(o - out);
}

size_t kz_tl_cyr_fast(const unsigned char *s, size_t n, kztext_scheme to, char *out) {
  return kz_tl_cyr_fast_simd(s, n, to, out, 1);
}

size_t kz_tl_from_cyrillic(const unsigned char *s, size_t n, kztext_scheme to, unsigned flags,
                           char *out, kz_spanv *sv) {
  if (to == KZTEXT_SCHEME_ARABIC) return kz_tl_cyr_to_arabic(s, n, flags, out, sv);
  if (to == KZTEXT_SCHEME_CYRILLIC) {
    memcpy(out, s, n);
    if (sv && n) kz_span_add(sv, 0, n, 0, n, 1);
    return n;
  }
  return sv ? convert(s, n, to, out, sv, 1) : convert(s, n, to, out, NULL, 0);
}

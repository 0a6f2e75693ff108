/* ICU's word boundaries (root locale, UAX #29 as ICU 72 tailors it), found
 * by a byte scan where the text is simple and by ICU where it is not.
 *
 * The scan knows the rules for letters, digits, connectors, the mid-word
 * and mid-number punctuation, white space and line breaks (WB3-WB3d,
 * WB5-WB13b); each character's class is ICU's own Word_Break property,
 * read into the segmenter's table once.  A character it does not handle
 * (Extend, Format, ZWJ, Katakana, Hebrew letters, regional indicators,
 * scripts of ICU's dictionaries, ill-formed bytes, anything
 * outside the table) hands the text to ICU from the last boundary until
 * ICU returns a boundary in front of a separator byte: an ASCII character
 * that no rule joins to what precedes it, so the scan can go on from there
 * without looking back.  tests/unit/test_words.c checks the scan against
 * ICU's iterator. */
#include "segment/seg.h"

/* Word_Break classes the scan handles; KZ_WB_ICU: ask ICU. */
enum {
  KZ_WB_ICU = 0,
  KZ_WB_OTHER,
  KZ_WB_CR,
  KZ_WB_LF,     /* LF and Newline: a break on both sides */
  KZ_WB_SPACE,  /* WSegSpace */
  KZ_WB_LETTER, /* ALetter, not alphabetic (`@` in ICU 72, modifier symbols) */
  KZ_WB_ALPHA,  /* ALetter, alphabetic */
  KZ_WB_DIGIT,  /* Numeric */
  KZ_WB_CONN,   /* ExtendNumLet */
  KZ_WB_MIDL,   /* MidLetter (not `:`, which ICU's root rules drop) */
  KZ_WB_MIDNL,  /* MidNumLet and Single_Quote */
  KZ_WB_MIDN    /* MidNum */
};

/* The class of c, in the table's ranges only: the scripts of ICU's
 * dictionaries (Thai, Lao, Khmer, Myanmar...) and Han, kana and Hangul,
 * which ICU treats apart, all lie above them (test_words checks every
 * character of the table against ICU). */
static unsigned char wb_class(UChar32 c) {
  switch (u_getIntPropertyValue(c, UCHAR_WORD_BREAK)) {
  case U_WB_OTHER:
    return KZ_WB_OTHER;
  case U_WB_CR:
    return KZ_WB_CR;
  case U_WB_LF:
  case U_WB_NEWLINE:
    return KZ_WB_LF;
  case U_WB_WSEGSPACE:
    return KZ_WB_SPACE;
  case U_WB_ALETTER:
    return u_isalpha(c) ? KZ_WB_ALPHA : KZ_WB_LETTER;
  case U_WB_NUMERIC:
    return KZ_WB_DIGIT;
  case U_WB_EXTENDNUMLET:
    return KZ_WB_CONN;
  case U_WB_MIDLETTER:
    return c == ':' || c == 0xFE55 || c == 0xFF1A ? KZ_WB_OTHER : KZ_WB_MIDL;
  case U_WB_MIDNUMLET:
  case U_WB_SINGLE_QUOTE:
    return KZ_WB_MIDNL;
  case U_WB_MIDNUM:
    return KZ_WB_MIDN;
  case U_WB_DOUBLE_QUOTE: /* joins only after a Hebrew letter, which ICU takes */
    return KZ_WB_OTHER;
  default:
    return KZ_WB_ICU;
  }
}

/* The first boundary of s by ICU's word iterator bi; -1 when ICU fails. */
static int32_t icu_first_break(UBreakIterator *bi, const char *s) {
  UErrorCode err = U_ZERO_ERROR;
  UText ut = UTEXT_INITIALIZER;
  utext_openUTF8(&ut, s, -1, &err);
  ubrk_setUText(bi, &ut, &err);
  int32_t b = U_SUCCESS(err) ? ubrk_next(bi) : -1;
  utext_close(&ut);
  return b;
}

int kz_words_table(unsigned char *table, unsigned char *lead, UBreakIterator *bi) {
  for (UChar32 c = 0; c < KZ_WB_LOW; c++)
    table[c] = wb_class(c);
  for (UChar32 c = 0; c < KZ_WB_PUNCT_N; c++)
    table[KZ_WB_LOW + c] = wb_class(KZ_WB_PUNCT + c);
  /* ICU 72 counts `@` as a letter, to keep e-mail addresses whole
   * (CLDR-15767); builds may differ, so ask the iterator. */
  int32_t letter = icu_first_break(bi, "a@."), mid = icu_first_break(bi, "a@b.");
  if (letter < 0 || mid < 0) return 0;
  if (letter == 2)
    table['@'] = KZ_WB_LETTER;
  else if (mid == 3)
    table['@'] = KZ_WB_MIDL;
  /* Lead bytes: of an alphabetic ASCII letter; of two-byte characters all
   * alphabetic letters (D0, D1: U+0400-047F); of other two-byte ones. */
  for (unsigned b = 0; b < 256; b++) {
    lead[b] = 0;
    if (b < 0x80 && table[b] == KZ_WB_ALPHA) lead[b] = KZ_LEAD_ALPHA1;
    if (b < 0xC2 || b > 0xDF) continue;
    lead[b] = KZ_LEAD_ALPHA2;
    for (unsigned t = 0; t < 64; t++)
      if (table[((b & 0x1Fu) << 6) | t] != KZ_WB_ALPHA) lead[b] = KZ_LEAD_TWO;
  }
  return 1;
}

/* The class of the character at i (< n) and its length. */
static inline unsigned char cls_at(const unsigned char *tab, const unsigned char *s, size_t n,
                                   size_t i, size_t *len) {
  unsigned c = s[i];
  if (c < 0x80) {
    *len = 1;
    return tab[c];
  }
  if (c >= 0xC2 && c <= 0xDF && i + 1 < n && (s[i + 1] & 0xC0) == 0x80) {
    *len = 2;
    return tab[((c & 0x1Fu) << 6) | (s[i + 1] & 0x3Fu)];
  }
  /* U+2000-U+21FF: E2 80..87 xx */
  if (c == 0xE2 && i + 2 < n && s[i + 1] >= 0x80 && s[i + 1] <= 0x87 && (s[i + 2] & 0xC0) == 0x80) {
    *len = 3;
    return tab[KZ_WB_LOW + (((s[i + 1] & 0x3Fu) << 6) | (s[i + 2] & 0x3Fu))];
  }
  *len = 1;
  return KZ_WB_ICU;
}

/* No rule joins a separator to what precedes it, and none looks back past
 * it: the scan may start there without context. */
static inline int separator(const unsigned char *tab, unsigned char c) {
  if (c >= 0x80 || c == '"') return 0;
  unsigned char k = tab[c];
  return k == KZ_WB_OTHER || k == KZ_WB_CR || k == KZ_WB_LF || k == KZ_WB_SPACE;
}

#define BIT(k) (1u << (k))
#define LETTERS (BIT(KZ_WB_LETTER) | BIT(KZ_WB_ALPHA))
#define LETTER_LIKE (LETTERS | BIT(KZ_WB_DIGIT) | BIT(KZ_WB_CONN))
#define MID (BIT(KZ_WB_MIDL) | BIT(KZ_WB_MIDNL) | BIT(KZ_WB_MIDN))

/* The end of the run of alphabetic letters in one or two bytes from i:
 * most of any Latin or Cyrillic text.  lead: the lead-byte table when the
 * text is known to be valid UTF-8, else NULL. */
static inline size_t alpha_run(const unsigned char *tab, const unsigned char *lead,
                               const unsigned char *s, size_t n, size_t i) {
  if (lead) {
    while (i < n) {
      unsigned k = lead[s[i]];
      if (k == KZ_LEAD_ALPHA1)
        i++;
      else if (k == KZ_LEAD_ALPHA2 ||
               (k == KZ_LEAD_TWO && tab[((s[i] & 0x1Fu) << 6) | (s[i + 1] & 0x3Fu)] == KZ_WB_ALPHA))
        i += 2;
      else
        break;
    }
    return i;
  }
  while (i < n) {
    unsigned b = s[i];
    if (b < 0x80) {
      if (tab[b] != KZ_WB_ALPHA) break;
      i++;
    } else if (b - 0xC2u <= 0xDFu - 0xC2u && i + 1 < n && (s[i + 1] & 0xC0) == 0x80 &&
               tab[((b & 0x1Fu) << 6) | (s[i + 1] & 0x3Fu)] == KZ_WB_ALPHA) {
      i += 2;
    } else {
      break;
    }
  }
  return i;
}

/* The boundary after the one at a, by the scan; 0 when it needs ICU.
 * *kind: KZ_SEG_PLAIN, KZ_SEG_SPACE or 0. */
static size_t scan_next(const unsigned char *tab, const unsigned char *lead, const unsigned char *s,
                        size_t n, size_t a, int *kind) {
  size_t l, l2;
  unsigned char k = cls_at(tab, s, n, a, &l), c;
  size_t i = a + l;
  *kind = 0;
  if (k == KZ_WB_ICU) return 0;
  if (k == KZ_WB_LF) { /* WB3a, WB3b: nothing attaches after a line break */
    *kind = KZ_SEG_SPACE;
    return i;
  }
  if (k == KZ_WB_CR) {
    *kind = KZ_SEG_SPACE;
    return i < n && s[i] == '\n' ? i + 1 : i; /* WB3 */
  }
  if (k == KZ_WB_SPACE) {
    while (i < n && (c = cls_at(tab, s, n, i, &l)) == KZ_WB_SPACE) /* WB3d */
      i += l;
    *kind = KZ_SEG_SPACE;
  } else if (BIT(k) & LETTER_LIKE) {
    unsigned prev = BIT(k), alpha = k == KZ_WB_ALPHA;
    while (i < n) {
      size_t j = alpha_run(tab, lead, s, n, i);
      if (j > i) {
        prev = BIT(KZ_WB_ALPHA);
        if ((i = j) >= n) break;
      }
      c = cls_at(tab, s, n, i, &l);
      if (BIT(c) & LETTER_LIKE) { /* WB5, WB8-WB10, WB13a, WB13b */
        alpha &= c == KZ_WB_ALPHA;
        prev = BIT(c);
        i += l;
        continue;
      }
      if (!(BIT(c) & MID) || i + l >= n) break;
      unsigned char d = cls_at(tab, s, n, i + l, &l2);
      if (d == KZ_WB_ICU) return 0; /* maybe Extend or Format, which WB6-WB12 skip */
      if (((prev & LETTERS) && (BIT(d) & LETTERS) && c != KZ_WB_MIDN) ||       /* WB6, WB7 */
          (prev == BIT(KZ_WB_DIGIT) && d == KZ_WB_DIGIT && c != KZ_WB_MIDL)) { /* WB11, WB12 */
        alpha = 0;
        prev = BIT(d);
        i += l + l2;
        continue;
      }
      break;
    }
    if (alpha) *kind = KZ_SEG_PLAIN;
  }
  /* Other characters and lone mid punctuation stand alone.  Nothing but
   * Extend and Format (WB4) attaches to what ends here. */
  if (i < n && cls_at(tab, s, n, i, &l) == KZ_WB_ICU) return *kind = 0;
  return i;
}

void kz_words_start(kz_words *w, kztext_segmenter *seg, const unsigned char *s, size_t n, int valid,
                    int icu_only) {
  w->seg = seg;
  w->lead = valid ? seg->lead : NULL;
  w->s = s;
  w->n = n;
  w->pos = 0;
  w->icu_on = 0;
  w->icu_at = (size_t)-1;
  w->in_icu = icu_only;
  w->icu_only = icu_only;
  w->kind = 0;
  w->at = w->len = 0;
  w->status = KZTEXT_OK;
}

/* The next boundary and its segment's kind, or KZ_WORDS_DONE. */
static size_t one_next(kz_words *w, int *kind) {
  const unsigned char *tab = w->seg->wb;
  *kind = 0;
  if (w->pos >= w->n) return KZ_WORDS_DONE;
  if (!w->in_icu) {
    size_t b = scan_next(tab, w->lead, w->s, w->n, w->pos, kind);
    if (b) return w->pos = b;
    w->in_icu = 1;
  }
  if (!w->icu_on) {
    w->status = kz_seg_set_text(w->seg, w->seg->word, (const char *)w->s, w->n);
    if (w->status) return KZ_WORDS_DONE;
    w->icu_on = 1;
  }
  int32_t b =
      w->icu_at == w->pos ? ubrk_next(w->seg->word) : ubrk_following(w->seg->word, (int32_t)w->pos);
  size_t e = b == UBRK_DONE || (size_t)b > w->n ? w->n : (size_t)b;
  if (e <= w->pos) e = w->n; /* never: ICU's boundaries ascend */
  w->icu_at = e;
  if (!w->icu_only && (e >= w->n || separator(tab, w->s[e]))) w->in_icu = 0;
  return w->pos = e;
}

int kz_words_fill(kz_words *w) {
  w->at = w->len = 0;
  while (w->len < KZ_WORDS_BATCH) {
    int kind;
    size_t b = one_next(w, &kind);
    if (b == KZ_WORDS_DONE) break;
    w->bound[w->len] = b;
    w->kinds[w->len++] = (unsigned char)kind;
  }
  return w->len > 0;
}

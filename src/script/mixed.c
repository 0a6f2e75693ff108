/* Words that mix Latin and Cyrillic letters (kztext_mixed_script_words). */
#include <stdlib.h>

#include "script/script_table.h"
#include "utf8/utf8.h"

/* Letters with a look-alike in the other script.  A mixed word's intended
 * script is told by its other letters: nobody types Latin "q" meaning a
 * Cyrillic letter, but "а" and "a" are interchangeable to the eye. */
static int cyrl_homoglyph(uint32_t cp) {
  switch (cp) {
  case 0x0410:
  case 0x0430: /* А а */
  case 0x0412: /* В */
  case 0x0415:
  case 0x0435: /* Е е */
  case 0x041A:
  case 0x043A: /* К к */
  case 0x041C: /* М */
  case 0x041D: /* Н */
  case 0x041E:
  case 0x043E: /* О о */
  case 0x0420:
  case 0x0440: /* Р р */
  case 0x0421:
  case 0x0441: /* С с */
  case 0x0422: /* Т */
  case 0x0423:
  case 0x0443: /* У у */
  case 0x0425:
  case 0x0445: /* Х х */
  case 0x0406:
  case 0x0456: /* І і */
  case 0x04BA:
  case 0x04BB: /* Һ һ */
  case 0x04AE:
  case 0x04AF: /* Ү ү */
  case 0x0405:
  case 0x0455: /* Ѕ ѕ */
  case 0x0408:
  case 0x0458: /* Ј ј */
    return 1;
  default:
    return 0;
  }
}

static int latn_homoglyph(uint32_t cp) {
  switch (cp) {
  case 'A':
  case 'a':
  case 'B':
  case 'C':
  case 'c':
  case 'E':
  case 'e':
  case 'H':
  case 'h':
  case 'I':
  case 'i':
  case 'J':
  case 'j':
  case 'K':
  case 'M':
  case 'O':
  case 'o':
  case 'P':
  case 'p':
  case 'S':
  case 's':
  case 'T':
  case 'X':
  case 'x':
  case 'Y':
  case 'y':
    return 1;
  default:
    return 0;
  }
}

typedef struct word_acc {
  size_t start, end;
  unsigned cyrl, latn, cyrl_sure, latn_sure;
} word_acc;

/* Decides a finished word; returns 1 when it mixes scripts.  *tie is set
 * when only the whole text can decide. */
static int decide(const word_acc *w, kztext_mixed_word *out, int *tie) {
  if (!w->cyrl || !w->latn) return 0;
  out->start = w->start;
  out->end = w->end;
  out->cyrl_letters = w->cyrl;
  out->latn_letters = w->latn;
  *tie = 0;
  if (w->cyrl_sure != w->latn_sure)
    out->intended = w->cyrl_sure > w->latn_sure ? KZTEXT_SCRIPT_CYRL : KZTEXT_SCRIPT_LATN;
  else if (w->cyrl != w->latn)
    out->intended = w->cyrl > w->latn ? KZTEXT_SCRIPT_CYRL : KZTEXT_SCRIPT_LATN;
  else {
    out->intended = KZTEXT_SCRIPT_CYRL;
    *tie = 1;
  }
  return 1;
}

kztext_status kztext_mixed_script_words(const char *src, size_t len, unsigned flags,
                                        kztext_mixed_word *words, size_t cap, size_t *count,
                                        size_t *error_offset) {
  if (flags & ~0xFu) return KZTEXT_E_INVALID_FLAGS;
  if ((flags & 0xFu) > KZTEXT_INVALID_REPLACE) return KZTEXT_E_INVALID_FLAGS;
  if ((!src && len) || (!words && cap) || !count) return KZTEXT_E_INVALID_ARG;
  const unsigned char *s = (const unsigned char *)src;
  const int replace = (flags & 0xFu) == KZTEXT_INVALID_REPLACE;
  size_t n = 0, i = 0;
  size_t text_cyrl = 0, text_latn = 0;
  /* Ties are rare: they are re-decided after the pass, once the text's
   * letter totals are known, by rescanning only the tied words. */
  word_acc w = {0, 0, 0, 0, 0, 0};
  int in_word = 0;
  int has_joiner = 0;
  size_t ties = 0;
  kztext_mixed_word tmp;
  while (i <= len) {
    uint32_t cp = 0;
    size_t step = 1, sub;
    unsigned cls = KZTEXT_SC_SPACE; /* the end of text closes the last word */
    if (i < len) {
      if (s[i] < 0x80) {
        cp = s[i];
      } else {
        cp = kz_utf8_decode(s + i, len - i, &step, &sub);
        if (!step) {
          if (!replace) {
            if (error_offset) *error_offset = i;
            return KZTEXT_E_INVALID_UTF8;
          }
          step = sub;
          cp = 0xFFFD;
        }
      }
      cls = kz_script_class(cp);
    }
    unsigned sc = kz_class_script[cls];
    int letter = sc == KZTEXT_SCRIPT_CYRL || sc == KZTEXT_SCRIPT_LATN;
    if (letter) {
      if (!in_word) {
        w = (word_acc){i, 0, 0, 0, 0, 0};
        in_word = 1;
      }
      has_joiner = 0;
      if (sc == KZTEXT_SCRIPT_CYRL) {
        w.cyrl++;
        text_cyrl++;
        w.cyrl_sure += !cyrl_homoglyph(cp);
      } else {
        w.latn++;
        text_latn++;
        w.latn_sure += !latn_homoglyph(cp);
      }
      w.end = i + step;
    } else if (in_word && (cls == KZTEXT_SC_MARK)) {
      w.end = i + step;
    } else if (in_word && !has_joiner &&
               (cls == KZTEXT_SC_APOSTROPHE || cp == '-' || cp == 0x2010 || cp == 0x2011)) {
      /* Joins the word only if a letter follows. */
      has_joiner = 1;
    } else if (in_word) {
      int tie;
      if (decide(&w, &tmp, &tie)) {
        if (n < cap) words[n] = tmp;
        ties += tie;
        n++;
      }
      in_word = 0;
      has_joiner = 0;
    }
    i += step;
  }
  if (ties && text_latn > text_cyrl) {
    /* Re-decide the tied words stored for the caller: equal evidence in
     * the word, so the text's majority script decides. */
    for (size_t k = 0; k < n && k < cap; k++) {
      kztext_mixed_word *m = &words[k];
      if (m->cyrl_letters == m->latn_letters) {
        /* Recount the sure letters of this word to see whether it tied. */
        unsigned cs = 0, ls = 0;
        for (size_t j = m->start; j < m->end;) {
          size_t st2, sb;
          uint32_t c2 = kz_utf8_decode(s + j, m->end - j, &st2, &sb);
          if (!st2) {
            j += sb;
            continue;
          }
          unsigned sc2 = kz_class_script[kz_script_class(c2)];
          if (sc2 == KZTEXT_SCRIPT_CYRL)
            cs += !cyrl_homoglyph(c2);
          else if (sc2 == KZTEXT_SCRIPT_LATN)
            ls += !latn_homoglyph(c2);
          j += st2;
        }
        if (cs == ls) m->intended = KZTEXT_SCRIPT_LATN;
      }
    }
  }
  *count = n;
  return n > cap ? KZTEXT_E_BUFFER_TOO_SMALL : KZTEXT_OK;
}

kztext_status kztext_mixed_script_words_alloc(const char *src, size_t len, unsigned flags,
                                              kztext_mixed_word **words, size_t *count,
                                              size_t *error_offset) {
  if (!words || !count) return KZTEXT_E_INVALID_ARG;
  *words = NULL;
  *count = 0;
  size_t n = 0;
  kztext_status st = kztext_mixed_script_words(src, len, flags, NULL, 0, &n, error_offset);
  if (st != KZTEXT_OK && st != KZTEXT_E_BUFFER_TOO_SMALL) return st;
  if (!n) return KZTEXT_OK;
  if (n > (size_t)-1 / sizeof **words) return KZTEXT_E_TOO_LARGE;
  kztext_mixed_word *r = malloc(n * sizeof *r);
  if (!r) return KZTEXT_E_NO_MEMORY;
  st = kztext_mixed_script_words(src, len, flags, r, n, count, error_offset);
  if (st) {
    free(r);
    *count = 0;
    return st;
  }
  *words = r;
  return KZTEXT_OK;
}

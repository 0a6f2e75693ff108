/* Name-like spans of a sentence and their keys (kztext_pipeline_options
 * .names): a span is a run of capitalised words (a capital, then a small
 * letter) joined by single spaces or hyphens, Latin or Cyrillic, without
 * the sentence's first word, which any sentence capitalises (a name that
 * starts a sentence loses its first part).  All-caps words (ҚР, NATO) end
 * a span. */
#include <string.h>

#include "core/buffer.h"
#include "pipeline/names.h"
#include "utf8/utf8.h"

/* 1 capital, 2 small letter, 0 anything else (Latin and Cyrillic). */
static int letter_case(uint32_t c) {
  if ((c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7) || (c >= 0x400 && c <= 0x42F))
    return 1;
  if ((c >= 'a' && c <= 'z') || (c >= 0xDF && c <= 0xFF && c != 0xF7) || (c >= 0x430 && c <= 0x45F))
    return 2;
  if ((c >= 0x100 && c <= 0x17F) || (c >= 0x460 && c <= 0x4FF)) return (c & 1) ? 2 : 1;
  return 0;
}

/* The word at s[i..): its end in *end; 1 when it is capitalised. */
static int word_at(const unsigned char *s, size_t n, size_t i, size_t *end) {
  int first = 0, smalls = 0, caps = 0;
  size_t j = i;
  while (j < n) {
    size_t l, sub;
    uint32_t c = kz_utf8_decode(s + j, n - j, &l, &sub);
    int k = l ? letter_case(c) : 0;
    if (!k) break;
    if (j == i) first = k;
    caps += k == 1;
    smalls += k == 2;
    j += l;
  }
  *end = j;
  return j > i && first == 1 && smalls > 0 && caps == 1;
}

kztext_status kz_pipe_names(const char *src, size_t n, char **buf, size_t *cap, size_t *len) {
  const unsigned char *s = (const unsigned char *)src;
  *len = 0;
  size_t i = 0;
  int seen_word = 0; /* a word came before: a capital is no longer the sentence's */
  while (i < n) {
    size_t e;
    if (!word_at(s, n, i, &e)) {
      if (e > i) {
        seen_word = 1;
      } else { /* not a letter: one code point on */
        size_t l, sub;
        kz_utf8_decode(s + i, n - i, &l, &sub);
        e = i + (l ? l : sub ? sub : 1);
      }
      i = e;
      continue;
    }
    size_t a = i, b = e, words = 1;
    while (b + 1 < n && (s[b] == ' ' || s[b] == '-') && word_at(s, n, b + 1, &e)) {
      b = e;
      words++;
    }
    i = b;
    int starts = !seen_word;
    seen_word = 1;
    if (starts) { /* the sentence's first word is capitalised anyway: not a name */
      if (words == 1) continue;
      word_at(s, n, a, &a);
      a++;
    }
    size_t need = *len + KZTEXT_NAME_KEY_BOUND(b - a) + 1, kn = 0;
    if (!kz_grow((void **)buf, cap, need, 1)) return KZTEXT_E_NO_MEMORY;
    if (kztext_name_key(src + a, b - a, KZTEXT_INVALID_REPLACE, *buf + *len, *cap - *len, &kn,
                        NULL) != KZTEXT_OK)
      return KZTEXT_E_NO_MEMORY; /* the bound always fits: only memory can fail */
    if (!kn) continue;
    *len += kn;
    (*buf)[(*len)++] = '\n';
  }
  return KZTEXT_OK;
}

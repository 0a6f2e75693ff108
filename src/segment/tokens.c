/* Word tokens: ICU's word BreakIterator over the UTF-8 text, with the
 * pieces kztext keeps together merged back: abbreviations and initials
 * with their dots, hyphenated words, space-grouped numbers, URLs, e-mail
 * addresses, hashtags and @mentions, runs of the same punctuation.
 *
 * ICU segments are consumed in order; a merged token may run past several
 * of them, and the next token then starts where the merged one ended (the
 * ICU segment is clipped), so tokens never overlap and no byte is lost. */
#include <string.h>

#include "segment/seg.h"

typedef struct tctx {
  const unsigned char *s;
  size_t n;
  int lang_arg;
} tctx;

static int ascii_ci_prefix(const unsigned char *s, size_t n, size_t a, const char *p) {
  size_t m = strlen(p);
  if (n - a < m) return 0;
  for (size_t i = 0; i < m; i++) {
    unsigned char c = s[a + i];
    if (c >= 'A' && c <= 'Z') c += 32;
    if (c != (unsigned char)p[i]) return 0;
  }
  return 1;
}

static int url_char_trailing(unsigned char c) {
  return c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == '\'' ||
         c == '"' || c == ')' || c == ']';
}

/* A URL starting at a: up to white space, without trailing punctuation
 * (a closing bracket stays when the URL opened one). */
static size_t url_end(tctx *t, size_t a) {
  const unsigned char *s = t->s;
  size_t n = t->n;
  if (!(ascii_ci_prefix(s, n, a, "http://") || ascii_ci_prefix(s, n, a, "https://") ||
        ascii_ci_prefix(s, n, a, "ftp://") || ascii_ci_prefix(s, n, a, "www.")))
    return 0;
  size_t e = a, l;
  int open = 0;
  while (e < n) {
    uint32_t c = kz_cp_at(s, n, e, &l);
    if (kz_is_space(c) || c == 0xAB || c == 0xBB || c == '<' || c == '>' || c == '"' ||
        c == 0x201C || c == 0x201D)
      break;
    if (c == '(') open++;
    if (c == ')') {
      if (!open) break;
      open--;
    }
    e += l;
  }
  /* A closing bracket stays when the URL opened one (`.../Foo_(bar)`). */
  int paren = memchr(s + a, '(', e - a) != NULL;
  while (e > a && url_char_trailing(s[e - 1]) && !(s[e - 1] == ')' && paren))
    e--;
  return e > a + 4 ? e : 0;
}

static int email_local(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '_' || c == '%' || c == '+' || c == '-';
}

/* An e-mail address starting at a (local@domain.tld), else 0. */
static size_t email_end(tctx *t, size_t a) {
  const unsigned char *s = t->s;
  size_t n = t->n, j = a;
  while (j < n && j - a < 128 && email_local(s[j]))
    j++;
  if (j == a || j >= n || s[j] != '@') return 0;
  size_t d = ++j, lastdot = 0;
  while (j < n && j - d < 256 && (email_local(s[j]) && s[j] != '%' && s[j] != '+' && s[j] != '_')) {
    if (s[j] == '.') lastdot = j;
    j++;
  }
  while (j > d && (s[j - 1] == '.' || s[j - 1] == '-'))
    j--;
  if (!lastdot || lastdot + 1 >= j || lastdot <= d) return 0;
  return j;
}

/* Runs of word characters (letters, digits, marks, inner apostrophes). */
static size_t word_run(tctx *t, size_t a) {
  const unsigned char *s = t->s;
  size_t e = a, l, l2;
  while (e < t->n) {
    uint32_t c = kz_cp_at(s, t->n, e, &l);
    if (kz_is_wordch(c)) {
      e += l;
      continue;
    }
    if ((c == '\'' || c == 0x2019 || c == 0x2BC) && e > a && e + l < t->n &&
        kz_is_alpha(kz_cp_at(s, t->n, e + l, &l2))) {
      e += l;
      continue;
    }
    break;
  }
  return e;
}

static int is_digits(const unsigned char *s, size_t a, size_t b) {
  if (a >= b) return 0;
  for (; a < b; a++)
    if (s[a] < '0' || s[a] > '9') return 0;
  return 1;
}

/* Length of a grouping space at i (space, no-break or thin space), or 0. */
static size_t group_space(const unsigned char *s, size_t n, size_t i) {
  if (i < n && s[i] == ' ') return 1;
  if (i + 1 < n && s[i] == 0xC2 && s[i + 1] == 0xA0) return 2;
  if (i + 2 < n && s[i] == 0xE2 && s[i + 1] == 0x80 && (s[i + 2] == 0xAF || s[i + 2] == 0x89))
    return 3;
  return 0;
}

/* Extends a number token over space-grouped thousands: `1 000 000,5`. */
static size_t number_groups(tctx *t, size_t a, size_t e) {
  const unsigned char *s = t->s;
  size_t n = t->n;
  /* The first group has 1-3 digits. */
  if (!is_digits(s, a, e) || e - a > 3) return e;
  for (;;) {
    size_t sp = group_space(s, n, e);
    if (!sp) return e;
    size_t g = e + sp;
    if (!is_digits(s, g, g + 3 <= n ? g + 3 : n) || g + 3 > n) return e;
    size_t z = g + 3;
    if (z < n && s[z] >= '0' && s[z] <= '9') return e;
    size_t zl;
    if (z < n && kz_is_alpha(kz_cp_at(s, n, z, &zl))) return e;
    e = z;
    /* decimal part */
    if (e + 1 < n && (s[e] == ',' || s[e] == '.') && s[e + 1] >= '0' && s[e + 1] <= '9') {
      e++;
      while (e < n && s[e] >= '0' && s[e] <= '9')
        e++;
      return e;
    }
  }
}

/* Is the character reference s[p..q) (the part between `&` and `;`) a
 * quotation mark (`#39`, `quot`, `#171`, `laquo`, `#x27`, ...)? */
static int quote_entity(const unsigned char *s, size_t p, size_t q) {
  static const char *const names[] = {"#39",   "#34",   "#x27",  "#x22",  "quot",  "apos",
                                      "#171",  "#187",  "laquo", "raquo", "#8216", "#8217",
                                      "#8218", "#8220", "#8221", "#8222", "lsquo", "rsquo",
                                      "sbquo", "ldquo", "rdquo", "bdquo"};
  for (size_t i = 0; i < sizeof names / sizeof *names; i++)
    if (strlen(names[i]) == q - p && !memcmp(s + p, names[i], q - p)) return 1;
  return 0;
}

/* HTML character references for quotation marks left in web text
 * (`&#34;&#34;`, `&quot;`): a run of them is one token, as one quotation
 * mark.  Other references (`&#60;`, `&amp;`) are not words: their pieces
 * are punctuation and numbers, as razdel's cases have them. */
static size_t entity_end(tctx *t, size_t a) {
  const unsigned char *s = t->s;
  size_t e = a;
  while (e < t->n && s[e] == '&') {
    size_t p = e + 1;
    if (p < t->n && s[p] == '#') p++;
    size_t q = p;
    while (q < t->n && q - p < 8 &&
           ((s[q] | 0x20) >= 'a' && (s[q] | 0x20) <= 'z' ? 1 : (s[q] >= '0' && s[q] <= '9')))
      q++;
    if (q == p || q >= t->n || s[q] != ';' || !quote_entity(s, e + 1, q)) break;
    e = q + 1;
  }
  return e;
}

/* Han ideographs and kana: scripts written without spaces.  kztext is no
 * word segmenter for them; a run is one token (ICU's dictionary would
 * split it into guessed words). */
static int is_cjk(uint32_t c) {
  return (c >= 0x3040 && c <= 0x30FF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0x20000 && c <= 0x3134F);
}

static int is_cyrillic(uint32_t c) { return c >= 0x400 && c <= 0x52F; }

/* ICU joins letters across `.` and apostrophes (`example.com`, `don't`,
 * `s'ag'an`).  Next to a Cyrillic letter neither joins: `паузой.wav`,
 * `RuSSIR'а`, `Д’Агостино` are several tokens, while dotted abbreviations
 * (`т.е.`) are kept by the caller's abbreviation check.  Returns where the
 * token ends. */
static size_t cyrillic_joints(tctx *t, size_t a, size_t e, int abbrev) {
  const unsigned char *s = t->s;
  size_t st, l;
  if (abbrev) return e;
  /* Most words have neither a joint nor Cyrillic next to one: check the
   * bytes first (1: `.`, `'` or the last byte of `’`; 2: a Cyrillic lead
   * byte). */
  static const unsigned char kind[256] = {['.'] = 1,  ['\''] = 1, [0x99] = 1, [0xD0] = 2,
                                          [0xD1] = 2, [0xD2] = 2, [0xD3] = 2, [0xD4] = 2};
  unsigned seen = 0;
  for (size_t p = a; p < e; p++)
    seen |= kind[s[p]];
  if (seen != 3) return e;
  for (size_t p = a; p < e; p += l) {
    uint32_t c = kz_cp_at(s, e, p, &l);
    if (c != '.' && c != '\'' && c != 0x2019) continue;
    if (p == a || p + l >= e) continue;
    uint32_t x = kz_cp_before(s, p, &st), y = kz_cp_at(s, e, p + l, &st);
    if (!(is_cyrillic(x) || is_cyrillic(y)) || !kz_is_alpha(x) || !kz_is_alpha(y)) continue;
    if (c == '.') {
      /* `В.И.`, `т.е`: single letters between dots stay (initials). */
      size_t q = p, st2;
      kz_cp_before(s, q, &st2);
      if (st2 == a || !kz_is_alpha(kz_cp_before(s, st2, &st))) continue;
    }
    return p;
  }
  return e;
}

/* The token that starts at a inside an ICU segment ending at b. */
static size_t token_end(tctx *t, size_t a, size_t b, int *lang) {
  const unsigned char *s = t->s;
  size_t n = t->n, l, e;
  uint32_t c = kz_cp_at(s, n, a, &l);
  const size_t cl = l; /* length of the first character */
  if ((c == 'h' || c == 'H' || c == 'f' || c == 'F' || c == 'w' || c == 'W') && (e = url_end(t, a)))
    return e;
  if (c == '&' && (e = entity_end(t, a)) > a) return e;
  if ((c == '#' || c == '@') && a + 1 < n && (a == 0 || s[a - 1] != '&')) {
    /* Hashtags and mentions, with inner hyphens: `@mira-42`. */
    size_t w = word_run(t, a + 1);
    /* ... and glued tags `#тюмень#тмн` stay one token */
    while (w > a + 1 && w + 1 < n && (s[w] == '-' || s[w] == '#') &&
           kz_is_wordch(kz_cp_at(s, n, w + 1, &l)))
      w = word_run(t, w + 1);
    size_t prev;
    if (w > a + 1 && (a == 0 || !kz_is_wordch(kz_cp_before(s, a, &prev)))) return w;
  }
  if (c >= 0x3040 && is_cjk(c)) {
    e = a + l;
    while (e < n && is_cjk(kz_cp_at(s, n, e, &l)))
      e += l;
    return e;
  }
  /* Emoji runs (`🚴🏽‍♂️`, `🎉🎉🎉`) are one token. */
  if (c >= 0xA9 && (e = kz_emoji_end(s, n, a)) > a) return e;
  /* An e-mail address: only worth a scan when the ICU segment stops at a
   * character that can continue a local part. */
  if (b < n &&
      (s[b] == '@' || s[b] == '.' || s[b] == '-' || s[b] == '+' || s[b] == '%' || s[b] == '_') &&
      c < 0x80 && email_local((unsigned char)c) && (e = email_end(t, a)))
    return e;
  if (!kz_is_wordch(c)) {
    /* Punctuation: runs of . ! ? … stay together, as do runs of one mark. */
    e = a + l;
    if (kz_is_term(c)) {
      while (e < n) {
        uint32_t d = kz_cp_at(s, n, e, &l);
        if (!kz_is_term(d)) break;
        e += l;
      }
    } else if (c == '-' || c == '*' || c == '=' || c == '`' || c == '\'') {
      while (e < n && s[e] == (unsigned char)c)
        e++;
    } else if (c == ')' && e < n && s[e] == ')' &&
               !memchr(s + (a > 300 ? a - 300 : 0), '(', a > 300 ? 300 : a)) {
      while (e < n && s[e] == ')')
        e++; /* a smiley `)))`, not closing brackets */
    }
    return e;
  }
  e = b > a ? b : a + l;
  /* Underscores at the edges of a word are punctuation (`больше_`); a run
   * of them is one token (`_____`). */
  if (c == '_') {
    e = a + 1;
    while (e < n && s[e] == '_')
      e++;
    return e;
  }
  while (e > a + 1 && s[e - 1] == '_')
    e--;
  if (kz_is_digit(c)) {
    e = number_groups(t, a, e);
    /* Times `12:30`, fractions and dates `2/3`, `12/03/2019`. */
    while (e + 1 < n && (s[e] == ':' || s[e] == '/') && s[e + 1] >= '0' && s[e + 1] <= '9') {
      size_t z = e + 1;
      while (z < n && s[z] >= '0' && s[z] <= '9')
        z++;
      if (z < n && kz_is_alpha(kz_cp_at(s, n, z, &l))) break;
      e = z;
    }
  }
  /* Hyphenated words: `бизнес-жоспар`, `Алматы-2030`, `5-ші`. */
  while (e + 1 < n &&
         (s[e] == '-' || (s[e] == 0xE2 && e + 3 < n && s[e + 1] == 0x80 && s[e + 2] == 0x90))) {
    size_t h = s[e] == '-' ? 1 : 3;
    uint32_t d = kz_cp_at(s, n, e + h, &l);
    if (!kz_is_wordch(d)) break;
    e = word_run(t, e + h);
  }
  /* A 2017-alphabet initial: `G'.` */
  if (e + 1 < n && s[e] == '\'' && s[e + 1] == '.' && a + cl == e && kz_is_upper(c)) return e + 2;
  if (!*lang) *lang = t->lang_arg ? t->lang_arg : kz_guess_lang(s, n);
  /* An abbreviation that ends with the dot after the word and starts at or
   * before it. */
  size_t st;
  int abbrev = e < n && s[e] == '.' && kz_abbrev_lookup(s, e, *lang, &st) != KZ_AB_NONE && st <= a;
  size_t whole = e;
  e = cyrillic_joints(t, a, e, abbrev);
  if (e < whole) return e;
  /* A dot that belongs to the word: abbreviations, initials, `U.S.`. */
  if (e < n && s[e] == '.') {
    if (abbrev) return e + 1;
    if (a + cl == e && kz_is_upper(c)) return e + 1; /* initial */
    if (memchr(s + a, '.', e - a) && kz_is_alpha(c)) {
      /* `Ж.Ж.Ж` + `.`: single letters between dots make an acronym. */
      int ok = 1;
      for (size_t p = a; p < e && ok; p += l + 1)
        ok = kz_is_alpha(kz_cp_at(s, n, p, &l)) && (p + l == e || s[p + l] == '.');
      if (ok) return e + 1;
    }
  }
  return e;
}

/* Bytes after a word at which token_end() may extend it or treat it
 * apart: e-mail, hyphens (also U+2010, E2 80 90), dots, apostrophes, URL
 * schemes (`http:`). */
static const unsigned char joins_word[256] = {
    ['@'] = 1, ['.'] = 1,  ['-'] = 1, ['+'] = 1, ['%'] = 1,
    ['_'] = 1, ['\''] = 1, [':'] = 1, [0xE2] = 1};

static kztext_status tokens_walk(kztext_segmenter *seg, const unsigned char *s, size_t n, int lang,
                                 int valid, int icu_only, kz_spans *out) {
  kz_words w;
  kz_words_start(&w, seg, s, n, valid, icu_only);
  tctx t = {s, n, lang};
  int plang = lang;
  size_t pos = 0, a = 0;
  while (a < n) {
    size_t b = kz_words_next(&w);
    size_t end = b == KZ_WORDS_DONE ? n : b;
    size_t start = a > pos ? a : pos;
    /* A segment of letters is a token of its own unless what follows may
     * join it (token_end: URLs, e-mail, hyphens, dots, apostrophes). */
    if (w.kind && start == a) {
      if (w.kind == KZ_SEG_SPACE) {
        pos = a = end;
        continue;
      }
      if (end == n || !joins_word[s[end]]) {
        kz_spans_add(out, a, end);
        pos = a = end;
        continue;
      }
    }
    while (start < end) {
      size_t l;
      uint32_t c = kz_cp_at(s, n, start, &l);
      if (kz_is_space(c)) {
        start += l;
        continue;
      }
      size_t e = token_end(&t, start, end, &plang);
      if (e <= start) e = start + l;
      kz_spans_add(out, start, e);
      start = e;
    }
    if (start > pos) pos = start;
    if (b == KZ_WORDS_DONE) break;
    a = b;
  }
  if (w.status) return w.status;
  return out->oom ? KZTEXT_E_NO_MEMORY : KZTEXT_OK;
}

kztext_status kz_tokens_run(kztext_segmenter *seg, const unsigned char *s, size_t n, int lang,
                            unsigned flags, kz_spans *out) {
  /* Without KZTEXT_INVALID_REPLACE the text was checked (kz_seg_check). */
  return tokens_walk(seg, s, n, lang, !(flags & KZTEXT_INVALID_REPLACE), 0, out);
}

kztext_status kz_tokens_reference(kztext_segmenter *seg, const unsigned char *s, size_t n, int lang,
                                  kz_spans *out) {
  return tokens_walk(seg, s, n, lang, 0, 1, out);
}

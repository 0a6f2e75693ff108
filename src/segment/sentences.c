/* Sentence boundaries: ICU's sentence BreakIterator over the UTF-8 text,
 * corrected by kztext's rules.
 *
 * One pass over the bytes finds every cluster of terminators (. ! ? …,
 * with the closing quotes and brackets after them) and decides it with the
 * rules below; where the rules have no opinion ICU's answer stands.  ICU's
 * own boundaries after terminators the rules do not know (。 ؟ ।, ...) are
 * kept; its breaks at single line breaks are dropped (kztext joins lines of
 * a paragraph unless KZTEXT_SEG_LINES).  Blank lines end paragraphs.
 *
 * ICU is asked only where its answer is used: ubrk_following() at a
 * cluster the rules leave open and after a foreign terminator.  Most text
 * never asks, so the pass runs at the speed of the byte scan rather than of
 * ICU's iterator; the random access gives the same boundaries as walking. */
#include <stdlib.h>
#include <string.h>

#include "segment/seg.h"

/* A rule's answer for a cluster of terminators (see cluster_rules[]). */
enum { D_NO, D_YES, D_ICU, D_PASS };

struct sctx;
static size_t start_follows(struct sctx *c, size_t a);

typedef struct sctx {
  const unsigned char *s;
  size_t n;
  int lang_arg, lang; /* lang: resolved for the paragraph, 0 until needed */
  unsigned flags;
  size_t para_start, sent_start;
  size_t line_start; /* after the last line break seen */
  kz_spans *out;
  UBreakIterator *bi;
  int guil; /* depth of «» in the paragraph */
  size_t gq_found, gq_scan;
  /* A paragraph that starts with a list marker (`1.`, `1)`, `a.`): where
   * the next marker is, its value and style. */
  size_t list_pos;
  unsigned list_val;
  char list_style[3];
  const char **trace; /* tests: receives the rule that decided the first cluster */
} sctx;

/* Bytes that may start something the scan must look at. */
static const unsigned char interesting[256] = {
    ['.'] = 1,
    ['!'] = 1,
    ['?'] = 1,
    ['\n'] = 1,
    ['\r'] = 1,
    [0xC2] = 1,
    [0xE2] = 1,
    [')'] = 1,
    [';'] = 1,
    [0xF0] = 1,
    [':'] = 1,
    ['='] = 1,
    ['*'] = 1,
    ['_'] = 1,
    ['~'] = 1,
    ['#'] = 1,
    ['('] = 1,
    /* lead bytes of the terminators of other scripts (`։ ؟ ۔ । ။ 。 ｡ ！`) */
    [0xD6] = 1,
    [0xD8] = 1,
    [0xDB] = 1,
    [0xDC] = 1,
    [0xDF] = 1,
    [0xE0] = 1,
    [0xE1] = 1,
    [0xE3] = 1,
    [0xEA] = 1,
    [0xEF] = 1,
};

/* U+2800 BRAILLE PATTERN BLANK: social-media posts use it as an empty line
 * (white space that apps do not collapse).  Not white space to Unicode, so
 * it stays inside a span: the sentence before it keeps it.  Returns the end
 * of the last one in the spaces and blanks from k (k when there is none). */
static size_t blank_marks(const unsigned char *s, size_t n, size_t k) {
  size_t end = k, l;
  while (k < n) {
    if (k + 2 < n && s[k] == 0xE2 && s[k + 1] == 0xA0 && s[k + 2] == 0x80) {
      k += 3;
      end = k;
      continue;
    }
    if (s[k] == '\n' || s[k] == '\r' || !kz_is_space(kz_cp_at(s, n, k, &l))) break;
    k += l;
  }
  return end;
}

/* Pictographs used as list bullets (`✔ Второй шаг`, `👉 Подробнее`): they
 * open the item that follows, unlike other emoji, which close what precedes. */
static int bullet_symbol(uint32_t c) {
  return c == 0x2714 || c == 0x2705 || c == 0x2611 || c == 0x2713 || c == 0x27A1 || c == 0x25B6 ||
         c == 0x25BA || c == 0x25AA || c == 0x25AB || c == 0x25FE || c == 0x25FD || c == 0x1F539 ||
         c == 0x1F538 || c == 0x1F4CC || c == 0x1F449;
}

/* The paragraph's language, guessed on first use. */
static int para_lang(sctx *c) {
  if (!c->lang)
    c->lang = c->lang_arg ? c->lang_arg : kz_guess_lang(c->s + c->para_start, c->n - c->para_start);
  return c->lang;
}

/* Ends the current sentence at `end` and starts the next at `next`. */
static void cut(sctx *c, size_t end, size_t next) {
  const unsigned char *s = c->s;
  size_t a = c->sent_start, l;
  while (a < end && kz_is_space(kz_cp_at(s, end, a, &l)))
    a += l;
  size_t z = end, st;
  while (z > a && kz_is_space(kz_cp_before(s, z, &st)))
    z = st;
  if (a < z) kz_spans_add(c->out, a, z);
  c->sent_start = next;
}

/* ICU's boundary b after the foreign terminator ending at term_end: kept
 * when white space, maybe after closing marks, lies between them (so
 * `你好。世界` stays one piece, as before kztext had rules for CJK). */
static void icu_boundary(sctx *c, size_t b, size_t term_end) {
  const unsigned char *s = c->s;
  if (b <= c->sent_start || b >= c->n) return;
  size_t e = b, st;
  uint32_t ch = 0;
  while (e > term_end) {
    ch = kz_cp_before(s, e, &st);
    if (!kz_is_space(ch)) break;
    e = st;
  }
  if (e == b) return;
  while (e > term_end) {
    ch = kz_cp_before(s, e, &st);
    if (kz_is_closer(ch) || u_getIntPropertyValue((UChar32)ch, UCHAR_SENTENCE_BREAK) != U_SB_CLOSE)
      break;
    e = st;
  }
  if (e == term_end) cut(c, b, b);
}

/* ICU's opinion where the rules have none: does its first boundary at or
 * after `from` (> 0) come by `k`?  Random access (ubrk_following) keeps
 * ICU off the hot path: most clusters never ask. */
static int icu_breaks_by(sctx *c, size_t from, size_t k) {
  int32_t b = ubrk_following(c->bi, (int32_t)from - 1);
  return b != UBRK_DONE && (size_t)b <= k;
}

/* A terminator of a script the rules do not cover (`。`, `؟`, `।`) at i:
 * ICU's boundary after it stands. */
static size_t foreign_term(sctx *c, size_t i, size_t l) {
  if (i >= c->sent_start) {
    int32_t b = ubrk_following(c->bi, (int32_t)i);
    if (b != UBRK_DONE) icu_boundary(c, (size_t)b, i + l);
  }
  return i + l;
}

/* Is the code point a sentence terminator (Unicode Sentence_Break STerm or
 * ATerm) that the rules leave to ICU? */
static int is_foreign_term(uint32_t cp) {
  if (cp < 0x80 || kz_is_term(cp)) return 0;
  int sb = u_getIntPropertyValue((UChar32)cp, UCHAR_SENTENCE_BREAK);
  return sb == U_SB_STERM || sb == U_SB_ATERM;
}

/* Does the quotation we are in close ahead in this paragraph: is the next
 * guillemet at or after k a » (not a new «, which means this one was never
 * closed)?  Amortised linear: the found position is cached and the search
 * never rescans bytes it has passed. */
static int guil_closes_ahead(sctx *c, size_t k) {
  const unsigned char *s = c->s;
  if (c->gq_found != (size_t)-1 && c->gq_found >= k) return s[c->gq_found + 1] == 0xBB;
  size_t p = k > c->gq_scan ? k : c->gq_scan;
  for (; p + 1 < c->n; p++) {
    if (s[p] == 0xC2 && (s[p + 1] == 0xBB || s[p + 1] == 0xAB)) {
      c->gq_found = c->gq_scan = p;
      return s[p + 1] == 0xBB;
    }
    if (kz_blank_line_at(s, c->n, p)) break;
  }
  c->gq_scan = p;
  c->gq_found = (size_t)-1;
  return 0;
}

/* First byte of the sentence's first token, past bullets and openers. */
static size_t first_token(sctx *c) {
  const unsigned char *s = c->s;
  size_t a = c->sent_start, l;
  while (a < c->n && a - c->sent_start < 64) { /* bounded: called per candidate */
    uint32_t ch = kz_cp_at(s, c->n, a, &l);
    if (!(kz_is_space(ch) || kz_is_dash(ch) || ch == 0x2022 || ch == 0x2043 || ch == 0xA7 ||
          ch == 0x2116 || ch == '(' || ch == '*' || ch == 0x25AA || ch == 0x25CF))
      break;
    a += l;
  }
  return a;
}

static int is_roman(const unsigned char *s, size_t a, size_t b) {
  if (b - a > 6) return 0;
  for (; a < b; a++)
    if (!s[a] || !strchr("IVXLC", s[a])) return 0;
  return 1;
}

/* A bracketed reference at j (`[17]`, `[…]`, `[a]`): its end, or 0. */
static size_t reference_end(const unsigned char *s, size_t n, size_t j) {
  if (j >= n || s[j] != '[') return 0;
  size_t q = j + 1;
  while (q < n && q - j < 12 && s[q] != ']' && s[q] > ' ')
    q++;
  return q < n && s[q] == ']' && q > j + 1 ? q + 1 : 0;
}

/* What follows a cluster: the first code point after the white space and
 * the first after any opening quotes or brackets too. */
typedef struct next_info {
  uint32_t c;      /* first code point after the white space */
  uint32_t letter; /* first after openers and dashes + spaces */
  int dash;        /* the next thing is a dash */
  size_t at;       /* offset of `letter` */
} next_info;

static void look_ahead(sctx *c, size_t k, next_info *ni) {
  const unsigned char *s = c->s;
  size_t l;
  ni->c = kz_cp_at(s, c->n, k, &l);
  ni->dash = kz_is_dash(ni->c);
  size_t p = k;
  uint32_t ch = 0;
  for (int steps = 0; steps < 6 && p < c->n; steps++) {
    ch = kz_cp_at(s, c->n, p, &l);
    /* Never past a line break: what follows may be another paragraph. */
    if (ch == '\n' || ch == '\r' || ch == 0x2028 || ch == 0x2029) {
      ch = 0;
      break;
    }
    if (!(kz_is_opener(ch) || kz_is_dash(ch) || kz_is_space(ch))) break;
    p += l;
    ch = 0;
  }
  ni->letter = p < c->n ? ch : 0;
  ni->at = p;
}

/* Is the word starting at `at` Titlecase (an upper-case letter followed by
 * a lower-case one, or a one-letter word)? */
static int titlecase_word(sctx *c, size_t at) {
  size_t l, l2;
  if (at >= c->n) return 0;
  uint32_t a = kz_cp_at(c->s, c->n, at, &l);
  if (!kz_is_upper(a)) return 0;
  if (at + l >= c->n) return 1;
  uint32_t b = kz_cp_at(c->s, c->n, at + l, &l2);
  return kz_is_lower(b) || kz_is_space(b) || b == ',';
}

/* An initial: one upper-case letter followed by a dot (`Қ.`). */
static int initial_at(sctx *c, size_t at) {
  size_t l;
  if (at >= c->n) return 0;
  uint32_t a = kz_cp_at(c->s, c->n, at, &l);
  return kz_is_upper(a) && at + l < c->n && c->s[at + l] == '.';
}

/* ---- The rules for a cluster of terminators ----
 *
 * A cluster is s[t0..t1) of terminators, its closing quotes and brackets up
 * to cend, then white space up to k.  The rules of cluster_rules[] are
 * asked in order; the first with an opinion decides: D_YES (a sentence
 * ends here), D_NO, or D_ICU (ICU's boundary decides).  D_PASS means no
 * opinion.  tests/unit/test_segment.c has an example of our own for every
 * rule, under the rule's name. */

/* What the rules know about a cluster, found once. */
typedef struct cl_facts {
  size_t t0, t1, cend, k;
  int strong;     /* ! ? ‼ ⁇ ⁈ ⁉ among the terminators */
  int dots;       /* full stops among them */
  int ellipsis;   /* … or more than one dot */
  int single_dot; /* exactly one full stop and nothing else */
  int initial;    /* the word before is one capital (`Қ.`, `Ğ.`, `G'.`, `Ǵ.`) */
  size_t ws;      /* start of the word before the cluster (t0: none) */
  next_info ni;   /* what follows (zero at the end of the text) */
  int ab;         /* kz_abbrev_lookup at t0, or -1 until a rule asks */
  size_t ab_start;
} cl_facts;

static void cl_facts_init(sctx *c, cl_facts *f, size_t t0, size_t t1, size_t cend, size_t k) {
  const unsigned char *s = c->s;
  memset(f, 0, sizeof *f);
  f->t0 = t0;
  f->t1 = t1;
  f->cend = cend;
  f->k = k;
  f->ab = -1;
  for (size_t p = t0; p < t1; p++) {
    if (s[p] == '!' || s[p] == '?')
      f->strong = 1;
    else if (s[p] == '.')
      f->dots++;
    else if (s[p] == 0xE2 && p + 2 < t1 && s[p + 1] == 0x80 && s[p + 2] == 0xA6)
      f->ellipsis = 1;
    else if (s[p] == 0xE2 && p + 1 < t1 && s[p + 1] == 0x80)
      f->strong = 1; /* ‼ ⁇ ⁈ ⁉ */
  }
  if (f->dots > 1) f->ellipsis = 1;
  f->single_dot = !f->strong && !f->ellipsis && f->dots == 1;
  if (k < c->n) look_ahead(c, k, &f->ni);

  size_t ws = t0, st;
  while (ws > 0) {
    uint32_t ch = kz_cp_before(s, ws, &st);
    if (!kz_is_alpha(ch) && !(ch == 0xB0 && ws == t0)) break;
    ws = st;
  }
  f->ws = ws;
  /* One capital, maybe with combining marks or the apostrophe of the 2017
   * Latin alphabet after it, and no word character before it. */
  size_t p = t0;
  uint32_t ch = p > 0 ? kz_cp_before(s, p, &st) : 0;
  if ((ch == '\'' || ch == 0x2019 || ch == 0x2BC) && st > 0) {
    p = st;
    ch = kz_cp_before(s, p, &st);
  }
  while (p > 0 && u_charType((UChar32)ch) == U_NON_SPACING_MARK && st > 0) {
    p = st;
    ch = kz_cp_before(s, p, &st);
  }
  f->initial = p > 0 && kz_is_upper(ch) && (st == 0 || !kz_is_wordch(kz_cp_before(s, st, &st)));
}

/* The abbreviation (KZ_AB_*) that ends at the cluster, looked up once. */
static int cl_abbrev(sctx *c, cl_facts *f) {
  if (f->ab < 0) f->ab = kz_abbrev_lookup(c->s, f->t0, para_lang(c), &f->ab_start);
  return f->ab;
}

/* end_of_text: a cluster with nothing but white space after it ends the
 * sentence (`Біз келдік.`). */
static int rule_end_of_text(sctx *c, cl_facts *f) { return f->k >= c->n ? D_YES : D_PASS; }

/* glued: nothing between the cluster and the next character (URLs, `т.е.`,
 * `2.5`, `U.S.`, `?»`) goes on, except `word.Word` with a lower-case word
 * of four or more letters on the left: a sentence end typed without its
 * space (`Ол кетті.Бүгін ...`). */
static int rule_glued(sctx *c, cl_facts *f) {
  if (f->k != f->cend) return D_PASS;
  const unsigned char *s = c->s;
  size_t t0 = f->t0, k = f->k, ws = f->ws, st;
  if (!f->single_dot || f->t1 != f->cend || !kz_is_upper(f->ni.c) || t0 - ws < 4) return D_NO;
  for (size_t p = ws, l; p < t0; p += l)
    if (!kz_is_lower(kz_cp_at(s, t0, p, &l))) return D_NO;
  if (ws > 0 && !kz_is_space(kz_cp_before(s, ws, &st))) return D_NO;
  for (size_t p = k, l; p < c->n && p < k + 64; p += l) { /* a URL or address? */
    uint32_t ch = kz_cp_at(s, c->n, p, &l);
    if (kz_is_space(ch)) break;
    if (ch == '@' || ch == '/' || ch == '.') return D_NO;
  }
  return cl_abbrev(c, f) ? D_NO : D_YES;
}

/* inside_quotation: inside «...» that closes later in the paragraph,
 * direct speech or a quoted title is one sentence (`Ол: «Кел. Отыр» деді.`). */
static int rule_inside_quotation(sctx *c, cl_facts *f) {
  return c->guil > 0 && guil_closes_ahead(c, f->k) ? D_NO : D_PASS;
}

/* detached_quote: a closing quote set apart by a space and followed by
 * punctuation still belongs to this sentence (`Why? ", she said.`). */
static int rule_detached_quote(sctx *c, cl_facts *f) {
  const unsigned char *s = c->s;
  uint32_t nc = f->ni.c;
  if (!(nc == '`' || nc == '"' || nc == 0xBB || nc == 0x201D || nc == '\'')) return D_PASS;
  size_t k = f->k, q = k, l;
  while (q < c->n && q - k < 4 &&
         (s[q] == '`' || s[q] == '\'' || s[q] == '"' || kz_is_closer(kz_cp_at(s, c->n, q, &l))))
    q += s[q] < 0x80 ? 1 : l;
  return q < c->n && (s[q] == '.' || s[q] == ',' || s[q] == ';' || s[q] == ':') ? D_NO : D_PASS;
}

/* bullet_item: a pictograph used as a bullet opens the next item when a
 * capital follows it (`Дайын. ✔ Келесі қадам.`). */
static int rule_bullet_item(sctx *c, cl_facts *f) {
  if (!bullet_symbol(f->ni.c)) return D_PASS;
  const unsigned char *s = c->s;
  size_t q = kz_emoji_end(s, c->n, f->k), l;
  while (q < c->n && (s[q] == ' ' || s[q] == '\t'))
    q++;
  return q < c->n && kz_is_upper(kz_cp_at(s, c->n, q, &l)) ? D_YES : D_NO;
}

/* emoji_after: emoji after a terminator belong to its sentence; the emoji
 * rule breaks after them (`Керемет! 😍 Біз келеміз.`). */
static int rule_emoji_after(sctx *c, cl_facts *f) {
  uint32_t nc = f->ni.c;
  return nc >= 0xA9 && kz_is_emoji_part(nc) && start_follows(c, kz_emoji_end(c->s, c->n, f->k))
             ? D_NO
             : D_PASS;
}

/* mention_reply: a reply in a comment thread starts with a mention
 * (`Келістік. @dana_s ертең кездесеміз`). */
static int rule_mention_reply(sctx *c, cl_facts *f) {
  size_t k = f->k, st;
  return f->ni.c == '@' && k + 1 < c->n && kz_is_wordch(kz_cp_at(c->s, c->n, k + 1, &st)) ? D_YES
                                                                                          : D_PASS;
}

/* dash_led: a dash after the cluster continues the sentence before a
 * lower-case word (`Кім? — деп сұрады ол.`) and after an abbreviation that
 * never ends one; before a capital, digit or opener it starts a new one
 * (`Ол келді. — Сәлем!`). */
static int rule_dash_led(sctx *c, cl_facts *f) {
  if (!f->ni.dash) return D_PASS;
  uint32_t L = f->ni.letter;
  if (kz_is_lower(L)) return D_NO;
  if (f->single_dot && f->ws < f->t0 && cl_abbrev(c, f) == KZ_AB_NEVER) return D_NO;
  return (kz_is_upper(L) || kz_is_digit(L) || kz_is_opener(L)) ? D_YES : D_ICU;
}

/* quoted_exclamation: `!` or `?` inside closing quotes, then a lower-case
 * word: a quotation and the verb of saying (`"Тоқта!" деді ол.`). */
static int rule_quoted_exclamation(sctx *c, cl_facts *f) {
  uint32_t L = f->ni.letter;
  if (!f->strong || !kz_is_lower(L) || f->cend <= f->t1 || f->ni.c != L) return D_PASS;
  size_t st;
  uint32_t q = kz_cp_before(c->s, f->cend, &st);
  return q == '"' || q == 0xBB || q == 0x201D || q == 0x201C || q == '\'' ? D_NO : D_PASS;
}

/* exclamation_in_name: in English, `!` after a capitalised word and before
 * a lower-case one belongs to a name (`We watched Jeopardy! on Monday.`). */
static int rule_exclamation_in_name(sctx *c, cl_facts *f) {
  const unsigned char *s = c->s;
  size_t st;
  return f->strong && kz_is_lower(f->ni.letter) && s[f->t0] == '!' && f->ws < f->t0 &&
                 kz_is_upper(kz_cp_at(s, f->t0, f->ws, &st)) && para_lang(c) == KZTEXT_LANG_EN
             ? D_NO
             : D_PASS;
}

/* strong_end: otherwise `!` and `?` end a sentence (`Қайда? кеше`). */
static int rule_strong_end(sctx *c, cl_facts *f) {
  (void)c;
  return f->strong ? D_YES : D_PASS;
}

/* omission: `[...]`, `(...)` and spaced dots ` . . . ` mark an omission,
 * not an end; four spaced dots include a full stop (`Мәтін [...] Кейін`). */
static int rule_omission(sctx *c, cl_facts *f) {
  const unsigned char *s = c->s;
  size_t t0 = f->t0;
  if (!f->ellipsis || t0 == 0) return D_PASS;
  return s[t0 - 1] == '[' || s[t0 - 1] == '(' ||
                 (s[t0 - 1] == ' ' && f->dots < 4 && memchr(s + t0, ' ', f->t1 - t0))
             ? D_NO
             : D_PASS;
}

/* ellipsis_case: after `...` or `…` the case of the next letter decides
 * (`Күте тұрыңыз... Біз келеміз.` ends, `Ал... біз` goes on); ICU when
 * no letter follows. */
static int rule_ellipsis_case(sctx *c, cl_facts *f) {
  (void)c;
  if (!f->ellipsis) return D_PASS;
  uint32_t L = f->ni.letter;
  return kz_is_upper(L) ? D_YES : kz_is_lower(L) ? D_NO : D_ICU;
}

/* number_then_lower: a number of two or more digits, a dot, then a
 * lower-case word ends the sentence (`Бөлме нөмірі 214. келесі ...`); a
 * list marker (`4.`) or a dotted date (`12.03.`) does not. */
static int rule_number_then_lower(sctx *c, cl_facts *f) {
  const unsigned char *s = c->s;
  size_t t0 = f->t0;
  if (!(kz_is_lower(f->ni.letter) && f->ws == t0 && t0 > 0 && kz_is_digit(s[t0 - 1]) &&
        f->cend == f->t1))
    return D_PASS;
  size_t a = t0;
  while (a > 0 && kz_is_digit(s[a - 1]))
    a--;
  return t0 - a >= 2 && a > first_token(c) && (a == 0 || s[a - 1] != '.') ? D_YES : D_NO;
}

/* lower_after_word: a lower-case start after a plain word of three (en) or
 * four letters is still a sentence in web text and verse
 * (`Жаңбыр жауды. ертең ...`); after an abbreviation, an acronym, an
 * initial or closing marks it is not. */
static int rule_lower_after_word(sctx *c, cl_facts *f) {
  if (!kz_is_lower(f->ni.letter)) return D_PASS;
  const unsigned char *s = c->s;
  size_t t0 = f->t0, ws = f->ws, letters = 0, l, st;
  int caps = 0;
  for (size_t p = ws; p < t0; p += l) {
    uint32_t ch = kz_cp_at(s, t0, p, &l);
    letters++;
    caps += kz_is_upper(ch);
  }
  if (letters < (para_lang(c) == KZTEXT_LANG_EN ? 3u : 4u) || (caps > 1) || ws == 0 ||
      f->cend > f->t1)
    return D_NO;
  uint32_t pre = kz_cp_before(s, ws, &st);
  if (!kz_is_space(pre) && pre != '(' && pre != 0xAB && pre != '"') return D_NO;
  return cl_abbrev(c, f) ? D_NO : D_YES;
}

/* From here on the cluster is a single dot. */

/* numero_follows: a number sign after the dot continues a reference
 * (`Хат жіберілді. №12 үйге`). */
static int rule_numero_follows(sctx *c, cl_facts *f) {
  (void)c;
  return f->ni.c == 0x2116 ? D_NO : D_PASS;
}

/* no_word_before: a dot after no letters (a number, a bracket): a list
 * item at the sentence start goes on (`7. Бірінші тармақ`), otherwise a
 * capital, digit or opener after it starts a sentence (`Бағасы 500. Арзан.`),
 * else ICU decides. */
static int rule_no_word_before(sctx *c, cl_facts *f) {
  const unsigned char *s = c->s;
  size_t t0 = f->t0;
  if (f->ws != t0 || f->initial) return D_PASS;
  size_t a = t0;
  while (a > c->sent_start && (kz_is_digit(s[a - 1]) || s[a - 1] == '.'))
    a--;
  if (a < t0 && a == first_token(c) && t0 - a <= 8) return D_NO;
  uint32_t L = f->ni.letter;
  if (kz_is_upper(L) || kz_is_digit(L) || kz_is_opener(f->ni.c)) return D_YES;
  return D_ICU;
}

/* abbrev_year: a year abbreviation after a number (`1987 ж.`, `1963 г.`)
 * ends a sentence only before a word that typically starts one
 * (`Мектеп 1987 ж. ашылды.` goes on); elsewhere never. */
static int rule_abbrev_year(sctx *c, cl_facts *f) {
  if (cl_abbrev(c, f) != KZ_AB_YEAR) return D_PASS;
  const unsigned char *s = c->s;
  size_t p = f->ab_start;
  while (p > 0 && (s[p - 1] == ' ' || s[p - 1] == '-'))
    p--;
  if (!(p > 0 && kz_is_digit(s[p - 1]))) return D_NO;
  if (kz_is_digit(f->ni.letter) || initial_at(c, f->ni.at)) return D_NO;
  return kz_is_starter(s, c->n, f->ni.at, para_lang(c)) ? D_YES : D_NO;
}

/* abbrev_never: an abbreviation that precedes what it qualifies never ends
 * a sentence (`проф. Ахметов`). */
static int rule_abbrev_never(sctx *c, cl_facts *f) {
  return cl_abbrev(c, f) == KZ_AB_NEVER ? D_NO : D_PASS;
}

/* abbrev_digit: an abbreviation of a number's kind goes on before a digit
 * (`с. 15`, `No. 7`). */
static int rule_abbrev_digit(sctx *c, cl_facts *f) {
  return cl_abbrev(c, f) == KZ_AB_DIGIT && kz_is_digit(f->ni.letter) ? D_NO : D_PASS;
}

/* abbrev_end: an abbreviation that may end a sentence (`т.б.`, `etc.`)
 * ends one before a Titlecase word or an opener in kk and ru (not before
 * an acronym such as `ҚР` or an initial), and in English, which
 * capitalises names after `U.S.` and `Co.`, only before a typical sentence
 * start. */
static int rule_abbrev_end(sctx *c, cl_facts *f) {
  if (cl_abbrev(c, f) != KZ_AB_END) return D_PASS;
  if (kz_is_digit(f->ni.letter)) return D_NO;
  if (initial_at(c, f->ni.at)) return D_NO;
  if (para_lang(c) == KZTEXT_LANG_EN)
    return kz_is_starter(c->s, c->n, f->ni.at, KZTEXT_LANG_EN) ? D_YES : D_NO;
  return titlecase_word(c, f->ni.at) || kz_is_opener(f->ni.c) ? D_YES : D_NO;
}

/* initial: one capital letter and a dot is an initial (`Ә. Нұрпейісов`);
 * English `I.` is the pronoun, a sentence end, unless a capitalised name
 * comes before it (`So did I. Then ...`). */
static int rule_initial(sctx *c, cl_facts *f) {
  if (!f->initial) return D_PASS;
  const unsigned char *s = c->s;
  size_t ws = f->ws, l, st;
  uint32_t w0 = ws < f->t0 ? kz_cp_at(s, f->t0, ws, &l) : 0;
  if (w0 == 'I' && para_lang(c) == KZTEXT_LANG_EN) {
    size_t p = ws;
    while (p > 0 && s[p - 1] == ' ')
      p--;
    size_t q = p;
    while (q > 0 && kz_is_alpha(kz_cp_before(s, q, &st)))
      q = st;
    if (q == p || !kz_is_upper(kz_cp_at(s, p, q, &l))) return D_YES;
  }
  return D_NO;
}

/* list_marker: a Roman numeral or one lower-case letter at the sentence
 * start numbers a list item (`IV. Қорытынды`, `b. second`). */
static int rule_list_marker(sctx *c, cl_facts *f) {
  size_t ws = f->ws, t0 = f->t0, l = 0;
  uint32_t w0 = ws < t0 ? kz_cp_at(c->s, t0, ws, &l) : 0;
  return ws == first_token(c) && (is_roman(c->s, ws, t0) || (ws + l == t0 && kz_is_lower(w0)))
             ? D_NO
             : D_PASS;
}

/* capital_follows: a word and a dot, then a capital or a digit: a sentence
 * ends (`Ол келді. Біз кеттік.`); before anything else ICU decides. */
static int rule_capital_follows(sctx *c, cl_facts *f) {
  (void)c;
  uint32_t L = f->ni.letter;
  return kz_is_upper(L) || kz_is_digit(L) ? D_YES : D_ICU;
}

typedef int (*cluster_rule_fn)(sctx *c, cl_facts *f);

static const struct cluster_rule {
  const char *name;
  cluster_rule_fn fn;
} cluster_rules[] = {
    {"end_of_text", rule_end_of_text},
    {"glued", rule_glued},
    {"inside_quotation", rule_inside_quotation},
    {"detached_quote", rule_detached_quote},
    {"bullet_item", rule_bullet_item},
    {"emoji_after", rule_emoji_after},
    {"mention_reply", rule_mention_reply},
    {"dash_led", rule_dash_led},
    {"quoted_exclamation", rule_quoted_exclamation},
    {"exclamation_in_name", rule_exclamation_in_name},
    {"strong_end", rule_strong_end},
    {"omission", rule_omission},
    {"ellipsis_case", rule_ellipsis_case},
    {"number_then_lower", rule_number_then_lower},
    {"lower_after_word", rule_lower_after_word},
    {"numero_follows", rule_numero_follows},
    {"no_word_before", rule_no_word_before},
    {"abbrev_year", rule_abbrev_year},
    {"abbrev_never", rule_abbrev_never},
    {"abbrev_digit", rule_abbrev_digit},
    {"abbrev_end", rule_abbrev_end},
    {"initial", rule_initial},
    {"list_marker", rule_list_marker},
    {"capital_follows", rule_capital_follows}, /* always decides */
};

/* Decides the cluster s[t0..cend) followed by white space up to k. */
static int decide(sctx *c, size_t t0, size_t t1, size_t cend, size_t k) {
  cl_facts f;
  cl_facts_init(c, &f, t0, t1, cend, k);
  size_t r = 0;
  int d = D_PASS;
  while ((d = cluster_rules[r].fn(c, &f)) == D_PASS)
    r++;
  if (c->trace && !*c->trace) *c->trace = cluster_rules[r].name;
  return d;
}

/* Handles the cluster starting at i; returns where the scan resumes. */
static size_t cluster(sctx *c, size_t i) {
  const unsigned char *s = c->s;
  size_t n = c->n, j = i, l, t1 = i;
  for (;;) {
    size_t before = j;
    while (j < n) { /* terminators, with `. . .` spaced dots */
      uint32_t ch = kz_cp_at(s, n, j, &l);
      if (kz_is_term(ch) || (ch == 0xFE0F && j > i))
        j += l;
      else if (ch == ' ' && j + 1 < n && s[j + 1] == '.' && j > i && s[j - 1] == '.' &&
               (j + 2 >= n || s[j + 2] == ' ' || s[j + 2] == '.' || s[j + 2] == '\n'))
        j += 1;
      else
        break;
    }
    if (j > before || before == i) t1 = j;
    while (j < n) {
      uint32_t ch = kz_cp_at(s, n, j, &l);
      if (ch == '[') { /* a reference after the full stop: `.[17]`, `.[…]` */
        size_t r = reference_end(s, n, j);
        if (!r) break;
        j = r;
        continue;
      }
      if (ch == '&') { /* `&#34;`, `&quot;`: quotes of web text */
        size_t q = j + 1;
        while (q < n && q - j < 8 && (s[q] == '#' || (s[q] < 0x80 && kz_is_alnum(s[q]))))
          q++;
        if (q < n && s[q] == ';' && q > j + 2) {
          j = q + 1;
          continue;
        }
        break;
      }
      if (!kz_is_closer(ch)) break;
      if (ch == 0xBB && c->guil > 0) c->guil--;
      j += l;
    }
    if (j == before) break;
    if (j == t1) break;
  }
  size_t cend = j, k = j;
  for (int pass = 0; pass < 2; pass++) {
    while (k < n && kz_is_space(kz_cp_at(s, n, k, &l)) && s[k] != '\n' && s[k] != '\r')
      k += l;
    /* A reference after the sentence: `. [17] Next` belongs to it. */
    size_t r = k > cend ? reference_end(s, n, k) : 0;
    if (r) {
      cend = k = r;
      continue;
    }
    k = cend;
    break;
  }
  size_t cut_end = blank_marks(s, n, cend);
  if (cut_end > cend) k = cut_end;
  while (k < n) {
    uint32_t ch = kz_cp_at(s, n, k, &l);
    if (!kz_is_space(ch)) break;
    /* a blank line ends the paragraph anyway */
    if ((ch == '\n' || ch == '\r') && (kz_blank_line_at(s, n, k) || k + 1 >= n)) return cend;
    k += l;
  }
  int d = decide(c, i, t1, cend, k);
  if (d == D_ICU) d = icu_breaks_by(c, cend, k) ? D_YES : D_NO;
  if (d == D_YES) cut(c, cut_end, k);
  return cend > i ? cend : i + 1;
}

/* White space after `a` then a sentence start (an upper-case letter, maybe
 * after openers, or an @mention); returns its offset or 0. */
static size_t start_follows(sctx *c, size_t a) {
  const unsigned char *s = c->s;
  size_t k = a, l;
  while (k < c->n && kz_is_space(kz_cp_at(s, c->n, k, &l))) {
    if (s[k] == '\n' || s[k] == '\r') return 0; /* line breaks: the newline rules' business */
    k += l;
  }
  if (k == a || k >= c->n) return 0;
  if (s[k] == '@' && k + 1 < c->n && kz_is_wordch(kz_cp_at(s, c->n, k + 1, &l))) return k;
  if (s[k] >= 0xC2 && kz_is_emoji_part(kz_cp_at(s, c->n, k, &l)))
    return k; /* `... 👍 🎉ура`: a new group of emoji starts anew */
  next_info ni;
  look_ahead(c, k, &ni);
  return kz_is_upper(ni.letter) && !ni.dash ? k : 0;
}

/* A sentence starts after the white space at `a`: cut there. */
static void cut_if_start_follows(sctx *c, size_t a) {
  size_t k = start_follows(c, a);
  if (k) cut(c, a, k);
}

/* s[..i) ends in the eyes of a smiley: `:` `;` `=`, maybe with a nose `-`. */
static int smiley_eyes(const unsigned char *s, size_t i) {
  if (i == 0) return 0;
  unsigned a = s[i - 1];
  if (a == ':' || a == ';' || a == '=') return 1;
  return a == '-' && i > 1 && (s[i - 2] == ':' || s[i - 2] == ';');
}

/* Emoji (social media): `... занятий 🏄 Мы собираем ...` ends a sentence
 * before an upper-case start. */
static size_t emoji(sctx *c, size_t i) {
  size_t e = kz_emoji_end(c->s, c->n, i), l;
  if (e == i) return i + 1;
  /* A lone bullet (`так: ✔ Сначала`) opens what follows. */
  if (bullet_symbol(kz_cp_at(c->s, c->n, i, &l)) &&
      (e == i + l || (e == i + l + 3 && kz_cp_at(c->s, c->n, i + l, &l) == 0xFE0F)))
    return e;
  cut_if_start_follows(c, blank_marks(c->s, c->n, e));
  return e;
}

/* `#tag` then a capital: a run of hashtags closes a post or a sentence
 * (`... #сочи #sochi Какие же вы хорошие`). */
static size_t hashtag(sctx *c, size_t i) {
  const unsigned char *s = c->s;
  size_t n = c->n, e = i + 1, l, st;
  if (i > 0) {
    uint32_t pc = kz_cp_before(s, i, &st);
    if (!kz_is_space(pc) && !kz_is_wordch(pc)) return e;
  }
  int letters = 0;
  while (e < n) {
    uint32_t ch = kz_cp_at(s, n, e, &l);
    if (kz_is_wordch(ch))
      letters |= kz_is_alpha(ch);
    else if (!(ch == '-' && e + 1 < n && kz_is_wordch(kz_cp_at(s, n, e + 1, &st))))
      break;
    e += l;
  }
  if (!letters) return e;
  size_t k = start_follows(c, e);
  if (k && s[k] != '@' && !(s[k] >= 0xC2 && kz_is_emoji_part(kz_cp_at(s, n, k, &l)))) {
    cut(c, e, k);
  }
  return e;
}

/* Frowns: `((` glued to a word, or `:(`, then white space and a capital
 * (`... не поможет(( @user у нас ...`). */
static size_t frown(sctx *c, size_t i) {
  const unsigned char *s = c->s;
  size_t n = c->n, e = i, st;
  while (e < n && s[e] == '(')
    e++;
  if (i == 0 || kz_is_space(kz_cp_before(s, i, &st))) return e;
  if (e - i < 2 && !smiley_eyes(s, i)) return e;
  cut_if_start_follows(c, e);
  return e;
}

/* `://`: a URL runs to the next white space; the scan skips it (its dots
 * end nothing), and a capital after it starts a sentence (web text). */
static size_t url(sctx *c, size_t i) {
  const unsigned char *s = c->s;
  if (i + 1 < c->n && (s[i + 1] == 'D' || s[i + 1] == 'P') && (i == 0 || !kz_is_alnum(s[i - 1]))) {
    /* `Класс :D Завтра увидимся`: a smiley, then a capital. */
    cut_if_start_follows(c, i + 2);
    return i + 2;
  }
  if (!(i + 2 < c->n && s[i + 1] == '/' && s[i + 2] == '/' && i > 0 && s[i - 1] < 0x80 &&
        kz_is_alpha(s[i - 1])))
    return i + 1;
  size_t e = i + 3, l;
  while (e < c->n && !kz_is_space(kz_cp_at(s, c->n, e, &l)))
    e += l;
  /* Trailing punctuation is the sentence's, not the URL's. */
  size_t st;
  uint32_t last = kz_cp_before(s, e, &st);
  while (st > i + 3 && (kz_is_term(last) || kz_is_closer(last) || last == ',')) {
    e = st;
    last = kz_cp_before(s, e, &st);
  }
  if (last == '/' || kz_is_alnum(last)) {
    size_t k = start_follows(c, e);
    if (k && e < c->n && kz_is_space(s[e])) {
      cut(c, e, k);
    }
  }
  return e;
}

/* `)` outside brackets: smileys `:)`, `))`; `;` before a list item `2)`. */
static size_t paren_or_semicolon(sctx *c, size_t i) {
  const unsigned char *s = c->s;
  size_t e = i + 1;
  if (s[i] == ';') {
    /* `в городе; 2) в селе`: a numbered item after a semicolon. */
    size_t k = e;
    if (k < c->n && s[k] == ' ') k++;
    size_t d = k;
    while (k < c->n && k - d < 3 && s[k] >= '0' && s[k] <= '9')
      k++;
    if (k > d && k < c->n && s[k] == ')') {
      cut(c, e, d);
      return k;
    }
    if (e < c->n && s[e] == ')') return e; /* `;)` is handled at the `)` */
    return e;
  }
  while (e < c->n && s[e] == ')')
    e++;
  if (!smiley_eyes(s, i)) {
    /* A bracket that closes nothing in the sentence (within 500 bytes). */
    size_t a = i > c->sent_start + 500 ? i - 500 : c->sent_start;
    long depth = 0;
    for (size_t p = a; p < i; p++)
      depth += (s[p] == '(') - (s[p] == ')');
    if (depth > 0) return e;
    /* ...and not a list marker `2)`, `б)`. */
    size_t st, p = i;
    while (p > c->sent_start && kz_is_alnum(kz_cp_before(s, p, &st)) && i - p < 8)
      p = st;
    size_t l1 = 0;
    if (p < i) kz_cp_at(s, c->n, p, &l1);
    if (p < i && (p == c->sent_start || kz_is_space(kz_cp_before(s, p, &st))) &&
        (kz_is_digit(s[p]) || p + l1 == i))
      return e;
  }
  cut_if_start_follows(c, e);
  return e;
}

/* Parses a list marker at a: 1-3 digits or one lower-case Latin letter,
 * then `.`, `)` or `.)`, then a space.  Returns its end or 0. */
static size_t list_marker(sctx *c, size_t a, unsigned *val, char style[3]) {
  const unsigned char *s = c->s;
  size_t p = a, n = c->n;
  unsigned v = 0;
  while (p < n && p - a < 3 && s[p] >= '0' && s[p] <= '9')
    v = v * 10 + (s[p++] - '0');
  if (p == a) {
    if (p < n && s[p] >= 'a' && s[p] <= 'z')
      v = 1000u + s[p++];
    else
      return 0;
  }
  size_t q = p;
  while (q < n && q - p < 2 && (s[q] == '.' || s[q] == ')'))
    q++;
  if (q == p || q >= n || s[q] != ' ' || (q - p == 2 && (s[p] != '.' || s[p + 1] != ')')) ||
      (q - p == 1 && v >= 1000u && s[p] == ')'))
    return 0;
  *val = v;
  style[0] = (char)s[p];
  style[1] = q - p == 2 ? ')' : 0;
  style[2] = 0;
  return q;
}

/* Finds the marker after c->list_val (`2.` after `1.`) ahead of `from`
 * in the paragraph, within 4 KB; sets c->list_pos (n when none). */
static void next_list_marker(sctx *c, size_t from) {
  const unsigned char *s = c->s;
  size_t n = c->n, lim = from + 4096 < n ? from + 4096 : n;
  c->list_pos = n;
  if (!c->list_val) return;
  for (size_t p = from; p + 1 < lim; p++) {
    if (kz_blank_line_at(s, n, p)) return;
    if (s[p] != ' ') continue;
    unsigned v;
    char st[3];
    if (list_marker(c, p + 1, &v, st) && v == c->list_val + 1 && !strcmp(st, c->list_style)) {
      c->list_pos = p + 1;
      return;
    }
  }
}

/* At the start of a paragraph: does it open a list? */
static void start_paragraph(sctx *c, size_t at) {
  c->para_start = c->sent_start = c->line_start = at;
  c->lang = 0;
  c->guil = 0;
  c->gq_found = (size_t)-1;
  c->gq_scan = at;
  c->list_val = 0;
  c->list_pos = c->n;
  size_t a = first_token(c);
  if (a < c->n && (kz_is_digit(c->s[a]) || (c->s[a] >= 'a' && c->s[a] <= 'z')) &&
      list_marker(c, a, &c->list_val, c->list_style))
    next_list_marker(c, a + 1);
  else
    c->list_val = 0;
}

/* Whether a list item starts at k: `1)`, `12.`, `a)` or a bullet
 * (`•`, `-`, `–`, `—`, `*`, `·`), then a space. */
static int item_start(const unsigned char *s, size_t n, size_t k) {
  size_t j = k, l;
  while (j < n && j - k < 2 && s[j] >= '0' && s[j] <= '9')
    j++;
  if (j == k && j < n && kz_is_alpha(s[j]) && s[j] < 0x80) j++;
  if (j > k) return j + 1 < n && (s[j] == ')' || (s[j] == '.' && s[k] <= '9')) && s[j + 1] == ' ';
  if (k >= n) return 0;
  uint32_t cp = kz_cp_at(s, n, k, &l);
  return (cp == 0x2022 || cp == '-' || cp == 0x2013 || cp == 0x2014 || cp == '*' || cp == 0xB7) &&
         k + l < n && s[k + l] == ' ';
}

/* Whether a single line break at i (the next line's text at q) ends the
 * sentence: a line that ends without a stop and was a sentence of its own
 * (a headline, a widget, a button) does not run into the next line when
 * that line starts a sentence and is longer, or is short and unfinished
 * itself; text merely wrapped across lines (lines of similar length, a
 * lower-case start below) still joins.  After a colon, or between items,
 * each list item starts a sentence with its number. */
static int line_ends_sentence(const sctx *c, size_t i, size_t q) {
  const unsigned char *s = c->s;
  size_t n = c->n, ls = c->line_start > c->para_start ? c->line_start : c->para_start;
  size_t pe = i, l, sp;
  while (pe > ls && (s[pe - 1] == ' ' || s[pe - 1] == '\t' || s[pe - 1] == '\r'))
    pe--;
  if (pe <= ls || q >= n) return 0;
  uint32_t last = kz_cp_before(s, pe, &sp);
  if (item_start(s, n, q) && (last == ':' || last == ';' || item_start(s, n, ls))) return 1;
  /* The last character before closing quotes and brackets. */
  size_t e = pe;
  while (e > ls && (last == '"' || last == ')' || last == 0xBB || last == 0x201D)) {
    e = sp;
    if (e > ls) last = kz_cp_before(s, e, &sp);
  }
  if (last == '.' || last == '!' || last == '?' || last == 0x2026 || last == ':' || last == ';' ||
      last == ',' || last == '-' || last == 0x2013 || last == 0x2014)
    return 0;
  if (c->sent_start > ls || pe - ls > 300) return 0; /* the line is not a sentence of its own */
  /* The next line ends at LF or CR (CR alone ends lines too, and CR CR is a
   * paragraph break): never look past it, or what follows a paragraph break
   * would change how this one is cut. */
  size_t ne = q;
  while (ne < n && s[ne] != '\n' && s[ne] != '\r')
    ne++;
  while (ne > q && (s[ne - 1] == ' ' || s[ne - 1] == '\t' || s[ne - 1] == '\r'))
    ne--;
  if (ne <= q) return 0;
  size_t plen = pe - ls, nlen = ne - q;
  /* A short unfinished line below: a widget, a button, a byline. */
  uint32_t nlast = kz_cp_before(s, ne, &sp);
  if (nlen < 40 && !(nlast == '.' || nlast == '!' || nlast == '?' || nlast == 0x2026 ||
                     nlast == ',' || nlast == ';' || nlast == ':'))
    return 1;
  uint32_t first = kz_cp_at(s, n, q, &l);
  if (!(kz_is_upper(first) || kz_is_digit(first) || first == '"' || first == 0xAB ||
        first == 0x201C))
    return 0;
  if (plen * 5 < nlen * 4) return 1; /* a longer line below: not a wrap */
  /* A headline in capitals or in Title Case. */
  unsigned words = 0, caps = 0, lower = 0;
  for (size_t k = ls; k < pe; k += l) {
    uint32_t cp = kz_cp_at(s, pe, k, &l);
    int start = k == ls || kz_is_space(kz_cp_before(s, k, &sp));
    if (kz_is_alpha(cp)) {
      words += start;
      caps += start && kz_is_upper(cp);
      lower += !kz_is_upper(cp);
    }
  }
  return words >= 3 && (lower == 0 || caps * 10 >= words * 7);
}

/* A line break at i: a blank line ends the paragraph; with
 * KZTEXT_SEG_LINES any line break ends the sentence. */
static size_t newline(sctx *c, size_t i) {
  const unsigned char *s = c->s;
  size_t n = c->n, q = i + 1;
  if (s[i] == '\r' && q < n && s[q] == '\n') q++;
  size_t after = q;
  while (q < n && (s[q] == ' ' || s[q] == '\t' || s[q] == '\f' || s[q] == '\v'))
    q++;
  int blank = q >= n || s[q] == '\n' || s[q] == '\r';
  if (!blank && !(c->flags & KZTEXT_SEG_LINES)) {
    if (line_ends_sentence(c, i, q)) cut(c, i, after);
    c->line_start = after;
    return after;
  }
  cut(c, i, after);
  if (blank) {
    while (q < n && (s[q] == ' ' || s[q] == '\t' || s[q] == '\n' || s[q] == '\r' || s[q] == '\f' ||
                     s[q] == '\v'))
      q++;
    start_paragraph(c, q);
    return q;
  }
  c->line_start = after;
  return after;
}

static kztext_status sentences_pass(kztext_segmenter *seg, const unsigned char *s, size_t n,
                                    int lang, unsigned flags, kz_spans *out, const char **trace) {
  kztext_status st = kz_seg_set_text(seg, seg->sent, (const char *)s, n);
  if (st) return st;
  sctx c;
  memset(&c, 0, sizeof c);
  c.trace = trace;
  c.s = s;
  c.n = n;
  c.lang_arg = lang;
  c.flags = flags;
  c.out = out;
  c.bi = seg->sent;
  start_paragraph(&c, 0);
  size_t i = 0;
  while (i < n) {
    size_t lim = c.list_pos < n ? c.list_pos : n;
    /* Eight bytes per test while none of them is interesting. */
    while (i + 8 <= lim && !(interesting[s[i]] | interesting[s[i + 1]] | interesting[s[i + 2]] |
                             interesting[s[i + 3]] | interesting[s[i + 4]] | interesting[s[i + 5]] |
                             interesting[s[i + 6]] | interesting[s[i + 7]]))
      i += 8;
    while (i < lim && !interesting[s[i]])
      i++;
    if (i == c.list_pos) { /* the next item of a list (unless only a bullet precedes) */
      if (first_token(&c) < i) cut(&c, i, i);
      c.list_val++;
      next_list_marker(&c, i + 1);
      continue;
    }
    if (i > c.list_pos) next_list_marker(&c, i);
    if (i >= n) break;
    unsigned char ch = s[i];
    if (ch == '\n' || ch == '\r') {
      i = newline(&c, i);
    } else if (ch == 0xC2) {
      if (i + 1 < n && s[i + 1] == 0xAB)
        c.guil++;
      else if (i + 1 < n && s[i + 1] == 0xBB && c.guil > 0)
        c.guil--;
      i++;
    } else if (ch == '=' || ch == '*' || ch == '_' || ch == '~') {
      /* A separator line (`=====`, `*****`) in e-mail and web text ends
       * what precedes it. */
      size_t e = i;
      while (e < n && s[e] == ch)
        e++;
      if (e - i >= 5 && e < n && kz_is_space(s[e])) {
        size_t k = e;
        while (k < n && (s[k] == ' ' || s[k] == '\t'))
          k++;
        if (k < n && s[k] != '\n' && s[k] != '\r') {
          cut(&c, e, k);
        }
      }
      i = e;
    } else if (ch == ':') {
      i = url(&c, i);
    } else if (ch == '#') {
      i = hashtag(&c, i);
    } else if (ch == '(') {
      i = frown(&c, i);
    } else if (ch == ')' || ch == ';') {
      i = paren_or_semicolon(&c, i);
    } else if (ch == 0xF0) {
      size_t l;
      uint32_t cp = kz_cp_at(s, n, i, &l);
      i = is_foreign_term(cp) ? foreign_term(&c, i, l) : emoji(&c, i);
    } else if (ch == 0xE2) {
      size_t l;
      uint32_t cp = kz_cp_at(s, n, i, &l);
      if (kz_is_term(cp))
        i = cluster(&c, i);
      else if (kz_is_emoji_part(cp))
        i = emoji(&c, i);
      else if (cp == 0x2014 && i > c.sent_start && kz_is_alpha(s[i - 1] < 0x80 ? s[i - 1] : 'a') &&
               s[i - 1] != ' ') {
        /* `I know she's— See now`: a dash glued to the word before it
         * and followed by a capital is a broken-off utterance. */
        cut_if_start_follows(&c, i + l);
        i += l;
      } else if ((cp == 0x2022 || cp == 0x2043) && i > c.sent_start && s[i - 1] == ' ') {
        /* A bullet inside a paragraph starts a new item. */
        cut(&c, i, i);
        i += l;
      } else if (cp == 0x20E3) {
        /* A keycap digit (`2⃣ Ремонт ...`) numbers a list item: a break
         * before it, except for the first item after a colon. */
        size_t p = i, sp;
        if (p > c.sent_start && kz_cp_before(s, p, &sp) == 0xFE0F) p = sp;
        if (p > c.sent_start && kz_is_digit(s[p - 1])) {
          p--;
          size_t q = p;
          while (q > c.sent_start && kz_is_space(kz_cp_before(s, q, &sp)))
            q = sp;
          if (q < p && q > c.sent_start && s[q - 1] != ':') {
            cut(&c, p, p);
          }
        }
        i += l;
      } else if (cp == 0x2028 || cp == 0x2029) {
        if (c.flags & KZTEXT_SEG_LINES || cp == 0x2029) cut(&c, i, i + l);
        i += l;
      } else if (is_foreign_term(cp))
        i = foreign_term(&c, i, l);
      else
        i += l;
    } else if (ch >= 0x80) { /* lead bytes of other scripts' terminators */
      size_t l;
      uint32_t cp = kz_cp_at(s, n, i, &l);
      i = is_foreign_term(cp) ? foreign_term(&c, i, l) : i + l;
    } else {
      i = cluster(&c, i);
    }
  }
  cut(&c, n, n);
  return out->oom ? KZTEXT_E_NO_MEMORY : KZTEXT_OK;
}

kztext_status kz_sentences_run(kztext_segmenter *seg, const unsigned char *s, size_t n, int lang,
                               unsigned flags, kz_spans *out) {
  return sentences_pass(seg, s, n, lang, flags, out, NULL);
}

kztext_status kz_sentences_first_rule(kztext_segmenter *seg, const char *s, size_t n, int lang,
                                      const char **rule) {
  kz_spans o = {NULL, 0, 0, NULL, 0, 0, 1};
  *rule = NULL;
  kztext_status st = sentences_pass(seg, (const unsigned char *)s, n, lang, 0, &o, rule);
  free(o.grow);
  return st;
}

const char *kz_sentence_rule_name(size_t i) {
  return i < sizeof cluster_rules / sizeof *cluster_rules ? cluster_rules[i].name : NULL;
}

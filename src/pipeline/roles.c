/* Line roles on scraped news pages: title, body, caption, meta, boilerplate,
 * duplicate.  After jusText (classify each block by length and function-word
 * density, then settle the unsure ones by their neighbours) and trafilatura
 * (find the main article, then treat what follows its end as another page
 * part).  The method and its limits are in docs/pipeline.md. */
#include "pipeline/roles.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/buffer.h"
#include "gen/stopwords.inc"
#include "utf8/utf8.h"

/* First guess from the line alone. */
enum {
  C_GOOD,   /* prose: long enough, ends a sentence, function words */
  C_TITLE,  /* headline-like: several words, no final full stop */
  C_CREDIT, /* photo/video caption or credit cue, keyword alt text */
  C_META,   /* date, time, counter, byline cue */
  C_SHORT,  /* anything else short: menus, buttons, widgets */
  C_BAD     /* longer text that is not prose (lists of names, spam) */
};

typedef struct feat {
  unsigned words, stops, chars, letters, digits, caps_words, commas;
  unsigned measured; /* bytes read letter by letter (the prefix) */
  unsigned char cls, terminal, ends_q, furniture, date, credit, dup_prev, byline, upper_first;
  size_t dup_of; /* index + 1 of an earlier equal line, or 0 */
  uint64_t hash;
} feat;

static uint32_t lower_cp(uint32_t c) {
  if (c < 0x80) return (c >= 'A' && c <= 'Z') ? c + 32 : c;
  if (c >= 0x410 && c <= 0x42F) return c + 0x20;
  if (c >= 0x400 && c <= 0x40F) return c + 0x50;
  if (c >= 0x460 && c <= 0x4FF && !(c & 1)) return c + 1; /* Kazakh letters and kin */
  if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 0x20;
  return c;
}

static int is_letter(uint32_t c) {
  if (c < 0x80) return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
  return (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) ||
         (c >= 0x400 && c <= 0x52F && (c < 0x482 || c > 0x489));
}

static int is_upper(uint32_t c) { return c != lower_cp(c); }

static uint64_t fnv(uint64_t h, unsigned char c) { return (h ^ c) * 0x100000001b3ull; }

static int is_stopword(const char *w, size_t n) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (size_t i = 0; i < n; i++)
    h = fnv(h, (unsigned char)w[i]);
  for (size_t k = (size_t)h & (KZ_STOPWORD_SLOTS - 1); kz_stopwords[k];
       k = (k + 1) & (KZ_STOPWORD_SLOTS - 1))
    if (!strncmp(kz_stopwords[k], w, n) && !kz_stopwords[k][n]) return 1;
  return 0;
}

/* Words that mark page furniture when they are most of a short line:
 * buttons, prompts, notices, player text, "read also" links.  Written for
 * kztext in kk, ru and en (generic interface wording, not taken from any
 * page). */
static const char *const furniture_words[] = {
    "subscribe",       "sign up",      "sign in",
    "log in",          "cookie",       "all rights reserved",
    "read more",       "read also",    "related",
    "share",           "advertis",     "newsletter",
    "follow us",       "please wait",  "loading",
    "no media source", "comments",     "menu",
    "search",          "skip to",      "image",
    "video",           "breaking",     "подпис",
    "читайте также",   "читать далее", "подели",
    "реклама",         "войти",        "все права защищены",
    "коммент",         "главное",      "меню",
    "поиск",           "загрузка",     "жазылу",
    "толығырақ",       "бөлісу",       "пікір",
    "жарнама",         "іздеу",        "барлық құқықтар",
    "оқи отырыңыз",    "тағы оқыңыз",  "басты"};

/* Words that introduce a caption or an image credit. */
static const char *const credit_words[] = {"фото",     "photo",     "сурет",   "коллаж",
                                           "collage",  "иллюстрац", "getty",   "reuters/",
                                           "скриншот", "видеодан",  "\xC2\xA9" /* © */};

/* The first and second bytes of a list's needles, as bit sets: most word
 * starts match no needle, and the sets say so without walking the list. */
typedef struct cue_set {
  const char *const *list;
  size_t count;
  uint64_t first[4], second[4];
} cue_set;

static void cue_set_init(cue_set *c, const char *const *list, size_t count) {
  memset(c, 0, sizeof *c);
  c->list = list;
  c->count = count;
  for (size_t j = 0; j < count; j++) {
    unsigned char a = (unsigned char)list[j][0], b = (unsigned char)list[j][1];
    c->first[a >> 6] |= 1ull << (a & 63);
    c->second[b >> 6] |= 1ull << (b & 63);
  }
}

/* Whether one of the needles starts at a word start of low[0..n). */
static int has_any(const char *low, size_t n, const cue_set *c) {
  for (size_t i = 0; i + 1 < n; i++) {
    unsigned char prev = i ? (unsigned char)low[i - 1] : ' ';
    unsigned char a = (unsigned char)low[i], b = (unsigned char)low[i + 1];
    if (prev >= 0x80 || is_letter(prev) || !(c->first[a >> 6] >> (a & 63) & 1) ||
        !(c->second[b >> 6] >> (b & 63) & 1))
      continue;
    for (size_t j = 0; j < c->count; j++) {
      const char *nd = c->list[j];
      if (nd[0] != low[i]) continue;
      size_t k = 1;
      while (nd[k] && i + k < n && low[i + k] == nd[k])
        k++;
      if (!nd[k]) return 1;
    }
  }
  return 0;
}

/* Whether the line holds a date or a clock time: 12:30, 01.02.2025,
 * 2025-02-01, or a year next to a day number. */
static int has_date(const unsigned char *s, size_t n) {
  for (size_t i = 0; i + 4 < n; i++) {
    if (s[i] < '0' || s[i] > '9') continue;
    size_t j = i;
    while (j < n && s[j] >= '0' && s[j] <= '9')
      j++;
    size_t d = j - i;
    if (j + 2 < n && (d == 1 || d == 2 || d == 4) && (s[j] == ':' || s[j] == '.' || s[j] == '-') &&
        s[j + 1] >= '0' && s[j + 1] <= '9' && s[j + 2] >= '0' && s[j + 2] <= '9')
      return 1;
    i = j;
  }
  return 0;
}

/* How many bytes of s[0..n) equal b.  A plain loop, which the compiler
 * vectorizes (16 or 32 bytes a step); the earlier eight-bytes-a-step form
 * called libgcc's popcount for every word on a baseline x86-64. */
static unsigned count_byte(const unsigned char *s, size_t n, unsigned char b) {
  unsigned count = 0;
  for (size_t k = 0; k < n; k++)
    count += s[k] == b;
  return count;
}

/* Spaces and commas of s[0..n), in one pass. */
static void count_space_comma(const unsigned char *s, size_t n, unsigned *spaces,
                              unsigned *commas) {
  unsigned a = 0, b = 0;
  for (size_t k = 0; k < n; k++) {
    a += s[k] == ' ';
    b += s[k] == ',';
  }
  *spaces = a;
  *commas = b;
}

/* Bytes of a line that are read letter by letter; beyond them only words
 * are counted and the final stop is looked for, so that a long paragraph
 * costs little more than a short one (the speed gate: --roles within 10%
 * of the plain pipeline). */
enum { PREFIX = 64 };

/* Measures one line; low receives the lower-cased bytes of its prefix (same
 * length for the letters folded here). */
static void measure(const unsigned char *s, size_t n, feat *f, char *low) {
  memset(f, 0, sizeof *f);
  /* Counters in locals: the byte stores below could alias *f. */
  unsigned k_chars = 0, k_letters = 0, k_words = 0, k_caps_words = 0, k_stops = 0, k_digits = 0,
           k_commas = 0;
  char word[KZ_STOPWORD_MAX + 8];
  size_t wl = 0;
  int in_word = 0, word_caps = 0, space = 0, after_by = 0;
  uint64_t h = 0xcbf29ce484222325ull;
  uint32_t last = 0, before_last = 0;
  size_t i = 0;
  while (i < n && i < PREFIX) {
    size_t l, sub;
    uint32_t c, lc;
    if (s[i] < 0x80) { /* ASCII and two-byte letters (Cyrillic) without a call */
      c = s[i];
      l = 1;
      lc = (c >= 'A' && c <= 'Z') ? c + 32 : c;
      low[i] = (char)lc;
    } else if ((s[i] & 0xE0) == 0xC0 && s[i] >= 0xC2 && i + 1 < n && (s[i + 1] & 0xC0) == 0x80) {
      c = (uint32_t)(s[i] & 0x1F) << 6 | (s[i + 1] & 0x3F);
      l = 2;
      lc = lower_cp(c); /* stays a two-byte letter */
      low[i] = (char)(0xC0 | lc >> 6);
      low[i + 1] = (char)(0x80 | (lc & 0x3F));
    } else {
      c = kz_utf8_decode(s + i, n - i, &l, &sub);
      if (!l) l = sub ? sub : 1;
      lc = lower_cp(c);
      if (kz_utf8_encode(lc, low + i) != l) memcpy(low + i, s + i, l); /* same length */
    }
    k_chars++;
    int letter = is_letter(c);
    if (letter) {
      k_letters++;
      if (!in_word) {
        in_word = 1;
        wl = 0;
        word_caps = lc != c;
        if (!k_words) f->upper_first = (unsigned char)word_caps;
        /* "By Name": a byline. */
        if (after_by && word_caps) f->byline = 1;
      }
      if (wl + l < sizeof word) { /* l is 1 or 2 nearly always: no memcpy call */
        word[wl] = low[i];
        for (size_t k = 1; k < l; k++)
          word[wl + k] = low[i + k];
      }
      wl += l;
    } else {
      if (in_word) {
        k_words++;
        k_caps_words += word_caps;
        if (wl < sizeof word) {
          word[wl] = 0;
          if (k_stops < 4) k_stops += is_stopword(word, wl); /* no rule needs more */
        }
        after_by = wl == 2 && !memcmp(word, "by", 2);
      }
      in_word = 0;
      if (c >= '0' && c <= '9') k_digits++;
      if (c == ',') k_commas++;
    }
    /* The duplicate hash ignores case and runs of spaces. */
    if (c == ' ' || c == '\t' || c == 0xA0 || c == '\n' || c == '\r') {
      space = 1;
    } else {
      if (space) h = h * 33 + ' ';
      space = 0;
      h = h * 33 + lc; /* a shift and two adds a character; mixed at the end */
    }
    if (c != ' ' && c != '\t' && c != 0xA0 && c != '\n' && c != '\r') {
      before_last = last;
      last = c;
    }
    i += l;
  }
  int cut_in_word = in_word && i < n && s[i] != ' ';
  if (in_word) {
    k_words++;
    k_caps_words += word_caps;
    if (wl < sizeof word) {
      word[wl] = 0;
      if (k_stops < 4) k_stops += is_stopword(word, wl);
    }
  }
  f->chars = k_chars;
  f->letters = k_letters;
  f->words = k_words;
  f->caps_words = k_caps_words;
  f->stops = k_stops;
  f->digits = k_digits;
  f->commas = k_commas;
  f->hash = fnv(h ^ (h >> 31), 0); /* of the prefix (and the word count below): lines that
                                      share it are repeats */
  f->measured = (unsigned)i;
  if (i < n) {
    /* Words past the prefix are its spaces, in the next 448 bytes at most
     * (no rule looks at more than 40 words); a loop the compiler
     * vectorizes. */
    size_t m = n - i < 448 ? n - i : 448;
    unsigned spaces = 0, commas = 0;
    count_space_comma(s + i, m, &spaces, &commas);
    f->words += spaces + !cut_in_word - (s[n - 1] == ' ');
    f->commas += commas;
    f->chars += (unsigned)(n - i); /* bytes: enough for "long" */
    f->hash = fnv(f->hash, (unsigned char)f->words);
    size_t k = n > i + 16 ? n - 16 : i;
    while (k < n && (s[k] & 0xC0) == 0x80)
      k++;
    while (k < n) {
      size_t l, sub;
      uint32_t c = s[k] < 0x80 ? (l = 1, s[k]) : kz_utf8_decode(s + k, n - k, &l, &sub);
      if (!l) l = sub ? sub : 1;
      if (c != ' ' && c != '\t' && c != 0xA0 && c != '\n' && c != '\r') {
        before_last = last;
        last = c;
      }
      k += l;
    }
  }
  /* A closing quote or bracket after the stop still ends a sentence. */
  uint32_t e = last;
  if (e == '"' || e == ')' || e == 0xBB || e == 0x201D || e == 0x2019 || e == '\'') e = before_last;
  f->terminal = e == '.' || e == 0x2026 || e == ';' || e == ':' || e == '!' || e == '?';
  f->ends_q = e == '?' || e == '!';
}

static int meta_like(const feat *f) {
  return (f->words <= 8 && (f->date || (f->digits && f->digits * 3 >= f->letters))) ||
         (f->byline && f->words <= 10 && !f->terminal);
}

typedef struct cues {
  cue_set furniture, credit;
} cues;

static void classify(feat *f, const char *low, size_t n, const cues *cu) {
  f->date = f->words <= 10 && has_date((const unsigned char *)low, n);
  /* Furniture only decides for lines that are not finished sentences of
   * six words or more (those are prose whatever they say). */
  f->furniture =
      f->words <= 12 && (f->words <= 6 || !f->terminal) && has_any(low, n, &cu->furniture);
  f->credit = (f->words <= 14 && (!f->terminal || f->words <= 8) && has_any(low, n, &cu->credit)) ||
              /* alt text made of keywords: many commas, one or two words each */
              (!f->terminal && f->commas >= 4 && f->words <= 3 * (f->commas + 1));
  /* Prose: function words are what headlines, menus and widgets lack. */
  int prose = f->stops * 100 >= f->words * 8 || (f->words >= 30 && f->stops);
  int sentence_case = f->caps_words * 2 < f->words;
  if (f->credit)
    f->cls = C_CREDIT;
  else if (meta_like(f))
    f->cls = C_META;
  else if (f->furniture && f->words <= 6)
    f->cls = C_SHORT;
  /* Function words are few in Kazakh (an agglutinative language): a
   * finished sentence of six words is prose whatever its density, and a
   * long unfinished line (a page cut by the scraper) needs a few. */
  else if (f->terminal && !f->ends_q && f->words >= 6)
    f->cls = C_GOOD;
  else if (f->ends_q && f->words >= 6 && sentence_case && f->stops)
    f->cls = C_GOOD;
  else if (f->words >= 18 && (prose || f->stops >= 2))
    f->cls = C_GOOD;
  else if ((!f->terminal || f->ends_q) && f->words >= 4 && f->words <= 40 && f->chars >= 30 &&
           f->digits * 5 < f->chars && f->upper_first)
    f->cls = C_TITLE;
  else if (f->words <= 5)
    f->cls = C_SHORT;
  else if (f->terminal && f->words >= 4 && prose)
    f->cls = C_GOOD;
  else
    f->cls = C_BAD;
}

/* Finds earlier lines with the same text (case and spacing aside). */
static kztext_status find_duplicates(kz_roles *r, feat *f, const char *text) {
  size_t n = r->count, size = 16;
  while (size < 2 * n)
    size *= 2;
  if (!kz_grow((void **)&r->hash, &r->hash_cap, size, sizeof *r->hash)) return KZTEXT_E_NO_MEMORY;
  memset(r->hash, 0, size * sizeof *r->hash);
  for (size_t i = 0; i < n; i++) {
    size_t k = (size_t)f[i].hash & (size - 1);
    while (r->hash[k]) {
      size_t j = r->hash[k] - 1;
      if (f[j].hash == f[i].hash) break;
      k = (k + 1) & (size - 1);
    }
    if (r->hash[k]) {
      f[i].dup_of = r->hash[k];
      f[i].dup_prev = r->hash[k] == i; /* repeats the line just before */
    } else {
      r->hash[k] = i + 1;
    }
  }
  (void)text;
  return KZTEXT_OK;
}

/* The next line after i that is not a caption cue, or n. */
static size_t next_content(const feat *f, size_t i, size_t n) {
  for (i++; i < n && f[i].cls == C_CREDIT; i++) {
  }
  return i;
}

/* A line that a run of prose follows within a few lines. */
static int body_follows(const feat *f, size_t i, size_t n) {
  for (size_t k = i + 1; k < n && k <= i + 6; k++)
    if (f[k].cls == C_GOOD && !f[k].dup_prev && !(k + 1 < n && f[k + 1].dup_prev)) return 1;
  return 0;
}

static kztext_lang lang_of(const char *text, const kz_line *l) {
  kztext_detect_result d = {.size = sizeof d};
  if (kztext_detect(text + l->start, l->end - l->start,
                    KZTEXT_INVALID_REPLACE | KZTEXT_DETECT_NO_MIXED, &d, NULL))
    return KZTEXT_LANG_UND;
  return d.lang;
}

static void assign(kz_roles *r, feat *f, const char *text) {
  size_t n = r->count;
  kz_line *L = r->lines;
  /* A line repeated right away (a photo caption and its figcaption copy). */
  for (size_t i = 0; i + 1 < n; i++)
    if (f[i + 1].dup_prev && (f[i].cls == C_GOOD || f[i].cls == C_BAD))
      f[i].cls = f[i + 1].cls = C_CREDIT;
  /* The title: the first headline-like line that prose follows closely,
   * else none (pages cut above the headline). */
  size_t title = n, first_good = n;
  for (size_t i = 0; i < n; i++)
    if (f[i].cls == C_GOOD && !f[i].dup_of) {
      first_good = i;
      break;
    }
  /* The headline sits just above the text and is in its language (a
   * widget or notice in the site's other language may sit above it). */
  kztext_lang body_lang = first_good < n ? lang_of(text, &L[first_good]) : KZTEXT_LANG_UND;
  for (size_t i = first_good > 6 ? first_good - 6 : 0; i < first_good; i++)
    if (f[i].cls == C_TITLE && !f[i].dup_of && body_follows(f, i, n) &&
        (body_lang == KZTEXT_LANG_UND || lang_of(text, &L[i]) == body_lang)) {
      title = i;
      break;
    }
  size_t start = title < n ? title + 1 : first_good; /* where the article runs from */
  for (size_t i = 0; i < n; i++)
    L[i].role = KZTEXT_ROLE_BOILERPLATE;
  if (start >= n) {
    if (title < n) L[title].role = KZTEXT_ROLE_TITLE;
    return;
  }
  /* Before the article: the block of dates, counters, rubrics and bylines
   * right above it is meta; credits are captions; the rest is furniture. */
  size_t head_end = title < n ? title : start;
  for (size_t i = head_end; i > 0; i--) {
    const feat *g = &f[i - 1];
    int name_like = g->words >= 2 && g->words <= 6 && g->caps_words >= 2 && !g->terminal &&
                    g->stops == 0 && !g->furniture;
    if (g->cls == C_META || (g->cls == C_SHORT && g->words == 1 && !g->furniture) || name_like ||
        (g->cls == C_CREDIT && g->words <= 8 && i == head_end && title < n))
      L[i - 1].role = KZTEXT_ROLE_META;
    else
      break;
  }
  for (size_t i = 0; i < head_end; i++)
    if (f[i].cls == C_CREDIT && L[i].role != KZTEXT_ROLE_META && i + 1 == head_end)
      L[i].role = KZTEXT_ROLE_CAPTION;
  if (title < n) L[title].role = KZTEXT_ROLE_TITLE;
  /* The article: prose is body until the page turns to something else. */
  int seen_body = 0;
  for (size_t i = start; i < n; i++) {
    feat *g = &f[i];
    size_t nx = next_content(f, i, n);
    int next_good = nx < n && f[nx].cls == C_GOOD;
    kztext_role role;
    if (g->dup_of) {
      kztext_role first = L[g->dup_of - 1].role;
      role = (first == KZTEXT_ROLE_TITLE && !(i + 1 < n && f[i + 1].dup_of == g->dup_of)) ||
                     first == KZTEXT_ROLE_CAPTION || g->cls == C_CREDIT
                 ? KZTEXT_ROLE_CAPTION
                 : KZTEXT_ROLE_DUPLICATE;
    } else if (g->cls == C_CREDIT) {
      role = KZTEXT_ROLE_CAPTION;
      /* The caption text above a credit line, when it is not prose. */
      if (i > start && f[i - 1].cls != C_GOOD && L[i - 1].role == KZTEXT_ROLE_BODY)
        L[i - 1].role = KZTEXT_ROLE_CAPTION;
    } else if (g->cls == C_GOOD && g->words <= 20 && i + 1 < n && f[i + 1].cls == C_CREDIT &&
               f[i + 1].words <= 8 && !f[i + 1].dup_of) {
      role = KZTEXT_ROLE_CAPTION; /* a one-sentence caption above its credit */
    } else if (g->cls == C_GOOD) {
      role = KZTEXT_ROLE_BODY;
      seen_body = 1;
    } else if (i + 1 < n && f[i + 1].cls == C_CREDIT && !f[i + 1].dup_of &&
               (g->cls == C_TITLE || g->cls == C_SHORT)) {
      role = KZTEXT_ROLE_CAPTION; /* the caption text above its credit */
    } else if (!seen_body) {
      /* Between the headline and the text: dek, counters, bylines; a short
       * line under a caption is its credit. */
      role = g->cls == C_TITLE                                           ? KZTEXT_ROLE_BODY
             : g->cls == C_SHORT && L[i - 1].role == KZTEXT_ROLE_CAPTION ? KZTEXT_ROLE_CAPTION
                                                                         : KZTEXT_ROLE_META;
    } else if (next_good && g->cls != C_META && !g->furniture) {
      role = KZTEXT_ROLE_BODY; /* a subheading or a short line inside the text */
    } else if (i + 1 == n && g->words >= 5 && g->caps_words * 2 < g->words && !g->furniture) {
      role = KZTEXT_ROLE_BODY; /* the text's last line, cut short by the scraper */
    } else {
      break; /* the article has ended: the rest stays boilerplate */
    }
    L[i].role = role;
  }
  /* Repeats outside the article. */
  for (size_t i = 0; i < n; i++)
    if (f[i].dup_of && L[i].role == KZTEXT_ROLE_BOILERPLATE &&
        L[f[i].dup_of - 1].role != KZTEXT_ROLE_BOILERPLATE)
      L[i].role = KZTEXT_ROLE_DUPLICATE;
}

static int continues(const char *text, size_t prev_end, size_t start, size_t end) {
  unsigned char last = (unsigned char)text[prev_end - 1];
  if (strchr(".!?:;", last)) return 0;
  size_t nl = 0;
  for (size_t i = prev_end; i < start; i++)
    nl += text[i] == '\n';
  if (nl != 1) return 0;
  /* A short unfinished line below is a credit or a label, not the end of a
   * wrapped sentence (which ends with its stop). */
  size_t chars = end - start >= 100 ? 25 : 0; /* 100 bytes hold 25 characters at least */
  for (size_t i = start; i < end && chars < 25; i++)
    chars += ((unsigned char)text[i] & 0xC0) != 0x80;
  if (chars < 25 && !strchr(".!?:;\"", text[end - 1])) return 0;
  size_t l, sub;
  const unsigned char *s = (const unsigned char *)text + start;
  uint32_t c = s[0] < 0x80 ? (l = 1, s[0]) : kz_utf8_decode(s, end - start, &l, &sub);
  return is_letter(c) && !is_upper(c);
}

/* The fast path for a line of 80 bytes or more that ends with a full stop
 * (most lines of a news archive): prose if it has six words, whatever
 * they are, so only the word count and the repeat hash are taken, without
 * decoding. */
static int quick_prose(const unsigned char *s, size_t n, feat *f) {
  if (n < 80) return 0;
  unsigned char e = s[n - 1];
  if (e == '"' || e == ')')
    e = s[n - 2];
  else if (e == 0xBB && s[n - 2] == 0xC2)
    e = s[n - 3]; /* » */
  if (e != '.') return 0;
  memset(f, 0, sizeof *f);
  /* For prose no rule looks past 20 words: the spaces of the first 192
   * bytes say enough (a loop the compiler vectorizes). */
  unsigned spaces = count_byte(s, n < 192 ? n : 192, ' ');
  f->words = spaces + 1 < 21 ? spaces + 1 : 21;
  uint64_t h = 0xcbf29ce484222325ull;
  for (size_t k = 0; k < 48; k += 8) { /* eight bytes a step: n >= 80 */
    uint64_t w;
    memcpy(&w, s + k, 8);
    h = (h ^ w) * 0x100000001b3ull;
    h ^= h >> 29;
  }
  f->hash = fnv(h, (unsigned char)f->words);
  f->chars = (unsigned)n;
  f->terminal = 1;
  f->cls = f->words >= 6 ? C_GOOD : C_BAD;
  return 1;
}

kztext_status kz_roles_run(kz_roles *r, const char *text, size_t n) {
  r->count = 0;
  char *low = NULL;
  size_t low_cap = 0;
  for (size_t pos = 0; pos < n;) {
    const char *nl = memchr(text + pos, '\n', n - pos);
    size_t e = nl ? (size_t)(nl - text) : n, a = pos, b = e;
    pos = nl ? e + 1 : n;
    while (a < b && (text[a] == ' ' || text[a] == '\t' || text[a] == '\r'))
      a++;
    while (b > a && (text[b - 1] == ' ' || text[b - 1] == '\t' || text[b - 1] == '\r'))
      b--;
    if (a == b) continue;
    /* A line wrapped inside a paragraph (no final stop above, a lower-case
     * letter below, no blank line between) belongs to the line above. */
    if (r->count && continues(text, r->lines[r->count - 1].end, a, b)) {
      r->lines[r->count - 1].end = b;
      continue;
    }
    if (!kz_grow((void **)&r->lines, &r->cap, r->count + 1, sizeof *r->lines))
      return KZTEXT_E_NO_MEMORY;
    r->lines[r->count++] = (kz_line){a, b, KZTEXT_ROLE_BOILERPLATE};
  }
  if (!r->count) return KZTEXT_OK;
  if (!kz_grow(&r->feat, &r->feat_cap, r->count, sizeof(feat))) return KZTEXT_E_NO_MEMORY;
  feat *f = r->feat;
  cues cu;
  cue_set_init(&cu.furniture, furniture_words, sizeof furniture_words / sizeof *furniture_words);
  cue_set_init(&cu.credit, credit_words, sizeof credit_words / sizeof *credit_words);
  for (size_t i = 0; i < r->count; i++) {
    size_t len = r->lines[i].end - r->lines[i].start;
    if (!kz_grow((void **)&low, &low_cap, (len < PREFIX ? len : PREFIX) + 8, 1)) {
      free(low);
      return KZTEXT_E_NO_MEMORY;
    }
    const unsigned char *line = (const unsigned char *)text + r->lines[i].start;
    if (!quick_prose(line, len, &f[i])) {
      measure(line, len, &f[i], low);
      classify(&f[i], low, f[i].measured, &cu);
    }
  }
  free(low);
  kztext_status st = find_duplicates(r, f, text);
  if (st) return st;
  assign(r, f, text);
  return KZTEXT_OK;
}

void kz_roles_free(kz_roles *r) {
  free(r->lines);
  free(r->feat);
  free(r->hash);
  memset(r, 0, sizeof *r);
}

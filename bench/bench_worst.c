/* Worst shapes: text built to make a per-word or per-token step cost its
 * length squared (one word of 100,000 letters mixing scripts, a token of
 * thousands of pieces of markup or of sites' names, a line of thousands of
 * sentences), through every public call that walks text.  Each call runs on
 * the shape at N and at 4N bytes in the same process; the ratio of the two
 * times is 4 for a call linear in its input and 16 for a quadratic one.
 * Rows at 10 or more are marked (a size that leaves the caches can take a
 * linear call to 8).  Usage: bench_worst [N] (default 65536). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <kztext.h>

#include "bench.h"

typedef struct shape {
  const char *name;
  const char *unit; /* repeated to the length asked for */
} shape;

/* Our own units: Latin and Cyrillic letters in one word, markup, addresses,
 * look-alikes, marks, signs, abbreviations, Arabic letters. */
static const shape shapes[] = {
    {"word of aқ", "a\xd2\x9b"},
    {"word of a", "a"},
    {"token of a&amp;", "a&amp;"},
    {"token of <b>", "<b>a"},
    {"token of a.kz-", "a.kz-"},
    {"token of a@", "a@"},
    {"token of {{a|", "{{a|"},
    {"word of бe (look-alike)", "\xd0\xb1"
                                "e"},
    {"word of a+acute", "a\xcc\x81"},
    {"word of Qazaq+soft hyphen", "Qazaq\xc2\xad"},
    {"camel aB", "aB"},
    {"camel iPhone", "iPhone"},
    {"humps QazAqparat", "QazAqparat"},
    {"camel a+soft hyphen+B", "a\xc2\xad"
                              "B"},
    {"line of 'Мр. А. '", "\xd0\x9c\xd1\x80. \xd0\x90. "},
    {"line of 'a. '", "a. "},
    {"word of I", "I"},
    {"word of ia", "ia"},
    {"word of ts", "ts"},
    {"Arabic word", "\xd9\x82\xd8\xa7"},
    {"words 'bul '", "bul "},
    {"mojibake", "\xc3\x90\xc2\xb0"},
    {"word of щ", "\xd1\x89"},
    {"word of Ия", "\xd0\x98\xd1\x8f"},
    {"spaces then '.'", "          ."},
    {"hyphens", "-"},
    {"digits", "1"},
    {"line of 'a - '", "a - "},
    {"run of digits and humps", "0qlxuYYu"},
};

static char *repeat(const char *unit, size_t n, size_t *len) {
  const size_t u = strlen(unit);
  char *s = malloc(n + u + 1);
  if (!s) exit(1);
  size_t k = 0;
  while (k + u <= n) {
    memcpy(s + k, unit, u);
    k += u;
  }
  s[k] = 0;
  *len = k;
  return s;
}

/* The calls timed: a transliteration (from -> to, with or without offsets)
 * or another call that walks text. */
enum op { TRANSLIT, DETECT, NORMALIZE, REPAIR, MIXED, SENTENCES, TOKENS, NAMEKEY, CASE, DECODE };
typedef struct call {
  const char *name; /* NULL: a transliteration, named by its schemes */
  enum op op;
  kztext_scheme from, to;
  int offsets;
} call;

#define T(from, to, off)                                                                           \
  { NULL, TRANSLIT, KZTEXT_SCHEME_##from, KZTEXT_SCHEME_##to, off }
static const call calls[] = {
    T(LATIN2021, CYRILLIC, 1),
    T(LATIN2018, CYRILLIC, 1),
    T(BGN, CYRILLIC, 1),
    T(CYRILLIC, LATIN2021, 1),
    T(CYRILLIC, LATIN2018, 1),
    T(AUTO, CYRILLIC, 1),
    T(AUTO, ARABIC, 1),
    T(AUTO, CYRILLIC, 0),
    T(LATIN2021, CYRILLIC, 0),
    T(ARABIC, CYRILLIC, 0),
    T(CYRILLIC, ARABIC, 0),
    T(PRESS, CYRILLIC, 0),
    {"detect", DETECT, 0, 0, 0},
    {"normalize NFC", NORMALIZE, 0, 0, 0},
    {"repair all", REPAIR, 0, 0, 0},
    {"mixed-script words", MIXED, 0, 0, 0},
    {"sentences", SENTENCES, 0, 0, 0},
    {"tokens", TOKENS, 0, 0, 0},
    {"name key", NAMEKEY, 0, 0, 0},
    {"case upper", CASE, 0, 0, 0},
    {"decode auto", DECODE, 0, 0, 0},
};
#undef T

/* Runs call c on s[0..n); what it returns (an output's length, a count)
 * goes into the sink, so that no call is left out as unused. */
static size_t run_call(const call *c, const char *s, size_t n) {
  const unsigned f = KZTEXT_INVALID_REPLACE;
  char *o = NULL;        /* the text out, or */
  void *v = NULL;        /* the array out */
  size_t ol = 0, nv = 0; /* their lengths */
  switch (c->op) {
  case TRANSLIT:
    if (c->offsets)
      kztext_translit_offsets_alloc(s, n, c->from, c->to, f, &o, &ol, (kztext_alignment **)&v, &nv,
                                    NULL);
    else
      kztext_translit_alloc(s, n, c->from, c->to, f, &o, &ol, NULL);
    break;
  case DETECT: {
    kztext_detect_result r;
    memset(&r, 0, sizeof r);
    r.size = sizeof r;
    kztext_detect(s, n, f, &r, NULL);
    ol = (size_t)r.lang;
    break;
  }
  case NORMALIZE:
    kztext_normalize_alloc(s, n, KZTEXT_NORM_NFC | f, &o, &ol, NULL);
    break;
  case REPAIR:
    kztext_repair_alloc(s, n, KZTEXT_REPAIR_ALL | f, &o, &ol, NULL, NULL);
    break;
  case MIXED:
    kztext_mixed_script_words_alloc(s, n, f, (kztext_mixed_word **)&v, &nv, NULL);
    break;
  case SENTENCES:
  case TOKENS: {
    kztext_segmenter *g = NULL;
    if (kztext_segmenter_new(&g)) break;
    if (c->op == TOKENS)
      kztext_tokens_alloc(g, s, n, KZTEXT_LANG_AUTO, f, (kztext_span **)&v, &nv, NULL);
    else
      kztext_sentences_alloc(g, s, n, KZTEXT_LANG_AUTO, f, (kztext_span **)&v, &nv, NULL);
    kztext_segmenter_free(g);
    break;
  }
  case NAMEKEY:
    kztext_name_key_alloc(s, n, f, &o, &ol, NULL);
    break;
  case CASE:
    kztext_case_alloc(s, n, KZTEXT_LANG_KK, KZTEXT_CASE_UPPER | f, &o, &ol, NULL);
    break;
  case DECODE:
    kztext_decode_alloc(s, n, KZTEXT_ENC_AUTO, 0, &o, &ol, NULL, NULL);
    break;
  }
  kztext_free(o);
  kztext_free(v);
  return ol + nv;
}

/* Seconds for one call, the best of three after one untimed (the first
 * touches fresh pages). */
static double time_call(const call *c, const char *s, size_t n, size_t *sink) {
  double best = 1e9;
  *sink += run_call(c, s, n);
  for (int r = 0; r < 3; r++) {
    const double t0 = bench_now();
    *sink += run_call(c, s, n);
    const double t = bench_now() - t0;
    if (t < best) best = t;
  }
  return best;
}

int main(int argc, char **argv) {
  const size_t n = argc > 1 ? (size_t)strtoull(argv[1], NULL, 10) : 65536;
  size_t sink = 0, marked = 0;
  printf("time at %zu bytes / time at %zu bytes (linear: 4, quadratic: 16; '!' at 10 or more)\n",
         4 * n, n);
  for (size_t c = 0; c < sizeof calls / sizeof *calls; c++) {
    const call *cl = &calls[c];
    if (cl->name)
      printf("%s\n", cl->name);
    else
      printf("translit %s -> %s%s\n",
             cl->from == KZTEXT_SCHEME_AUTO ? "auto" : kztext_scheme_name(cl->from),
             kztext_scheme_name(cl->to), cl->offsets ? ", with offsets" : "");
    for (size_t k = 0; k < sizeof shapes / sizeof *shapes; k++) {
      size_t l1, l4;
      char *s1 = repeat(shapes[k].unit, n, &l1), *s4 = repeat(shapes[k].unit, 4 * n, &l4);
      const double t1 = time_call(&calls[c], s1, l1, &sink);
      const double t4 = time_call(&calls[c], s4, l4, &sink);
      /* below 50 us the clock says little: 1 */
      const double ratio = t4 < 5e-5 ? 1.0 : t4 / (t1 > 1e-6 ? t1 : 1e-6);
      marked += ratio >= 10;
      printf("  %-28s %8.3f ms %8.3f ms  %5.1f%s\n", shapes[k].name, t1 * 1e3, t4 * 1e3, ratio,
             ratio >= 10 ? " !" : "");
      free(s1);
      free(s4);
    }
  }
  printf("%zu rows at 10 or more (sink %zu)\n", marked, sink);
  return 0;
}

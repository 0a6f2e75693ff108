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

typedef size_t (*call_fn)(const char *s, size_t n);

static size_t t_offsets(const char *s, size_t n, kztext_scheme from, kztext_scheme to) {
  char *o = NULL;
  kztext_alignment *sp = NULL;
  size_t ol = 0, ns = 0;
  kztext_translit_offsets_alloc(s, n, from, to, KZTEXT_INVALID_REPLACE, &o, &ol, &sp, &ns, NULL);
  kztext_free(o);
  kztext_free(sp);
  return ol;
}
static size_t c_l21_cyr(const char *s, size_t n) {
  return t_offsets(s, n, KZTEXT_SCHEME_LATIN2021, KZTEXT_SCHEME_CYRILLIC);
}
static size_t c_l18_cyr(const char *s, size_t n) {
  return t_offsets(s, n, KZTEXT_SCHEME_LATIN2018, KZTEXT_SCHEME_CYRILLIC);
}
static size_t c_cyr_l18(const char *s, size_t n) {
  return t_offsets(s, n, KZTEXT_SCHEME_CYRILLIC, KZTEXT_SCHEME_LATIN2018);
}
static size_t c_cyr_l21(const char *s, size_t n) {
  return t_offsets(s, n, KZTEXT_SCHEME_CYRILLIC, KZTEXT_SCHEME_LATIN2021);
}
static size_t c_auto_cyr(const char *s, size_t n) {
  return t_offsets(s, n, KZTEXT_SCHEME_AUTO, KZTEXT_SCHEME_CYRILLIC);
}
static size_t c_auto_arab(const char *s, size_t n) {
  return t_offsets(s, n, KZTEXT_SCHEME_AUTO, KZTEXT_SCHEME_ARABIC);
}
static size_t c_bgn_cyr(const char *s, size_t n) {
  return t_offsets(s, n, KZTEXT_SCHEME_BGN, KZTEXT_SCHEME_CYRILLIC);
}
static size_t t_plain(const char *s, size_t n, kztext_scheme from, kztext_scheme to) {
  char *o = NULL;
  size_t ol = 0;
  kztext_translit_alloc(s, n, from, to, KZTEXT_INVALID_REPLACE, &o, &ol, NULL);
  kztext_free(o);
  return ol;
}
static size_t c_plain_auto(const char *s, size_t n) {
  return t_plain(s, n, KZTEXT_SCHEME_AUTO, KZTEXT_SCHEME_CYRILLIC);
}
static size_t c_plain_l21(const char *s, size_t n) {
  return t_plain(s, n, KZTEXT_SCHEME_LATIN2021, KZTEXT_SCHEME_CYRILLIC);
}
static size_t c_plain_arab(const char *s, size_t n) {
  return t_plain(s, n, KZTEXT_SCHEME_ARABIC, KZTEXT_SCHEME_CYRILLIC);
}
static size_t c_plain_to_arab(const char *s, size_t n) {
  return t_plain(s, n, KZTEXT_SCHEME_CYRILLIC, KZTEXT_SCHEME_ARABIC);
}
static size_t c_plain_press(const char *s, size_t n) {
  return t_plain(s, n, KZTEXT_SCHEME_PRESS, KZTEXT_SCHEME_CYRILLIC);
}
static size_t c_detect(const char *s, size_t n) {
  kztext_detect_result r;
  memset(&r, 0, sizeof r);
  r.size = sizeof r;
  kztext_detect(s, n, KZTEXT_INVALID_REPLACE, &r, NULL);
  return (size_t)r.lang;
}
static size_t c_normalize(const char *s, size_t n) {
  char *o = NULL;
  size_t ol = 0;
  kztext_normalize_alloc(s, n, KZTEXT_NORM_NFC | KZTEXT_INVALID_REPLACE, &o, &ol, NULL);
  kztext_free(o);
  return ol;
}
static size_t c_repair(const char *s, size_t n) {
  char *o = NULL;
  size_t ol = 0;
  kztext_repair_alloc(s, n, KZTEXT_REPAIR_ALL | KZTEXT_INVALID_REPLACE, &o, &ol, NULL, NULL);
  kztext_free(o);
  return ol;
}
static size_t c_mixed(const char *s, size_t n) {
  kztext_mixed_word *w = NULL;
  size_t nw = 0;
  kztext_mixed_script_words_alloc(s, n, KZTEXT_INVALID_REPLACE, &w, &nw, NULL);
  kztext_free(w);
  return nw;
}
static size_t c_seg(const char *s, size_t n, int tokens) {
  kztext_segmenter *g = NULL;
  if (kztext_segmenter_new(&g)) return 0;
  kztext_span *sp = NULL;
  size_t ns = 0;
  if (tokens)
    kztext_tokens_alloc(g, s, n, KZTEXT_LANG_AUTO, KZTEXT_INVALID_REPLACE, &sp, &ns, NULL);
  else
    kztext_sentences_alloc(g, s, n, KZTEXT_LANG_AUTO, KZTEXT_INVALID_REPLACE, &sp, &ns, NULL);
  kztext_free(sp);
  kztext_segmenter_free(g);
  return ns;
}
static size_t c_sentences(const char *s, size_t n) { return c_seg(s, n, 0); }
static size_t c_tokens(const char *s, size_t n) { return c_seg(s, n, 1); }
static size_t c_namekey(const char *s, size_t n) {
  char *o = NULL;
  size_t ol = 0;
  kztext_name_key_alloc(s, n, KZTEXT_INVALID_REPLACE, &o, &ol, NULL);
  kztext_free(o);
  return ol;
}
static size_t c_case(const char *s, size_t n) {
  char *o = NULL;
  size_t ol = 0;
  kztext_case_alloc(s, n, KZTEXT_LANG_KK, KZTEXT_CASE_UPPER | KZTEXT_INVALID_REPLACE, &o, &ol,
                    NULL);
  kztext_free(o);
  return ol;
}
static size_t c_decode(const char *s, size_t n) {
  char *o = NULL;
  size_t ol = 0;
  kztext_decode_alloc(s, n, KZTEXT_ENC_AUTO, 0, &o, &ol, NULL, NULL);
  kztext_free(o);
  return ol;
}

static const struct {
  const char *name;
  call_fn fn;
} calls[] = {
    {"translit latin2021->cyr +offsets", c_l21_cyr},
    {"translit latin2018->cyr +offsets", c_l18_cyr},
    {"translit bgn->cyr +offsets", c_bgn_cyr},
    {"translit cyr->latin2021 +offsets", c_cyr_l21},
    {"translit cyr->latin2018 +offsets", c_cyr_l18},
    {"translit auto->cyr +offsets", c_auto_cyr},
    {"translit auto->arabic +offsets", c_auto_arab},
    {"translit auto->cyr", c_plain_auto},
    {"translit latin2021->cyr", c_plain_l21},
    {"translit arabic->cyr", c_plain_arab},
    {"translit cyr->arabic", c_plain_to_arab},
    {"translit press->cyr", c_plain_press},
    {"detect", c_detect},
    {"normalize NFC", c_normalize},
    {"repair all", c_repair},
    {"mixed-script words", c_mixed},
    {"sentences", c_sentences},
    {"tokens", c_tokens},
    {"name key", c_namekey},
    {"case upper", c_case},
    {"decode auto", c_decode},
};

/* Seconds for one call, the best of three after one untimed (the first
 * touches fresh pages). */
static double time_call(call_fn fn, const char *s, size_t n, size_t *sink) {
  double best = 1e9;
  *sink += fn(s, n);
  for (int r = 0; r < 3; r++) {
    const double t0 = bench_now();
    *sink += fn(s, n);
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
    printf("%s\n", calls[c].name);
    for (size_t k = 0; k < sizeof shapes / sizeof *shapes; k++) {
      size_t l1, l4;
      char *s1 = repeat(shapes[k].unit, n, &l1), *s4 = repeat(shapes[k].unit, 4 * n, &l4);
      const double t1 = time_call(calls[c].fn, s1, l1, &sink);
      const double t4 = time_call(calls[c].fn, s4, l4, &sink);
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

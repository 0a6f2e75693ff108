/* Throughput of kztext_name_key() on Cyrillic news text (corpus/kk and
 * corpus/ru; issue 15 asks >= 100 MB/s), keyed line by line (a line stands
 * for a name field: many parts, all sorted) and word by word (what
 * `process --names` does per span), against utf8proc case folding of the
 * same text, the nearest per-letter pass a library offers.
 *
 * Rates are bytes per second of this process's CPU time, best of three.
 *
 * Usage: bench_names [CORPUS_DIR]   (default ../shared/data/corpus) */
#include "bench.h"

#include <utf8proc.h>

#include <kztext.h>

static volatile size_t sink;

/* Keys every line (or, with words, every space-separated word) of c. */
static void key_all(const corpus *c, char *dst, size_t cap, int words) {
  const char *s = c->data, *end = c->data + c->len;
  while (s < end) {
    const char *e = s;
    while (e < end && *e != '\n' && !(words && *e == ' '))
      e++;
    size_t n = 0;
    if (e > s && kztext_name_key(s, (size_t)(e - s), KZTEXT_INVALID_REPLACE, dst, cap, &n, NULL) ==
                     KZTEXT_OK)
      sink += n;
    s = e + 1;
  }
}

int main(int argc, char **argv) {
  const char *dir = bench_corpus_dir(argc, argv);
  static const char *langs[] = {"kk", "ru"};
  printf("kztext %s, corpora in %s\n", kztext_version_string(), dir);
  for (size_t i = 0; i < sizeof langs / sizeof *langs; i++) {
    corpus c;
    if (!bench_load(&c, dir, langs[i])) {
      printf("%s: no corpus\n", langs[i]);
      continue;
    }
    size_t longest = 0, run = 0;
    for (size_t k = 0; k < c.len; k++) {
      run = c.data[k] == '\n' ? 0 : run + 1;
      if (run > longest) longest = run;
    }
    size_t cap = KZTEXT_NAME_KEY_BOUND(longest);
    char *dst = malloc(cap);
    double lines, words, base;
    BENCH_CPU_MBPS(lines, c.len, 0.3, key_all(&c, dst, cap, 0));
    BENCH_CPU_MBPS(words, c.len, 0.3, key_all(&c, dst, cap, 1));
    BENCH_CPU_MBPS(base, c.len, 0.3, {
      utf8proc_uint8_t *o = NULL;
      utf8proc_ssize_t r = utf8proc_map((const utf8proc_uint8_t *)c.data, (utf8proc_ssize_t)c.len,
                                        &o, UTF8PROC_CASEFOLD | UTF8PROC_IGNORE);
      sink += (size_t)r;
      free(o);
    });
    printf("namekey %-3s %7.1f MB/s by line, %7.1f MB/s by word | utf8proc casefold %7.1f MB/s"
           " | ratio %.2fx, %.2fx\n",
           langs[i], lines, words, base, lines / base, words / base);
    free(dst);
    free(c.data);
  }
  return 0;
}

/* Throughput of language identification (sentence-sized units) and of script
 * runs, on the kk, ru and en corpora, against ICU's uscript_getScript() over
 * the same text in the same process (a per-code-point script lookup: the
 * least any script-based detector does).
 *
 * Rows per corpus: detect with the default flags, detect with
 * KZTEXT_DETECT_NO_MIXED (as the pipeline calls it, per sentence), script runs.
 *
 * Columns: kztext and ICU MB/s by the wall clock (best of 3), their ratio,
 * and kztext MB/s by thread CPU time (robust on a shared machine).
 *
 * Run: build/bench/bench_detect [CORPUS_DIR]   (default ../shared/data/corpus) */
#include "bench.h"

#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <kztext.h>

typedef struct unit {
  size_t start, len;
} unit;

/* The machine is shared: besides wall-clock MB/s (BENCH_MBPS), kztext's
 * MB/s per second of this thread's CPU time, which other processes do not
 * disturb. */

/* Sentence-sized units: lines, cut after ". " when longer than 200 bytes. */
static unit *split_units(const char *s, size_t n, size_t *count) {
  size_t cap = 1024, k = 0, start = 0;
  unit *u = malloc(cap * sizeof *u);
  for (size_t i = 0; i <= n && u; i++) {
    int cut =
        i == n || s[i] == '\n' || (i - start > 200 && i + 1 < n && s[i] == '.' && s[i + 1] == ' ');
    if (!cut) continue;
    size_t end = (i < n && s[i] == '.') ? i + 1 : i;
    if (end > start) {
      if (k == cap) {
        unit *nu = realloc(u, (cap *= 2) * sizeof *u);
        if (!nu) {
          free(u);
          return NULL;
        }
        u = nu;
      }
      u[k].start = start;
      u[k].len = end - start;
      k++;
    }
    start = end < n && s[end] == '\n' ? end + 1 : end + (end < n && s[end] == ' ');
    if (start < i + 1) start = i + 1;
  }
  *count = k;
  return u;
}

static volatile size_t sink;

int main(int argc, char **argv) {
  const char *dir = bench_corpus_dir(argc, argv);
  static const char *langs[] = {"kk", "ru", "en"};
  printf("%-4s %-28s %10s %10s %8s %13s\n", "lang", "task", "kztext", "ICU", "ratio",
         "kztext (CPU)");
  for (int li = 0; li < 3; li++) {
    corpus c;
    if (!bench_load(&c, dir, langs[li])) {
      printf("skipped: no corpus at %s/%s\n", dir, langs[li]);
      continue;
    }
    size_t nu = 0;
    unit *u = split_units(c.data, c.len, &nu);
    if (!u) return 1;
    size_t bytes = 0;
    for (size_t i = 0; i < nu; i++)
      bytes += u[i].len;

    /* Language identification per unit. */
    double kz, icu, cpu;
#define DETECT_ALL(flags)                                                                          \
  {                                                                                                \
    size_t acc = 0;                                                                                \
    for (size_t i = 0; i < nu; i++) {                                                              \
      kztext_detect_result r;                                                                      \
      r.size = sizeof r;                                                                           \
      kztext_detect(c.data + u[i].start, u[i].len, (flags), &r, NULL);                             \
      acc += r.lang;                                                                               \
    }                                                                                              \
    sink = acc;                                                                                    \
  }
    BENCH_CPU_MBPS(cpu, bytes, 0.5, DETECT_ALL(KZTEXT_INVALID_REPLACE));
    BENCH_MBPS(kz, bytes, 0.5, DETECT_ALL(KZTEXT_INVALID_REPLACE));
    BENCH_MBPS(icu, bytes, 0.5, {
      size_t acc = 0;
      for (size_t i = 0; i < nu; i++) {
        const uint8_t *p = (const uint8_t *)c.data + u[i].start;
        int32_t j = 0, len = (int32_t)u[i].len;
        size_t cyr = 0, lat = 0;
        while (j < len) {
          UChar32 cp;
          U8_NEXT(p, j, len, cp);
          UErrorCode e = U_ZERO_ERROR;
          UScriptCode sc = uscript_getScript(cp < 0 ? 0xFFFD : cp, &e);
          cyr += sc == USCRIPT_CYRILLIC;
          lat += sc == USCRIPT_LATIN;
        }
        acc += cyr > lat;
      }
      sink = acc;
    });
    char task[64];
    snprintf(task, sizeof task, "detect, %zu units of %zu B", nu, nu ? bytes / nu : 0);
    printf("%-4s %-28s %8.0f MB/s %6.0f MB/s %7.2fx %8.0f MB/s\n", langs[li], task, kz, icu,
           kz / icu, cpu);
    /* As the pipeline calls it: per sentence, no code-switching analysis. */
    BENCH_CPU_MBPS(cpu, bytes, 0.5, DETECT_ALL(KZTEXT_INVALID_REPLACE | KZTEXT_DETECT_NO_MIXED));
    BENCH_MBPS(kz, bytes, 0.5, DETECT_ALL(KZTEXT_INVALID_REPLACE | KZTEXT_DETECT_NO_MIXED));
    printf("%-4s %-28s %8.0f MB/s %6.0f MB/s %7.2fx %8.0f MB/s\n", langs[li],
           "detect, same units, NO_MIXED", kz, icu, kz / icu, cpu);

    /* Script runs over the whole corpus. */
    size_t cap_runs = 0;
    kztext_script_runs(c.data, c.len, KZTEXT_INVALID_REPLACE, NULL, 0, &cap_runs, NULL);
    kztext_script_run *runs = malloc((cap_runs + 1) * sizeof *runs);
    if (!runs) return 1;
#define RUNS_ALL                                                                                   \
  {                                                                                                \
    size_t n = 0;                                                                                  \
    kztext_script_runs(c.data, c.len, KZTEXT_INVALID_REPLACE, runs, cap_runs, &n, NULL);           \
    sink = n;                                                                                      \
  }
    BENCH_CPU_MBPS(cpu, c.len, 0.5, RUNS_ALL);
    BENCH_MBPS(kz, c.len, 0.5, RUNS_ALL);
    BENCH_MBPS(icu, c.len, 0.5, {
      const uint8_t *p = (const uint8_t *)c.data;
      int32_t j = 0, len = (int32_t)c.len;
      size_t n = 0;
      UScriptCode cur = USCRIPT_INVALID_CODE;
      while (j < len) {
        UChar32 cp;
        U8_NEXT(p, j, len, cp);
        UErrorCode e = U_ZERO_ERROR;
        UScriptCode sc = uscript_getScript(cp < 0 ? 0xFFFD : cp, &e);
        if (sc != USCRIPT_COMMON && sc != USCRIPT_INHERITED && sc != cur) {
          cur = sc;
          n++;
        }
      }
      sink = n;
    });
    printf("%-4s %-28s %8.0f MB/s %6.0f MB/s %7.2fx %8.0f MB/s\n", langs[li],
           "script runs, whole corpus", kz, icu, kz / icu, cpu);
    free(runs);
    free(u);
    free(c.data);
  }
  return 0;
}

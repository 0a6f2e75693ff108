/* Helpers shared by the benchmarks: corpus loading and timing. */
#ifndef KZTEXT_BENCH_H
#define KZTEXT_BENCH_H

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct corpus {
  char name[64];
  char *data;
  size_t len;
} corpus;

static inline double bench_now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static inline void bench_append_file(corpus *c, const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) return;
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *p = realloc(c->data, c->len + (size_t)n + 1);
  if (!p) {
    fclose(f);
    return;
  }
  c->data = p;
  c->len += fread(c->data + c->len, 1, (size_t)n, f);
  c->data[c->len] = 0;
  fclose(f);
}

/* Loads every file of dir/<lang>/ as one text (the files concatenated). */
static inline int bench_load(corpus *c, const char *dir, const char *lang) {
  char path[4096];
  snprintf(c->name, sizeof c->name, "%s", lang);
  c->data = NULL;
  c->len = 0;
  snprintf(path, sizeof path, "%s/%s", dir, lang);
  DIR *d = opendir(path);
  if (!d) return 0;
  struct dirent *e;
  /* Sorted for a stable order across runs. */
  char *names[64];
  int n = 0;
  while ((e = readdir(d)) && n < 64)
    if (e->d_name[0] != '.') names[n++] = strdup(e->d_name);
  closedir(d);
  for (int i = 0; i < n; i++)
    for (int j = i + 1; j < n; j++)
      if (strcmp(names[i], names[j]) > 0) {
        char *t = names[i];
        names[i] = names[j];
        names[j] = t;
      }
  for (int i = 0; i < n; i++) {
    snprintf(path, sizeof path, "%s/%s/%s", dir, lang, names[i]);
    bench_append_file(c, path);
    free(names[i]);
  }
  return c->len > 0;
}

/* Runs fn until at least min_seconds have passed; returns MB/s (best of 3). */
#define BENCH_MBPS(result, bytes, min_seconds, ...)                                                \
  do {                                                                                             \
    double best_ = 0;                                                                              \
    for (int rep_ = 0; rep_ < 3; rep_++) {                                                         \
      double t0_ = bench_now(), t_;                                                                \
      long iters_ = 0;                                                                             \
      do {                                                                                         \
        __VA_ARGS__;                                                                               \
        iters_++;                                                                                  \
      } while ((t_ = bench_now() - t0_) < (min_seconds));                                          \
      double mbps_ = (double)(bytes)*iters_ / t_ / 1e6;                                            \
      if (mbps_ > best_) best_ = mbps_;                                                            \
    }                                                                                              \
    (result) = best_;                                                                              \
  } while (0)

/* CPU time of the calling thread: steadier than wall time on a shared
 * machine (single-threaded benchmarks only). */
static inline double bench_cpu_now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* BENCH_MBPS on CPU time. */
#define BENCH_CPU_MBPS(result, bytes, min_seconds, ...)                                            \
  do {                                                                                             \
    double best_ = 0;                                                                              \
    for (int rep_ = 0; rep_ < 3; rep_++) {                                                         \
      double t0_ = bench_cpu_now(), t_;                                                            \
      long iters_ = 0;                                                                             \
      do {                                                                                         \
        __VA_ARGS__;                                                                               \
        iters_++;                                                                                  \
      } while ((t_ = bench_cpu_now() - t0_) < (min_seconds));                                      \
      double mbps_ = (double)(bytes)*iters_ / t_ / 1e6;                                            \
      if (mbps_ > best_) best_ = mbps_;                                                            \
    }                                                                                              \
    (result) = best_;                                                                              \
  } while (0)

/* Path of the corpus directory: argv[1] or ../shared/data/corpus. */
static inline const char *bench_corpus_dir(int argc, char **argv) {
  return argc > 1 ? argv[1] : KZTEXT_SHARED_DATA "/corpus";
}

#endif

/* The allocation-failure sweep of the C API (ctest alloc.api; see
 * docs/testing.md).  Linked with tests/alloc/failmalloc.c: every public
 * function that may allocate is called once to warm ICU's caches and take
 * a reference result, then again with allocation N failing, for every N
 * until a call completes without reaching N.  Each call must return
 * KZTEXT_OK with the reference result (the failure was absorbed) or
 * KZTEXT_E_NO_MEMORY, and must leave exactly as many live blocks as it
 * found (the injector tracks every block made while it is armed, so a
 * leak of one block shows).  The one tolerance: ICU 72's own leak when an
 * allocation fails inside the RuleBasedBreakIterator constructor that
 * ubrk_open() runs (2 blocks, see tests/alloc/sweep.py). */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <execinfo.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <kztext.h>

#include "failmalloc.h"

static const char KK[] =
    "Қазақстан Республикасы — Орталық Азиядағы мемлекет. Астанасы Астана қаласы!\n"
    "Привет, мир. Это т.е. проверка, напр. г. Алматы.\n\n"
    "Hello world. Dr. Smith went to Washington at 5 p.m. yesterday.\n"
    "Qazaqstan Respublikasy — Ortalyq Aziiadağy memleket. Bılım men ğylym.\n";
static const char LAT[] = "Qazaqstan Respublikasy — Ortalyq Aziiadağy memleket. Bılım men ğylym.";
static const char BAD[] = "Қазақ \xff тілі. Bad \xc3 byte. е\xcc\x88 ё\n";
/* "Привет, мир" in CP1251, and UTF-8 Kazakh read as CP1251 (mojibake). */
static const char CP1251[] = "\xcf\xf0\xe8\xe2\xe5\xf2, \xec\xe8\xf0. \xdd\xf2\xee.\n";
static const char MOJI[] = "\xd0\x97\xd0\x98\xd0\x8f\xd0\x98\xd0\x97\xd0\x98\xd1\x9b";

/* FNV-1a over a call's results: what "the same result" means. */
typedef struct {
  uint64_t h;
} digest;
static void mix(digest *d, const void *p, size_t n) {
  const unsigned char *s = p;
  for (size_t i = 0; i < n; i++)
    d->h = (d->h ^ s[i]) * 0x100000001b3ull;
}
#define MIXV(d, v) mix((d), &(v), sizeof(v))

typedef kztext_status (*call_fn)(digest *d);

static kztext_status c_normalize_alloc(digest *d) {
  char *out = NULL;
  size_t n = 0;
  kztext_status st = kztext_normalize_alloc(
      BAD, sizeof BAD - 1, KZTEXT_NORM_NFKC | KZTEXT_NORM_CASEFOLD | KZTEXT_INVALID_REPLACE, &out,
      &n, NULL);
  if (!st) mix(d, out, n);
  kztext_free(out);
  return st;
}

static kztext_status c_normalize(digest *d) {
  char buf[1024];
  size_t n = 0;
  kztext_status st =
      kztext_normalize(KK, sizeof KK - 1, KZTEXT_NORM_NFD, buf, sizeof buf, &n, NULL);
  if (!st) mix(d, buf, n);
  int normal = -1;
  kztext_status st2 = kztext_is_normalized(KK, sizeof KK - 1, KZTEXT_NORM_NFC, &normal, NULL);
  if (!st && st2) st = st2;
  MIXV(d, normal);
  return st;
}

static kztext_status c_repair_alloc(digest *d) {
  char *out = NULL;
  size_t n = 0;
  kztext_repair_report rep = {sizeof rep, 0, 0, 0, 0, 0, 0};
  kztext_status st =
      kztext_repair_alloc(MOJI, sizeof MOJI - 1, KZTEXT_REPAIR_ALL, &out, &n, &rep, NULL);
  if (!st) {
    mix(d, out, n);
    MIXV(d, rep.mojibake);
  }
  kztext_free(out);
  return st;
}

static kztext_status c_repair(digest *d) {
  char buf[1024];
  size_t n = 0;
  kztext_status st =
      kztext_repair(KK, sizeof KK - 1, KZTEXT_REPAIR_ALL, buf, sizeof buf, &n, NULL, NULL);
  if (!st) mix(d, buf, n);
  return st;
}

static kztext_status c_case(digest *d) {
  char *out = NULL;
  size_t n = 0;
  kztext_status st =
      kztext_case_alloc(LAT, sizeof LAT - 1, KZTEXT_LANG_KK, KZTEXT_CASE_UPPER, &out, &n, NULL);
  if (!st) mix(d, out, n);
  kztext_free(out);
  if (st) return st;
  char buf[512];
  st =
      kztext_case(KK, sizeof KK - 1, KZTEXT_LANG_AUTO, KZTEXT_CASE_FOLD, buf, sizeof buf, &n, NULL);
  if (!st) mix(d, buf, n);
  return st;
}

static kztext_status c_detect(digest *d) {
  kztext_detect_result r;
  memset(&r, 0, sizeof r);
  r.size = sizeof r;
  kztext_status st = kztext_detect(KK, sizeof KK - 1, 0, &r, NULL);
  if (!st) {
    MIXV(d, r.lang);
    MIXV(d, r.script);
    MIXV(d, r.confidence);
  }
  return st;
}

static kztext_status c_decode(digest *d) {
  char *out = NULL;
  size_t n = 0;
  kztext_decode_info info = {sizeof info, KZTEXT_ENC_AUTO, 0, 0, 0, KZTEXT_ENC_AUTO};
  kztext_status st =
      kztext_decode_alloc(CP1251, sizeof CP1251 - 1, KZTEXT_ENC_AUTO, 0, &out, &n, &info, NULL);
  if (!st) mix(d, out, n);
  kztext_free(out);
  if (st) return st;
  char buf[512];
  st = kztext_decode(MOJI, sizeof MOJI - 1, KZTEXT_ENC_UTF8, 0, buf, sizeof buf, &n, NULL, NULL);
  if (!st) mix(d, buf, n);
  kztext_encoding enc;
  int conf;
  kztext_status st2 = kztext_detect_encoding(CP1251, sizeof CP1251 - 1, &enc, &conf);
  if (!st && st2) st = st2;
  MIXV(d, enc);
  return st;
}

static kztext_status c_script(digest *d) {
  kztext_script_run *runs = NULL;
  kztext_mixed_word *words = NULL;
  size_t n = 0, m = 0;
  kztext_status st = kztext_script_runs_alloc(KK, sizeof KK - 1, 0, &runs, &n, NULL);
  if (!st) mix(d, runs, n * sizeof *runs);
  kztext_free(runs);
  if (st) return st;
  static const char mixed[] = "Кaзaхстан Алматы Aлмaты";
  st = kztext_mixed_script_words_alloc(mixed, sizeof mixed - 1, 0, &words, &m, NULL);
  if (!st) mix(d, words, m * sizeof *words);
  kztext_free(words);
  return st;
}

static kztext_status c_segmenter(digest *d) {
  kztext_segmenter *seg = NULL;
  kztext_status st = kztext_segmenter_new(&seg);
  if (st) return st;
  kztext_span *sp = NULL, *tk = NULL;
  size_t n = 0, m = 0;
  st = kztext_sentences_alloc(seg, KK, sizeof KK - 1, KZTEXT_LANG_AUTO, 0, &sp, &n, NULL);
  if (!st) mix(d, sp, n * sizeof *sp);
  if (!st) st = kztext_tokens_alloc(seg, KK, sizeof KK - 1, KZTEXT_LANG_AUTO, 0, &tk, &m, NULL);
  if (!st) mix(d, tk, m * sizeof *tk);
  kztext_span arr[64];
  if (!st)
    st = kztext_sentences(seg, BAD, sizeof BAD - 1, KZTEXT_LANG_KK, KZTEXT_INVALID_REPLACE, arr, 64,
                          &n, NULL);
  if (!st) mix(d, arr, n * sizeof *arr);
  if (!st) st = kztext_tokens(seg, LAT, sizeof LAT - 1, KZTEXT_LANG_KK, 0, arr, 64, &n, NULL);
  if (!st) mix(d, arr, n * sizeof *arr);
  kztext_free(sp);
  kztext_free(tk);
  kztext_segmenter_free(seg);
  return st;
}

static int on_sentence(void *user, const kztext_sentence *s) {
  digest *d = user;
  mix(d, s->text, s->len);
  MIXV(d, s->lang);
  MIXV(d, s->role);
  if (s->translit) mix(d, s->translit, s->translit_len);
  return 0;
}

static kztext_status c_pipeline(digest *d) {
  kztext_pipeline_options o;
  memset(&o, 0, sizeof o);
  o.size = sizeof o;
  o.translit = 1;
  o.translit_to = KZTEXT_SCHEME_LATIN2021;
  kztext_pipeline *p = NULL;
  kztext_status st = kztext_pipeline_new(&o, &p);
  if (st) return st;
  digest mine = *d;
  st = kztext_pipeline_run(p, KK, sizeof KK - 1, on_sentence, &mine, NULL, NULL);
  /* Sentences delivered before a failure are not part of the result. */
  if (!st) st = kztext_pipeline_run(p, CP1251, sizeof CP1251 - 1, on_sentence, &mine, NULL, NULL);
  if (!st) *d = mine;
  kztext_pipeline_free(p);
  return st;
}

/* The pipeline with line roles: their line table, features and repeat
 * finder allocate too. */
static kztext_status c_pipeline_roles(digest *d) {
  static const char page[] = "Menu\n\nНовый мост открыли в Уральске\n\n"
                             "Мост открыли для движения в пятницу, сообщили в акимате.\n\n"
                             "Фото: акимат\n\nПодписаться\n";
  kztext_pipeline_options o;
  memset(&o, 0, sizeof o);
  o.size = sizeof o;
  o.flags = KZTEXT_PIPELINE_ROLES;
  kztext_pipeline *p = NULL;
  kztext_status st = kztext_pipeline_new(&o, &p);
  if (st) return st;
  digest mine = *d;
  st = kztext_pipeline_run(p, page, sizeof page - 1, on_sentence, &mine, NULL, NULL);
  if (!st) *d = mine;
  kztext_pipeline_free(p);
  return st;
}

/* A stream: its jobs, copies, results and (jobs > 1) threads allocate. */
/* A document that ran out of memory comes back as such, in its place (the
 * stream goes on with the others): here it ends the call, as in the CLI. */
static int stream_oom;

static int on_result(void *user, const kztext_stream_result *r) {
  digest *d = user;
  if (r->status == KZTEXT_E_NO_MEMORY) {
    stream_oom = 1;
    return 1;
  }
  MIXV(d, r->index);
  MIXV(d, r->status);
  for (size_t i = 0; i < r->count; i++)
    on_sentence(d, &r->sentences[i]);
  return 0;
}

static kztext_status stream_run(digest *d, unsigned jobs) {
  kztext_pipeline_options po;
  memset(&po, 0, sizeof po);
  po.size = sizeof po;
  kztext_stream_options so;
  memset(&so, 0, sizeof so);
  so.size = sizeof so;
  so.pipeline = &po;
  so.jobs = jobs;
  so.memory = 256;
  kztext_stream *s = NULL;
  digest mine = *d;
  stream_oom = 0;
  kztext_status st = kztext_stream_new(&so, on_result, &mine, &s);
  if (st) return st;
  const char *docs[] = {KK, BAD, LAT, CP1251};
  for (size_t i = 0; !st && i < sizeof docs / sizeof *docs; i++) {
    kztext_stream_doc doc;
    memset(&doc, 0, sizeof doc);
    doc.size = sizeof doc;
    doc.data = docs[i];
    doc.len = strlen(docs[i]);
    doc.meta = &i;
    doc.meta_len = sizeof i;
    doc.paragraph_errors = 1;
    st = kztext_stream_push(s, &doc);
  }
  kztext_status fin = kztext_stream_finish(s);
  if (!st) st = fin;
  kztext_stream_free(s);
  if (stream_oom) st = KZTEXT_E_NO_MEMORY;
  if (!st) *d = mine;
  return st;
}

static kztext_status c_stream(digest *d) { return stream_run(d, 0); }
static kztext_status c_stream_threads(digest *d) { return stream_run(d, 2); }

static kztext_status c_translit(digest *d) {
  char *out = NULL;
  size_t n = 0;
  kztext_status st = kztext_translit_alloc(KK, sizeof KK - 1, KZTEXT_SCHEME_AUTO,
                                           KZTEXT_SCHEME_ARABIC, 0, &out, &n, NULL);
  if (!st) mix(d, out, n);
  kztext_free(out);
  if (st) return st;
  char buf[2048];
  st = kztext_translit(LAT, sizeof LAT - 1, KZTEXT_SCHEME_AUTO, KZTEXT_SCHEME_CYRILLIC, 0, buf,
                       sizeof buf, &n, NULL);
  if (!st) mix(d, buf, n);
  if (st) return st;
  kztext_alignment *al = NULL;
  size_t na = 0;
  st = kztext_translit_offsets_alloc(BAD, sizeof BAD - 1, KZTEXT_SCHEME_AUTO,
                                     KZTEXT_SCHEME_LATIN2021, KZTEXT_INVALID_REPLACE, &out, &n, &al,
                                     &na, NULL);
  if (!st) {
    mix(d, out, n);
    mix(d, al, na * sizeof *al);
  }
  kztext_free(out);
  kztext_free(al);
  kztext_scheme sc = kztext_translit_detect(LAT, sizeof LAT - 1);
  MIXV(d, sc);
  return st;
}

/* A failed memo costs the transliterator speed, never its result. */
static kztext_status c_transliterator(digest *d) {
  kztext_transliterator *t = NULL;
  kztext_status st = kztext_transliterator_new(&t);
  if (st) return st;
  char *out = NULL;
  size_t n = 0;
  for (int k = 0; k < 2 && !st; k++) {
    st = kztext_transliterator_run_alloc(t, LAT, sizeof LAT - 1, KZTEXT_SCHEME_LATIN2021,
                                         KZTEXT_SCHEME_CYRILLIC, 0, &out, &n, NULL);
    if (!st) mix(d, out, n);
    kztext_free(out);
    out = NULL;
  }
  char buf[2048];
  if (!st)
    st = kztext_transliterator_run(t, KK, sizeof KK - 1, KZTEXT_SCHEME_AUTO, KZTEXT_SCHEME_CYRILLIC,
                                   0, buf, sizeof buf, &n, NULL);
  if (!st) mix(d, buf, n);
  static const char arab[] = "قازاقستان رەسپۋبليكاسى — ورتالىق ازياداعى مەملەكەت.";
  if (!st)
    st = kztext_transliterator_run(t, arab, sizeof arab - 1, KZTEXT_SCHEME_ARABIC,
                                   KZTEXT_SCHEME_CYRILLIC, 0, buf, sizeof buf, &n, NULL);
  if (!st) mix(d, buf, n);
  kztext_transliterator_free(t);
  return st;
}

static kztext_status c_utf8(digest *d) {
  char *out = NULL;
  size_t n = 0, bad = 0;
  kztext_status st = kztext_utf8_repair_alloc(BAD, sizeof BAD - 1, &out, &n, &bad);
  if (!st) mix(d, out, n);
  kztext_free(out);
  if (st) return st;
  char buf[256];
  st = kztext_utf8_repair(BAD, sizeof BAD - 1, buf, sizeof buf, &n, &bad);
  if (!st) mix(d, buf, n);
  return st;
}

static const struct {
  const char *name;
  call_fn fn;
} calls[] = {
    {"normalize_alloc", c_normalize_alloc},
    {"normalize+is_normalized", c_normalize},
    {"repair_alloc", c_repair_alloc},
    {"repair", c_repair},
    {"case+case_alloc", c_case},
    {"detect", c_detect},
    {"decode+decode_alloc+detect_encoding", c_decode},
    {"script_runs+mixed_script_words", c_script},
    {"segmenter+sentences+tokens", c_segmenter},
    {"pipeline", c_pipeline},
    {"pipeline with roles", c_pipeline_roles},
    {"stream", c_stream},
    {"stream on 2 workers", c_stream_threads},
    {"translit+offsets+detect", c_translit},
    {"transliterator", c_transliterator},
    {"utf8_repair", c_utf8},
};

/* Whether the failed allocation was made under ICU's RuleBasedBreakIterator
 * constructor (ICU 72 leaks two blocks there). */
static int icu_rbbi_site(void) {
  void *frames[64];
  int k = failmalloc_site(frames, 64);
  for (int i = 0; i < k; i++) {
    Dl_info info;
    if (dladdr(frames[i], &info) && info.dli_sname &&
        strstr(info.dli_sname, "RuleBasedBreakIteratorC") && strstr(info.dli_sname, "UDataMemory"))
      return 1;
  }
  return 0;
}

int main(void) {
  void *warm[2];
  backtrace(warm, 2); /* load libgcc_s before any failure */
  int failures = 0;
  long total = 0;
  for (size_t c = 0; c < sizeof calls / sizeof *calls; c++) {
    digest ref = {0xcbf29ce484222325ull};
    /* Twice unarmed: ICU's caches are filled by the first call. */
    kztext_status st = calls[c].fn(&ref);
    ref.h = 0xcbf29ce484222325ull;
    st = st ? st : calls[c].fn(&ref);
    if (st) {
      printf("%-36s reference call failed: %s\n", calls[c].name, kztext_strerror(st));
      failures++;
      continue;
    }
    long allocs = 0, n;
    int bad = 0, icu_leaks = 0;
    for (n = 1;; n++) {
      long live0, live1, count;
      int injected;
      failmalloc_state(NULL, NULL, &live0);
      digest d = {0xcbf29ce484222325ull};
      failmalloc_arm(n);
      st = calls[c].fn(&d);
      failmalloc_disarm();
      failmalloc_state(&count, &injected, &live1);
      if (!injected) {
        allocs = count;
        break;
      }
      if (st != KZTEXT_OK && st != KZTEXT_E_NO_MEMORY) {
        printf("%-36s N=%ld: %s, not out of memory\n", calls[c].name, n, kztext_strerror(st));
        bad++;
      } else if (st == KZTEXT_OK && d.h != ref.h) {
        printf("%-36s N=%ld: OK with a result that differs from the reference\n", calls[c].name, n);
        bad++;
      }
      if (live1 != live0) {
        if (live1 - live0 <= 2 && icu_rbbi_site()) {
          icu_leaks++;
        } else {
          printf("%-36s N=%ld: %ld blocks leaked\n", calls[c].name, n, live1 - live0);
          bad++;
        }
      }
      if (n > 100000) {
        printf("%-36s does not end\n", calls[c].name);
        bad++;
        break;
      }
    }
    total += n;
    printf("%-36s %5ld allocations %s", calls[c].name, allocs, bad ? "FAIL" : "ok");
    if (icu_leaks) printf(" (%d runs with ICU 72's RuleBasedBreakIterator leak)", icu_leaks);
    printf("\n");
    failures += bad;
  }
  printf("api sweep: %ld calls, %d failures\n", total, failures);
  return failures ? 1 : 0;
}

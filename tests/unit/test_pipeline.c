/* The pipeline's option checks; streams: order, budget, errors, stops. */
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>

#include <kztext.h>

#include "harness.h"

static void test_options(void) {
  kztext_pipeline_options o = {.size = sizeof o};
  kztext_pipeline *p = NULL;
  /* AUTO is a source, never a target: refused up front, not "out of memory"
   * at the first Kazakh sentence. */
  o.translit = 1;
  o.translit_to = KZTEXT_SCHEME_AUTO;
  CHECK_INT(kztext_pipeline_new(&o, &p), KZTEXT_E_UNSUPPORTED, "translit to auto");
  CHECK(p == NULL, "no pipeline made");
  o.translit_to = (kztext_scheme)99;
  CHECK_INT(kztext_pipeline_new(&o, &p), KZTEXT_E_INVALID_ARG, "unknown scheme");
  o.translit_to = KZTEXT_SCHEME_LATIN2021;
  CHECK_INT(kztext_pipeline_new(&o, &p), KZTEXT_OK, "latin2021");
  kztext_pipeline_free(p);
}

/* What the write callback saw. */
typedef struct seen {
  uint64_t next;      /* the index of the next document expected */
  int out_of_order;   /* a result came out of order */
  atomic_int inside;  /* write callbacks running now */
  int overlapped;     /* two ran at once */
  unsigned long hash; /* of every sentence, in order */
  size_t sentences, errors;
  uint64_t stop_at; /* return 1 at this document (0: never) */
} seen;

static int on_result(void *user, const kztext_stream_result *r) {
  seen *v = user;
  if (atomic_fetch_add(&v->inside, 1)) v->overlapped = 1;
  if (r->index != v->next) v->out_of_order = 1;
  uint64_t n;
  memcpy(&n, r->meta, sizeof n);
  if (n != r->index) v->out_of_order = 1; /* the meta travels with its document */
  if (r->status) v->errors++;
  for (size_t i = 0; i < r->count; i++) {
    const kztext_sentence *s = &r->sentences[i];
    for (size_t k = 0; k < s->len; k++)
      v->hash = v->hash * 31 + (unsigned char)s->text[k];
    v->hash = v->hash * 31 + (unsigned long)(r->index + 1);
  }
  v->sentences += r->count;
  if (r->last) v->next++;
  int stop = v->stop_at && r->index == v->stop_at;
  atomic_fetch_sub(&v->inside, 1);
  return stop;
}

enum { DOCS = 3000 };

/* Document n: a few sentences, every 97th one long (about 40 KB), every
 * 101st one a reading error pushed with the documents. */
static size_t make_doc(uint64_t n, char *buf, size_t cap) {
  size_t len = 0, reps = n % 97 == 0 ? 400 : 1 + n % 5;
  for (size_t i = 0; i < reps && len + 128 < cap; i++)
    len += (size_t)snprintf(buf + len, cap - len,
                            "Document %llu, part %zu, says this. Is it the %zu%s one?\n\n",
                            (unsigned long long)n, i, i, i % 2 ? "st" : "th");
  return len;
}

static kztext_status run_stream(unsigned jobs, size_t memory, seen *v, kztext_stream_stats *st) {
  kztext_pipeline_options po = {.size = sizeof po};
  kztext_stream_options so = {.size = sizeof so, .pipeline = &po, .jobs = jobs, .memory = memory};
  kztext_stream *s = NULL;
  kztext_status r = kztext_stream_new(&so, on_result, v, &s);
  if (r) return r;
  static char buf[64 << 10];
  kztext_status pushed = KZTEXT_OK;
  for (uint64_t n = 0; n < DOCS && !pushed; n++) {
    kztext_stream_doc d = {.size = sizeof d, .meta = &n, .meta_len = sizeof n};
    d.data = buf;
    d.len = make_doc(n, buf, sizeof buf);
    if (n % 101 == 50) d.error = KZTEXT_E_DECODE;
    pushed = kztext_stream_push(s, &d);
  }
  r = kztext_stream_finish(s);
  kztext_stream_stats_get(s, st);
  kztext_stream_free(s);
  return pushed ? pushed : r;
}

/* 16 workers (more than this machine's cores: the point is the mechanism)
 * under a budget far smaller than the input: the same results in the same
 * order as no worker, never two writes at once, and never more bytes in
 * flight than the budget (the documents are all smaller than it). */
static void test_stream_order_and_budget(void) {
  seen one = {0}, many = {0};
  kztext_stream_stats s1 = {.size = sizeof s1}, s16 = {.size = sizeof s16};
  CHECK_INT(run_stream(0, 0, &one, &s1), KZTEXT_OK, "no worker");
  CHECK_INT(run_stream(16, 200 << 10, &many, &s16), KZTEXT_OK, "16 workers");
  CHECK_INT(s16.jobs, 16, "16 workers started");
  CHECK_INT(s1.jobs, 0, "no thread");
  CHECK_INT(many.next, DOCS, "every document written");
  CHECK(!many.out_of_order && !one.out_of_order, "results in input order");
  CHECK(!many.overlapped, "one write at a time");
  CHECK(many.hash == one.hash && many.sentences == one.sentences && one.sentences > DOCS,
        "the same sentences at -j 16 as at -j 1");
  CHECK_INT(many.errors, DOCS / 101 + (DOCS % 101 > 50), "reading errors carried");
  CHECK_INT(s16.memory, 200 << 10, "the budget in force");
  CHECK(s16.peak_inflight <= s16.memory, "peak in flight %zu over the budget %zu",
        s16.peak_inflight, s16.memory);
  CHECK(s16.peak_inflight > s16.memory / 2, "the budget was used (peak %zu)", s16.peak_inflight);
  CHECK(s16.documents == DOCS && s16.results == DOCS, "stats count documents and results");
}

/* Documents written so far, for test_stream_job_cap. */
static int count_written(void *user, const kztext_stream_result *r) {
  if (r->last) atomic_fetch_add((atomic_size_t *)user, 1);
  return 0;
}

/* Besides the byte budget, at most two groups per worker and two more are
 * in flight: with 2 workers and documents of a group each, a push returns
 * with at most 6 documents not yet written, though the budget would let
 * hundreds in (the pool then reuses the same few groups' buffers). */
static void test_stream_job_cap(void) {
  kztext_pipeline_options po = {.size = sizeof po};
  kztext_stream_options so = {.size = sizeof so, .pipeline = &po, .jobs = 2, .batch = 4096};
  kztext_stream *s = NULL;
  atomic_size_t written = 0;
  CHECK_INT(kztext_stream_new(&so, count_written, &written, &s), KZTEXT_OK, "stream");
  if (!s) return;
  static char buf[8192];
  size_t most = 0;
  for (uint64_t n = 0; n < 400; n++) {
    size_t len = 0;
    while (len < 5000) /* more than a group's 4096 bytes: a group alone */
      len += (size_t)snprintf(buf + len, sizeof buf - len, "Sentence %llu of many here. ",
                              (unsigned long long)n);
    kztext_stream_doc d = {.size = sizeof d, .data = buf, .len = len};
    CHECK_INT(kztext_stream_push(s, &d), KZTEXT_OK, "push");
    const size_t out = (size_t)(n + 1) - atomic_load(&written);
    if (out > most) most = out;
  }
  CHECK_INT(kztext_stream_finish(s), KZTEXT_OK, "finish");
  CHECK_INT(atomic_load(&written), 400, "every document written");
  CHECK(most <= 2 * 2 + 2, "%zu documents in flight at once, more than 6", most);
  kztext_stream_free(s);
}

/* A write callback that stops: nothing after it is written, later pushes
 * fail, finish says so. */
static void test_stream_stop(void) {
  seen v = {0};
  v.stop_at = 1000;
  kztext_stream_stats st = {.size = sizeof st};
  CHECK_INT(run_stream(4, 64 << 10, &v, &st), KZTEXT_E_STOPPED, "stopped");
  CHECK_INT(v.next, 1001, "everything up to the stop, nothing after");
  CHECK(!v.out_of_order, "in order up to the stop");
}

static void test_stream_args(void) {
  kztext_pipeline_options po = {.size = sizeof po};
  kztext_stream_options so = {.size = sizeof so, .pipeline = &po};
  kztext_stream *s = NULL;
  CHECK_INT(kztext_stream_new(&so, NULL, NULL, &s), KZTEXT_E_INVALID_ARG, "no writer");
  so.pipeline = NULL;
  CHECK_INT(kztext_stream_new(&so, on_result, NULL, &s), KZTEXT_E_INVALID_ARG, "no pipeline");
  po.flags = 0x80000000u;
  so.pipeline = &po;
  CHECK_INT(kztext_stream_new(&so, on_result, NULL, &s), KZTEXT_E_INVALID_FLAGS, "bad flags");
  CHECK(s == NULL, "nothing made");
  kztext_stream_free(NULL);
}

int main(void) {
  test_options();
  test_stream_args();
  test_stream_order_and_budget();
  test_stream_job_cap();
  test_stream_stop();
  return t_finish();
}

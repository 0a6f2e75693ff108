/* Streams: kztext_pipeline over many documents on N worker threads, with
 * the results written in input order and a byte budget on what is in
 * flight.
 *
 * Documents are copied into jobs (one large document, or a group of small
 * ones up to `batch` bytes).  Jobs sit in one list in push order; `take`
 * points at the first one no worker has taken.  Whichever thread finishes
 * the job at the head of the list (or finds it finished) becomes the writer
 * and writes every finished job from the head on, outside the lock; the
 * others go back to work.  So no thread is set aside for writing, the
 * pushing thread only reads, and the write callback is never called twice
 * at once.  Jobs, with their buffers, go back to a small pool: a worker
 * reuses buffers that have reached their size instead of asking the
 * allocator (shared by all threads) for fresh ones.  So that the pool
 * serves nearly every job, besides the byte budget there are at most two
 * jobs per worker and two more, in flight or pooled: fresh buffers cost a
 * page fault a page (without the cap, -j 2 took 3.7 times the faults of
 * -j 1 and a tenth more CPU), and a worker needs no more jobs ahead. */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <kztext.h>

#include "core/buffer.h"

/* Jobs in existence (in flight or pooled) per worker, and besides them. */
enum { JOBS_PER_WORKER = 2, JOBS_EXTRA = 2 };
/* What a document costs in the budget besides its bytes (its slots). */
enum { DOC_COST = 64 };
enum { BATCH_DEFAULT = 64 << 10, BATCH_MIN = 4 << 10 };
/* A worker keeps scratch buffers between jobs up to memory / (2 workers)
 * each, at least this: the budget bounds them too. */
enum { SCRATCH_KEEP_MIN = 256 << 10 };

typedef struct doc {
  size_t start, end;         /* its bytes in job.data */
  size_t meta_off, meta_len; /* in job.meta, 16-byte aligned */
  kztext_status error;       /* pushed with it */
  size_t error_offset;
  int paragraph_errors;
} doc;

typedef struct part {
  size_t doc, offset; /* offset: into the document */
  kztext_status status;
  size_t error_offset; /* into the document */
  size_t first, count; /* its sentences */
  size_t normalized_len, paragraphs;
  int last;
  size_t fmt_off, fmt_len; /* what the format callback made, in job.fmt */
} part;

/* Where a sentence's strings are in job.arena until it is written. */
typedef struct sent_at {
  size_t norm, tl, names;
} sent_at;

typedef struct job {
  struct job *next; /* in the ordered list, or in the pool */
  uint64_t first_index;
  size_t cost;
  int done;
  /* input */
  char *data;
  size_t len, data_cap;
  char *meta;
  size_t meta_len, meta_cap;
  doc *docs;
  size_t n_docs, docs_cap;
  /* output */
  kztext_sentence *sents;
  sent_at *at;
  size_t n_sents, sents_cap;
  char *arena; /* normalized documents, transliterations and name keys */
  size_t arena_len, arena_cap;
  part *parts;
  size_t n_parts, parts_cap;
  char *fmt; /* the format callback's bytes */
  size_t fmt_len, fmt_cap;
  size_t doc_norm; /* the current document's normalized text in arena */
  int have_doc, oom;
} job;

struct kztext_stream {
  kztext_pipeline_options popt;
  kztext_stream_write_fn write;
  kztext_stream_format_fn format;
  void *user;
  size_t memory, batch;
  size_t scratch_keep; /* see SCRATCH_KEEP_MIN */
  unsigned jobs;       /* worker threads started */
  unsigned n_pipes;
  kztext_pipeline **pipes;
  struct scratch *scratch; /* one per pipeline (format callback only) */
  pthread_t *threads;
  job *pending; /* the pushing thread's group */
  int finished;
  uint64_t documents, bytes; /* pushing thread only */
  /* Shared, under mu.  The lock is taken per job, not per document. */
  pthread_mutex_t mu;
  pthread_cond_t cv_work, cv_space;
  job *head, *tail, *take;
  size_t inflight, peak;
  uint64_t results;
  int writing, stopped, quit;
  job *pool;
  size_t pool_bytes;
  size_t jobs_out, pooled, max_jobs; /* jobs submitted and not yet written; pooled; the cap */
};

static void job_free(job *j) {
  if (!j) return;
  free(j->data);
  free(j->meta);
  free(j->docs);
  free(j->sents);
  free(j->at);
  free(j->arena);
  free(j->parts);
  free(j->fmt);
  free(j);
}

/* ---- running a job (worker, or the pushing thread without workers) ---- */

static int arena_put(job *j, const char *p, size_t n, size_t *off) {
  if (j->arena_len + n > j->arena_cap) {
    size_t c = j->arena_cap ? j->arena_cap : 4096;
    while (c < j->arena_len + n)
      c *= 2;
    /* Room for the transliterations too, without doubling again. */
    if (c < j->arena_len + n + n / 2) c = j->arena_len + n + n / 2;
    char *a = realloc(j->arena, c);
    if (!a) return 0;
    j->arena = a;
    j->arena_cap = c;
  }
  memcpy(j->arena + j->arena_len, p, n);
  *off = j->arena_len;
  j->arena_len += n;
  return 1;
}

static int on_sentence(void *user, const kztext_sentence *s) {
  job *j = user;
  if (j->n_sents == j->sents_cap) {
    size_t c = j->sents_cap ? j->sents_cap * 2 : 64;
    kztext_sentence *ns = realloc(j->sents, c * sizeof *ns);
    if (ns) j->sents = ns;
    sent_at *na = ns ? realloc(j->at, c * sizeof *na) : NULL;
    if (!na) {
      j->oom = 1;
      return 1;
    }
    j->at = na;
    j->sents_cap = c;
  }
  /* The whole normalized document, once: the sentences are slices of it. */
  if (!j->have_doc) {
    if (!arena_put(j, s->normalized, s->normalized_len, &j->doc_norm)) {
      j->oom = 1;
      return 1;
    }
    j->have_doc = 1;
  }
  sent_at *at = &j->at[j->n_sents];
  at->norm = j->doc_norm;
  at->tl = (size_t)-1;
  if (s->translit && !arena_put(j, s->translit, s->translit_len, &at->tl)) {
    j->oom = 1;
    return 1;
  }
  at->names = (size_t)-1;
  if (s->names && !arena_put(j, s->names, s->names_len, &at->names)) {
    j->oom = 1;
    return 1;
  }
  kztext_sentence *d = &j->sents[j->n_sents++];
  *d = *s;
  d->size = sizeof *d;
  d->text = d->translit = d->normalized = d->names = NULL; /* set when written */
  return 0;
}

static part *new_part(job *j, size_t d, size_t offset) {
  if (j->n_parts == j->parts_cap) {
    size_t c = j->parts_cap ? j->parts_cap * 2 : 16;
    part *np = realloc(j->parts, c * sizeof *np);
    if (!np) return NULL;
    j->parts = np;
    j->parts_cap = c;
  }
  part *r = &j->parts[j->n_parts++];
  memset(r, 0, sizeof *r);
  r->doc = d;
  r->offset = offset;
  r->first = j->n_sents;
  return r;
}

/* Runs data[a, b) of document d as a new part. */
static part *run_part(kztext_pipeline *p, job *j, size_t d, size_t a, size_t b) {
  part *r = new_part(j, d, a - j->docs[d].start);
  if (!r) return NULL;
  kztext_pipeline_stats st = {.size = sizeof st};
  size_t err = 0;
  j->have_doc = 0;
  j->oom = 0;
  r->status = kztext_pipeline_run(p, j->data + a, b - a, on_sentence, j, &st, &err);
  if (j->oom) r->status = KZTEXT_E_NO_MEMORY;
  if (r->status) j->n_sents = r->first; /* a failed part writes nothing */
  r->error_offset = err + a - j->docs[d].start;
  r->count = j->n_sents - r->first;
  r->normalized_len = r->status ? 0 : st.normalized_len;
  r->paragraphs = r->status ? 0 : st.paragraphs;
  return r;
}

/* Where the paragraph holding offset e of data[0, len) ends: after the next
 * blank line, or len. */
static size_t paragraph_end(const char *data, size_t e, size_t len) {
  for (const char *nl = memchr(data + e, '\n', len - e); nl;
       nl = memchr(nl + 1, '\n', len - (size_t)(nl + 1 - data))) {
    size_t k = (size_t)(nl - data) + 1;
    while (k < len && (data[k] == ' ' || data[k] == '\t' || data[k] == '\r'))
      k++;
    if (k < len && data[k] == '\n') return k + 1;
    if (k >= len) break;
  }
  return len;
}

static int bad_input(kztext_status st) {
  return st == KZTEXT_E_INVALID_UTF8 || st == KZTEXT_E_DECODE;
}

/* paragraph_errors: when invalid input stops the pipeline, only the
 * paragraph that holds it fails; the paragraphs before and after it run. */
static int run_split(kztext_pipeline *p, job *j, size_t d) {
  size_t start = j->docs[d].start, end = j->docs[d].end;
  for (;;) {
    part *r = run_part(p, j, d, start, end);
    if (!r) return 0;
    if (!bad_input(r->status) || start >= end) return 1;
    kztext_status why = r->status;
    size_t e = j->docs[d].start + r->error_offset;
    j->n_parts--; /* replaced by the valid paragraphs before e and the bad one */
    size_t a = start + kztext_pipeline_boundary(j->data + start, e - start);
    if (a > start && (!(r = run_part(p, j, d, start, a)) || r->status)) return r != NULL;
    if (!(r = new_part(j, d, a - j->docs[d].start))) return 0;
    r->status = why;
    r->error_offset = e - j->docs[d].start;
    start = paragraph_end(j->data, e, end);
    if (start >= end) return 1;
  }
}

static void run_job(kztext_pipeline *p, job *j) {
  for (size_t d = 0; d < j->n_docs; d++) {
    const doc *x = &j->docs[d];
    size_t first = j->n_parts, first_sent = j->n_sents;
    int ok;
    if (x->error) {
      part *r = new_part(j, d, 0);
      if (r) {
        r->status = x->error;
        r->error_offset = x->error_offset;
      }
      ok = r != NULL;
    } else if (x->paragraph_errors) {
      ok = run_split(p, j, d);
    } else {
      ok = run_part(p, j, d, x->start, x->end) != NULL;
    }
    if (ok) {
      j->parts[j->n_parts - 1].last = 1;
    } else { /* no room for a part: write_job reports the document as out of memory */
      j->n_parts = first;
      j->n_sents = first_sent;
    }
  }
}

/* ---- writing, in order ---- */

/* The result of part r, its sentences' pointers set (the arena no longer
 * moves once the job has run). */
static void make_result(job *j, const part *r, kztext_stream_result *res) {
  const doc *x = &j->docs[r->doc];
  for (size_t i = r->first; j->sents && i < r->first + r->count; i++) {
    kztext_sentence *t = &j->sents[i];
    t->normalized = j->arena + j->at[i].norm;
    t->text = t->normalized + t->start;
    t->translit = j->at[i].tl == (size_t)-1 ? NULL : j->arena + j->at[i].tl;
    t->names = j->at[i].names == (size_t)-1 ? NULL : j->arena + j->at[i].names;
  }
  *res = (kztext_stream_result){sizeof *res,
                                j->first_index + r->doc,
                                x->meta_len ? j->meta + x->meta_off : NULL,
                                x->meta_len,
                                x->end - x->start,
                                r->offset,
                                r->last,
                                r->status,
                                r->error_offset,
                                r->count && j->sents ? j->sents + r->first : NULL,
                                r->count,
                                r->normalized_len,
                                r->paragraphs,
                                r->fmt_len ? j->fmt + r->fmt_off : NULL,
                                r->fmt_len};
}

/* Runs the format callback over a job's parts, on the thread that ran it. */
static void format_job(kztext_stream *s, job *j) {
  j->fmt_len = 0;
  for (size_t k = 0; k < j->n_parts; k++) {
    part *r = &j->parts[k];
    kztext_stream_result res;
    make_result(j, r, &res);
    r->fmt_off = j->fmt_len;
    if (s->format(s->user, &res, &j->fmt, &j->fmt_len, &j->fmt_cap) || j->fmt_len < r->fmt_off) {
      j->fmt_len = r->fmt_off;
      r->status = KZTEXT_E_NO_MEMORY;
      r->count = r->normalized_len = r->paragraphs = 0;
    }
    r->fmt_len = j->fmt_len - r->fmt_off;
  }
}

/* With a format callback a job needs its sentences and normalized text only
 * while it runs and is formatted, on one worker: they are that worker's
 * buffers, lent to the job and taken back, so that neither a waiting job
 * holds them (memory) nor a new job allocates them again (page faults). */
typedef struct scratch {
  kztext_sentence *sents;
  sent_at *at;
  size_t sents_cap;
  char *arena;
  size_t arena_cap;
} scratch;

static void lend(scratch *w, job *j) {
  j->sents = w->sents;
  j->at = w->at;
  j->sents_cap = w->sents_cap;
  j->arena = w->arena;
  j->arena_cap = w->arena_cap;
}

static void take_back(scratch *w, job *j) {
  w->sents = j->sents;
  w->at = j->at;
  w->sents_cap = j->sents_cap;
  w->arena = j->arena;
  w->arena_cap = j->arena_cap;
  j->sents = NULL;
  j->at = NULL;
  j->arena = NULL;
  j->sents_cap = j->arena_cap = 0;
}

/* Runs a job on pipeline k (and formats it, with the scratch of worker k). */
static void work(kztext_stream *s, unsigned k, job *j) {
  if (!s->format) {
    run_job(s->pipes[k], j);
    return;
  }
  scratch *w = &s->scratch[k];
  lend(w, j);
  run_job(s->pipes[k], j);
  format_job(s, j);
  take_back(w, j);
  /* A rare long piece does not leave every worker holding its size. */
  if (w->arena_cap > s->scratch_keep || w->sents_cap * sizeof *w->sents > s->scratch_keep) {
    free(w->sents);
    free(w->at);
    free(w->arena);
    memset(w, 0, sizeof *w);
  }
}

static int write_part(kztext_stream *s, job *j, const part *r) {
  kztext_stream_result res;
  make_result(j, r, &res);
  return s->write(s->user, &res);
}

/* Writes a job's results; 1 when the callback stopped.  *n: how many. */
static int write_job(kztext_stream *s, job *j, uint64_t *n) {
  size_t k = 0;
  for (size_t d = 0; d < j->n_docs; d++) {
    if (k == j->n_parts || j->parts[k].doc != d) { /* run_job ran out of memory */
      part r = {d, 0, KZTEXT_E_NO_MEMORY, 0, 0, 0, 0, 0, 1, 0, 0};
      if (write_part(s, j, &r)) return 1;
      ++*n;
      continue;
    }
    for (; k < j->n_parts && j->parts[k].doc == d; k++) {
      if (write_part(s, j, &j->parts[k])) return 1;
      ++*n;
    }
  }
  return 0;
}

static void job_reset(job *j) {
  j->next = NULL;
  j->done = 0;
  j->cost = j->len = j->meta_len = j->n_docs = 0;
  j->n_sents = j->arena_len = j->n_parts = j->fmt_len = 0;
}

/* The bytes a job's buffers hold. */
static size_t job_bytes(const job *j) {
  return j->data_cap + j->meta_cap + j->arena_cap + j->fmt_cap + j->docs_cap * sizeof(doc) +
         j->sents_cap * (sizeof(kztext_sentence) + sizeof(sent_at)) + j->parts_cap * sizeof(part);
}

/* Keeps a written job for reuse (mu held): its buffers have their size
 * already.  Jobs number at most max_jobs, whatever the budget lets in, and
 * the pool holds at most the budget's bytes (at -j 16 a pool of every job
 * would hold their output buffers while they queue: 80 MB, not 60). */
static void pool_put(kztext_stream *s, job *j) {
  size_t b = job_bytes(j);
  if (s->jobs_out + s->pooled >= s->max_jobs || s->pool_bytes + b > s->memory) {
    job_free(j);
    return;
  }
  job_reset(j);
  j->next = s->pool;
  s->pool = j;
  s->pooled++;
  s->pool_bytes += b;
}

/* Writes the finished jobs at the head of the list (mu held; released
 * while writing).  One thread at a time writes. */
static void write_ready(kztext_stream *s) {
  if (s->writing) return;
  s->writing = 1;
  while (s->head && s->head->done) {
    job *j = s->head;
    s->head = j->next;
    if (!s->head) s->tail = NULL;
    int stopped = s->stopped;
    uint64_t n = 0;
    pthread_mutex_unlock(&s->mu);
    if (!stopped && write_job(s, j, &n)) stopped = 1;
    pthread_mutex_lock(&s->mu);
    s->stopped |= stopped;
    s->results += n;
    s->inflight -= j->cost;
    s->jobs_out--;
    pool_put(s, j);
    pthread_cond_broadcast(&s->cv_space);
  }
  s->writing = 0;
}

static void *worker(void *arg) {
  kztext_stream *s = ((void **)arg)[0];
  unsigned k = (unsigned)(uintptr_t)((void **)arg)[1];
  free(arg);
  pthread_mutex_lock(&s->mu);
  for (;;) {
    while (!s->take && !s->quit)
      pthread_cond_wait(&s->cv_work, &s->mu);
    if (!s->take) break;
    job *j = s->take;
    s->take = j->next;
    int skip = s->stopped; /* nothing more is written: no use running it */
    pthread_mutex_unlock(&s->mu);
    if (!skip) work(s, k, j);
    pthread_mutex_lock(&s->mu);
    j->done = 1;
    write_ready(s);
  }
  pthread_mutex_unlock(&s->mu);
  return NULL;
}

/* Hands a job to the workers, or runs and writes it here without any. */
static void submit(kztext_stream *s, job *j) {
  pthread_mutex_lock(&s->mu);
  s->jobs_out++;
  if (s->tail)
    s->tail->next = j;
  else
    s->head = j;
  s->tail = j;
  if (!s->jobs) {
    int skip = s->stopped;
    pthread_mutex_unlock(&s->mu);
    if (!skip) work(s, 0, j);
    pthread_mutex_lock(&s->mu);
    j->done = 1;
    write_ready(s);
  } else {
    if (!s->take) s->take = j;
    pthread_cond_signal(&s->cv_work);
  }
  pthread_mutex_unlock(&s->mu);
}

static void flush_pending(kztext_stream *s) {
  job *j = s->pending;
  s->pending = NULL;
  if (j) submit(s, j);
}

/* ---- the public functions ---- */

static void stop_threads(kztext_stream *s) {
  if (!s->threads) return;
  pthread_mutex_lock(&s->mu);
  s->quit = 1;
  pthread_cond_broadcast(&s->cv_work);
  pthread_mutex_unlock(&s->mu);
  for (unsigned i = 0; i < s->jobs; i++)
    pthread_join(s->threads[i], NULL);
  free(s->threads);
  s->threads = NULL;
}

void kztext_stream_free(kztext_stream *s) {
  if (!s) return;
  if (!s->finished) { /* drop what was not written */
    pthread_mutex_lock(&s->mu);
    s->stopped = 1;
    pthread_mutex_unlock(&s->mu);
  }
  stop_threads(s);
  /* Every worker is gone: jobs taken were finished and written or dropped,
   * jobs not taken are still listed. */
  for (job *j = s->head; j;) {
    job *n = j->next;
    job_free(j);
    j = n;
  }
  for (job *j = s->pool; j;) {
    job *n = j->next;
    job_free(j);
    j = n;
  }
  job_free(s->pending);
  for (unsigned i = 0; s->pipes && i < s->n_pipes; i++)
    kztext_pipeline_free(s->pipes[i]);
  for (unsigned i = 0; s->scratch && i < s->n_pipes; i++) {
    free(s->scratch[i].sents);
    free(s->scratch[i].at);
    free(s->scratch[i].arena);
  }
  free(s->scratch);
  free(s->pipes);
  pthread_mutex_destroy(&s->mu);
  pthread_cond_destroy(&s->cv_work);
  pthread_cond_destroy(&s->cv_space);
  free(s);
}

kztext_status kztext_stream_new(const kztext_stream_options *options, kztext_stream_write_fn write,
                                void *user, kztext_stream **out) {
  if (!out) return KZTEXT_E_INVALID_ARG;
  *out = NULL;
  if (!options || options->size < sizeof(size_t) || !write) return KZTEXT_E_INVALID_ARG;
  kztext_stream_options o = {0};
  memcpy(&o, options, options->size < sizeof o ? options->size : sizeof o);
  if (!o.pipeline || o.pipeline->size < sizeof(size_t)) return KZTEXT_E_INVALID_ARG;
  if (o.jobs > 1024) return KZTEXT_E_INVALID_ARG;
  kztext_stream *s = calloc(1, sizeof *s);
  if (!s) return KZTEXT_E_NO_MEMORY;
  memcpy(&s->popt, o.pipeline,
         o.pipeline->size < sizeof s->popt ? o.pipeline->size : sizeof s->popt);
  s->popt.size = sizeof s->popt;
  s->write = write;
  s->format = o.format;
  s->user = user;
  s->memory = o.memory ? o.memory : KZTEXT_STREAM_MEMORY_DEFAULT;
  unsigned want = o.jobs > 1 ? o.jobs : 0;
  s->batch = o.batch ? o.batch : BATCH_DEFAULT;
  if (!o.batch && s->batch > s->memory / (4 * (want ? want : 1)))
    s->batch = s->memory / (4 * (want ? want : 1));
  if (s->batch < BATCH_MIN) s->batch = BATCH_MIN;
  pthread_mutex_init(&s->mu, NULL);
  pthread_cond_init(&s->cv_work, NULL);
  pthread_cond_init(&s->cv_space, NULL);
  unsigned np = want ? want : 1;
  s->max_jobs = JOBS_PER_WORKER * (size_t)np + JOBS_EXTRA;
  s->scratch_keep = s->memory / (2 * np);
  if (s->scratch_keep < SCRATCH_KEEP_MIN) s->scratch_keep = SCRATCH_KEEP_MIN;
  s->pipes = calloc(np, sizeof *s->pipes);
  s->scratch = calloc(np, sizeof *s->scratch);
  kztext_status st = s->pipes && s->scratch ? KZTEXT_OK : KZTEXT_E_NO_MEMORY;
  if (s->pipes) s->n_pipes = np;
  for (unsigned i = 0; !st && i < np; i++)
    st = kztext_pipeline_new(&s->popt, &s->pipes[i]);
  if (!st && want && !(s->threads = calloc(want, sizeof *s->threads))) st = KZTEXT_E_NO_MEMORY;
  for (unsigned i = 0; !st && i < want; i++) {
    void **arg = malloc(2 * sizeof *arg);
    if (arg) {
      arg[0] = s;
      arg[1] = (void *)(uintptr_t)i;
    }
    if (!arg || pthread_create(&s->threads[i], NULL, worker, arg)) {
      free(arg);
      st = KZTEXT_E_NO_MEMORY;
      break;
    }
    s->jobs = i + 1;
  }
  if (st) {
    s->finished = 1;
    kztext_stream_free(s);
    return st;
  }
  *out = s;
  return KZTEXT_OK;
}

/* Grows j->data to hold n bytes (doubling: a group grows record by record). */
static int reserve(char **buf, size_t *cap, size_t n) {
  if (n <= *cap) return 1;
  size_t c = *cap ? *cap : 4096;
  while (c < n) {
    if (c > (size_t)-1 / 2) return 0;
    c *= 2;
  }
  char *b = realloc(*buf, c);
  if (!b) return 0;
  *buf = b;
  *cap = c;
  return 1;
}

kztext_status kztext_stream_push(kztext_stream *s, const kztext_stream_doc *d) {
  if (!s || !d || d->size < sizeof(size_t)) return KZTEXT_E_INVALID_ARG;
  kztext_stream_doc x = {0};
  memcpy(&x, d, d->size < sizeof x ? d->size : sizeof x);
  if ((!x.data && x.len) || (!x.meta && x.meta_len)) return KZTEXT_E_INVALID_ARG;
  if (x.error) x.len = 0;
  if (s->finished) return KZTEXT_E_STOPPED;
  if (x.len > (size_t)-1 / 4 || x.meta_len > (size_t)-1 / 4) return KZTEXT_E_TOO_LARGE;
  size_t cost = x.len + x.meta_len + DOC_COST;
  /* A group that would grow past its size goes first. */
  if (s->pending && s->pending->cost + cost > s->batch) flush_pending(s);
  pthread_mutex_lock(&s->mu);
  if (s->inflight + cost > s->memory && s->pending) { /* it must not wait on itself */
    pthread_mutex_unlock(&s->mu);
    flush_pending(s);
    pthread_mutex_lock(&s->mu);
  }
  /* ...and while a new job would be one too many (jobs in flight have a cost) */
  while (!s->stopped && s->inflight &&
         (s->inflight + cost > s->memory || (!s->pending && s->jobs_out >= s->max_jobs)))
    pthread_cond_wait(&s->cv_space, &s->mu);
  int stopped = s->stopped;
  if (!stopped) {
    s->inflight += cost;
    if (s->inflight > s->peak) s->peak = s->inflight;
  }
  job *j = s->pending;
  if (!stopped && !j && (j = s->pool)) {
    s->pool = j->next;
    s->pooled--;
    s->pool_bytes -= job_bytes(j);
    j->next = NULL;
  }
  pthread_mutex_unlock(&s->mu);
  if (stopped) return KZTEXT_E_STOPPED;
  if (!j && !(j = calloc(1, sizeof *j))) goto nomem;
  s->pending = j;
  size_t moff = (j->meta_len + 15) & ~(size_t)15;
  if (!reserve(&j->data, &j->data_cap, j->len + x.len + 1) ||
      (x.meta_len && !reserve(&j->meta, &j->meta_cap, moff + x.meta_len)) ||
      !kz_grow((void **)&j->docs, &j->docs_cap, j->n_docs + 1, sizeof *j->docs))
    goto nomem;
  if (x.len) memcpy(j->data + j->len, x.data, x.len);
  if (x.meta_len) {
    memcpy(j->meta + moff, x.meta, x.meta_len);
    j->meta_len = moff + x.meta_len;
  }
  if (!j->n_docs) j->first_index = s->documents;
  j->docs[j->n_docs++] =
      (doc){j->len, j->len + x.len, moff, x.meta_len, x.error, x.error_offset, x.paragraph_errors};
  j->len += x.len;
  j->cost += cost;
  s->documents++;
  s->bytes += x.len;
  if (j->cost >= s->batch) flush_pending(s);
  return KZTEXT_OK;
nomem:
  pthread_mutex_lock(&s->mu);
  s->inflight -= cost;
  pthread_mutex_unlock(&s->mu);
  if (j && !j->n_docs) { /* an empty group: keep nothing half made */
    job_free(j);
    s->pending = NULL;
  }
  return KZTEXT_E_NO_MEMORY;
}

kztext_status kztext_stream_finish(kztext_stream *s) {
  if (!s) return KZTEXT_E_INVALID_ARG;
  if (!s->finished) {
    flush_pending(s);
    pthread_mutex_lock(&s->mu);
    while (s->head)
      pthread_cond_wait(&s->cv_space, &s->mu);
    pthread_mutex_unlock(&s->mu);
    stop_threads(s);
    s->finished = 1;
  }
  return s->stopped ? KZTEXT_E_STOPPED : KZTEXT_OK;
}

kztext_status kztext_stream_stats_get(kztext_stream *s, kztext_stream_stats *stats) {
  if (!s || !stats || stats->size < sizeof(size_t)) return KZTEXT_E_INVALID_ARG;
  kztext_stream_stats t = {sizeof t, 0, 0, 0, 0, 0, 0, 0};
  pthread_mutex_lock(&s->mu);
  t.documents = s->documents;
  t.results = s->results;
  t.bytes = s->bytes;
  t.peak_inflight = s->peak;
  t.memory = s->memory;
  t.batch = s->batch;
  t.jobs = s->jobs;
  pthread_mutex_unlock(&s->mu);
  memcpy((char *)stats + sizeof(size_t), (char *)&t + sizeof(size_t),
         (stats->size < sizeof t ? stats->size : sizeof t) - sizeof(size_t));
  return KZTEXT_OK;
}

kztext_status kztext_stream_run(const kztext_stream_options *options, kztext_stream_read_fn read,
                                kztext_stream_write_fn write, void *user,
                                kztext_stream_stats *stats) {
  if (!read) return KZTEXT_E_INVALID_ARG;
  kztext_stream *s = NULL;
  kztext_status st = kztext_stream_new(options, write, user, &s);
  if (st) return st;
  for (;;) {
    kztext_stream_doc d = {.size = sizeof d};
    int r = read(user, &d);
    if (r == 0) break;
    if (r != 1) {
      st = KZTEXT_E_STOPPED;
      break;
    }
    if ((st = kztext_stream_push(s, &d))) break;
  }
  /* What was read before a stop is still written. */
  kztext_status fin = kztext_stream_finish(s);
  if (!st) st = fin;
  if (stats) kztext_stream_stats_get(s, stats);
  kztext_stream_free(s);
  return st;
}

/* kztext process: the news pipeline over files, streamed and parallel.
 *
 * The main thread reads input and cuts it into jobs (pieces of a file cut
 * after a blank line, or groups of JSONL records); N worker threads run a
 * kztext_pipeline each; the main thread writes finished jobs strictly in
 * input order, so -j 1 and -j N give the same bytes.  At most 8N+8 jobs and
 * N+2 MB of input are in flight, which bounds memory whatever the input
 * size. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "jsonl.h"
#include "strbuf.h"

static const char usage[] =
    "usage: kztext process [--from ENCODING|auto] [--lang auto|kk|ru|en] [--translit SCHEME]\n"
    "                      [--input text|jsonl [--field NAME] [--id-field NAME]]\n"
    "                      [--format jsonl|tsv|text]\n"
    "                      [--roles [--keep ROLES]] [-j N] [--on-error skip|stop]\n"
    "                      [-o FILE] [FILE...]\n";

static const char help[] =
    "usage: kztext process [OPTIONS] [FILE...]\n"
    "\n"
    "Runs the news pipeline: decode, normalize (NFC + repairs), split paragraphs and\n"
    "sentences, identify each sentence's language, script and Latin alphabet, and\n"
    "optionally transliterate the Kazakh ones.  Reads standard input when no FILE.\n"
    "\n"
    "  --from ENC          input encoding: auto (default: a BOM, UTF-8, else the\n"
    "                      codepage that fits, detected once per file; a guess that\n"
    "                      is not sure is refused with FILE:OFFSET), utf-8, utf-16,\n"
    "                      cp1251, koi8-r, ibm866, iso-8859-5, rk1048, pt154\n"
    "  --lang LANG         segmentation rules: auto (default, per paragraph), kk, ru,\n"
    "                      en\n"
    "  --translit SCHEME   add a transliteration of Kazakh sentences (latin2021,\n"
    "                      latin2018, latin2017, cyrillic, iso9, bgn, alalc, arabic)\n"
    "  --translit-all      transliterate every sentence, not only Kazakh ones\n"
    "  --names             jsonl: add \"names\", the name key (docs/names.md) of each\n"
    "                      run of capitalised words but the sentence's first word,\n"
    "                      to join coverage across scripts\n"
    "  --input FORMAT      text (default): each file is a document, streamed in\n"
    "                      pieces cut after blank lines; jsonl: each line is a JSON\n"
    "                      object and a document, its text in --field (default\n"
    "                      \"text\"; a repeated key: the last one counts)\n"
    "  --id-field NAME     with --input jsonl: copy each record's NAME value, as\n"
    "                      written (string, number, ...), into its sentences as \"id\"\n"
    "                      (a TSV column after doc; null or - when a record lacks it)\n"
    "  --format FORMAT     jsonl (default): one object per sentence with doc, para,\n"
    "                      start, end (byte offsets into the normalized document),\n"
    "                      text, lang, script, variant, confidence and translit;\n"
    "                      tsv: the same columns; text: one sentence per line, a\n"
    "                      blank line between paragraphs (the transliteration\n"
    "                      instead, with --translit)\n"
    "  --lines             every line break ends a sentence\n"
    "  --roles             add each sentence's role on a scraped page: title, body,\n"
    "                      caption, meta (date, byline, tags, counters), boilerplate\n"
    "                      (menus, buttons, notices, widgets, other stories) or\n"
    "                      duplicate (repeats an earlier line); a JSONL key, a TSV\n"
    "                      column before the text\n"
    "  --keep ROLES        with --roles: write only these roles, comma-separated\n"
    "                      (default: all), e.g. --keep title,body\n"
    "  --no-repair         decode and NFC only\n"
    "  --invalid POLICY    strict (default): a document with invalid bytes is an\n"
    "                      error; replace: they become U+FFFD\n"
    "  --on-error ACTION   skip (default): report the document and go on; stop: end\n"
    "                      the run at the first error\n"
    "  -j, --jobs N        worker threads (default 1); output order never changes\n"
    "  --progress, --quiet force the progress line on stderr on or off (default: on\n"
    "                      when stderr is a terminal)\n"
    "  -o, --output FILE   write here instead of standard output\n"
    "\n"
    "With --input jsonl, errors read FILE:OFFSET: line L (record N): reason, in\n"
    "input order; a line over 64 MiB is reported and skipped.\n"
    "\n"
    "Exit status: 0 ok, 1 stopped at an error, an encoding auto could not tell, out\n"
    "of memory or an I/O error, 2 usage error, 3 some documents (or, in text input,\n"
    "the paragraphs holding invalid bytes) were skipped because of errors.\n";

enum { IN_TEXT, IN_JSONL };
/* A JSONL line longer than this is reported and skipped (memory bound). */
#define MAX_LINE ((size_t)64 << 20)
enum { OUT_JSONL, OUT_TSV, OUT_TEXT };

/* One sentence, kept compactly until the writer formats it. */
typedef struct rec {
  size_t para, start, end;
  size_t text_off, text_len, tl_off, tl_len, names_off, names_len;
  int has_tl;
  kztext_lang lang;
  kztext_script script;
  kztext_variant variant;
  double confidence;
  kztext_role role;
} rec;

typedef struct doc_result {
  size_t first_rec, n_recs;
  size_t normalized_len, paragraphs;
  kztext_status status;
  size_t error_offset; /* in the job's data (text input) */
} doc_result;

/* A JSONL line that is too long to hold (the rest of it is skipped). */
enum { LINE_TOO_LONG = 100 };

/* What the reader knows of one JSONL record. */
typedef struct doc_meta {
  size_t end;                  /* end of its text in data */
  unsigned long long id, line; /* record number (the doc id) and line number */
  unsigned long long raw_off;  /* file offset of its line */
  int err;                     /* a reading error (JSONL_*, LINE_TOO_LONG), or 0 */
  size_t err_off;              /* where in the line */
  size_t id_off, id_len;       /* --id-field: the value as written, in job.ids */
  int has_id;
} doc_meta;

/* A job: one piece of a text file, or several JSONL records. */
typedef struct job {
  unsigned long long seq;
  struct job *next_free; /* in ctx.pool */
  char *data;            /* UTF-8 text, or the concatenated record texts */
  size_t len, data_cap;
  doc_meta *meta; /* JSONL: one per record */
  char *ids;      /* JSONL with --id-field: the records' ids, as written */
  size_t ids_len, ids_cap;
  size_t meta_cap;
  size_t n_docs;               /* JSONL records; text pieces are split at bad paragraphs */
  unsigned long long raw_base; /* text: file offset of data[0] */
  int file;                    /* index into the file list */
  int last_of_file;
  /* results */
  rec *recs;
  size_t n_recs, cap_recs;
  char *arena; /* the normalized documents and transliterations */
  size_t arena_len, arena_cap;
  size_t doc_off; /* where the current document's text is in arena */
  int have_doc;
  doc_result *docs;
  size_t docs_cap;
  int oom;
  int done;
} job;

typedef struct ctx {
  kztext_pipeline_options popt;
  int input, format, stop_on_error, jobs;
  unsigned keep; /* --keep: bit 1 << role for each role written; 0 = all */
  const char *field;
  const char *id_field; /* --id-field NAME, or NULL */
  char **files;
  int n_files;
  FILE *out;
  /* queue */
  pthread_mutex_t mu;
  pthread_cond_t cv_work, cv_done;
  job **ring;
  size_t ring_cap;
  size_t inflight, budget; /* input bytes submitted and not yet written */
  kztext_pipeline *spare;  /* made before the workers start, for one of them */
  unsigned long long next_submit, next_take, next_write;
  int quit;
  /* writer state */
  strbuf sb;
  unsigned long long doc_norm_base, doc_para_base;
  int skipped, stopped; /* stopped: nothing more is written */
  int halt;             /* the reader stopped at an error: what was read is still written */
  int unsure;           /* auto detection refused a file */
  /* Finished jobs kept with their buffers for the next ones (main thread
   * only): fresh megabyte buffers for every job would cost page faults. */
  job *pool;
  size_t pool_n;
  /* progress */
  int progress;
  unsigned long long bytes_done, bytes_total;
  double t0, last_progress;
} ctx;

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

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
  if (j->n_recs == j->cap_recs) {
    size_t c = j->cap_recs ? j->cap_recs * 2 : 64;
    rec *r = realloc(j->recs, c * sizeof *r);
    if (!r) {
      j->oom = 1;
      return 1;
    }
    j->recs = r;
    j->cap_recs = c;
  }
  rec *r = &j->recs[j->n_recs];
  memset(r, 0, sizeof *r);
  r->para = s->para;
  r->start = s->start;
  r->end = s->end;
  r->lang = s->lang;
  r->script = s->script;
  r->variant = s->variant;
  r->confidence = s->confidence;
  r->role = s->role;
  /* The whole normalized document, once: the sentences are slices of it. */
  if (!j->have_doc) {
    if (!arena_put(j, s->normalized, s->normalized_len, &j->doc_off)) {
      j->oom = 1;
      return 1;
    }
    j->have_doc = 1;
  }
  r->text_off = j->doc_off + s->start;
  r->text_len = s->len;
  if (s->translit) {
    if (!arena_put(j, s->translit, s->translit_len, &r->tl_off)) {
      j->oom = 1;
      return 1;
    }
    r->tl_len = s->translit_len;
    r->has_tl = 1;
  }
  r->names_len = 0;
  if (s->names_len) {
    if (!arena_put(j, s->names, s->names_len, &r->names_off)) {
      j->oom = 1;
      return 1;
    }
    r->names_len = s->names_len;
  }
  j->n_recs++;
  return 0;
}

/* Runs one document (or piece) data[a, b) into a new doc_result. */
static doc_result *run_doc(kztext_pipeline *p, job *j, size_t d, size_t a, size_t b) {
  doc_result *r = &j->docs[d];
  kztext_pipeline_stats st = {.size = sizeof st};
  memset(r, 0, sizeof *r);
  r->first_rec = j->n_recs;
  j->have_doc = 0;
  r->status = kztext_pipeline_run(p, j->data + a, b - a, on_sentence, j, &st, &r->error_offset);
  r->error_offset += a;
  if (j->oom) r->status = KZTEXT_E_NO_MEMORY;
  if (r->status) j->n_recs = r->first_rec; /* a failed document writes nothing */
  r->n_recs = j->n_recs - r->first_rec;
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

/* A text piece: when invalid input stops the pipeline, only the paragraph
 * that holds it fails; the paragraphs before and after it are processed. */
static void run_text(kztext_pipeline *p, job *j) {
  size_t start = 0, d = 0; /* submit() made room for one doc_result */
  for (;;) {
    doc_result *r = run_doc(p, j, d++, start, j->len);
    kztext_status why = r->status;
    if ((why != KZTEXT_E_INVALID_UTF8 && why != KZTEXT_E_DECODE) || start >= j->len) break;
    size_t e = r->error_offset;
    if (d + 1 >= j->docs_cap) { /* room for the part before and the bad paragraph */
      size_t c = j->docs_cap * 2 + 2;
      doc_result *nd = realloc(j->docs, c * sizeof *nd);
      if (!nd) {
        r->status = KZTEXT_E_NO_MEMORY;
        break;
      }
      j->docs = nd;
      j->docs_cap = c;
    }
    size_t a = start + kztext_pipeline_boundary(j->data + start, e - start);
    if (a > start) { /* the paragraphs before it, which are valid */
      if (run_doc(p, j, d - 1, start, a)->status) break;
      d++;
    }
    r = &j->docs[d - 1];
    memset(r, 0, sizeof *r);
    r->first_rec = j->n_recs;
    r->status = why;
    r->error_offset = e;
    start = paragraph_end(j->data, e, j->len);
    if (start >= j->len) break;
  }
  j->n_docs = d;
}

static void run_job(kztext_pipeline *p, job *j) {
  if (!j->meta) {
    run_text(p, j);
    return;
  }
  size_t start = 0;
  for (size_t d = 0; d < j->n_docs; d++) {
    size_t end = j->meta[d].end;
    if (j->meta[d].err) { /* nothing to run: the writer reports it */
      memset(&j->docs[d], 0, sizeof j->docs[d]);
      j->docs[d].first_rec = j->n_recs;
    } else {
      run_doc(p, j, d, start, end);
    }
    start = end;
  }
}

static void *worker(void *arg) {
  ctx *c = arg;
  kztext_pipeline *p = NULL;
  kztext_status st = KZTEXT_OK;
  pthread_mutex_lock(&c->mu);
  /* The first worker takes the pipeline the main thread made to check the
   * options; the others make their own. */
  p = c->spare;
  c->spare = NULL;
  pthread_mutex_unlock(&c->mu);
  if (!p) st = kztext_pipeline_new(&c->popt, &p);
  pthread_mutex_lock(&c->mu);
  for (;;) {
    while (!c->quit && c->next_take == c->next_submit)
      pthread_cond_wait(&c->cv_work, &c->mu);
    if (c->next_take == c->next_submit) break;
    job *j = c->ring[c->next_take % c->ring_cap];
    c->next_take++;
    pthread_mutex_unlock(&c->mu);
    if (p)
      run_job(p, j);
    else
      for (size_t d = 0; d < j->n_docs; d++)
        j->docs[d].status = st;
    if (!p && !j->meta) j->n_docs = 1;
    pthread_mutex_lock(&c->mu);
    j->done = 1;
    pthread_cond_broadcast(&c->cv_done);
  }
  pthread_mutex_unlock(&c->mu);
  kztext_pipeline_free(p);
  return NULL;
}

/* ---- output ---- */

static void put_doc_id(ctx *c, const job *j, size_t d) {
  strbuf *o = &c->sb;
  if (c->input == IN_JSONL) {
    sb_u64(o, j->meta[d].id);
  } else {
    const char *name = cli_input_name(c->n_files ? c->files[j->file] : "-");
    if (c->format == OUT_JSONL)
      sb_json(o, name, strlen(name));
    else
      sb_oneline(o, name, strlen(name));
  }
}

static void put_record(ctx *c, const job *j, size_t d, const rec *r, unsigned long long nb,
                       unsigned long long pb) {
  strbuf *o = &c->sb;
  const char *text = j->arena + r->text_off;
  const char *variant = r->variant ? kztext_variant_name(r->variant) : NULL;
  if (c->format == OUT_TEXT) {
    if (r->has_tl)
      sb_oneline(o, j->arena + r->tl_off, r->tl_len);
    else
      sb_oneline(o, text, r->text_len);
    sb_putc(o, '\n');
    return;
  }
  int json = c->format == OUT_JSONL;
  /* The same fields in the same order: JSON with keys, TSV as columns. */
  if (json) sb_puts(o, "{\"doc\":");
  put_doc_id(c, j, d);
  if (c->id_field) {
    const doc_meta *m = &j->meta[d];
    sb_puts(o, json ? ",\"id\":" : "\t");
    if (m->has_id)
      sb_oneline(o, j->ids + m->id_off, m->id_len);
    else
      sb_puts(o, json ? "null" : "-");
  }
  sb_puts(o, json ? ",\"para\":" : "\t");
  sb_u64(o, pb + r->para);
  sb_puts(o, json ? ",\"start\":" : "\t");
  sb_u64(o, nb + r->start);
  sb_puts(o, json ? ",\"end\":" : "\t");
  sb_u64(o, nb + r->end);
  if (json) {
    sb_puts(o, ",\"text\":");
    sb_json(o, text, r->text_len);
    sb_puts(o, ",\"lang\":\"");
    sb_puts(o, kztext_lang_name(r->lang));
    sb_puts(o, "\",\"script\":\"");
    sb_puts(o, kztext_script_name(r->script));
    sb_puts(o, "\",\"variant\":");
    if (variant) {
      sb_putc(o, '"');
      sb_puts(o, variant);
      sb_putc(o, '"');
    } else
      sb_puts(o, "null");
    sb_puts(o, ",\"confidence\":");
    sb_fixed3(o, r->confidence);
    if (c->popt.flags & KZTEXT_PIPELINE_ROLES) {
      sb_puts(o, ",\"role\":\"");
      sb_puts(o, kztext_role_name(r->role));
      sb_putc(o, '"');
    }
    if (c->popt.translit) {
      sb_puts(o, ",\"translit\":");
      if (r->has_tl)
        sb_json(o, j->arena + r->tl_off, r->tl_len);
      else
        sb_puts(o, "null");
    }
    if (c->popt.names) { /* keys end in \n each; none holds a quote */
      sb_puts(o, ",\"names\":[");
      for (size_t k = 0, a = 0; k < r->names_len; k++)
        if (j->arena[r->names_off + k] == '\n') {
          if (a) sb_putc(o, ',');
          sb_json(o, j->arena + r->names_off + a, k - a);
          a = k + 1;
        }
      sb_putc(o, ']');
    }
    sb_puts(o, "}\n");
    return;
  }
  sb_putc(o, '\t');
  sb_puts(o, kztext_lang_name(r->lang));
  sb_putc(o, '\t');
  sb_puts(o, kztext_script_name(r->script));
  sb_putc(o, '\t');
  sb_puts(o, variant ? variant : "-");
  sb_putc(o, '\t');
  sb_fixed3(o, r->confidence);
  sb_putc(o, '\t');
  if (c->popt.flags & KZTEXT_PIPELINE_ROLES) {
    sb_puts(o, kztext_role_name(r->role));
    sb_putc(o, '\t');
  }
  sb_oneline(o, text, r->text_len);
  if (c->popt.translit) {
    sb_putc(o, '\t');
    if (r->has_tl)
      sb_oneline(o, j->arena + r->tl_off, r->tl_len);
    else
      sb_putc(o, '-');
  }
  sb_putc(o, '\n');
}

static void report_error(ctx *c, const job *j, size_t d) {
  const doc_result *r = &j->docs[d];
  const char *name = cli_input_name(c->n_files ? c->files[j->file] : "-");
  if (c->input == IN_JSONL) {
    const doc_meta *m = &j->meta[d];
    char what[160];
    switch (m->err) {
    case JSONL_MALFORMED:
      snprintf(what, sizeof what, "malformed JSON");
      break;
    case JSONL_TOO_DEEP:
      snprintf(what, sizeof what, "JSON nested deeper than %d levels", JSONL_MAX_DEPTH);
      break;
    case JSONL_MISSING:
    case JSONL_NOT_STRING:
      snprintf(what, sizeof what, "no string field \"%s\"", c->field);
      break;
    case LINE_TOO_LONG:
      snprintf(what, sizeof what, "line too long (over %d MiB): skipped", (int)(MAX_LINE >> 20));
      break;
    default:
      snprintf(what, sizeof what, "%s", kztext_strerror(r->status));
    }
    fprintf(stderr, "kztext: %s:%llu: line %llu (record %llu): %s\n", name, m->raw_off + m->err_off,
            m->line, m->id, what);
  } else {
    fprintf(stderr, "kztext: %s:%llu: %s\n", name, j->raw_base + r->error_offset,
            kztext_strerror(r->status));
  }
}

/* Writes a finished job; returns 0, or 1 when the run must stop. */
static int write_job(ctx *c, job *j) {
  for (size_t d = 0; d < j->n_docs; d++) {
    doc_result *r = &j->docs[d];
    if (r->status || (j->meta && j->meta[d].err)) {
      fflush(c->out); /* what came before the error is out before its message */
      report_error(c, j, d);
      if (c->stop_on_error || r->status == KZTEXT_E_NO_MEMORY) {
        c->stopped = 1;
        return 1;
      }
      c->skipped = 1;
    }
    size_t last_para = (size_t)-1;
    c->sb.len = 0;
    for (size_t k = r->first_rec; k < r->first_rec + r->n_recs; k++) {
      const rec *x = &j->recs[k];
      if (c->keep && !(c->keep & (1u << x->role))) continue;
      if (c->format == OUT_TEXT && last_para != (size_t)-1 && x->para != last_para)
        sb_putc(&c->sb, '\n');
      last_para = x->para;
      put_record(c, j, d, x, c->doc_norm_base, c->doc_para_base);
    }
    if (c->format == OUT_TEXT && r->n_recs) sb_putc(&c->sb, '\n');
    if (c->sb.oom) {
      cli_error("out of memory");
      c->stopped = 1;
      return 1;
    }
    cli_write(c->out, c->sb.data, c->sb.len);
    if (c->input == IN_TEXT) {
      c->doc_norm_base += r->normalized_len;
      c->doc_para_base += r->paragraphs;
    }
  }
  if (c->input == IN_TEXT && j->last_of_file) c->doc_norm_base = c->doc_para_base = 0;
  return ferror(c->out) ? 1 : 0;
}

static void free_job(job *j) {
  if (!j) return;
  free(j->data);
  free(j->meta);
  free(j->ids);
  free(j->recs);
  free(j->arena);
  free(j->docs);
  free(j);
}

/* Returns a finished job to the pool (at most 2N+2, enough to reuse
 * buffers without keeping a full ring's worth), emptied but keeping its
 * buffers. */
static void release_job(ctx *c, job *j) {
  if (!j) return;
  if (c->pool_n > (size_t)c->jobs * 2 + 1) {
    free_job(j);
    return;
  }
  job keep = *j;
  memset(j, 0, sizeof *j);
  j->data = keep.data;
  j->data_cap = keep.data_cap;
  j->recs = keep.recs;
  j->cap_recs = keep.cap_recs;
  j->arena = keep.arena;
  j->arena_cap = keep.arena_cap;
  j->docs = keep.docs;
  j->docs_cap = keep.docs_cap;
  j->meta = NULL; /* a text job must not look like JSONL */
  free(keep.meta);
  free(keep.ids);
  j->next_free = c->pool;
  c->pool = j;
  c->pool_n++;
}

/* An empty job, from the pool when it has one. */
static job *get_job(ctx *c) {
  job *j = c->pool;
  if (!j) return calloc(1, sizeof *j);
  c->pool = j->next_free;
  c->pool_n--;
  j->next_free = NULL;
  return j;
}

static void free_pool(ctx *c) {
  while (c->pool) {
    job *j = c->pool;
    c->pool = j->next_free;
    free_job(j);
  }
  c->pool_n = 0;
}

/* Grows j->data to hold n bytes, keeping its first `keep` bytes. */
static int reserve_data(job *j, size_t n, size_t keep) {
  if (n <= j->data_cap) return 1;
  size_t cap = (n + 0xFFFF) & ~(size_t)0xFFFF; /* a fresh piece: little slack */
  if (keep) {                                  /* a growing group of records: doubling */
    cap = j->data_cap ? j->data_cap : 4096;
    while (cap < n)
      cap *= 2;
  }
  char *d = keep ? realloc(j->data, cap) : malloc(cap);
  if (!d) return 0;
  if (!keep) free(j->data);
  j->data = d;
  j->data_cap = cap;
  return 1;
}

static void show_progress(ctx *c, int final) {
  if (!c->progress) return;
  double t = now();
  if (!final && t - c->last_progress < 0.5) return;
  c->last_progress = t;
  double el = t - c->t0, mbps = el > 0 ? c->bytes_done / el / 1e6 : 0;
  fprintf(stderr, "\rkztext: %.1f MB, %.1f MB/s", c->bytes_done / 1e6, mbps);
  if (c->bytes_total > c->bytes_done && mbps > 0)
    fprintf(stderr, ", ETA %.0f s", (c->bytes_total - c->bytes_done) / 1e6 / mbps);
  fputs(final ? "\n" : "   ", stderr);
}

/* Hands a job to the workers, or runs it here with -j 1, then writes every
 * finished job at the head of the queue.  Returns 1 to stop. */
static int submit(ctx *c, kztext_pipeline *inline_p, job *j) {
  size_t nd = j->n_docs ? j->n_docs : 1;
  if (nd > j->docs_cap) {
    free(j->docs);
    j->docs_cap = 0;
    if (!(j->docs = malloc(nd * sizeof *j->docs))) {
      release_job(c, j);
      cli_error("out of memory");
      c->stopped = 1;
      return 1;
    }
    j->docs_cap = nd;
  }
  memset(j->docs, 0, nd * sizeof *j->docs);
  if (inline_p) {
    run_job(inline_p, j);
    int stop = write_job(c, j);
    c->bytes_done += j->len;
    release_job(c, j);
    show_progress(c, 0);
    return stop;
  }
  pthread_mutex_lock(&c->mu);
  /* Wait for room: write finished jobs in order meanwhile. */
  while (c->next_submit - c->next_write >= c->ring_cap ||
         (c->next_submit > c->next_write && c->inflight + j->len > c->budget)) {
    job *head = c->ring[c->next_write % c->ring_cap];
    while (!head->done)
      pthread_cond_wait(&c->cv_done, &c->mu);
    c->next_write++;
    pthread_mutex_unlock(&c->mu);
    int stop = write_job(c, head);
    c->bytes_done += head->len;
    c->inflight -= head->len;
    release_job(c, head);
    show_progress(c, 0);
    pthread_mutex_lock(&c->mu);
    if (stop) {
      pthread_mutex_unlock(&c->mu);
      release_job(c, j);
      return 1;
    }
  }
  j->seq = c->next_submit;
  c->ring[c->next_submit % c->ring_cap] = j;
  c->inflight += j->len;
  c->next_submit++;
  pthread_cond_signal(&c->cv_work);
  pthread_mutex_unlock(&c->mu);
  return 0;
}

/* Writes every remaining job (or frees them after a stop). */
static void drain(ctx *c) {
  pthread_mutex_lock(&c->mu);
  while (c->next_write < c->next_submit) {
    job *head = c->ring[c->next_write % c->ring_cap];
    while (!head->done)
      pthread_cond_wait(&c->cv_done, &c->mu);
    c->next_write++;
    pthread_mutex_unlock(&c->mu);
    c->inflight -= head->len;
    if (!c->stopped) {
      write_job(c, head);
      c->bytes_done += head->len;
      show_progress(c, 0);
    }
    release_job(c, head);
    pthread_mutex_lock(&c->mu);
  }
  pthread_mutex_unlock(&c->mu);
}

/* ---- input ---- */

typedef struct reader {
  ctx *c;
  kztext_pipeline *inline_p;
  int file;
  unsigned long long records; /* JSONL record number within the file */
  unsigned long long lines;   /* JSONL line number within the file */
  job *pending;               /* JSONL: records gathered so far */
  int skipping;               /* JSONL: inside a line too long to hold */
  size_t scanned;             /* bytes at the buffer's start known to hold no cut */
} reader;

enum { PIECE = 256 << 10, MAX_PIECE = 1 << 20 };

static job *new_job(reader *rd, const char *p, size_t n, unsigned long long base) {
  job *j = get_job(rd->c);
  if (!j) return NULL;
  if (!reserve_data(j, n ? n : 1, 0)) {
    release_job(rd->c, j);
    return NULL;
  }
  memcpy(j->data, p, n);
  j->len = n;
  j->raw_base = base;
  j->file = rd->file;
  j->n_docs = 1;
  return j;
}

/* Where to cut a text piece: after a blank line, else after a line break,
 * else at a character boundary.  The first `scanned` bytes are known to hold
 * no blank-line cut, so long paragraphs are not rescanned at every read. */
static size_t text_cut(const char *buf, size_t len, size_t scanned, int full) {
  size_t from = scanned > 2 ? scanned - 2 : 0;
  size_t cut = kztext_pipeline_boundary(buf + from, len - from);
  if (cut) return from + cut;
  if (!full) return 0;
  for (size_t i = len; i > 0; i--)
    if (buf[i - 1] == '\n') return i;
  return cli_char_cut(buf, len);
}

static size_t on_text_chunk(void *arg, const char *buf, size_t len, int eof, int full,
                            uint64_t base) {
  reader *rd = arg;
  ctx *c = rd->c;
  if (c->stopped || c->halt) return (size_t)-1;
  if (!eof && !full && len < PIECE) return 0; /* gather a piece first */
  size_t cut = eof ? len : text_cut(buf, len, rd->scanned, full || len >= MAX_PIECE);
  if (!cut && !eof) {
    rd->scanned = len;
    return 0;
  }
  rd->scanned = len - cut; /* the last cut was taken: the rest holds none */
  job *j = new_job(rd, buf, cut, base);
  if (!j) {
    cli_error("out of memory");
    c->stopped = 1;
    return (size_t)-1;
  }
  j->last_of_file = eof && cut == len;
  return submit(c, rd->inline_p, j) ? (size_t)-1 : cut;
}

static int flush_records(reader *rd) {
  job *j = rd->pending;
  rd->pending = NULL;
  if (!j || !j->n_docs) {
    release_job(rd->c, j);
    return 0;
  }
  return submit(rd->c, rd->inline_p, j);
}

/* Appends a record (its text, or a reading error with no text) to the
 * pending job.  Errors travel with the records so the writer reports them
 * in input order, after the records before them. */
static int add_doc(reader *rd, const char *text, size_t tlen, uint64_t off, int err, size_t err_off,
                   const char *id, size_t id_len) {
  ctx *c = rd->c;
  if (!rd->pending) {
    rd->pending = get_job(c);
    if (!rd->pending) {
      cli_error("out of memory");
      c->stopped = 1;
      return 1;
    }
    rd->pending->file = rd->file;
  }
  job *j = rd->pending;
  size_t k = j->n_docs;
  if (k == j->meta_cap) {
    size_t cap = k ? k * 2 : 64;
    doc_meta *m = realloc(j->meta, cap * sizeof *m);
    if (!m) {
      cli_error("out of memory");
      c->stopped = 1;
      return 1;
    }
    j->meta = m;
    j->meta_cap = cap;
  }
  if (!reserve_data(j, j->len + tlen + 1, j->len)) {
    cli_error("out of memory");
    c->stopped = 1;
    return 1;
  }
  if (tlen) memcpy(j->data + j->len, text, tlen);
  j->len += tlen;
  j->meta[k] = (doc_meta){j->len, rd->records, rd->lines, off, err, err_off, 0, 0, 0};
  if (id) {
    if (j->ids_len + id_len > j->ids_cap) {
      size_t cap = j->ids_cap ? j->ids_cap : 256;
      while (cap < j->ids_len + id_len)
        cap *= 2;
      char *b = realloc(j->ids, cap);
      if (!b) {
        cli_error("out of memory");
        c->stopped = 1;
        return 1;
      }
      j->ids = b;
      j->ids_cap = cap;
    }
    memcpy(j->ids + j->ids_len, id, id_len);
    j->meta[k].id_off = j->ids_len;
    j->meta[k].id_len = id_len;
    j->meta[k].has_id = 1;
    j->ids_len += id_len;
  }
  j->n_docs++;
  /* After an error that ends the run, hand over what was read and stop. */
  if (err && c->stop_on_error) {
    c->halt = 1;
    return flush_records(rd) || 1;
  }
  return j->len >= PIECE / 4 ? flush_records(rd) : 0;
}

/* Adds one JSONL line (without its newline) to the pending job. */
static int add_record(reader *rd, const char *line, size_t n, uint64_t off) {
  ctx *c = rd->c;
  rd->lines++;
  while (n && (line[n - 1] == '\r' || line[n - 1] == ' '))
    n--;
  if (!n) return 0; /* blank lines are not records */
  rd->records++;
  char *text = NULL;
  size_t tlen = 0, bad = 0;
  int r = jsonl_get_string(line, n, c->field, &text, &tlen, &bad);
  if (r < 0) {
    cli_error("out of memory");
    c->stopped = 1;
    return 1;
  }
  const char *id = NULL;
  size_t ia = 0, ib = 0;
  if (c->id_field && r != JSONL_MALFORMED && r != JSONL_TOO_DEEP) {
    int ri = jsonl_get_value(line, n, c->id_field, &ia, &ib, NULL);
    if (ri < 0) {
      free(text);
      cli_error("out of memory");
      c->stopped = 1;
      return 1;
    }
    if (ri == JSONL_FOUND) id = line + ia;
  }
  int stop = r == JSONL_FOUND
                 ? add_doc(rd, text, tlen, off, 0, 0, id, ib - ia)
                 : add_doc(rd, NULL, 0, off, r,
                           r == JSONL_MISSING || r == JSONL_NOT_STRING ? 0 : bad, NULL, 0);
  free(text);
  return stop;
}

static size_t on_jsonl_chunk(void *arg, const char *buf, size_t len, int eof, int full,
                             uint64_t base) {
  reader *rd = arg;
  if (rd->c->stopped || rd->c->halt) return (size_t)-1;
  size_t used = 0;
  for (;;) {
    const char *nl = memchr(buf + used, '\n', len - used);
    if (rd->skipping) { /* the rest of a line too long to hold */
      if (!nl) return len;
      rd->skipping = 0;
      used = (size_t)(nl - buf) + 1;
      continue;
    }
    if (!nl && full) { /* a line longer than the buffer: report it, skip the rest */
      rd->lines++;
      rd->records++;
      rd->skipping = 1;
      if (add_doc(rd, NULL, 0, base + used, LINE_TOO_LONG, 0, NULL, 0)) return (size_t)-1;
      return len;
    }
    if (!nl && !eof) break;
    size_t end = nl ? (size_t)(nl - buf) : len;
    if (end > used || nl) {
      if (add_record(rd, buf + used, end - used, base + used)) return (size_t)-1;
    }
    used = nl ? end + 1 : len;
    if (!nl) break;
  }
  if (eof && flush_records(rd)) return (size_t)-1;
  return used;
}

static int parse_enum(const char *v, const char *const *names, int n) {
  for (int i = 0; i < n; i++)
    if (!strcmp(v, names[i])) return i;
  return -1;
}

/* "title,body" -> a bit per role named; 1 for an unknown or empty name. */
static int parse_roles(const char *list, unsigned *mask) {
  *mask = 0;
  for (const char *p = list;;) {
    size_t n = strcspn(p, ",");
    int found = 0;
    for (int r = KZTEXT_ROLE_TITLE; kztext_role_name((kztext_role)r); r++) {
      const char *name = kztext_role_name((kztext_role)r);
      if (n && strlen(name) == n && !memcmp(name, p, n)) {
        *mask |= 1u << r;
        found = 1;
      }
    }
    if (!found) return 1;
    if (!p[n]) return 0;
    p += n + 1;
  }
}

int cmd_process(int argc, char **argv) {
  static const struct option opts[] = {{"from", required_argument, 0, 'F'},
                                       {"lang", required_argument, 0, 'l'},
                                       {"translit", required_argument, 0, 't'},
                                       {"translit-all", no_argument, 0, 'T'},
                                       {"input", required_argument, 0, 'I'},
                                       {"field", required_argument, 0, 'f'},
                                       {"format", required_argument, 0, 'm'},
                                       {"jobs", required_argument, 0, 'j'},
                                       {"output", required_argument, 0, 'o'},
                                       {"on-error", required_argument, 0, 'e'},
                                       {"invalid", required_argument, 0, 'i'},
                                       {"lines", no_argument, 0, 'L'},
                                       {"no-repair", no_argument, 0, 'R'},
                                       {"progress", no_argument, 0, 'P'},
                                       {"quiet", no_argument, 0, 'q'},
                                       {"help", no_argument, 0, 'h'},
                                       {"roles", no_argument, 0, 'r'},
                                       {"keep", required_argument, 0, 'k'},
                                       {"id-field", required_argument, 0, 'D'},
                                       {"names", no_argument, 0, 'N'},
                                       {0, 0, 0, 0}};
  static const char *const inputs[] = {"text", "jsonl"};
  static const char *const formats[] = {"jsonl", "tsv", "text"};
  ctx c;
  memset(&c, 0, sizeof c);
  c.popt.size = sizeof c.popt;
  c.field = "text";
  c.jobs = 1;
  c.progress = isatty(2);
  const char *outpath = NULL;
  int ch;
  optind = 1;
  opterr = 0;
  while ((ch = getopt_long(argc, argv, ":j:o:h", opts, NULL)) != -1) {
    switch (ch) {
    case 'F':
      if (kztext_encoding_from_name(optarg, &c.popt.encoding))
        return cli_usage_error(usage, "process", "unknown encoding '%s'", optarg);
      break;
    case 'l':
      if (cli_set_lang(optarg, &c.popt.lang))
        return cli_usage_error(usage, "process", "unknown language '%s'", optarg);
      break;
    case 't':
      if (kztext_scheme_from_name(optarg, &c.popt.translit_to) ||
          c.popt.translit_to == KZTEXT_SCHEME_AUTO)
        return cli_usage_error(usage, "process", "unknown scheme '%s'", optarg);
      c.popt.translit = 1;
      break;
    case 'T':
      c.popt.flags |= KZTEXT_PIPELINE_TRANSLIT_ALL;
      break;
    case 'N':
      c.popt.names = 1;
      break;
    case 'I':
      if ((c.input = parse_enum(optarg, inputs, 2)) < 0)
        return cli_usage_error(usage, "process", "unknown input format '%s'", optarg);
      break;
    case 'f':
      c.field = optarg;
      break;
    case 'D':
      c.id_field = optarg;
      break;
    case 'm':
      if ((c.format = parse_enum(optarg, formats, 3)) < 0)
        return cli_usage_error(usage, "process", "unknown output format '%s'", optarg);
      break;
    case 'j': {
      char *end;
      long v = strtol(optarg, &end, 10);
      if (*end || v < 1 || v > 256)
        return cli_usage_error(usage, "process", "-j needs a number from 1 to 256");
      c.jobs = (int)v;
      break;
    }
    case 'o':
      outpath = optarg;
      break;
    case 'e':
      if (!strcmp(optarg, "stop"))
        c.stop_on_error = 1;
      else if (!strcmp(optarg, "skip"))
        c.stop_on_error = 0;
      else
        return cli_usage_error(usage, "process", "--on-error takes skip or stop");
      break;
    case 'i':
      if (cli_set_policy(optarg, &c.popt.flags))
        return cli_usage_error(usage, "process", "unknown policy '%s'", optarg);
      break;
    case 'L':
      c.popt.flags |= KZTEXT_PIPELINE_LINES;
      break;
    case 'r':
      c.popt.flags |= KZTEXT_PIPELINE_ROLES;
      break;
    case 'k':
      if (parse_roles(optarg, &c.keep))
        return cli_usage_error(usage, "process", "unknown role in '%s'", optarg);
      break;
    case 'R':
      c.popt.flags |= KZTEXT_PIPELINE_NO_REPAIR;
      break;
    case 'P':
      c.progress = 1;
      break;
    case 'q':
      c.progress = 0;
      break;
    case 'h':
      return cli_help(help);
    case ':':
      return cli_usage_error(usage, "process", "option '%s' needs a value", argv[optind - 1]);
    default:
      return cli_usage_error(usage, "process", "unknown option '%s'", argv[optind - 1]);
    }
  }
  if (c.id_field && c.input != IN_JSONL)
    return cli_usage_error(usage, "process", "--id-field needs --input jsonl");
  if (c.keep && !(c.popt.flags & KZTEXT_PIPELINE_ROLES))
    return cli_usage_error(usage, "process", "--keep needs --roles");
  if ((c.popt.flags & KZTEXT_PIPELINE_TRANSLIT_ALL) && !c.popt.translit)
    return cli_usage_error(usage, "process", "--translit-all needs --translit");
  kztext_encoding from = c.input == IN_JSONL ? KZTEXT_ENC_UTF8 /* JSON text is Unicode */
                                             : c.popt.encoding;
  c.popt.encoding = KZTEXT_ENC_UTF8;
  c.files = argv + optind;
  c.n_files = argc - optind;
  for (int i = 0; i < c.n_files; i++) {
    struct stat sb;
    if (strcmp(c.files[i], "-") && stat(c.files[i], &sb) == 0 && S_ISREG(sb.st_mode))
      c.bytes_total += (unsigned long long)sb.st_size;
  }
  kztext_pipeline *inline_p = NULL;
  pthread_t *threads = NULL;
  kztext_status st = kztext_pipeline_new(&c.popt, &inline_p);
  if (st) return cli_error("cannot start the pipeline: %s", kztext_strerror(st));
  c.out = cli_open_output(outpath);
  if (!c.out) {
    kztext_pipeline_free(inline_p);
    return CLI_FAIL;
  }
  int nthreads = 0;
  if (c.jobs > 1) {
    c.spare = inline_p;
    inline_p = NULL;
    pthread_mutex_init(&c.mu, NULL);
    pthread_cond_init(&c.cv_work, NULL);
    pthread_cond_init(&c.cv_done, NULL);
    /* Room for many pieces, so a slow one (a long paragraph) at the head
     * does not idle the other workers while the output waits for it; the
     * byte budget (N+2 MB of input) bounds memory whatever their sizes. */
    c.ring_cap = (size_t)c.jobs * 8 + 8;
    c.budget = ((size_t)c.jobs + 2) << 20;
    c.ring = calloc(c.ring_cap, sizeof *c.ring);
    threads = calloc((size_t)c.jobs, sizeof *threads);
    if (!c.ring || !threads) {
      cli_error("out of memory");
      c.stopped = 1;
    }
    for (; !c.stopped && nthreads < c.jobs; nthreads++)
      if (pthread_create(&threads[nthreads], NULL, worker, &c)) {
        cli_error("cannot start a thread: %s", strerror(errno));
        c.stopped = 1;
        break;
      }
  }
  c.t0 = now();
  int rc = CLI_OK;
  reader rd = {&c, inline_p, 0, 0, 0, NULL, 0, 0};
  /* The reader hands the pipeline UTF-8: it decodes other input itself. */
  cli_input in = {from, c.popt.flags & KZTEXT_INVALID_REPLACE};
  for (int k = 0; k < (c.n_files ? c.n_files : 1) && !c.stopped && !c.halt; k++) {
    const char *path = c.n_files ? c.files[k] : "-";
    rd.file = k;
    rd.records = rd.lines = 0;
    rd.skipping = 0;
    rd.scanned = 0;
    int r = c.input == IN_JSONL ? cli_stream(path, &in, 1 << 16, MAX_LINE, on_jsonl_chunk, &rd)
                                : cli_stream(path, &in, 1 << 16, MAX_PIECE, on_text_chunk, &rd);
    if (r == CLI_UNSURE) c.unsure = 1; /* exit 1: --from is needed */
    if (r == CLI_NOMEM) c.halt = 1;    /* no use going on to the next file */
    if (r && !c.stopped && !c.halt) {
      /* The file could not be read: a skipped document, or the end (after
       * what was read from it is written). */
      if (c.stop_on_error)
        c.halt = 1;
      else
        c.skipped = 1;
    }
    /* A JSONL reading error that ends the run is reported by the writer. */
  }
  free_job(rd.pending);
  if (threads) {
    drain(&c);
    pthread_mutex_lock(&c.mu);
    c.quit = 1;
    pthread_cond_broadcast(&c.cv_work);
    pthread_mutex_unlock(&c.mu);
    for (int i = 0; i < nthreads; i++)
      pthread_join(threads[i], NULL);
    free(threads);
    free(c.ring);
    pthread_mutex_destroy(&c.mu);
    pthread_cond_destroy(&c.cv_work);
    pthread_cond_destroy(&c.cv_done);
  }
  free_pool(&c);
  kztext_pipeline_free(c.spare); /* no worker started to take it */
  kztext_pipeline_free(inline_p);
  free(c.sb.data);
  show_progress(&c, 1);
  if (cli_close_output(c.out, outpath)) rc = CLI_FAIL;
  if (c.stopped || c.halt || c.unsure)
    rc = CLI_FAIL;
  else if (rc == CLI_OK && c.skipped)
    rc = 3;
  return rc;
}

/* kztext process: the news pipeline over files, streamed and parallel.
 *
 * The engine is the library's kztext_stream: N worker threads, results
 * written in input order (so -j 1 and -j N give the same bytes), and a byte
 * budget on what is in flight (--memory), which bounds memory whatever the
 * input size.  This file reads the files into documents (pieces of a text
 * file cut after a blank line, or JSONL records, with reading errors
 * carried in order) and formats the results. */
#define _POSIX_C_SOURCE 200809L
#include <getopt.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
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
    "                      [--roles [--keep ROLES]] [-j N] [--memory MB]\n"
    "                      [--on-error skip|stop]\n"
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
    "  --memory MB         bound on the input read and not yet written, whatever\n"
    "                      -j is (default 8); peak memory is about 2.5 times it\n"
    "                      plus 13 MB, and 1-3 MB per worker; less holds back fast\n"
    "                      workers sooner (docs/scaling.md)\n"
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

/* A JSONL line that is too long to hold (the rest of it is skipped). */
enum { LINE_TOO_LONG = 100 };

/* Above this many workers they format the records (the writer formatting
 * them is 6% of the work: one of ten workers' worth). */
enum { FORMAT_IN_WORKERS = 4 };

/* Travels with a piece of a text file (kztext_stream_doc.meta). */
typedef struct text_meta {
  unsigned long long raw_base; /* file offset of the piece */
  int file;                    /* index into the file list */
  int last_of_file;
} text_meta;

/* Travels with a JSONL record; its --id-field value follows, as written.
 * Reading errors travel the same way, so the writer reports them in input
 * order, after the records before them. */
typedef struct json_meta {
  unsigned long long line;    /* line number from 1, blank lines counted: the doc */
  unsigned long long raw_off; /* file offset of its line */
  size_t err_off;             /* where in the line */
  int err;                    /* a reading error (JSONL_*, LINE_TOO_LONG), or 0 */
  int file;
  int has_id;
} json_meta;

typedef struct ctx {
  kztext_pipeline_options popt;
  int input, format, stop_on_error, jobs;
  size_t memory_mb; /* --memory; 0: the library's default */
  unsigned keep;    /* --keep: bit 1 << role for each role written; 0 = all */
  const char *field;
  const char *id_field; /* --id-field NAME, or NULL */
  char **files;
  int n_files;
  FILE *out;
  kztext_stream *stream;
  /* Writer state: the write callback runs on any thread, never twice at
   * once; the main thread reads it after kztext_stream_finish. */
  strbuf sb;
  unsigned long long doc_norm_base, doc_para_base;
  int skipped, stopped; /* stopped: nothing more is written */
  /* Reader state (main thread). */
  int halt;   /* the reader stopped: what was read is still written */
  int unsure; /* auto detection refused a file */
  /* progress (writer) */
  int progress;
  unsigned long long bytes_done, bytes_total;
  double t0, last_progress;
} ctx;

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* ---- output ---- */

static void put_doc_id(const ctx *c, strbuf *o, int file, unsigned long long line) {
  if (c->input == IN_JSONL) {
    sb_u64(o, line);
  } else {
    const char *name = cli_input_name(c->n_files ? c->files[file] : "-");
    if (c->format == OUT_JSONL)
      sb_json(o, name, strlen(name));
    else
      sb_oneline(o, name, strlen(name));
  }
}

/* A worker writes the paragraph number and the offsets of a record of a
 * text piece counting from the piece's start; the writer adds the counts of
 * the pieces before (known only in order).  It finds them from where the
 * paragraph number starts: the three are the next three runs of digits
 * (what separates them holds none). */
static void put_num(strbuf *o, strbuf *pt, unsigned long long v, int first) {
  if (pt && first) {
    size_t at = o->len;
    sb_put(pt, (const char *)&at, sizeof at);
  }
  sb_u64(o, v);
}

static void put_record(const ctx *c, strbuf *o, strbuf *pt, int file, const json_meta *m,
                       const char *id, size_t id_len, const kztext_sentence *r,
                       unsigned long long nb, unsigned long long pb) {
  const char *variant = r->variant ? kztext_variant_name(r->variant) : NULL;
  if (c->format == OUT_TEXT) {
    if (r->translit)
      sb_oneline(o, r->translit, r->translit_len);
    else
      sb_oneline(o, r->text, r->len);
    sb_putc(o, '\n');
    return;
  }
  int json = c->format == OUT_JSONL;
  /* The same fields in the same order: JSON with keys, TSV as columns. */
  if (json) sb_puts(o, "{\"doc\":");
  put_doc_id(c, o, file, m ? m->line : 0);
  if (c->id_field) {
    sb_puts(o, json ? ",\"id\":" : "\t");
    if (m && m->has_id)
      sb_oneline(o, id, id_len);
    else
      sb_puts(o, json ? "null" : "-");
  }
  sb_puts(o, json ? ",\"para\":" : "\t");
  put_num(o, pt, pb + r->para, 1);
  sb_puts(o, json ? ",\"start\":" : "\t");
  put_num(o, pt, nb + r->start, 0);
  sb_puts(o, json ? ",\"end\":" : "\t");
  put_num(o, pt, nb + r->end, 0);
  if (json) {
    sb_puts(o, ",\"text\":");
    sb_json(o, r->text, r->len);
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
      if (r->translit)
        sb_json(o, r->translit, r->translit_len);
      else
        sb_puts(o, "null");
    }
    if (c->popt.names) { /* keys end in \n each; none holds a quote */
      sb_puts(o, ",\"names\":[");
      for (size_t k = 0, a = 0; k < r->names_len; k++)
        if (r->names[k] == '\n') {
          if (a) sb_putc(o, ',');
          sb_json(o, r->names + a, k - a);
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
  sb_oneline(o, r->text, r->len);
  if (c->popt.translit) {
    sb_putc(o, '\t');
    if (r->translit)
      sb_oneline(o, r->translit, r->translit_len);
    else
      sb_putc(o, '-');
  }
  sb_putc(o, '\n');
}

static void report_error(ctx *c, const kztext_stream_result *r, int file, const json_meta *m,
                         const text_meta *t) {
  const char *name = cli_input_name(c->n_files ? c->files[file] : "-");
  if (m) {
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
            m->line, m->line, what);
  } else {
    fprintf(stderr, "kztext: %s:%llu: %s\n", name, t->raw_base + r->error_offset,
            kztext_strerror(r->status));
  }
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

/* The meta that travels with a result. */
static int result_meta(const ctx *c, const kztext_stream_result *r, json_meta *jm, text_meta *tm,
                       const char **id, size_t *id_len) {
  if (c->input == IN_JSONL) {
    memcpy(jm, r->meta, sizeof *jm);
    *id = (const char *)r->meta + sizeof *jm;
    *id_len = r->meta_len - sizeof *jm;
    return jm->file;
  }
  memcpy(tm, r->meta, sizeof *tm);
  return tm->file;
}

/* Formats a result's records: with the bases (nb, pb) in order, or with
 * none, noting where the numbers are in pt. */
static void put_records(const ctx *c, strbuf *o, strbuf *pt, const kztext_stream_result *r,
                        unsigned long long nb, unsigned long long pb) {
  json_meta jm;
  text_meta tm;
  const char *id = NULL;
  size_t id_len = 0;
  int file = result_meta(c, r, &jm, &tm, &id, &id_len);
  const json_meta *m = c->input == IN_JSONL ? &jm : NULL;
  size_t last_para = (size_t)-1;
  for (size_t k = 0; k < r->count; k++) {
    const kztext_sentence *x = &r->sentences[k];
    if (c->keep && !(c->keep & (1u << x->role))) continue;
    if (c->format == OUT_TEXT && last_para != (size_t)-1 && x->para != last_para) sb_putc(o, '\n');
    last_para = x->para;
    put_record(c, o, pt, file, m, id, id_len, x, nb, pb);
  }
  if (c->format == OUT_TEXT && r->count) sb_putc(o, '\n');
}

/* The stream's format callback (-j 2 and up): formats a result's records
 * on the worker that made it (several at once), so that the ordered writer
 * only writes bytes.  With text input, the paragraph numbers and offsets
 * count from the piece's start; their places follow the bytes, as
 * patches, and then {bytes, patches} as two size_t. */
static int on_format(void *user, const kztext_stream_result *r, char **buf, size_t *len,
                     size_t *cap) {
  const ctx *c = user;
  strbuf o = {*buf, *len, *cap, 0}, pt = {NULL, 0, 0, 0};
  size_t start = o.len;
  int patched = c->input == IN_TEXT && c->format != OUT_TEXT;
  put_records(c, &o, patched ? &pt : NULL, r, 0, 0);
  if (patched) {
    size_t sizes[2] = {o.len - start, pt.len / sizeof(size_t)};
    for (size_t i = 0; i < sizes[1]; i++) { /* positions from this result's start */
      size_t at;
      memcpy(&at, pt.data + i * sizeof at, sizeof at);
      at -= start;
      memcpy(pt.data + i * sizeof at, &at, sizeof at);
    }
    sb_put(&o, pt.data, pt.len);
    sb_put(&o, (const char *)sizes, sizeof sizes);
  }
  free(pt.data);
  *buf = o.data;
  *len = o.len;
  *cap = o.cap;
  return o.oom || pt.oom;
}

/* Writes formatted bytes, adding the bases to the patched numbers. */
static void write_formatted(ctx *c, const kztext_stream_result *r) {
  const char *f = r->formatted;
  if (c->jobs <= FORMAT_IN_WORKERS) { /* no format callback: formatted here, in order */
    c->sb.len = 0;
    put_records(c, &c->sb, NULL, r, c->doc_norm_base, c->doc_para_base);
    if (!c->sb.oom) cli_write(c->out, c->sb.data, c->sb.len);
    return;
  }
  if (!(c->input == IN_TEXT && c->format != OUT_TEXT)) {
    cli_write(c->out, f, r->formatted_len);
    return;
  }
  size_t sizes[2];
  if (r->formatted_len < sizeof sizes) return; /* a result with no bytes */
  memcpy(sizes, f + r->formatted_len - sizeof sizes, sizeof sizes);
  if (!c->doc_norm_base && !c->doc_para_base) { /* the numbers stand as written */
    cli_write(c->out, f, sizes[0]);
    return;
  }
  strbuf *o = &c->sb;
  o->len = 0;
  size_t prev = 0;
  for (size_t i = 0; i < sizes[1]; i++) {
    size_t at;
    memcpy(&at, f + sizes[0] + i * sizeof at, sizeof at);
    for (int k = 0; k < 3; k++) { /* para, start, end */
      while (at < sizes[0] && (f[at] < '0' || f[at] > '9'))
        at++;
      unsigned long long v = 0;
      size_t e = at;
      for (; e < sizes[0] && f[e] >= '0' && f[e] <= '9'; e++)
        v = v * 10 + (unsigned)(f[e] - '0');
      sb_put(o, f + prev, at - prev);
      sb_u64(o, v + (k ? c->doc_norm_base : c->doc_para_base));
      prev = at = e;
    }
  }
  sb_put(o, f + prev, sizes[0] - prev);
  if (!o->oom) cli_write(c->out, o->data, o->len);
}

/* The stream's write callback: one document (or part of a text piece), in
 * input order, its records formatted already.  Returns 1 to stop the run. */
static int on_result(void *user, const kztext_stream_result *r) {
  ctx *c = user;
  json_meta jm;
  text_meta tm = {0, 0, 0};
  const char *id = NULL;
  size_t id_len = 0;
  int file = result_meta(c, r, &jm, &tm, &id, &id_len);
  if (r->status) {
    fflush(c->out); /* what came before the error is out before its message */
    report_error(c, r, file, c->input == IN_JSONL ? &jm : NULL, &tm);
    if (c->stop_on_error || r->status == KZTEXT_E_NO_MEMORY) {
      c->stopped = 1;
      return 1;
    }
    c->skipped = 1;
  }
  write_formatted(c, r);
  if (c->sb.oom) {
    cli_error("out of memory");
    c->stopped = 1;
    return 1;
  }
  if (c->input == IN_TEXT) {
    c->doc_norm_base += r->normalized_len;
    c->doc_para_base += r->paragraphs;
    if (r->last && tm.last_of_file) c->doc_norm_base = c->doc_para_base = 0;
  }
  if (r->last) c->bytes_done += r->doc_len;
  show_progress(c, 0);
  if (ferror(c->out)) {
    c->stopped = 1;
    return 1;
  }
  return 0;
}

/* ---- input ---- */

typedef struct reader {
  ctx *c;
  int file;
  int stop;                 /* the stream stopped, or memory ran out */
  unsigned long long lines; /* JSONL line number within the file */
  int skipping;             /* JSONL: inside a line too long to hold */
  size_t scanned;           /* bytes at the buffer's start known to hold no cut */
  char *meta;               /* JSONL: a record's json_meta and id */
  size_t meta_cap;
} reader;

/* Text pieces: the same cuts at any -j, so that the output is the same. */
enum { PIECE = 256 << 10, MAX_PIECE = 1 << 20 };

/* Pushes a document; 1 when the run must stop reading. */
static int push(reader *rd, const kztext_stream_doc *d) {
  kztext_status st = kztext_stream_push(rd->c->stream, d);
  if (st == KZTEXT_E_NO_MEMORY) {
    cli_error("out of memory");
    rd->c->halt = 1;
  }
  if (st) rd->stop = 1;
  return st != KZTEXT_OK;
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
  if (rd->stop || rd->c->halt) return (size_t)-1;
  if (!eof && !full && len < PIECE) return 0; /* gather a piece first */
  size_t cut = eof ? len : text_cut(buf, len, rd->scanned, full || len >= MAX_PIECE);
  if (!cut && !eof) {
    rd->scanned = len;
    return 0;
  }
  rd->scanned = len - cut; /* the last cut was taken: the rest holds none */
  text_meta m = {base, rd->file, eof && cut == len};
  kztext_stream_doc d = {.size = sizeof d,
                         .data = buf,
                         .len = cut,
                         .meta = &m,
                         .meta_len = sizeof m,
                         .paragraph_errors = 1};
  return push(rd, &d) ? (size_t)-1 : cut;
}

/* Pushes a record (its text, or a reading error with no text). */
static int add_doc(reader *rd, const char *text, size_t tlen, uint64_t off, int err, size_t err_off,
                   const char *id, size_t id_len) {
  ctx *c = rd->c;
  json_meta m = {rd->lines, off, err_off, err, rd->file, id != NULL};
  size_t n = sizeof m + (id ? id_len : 0);
  if (n > rd->meta_cap) {
    char *b = realloc(rd->meta, n);
    if (!b) {
      cli_error("out of memory");
      c->halt = 1;
      return 1;
    }
    rd->meta = b;
    rd->meta_cap = n;
  }
  memcpy(rd->meta, &m, sizeof m);
  if (id) memcpy(rd->meta + sizeof m, id, id_len);
  kztext_stream_doc d = {.size = sizeof d,
                         .data = text,
                         .len = tlen,
                         .meta = rd->meta,
                         .meta_len = n,
                         .error = err ? KZTEXT_E_INVALID_ARG : KZTEXT_OK};
  if (push(rd, &d)) return 1;
  /* After an error that ends the run, what was read is still written. */
  if (err && c->stop_on_error) {
    c->halt = 1;
    return 1;
  }
  return 0;
}

/* Pushes one JSONL line (without its newline). */
static int add_record(reader *rd, const char *line, size_t n, uint64_t off) {
  ctx *c = rd->c;
  rd->lines++; /* blank lines too: the doc number is the line number */
  while (n && (line[n - 1] == '\r' || line[n - 1] == ' '))
    n--;
  if (!n) return 0; /* blank lines are not records */
  char *text = NULL;
  size_t tlen = 0, bad = 0;
  int r = jsonl_get_string(line, n, c->field, &text, &tlen, &bad);
  if (r < 0) {
    cli_error("out of memory");
    c->halt = 1;
    return 1;
  }
  const char *id = NULL;
  size_t ia = 0, ib = 0;
  if (c->id_field && r != JSONL_MALFORMED && r != JSONL_TOO_DEEP) {
    int ri = jsonl_get_value(line, n, c->id_field, &ia, &ib, NULL);
    if (ri < 0) {
      free(text);
      cli_error("out of memory");
      c->halt = 1;
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
  if (rd->stop || rd->c->halt) return (size_t)-1;
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
  static const struct option opts[] = {
      {"from", required_argument, 0, 'F'},     {"lang", required_argument, 0, 'l'},
      {"translit", required_argument, 0, 't'}, {"translit-all", no_argument, 0, 'T'},
      {"input", required_argument, 0, 'I'},    {"field", required_argument, 0, 'f'},
      {"format", required_argument, 0, 'm'},   {"jobs", required_argument, 0, 'j'},
      {"output", required_argument, 0, 'o'},   {"on-error", required_argument, 0, 'e'},
      {"invalid", required_argument, 0, 'i'},  {"lines", no_argument, 0, 'L'},
      {"no-repair", no_argument, 0, 'R'},      {"progress", no_argument, 0, 'P'},
      {"quiet", no_argument, 0, 'q'},          {"help", no_argument, 0, 'h'},
      {"roles", no_argument, 0, 'r'},          {"keep", required_argument, 0, 'k'},
      {"id-field", required_argument, 0, 'D'}, {"names", no_argument, 0, 'N'},
      {"memory", required_argument, 0, 'M'},   {0, 0, 0, 0}};
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
    case 'M': {
      char *end;
      long v = strtol(optarg, &end, 10);
      if (*end || v < 1 || v > 1 << 20)
        return cli_usage_error(usage, "process", "--memory needs megabytes from 1 to 1048576");
      c.memory_mb = (size_t)v;
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
    default:
      return cli_bad_option(usage, "process", ch, argv);
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
#ifdef __GLIBC__
  /* Buffers of a piece's size (256 KiB and more) are mapped and unmapped:
   * glibc would otherwise raise this threshold after the first free and
   * keep freed buffers in each worker's own arena, where they add up to
   * tens of MB at -j 16 (docs/scaling.md).  The process is ours: the
   * library itself sets nothing. */
  mallopt(M_MMAP_THRESHOLD, 256 << 10);
#endif
  kztext_stream_options so = {.size = sizeof so, .pipeline = &c.popt};
  /* With many workers they format the records too, so that the one writer
   * does not hold them back; with few, formatting as it writes costs less
   * (no offsets to patch) and the writer keeps up.  The same bytes. */
  if (c.jobs > FORMAT_IN_WORKERS) so.format = on_format;
  so.jobs = c.jobs > 1 ? (unsigned)c.jobs : 0; /* -j 1: no thread, as before */
  so.memory = c.memory_mb << 20;
  kztext_status st = kztext_stream_new(&so, on_result, &c, &c.stream);
  if (st) return cli_error("cannot start the pipeline: %s", kztext_strerror(st));
  c.out = cli_open_output(outpath);
  if (!c.out) {
    kztext_stream_free(c.stream);
    return CLI_FAIL;
  }
  c.t0 = now();
  int rc = CLI_OK;
  reader rd = {&c, 0, 0, 0, 0, 0, NULL, 0};
  /* The reader hands the pipeline UTF-8: it decodes other input itself. */
  cli_input in = {from, c.popt.flags & KZTEXT_INVALID_REPLACE};
  for (int k = 0; k < (c.n_files ? c.n_files : 1) && !rd.stop && !c.halt; k++) {
    const char *path = c.n_files ? c.files[k] : "-";
    rd.file = k;
    rd.lines = 0;
    rd.skipping = 0;
    rd.scanned = 0;
    int r = c.input == IN_JSONL ? cli_stream(path, &in, 1 << 16, MAX_LINE, on_jsonl_chunk, &rd)
                                : cli_stream(path, &in, 1 << 16, MAX_PIECE, on_text_chunk, &rd);
    if (r == CLI_UNSURE) c.unsure = 1; /* exit 1: --from is needed */
    if (r == CLI_NOMEM) c.halt = 1;    /* no use going on to the next file */
    if (r && !rd.stop && !c.halt) {
      /* The file could not be read: a skipped document, or the end (after
       * what was read from it is written). */
      if (c.stop_on_error)
        c.halt = 1;
      else
        c.skipped = 1;
    }
    /* A JSONL reading error that ends the run is reported by the writer. */
  }
  free(rd.meta);
  /* Writes what was read; the writer's state is the main thread's again. */
  kztext_stream_finish(c.stream);
  kztext_stream_free(c.stream);
  free(c.sb.data);
  show_progress(&c, 1);
  if (cli_close_output(c.out, outpath)) rc = CLI_FAIL;
  if (c.stopped || c.halt || c.unsure)
    rc = CLI_FAIL;
  else if (rc == CLI_OK && c.skipped)
    rc = 3;
  return rc;
}

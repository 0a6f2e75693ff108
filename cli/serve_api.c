/* kztext serve's API: each route's options (the CLI's option names as JSON
 * keys), its library calls and its answer.  Where the CLI writes JSONL the
 * answer is those bytes (application/x-ndjson); where it writes text the
 * answer is {"text": ...}: the same commands' cores (commands.h *_mem) write
 * both, so the service and the CLI cannot drift apart. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "jsonl.h"
#include "serve.h"

enum {
  R_PAGE,
  R_HEALTH,
  R_SCHEMES,
  R_TRANSLIT,
  R_PROCESS,
  R_DETECT,
  R_NORMALIZE,
  R_SENTENCES,
  R_DECODE,
  R_NAMEKEY
};

static const serve_route routes[] = {
    {"/", "GET", NULL, R_PAGE},
    {"/v1/health", "GET", NULL, R_HEALTH},
    {"/v1/schemes", "GET", NULL, R_SCHEMES},
    {"/v1/translit", "POST", "json", R_TRANSLIT},
    {"/v1/process", "POST", "json", R_PROCESS},
    {"/v1/detect", "POST", "json", R_DETECT},
    {"/v1/normalize", "POST", "json", R_NORMALIZE},
    {"/v1/sentences", "POST", "json", R_SENTENCES},
    {"/v1/decode", "POST", "bytes", R_DECODE},
    {"/v1/namekey", "POST", "json", R_NAMEKEY},
};

const serve_route *serve_find_route(const char *path) {
  for (size_t i = 0; i < sizeof routes / sizeof *routes; i++)
    if (!strcmp(path, routes[i].path)) return &routes[i];
  return NULL;
}

/* ---- answers ---- */

static const char *status_name(kztext_status st) {
  static const char *const names[] = {"KZTEXT_OK",
                                      "KZTEXT_E_INVALID_ARG",
                                      "KZTEXT_E_INVALID_FLAGS",
                                      "KZTEXT_E_INVALID_UTF8",
                                      "KZTEXT_E_BUFFER_TOO_SMALL",
                                      "KZTEXT_E_NO_MEMORY",
                                      "KZTEXT_E_UNSUPPORTED",
                                      "KZTEXT_E_ICU",
                                      "KZTEXT_E_DECODE",
                                      "KZTEXT_E_TOO_LARGE",
                                      "KZTEXT_E_STOPPED",
                                      "KZTEXT_E_INTERNAL"};
  return st <= 0 && -st < (int)(sizeof names / sizeof *names) ? names[-st] : "KZTEXT_E_INTERNAL";
}

static int http_of(kztext_status st) {
  switch (st) {
  case KZTEXT_E_NO_MEMORY:
  case KZTEXT_E_ICU:
  case KZTEXT_E_INTERNAL:
  case KZTEXT_E_STOPPED:
    return 500;
  case KZTEXT_E_TOO_LARGE:
    return 413;
  default:
    return 400;
  }
}

void serve_error(serve_reply *r, int http, const char *status, const char *message,
                 long long offset, const char *rid) {
  r->http = http;
  r->type = "application/json";
  r->body.len = 0;
  sb_puts(&r->body, "{\"error\": {\"status\": ");
  sb_json(&r->body, status, strlen(status));
  sb_puts(&r->body, ", \"message\": ");
  sb_json(&r->body, message, strlen(message));
  if (offset >= 0) {
    sb_puts(&r->body, ", \"offset\": ");
    sb_u64(&r->body, (unsigned long long)offset);
  }
  sb_puts(&r->body, "}, \"request_id\": ");
  sb_json(&r->body, rid, strlen(rid));
  sb_puts(&r->body, "}\n");
}

static void lib_error(serve_reply *r, kztext_status st, long long offset, const char *rid) {
  serve_error(r, http_of(st), status_name(st), kztext_strerror(st), offset, rid);
}

static void bad_option(serve_reply *r, const char *name, const char *why, const char *rid) {
  char msg[160];
  snprintf(msg, sizeof msg, "\"%s\": %s", name, why);
  serve_error(r, 400, "KZTEXT_E_INVALID_ARG", msg, -1, rid);
}

/* ---- request options ---- */

typedef struct req {
  const char *body;
  size_t len;
  serve_reply *r;
  const char *rid;
  int failed;
} req;

/* A string option: NULL when absent; NULL with failed set when it is not a
 * string (the error answer is made).  Free with free(). */
static char *opt_str(req *q, const char *name, size_t *n) {
  char *v = NULL;
  size_t len = 0, at = 0;
  int rc = jsonl_get_string(q->body, q->len, name, &v, &len, &at);
  if (n) *n = len;
  if (rc == JSONL_FOUND) { /* room for it: escapes only shrink */
    v[len] = 0;
    return v;
  }
  if (rc == JSONL_NOT_STRING) bad_option(q->r, name, "must be a string", q->rid);
  if (rc < 0) lib_error(q->r, KZTEXT_E_NO_MEMORY, -1, q->rid);
  if (rc != JSONL_MISSING) q->failed = 1;
  return NULL;
}

/* A boolean option: 0 when absent. */
static int opt_bool(req *q, const char *name) {
  size_t a = 0, b = 0, at = 0;
  if (jsonl_get_value(q->body, q->len, name, &a, &b, &at) != JSONL_FOUND) return 0;
  if (b - a == 4 && !memcmp(q->body + a, "true", 4)) return 1;
  if (b - a == 5 && !memcmp(q->body + a, "false", 5)) return 0;
  bad_option(q->r, name, "must be true or false", q->rid);
  q->failed = 1;
  return 0;
}

/* The --invalid option: JSON is UTF-8 (checked before), so only the
 * names are checked here, for the CLI's sake. */
static void opt_invalid(req *q) {
  char *v = opt_str(q, "invalid", NULL);
  unsigned f = 0;
  if (v && cli_set_policy(v, &f)) {
    bad_option(q->r, "invalid", "must be strict or replace", q->rid);
    q->failed = 1;
  }
  free(v);
}

/* "format": text or jsonl (the CLI's --format); def when absent. */
static int opt_jsonl(req *q, int def) {
  char *v = opt_str(q, "format", NULL);
  int jsonl = def;
  if (v) {
    if (!strcmp(v, "jsonl"))
      jsonl = 1;
    else if (!strcmp(v, "text"))
      jsonl = 0;
    else {
      bad_option(q->r, "format", "must be text or jsonl", q->rid);
      q->failed = 1;
    }
  }
  free(v);
  return jsonl;
}

static int opt_scheme(req *q, const char *name, kztext_scheme def, int target, kztext_scheme *s) {
  char *v = opt_str(q, name, NULL);
  *s = def;
  if (v && (kztext_scheme_from_name(v, s) || (target && *s == KZTEXT_SCHEME_AUTO))) {
    bad_option(q->r, name, "unknown scheme (GET /v1/schemes lists them)", q->rid);
    q->failed = 1;
  }
  free(v);
  return !q->failed;
}

/* ---- running a command core into memory ---- */

typedef struct capture {
  FILE *f;
  char *data;
  size_t len;
} capture;

static int cap_open(capture *c, req *q) {
  c->data = NULL;
  c->len = 0;
  c->f = open_memstream(&c->data, &c->len);
  if (!c->f) lib_error(q->r, KZTEXT_E_NO_MEMORY, -1, q->rid);
  return c->f != NULL;
}

/* Closes the capture and makes the answer: the bytes as JSONL, or wrapped
 * as {"text": ...}. */
static void cap_answer(capture *c, int rc, int jsonl, req *q) {
  if (fclose(c->f)) rc = 1;
  serve_reply *r = q->r;
  if (rc) {
    lib_error(r, KZTEXT_E_NO_MEMORY, -1, q->rid);
  } else if (jsonl) {
    r->type = "application/x-ndjson";
    sb_put(&r->body, c->data, c->len);
  } else {
    r->type = "application/json";
    sb_puts(&r->body, "{\"text\": ");
    sb_json(&r->body, c->data, c->len);
    sb_puts(&r->body, "}\n");
  }
  free(c->data);
}

static kztext_segmenter *segmenter(serve_worker *w, req *q) {
  if (!w->seg) {
    kztext_status st = kztext_segmenter_new(&w->seg);
    if (st) {
      lib_error(q->r, st, -1, q->rid);
      q->failed = 1;
      w->seg = NULL;
    }
  }
  return w->seg;
}

static void do_translit(req *q, const char *text, size_t n, serve_worker *w) {
  kztext_scheme from, to;
  int jsonl = opt_jsonl(q, 0);
  opt_invalid(q);
  if (q->failed || !opt_scheme(q, "to", KZTEXT_SCHEME_LATIN2021, 1, &to) ||
      !opt_scheme(q, "from", KZTEXT_SCHEME_AUTO, 0, &from))
    return;
  capture c;
  if (!w->tl && !jsonl) (void)kztext_transliterator_new(&w->tl);
  if (cap_open(&c, q)) cap_answer(&c, translit_mem(c.f, text, n, from, to, jsonl, w->tl), jsonl, q);
}

static void do_detect(req *q, const char *text, size_t n, serve_worker *w) {
  char *by = opt_str(q, "by", NULL);
  char *format = opt_str(q, "format", NULL);
  opt_invalid(q);
  if (format && strcmp(format, "jsonl")) bad_option(q->r, "format", "must be jsonl", q->rid);
  if (!q->failed && !(format && strcmp(format, "jsonl"))) {
    capture c;
    kztext_segmenter *seg = by && !strcmp(by, "sentence") ? segmenter(w, q) : NULL;
    if (!q->failed && cap_open(&c, q)) {
      int rc = detect_mem(c.f, seg, text, n, by ? by : "line");
      if (rc == CLI_USAGE) {
        fclose(c.f);
        free(c.data);
        bad_option(q->r, "by", "must be line, sentence, paragraph or text", q->rid);
      } else {
        cap_answer(&c, rc, 1, q);
      }
    }
  }
  free(by);
  free(format);
}

static void do_normalize(req *q, const char *text, size_t n) {
  static const char *const forms[] = {"none", "nfc", "nfd", "nfkc", "nfkd"};
  static const unsigned form_flags[] = {0, KZTEXT_NORM_NFC, KZTEXT_NORM_NFD, KZTEXT_NORM_NFKC,
                                        KZTEXT_NORM_NFKD};
  unsigned flags = KZTEXT_NORM_NFC, repair = 0;
  char *form = opt_str(q, "form", NULL);
  char *rep = opt_str(q, "repair", NULL);
  int casefold = opt_bool(q, "casefold"), newlines = opt_bool(q, "newlines");
  int key = opt_bool(q, "key");
  opt_invalid(q);
  if (form) {
    size_t k = 0;
    while (k < 5 && strcmp(form, forms[k]))
      k++;
    if (k == 5) {
      bad_option(q->r, "form", "must be nfc, nfd, nfkc, nfkd or none", q->rid);
      q->failed = 1;
    } else {
      flags = form_flags[k];
    }
  }
  if (rep && !q->failed && kztext_repair_flags_from_names(rep, &repair)) {
    bad_option(q->r, "repair", "unknown repair name", q->rid);
    q->failed = 1;
  }
  if (casefold && !flags && !q->failed) {
    bad_option(q->r, "casefold", "needs a form", q->rid);
    q->failed = 1;
  }
  free(form);
  if (!q->failed) {
    /* as kztext normalize --key: every repair unless some were named */
    if (key && !rep) repair = KZTEXT_REPAIR_ALL;
    if (key) repair |= KZTEXT_REPAIR_KEY;
    flags |= (casefold ? KZTEXT_NORM_CASEFOLD : 0) | (newlines ? KZTEXT_NORM_NEWLINES : 0);
    capture c;
    if (cap_open(&c, q)) cap_answer(&c, normalize_mem(c.f, text, n, flags, repair), 0, q);
  }
  free(rep);
}

static void do_namekey(req *q, const char *text, size_t n) {
  capture c;
  if (cap_open(&c, q)) cap_answer(&c, namekey_mem(c.f, text, n), 0, q);
}

static void do_sentences(req *q, const char *text, size_t n, serve_worker *w) {
  kztext_lang lang = KZTEXT_LANG_UND;
  char *l = opt_str(q, "lang", NULL);
  if (l && cli_set_lang(l, &lang)) {
    bad_option(q->r, "lang", "must be auto, kk, ru or en", q->rid);
    q->failed = 1;
  }
  free(l);
  unsigned flags = opt_bool(q, "lines") ? KZTEXT_SEG_LINES : 0;
  int jsonl = opt_jsonl(q, 0);
  opt_invalid(q);
  kztext_segmenter *seg = q->failed ? NULL : segmenter(w, q);
  capture c;
  if (seg && cap_open(&c, q))
    cap_answer(&c, segment_mem(c.f, seg, text, n, lang, flags, 0, jsonl), jsonl, q);
}

/* ---- /v1/process: the pipeline, answered piece by piece ---- */

struct serve_stream {
  kztext_pipeline *p;
  char *text;
  size_t len, pos;
  int translit, roles;
  unsigned keep;
  strbuf out;
  size_t sent;
  unsigned long long nb, pb; /* normalized bytes and paragraphs before this piece */
  const char *rid;
  int failed;
};

/* One record, as `kztext process --input jsonl` writes those of its record 1. */
static int on_sentence(void *user, const kztext_sentence *s) {
  serve_stream *st = user;
  strbuf *o = &st->out;
  if (st->keep && !(st->keep & (1u << s->role))) return 0;
  const char *variant = s->variant ? kztext_variant_name(s->variant) : NULL;
  sb_puts(o, "{\"doc\":1,\"para\":");
  sb_u64(o, st->pb + s->para);
  sb_puts(o, ",\"start\":");
  sb_u64(o, st->nb + s->start);
  sb_puts(o, ",\"end\":");
  sb_u64(o, st->nb + s->end);
  sb_puts(o, ",\"text\":");
  sb_json(o, s->text, s->len);
  sb_puts(o, ",\"lang\":\"");
  sb_puts(o, kztext_lang_name(s->lang));
  sb_puts(o, "\",\"script\":\"");
  sb_puts(o, kztext_script_name(s->script));
  sb_puts(o, "\",\"variant\":");
  if (variant) {
    sb_putc(o, '"');
    sb_puts(o, variant);
    sb_putc(o, '"');
  } else {
    sb_puts(o, "null");
  }
  sb_puts(o, ",\"confidence\":");
  sb_fixed3(o, s->confidence);
  if (st->roles) {
    sb_puts(o, ",\"role\":\"");
    sb_puts(o, kztext_role_name(s->role));
    sb_putc(o, '"');
  }
  if (st->translit) {
    sb_puts(o, ",\"translit\":");
    if (s->translit)
      sb_json(o, s->translit, s->translit_len);
    else
      sb_puts(o, "null");
  }
  sb_puts(o, "}\n");
  return o->oom;
}

/* Runs the next piece (cut after a blank line, about 64 KiB) into out. */
static kztext_status next_piece(serve_stream *s, size_t *err) {
  size_t rest = s->len - s->pos, n = rest;
  if (rest > (64u << 10)) {
    size_t w = 64u << 10, b = 0;
    while (!(b = kztext_pipeline_boundary(s->text + s->pos, w)) && w < rest)
      w = w * 2 < rest ? w * 2 : rest;
    n = b ? b : rest;
  }
  kztext_pipeline_stats stats = {.size = sizeof stats};
  kztext_status st = kztext_pipeline_run(s->p, s->text + s->pos, n, on_sentence, s, &stats, err);
  if (s->out.oom) st = KZTEXT_E_NO_MEMORY;
  *err += s->pos;
  s->pos += n;
  s->nb += stats.normalized_len;
  s->pb += stats.paragraphs;
  return st;
}

long serve_stream_read(serve_stream *s, char *buf, size_t max) {
  while (s->sent == s->out.len) {
    s->out.len = s->sent = 0;
    if (s->pos >= s->len || s->failed) return 0;
    size_t err = 0;
    kztext_status st = next_piece(s, &err);
    if (st) { /* the head is sent: the stream ends with an error record */
      serve_reply r = {0};
      serve_error(&r, http_of(st), status_name(st), kztext_strerror(st), -1, s->rid);
      s->out.len = 0;
      sb_put(&s->out, r.body.data, r.body.len);
      free(r.body.data);
      s->failed = 1;
      if (s->out.oom) return -1;
    }
  }
  size_t n = s->out.len - s->sent < max ? s->out.len - s->sent : max;
  memcpy(buf, s->out.data + s->sent, n);
  s->sent += n;
  return (long)n;
}

void serve_stream_free(serve_stream *s) {
  if (!s) return;
  kztext_pipeline_free(s->p);
  free(s->text);
  free(s->out.data);
  free(s);
}

static int parse_keep(const char *list, unsigned *mask) {
  *mask = 0;
  for (const char *p = list; *p;) {
    const char *e = strchr(p, ',');
    size_t n = e ? (size_t)(e - p) : strlen(p);
    int found = 0;
    for (int k = 1; kztext_role_name((kztext_role)k); k++) {
      const char *name = kztext_role_name((kztext_role)k);
      if (strlen(name) == n && !memcmp(name, p, n)) {
        *mask |= 1u << k;
        found = 1;
      }
    }
    if (!found) return -1;
    p = e ? e + 1 : p + n;
  }
  return *mask ? 0 : -1;
}

static void do_process(req *q, char *text, size_t n) {
  kztext_pipeline_options o = {.size = sizeof o, .encoding = KZTEXT_ENC_UTF8};
  serve_stream *s = calloc(1, sizeof *s);
  if (!s) {
    free(text);
    lib_error(q->r, KZTEXT_E_NO_MEMORY, -1, q->rid);
    return;
  }
  s->text = text;
  s->len = n;
  s->rid = q->rid;
  char *lang = opt_str(q, "lang", NULL), *tl = opt_str(q, "translit", NULL);
  char *keep = opt_str(q, "keep", NULL);
  if (lang && cli_set_lang(lang, &o.lang)) bad_option(q->r, "lang", "unknown language", q->rid);
  if (tl && (kztext_scheme_from_name(tl, &o.translit_to) || o.translit_to == KZTEXT_SCHEME_AUTO))
    bad_option(q->r, "translit", "unknown scheme (GET /v1/schemes lists them)", q->rid);
  s->roles = opt_bool(q, "roles");
  if (keep && (!s->roles || parse_keep(keep, &s->keep)))
    bad_option(q->r, "keep", "needs roles and a list of role names", q->rid);
  o.translit = tl != NULL;
  o.flags = (opt_bool(q, "lines") ? KZTEXT_PIPELINE_LINES : 0) |
            (opt_bool(q, "no-repair") ? KZTEXT_PIPELINE_NO_REPAIR : 0) |
            (opt_bool(q, "translit-all") ? KZTEXT_PIPELINE_TRANSLIT_ALL : 0) |
            (s->roles ? KZTEXT_PIPELINE_ROLES : 0);
  opt_invalid(q);
  s->translit = o.translit;
  int failed = q->failed || q->r->http >= 400; /* bad_option made the answer */
  free(lang);
  free(tl);
  free(keep);
  if (failed) {
    serve_stream_free(s);
    return;
  }
  kztext_status st = kztext_pipeline_new(&o, &s->p);
  size_t err = 0;
  /* The first piece runs now, so that its errors still get a status code. */
  if (!st && s->len) st = next_piece(s, &err);
  if (st) {
    lib_error(q->r, st, st == KZTEXT_E_INVALID_UTF8 ? (long long)err : -1, q->rid);
    serve_stream_free(s);
    return;
  }
  q->r->type = "application/x-ndjson";
  q->r->stream = s;
}

/* ---- /v1/decode: bytes in ---- */

static void do_decode(req *q, serve_arg_fn arg, void *actx) {
  kztext_encoding from = KZTEXT_ENC_AUTO, enc;
  unsigned flags = 0;
  const char *v = arg(actx, "from");
  if (v && kztext_encoding_from_name(v, &from)) {
    bad_option(q->r, "from", "unknown encoding", q->rid);
    return;
  }
  v = arg(actx, "invalid");
  if (v && cli_set_policy(v, &flags)) {
    bad_option(q->r, "invalid", "must be strict or replace", q->rid);
    return;
  }
  if (arg(actx, "no-repair")) flags |= KZTEXT_DECODE_NO_REPAIR;
  int confidence = 100;
  enc = from;
  if (from == KZTEXT_ENC_AUTO) {
    kztext_encoding_report rep = {.size = sizeof rep};
    kztext_detect_encoding_report(q->body, q->len, &rep);
    if (!rep.sure) {
      char msg[200];
      snprintf(msg, sizeof msg,
               "cannot tell the encoding (best guesses: %s%s%s); name it with from",
               kztext_encoding_name(rep.encoding), rep.second ? ", " : "",
               rep.second ? kztext_encoding_name(rep.second) : "");
      serve_error(q->r, 400, "KZTEXT_E_DECODE", msg, (long long)rep.first_non_ascii, q->rid);
      return;
    }
    enc = rep.encoding;
    confidence = rep.confidence;
  }
  const unsigned char *b = (const unsigned char *)q->body;
  if (enc == KZTEXT_ENC_UTF16) /* by the BOM, little endian without one, as kztext decode */
    enc = q->len >= 2 && b[0] == 0xFE && b[1] == 0xFF ? KZTEXT_ENC_UTF16BE : KZTEXT_ENC_UTF16LE;
  char *text = NULL;
  size_t n = 0, bad = 0;
  kztext_decode_info info = {sizeof info, KZTEXT_ENC_AUTO, 0, 0, 0, KZTEXT_ENC_AUTO};
  kztext_status st = kztext_decode_alloc(q->body, q->len, enc, flags, &text, &n, &info, &bad);
  if (st) {
    lib_error(q->r, st, st == KZTEXT_E_DECODE || st == KZTEXT_E_INVALID_UTF8 ? (long long)bad : -1,
              q->rid);
    return;
  }
  serve_reply *r = q->r;
  r->type = "application/json";
  sb_puts(&r->body, "{\"text\": ");
  sb_json(&r->body, text, n);
  sb_puts(&r->body, ", \"encoding\": \"");
  sb_puts(&r->body, kztext_encoding_name(enc));
  sb_puts(&r->body, "\", \"confidence\": ");
  sb_u64(&r->body, (unsigned long long)confidence);
  sb_puts(&r->body, ", \"bom\": ");
  sb_puts(&r->body, info.bom ? "true" : "false");
  sb_puts(&r->body, ", \"mojibake\": ");
  sb_u64(&r->body, info.mojibake);
  sb_puts(&r->body, "}\n");
  kztext_free(text);
}

/* ---- GET ---- */

static void do_schemes(serve_reply *r) {
  r->type = "application/json";
  sb_puts(&r->body, "{\"default\": \"latin2021\", \"schemes\": [");
  int64_t v, w;
  const char *name, *alias;
  /* each value's first name is its canonical one; aliases may come later */
  for (size_t i = 0; (name = kztext_name_at(KZTEXT_NAMES_SCHEME, i, &v)) != NULL; i++) {
    int first = 1;
    for (size_t k = 0; k < i && first; k++)
      if (kztext_name_at(KZTEXT_NAMES_SCHEME, k, &w) && w == v) first = 0;
    if (!first) continue;
    sb_puts(&r->body, i ? ", {\"name\": " : "{\"name\": ");
    sb_json(&r->body, name, strlen(name));
    sb_puts(&r->body, v == KZTEXT_SCHEME_AUTO ? ", \"target\": false" : ", \"target\": true");
    sb_puts(&r->body, ", \"aliases\": [");
    int n = 0;
    for (size_t k = i + 1; (alias = kztext_name_at(KZTEXT_NAMES_SCHEME, k, &w)) != NULL; k++)
      if (w == v) {
        if (n++) sb_puts(&r->body, ", ");
        sb_json(&r->body, alias, strlen(alias));
      }
    sb_puts(&r->body, "]}");
  }
  sb_puts(&r->body, "]}\n");
}

void serve_answer(const serve_route *route, const char *body, size_t len, serve_arg_fn arg,
                  void *arg_ctx, serve_worker *w, const char *rid, serve_reply *r) {
  req q = {body, len, r, rid, 0};
  r->http = 200;
  switch (route->id) {
  case R_PAGE:
    r->type = "text/html; charset=utf-8";
    sb_put(&r->body, (const char *)serve_page, serve_page_len);
    return;
  case R_HEALTH:
    r->type = "application/json";
    sb_puts(&r->body,
            "{\"status\": \"ok\", \"version\": \"" KZTEXT_VERSION_STRING "\", \"library\": \"");
    sb_puts(&r->body, kztext_version_string());
    sb_puts(&r->body, "\"}\n");
    return;
  case R_SCHEMES:
    do_schemes(r);
    return;
  case R_DECODE:
    do_decode(&q, arg, arg_ctx);
    return;
  default:
    break;
  }
  /* A JSON object, UTF-8 as RFC 8259 wants, with a string "text". */
  size_t bad = 0;
  if (kztext_utf8_validate(body, len, &bad)) {
    serve_error(r, 400, "KZTEXT_E_INVALID_UTF8", "invalid UTF-8 in the request body",
                (long long)bad, rid);
    return;
  }
  size_t n = 0, at = 0;
  char *text = NULL;
  int rc = jsonl_get_string(body, len, "text", &text, &n, &at);
  if (rc == JSONL_MALFORMED || rc == JSONL_TOO_DEEP) {
    serve_error(r, 400, "KZTEXT_E_INVALID_ARG",
                rc == JSONL_TOO_DEEP ? "JSON nested too deep" : "malformed JSON: not one object",
                (long long)at, rid);
  } else if (rc == JSONL_MISSING || rc == JSONL_NOT_STRING) {
    bad_option(r, "text", rc == JSONL_MISSING ? "missing" : "must be a string", rid);
  } else if (rc < 0) {
    lib_error(r, KZTEXT_E_NO_MEMORY, -1, rid);
  } else {
    switch (route->id) {
    case R_TRANSLIT:
      do_translit(&q, text, n, w);
      break;
    case R_DETECT:
      do_detect(&q, text, n, w);
      break;
    case R_NORMALIZE:
      do_normalize(&q, text, n);
      break;
    case R_SENTENCES:
      do_sentences(&q, text, n, w);
      break;
    case R_NAMEKEY:
      do_namekey(&q, text, n);
      break;
    case R_PROCESS:
      do_process(&q, text, n); /* the stream owns text */
      return;
    default:
      break;
    }
  }
  free(text);
}

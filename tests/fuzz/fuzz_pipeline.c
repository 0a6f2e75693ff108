/* Fuzz target: the pipeline.  The first byte picks the options (encoding,
 * segmentation language, transliteration, flags).  Properties: no crash;
 * sentences come in order, inside the normalized text, and non-empty; each
 * has a named role exactly when roles were asked for; the
 * boundary function cuts after a blank line; a stream over the input's
 * lines (one document each, some pushed as reading errors, on 0 or 2
 * workers, with a tiny budget) writes every document, in order, each with
 * the sentences a single run gives, and never holds more than its budget. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <kztext.h>

#define REQUIRE(c)                                                                                 \
  do {                                                                                             \
    if (!(c)) __builtin_trap();                                                                    \
  } while (0)

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

typedef struct {
  size_t last_end, para, n;
  int roles;
} seen;

static int check(void *user, const kztext_sentence *s) {
  seen *v = user;
  REQUIRE(s->start < s->end && s->end <= s->normalized_len);
  REQUIRE(s->start >= v->last_end && s->para >= v->para);
  REQUIRE(s->text == s->normalized + s->start && s->len == s->end - s->start);
  REQUIRE(kztext_utf8_validate(s->text, s->len, NULL) == KZTEXT_OK);
  REQUIRE(kztext_lang_name(s->lang) != NULL);
  REQUIRE(kztext_role_name(s->role) != NULL);
  REQUIRE((s->role != KZTEXT_ROLE_NONE) == v->roles);
  if (s->translit) REQUIRE(kztext_utf8_validate(s->translit, s->translit_len, NULL) == KZTEXT_OK);
  v->last_end = s->end;
  v->para = s->para;
  v->n++;
  return v->n > 100000; /* also exercises stopping */
}

typedef struct {
  kztext_pipeline *p;
  uint64_t next; /* the index of the next document expected */
  size_t parts;
  const char *src;
  size_t a, size, meta; /* the reader's position; meta: the current line's */
  int formatted;
} streamed;

/* One line of src as a document; a line starting with '!' is pushed as a
 * reading error, carried in order. */
static void next_line(streamed *v, kztext_stream_doc *d) {
  const char *s = v->src;
  const char *nl = memchr(s + v->a, '\n', v->size - v->a);
  size_t b = nl ? (size_t)(nl - s) : v->size;
  v->meta = v->a;
  d->data = s + v->a;
  d->len = b - v->a;
  d->meta = &v->meta;
  d->meta_len = sizeof v->meta;
  d->paragraph_errors = (int)(v->a & 1);
  if (b > v->a && s[v->a] == '!') {
    d->error = KZTEXT_E_INVALID_ARG;
    d->error_offset = 7;
  }
  v->a = b + 1;
}

static int read_line(void *user, kztext_stream_doc *d) {
  streamed *v = user;
  if (v->a > v->size) return 0;
  next_line(v, d);
  return 1;
}

static int count_sentences(void *user, const kztext_sentence *s) {
  (void)s;
  ++*(size_t *)user;
  return 0;
}

/* A format callback: one byte per sentence. */
static int format_result(void *user, const kztext_stream_result *r, char **buf, size_t *len,
                         size_t *cap) {
  (void)user;
  if (*len + r->count + 1 > *cap) {
    char *b = realloc(*buf, *len + r->count + 64);
    if (!b) return 1;
    *buf = b;
    *cap = *len + r->count + 64;
  }
  memset(*buf + *len, 's', r->count);
  *len += r->count;
  return 0;
}

static int on_result(void *user, const kztext_stream_result *r) {
  streamed *v = user;
  if (v->formatted) REQUIRE(r->formatted_len == r->count);
  REQUIRE(r->index == v->next);
  REQUIRE(r->meta_len == sizeof(size_t) && ((uintptr_t)r->meta & 15) == 0);
  size_t at;
  memcpy(&at, r->meta, sizeof at);
  REQUIRE(v->formatted ? r->sentences == NULL : (r->sentences != NULL) == (r->count != 0));
  for (size_t i = 0; !v->formatted && i < r->count; i++)
    REQUIRE(r->sentences[i].text == r->sentences[i].normalized + r->sentences[i].start);
  if (r->status == KZTEXT_E_INVALID_ARG) REQUIRE(r->count == 0 && r->error_offset == 7);
  if (r->status == KZTEXT_OK && r->offset == 0 && r->last) { /* the same as one run */
    size_t n = 0;
    kztext_status st =
        kztext_pipeline_run(v->p, v->src + at, r->doc_len, count_sentences, &n, NULL, NULL);
    REQUIRE(st == KZTEXT_OK && n == r->count);
  }
  v->parts++;
  if (r->last) v->next++;
  return 0;
}

static void fuzz_stream(const kztext_pipeline_options *o, const char *s, size_t size,
                        unsigned sel) {
  kztext_stream_options so = {.size = sizeof so,
                              .pipeline = o,
                              .jobs = sel & 1 ? 2 : 0,
                              .memory = 256 + (sel & 0x3e) * 16,
                              .batch = 1};
  streamed v = {NULL, 0, 0, s, 0, 0, 0, (sel & 0x80) != 0};
  if (v.formatted) so.format = format_result;
  if (kztext_pipeline_new(o, &v.p) != KZTEXT_OK) return;
  if (sel & 0x40) { /* the whole loop in one call */
    v.a = 0;
    v.size = size;
    kztext_stream_stats stats = {.size = sizeof stats};
    REQUIRE(kztext_stream_run(&so, read_line, on_result, &v, &stats) == KZTEXT_OK);
    REQUIRE(stats.documents == v.next && stats.results == v.parts);
    kztext_pipeline_free(v.p);
    return;
  }
  kztext_stream *st;
  REQUIRE(kztext_stream_new(&so, on_result, &v, &st) == KZTEXT_OK);
  uint64_t docs = 0;
  for (v.a = 0, v.size = size; v.a <= size; docs++) {
    kztext_stream_doc d = {.size = sizeof d};
    next_line(&v, &d);
    REQUIRE(kztext_stream_push(st, &d) == KZTEXT_OK);
  }
  REQUIRE(kztext_stream_finish(st) == KZTEXT_OK);
  kztext_stream_stats stats = {.size = sizeof stats};
  REQUIRE(kztext_stream_stats_get(st, &stats) == KZTEXT_OK);
  REQUIRE(stats.documents == docs && v.next == docs && stats.results == v.parts);
  REQUIRE(stats.peak_inflight <= stats.memory || stats.peak_inflight <= size + 64 + sizeof(size_t));
  kztext_stream_free(st);
  kztext_pipeline_free(v.p);
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size) {
  if (size < 1) return 0;
  unsigned sel = data[0];
  kztext_pipeline_options o = {0};
  o.size = sizeof o;
  static const kztext_encoding encs[] = {KZTEXT_ENC_AUTO, KZTEXT_ENC_UTF8, KZTEXT_ENC_CP1251,
                                         KZTEXT_ENC_RK1048};
  o.encoding = encs[sel & 3];
  o.lang = (kztext_lang)((sel >> 2) & 3);
  int schemes = 0; /* counted at run time: the API has no count */
  while (kztext_scheme_name((kztext_scheme)schemes))
    schemes++;
  if (sel & 0x10) {
    o.translit = 1;
    o.translit_to = (kztext_scheme)((int)(sel >> 5) % schemes);
  }
  if (sel & 0x80) o.flags |= KZTEXT_INVALID_REPLACE | KZTEXT_PIPELINE_LINES;
  /* The last byte's low bit asks for line roles. */
  int roles = size > 1 && (data[size - 1] & 1);
  if (roles) o.flags |= KZTEXT_PIPELINE_ROLES;
  kztext_pipeline *p;
  if (kztext_pipeline_new(&o, &p) != KZTEXT_OK) return 0;
  const char *s = (const char *)data + 1;
  size--;
  seen v = {0, 0, 0, roles};
  kztext_pipeline_stats st = {.size = sizeof st};
  size_t off = 0;
  kztext_status r = kztext_pipeline_run(p, s, size, check, &v, &st, &off);
  if (r == KZTEXT_OK) REQUIRE(st.sentences == v.n && st.paragraphs <= v.n);
  if (r == KZTEXT_E_INVALID_UTF8 || r == KZTEXT_E_DECODE) REQUIRE(off <= size);
  kztext_pipeline_free(p);
  if (size < 4096) fuzz_stream(&o, s, size, sel ^ (unsigned)size);
  size_t cut = kztext_pipeline_boundary(s, size);
  REQUIRE(cut <= size);
  REQUIRE(kztext_role_name((kztext_role)(sel & 7)) != NULL || (sel & 7) == 7);
  if (cut) REQUIRE(cut >= 2 && s[cut - 1] == '\n');
  return 0;
}

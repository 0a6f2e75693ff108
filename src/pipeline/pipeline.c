/* The news pipeline: decode -> NFC -> repairs -> paragraphs -> sentences ->
 * language -> transliteration, calling back per sentence.  Every stage is a
 * public kztext function; this file only chains them and owns the scratch
 * buffers so that a long run allocates little. */
#include <stdlib.h>
#include <string.h>

#include <kztext.h>

#include "core/buffer.h"
#include "pipeline/names.h"
#include "pipeline/roles.h"

#define KNOWN_FLAGS                                                                                \
  (KZTEXT_INVALID_REPLACE | KZTEXT_PIPELINE_LINES | KZTEXT_PIPELINE_NO_REPAIR |                    \
   KZTEXT_PIPELINE_TRANSLIT_ALL | KZTEXT_PIPELINE_ROLES)

/* The repairs a news archive needs.  The decoder runs with
 * KZTEXT_DECODE_NO_REPAIR, so mojibake is looked for once, here. */
#define PIPELINE_REPAIRS KZTEXT_REPAIR_ALL

struct kztext_pipeline {
  kztext_pipeline_options opt;
  kztext_segmenter *seg;
  kztext_span *spans;
  size_t spans_cap;
  kztext_transliterator *translit; /* keeps converted words from sentence to sentence */
  char *tl;                        /* transliteration scratch */
  size_t tl_cap;
  char *names; /* name keys scratch */
  size_t names_cap;
  /* Two buffers the stages write into in turn, and the normalized text;
   * kept across runs so a long stream does not allocate (and page-fault)
   * fresh memory each time. */
  char *buf[2];
  size_t buf_cap[2];
  char *text;
  size_t text_len, text_cap;
  kz_roles roles; /* KZTEXT_PIPELINE_ROLES: the lines of the text and their roles */
};

/* Decoding, normalization and repair run on pieces of about this size, cut
 * after a blank line or a line break, so their buffers stay in the cache. */
enum { PIECE = 64 * 1024 };

kztext_status kztext_pipeline_new(const kztext_pipeline_options *options, kztext_pipeline **out) {
  if (!options || !out || options->size < sizeof(size_t)) return KZTEXT_E_INVALID_ARG;
  *out = NULL;
  kztext_pipeline_options o = {0};
  memcpy(&o, options, options->size < sizeof o ? options->size : sizeof o);
  o.size = sizeof o;
  if (o.flags & ~KNOWN_FLAGS) return KZTEXT_E_INVALID_FLAGS;
  if (!kztext_lang_name(o.lang) || !kztext_encoding_name(o.encoding) ||
      (o.translit && !kztext_scheme_name(o.translit_to)))
    return KZTEXT_E_INVALID_ARG;
  /* AUTO names no alphabet to write in (a source only, as for translit). */
  if (o.translit && o.translit_to == KZTEXT_SCHEME_AUTO) return KZTEXT_E_UNSUPPORTED;
  kztext_pipeline *p = calloc(1, sizeof *p);
  if (!p) return KZTEXT_E_NO_MEMORY;
  p->opt = o;
  kztext_status st = kztext_segmenter_new(&p->seg);
  if (!st && o.translit) st = kztext_transliterator_new(&p->translit);
  if (st) {
    kztext_segmenter_free(p->seg);
    free(p);
    return st;
  }
  *out = p;
  return KZTEXT_OK;
}

void kztext_pipeline_free(kztext_pipeline *p) {
  if (!p) return;
  kztext_segmenter_free(p->seg);
  kztext_transliterator_free(p->translit);
  free(p->spans);
  free(p->tl);
  free(p->names);
  free(p->buf[0]);
  free(p->buf[1]);
  free(p->text);
  kz_roles_free(&p->roles);
  free(p);
}

static int is_blank_line(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r') return 0;
  return 1;
}

const char *kztext_role_name(kztext_role role) {
  static const char *const names[] = {"none", "title",       "body",     "caption",
                                      "meta", "boilerplate", "duplicate"};
  return (unsigned)role < sizeof names / sizeof *names ? names[role] : NULL;
}

size_t kztext_pipeline_boundary(const char *src, size_t len) {
  if (!src) return 0;
  /* Walk back line by line: the cut goes after a blank line that follows a
   * line break, so it never falls inside a paragraph. */
  size_t end = len; /* one past the '\n' closing the line examined */
  while (end > 0 && src[end - 1] != '\n')
    end--;
  while (end > 1) {
    size_t start = end - 1;
    while (start > 0 && src[start - 1] != '\n')
      start--;
    if (start > 0 && is_blank_line(src + start, end - 1 - start)) return end;
    end = start;
  }
  return 0;
}

static kztext_scheme source_scheme(const kztext_detect_result *r) {
  switch (r->script) {
  case KZTEXT_SCRIPT_CYRL:
    return KZTEXT_SCHEME_CYRILLIC;
  case KZTEXT_SCRIPT_ARAB:
    return KZTEXT_SCHEME_ARABIC;
  case KZTEXT_SCRIPT_LATN:
    return r->variant == KZTEXT_VARIANT_LATIN2018   ? KZTEXT_SCHEME_LATIN2018
           : r->variant == KZTEXT_VARIANT_LATIN2017 ? KZTEXT_SCHEME_LATIN2017
           : r->variant == KZTEXT_VARIANT_MEDIAWIKI ? KZTEXT_SCHEME_MEDIAWIKI
                                                    : KZTEXT_SCHEME_LATIN2021;
  default:
    return KZTEXT_SCHEME_AUTO;
  }
}

/* Labels, transliterates and reports one sentence. */
static kztext_status emit(kztext_pipeline *p, const char *text, size_t para, size_t start,
                          size_t end, kztext_role role, kztext_sentence_fn fn, void *user) {
  kztext_sentence s = {sizeof s,
                       para,
                       start,
                       end,
                       text + start,
                       end - start,
                       KZTEXT_LANG_UND,
                       KZTEXT_SCRIPT_COMMON,
                       KZTEXT_VARIANT_NONE,
                       0,
                       NULL,
                       0,
                       text,
                       p->text_len,
                       role,
                       NULL,
                       0};
  kztext_detect_result r = {.size = sizeof r};
  kztext_status st =
      kztext_detect(s.text, s.len, KZTEXT_INVALID_REPLACE | KZTEXT_DETECT_NO_MIXED, &r, NULL);
  if (st) return st;
  s.lang = r.lang;
  s.script = r.script;
  s.variant = r.variant;
  s.confidence = r.confidence;
  kztext_scheme from = source_scheme(&r);
  if (p->opt.translit && from != KZTEXT_SCHEME_AUTO &&
      (r.lang == KZTEXT_LANG_KK || (p->opt.flags & KZTEXT_PIPELINE_TRANSLIT_ALL))) {
    if (from == p->opt.translit_to) {
      s.translit = s.text;
      s.translit_len = s.len;
    } else {
      size_t bound = kztext_translit_bound(s.len, from, p->opt.translit_to);
      if (!bound) return KZTEXT_E_TOO_LARGE; /* the schemes were checked: only overflow */
      if (!kz_grow((void **)&p->tl, &p->tl_cap, bound, 1)) return KZTEXT_E_NO_MEMORY;
      st = kztext_transliterator_run(p->translit, s.text, s.len, from, p->opt.translit_to, 0, p->tl,
                                     p->tl_cap, &s.translit_len, NULL);
      if (st) return st;
      s.translit = p->tl;
    }
  }
  if (p->opt.names) {
    st = kz_pipe_names(s.text, s.len, &p->names, &p->names_cap, &s.names_len);
    if (st) return st;
    s.names = s.names_len ? p->names : "";
  }
  return fn(user, &s) ? KZTEXT_E_STOPPED : KZTEXT_OK;
}

/* Whether text[a, b) holds a blank line: a paragraph break between two
 * sentences. */
static int has_blank_line(const char *text, size_t a, size_t b) {
  const char *nl = memchr(text + a, '\n', b - a);
  while (nl) {
    size_t i = (size_t)(nl - text) + 1;
    while (i < b && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r'))
      i++;
    if (i < b && text[i] == '\n') return 1;
    nl = i < b ? memchr(text + i, '\n', b - i) : NULL;
  }
  return 0;
}

/* Splits the whole text in one segmenter call (it ends paragraphs at blank
 * lines itself, choosing rules per paragraph) and numbers the paragraphs
 * by the blank lines between sentences. */
static kztext_status segment_all(kztext_pipeline *p, const char *text, size_t n,
                                 kztext_sentence_fn fn, void *user, kztext_pipeline_stats *st) {
  /* The text is valid UTF-8 by now: the replace policy skips a second
   * validation pass. */
  unsigned seg_flags =
      KZTEXT_INVALID_REPLACE | ((p->opt.flags & KZTEXT_PIPELINE_LINES) ? KZTEXT_SEG_LINES : 0);
  size_t count = 0;
  kztext_status r = kztext_sentences(p->seg, text, n, p->opt.lang, seg_flags, p->spans,
                                     p->spans_cap, &count, NULL);
  if (r == KZTEXT_E_BUFFER_TOO_SMALL) {
    if (!kz_grow((void **)&p->spans, &p->spans_cap, count, sizeof *p->spans))
      return KZTEXT_E_NO_MEMORY;
    r = kztext_sentences(p->seg, text, n, p->opt.lang, seg_flags, p->spans, p->spans_cap, &count,
                         NULL);
  }
  if (r) return r;
  size_t para = 0, prev_end = 0, emitted = 0, line = 0;
  int roles = (p->opt.flags & KZTEXT_PIPELINE_ROLES) != 0;
  const kz_line *L = p->roles.lines;
  size_t nl = roles ? p->roles.count : 0;
  for (size_t i = 0; i < count; i++) {
    if (i && has_blank_line(text, prev_end, p->spans[i].start)) para++;
    size_t a = p->spans[i].start, b = p->spans[i].end;
    prev_end = b;
    if (!roles) {
      r = emit(p, text, para, a, b, KZTEXT_ROLE_NONE, fn, user);
      if (r) return r;
      emitted++;
      continue;
    }
    /* A sentence that runs across lines of different roles is cut where
     * the role changes, so that --keep never keeps furniture with prose
     * (the segmenter already ends most headline and widget lines). */
    while (a < b) {
      while (line < nl && L[line].end <= a)
        line++;
      if (line == nl) break; /* only spaces are left */
      size_t e = b, k = line;
      while (k + 1 < nl && L[k + 1].start < b && L[k + 1].role == L[line].role)
        k++;
      if (k + 1 < nl && L[k + 1].start < b) e = L[k].end;
      if (a < L[line].start) a = L[line].start;
      if (e > a) {
        r = emit(p, text, para, a, e, L[line].role, fn, user);
        if (r) return r;
        emitted++;
      }
      a = e;
      line = k + 1;
      if (line < nl && a < L[line].start) a = L[line].start < b ? L[line].start : b;
    }
    if (line) line--; /* the next sentence may start on the same line */
  }
  st->sentences = emitted;
  st->paragraphs = count ? para + 1 : 0;
  return KZTEXT_OK;
}

/* Grows scratch buffer k to at least n bytes. */
static int scratch(kztext_pipeline *p, int k, size_t n) {
  return kz_grow((void **)&p->buf[k], &p->buf_cap[k], n ? n : 1, 1);
}

/* Appends n bytes to the normalized text. */
static int append(kztext_pipeline *p, const char *s, size_t n) {
  if (!kz_grow((void **)&p->text, &p->text_cap, p->text_len + n + 1, 1)) return 0;
  memcpy(p->text + p->text_len, s, n);
  p->text_len += n;
  return 1;
}

/* Decodes, normalizes and repairs one piece, appending it to p->text.
 * first: whether the piece starts the input (a UTF-8 BOM is dropped there). */
static kztext_status prepare_piece(kztext_pipeline *p, const char *src, size_t len,
                                   kztext_encoding enc, int first, kztext_pipeline_stats *stats,
                                   size_t *err) {
  unsigned policy = p->opt.flags & KZTEXT_INVALID_REPLACE;
  size_t nfc_len = 0, n = 0;
  const char *in = src; /* the decoded piece */
  size_t in_len = len, skip = 0;
  if (enc == KZTEXT_ENC_UTF8) {
    /* Normalization validates UTF-8 under the same policy, so UTF-8 input
     * skips the decoder and its copy. */
    if (first && len >= 3 && !memcmp(src, "\xEF\xBB\xBF", 3)) skip = 3;
    in += skip;
    in_len -= skip;
  } else {
    /* Decoded text is at most 3 bytes per input byte (U+FFFD for one byte). */
    if (len > ((size_t)-1 - 16) / 3 || !scratch(p, 1, 3 * len + 16)) return KZTEXT_E_NO_MEMORY;
    kztext_status st = kztext_decode(src, len, enc, policy | KZTEXT_DECODE_NO_REPAIR, p->buf[1],
                                     p->buf_cap[1], &in_len, NULL, err);
    if (st) return st;
    in = p->buf[1];
  }
  kztext_status st;
  for (;;) {
    st = kztext_normalize(in, in_len, KZTEXT_NORM_NFC | policy, p->buf[0], p->buf_cap[0], &nfc_len,
                          err);
    if (st != KZTEXT_E_BUFFER_TOO_SMALL) break;
    if (!scratch(p, 0, nfc_len)) return KZTEXT_E_NO_MEMORY;
  }
  if (st) {
    if (err && st == KZTEXT_E_INVALID_UTF8) *err += skip;
    return st;
  }
  /* From here on the text is valid UTF-8. */
  if (p->opt.flags & KZTEXT_PIPELINE_NO_REPAIR)
    return append(p, p->buf[0], nfc_len) ? KZTEXT_OK : KZTEXT_E_NO_MEMORY;
  /* The repaired text goes straight to the end of p->text; repairs never
   * lengthen the text much, and the call says how much room it needs. */
  kztext_repair_report rep = {.size = sizeof rep};
  size_t room = nfc_len + nfc_len / 8 + 64;
  for (;;) {
    if (!kz_grow((void **)&p->text, &p->text_cap, p->text_len + room + 1, 1))
      return KZTEXT_E_NO_MEMORY;
    st = kztext_repair(p->buf[0], nfc_len, PIPELINE_REPAIRS, p->text + p->text_len,
                       p->text_cap - p->text_len - 1, &n, &rep, NULL);
    if (st != KZTEXT_E_BUFFER_TOO_SMALL) break;
    room = n;
  }
  if (st) return st;
  p->text_len += n;
  stats->repairs += rep.homoglyphs + rep.invisible + rep.spaces + rep.mojibake;
  return KZTEXT_OK;
}

/* Where the next piece of src[0..len) ends: after the last blank line, else
 * after the last line break, in the first PIECE bytes. */
static size_t piece_end(const char *src, size_t len) {
  if (len <= PIECE) return len;
  /* Looking at the last 8 KiB is enough: any paragraph break will do. */
  size_t from = PIECE - 8192;
  size_t cut = kztext_pipeline_boundary(src + from, PIECE - from);
  if (cut) cut += from;
  if (!cut)
    for (cut = PIECE; cut > 0 && src[cut - 1] != '\n'; cut--) {
    }
  return cut ? cut : len;
}

/* Decodes, normalizes and repairs src into p->text.  The stages run piece
 * by piece, so the intermediate text of each stays in the cache; the
 * encoding is detected once, over the whole input. */
static kztext_status prepare(kztext_pipeline *p, const char *src, size_t len,
                             kztext_pipeline_stats *stats, size_t *err) {
  kztext_encoding enc = p->opt.encoding;
  int confidence = 100;
  p->text_len = 0;
  if (!scratch(p, 0, 16) || !append(p, "", 0)) return KZTEXT_E_NO_MEMORY;
  if (enc == KZTEXT_ENC_AUTO) {
    kztext_status st = kztext_detect_encoding(src, len, &enc, &confidence);
    if (st) return st;
  }
  stats->encoding = enc;
  stats->encoding_confidence = confidence;
  /* UTF-16 has no byte-level line breaks to cut at. */
  int whole = enc == KZTEXT_ENC_UTF16 || enc == KZTEXT_ENC_UTF16LE || enc == KZTEXT_ENC_UTF16BE;
  for (size_t pos = 0; pos < len;) {
    size_t n = whole ? len - pos : piece_end(src + pos, len - pos);
    kztext_status st = prepare_piece(p, src + pos, n, enc, pos == 0, stats, err);
    if (st) {
      if (err && (st == KZTEXT_E_DECODE || st == KZTEXT_E_INVALID_UTF8)) *err += pos;
      return st;
    }
    pos += n;
  }
  return KZTEXT_OK;
}

kztext_status kztext_pipeline_run(kztext_pipeline *p, const char *src, size_t len,
                                  kztext_sentence_fn fn, void *user, kztext_pipeline_stats *stats,
                                  size_t *error_offset) {
  if (!p || !fn || (!src && len)) return KZTEXT_E_INVALID_ARG;
  kztext_pipeline_stats st_local = {sizeof st_local, 0, 0, 0, KZTEXT_ENC_AUTO, 0, 0};
  kztext_status st = prepare(p, src, len, &st_local, error_offset);
  if (st) return st;
  const char *text = p->text;
  size_t n = p->text_len;
  st_local.normalized_len = n;
  if (p->opt.flags & KZTEXT_PIPELINE_ROLES) {
    st = kz_roles_run(&p->roles, text, n);
    if (st) return st;
  }
  st = segment_all(p, text, n, fn, user, &st_local);
  if (stats && stats->size >= sizeof(size_t))
    memcpy((char *)stats + sizeof(size_t), (char *)&st_local + sizeof(size_t),
           (stats->size < sizeof st_local ? stats->size : sizeof st_local) - sizeof(size_t));
  return st;
}

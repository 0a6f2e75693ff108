/* Input/output helpers of the kztext program (see cli.h). */
#define _POSIX_C_SOURCE 200809L /* fileno, fstat */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"

int cli_usage_error(const char *usage, const char *cmd, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  fprintf(stderr, "kztext %s: ", cmd);
  vfprintf(stderr, fmt, ap);
  fprintf(stderr, "\n%s", usage);
  va_end(ap);
  return CLI_USAGE;
}

int cli_bad_option(const char *usage, const char *cmd, int c, char *const argv[]) {
  return cli_usage_error(usage, cmd, c == ':' ? "option '%s' needs a value" : "unknown option '%s'",
                         argv[optind - 1]);
}

int cli_error(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  fputs("kztext: ", stderr);
  vfprintf(stderr, fmt, ap);
  fputc('\n', stderr);
  va_end(ap);
  return CLI_FAIL;
}

int cli_help(const char *text) {
  fputs(text, stdout);
  return CLI_OK;
}

size_t cli_char_cut(const char *buf, size_t len) {
  size_t cut = len;
  while (cut > 0 && ((unsigned char)buf[cut - 1] & 0xC0) == 0x80)
    cut--;
  if (cut > 0) cut--;
  return cut ? cut : len;
}

int cli_set_policy(const char *arg, unsigned *flags) {
  unsigned policy;
  if (!strcmp(arg, "strict"))
    policy = KZTEXT_INVALID_STRICT;
  else if (!strcmp(arg, "replace"))
    policy = KZTEXT_INVALID_REPLACE;
  else
    return -1;
  *flags = (*flags & ~0xFu) | policy;
  return 0;
}

int cli_set_lang(const char *arg, kztext_lang *lang) {
  return kztext_lang_from_name(arg, lang) == KZTEXT_OK ? 0 : -1;
}

const char *cli_input_name(const char *path) {
  return (!path || !strcmp(path, "-")) ? "<stdin>" : path;
}

FILE *cli_open_output(const char *path) {
  if (!path || !strcmp(path, "-")) return stdout;
  FILE *f = fopen(path, "wb");
  if (!f) cli_error("%s: %s", path, strerror(errno));
  return f;
}

int cli_close_output(FILE *out, const char *path) {
  int bad = ferror(out) || fflush(out) != 0;
  int err = errno;
  if (out != stdout && fclose(out) != 0 && !bad) {
    bad = 1;
    err = errno;
  }
  if (bad)
    return cli_error("%s: write error: %s", path && strcmp(path, "-") ? path : "<stdout>",
                     strerror(err));
  return CLI_OK;
}

int cli_write(FILE *out, const void *p, size_t n) {
  return (n && fwrite(p, 1, n, out) != n) ? CLI_FAIL : CLI_OK;
}

static FILE *open_input(const char *path) {
  if (!path || !strcmp(path, "-")) return stdin;
  FILE *f = fopen(path, "rb");
  if (!f) {
    cli_error("%s: %s", path, strerror(errno));
    return NULL;
  }
  /* fopen opens a directory; say so here rather than "read error" later. */
  struct stat st;
  if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
    fclose(f);
    cli_error("%s: %s", path, strerror(EISDIR));
    return NULL;
  }
  return f;
}

int cli_read_all(const char *path, char **data, size_t *len) {
  FILE *f = open_input(path);
  if (!f) return CLI_FAIL;
  size_t cap = 1 << 16, n = 0;
  char *buf = malloc(cap + 1);
  for (;;) {
    if (!buf) {
      if (f != stdin) fclose(f);
      return cli_error("%s: out of memory", cli_input_name(path));
    }
    size_t r = fread(buf + n, 1, cap - n, f);
    n += r;
    if (n < cap) break;
    char *nb = cap > ((size_t)-1 >> 2) ? NULL : realloc(buf, cap * 2 + 1);
    if (!nb) free(buf);
    buf = nb;
    cap *= 2;
  }
  int bad = ferror(f);
  if (f != stdin) fclose(f);
  if (bad) {
    free(buf);
    return cli_error("%s: read error", cli_input_name(path));
  }
  buf[n] = 0;
  *data = buf;
  *len = n;
  return CLI_OK;
}

/* ---- streaming with decoding ----
 * Input that is not UTF-8 (UTF-16, a codepage) is decoded to UTF-8 here, in
 * pieces cut at code unit boundaries, so every command streams it with
 * bounded memory and cuts its own units (lines, paragraphs) in UTF-8. */

enum { DETECT_BYTES = 1 << 18 }; /* what auto detection looks at */

typedef struct decoder {
  const char *name;
  kztext_encoding enc; /* KZTEXT_ENC_UTF8: the bytes pass through */
  unsigned flags;
  uint64_t raw_off; /* file offset of the next raw byte to decode */
  char tail[4];     /* an incomplete code unit or a high surrogate */
  size_t tail_len;
} decoder;

/* Reports that memory ran out while reading NAME; returns CLI_NOMEM. */
static int no_memory(const char *name) {
  cli_error("%s: out of memory", name);
  return CLI_NOMEM;
}

/* Grows *buf to hold `need` bytes; 0 when out of memory. */
static int ensure(char **buf, size_t *cap, size_t need) {
  if (need <= *cap) return 1;
  size_t c = *cap ? *cap : 4096;
  while (c < need)
    c *= 2;
  char *b = realloc(*buf, c);
  if (!b) return 0;
  *buf = b;
  *cap = c;
  return 1;
}

static int is_utf16(kztext_encoding e) {
  return e == KZTEXT_ENC_UTF16LE || e == KZTEXT_ENC_UTF16BE;
}

/* Decodes src[0..n) (after any tail kept from the last call) and appends the
 * UTF-8 to *buf.  Without eof, an incomplete code unit or a high surrogate
 * at the end waits for the next call.  Returns 0, or 1 after reporting. */
static int decode_piece(decoder *d, const char *src, size_t n, int eof, char **buf, size_t *cap,
                        size_t *have) {
  char *tmp = NULL;
  const char *p = src;
  if (d->tail_len) {
    if (!(tmp = malloc(d->tail_len + n))) return no_memory(d->name);
    memcpy(tmp, d->tail, d->tail_len);
    memcpy(tmp + d->tail_len, src, n);
    p = tmp;
    n += d->tail_len;
    d->raw_off -= d->tail_len;
    d->tail_len = 0;
  }
  size_t cut = n;
  if (is_utf16(d->enc) && !eof) {
    cut &= ~(size_t)1;
    if (cut >= 2) {
      unsigned hi = (unsigned char)p[cut - (d->enc == KZTEXT_ENC_UTF16LE ? 1 : 2)];
      if (hi >= 0xD8 && hi <= 0xDB) cut -= 2; /* keep a surrogate pair whole */
    }
  }
  int rc = CLI_OK;
  size_t skip = 0;
  /* kztext_decode drops a leading BOM; inside the file it is U+FEFF, text. */
  if (is_utf16(d->enc) && d->raw_off > 0 && cut >= 2 &&
      (d->enc == KZTEXT_ENC_UTF16LE
           ? ((unsigned char)p[0] == 0xFF && (unsigned char)p[1] == 0xFE)
           : ((unsigned char)p[0] == 0xFE && (unsigned char)p[1] == 0xFF))) {
    if (!ensure(buf, cap, *have + 3))
      rc = no_memory(d->name);
    else {
      memcpy(*buf + *have, "\xEF\xBB\xBF", 3);
      *have += 3;
      skip = 2;
    }
  }
  if (rc == CLI_OK && cut > skip) {
    size_t room = 3 * (cut - skip) + 4, got = 0, bad = 0;
    if (!ensure(buf, cap, *have + room)) {
      rc = no_memory(d->name);
    } else {
      kztext_status st =
          kztext_decode(p + skip, cut - skip, d->enc,
                        (d->flags & KZTEXT_INVALID_REPLACE) | KZTEXT_DECODE_NO_REPAIR, *buf + *have,
                        room, &got, NULL, &bad);
      if (st == KZTEXT_E_DECODE || st == KZTEXT_E_INVALID_UTF8)
        rc = cli_error("%s:%llu: %s", d->name, (unsigned long long)(d->raw_off + skip + bad),
                       kztext_strerror(st));
      else if (st == KZTEXT_E_NO_MEMORY)
        rc = no_memory(d->name);
      else if (st)
        rc = cli_error("%s: %s", d->name, kztext_strerror(st));
      else
        *have += got;
    }
  }
  if (rc == CLI_OK) {
    d->raw_off += cut;
    d->tail_len = n - cut; /* at most 3 bytes */
    memcpy(d->tail, p + cut, d->tail_len);
  }
  free(tmp);
  return rc;
}

void cli_report_unsure(const char *name, const kztext_encoding_report *r) {
  int two = r->second != KZTEXT_ENC_AUTO;
  cli_error("%s:%zu: cannot tell the encoding (best guesses: %s%s%s); name it with --from", name,
            r->first_non_ascii, kztext_encoding_name(r->encoding), two ? ", " : "",
            two ? kztext_encoding_name(r->second) : "");
}

/* Chooses how to read a file from its first bytes (have of them, all of it
 * when eof): sets d->enc, or reports why it cannot and returns 1. */
static int choose(decoder *d, const cli_input *in, const char *buf, size_t have) {
  const unsigned char *s = (const unsigned char *)buf;
  int le = have >= 2 && s[0] == 0xFF && s[1] == 0xFE,
      be = have >= 2 && s[0] == 0xFE && s[1] == 0xFF;
  d->enc = in->from;
  if (in->from == KZTEXT_ENC_UTF8) {
    /* A UTF-16 BOM is never UTF-8, and unambiguous. */
    d->enc = le ? KZTEXT_ENC_UTF16LE : be ? KZTEXT_ENC_UTF16BE : KZTEXT_ENC_UTF8;
  } else if (in->from == KZTEXT_ENC_UTF16) {
    d->enc = be ? KZTEXT_ENC_UTF16BE : KZTEXT_ENC_UTF16LE;
  } else if (in->from == KZTEXT_ENC_AUTO) {
    kztext_encoding_report r = {.size = sizeof r};
    kztext_detect_encoding_report(buf, have, &r);
    if (!r.sure) {
      cli_report_unsure(d->name, &r);
      return CLI_UNSURE;
    }
    d->enc = r.encoding;
  }
  return CLI_OK;
}

int cli_stream(const char *path, const cli_input *in, size_t chunk, size_t max_buffer,
               cli_chunk_fn fn, void *ctx) {
  FILE *f = open_input(path);
  if (!f) return errno == ENOMEM ? CLI_NOMEM : CLI_FAIL;
  decoder d = {cli_input_name(path), KZTEXT_ENC_UTF8, in ? in->flags : 0, 0, {0}, 0};
  /* Until the input is known, read it as it is; auto looks further. */
  int decided = !in, eof = 0;
  size_t first = in && in->from == KZTEXT_ENC_AUTO ? DETECT_BYTES : chunk;
  size_t cap = 0, have = 0, rawcap = 0;
  uint64_t base = 0;
  char *buf = NULL, *raw = NULL;
  int rc = CLI_OK;
  while (rc == CLI_OK) {
    int pass = !decided || d.enc == KZTEXT_ENC_UTF8;
    if (!eof) {
      /* Room for one chunk (three times that once decoded); grow only while
       * the consumer cannot make progress. */
      size_t need = pass ? chunk : 3 * chunk + 4;
      if (cap - have < need && (cap < max_buffer * 2 || !cap))
        if (!ensure(&buf, &cap, have + need)) {
          rc = no_memory(d.name);
          break;
        }
      if (pass) {
        size_t want = cap - have < chunk ? cap - have : chunk;
        size_t r = fread(buf + have, 1, want, f);
        have += r;
        if (r < want) eof = 1;
      } else {
        size_t want = (cap - have - 4) / 3 < chunk ? (cap - have - 4) / 3 : chunk;
        if (!ensure(&raw, &rawcap, chunk)) {
          rc = no_memory(d.name);
          break;
        }
        size_t r = fread(raw, 1, want, f);
        if (r < want) eof = 1;
        if (!(eof && ferror(f)) && (rc = decode_piece(&d, raw, r, eof, &buf, &cap, &have))) break;
      }
      if (eof && ferror(f)) {
        rc = cli_error("%s: read error: %s", d.name, strerror(errno));
        break;
      }
    }
    if (!decided) {
      if (!eof && have < first) continue;
      decided = 1;
      if ((rc = choose(&d, in, buf, have))) break;
      if (d.enc != KZTEXT_ENC_UTF8) { /* what was read is raw: decode it */
        char *rawbytes = buf;
        size_t n = have;
        buf = NULL;
        cap = have = 0;
        rc = decode_piece(&d, rawbytes, n, eof, &buf, &cap, &have); /* 1 or CLI_NOMEM */
        free(rawbytes);
        if (rc) break;
      }
    }
    /* A unit longer than max_buffer is cut whether or not the end of the
     * input is near, and the consumer sees max_buffer bytes however many
     * were read: where a long unit is cut then depends on the text alone,
     * not on how the input arrived (a pipe, UTF-16). */
    int full = have >= max_buffer, last = eof && !full;
    if (!eof && !full && have < chunk) continue;
    size_t used = fn(ctx, buf ? buf : "", full ? max_buffer : have, last, full, base);
    if (used == (size_t)-1) {
      rc = CLI_FAIL;
      break;
    }
    if (used > have) used = have;
    /* A consumer that takes nothing from a full buffer would spin forever. */
    if (full && !used) {
      rc = cli_error("%s: internal error: a unit outgrew the buffer", d.name);
      break;
    }
    if (used) memmove(buf, buf + used, have - used);
    have -= used;
    base += used;
    if (last) break;
  }
  free(buf);
  free(raw);
  if (f != stdin) fclose(f);
  return rc;
}

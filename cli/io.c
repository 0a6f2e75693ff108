/* Input/output helpers of the kztext program (see cli.h). */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "strbuf.h"

int cli_usage_error(const char *usage, const char *cmd, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  fprintf(stderr, "kztext %s: ", cmd);
  vfprintf(stderr, fmt, ap);
  fprintf(stderr, "\n%s", usage);
  va_end(ap);
  return CLI_USAGE;
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
  while (cut > 0 && ((unsigned char)buf[cut - 1] & 0xC0) == 0x80) cut--;
  if (cut > 0) cut--;
  return cut ? cut : len;
}

int cli_set_policy(const char *arg, unsigned *flags) {
  unsigned policy;
  if (!strcmp(arg, "strict")) policy = KZTEXT_INVALID_STRICT;
  else if (!strcmp(arg, "replace")) policy = KZTEXT_INVALID_REPLACE;
  else return -1;
  *flags = (*flags & ~0xFu) | policy;
  return 0;
}

int cli_set_lang(const char *arg, kztext_lang *lang) {
  static const char *const names[] = {"auto", "kk", "ru", "en"}; /* = kztext_lang 0-3 */
  for (int i = 0; i < 4; i++)
    if (!strcmp(arg, names[i])) {
      *lang = (kztext_lang)i;
      return 0;
    }
  return -1;
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
  if (out != stdout && fclose(out) != 0 && !bad) { bad = 1; err = errno; }
  if (bad) return cli_error("%s: write error: %s", path && strcmp(path, "-") ? path : "<stdout>", strerror(err));
  return CLI_OK;
}

int cli_write(FILE *out, const void *p, size_t n) {
  return (n && fwrite(p, 1, n, out) != n) ? CLI_FAIL : CLI_OK;
}

static FILE *open_input(const char *path) {
  if (!path || !strcmp(path, "-")) return stdin;
  FILE *f = fopen(path, "rb");
  if (!f) cli_error("%s: %s", path, strerror(errno));
  return f;
}

int cli_read_all(const char *path, char **data, size_t *len) {
  FILE *f = open_input(path);
  if (!f) return CLI_FAIL;
  size_t cap = 1 << 16, n = 0;
  char *buf = malloc(cap + 1);
  for (;;) {
    if (!buf) { if (f != stdin) fclose(f); return cli_error("%s: out of memory", cli_input_name(path)); }
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
  if (bad) { free(buf); return cli_error("%s: read error", cli_input_name(path)); }
  buf[n] = 0;
  *data = buf;
  *len = n;
  return CLI_OK;
}

int cli_stream(const char *path, size_t chunk, size_t max_buffer, cli_chunk_fn fn, void *ctx) {
  FILE *f = open_input(path);
  if (!f) return CLI_FAIL;
  size_t cap = chunk * 2, have = 0;
  uint64_t base = 0;
  char *buf = malloc(cap);
  int rc = CLI_OK, eof = 0;
  if (!buf) rc = cli_error("%s: out of memory", cli_input_name(path));
  while (rc == CLI_OK) {
    if (!eof && cap - have < chunk) {
      /* Grow only while the consumer cannot make progress. */
      size_t ncap = cap * 2;
      char *nb = ncap <= max_buffer * 2 ? realloc(buf, ncap) : NULL;
      if (nb) { buf = nb; cap = ncap; }
    }
    if (!eof) {
      size_t want = cap - have < chunk ? cap - have : chunk;
      size_t r = fread(buf + have, 1, want, f);
      have += r;
      if (r < want) {
        if (ferror(f)) { rc = cli_error("%s: read error", cli_input_name(path)); break; }
        eof = 1;
      }
    }
    int full = !eof && have >= max_buffer;
    if (!eof && !full && have < chunk) continue;
    size_t used = fn(ctx, buf, have, eof, full, base);
    if (used == (size_t)-1) { rc = CLI_FAIL; break; }
    if (used > have) used = have;
    memmove(buf, buf + used, have - used);
    have -= used;
    base += used;
    if (eof) break;
  }
  free(buf);
  if (f != stdin) fclose(f);
  return rc;
}

int cli_write_json_string(FILE *out, const char *s, size_t n) {
  strbuf b = {0};
  sb_json(&b, s, n);
  int rc = b.oom || cli_write(out, b.data, b.len) ? CLI_FAIL : CLI_OK;
  free(b.data);
  return rc;
}

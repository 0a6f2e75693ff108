/* kztext normalize: streams input through kztext_normalize() in chunks cut
 * at kztext_normalize_boundary(), so memory stays bounded. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"

static const char usage[] =
    "usage: kztext normalize [--form nfc|nfd|nfkc|nfkd|none] [--casefold] [--newlines]\n"
    "                        [--invalid strict|replace] [-o FILE] [FILE...]\n";

static const char help[] =
    "usage: kztext normalize [OPTIONS] [FILE...]\n"
    "\n"
    "Normalizes UTF-8 text (standard input when no FILE is given) and writes it\n"
    "to standard output or -o FILE.\n"
    "\n"
    "  --form FORM        nfc (default), nfd, nfkc, nfkd, or none\n"
    "  --casefold         full Unicode case folding (with nfkc: NFKC_Casefold)\n"
    "  --newlines         CR LF, CR, NEL, LS and PS become LF\n"
    "  --invalid POLICY   strict (default): stop at invalid UTF-8 with FILE:OFFSET;\n"
    "                     replace: each ill-formed subsequence becomes U+FFFD\n"
    "  -o, --output FILE  write here instead of standard output\n"
    "  -h, --help         this help\n"
    "\n"
    "Exit status: 0 ok, 1 invalid input or I/O error, 2 usage error.\n";

typedef struct job {
  unsigned flags;
  FILE *out;
  const char *name;
  char *buf;
  size_t cap;
  int failed;
} job;

/* Normalizes one piece; returns 0 or 1 (error reported). */
static int emit(job *j, const char *src, size_t len, uint64_t base) {
  size_t need = 0, bad = 0;
  kztext_status st = kztext_normalize(src, len, j->flags, j->buf, j->cap, &need, &bad);
  if (st == KZTEXT_E_BUFFER_TOO_SMALL) {
    char *nb = realloc(j->buf, need);
    if (!nb) return cli_error("%s: out of memory", j->name);
    j->buf = nb;
    j->cap = need;
    st = kztext_normalize(src, len, j->flags, j->buf, j->cap, &need, &bad);
  }
  if (st == KZTEXT_E_INVALID_UTF8) {
    fprintf(stderr, "kztext: %s:%llu: invalid UTF-8\n", j->name,
            (unsigned long long)(base + bad));
    return CLI_FAIL;
  }
  if (st) return cli_error("%s: %s", j->name, kztext_strerror(st));
  return cli_write(j->out, j->buf, need);
}

static size_t on_chunk(void *ctx, const char *buf, size_t len, int eof, int full,
                       uint64_t base) {
  job *j = ctx;
  size_t cut = eof ? len : kztext_normalize_boundary(buf, len, j->flags);
  if (!cut && full) {
    /* No safe cut in max_buffer bytes (one enormous combining sequence):
     * cut at the last code point start, as the Stream-Safe Text Format
     * would. */
    cut = len;
    while (cut > 0 && ((unsigned char)buf[cut - 1] & 0xC0) == 0x80) cut--;
    if (cut > 0) cut--;
    if (!cut) cut = len;
  }
  if (!cut) return 0;
  if (emit(j, buf, cut, base)) return (size_t)-1;
  return cut;
}

int cmd_normalize(int argc, char **argv) {
  static const struct option opts[] = {
      {"form", required_argument, 0, 'f'},   {"casefold", no_argument, 0, 'c'},
      {"newlines", no_argument, 0, 'n'},     {"invalid", required_argument, 0, 'i'},
      {"output", required_argument, 0, 'o'}, {"help", no_argument, 0, 'h'},
      {0, 0, 0, 0}};
  unsigned form = KZTEXT_NORM_NFC, extra = 0, invalid = KZTEXT_INVALID_STRICT;
  const char *outpath = NULL;
  int c;
  optind = 1;
  opterr = 0;
  while ((c = getopt_long(argc, argv, ":o:h", opts, NULL)) != -1) {
    switch (c) {
    case 'f':
      if (!strcmp(optarg, "nfc")) form = KZTEXT_NORM_NFC;
      else if (!strcmp(optarg, "nfd")) form = KZTEXT_NORM_NFD;
      else if (!strcmp(optarg, "nfkc")) form = KZTEXT_NORM_NFKC;
      else if (!strcmp(optarg, "nfkd")) form = KZTEXT_NORM_NFKD;
      else if (!strcmp(optarg, "none")) form = 0;
      else return cli_usage_error(usage, "normalize", "unknown form '%s'", optarg);
      break;
    case 'c': extra |= KZTEXT_NORM_CASEFOLD; break;
    case 'n': extra |= KZTEXT_NORM_NEWLINES; break;
    case 'i':
      if (!strcmp(optarg, "strict")) invalid = KZTEXT_INVALID_STRICT;
      else if (!strcmp(optarg, "replace")) invalid = KZTEXT_INVALID_REPLACE;
      else return cli_usage_error(usage, "normalize", "unknown policy '%s'", optarg);
      break;
    case 'o': outpath = optarg; break;
    case 'h': return cli_help(help);
    case ':': return cli_usage_error(usage, "normalize", "option '%s' needs a value", argv[optind - 1]);
    default: return cli_usage_error(usage, "normalize", "unknown option '%s'", argv[optind - 1]);
    }
  }
  if (extra & KZTEXT_NORM_CASEFOLD && !form)
    return cli_usage_error(usage, "normalize", "--casefold needs a form");
  job j = {form | extra | invalid, NULL, NULL, NULL, 0, 0};
  j.out = cli_open_output(outpath);
  if (!j.out) return CLI_FAIL;
  int rc = CLI_OK;
  int nfiles = argc - optind;
  for (int k = 0; k < (nfiles ? nfiles : 1) && rc == CLI_OK; k++) {
    const char *path = nfiles ? argv[optind + k] : "-";
    j.name = cli_input_name(path);
    rc = cli_stream(path, 1 << 16, 1 << 20, on_chunk, &j);
  }
  free(j.buf);
  if (cli_close_output(j.out, outpath) && rc == CLI_OK) rc = CLI_FAIL;
  return rc;
}

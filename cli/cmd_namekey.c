/* kztext namekey: the name key (kztext_name_key()) of each input line, or of
 * one string field of each JSONL line, one key a line. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "jsonl.h"

static const char usage[] = "usage: kztext namekey [--field NAME] [--invalid strict|replace]\n"
                            "                      [-o FILE] [FILE...]\n";

static const char help[] =
    "usage: kztext namekey [OPTIONS] [FILE...]\n"
    "\n"
    "Writes the name key of each input line (standard input when no FILE is\n"
    "given), one key a line: every spelling of a name (Kazakh Cyrillic, the\n"
    "Russian form, any Latin alphabet, press, passport) has the same key;\n"
    "part order and patronymics (-uly, -ovich) do not count.  docs/names.md.\n"
    "\n"
    "  --field NAME       the input is JSON Lines: key the string field NAME of\n"
    "                     each object (an empty line where it is missing)\n"
    "  --invalid POLICY   strict (default): stop at invalid UTF-8 with FILE:OFFSET;\n"
    "                     replace: an ill-formed sequence separates name parts\n"
    "  -o, --output FILE  write here instead of standard output\n"
    "  -h, --help         this help\n"
    "\n"
    "Exit status: 0 ok, 1 invalid input or I/O error, 2 usage error.\n";

typedef struct job {
  unsigned flags;
  const char *field;
  FILE *out;
  const char *name;
} job;

static int one(job *j, const char *s, size_t n, uint64_t base) {
  char *key = NULL, *val = NULL;
  size_t kn = 0, bad = 0, vn = 0;
  if (j->field) {
    int r = jsonl_get_string(s, n, j->field, &val, &vn, &bad);
    if (r < 0) return cli_error("%s: %s", j->name, kztext_strerror(KZTEXT_E_NO_MEMORY));
    if (r == JSONL_MALFORMED || r == JSONL_TOO_DEEP) {
      fprintf(stderr, "kztext: %s:%llu: malformed JSON\n", j->name,
              (unsigned long long)(base + bad));
      return CLI_FAIL;
    }
    s = val ? val : "";
    n = val ? vn : 0;
  }
  kztext_status st = kztext_name_key_alloc(s, n, j->flags, &key, &kn, &bad);
  free(val);
  if (st == KZTEXT_E_INVALID_UTF8) {
    fprintf(stderr, "kztext: %s:%llu: invalid UTF-8\n", j->name,
            (unsigned long long)(base + (j->field ? 0 : bad)));
    return CLI_FAIL;
  }
  if (st) return cli_error("%s: %s", j->name, kztext_strerror(st));
  int rc = cli_write(j->out, key, kn);
  kztext_free(key);
  return rc ? rc : cli_write(j->out, "\n", 1);
}

static size_t on_chunk(void *ctx, const char *buf, size_t len, int eof, int full, uint64_t base) {
  job *j = ctx;
  size_t i = 0;
  while (i < len) {
    const char *nl = memchr(buf + i, '\n', len - i);
    if (!nl && !eof && !full) break; /* wait for the line's end */
    size_t e = nl ? (size_t)(nl - buf) : len;
    size_t ee = e > i && buf[e - 1] == '\r' ? e - 1 : e;
    if (one(j, buf + i, ee - i, base + i)) return (size_t)-1;
    i = nl ? e + 1 : len;
  }
  return i;
}

int namekey_mem(FILE *out, const char *s, size_t n) {
  job j = {KZTEXT_INVALID_STRICT, NULL, out, "<request>"};
  return on_chunk(&j, s, n, 1, 0, 0) == (size_t)-1 ? CLI_FAIL : CLI_OK;
}

int cmd_namekey(int argc, char **argv) {
  static const struct option opts[] = {{"field", required_argument, 0, 'f'},
                                       {"invalid", required_argument, 0, 'i'},
                                       {"output", required_argument, 0, 'o'},
                                       {"help", no_argument, 0, 'h'},
                                       {0, 0, 0, 0}};
  unsigned invalid = KZTEXT_INVALID_STRICT;
  const char *outpath = NULL, *field = NULL;
  int c;
  optind = 1;
  opterr = 0;
  while ((c = getopt_long(argc, argv, ":o:h", opts, NULL)) != -1) {
    switch (c) {
    case 'f':
      field = optarg;
      break;
    case 'i':
      if (cli_set_policy(optarg, &invalid))
        return cli_usage_error(usage, "namekey", "unknown policy '%s'", optarg);
      break;
    case 'o':
      outpath = optarg;
      break;
    case 'h':
      return cli_help(help);
    case ':':
    default:
      return cli_bad_option(usage, "namekey", c, argv);
    }
  }
  job j = {invalid, field, NULL, NULL};
  j.out = cli_open_output(outpath);
  if (!j.out) return CLI_FAIL;
  int rc = CLI_OK, nfiles = argc - optind;
  for (int k = 0; k < (nfiles ? nfiles : 1) && rc == CLI_OK; k++) {
    const char *path = nfiles ? argv[optind + k] : "-";
    j.name = cli_input_name(path);
    rc = cli_stream(path, &(cli_input){KZTEXT_ENC_UTF8, invalid & KZTEXT_INVALID_REPLACE}, 1 << 16,
                    1 << 20, on_chunk, &j);
  }
  if (cli_close_output(j.out, outpath) && rc == CLI_OK) rc = CLI_FAIL;
  return rc;
}

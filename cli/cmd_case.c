/* kztext case: upper, lower or fold case, Turkic-aware for Kazakh Latin.
 * Streams the input in chunks cut after a line end (case mapping never
 * looks across one). */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"

static const char usage[] = "usage: kztext case --upper|--lower|--fold [--lang auto|kk|ru|en]\n"
                            "                   [--invalid strict|replace] [-o FILE] [FILE...]\n";

static const char help[] =
    "usage: kztext case --upper|--lower|--fold [OPTIONS] [FILE...]\n"
    "\n"
    "Maps the case of UTF-8 text (standard input when no FILE is given).\n"
    "\n"
    "  --upper, --lower, --fold   the operation (exactly one)\n"
    "  --lang LANG        kk: Turkic i rules for Latin Kazakh (BILIM -> bılım,\n"
    "                     bilim -> BİLİM); ru, en: Unicode default rules;\n"
    "                     auto (default): Turkic rules when a chunk of the text\n"
    "                     holds ı İ ğ or ş\n"
    "  --invalid POLICY   strict (default): stop at invalid UTF-8 with FILE:OFFSET;\n"
    "                     replace: each ill-formed subsequence becomes U+FFFD\n"
    "  -o, --output FILE  write here instead of standard output\n"
    "  -h, --help         this help\n"
    "\n"
    "Exit status: 0 ok, 1 invalid input or I/O error, 2 usage error.\n";

typedef struct job {
  unsigned flags;
  kztext_lang lang;
  FILE *out;
  const char *name;
} job;

static size_t on_chunk(void *ctx, const char *buf, size_t len, int eof, int full, uint64_t base) {
  job *j = ctx;
  size_t cut = len;
  if (!eof) {
    while (cut > 0 && buf[cut - 1] != '\n')
      cut--;
    if (!cut && full) { /* a huge line: cut at a code point start */
      cut = cli_char_cut(buf, len);
    }
    if (!cut) return 0;
  }
  char *res = NULL;
  size_t n = 0, bad = 0;
  kztext_status st = kztext_case_alloc(buf, cut, j->lang, j->flags, &res, &n, &bad);
  if (st == KZTEXT_E_INVALID_UTF8) {
    fprintf(stderr, "kztext: %s:%llu: invalid UTF-8\n", j->name, (unsigned long long)(base + bad));
    return (size_t)-1;
  }
  if (st) {
    cli_error("%s: %s", j->name, kztext_strerror(st));
    return (size_t)-1;
  }
  int rc = cli_write(j->out, res, n);
  kztext_free(res);
  return rc ? (size_t)-1 : cut;
}

int cmd_case(int argc, char **argv) {
  static const struct option opts[] = {
      {"upper", no_argument, 0, 'U'},         {"lower", no_argument, 0, 'L'},
      {"fold", no_argument, 0, 'F'},          {"lang", required_argument, 0, 'l'},
      {"invalid", required_argument, 0, 'i'}, {"output", required_argument, 0, 'o'},
      {"help", no_argument, 0, 'h'},          {0, 0, 0, 0}};
  unsigned op = 0, invalid = KZTEXT_INVALID_STRICT;
  int nops = 0;
  kztext_lang lang = KZTEXT_LANG_AUTO;
  const char *outpath = NULL;
  int c;
  optind = 1;
  opterr = 0;
  while ((c = getopt_long(argc, argv, ":o:h", opts, NULL)) != -1) {
    switch (c) {
    case 'U':
      op = KZTEXT_CASE_UPPER;
      nops++;
      break;
    case 'L':
      op = KZTEXT_CASE_LOWER;
      nops++;
      break;
    case 'F':
      op = KZTEXT_CASE_FOLD;
      nops++;
      break;
    case 'l':
      if (kztext_case_lang_from_name(optarg, &lang))
        return cli_usage_error(usage, "case", "unknown language '%s'", optarg);
      break;
    case 'i':
      if (cli_set_policy(optarg, &invalid))
        return cli_usage_error(usage, "case", "unknown policy '%s'", optarg);
      break;
    case 'o':
      outpath = optarg;
      break;
    case 'h':
      return cli_help(help);
    case ':':
    default:
      return cli_bad_option(usage, "case", c, argv);
    }
  }
  if (nops != 1)
    return cli_usage_error(usage, "case", "give exactly one of --upper, --lower, --fold");
  job j = {op | invalid, lang, NULL, NULL};
  j.out = cli_open_output(outpath);
  if (!j.out) return CLI_FAIL;
  int rc = CLI_OK, nfiles = argc - optind;
  for (int k = 0; k < (nfiles ? nfiles : 1) && rc == CLI_OK; k++) {
    const char *path = nfiles ? argv[optind + k] : "-";
    j.name = cli_input_name(path);
    rc = cli_stream(path, &(cli_input){KZTEXT_ENC_UTF8, j.flags & KZTEXT_INVALID_REPLACE}, 1 << 16,
                    1 << 20, on_chunk, &j);
  }
  if (cli_close_output(j.out, outpath) && rc == CLI_OK) rc = CLI_FAIL;
  return rc;
}

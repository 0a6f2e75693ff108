/* kztext decode: legacy encodings (or mojibake) to UTF-8.  Each file is
 * read whole: detection and the mojibake repair judge the whole text. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"

static const char usage[] =
    "usage: kztext decode [--from ENCODING] [--no-repair] [--invalid strict|replace]\n"
    "                     [--report] [-o FILE] [FILE...]\n";

static const char help[] =
    "usage: kztext decode [OPTIONS] [FILE...]\n"
    "\n"
    "Decodes each FILE (standard input when none is given) from a legacy\n"
    "encoding to UTF-8 and writes the text to standard output or -o FILE.\n"
    "Mojibake (UTF-8, KZ-1048 or PT154 text that was read as CP1251) is\n"
    "restored unless --no-repair is given.\n"
    "\n"
    "  --from ENCODING    auto (default: BOM, UTF-8, else the codepage whose\n"
    "                     letters fit), utf-8, utf-16, utf-16le, utf-16be, cp1251,\n"
    "                     koi8-r, ibm866, iso-8859-5, rk1048 (KZ-1048), pt154\n"
    "  --no-repair        do not restore mojibake\n"
    "  --invalid POLICY   strict (default): stop at a byte the encoding does not\n"
    "                     define, reporting FILE:BYTE-OFFSET; replace: write U+FFFD\n"
    "  --report           print the encoding used, the detection confidence and\n"
    "                     the mojibake restored to standard error, one line a file\n"
    "  -o, --output FILE  write here instead of standard output\n"
    "  -h, --help         this help\n"
    "\n"
    "Exit status: 0 ok, 1 undecodable input or I/O error, 2 usage error.\n";

static int decode_one(const char *path, kztext_encoding from, unsigned flags, int report,
                      FILE *out) {
  char *data;
  size_t len;
  if (cli_read_all(path, &data, &len)) return CLI_FAIL;
  const char *name = cli_input_name(path);
  char *text = NULL;
  size_t n = 0, bad = 0;
  kztext_decode_info info = {sizeof info, KZTEXT_ENC_AUTO, 0, 0, 0, KZTEXT_ENC_AUTO};
  kztext_status st = kztext_decode_alloc(data, len, from, flags, &text, &n, &info, &bad);
  free(data);
  if (st == KZTEXT_E_INVALID_UTF8 || st == KZTEXT_E_DECODE) {
    fprintf(stderr, "kztext: %s:%zu: %s\n", name, bad, kztext_strerror(st));
    return CLI_FAIL;
  }
  if (st) return cli_error("%s: %s", name, kztext_strerror(st));
  int rc = cli_write(out, text, n);
  kztext_free(text);
  if (report) {
    fprintf(stderr, "%s: %s (confidence %d)%s", name, kztext_encoding_name(info.encoding),
            info.confidence, info.bom ? ", BOM" : "");
    if (info.mojibake)
      fprintf(stderr, ", mojibake %zu from %s", info.mojibake,
              info.mojibake_source == KZTEXT_ENC_UTF8 ? "utf-8 read as cp1251"
              : info.mojibake_source == KZTEXT_ENC_PT154 ? "pt154 read as cp1251"
                                                          : "rk1048 read as cp1251");
    fputc('\n', stderr);
  }
  return rc;
}

int cmd_decode(int argc, char **argv) {
  static const struct option opts[] = {
      {"from", required_argument, 0, 'f'},   {"no-repair", no_argument, 0, 'n'},
      {"invalid", required_argument, 0, 'i'}, {"report", no_argument, 0, 'r'},
      {"output", required_argument, 0, 'o'}, {"help", no_argument, 0, 'h'},
      {0, 0, 0, 0}};
  kztext_encoding from = KZTEXT_ENC_AUTO;
  unsigned flags = 0;
  int report = 0;
  const char *outpath = NULL;
  int c;
  optind = 1;
  opterr = 0;
  while ((c = getopt_long(argc, argv, ":o:h", opts, NULL)) != -1) {
    switch (c) {
    case 'f':
      if (kztext_encoding_from_name(optarg, &from))
        return cli_usage_error(usage, "decode", "unknown encoding '%s'", optarg);
      break;
    case 'n': flags |= KZTEXT_DECODE_NO_REPAIR; break;
    case 'i':
      if (!strcmp(optarg, "strict")) flags &= ~KZTEXT_INVALID_REPLACE;
      else if (!strcmp(optarg, "replace")) flags |= KZTEXT_INVALID_REPLACE;
      else return cli_usage_error(usage, "decode", "unknown policy '%s'", optarg);
      break;
    case 'r': report = 1; break;
    case 'o': outpath = optarg; break;
    case 'h': return cli_help(help);
    case ':': return cli_usage_error(usage, "decode", "option '%s' needs a value", argv[optind - 1]);
    default: return cli_usage_error(usage, "decode", "unknown option '%s'", argv[optind - 1]);
    }
  }
  FILE *out = cli_open_output(outpath);
  if (!out) return CLI_FAIL;
  int rc = CLI_OK, nfiles = argc - optind;
  for (int k = 0; k < (nfiles ? nfiles : 1) && rc == CLI_OK; k++)
    rc = decode_one(nfiles ? argv[optind + k] : "-", from, flags, report, out);
  if (cli_close_output(out, outpath) && rc == CLI_OK) rc = CLI_FAIL;
  return rc;
}

/* kztext decode: legacy encodings (or mojibake) to UTF-8, streamed: the
 * encoding is detected on the first 256 KiB, then the input is decoded in
 * pieces cut after line ends (the mojibake repair judges each piece). */
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
    "                     letters fit; a guess that is not sure is refused with\n"
    "                     FILE:OFFSET and the two best guesses), utf-8, utf-16,\n"
    "                     utf-16le, utf-16be, cp1251, koi8-r, ibm866, iso-8859-5,\n"
    "                     rk1048 (KZ-1048), pt154\n"
    "  --no-repair        do not restore mojibake\n"
    "  --invalid POLICY   strict (default): stop at a byte the encoding does not\n"
    "                     define, reporting FILE:BYTE-OFFSET; replace: write U+FFFD\n"
    "  --report           print the encoding used, the detection confidence and\n"
    "                     the mojibake restored to standard error, one line a file\n"
    "  -o, --output FILE  write here instead of standard output\n"
    "  -h, --help         this help\n"
    "\n"
    "Exit status: 0 ok, 1 undecodable input or I/O error, 2 usage error.\n";

/* Streaming: the encoding is detected on the first piece (at least
 * DETECT_BYTES, or the whole input when shorter), then pieces cut after a
 * line end are decoded with it, so memory stays bounded. */
#define DETECT_BYTES ((size_t)1 << 18)

typedef struct job {
  kztext_encoding from, enc;
  unsigned flags;
  FILE *out;
  const char *name;
  int started, confidence, bom;
  size_t mojibake;
  kztext_encoding mojibake_source;
} job;

/* Offset just after the last line end in buf[0..len) for the encoding, or
 * 0 if there is none. */
static size_t last_line_end(const char *buf, size_t len, kztext_encoding enc) {
  if (enc == KZTEXT_ENC_UTF16LE || enc == KZTEXT_ENC_UTF16BE) {
    for (size_t k = len & ~(size_t)1; k >= 2; k -= 2) {
      unsigned char a = (unsigned char)buf[k - 2], b = (unsigned char)buf[k - 1];
      if (enc == KZTEXT_ENC_UTF16LE ? (a == '\n' && b == 0) : (a == 0 && b == '\n')) return k;
    }
    return 0;
  }
  for (size_t k = len; k > 0; k--)
    if (buf[k - 1] == '\n') return k;
  return 0;
}

static size_t on_chunk(void *ctx, const char *buf, size_t len, int eof, int full, uint64_t base) {
  job *j = ctx;
  if (!j->started) {
    if (!eof && !full && len < DETECT_BYTES) return 0; /* more input first */
    j->enc = j->from;
    j->confidence = 100;
    if (j->from == KZTEXT_ENC_AUTO) {
      kztext_encoding_report r = {.size = sizeof r};
      kztext_detect_encoding_report(buf, len, &r);
      if (!r.sure) { /* a weak guess would write wrong letters: ask instead */
        cli_report_unsure(j->name, &r);
        return (size_t)-1;
      }
      j->enc = r.encoding;
      j->confidence = r.confidence;
    }
    if (j->enc == KZTEXT_ENC_UTF16) /* by the BOM, little endian without one */
      j->enc = len >= 2 && (unsigned char)buf[0] == 0xFE && (unsigned char)buf[1] == 0xFF
                   ? KZTEXT_ENC_UTF16BE
                   : KZTEXT_ENC_UTF16LE;
  }
  size_t cut = eof ? len : last_line_end(buf, len, j->enc);
  if (!cut && full) { /* a huge line: cut at a character boundary */
    cut = len;
    if (j->enc == KZTEXT_ENC_UTF16LE || j->enc == KZTEXT_ENC_UTF16BE) {
      cut &= ~(size_t)1;
      unsigned hi = (unsigned char)buf[cut - (j->enc == KZTEXT_ENC_UTF16LE ? 1 : 2)];
      if (cut >= 2 && hi >= 0xD8 && hi <= 0xDB) cut -= 2; /* keep a surrogate pair whole */
    } else if (j->enc == KZTEXT_ENC_UTF8) {
      size_t k = cut;
      while (k > 0 && cut - k < 4 && ((unsigned char)buf[k - 1] & 0xC0) == 0x80)
        k--;
      if (k > 0 && (unsigned char)buf[k - 1] >= 0xC0) cut = k - 1;
    }
  }
  if (!cut) return 0;
  char *text = NULL;
  size_t n = 0, bad = 0;
  kztext_decode_info info = {sizeof info, KZTEXT_ENC_AUTO, 0, 0, 0, KZTEXT_ENC_AUTO};
  kztext_status st = kztext_decode_alloc(buf, cut, j->enc, j->flags, &text, &n, &info, &bad);
  if (st == KZTEXT_E_INVALID_UTF8 || st == KZTEXT_E_DECODE) {
    fprintf(stderr, "kztext: %s:%llu: %s\n", j->name, (unsigned long long)(base + bad),
            kztext_strerror(st));
    return (size_t)-1;
  }
  if (st) {
    cli_error("%s: %s", j->name, kztext_strerror(st));
    return (size_t)-1;
  }
  if (!j->started) j->bom = info.bom;
  j->started = 1;
  j->mojibake += info.mojibake;
  if (info.mojibake) j->mojibake_source = info.mojibake_source;
  int rc = cli_write(j->out, text, n);
  kztext_free(text);
  return rc ? (size_t)-1 : cut;
}

static int decode_one(const char *path, kztext_encoding from, unsigned flags, int report,
                      FILE *out) {
  job j = {from, from, flags, out, cli_input_name(path), 0, 100, 0, 0, KZTEXT_ENC_AUTO};
  int rc = cli_stream(path, NULL, 1 << 16, 1 << 22, on_chunk, &j);
  if (rc == CLI_OK && report) {
    fprintf(stderr, "%s: %s (confidence %d)%s", j.name,
            kztext_encoding_name(j.started ? j.enc : KZTEXT_ENC_UTF8), j.confidence,
            j.bom ? ", BOM" : "");
    if (j.mojibake)
      fprintf(stderr, ", mojibake %zu from %s", j.mojibake,
              j.mojibake_source == KZTEXT_ENC_UTF8    ? "utf-8 read as cp1251"
              : j.mojibake_source == KZTEXT_ENC_PT154 ? "pt154 read as cp1251"
                                                      : "rk1048 read as cp1251");
    fputc('\n', stderr);
  }
  return rc;
}

int cmd_decode(int argc, char **argv) {
  static const struct option opts[] = {{"from", required_argument, 0, 'f'},
                                       {"no-repair", no_argument, 0, 'n'},
                                       {"invalid", required_argument, 0, 'i'},
                                       {"report", no_argument, 0, 'r'},
                                       {"output", required_argument, 0, 'o'},
                                       {"help", no_argument, 0, 'h'},
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
    case 'n':
      flags |= KZTEXT_DECODE_NO_REPAIR;
      break;
    case 'i':
      if (cli_set_policy(optarg, &flags))
        return cli_usage_error(usage, "decode", "unknown policy '%s'", optarg);
      break;
    case 'r':
      report = 1;
      break;
    case 'o':
      outpath = optarg;
      break;
    case 'h':
      return cli_help(help);
    case ':':
    default:
      return cli_bad_option(usage, "decode", c, argv);
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

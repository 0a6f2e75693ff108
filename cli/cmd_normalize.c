/* kztext normalize: streams input through kztext_normalize() in chunks cut
 * at kztext_normalize_boundary(), so memory stays bounded. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "strbuf.h"

static const char usage[] =
    "usage: kztext normalize [--form nfc|nfd|nfkc|nfkd|none] [--casefold] [--newlines]\n"
    "                        [--invalid strict|replace] [--repair LIST] [--key]\n"
    "                        [--report[=jsonl]] [-o FILE] [FILE...]\n";

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
    "  --repair LIST      repairs before normalizing, comma-separated: homoglyphs,\n"
    "                     invisible, spaces, mojibake, all (digit-space: keep a\n"
    "                     narrow space in 5 000); see docs/normalization.md\n"
    "  --key              search key: also unify quotes, dashes, ellipses and case\n"
    "                     (with no --repair: all repairs)\n"
    "  --report[=jsonl]   counts per repair for each file on standard error\n"
    "  -o, --output FILE  write here instead of standard output\n"
    "  -h, --help         this help\n"
    "\n"
    "Exit status: 0 ok, 1 invalid input or I/O error, 2 usage error.\n";

typedef struct job {
  unsigned flags, repair;
  char *rbuf; /* the repaired piece */
  size_t rcap;
  kztext_repair_report total;
  FILE *out;
  const char *name;
  char *buf;
  size_t cap;
  int failed;
} job;

/* Normalizes one piece; returns 0 or 1 (error reported). */
static int emit(job *j, const char *src, size_t len, uint64_t base) {
  size_t need = 0, bad = 0;
  if (j->repair) { /* repairs first, then the form */
    kztext_repair_report rep = {sizeof rep, 0, 0, 0, 0, 0, 0};
    unsigned rf = j->repair | (j->flags & KZTEXT_INVALID_REPLACE);
    kztext_status rs = kztext_repair(src, len, rf, j->rbuf, j->rcap, &need, &rep, &bad);
    if (rs == KZTEXT_E_BUFFER_TOO_SMALL) {
      char *nb = realloc(j->rbuf, need);
      if (!nb) return cli_error("%s: out of memory", j->name);
      j->rbuf = nb;
      j->rcap = need;
      rs = kztext_repair(src, len, rf, j->rbuf, j->rcap, &need, &rep, &bad);
    }
    if (rs == KZTEXT_E_INVALID_UTF8) {
      fprintf(stderr, "kztext: %s:%llu: invalid UTF-8\n", j->name,
              (unsigned long long)(base + bad));
      return CLI_FAIL;
    }
    if (rs) return cli_error("%s: %s", j->name, kztext_strerror(rs));
    j->total.homoglyphs += rep.homoglyphs;
    j->total.invisible += rep.invisible;
    j->total.spaces += rep.spaces;
    j->total.mojibake += rep.mojibake;
    j->total.key += rep.key;
    src = j->rbuf;
    len = need;
  }
  kztext_status st = kztext_normalize(src, len, j->flags, j->buf, j->cap, &need, &bad);
  if (st == KZTEXT_E_BUFFER_TOO_SMALL) {
    char *nb = realloc(j->buf, need);
    if (!nb) return cli_error("%s: out of memory", j->name);
    j->buf = nb;
    j->cap = need;
    st = kztext_normalize(src, len, j->flags, j->buf, j->cap, &need, &bad);
  }
  if (st == KZTEXT_E_INVALID_UTF8) {
    fprintf(stderr, "kztext: %s:%llu: invalid UTF-8\n", j->name, (unsigned long long)(base + bad));
    return CLI_FAIL;
  }
  if (st) return cli_error("%s: %s", j->name, kztext_strerror(st));
  return cli_write(j->out, j->buf, need);
}

/* --report: one line per file on standard error. */
static void print_report(const job *j, int jsonl) {
  const kztext_repair_report *t = &j->total;
  if (jsonl) {
    fputs("{\"file\": ", stderr);
    json_fwrite(stderr, j->name, strlen(j->name));
    fprintf(stderr,
            ", \"homoglyphs\": %zu, \"invisible\": %zu, \"spaces\": %zu, "
            "\"mojibake\": %zu, \"key\": %zu}\n",
            t->homoglyphs, t->invisible, t->spaces, t->mojibake, t->key);
  } else {
    fprintf(stderr, "%s: homoglyphs %zu, invisible %zu, spaces %zu, mojibake %zu", j->name,
            t->homoglyphs, t->invisible, t->spaces, t->mojibake);
    if (j->repair & KZTEXT_REPAIR_KEY) fprintf(stderr, ", key %zu", t->key);
    fputc('\n', stderr);
  }
}

static size_t on_chunk(void *ctx, const char *buf, size_t len, int eof, int full, uint64_t base) {
  job *j = ctx;
  size_t cut = eof ? len : kztext_normalize_boundary(buf, len, j->flags);
  /* Repairs judge words, runs of spaces and CR LF whole: cut after a LF. */
  if (j->repair && !eof) {
    while (cut > 0 && buf[cut - 1] != '\n')
      cut--;
  }
  if (!cut && full) {
    /* No safe cut in max_buffer bytes (one enormous combining sequence):
     * cut at the last code point start, as the Stream-Safe Text Format
     * would. */
    cut = cli_char_cut(buf, len);
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
      {"repair", required_argument, 0, 'R'}, {"key", no_argument, 0, 'K'},
      {"report", optional_argument, 0, 'P'}, {0, 0, 0, 0}};
  unsigned form = KZTEXT_NORM_NFC, extra = 0, invalid = KZTEXT_INVALID_STRICT;
  const char *outpath = NULL;
  unsigned repair = 0;
  int repair_given = 0, key = 0, report = 0;
  int c;
  optind = 1;
  opterr = 0;
  while ((c = getopt_long(argc, argv, ":o:h", opts, NULL)) != -1) {
    switch (c) {
    case 'f':
      if (!strcmp(optarg, "nfc"))
        form = KZTEXT_NORM_NFC;
      else if (!strcmp(optarg, "nfd"))
        form = KZTEXT_NORM_NFD;
      else if (!strcmp(optarg, "nfkc"))
        form = KZTEXT_NORM_NFKC;
      else if (!strcmp(optarg, "nfkd"))
        form = KZTEXT_NORM_NFKD;
      else if (!strcmp(optarg, "none"))
        form = 0;
      else
        return cli_usage_error(usage, "normalize", "unknown form '%s'", optarg);
      break;
    case 'c':
      extra |= KZTEXT_NORM_CASEFOLD;
      break;
    case 'n':
      extra |= KZTEXT_NORM_NEWLINES;
      break;
    case 'i':
      if (cli_set_policy(optarg, &invalid))
        return cli_usage_error(usage, "normalize", "unknown policy '%s'", optarg);
      break;
    case 'R':
      if (kztext_repair_flags_from_names(optarg, &repair))
        return cli_usage_error(usage, "normalize", "unknown repair in '%s'", optarg);
      repair_given = 1;
      break;
    case 'K':
      key = 1;
      break;
    case 'P':
      if (!optarg)
        report = 1;
      else if (!strcmp(optarg, "jsonl"))
        report = 2;
      else
        return cli_usage_error(usage, "normalize", "unknown report format '%s'", optarg);
      break;
    case 'o':
      outpath = optarg;
      break;
    case 'h':
      return cli_help(help);
    case ':':
    default:
      return cli_bad_option(usage, "normalize", c, argv);
    }
  }
  if (extra & KZTEXT_NORM_CASEFOLD && !form)
    return cli_usage_error(usage, "normalize", "--casefold needs a form");
  if (key && !repair_given) repair = KZTEXT_REPAIR_ALL;
  if (key) repair |= KZTEXT_REPAIR_KEY;
  if (report && !repair)
    return cli_usage_error(usage, "normalize", "--report needs --repair or --key");
  job j;
  memset(&j, 0, sizeof j);
  j.flags = form | extra | invalid;
  j.repair = repair;
  j.out = cli_open_output(outpath);
  if (!j.out) return CLI_FAIL;
  int rc = CLI_OK;
  int nfiles = argc - optind;
  for (int k = 0; k < (nfiles ? nfiles : 1) && rc == CLI_OK; k++) {
    const char *path = nfiles ? argv[optind + k] : "-";
    j.name = cli_input_name(path);
    memset(&j.total, 0, sizeof j.total);
    rc = cli_stream(path, &(cli_input){KZTEXT_ENC_UTF8, j.flags & KZTEXT_INVALID_REPLACE}, 1 << 16,
                    1 << 20, on_chunk, &j);
    if (rc == CLI_OK && report) print_report(&j, report == 2);
  }
  free(j.buf);
  free(j.rbuf);
  if (cli_close_output(j.out, outpath) && rc == CLI_OK) rc = CLI_FAIL;
  return rc;
}

/* kztext serve's /v1/normalize: the whole text as one input. */
int normalize_mem(FILE *out, const char *s, size_t n, unsigned flags, unsigned repair) {
  job j;
  memset(&j, 0, sizeof j);
  j.flags = flags;
  j.repair = repair;
  j.out = out;
  j.name = "<request>";
  int rc = on_chunk(&j, s, n, 1, 0, 0) == (size_t)-1;
  free(j.buf);
  free(j.rbuf);
  return rc;
}

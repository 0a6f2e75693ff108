/* kztext sentences / kztext tokens: stream input paragraph by paragraph
 * through kztext_sentences() (and kztext_tokens()), so memory stays bounded
 * by the longest paragraph (or by the buffer limit, past which the text is
 * flushed at a sentence boundary). */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "strbuf.h"

static const char usage_s[] =
    "usage: kztext sentences [--lang auto|kk|ru|en] [--lines] [--format text|jsonl]\n"
    "                        [--invalid strict|replace] [-o FILE] [FILE...]\n";
static const char usage_t[] =
    "usage: kztext tokens [--lang auto|kk|ru|en] [--lines] [--format text|jsonl]\n"
    "                     [--invalid strict|replace] [-o FILE] [FILE...]\n";

static const char help_s[] =
    "usage: kztext sentences [OPTIONS] [FILE...]\n"
    "\n"
    "Splits UTF-8 text (standard input when no FILE is given) into sentences.\n"
    "A blank line ends a paragraph; a single line break is a space unless --lines.\n"
    "\n"
    "  --lang LANG        auto (default: per paragraph, from its letters), kk, ru, en\n"
    "  --lines            every line break ends a sentence (headings, lists)\n"
    "  --format FORMAT    text (default): one sentence per line, line breaks inside\n"
    "                     a sentence become spaces, an empty line between paragraphs;\n"
    "                     jsonl: {\"start\":B,\"end\":B,\"text\":S} per sentence, byte\n"
    "                     offsets into the input file\n"
    "  --invalid POLICY   strict (default): stop at invalid UTF-8 with FILE:OFFSET;\n"
    "                     replace: ill-formed bytes count as U+FFFD (printed as such)\n"
    "  -o, --output FILE  write here instead of standard output\n"
    "  -h, --help         this help\n"
    "\n"
    "Exit status: 0 ok, 1 invalid input or I/O error, 2 usage error.\n";

static const char help_t[] =
    "usage: kztext tokens [OPTIONS] [FILE...]\n"
    "\n"
    "Splits UTF-8 text (standard input when no FILE is given) into word tokens.\n"
    "\n"
    "  --lang LANG        auto (default), kk, ru, en: whose abbreviations apply\n"
    "  --lines            every line break ends a sentence\n"
    "  --format FORMAT    text (default): one sentence per line, its tokens separated\n"
    "                     by TAB, an empty line between paragraphs;\n"
    "                     jsonl: {\"start\":B,\"end\":B,\"text\":S} per token\n"
    "  --invalid POLICY   strict (default) or replace, as for kztext sentences\n"
    "  -o, --output FILE  write here instead of standard output\n"
    "  -h, --help         this help\n"
    "\n"
    "Exit status: 0 ok, 1 invalid input or I/O error, 2 usage error.\n";

typedef struct job {
  kztext_segmenter *seg;
  int tokens, jsonl;
  kztext_lang lang;
  unsigned flags;
  FILE *out;
  const char *name;
  kztext_span *sp, *tk;
  size_t sp_cap, tk_cap;
  int printed;    /* something was written for this file */
  int para_break; /* a blank line precedes what comes next */
} job;

/* Repairs ill-formed UTF-8 in s[0..n) as U+FFFD (*fixed: the repaired copy
 * to free, or NULL when s was well-formed).  Returns 0, or 1 after
 * reporting the error: nothing is written that is not the repaired text. */
static int repaired(job *j, const char **s, size_t *n, char **fixed) {
  size_t bad;
  *fixed = NULL;
  if (kztext_utf8_validate(*s, *n, &bad) == KZTEXT_OK) return CLI_OK;
  kztext_status st = kztext_utf8_repair_alloc(*s, *n, fixed, n, NULL);
  if (st) return cli_error("%s: %s", j->name, kztext_strerror(st));
  *s = *fixed;
  return CLI_OK;
}

/* Writes s[0..n) with every line break (and tab, in token lists) turned
 * into a space, repairing ill-formed UTF-8 as U+FFFD.  Returns 0 or 1. */
static int put_flat(job *j, const char *s, size_t n) {
  char *fixed;
  if (repaired(j, &s, &n, &fixed)) return CLI_FAIL;
  size_t run = 0;
  for (size_t i = 0; i < n; i++) {
    if (s[i] == '\n' || s[i] == '\r' || s[i] == '\t') {
      cli_write(j->out, s + run, i - run);
      /* CR LF is one space */
      if (!(s[i] == '\n' && i > 0 && s[i - 1] == '\r')) cli_write(j->out, " ", 1);
      run = i + 1;
    }
  }
  cli_write(j->out, s + run, n - run);
  kztext_free(fixed);
  return CLI_OK;
}

static int put_json(job *j, const char *s, size_t n, uint64_t start, uint64_t end) {
  char *fixed;
  if (repaired(j, &s, &n, &fixed)) return CLI_FAIL;
  fprintf(j->out, "{\"start\":%llu,\"end\":%llu,\"text\":", (unsigned long long)start,
          (unsigned long long)end);
  json_fwrite(j->out, s, n);
  fputs("}\n", j->out);
  kztext_free(fixed);
  return CLI_OK;
}

/* Runs fn into the job's growable span array; returns the count or -1. */
static int spans_of(job *j, int tokens, const char *s, size_t n, kztext_span **arr, size_t *cap,
                    size_t *count, uint64_t base) {
  size_t bad = 0;
  kztext_status st;
  for (int round = 0; round < 2; round++) {
    st = tokens ? kztext_tokens(j->seg, s, n, j->lang, j->flags, *arr, *cap, count, &bad)
                : kztext_sentences(j->seg, s, n, j->lang, j->flags, *arr, *cap, count, &bad);
    if (st != KZTEXT_E_BUFFER_TOO_SMALL) break;
    kztext_span *p = realloc(*arr, *count * sizeof *p);
    if (!p) {
      cli_error("%s: out of memory", j->name);
      return -1;
    }
    *arr = p;
    *cap = *count;
  }
  if (st == KZTEXT_E_INVALID_UTF8) {
    fprintf(stderr, "kztext: %s:%llu: invalid UTF-8\n", j->name, (unsigned long long)(base + bad));
    return -1;
  }
  if (st) {
    cli_error("%s: %s", j->name, kztext_strerror(st));
    return -1;
  }
  return 0;
}

static int gap_has_blank_line(const char *s, size_t a, size_t b) {
  int nl = 0;
  for (size_t i = a; i < b; i++) {
    if (s[i] == '\n') {
      if (nl) return 1;
      nl = 1;
    } else if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
      nl = 0;
  }
  return 0;
}

/* Segments s[0..n) (file offset base) and writes sentences [0, upto). */
static int emit(job *j, const char *s, size_t n, uint64_t base, size_t *upto_sent) {
  size_t count;
  if (spans_of(j, 0, s, n, &j->sp, &j->sp_cap, &count, base)) return CLI_FAIL;
  size_t lim = upto_sent ? (count ? count - 1 : 0) : count;
  if (upto_sent) *upto_sent = lim < count ? j->sp[lim].start : n;
  size_t prev_end = 0;
  for (size_t k = 0; k < lim; k++) {
    kztext_span sp = j->sp[k];
    if (k > 0 && gap_has_blank_line(s, prev_end, sp.start)) j->para_break = 1;
    prev_end = sp.end;
    if (!j->jsonl && j->para_break && j->printed) cli_write(j->out, "\n", 1);
    j->para_break = 0;
    j->printed = 1;
    if (!j->tokens) {
      if (j->jsonl ? put_json(j, s + sp.start, sp.end - sp.start, base + sp.start, base + sp.end)
                   : put_flat(j, s + sp.start, sp.end - sp.start))
        return CLI_FAIL;
      if (!j->jsonl) cli_write(j->out, "\n", 1);
      continue;
    }
    size_t nt;
    if (spans_of(j, 1, s + sp.start, sp.end - sp.start, &j->tk, &j->tk_cap, &nt, base + sp.start))
      return CLI_FAIL;
    for (size_t t = 0; t < nt; t++) {
      size_t a = sp.start + j->tk[t].start, z = sp.start + j->tk[t].end;
      if (j->jsonl) {
        if (put_json(j, s + a, z - a, base + a, base + z)) return CLI_FAIL;
      } else {
        if (t) cli_write(j->out, "\t", 1);
        if (put_flat(j, s + a, z - a)) return CLI_FAIL;
      }
    }
    if (!j->jsonl) cli_write(j->out, "\n", 1);
  }
  return ferror(j->out) ? CLI_FAIL : CLI_OK;
}

static size_t on_chunk(void *ctx, const char *buf, size_t len, int eof, int full, uint64_t base) {
  job *j = ctx;
  if (eof) return emit(j, buf, len, base, NULL) ? (size_t)-1 : len;
  size_t cut = kztext_paragraph_boundary(buf, len);
  if (cut) {
    if (emit(j, buf, cut, base, NULL)) return (size_t)-1;
    j->para_break = 1;
    return cut;
  }
  if (!full) return 0;
  /* One paragraph longer than the buffer: flush all but its last sentence,
   * which may continue in the input still to come. */
  size_t upto, whole = len, k = 0;
  /* Leave out a UTF-8 sequence cut by the buffer's end. */
  while (k < 3 && k < whole && ((unsigned char)buf[whole - 1 - k] & 0xC0) == 0x80)
    k++;
  if (k < whole && (unsigned char)buf[whole - 1 - k] >= 0xC0) whole -= k + 1;
  if (emit(j, buf, whole, base, &upto)) return (size_t)-1;
  if (!upto) {
    /* One sentence fills the buffer: print it cut at its last space. */
    upto = whole;
    while (upto > 0 && buf[upto - 1] != ' ' && buf[upto - 1] != '\n' && buf[upto - 1] != '\t')
      upto--;
    if (!upto) upto = whole ? whole : len;
    if (emit(j, buf, upto, base, NULL)) return (size_t)-1;
  }
  return upto;
}

int cmd_segment_common(int argc, char **argv, int tokens) {
  static const struct option opts[] = {{"lang", required_argument, 0, 'l'},
                                       {"lines", no_argument, 0, 'L'},
                                       {"format", required_argument, 0, 'f'},
                                       {"invalid", required_argument, 0, 'i'},
                                       {"output", required_argument, 0, 'o'},
                                       {"help", no_argument, 0, 'h'},
                                       {0, 0, 0, 0}};
  const char *usage = tokens ? usage_t : usage_s, *cmd = tokens ? "tokens" : "sentences";
  job j;
  memset(&j, 0, sizeof j);
  j.tokens = tokens;
  const char *outpath = NULL;
  int c;
  optind = 1;
  opterr = 0;
  while ((c = getopt_long(argc, argv, ":o:h", opts, NULL)) != -1) {
    switch (c) {
    case 'l':
      if (cli_set_lang(optarg, &j.lang))
        return cli_usage_error(usage, cmd, "unknown language '%s'", optarg);
      break;
    case 'L':
      j.flags |= KZTEXT_SEG_LINES;
      break;
    case 'f':
      if (!strcmp(optarg, "text"))
        j.jsonl = 0;
      else if (!strcmp(optarg, "jsonl"))
        j.jsonl = 1;
      else
        return cli_usage_error(usage, cmd, "unknown format '%s'", optarg);
      break;
    case 'i':
      if (cli_set_policy(optarg, &j.flags))
        return cli_usage_error(usage, cmd, "unknown policy '%s'", optarg);
      break;
    case 'o':
      outpath = optarg;
      break;
    case 'h':
      return cli_help(tokens ? help_t : help_s);
    case ':':
    default:
      return cli_bad_option(usage, cmd, c, argv);
    }
  }
  kztext_status st = kztext_segmenter_new(&j.seg);
  if (st) return cli_error("%s", kztext_strerror(st));
  j.out = cli_open_output(outpath);
  if (!j.out) {
    kztext_segmenter_free(j.seg);
    return CLI_FAIL;
  }
  int rc = CLI_OK;
  int nfiles = argc - optind;
  for (int k = 0; k < (nfiles ? nfiles : 1) && rc == CLI_OK; k++) {
    const char *path = nfiles ? argv[optind + k] : "-";
    j.name = cli_input_name(path);
    j.para_break = 1; /* files are separate paragraphs */
    rc = cli_stream(path, &(cli_input){KZTEXT_ENC_UTF8, j.flags & KZTEXT_INVALID_REPLACE}, 1 << 16,
                    1 << 22, on_chunk, &j);
  }
  free(j.sp);
  free(j.tk);
  kztext_segmenter_free(j.seg);
  if (cli_close_output(j.out, outpath) && rc == CLI_OK) rc = CLI_FAIL;
  return rc;
}

int cmd_sentences(int argc, char **argv) { return cmd_segment_common(argc, argv, 0); }

/* kztext serve's /v1/sentences: the whole text as one input. */
int segment_mem(FILE *out, kztext_segmenter *seg, const char *s, size_t n, kztext_lang lang,
                unsigned flags, int tokens, int jsonl) {
  job j;
  memset(&j, 0, sizeof j);
  j.seg = seg;
  j.tokens = tokens;
  j.jsonl = jsonl;
  j.lang = lang;
  j.flags = flags;
  j.out = out;
  j.name = "<request>";
  j.para_break = 1;
  int rc = on_chunk(&j, s, n, 1, 0, 0) == (size_t)-1;
  free(j.sp);
  free(j.tk);
  return rc;
}

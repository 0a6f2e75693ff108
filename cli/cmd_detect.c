/* kztext detect: language and script of each unit (text, line, sentence or
 * paragraph) of the input, streamed in chunks cut at unit boundaries. */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "strbuf.h"

static const char usage[] =
    "usage: kztext detect [--by text|line|sentence|paragraph] [--format tsv|jsonl]\n"
    "                     [--invalid strict|replace] [-o FILE] [FILE...]\n";

static const char help[] =
    "usage: kztext detect [OPTIONS] [FILE...]\n"
    "\n"
    "Identifies the language (kk, ru, en, und) and script of each unit of UTF-8\n"
    "text read from the FILEs (standard input when none is given).\n"
    "\n"
    "  --by UNIT          line (default): every input line, empty ones included;\n"
    "                     sentence: the sentences of each paragraph, split as\n"
    "                     'kztext sentences' splits them (ICU plus kztext's rules\n"
    "                     for abbreviations, initials and dashes); paragraph:\n"
    "                     blocks separated by blank lines; text: each FILE whole\n"
    "  --format FORMAT    tsv (default): lang, script, variant (- if none),\n"
    "                     confidence, text (tabs and line breaks as spaces);\n"
    "                     jsonl: {\"lang\", \"script\", \"variant\", \"confidence\",\n"
    "                     \"scores\", \"mixed\", \"text\"} per unit, where variant is\n"
    "                     null unless the unit is Latin-script Kazakh and mixed is\n"
    "                     null or {\"kk\": share, \"ru\": share}\n"
    "  --invalid POLICY   strict (default): stop at invalid UTF-8 with FILE:OFFSET;\n"
    "                     replace: ill-formed bytes are skipped\n"
    "  -o, --output FILE  write here instead of standard output\n"
    "  -h, --help         this help\n"
    "\n"
    "Exit status: 0 ok, 1 invalid input or I/O error, 2 usage error.\n";

enum unit { BY_LINE, BY_SENTENCE, BY_PARAGRAPH, BY_TEXT };

typedef struct job {
  enum unit by;
  int jsonl;
  unsigned flags;
  FILE *out;
  const char *name;
  kztext_segmenter *seg; /* for --by sentence */
  const char *outname;   /* for write errors */
} job;

static int is_space(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Writes one unit's result; returns 0 or 1 (error reported). */
static int emit(job *j, const char *p, size_t n, uint64_t base) {
  kztext_detect_result r;
  memset(&r, 0, sizeof r);
  r.size = sizeof r;
  size_t bad = 0;
  kztext_status st = kztext_detect(p, n, j->flags, &r, &bad);
  if (st == KZTEXT_E_INVALID_UTF8) {
    fprintf(stderr, "kztext: %s:%llu: invalid UTF-8\n", j->name, (unsigned long long)(base + bad));
    return CLI_FAIL;
  }
  if (st) return cli_error("%s: %s", j->name, kztext_strerror(st));
  /* JSON needs valid UTF-8: under the replace policy the text is repaired,
   * before anything of the record is written. */
  char *fixed = NULL;
  if (j->jsonl && (j->flags & KZTEXT_INVALID_REPLACE)) {
    size_t flen = 0;
    st = kztext_utf8_repair_alloc(p, n, &fixed, &flen, NULL);
    if (st) return cli_error("%s: %s", j->name, kztext_strerror(st));
    p = fixed;
    n = flen;
  }
  FILE *o = j->out;
  const char *variant = kztext_variant_name(r.variant);
  if (!j->jsonl) {
    fprintf(o, "%s\t%s\t%s\t%.4f\t", kztext_lang_name(r.lang), kztext_script_name(r.script),
            *variant ? variant : "-", r.confidence);
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
      if (p[i] == '\t' || p[i] == '\n' || p[i] == '\r') {
        fwrite(p + run, 1, i - run, o);
        putc(' ', o);
        run = i + 1;
      }
    }
    fwrite(p + run, 1, n - run, o);
    putc('\n', o);
  } else {
    fprintf(o, "{\"lang\":\"%s\",\"script\":\"%s\",\"variant\":", kztext_lang_name(r.lang),
            kztext_script_name(r.script));
    if (*variant)
      fprintf(o, "\"%s\"", variant);
    else
      fputs("null", o);
    fprintf(o, ",\"confidence\":%.4f,\"scores\":{\"kk\":%.4f,\"ru\":%.4f,\"en\":%.4f,\"und\":%.4f}",
            r.confidence, r.scores[KZTEXT_LANG_KK], r.scores[KZTEXT_LANG_RU],
            r.scores[KZTEXT_LANG_EN], r.scores[KZTEXT_LANG_UND]);
    if (r.mixed)
      fprintf(o, ",\"mixed\":{\"kk\":%.4f,\"ru\":%.4f}", r.share[KZTEXT_LANG_KK],
              r.share[KZTEXT_LANG_RU]);
    else
      fputs(",\"mixed\":null", o);
    fputs(",\"text\":", o);
    json_fwrite(o, p, n);
    fputs("}\n", o);
  }
  kztext_free(fixed);
  return ferror(o) ? cli_error("%s: write error: %s", j->outname, strerror(errno)) : CLI_OK;
}

/* Emits a unit with surrounding white space trimmed; blank units are
 * skipped (sentence and paragraph modes). */
static int emit_trimmed(job *j, const char *p, size_t n, uint64_t base) {
  size_t a = 0, b = n;
  while (a < b && is_space((unsigned char)p[a]))
    a++;
  while (b > a && is_space((unsigned char)p[b - 1]))
    b--;
  if (a == b) return CLI_OK;
  return emit(j, p + a, b - a, base + a);
}

/* Offset just past the blank line that ends the first paragraph in
 * p[0..n), or 0 if there is none. */
static size_t paragraph_end(const char *p, size_t n) {
  for (size_t i = 0; i < n; i++) {
    if (p[i] != '\n') continue;
    size_t k = i + 1;
    while (k < n && (p[k] == ' ' || p[k] == '\t' || p[k] == '\r'))
      k++;
    if (k < n && p[k] == '\n') return k + 1;
  }
  return 0;
}

/* Emits each sentence of one paragraph, as the segmenter splits it.  Text
 * the segmenter rejects as ill-formed (strict policy) is emitted whole, so
 * that detection reports the error with its offset; any other failure (out
 * of memory) is an error, never a paragraph passed off as a sentence. */
static int emit_sentences(job *j, const char *p, size_t n, uint64_t base) {
  kztext_span *sp = NULL;
  size_t count = 0;
  kztext_status st = kztext_sentences_alloc(j->seg, p, n, KZTEXT_LANG_AUTO,
                                            j->flags & KZTEXT_INVALID_REPLACE, &sp, &count, NULL);
  if (st == KZTEXT_E_INVALID_UTF8) return emit_trimmed(j, p, n, base);
  if (st) return cli_error("%s: %s", j->name, kztext_strerror(st));
  int rc = 0;
  for (size_t k = 0; k < count && !rc; k++)
    rc = emit_trimmed(j, p + sp[k].start, sp[k].end - sp[k].start, base + sp[k].start);
  kztext_free(sp);
  return rc;
}

/* Emits every complete unit of buf; returns bytes consumed or (size_t)-1. */
static size_t on_chunk(void *ctx, const char *buf, size_t len, int eof, int full, uint64_t base) {
  job *j = ctx;
  size_t pos = 0;
  if (j->by == BY_TEXT) { /* the whole file is the unit */
    if (!eof) return 0;
    return emit(j, buf, len, base) ? (size_t)-1 : len;
  }
  if (j->by == BY_LINE) {
    for (;;) {
      const char *nl = memchr(buf + pos, '\n', len - pos);
      if (!nl) break;
      size_t n = (size_t)(nl - (buf + pos));
      size_t m = n && buf[pos + n - 1] == '\r' ? n - 1 : n;
      if (emit(j, buf + pos, m, base + pos)) return (size_t)-1;
      pos += n + 1;
    }
    if ((eof || full) && pos < len) {
      /* A line longer than the buffer is reported in parts, each cut at a
       * character boundary. */
      size_t n = eof ? len - pos : cli_char_cut(buf + pos, len - pos);
      if (emit(j, buf + pos, n, base + pos)) return (size_t)-1;
      pos += n;
    }
    return pos;
  }
  for (;;) {
    size_t pe = paragraph_end(buf + pos, len - pos);
    size_t para = pe ? pe : eof ? len - pos : full ? cli_char_cut(buf + pos, len - pos) : 0;
    if (!para) break;
    if (j->by == BY_PARAGRAPH) {
      if (emit_trimmed(j, buf + pos, para, base + pos)) return (size_t)-1;
    } else if (emit_sentences(j, buf + pos, para, base + pos)) {
      return (size_t)-1;
    }
    pos += para;
    if (pos >= len) break;
  }
  return pos;
}

int cmd_detect(int argc, char **argv) {
  static const struct option opts[] = {
      {"by", required_argument, 0, 'b'},      {"format", required_argument, 0, 'f'},
      {"invalid", required_argument, 0, 'i'}, {"output", required_argument, 0, 'o'},
      {"help", no_argument, 0, 'h'},          {0, 0, 0, 0}};
  job j = {BY_LINE, 0, KZTEXT_INVALID_STRICT, NULL, NULL, NULL, "<stdout>"};
  const char *outpath = NULL;
  int c;
  optind = 1;
  opterr = 0;
  while ((c = getopt_long(argc, argv, ":o:h", opts, NULL)) != -1) {
    switch (c) {
    case 'b':
      if (!strcmp(optarg, "line"))
        j.by = BY_LINE;
      else if (!strcmp(optarg, "sentence"))
        j.by = BY_SENTENCE;
      else if (!strcmp(optarg, "paragraph"))
        j.by = BY_PARAGRAPH;
      else if (!strcmp(optarg, "text"))
        j.by = BY_TEXT;
      else
        return cli_usage_error(usage, "detect", "unknown unit '%s'", optarg);
      break;
    case 'f':
      if (!strcmp(optarg, "tsv"))
        j.jsonl = 0;
      else if (!strcmp(optarg, "jsonl"))
        j.jsonl = 1;
      else
        return cli_usage_error(usage, "detect", "unknown format '%s'", optarg);
      break;
    case 'i':
      if (cli_set_policy(optarg, &j.flags))
        return cli_usage_error(usage, "detect", "unknown policy '%s'", optarg);
      break;
    case 'o':
      outpath = optarg;
      break;
    case 'h':
      return cli_help(help);
    case ':':
    default:
      return cli_bad_option(usage, "detect", c, argv);
    }
  }
  if (j.by == BY_SENTENCE) {
    kztext_status st = kztext_segmenter_new(&j.seg);
    if (st) return cli_error("cannot create a segmenter: %s", kztext_strerror(st));
  }
  if (outpath && strcmp(outpath, "-")) j.outname = outpath;
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
    /* --by text holds a whole file: its buffer is not bounded. */
    rc = cli_stream(path, &(cli_input){KZTEXT_ENC_UTF8, j.flags & KZTEXT_INVALID_REPLACE}, 1 << 16,
                    j.by == BY_TEXT ? (size_t)-1 / 4 : (size_t)1 << 22, on_chunk, &j);
  }
  kztext_segmenter_free(j.seg);
  if (cli_close_output(j.out, outpath) && rc == CLI_OK) rc = CLI_FAIL;
  return rc;
}

/* kztext serve's /v1/detect: the whole text as one input, JSONL out.
 * Returns 0, 1 on an error (printed), 2 for an unknown unit. */
int detect_mem(FILE *out, kztext_segmenter *seg, const char *s, size_t n, const char *by) {
  static const char *const units[] = {"line", "sentence", "paragraph", "text"};
  job j = {BY_LINE, 1, KZTEXT_INVALID_STRICT, out, "<request>", seg, "<response>"};
  size_t k = 0;
  while (k < 4 && strcmp(by, units[k]))
    k++;
  if (k == 4) return CLI_USAGE;
  j.by = (enum unit)k;
  return on_chunk(&j, s, n, 1, 0, 0) == (size_t)-1;
}

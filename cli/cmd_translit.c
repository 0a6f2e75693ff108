/* kztext translit: streams input through kztext_translit() in chunks cut
 * at whitespace (text) or at line ends (jsonl), so memory stays bounded. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "strbuf.h"

static const char usage[] =
    "usage: kztext translit [--to SCHEME] [--from SCHEME|auto] [--format text|jsonl]\n"
    "                       [--invalid strict|replace] [--hamza u0674|u0621]\n"
    "                       [--patronymic-apart] [-o FILE] [FILE...]\n";

static const char help[] =
    "usage: kztext translit [--to SCHEME] [OPTIONS] [FILE...]\n"
    "\n"
    "Transliterates Kazakh text (standard input when no FILE is given) and writes\n"
    "it to standard output or -o FILE.\n"
    "\n"
    "Schemes: cyrillic, latin2021 (alias latin), latin2018, latin2017, iso9, bgn,\n"
    "alalc, arabic, mediawiki (Wikipedia's kk-latn), press (names as English media\n"
    "write them: Yesenbayev), passport (ICAO 9303), cyrillic-ru (the Russian form of\n"
    "Kazakh names: Тажибаев; as a source, the same as cyrillic).  Cyrillic converts\n"
    "to every scheme and every scheme back to Cyrillic; other pairs go through\n"
    "Cyrillic.  --from press reads only capitalised name-like words and leaves\n"
    "English words as they are.\n"
    "Only letters change: digits, punctuation, URLs and e-mail addresses pass\n"
    "through.\n"
    "\n"
    "  -t, --to SCHEME      target scheme (default latin2021)\n"
    "  -f, --from SCHEME    source scheme, or auto (default): each word's script is\n"
    "                       detected, and for Latin the alphabet (2021, 2018,\n"
    "                       2017 or mediawiki)\n"
    "  --format FORMAT      text (default) or jsonl: one JSON object per input line,\n"
    "                       {\"offset\": BYTE, \"text\": ..., \"spans\": [[src_start,\n"
    "                       src_end, dst_start, dst_end], ...]} with byte offsets\n"
    "                       into the input line and the output text; with --from\n"
    "                       auto also \"alphabet\" (what detect names the line: a\n"
    "                       Latin alphabet, cyrillic, arabic, or null for a foreign\n"
    "                       line) and \"unconverted\": [[start, end, reason], ...],\n"
    "                       the Latin words left as they are (non-Latin targets),\n"
    "                       reason \"foreign\", \"url\", \"code\" or \"markup\"\n"
    "  --invalid POLICY     strict (default): stop at invalid UTF-8 with FILE:OFFSET;\n"
    "                       replace: each ill-formed subsequence becomes U+FFFD\n"
    "  --hamza CHAR         Arabic target: the front-vowel hamza, u0674 (default,\n"
    "                       MediaWiki) or u0621 (people.com.cn, ts.cn, CLDR)\n"
    "  --patronymic-apart   Arabic target: ұлы / қызы as a word of their own\n"
    "                       (Ахметұлы -> احمەت ۇلى), as Xinjiang print writes them\n"
    "  -o, --output FILE    write here instead of standard output\n"
    "  -h, --help           this help\n"
    "\n"
    "Exit status: 0 ok, 1 invalid input or I/O error, 2 usage error.\n";

typedef struct job {
  kztext_scheme from, to;
  unsigned flags;
  int jsonl;
  FILE *out;
  const char *name;
  kztext_transliterator *tl; /* keeps converted words from chunk to chunk; NULL: none */
} job;

static int report(job *j, kztext_status st, uint64_t base, size_t bad) {
  if (st == KZTEXT_E_INVALID_UTF8) {
    fprintf(stderr, "kztext: %s:%llu: invalid UTF-8\n", j->name, (unsigned long long)(base + bad));
    return CLI_FAIL;
  }
  return cli_error("%s: %s", j->name, kztext_strerror(st));
}

static int emit_text(job *j, const char *src, size_t len, uint64_t base) {
  char *out = NULL;
  size_t n = 0, bad = 0;
  kztext_status st =
      j->tl ? kztext_transliterator_run_alloc(j->tl, src, len, j->from, j->to, j->flags, &out, &n,
                                              &bad)
            : kztext_translit_alloc(src, len, j->from, j->to, j->flags, &out, &n, &bad);
  if (st) return report(j, st, base, bad);
  int rc = cli_write(j->out, out, n);
  kztext_free(out);
  return rc;
}

static int is_space(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }

/* The end of the HTML tag (<b>, <a href="...">), character reference
 * (&quot;) or wiki template name ({{PLURAL:$1) at src[i] that ends before b,
 * or i: such markup passes through whole (docs/transliteration.md). */
static size_t markup_end(const char *src, size_t i, size_t b) {
  size_t e = i + 1;
  if (src[i] == '{') { /* up to | }} or {{ */
    if (e >= b || src[e] != '{') return i;
    while (++e < b && !strchr("|{}", src[e]))
      ;
    return e > i + 2 ? e : i;
  }
  if (src[i] == '<') {
    while (e < b && src[e] != '>' && src[e] != '<')
      e++;
    return e < b && src[e] == '>' && e > i + 1 ? e + 1 : i;
  }
  if (src[i] != '&') return i;
  while (e < b && (((src[e] | 0x20) >= 'a' && (src[e] | 0x20) <= 'z') ||
                   (src[e] >= '0' && src[e] <= '9') || src[e] == '#'))
    e++;
  return e < b && src[e] == ';' && e > i + 2 ? e + 1 : i;
}

static int latin_byte(unsigned char c) {
  return ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || (c >= 0xC3 && c <= 0xC9);
}

/* Why a word of letters was left as it is: an address (a site's name: a dot
 * between letters), a piece of code (a digit, an underscore, a capital after
 * a small letter), else a foreign word. */
static const char *unconverted_reason(const char *w, size_t n) {
  int lower = 0;
  if (n >= 4 && !strncmp(w, "www.", 4)) return "url";
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)w[i];
    if (c == '@' || (c == ':' && i + 2 < n && w[i + 1] == '/' && w[i + 2] == '/')) return "url";
    if (c == '.' && i > 0 && i + 1 < n && latin_byte((unsigned char)w[i - 1]) &&
        latin_byte((unsigned char)w[i + 1]))
      return "url";
  }
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)w[i];
    if ((c >= '0' && c <= '9') || c == '_' || (lower && c >= 'A' && c <= 'Z')) return "code";
    lower = c >= 'a' && c <= 'z';
  }
  return "foreign";
}

/* --from auto: the alphabet the line was read in (as kztext detect names it)
 * and the Latin words the conversion left unchanged, with the reason. */
static void report_auto(job *j, const char *src, size_t len, const kztext_alignment *sp, size_t ns,
                        const char *out) {
  kztext_detect_result r;
  memset(&r, 0, sizeof r);
  r.size = sizeof r;
  const char *alpha = NULL;
  if (kztext_detect(src, len, KZTEXT_DETECT_NO_MIXED | KZTEXT_INVALID_REPLACE, &r, NULL) ==
      KZTEXT_OK) {
    if (r.script == KZTEXT_SCRIPT_CYRL)
      alpha = "cyrillic";
    else if (r.script == KZTEXT_SCRIPT_ARAB)
      alpha = "arabic";
    else if (r.script == KZTEXT_SCRIPT_LATN && r.lang == KZTEXT_LANG_KK)
      alpha = kztext_variant_name(r.variant);
  }
  fputs(", \"alphabet\": ", j->out);
  if (alpha)
    fprintf(j->out, "\"%s\"", alpha);
  else
    fputs("null", j->out);
  fputs(", \"unconverted\": [", j->out);
  int first = 1;
  /* only a non-Latin target shows which Latin words stayed */
  if (j->to == KZTEXT_SCHEME_CYRILLIC || j->to == KZTEXT_SCHEME_ARABIC) {
    for (size_t k = 0; k < ns; k++) {
      size_t a = sp[k].src_start, b = sp[k].src_end;
      if (b - a != sp[k].dst_end - sp[k].dst_start || memcmp(src + a, out + sp[k].dst_start, b - a))
        continue;
      /* the whitespace-separated tokens of an unchanged run that hold Latin letters */
      for (size_t i = a; i < b;) {
        while (i < b && is_space(src[i]))
          i++;
        size_t m = i < b ? markup_end(src, i, b) : i;
        if (m > i) {
          fprintf(j->out, "%s[%zu, %zu, \"markup\"]", first ? "" : ", ", i, m);
          first = 0;
          i = m;
          continue;
        }
        size_t e = i;
        int lat = 0;
        while (e < b && !is_space(src[e]))
          lat |= latin_byte((unsigned char)src[e++]);
        if (lat) {
          size_t w0 = i, w1 = e; /* without the punctuation around it */
          while (w0 < w1 && !latin_byte((unsigned char)src[w0]) && src[w0] != '@')
            w0++;
          while (w1 > w0 && !latin_byte((unsigned char)src[w1 - 1]) &&
                 !((unsigned char)src[w1 - 1] & 0x80) && src[w1 - 1] != '/')
            w1--;
          fprintf(j->out, "%s[%zu, %zu, \"%s\"]", first ? "" : ", ", w0, w1,
                  unconverted_reason(src + w0, w1 - w0));
          first = 0;
        }
        i = e;
      }
    }
  }
  fputs("]", j->out);
}

static int emit_json_line(job *j, const char *src, size_t len, uint64_t base) {
  char *out = NULL;
  kztext_alignment *sp = NULL;
  size_t n = 0, ns = 0, bad = 0;
  kztext_status st =
      kztext_translit_offsets_alloc(src, len, j->from, j->to, j->flags, &out, &n, &sp, &ns, &bad);
  if (st) return report(j, st, base, bad);
  int rc = 0;
  fprintf(j->out, "{\"offset\": %llu, \"text\": ", (unsigned long long)base);
  rc |= json_fwrite(j->out, out, n);
  fputs(", \"spans\": [", j->out);
  for (size_t k = 0; k < ns; k++)
    fprintf(j->out, "%s[%zu, %zu, %zu, %zu]", k ? ", " : "", sp[k].src_start, sp[k].src_end,
            sp[k].dst_start, sp[k].dst_end);
  fputs("]", j->out);
  if (j->from == KZTEXT_SCHEME_AUTO) report_auto(j, src, len, sp, ns, out);
  fputs("}\n", j->out);
  kztext_free(out);
  kztext_free(sp);
  return rc;
}

static size_t on_chunk(void *ctx, const char *buf, size_t len, int eof, int full, uint64_t base) {
  job *j = ctx;
  if (j->jsonl) {
    /* whole lines; a line longer than the buffer limit is cut */
    size_t done = 0;
    while (done < len) {
      const char *nl = memchr(buf + done, '\n', len - done);
      size_t end;
      if (nl)
        end = (size_t)(nl - buf);
      else if (eof || full)
        end = len;
      else
        break;
      if (!nl && full && !eof) /* keep a UTF-8 sequence whole */
        end = done + cli_char_cut(buf + done, len - done);
      size_t line_end = end;
      if (line_end > done && buf[line_end - 1] == '\r') line_end--;
      if ((line_end > done || nl) && emit_json_line(j, buf + done, line_end - done, base + done))
        return (size_t)-1;
      done = nl ? end + 1 : end;
      if (!nl) break;
    }
    return done;
  }
  size_t cut = len;
  if (!eof) {
    /* cut after the last whitespace so no word is split */
    while (cut > 0 && !is_space(buf[cut - 1]))
      cut--;
    if (!cut && full) cut = cli_char_cut(buf, len);
  }
  if (!cut) return 0;
  if (emit_text(j, buf, cut, base)) return (size_t)-1;
  return cut;
}

int cmd_translit(int argc, char **argv) {
  static const struct option opts[] = {{"to", required_argument, 0, 't'},
                                       {"from", required_argument, 0, 'f'},
                                       {"format", required_argument, 0, 'F'},
                                       {"invalid", required_argument, 0, 'i'},
                                       {"output", required_argument, 0, 'o'},
                                       {"hamza", required_argument, 0, 'H'},
                                       {"patronymic-apart", no_argument, 0, 'P'},
                                       {"help", no_argument, 0, 'h'},
                                       {0, 0, 0, 0}};
  job j = {KZTEXT_SCHEME_AUTO, KZTEXT_SCHEME_LATIN2021, 0, 0, NULL, NULL, NULL};
  const char *outpath = NULL;
  int c;
  optind = 1;
  opterr = 0;
  while ((c = getopt_long(argc, argv, ":t:f:o:h", opts, NULL)) != -1) {
    switch (c) {
    case 't':
      if (kztext_scheme_from_name(optarg, &j.to) || j.to == KZTEXT_SCHEME_AUTO)
        return cli_usage_error(usage, "translit", "unknown target scheme '%s'", optarg);
      break;
    case 'f':
      if (kztext_scheme_from_name(optarg, &j.from))
        return cli_usage_error(usage, "translit", "unknown source scheme '%s'", optarg);
      break;
    case 'F':
      if (!strcmp(optarg, "text"))
        j.jsonl = 0;
      else if (!strcmp(optarg, "jsonl"))
        j.jsonl = 1;
      else
        return cli_usage_error(usage, "translit", "unknown format '%s'", optarg);
      break;
    case 'i':
      if (cli_set_policy(optarg, &j.flags))
        return cli_usage_error(usage, "translit", "unknown policy '%s'", optarg);
      break;
    case 'o':
      outpath = optarg;
      break;
    case 'H': /* issue 19 */
      if (!strcmp(optarg, "u0621"))
        j.flags |= KZTEXT_TRANSLIT_ARABIC_HAMZA_0621;
      else if (!strcmp(optarg, "u0674"))
        j.flags &= ~KZTEXT_TRANSLIT_ARABIC_HAMZA_0621;
      else
        return cli_usage_error(usage, "translit", "unknown hamza '%s' (u0674 or u0621)", optarg);
      break;
    case 'P':
      j.flags |= KZTEXT_TRANSLIT_ARABIC_PATRONYMIC_APART;
      break;
    case 'h':
      return cli_help(help);
    case ':':
    default:
      return cli_bad_option(usage, "translit", c, argv);
    }
  }
  j.out = cli_open_output(outpath);
  if (!j.out) return CLI_FAIL;
  int rc = CLI_OK;
  /* chunk by chunk at one long text's speed; none (no memory) only costs speed */
  if (!j.jsonl) (void)kztext_transliterator_new(&j.tl);
  int nfiles = argc - optind;
  for (int k = 0; k < (nfiles ? nfiles : 1) && rc == CLI_OK; k++) {
    const char *path = nfiles ? argv[optind + k] : "-";
    j.name = cli_input_name(path);
    rc = cli_stream(path, &(cli_input){KZTEXT_ENC_UTF8, j.flags & KZTEXT_INVALID_REPLACE}, 1 << 16,
                    1 << 20, on_chunk, &j);
  }
  kztext_transliterator_free(j.tl);
  if (cli_close_output(j.out, outpath) && rc == CLI_OK) rc = CLI_FAIL;
  return rc;
}

/* kztext serve's /v1/translit: the whole text as one input, through the
 * worker's transliterator tl (NULL: none) for text output. */
int translit_mem(FILE *out, const char *s, size_t n, kztext_scheme from, kztext_scheme to,
                 int jsonl, kztext_transliterator *tl) {
  job j = {from, to, 0, jsonl, out, "<request>", jsonl ? NULL : tl};
  return on_chunk(&j, s, n, 1, 0, 0) == (size_t)-1;
}

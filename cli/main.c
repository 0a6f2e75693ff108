/* kztext — command-line client of libkztext.  Dispatches to one file per
 * subcommand (cli/cmd_*.c); shared I/O lives in cli/io.c. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "commands.h"

static const cli_command commands[] = {
    {"process", cmd_process, "news pipeline: decode, normalize, segment, detect, transliterate"},
    {"normalize", cmd_normalize, "Unicode normalization, case folding, repairs"},
    {"sentences", cmd_sentences, "split text into sentences"},
    {"tokens", cmd_tokens, "split text into word tokens"},
    {"detect", cmd_detect, "language (kk, ru, en) and script of lines, sentences, texts"},
    {"translit", cmd_translit, "Kazakh transliteration: Cyrillic, Latin, Arabic, ISO 9, BGN..."},
    {"decode", cmd_decode, "Legacy encodings (KZ-1048, PT154, CP1251...) and mojibake to UTF-8"},
    {"case", cmd_case, "Upper, lower or fold case (Turkic-aware for Kazakh Latin)"},
    {"serve", cmd_serve, "HTTP JSON service and a web page for editors"},
    {"namekey", cmd_namekey, "A key all spellings of a name share, across scripts"},
};

static int usage(FILE *f) {
  fputs("usage: kztext [--version] [--help] COMMAND [OPTIONS] [FILE...]\n\n"
        "Commands:\n",
        f);
  for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
    fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
  fputs("\nEvery command reads UTF-8, or UTF-16 with a byte order mark; decode and\n"
        "process also read the legacy codepages.  Input streams in pieces, so memory\n"
        "stays bounded.\n"
        "\nRun 'kztext COMMAND --help' for a command's options; 'man kztext' for\n"
        "the reference.\n",
        f);
  return f == stdout ? CLI_OK : CLI_USAGE;
}

int main(int argc, char **argv) {
  if (argc < 2) return usage(stderr);
  const char *cmd = argv[1];
  if (!strcmp(cmd, "--version") || !strcmp(cmd, "-V")) {
    printf("kztext %s (library %s)\n", KZTEXT_VERSION_STRING, kztext_version_string());
    return CLI_OK;
  }
  if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help")) return usage(stdout);
  for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
    if (!strcmp(cmd, commands[i].name)) {
      int rc = commands[i].run(argc - 1, argv + 1);
      /* cli_stream's own answers (not sure, out of memory) are failures. */
      return rc == CLI_UNSURE || rc == CLI_NOMEM ? CLI_FAIL : rc;
    }
  /* Options come before the command: a leading dash is an option. */
  if (cmd[0] == '-' && cmd[1])
    fprintf(stderr, "kztext: unknown option '%s'\n", cmd);
  else
    fprintf(stderr, "kztext: unknown command '%s'\n", cmd);
  usage(stderr);
  return CLI_USAGE;
}

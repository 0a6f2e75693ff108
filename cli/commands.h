/* The subcommands; each lives in its own cli/cmd_NAME.c. */
#ifndef KZTEXT_CLI_COMMANDS_H
#define KZTEXT_CLI_COMMANDS_H

#include <stdio.h>

#include <kztext.h>

int cmd_process(int argc, char **argv);
int cmd_normalize(int argc, char **argv);
int cmd_sentences(int argc, char **argv);
int cmd_tokens(int argc, char **argv);
/* Shared by sentences and tokens (cli/cmd_sentences.c). */
int cmd_segment_common(int argc, char **argv, int tokens);
int cmd_detect(int argc, char **argv);
int cmd_translit(int argc, char **argv);
int cmd_decode(int argc, char **argv);
int cmd_case(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_namekey(int argc, char **argv);

/* For kztext serve (cli/serve_api.c): a command's core run over one whole
 * text in memory, writing to `out` exactly what the command would write for
 * a file holding that text.  The text must be valid UTF-8.  Each returns 0,
 * or 1 after an error printed to stderr (only out of memory can happen). */
int translit_mem(FILE *out, const char *s, size_t n, kztext_scheme from, kztext_scheme to,
                 int jsonl, kztext_transliterator *tl);
/* by: line, sentence (seg needed), paragraph or text; 2 for another unit. */
int detect_mem(FILE *out, kztext_segmenter *seg, const char *s, size_t n, const char *by);
int segment_mem(FILE *out, kztext_segmenter *seg, const char *s, size_t n, kztext_lang lang,
                unsigned flags, int tokens, int jsonl);
int normalize_mem(FILE *out, const char *s, size_t n, unsigned flags, unsigned repair);
int namekey_mem(FILE *out, const char *s, size_t n);

#endif

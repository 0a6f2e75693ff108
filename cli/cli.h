/* Shared helpers of the kztext program.  The CLI uses only the public
 * header <kztext.h>; everything here is argv handling and I/O.
 *
 * Exit codes of every command: 0 success, 1 a processing error (invalid
 * input, I/O failure), 2 a usage error. */
#ifndef KZTEXT_CLI_H
#define KZTEXT_CLI_H

#include <stdint.h>
#include <stdio.h>

#include <kztext.h>

enum { CLI_OK = 0, CLI_FAIL = 1, CLI_USAGE = 2 };
/* cli_stream's answer when auto detection is not sure (reported already);
 * never an exit status: commands exit 1 for it. */
enum { CLI_UNSURE = 4 };
/* cli_stream's answer when memory ran out (reported already): the run
 * cannot go on, unlike after one unreadable file. */
enum { CLI_NOMEM = 5 };

/* One subcommand: `run` gets argv with argv[0] = the command name. */
typedef struct cli_command {
  const char *name;
  int (*run)(int argc, char **argv);
  const char *summary;
} cli_command;

/* Prints "kztext CMD: message" and the usage line to stderr; returns 2. */
int cli_usage_error(const char *usage, const char *cmd, const char *fmt, ...);
/* getopt_long's ':' (a missing value) or '?' (an unknown option) for the
 * option before optind, as cli_usage_error; returns 2. */
int cli_bad_option(const char *usage, const char *cmd, int c, char *const argv[]);
/* Prints "kztext: message" to stderr; returns 1. */
int cli_error(const char *fmt, ...);
/* Prints usage text for --help to stdout; returns 0. */
int cli_help(const char *text);

/* Sets the invalid-input policy bits of *flags from "strict" or "replace"
 * (the --invalid option of every command); returns -1 for anything else. */
int cli_set_policy(const char *arg, unsigned *flags);

/* Reads the --lang option of the segmenting commands: "auto", "kk", "ru"
 * or "en"; returns -1 for anything else. */
int cli_set_lang(const char *arg, kztext_lang *lang);

/* Opens -o FILE (or stdout for NULL or "-"). Returns NULL after printing an
 * error. */
FILE *cli_open_output(const char *path);
/* Flushes and closes (unless stdout); returns 0, or 1 after printing an
 * error, so a full disk is never silent. */
int cli_close_output(FILE *out, const char *path);
/* Writes n bytes; returns 0 or 1 (error printed once by cli_close_output). */
int cli_write(FILE *out, const void *p, size_t n);

/* Reads a whole file ("-" or NULL = stdin) into a malloc'd buffer.
 * Returns 0, or 1 after printing "kztext: PATH: reason". */
int cli_read_all(const char *path, char **data, size_t *len);

/* How cli_stream reads a file: `from` is KZTEXT_ENC_UTF8 (UTF-8, except
 * that a UTF-16 byte order mark switches to UTF-16), KZTEXT_ENC_AUTO (a BOM,
 * else detection on the first 256 KiB, refusing a guess that is not sure
 * with FILE:OFFSET and the two best guesses), or a named encoding.  Input
 * that is not UTF-8 is decoded to UTF-8 in pieces (`flags`: the invalid
 * policy; strict stops at FILE:OFFSET of the undecodable byte). */
typedef struct cli_input {
  kztext_encoding from;
  unsigned flags;
} cli_input;

/* Reports that auto detection is not sure of a file's encoding:
 * "kztext: NAME:OFFSET: cannot tell the encoding (best guesses: A, B)...". */
void cli_report_unsure(const char *name, const kztext_encoding_report *r);

/* Streams a file in chunks.  `fn` receives the bytes not yet consumed,
 * `eof` set on the last call, and `base` = the offset of buf[0] in the
 * stream (the file offset for UTF-8 and raw input); it returns how many
 * bytes it consumed (all of them when eof) or (size_t)-1 to stop with an
 * error it has already reported.  Unconsumed bytes are kept and more input
 * appended; the buffer grows up to `max_buffer`, after which fn is called
 * with `full` set and must consume something.  `in` NULL passes the bytes
 * as they are (decode does its own decoding); else they arrive as UTF-8.
 * Returns 0, CLI_UNSURE when auto detection refused to guess, CLI_NOMEM
 * when memory ran out, or 1 on a read or decoding error or when fn
 * stopped. */
typedef size_t (*cli_chunk_fn)(void *ctx, const char *buf, size_t len, int eof, int full,
                               uint64_t base);
int cli_stream(const char *path, const cli_input *in, size_t chunk, size_t max_buffer,
               cli_chunk_fn fn, void *ctx);

/* Where a buffer that holds no better cut point may be split: before its
 * last code point (which may be incomplete), or at len if that is at 0.
 * Streaming commands use it when a line or sequence outgrows the buffer. */
size_t cli_char_cut(const char *buf, size_t len);

/* Display name of an input path ("-" and NULL are "<stdin>"). */
const char *cli_input_name(const char *path);

#endif

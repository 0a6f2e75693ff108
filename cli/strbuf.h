/* A growable byte buffer for formatting output records without stdio's
 * per-call cost: the process command formats a whole job, then writes it
 * with one fwrite. */
#ifndef KZTEXT_CLI_STRBUF_H
#define KZTEXT_CLI_STRBUF_H

#include <stddef.h>
#include <stdio.h>

typedef struct strbuf {
  char *data;
  size_t len, cap;
  int oom;
} strbuf;

void sb_put(strbuf *b, const char *s, size_t n);
void sb_puts(strbuf *b, const char *s);
void sb_putc(strbuf *b, char c);
void sb_u64(strbuf *b, unsigned long long v);
/* v with three decimals, as printf's %.3f for 0 <= v < 1e15 (else 0.000). */
void sb_fixed3(strbuf *b, double v);
/* A JSON string literal: quotes, \" \\ and control characters escaped. */
void sb_json(strbuf *b, const char *s, size_t n);
/* The same JSON string literal written straight to a stream: it allocates
 * nothing, so it cannot fail for want of memory.  Returns 0, or 1 on a
 * write error (which ferror(out) also shows). */
int json_fwrite(FILE *out, const char *s, size_t n);
/* Text on one line: line breaks and tabs become spaces. */
void sb_oneline(strbuf *b, const char *s, size_t n);

#endif

/* kztext serve: the HTTP layer (cli/cmd_serve.c: libmicrohttpd, limits,
 * workers, logging) and the API layer (cli/serve_api.c: routes, JSON
 * requests, library calls, JSON answers) meet here.  The API layer knows
 * nothing of HTTP connections; the HTTP layer nothing of kztext. */
#ifndef KZTEXT_CLI_SERVE_H
#define KZTEXT_CLI_SERVE_H

#include <stddef.h>
#include <stdint.h>

#include <kztext.h>

#include "strbuf.h"

/* What a worker slot keeps between requests (one thread at a time). */
typedef struct serve_worker {
  kztext_segmenter *seg;     /* made on first use */
  kztext_transliterator *tl; /* converted words kept from request to request, made on first
                                use; NULL: none (out of memory), which only costs speed */
} serve_worker;

/* A route: method GET (HEAD too) or POST; body is "json" (a JSON object,
 * UTF-8), "bytes" (anything) or NULL (no body). */
typedef struct serve_route {
  const char *path, *method, *body;
  int id;
} serve_route;

/* The route for a path, or NULL (404). */
const serve_route *serve_find_route(const char *path);

/* A /v1/process answer produced piece by piece while it is sent. */
typedef struct serve_stream serve_stream;

typedef struct serve_reply {
  int http;         /* status code */
  const char *type; /* Content-Type */
  strbuf body;
  serve_stream *stream; /* when set, the body comes from serve_stream_read after body */
} serve_reply;

/* Looks up a query argument (decode's options); NULL when absent. */
typedef const char *(*serve_arg_fn)(void *ctx, const char *name);

/* Answers one request whose route and body checks passed.  `rid` is the
 * request id (put into error bodies). */
void serve_answer(const serve_route *route, const char *body, size_t len, serve_arg_fn arg,
                  void *arg_ctx, serve_worker *w, const char *rid, serve_reply *r);

/* An error answer: {"error": {"status", "message"[, "offset"]}, "request_id"}.
 * `status` is a C API status name (KZTEXT_E_...) or, for what the library
 * has no status for, a lower-case HTTP reason ("not_found", "busy"...).
 * offset < 0: none. */
void serve_error(serve_reply *r, int http, const char *status, const char *message,
                 long long offset, const char *rid);

/* Fills buf with up to max bytes of the streamed body; returns the count,
 * 0 at the end, or -1 after an error (the stream then ends with an error
 * record). */
long serve_stream_read(serve_stream *s, char *buf, size_t max);
void serve_stream_free(serve_stream *s);

/* The page at / (generated from cli/web/index.html at build time). */
extern const unsigned char serve_page[];
extern const size_t serve_page_len;

#endif

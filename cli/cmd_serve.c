/* kztext serve: an HTTP JSON service over libkztext (libmicrohttpd).
 *
 * libmicrohttpd runs a thread per connection (at most `conns` of them); a
 * request that needs the library takes one of N worker slots, or waits in a
 * queue of at most Q, or gets 503 with Retry-After.  Bodies are held in
 * memory up to --max-body, headers up to 64 KiB, and a request that takes
 * longer than --timeout to arrive is cut off.  Requests never reach the file
 * system.  SIGTERM (or SIGINT) stops accepting, lets the requests in flight
 * finish, then exits.  The routes and answers are in cli/serve_api.c. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <getopt.h>
#include <netdb.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include <microhttpd.h>

#include "cli.h"
#include "commands.h"
#include "serve.h"

static const char usage[] =
    "usage: kztext serve [--host ADDR] [--port N] [-j N] [--queue N] [--max-body MB]\n"
    "                    [--timeout SEC] [--cors ORIGIN]\n";

static const char help[] =
    "usage: kztext serve [OPTIONS]\n"
    "\n"
    "Runs an HTTP service: a JSON API (POST /v1/translit, /v1/process, /v1/detect,\n"
    "/v1/normalize, /v1/sentences, /v1/decode, /v1/namekey; GET /v1/health,\n"
    "/v1/schemes) and a web page at / for converting text in the browser.\n"
    "docs/serve.md describes every endpoint.  One access-log line per request\n"
    "goes to standard error.\n"
    "\n"
    "  --host ADDR        address to listen on (default 127.0.0.1; :: or 0.0.0.0\n"
    "                     for every interface)\n"
    "  --port N           TCP port (default 8080; 0 picks a free one, printed)\n"
    "  -j, --jobs N       worker threads running the library (default: CPUs, at\n"
    "                     most 16)\n"
    "  --queue N          requests that may wait for a worker (default 8 per\n"
    "                     worker, at least 64); beyond it: 503 with Retry-After\n"
    "  --max-body MB      largest request body in MiB (default 8); larger: 413\n"
    "  --timeout SEC      a request must arrive, and a connection may idle, at\n"
    "                     most SEC seconds (default 30)\n"
    "  --cors ORIGIN      allow cross-origin requests from ORIGIN (default: none)\n"
    "  -h, --help         this help\n"
    "\n"
    "SIGTERM or SIGINT stops accepting connections, finishes the requests in\n"
    "flight, and exits 0.  Exit status: 1 cannot listen, 2 usage error.\n";

typedef struct server {
  size_t max_body;
  unsigned timeout;
  const char *cors;
  pthread_mutex_t mu;
  pthread_cond_t cv;
  int jobs, queue, busy, waiting;
  serve_worker *workers;
  int *idle, n_idle; /* free worker slots */
  int active;        /* requests begun and not completed */
  unsigned long long next_id;
  unsigned seed;
} server;

typedef struct request {
  server *s;
  const serve_route *route;
  char rid[72], method[12], path[96], client[48];
  struct timespec t0;
  strbuf body;
  size_t bytes_in, bytes_out;
  int too_large, http, slot;
  serve_stream *stream;
} request;

static double since(const struct timespec *t0) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)(t.tv_sec - t0->tv_sec) + (t.tv_nsec - t0->tv_nsec) * 1e-9;
}

/* ---- worker slots ---- */

/* A free slot's index, waiting up to the timeout; -1 when the queue is full
 * or the wait too long (the caller answers 503). */
static int slot_take(server *s) {
  int k = -1;
  pthread_mutex_lock(&s->mu);
  if (s->n_idle || s->waiting < s->queue) {
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += s->timeout;
    s->waiting++;
    int rc = 0;
    while (!s->n_idle && rc != ETIMEDOUT)
      rc = pthread_cond_timedwait(&s->cv, &s->mu, &until);
    s->waiting--;
    if (s->n_idle) k = s->idle[--s->n_idle];
  }
  pthread_mutex_unlock(&s->mu);
  return k;
}

static void slot_give(server *s, int k) {
  if (k < 0) return;
  pthread_mutex_lock(&s->mu);
  s->idle[s->n_idle++] = k;
  pthread_cond_signal(&s->cv);
  pthread_mutex_unlock(&s->mu);
}

/* ---- answers ---- */

static enum MHD_Result send_reply(request *q, struct MHD_Connection *c, serve_reply *r);

static ssize_t stream_read(void *cls, uint64_t pos, char *buf, size_t max) {
  request *q = cls;
  (void)pos;
  long n = serve_stream_read(q->stream, buf, max);
  if (n > 0) q->bytes_out += (size_t)n;
  return n > 0    ? (ssize_t)n
         : n == 0 ? MHD_CONTENT_READER_END_OF_STREAM
                  : MHD_CONTENT_READER_END_WITH_ERROR;
}

static enum MHD_Result send_reply(request *q, struct MHD_Connection *c, serve_reply *r) {
  struct MHD_Response *resp;
  if (r->stream) {
    q->stream = r->stream;
    resp = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 32 << 10, stream_read, q, NULL);
  } else {
    q->bytes_out = r->body.len;
    resp = MHD_create_response_from_buffer(r->body.len, r->body.data ? r->body.data : (void *)"",
                                           r->body.data ? MHD_RESPMEM_MUST_FREE
                                                        : MHD_RESPMEM_PERSISTENT);
    if (resp) r->body.data = NULL; /* the response frees it */
  }
  free(r->body.data);
  if (!resp) return MHD_NO;
  q->http = r->http;
  MHD_add_response_header(resp, "Content-Type", r->type ? r->type : "application/json");
  MHD_add_response_header(resp, "X-Request-Id", q->rid);
  MHD_add_response_header(resp, "Cache-Control", "no-store");
  MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
  if (q->route && q->route->path[1] == 0) /* the page: nothing from elsewhere */
    MHD_add_response_header(resp, "Content-Security-Policy",
                            "default-src 'none'; script-src 'unsafe-inline'; style-src "
                            "'unsafe-inline'; connect-src 'self'; img-src data:");
  if (r->http == 503) MHD_add_response_header(resp, "Retry-After", "1");
  if (r->http == 405)
    MHD_add_response_header(resp, "Allow", !strcmp(q->route->method, "GET") ? "GET, HEAD" : "POST");
  if (q->s->cors) {
    MHD_add_response_header(resp, "Access-Control-Allow-Origin", q->s->cors);
    MHD_add_response_header(resp, "Vary", "Origin");
    MHD_add_response_header(resp, "Access-Control-Expose-Headers", "X-Request-Id");
  }
  enum MHD_Result ok = MHD_queue_response(c, (unsigned)r->http, resp);
  MHD_destroy_response(resp);
  return ok;
}

static enum MHD_Result send_error(request *q, struct MHD_Connection *c, int http,
                                  const char *status, const char *msg) {
  serve_reply r = {0};
  serve_error(&r, http, status, msg, -1, q->rid);
  if (r.body.oom) {
    free(r.body.data);
    return MHD_NO;
  }
  return send_reply(q, c, &r);
}

static const char *query_arg(void *ctx, const char *name) {
  return MHD_lookup_connection_value(ctx, MHD_GET_ARGUMENT_KIND, name);
}

/* ---- requests ---- */

/* A client's X-Request-Id is kept when it is short and plain; else one is
 * made: a per-run prefix and a counter. */
static void set_rid(request *q, struct MHD_Connection *c) {
  const char *v = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-Request-Id");
  size_t n = v ? strlen(v) : 0;
  int plain = n > 0 && n <= 64;
  for (size_t i = 0; plain && i < n; i++)
    plain = (v[i] >= 'a' && v[i] <= 'z') || (v[i] >= 'A' && v[i] <= 'Z') ||
            (v[i] >= '0' && v[i] <= '9') || v[i] == '-' || v[i] == '_' || v[i] == '.';
  if (plain) {
    memcpy(q->rid, v, n + 1);
    return;
  }
  pthread_mutex_lock(&q->s->mu);
  unsigned long long id = ++q->s->next_id;
  pthread_mutex_unlock(&q->s->mu);
  snprintf(q->rid, sizeof q->rid, "%08x-%llu", q->s->seed, id);
}

/* Copies s into dst for the log: printable ASCII only, cut to fit. */
static void log_copy(char *dst, size_t cap, const char *s) {
  size_t i = 0;
  for (; s && s[i] && i + 1 < cap; i++)
    dst[i] = s[i] > 0x20 && s[i] < 0x7f ? s[i] : '?';
  dst[i] = 0;
}

static request *begin(server *s, struct MHD_Connection *c, const char *url, const char *method) {
  request *q = calloc(1, sizeof *q);
  if (!q) return NULL;
  q->s = s;
  q->slot = -1;
  q->http = 0; /* until an answer is queued */
  clock_gettime(CLOCK_MONOTONIC, &q->t0);
  log_copy(q->method, sizeof q->method, method);
  log_copy(q->path, sizeof q->path, url);
  strcpy(q->client, "-");
  const union MHD_ConnectionInfo *ci =
      MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
  if (ci && ci->client_addr)
    getnameinfo(ci->client_addr,
                ci->client_addr->sa_family == AF_INET6 ? sizeof(struct sockaddr_in6)
                                                       : sizeof(struct sockaddr_in),
                q->client, sizeof q->client, NULL, 0, NI_NUMERICHOST);
  set_rid(q, c);
  pthread_mutex_lock(&s->mu);
  s->active++;
  pthread_mutex_unlock(&s->mu);
  return q;
}

/* "application/json", any case, with or without parameters. */
static int is_json_type(const char *ct) {
  if (!ct) return 0;
  while (*ct == ' ')
    ct++;
  size_t n = strlen("application/json");
  return !strncasecmp(ct, "application/json", n) && (ct[n] == 0 || ct[n] == ';' || ct[n] == ' ');
}

/* The first call, with the headers: route, method, type and size checks. */
static enum MHD_Result on_headers(request *q, struct MHD_Connection *c, const char *method) {
  server *s = q->s;
  int get = !strcmp(method, "GET") || !strcmp(method, "HEAD");
  if (s->cors && !strcmp(method, "OPTIONS") && q->route) { /* a CORS preflight */
    struct MHD_Response *resp =
        MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
    if (!resp) return MHD_NO;
    MHD_add_response_header(resp, "Access-Control-Allow-Origin", s->cors);
    MHD_add_response_header(resp, "Access-Control-Allow-Methods", "GET, HEAD, POST, OPTIONS");
    MHD_add_response_header(resp, "Access-Control-Allow-Headers", "Content-Type, X-Request-Id");
    MHD_add_response_header(resp, "Access-Control-Max-Age", "600");
    MHD_add_response_header(resp, "X-Request-Id", q->rid);
    q->http = 204;
    enum MHD_Result ok = MHD_queue_response(c, 204, resp);
    MHD_destroy_response(resp);
    return ok;
  }
  if (!q->route) return send_error(q, c, 404, "not_found", "no such endpoint");
  if (!strcmp(q->route->method, "GET") ? !get : strcmp(method, "POST"))
    return send_error(q, c, 405, "method_not_allowed", "method not allowed here");
  if (get) {
    serve_reply r = {0};
    serve_answer(q->route, "", 0, query_arg, c, NULL, q->rid, &r);
    return send_reply(q, c, &r);
  }
  if (!strcmp(q->route->body, "json") &&
      !is_json_type(MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Type")))
    return send_error(q, c, 415, "unsupported_media_type",
                      "the body must be JSON (Content-Type: application/json)");
  const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
  if (cl && strtoull(cl, NULL, 10) > s->max_body)
    return send_error(q, c, 413, "KZTEXT_E_TOO_LARGE", "the request body is over --max-body");
  return MHD_YES;
}

/* The last call, with the whole body: a worker slot runs the request. */
static enum MHD_Result on_body(request *q, struct MHD_Connection *c) {
  server *s = q->s;
  if (q->too_large)
    return send_error(q, c, 413, "KZTEXT_E_TOO_LARGE", "the request body is over --max-body");
  if (q->body.oom) return send_error(q, c, 503, "busy", "out of memory for the body");
  q->slot = slot_take(s);
  if (q->slot < 0) return send_error(q, c, 503, "busy", "every worker is busy; retry later");
  serve_reply r = {0};
  serve_answer(q->route, q->body.data ? q->body.data : "", q->body.len, query_arg, c,
               &s->workers[q->slot], q->rid, &r);
  free(q->body.data);
  q->body.data = NULL;
  if (!r.stream) { /* a streamed answer keeps its slot until it is sent */
    slot_give(s, q->slot);
    q->slot = -1;
  }
  if (r.body.oom) {
    free(r.body.data);
    serve_stream_free(r.stream);
    return send_error(q, c, 503, "busy", "out of memory");
  }
  return send_reply(q, c, &r);
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *c, const char *url,
                              const char *method, const char *version, const char *upload,
                              size_t *upload_size, void **con_cls) {
  server *s = cls;
  request *q = *con_cls;
  (void)version;
  if (!q) {
    q = begin(s, c, url, method);
    if (!q) return MHD_NO;
    *con_cls = q;
    q->route = serve_find_route(url);
    return on_headers(q, c, method);
  }
  if (*upload_size) {
    size_t n = *upload_size;
    *upload_size = 0;
    q->bytes_in += n;
    if (since(&q->t0) > s->timeout) { /* a body dripping in: cut it off */
      q->http = 408;
      return MHD_NO;
    }
    if (!q->too_large && q->body.len + n > s->max_body) {
      q->too_large = 1; /* the rest is read and dropped, then 413 */
      free(q->body.data);
      memset(&q->body, 0, sizeof q->body);
    }
    if (!q->too_large) sb_put(&q->body, upload, n);
    return MHD_YES;
  }
  return on_body(q, c);
}

static void completed(void *cls, struct MHD_Connection *c, void **con_cls,
                      enum MHD_RequestTerminationCode toe) {
  server *s = cls;
  request *q = *con_cls;
  (void)c;
  if (!q) return;
  *con_cls = NULL;
  /* A request cut off before its answer was all sent: 408 by the timeout
   * (set in handle() for a dripping body), else 499, the client went away.
   * An error answer keeps its code. */
  if (toe == MHD_REQUEST_TERMINATED_TIMEOUT_REACHED)
    q->http = 408;
  else if (toe != MHD_REQUEST_TERMINATED_COMPLETED_OK && q->http < 400)
    q->http = 499;
  time_t now = time(NULL);
  struct tm tm;
  char ts[32];
  gmtime_r(&now, &tm);
  strftime(ts, sizeof ts, "%Y-%m-%dT%H:%M:%SZ", &tm);
  /* one fprintf: stdio's lock keeps the line whole */
  fprintf(stderr, "%s %s %s %s %d %zu %zu %.1fms %s\n", ts, q->client, q->method, q->path, q->http,
          q->bytes_in, q->bytes_out, since(&q->t0) * 1e3, q->rid);
  slot_give(s, q->slot);
  serve_stream_free(q->stream);
  free(q->body.data);
  free(q);
  pthread_mutex_lock(&s->mu);
  s->active--;
  pthread_mutex_unlock(&s->mu);
}

/* ---- the command ---- */

static int parse_uint(const char *v, unsigned long lo, unsigned long hi, unsigned long *out) {
  char *end;
  errno = 0;
  unsigned long x = strtoul(v, &end, 10);
  if (errno || end == v || *end || *v == '-' || x < lo || x > hi) return -1;
  *out = x;
  return 0;
}

int cmd_serve(int argc, char **argv) {
  static const struct option opts[] = {{"host", required_argument, 0, 'H'},
                                       {"port", required_argument, 0, 'p'},
                                       {"jobs", required_argument, 0, 'j'},
                                       {"queue", required_argument, 0, 'Q'},
                                       {"max-body", required_argument, 0, 'm'},
                                       {"timeout", required_argument, 0, 'T'},
                                       {"cors", required_argument, 0, 'C'},
                                       {"help", no_argument, 0, 'h'},
                                       {0, 0, 0, 0}};
  const char *host = "127.0.0.1";
  unsigned long port = 8080, jobs = 0, queue = (unsigned long)-1, body_mb = 8, timeout = 30;
  server s;
  memset(&s, 0, sizeof s);
  int c;
  optind = 1;
  opterr = 0;
  while ((c = getopt_long(argc, argv, ":j:h", opts, NULL)) != -1) {
    switch (c) {
    case 'H':
      host = optarg;
      break;
    case 'p':
      if (parse_uint(optarg, 0, 65535, &port))
        return cli_usage_error(usage, "serve", "bad port '%s'", optarg);
      break;
    case 'j':
      if (parse_uint(optarg, 1, 256, &jobs))
        return cli_usage_error(usage, "serve", "-j needs 1 to 256, not '%s'", optarg);
      break;
    case 'Q':
      if (parse_uint(optarg, 0, 4096, &queue))
        return cli_usage_error(usage, "serve", "--queue needs 0 to 4096, not '%s'", optarg);
      break;
    case 'm':
      if (parse_uint(optarg, 1, 1024, &body_mb))
        return cli_usage_error(usage, "serve", "--max-body needs 1 to 1024 MB, not '%s'", optarg);
      break;
    case 'T':
      if (parse_uint(optarg, 1, 3600, &timeout))
        return cli_usage_error(usage, "serve", "--timeout needs 1 to 3600 s, not '%s'", optarg);
      break;
    case 'C':
      s.cors = optarg;
      break;
    case 'h':
      return cli_help(help);
    case ':':
    default:
      return cli_bad_option(usage, "serve", c, argv);
    }
  }
  if (optind < argc) return cli_usage_error(usage, "serve", "unexpected '%s'", argv[optind]);
  if (!jobs) {
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    jobs = n < 1 ? 1 : n > 16 ? 16 : (unsigned long)n;
  }
  if (queue == (unsigned long)-1) queue = 8 * jobs < 64 ? 64 : 8 * jobs;

  struct addrinfo hints = {.ai_flags = AI_NUMERICHOST | AI_PASSIVE}, *ai = NULL;
  if (getaddrinfo(host, NULL, &hints, &ai) || !ai)
    return cli_usage_error(usage, "serve", "--host needs a numeric address, not '%s'", host);
  struct sockaddr_storage addr;
  memset(&addr, 0, sizeof addr);
  memcpy(&addr, ai->ai_addr, ai->ai_addrlen);
  int v6 = ai->ai_family == AF_INET6;
  freeaddrinfo(ai);
  if (v6)
    ((struct sockaddr_in6 *)&addr)->sin6_port = htons((uint16_t)port);
  else
    ((struct sockaddr_in *)&addr)->sin_port = htons((uint16_t)port);

  s.max_body = (size_t)body_mb << 20;
  s.timeout = (unsigned)timeout;
  s.jobs = (int)jobs;
  s.queue = (int)queue;
  s.seed = (unsigned)time(NULL) ^ ((unsigned)getpid() << 16);
  s.workers = calloc(jobs, sizeof *s.workers);
  s.idle = calloc(jobs, sizeof *s.idle);
  if (!s.workers || !s.idle) {
    free(s.workers);
    free(s.idle);
    return cli_error("out of memory");
  }
  for (int k = 0; k < s.jobs; k++)
    s.idle[s.n_idle++] = k;
  pthread_mutex_init(&s.mu, NULL);
  pthread_cond_init(&s.cv, NULL);

  /* The signals are taken by sigwait below: block them before any thread
   * starts, so every thread inherits the mask. */
  sigset_t sigs;
  sigemptyset(&sigs);
  sigaddset(&sigs, SIGTERM);
  sigaddset(&sigs, SIGINT);
  pthread_sigmask(SIG_BLOCK, &sigs, NULL);
  signal(SIGPIPE, SIG_IGN);

  /* Connections: the workers, the queue, and as many more idle keep-alive
   * ones; a thread each. */
  unsigned conns = (unsigned)(2 * (jobs + queue) + 16);
  unsigned flags = MHD_USE_THREAD_PER_CONNECTION | MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ITC |
                   MHD_USE_POLL | MHD_USE_ERROR_LOG | (v6 ? MHD_USE_IPv6 : 0);
  struct MHD_Daemon *d = MHD_start_daemon(
      flags, (uint16_t)port, NULL, NULL, handle, &s, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
      MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)timeout, MHD_OPTION_CONNECTION_LIMIT, conns,
      MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)64 << 10, MHD_OPTION_NOTIFY_COMPLETED, completed,
      &s, MHD_OPTION_THREAD_STACK_SIZE, (size_t)2 << 20, MHD_OPTION_END);
  int rc = CLI_OK;
  if (!d) {
    rc = cli_error("serve: cannot listen on %s port %lu", host, port);
  } else {
    const union MHD_DaemonInfo *di = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    fprintf(stderr,
            "kztext serve: listening on http://%s%s%s:%u/ (%lu workers, queue %lu, "
            "max body %lu MiB)\n",
            v6 ? "[" : "", host, v6 ? "]" : "", di ? di->port : (unsigned)port, jobs, queue,
            body_mb);
    int sig = 0;
    while (sigwait(&sigs, &sig))
      ;
    pthread_mutex_lock(&s.mu);
    int active = s.active;
    pthread_mutex_unlock(&s.mu);
    fprintf(stderr, "kztext serve: %s: finishing %d request(s)\n", strsignal(sig), active);
    MHD_socket ls = MHD_quiesce_daemon(d);
    if (ls != MHD_INVALID_SOCKET) close(ls);
    /* the requests in flight end within the timeout, or are cut then */
    struct timespec t0, pause = {0, 20 * 1000 * 1000};
    clock_gettime(CLOCK_MONOTONIC, &t0);
    while (active && since(&t0) < timeout + 1.0) {
      nanosleep(&pause, NULL);
      pthread_mutex_lock(&s.mu);
      active = s.active;
      pthread_mutex_unlock(&s.mu);
    }
    MHD_stop_daemon(d);
    fprintf(stderr, "kztext serve: stopped\n");
  }
  for (int k = 0; k < s.jobs; k++) {
    kztext_segmenter_free(s.workers[k].seg);
    kztext_transliterator_free(s.workers[k].tl);
  }
  free(s.workers);
  free(s.idle);
  pthread_mutex_destroy(&s.mu);
  pthread_cond_destroy(&s.cv);
  return rc;
}

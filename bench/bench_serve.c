/* kztext serve under load: POST /v1/translit with 1 KB bodies from 32
 * concurrent keep-alive clients (pthreads, one connection each) for a fixed
 * time; requests per second, p50/p99 latency and the server's peak RSS.  The
 * baseline, in the same run: the CLI on the same 1 KB texts, one
 * `kztext translit` process per text from 32 concurrent callers (what a CMS
 * without the service would do), and its per-text rate.
 *
 *   bench_serve [KZTEXT] [TEXT_FILE] [SECONDS]     ("" for a default)
 *
 * KZTEXT defaults to ../cli/kztext beside this program; TEXT_FILE to the kk
 * corpus in ../shared/data/corpus (skipped with a message when absent). */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdint.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench.h"

extern char **environ;

enum { CLIENTS = 32, TEXTS = 64, BODY = 1024, MAX_SAMPLES = 1 << 20 };

static char *texts[TEXTS];
static size_t text_len[TEXTS];
static char *bodies[TEXTS]; /* whole HTTP requests */
static size_t body_len[TEXTS];
static const char *kztext;
static int port;
static double stop_at;

typedef struct client {
  int id;
  long done, failed;
  double *lat;
  long n_lat;
} client;

/* 1 KB pieces of the text, cut after a space on a character boundary. */
static int cut_texts(const char *data, size_t len) {
  size_t pos = 0;
  for (int k = 0; k < TEXTS; k++) {
    if (pos + BODY >= len) pos = 0;
    if (len < BODY) return 0;
    size_t end = pos + BODY;
    while (end > pos && data[end - 1] != ' ')
      end--;
    if (end == pos) end = pos + BODY;
    while (end > pos && ((unsigned char)data[end] & 0xC0) == 0x80)
      end--;
    texts[k] = strndup(data + pos, end - pos);
    text_len[k] = end - pos;
    pos = end;
  }
  return 1;
}

static void make_requests(void) {
  for (int k = 0; k < TEXTS; k++) {
    size_t cap = text_len[k] * 6 + 256, n = 0;
    char *json = malloc(cap);
    n += (size_t)sprintf(json, "{\"to\": \"latin2021\", \"text\": \"");
    for (size_t i = 0; i < text_len[k]; i++) {
      unsigned char c = (unsigned char)texts[k][i];
      if (c == '"' || c == '\\')
        n += (size_t)sprintf(json + n, "\\%c", c);
      else if (c < 0x20)
        n += (size_t)sprintf(json + n, "\\u%04x", c);
      else
        json[n++] = (char)c;
    }
    n += (size_t)sprintf(json + n, "\"}");
    bodies[k] = malloc(n + 256);
    body_len[k] = (size_t)sprintf(bodies[k],
                                  "POST /v1/translit HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                  "Content-Type: application/json\r\nContent-Length: %zu\r\n\r\n",
                                  n);
    memcpy(bodies[k] + body_len[k], json, n);
    body_len[k] += n;
    free(json);
  }
}

static int connect_server(void) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  int one = 1;
  struct timeval tv = {10, 0}; /* a server that stops answering ends the run */
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  if (connect(fd, (struct sockaddr *)&a, sizeof a)) {
    close(fd);
    return -1;
  }
  return fd;
}

/* One response on a keep-alive connection; returns its status, or -1. */
static int read_response(int fd, char *buf, size_t cap) {
  size_t have = 0;
  char *end = NULL;
  while (!end) {
    ssize_t n = recv(fd, buf + have, cap - 1 - have, 0);
    if (n <= 0) return -1;
    have += (size_t)n;
    buf[have] = 0;
    end = strstr(buf, "\r\n\r\n");
    if (!end && have + 1 >= cap) return -1;
  }
  int status = atoi(buf + 9);
  const char *cl = strcasestr(buf, "Content-Length:");
  size_t body = cl ? strtoul(cl + 15, NULL, 10) : 0;
  size_t need = (size_t)(end + 4 - buf) + body;
  while (have < need) {
    ssize_t n = recv(fd, buf, cap - 1 < need - have ? cap - 1 : need - have, 0);
    if (n <= 0) return -1;
    have += (size_t)n;
  }
  return status;
}

static void *client_main(void *arg) {
  client *c = arg;
  char *buf = malloc(1 << 16);
  int fd = connect_server();
  long k = c->id;
  while (fd >= 0 && bench_now() < stop_at) {
    int t = (int)(k++ % TEXTS);
    double t0 = bench_now();
    if (send(fd, bodies[t], body_len[t], MSG_NOSIGNAL) != (ssize_t)body_len[t]) break;
    int st = read_response(fd, buf, 1 << 16);
    if (st < 0) break;
    if (st != 200) c->failed++;
    c->done++;
    if (c->n_lat < MAX_SAMPLES / CLIENTS) c->lat[c->n_lat++] = bench_now() - t0;
  }
  if (fd >= 0) close(fd);
  free(buf);
  return NULL;
}

/* The CLI baseline: one process per text. */
static void *cli_main(void *arg) {
  client *c = arg;
  long k = c->id;
  char *out = malloc(1 << 16);
  while (bench_now() < stop_at) {
    int t = (int)(k++ % TEXTS), in[2], res[2];
    /* close-on-exec: another thread's child must not hold these open */
    if (pipe2(in, O_CLOEXEC) || pipe2(res, O_CLOEXEC)) break;
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, in[0], 0);
    posix_spawn_file_actions_adddup2(&fa, res[1], 1);
    posix_spawn_file_actions_addclose(&fa, in[1]);
    posix_spawn_file_actions_addclose(&fa, res[0]);
    char *argv[] = {(char *)kztext, "translit", "--to", "latin2021", NULL};
    pid_t pid;
    double t0 = bench_now();
    int rc = posix_spawn(&pid, kztext, &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    close(in[0]);
    close(res[1]);
    if (rc) {
      close(in[1]);
      close(res[0]);
      break;
    }
    if (write(in[1], texts[t], text_len[t]) != (ssize_t)text_len[t]) c->failed++;
    close(in[1]);
    while (read(res[0], out, 1 << 16) > 0)
      ;
    close(res[0]);
    int ws = 0;
    waitpid(pid, &ws, 0);
    if (!WIFEXITED(ws) || WEXITSTATUS(ws)) c->failed++;
    c->done++;
    if (c->n_lat < MAX_SAMPLES / CLIENTS) c->lat[c->n_lat++] = bench_now() - t0;
  }
  free(out);
  return NULL;
}

/* The CLI's own throughput on the same texts: one process over all of
 * them, `rounds` times (1 KB texts per second, single-threaded). */
static double cli_stream_rate(int rounds) {
  char tmpl[] = "/tmp/kztext-bench-serve-in-XXXXXX";
  int fd = mkstemp(tmpl);
  if (fd < 0) return -1;
  size_t total = 0;
  for (int r = 0; r < rounds; r++)
    for (int k = 0; k < TEXTS; k++) {
      if (write(fd, texts[k], text_len[k]) != (ssize_t)text_len[k] || write(fd, "\n", 1) != 1)
        return -1;
      total += text_len[k] + 1;
    }
  lseek(fd, 0, SEEK_SET);
  int devnull = open("/dev/null", O_WRONLY);
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_adddup2(&fa, fd, 0);
  posix_spawn_file_actions_adddup2(&fa, devnull, 1);
  char *argv[] = {(char *)kztext, "translit", "--to", "latin2021", NULL};
  pid_t pid;
  double t0 = bench_now();
  int rc = posix_spawn(&pid, kztext, &fa, NULL, argv, environ);
  int ws = 0;
  if (!rc) waitpid(pid, &ws, 0);
  double el = bench_now() - t0;
  posix_spawn_file_actions_destroy(&fa);
  close(fd);
  close(devnull);
  unlink(tmpl);
  if (rc || !WIFEXITED(ws) || WEXITSTATUS(ws)) return -1;
  double per_s = (double)rounds * TEXTS / el;
  printf("%-26s %8.0f texts/s (%.1f MB/s, one process, one thread)\n", "kztext translit (stream)",
         per_s, total / el / 1e6);
  return per_s;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

/* Runs fn in CLIENTS threads for `secs`; prints and returns requests/s. */
static double run(const char *what, void *(*fn)(void *), double secs) {
  static client cs[CLIENTS];
  pthread_t th[CLIENTS];
  double t0 = bench_now();
  stop_at = t0 + secs;
  for (int i = 0; i < CLIENTS; i++) {
    free(cs[i].lat);
    cs[i] = (client){.id = i * 7, .lat = malloc(sizeof(double) * (MAX_SAMPLES / CLIENTS))};
    pthread_create(&th[i], NULL, fn, &cs[i]);
  }
  long done = 0, failed = 0, n = 0;
  for (int i = 0; i < CLIENTS; i++) {
    pthread_join(th[i], NULL);
    done += cs[i].done;
    failed += cs[i].failed;
    n += cs[i].n_lat;
  }
  double el = bench_now() - t0;
  double *all = malloc(sizeof(double) * (size_t)(n ? n : 1));
  long m = 0;
  for (int i = 0; i < CLIENTS; i++)
    for (long j = 0; j < cs[i].n_lat; j++)
      all[m++] = cs[i].lat[j];
  qsort(all, (size_t)m, sizeof *all, cmp_double);
  double rps = done / el;
  printf("%-26s %8.0f req/s  p50 %7.2f ms  p99 %7.2f ms  (%ld requests, %ld failed)\n", what, rps,
         m ? all[m / 2] * 1e3 : 0, m ? all[(long)(m * 0.99)] * 1e3 : 0, done, failed);
  free(all);
  return failed ? -1 : rps;
}

static long peak_rss_kb(pid_t pid) {
  char path[64], line[256];
  snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
  FILE *f = fopen(path, "r");
  long kb = -1;
  while (f && fgets(line, sizeof line, f))
    if (!strncmp(line, "VmHWM:", 6)) kb = atol(line + 6);
  if (f) fclose(f);
  return kb;
}

int main(int argc, char **argv) {
  static char self[4096], def[4200];
  ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
  self[n > 0 ? n : 0] = 0;
  char *slash = strrchr(self, '/');
  if (slash) *slash = 0;
  snprintf(def, sizeof def, "%s/../cli/kztext", self);
  kztext = argc > 1 && argv[1][0] ? argv[1] : def;
  double secs = argc > 3 ? atof(argv[3]) : 5.0;
  corpus c = {0};
  if (argc > 2 && argv[2][0]) {
    bench_append_file(&c, argv[2]);
  } else if (!bench_load(&c, KZTEXT_SHARED_DATA "/corpus", "kk")) {
    printf("bench_serve: no corpus at %s/corpus/kk; give a TEXT_FILE (e.g. samples/kk_news.txt)\n",
           KZTEXT_SHARED_DATA);
    return 0;
  }
  if (!cut_texts(c.data, c.len)) {
    fprintf(stderr, "bench_serve: the text is under 1 KB\n");
    return 1;
  }
  make_requests();
  setvbuf(stdout, NULL, _IOLBF, 0);

  /* the server, its access log in a temporary file */
  char logpath[] = "/tmp/kztext-bench-serve-XXXXXX";
  int logfd = mkstemp(logpath);
  if (logfd < 0) return 1;
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_adddup2(&fa, logfd, 2);
  char *sargv[] = {(char *)kztext, "serve", "--port", "0", NULL};
  pid_t pid;
  if (posix_spawn(&pid, kztext, &fa, NULL, sargv, environ)) {
    fprintf(stderr, "bench_serve: cannot run %s\n", kztext);
    return 1;
  }
  posix_spawn_file_actions_destroy(&fa);
  for (int i = 0; i < 200 && !port; i++) {
    char head[512] = {0};
    usleep(25000);
    if (pread(logfd, head, sizeof head - 1, 0) > 0) {
      const char *p = strstr(head, "127.0.0.1:");
      if (p) port = atoi(p + 10);
    }
  }
  if (!port) {
    fprintf(stderr, "bench_serve: the server did not start\n");
    kill(pid, SIGKILL);
    return 1;
  }
  printf("kztext serve, POST /v1/translit, %d clients, 1 KB bodies (%d texts), %.0f s each\n",
         CLIENTS, TEXTS, secs);
  run("warm-up", client_main, 1.0);
  double serve_rps = run("kztext serve", client_main, secs);
  long rss = peak_rss_kb(pid);
  kill(pid, SIGTERM);
  int ws = 0;
  waitpid(pid, &ws, 0);
  close(logfd);
  unlink(logpath);
  double cli_rps = run("kztext translit (a process per text)", cli_main, secs);
  double stream = cli_stream_rate(200);
  printf("ratio serve / CLI: %.1fx a process per text; %.2fx one streaming process\n",
         cli_rps > 0 ? serve_rps / cli_rps : 0.0, stream > 0 ? serve_rps / stream : 0.0);
  printf("server peak RSS %.1f MB (gate < 100 MB), exit status after SIGTERM %d\n", rss / 1024.0,
         WIFEXITED(ws) ? WEXITSTATUS(ws) : -1);
  return serve_rps > 0 && cli_rps > 0 && rss < 100 * 1024 ? 0 : 1;
}

/* failmalloc — an allocation-failure injector for kztext's tests
 * (docs/testing.md, "Allocation failures").  Test-only: never installed,
 * never linked into the library or the CLI.
 *
 * Two ways to use it:
 *
 *  - LD_PRELOAD=libfailmalloc.so KZTEXT_FAIL_ALLOC=N program ...
 *    Counts the allocations the program makes from the moment main() is
 *    entered (malloc, calloc, realloc, posix_memalign, aligned_alloc,
 *    memalign, valloc, pvalloc; from any library, ICU and libc included)
 *    and makes exactly the Nth one fail with ENOMEM.  N = 0 injects nothing
 *    and only counts.  When main() returns (or exit() is called), one line
 *    is written to the file named by KZTEXT_FAIL_ALLOC_REPORT:
 *
 *        allocs=A injected=0|1 live=L
 *
 *    A: allocations counted; injected: whether allocation N happened (and
 *    failed); live: blocks allocated since main() and not yet freed (a leak
 *    shows as more live blocks than the run without a failure has).
 *    The stack of the failed allocation is written to the same file name
 *    with ".site" appended; KZTEXT_FAIL_ALLOC_TRACE=1 also prints it on
 *    standard error (for debugging one N by hand).
 *
 *  - Linked into a test program (tests/alloc/api_sweep.c), which drives it
 *    through failmalloc_arm() and failmalloc_state() below.
 *
 * The real allocator is reached through glibc's __libc_* entry points, so
 * no dlsym() bootstrapping is needed. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <execinfo.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "failmalloc.h"

/* Interposed allocator entry points glibc's headers may not declare. */
void *memalign(size_t al, size_t n);
void *pvalloc(size_t n);
size_t malloc_usable_size(void *p);
int __libc_start_main(int (*main)(int, char **, char **), int argc, char **argv, void (*init)(void),
                      void (*fini)(void), void (*rtld_fini)(void), void *stack_end);

extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void *__libc_memalign(size_t, size_t);
extern void __libc_free(void *);

static atomic_long counter; /* allocations counted while armed */
static atomic_long fail_at; /* which one fails; 0: none */
static atomic_int armed;
static atomic_int injected;
static atomic_long live; /* blocks allocated while armed, not yet freed */
static int trace;
static __thread int in_trace __attribute__((tls_model("initial-exec")));

#define FM_MAGIC 0x6b7a66616c6c6f63ull /* "kzfalloc" */

/* Blocks made while armed carry a 16-byte header (so free() knows them and
 * the live count stays exact); blocks made before are passed through. */
typedef struct hdr {
  unsigned long long magic;
  unsigned long long align; /* offset from the real block to the header */
} hdr;

static char site_path[4096];  /* KZTEXT_FAIL_ALLOC_REPORT + ".site" */
static void *site_frames[64]; /* the failed allocation's stack */
static int site_depth;

static int should_fail(void) {
  long n = atomic_fetch_add(&counter, 1) + 1;
  long f = atomic_load(&fail_at);
  if (f == 0 || n != f) return 0;
  atomic_store(&injected, 1);
  {
    /* Where the failure was: the stack of the failing allocation (the
     * sweep uses it to recognise ICU's own leaks).  backtrace() may
     * allocate: in_trace keeps that out of the count and the tracking. */
    in_trace = 1;
    void *frames[64];
    int k = backtrace(frames, 64);
    memcpy(site_frames, frames, (size_t)k * sizeof *frames);
    site_depth = k;
    if (trace) {
      dprintf(2, "failmalloc: failing allocation %ld\n", n);
      backtrace_symbols_fd(frames, k, 2);
    }
    int fd = site_path[0] ? open(site_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644) : -1;
    if (fd >= 0) {
      backtrace_symbols_fd(frames, k, fd);
      close(fd);
    }
    in_trace = 0;
  }
  return 1;
}

static int counting(void) {
  return atomic_load_explicit(&armed, memory_order_relaxed) && !in_trace;
}

static void *wrap(void *raw, size_t off) {
  if (!raw) return NULL;
  hdr *h = (hdr *)((char *)raw + off);
  h->magic = FM_MAGIC;
  h->align = off;
  atomic_fetch_add(&live, 1);
  return h + 1;
}

/* The header of p if p was made while armed, else NULL. */
static hdr *header_of(void *p) {
  if (!p) return NULL;
  hdr *h = (hdr *)p - 1;
  /* Blocks from before arming have glibc's chunk header (size field) here,
   * never the magic. */
  return h->magic == FM_MAGIC ? h : NULL;
}

static void *raw_of(hdr *h) { return (char *)h - h->align; }

void *malloc(size_t n) {
  if (!counting()) return __libc_malloc(n);
  if (should_fail()) {
    errno = ENOMEM;
    return NULL;
  }
  if (n > (size_t)-1 - sizeof(hdr)) {
    errno = ENOMEM;
    return NULL;
  }
  return wrap(__libc_malloc(n + sizeof(hdr)), 0);
}

void *calloc(size_t a, size_t b) {
  if (!counting()) return __libc_calloc(a, b);
  if (should_fail()) {
    errno = ENOMEM;
    return NULL;
  }
  size_t n;
  if (__builtin_mul_overflow(a, b, &n) || n > (size_t)-1 - sizeof(hdr)) {
    errno = ENOMEM;
    return NULL;
  }
  return wrap(__libc_calloc(1, n + sizeof(hdr)), 0);
}

void free(void *p) {
  hdr *h = header_of(p);
  if (!h) {
    __libc_free(p);
    return;
  }
  h->magic = 0;
  atomic_fetch_sub(&live, 1);
  __libc_free(raw_of(h));
}

static size_t usable(void *p) { return malloc_usable_size(p); }

void *realloc(void *p, size_t n) {
  if (!p) return malloc(n);
  hdr *h = header_of(p);
  if (!counting()) {
    if (!h) return __libc_realloc(p, n);
    /* Disarmed again (api_sweep): keep the header discipline. */
  } else if (should_fail()) {
    errno = ENOMEM;
    return NULL;
  }
  if (!h) {
    /* A block from before arming grows into a tracked one. */
    if (!counting()) return __libc_realloc(p, n);
    size_t old = malloc_usable_size(p);
    void *q = wrap(__libc_malloc(n + sizeof(hdr)), 0);
    if (!q) return NULL;
    memcpy(q, p, old < n ? old : n);
    __libc_free(p);
    return q;
  }
  if (h->align == 0) {
    h->magic = 0;
    hdr *nh = __libc_realloc(h, n + sizeof(hdr));
    if (!nh) {
      h->magic = FM_MAGIC;
      return NULL;
    }
    nh->magic = FM_MAGIC;
    return nh + 1;
  }
  /* An aligned block: move it by hand. */
  size_t old = usable(p);
  void *q = wrap(__libc_malloc(n + sizeof(hdr)), 0);
  if (!q) return NULL;
  memcpy(q, p, old < n ? old : n);
  free(p);
  return q;
}

static void *aligned(size_t al, size_t n) {
  if (al < sizeof(hdr)) al = sizeof(hdr);
  if (n > (size_t)-1 - al) return NULL;
  void *raw = __libc_memalign(al, n + al);
  return wrap(raw, al - sizeof(hdr));
}

int posix_memalign(void **out, size_t al, size_t n) {
  if (al < sizeof(void *) || (al & (al - 1))) return EINVAL;
  if (!counting()) {
    void *p = __libc_memalign(al, n);
    if (!p) return ENOMEM;
    *out = p;
    return 0;
  }
  if (should_fail()) return ENOMEM;
  void *p = aligned(al, n);
  if (!p) return ENOMEM;
  *out = p;
  return 0;
}

void *memalign(size_t al, size_t n) {
  if (!counting()) return __libc_memalign(al, n);
  if (should_fail()) {
    errno = ENOMEM;
    return NULL;
  }
  void *p = aligned(al, n);
  if (!p) errno = ENOMEM;
  return p;
}

void *aligned_alloc(size_t al, size_t n) { return memalign(al, n); }

void *valloc(size_t n) { return memalign((size_t)sysconf(_SC_PAGESIZE), n); }

void *pvalloc(size_t n) {
  size_t pg = (size_t)sysconf(_SC_PAGESIZE);
  return memalign(pg, (n + pg - 1) / pg * pg);
}

size_t malloc_usable_size(void *p) {
  static size_t (*real)(void *);
  if (!real) real = (size_t(*)(void *))dlsym(RTLD_NEXT, "malloc_usable_size");
  hdr *h = header_of(p);
  if (!h) return p ? real(p) : 0;
  return real(raw_of(h)) - h->align - sizeof(hdr);
}

/* ---- the control interface (failmalloc.h) ---- */

void failmalloc_arm(long n) {
  atomic_store(&armed, 0);
  atomic_store(&counter, 0);
  atomic_store(&injected, 0);
  site_depth = 0;
  atomic_store(&fail_at, n);
  atomic_store(&armed, 1);
}

void failmalloc_disarm(void) { atomic_store(&armed, 0); }

int failmalloc_site(void **frames, int max) {
  int k = site_depth < max ? site_depth : max;
  memcpy(frames, site_frames, (size_t)k * sizeof *frames);
  return k;
}

void failmalloc_state(long *allocs, int *was_injected, long *live_blocks) {
  if (allocs) *allocs = atomic_load(&counter);
  if (was_injected) *was_injected = atomic_load(&injected);
  if (live_blocks) *live_blocks = atomic_load(&live);
}

/* ---- LD_PRELOAD mode: arm at main(), report when it returns ---- */

static int reported;

static void report(void) {
  if (reported) return;
  reported = 1;
  const char *path = getenv("KZTEXT_FAIL_ALLOC_REPORT");
  if (!path || !*path) return;
  long a, l;
  int inj;
  failmalloc_state(&a, &inj, &l);
  int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return;
  dprintf(fd, "allocs=%ld injected=%d live=%ld\n", a, inj, l);
  close(fd);
}

static int (*real_main)(int, char **, char **);

static int main_hook(int argc, char **argv, char **envp) {
  const char *n = getenv("KZTEXT_FAIL_ALLOC");
  const char *t = getenv("KZTEXT_FAIL_ALLOC_TRACE");
  trace = t && *t == '1';
  const char *r = getenv("KZTEXT_FAIL_ALLOC_REPORT");
  if (r && *r) snprintf(site_path, sizeof site_path, "%s.site", r);
  void *warm[2];
  backtrace(warm, 2); /* loads libgcc_s now, not at the failure */
  atexit(report);     /* exit() called inside main; registered before arming */
  failmalloc_arm(n ? atol(n) : 0);
  int rc = real_main(argc, argv, envp);
  /* Measured here, before exit handlers and stdio teardown run. */
  report();
  return rc;
}

typedef int (*start_main_fn)(int (*)(int, char **, char **), int, char **, void (*)(void),
                             void (*)(void), void (*)(void), void *);

int __libc_start_main(int (*main)(int, char **, char **), int argc, char **argv, void (*init)(void),
                      void (*fini)(void), void (*rtld_fini)(void), void *stack_end) {
  start_main_fn real = (start_main_fn)dlsym(RTLD_NEXT, "__libc_start_main");
  if (getenv("KZTEXT_FAIL_ALLOC")) {
    real_main = main;
    main = main_hook;
  }
  return real(main, argc, argv, init, fini, rtld_fini, stack_end);
}

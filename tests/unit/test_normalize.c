/* Normalization: the shared case file, buffer conventions, chunk
 * boundaries and is_normalized. */
#include <stdlib.h>

#include <kztext.h>

#include "cases.h"
#include "harness.h"

static unsigned parse_flags(const char *opts) {
  unsigned f = 0;
  if (strstr(opts, "nfkc"))
    f |= KZTEXT_NORM_NFKC;
  else if (strstr(opts, "nfkd"))
    f |= KZTEXT_NORM_NFKD;
  else if (strstr(opts, "nfc"))
    f |= KZTEXT_NORM_NFC;
  else if (strstr(opts, "nfd"))
    f |= KZTEXT_NORM_NFD;
  if (strstr(opts, "casefold")) f |= KZTEXT_NORM_CASEFOLD;
  if (strstr(opts, "newlines")) f |= KZTEXT_NORM_NEWLINES;
  if (strstr(opts, "replace")) f |= KZTEXT_INVALID_REPLACE;
  return f;
}

/* Normalizing in two pieces cut at kztext_normalize_boundary() must give the
 * same bytes as normalizing the whole. */
static void check_boundaries(const char *in, size_t len, unsigned flags, const char *want,
                             size_t want_len, const char *id) {
  for (size_t end = 1; end < len; end++) {
    size_t cut = kztext_normalize_boundary(in, end, flags);
    if (!cut) continue;
    CHECK(cut < end, "%s: boundary %zu within %zu", id, cut, end);
    char *a, *b;
    size_t al, bl;
    if (kztext_normalize_alloc(in, cut, flags, &a, &al, NULL) != KZTEXT_OK) continue;
    if (kztext_normalize_alloc(in + cut, len - cut, flags, &b, &bl, NULL) == KZTEXT_OK) {
      CHECK(al + bl == want_len && !memcmp(a, want, al) && !memcmp(b, want + al, bl),
            "%s: split at %zu changes the result", id, cut);
      kztext_free(b);
    }
    kztext_free(a);
  }
}

static void run_case_file(void) {
  size_t n;
  char *data = t_read_file(KZTEXT_CASES_DIR "/normalize.tsv", &n);
  CHECK(data != NULL, "cannot read normalize.tsv");
  if (!data) return;
  char *cur = data, *f[4];
  int rows = 0;
  while (t_next_row(&cur, f, 4)) {
    rows++;
    const char *id = f[0];
    unsigned flags = parse_flags(f[1]);
    size_t in_len = t_unescape(f[2]);
    char *out = NULL;
    size_t out_len = 0, off = 0;
    kztext_status st = kztext_normalize_alloc(f[2], in_len, flags, &out, &out_len, &off);
    if (f[3][0] == '!') {
      long want_off = strtol(strchr(f[3], '@') + 1, NULL, 10);
      CHECK_INT(st, KZTEXT_E_INVALID_UTF8, id);
      CHECK_INT(off, want_off, id);
      continue;
    }
    size_t want_len = t_unescape(f[3]);
    CHECK_INT(st, KZTEXT_OK, id);
    if (st) continue;
    CHECK_MEM(out, out_len, f[3], want_len, id);
    /* Idempotence and is_normalized agree with the result. */
    int normal = -1;
    CHECK_INT(kztext_is_normalized(out, out_len, flags & ~KZTEXT_INVALID_REPLACE, &normal, NULL),
              KZTEXT_OK, id);
    CHECK(normal == 1, "%s: output not reported normalized", id);
    if (!(flags & KZTEXT_INVALID_REPLACE))
      CHECK_INT(kztext_is_normalized(f[2], in_len, flags, &normal, NULL) == KZTEXT_OK &&
                    normal == (out_len == in_len && !memcmp(out, f[2], in_len)),
                1, id);
    /* Caller buffer: size query, then exact fit. */
    size_t need = 0;
    st = kztext_normalize(f[2], in_len, flags, NULL, 0, &need, NULL);
    CHECK_INT(st, out_len ? KZTEXT_E_BUFFER_TOO_SMALL : KZTEXT_OK, id);
    CHECK_INT(need, out_len, id);
    char *buf = malloc(out_len + 1);
    st = kztext_normalize(f[2], in_len, flags, buf, out_len, &need, NULL);
    CHECK_INT(st, KZTEXT_OK, id);
    CHECK_MEM(buf, need, out, out_len, id);
    free(buf);
    if (!(flags & KZTEXT_INVALID_REPLACE)) check_boundaries(f[2], in_len, flags, out, out_len, id);
    kztext_free(out);
  }
  CHECK(rows >= 20, "only %d rows in normalize.tsv", rows);
  free(data);
}

int main(void) {
  run_case_file();
  char *out;
  size_t n;
  CHECK_INT(kztext_normalize_alloc("x", 1, 0x80000000u, &out, &n, NULL), KZTEXT_E_INVALID_FLAGS,
            "unknown flag rejected");
  CHECK_INT(kztext_normalize_alloc("x", 1, KZTEXT_NORM_NFC | KZTEXT_NORM_NFD, &out, &n, NULL),
            KZTEXT_E_INVALID_ARG, "two forms rejected");
  CHECK_INT(kztext_normalize(NULL, 1, KZTEXT_NORM_NFC, NULL, 0, &n, NULL), KZTEXT_E_INVALID_ARG,
            "NULL src with length");
  /* A long run of combining marks after one base: one segment, sorted. */
  {
    size_t len = 1 + 2 * 4000;
    char *s = malloc(len);
    s[0] = 'a';
    for (size_t i = 1; i < len; i += 2) {
      s[i] = (char)0xCC;
      s[i + 1] = (char)(i % 4 ? 0x81 : 0xA3);
    }
    CHECK_INT(kztext_normalize_alloc(s, len, KZTEXT_NORM_NFD, &out, &n, NULL), KZTEXT_OK,
              "long marks");
    CHECK_INT(n, len, "long marks keep length");
    int normal = 0;
    kztext_is_normalized(out, n, KZTEXT_NORM_NFD, &normal, NULL);
    CHECK(normal, "long marks sorted");
    kztext_free(out);
    free(s);
  }
  return t_finish();
}

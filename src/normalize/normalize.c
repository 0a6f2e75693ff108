/* Unicode normalization forms, case folding and newline unification.
 *
 * utf8proc does the actual normalization, but it is ~10x slower than a
 * scan, and nearly all news text is already NFC.  So a quick check (UAX #15
 * §9) runs first: text that passes is copied as is, and only the segments
 * around a problem, from the last safe starter before it to the next safe
 * starter after it, go through utf8proc_map. */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include <kztext.h>

#include "core/buffer.h"
#include "utf8/utf8.h"

#include "gen/normalization_props.inc"

enum {
  NP_NFC_MAYBE = 0x1,
  NP_NFC_NO = 0x2,
  NP_NFKC_MAYBE = 0x4,
  NP_NFKC_NO = 0x8,
  NP_NFD_NO = 0x10,
  NP_NFKD_NO = 0x20,
  NP_CCC = 0x40,
  NP_CWCF = 0x80,
  NP_CWKCF = 0x100
};

#define KNOWN_FLAGS                                                                                \
  (KZTEXT_INVALID_REPLACE | KZTEXT_NORM_FORMS | KZTEXT_NORM_CASEFOLD | KZTEXT_NORM_NEWLINES)

static inline unsigned np_props(uint32_t cp) {
  return kz_np_stage2[kz_np_stage1[cp >> 8]][cp & 0xFF];
}

/* What the scan needs to know about the chosen form. */
typedef struct form {
  unsigned flags;
  unsigned bad;          /* property bits that mean "not normalized / maybe" */
  int order;             /* check canonical order (any form) */
  int fold;              /* case folding: ASCII capitals are not inert */
  utf8proc_option_t opt; /* for utf8proc_map */
} form;

static kztext_status make_form(unsigned flags, form *f) {
  if (flags & ~KNOWN_FLAGS) return KZTEXT_E_INVALID_FLAGS;
  unsigned forms = flags & KZTEXT_NORM_FORMS;
  if (forms & (forms - 1)) return KZTEXT_E_INVALID_ARG;
  if (!forms && (flags & KZTEXT_NORM_CASEFOLD)) forms = KZTEXT_NORM_NFC;
  f->flags = flags;
  f->opt = UTF8PROC_STABLE;
  f->bad = 0;
  f->order = forms != 0;
  f->fold = (flags & KZTEXT_NORM_CASEFOLD) != 0;
  switch (forms) {
  case KZTEXT_NORM_NFC:
    f->bad = NP_NFC_MAYBE | NP_NFC_NO;
    f->opt |= UTF8PROC_COMPOSE;
    break;
  case KZTEXT_NORM_NFD:
    f->bad = NP_NFD_NO;
    f->opt |= UTF8PROC_DECOMPOSE;
    break;
  case KZTEXT_NORM_NFKC:
    f->bad = NP_NFKC_MAYBE | NP_NFKC_NO;
    f->opt |= UTF8PROC_COMPOSE | UTF8PROC_COMPAT;
    break;
  case KZTEXT_NORM_NFKD:
    f->bad = NP_NFKD_NO;
    f->opt |= UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT;
    break;
  default:
    break; /* no form: only newlines and/or U+FFFD repair */
  }
  if (flags & KZTEXT_NORM_CASEFOLD) {
    f->opt |= UTF8PROC_CASEFOLD;
    if (forms == KZTEXT_NORM_NFKC) {
      f->bad |= NP_CWKCF; /* NFKC_Casefold also drops default ignorables */
      f->opt |= UTF8PROC_IGNORE;
    } else {
      f->bad |= NP_CWCF;
    }
  }
  return KZTEXT_OK;
}

/* Output either into a caller buffer (counting what does not fit) or into a
 * growable buffer. */
typedef struct sink {
  char *dst;
  size_t cap, len;
  kz_buf *grow;
} sink;

static void put(sink *o, const void *p, size_t n) {
  if (o->grow) {
    kz_buf_put(o->grow, p, n);
  } else {
    if (n && o->len <= o->cap && n <= o->cap - o->len) memcpy(o->dst + o->len, p, n);
    o->len += n;
  }
}

static inline int is_newline(uint32_t cp) { return cp == 0x85 || cp == 0x2028 || cp == 0x2029; }

/* A "safe starter" begins a segment that normalizes independently of what
 * precedes it. */
static inline int safe_starter(const form *f, unsigned p) { return !(p & (f->bad | NP_CCC)); }

typedef struct scan {
  const unsigned char *s;
  size_t n;
  size_t bad_offset; /* first invalid UTF-8 byte */
} scan;

/* Normalizes s[start, end) with utf8proc; writes the result to o (if any)
 * and sets *changed when it differs from the input. */
static kztext_status run_utf8proc(const form *f, const unsigned char *s, size_t start, size_t end,
                                  sink *o, int *changed) {
  if (!(f->opt & (UTF8PROC_COMPOSE | UTF8PROC_DECOMPOSE))) {
    if (o) put(o, s + start, end - start);
    return KZTEXT_OK;
  }
  utf8proc_uint8_t *out = NULL;
  utf8proc_ssize_t r = utf8proc_map(s + start, (utf8proc_ssize_t)(end - start), &out, f->opt);
  if (r < 0) {
    free(out);
    return r == UTF8PROC_ERROR_NOMEM ? KZTEXT_E_NO_MEMORY : KZTEXT_E_INTERNAL;
  }
  if ((size_t)r != end - start || memcmp(out, s + start, (size_t)r)) *changed = 1;
  if (o) put(o, out, (size_t)r);
  free(out); /* utf8proc 2.8 has no utf8proc_free; it allocates with malloc */
  return KZTEXT_OK;
}

/* The quick-check scan.  With o == NULL it only answers whether the text is
 * normalized (KZTEXT_OK + *changed).  Returns KZTEXT_E_INVALID_UTF8 with
 * sc->bad_offset on ill-formed input. */
static kztext_status normalize_scan(const form *f, scan *sc, sink *o, int *changed) {
  const unsigned char *s = sc->s;
  const size_t n = sc->n;
  const int nl = (f->flags & KZTEXT_NORM_NEWLINES) != 0;
  size_t i = 0, copied = 0, last_safe = 0;
  unsigned prev_ccc = 0;
  *changed = 0;
  /* Plain ASCII may be skipped a word at a time unless CR or capitals
   * matter. */
  const int plain_ascii = !nl && !f->fold;
  const unsigned mask = f->bad | NP_CCC;
  while (i < n) {
    /* Fast loop: ASCII and two-byte sequences (Cyrillic, Latin-1, ...) that
     * are safe starters, which is nearly all news text. */
    size_t start = i;
    while (i < n) {
      unsigned c = s[i];
      if (c < 0x80) {
        if (plain_ascii) {
          i++;
          while (i + 8 <= n) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            if (w & 0x8080808080808080ull) break;
            i += 8;
          }
          while (i < n && s[i] < 0x80)
            i++;
          last_safe = i - 1;
          continue;
        }
        if ((c == '\r' && nl) || (f->fold && c - 'A' < 26u)) break;
        last_safe = i++;
        continue;
      }
      if (c - 0xC2u < 30u && i + 1 < n && (s[i + 1] & 0xC0) == 0x80) {
        uint32_t cp = ((c & 0x1Fu) << 6) | (s[i + 1] & 0x3Fu);
        if (!(np_props(cp) & mask) && cp != 0x85) {
          last_safe = i;
          i += 2;
          continue;
        }
      }
      break;
    }
    if (i > start) prev_ccc = 0;
    if (i >= n) break;
    size_t len = 1, sub;
    uint32_t cp = s[i] < 0x80 ? s[i] : kz_utf8_decode(s + i, n - i, &len, &sub);
    if (!len) {
      sc->bad_offset = i;
      return KZTEXT_E_INVALID_UTF8;
    }
    if (nl && (cp == '\r' || is_newline(cp))) {
      *changed = 1;
      if (!o) return KZTEXT_OK;
      put(o, s + copied, i - copied);
      put(o, "\n", 1);
      i += len;
      if (cp == '\r' && i < n && s[i] == '\n') i++;
      copied = last_safe = i;
      prev_ccc = 0;
      continue;
    }
    unsigned p = np_props(cp);
    unsigned ccc = (p & NP_CCC) ? utf8proc_get_property((utf8proc_int32_t)cp)->combining_class : 0;
    if (!(p & f->bad) && !(f->order && ccc && prev_ccc > ccc)) {
      if (!ccc) last_safe = i;
      prev_ccc = ccc;
      i += len;
      continue;
    }
    /* A problem at i: renormalize from the last safe starter up to the next
     * one.  Every byte of the segment is validated on the way. */
    size_t end = i + len;
    while (end < n) {
      if (s[end] < 0x80) {
        if (!(f->fold && s[end] >= 'A' && s[end] <= 'Z')) break;
        end++;
        continue;
      }
      size_t l2, sub2;
      uint32_t c2 = kz_utf8_decode(s + end, n - end, &l2, &sub2);
      if (!l2) {
        sc->bad_offset = end;
        return KZTEXT_E_INVALID_UTF8;
      }
      if (is_newline(c2) || safe_starter(f, np_props(c2))) break;
      end += l2;
    }
    if (o) put(o, s + copied, last_safe - copied);
    kztext_status st = run_utf8proc(f, s, last_safe, end, o, changed);
    if (st) return st;
    if (!o && *changed) return KZTEXT_OK;
    copied = last_safe = i = end;
    prev_ccc = 0;
  }
  if (o) put(o, s + copied, n - copied);
  return KZTEXT_OK;
}

/* Runs the scan under the caller's invalid-UTF-8 policy: with REPLACE, text
 * that turns out ill-formed is repaired first and scanned again. */
static kztext_status normalize_to(const char *src, size_t len, unsigned flags, sink *o,
                                  int *changed, size_t *error_offset) {
  form f;
  kztext_status st = make_form(flags, &f);
  if (st) return st;
  scan sc = {(const unsigned char *)src, len, 0};
  st = normalize_scan(&f, &sc, o, changed);
  if (st != KZTEXT_E_INVALID_UTF8) return st;
  if (!(flags & KZTEXT_INVALID_REPLACE)) {
    if (error_offset) *error_offset = sc.bad_offset;
    return st;
  }
  char *fixed;
  size_t fixed_len;
  st = kztext_utf8_repair_alloc(src, len, &fixed, &fixed_len, NULL);
  if (st) return st;
  if (o) {
    o->len = 0;
    if (o->grow) o->grow->len = 0;
  }
  scan sc2 = {(const unsigned char *)fixed, fixed_len, 0};
  st = normalize_scan(&f, &sc2, o, changed);
  *changed = 1;
  free(fixed);
  return st;
}

kztext_status kztext_normalize(const char *src, size_t len, unsigned flags, char *dst,
                               size_t dst_cap, size_t *dst_len, size_t *error_offset) {
  if ((!src && len) || (!dst && dst_cap)) return KZTEXT_E_INVALID_ARG;
  sink o = {dst, dst_cap, 0, NULL};
  int changed;
  kztext_status st = normalize_to(src, len, flags, &o, &changed, error_offset);
  if (st) return st;
  if (dst_len) *dst_len = o.len;
  return o.len > dst_cap ? KZTEXT_E_BUFFER_TOO_SMALL : KZTEXT_OK;
}

kztext_status kztext_normalize_alloc(const char *src, size_t len, unsigned flags, char **out,
                                     size_t *out_len, size_t *error_offset) {
  if ((!src && len) || !out) return KZTEXT_E_INVALID_ARG;
  kz_buf b = {0};
  /* Normalized text is rarely longer than its source: reserve that much. */
  kz_buf_reserve(&b, len);
  sink o = {NULL, 0, 0, &b};
  int changed;
  kztext_status st = normalize_to(src, len, flags, &o, &changed, error_offset);
  if (st) {
    free(b.data);
    return st;
  }
  return kz_buf_finish(&b, out, out_len);
}

kztext_status kztext_is_normalized(const char *src, size_t len, unsigned flags, int *is_normal,
                                   size_t *error_offset) {
  if ((!src && len) || !is_normal) return KZTEXT_E_INVALID_ARG;
  int changed = 0;
  kztext_status st =
      normalize_to(src, len, flags & ~KZTEXT_INVALID_REPLACE, NULL, &changed, error_offset);
  if (st) return st;
  *is_normal = !changed;
  return KZTEXT_OK;
}

size_t kztext_normalize_boundary(const char *src, size_t len, unsigned flags) {
  form f;
  if (!src || make_form(flags, &f)) return 0;
  const unsigned char *s = (const unsigned char *)src;
  const int nl = (flags & KZTEXT_NORM_NEWLINES) != 0;
  /* Any ASCII byte starts a safe starter, even amid ill-formed bytes. */
  for (size_t p = len; p-- > 1;)
    if (s[p] < 0x80 && !(nl && s[p] == '\n' && s[p - 1] == '\r')) return p;
  /* No ASCII: the last complete safe starter. */
  size_t best = 0;
  for (size_t i = 0; i < len;) {
    if (s[i] < 0x80) {
      i++;
      continue;
    }
    size_t l, sub;
    uint32_t cp = kz_utf8_decode(s + i, len - i, &l, &sub);
    if (!l) {
      i += sub;
      continue;
    }
    if (i > 0 && safe_starter(&f, np_props(cp))) best = i;
    i += l;
  }
  return best;
}

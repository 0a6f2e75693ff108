/* kztext_repair(): validation, the fixed order of the stages, the report.
 * Each stage first scans for anything to do and returns "no change" without
 * writing, so clean text costs a few scans and one copy. */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include <kztext.h>

#include "core/buffer.h"
#include "repair/repair_internal.h"
#include "repair/repair_names.h"
#include "utf8/utf8.h"

#define KNOWN_FLAGS                                                                                \
  (KZTEXT_INVALID_REPLACE | KZTEXT_REPAIR_ALL | KZTEXT_REPAIR_KEY | KZTEXT_REPAIR_DIGIT_SPACE)

static void fill_report(kztext_repair_report *r, const kz_repair_counts *c) {
  if (!r || r->size < sizeof(size_t)) return;
  kztext_repair_report full;
  memset(&full, 0, sizeof full);
  full.size = r->size;
  full.homoglyphs = c->homoglyphs;
  full.invisible = c->invisible;
  full.spaces = c->spaces;
  full.mojibake = c->mojibake;
  full.key = c->key;
  full.mojibake_source = c->mojibake_source;
  size_t n = r->size < sizeof full ? r->size : sizeof full;
  memcpy(r, &full, n);
}

static int ascii_space(unsigned char b) { return b == ' ' || (b >= '\t' && b <= '\r'); }

/* The scan counts of t[a, b). */
static void counts_of(const char *t, size_t a, size_t b, kz_scan *tmp) {
  kz_repair_scan(t + a, b - a, tmp); /* valid: a and b lie at ASCII bytes */
}

/* Brings the mojibake counts of *sc from the homoglyph stage's input t to
 * its output u without scanning all of u: the counts are sums over the
 * stretches between ASCII white space (an automaton reset and a word
 * break), so only the stretches holding a changed word are scanned again,
 * in t and in u.  Each stretch takes the white space that ends it, which
 * closes its last word. */
static void recount(const char *t, size_t n, const char *u, const kz_change *ch, size_t nch,
                    kz_scan *sc) {
  kz_scan tmp[1];
  for (size_t i = 0; i < nch;) {
    size_t a = ch[i].a;
    while (a > 0 && !ascii_space((unsigned char)t[a - 1]))
      a--;
    size_t na = ch[i].na - (ch[i].a - a);
    size_t b, nb;
    for (;;) {
      b = ch[i].b;
      while (b < n && !ascii_space((unsigned char)t[b]))
        b++;
      if (b < n) b++;
      nb = ch[i].nb + (b - ch[i].b);
      if (++i == nch || ch[i].a >= b) break;
    }
    counts_of(t, a, b, tmp);
    sc->strong -= tmp->strong;
    sc->runs -= tmp->runs;
    sc->longruns -= tmp->longruns;
    sc->mojb -= tmp->mojb;
    counts_of(u, na, nb, tmp);
    sc->strong += tmp->strong;
    sc->runs += tmp->runs;
    sc->longruns += tmp->longruns;
    sc->mojb += tmp->mojb;
  }
}

/* Runs the stages over valid UTF-8 (already scanned into *sc); *res
 * points at the result (src itself when nothing changed, else
 * hold->data). */
static kztext_status run(const char *src, size_t len, unsigned flags, const kz_scan *sc,
                         kz_buf *hold, const char **res, size_t *res_len, kz_repair_counts *c) {
  const char *cur = src;
  size_t cur_len = len;
  kz_scan *fresh = NULL; /* the scan of the text as it is now, once it moved */
  const unsigned moj = KZ_NEED_KZ_MOJIBAKE | KZ_NEED_UTF8_MOJIBAKE;
  kztext_status st = KZTEXT_OK;
  /* Removing an invisible character or changing a homoglyph can join two
   * pieces of mojibake into one the mojibake stage restores, so the stages
   * run again while that happens (bounded): a second call then finds
   * nothing to do. */
  for (int round = 0; round < 4; round++) {
    int late = 0;
    for (int stage = 0; stage < 3; stage++) {
      kz_buf nx = {0};
      int r = 0;
      kz_change *changes = NULL;
      size_t nchanges = 0;
      if (stage == 0 && (flags & KZTEXT_REPAIR_MOJIBAKE) && (sc->needs & moj))
        r = kz_stage_mojibake(cur, cur_len, &nx, c);
      else if (stage == 1 && (flags & (KZTEXT_REPAIR_INVISIBLE | KZTEXT_REPAIR_SPACES)) &&
               (sc->needs & KZ_NEED_CHARS))
        r = kz_stage_chars(cur, cur_len, flags, &nx, c);
      else if (stage == 2 && (flags & KZTEXT_REPAIR_HOMOGLYPHS) && sc->nmixed)
        r = kz_stage_homoglyphs(cur, cur_len, sc, &nx, c, &changes, &nchanges);
      if (r < 0) {
        free(nx.data);
        free(changes);
        st = KZTEXT_E_NO_MEMORY;
        goto done;
      }
      if (r == 0) {
        free(nx.data);
        free(changes);
        continue;
      }
      if (!fresh && !(fresh = malloc(sizeof *fresh))) {
        free(nx.data);
        free(changes);
        st = KZTEXT_E_NO_MEMORY;
        goto done;
      }
      /* The last stage's output needs only its mojibake bits (for another
       * round), and those follow from the words it changed. */
      int counted = 0;
      if (stage == 2 && changes) {
        if (fresh != sc) *fresh = *sc;
        recount(cur, cur_len, nx.data, changes, nchanges, fresh);
        fresh->needs = kz_scan_moj_needs(fresh);
#ifndef NDEBUG
        /* Debug builds (the sanitizer tests) check the sums against a scan. */
        kz_scan check;
        assert(kz_repair_scan(nx.data, nx.len, &check) && check.strong == fresh->strong &&
               check.runs == fresh->runs && check.longruns == fresh->longruns &&
               check.mojb == fresh->mojb);
#endif
        counted = !(fresh->needs & moj) || !(flags & KZTEXT_REPAIR_MOJIBAKE);
      }
      free(changes);
      free(hold->data);
      *hold = nx;
      cur = hold->data;
      cur_len = hold->len;
      late |= stage > 0;
      /* Else the text moved: scan it again for the stages that follow. */
      if (!counted && !kz_repair_scan(cur, cur_len, fresh)) {
        st = KZTEXT_E_INTERNAL;
        goto done;
      }
      sc = fresh;
    }
    if (!late || !(flags & KZTEXT_REPAIR_MOJIBAKE) || !(sc->needs & moj)) break;
  }
  if (flags & KZTEXT_REPAIR_KEY) {
    kz_buf nx = {0};
    int r = kz_stage_key(cur, cur_len, &nx, c);
    if (r < 0) {
      free(nx.data);
      st = KZTEXT_E_NO_MEMORY;
      goto done;
    }
    if (r > 0) {
      free(hold->data);
      *hold = nx;
      cur = hold->data;
      cur_len = hold->len;
    } else
      free(nx.data);
  }
  *res = cur;
  *res_len = cur_len;
done:
  free(fresh);
  return st;
}

/* Validates (strict) or repairs (replace) the input while scanning it;
 * *text is src or *fixed. */
static kztext_status prepare(const char *src, size_t len, unsigned flags, char **fixed,
                             const char **text, size_t *text_len, kz_scan *sc,
                             size_t *error_offset) {
  *fixed = NULL;
  *text = src;
  *text_len = len;
  if (kz_repair_scan(src, len, sc)) return KZTEXT_OK;
  if (!(flags & KZTEXT_INVALID_REPLACE)) {
    if (error_offset) *error_offset = kz_utf8_valid_prefix((const unsigned char *)src, len);
    return KZTEXT_E_INVALID_UTF8;
  }
  kztext_status st = kztext_utf8_repair_alloc(src, len, fixed, text_len, NULL);
  if (st) return st;
  *text = *fixed;
  if (!kz_repair_scan(*text, *text_len, sc)) return KZTEXT_E_INTERNAL;
  return KZTEXT_OK;
}

static kztext_status check_args(const char *src, size_t len, unsigned flags) {
  if (!src && len) return KZTEXT_E_INVALID_ARG;
  if (flags & ~KNOWN_FLAGS) return KZTEXT_E_INVALID_FLAGS;
  return KZTEXT_OK;
}

/* Both entry points: validates, repairs, and hands the result to the
 * caller's buffer (dst, dst_cap) or, when out is not NULL, to a fresh one. */
static kztext_status repair(const char *src, size_t len, unsigned flags, char *dst, size_t dst_cap,
                            size_t *dst_len, char **out, kztext_repair_report *report,
                            size_t *error_offset) {
  kztext_status st = check_args(src, len, flags);
  if (st) return st;
  if (!out && !dst && dst_cap) return KZTEXT_E_INVALID_ARG;
  char *fixed;
  const char *text, *res;
  size_t text_len, res_len;
  kz_scan sc;
  if ((st = prepare(src, len, flags, &fixed, &text, &text_len, &sc, error_offset))) return st;
  kz_repair_counts c = {0};
  kz_buf hold = {0};
  st = run(text, text_len, flags, &sc, &hold, &res, &res_len, &c);
  if (!st && out) {
    kz_buf o = {0};
    kz_buf_put(&o, res, res_len);
    st = kz_buf_finish(&o, out, dst_len);
  } else if (!st) {
    if (dst_len) *dst_len = res_len;
    if (res_len > dst_cap)
      st = KZTEXT_E_BUFFER_TOO_SMALL;
    else if (res_len)
      memmove(dst, res, res_len);
  }
  if (!st || st == KZTEXT_E_BUFFER_TOO_SMALL) fill_report(report, &c);
  free(hold.data);
  kztext_free(fixed);
  return st;
}

kztext_status kztext_repair(const char *src, size_t len, unsigned flags, char *dst, size_t dst_cap,
                            size_t *dst_len, kztext_repair_report *report, size_t *error_offset) {
  return repair(src, len, flags, dst, dst_cap, dst_len, NULL, report, error_offset);
}

kztext_status kztext_repair_alloc(const char *src, size_t len, unsigned flags, char **out,
                                  size_t *out_len, kztext_repair_report *report,
                                  size_t *error_offset) {
  if (!out) return KZTEXT_E_INVALID_ARG;
  *out = NULL;
  return repair(src, len, flags, NULL, 0, out_len, out, report, error_offset);
}

const kz_name kz_repair_names[] = {
    {"homoglyphs", KZTEXT_REPAIR_HOMOGLYPHS},
    {"invisible", KZTEXT_REPAIR_INVISIBLE},
    {"spaces", KZTEXT_REPAIR_SPACES},
    {"mojibake", KZTEXT_REPAIR_MOJIBAKE},
    {"all", KZTEXT_REPAIR_ALL},
    {"default", KZTEXT_REPAIR_DEFAULT},
    {"none", 0},
    {"key", KZTEXT_REPAIR_KEY},
    {"digit-space", KZTEXT_REPAIR_DIGIT_SPACE | KZTEXT_REPAIR_SPACES},
    {NULL, 0}};

kztext_status kztext_repair_flags_from_names(const char *list, unsigned *flags) {
  if (!list || !flags) return KZTEXT_E_INVALID_ARG;
  unsigned f = 0;
  const char *p = list;
  for (;;) {
    const char *e = p;
    while (*e && *e != ',')
      e++;
    size_t n = (size_t)(e - p);
    if (n) {
      const kz_name *k = kz_name_find(kz_repair_names, p, n, 0);
      if (!k) return KZTEXT_E_UNSUPPORTED;
      f |= (unsigned)k->value;
    }
    if (!*e) break;
    p = e + 1;
  }
  *flags = f;
  return KZTEXT_OK;
}

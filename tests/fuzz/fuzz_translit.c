/* Fuzz target: random bytes through every scheme pair.  The first byte
 * picks source (AUTO or a scheme), target and flags; the rest is the text.
 * Checks: no crash, no read past the input (ASan), the caller-buffer call
 * agrees with the _alloc twin and the bound holds, spans tile both texts
 * and the offsets call gives the same text; a transliterator gives what the
 * plain call gives, whatever it converted before. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <kztext.h>

#include "translit/translit_int.h" /* the rules-only mode of the tools */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* kztext_translit_alloc() of src, and through t (twice, the second time
 * into a caller buffer): the same status and bytes. */
static void same_through(kztext_transliterator *t, const char *src, size_t n, kztext_scheme from,
                         kztext_scheme to, unsigned flags) {
  char *a = NULL, *b = NULL;
  size_t al = 0, bl = 0, ea = 0, eb = 0;
  kztext_status sa = kztext_translit_alloc(src, n, from, to, flags, &a, &al, &ea);
  kztext_status sb = kztext_transliterator_run_alloc(t, src, n, from, to, flags, &b, &bl, &eb);
  if (sa != sb || (sa == KZTEXT_OK && (al != bl || memcmp(a, b, al))) ||
      (sa == KZTEXT_E_INVALID_UTF8 && ea != eb))
    abort();
  if (sa == KZTEXT_OK) {
    size_t need = 0;
    kztext_status sq = kztext_transliterator_run(t, src, n, from, to, flags, NULL, 0, &need, NULL);
    if ((sq != KZTEXT_OK && sq != KZTEXT_E_BUFFER_TOO_SMALL) || need != al) abort();
    char *c = malloc(al ? al : 1);
    if (c &&
        (kztext_transliterator_run(t, src, n, from, to, flags, c, al, &need, NULL) != KZTEXT_OK ||
         need != al || memcmp(a, c, al)))
      abort();
    free(c);
  }
  kztext_free(a);
  kztext_free(b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1) return 0;
  unsigned sel = data[0];
  int from = (int)(sel % (KZ_SCHEME_COUNT + 1)) - 1; /* -1 = AUTO */
  int to = (int)((sel / (KZ_SCHEME_COUNT + 1)) % KZ_SCHEME_COUNT);
  unsigned flags = (sel & 0x80) ? KZTEXT_INVALID_REPLACE : 0;
  const int rules_only = sel & 0x40;
  /* a private copy, exactly as long as the input, so ASan sees overreads */
  size_t n = size - 1;
  /* the Arabic target's options, by the length (the selector byte is full) */
  flags |= n % 3 == 1   ? KZTEXT_TRANSLIT_ARABIC_PATRONYMIC_APART
           : n % 3 == 2 ? KZTEXT_TRANSLIT_ARABIC_HAMZA_0621
                        : 0;
  char *src;
  if (n >= 2 && data[1] == 0xFF) {
    /* 0xFF first (never valid UTF-8): the rest repeated past 32 KB, where
     * large latin2021 inputs take a memo of converted words (fast2021.c),
     * which the offsets call below never uses */
    const size_t unit = n - 1;
    n = 0;
    src = malloc(40000 + unit);
    if (!src) return 0;
    while (n < 40000) {
      memcpy(src + n, data + 2, unit);
      n += unit;
    }
  } else {
    src = malloc(n ? n : 1);
    if (!src) return 0;
    memcpy(src, data + 1, n);
  }
  /* Scheme detection never fails and names a real scheme or AUTO. */
  kztext_scheme detected = kztext_translit_detect(src, n);
  if (detected != KZTEXT_SCHEME_AUTO && !kztext_scheme_name(detected)) abort();
  char *out = NULL;
  size_t out_len = 0, err = 0;
  kztext_status st = kztext_translit_alloc(src, n, (kztext_scheme)from, (kztext_scheme)to, flags,
                                           &out, &out_len, &err);
  if (st == KZTEXT_OK) {
    size_t bound = kztext_translit_bound(n, (kztext_scheme)from, (kztext_scheme)to);
    if (out_len > bound) abort();
    char *buf = malloc(bound ? bound : 1);
    size_t len2 = 0;
    if (buf) {
      if (kztext_translit(src, n, (kztext_scheme)from, (kztext_scheme)to, flags, buf, bound, &len2,
                          NULL) != KZTEXT_OK ||
          len2 != out_len || memcmp(buf, out, out_len) != 0)
        abort();
      free(buf);
    }
    kztext_alignment *sp = NULL;
    size_t ns = 0, len3 = 0;
    char *out3 = NULL;
    if (kztext_translit_offsets_alloc(src, n, (kztext_scheme)from, (kztext_scheme)to, flags, &out3,
                                      &len3, &sp, &ns, NULL) == KZTEXT_OK) {
      if (len3 != out_len || memcmp(out3, out, out_len) != 0) abort();
      size_t s = 0, d = 0;
      for (size_t k = 0; k < ns; k++) {
        if (sp[k].src_start != s || sp[k].dst_start != d || sp[k].src_end < s || sp[k].dst_end < d)
          abort();
        s = sp[k].src_end;
        d = sp[k].dst_end;
      }
      if (s != n || d != len3) abort();
    }
    kztext_free(out3);
    kztext_free(sp);
  } else if (st == KZTEXT_E_INVALID_UTF8) {
    if (err >= n) abort();
  }
  kztext_free(out);
  kztext_transliterator *t = NULL;
  if (kztext_transliterator_new(&t) == KZTEXT_OK) {
    /* the text, its second half after it, the text again with other flags */
    same_through(t, src, n, (kztext_scheme)from, (kztext_scheme)to, flags);
    same_through(t, src + n / 2, n - n / 2, (kztext_scheme)from, (kztext_scheme)to, flags);
    same_through(t, src, n, (kztext_scheme)from, (kztext_scheme)to,
                 flags ^ KZTEXT_TRANSLIT_ARABIC_HAMZA_0621);
    if (kztext_transliterator_run(NULL, src, n, (kztext_scheme)from, (kztext_scheme)to, flags, NULL,
                                  0, NULL, NULL) != KZTEXT_E_INVALID_ARG)
      abort();
    kztext_transliterator_free(t);
  }
  /* The tools' rules-only bit is no public flag: every public call refuses
   * it.  Through the tools' entry it fails exactly when the public call
   * does (the lexicon changes words, never validity). */
  if (kztext_translit_alloc(src, n, (kztext_scheme)from, (kztext_scheme)to,
                            flags | KZ_TRANSLIT_NO_LEXICON, &out, &out_len,
                            NULL) != KZTEXT_E_INVALID_FLAGS)
    abort();
  if (rules_only) {
    char *r = NULL;
    size_t rn = 0;
    kztext_status rs = kz_translit_tool_alloc(src, n, (kztext_scheme)from, (kztext_scheme)to,
                                              flags | KZ_TRANSLIT_NO_LEXICON, &r, &rn, NULL);
    if (rs != st ||
        (rs == KZTEXT_OK && rn > kztext_translit_bound(n, (kztext_scheme)from, (kztext_scheme)to)))
      abort();
    kztext_free(r);
  }
  free(src);
  return 0;
}

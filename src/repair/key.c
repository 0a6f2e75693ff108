/* Search-key mode: what two spellings of the same text must share.  Quotes
 * become " or ', dashes and minus -, the ellipsis ..., and case is folded
 * (full Unicode folding, except that İ folds to plain i so Kazakh Latin and
 * Turkish keys match their lower-case spelling).  Canonical text keeps « »
 * and —, which Kazakh and Russian typography use: only keys lose them. */
#include <string.h>
#include <utf8proc.h>

#include <kztext.h>

#include "repair/repair_internal.h"
#include "utf8/utf8.h"

/* ASCII replacement of a punctuation code point, or NULL. */
static const char *punct_key(uint32_t cp) {
  switch (cp) {
  case 0x00AB:
  case 0x00BB:
  case 0x201C:
  case 0x201D:
  case 0x201E:
  case 0x201F:
  case 0x2033:
  case 0x301D:
  case 0x301E:
  case 0xFF02:
    return "\"";
  case 0x2018:
  case 0x2019:
  case 0x201A:
  case 0x201B:
  case 0x2032:
  case 0x2039:
  case 0x203A:
  case 0xFF07:
    return "'";
  case 0x2010:
  case 0x2011:
  case 0x2012:
  case 0x2013:
  case 0x2014:
  case 0x2015:
  case 0x2212:
  case 0xFE58:
  case 0xFE63:
  case 0xFF0D:
    return "-";
  case 0x2026:
    return "...";
  default:
    return NULL;
  }
}

int kz_stage_key(const char *src, size_t n, kz_buf *out, kz_repair_counts *c) {
  const unsigned char *s = (const unsigned char *)src;
  out->len = 0;
  size_t copied = 0, i = 0, changed = 0;
  char enc[4];
  while (i < n) {
    unsigned b = s[i];
    if (b < 0x80) {
      if (b >= 'A' && b <= 'Z') {
        kz_buf_put(out, s + copied, i - copied);
        kz_buf_putc(out, (char)(b + 32));
        copied = ++i;
        changed++;
      } else
        i++;
      continue;
    }
    size_t l;
    uint32_t cp = kz_utf8_next(s + i, &l);
    const char *p = punct_key(cp);
    utf8proc_int32_t fold[8];
    utf8proc_ssize_t nf = 0;
    if (!p) {
      if (cp == 0x130)
        fold[0] = 'i', nf = 1;
      else {
        int bc = 0;
        nf = utf8proc_decompose_char((utf8proc_int32_t)cp, fold, 8, UTF8PROC_CASEFOLD, &bc);
        if (nf < 0 || nf > 8) nf = 0;
        if (nf == 1 && (uint32_t)fold[0] == cp) nf = 0;
      }
      if (!nf) {
        i += l;
        continue;
      }
    }
    kz_buf_put(out, s + copied, i - copied);
    if (p)
      kz_buf_put(out, p, strlen(p));
    else
      for (utf8proc_ssize_t k = 0; k < nf; k++)
        kz_buf_put(out, enc, kz_utf8_encode((uint32_t)fold[k], enc));
    i += l;
    copied = i;
    changed++;
  }
  if (!changed) return 0;
  kz_buf_put(out, s + copied, n - copied);
  if (out->oom) return -1;
  c->key += changed;
  return 1;
}

/* kztext_decode(): BOM, UTF-8, UTF-16 and the single-byte codepages, then
 * the mojibake repair (the same stage as KZTEXT_REPAIR_MOJIBAKE). */
#include <string.h>

#include "codepage/codepage.h"
#include "core/buffer.h"
#include "repair/repair_internal.h"
#include "utf8/utf8.h"

#define KNOWN_FLAGS (KZTEXT_INVALID_REPLACE | KZTEXT_DECODE_NO_REPAIR)
/* Largest input the _alloc form decodes into a worst-case (3x) buffer. */
#define KZ_ONE_PASS_MAX ((size_t)64 << 20)

static kztext_status decode_utf16(const unsigned char *s, size_t n, int be, int replace,
                                  size_t base, kz_buf *out, size_t *error_offset) {
  char enc[4];
  size_t i = 0;
  while (i + 1 < n) {
    uint32_t u = be ? (uint32_t)(s[i] << 8 | s[i + 1]) : (uint32_t)(s[i + 1] << 8 | s[i]);
    size_t used = 2;
    if (u >= 0xD800 && u <= 0xDBFF && i + 3 < n) {
      uint32_t v = be ? (uint32_t)(s[i + 2] << 8 | s[i + 3]) : (uint32_t)(s[i + 3] << 8 | s[i + 2]);
      if (v >= 0xDC00 && v <= 0xDFFF) {
        u = 0x10000 + ((u - 0xD800) << 10) + (v - 0xDC00);
        used = 4;
      }
    }
    if (u >= 0xD800 && u <= 0xDFFF) {
      if (!replace) {
        if (error_offset) *error_offset = base + i;
        return KZTEXT_E_DECODE;
      }
      u = 0xFFFD;
    }
    kz_buf_put(out, enc, kz_utf8_encode(u, enc));
    i += used;
  }
  if (i < n) { /* an odd byte at the end */
    if (!replace) {
      if (error_offset) *error_offset = base + i;
      return KZTEXT_E_DECODE;
    }
    kz_buf_put(out, "\xEF\xBF\xBD", 3);
  }
  return out->oom ? KZTEXT_E_NO_MEMORY : KZTEXT_OK;
}

/* Where the decoded text is: in the caller's dst, in `own` (a kz_buf), or
 * the input itself (valid UTF-8). */
typedef struct result {
  const char *p;
  size_t len;
  kz_buf own;
  int in_dst;
  unsigned needs; /* mojibake bits, when known from the bytes (sb_known) */
  int sb_known;
} result;

/* Decodes; fills enc/confidence/bom of *info.  Writes straight into dst
 * when it is large enough, so decoding costs one pass. */
static kztext_status decode(const char *src, size_t len, kztext_encoding from, unsigned flags,
                            char *dst, size_t cap, result *r, kztext_decode_info *info,
                            size_t *error_offset) {
  const unsigned char *s = (const unsigned char *)src;
  int replace = (flags & KZTEXT_INVALID_REPLACE) != 0;
  int conf = 100;
  if (from == KZTEXT_ENC_AUTO) {
    kztext_status st = kztext_detect_encoding(src, len, &from, &conf);
    if (st) return st;
  }
  size_t skip = 0;
  if (from == KZTEXT_ENC_UTF16) {
    from = KZTEXT_ENC_UTF16LE;
    if (len >= 2 && s[0] == 0xFE && s[1] == 0xFF) from = KZTEXT_ENC_UTF16BE;
  }
  if (from == KZTEXT_ENC_UTF8 && len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
    skip = 3;
  else if (from == KZTEXT_ENC_UTF16LE && len >= 2 && s[0] == 0xFF && s[1] == 0xFE)
    skip = 2;
  else if (from == KZTEXT_ENC_UTF16BE && len >= 2 && s[0] == 0xFE && s[1] == 0xFF)
    skip = 2;
  info->encoding = from;
  info->confidence = conf;
  info->bom = skip != 0;
  s += skip;
  len -= skip;
  switch (from) {
  case KZTEXT_ENC_UTF8: {
    size_t bad = kz_utf8_valid_prefix(s, len);
    if (bad == len) {
      r->p = (const char *)s;
      r->len = len;
      return KZTEXT_OK;
    }
    if (!replace) {
      if (error_offset) *error_offset = skip + bad;
      return KZTEXT_E_INVALID_UTF8;
    }
    char *fixed;
    size_t flen;
    kztext_status st = kztext_utf8_repair_alloc((const char *)s, len, &fixed, &flen, NULL);
    if (st) return st;
    kz_buf_put(&r->own, fixed, flen);
    kztext_free(fixed);
    break;
  }
  case KZTEXT_ENC_UTF16LE:
  case KZTEXT_ENC_UTF16BE: {
    kztext_status st =
        decode_utf16(s, len, from == KZTEXT_ENC_UTF16BE, replace, skip, &r->own, error_offset);
    if (st) return st;
    break;
  }
  default: {
    const uint16_t *tab = kz_cp_table(from);
    if (!tab) return KZTEXT_E_INVALID_ARG;
    size_t bad = 0, need;
    /* With room for the worst case (3 bytes a byte), decode in one pass
     * that also tells whether the mojibake check is needed at all. */
    int repair = !(flags & KZTEXT_DECODE_NO_REPAIR);
    if (repair && len <= ((size_t)-1 - 4) / 3 &&
        (dst ? cap >= 3 * len + 4 : len <= KZ_ONE_PASS_MAX)) {
      char *o = dst;
      if (!dst) {
        if (!kz_buf_reserve(&r->own, 3 * len + 4)) return KZTEXT_E_NO_MEMORY;
        o = r->own.data;
      }
      unsigned hint = 0;
      size_t w = kz_repair_sb_decode(tab, s, len, o, dst ? cap : 3 * len + 4, replace, &bad, &hint);
      if (w == (size_t)-1) {
        if (error_offset) *error_offset = skip + bad;
        return KZTEXT_E_DECODE;
      }
      r->needs = hint ? kz_repair_scan_sb(s, len, tab, &need, &bad) : 0;
      r->sb_known = 1;
      r->p = o;
      r->len = w;
      if (dst)
        r->in_dst = 1;
      else
        r->own.len = w;
      return KZTEXT_OK;
    }
    if (repair) {
      r->needs = kz_repair_scan_sb(s, len, tab, &need, &bad);
      r->sb_known = 1;
      if (bad != (size_t)-1 && !replace) need = (size_t)-1;
    } else
      need = kz_sb_decoded_size(tab, s, len, replace, &bad);
    if (need == (size_t)-1) {
      if (error_offset) *error_offset = skip + bad;
      return KZTEXT_E_DECODE;
    }
    if (dst && need <= cap) {
      kz_sb_decode(tab, s, len, dst, cap, replace, &bad);
      r->p = dst;
      r->len = need;
      r->in_dst = 1;
      return KZTEXT_OK;
    }
    if (!kz_buf_reserve(&r->own, need + 4)) return KZTEXT_E_NO_MEMORY;
    r->own.len = kz_sb_decode(tab, s, len, r->own.data, need + 4, replace, &bad);
    break;
  }
  }
  if (r->own.oom) return KZTEXT_E_NO_MEMORY;
  r->p = r->own.data ? r->own.data : "";
  r->len = r->own.len;
  return KZTEXT_OK;
}

static kztext_status decode_all(const char *src, size_t len, kztext_encoding from, unsigned flags,
                                char *dst, size_t cap, result *r, kztext_decode_info *info,
                                size_t *error_offset) {
  if (!src && len) return KZTEXT_E_INVALID_ARG;
  if (flags & ~KNOWN_FLAGS) return KZTEXT_E_INVALID_FLAGS;
  if (!kztext_encoding_name(from)) return KZTEXT_E_INVALID_ARG;
  kztext_status st = decode(src, len, from, flags, dst, cap, r, info, error_offset);
  if (st) return st;
  if (!(flags & KZTEXT_DECODE_NO_REPAIR)) {
    unsigned needs = r->needs;
    if (!r->sb_known) {
      kz_scan sc;
      if (!kz_repair_scan(r->p, r->len, &sc)) return KZTEXT_E_INTERNAL;
      needs = sc.needs;
    }
    if (!(needs & (KZ_NEED_KZ_MOJIBAKE | KZ_NEED_UTF8_MOJIBAKE))) return KZTEXT_OK;
    kz_repair_counts c = {0};
    kz_buf fixed = {0};
    int rr = kz_stage_mojibake(r->p, r->len, &fixed, &c);
    if (rr < 0) {
      free(fixed.data);
      return KZTEXT_E_NO_MEMORY;
    }
    if (rr > 0) {
      free(r->own.data);
      r->own = fixed;
      r->p = fixed.data;
      r->len = fixed.len;
      r->in_dst = 0;
      info->mojibake = c.mojibake;
      info->mojibake_source = (kztext_encoding)c.mojibake_source;
    } else
      free(fixed.data);
  }
  return KZTEXT_OK;
}

static void copy_info(kztext_decode_info *dst, const kztext_decode_info *src) {
  if (!dst || dst->size < sizeof(size_t)) return;
  size_t n = dst->size < sizeof *src ? dst->size : sizeof *src;
  size_t keep = dst->size;
  memcpy(dst, src, n);
  dst->size = keep;
}

kztext_status kztext_decode(const char *src, size_t len, kztext_encoding from, unsigned flags,
                            char *dst, size_t dst_cap, size_t *dst_len, kztext_decode_info *info,
                            size_t *error_offset) {
  if (!dst && dst_cap) return KZTEXT_E_INVALID_ARG;
  kztext_decode_info in = {sizeof in, KZTEXT_ENC_AUTO, 0, 0, 0, KZTEXT_ENC_AUTO};
  result r = {NULL, 0, {0}, 0, 0, 0};
  kztext_status st = decode_all(src, len, from, flags, dst, dst_cap, &r, &in, error_offset);
  if (!st) {
    copy_info(info, &in);
    if (dst_len) *dst_len = r.len;
    if (!r.in_dst) {
      if (r.len > dst_cap)
        st = KZTEXT_E_BUFFER_TOO_SMALL;
      else if (r.len)
        memmove(dst, r.p, r.len);
    }
  }
  free(r.own.data);
  return st;
}

kztext_status kztext_decode_alloc(const char *src, size_t len, kztext_encoding from, unsigned flags,
                                  char **out, size_t *out_len, kztext_decode_info *info,
                                  size_t *error_offset) {
  if (!out) return KZTEXT_E_INVALID_ARG;
  *out = NULL;
  kztext_decode_info in = {sizeof in, KZTEXT_ENC_AUTO, 0, 0, 0, KZTEXT_ENC_AUTO};
  result r = {NULL, 0, {0}, 0, 0, 0};
  kztext_status st = decode_all(src, len, from, flags, NULL, 0, &r, &in, error_offset);
  if (st) {
    free(r.own.data);
    return st;
  }
  copy_info(info, &in);
  if (r.p != r.own.data) { /* the input itself */
    r.own.len = 0;
    kz_buf_put(&r.own, r.p, r.len);
  }
  return kz_buf_finish(&r.own, out, out_len);
}

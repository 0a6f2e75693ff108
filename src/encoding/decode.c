/* kztext_decode(): BOM, UTF-8, UTF-16 and the single-byte codepages, then
 * the mojibake repair (the same stage as KZTEXT_REPAIR_MOJIBAKE). */
#include <string.h>

#include "core/buffer.h"
#include "encoding/encoding_internal.h"
#include "repair/repair_internal.h"
#include "utf8/utf8.h"

#define KNOWN_FLAGS (KZTEXT_INVALID_REPLACE | KZTEXT_DECODE_NO_REPAIR)

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
      if (!replace) { if (error_offset) *error_offset = base + i; return KZTEXT_E_DECODE; }
      u = 0xFFFD;
    }
    kz_buf_put(out, enc, kz_utf8_encode(u, enc));
    i += used;
  }
  if (i < n) { /* an odd byte at the end */
    if (!replace) { if (error_offset) *error_offset = base + i; return KZTEXT_E_DECODE; }
    kz_buf_put(out, "\xEF\xBF\xBD", 3);
  }
  return out->oom ? KZTEXT_E_NO_MEMORY : KZTEXT_OK;
}

/* Decodes into out; fills enc/confidence/bom of *info. */
static kztext_status decode(const char *src, size_t len, kztext_encoding from,
                            unsigned flags, kz_buf *out, kztext_decode_info *info,
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
      kz_buf_put(out, s, len);
      return out->oom ? KZTEXT_E_NO_MEMORY : KZTEXT_OK;
    }
    if (!replace) {
      if (error_offset) *error_offset = skip + bad;
      return KZTEXT_E_INVALID_UTF8;
    }
    char *fixed;
    size_t flen;
    kztext_status st = kztext_utf8_repair_alloc((const char *)s, len, &fixed, &flen, NULL);
    if (st) return st;
    kz_buf_put(out, fixed, flen);
    kztext_free(fixed);
    return out->oom ? KZTEXT_E_NO_MEMORY : KZTEXT_OK;
  }
  case KZTEXT_ENC_UTF16LE:
  case KZTEXT_ENC_UTF16BE:
    return decode_utf16(s, len, from == KZTEXT_ENC_UTF16BE, replace, skip, out, error_offset);
  default: {
    const uint16_t *tab = kz_cp_table(from);
    if (!tab) return KZTEXT_E_INVALID_ARG;
    if (len > ((size_t)-1 - 8) / 3) return KZTEXT_E_TOO_LARGE;
    if (!kz_buf_reserve(out, 3 * len + 4)) return KZTEXT_E_NO_MEMORY;
    size_t bad = 0;
    size_t w = kz_sb_decode(tab, s, len, out->data, replace, &bad);
    if (w == (size_t)-1) {
      if (error_offset) *error_offset = skip + bad;
      return KZTEXT_E_DECODE;
    }
    out->len = w;
    return KZTEXT_OK;
  }
  }
}

static kztext_status decode_all(const char *src, size_t len, kztext_encoding from,
                                unsigned flags, kz_buf *out, kztext_decode_info *info,
                                size_t *error_offset) {
  if (!src && len) return KZTEXT_E_INVALID_ARG;
  if (flags & ~KNOWN_FLAGS) return KZTEXT_E_INVALID_FLAGS;
  if (!kztext_encoding_name(from)) return KZTEXT_E_INVALID_ARG;
  kztext_status st = decode(src, len, from, flags, out, info, error_offset);
  if (st) return st;
  if (!(flags & KZTEXT_DECODE_NO_REPAIR)) {
    kz_repair_counts c = {0};
    kz_buf fixed = {0};
    int r = kz_stage_mojibake(out->data ? out->data : "", out->len, &fixed, &c);
    if (r < 0) { free(fixed.data); return KZTEXT_E_NO_MEMORY; }
    if (r > 0) {
      free(out->data);
      *out = fixed;
      info->mojibake = c.mojibake;
      info->mojibake_source = (kztext_encoding)c.mojibake_source;
    } else free(fixed.data);
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
                            char *dst, size_t dst_cap, size_t *dst_len,
                            kztext_decode_info *info, size_t *error_offset) {
  if (!dst && dst_cap) return KZTEXT_E_INVALID_ARG;
  kztext_decode_info in = {sizeof in, KZTEXT_ENC_AUTO, 0, 0, 0, KZTEXT_ENC_AUTO};
  kz_buf out = {0};
  kztext_status st = decode_all(src, len, from, flags, &out, &in, error_offset);
  if (st) { free(out.data); return st; }
  copy_info(info, &in);
  return kz_buf_to_caller(&out, dst, dst_cap, dst_len);
}

kztext_status kztext_decode_alloc(const char *src, size_t len, kztext_encoding from,
                                  unsigned flags, char **out, size_t *out_len,
                                  kztext_decode_info *info, size_t *error_offset) {
  if (!out) return KZTEXT_E_INVALID_ARG;
  *out = NULL;
  kztext_decode_info in = {sizeof in, KZTEXT_ENC_AUTO, 0, 0, 0, KZTEXT_ENC_AUTO};
  kz_buf b = {0};
  kztext_status st = decode_all(src, len, from, flags, &b, &in, error_offset);
  if (st) { free(b.data); return st; }
  copy_info(info, &in);
  return kz_buf_finish(&b, out, out_len);
}

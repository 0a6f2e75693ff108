/* Case mapping with ICU's UTF-8 case mapper (full mappings: ß -> SS, final
 * sigma).  Kazakh 2021 Latin is a Turkic i language, but ICU's kk locale
 * has no Turkic casing (only tr and az do), so for kk the mapper runs with
 * the tr locale: it differs from the root only for I/i/İ/ı and the dot
 * above, which Cyrillic never uses. */
#include <string.h>
#include <unicode/ucasemap.h>
#include <unicode/uchar.h>

#include <kztext.h>

#include "case/case_names.h"
#include "core/buffer.h"
#include "utf8/utf8.h"

#define OPS (KZTEXT_CASE_UPPER | KZTEXT_CASE_LOWER | KZTEXT_CASE_FOLD)
#define KNOWN_FLAGS (KZTEXT_INVALID_REPLACE | OPS)

const kz_name kz_case_lang_names[] = {
    {"auto", KZTEXT_LANG_AUTO},  {"kk", KZTEXT_LANG_KK}, {"kk-latn", KZTEXT_LANG_KK},
    {"kk-cyrl", KZTEXT_LANG_KK}, {"tr", KZTEXT_LANG_KK}, {"az", KZTEXT_LANG_KK},
    {"ru", KZTEXT_LANG_RU},      {"en", KZTEXT_LANG_EN}, {NULL, 0}};

const kz_name kz_case_op_names[] = {{"upper", KZTEXT_CASE_UPPER},
                                    {"lower", KZTEXT_CASE_LOWER},
                                    {"fold", KZTEXT_CASE_FOLD},
                                    {"casefold", KZTEXT_CASE_FOLD},
                                    {NULL, 0}};

kztext_status kztext_case_lang_from_name(const char *name, kztext_lang *lang) {
  if (!name || !lang) return KZTEXT_E_INVALID_ARG;
  const kz_name *e = kz_name_find(kz_case_lang_names, name, strlen(name), 0);
  if (!e) return KZTEXT_E_UNSUPPORTED;
  *lang = (kztext_lang)e->value;
  return KZTEXT_OK;
}

/* auto: Turkic rules when the text has letters only Turkic Latin alphabets
 * use (ı İ ğ ş: Kazakh 2021, Turkish, Azerbaijani). */
static int looks_turkic(const unsigned char *s, size_t n) {
  for (size_t i = 0; i + 1 < n; i++) {
    if (s[i] == 0xC4 &&
        (s[i + 1] == 0xB0 || s[i + 1] == 0xB1 || s[i + 1] == 0x9E || s[i + 1] == 0x9F))
      return 1;
    if (s[i] == 0xC5 && (s[i + 1] == 0x9E || s[i + 1] == 0x9F)) return 1;
  }
  return 0;
}

static kztext_status map_case(const char *src, size_t len, unsigned flags, kztext_lang lang,
                              kz_buf *out, size_t *error_offset) {
  if (!src && len) return KZTEXT_E_INVALID_ARG;
  if (flags & ~KNOWN_FLAGS) return KZTEXT_E_INVALID_FLAGS;
  unsigned op = flags & OPS;
  if (!op || (op & (op - 1))) return KZTEXT_E_INVALID_ARG;
  if (lang < KZTEXT_LANG_AUTO || lang > KZTEXT_LANG_EN) return KZTEXT_E_INVALID_ARG;
  if (len > INT32_MAX / 4) return KZTEXT_E_TOO_LARGE;
  char *fixed = NULL;
  size_t bad = kz_utf8_valid_prefix((const unsigned char *)src, len);
  if (bad != len) {
    if (!(flags & KZTEXT_INVALID_REPLACE)) {
      if (error_offset) *error_offset = bad;
      return KZTEXT_E_INVALID_UTF8;
    }
    kztext_status st = kztext_utf8_repair_alloc(src, len, &fixed, &len, NULL);
    if (st) return st;
    src = fixed;
    if (len > INT32_MAX / 4) {
      kztext_free(fixed);
      return KZTEXT_E_TOO_LARGE;
    }
  }
  int turkic = lang == KZTEXT_LANG_KK ||
               (lang == KZTEXT_LANG_AUTO && looks_turkic((const unsigned char *)src, len));
  UErrorCode err = U_ZERO_ERROR;
  uint32_t opts = (op == KZTEXT_CASE_FOLD && turkic) ? U_FOLD_CASE_EXCLUDE_SPECIAL_I : 0;
  UCaseMap *cm = ucasemap_open(turkic ? "tr" : "", opts, &err);
  kztext_status st = KZTEXT_OK;
  if (U_FAILURE(err)) {
    st = err == U_MEMORY_ALLOCATION_ERROR ? KZTEXT_E_NO_MEMORY : KZTEXT_E_ICU;
    goto done;
  }
  /* Case mapping at most triples UTF-8 length (U+0390 -> 3 code points);
   * retry once with the size ICU asks for. */
  size_t cap = len + len / 2 + 16;
  for (int attempt = 0; attempt < 2; attempt++) {
    out->len = 0;
    if (!kz_buf_reserve(out, cap)) {
      st = KZTEXT_E_NO_MEMORY;
      break;
    }
    err = U_ZERO_ERROR;
    int32_t n;
    if (op == KZTEXT_CASE_UPPER)
      n = ucasemap_utf8ToUpper(cm, out->data, (int32_t)cap, src, (int32_t)len, &err);
    else if (op == KZTEXT_CASE_LOWER)
      n = ucasemap_utf8ToLower(cm, out->data, (int32_t)cap, src, (int32_t)len, &err);
    else
      n = ucasemap_utf8FoldCase(cm, out->data, (int32_t)cap, src, (int32_t)len, &err);
    if (err == U_BUFFER_OVERFLOW_ERROR && attempt == 0) {
      cap = (size_t)n + 1;
      continue;
    }
    if (U_FAILURE(err) && err != U_STRING_NOT_TERMINATED_WARNING) {
      st = err == U_MEMORY_ALLOCATION_ERROR ? KZTEXT_E_NO_MEMORY : KZTEXT_E_ICU;
      break;
    }
    out->len = (size_t)n;
    break;
  }
done:
  if (cm) ucasemap_close(cm);
  kztext_free(fixed);
  return st;
}

kztext_status kztext_case(const char *src, size_t len, kztext_lang lang, unsigned flags, char *dst,
                          size_t dst_cap, size_t *dst_len, size_t *error_offset) {
  if (!dst && dst_cap) return KZTEXT_E_INVALID_ARG;
  kz_buf b = {0};
  kztext_status st = map_case(src, len, flags, lang, &b, error_offset);
  if (st) {
    free(b.data);
    return st;
  }
  return kz_buf_to_caller(&b, dst, dst_cap, dst_len);
}

kztext_status kztext_case_alloc(const char *src, size_t len, kztext_lang lang, unsigned flags,
                                char **out, size_t *out_len, size_t *error_offset) {
  if (!out) return KZTEXT_E_INVALID_ARG;
  *out = NULL;
  kz_buf b = {0};
  kztext_status st = map_case(src, len, flags, lang, &b, error_offset);
  if (st) {
    free(b.data);
    return st;
  }
  return kz_buf_finish(&b, out, out_len);
}

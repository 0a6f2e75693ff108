/* kztext_name_at(), the language names, and the table of public flags. */
#include <string.h>

#include "core/names.h"

const kz_name *kz_name_find(const kz_name *table, const char *name, size_t n, int nocase) {
  for (; table->name; table++) {
    const char *a = table->name;
    size_t k = 0;
    for (; k < n && a[k]; k++) {
      int c = (unsigned char)name[k];
      if (nocase && c >= 'A' && c <= 'Z') c += 32;
      if (c != (unsigned char)a[k]) break;
    }
    if (k == n && !a[k]) return table;
  }
  return NULL;
}

static const kz_name lang_names[] = {
    {"und", KZTEXT_LANG_UND}, {"kk", KZTEXT_LANG_KK}, {"ru", KZTEXT_LANG_RU},
    {"en", KZTEXT_LANG_EN},   {"auto", KZTEXT_LANG_AUTO}, {NULL, 0}};

kztext_status kztext_lang_from_name(const char *name, kztext_lang *lang) {
  if (!name || !lang) return KZTEXT_E_INVALID_ARG;
  const kz_name *e = kz_name_find(lang_names, name, strlen(name), 0);
  if (!e) return KZTEXT_E_UNSUPPORTED;
  *lang = (kztext_lang)e->value;
  return KZTEXT_OK;
}

/* Every flag of the public headers; tests/python/test_abi.py checks this
 * list against the headers both ways, and test_core.c that no two share a
 * bit. */
#define F(x) {#x, x}
static const kz_name flag_names[] = {
    F(KZTEXT_INVALID_STRICT),          F(KZTEXT_INVALID_REPLACE),
    F(KZTEXT_NORM_NFC),                F(KZTEXT_NORM_NFD),
    F(KZTEXT_NORM_NFKC),               F(KZTEXT_NORM_NFKD),
    F(KZTEXT_NORM_CASEFOLD),           F(KZTEXT_NORM_NEWLINES),
    F(KZTEXT_SEG_LINES),               F(KZTEXT_DETECT_NO_MIXED),
    F(KZTEXT_TRANSLIT_ARABIC_HAMZA_0621), F(KZTEXT_DECODE_NO_REPAIR),
    F(KZTEXT_REPAIR_HOMOGLYPHS),       F(KZTEXT_REPAIR_INVISIBLE),
    F(KZTEXT_REPAIR_SPACES),           F(KZTEXT_REPAIR_MOJIBAKE),
    F(KZTEXT_REPAIR_KEY),              F(KZTEXT_REPAIR_DIGIT_SPACE),
    F(KZTEXT_CASE_UPPER),              F(KZTEXT_CASE_LOWER),
    F(KZTEXT_CASE_FOLD),               F(KZTEXT_PIPELINE_LINES),
    F(KZTEXT_PIPELINE_NO_REPAIR),      F(KZTEXT_PIPELINE_TRANSLIT_ALL),
    {NULL, 0}};
#undef F

const char *kztext_name_at(kztext_names table, size_t i, int64_t *value) {
  const kz_name *t;
  switch (table) {
  case KZTEXT_NAMES_LANG: t = lang_names; break;
  case KZTEXT_NAMES_CASE_LANG: t = kz_case_lang_names; break;
  case KZTEXT_NAMES_CASE_OP: t = kz_case_op_names; break;
  case KZTEXT_NAMES_SCHEME: t = kz_scheme_names; break;
  case KZTEXT_NAMES_ENCODING: t = kz_encoding_names; break;
  case KZTEXT_NAMES_REPAIR: t = kz_repair_names; break;
  case KZTEXT_NAMES_FLAG: t = flag_names; break;
  default: return NULL;
  }
  for (size_t k = 0; k < i; k++)
    if (!t[k].name) return NULL;
  if (!t[i].name) return NULL;
  if (value) *value = t[i].value;
  return t[i].name;
}

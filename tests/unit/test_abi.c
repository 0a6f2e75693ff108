/* The ABI rules of core.h: one rule for names of unknown values, name
 * tables that agree with the lookups, flags refused by the wrong family,
 * and a detection result whose per-language arrays sit after every scalar. */
#include <stddef.h>
#include <string.h>

#include <kztext.h>

#include "harness.h"

typedef const char *(*name_fn)(int);

/* A name function names each of its n values (0..n-1) and gives NULL for
 * the values around them, never a placeholder. */
static void names_rule(const char *what, name_fn fn, int first, int n) {
  for (int v = first; v < n; v++)
    CHECK(fn(v) && *fn(v) != '?', "%s(%d) is named", what, v);
  CHECK(fn(n) == NULL, "%s(%d) past the last is NULL", what, n);
  CHECK(fn(first - 1) == NULL, "%s(%d) below the first is NULL", what, first - 1);
  CHECK(fn(1000) == NULL && fn(-1000) == NULL, "%s: far values are NULL", what);
}

/* Casts through a wrapper so one loop checks every name function. */
static const char *lang_name(int v) { return kztext_lang_name((kztext_lang)v); }
static const char *variant_name(int v) { return kztext_variant_name((kztext_variant)v); }
static const char *script_name(int v) { return kztext_script_name((kztext_script)v); }
static const char *class_name(int v) { return kztext_script_class_name((kztext_script_class)v); }
static const char *scheme_name(int v) { return kztext_scheme_name((kztext_scheme)v); }
static const char *encoding_name(int v) { return kztext_encoding_name((kztext_encoding)v); }

static void unknown_names(void) {
  names_rule("lang_name", lang_name, KZTEXT_LANG_UND, KZTEXT_LANG_EN + 1);
  /* variant NONE is named "" (no alphabet), a name, not a placeholder */
  for (int v = 1; v <= KZTEXT_VARIANT_MEDIAWIKI; v++)
    CHECK(*variant_name(v), "variant %d", v);
  CHECK(variant_name(0) && !*variant_name(0), "variant none is \"\"");
  CHECK(!variant_name(KZTEXT_VARIANT_MEDIAWIKI + 1) && !variant_name(-1), "variant unknown NULL");
  names_rule("script_name", script_name, KZTEXT_SCRIPT_COMMON, KZTEXT_SCRIPT_OTHER + 1);
  names_rule("script_class_name", class_name, KZTEXT_SC_OTHER, KZTEXT_SC_HAN + 1);
  names_rule("scheme_name", scheme_name, KZTEXT_SCHEME_AUTO, KZTEXT_SCHEME_CYRILLIC_RU + 1);
  CHECK(strcmp(scheme_name(KZTEXT_SCHEME_AUTO), "auto") == 0, "scheme auto");
  names_rule("encoding_name", encoding_name, KZTEXT_ENC_AUTO, KZTEXT_ENC_UTF16 + 1);
}

static void lang_lookup(void) {
  kztext_lang l = KZTEXT_LANG_EN;
  CHECK_INT(kztext_lang_from_name("auto", &l), KZTEXT_OK, "auto");
  CHECK_INT(l, KZTEXT_LANG_AUTO, "auto is und");
  for (int v = 0; kztext_lang_name((kztext_lang)v); v++) {
    CHECK_INT(kztext_lang_from_name(kztext_lang_name((kztext_lang)v), &l), KZTEXT_OK, "by name");
    CHECK_INT(l, v, "round trip");
  }
  CHECK_INT(kztext_lang_from_name("KK", &l), KZTEXT_E_UNSUPPORTED, "codes are lower case");
  CHECK_INT(kztext_lang_from_name("kk-latn", &l), KZTEXT_E_UNSUPPORTED, "case-only alias");
  CHECK_INT(kztext_lang_from_name(NULL, &l), KZTEXT_E_INVALID_ARG, "NULL name");
}

static void tables(void) {
  int64_t v = 77;
  CHECK(kztext_name_at((kztext_names)99, 0, &v) == NULL && v == 77, "unknown table");
  CHECK(kztext_name_at((kztext_names)-1, 0, &v) == NULL && v == 77, "negative table");
  size_t n = 0;
  while (kztext_name_at(KZTEXT_NAMES_SCHEME, n, NULL))
    n++;
  CHECK_INT(n, 14, "12 schemes, auto and the latin alias");
  CHECK(kztext_name_at(KZTEXT_NAMES_SCHEME, n, &v) == NULL && v == 77, "past the end");
  CHECK(kztext_name_at(KZTEXT_NAMES_SCHEME, (size_t)-1, &v) == NULL, "far past the end");
  /* canonical names come first, in code order */
  for (int s = 0; kztext_scheme_name((kztext_scheme)s); s++) {
    const char *t = kztext_name_at(KZTEXT_NAMES_SCHEME, (size_t)s, &v);
    CHECK(t && !strcmp(t, kztext_scheme_name((kztext_scheme)s)) && v == s, "scheme %d", s);
  }
  int found = 0;
  for (size_t i = 0; kztext_name_at(KZTEXT_NAMES_REPAIR, i, &v); i++) {
    unsigned f;
    const char *t = kztext_name_at(KZTEXT_NAMES_REPAIR, i, NULL);
    CHECK_INT(kztext_repair_flags_from_names(t, &f), KZTEXT_OK, t);
    CHECK(f == (unsigned)v, "repair %s: %u vs %lld", t, f, (long long)v);
    found += !strcmp(t, "digit-space") && f == (KZTEXT_REPAIR_DIGIT_SPACE | KZTEXT_REPAIR_SPACES);
  }
  CHECK(found, "digit-space listed with its spaces bit");
  CHECK(kztext_name_at(KZTEXT_NAMES_CASE_OP, 3, &v) && v == KZTEXT_CASE_FOLD, "casefold");
  size_t flags = 0;
  while (kztext_name_at(KZTEXT_NAMES_FLAG, flags, NULL))
    flags++;
  CHECK_INT(flags, 26, "every public flag listed");
  CHECK(kztext_name_at(KZTEXT_NAMES_LAYOUT, 0, &v) && v == sizeof(kztext_detect_result),
        "layout: size of the detect result");
}

static void flag_families(void) {
  char *out = NULL;
  size_t n = 0;
  /* issue 13: DECODE_NO_REPAIR once equalled REPAIR_HOMOGLYPHS, so a repair
   * flag handed to decode silently switched mojibake repair off */
  CHECK_INT(kztext_decode_alloc("abc", 3, KZTEXT_ENC_UTF8, KZTEXT_REPAIR_HOMOGLYPHS, &out, &n, NULL,
                                NULL),
            KZTEXT_E_INVALID_FLAGS, "repair flag to decode");
  kztext_free(out);
  CHECK_INT(
      kztext_decode_alloc("abc", 3, KZTEXT_ENC_UTF8, KZTEXT_DECODE_NO_REPAIR, &out, &n, NULL, NULL),
      KZTEXT_OK, "decode's own flag");
  kztext_free(out);
  CHECK_INT(kztext_normalize_alloc("a", 1, KZTEXT_SEG_LINES, &out, &n, NULL),
            KZTEXT_E_INVALID_FLAGS, "segment flag to normalize");
  CHECK_INT(kztext_translit_alloc("a", 1, KZTEXT_SCHEME_CYRILLIC, KZTEXT_SCHEME_LATIN2021,
                                  KZTEXT_DETECT_NO_MIXED, &out, &n, NULL),
            KZTEXT_E_INVALID_FLAGS, "detect flag to translit");
  CHECK_INT(kztext_translit_alloc("a", 1, KZTEXT_SCHEME_LATIN2021, KZTEXT_SCHEME_CYRILLIC,
                                  0x80000000u, &out, &n, NULL),
            KZTEXT_E_INVALID_FLAGS, "the library's own bit is refused");
  kztext_detect_result r;
  memset(&r, 0, sizeof r);
  r.size = sizeof r;
  CHECK_INT(kztext_detect("a", 1, KZTEXT_SEG_LINES, &r, NULL), KZTEXT_E_INVALID_FLAGS,
            "segment flag to detect");
}

static void detect_layout(void) {
  /* Scalars first, arrays of the fixed capacity last: a new language or an
   * appended field moves nothing. */
  CHECK(offsetof(kztext_detect_result, scores) > offsetof(kztext_detect_result, letters) &&
            offsetof(kztext_detect_result, scores) > offsetof(kztext_detect_result, mixed) &&
            offsetof(kztext_detect_result, scores) > offsetof(kztext_detect_result, confidence),
        "scalars before the arrays");
  CHECK_INT(offsetof(kztext_detect_result, share) - offsetof(kztext_detect_result, scores),
            KZTEXT_LANG_CAPACITY * sizeof(double), "scores holds KZTEXT_LANG_CAPACITY");
  kztext_detect_result r;
  memset(&r, 0xFF, sizeof r);
  r.size = sizeof r;
  const char *kk = "Қазақстан Республикасы";
  CHECK_INT(kztext_detect(kk, strlen(kk), 0, &r, NULL), KZTEXT_OK, "detect");
  CHECK_INT(r.lang, KZTEXT_LANG_KK, "kk");
  for (int k = KZTEXT_LANG_EN + 1; k < KZTEXT_LANG_CAPACITY; k++)
    CHECK(r.scores[k] == 0 && r.share[k] == 0, "slot %d of no language is 0", k);
  CHECK(r.share[KZTEXT_LANG_KK] == 1.0, "share of the language of unmixed text");
}

int main(void) {
  unknown_names();
  lang_lookup();
  tables();
  flag_families();
  detect_layout();
  return t_finish();
}

/* Fuzz target: the name lookups (schemes, encodings, languages, case
 * languages, repair lists), the name tables and the class-to-script map, on
 * arbitrary strings and values.
 * Properties: no crash; a name that is accepted maps back to a name that is
 * accepted again with the same value. */
#include <stdlib.h>
#include <string.h>

#include <kztext.h>

#define REQUIRE(c)                                                                                 \
  do {                                                                                             \
    if (!(c)) __builtin_trap();                                                                    \
  } while (0)

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size) {
  char *s = malloc(size + 1);
  if (!s) return 0;
  memcpy(s, data, size);
  s[size] = 0; /* names are C strings: an embedded NUL ends them */
  kztext_scheme sch;
  if (kztext_scheme_from_name(s, &sch) == KZTEXT_OK && sch != KZTEXT_SCHEME_AUTO) {
    kztext_scheme again;
    REQUIRE(kztext_scheme_from_name(kztext_scheme_name(sch), &again) == KZTEXT_OK && again == sch);
  }
  kztext_encoding enc;
  if (kztext_encoding_from_name(s, &enc) == KZTEXT_OK) {
    kztext_encoding again;
    REQUIRE(kztext_encoding_from_name(kztext_encoding_name(enc), &again) == KZTEXT_OK &&
            again == enc);
  }
  kztext_lang lang;
  if (kztext_case_lang_from_name(s, &lang) == KZTEXT_OK) REQUIRE(kztext_lang_name(lang) != NULL);
  if (kztext_lang_from_name(s, &lang) == KZTEXT_OK) {
    kztext_lang again;
    REQUIRE(kztext_lang_from_name(kztext_lang_name(lang), &again) == KZTEXT_OK && again == lang);
  }
  unsigned flags = 0;
  (void)kztext_repair_flags_from_names(s, &flags);
  int cls = size ? data[0] : 0;
  REQUIRE(kztext_script_name(kztext_script_of_class((kztext_script_class)cls)) != NULL);
  /* Any table and index: NULL or a name that the table's lookup accepts
   * with the value listed. */
  int table = size > 1 ? (signed char)data[1] : 0;
  size_t i = size > 2 ? data[2] : 0;
  int64_t v = -12345;
  const char *name = kztext_name_at((kztext_names)table, i, &v);
  if (name) {
    REQUIRE(v != -12345);
    kztext_lang l;
    kztext_scheme sc;
    kztext_encoding e;
    unsigned f;
    switch ((kztext_names)table) {
    case KZTEXT_NAMES_LANG:
      REQUIRE(!kztext_lang_from_name(name, &l) && l == v);
      break;
    case KZTEXT_NAMES_CASE_LANG:
      REQUIRE(!kztext_case_lang_from_name(name, &l) && l == v);
      break;
    case KZTEXT_NAMES_SCHEME:
      REQUIRE(!kztext_scheme_from_name(name, &sc) && sc == v);
      break;
    case KZTEXT_NAMES_ENCODING:
      REQUIRE(!kztext_encoding_from_name(name, &e) && e == v);
      break;
    case KZTEXT_NAMES_REPAIR:
      REQUIRE(!kztext_repair_flags_from_names(name, &f) && f == v);
      break;
    case KZTEXT_NAMES_CASE_OP:
    case KZTEXT_NAMES_FLAG:
      REQUIRE(v >= 0 && v <= 0x7FFFFFFF);
      break;
    case KZTEXT_NAMES_LAYOUT:
      REQUIRE(v >= 0 && v < 4096);
      break;
    default:
      REQUIRE(0);
    }
  } else {
    REQUIRE(v == -12345); /* nothing stored past the end */
  }
  free(s);
  return 0;
}

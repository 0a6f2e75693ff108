/* Fuzz target: the name lookups (schemes, encodings, case languages, repair
 * lists) and the class-to-script map, on arbitrary strings and values.
 * Properties: no crash; a name that is accepted maps back to a name that is
 * accepted again with the same value. */
#include <stdlib.h>
#include <string.h>

#include <kztext.h>

#define REQUIRE(c) do { if (!(c)) __builtin_trap(); } while (0)

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
    REQUIRE(kztext_encoding_from_name(kztext_encoding_name(enc), &again) == KZTEXT_OK && again == enc);
  }
  kztext_lang lang;
  if (kztext_case_lang_from_name(s, &lang) == KZTEXT_OK) REQUIRE((unsigned)lang < KZTEXT_LANG_COUNT);
  unsigned flags = 0;
  (void)kztext_repair_flags_from_names(s, &flags);
  int cls = size ? data[0] : 0;
  REQUIRE(kztext_script_of_class((kztext_script_class)cls) < KZTEXT_SCRIPT_COUNT);
  free(s);
  return 0;
}

/* Version macros, status messages, kztext_free. */
#include <stdio.h>

#include <kztext.h>

#include "harness.h"

int main(void) {
  CHECK_INT(kztext_version(), KZTEXT_VERSION_NUMBER, "runtime version = header version");
  char v[32];
  snprintf(v, sizeof v, "%d.%d.%d", KZTEXT_VERSION_MAJOR, KZTEXT_VERSION_MINOR,
           KZTEXT_VERSION_PATCH);
  CHECK(strcmp(kztext_version_string(), v) == 0, "version string %s vs %s", kztext_version_string(),
        v);
  CHECK(strcmp(KZTEXT_VERSION_STRING, v) == 0, "KZTEXT_VERSION_STRING");
  /* Every status has its own message; unknown values get a fallback. */
  for (int s = KZTEXT_E_INTERNAL; s <= KZTEXT_OK; s++) {
    const char *m = kztext_strerror(s);
    CHECK(m && strcmp(m, "unknown status") != 0, "message for %d", s);
    for (int t = s + 1; t <= KZTEXT_OK; t++)
      CHECK(strcmp(m, kztext_strerror(t)) != 0, "messages %d and %d differ", s, t);
  }
  CHECK(strcmp(kztext_strerror(-999), "unknown status") == 0, "unknown status");
  CHECK(strcmp(kztext_strerror(1), "unknown status") == 0, "positive unknown");
  kztext_free(NULL);
  return t_finish();
}

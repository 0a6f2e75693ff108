/* The pipeline's option checks. */
#include <kztext.h>

#include "harness.h"

static void test_options(void) {
  kztext_pipeline_options o = {.size = sizeof o};
  kztext_pipeline *p = NULL;
  /* AUTO is a source, never a target: refused up front, not "out of memory"
   * at the first Kazakh sentence. */
  o.translit = 1;
  o.translit_to = KZTEXT_SCHEME_AUTO;
  CHECK_INT(kztext_pipeline_new(&o, &p), KZTEXT_E_UNSUPPORTED, "translit to auto");
  CHECK(p == NULL, "no pipeline made");
  o.translit_to = (kztext_scheme)99;
  CHECK_INT(kztext_pipeline_new(&o, &p), KZTEXT_E_INVALID_ARG, "unknown scheme");
  o.translit_to = KZTEXT_SCHEME_LATIN2021;
  CHECK_INT(kztext_pipeline_new(&o, &p), KZTEXT_OK, "latin2021");
  kztext_pipeline_free(p);
}

int main(void) {
  test_options();
  return t_finish();
}

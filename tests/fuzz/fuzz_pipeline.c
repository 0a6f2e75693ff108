/* Fuzz target: the pipeline.  The first byte picks the options (encoding,
 * segmentation language, transliteration, flags).  Properties: no crash;
 * sentences come in order, inside the normalized text, and non-empty; each
 * has a named role exactly when roles were asked for; the
 * boundary function cuts after a blank line. */
#include <stdlib.h>
#include <string.h>

#include <kztext.h>

#define REQUIRE(c)                                                                                 \
  do {                                                                                             \
    if (!(c)) __builtin_trap();                                                                    \
  } while (0)

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

typedef struct {
  size_t last_end, para, n;
  int roles;
} seen;

static int check(void *user, const kztext_sentence *s) {
  seen *v = user;
  REQUIRE(s->start < s->end && s->end <= s->normalized_len);
  REQUIRE(s->start >= v->last_end && s->para >= v->para);
  REQUIRE(s->text == s->normalized + s->start && s->len == s->end - s->start);
  REQUIRE(kztext_utf8_validate(s->text, s->len, NULL) == KZTEXT_OK);
  REQUIRE(kztext_lang_name(s->lang) != NULL);
  REQUIRE(kztext_role_name(s->role) != NULL);
  REQUIRE((s->role != KZTEXT_ROLE_NONE) == v->roles);
  if (s->translit) REQUIRE(kztext_utf8_validate(s->translit, s->translit_len, NULL) == KZTEXT_OK);
  v->last_end = s->end;
  v->para = s->para;
  v->n++;
  return v->n > 100000; /* also exercises stopping */
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size) {
  if (size < 1) return 0;
  unsigned sel = data[0];
  kztext_pipeline_options o = {0};
  o.size = sizeof o;
  static const kztext_encoding encs[] = {KZTEXT_ENC_AUTO, KZTEXT_ENC_UTF8, KZTEXT_ENC_CP1251,
                                         KZTEXT_ENC_RK1048};
  o.encoding = encs[sel & 3];
  o.lang = (kztext_lang)((sel >> 2) & 3);
  int schemes = 0; /* counted at run time: the API has no count */
  while (kztext_scheme_name((kztext_scheme)schemes))
    schemes++;
  if (sel & 0x10) {
    o.translit = 1;
    o.translit_to = (kztext_scheme)((int)(sel >> 5) % schemes);
  }
  if (sel & 0x80) o.flags |= KZTEXT_INVALID_REPLACE | KZTEXT_PIPELINE_LINES;
  /* The last byte's low bit asks for line roles. */
  int roles = size > 1 && (data[size - 1] & 1);
  if (roles) o.flags |= KZTEXT_PIPELINE_ROLES;
  kztext_pipeline *p;
  if (kztext_pipeline_new(&o, &p) != KZTEXT_OK) return 0;
  const char *s = (const char *)data + 1;
  size--;
  seen v = {0, 0, 0, roles};
  kztext_pipeline_stats st = {.size = sizeof st};
  size_t off = 0;
  kztext_status r = kztext_pipeline_run(p, s, size, check, &v, &st, &off);
  if (r == KZTEXT_OK) REQUIRE(st.sentences == v.n && st.paragraphs <= v.n);
  if (r == KZTEXT_E_INVALID_UTF8 || r == KZTEXT_E_DECODE) REQUIRE(off <= size);
  kztext_pipeline_free(p);
  size_t cut = kztext_pipeline_boundary(s, size);
  REQUIRE(cut <= size);
  REQUIRE(kztext_role_name((kztext_role)(sel & 7)) != NULL || (sel & 7) == 7);
  if (cut) REQUIRE(cut >= 2 && s[cut - 1] == '\n');
  return 0;
}

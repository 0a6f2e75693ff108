/* kztext_case(): Turkic i for Latin Kazakh, Cyrillic, full mappings. */
#include <stdlib.h>
#include <string.h>

#include <kztext.h>

#include "harness.h"

typedef struct {
  const char *what;
  unsigned op;
  kztext_lang lang;
  const char *in, *out;
} ccase;

#define UP KZTEXT_CASE_UPPER
#define LO KZTEXT_CASE_LOWER
#define FO KZTEXT_CASE_FOLD

static const ccase cases[] = {
    {"kk lower: I is dotless", LO, KZTEXT_LANG_KK, "BILIM", "bılım"},
    {"kk lower: İ is i", LO, KZTEXT_LANG_KK, "İNİ", "ini"},
    {"kk upper: i is İ", UP, KZTEXT_LANG_KK, "bilim", "BİLİM"},
    {"kk upper: ı is I", UP, KZTEXT_LANG_KK, "bılım", "BILIM"},
    {"kk fold", FO, KZTEXT_LANG_KK, "BILIM İNİ", "bılım ini"},
    {"kk Cyrillic", UP, KZTEXT_LANG_KK, "қазақ әліпбиі ұлттық", "ҚАЗАҚ ӘЛІПБИІ ҰЛТТЫҚ"},
    {"kk Cyrillic lower", LO, KZTEXT_LANG_KK, "ҚАЗАҚСТАН ӨҢІРІ ҮШІН ҒЫЛЫМ",
     "қазақстан өңірі үшін ғылым"},
    {"en lower", LO, KZTEXT_LANG_EN, "BILIM IS HERE", "bilim is here"},
    {"en upper", UP, KZTEXT_LANG_EN, "bilim", "BILIM"},
    {"ru", LO, KZTEXT_LANG_RU, "ЁЛКА СЪЕЗД", "ёлка съезд"},
    {"ru upper", UP, KZTEXT_LANG_RU, "ёлка", "ЁЛКА"},
    {"full mapping ß", UP, KZTEXT_LANG_EN, "straße", "STRASSE"},
    {"fold ß", FO, KZTEXT_LANG_EN, "Straße", "strasse"},
    {"auto: Turkic letters present", LO, KZTEXT_LANG_AUTO, "QAZAQSTAN İŞI BILIM",
     "qazaqstan işı bılım"},
    {"auto: English", LO, KZTEXT_LANG_AUTO, "IN THE CITY", "in the city"},
    {"auto: Cyrillic", UP, KZTEXT_LANG_AUTO, "білім", "БІЛІМ"},
    {"Greek final sigma", LO, KZTEXT_LANG_EN, "ΟΔΟΣ", "οδος"},
    {"empty", LO, KZTEXT_LANG_KK, "", ""},
};

int main(void) {
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    const ccase *c = &cases[i];
    char *out = NULL;
    size_t n = 0;
    kztext_status st = kztext_case_alloc(c->in, strlen(c->in), c->lang, c->op, &out, &n, NULL);
    CHECK_INT(st, KZTEXT_OK, c->what);
    if (!st) CHECK_STR(out, n, c->out, c->what);
    kztext_free(out);
    size_t need = 0;
    st = kztext_case(c->in, strlen(c->in), c->lang, c->op, NULL, 0, &need, NULL);
    CHECK(st == (need ? KZTEXT_E_BUFFER_TOO_SMALL : KZTEXT_OK), "%s: size query", c->what);
    CHECK_INT(need, strlen(c->out), c->what);
  }
  /* Greek final sigma needs its own check: ς at the end. */
  char *o;
  size_t n, bad = 0;
  CHECK_INT(kztext_case_alloc("ΟΔΟΣ", strlen("ΟΔΟΣ"), KZTEXT_LANG_EN, LO, &o, &n, NULL), KZTEXT_OK,
            "sigma");
  CHECK_STR(o, n, "οδος", "sigma plain");
  kztext_free(o);
  /* Errors. */
  CHECK_INT(kztext_case_alloc("a", 1, KZTEXT_LANG_KK, 0, &o, &n, NULL), KZTEXT_E_INVALID_ARG,
            "no op");
  CHECK_INT(kztext_case_alloc("a", 1, KZTEXT_LANG_KK, UP | LO, &o, &n, NULL), KZTEXT_E_INVALID_ARG,
            "two ops");
  CHECK_INT(kztext_case_alloc("a", 1, KZTEXT_LANG_KK, UP | 0x10000u, &o, &n, NULL),
            KZTEXT_E_INVALID_FLAGS, "unknown bit");
  CHECK_INT(kztext_case_alloc("a", 1, (kztext_lang)9, UP, &o, &n, NULL), KZTEXT_E_INVALID_ARG,
            "lang");
  CHECK_INT(kztext_case_alloc("ab\xC3", 3, KZTEXT_LANG_EN, UP, &o, &n, &bad), KZTEXT_E_INVALID_UTF8,
            "strict");
  CHECK_INT(bad, 2, "offset");
  CHECK_INT(
      kztext_case_alloc("ab\xC3", 3, KZTEXT_LANG_EN, UP | KZTEXT_INVALID_REPLACE, &o, &n, NULL),
      KZTEXT_OK, "replace");
  CHECK_STR(o, n, "AB\xEF\xBF\xBD", "replace output");
  kztext_free(o);
  kztext_lang l;
  CHECK_INT(kztext_case_lang_from_name("kk", &l), KZTEXT_OK, "lang kk");
  CHECK_INT(l, KZTEXT_LANG_KK, "lang kk value");
  CHECK_INT(kztext_case_lang_from_name("xx", &l), KZTEXT_E_UNSUPPORTED, "lang xx");
  return t_finish();
}

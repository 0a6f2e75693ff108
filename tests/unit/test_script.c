/* Script classes, script runs and mixed-script words. */
#include <stdlib.h>
#include <string.h>

#include <kztext.h>

#include "harness.h"

static void test_classes(void) {
  static const struct {
    uint32_t cp;
    kztext_script_class cls;
  } cases[] = {
      {'a', KZTEXT_SC_LATN_ASCII},
      {'Z', KZTEXT_SC_LATN_ASCII},
      {'7', KZTEXT_SC_DIGIT},
      {' ', KZTEXT_SC_SPACE},
      {'\n', KZTEXT_SC_SPACE},
      {0x00A0, KZTEXT_SC_SPACE},
      {',', KZTEXT_SC_PUNCT},
      {0x00AB, KZTEXT_SC_PUNCT}, /* « */
      {'\'', KZTEXT_SC_APOSTROPHE},
      {0x2019, KZTEXT_SC_APOSTROPHE},
      {0x02BC, KZTEXT_SC_APOSTROPHE},
      {0x04D9, KZTEXT_SC_CYRL_KK}, /* ә */
      {0x0492, KZTEXT_SC_CYRL_KK},
      {0x049B, KZTEXT_SC_CYRL_KK}, /* Ғ қ */
      {0x04A3, KZTEXT_SC_CYRL_KK},
      {0x04E9, KZTEXT_SC_CYRL_KK}, /* ң ө */
      {0x04B1, KZTEXT_SC_CYRL_KK},
      {0x04AF, KZTEXT_SC_CYRL_KK}, /* ұ ү */
      {0x04BB, KZTEXT_SC_CYRL_KK},
      {0x0456, KZTEXT_SC_CYRL_KK}, /* һ і */
      {0x0406, KZTEXT_SC_CYRL_KK},
      {0x0451, KZTEXT_SC_CYRL_RU}, /* І ё */
      {0x0446, KZTEXT_SC_CYRL_RU},
      {0x044A, KZTEXT_SC_CYRL_RU}, /* ц ъ */
      {0x044D, KZTEXT_SC_CYRL_RU},
      {0x0430, KZTEXT_SC_CYRL_SHARED}, /* э а */
      {0x042F, KZTEXT_SC_CYRL_SHARED},
      {0x0457, KZTEXT_SC_CYRL_OTHER}, /* Я ї */
      {0x0497, KZTEXT_SC_CYRL_OTHER},
      {0x0483, KZTEXT_SC_MARK}, /* җ, titlo */
      {0x00E4, KZTEXT_SC_LATN_KK2021},
      {0x011F, KZTEXT_SC_LATN_KK2021}, /* ä ğ */
      {0x00F1, KZTEXT_SC_LATN_KK2021},
      {0x015F, KZTEXT_SC_LATN_KK2021}, /* ñ ş */
      {0x016B, KZTEXT_SC_LATN_KK2021},
      {0x00DC, KZTEXT_SC_LATN_KK2021}, /* ū Ü */
      {0x0130, KZTEXT_SC_LATN_KK2021},
      {0x00F6, KZTEXT_SC_LATN_KK2021}, /* İ ö */
      {0x0131, KZTEXT_SC_LATN_KK_DOTLESS},
      {0x00E1, KZTEXT_SC_LATN_KK2018}, /* ı á */
      {0x01F5, KZTEXT_SC_LATN_KK2018},
      {0x0144, KZTEXT_SC_LATN_KK2018}, /* ǵ ń */
      {0x00F3, KZTEXT_SC_LATN_KK2018},
      {0x00FA, KZTEXT_SC_LATN_KK2018}, /* ó ú */
      {0x00FD, KZTEXT_SC_LATN_KK2018},
      {0x00E9, KZTEXT_SC_LATN_OTHER}, /* ý é */
      {0x00D7, KZTEXT_SC_PUNCT},
      {0x06CB, KZTEXT_SC_ARAB_KK}, /* × ۋ */
      {0x06C7, KZTEXT_SC_ARAB_KK},
      {0x06D5, KZTEXT_SC_ARAB_KK}, /* ۇ ە */
      {0x06AD, KZTEXT_SC_ARAB_KK},
      {0x0674, KZTEXT_SC_ARAB_KK}, /* ڭ ٴ */
      {0x0628, KZTEXT_SC_ARAB},
      {0x060C, KZTEXT_SC_PUNCT}, /* ب ، */
      {0x0661, KZTEXT_SC_DIGIT},
      {0x4E2D, KZTEXT_SC_HAN}, /* ١ 中 */
      {0x20000, KZTEXT_SC_HAN},
      {0x03B1, KZTEXT_SC_OTHER}, /* α */
      {0x110000, KZTEXT_SC_OTHER},
      {0xFFFFFFFF, KZTEXT_SC_OTHER},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    char what[64];
    snprintf(what, sizeof what, "class of U+%04X", (unsigned)cases[i].cp);
    CHECK_INT(kztext_script_class_of(cases[i].cp), cases[i].cls, what);
  }
  CHECK_INT(kztext_script_of_class(KZTEXT_SC_CYRL_KK), KZTEXT_SCRIPT_CYRL, "script of cyrl_kk");
  CHECK_INT(kztext_script_of_class(KZTEXT_SC_APOSTROPHE), KZTEXT_SCRIPT_COMMON, "apostrophe");
  CHECK_INT(kztext_script_of_class(KZTEXT_SC_ARAB_KK), KZTEXT_SCRIPT_ARAB, "arab_kk");
  CHECK_INT(kztext_script_of_class((kztext_script_class)99), KZTEXT_SCRIPT_OTHER, "bad class");
  CHECK(!strcmp(kztext_script_class_name(KZTEXT_SC_LATN_KK2018), "latn_kk2018"), "class name");
  CHECK(kztext_script_class_name((kztext_script_class)99) == NULL, "unknown class: NULL");
  CHECK(!strcmp(kztext_script_name(KZTEXT_SCRIPT_HAN), "Hani"), "script name");
}

typedef struct {
  size_t start, end;
  kztext_script script;
} run_t;

static void check_runs(const char *text, const run_t *want, size_t nwant) {
  kztext_script_run runs[16];
  size_t n = 99;
  kztext_status st = kztext_script_runs(text, strlen(text), 0, runs, 16, &n, NULL);
  CHECK_INT(st, KZTEXT_OK, text);
  CHECK_INT(n, nwant, text);
  for (size_t i = 0; i < n && i < nwant; i++) {
    CHECK(runs[i].start == want[i].start && runs[i].end == want[i].end &&
              runs[i].script == want[i].script,
          "%s: run %zu = [%zu,%zu) %s, want [%zu,%zu) %s", text, i, runs[i].start, runs[i].end,
          kztext_script_name(runs[i].script), want[i].start, want[i].end,
          kztext_script_name(want[i].script));
  }
}

static void test_runs(void) {
  /* "Қазақстан " is 19 bytes, "Kazakhstan, 2024!" 17. */
  check_runs("Қазақстан Kazakhstan, 2024!",
             (run_t[]){{0, 19, KZTEXT_SCRIPT_CYRL}, {19, 36, KZTEXT_SCRIPT_LATN}}, 2);
  check_runs("  12 abc", (run_t[]){{0, 8, KZTEXT_SCRIPT_LATN}}, 1);
  check_runs("1, 2, 3.", (run_t[]){{0, 8, KZTEXT_SCRIPT_COMMON}}, 1);
  check_runs("", NULL, 0);
  check_runs("中文 и ڭ",
             (run_t[]){{0, 7, KZTEXT_SCRIPT_HAN},
                       {7, 10, KZTEXT_SCRIPT_CYRL},
                       {10, 12, KZTEXT_SCRIPT_ARAB}},
             3);
  check_runs("aαb",
             (run_t[]){{0, 1, KZTEXT_SCRIPT_LATN},
                       {1, 3, KZTEXT_SCRIPT_OTHER},
                       {3, 4, KZTEXT_SCRIPT_LATN}},
             3);
  /* Kazakh letters in the U+0480-04BF block take the slow path. */
  check_runs("ғұ", (run_t[]){{0, 4, KZTEXT_SCRIPT_CYRL}}, 1);

  /* Buffer too small reports the count; NULL with cap 0 asks for it. */
  size_t n = 0;
  CHECK_INT(kztext_script_runs("ab вг", 7, 0, NULL, 0, &n, NULL), KZTEXT_E_BUFFER_TOO_SMALL,
            "size query");
  CHECK_INT(n, 2, "size query count");
  kztext_script_run one[1];
  CHECK_INT(kztext_script_runs("ab вг", 7, 0, one, 1, &n, NULL), KZTEXT_E_BUFFER_TOO_SMALL,
            "too small");
  CHECK_INT(one[0].end, 3, "first run still written");

  /* Invalid UTF-8. */
  size_t off = 0;
  CHECK_INT(kztext_script_runs("ab\xC3(", 4, 0, NULL, 0, &n, &off), KZTEXT_E_INVALID_UTF8,
            "strict");
  CHECK_INT(off, 2, "error offset");
  kztext_script_run r3[4];
  CHECK_INT(kztext_script_runs("ab\xD0", 3, KZTEXT_INVALID_REPLACE, r3, 4, &n, NULL), KZTEXT_OK,
            "replace");
  CHECK_INT(n, 2, "replace runs");
  CHECK_INT(r3[1].script, KZTEXT_SCRIPT_OTHER, "ill-formed is other");
  /* Ill-formed bytes inside a long Cyrillic run (the 8-byte skip) are found. */
  static const struct {
    const char *s;
    size_t off;
  } bad[] = {
      {"абвгдежз\xD0\xD0"
       "абвгдежз",
       16}, /* lead byte followed by a lead */
      {"абвгдежз\xB0"
       "абвгдежз",
       16},                   /* stray continuation */
      {"абв гдеж\xD1", 15},   /* truncated at the end */
      {"абвгд\xD0 жзий", 10}, /* lead byte followed by a space */
  };
  for (size_t k = 0; k < sizeof bad / sizeof *bad; k++) {
    off = 0;
    CHECK_INT(kztext_script_runs(bad[k].s, strlen(bad[k].s), 0, NULL, 0, &n, &off),
              KZTEXT_E_INVALID_UTF8, bad[k].s);
    CHECK_INT(off, bad[k].off, "offset inside a Cyrillic run");
  }
  /* U+0482-0489 (sign, combining marks) inside Cyrillic stay in the run. */
  check_runs("а\u0483б ҂ в", (run_t[]){{0, 12, KZTEXT_SCRIPT_CYRL}}, 1);
  CHECK_INT(kztext_script_runs("a", 1, 0x100, NULL, 0, &n, NULL), KZTEXT_E_INVALID_FLAGS, "flags");
  CHECK_INT(kztext_script_runs(NULL, 1, 0, NULL, 0, &n, NULL), KZTEXT_E_INVALID_ARG, "NULL src");

  kztext_script_run *ar = NULL;
  CHECK_INT(kztext_script_runs_alloc("Алма apple", 15, 0, &ar, &n, NULL), KZTEXT_OK, "alloc");
  CHECK_INT(n, 2, "alloc count");
  CHECK(ar && ar[1].script == KZTEXT_SCRIPT_LATN, "alloc runs");
  kztext_free(ar);
}

static void test_mixed_words(void) {
  /* "Aқпарат": Latin A + Cyrillic; "Kaзakhstan": Cyrillic з in Latin. */
  const char *t = "Aқпарат және Kaзakhstan, also ТОO and Сoca";
  kztext_mixed_word w[8];
  size_t n = 0;
  CHECK_INT(kztext_mixed_script_words(t, strlen(t), 0, w, 8, &n, NULL), KZTEXT_OK, "mixed");
  CHECK_INT(n, 4, "mixed count");
  if (n == 4) {
    CHECK_INT(w[0].start, 0, "w0 start");
    CHECK_INT(w[0].end, 13, "w0 end");
    CHECK_INT(w[0].intended, KZTEXT_SCRIPT_CYRL, "Aқпарат is Cyrillic");
    CHECK_INT(w[0].latn_letters, 1, "one Latin letter");
    CHECK_INT(w[1].intended, KZTEXT_SCRIPT_LATN, "Kaзakhstan is Latin");
    /* ТОO: all look-alikes, more Cyrillic letters. */
    CHECK_INT(w[2].intended, KZTEXT_SCRIPT_CYRL, "ТОO");
    /* Сoca: all look-alikes; 3 Latin letters to 1 Cyrillic. */
    CHECK_INT(w[3].intended, KZTEXT_SCRIPT_LATN, "Сoca");
  }
  /* Tie broken by the text's majority script. */
  const char *t2 = "the Сo is here";
  CHECK_INT(kztext_mixed_script_words(t2, strlen(t2), 0, w, 8, &n, NULL), KZTEXT_OK, "tie");
  CHECK_INT(n, 1, "tie count");
  CHECK_INT(w[0].intended, KZTEXT_SCRIPT_LATN, "tie -> Latin text");
  const char *t3 = "бұл Сo жерде";
  CHECK_INT(kztext_mixed_script_words(t3, strlen(t3), 0, w, 8, &n, NULL), KZTEXT_OK, "tie2");
  CHECK_INT(w[0].intended, KZTEXT_SCRIPT_CYRL, "tie -> Cyrillic text");
  /* No mixed words; apostrophe and hyphen joins. */
  const char *t4 = "Qazaqstan Respybli'kasy және ақ-қара";
  CHECK_INT(kztext_mixed_script_words(t4, strlen(t4), 0, w, 8, &n, NULL), KZTEXT_OK, "none");
  CHECK_INT(n, 0, "no mixed words");
  const char *t5 = "ab-вг x'я";
  CHECK_INT(kztext_mixed_script_words(t5, strlen(t5), 0, w, 8, &n, NULL), KZTEXT_OK, "joins");
  CHECK_INT(n, 2, "hyphen and apostrophe join words");
  kztext_mixed_word *aw = NULL;
  CHECK_INT(kztext_mixed_script_words_alloc(t, strlen(t), 0, &aw, &n, NULL), KZTEXT_OK, "alloc");
  CHECK_INT(n, 4, "alloc count");
  kztext_free(aw);
  size_t off = 0;
  CHECK_INT(kztext_mixed_script_words("a\xFF", 2, 0, NULL, 0, &n, &off), KZTEXT_E_INVALID_UTF8,
            "invalid");
  CHECK_INT(off, 1, "invalid offset");
}

int main(void) {
  test_classes();
  test_runs();
  test_mixed_words();
  return t_finish();
}

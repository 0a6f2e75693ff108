/* kztext_decode() and detection: every codepage, BOMs, UTF-16, errors,
 * mojibake, and (when ../shared/data is present) the legacy gate. */
#include <stdlib.h>
#include <string.h>

#include <kztext.h>

#include "harness.h"

#define KK "Қазақстан әлемдегі ең ірі мемлекеттердің бірі, ұлттық құндылықтар маңызды."
#define RU "Съешь же ещё этих мягких французских булок"

typedef struct {
  const char *what;
  kztext_encoding enc;
  const char *bytes;
  const char *text;
} dcase;

static const dcase cases[] = {
    {"rk1048", KZTEXT_ENC_RK1048,
     "\x8D\xE0\xE7\xE0\x9D\xF1\xF2\xE0\xED \xBC\xEB\xE5\xEC\xE4\xE5\xE3\xB3 \xE5\xBE \xB3\xF0\xB3 "
     "\xEC\xE5\xEC\xEB\xE5\xEA\xE5\xF2\xF2\xE5\xF0\xE4\xB3\xBE \xE1\xB3\xF0\xB3, "
     "\xA2\xEB\xF2\xF2\xFB\x9D "
     "\x9D\xA2\xED\xE4\xFB\xEB\xFB\x9D\xF2\xE0\xF0 \xEC\xE0\xBE\xFB\xE7\xE4\xFB.",
     KK},
    {"pt154", KZTEXT_ENC_PT154,
     "\x8D\xE0\xE7\xE0\x9D\xF1\xF2\xE0\xED \xBA\xEB\xE5\xEC\xE4\xE5\xE3\xB3 \xE5\x9C \xB3\xF0\xB3 "
     "\xEC\xE5\xEC\xEB\xE5\xEA\xE5\xF2\xF2\xE5\xF0\xE4\xB3\x9C \xE1\xB3\xF0\xB3, "
     "\xB1\xEB\xF2\xF2\xFB\x9D "
     "\x9D\xB1\xED\xE4\xFB\xEB\xFB\x9D\xF2\xE0\xF0 \xEC\xE0\x9C\xFB\xE7\xE4\xFB.",
     KK},
    {"koi8-r", KZTEXT_ENC_KOI8R,
     "\xF3\xDF\xC5\xDB\xD8 \xD6\xC5 \xC5\xDD\xA3 \xDC\xD4\xC9\xC8 \xCD\xD1\xC7\xCB\xC9\xC8 "
     "\xC6\xD2\xC1\xCE\xC3\xD5\xDA\xD3\xCB\xC9\xC8 \xC2\xD5\xCC\xCF\xCB",
     RU},
    {"ibm866", KZTEXT_ENC_IBM866,
     "\x91\xEA\xA5\xE8\xEC \xA6\xA5 \xA5\xE9\xF1 \xED\xE2\xA8\xE5 \xAC\xEF\xA3\xAA\xA8\xE5 "
     "\xE4\xE0\xA0\xAD\xE6\xE3\xA7\xE1\xAA\xA8\xE5 \xA1\xE3\xAB\xAE\xAA",
     RU},
    {"iso-8859-5", KZTEXT_ENC_ISO8859_5,
     "\xC1\xEA\xD5\xE8\xEC \xD6\xD5 \xD5\xE9\xF1 \xED\xE2\xD8\xE5 \xDC\xEF\xD3\xDA\xD8\xE5 "
     "\xE4\xE0\xD0\xDD\xE6\xE3\xD7\xE1\xDA\xD8\xE5 \xD1\xE3\xDB\xDE\xDA",
     RU},
    {"cp1251", KZTEXT_ENC_CP1251,
     "\xD1\xFA\xE5\xF8\xFC \xE6\xE5 \xE5\xF9\xB8 \xFD\xF2\xE8\xF5 \xEC\xFF\xE3\xEA\xE8\xF5 "
     "\xF4\xF0\xE0\xED\xF6\xF3\xE7\xF1\xEA\xE8\xF5 \xE1\xF3\xEB\xEE\xEA",
     RU},
    {"utf-8", KZTEXT_ENC_UTF8, KK, KK},
    {"utf-8 with BOM", KZTEXT_ENC_UTF8, "\xEF\xBB\xBF" KK, KK},
};

static void test_cases(void) {
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    const dcase *c = &cases[i];
    size_t len = strlen(c->bytes), n = 0;
    char *out = NULL;
    kztext_decode_info info = {sizeof info, 0, 0, 0, 0, 0};
    /* Named. */
    CHECK_INT(kztext_decode_alloc(c->bytes, len, c->enc, 0, &out, &n, &info, NULL), KZTEXT_OK,
              c->what);
    if (out) CHECK_STR(out, n, c->text, c->what);
    kztext_free(out);
    /* Detected. */
    out = NULL;
    CHECK_INT(kztext_decode_alloc(c->bytes, len, KZTEXT_ENC_AUTO, 0, &out, &n, &info, NULL),
              KZTEXT_OK, c->what);
    CHECK(info.encoding == c->enc, "%s: detected %s", c->what, kztext_encoding_name(info.encoding));
    CHECK(info.confidence > 0 && info.confidence <= 100, "%s: confidence %d", c->what,
          info.confidence);
    if (out) CHECK_STR(out, n, c->text, c->what);
    kztext_free(out);
    /* Caller buffer: size query, then exact fit. */
    size_t need = 0;
    CHECK_INT(kztext_decode(c->bytes, len, c->enc, 0, NULL, 0, &need, NULL, NULL),
              KZTEXT_E_BUFFER_TOO_SMALL, c->what);
    CHECK_INT(need, strlen(c->text), c->what);
    char *buf = malloc(need);
    CHECK_INT(kztext_decode(c->bytes, len, c->enc, 0, buf, need, &need, NULL, NULL), KZTEXT_OK,
              c->what);
    CHECK_MEM(buf, need, c->text, strlen(c->text), c->what);
    free(buf);
  }
}

static void test_utf16(void) {
  /* "Қа😀" in UTF-16 LE and BE with BOMs. */
  static const char le[] = "\xFF\xFE\x9A\x04\x30\x04\x3D\xD8\x00\xDE";
  static const char be[] = "\xFE\xFF\x04\x9A\x04\x30\xD8\x3D\xDE\x00";
  char *out;
  size_t n;
  kztext_decode_info info = {sizeof info, 0, 0, 0, 0, 0};
  CHECK_INT(kztext_decode_alloc(le, 10, KZTEXT_ENC_AUTO, 0, &out, &n, &info, NULL), KZTEXT_OK,
            "le");
  CHECK_STR(out, n, "Қа\xF0\x9F\x98\x80", "le text");
  CHECK_INT(info.encoding, KZTEXT_ENC_UTF16LE, "le detected");
  CHECK_INT(info.bom, 1, "le bom");
  kztext_free(out);
  CHECK_INT(kztext_decode_alloc(be, 10, KZTEXT_ENC_UTF16, 0, &out, &n, &info, NULL), KZTEXT_OK,
            "be");
  CHECK_STR(out, n, "Қа\xF0\x9F\x98\x80", "be text");
  kztext_free(out);
  size_t bad = 0;
  CHECK_INT(
      kztext_decode_alloc("\xFF\xFE\x00\xD8\x41\x00", 6, KZTEXT_ENC_AUTO, 0, &out, &n, NULL, &bad),
      KZTEXT_E_DECODE, "lone surrogate");
  CHECK_INT(bad, 2, "lone surrogate offset");
  CHECK_INT(kztext_decode_alloc("\xFF\xFE\x00\xD8\x41\x00\x42", 7, KZTEXT_ENC_AUTO,
                                KZTEXT_INVALID_REPLACE, &out, &n, NULL, &bad),
            KZTEXT_OK, "replace");
  CHECK_STR(out, n,
            "\xEF\xBF\xBD"
            "A\xEF\xBF\xBD",
            "replace text");
  kztext_free(out);
}

static void test_errors(void) {
  char *out;
  size_t n, bad = 0;
  CHECK_INT(kztext_decode_alloc("ab\x98"
                                "c",
                                4, KZTEXT_ENC_CP1251, 0, &out, &n, NULL, &bad),
            KZTEXT_E_DECODE, "cp1251 0x98");
  CHECK_INT(bad, 2, "cp1251 offset");
  CHECK_INT(kztext_decode_alloc("ab\x98"
                                "c",
                                4, KZTEXT_ENC_CP1251, KZTEXT_INVALID_REPLACE, &out, &n, NULL, NULL),
            KZTEXT_OK, "cp1251 replace");
  CHECK_STR(out, n,
            "ab\xEF\xBF\xBD"
            "c",
            "cp1251 replace text");
  kztext_free(out);
  CHECK_INT(kztext_decode_alloc("\xEF\xBB\xBFq\xC3", 5, KZTEXT_ENC_UTF8, 0, &out, &n, NULL, &bad),
            KZTEXT_E_INVALID_UTF8, "utf-8");
  CHECK_INT(bad, 4, "utf-8 offset counts the BOM");
  CHECK_INT(kztext_decode_alloc("a", 1, (kztext_encoding)77, 0, &out, &n, NULL, NULL),
            KZTEXT_E_INVALID_ARG, "bad enum");
  CHECK_INT(kztext_decode_alloc("a", 1, KZTEXT_ENC_AUTO, 0x100u, &out, &n, NULL, NULL),
            KZTEXT_E_INVALID_FLAGS, "bad flag");
  CHECK_INT(kztext_decode_alloc(NULL, 0, KZTEXT_ENC_AUTO, 0, &out, &n, NULL, NULL), KZTEXT_OK,
            "empty");
  CHECK_INT(n, 0, "empty length");
  kztext_free(out);
  kztext_encoding e;
  CHECK_INT(kztext_encoding_from_name("Windows-1251", &e), KZTEXT_OK, "alias");
  CHECK_INT(e, KZTEXT_ENC_CP1251, "alias value");
  CHECK_INT(kztext_encoding_from_name("KZ-1048", &e), KZTEXT_OK, "kz-1048");
  CHECK_INT(e, KZTEXT_ENC_RK1048, "kz-1048 value");
  CHECK_INT(kztext_encoding_from_name("mac-kazakh", &e), KZTEXT_E_UNSUPPORTED, "unknown");
  CHECK(kztext_encoding_name((kztext_encoding)42) == NULL, "unknown name");
}

static void test_mojibake(void) {
  const char *moj = "Ќазаќстан јлемдегі еѕ ірі";
  char *out;
  size_t n;
  kztext_decode_info info = {sizeof info, 0, 0, 0, 0, 0};
  CHECK_INT(kztext_decode_alloc(moj, strlen(moj), KZTEXT_ENC_AUTO, 0, &out, &n, &info, NULL),
            KZTEXT_OK, "moj");
  CHECK_STR(out, n, "Қазақстан әлемдегі ең ірі", "moj restored");
  CHECK_INT(info.mojibake_source, KZTEXT_ENC_RK1048, "moj source");
  CHECK_INT(info.mojibake, 3, "moj count");
  kztext_free(out);
  CHECK_INT(kztext_decode_alloc(moj, strlen(moj), KZTEXT_ENC_AUTO, KZTEXT_DECODE_NO_REPAIR, &out,
                                &n, &info, NULL),
            KZTEXT_OK, "no repair");
  CHECK_STR(out, n, moj, "no repair keeps it");
  CHECK_INT(info.mojibake, 0, "no repair count");
  kztext_free(out);
  /* CP1251 bytes of UTF-8 mojibake, decoded as CP1251, are restored too. */
  const char *raw = "\xD0\xA0\xC2\xB0\xD0\xA0\xC2\xB7\xD0\xA0\xC2\xB0";
  CHECK_INT(kztext_decode_alloc(raw, strlen(raw), KZTEXT_ENC_UTF8, 0, &out, &n, &info, NULL),
            KZTEXT_OK, "u8");
  CHECK_STR(out, n, "аза", "utf-8 mojibake restored");
  CHECK_INT(info.mojibake_source, KZTEXT_ENC_UTF8, "utf-8 mojibake source");
  kztext_free(out);
}

/* kztext_decode() finds mojibake in one pass over the codepage bytes when
 * the caller's buffer has room for the worst case, else with a separate
 * scan; both must agree with the repair stage.  In ISO-8859-5, byte 0x98
 * is U+0098, which the repair reads as CP1251's 0x98 (a UTF-8 continuation
 * byte): "Р" U+0098 is the mojibake of "И". */
static void test_mojibake_paths(void) {
  static const struct {
    kztext_encoding enc;
    const char *bytes, *text;
  } mc[] = {
      {KZTEXT_ENC_ISO8859_5, "\xC0\x98\xC0\x98\xC0\x98 \xC0\x98\xC0\x98", "ИИИ ИИ"},
      {KZTEXT_ENC_CP1251, "\xD2\x9A\xD0\xB0\xD0\xBB\xD0\xB0 \xD0\xBB\xD0\xB5\xD1\x81", "Қала лес"},
      {KZTEXT_ENC_CP1251, "\x8D\xE0\xE7\xE0\x9D \xBC\xEB\xE5\xEC", "Қазақ әлем"},
  };
  for (size_t i = 0; i < sizeof mc / sizeof *mc; i++) {
    size_t len = strlen(mc[i].bytes), n = 0;
    char big[256], tight[256];
    CHECK_INT(kztext_decode(mc[i].bytes, len, mc[i].enc, 0, big, 3 * len + 4, &n, NULL, NULL),
              KZTEXT_OK, "one pass");
    CHECK_STR(big, n, mc[i].text, "one pass");
    /* Room for the output only: the path with the separate scan. */
    size_t want = strlen(mc[i].text);
    CHECK(want < 3 * len + 4, "case %zu must fit below the one-pass size", i);
    CHECK_INT(kztext_decode(mc[i].bytes, len, mc[i].enc, 0, tight, want, &n, NULL, NULL), KZTEXT_OK,
              "sized");
    CHECK_STR(tight, n, mc[i].text, "sized");
  }
}

/* The gate: every file of shared/data/legacy decodes with auto detection
 * to its UTF-8 reference byte for byte. */
static void test_legacy(void) {
  static const struct {
    const char *file, *ref;
    int prefix;
  } gate[] = {
      {"kk.rk1048.txt", "kk.utf8.txt", 0},
      {"kk.pt154.txt", "kk.utf8.txt", 0},
      {"kk.rk1048-read-as-cp1251.txt", "kk.utf8.txt", 0},
      {"kk.utf8-read-as-cp1251.txt", "kk.utf8.txt", 1},
      {"kk.utf8.txt", "kk.utf8.txt", 0},
      {"ru.cp1251.txt", "ru.cp1251.utf8.txt", 0},
      {"ru.koi8r.txt", "ru.koi8r.utf8.txt", 0},
      {"ru.cp1251.utf8.txt", "ru.cp1251.utf8.txt", 0},
      {"ru.koi8r.utf8.txt", "ru.koi8r.utf8.txt", 0},
  };
  for (size_t i = 0; i < sizeof gate / sizeof *gate; i++) {
    char path[1024];
    size_t len, rlen;
    snprintf(path, sizeof path, "%s/legacy/%s", KZTEXT_SHARED_DATA, gate[i].file);
    char *data = t_read_file(path, &len);
    snprintf(path, sizeof path, "%s/legacy/%s", KZTEXT_SHARED_DATA, gate[i].ref);
    char *ref = t_read_file(path, &rlen);
    if (!data || !ref) {
      SKIP("%s/legacy not found", KZTEXT_SHARED_DATA);
      free(data);
      free(ref);
      return;
    }
    char *out = NULL;
    size_t n = 0;
    CHECK_INT(kztext_decode_alloc(data, len, KZTEXT_ENC_AUTO, 0, &out, &n, NULL, NULL), KZTEXT_OK,
              gate[i].file);
    /* The UTF-8 mojibake sample holds the first part of the reference. */
    if (gate[i].prefix && n < rlen) rlen = n;
    CHECK(out && n == rlen && !memcmp(out, ref, n), "%s: differs from %s", gate[i].file,
          gate[i].ref);
    kztext_free(out);
    free(data);
    free(ref);
  }
}

/* The report behind a guess: a weak single-byte guess is not sure, real
 * codepage text and damaged UTF-8 are. */
static void test_report(void) {
  kztext_encoding_report r = {.size = sizeof r};
  /* Two stray bytes in ASCII: nothing to tell a codepage by. */
  const char stray[] = "abc \xC0\xAF def\n";
  CHECK_INT(kztext_detect_encoding_report(stray, sizeof stray - 1, &r), KZTEXT_OK, "stray");
  CHECK_INT(r.sure, 0, "stray bytes are not a sure codepage");
  CHECK_INT(r.first_non_ascii, 4, "first non-ASCII byte");
  CHECK(r.second != KZTEXT_ENC_AUTO && r.second != r.encoding, "a runner-up is named");
  /* A CP1251 Russian sentence of our own, long enough to judge. */
  const char cp1251[] = "\xcd\xee\xe2\xee\xf1\xf2\xe8 \xe4\xed\xff: \xe2 \xe3\xee\xf0\xee\xe4\xe5 "
                        "\xee\xf2\xea\xf0\xfb\xeb\xe8 \xed\xee\xe2\xf3\xfe \xe1\xe8\xe1\xeb\xe8"
                        "\xee\xf2\xe5\xea\xf3 \xe8 \xef\xe0\xf0\xea.\n";
  r.size = sizeof r;
  CHECK_INT(kztext_detect_encoding_report(cp1251, sizeof cp1251 - 1, &r), KZTEXT_OK, "cp1251");
  CHECK_INT(r.encoding, KZTEXT_ENC_CP1251, "cp1251 guessed");
  CHECK_INT(r.sure, 1, "a sentence of cp1251 is sure");
  CHECK(r.evidence >= 8, "evidence counted: %zu", r.evidence);
  /* UTF-8 with one stray byte among many good sequences: UTF-8 with errors. */
  char mixed[256];
  size_t n = 0;
  for (int i = 0; i < 20; i++) {
    memcpy(mixed + n, "\xd2\x9b\xd0\xb0 ", 5);
    n += 5;
  }
  mixed[n++] = (char)0xFF;
  mixed[n++] = ' '; /* in the middle: a cut sequence at the very end is not counted */
  r.size = sizeof r;
  CHECK_INT(kztext_detect_encoding_report(mixed, n, &r), KZTEXT_OK, "mixed");
  CHECK_INT(r.encoding, KZTEXT_ENC_UTF8, "damaged UTF-8 stays UTF-8");
  CHECK_INT(r.sure, 1, "damaged UTF-8 is sure");
  CHECK_INT(r.invalid_utf8, 1, "one ill-formed sequence");
  /* A BOM, and the struct-size contract. */
  r.size = sizeof r;
  CHECK_INT(kztext_detect_encoding_report("\xFF\xFE"
                                          "a\0",
                                          4, &r),
            KZTEXT_OK, "bom");
  CHECK_INT(r.encoding, KZTEXT_ENC_UTF16LE, "utf-16le by its BOM");
  r.size = 0;
  CHECK_INT(kztext_detect_encoding_report("a", 1, &r), KZTEXT_E_INVALID_ARG, "size 0");
  CHECK_INT(kztext_detect_encoding_report("a", 1, NULL), KZTEXT_E_INVALID_ARG, "NULL report");
  /* An old caller's smaller struct: only the fields that fit are written. */
  struct {
    size_t size;
    kztext_encoding encoding;
    int confidence;
  } old = {sizeof old, 0, 0};
  CHECK_INT(
      kztext_detect_encoding_report(cp1251, sizeof cp1251 - 1, (kztext_encoding_report *)&old),
      KZTEXT_OK, "old struct");
  CHECK_INT(old.encoding, KZTEXT_ENC_CP1251, "old struct filled");
}

int main(void) {
  test_report();
  test_cases();
  test_utf16();
  test_errors();
  test_mojibake();
  test_mojibake_paths();
  test_legacy();
  return t_finish();
}

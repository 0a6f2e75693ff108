/* kztext_repair(): each repair on its own and together, idempotency,
 * clean text untouched, reports, buffer and error conventions. */
#include <stdlib.h>
#include <string.h>

#include <kztext.h>

#include "cases.h"
#include "harness.h"

#define H KZTEXT_REPAIR_HOMOGLYPHS
#define I KZTEXT_REPAIR_INVISIBLE
#define S KZTEXT_REPAIR_SPACES
#define M KZTEXT_REPAIR_MOJIBAKE
#define A KZTEXT_REPAIR_ALL
#define K KZTEXT_REPAIR_KEY
#define D KZTEXT_REPAIR_DIGIT_SPACE

typedef struct {
  const char *what;
  unsigned flags;
  const char *in, *out;
} rcase;

static const rcase cases[] = {
    /* homoglyphs */
    {"Latin a in a Kazakh word", H, "Қaзaқ елі", "Қазақ елі"},
    {"Latin schwa", H, "əлем, Əлия", "әлем, Әлия"},
    {"Latin i in a Kazakh word", H, "бiз бiрге", "біз бірге"},
    {"En with tail", H, "таӊ, ӉАҚ", "таң, ҢАҚ"},
    {"KazNLP example", A, "Қайыpлы таӊ! Ə\xE2\x80\x8Bнші бaлааапaн", "Қайырлы таң! Әнші балааапан"},
    {"Cyrillic a in a Latin word", H, "Kаzakhstan", "Kazakhstan"},
    {"Cyrillic capital in an English word", H, "Мining and Сity", "Mining and City"},
    {"Roman numeral typed with Cyrillic Х", H, "ХIХ ғасыр, ХVI", "XIX ғасыр, XVI"},
    {"look-alikes only follow the context", H, "ТOO «Нұр» серіктестігі", "ТОО «Нұр» серіктестігі"},
    {"Latin Kazakh 2021 untouched", H, "Qazaqstan Respublikasy BILIM",
     "Qazaqstan Respublikasy BILIM"},
    {"Latin Kazakh 2018 untouched", H, "Respýblıkasy Almaty", "Respýblıkasy Almaty"},
    {"acronym with a Kazakh suffix", H, "BBCге, CNNнің", "BBCге, CNNнің"},
    {"native letters in both scripts", H, "iPhoneның", "iPhoneның"},
    {"words run together", H, "жәнеIII", "жәнеIII"},
    {"Cyrillic majority with one Latin letter", H, "Fарс-мажор", "Fарс-мажор"},
    {"URL", H, "http://exаmple.com/бiз", "http://exаmple.com/бiз"},
    {"e-mail", H, "info@бiз.kz", "info@бiз.kz"},
    {"identifier", H, "аb1 x_бiз", "аb1 x_бiз"},
    {"all-Latin look-alikes", H, "COBET TOP", "COBET TOP"},
    {"Russian", H, "теppитоpии облаcти", "территории области"},
    /* invisible */
    {"ZWSP", I,
     "a\xE2\x80\x8B"
     "b",
     "ab"},
    {"soft hyphen", I, "Респуб\xC2\xADликасы", "Республикасы"},
    {"LRM RLM and embeddings", I,
     "\xE2\x80\x8E"
     "a\xE2\x80\x8F\xE2\x80\xAA"
     "b\xE2\x80\xAC",
     "ab"},
    {"BOM inside and at the start", I, "\xEF\xBB\xBFx\xEF\xBB\xBFy", "xy"},
    {"C0 and C1 controls", I,
     "a\x01\x1F"
     "b\xC2\x80\xC2\x9F"
     "c\x7F",
     "abc"},
    {"TAB LF CR kept by invisible", I, "a\tb\r\nc", "a\tb\r\nc"},
    {"ZWJ in emoji kept", I, "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9",
     "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9"},
    {"ZWJ between letters removed", I, "қа\xE2\x80\x8Dзақ", "қазақ"},
    {"ZWNJ kept", I,
     "a\xE2\x80\x8C"
     "b",
     "a\xE2\x80\x8C"
     "b"},
    /* spaces */
    {"NBSP and thin space", S,
     "a\xC2\xA0"
     "b\xE2\x80\x89"
     "c",
     "a b c"},
    {"runs collapse", S, "a   b  c", "a b c"},
    {"line ends", S,
     "a\r\nb\rc\xC2\x85"
     "d\xE2\x80\xA8"
     "e",
     "a\nb\nc\nd\ne"},
    {"digit groups become plain spaces", S,
     "5\xC2\xA0"
     "000 тг",
     "5 000 тг"},
    {"digit groups keep a narrow space", S | D,
     "5\xC2\xA0"
     "000 и 7\xE2\x80\xAF"
     "500",
     "5\xE2\x80\xAF"
     "000 и 7\xE2\x80\xAF"
     "500"},
    {"ZWSP inside a run of spaces", I | S, "a \xE2\x80\x8B b", "a b"},
    {"tabs stay", S, "a\t\tb", "a\t\tb"},
    /* mojibake */
    {"UTF-8 read as CP1251", M,
     "ТљР°Р·Р°Т›СЃС‚Р°РЅ Р\xC2\xA0РµСЃРїСѓР±Р»РёРєР°СЃС‹ вЂ” У™Р»РµРјРґРµРіС– С–СЂС– РµР».",
     "Қазақстан Республикасы — әлемдегі ірі ел."},
    {"UTF-8 read as CP1251, 0x98 lost to U+FFFD", M, "Р\xEF\xBF\xBDР»С–РјРґРµ", "Илімде"},
    {"KZ-1048 read as CP1251", M,
     "Ќазаќстан јлемдегі еѕ ірі мемлекеттердіѕ бірі, ўлттыќ ќўндылыќтар маѕызды.",
     "Қазақстан әлемдегі ең ірі мемлекеттердің бірі, ұлттық құндылықтар маңызды."},
    {"PT154 read as CP1251", M,
     "Ќазаќстан єлемдегі ењ ірі мемлекеттердіњ бірі, ±лттыќ ќ±ндылыќтар мањызды.",
     "Қазақстан әлемдегі ең ірі мемлекеттердің бірі, ұлттық құндылықтар маңызды."},
    {"Ukrainian untouched", M, "Україна, їжак, єдність, ґанок", "Україна, їжак, єдність, ґанок"},
    {"Macedonian untouched", M, "Ќе дојдам, љубов, ѓубре, ѕвезда",
     "Ќе дојдам, љубов, ѓубре, ѕвезда"},
    {"Russian with » after a capital untouched", M, "ООО «ТОВАР» и «МИР»", "ООО «ТОВАР» и «МИР»"},
    {"Kazakh capitals untouched", M, "ҮЗДІГІ ТІРІ ӘКІМІ", "ҮЗДІГІ ТІРІ ӘКІМІ"},
    {"symbols untouched", M, "5±2 µм, ‰", "5±2 µм, ‰"},
    /* search keys */
    {"key: quotes, dashes, ellipsis, case", K, "«Қазақ» — ЕЛ… “Yes” – it’s",
     "\"қазақ\" - ел... \"yes\" - it's"},
    {"key: dotted I", K, "İstanbul ISTANBUL", "istanbul istanbul"},
    {"key with repairs", A | K, "«Қaзaқ»\xC2\xA0—\xC2\xA0ЕЛ", "\"қазақ\" - ел"},
    /* clean text */
    {"clean Kazakh", A, "Қазақстан Республикасы — «әлемдегі» ең ірі 50 елдің бірі.\n",
     "Қазақстан Республикасы — «әлемдегі» ең ірі 50 елдің бірі.\n"},
    {"clean Russian", A, "Госдума приняла закон «О таможенном тарифе» – 2-е чтение…",
     "Госдума приняла закон «О таможенном тарифе» – 2-е чтение…"},
    {"empty", A, "", ""},
};

static void run_case(const rcase *c) {
  size_t in_len = strlen(c->in), n = 0, bad = 0;
  char *out = NULL;
  kztext_repair_report rep = {sizeof rep, 0, 0, 0, 0, 0, 0};
  kztext_status st = kztext_repair_alloc(c->in, in_len, c->flags, &out, &n, &rep, &bad);
  CHECK_INT(st, KZTEXT_OK, c->what);
  if (st) return;
  CHECK_STR(out, n, c->out, c->what);
  size_t changes = rep.homoglyphs + rep.invisible + rep.spaces + rep.mojibake + rep.key;
  CHECK((changes > 0) == (strcmp(c->in, c->out) != 0), "%s: report %zu changes", c->what, changes);
  /* Idempotent: a second pass changes nothing. */
  char *again = NULL;
  size_t n2 = 0;
  CHECK_INT(kztext_repair_alloc(out, n, c->flags, &again, &n2, NULL, NULL), KZTEXT_OK, c->what);
  CHECK_MEM(again, n2, out, n, c->what);
  /* The caller-buffer form agrees, and asks for the size first. */
  size_t need = 0;
  st = kztext_repair(c->in, in_len, c->flags, NULL, 0, &need, NULL, NULL);
  CHECK(st == (n ? KZTEXT_E_BUFFER_TOO_SMALL : KZTEXT_OK), "%s: size query %d", c->what, st);
  CHECK_INT(need, n, c->what);
  char *buf = malloc(n + 1);
  CHECK_INT(kztext_repair(c->in, in_len, c->flags, buf, n, &need, NULL, NULL), KZTEXT_OK, c->what);
  CHECK_MEM(buf, need, out, n, c->what);
  free(buf);
  kztext_free(again);
  kztext_free(out);
}

static void test_reports(void) {
  kztext_repair_report rep = {sizeof rep, 0, 0, 0, 0, 0, 0};
  char *out;
  size_t n;
  CHECK_INT(kztext_repair_alloc("Қaзaқ\xC2\xA0\xE2\x80\x8B бiз",
                                strlen("Қaзaқ\xC2\xA0\xE2\x80\x8B бiз"), A, &out, &n, &rep, NULL),
            KZTEXT_OK, "report");
  CHECK_STR(out, n, "Қазақ біз", "report text");
  CHECK_INT(rep.homoglyphs, 2, "homoglyph words");
  CHECK_INT(rep.invisible, 1, "invisible chars");
  CHECK_INT(rep.spaces, 1, "space runs");
  CHECK_INT(rep.mojibake, 0, "mojibake");
  kztext_free(out);
  const char *moj = "Ќазаќстан јлемдегі еѕ ірі";
  CHECK_INT(kztext_repair_alloc(moj, strlen(moj), M, &out, &n, &rep, NULL), KZTEXT_OK, "kz moj");
  CHECK_INT(rep.mojibake, 3, "mojibake words");
  CHECK_INT(rep.mojibake_source, KZTEXT_ENC_RK1048, "mojibake source");
  kztext_free(out);
  /* A short report struct (an older caller) gets only what fits. */
  struct {
    size_t size, homoglyphs;
  } old = {2 * sizeof(size_t), 99};
  CHECK_INT(
      kztext_repair_alloc("бiз", strlen("бiз"), A, &out, &n, (kztext_repair_report *)&old, NULL),
      KZTEXT_OK, "old report");
  CHECK_INT(old.homoglyphs, 1, "old report field");
  kztext_free(out);
}

static void test_errors(void) {
  char *out = NULL;
  size_t n = 0, bad = 0;
  CHECK_INT(kztext_repair_alloc("a", 1, 0x8u, &out, &n, NULL, NULL), KZTEXT_E_INVALID_FLAGS,
            "policy bits");
  CHECK_INT(kztext_repair_alloc("a", 1, KZTEXT_NORM_NFC, &out, &n, NULL, NULL),
            KZTEXT_E_INVALID_FLAGS, "normalize bits are not repair bits (yet)");
  CHECK_INT(kztext_repair_alloc("ab\xFF"
                                "c",
                                4, A, &out, &n, NULL, &bad),
            KZTEXT_E_INVALID_UTF8, "strict");
  CHECK_INT(bad, 2, "error offset");
  CHECK_INT(kztext_repair_alloc("б\xD0"
                                "i\xC2\xA0x",
                                7, A | KZTEXT_INVALID_REPLACE, &out, &n, NULL, NULL),
            KZTEXT_OK, "replace");
  CHECK_STR(out, n, "б\xEF\xBF\xBDi x", "replace output");
  kztext_free(out);
  CHECK_INT(kztext_repair(NULL, 1, A, NULL, 0, &n, NULL, NULL), KZTEXT_E_INVALID_ARG, "NULL src");
  CHECK_INT(kztext_repair_alloc("a", 1, A, NULL, &n, NULL, NULL), KZTEXT_E_INVALID_ARG, "NULL out");
  CHECK_INT(kztext_repair(NULL, 0, A, NULL, 0, &n, NULL, NULL), KZTEXT_OK, "empty NULL");
  CHECK_INT(n, 0, "empty length");
  /* Embedded NUL is a C0 control. */
  CHECK_INT(kztext_repair_alloc("a\0b", 3, I, &out, &n, NULL, NULL), KZTEXT_OK, "NUL");
  CHECK_STR(out, n, "ab", "NUL removed");
  kztext_free(out);
}

static void test_names(void) {
  unsigned f = 0;
  CHECK_INT(kztext_repair_flags_from_names("homoglyphs,spaces", &f), KZTEXT_OK, "names");
  CHECK_INT(f, H | S, "names bits");
  CHECK_INT(kztext_repair_flags_from_names("all", &f), KZTEXT_OK, "all");
  CHECK_INT(f, A, "all bits");
  CHECK_INT(kztext_repair_flags_from_names("all,key", &f), KZTEXT_OK, "key");
  CHECK_INT(f, A | K, "key bits");
  CHECK_INT(kztext_repair_flags_from_names("invisible,mojibake", &f), KZTEXT_OK, "two");
  CHECK_INT(f, I | M, "two bits");
  CHECK_INT(kztext_repair_flags_from_names("homoglyph", &f), KZTEXT_E_UNSUPPORTED, "unknown");
  /* The repair bits stay clear of the policy and normalize bits. */
  CHECK((A | K | D) & 0xFFFFu ? 0 : 1, "repair bits start at 0x10000");
}

/* Every corpus in shared/data is repaired idempotently. */
static void test_corpus_idempotent(void) {
  static const char *files[] = {"/corpus/kk/kk_apertium-kaz_texts.txt",
                                "/corpus/ru/ru_corus_samples_news.txt",
                                "/corpus/mixed/kk_with_embedded_russian_heuristic.txt"};
  for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
    char path[1024];
    snprintf(path, sizeof path, "%s%s", KZTEXT_SHARED_DATA, files[i]);
    size_t len;
    char *text = t_read_file(path, &len);
    if (!text) {
      SKIP("%s not found", path);
      continue;
    }
    char *once, *twice;
    size_t n1, n2;
    CHECK_INT(kztext_repair_alloc(text, len, A | KZTEXT_INVALID_REPLACE, &once, &n1, NULL, NULL),
              KZTEXT_OK, path);
    CHECK_INT(kztext_repair_alloc(once, n1, A, &twice, &n2, NULL, NULL), KZTEXT_OK, path);
    CHECK(n1 == n2 && !memcmp(once, twice, n1), "%s: not idempotent", path);
    kztext_free(once);
    kztext_free(twice);
    free(text);
  }
}

/* tests/cases/repair.tsv, shared with the CLI and Python tests. */
static void test_case_file(void) {
  size_t len;
  char *buf = t_read_file(KZTEXT_CASES_DIR "/repair.tsv", &len);
  CHECK(buf != NULL, "cannot read %s", KZTEXT_CASES_DIR "/repair.tsv");
  if (!buf) return;
  char *cur = buf, *f[4];
  int rows = 0;
  while (t_next_row(&cur, f, 4) == 4) {
    unsigned flags = 0;
    CHECK_INT(kztext_repair_flags_from_names(f[1], &flags), KZTEXT_OK, f[0]);
    size_t in_len = t_unescape(f[2]), want_len = t_unescape(f[3]);
    char *out = NULL, *again = NULL;
    size_t n = 0, n2 = 0;
    CHECK_INT(kztext_repair_alloc(f[2], in_len, flags, &out, &n, NULL, NULL), KZTEXT_OK, f[0]);
    if (out) CHECK_MEM(out, n, f[3], want_len, f[0]);
    CHECK_INT(kztext_repair_alloc(f[3], want_len, flags, &again, &n2, NULL, NULL), KZTEXT_OK, f[0]);
    if (again)
      CHECK(flags & KZTEXT_REPAIR_KEY || (n2 == want_len && !memcmp(again, f[3], n2)),
            "%s: not idempotent", f[0]);
    kztext_free(out);
    kztext_free(again);
    rows++;
  }
  CHECK(rows >= 30, "only %d rows in repair.tsv", rows);
  free(buf);
}

int main(void) {
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
    run_case(&cases[i]);
  test_case_file();
  test_reports();
  test_errors();
  test_names();
  test_corpus_idempotent();
  return t_finish();
}

/* Language identification: sentences written for this test (not from any
 * evaluation set), one per kind, plus the API contract. */
#include <stdlib.h>
#include <string.h>

#include <kztext.h>

#include "harness.h"

typedef struct lid_case {
  const char *text;
  kztext_lang lang;
  kztext_script script;
  kztext_variant variant;
  int mixed;
} lid_case;

static const lid_case cases[] = {
    /* Kazakh, Cyrillic: with and without the Kazakh-specific letters. */
    {"Біз ертең Алматыға барамыз.", KZTEXT_LANG_KK, KZTEXT_SCRIPT_CYRL, 0, 0},
    {"Мен кітап оқығанды жақсы көремін.", KZTEXT_LANG_KK, KZTEXT_SCRIPT_CYRL, 0, 0},
    {"Сәлем!", KZTEXT_LANG_KK, KZTEXT_SCRIPT_CYRL, 0, 0},
    {"Ол үйде.", KZTEXT_LANG_KK, KZTEXT_SCRIPT_CYRL, 0, 0},
    {"Сонда барлығы тегін болады.", KZTEXT_LANG_KK, KZTEXT_SCRIPT_CYRL, 0, 0},
    /* Russian. */
    {"Мы завтра поедем в Москву.", KZTEXT_LANG_RU, KZTEXT_SCRIPT_CYRL, 0, 0},
    {"Это очень интересная книга.", KZTEXT_LANG_RU, KZTEXT_SCRIPT_CYRL, 0, 0},
    {"Спасибо", KZTEXT_LANG_RU, KZTEXT_SCRIPT_CYRL, 0, 0},
    {"Утро было холодное, и мы долго шли по дороге к станции.", KZTEXT_LANG_RU, KZTEXT_SCRIPT_CYRL,
     0, 0},
    /* A Russian sentence naming a Kazakh order stays Russian. */
    {"Он был награжден орденом «Құрмет» в прошлом году.", KZTEXT_LANG_RU, KZTEXT_SCRIPT_CYRL, 0, 0},
    /* Acronyms belong to no language unless nothing else is there. */
    {"Номер ИНН", KZTEXT_LANG_RU, KZTEXT_SCRIPT_CYRL, 0, 0},
    {"МИНИСТЕРСТВО ФИНАНСОВ", KZTEXT_LANG_RU, KZTEXT_SCRIPT_CYRL, 0, 0},
    {"ҚАЗАҚСТАН РЕСПУБЛИКАСЫНЫҢ ПРЕЗИДЕНТІ", KZTEXT_LANG_KK, KZTEXT_SCRIPT_CYRL, 0, 0},
    {"ҚР ҰҚК хабарлады", KZTEXT_LANG_KK, KZTEXT_SCRIPT_CYRL, 0, 0},
    /* English, with a Latin brand inside Russian counted as Russian. */
    {"We will go to London tomorrow.", KZTEXT_LANG_EN, KZTEXT_SCRIPT_LATN, 0, 0},
    {"This is a very interesting book.", KZTEXT_LANG_EN, KZTEXT_SCRIPT_LATN, 0, 0},
    {"Новая версия Windows вышла вчера.", KZTEXT_LANG_RU, KZTEXT_SCRIPT_CYRL, 0, 0},
    /* Abbreviations, Roman numerals, units and file types in plain a-z
     * carry little evidence: with the prior towards English they stay
     * English; plain a-z Kazakh words still decide for Kazakh. */
    {"Chapter XIV", KZTEXT_LANG_EN, KZTEXT_SCRIPT_LATN, 0, 0},
    {"XIV", KZTEXT_LANG_EN, KZTEXT_SCRIPT_LATN, 0, 0},
    {"05/12/2019 10:30 PM", KZTEXT_LANG_EN, KZTEXT_SCRIPT_LATN, 0, 0},
    {"Report.pdf", KZTEXT_LANG_EN, KZTEXT_SCRIPT_LATN, 0, 0},
    {"12 km", KZTEXT_LANG_EN, KZTEXT_SCRIPT_LATN, 0, 0},
    {"Sabaq bitti.", KZTEXT_LANG_KK, KZTEXT_SCRIPT_LATN, KZTEXT_VARIANT_LATIN2018, 0},
    /* Plain a-z with i after a vowel is й as 2021 writes it (2018: ı). */
    {"Olar jaqsy daiyndaldy.", KZTEXT_LANG_KK, KZTEXT_SCRIPT_LATN, KZTEXT_VARIANT_LATIN2021, 0},
    {"Biz saiysqa qatystyq.", KZTEXT_LANG_KK, KZTEXT_SCRIPT_LATN, KZTEXT_VARIANT_LATIN2021, 0},
    {"Olar jaqsy da\xc4\xb1yndaldy.", KZTEXT_LANG_KK, KZTEXT_SCRIPT_LATN, KZTEXT_VARIANT_LATIN2018,
     0},
    {"Bul jaqsy.", KZTEXT_LANG_KK, KZTEXT_SCRIPT_LATN, KZTEXT_VARIANT_LATIN2018, 0},
    /* Kazakh in the three Latin alphabets. */
    {"Bız erteñ Almatyğa baramyz.", KZTEXT_LANG_KK, KZTEXT_SCRIPT_LATN, KZTEXT_VARIANT_LATIN2021,
     0},
    {"Men kıtap oqyğandy jaqsy köremın.", KZTEXT_LANG_KK, KZTEXT_SCRIPT_LATN,
     KZTEXT_VARIANT_LATIN2021, 0},
    {"Biz erteń Almatyǵa baramyz.", KZTEXT_LANG_KK, KZTEXT_SCRIPT_LATN, KZTEXT_VARIANT_LATIN2018,
     0},
    {"Men kitap oqyǵandy jaqsy kóremin.", KZTEXT_LANG_KK, KZTEXT_SCRIPT_LATN,
     KZTEXT_VARIANT_LATIN2018, 0},
    /* u after a vowel is у, which 2021 writes u and 2018 ý */
    {"Aqtau", KZTEXT_LANG_KK, KZTEXT_SCRIPT_LATN, KZTEXT_VARIANT_LATIN2021, 0},
    {"Aqta\xc3\xbd", KZTEXT_LANG_KK, KZTEXT_SCRIPT_LATN, KZTEXT_VARIANT_LATIN2018, 0},
    /* One word with an ä or á decides the alphabet. */
    {"S\xc3\xa4lem!", KZTEXT_LANG_KK, KZTEXT_SCRIPT_LATN, KZTEXT_VARIANT_LATIN2021, 0},
    {"S\xc3\xa1lem!", KZTEXT_LANG_KK, KZTEXT_SCRIPT_LATN, KZTEXT_VARIANT_LATIN2018, 0},
    {"Biz erten' Almatyg'a baramyz.", KZTEXT_LANG_KK, KZTEXT_SCRIPT_LATN, KZTEXT_VARIANT_LATIN2017,
     0},
    {"Men kitap oqyg'andy jaqsy ko'remin.", KZTEXT_LANG_KK, KZTEXT_SCRIPT_LATN,
     KZTEXT_VARIANT_LATIN2017, 0},
    /* Wikipedia's converter: ï for и with w for у; ï alone (a name) is not it */
    {"Balalar aw\xc4\xb1lda k\xc3\xafno k\xc3\xb6rip, \xc3\xbc\xc3\xbdge qa\xc3\xbdtt\xc4\xb1.",
     KZTEXT_LANG_KK, KZTEXT_SCRIPT_LATN, KZTEXT_VARIANT_MEDIAWIKI, 0},
    {"Ha\xc3\xafti turaly maqala: qalada adamdar k\xc3\xb6p.", KZTEXT_LANG_KK, KZTEXT_SCRIPT_LATN,
     KZTEXT_VARIANT_LATIN2021, 0},
    /* ...and without them, by vowel harmony: ı in back-vowel words (ы), no y but in ya yo yw
     * (MediaWiki); ı in front-vowel words (і) and y for ы (2021) */
    {"Mektep oqw\xc5\x9f\xc4\xb1lar\xc4\xb1 jar\xc4\xb1sqa qat\xc4\xb1st\xc4\xb1.", KZTEXT_LANG_KK,
     KZTEXT_SCRIPT_LATN, KZTEXT_VARIANT_MEDIAWIKI, 0},
    {"Mektep oqu\xc5\x9fylary jarysqa qatysty.", KZTEXT_LANG_KK, KZTEXT_SCRIPT_LATN,
     KZTEXT_VARIANT_LATIN2021, 0},
    {"B\xc3\xbcg\xc4\xb1n kel\xc4\xb1p, s\xc3\xa4lem berd\xc4\xb1.", KZTEXT_LANG_KK,
     KZTEXT_SCRIPT_LATN, KZTEXT_VARIANT_LATIN2021, 0},
    /* ...or by a word with w (у) and a Kazakh letter, which neither English nor 2021 writes */
    {"Betti \xc3\xb6\xc3\xb1"
     "dew",
     KZTEXT_LANG_KK, KZTEXT_SCRIPT_LATN, KZTEXT_VARIANT_MEDIAWIKI, 0},
    {"Twitter jel\xc4\xb1s\xc4\xb1nde jazdy.", KZTEXT_LANG_KK, KZTEXT_SCRIPT_LATN,
     KZTEXT_VARIANT_LATIN2021, 0},
    /* Kazakh in Arabic script. */
    {"\xd8\xa8\xd9\x89\xd8\xb2 \xdb\x95\xd8\xb1\xd8\xaa\xdb\x95\xda\xad "
     "\xd8\xa7\xd9\x84\xd9\x85\xd8\xa7\xd8\xaa\xd9\x89\xd8\xb9\xd8\xa7 "
     "\xd8\xa8\xd8\xa7\xd8\xb1\xd8\xa7\xd9\x85\xd9\x89\xd8\xb2.",
     KZTEXT_LANG_KK, KZTEXT_SCRIPT_ARAB, 0, 0},
    /* Other languages and no evidence. */
    {"Ми завтра поїдемо до Києва, і це буде чудово.", KZTEXT_LANG_UND, KZTEXT_SCRIPT_CYRL, 0, 0},
    {"Эртең биз Бишкекке барабыз жана достор менен жолугабыз.", KZTEXT_LANG_UND, KZTEXT_SCRIPT_CYRL,
     0, 0},
    {"\xe6\x88\x91\xe4\xbb\xac\xe6\x98\x8e\xe5\xa4\xa9\xe5\x8e\xbb\xe5\x8c\x97\xe4\xba\xac\xe3\x80"
     "\x82",
     KZTEXT_LANG_UND, KZTEXT_SCRIPT_HAN, 0, 0},
    {"12345, 678.", KZTEXT_LANG_UND, KZTEXT_SCRIPT_COMMON, 0, 0},
    {"", KZTEXT_LANG_UND, KZTEXT_SCRIPT_COMMON, 0, 0},
    /* Persian: Arabic script with letters Kazakh does not use. */
    {"\xd9\x85\xd8\xa7 \xd9\x81\xd8\xb1\xd8\xaf\xd8\xa7 \xd8\xa8\xd9\x87 "
     "\xd8\xaa\xd9\x87\xd8\xb1\xd8\xa7\xd9\x86 "
     "\xd9\x85\xdb\x8c\xe2\x80\x8c\xd8\xb1\xd9\x88\xdb\x8c\xd9\x85",
     KZTEXT_LANG_UND, KZTEXT_SCRIPT_ARAB, 0, 0},
    /* Code-switching: a Kazakh and a Russian sentence. */
    {"Біз ертең Алматыға барамыз. Мы завтра поедем в Москву и вернёмся в пятницу.", KZTEXT_LANG_RU,
     KZTEXT_SCRIPT_CYRL, 0, 1},
    {"Бүгін жиналыс болады, потому что все уже приехали и ждут.", KZTEXT_LANG_RU,
     KZTEXT_SCRIPT_CYRL, 0, 1},
};

/* The rules of the language guard (src/langid/langid.c), one example of
 * our own each at least, under the rule's name.  conf: the confidence the
 * rule sets, or -1 where the models' evidence sets it. */
typedef struct rule_case {
  const char *rule;
  const char *text;
  kztext_lang lang;
  kztext_script script;
  kztext_variant variant;
  int mixed;
  double conf;
} rule_case;

static const rule_case rule_cases[] = {
    {"cyrillic_counts_double", "Samsung Galaxy телефоны", KZTEXT_LANG_RU, KZTEXT_SCRIPT_CYRL, 0, 0,
     -1},
    {"ru_prior", "Алма", KZTEXT_LANG_RU, KZTEXT_SCRIPT_CYRL, 0, 0, -1},
    {"ru_prior", "ҰҒА ҚР", KZTEXT_LANG_KK, KZTEXT_SCRIPT_CYRL, 0, 0, -1},
    {"other_cyrillic_alphabet", "Їжак і ґудзик", KZTEXT_LANG_UND, KZTEXT_SCRIPT_CYRL, 0, 0, 0.9},
    {"kk_letters_without_core", "Бүгүн күн ачык болот, балдар мектепке барышат эртең менен",
     KZTEXT_LANG_UND, KZTEXT_SCRIPT_CYRL, 0, 0, 0.85},
    /* Kazakh with ң ө ү and none of the rarer letters: no Kyrgyz spelling, so Kazakh */
    {"kk_letters_without_core",
     "Оның жаңа жоспары бойынша төрт жүз отбасы жаңа үй алады, ал мектеп жөндеу жоспарда.",
     KZTEXT_LANG_KK, KZTEXT_SCRIPT_CYRL, 0, 0, -1},
    {"poor_fit", "Монгол хэл дээр бичсэн захидал байна уу", KZTEXT_LANG_UND, KZTEXT_SCRIPT_CYRL, 0,
     0, -1},
    {"poor_fit", "Xqzvbrt wrtkpfft grblznkx vbnmqwrt", KZTEXT_LANG_UND, KZTEXT_SCRIPT_LATN, 0, 0,
     -1},
    {"code_switching", "Біз бүгін кешке театрға барамыз, а вы приедете завтра утром",
     KZTEXT_LANG_KK, KZTEXT_SCRIPT_CYRL, 0, 1, -1},
    {"en_prior", "Ana bar", KZTEXT_LANG_EN, KZTEXT_SCRIPT_LATN, 0, 0, -1},
    {"other_latin_letters", "Čtvrtek je můj oblíbený den", KZTEXT_LANG_UND, KZTEXT_SCRIPT_LATN, 0,
     0, -1},
    {"latin_alphabet", "Men bügın üige baramyn", KZTEXT_LANG_KK, KZTEXT_SCRIPT_LATN,
     KZTEXT_VARIANT_LATIN2021, 0, -1},
    {"latin_alphabet", "Men bugin uige baramyn", KZTEXT_LANG_KK, KZTEXT_SCRIPT_LATN,
     KZTEXT_VARIANT_LATIN2021, 0, -1},
    {"latin_alphabet", "Qalai jaǵdaiyń", KZTEXT_LANG_KK, KZTEXT_SCRIPT_LATN,
     KZTEXT_VARIANT_LATIN2018, 0, -1},
    {"latin_alphabet", "Bu'gin ku'n jyly", KZTEXT_LANG_KK, KZTEXT_SCRIPT_LATN,
     KZTEXT_VARIANT_LATIN2017, 0, -1},
    {"arabic_letters", "بۇگىن اۋا رايى جاقسى", KZTEXT_LANG_KK, KZTEXT_SCRIPT_ARAB, 0, 0, 0.8},
    {"arabic_letters", "سلام علیکم دوستان", KZTEXT_LANG_UND, KZTEXT_SCRIPT_ARAB, 0, 0, -1},
};

static void test_rules(void) {
  for (size_t i = 0; i < sizeof rule_cases / sizeof *rule_cases; i++) {
    const rule_case *c = &rule_cases[i];
    kztext_detect_result r;
    memset(&r, 0, sizeof r);
    r.size = sizeof r;
    CHECK_INT(kztext_detect(c->text, strlen(c->text), 0, &r, NULL), KZTEXT_OK, c->text);
    CHECK(r.lang == c->lang && r.script == c->script && r.variant == c->variant &&
              r.mixed == c->mixed,
          "rule %s: [%s] is %s/%s/'%s' mixed %d, want %s/%s/'%s' mixed %d", c->rule, c->text,
          kztext_lang_name(r.lang), kztext_script_name(r.script), kztext_variant_name(r.variant),
          r.mixed, kztext_lang_name(c->lang), kztext_script_name(c->script),
          kztext_variant_name(c->variant), c->mixed);
    if (c->conf >= 0)
      CHECK(r.confidence > c->conf - 1e-9 && r.confidence < c->conf + 1e-9,
            "rule %s: [%s] confidence %f, want %f", c->rule, c->text, r.confidence, c->conf);
  }
}

static void test_cases(void) {
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    const lid_case *c = &cases[i];
    kztext_detect_result r;
    memset(&r, 0xAB, sizeof r);
    r.size = sizeof r;
    kztext_status st = kztext_detect(c->text, strlen(c->text), 0, &r, NULL);
    CHECK_INT(st, KZTEXT_OK, c->text);
    CHECK(r.lang == c->lang, "%s: lang %s, want %s", c->text, kztext_lang_name(r.lang),
          kztext_lang_name(c->lang));
    CHECK(r.script == c->script, "%s: script %s, want %s", c->text, kztext_script_name(r.script),
          kztext_script_name(c->script));
    CHECK(r.variant == c->variant, "%s: variant '%s', want '%s'", c->text,
          kztext_variant_name(r.variant), kztext_variant_name(c->variant));
    CHECK(r.mixed == c->mixed, "%s: mixed %d, want %d", c->text, r.mixed, c->mixed);
    double sum = 0;
    for (int k = 0; k < KZTEXT_LANG_CAPACITY; k++) {
      CHECK(r.scores[k] >= 0 && r.scores[k] <= 1, "%s: score %d out of range", c->text, k);
      sum += r.scores[k];
    }
    CHECK(sum > 0.999 && sum < 1.001, "%s: scores sum to %f", c->text, sum);
    CHECK(r.confidence >= 0 && r.confidence <= 1, "%s: confidence %f", c->text, r.confidence);
    if (r.mixed) {
      CHECK(r.share[KZTEXT_LANG_KK] > 0.1 && r.share[KZTEXT_LANG_RU] > 0.1, "%s: shares %f %f",
            c->text, r.share[KZTEXT_LANG_KK], r.share[KZTEXT_LANG_RU]);
    }
  }
}

static void test_contract(void) {
  kztext_detect_result r;
  memset(&r, 0, sizeof r);
  /* size not set: refused. */
  CHECK_INT(kztext_detect("abc", 3, 0, &r, NULL), KZTEXT_E_INVALID_ARG, "size 0");
  r.size = sizeof r;
  CHECK_INT(kztext_detect("abc", 3, 0, NULL, NULL), KZTEXT_E_INVALID_ARG, "NULL result");
  CHECK_INT(kztext_detect(NULL, 3, 0, &r, NULL), KZTEXT_E_INVALID_ARG, "NULL src");
  CHECK_INT(kztext_detect(NULL, 0, 0, &r, NULL), KZTEXT_OK, "NULL empty src");
  CHECK_INT(kztext_detect("abc", 3, 0x40, &r, NULL), KZTEXT_E_INVALID_FLAGS, "unknown flag");
  CHECK_INT(kztext_detect("abc", 3, 0x2, &r, NULL), KZTEXT_E_INVALID_FLAGS, "bad policy");
  /* A larger (future) struct is accepted and its size kept. */
  struct {
    kztext_detect_result r;
    char more[32];
  } big;
  memset(&big, 0, sizeof big);
  big.r.size = sizeof big;
  CHECK_INT(kztext_detect("Сәлем", 10, 0, &big.r, NULL), KZTEXT_OK, "larger struct");
  CHECK_INT(big.r.size, sizeof big, "size kept");
  CHECK_INT(big.r.lang, KZTEXT_LANG_KK, "larger struct lang");

  size_t off = 0;
  const char bad[] = "Сәлем \xE2\x28 әлем";
  CHECK_INT(kztext_detect(bad, sizeof bad - 1, 0, &r, &off), KZTEXT_E_INVALID_UTF8, "strict");
  CHECK_INT(off, 11, "error offset");
  CHECK_INT(kztext_detect(bad, sizeof bad - 1, KZTEXT_INVALID_REPLACE, &r, NULL), KZTEXT_OK,
            "replace");
  CHECK_INT(r.lang, KZTEXT_LANG_KK, "replace lang");

  /* NO_MIXED skips the code-switching analysis. */
  const char *mix = "Біз ертең Алматыға барамыз. Мы завтра поедем в Москву и вернёмся в пятницу.";
  r.size = sizeof r;
  CHECK_INT(kztext_detect(mix, strlen(mix), KZTEXT_DETECT_NO_MIXED, &r, NULL), KZTEXT_OK,
            "no mixed");
  CHECK_INT(r.mixed, 0, "no mixed flag");
  CHECK(r.confidence > 0.99, "no mixed: confidence %f from the evidence", r.confidence);

  /* Code-switched text: the scores are the shares, and the confidence is
   * the share of .lang, not the near-certainty of a one-language model. */
  const char *mixes[] = {
      mix,
      "Бүгін жиналыс болады, потому что все уже приехали и ждут.",
      "Министр журналистерге орысша жауап берді: «Работы завершатся к концу года».",
  };
  for (size_t i = 0; i < sizeof mixes / sizeof *mixes; i++) {
    memset(&r, 0, sizeof r);
    r.size = sizeof r;
    CHECK_INT(kztext_detect(mixes[i], strlen(mixes[i]), 0, &r, NULL), KZTEXT_OK, mixes[i]);
    CHECK_INT(r.mixed, 1, mixes[i]);
    CHECK(r.confidence < 0.9 && r.confidence > 0.1, "%s: confidence %f", mixes[i], r.confidence);
    CHECK(r.confidence == r.scores[r.lang], "%s: confidence is the score of .lang", mixes[i]);
    CHECK(r.scores[KZTEXT_LANG_KK] + 1e-9 >=
                  r.share[KZTEXT_LANG_KK] * (1 - r.scores[KZTEXT_LANG_UND]) &&
              r.scores[KZTEXT_LANG_KK] - 1e-9 <=
                  r.share[KZTEXT_LANG_KK] * (1 - r.scores[KZTEXT_LANG_UND]),
          "%s: kk score %f is the kk share %f", mixes[i], r.scores[KZTEXT_LANG_KK],
          r.share[KZTEXT_LANG_KK]);
  }
  r.size = sizeof r;
  CHECK(!strcmp(kztext_lang_name(KZTEXT_LANG_KK), "kk"), "lang name");
  CHECK(kztext_lang_name((kztext_lang)9) == NULL, "unknown lang: NULL");
  CHECK(!strcmp(kztext_variant_name(KZTEXT_VARIANT_LATIN2018), "latin2018"), "variant name");
  CHECK(!strcmp(kztext_variant_name(KZTEXT_VARIANT_NONE), ""), "no variant name");

  /* Deterministic: the same text gives the same result. */
  kztext_detect_result a, b;
  memset(&a, 0, sizeof a);
  memset(&b, 0, sizeof b);
  a.size = b.size = sizeof a;
  kztext_detect(mix, strlen(mix), 0, &a, NULL);
  kztext_detect(mix, strlen(mix), 0, &b, NULL);
  CHECK(!memcmp(&a, &b, sizeof a), "deterministic");
}

/* Texts made of short Kazakh sentences with Russian ones in between:
 * shares follow the amounts, whether the code-switching pass runs over the
 * words recorded by the first pass (up to 128 Cyrillic words) or scans the
 * text again (longer text). */
static void test_long(void) {
  static const int sentences[] = {8, 16, 17, 20, 2000};
  size_t cap = 1 << 20;
  char *buf = malloc(cap);
  if (!buf) {
    CHECK(0, "malloc");
    return;
  }
  const char *kk = "Біз ертең Алматыға барамыз және достарымызбен кездесеміз. ";
  const char *ru = "Мы завтра поедем в Москву и вернёмся в пятницу. ";
  for (size_t t = 0; t < sizeof sentences / sizeof *sentences; t++) {
    size_t n = 0;
    for (int i = 0; i < sentences[t]; i++) {
      const char *s = (i % 4 == 3) ? ru : kk;
      size_t l = strlen(s);
      memcpy(buf + n, s, l);
      n += l;
    }
    kztext_detect_result r;
    memset(&r, 0, sizeof r);
    r.size = sizeof r;
    CHECK_INT(kztext_detect(buf, n, 0, &r, NULL), KZTEXT_OK, "long");
    CHECK(r.lang == KZTEXT_LANG_KK, "%d sentences: lang %s", sentences[t],
          kztext_lang_name(r.lang));
    CHECK(r.mixed == 1, "%d sentences: not mixed", sentences[t]);
    /* Each sentence is one language: the shares are the letters, 50 in a
     * Kazakh sentence, 38 in a Russian one. */
    int n_ru = sentences[t] / 4, n_kk = sentences[t] - n_ru;
    double want = 50.0 * n_kk / (50.0 * n_kk + 38.0 * n_ru);
    CHECK(r.share[KZTEXT_LANG_KK] > want - 1e-9 && r.share[KZTEXT_LANG_KK] < want + 1e-9,
          "%d sentences: share %f, want %f", sentences[t], r.share[KZTEXT_LANG_KK], want);
    CHECK(r.confidence == r.share[KZTEXT_LANG_KK], "%d sentences: confidence %f", sentences[t],
          r.confidence);
  }
  free(buf);
}

int main(void) {
  test_rules();
  test_cases();
  test_contract();
  test_long();
  return t_finish();
}

/* Names across scripts: kztext_name_key() (one key for every spelling,
 * different keys for different names, part order and patronymics, the
 * caller-buffer conventions) and the press, passport and cyrillic-ru
 * schemes.  The names are the team's own examples. */
#include <stdlib.h>
#include <string.h>

#include <kztext.h>

#include "harness.h"

static char *key(const char *s) {
  char *k = NULL;
  size_t n = 0;
  kztext_status st = kztext_name_key_alloc(s, strlen(s), 0, &k, &n, NULL);
  CHECK(st == KZTEXT_OK && k && strlen(k) == n, "key of [%s]: status %d", s, st);
  return k;
}

static void same(const char *a, const char *b) {
  char *x = key(a), *y = key(b);
  CHECK(x && y && !strcmp(x, y), "[%s] %s = [%s] %s", a, x ? x : "-", b, y ? y : "-");
  kztext_free(x);
  kztext_free(y);
}

static void differ(const char *a, const char *b) {
  char *x = key(a), *y = key(b);
  CHECK(x && y && strcmp(x, y), "[%s] and [%s] share %s", a, b, x ? x : "-");
  kztext_free(x);
  kztext_free(y);
}

static void spellings(void) {
  static const char *const one[] = {
      "Ғалымжан Тәжібаев",    "Галымжан Тажибаев",  "Galymzhan Tazhibayev", "Ğalymjan Täjıbaev",
      "Ǵalymjan Tájibaev",    "Ǧalymžan Täžìbaev",  "Ghalymzhan Täzhībaev", "GALYMZHAN TAZHIBAYEV",
      "Tazhibayev Galymzhan", "Tazhibaev, Galymjan"};
  for (size_t i = 1; i < sizeof one / sizeof *one; i++)
    same(one[0], one[i]);
  same("Бейбіт Есенов", "Beibit Yesenov");
  same("Айгерім", "Aygerim");
  same("Ақбұлақ", "Ak-Bulak");
  /* patronymics: dropped in a name of three parts, in every form */
  same("Есенов Бейбіт Маратұлы", "Beibit Yesenov");
  same("Есенов Бейбіт Марат ұлы", "Yesenov Beibit Maratovich");
  same("Есенова Жанар Маратқызы", "Zhanar Yesenova Maratovna");
  /* different names */
  differ("Бейбіт Есенов", "Бейбіт Есенова");
  differ("Бейбіт Есенов", "Бекзат Есенов");
  differ("Жанар", "Жанат");
  differ("Ғалымжан", "Қалижан");
}

static void conventions(void) {
  const char *s = "Дәулет Сапар";
  size_t n = 0;
  CHECK_INT(kztext_name_key(s, strlen(s), 0, NULL, 0, &n, NULL), KZTEXT_E_BUFFER_TOO_SMALL,
            "size query");
  CHECK_INT(n, strlen("sapar tailet"), "size");
  char buf[64];
  size_t n2 = 0;
  CHECK_INT(kztext_name_key(s, strlen(s), 0, buf, n, &n2, NULL), KZTEXT_OK, "exact buffer");
  CHECK_STR(buf, n2, "sapar tailet", "key");
  CHECK(n2 <= KZTEXT_NAME_KEY_BOUND(strlen(s)), "bound");
  size_t off = 99;
  CHECK_INT(kztext_name_key("ab\xff", 3, 0, buf, sizeof buf, &n2, &off), KZTEXT_E_INVALID_UTF8,
            "strict");
  CHECK_INT(off, 2, "offset");
  CHECK_INT(kztext_name_key("ab\xff"
                            "cd",
                            5, KZTEXT_INVALID_REPLACE, buf, sizeof buf, &n2, NULL),
            KZTEXT_OK, "replace");
  CHECK_STR(buf, n2, "ap tst", "an ill-formed byte separates parts");
  CHECK_INT(kztext_name_key("a", 1, 0x4000u, buf, sizeof buf, &n2, NULL), KZTEXT_E_INVALID_FLAGS,
            "flags");
  CHECK_INT(kztext_name_key(NULL, 1, 0, buf, sizeof buf, &n2, NULL), KZTEXT_E_INVALID_ARG, "NULL");
  CHECK_INT(kztext_name_key("12 -- 34", 8, 0, buf, sizeof buf, &n2, NULL), KZTEXT_OK, "no letters");
  CHECK_INT(n2, 0, "empty key");
  char *k = NULL;
  CHECK_INT(kztext_name_key_alloc(NULL, 0, 0, &k, &n2, NULL), KZTEXT_OK, "empty alloc");
  CHECK(k && !*k && !n2, "empty alloc is \"\"");
  kztext_free(k);
}

static void tl(const char *from, const char *to, const char *in, const char *want) {
  kztext_scheme f, t;
  CHECK(!kztext_scheme_from_name(from, &f) && !kztext_scheme_from_name(to, &t), "%s %s", from, to);
  char *out = NULL;
  size_t n = 0;
  CHECK_INT(kztext_translit_alloc(in, strlen(in), f, t, 0, &out, &n, NULL), KZTEXT_OK, in);
  char what[256];
  snprintf(what, sizeof what, "%s -> %s [%s]", from, to, in);
  if (out) CHECK_STR(out, n, want, what);
  kztext_free(out);
}

static void schemes(void) {
  tl("cyrillic", "press", "Есенбаев Бейбіт Дәулетов, ЖАНАР Ясмин Дмитрий",
     "Yesenbayev Beibit Dauletov, ZHANAR Yasmin Dmitry");
  tl("cyrillic", "press", "Жанбай Айгерім Шұғыла Хасен Цой Щукин Ерғали",
     "Zhanbai Aigerim Shugyla Khasen Tsoi Shchukin Yergali");
  tl("cyrillic", "passport", "Есенбаев Ясмин Юлия Майя", "Esenbaev Iasmin Iuliia Maiia");
  /* a place the press writes from its Russian name where that is a
   * respelling, not another name (data/names/places.tsv) */
  tl("cyrillic", "press", "Екібастұз, Қарағанды, ҚАРАҒАНДЫ, Қарағандыда, Орал",
     "Ekibastuz, Karaganda, KARAGANDA, Karagandyda, Oral");
  tl("cyrillic", "cyrillic-ru", "Тәжібаев Ғалымжан, Құлыншақ Әуезхан",
     "Тажибаев Галымжан, Кулыншак Ауезхан");
  tl("cyrillic", "cyrillic-ru", "Гүлнар Әсел, ГҮЛНАР Жамал Кемел",
     "Гульнар Асель, ГУЛЬНАР Жамал Кемел");
  tl("cyrillic-ru", "cyrillic", "Тажибаев", "Тажибаев");
  /* --from press: names get their Kazakh letters back; English stays */
  tl("press", "cyrillic", "Galymzhan Tazhibayev met Bekzat in Akbulak on Tuesday.",
     "Ғалымжан Тәжібаев met Бекзат in Ақбұлақ on Tuesday.");
  tl("press", "cyrillic", "The Bank said Many Men Are Here, But Not All.",
     "The Bank said Many Men Are Here, But Not All.");
  tl("press", "cyrillic", "NATO, UN, Ab, I", "NATO, UN, Ab, I");
  /* English abbreviations (data/abbrev/en.tsv) and words without a vowel stay */
  tl("press", "cyrillic", "Sen. Bekzat met Mrs. Smith and Gen. Talgat",
     "Sen. Бекзат met Mrs. Smith and Gen. Талғат");
  /* a possessive (' or ’) keeps the name a name; a contraction is English */
  tl("press", "cyrillic", "Aren't we? Bekzat’s plan, Nurlan's son, Nurlan'll go",
     "Aren't we? Бекзат’s plan, Нұрлан's son, Nurlan'll go");
  tl("press", "cyrillic-ru", "Galymzhan Tazhibayev", "Галымжан Тажибаев");
  /* Russian place names keep their Russian spelling; a hyphenated name is
   * read as one, an English compound not at all */
  tl("press", "cyrillic", "Stepnogorsk, Shchuchinsk, Zarechny, Ust-Kamenogorsk, Zyryanovsk",
     "Степногорск, Щучинск, Заречный, Усть-Каменогорск, Зыряновск");
  /* ... but a place of Kazakhstan gets its Kazakh name (data/names/places.tsv),
   * and cyrillic-ru its Russian one */
  tl("press", "cyrillic", "Uralsk, Kulsary, Arkalyk", "Орал, Құлсары, Арқалық");
  tl("press", "cyrillic-ru", "Uralsk, Kulsary, Arkalyk", "Уральск, Кульсары, Аркалык");
  tl("cyrillic", "cyrillic-ru", "Өскемен, ОРАЛ, Оралда", "Усть-Каменогорск, УРАЛЬСК, Оралда");
  /* ...a name only: in small letters these are common words (island, wrapped) */
  tl("cyrillic", "cyrillic-ru", "арал, орал", "арал, орал");
  tl("cyrillic", "press", "қарағанды", "karagandy");
  /* a generic part of a name in lower case, as Kazakh writes it; a
   * lower-case word only as a Kazakh word with a mark of romanization */
  tl("press", "cyrillic", "Kostanay Oblysy, Shu Audany, a zhyrau sang",
     "Қостанай облысы, Шу ауданы, a жырау sang");
  /* a name element begins a name whose rest has its own harmony */
  tl("press", "cyrillic", "Gulzira Sarsenova", "Гүлзира Сәрсенова");
  /* ...but after a person's given name it is a surname */
  tl("press", "cyrillic", "Aigerim Tazhi", "Әйгерім Тәжі");
  tl("press", "cyrillic", "Bet, Bes-Bet, Pre-election, Soviet-era",
     "Bet, Бес-Бет, Pre-election, Soviet-era");
  /* no mark of Kazakh, and a Russian name in hunspell-ru the Russian way */
  tl("press", "cyrillic", "Aleksei, Yelena, Tegeran", "Алексей, Елена, Тегеран");
  /* ... with the soft sign and the -ий that Latin does not show */
  tl("press", "cyrillic", "Natalya Yuryevna, Vasily", "Наталья Юрьевна, Василий");
  /* English proper nouns: a Russian place in hunspell-ru only */
  tl("press", "cyrillic", "Novosibirsk, David, Florida", "Новосибирск, David, Florida");
  /* place names: compounds of name elements, over a common word */
  tl("press", "cyrillic", "Kokterek, Karabulak, Saryozek", "Көктерек, Қарабұлақ, Сарыөзек");
  /* к г before е in a back word; -ayev is -ай with -ев, а in a front word too */
  tl("press", "cyrillic", "Kuanysh Zhangeldin, Serik Bekmetayev",
     "Қуаныш Жангелдин, Серік Бекметаев");
  /* Russian patronymics the Russian way; yy after a vowel is йы; a
   * patronymic ending keeps out of the name's harmony */
  tl("press", "cyrillic", "Aibek Serikovich, Dana Kairatovna, Nurayym, Serik Abitkeshuly",
     "Айбек Серикович, Дана Кайратовна, Нұрайым, Серік Әбіткешұлы");
  /* a patronymic: the father's name read, then -ұлы (not the word улы), and
   * never the Russian way */
  tl("press", "cyrillic", "Daulet Kayyruly, Rustem Yeslyambekuly",
     "Дәулет Қайырұлы, Рүстем Еслямбекұлы");
  /* к г beside е; ы after the у of au; -стан keeps а */
  tl("press", "cyrillic", "Sapabekuly, Zholdauy, Tazhikstan", "Сапабекұлы, Жолдауы, Тәжікстан");
  /* бай keeps а in a front word; -in surnames; Russian names (я after a consonant) */
  tl("press", "cyrillic", "Yermek Kosherbayev, Marat Tazhin, Kurmangazy Sagyrbayuly, Sklyar",
     "Ермек Көшербаев, Марат Тажин, Құрманғазы Сағырбайұлы, Скляр");
}

int main(void) {
  spellings();
  conventions();
  schemes();
  return t_finish();
}

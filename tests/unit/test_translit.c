/* Transliteration: the shared case file, ISO 9 round trips, the caller
 * buffer / _alloc / offsets conventions, invalid input and flags. */
#include <stdlib.h>
#include <string.h>

#include <kztext.h>

#include "harness.h"
#include "translit/latin_rules.h"  /* kz_rule_context_2021 against kz_rule_context */
#include "translit/translit_int.h" /* the one-pass Cyrillic route's SIMD levels */

static kztext_scheme scheme(const char *name) {
  kztext_scheme s = KZTEXT_SCHEME_CYRILLIC;
  CHECK(kztext_scheme_from_name(name, &s) == KZTEXT_OK, "scheme %s", name);
  return s;
}

static void check_case(const char *from, const char *to, const char *in, const char *want) {
  char *out = NULL, *out2 = NULL;
  kztext_alignment *sp = NULL;
  size_t n = 0, n2 = 0, ns = 0;
  kztext_status st =
      kztext_translit_alloc(in, strlen(in), scheme(from), scheme(to), 0, &out, &n, NULL);
  CHECK(st == KZTEXT_OK, "%s->%s [%s]: status %d", from, to, in, st);
  if (st == KZTEXT_OK) {
    char what[256];
    snprintf(what, sizeof what, "%s->%s [%s]", from, to, in);
    CHECK_STR(out, n, want, what);
    /* the offsets variant takes the general route, never the one-pass one */
    snprintf(what, sizeof what, "%s->%s [%s] with offsets", from, to, in);
    CHECK_INT(kztext_translit_offsets_alloc(in, strlen(in), scheme(from), scheme(to), 0, &out2, &n2,
                                            &sp, &ns, NULL),
              KZTEXT_OK, what);
    CHECK_STR(out2, n2, want, what);
  }
  kztext_free(out);
  kztext_free(out2);
  kztext_free(sp);
}

static void run_case_file(void) {
  size_t len = 0;
  char *data = t_read_file(KZTEXT_CASES_DIR "/translit.tsv", &len);
  CHECK(data != NULL, "cannot read tests/cases/translit.tsv");
  if (!data) return;
  int cases = 0;
  char *line = data;
  while (line && *line) {
    char *nl = strchr(line, '\n');
    if (nl) *nl = 0;
    if (*line && *line != '#') {
      char *f[4] = {line, NULL, NULL, NULL};
      int k = 1;
      for (char *p = line; *p && k < 4; p++)
        if (*p == '\t') {
          *p = 0;
          f[k++] = p + 1;
        }
      CHECK(k == 4, "malformed case line");
      if (k == 4) {
        check_case(f[0], f[1], f[2], f[3]);
        cases++;
      }
    }
    line = nl ? nl + 1 : NULL;
  }
  CHECK(cases > 40, "only %d cases", cases);
  free(data);
}

/* ISO 9 is one-to-one: every Kazakh and Russian letter, both cases, comes
 * back unchanged, alone and inside words. */
static void iso9_round_trip(void) {
  const char *letters = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"
                        "АӘБВГҒДЕЁЖЗИЙКҚЛМНҢОӨПРСТУҰҮФХҺЦЧШЩЪЫІЬЭЮЯ";
  const char *p = letters;
  while (*p) {
    char one[8] = {p[0], p[1], 0};
    char word[32];
    int upper = p >= letters + strlen(letters) / 2;
    if (upper)
      snprintf(word, sizeof word, "А%sБА %s", one, one); /* ъ ь have no case alone */
    else
      snprintf(word, sizeof word, "а%sба %s", one, one);
    const char *tests[2] = {word, one};
    int nt = upper && (!strcmp(one, "Ъ") || !strcmp(one, "Ь")) ? 1 : 2;
    if (nt == 1) snprintf(word, sizeof word, "А%sБА", one);
    for (int t = 0; t < nt; t++) {
      char *lat = NULL, *back = NULL;
      size_t nl = 0, nb = 0;
      CHECK(kztext_translit_alloc(tests[t], strlen(tests[t]), KZTEXT_SCHEME_CYRILLIC,
                                  KZTEXT_SCHEME_ISO9, 0, &lat, &nl, NULL) == KZTEXT_OK,
            "iso9 %s", one);
      CHECK(kztext_translit_alloc(lat, nl, KZTEXT_SCHEME_ISO9, KZTEXT_SCHEME_CYRILLIC, 0, &back,
                                  &nb, NULL) == KZTEXT_OK,
            "iso9 back %s", one);
      CHECK(nb == strlen(tests[t]) && memcmp(back, tests[t], nb) == 0,
            "iso9 round trip [%s] -> [%s] -> [%.*s]", tests[t], lat, (int)nb, back);
      kztext_free(lat);
      kztext_free(back);
    }
    p += 2;
  }
}

static void caller_buffer(void) {
  const char *in = "Қазақстан";
  char buf[64];
  size_t n = 0;
  kztext_status st = kztext_translit(in, strlen(in), KZTEXT_SCHEME_CYRILLIC,
                                     KZTEXT_SCHEME_LATIN2021, 0, NULL, 0, &n, NULL);
  CHECK_INT(st, KZTEXT_E_BUFFER_TOO_SMALL, "size query");
  CHECK_INT(n, 9, "size needed");
  st = kztext_translit(in, strlen(in), KZTEXT_SCHEME_CYRILLIC, KZTEXT_SCHEME_LATIN2021, 0, buf, 4,
                       &n, NULL);
  CHECK_INT(st, KZTEXT_E_BUFFER_TOO_SMALL, "small buffer");
  st = kztext_translit(in, strlen(in), KZTEXT_SCHEME_CYRILLIC, KZTEXT_SCHEME_LATIN2021, 0, buf,
                       sizeof buf, &n, NULL);
  CHECK_INT(st, KZTEXT_OK, "fits");
  CHECK_STR(buf, n, "Qazaqstan", "caller buffer");
  size_t b = kztext_translit_bound(strlen(in), KZTEXT_SCHEME_CYRILLIC, KZTEXT_SCHEME_ALALC);
  CHECK(b >= 4 * strlen(in), "bound %zu", b);
  CHECK_INT(kztext_translit_bound((size_t)-1, KZTEXT_SCHEME_CYRILLIC, KZTEXT_SCHEME_ALALC), 0,
            "bound overflow");
  CHECK_INT(
      kztext_translit(NULL, 0, KZTEXT_SCHEME_CYRILLIC, KZTEXT_SCHEME_BGN, 0, NULL, 0, &n, NULL),
      KZTEXT_OK, "empty input");
  CHECK_INT(n, 0, "empty output");
}

static void errors(void) {
  char *out = NULL;
  size_t n = 0, off = 99;
  const char bad[] = "ab\xff"
                     "cd";
  CHECK_INT(kztext_translit_alloc(bad, 5, KZTEXT_SCHEME_CYRILLIC, KZTEXT_SCHEME_LATIN2021, 0, &out,
                                  &n, &off),
            KZTEXT_E_INVALID_UTF8, "strict");
  CHECK_INT(off, 2, "error offset");
  CHECK_INT(kztext_translit_alloc(bad, 5, KZTEXT_SCHEME_CYRILLIC, KZTEXT_SCHEME_LATIN2021,
                                  KZTEXT_INVALID_REPLACE, &out, &n, &off),
            KZTEXT_OK, "replace");
  CHECK_STR(out, n,
            "ab\xef\xbf\xbd"
            "cd",
            "U+FFFD");
  kztext_free(out);
  CHECK_INT(kztext_translit_alloc("a", 1, KZTEXT_SCHEME_CYRILLIC, KZTEXT_SCHEME_LATIN2021, 0x8000u,
                                  &out, &n, NULL),
            KZTEXT_E_INVALID_FLAGS, "flags");
  CHECK_INT(
      kztext_translit_alloc("a", 1, KZTEXT_SCHEME_CYRILLIC, KZTEXT_SCHEME_AUTO, 0, &out, &n, NULL),
      KZTEXT_E_UNSUPPORTED, "auto target");
  CHECK_INT(
      kztext_translit_alloc("a", 1, (kztext_scheme)42, KZTEXT_SCHEME_CYRILLIC, 0, &out, &n, NULL),
      KZTEXT_E_UNSUPPORTED, "bad scheme");
  kztext_scheme s;
  CHECK_INT(kztext_scheme_from_name("Latin", &s), KZTEXT_OK, "alias");
  CHECK_INT(s, KZTEXT_SCHEME_LATIN2021, "latin alias");
  CHECK_INT(kztext_scheme_from_name("klingon", &s), KZTEXT_E_UNSUPPORTED, "unknown name");
  CHECK(strcmp(kztext_scheme_name(KZTEXT_SCHEME_ALALC), "alalc") == 0, "name");
  CHECK(kztext_scheme_name((kztext_scheme)99) == NULL, "no name");
}

/* Spans tile input and output, in order. */
static void check_tiling(const char *in, size_t len, kztext_scheme from, kztext_scheme to,
                         unsigned flags) {
  char *out = NULL;
  kztext_alignment *sp = NULL;
  size_t n = 0, ns = 0;
  kztext_status st =
      kztext_translit_offsets_alloc(in, len, from, to, flags, &out, &n, &sp, &ns, NULL);
  CHECK_INT(st, KZTEXT_OK, "offsets status");
  if (st) return;
  size_t s = 0, d = 0;
  int ok = 1;
  for (size_t k = 0; k < ns; k++) {
    if (sp[k].src_start != s || sp[k].dst_start != d || sp[k].src_end < sp[k].src_start ||
        sp[k].dst_end < sp[k].dst_start)
      ok = 0;
    s = sp[k].src_end;
    d = sp[k].dst_end;
  }
  CHECK(ok && s == len && d == n, "spans tile [%.*s] %d->%d (src %zu/%zu dst %zu/%zu)", (int)len,
        in, from, to, s, len, d, n);
  kztext_free(out);
  kztext_free(sp);
}

static void offsets(void) {
  const char *in = "Шымкент — АҚШ, объект.";
  char *out = NULL;
  kztext_alignment *sp = NULL;
  size_t n = 0, ns = 0;
  CHECK_INT(kztext_translit_offsets_alloc(in, strlen(in), KZTEXT_SCHEME_CYRILLIC, KZTEXT_SCHEME_BGN,
                                          0, &out, &n, &sp, &ns, NULL),
            KZTEXT_OK, "offsets");
  CHECK_STR(out, n, "Shymkent — AQSH, obʺekt.", "offsets text");
  CHECK(ns > 0 && sp[0].src_start == 0 && sp[0].src_end == 2 && sp[0].dst_end == 2, "Ш -> Sh span");
  /* АҚШ starts at byte 19 of the input and 13 of the output */
  int found = 0;
  for (size_t k = 0; k < ns; k++)
    if (sp[k].src_start == 19 && sp[k].dst_start == 13) found = 1;
  CHECK(found, "span of А in АҚШ");
  kztext_free(out);
  kztext_free(sp);
  const char *samples[] = {"Қазақстан Республикасы, ШЫМКЕНТ! объект", "Aziia men tsirk İsa",
                           "ٴبىز بەن ٴسىز", "и\xcc\x86 e\xcc\x81 және", "üşın Shymkent"};
  /* Every scheme, enumerated as callers do: by name until NULL. */
  for (int f = 0; kztext_scheme_name((kztext_scheme)f); f++)
    for (int t = 0; kztext_scheme_name((kztext_scheme)t); t++)
      for (size_t k = 0; k < sizeof samples / sizeof *samples; k++)
        check_tiling(samples[k], strlen(samples[k]), (kztext_scheme)f, (kztext_scheme)t, 0);
  for (int t = 0; kztext_scheme_name((kztext_scheme)t); t++)
    check_tiling("ab\xff\xfe қаз", 9, KZTEXT_SCHEME_AUTO, (kztext_scheme)t, KZTEXT_INVALID_REPLACE);
}

static void detect(void) {
  CHECK_INT(kztext_translit_detect("Қазақ тілі", strlen("Қазақ тілі")), KZTEXT_SCHEME_CYRILLIC,
            "detect cyrillic");
  CHECK_INT(kztext_translit_detect("Qazaq tılı", strlen("Qazaq tılı")), KZTEXT_SCHEME_LATIN2021,
            "detect 2021");
  CHECK_INT(kztext_translit_detect("Qazaq tili, Máskeý", strlen("Qazaq tili, Máskeý")),
            KZTEXT_SCHEME_LATIN2018, "detect 2018");
  CHECK_INT(kztext_translit_detect("Qazaq ti'li' s'y'", strlen("Qazaq ti'li' s'y'")),
            KZTEXT_SCHEME_LATIN2017, "detect 2017");
  CHECK_INT(kztext_translit_detect("ٴتىلى", strlen("ٴتىلى")), KZTEXT_SCHEME_ARABIC,
            "detect arabic");
  CHECK_INT(kztext_translit_detect("123 !", 5), KZTEXT_SCHEME_AUTO, "detect nothing");
}

static void check_auto(const char *in, const char *want, const char *what) {
  char *out = NULL;
  size_t n = 0;
  CHECK_INT(kztext_translit_alloc(in, strlen(in), KZTEXT_SCHEME_AUTO, KZTEXT_SCHEME_CYRILLIC, 0,
                                  &out, &n, NULL),
            KZTEXT_OK, what);
  if (out) CHECK_STR(out, n, want, what);
  kztext_free(out);
  check_tiling(in, strlen(in), KZTEXT_SCHEME_AUTO, KZTEXT_SCHEME_CYRILLIC, 0);
}

/* --from auto decides Latin per line with kztext_detect: English stays as it
 * is (a Kazakh name and a possessive 's do not make it Kazakh), a Kazakh line
 * is read in the alphabet detect names for it, lines too short to be sure
 * follow the document, and an English quote inside Kazakh stays English. */
static void auto_lines(void) {
  const char *en = "The detained activist Nurlan Qasymov's lawyer said on Monday that the court "
                   "in Almaty would hear his appeal next week.\nShort line.\n";
  check_auto(en, en, "English page");
  check_auto("Bügın auylda jaña mektep aşyldy. Direktor: \"We are proud of our students,\" dedı.",
             "Бүгін ауылда жаңа мектеп ашылды. Директор: \"We are proud of our students,\" деді.",
             "English quote in a Kazakh line");
  check_auto("Bügın auylda jaña mektep aşyldy.\nTúrkistan oblysynda jańa mektep ashyldy.\nAuyl",
             "Бүгін ауылда жаңа мектеп ашылды.\nТүркістан облысында жаңа мектеп ашылды.\nАуыл",
             "a 2021 line, a 2018 line, a short line");
  check_auto("Bügın jaña kod: my_var pen getElementById.",
             "Бүгін жаңа код: my_var пен getElementById.", "identifiers stay");
  /* an acronym with c, as latin2021 writes none but in ch, is foreign; so is
   * a word before a hyphen and digits */
  check_auto("Bügın COVID-19 jäne CEO turaly aitty, ŪB pen CH.",
             "Бүгін COVID-19 және CEO туралы айтты, ҰБ пен Ч.", "acronyms with c");
  /* ...and so is one before a hyphen and a Kazakh suffix, which converts */
  check_auto("Ol WhatsApp-qa jazdy, Twitter-de jäne Xerox-ğa habarlady.",
             "Ол WhatsApp-қа жазды, Twitter-де және Xerox-ға хабарлады.",
             "foreign words before a suffix");
  /* a tag passes through whole, though its attributes hold words auto mode
   * would give other routes (class: c before a consonant) */
  check_auto("Bügın <span class=\"lead\">jaña</span> mektep &laquo;aşyldy&raquo;.",
             "Бүгін <span class=\"lead\">жаңа</span> мектеп &laquo;ашылды&raquo;.", "markup stays");
  check_auto("{{SITENAME}} sahifasynda {{PLURAL:$1|jaña bet|jaña better}} aşyldy.",
             "{{SITENAME}} сахифасында {{PLURAL:$1|жаңа бет|жаңа беттер}} ашылды.",
             "wiki markup stays");
  /* humps with q before a letter other than u are Kazakh words a crawler glued */
  check_auto("Bügın jaña habar: saiahatQalaSapary jäne getElementById.",
             "Бүгін жаңа хабар: саяхатҚалаСапары және getElementById.", "glued Kazakh words");
  /* 2018 with ı and few acute letters is 2018, as detect says */
  const char *t18 = "Bul jıyn Aqtóbede ótti";
  CHECK_INT(kztext_translit_detect(t18, strlen(t18)), KZTEXT_SCHEME_LATIN2018, "2018 with ı");
  check_auto(t18, "Бұл жиын Ақтөбеде өтті", "2018 with ı converted");
  /* MediaWiki kk-latn (ï for и; ı ы, i і, w у, u ұ): a line with ï names the
   * page's scheme, and the other lines are read in it too; a 2021 line with
   * ū keeps 2021, and ç alone is a 2021 writer's ч */
  const char *mw = "Bizdiñ awılda jaña mektep aşıldı.\nOqwşılar jaña sınıptarğa kïno körwge bardı.";
  CHECK_INT(kztext_translit_detect(mw, strlen(mw)), KZTEXT_SCHEME_MEDIAWIKI, "detect mediawiki");
  check_auto(mw, "Біздің ауылда жаңа мектеп ашылды.\nОқушылар жаңа сыныптарға кино көруге барды.",
             "MediaWiki page");
  check_auto("Bızdıñ auylda jaña mektep aşyldy, būl jaqsy.\nOqwşılar kïno körwge bardı.",
             "Біздің ауылда жаңа мектеп ашылды, бұл жақсы.\nОқушылар кино көруге барды.",
             "a 2021 line with ū, a MediaWiki line with ï");
  check_auto("Bızdıñ auylda ūçastok aşyldy.", "Біздің ауылда ұчасток ашылды.", "2021 with ç");
  /* (and, with a letter 2021 has no reading for, stays whole) */
  check_auto("Bügın Haïti elınen qonaqtar keldı.", "Бүгін Haïti елінен қонақтар келді.",
             "a name with ï in a 2021 line without w");
  /* letters latin2021 lacks (w, x, c before a consonant but h) make a word
   * foreign; c before a vowel may be ц, and addresses stay whole */
  check_auto("Twitter men Xerox (Microsoft) jañalyqtary: www.gov.kz, koncert.",
             "Twitter мен Xerox (Microsoft) жаңалықтары: www.gov.kz, концерт.",
             "words with letters latin2021 lacks");
}

/* --from auto to a Latin scheme repairs Latin look-alikes inside Cyrillic
 * words as --from cyrillic does; a Latin word beside them stays. */
static void auto_lookalikes(void) {
  const char *in = "Бүгін бepici ғacыp мектепте, Google компаниясы.";
  char *a = NULL, *b = NULL;
  size_t an = 0, bn = 0;
  CHECK_INT(kztext_translit_alloc(in, strlen(in), KZTEXT_SCHEME_AUTO, KZTEXT_SCHEME_LATIN2021, 0,
                                  &a, &an, NULL),
            KZTEXT_OK, "auto look-alikes");
  CHECK_INT(kztext_translit_alloc(in, strlen(in), KZTEXT_SCHEME_CYRILLIC, KZTEXT_SCHEME_LATIN2021,
                                  0, &b, &bn, NULL),
            KZTEXT_OK, "cyrillic look-alikes");
  if (a) CHECK_STR(a, an, "Bügın berısı ğasyr mektepte, Google kompaniiasy.", "auto look-alikes");
  if (a && b) CHECK_STR(a, an, b, "auto = --from cyrillic on look-alikes");
  kztext_free(a);
  kztext_free(b);
  check_tiling(in, strlen(in), KZTEXT_SCHEME_AUTO, KZTEXT_SCHEME_LATIN2021, 0);
}

/* Auto mode reads text unprepared when every character is NFC-inert (no
 * mark, no singleton) and prepares it otherwise: both must give what the
 * offsets route, which always prepares, gives.  Every character of the
 * blocks that matter stands after a letter, before one and alone. */
static void auto_unprepared(void) {
  /* in a latin2021 line, in a Cyrillic one and in one in Arabic letters
   * (the last ones read by count_scripts' letter_run 16 bytes at a time:
   * the character falls in their second block, at even and odd offsets) */
  static const struct {
    const char *head, *tail;
    kztext_scheme to;
  } ctx[] = {
      {"B\xc3\xbcg\xc4\xb1n e",
       " ja\xc3\xb1"
       "a\n",
       KZTEXT_SCHEME_CYRILLIC},
      {"\xd0\x91\xd2\xaf\xd0\xb3\xd1\x96\xd0\xbd \xd0\xb6\xd0\xb0\xd2\xa3\xd0\xb1\xd1\x8b\xd1\x80 "
       "\xd0\xb5",
       " \xd0\xb6\xd0\xb0\xd2\xa3\xd0\xb0\n", KZTEXT_SCHEME_LATIN2021},
      {"\xd0\x91\xd2\xaf\xd0\xb3\xd1\x96\xd0\xbd  \xd0\xb6\xd0\xb0\xd2\xa3\xd0\xb1\xd1\x8b\xd1\x80 "
       "\xd0\xb5",
       " \xd0\xb6\xd0\xb0\xd2\xa3\xd0\xb0\n", KZTEXT_SCHEME_LATIN2021},
      {"\xd9\x82\xd8\xa7\xd8\xb2\xd8\xa7\xd9\x82 \xd8\xaa\xd9\x89\xd9\x84\xd9\x89 \xd8\xa8",
       " \xd8\xac\xd8\xa7\xda\xad\xd8\xa7\n", KZTEXT_SCHEME_CYRILLIC},
      {"\xd9\x82\xd8\xa7\xd8\xb2\xd8\xa7\xd9\x82  \xd8\xaa\xd9\x89\xd9\x84\xd9\x89 \xd8\xa8",
       " \xd8\xac\xd8\xa7\xda\xad\xd8\xa7\n", KZTEXT_SCHEME_CYRILLIC}};
  int bad = 0;
  for (size_t x = 0; x < sizeof ctx / sizeof *ctx; x++)
    for (uint32_t c = 0x80; c < 0x1F100; c++) {
      if ((c >= 0x3100 && c < 0x4E00) || (c >= 0x4E10 && c < 0xFB00) ||
          (c >= 0xD800 && c < 0xE000) || (c >= 0x10000 && c < 0x1F000))
        continue;
      char u[4];
      size_t ul = c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
      if (ul == 2) {
        u[0] = (char)(0xC0 | (c >> 6));
        u[1] = (char)(0x80 | (c & 0x3F));
      } else if (ul == 3) {
        u[0] = (char)(0xE0 | (c >> 12));
        u[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        u[2] = (char)(0x80 | (c & 0x3F));
      } else {
        u[0] = (char)(0xF0 | (c >> 18));
        u[1] = (char)(0x80 | ((c >> 12) & 0x3F));
        u[2] = (char)(0x80 | ((c >> 6) & 0x3F));
        u[3] = (char)(0x80 | (c & 0x3F));
      }
      char in[64];
      size_t n = 0;
      memcpy(in + n, ctx[x].head, strlen(ctx[x].head));
      n += strlen(ctx[x].head);
      memcpy(in + n, u, ul);
      n += ul;
      in[n++] = 'a';
      memcpy(in + n, u, ul);
      n += ul;
      memcpy(in + n, u, ul);
      n += ul;
      in[n++] = ' ';
      memcpy(in + n, u, ul);
      n += ul;
      memcpy(in + n, ctx[x].tail, strlen(ctx[x].tail));
      n += strlen(ctx[x].tail);
      char *a = NULL, *b = NULL;
      size_t an = 0, bn = 0, ns = 0;
      kztext_alignment *sp = NULL;
      if (kztext_translit_alloc(in, n, KZTEXT_SCHEME_AUTO, ctx[x].to, 0, &a, &an, NULL) !=
              KZTEXT_OK ||
          kztext_translit_offsets_alloc(in, n, KZTEXT_SCHEME_AUTO, ctx[x].to, 0, &b, &bn, &sp, &ns,
                                        NULL) != KZTEXT_OK ||
          an != bn || memcmp(a, b, an) != 0) {
        if (!bad++) fprintf(stderr, "auto unprepared differs at U+%04X (%zu)\n", (unsigned)c, x);
      }
      kztext_free(a);
      kztext_free(b);
      kztext_free(sp);
    }
  CHECK_INT(bad, 0, "auto: unprepared = prepared for every character");
}

/* Large latin2021 inputs take a memo of converted words (fast2021.c): the
 * output must equal the piece-by-piece conversion of small inputs, which
 * never use it, whatever follows a word (another word glued by case, @ of
 * an address, « », —, a digit) and wherever it stands. */
static void memo_equivalence(void) {
  static const char *const pieces[] = {
      "Qazaqstan Respublikasy ", "Aziia men Europa ", "qoiady, ", "AQŞ ", "ETSQ ", "ETS ",
      "«Qazaqstan» ", "söz— ", "söz ", "sapardyñPodelitsia ", "ĞZİ ", "İurii Gagarin ",
      "Federatsiia2020 ", "aitsa ", "info@gov.kz ", "https://www.gov.kz/memleket ", "Shults ",
      "şşuka ", "ÜI ", "üi ", "medal ", "medalı ", "biudjet! ", "GoogleChrome ", "Qazaqstannyñ ",
      "QAZAQSTAN ", "kırdı.\n", "Abai-Qunanbaiūly ", "jaña\u00a0zañ ", "zañ€ ", "tsirk ", "TSIRK ",
      "eñbek/ ", "Ia ", "Chempionat ", "chempionat ", "Al-Farabi ", "al ",
      "al-Farabi ", /* the same word, before a hyphen: аль- */
      "AL-FARABİ ", "ekstraktsii ", "söz, www.gov.kz ", "söz (info@gov.kz) ", "bar... ",
      "saity:http://bo.kz/a ", "@user:https://x.kz ",
      /* a key of 32 bytes, and a longer word it begins */
      "memlekettıktılıgımızdıñı ", "memlekettıktılıgımızdıñıa ",
      /* runs of glued humps, remembered whole, and the same after a soft
       * hyphen that joins them to letters before it */
      "QazAqparat ", "iPhone ", "aZon ", "kz\u00adaZon ", "n.kz\u00adaZon ",
      "sapa\u00adrPodelitsia "};
  const size_t np = sizeof pieces / sizeof pieces[0];
  size_t cap = 200000, len = 0, wlen = 0;
  char *big = malloc(cap), *want = malloc(cap * 4);
  CHECK(big && want, "no memory");
  if (!big || !want) {
    free(big);
    free(want);
    return;
  }
  uint32_t r = 12345;
  while (len < 100000) {
    r = r * 1103515245u + 12345u;
    const char *p = pieces[(r >> 16) % np];
    size_t pl = strlen(p), n = 0;
    memcpy(big + len, p, pl);
    len += pl;
    CHECK(kztext_translit(p, pl, KZTEXT_SCHEME_LATIN2021, KZTEXT_SCHEME_CYRILLIC, 0, want + wlen,
                          cap * 4 - wlen, &n, NULL) == KZTEXT_OK,
          "piece [%s]", p);
    wlen += n;
  }
  size_t bc = kztext_translit_bound(len, KZTEXT_SCHEME_LATIN2021, KZTEXT_SCHEME_CYRILLIC), n = 0;
  char *got = malloc(bc);
  CHECK(got && kztext_translit(big, len, KZTEXT_SCHEME_LATIN2021, KZTEXT_SCHEME_CYRILLIC, 0, got,
                               bc, &n, NULL) == KZTEXT_OK,
        "big input");
  size_t k = 0;
  while (got && k < n && k < wlen && got[k] == want[k])
    k++;
  CHECK(got && n == wlen && k == n, "memo: outputs differ at byte %zu: [%.40s] vs [%.40s]", k,
        got ? got + k : "", want + k);
  free(got);
  free(big);
  free(want);
}

/* A transliterator keeps converted words from call to call: each text
 * through it gives what kztext_translit() gives, whatever came before:
 * latin2021, auto and Arabic sources, texts typed without İ (another memo)
 * and other flags between them, more distinct words than its memo holds (it
 * starts again) and an input long enough to make it grow. */
static void transliterator_equivalence(void) {
  static const char *const letters[] = {"a", "b", "d", "e", "g", "i", "j",  "k",  "l",  "m", "n",
                                        "o", "p", "q", "r", "s", "t", "u",  "y",  "z",  "ä", "ğ",
                                        "ñ", "ö", "ş", "ū", "ü", "ı", "ch", "sh", "ia", "iu"};
  static const char *const seps[] = {" ", " ", " ", ", ", ". ", "\n", "-", " «", "» ", " 2024 "};
  const size_t nl = sizeof letters / sizeof letters[0], ns = sizeof seps / sizeof seps[0];
  kztext_transliterator *t = NULL;
  CHECK(kztext_transliterator_new(&t) == KZTEXT_OK && t, "transliterator_new");
  CHECK(kztext_transliterator_new(NULL) == KZTEXT_E_INVALID_ARG, "transliterator_new(NULL)");
  if (!t) return;
  const size_t cap = 2400000;
  char *doc = malloc(cap), *want = malloc(cap * 4), *got = malloc(cap * 4);
  CHECK(doc && want && got, "no memory");
  uint32_t r = 777;
  size_t words = 0, same = 0, docs = 0;
  for (int d = 0; d < 140 && doc && want && got; d++) {
    /* short texts, then one of 2.2 MB, which wants a larger memo */
    size_t target = d == 139 ? 2200000 : 200 + (r >> 8) % 12000;
    size_t len = 0;
    const int undotted = d % 5 == 3; /* I for İ: a word-initial I before a vowel, no İ */
    while (len + 64 < target) {
      r = r * 1103515245u + 12345u;
      const unsigned wl = 2 + (r >> 16) % 6;
      if (undotted && (r >> 12) % 7 == 0) {
        memcpy(doc + len, "Ia", 2);
        len += 2;
      } else if ((r >> 9) % 9 == 0 && !undotted) {
        memcpy(doc + len, "İ", 2);
        len += 2;
      }
      for (unsigned k = 0; k < wl; k++) {
        r = r * 1103515245u + 12345u;
        const char *l = letters[(r >> 16) % nl];
        size_t ll = strlen(l);
        memcpy(doc + len, l, ll);
        if (k == 0 && (r >> 5) % 4 == 0 && (unsigned char)l[0] < 0x80) doc[len] -= 32;
        len += ll;
      }
      /* the commonest words come back, as in news text */
      if ((r >> 3) % 3 == 0) {
        /* Islam: Іслам, or Ислам in a text typed without İ */
        static const char *const common[] = {"jäne", "bolyp", "Qazaqstan", "Islam", "al-"};
        const char *c = common[(r >> 20) % 5];
        doc[len++] = ' ';
        memcpy(doc + len, c, strlen(c));
        len += strlen(c);
      }
      const char *sp = seps[(r >> 24) % ns];
      memcpy(doc + len, sp, strlen(sp));
      len += strlen(sp);
      words++;
    }
    kztext_scheme from = d % 3 == 2 ? KZTEXT_SCHEME_AUTO : KZTEXT_SCHEME_LATIN2021;
    const unsigned flags = d % 7 == 5 ? KZTEXT_INVALID_REPLACE : 0;
    size_t wn = 0, gn = 0;
    if (d % 4 == 1 && d != 139) { /* the same text in Arabic letters, read back */
      CHECK(kztext_translit(doc, len, KZTEXT_SCHEME_LATIN2021, KZTEXT_SCHEME_CYRILLIC, 0, want,
                            cap * 4, &wn, NULL) == KZTEXT_OK &&
                kztext_translit(want, wn, KZTEXT_SCHEME_CYRILLIC, KZTEXT_SCHEME_ARABIC, 0, doc, cap,
                                &len, NULL) == KZTEXT_OK,
            "text %d in Arabic letters", d);
      from = KZTEXT_SCHEME_ARABIC;
    }
    kztext_status ws =
        kztext_translit(doc, len, from, KZTEXT_SCHEME_CYRILLIC, flags, want, cap * 4, &wn, NULL);
    kztext_status gs = kztext_transliterator_run(t, doc, len, from, KZTEXT_SCHEME_CYRILLIC, flags,
                                                 got, cap * 4, &gn, NULL);
    size_t k = 0;
    while (k < wn && k < gn && want[k] == got[k])
      k++;
    CHECK(ws == KZTEXT_OK && gs == ws && gn == wn && k == wn,
          "text %d (%zu bytes, from %d): %d/%d, outputs differ at byte %zu: [%.40s] vs [%.40s]", d,
          len, (int)from, (int)gs, (int)ws, k, got + (k < gn ? k : 0), want + (k < wn ? k : 0));
    same += gs == ws && gn == wn && k == wn;
    docs++;
  }
  /* the fuzz target checks errors and every scheme; here the allocating twin once */
  char *a = NULL;
  size_t an = 0;
  CHECK(kztext_transliterator_run_alloc(t, "Sälem, älem!", strlen("Sälem, älem!"),
                                        KZTEXT_SCHEME_LATIN2021, KZTEXT_SCHEME_CYRILLIC, 0, &a, &an,
                                        NULL) == KZTEXT_OK &&
            a && an == strlen("Сәлем, әлем!") && !memcmp(a, "Сәлем, әлем!", an),
        "run_alloc");
  kztext_free(a);
  CHECK(kztext_transliterator_run_alloc(NULL, "a", 1, KZTEXT_SCHEME_LATIN2021,
                                        KZTEXT_SCHEME_CYRILLIC, 0, &a, &an,
                                        NULL) == KZTEXT_E_INVALID_ARG,
        "run_alloc(NULL)");
  CHECK(kztext_transliterator_run(t, "a", 1, KZTEXT_SCHEME_LATIN2021, KZTEXT_SCHEME_CYRILLIC,
                                  0x80000000u, NULL, 0, NULL, NULL) == KZTEXT_E_INVALID_FLAGS,
        "unknown flag");
  CHECK(words > 40000, "only %zu words: the memo never filled", words);
  printf("transliterator: %zu of %zu texts (%zu words) as kztext_translit gives them\n", same, docs,
         words);
  kztext_transliterator_free(t);
  kztext_transliterator_free(NULL);
  free(doc);
  free(want);
  free(got);
}

/* Letters are counted 16 bytes at a time (translit.c, count_scripts) and
 * one by one where the block stops: every Cyrillic and Arabic letter must
 * count once, whatever its lead byte and wherever it falls in a block.
 * kztext_translit_detect() names the script of most letters (Cyrillic on a
 * tie), so k letters of one script against k or k + 1 of the other pins
 * both counts; an ASCII prefix of 0..16 bytes moves the block edges, and
 * Arabic digits, marks and punctuation among the letters count for
 * neither. */
static void script_counts(void) {
  /* Cyrillic from each lead byte D0..D3 (а я ң ә), Arabic from each range
   * (ا ب in D8, ى in D9 80..8A, ٴ ٶ in D9 AE..BF, ڭ in DA, ە ۇ in DB) */
  static const char *const cyr[] = {"а", "я", "ң", "ә", "ё", "ө"};
  static const char *const arab[] = {"ا", "ب", "ى", "ٴ", "ٶ", "ڭ", "ە", "ۇ"};
  /* ٣ U+0663, ، U+060C, fatha U+064E, U+06D6 (a Quranic mark) */
  static const char *const none[] = {"٣", "،", "\xd9\x8e", "\xdb\x96"};
  int bad = 0;
  for (int pre = 0; pre <= 16; pre++)
    for (int k = 1; k <= 24; k++)
      for (int more = 0; more < 2; more++) {
        char buf[512];
        size_t n = 0;
        for (int q = 0; q < pre; q++)
          buf[n++] = '-';
        for (int q = 0; q < k; q++) { /* a word of Cyrillic letters, then a space, each third */
          const char *l = cyr[(q + pre) % 6];
          memcpy(buf + n, l, strlen(l));
          n += strlen(l);
          if (q % 3 == 2) buf[n++] = ' ';
        }
        buf[n++] = ' ';
        for (int q = 0; q < k + more; q++) {
          const char *l = arab[(q + k) % 8];
          memcpy(buf + n, l, strlen(l));
          n += strlen(l);
          if (q % 5 == 4) buf[n++] = ' ';
          if (q % 4 == 1) {
            const char *x = none[(q + pre) % 4];
            memcpy(buf + n, x, strlen(x));
            n += strlen(x);
          }
        }
        const kztext_scheme want = more ? KZTEXT_SCHEME_ARABIC : KZTEXT_SCHEME_CYRILLIC;
        bad += kztext_translit_detect(buf, n) != want;
      }
  CHECK(bad == 0, "%d texts of k Cyrillic and k (+1) Arabic letters named the wrong script", bad);
}

/* An address passes from where it starts; what stands before it in the
 * token converts, a NUL too stops the address (it is not a local-part
 * character), and a word running into the address ends there. */
static void addresses(void) {
  static const struct {
    const char *in;
    size_t len;
    const char *want;
    size_t wlen;
  } t[] = {
      {"\xc4\xb0s\0@pub", 8, "\xd0\x98\xd1\x81\0@pub", 9},
      {"\xc5\x9finfo@x.kz", 11, "\xd1\x88info@x.kz", 11},
      {"saity:https://x.kz", 18, "\xd1\x81\xd0\xb0\xd0\xb9\xd1\x82\xd1\x8b:https://x.kz", 23},
      /* xū ends at the address (x@1), glued to no letter: a foreign word, whole */
      {"x\xc5\xabx@1", 6, "x\xc5\xabx@1", 6},
  };
  for (size_t k = 0; k < sizeof t / sizeof *t; k++) {
    char *out = NULL, *out2 = NULL;
    kztext_alignment *sp = NULL;
    size_t n = 0, n2 = 0, ns = 0;
    CHECK(kztext_translit_alloc(t[k].in, t[k].len, KZTEXT_SCHEME_LATIN2021, KZTEXT_SCHEME_CYRILLIC,
                                0, &out, &n, NULL) == KZTEXT_OK,
          "address %zu", k);
    CHECK(out && n == t[k].wlen && memcmp(out, t[k].want, n) == 0, "address %zu: [%.*s]", k, (int)n,
          out ? out : "");
    CHECK(kztext_translit_offsets_alloc(t[k].in, t[k].len, KZTEXT_SCHEME_LATIN2021,
                                        KZTEXT_SCHEME_CYRILLIC, 0, &out2, &n2, &sp, &ns,
                                        NULL) == KZTEXT_OK,
          "address %zu with offsets", k);
    CHECK(out2 && n2 == n && out && memcmp(out2, out, n) == 0, "address %zu: routes differ", k);
    kztext_free(out);
    kztext_free(out2);
    kztext_free(sp);
  }
}

/* issue 19: the Arabic target's options */
static void arabic_options(void) {
  static const struct {
    const char *in, *want;
    unsigned flags;
  } t[] = {
      {"Серікұлы мен Әлияқызы", "سەرىكۇلى مەن الياقىزى", 0},
      {"Серікұлы мен Әлияқызы", "سەرىك ۇلى مەن ٴاليا قىزى",
       KZTEXT_TRANSLIT_ARABIC_PATRONYMIC_APART},
      {"ұлы, Тұрсынұлы", "ۇلى، تۇرسىن ۇلى", KZTEXT_TRANSLIT_ARABIC_PATRONYMIC_APART},
      {"сүт", "\xd8\xa1سۇت", KZTEXT_TRANSLIT_ARABIC_HAMZA_0621},
  };
  for (size_t k = 0; k < sizeof t / sizeof *t; k++) {
    char *out = NULL;
    size_t n = 0;
    CHECK_INT(kztext_translit_alloc(t[k].in, strlen(t[k].in), KZTEXT_SCHEME_CYRILLIC,
                                    KZTEXT_SCHEME_ARABIC, t[k].flags, &out, &n, NULL),
              KZTEXT_OK, t[k].in);
    CHECK(out && n == strlen(t[k].want) && !memcmp(out, t[k].want, n), "%s: got %.*s", t[k].in,
          (int)n, out ? out : "");
    kztext_free(out);
  }
}

/* issue 19: Arabic -> Cyrillic over a long text (the word memo and the
 * one-pass route) gives what each word gives alone, also when the text is
 * not plain (the general route, still with the memo) */
static void arabic_memo(void) {
  static const char *const pieces[] = {
      "كىتاپتاردى ", "كۇيەۋ، ",
      "تاۋمەن ",     "\xd9\xb8س ",
      "كەله ",       "ٴبىر ",
      "ءتىس ",       "تىس؛ ",
      "تيەسىلى\n",   "تسيرك ",
      "ٴبىرقاتار ",  "كومپيۋتەرگە ",
      "ٴ ",          "سۇتٴ ",
      "2024 ",       "ٴتىستەرىنىڭ ",
      "«قازاق» ",    "ﺎﺑ ",
      "\xd9\x8bا ",  "Abai ",
      "Ахмет ",      "ابججججججججججججججججججججججججججججججججججججججججججججججججججججججججججججججججججججججج "};
  const size_t np = sizeof pieces / sizeof pieces[0];
  for (int plain = 0; plain < 2; plain++) {
    size_t cap = 120000, len = 0, wlen = 0;
    char *big = malloc(cap), *want = malloc(cap * 4);
    CHECK(big && want, "no memory");
    if (!big || !want) {
      free(big);
      free(want);
      return;
    }
    uint32_t r = 777;
    while (len < 60000) {
      r = r * 1103515245u + 12345u;
      size_t k = (r >> 16) % np;
      if (plain && (k == 17 || k == 18 || k == np - 1)) continue; /* presentation form, mark */
      const char *p = pieces[k];
      size_t pl = strlen(p), n = 0;
      char *o = NULL;
      CHECK_INT(kztext_translit_alloc(p, pl, KZTEXT_SCHEME_ARABIC, KZTEXT_SCHEME_CYRILLIC, 0, &o,
                                      &n, NULL),
                KZTEXT_OK, p);
      if (o) memcpy(want + wlen, o, n);
      wlen += n;
      kztext_free(o);
      memcpy(big + len, p, pl);
      len += pl;
    }
    char *got = NULL;
    size_t gn = 0;
    CHECK_INT(kztext_translit_alloc(big, len, KZTEXT_SCHEME_ARABIC, KZTEXT_SCHEME_CYRILLIC, 0, &got,
                                    &gn, NULL),
              KZTEXT_OK, "arabic memo");
    CHECK(got && gn == wlen && !memcmp(got, want, wlen), "arabic memo (plain %d): %zu vs %zu",
          plain, gn, wlen);
    kztext_free(got);
    free(big);
    free(want);
  }
}

/* The block loops of the one-pass Cyrillic route (16 bytes with SSE2, 64
 * with AVX-512 where the CPU has it) against each other and the general
 * route, on long texts of random letters and the characters that stop the
 * blocks (at every offset, as the texts are random), for every Latin target.
 * A text without ill-formed or non-NFC pieces must take the one-pass route. */
static void cyr_block_loops(void) {
  static const char *const common[] = {
      "а", "ә", "б", "д", "е", "ғ", "і", "к", "қ",  "л", "н", "ң",  "о",  "ө",  "с", "т",
      "ұ", "ү", "ы", "ш", "у", "и", "й", "һ", "А",  "Ө", "Ш", " ",  ", ", ". ", "ь", "ъ",
      "щ", "ю", "я", "ё", "ц", "ч", "х", "в", "\n", "«", "»", "12", "-",  "(",  ")", "!"};
  static const char *const rare[] = {"Ц",        "Ч", "Щ",  "Я",  "Ю", "Ё",
                                     "\xc2\xa0", "—", "–",  "№",  "…", "\xc9\x99",
                                     "é",        "x", "Ab", "ia", "“", "\xc2\xad"};
  static const char *const broken[] = {"\xd2\x83", "\xd0",      "\x80",
                                       "\xff",     "и\xcc\x86", "\xe2\x80\x80"};
  uint64_t r = 0x9E3779B97F4A7C15ull;
  int clean_fast = 0;
  for (int k = 0; k < 210; k++) {
    kztext_scheme to = (kztext_scheme)(KZTEXT_SCHEME_LATIN2021 + k % 8);
    if (to == KZTEXT_SCHEME_ARABIC) to = KZTEXT_SCHEME_LATIN2021;
    char in[3200];
    size_t n = 0, want = 1100 + (size_t)(k * 97 % 2000);
    unsigned rare_pm = (unsigned)(k % 7) * 8; /* per mille */
    int has_broken = k % 5 == 4;
    while (n < want) {
      r ^= r << 13;
      r ^= r >> 7;
      r ^= r << 17;
      unsigned pick = (unsigned)(r >> 40) % 1000;
      const char *p = pick < rare_pm ? rare[(r >> 20) % (sizeof rare / sizeof *rare)]
                      : has_broken && pick >= 998
                          ? broken[(r >> 20) % (sizeof broken / sizeof *broken)]
                          : common[(r >> 20) % (sizeof common / sizeof *common)];
      size_t l = strlen(p);
      memcpy(in + n, p, l);
      n += l;
    }
    char *wide = malloc(n * KZ_FACTOR_FROM_CYR + 32), *narrow = malloc(n * KZ_FACTOR_FROM_CYR + 32);
    if (!wide || !narrow) abort();
    size_t w = kz_tl_cyr_fast_simd((const unsigned char *)in, n, to, wide, 1);
    size_t nw = kz_tl_cyr_fast_simd((const unsigned char *)in, n, to, narrow, 0);
    CHECK(w == nw && (w == (size_t)-1 || memcmp(wide, narrow, w) == 0),
          "text %d: the AVX-512 and SSE2 loops differ", k);
    char *g = NULL;
    size_t gn = 0, ns = 0;
    kztext_alignment *sp = NULL;
    kztext_status st = kztext_translit_offsets_alloc(in, n, KZTEXT_SCHEME_CYRILLIC, to, 0, &g, &gn,
                                                     &sp, &ns, NULL);
    if (w != (size_t)-1) {
      CHECK(st == KZTEXT_OK && gn == w && memcmp(g, wide, w) == 0,
            "text %d (%s): the one-pass route differs from the general one", k,
            kztext_scheme_name(to));
      clean_fast += !has_broken;
    }
    CHECK(has_broken || w != (size_t)-1, "text %d: a clean text left the one-pass route", k);
    free(wide);
    free(narrow);
    kztext_free(g);
    kztext_free(sp);
  }
  CHECK(clean_fast == 168, "clean texts through the one-pass route: %d of 168", clean_fast);
}

/* The word route's mask of the tokens the rules may change
 * (kz_rule_context_2021, all tokens at once) against kz_rule_context token
 * by token, on random words of the codes the rules name (and others), from
 * every start j, with garbage past the word's end. */
static void rule_context_masks(void) {
  static const uint16_t pool[] = {CY_A,      CY_T,      CY_S,       CY_SH,    CY_L,      CY_N,
                                  CY_YERU,   CY_E,      CY_I,       KZ_AMB_I, KZ_AMB_H,  KZ_AMB_E,
                                  KZ_AMB_AE, KZ_AMB_OE, KZ_AMB_UE,  KZ_AMB_S, KZ_AMB_SH, KZ_AMB_Y,
                                  CY_NG,     CY_TS,     CY_DOTTED_I};
  uint64_t r = 0x2545F4914F6CDD1Dull;
  int bad = 0;
  for (int k = 0; k < 20000; k++) {
    uint16_t codes[50];
    uint16_t *const code = codes + 1;
    r ^= r << 13;
    r ^= r >> 7;
    r ^= r << 17;
    const int m = 1 + (int)(r % 48);
    codes[0] = 0;
    for (int q = 0; q < 49; q++) {
      r ^= r << 13;
      r ^= r >> 7;
      r ^= r << 17;
      code[q] = pool[(r >> 24) % (sizeof pool / sizeof *pool)];
    }
    code[m] = 0;
    const int j = (int)((r >> 8) % (uint64_t)(m + 1));
    uint64_t want = 0;
    for (int q = j; q < m; q++)
      want |=
          (uint64_t)kz_rule_context(KZTEXT_SCHEME_LATIN2021, code[q], code[q + 1], code[q - 1], m)
          << q;
    bad += kz_rule_context_2021(code, j, m) != want;
  }
  CHECK(bad == 0, "kz_rule_context_2021 differs from kz_rule_context on %d of 20000 words", bad);
}

/* A soft hyphen or a zero-width space inside a word (pages put them there)
 * is no word break: the word reads as one and keeps them, after the letters
 * their place falls in; the offsets tile.  Large inputs take the memo route,
 * which gives such words to the general one. */
static void format_in_words(void) {
  static const struct {
    const char *in, *want;
  } c[] = {
      {"Qazaq\xc2\xadstan Res\xc2\xadpub\xc2\xadlikasy",
       "Қазақ\xc2\xadстан Рес\xc2\xadпуб\xc2\xadликасы"},
      {"Qazaq\xe2\x80\x8bstan, \xc2\xadjaña\xc2\xad.",
       "Қазақ\xe2\x80\x8bстан, \xc2\xadжаңа\xc2\xad."},
      {"konferen\xc2\xadtsiia", "конференц\xc2\xadия"}, /* ts is one letter, ц */
  };
  for (size_t k = 0; k < sizeof c / sizeof *c; k++) {
    check_case("latin2021", "cyrillic", c[k].in, c[k].want);
    check_tiling(c[k].in, strlen(c[k].in), KZTEXT_SCHEME_LATIN2021, KZTEXT_SCHEME_CYRILLIC, 0);
    check_tiling(c[k].in, strlen(c[k].in), KZTEXT_SCHEME_AUTO, KZTEXT_SCHEME_CYRILLIC, 0);
  }
  /* past 32 KB (the memo route) the same bytes a piece */
  const char *unit = "Qazaq\xc2\xadstan jaña Res\xc2\xadpublikasy. ";
  const char *want = "Қазақ\xc2\xadстан жаңа Рес\xc2\xadпубликасы. ";
  size_t ul = strlen(unit), wl = strlen(want), reps = 40000 / ul + 1;
  char *big = malloc(ul * reps + 1), *exp = malloc(wl * reps + 1);
  if (!big || !exp) abort();
  for (size_t r = 0; r < reps; r++) {
    memcpy(big + r * ul, unit, ul);
    memcpy(exp + r * wl, want, wl);
  }
  char *out = NULL;
  size_t n = 0;
  CHECK_INT(kztext_translit_alloc(big, ul * reps, KZTEXT_SCHEME_LATIN2021, KZTEXT_SCHEME_CYRILLIC,
                                  0, &out, &n, NULL),
            KZTEXT_OK, "soft hyphens, large input");
  CHECK_MEM(out, n, exp, wl * reps, "soft hyphens, large input");
  kztext_free(out);
  free(big);
  free(exp);
}

int main(void) {
  rule_context_masks();
  format_in_words();
  cyr_block_loops();
  run_case_file();
  arabic_options();
  arabic_memo();
  iso9_round_trip();
  caller_buffer();
  errors();
  offsets();
  detect();
  memo_equivalence();
  transliterator_equivalence();
  script_counts();
  auto_lines();
  auto_unprepared();
  auto_lookalikes();
  addresses();
  return t_finish();
}

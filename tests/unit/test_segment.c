/* Unit tests of kztext_sentences() and kztext_tokens(): tables of
 * {input, language, expected pieces joined by " | "}, plus the API
 * conventions (buffers, flags, invalid UTF-8, NULL handling). */
#include <stdlib.h>
#include <string.h>

#include <kztext.h>

#include "harness.h"
#include "segment/seg.h"

typedef struct seg_case {
  const char *in;
  int lang;
  unsigned flags;
  const char *want; /* pieces joined by " | " */
} seg_case;

static const seg_case sentence_cases[] = {
    {"", 0, 0, ""},
    {"   \n\n  ", 0, 0, ""},
    {"Бір. Екі.", 0, 0, "Бір. | Екі."},
    /* dash-led sentences after a full stop */
    {"Жиналыс басталды. – Біз бұл жобаны қолдаймыз.", 0, 0,
     "Жиналыс басталды. | – Біз бұл жобаны қолдаймыз."},
    {"Что теперь? — спросил он.", 0, 0, "Что теперь? — спросил он."},
    /* Kazakh abbreviations, initials with Kazakh capitals */
    {"1939 ж. Қ. Сәтбаев Алматыға келді. Ол ғалым.", 0, 0,
     "1939 ж. Қ. Сәтбаев Алматыға келді. | Ол ғалым."},
    {"Бюджет 1 млрд. АҚШ долларын құрады.", 0, 0, "Бюджет 1 млрд. АҚШ долларын құрады."},
    {"Қалада мектептер, ауруханалар т.б. салынды. Бұл жақсы.", 0, 0,
     "Қалада мектептер, ауруханалар т.б. салынды. | Бұл жақсы."},
    {"Б.з.б. 3 ғасырда қала салынды.", 0, 0, "Б.з.б. 3 ғасырда қала салынды."},
    {"Мақаланы Ұ. Есенова мен Ө. Ғалымжан жазды.", 0, 0,
     "Мақаланы Ұ. Есенова мен Ө. Ғалымжан жазды."},
    /* Kazakh in Latin letters: initials with diacritics or 2017 apostrophes */
    {"Ä. Qasymov pen G'. Músirepov 2019 j. 12 naýryzda keldi. Olar jazdy.", 0, 0,
     "Ä. Qasymov pen G'. Músirepov 2019 j. 12 naýryzda keldi. | Olar jazdy."},
    {"Ǵ. Ǵabdullın men Ū. Ūlanov keldi.", 0, 0, "Ǵ. Ǵabdullın men Ū. Ūlanov keldi."},
    /* Russian */
    {"Его поддержал Г. Марченко, т.е. глава банка.", 0, 0,
     "Его поддержал Г. Марченко, т.е. глава банка."},
    {"Дом стоит на ул. Абая. Он новый.", 0, 0, "Дом стоит на ул. Абая. | Он новый."},
    {"В V в. н.э. Город рос. Писали Н.Э. Ончуков и др.", 0, 0,
     "В V в. н.э. | Город рос. | Писали Н.Э. Ончуков и др."},
    {"Он сказал: «Я устал. Пойду домой». Все молчали.", 0, 0,
     "Он сказал: «Я устал. Пойду домой». | Все молчали."},
    {"Цена 12.03.2019 выросла до 1.5 млн. Рост продолжится.", 0, 0,
     "Цена 12.03.2019 выросла до 1.5 млн. | Рост продолжится."},
    {"Подробнее на сайте http://example.kz/news. Читайте!", 0, 0,
     "Подробнее на сайте http://example.kz/news. | Читайте!"},
    {"Пишите на info@example.kz. Ответим.", 0, 0, "Пишите на info@example.kz. | Ответим."},
    {"Ну и ну... Даже так?! Да.", 0, 0, "Ну и ну... | Даже так?! | Да."},
    /* English */
    {"Dr. Smith met Mr. Jones. They talked.", 3, 0, "Dr. Smith met Mr. Jones. | They talked."},
    {"I moved to the U.S. Army base. It was big.", 3, 0,
     "I moved to the U.S. Army base. | It was big."},
    {"We flew to the U.S. What did you see?", 3, 0, "We flew to the U.S. | What did you see?"},
    /* web text: emoji, mentions, smileys, URLs */
    {"Керемет сурет 😍 Біз де барамыз.", 0, 0, "Керемет сурет 😍 | Біз де барамыз."},
    {"Рахмет. @user_1 сізге де рахмет", 0, 0, "Рахмет. | @user_1 сізге де рахмет"},
    {"Отлично :) Приеду завтра", 0, 0, "Отлично :) | Приеду завтра"},
    {"Бывает)) Потом расскажу", 0, 0, "Бывает)) | Потом расскажу"},
    {"Ссылка http://example.ru/a/ Подпишите", 0, 0, "Ссылка http://example.ru/a/ | Подпишите"},
    /* mentions inside a sentence stay there (news quotes accounts) */
    {"Керемет жер @user_1 біз де барамыз", 0, 0, "Керемет жер @user_1 біз де барамыз"},
    {"Пишет в твиттере @ann_k сегодня", 2, 0, "Пишет в твиттере @ann_k сегодня"},
    {"Фото с @ann_k на море", 2, 0, "Фото с @ann_k на море"},
    {"Это что-то с чем-то @ann_k спасибо", 2, 0, "Это что-то с чем-то @ann_k спасибо"},
    {"Фото, @ann_k на море", 2, 0, "Фото, @ann_k на море"},
    {"Пишите нам @mail.ru потом", 2, 0, "Пишите нам @mail.ru потом"},
    /* hashtags closing a post, frowns, :D */
    {"Отдых на море #лето #sochi Какие фото!", 0, 0, "Отдых на море #лето #sochi | Какие фото!"},
    {"Едем в #Сочи на неделю", 0, 0, "Едем в #Сочи на неделю"},
    {"Ranked #1 Nationwide today", 3, 0, "Ranked #1 Nationwide today"},
    {"Ничего не поможет(( @user у нас так же", 2, 0, "Ничего не поможет(( | @user у нас так же"},
    {"Ничего не поможет(( Жаль", 2, 0, "Ничего не поможет(( | Жаль"},
    {"Вот так :( Жаль", 2, 0, "Вот так :( | Жаль"},
    {"Оценка( Пять", 2, 0, "Оценка( Пять"},
    {"Класс :D Завтра увидимся", 2, 0, "Класс :D | Завтра увидимся"},
    /* U+2800 as an empty line stays with the sentence before it */
    {"Ужасное зрелище! \u2800 Поэтому молчу.", 2, 0, "Ужасное зрелище! \u2800 | Поэтому молчу."},
    {"Как Роман\U0001F92A \u2800 Уже ставки.", 2, 0, "Как Роман\U0001F92A \u2800 | Уже ставки."},
    /* pictographs as bullets open the next item */
    {"Клёв весь день. \u2714 К середине зимы лучше.", 2, 0,
     "Клёв весь день. | \u2714 К середине зимы лучше."},
    {"Клёв такой: \u2714 Первые недели хороши.", 2, 0, "Клёв такой: \u2714 Первые недели хороши."},
    {"Нужно: 1\u20e3 Поднять оплату 2\u20e3 Отменить налоги", 2, 0,
     "Нужно: 1\u20e3 Поднять оплату | 2\u20e3 Отменить налоги"},
    /* lists, references, omissions */
    {"1) Бірінші тармақ 2) Екінші тармақ", 0, 0, "1) Бірінші тармақ | 2) Екінші тармақ"},
    {"в квартире; 2) отчуждать долю", 0, 0, "в квартире; | 2) отчуждать долю"},
    {"4. Я присутствовал на встрече.", 0, 0, "4. Я присутствовал на встрече."},
    {"He moved to Leeds. [12] Then he left.", 3, 0, "He moved to Leeds. [12] | Then he left."},
    {"The text [...] Was cut.", 3, 0, "The text [...] Was cut."},
    {"\"Осылай тұр!\" деді ол.", 0, 0, "\"Осылай тұр!\" деді ол."},
    {"Кім? не?", 1, 0, "Кім? | не?"},
    /* where the rules have no opinion ICU decides (asked lazily) */
    {"Ну... 5 лет прошло", 2, 0, "Ну... 5 лет прошло"},
    {"Ну... 5 Лет прошло", 2, 0, "Ну... | 5 Лет прошло"},
    /* terminators of other scripts: ICU's boundaries after them stand */
    {"\u0928\u092e\u0938\u094d\u0924\u0947\u0964 \u0926\u0941", 0, 0,
     "\u0928\u092e\u0938\u094d\u0924\u0947\u0964 | \u0926\u0941"},
    {"\u0645\u0631\u062d\u0628\u0627\u061f \u0639\u0627\u0644\u0645", 0, 0,
     "\u0645\u0631\u062d\u0628\u0627\u061f | \u0639\u0627\u0644\u0645"},
    {"\u4f60\u597d\u3002 \u4e16\u754c", 0, 0, "\u4f60\u597d\u3002 | \u4e16\u754c"},
    {"\u4f60\u597d\u3002\u4e16\u754c", 0, 0, "\u4f60\u597d\u3002\u4e16\u754c"},
    {"Ok \u0645\u0631\u062d\u0628\u0627\u061f (x) \u0639", 0, 0,
     "Ok \u0645\u0631\u062d\u0628\u0627\u061f | (x) \u0639"},
    /* paragraphs and line breaks */
    /* issue 16: a headline or a widget line does not run into the next
     * line; text wrapped across lines still joins; list items after a
     * colon are sentences with their numbers. */
    {"Тақырып\nМәтін жалғасады.", 0, 0, "Тақырып | Мәтін жалғасады."},
    {"ЖАҢА КӨПІР АШЫЛДЫ\nКөпір бүгін ашылды.", 0, 0, "ЖАҢА КӨПІР АШЫЛДЫ | Көпір бүгін ашылды."},
    {"Bridge Opens To Traffic In Oral\nThe city said so.", 0, 0,
     "Bridge Opens To Traffic In Oral | The city said so."},
    {"Ол кеше Астанада өткен жиында сөз сөйлеген Президент\nТоқаев жаңа жоспарды таныстырды.", 0, 0,
     "Ол кеше Астанада өткен жиында сөз сөйлеген Президент\nТоқаев жаңа жоспарды таныстырды."},
    {"The ministry expects the new line\nto carry twice as many cars.", 0, 0,
     "The ministry expects the new line\nto carry twice as many cars."},
    {"Video of the opening\nplease wait", 0, 0, "Video of the opening | please wait"},
    {"Нужно:\n1) заполнить анкету;\n2) сдать документы.", 0, 0,
     "Нужно: | 1) заполнить анкету; | 2) сдать документы."},
    {"To apply:\n1. Fill in the form.\n2. Send it to us.", 0, 0,
     "To apply: | 1. Fill in the form. | 2. Send it to us."},
    {"It happened on 12\nMarch in the city.", 0, 0, "It happened on 12\nMarch in the city."},
    {"Тақырып\nМәтін жалғасады.", 0, KZTEXT_SEG_LINES, "Тақырып | Мәтін жалғасады."},
    {"Бірінші абзац\n\nЕкінші абзац", 0, 0, "Бірінші абзац | Екінші абзац"},
    {"Line one\r\n\r\nLine two", 0, 0, "Line one | Line two"},
};

static const seg_case token_cases[] = {
    {"", 0, 0, ""},
    {"Қазақстан-2050 стратегиясы", 0, 0, "Қазақстан-2050 | стратегиясы"},
    {"бизнес-жоспар, т.б.", 0, 0, "бизнес-жоспар | , | т.б."},
    {"s'ag'an bar", 0, 0, "s'ag'an | bar"},
    {"барлығы 1 000,5 теңге", 0, 0, "барлығы | 1 000,5 | теңге"},
    {"«Сөз» деді.", 0, 0, "« | Сөз | » | деді | ."},
    {"see https://example.com/a?b=1.", 0, 0, "see | https://example.com/a?b=1 | ."},
    {"mail me@example.com now", 0, 0, "mail | me@example.com | now"},
    {"#Алматы and @user", 0, 0, "#Алматы | and | @user"},
    {"Б. Оразов", 0, 0, "Б. | Оразов"},
    {"G'. Bo'ron", 0, 0, "G'. | Bo'ron"},
    {"the U.S. and co", 3, 0, "the | U.S. | and | co"},
    {"Wait...", 3, 0, "Wait | ..."},
    {"12:30 12.03.2019", 0, 0, "12:30 | 12.03.2019"},
    /* character references: a quotation mark is one token, others are pieces */
    {"регги&#39;&#39;. Да", 2, 0, "регги | &#39;&#39; | . | Да"},
    {"a &quot;b&quot;", 3, 0, "a | &quot; | b | &quot;"},
    {"x &#60; y", 2, 0, "x | & | # | 60 | ; | y"},
    /* a run of Han ideographs is one token */
    {"книга \u597d\u52c7\u4e0d\u597d\u5b78 и", 2, 0, "книга | \u597d\u52c7\u4e0d\u597d\u5b78 | и"},
};

/* The cluster rules of src/segment/sentences.c (cluster_rules[]), one
 * example of our own each at least: the rule that decides the text's first
 * cluster of terminators, and the split that follows. */
typedef struct rule_case {
  const char *rule;
  int lang;
  const char *in;
  const char *want; /* sentences joined by " | " */
} rule_case;

static const rule_case rule_cases[] = {
    {"end_of_text", 1, "Біз келдік.", "Біз келдік."},
    {"glued", 1, "Ол кетті.Бүгін жаңбыр жауды.", "Ол кетті. | Бүгін жаңбыр жауды."},
    {"glued", 2, "Смотри на сайте kztext.kz сегодня", "Смотри на сайте kztext.kz сегодня"},
    {"inside_quotation", 1, "Ол: «Кел. Отыр» деді.", "Ол: «Кел. Отыр» деді."},
    {"detached_quote", 3, "Why? \", she said.", "Why? \", she said."},
    {"bullet_item", 1, "Дайын. \u2714 Келесі қадам.", "Дайын. | \u2714 Келесі қадам."},
    {"emoji_after", 1, "Керемет! \U0001F60D Біз келеміз.", "Керемет! \U0001F60D | Біз келеміз."},
    {"mention_reply", 1, "Келістік. @dana_s ертең кездесеміз",
     "Келістік. | @dana_s ертең кездесеміз"},
    {"dash_led", 1, "Кім? — деп сұрады ол.", "Кім? — деп сұрады ол."},
    {"dash_led", 1, "Ол келді. — Сәлем!", "Ол келді. | — Сәлем!"},
    {"quoted_exclamation", 1, "\"Тоқта!\" деді ол.", "\"Тоқта!\" деді ол."},
    {"exclamation_in_name", 3, "We watched Jeopardy! on Monday.",
     "We watched Jeopardy! on Monday."},
    {"strong_end", 1, "Қайда? кеше келдің", "Қайда? | кеше келдің"},
    {"omission", 1, "Мәтін [...] Кейін жалғасады.", "Мәтін [...] Кейін жалғасады."},
    {"ellipsis_case", 1, "Күте тұрыңыз... Біз келеміз.", "Күте тұрыңыз... | Біз келеміз."},
    {"ellipsis_case", 1, "Ал... біз келдік.", "Ал... біз келдік."},
    {"number_then_lower", 1, "Бөлме нөмірі 214. келесі бөлме", "Бөлме нөмірі 214. | келесі бөлме"},
    {"lower_after_word", 1, "Жаңбыр жауды. ертең күн ашық", "Жаңбыр жауды. | ертең күн ашық"},
    {"numero_follows", 1, "Хат жіберілді. №12 үйге", "Хат жіберілді. №12 үйге"},
    {"no_word_before", 1, "7. Бірінші тармақ", "7. Бірінші тармақ"},
    {"no_word_before", 1, "Бағасы 500. Арзан.", "Бағасы 500. | Арзан."},
    {"abbrev_year", 1, "Мектеп 1975 ж. Ол кезде ауыл шағын еді.",
     "Мектеп 1975 ж. | Ол кезде ауыл шағын еді."},
    {"abbrev_year", 2, "Школа открылась в 1975 г. Тогда село было маленьким.",
     "Школа открылась в 1975 г. | Тогда село было маленьким."},
    {"abbrev_never", 1, "Бұл туралы проф. Ахметов айтты.", "Бұл туралы проф. Ахметов айтты."},
    {"abbrev_digit", 2, "Смотри п. 2 ниже.", "Смотри п. 2 ниже."},
    {"abbrev_digit", 3, "Call No. 7 now.", "Call No. 7 now."},
    {"abbrev_end", 2, "Пришли Иванов, Петров и др. Все сели.",
     "Пришли Иванов, Петров и др. | Все сели."},
    {"abbrev_end", 3, "We bought pens, paper etc. Then we left.",
     "We bought pens, paper etc. | Then we left."},
    {"initial", 1, "Ә. Нұрпейісов жазды.", "Ә. Нұрпейісов жазды."},
    {"initial", 3, "So did I. Then we left.", "So did I. | Then we left."},
    {"list_marker", 1, "IV. Қорытынды жасалды.", "IV. Қорытынды жасалды."},
    {"capital_follows", 1, "Ол келді. Біз кеттік.", "Ол келді. | Біз кеттік."},
};

/* Joins the spans' text with " | ". */
static char *joined(const char *in, const kztext_span *sp, size_t n) {
  size_t cap = strlen(in) + 4 * n + 1, len = 0;
  char *out = malloc(cap);
  if (!out) return NULL;
  for (size_t i = 0; i < n; i++) {
    if (i) {
      memcpy(out + len, " | ", 3);
      len += 3;
    }
    memcpy(out + len, in + sp[i].start, sp[i].end - sp[i].start);
    len += sp[i].end - sp[i].start;
  }
  out[len] = 0;
  return out;
}

static void run_table(kztext_segmenter *seg, const seg_case *cases, size_t ncases, int tokens) {
  for (size_t i = 0; i < ncases; i++) {
    const seg_case *c = &cases[i];
    kztext_span *sp = NULL;
    size_t n = 0;
    kztext_status st =
        tokens
            ? kztext_tokens_alloc(seg, c->in, strlen(c->in), c->lang, c->flags, &sp, &n, NULL)
            : kztext_sentences_alloc(seg, c->in, strlen(c->in), c->lang, c->flags, &sp, &n, NULL);
    CHECK_INT(st, KZTEXT_OK, c->in);
    char *got = joined(c->in, sp, n);
    CHECK(got && !strcmp(got, c->want), "%s: [%s]\n  got  [%s]\n  want [%s]",
          tokens ? "tokens" : "sentences", c->in, got ? got : "(null)", c->want);
    /* Spans are ordered, non-overlapping, non-empty and trimmed. */
    for (size_t k = 0; k < n; k++) {
      CHECK(sp[k].start < sp[k].end && sp[k].end <= strlen(c->in), "span bounds");
      if (k) CHECK(sp[k - 1].end <= sp[k].start, "span order");
      CHECK(c->in[sp[k].start] != ' ' && c->in[sp[k].end - 1] != ' ', "trimmed");
    }
    free(got);
    kztext_free(sp);
  }
}

static void test_api(kztext_segmenter *seg) {
  const char *t = "Бір. Екі. Үш.";
  size_t n = 99, off = 0;
  kztext_span sp[3];
  CHECK_INT(kztext_sentences(seg, t, strlen(t), 0, 0, NULL, 0, &n, NULL), KZTEXT_E_BUFFER_TOO_SMALL,
            "size query");
  CHECK_INT(n, 3, "count");
  CHECK_INT(kztext_sentences(seg, t, strlen(t), 0, 0, sp, 1, &n, NULL), KZTEXT_E_BUFFER_TOO_SMALL,
            "small buffer");
  CHECK_INT(sp[0].end, strlen("Бір."), "first span filled");
  CHECK_INT(kztext_sentences(seg, t, strlen(t), 0, 0, sp, 3, &n, NULL), KZTEXT_OK, "fits");
  CHECK_INT(sp[2].start, strlen("Бір. Екі. "), "third start");
  CHECK_INT(kztext_sentences(seg, t, strlen(t), 0, 0x8000, sp, 3, &n, NULL), KZTEXT_E_INVALID_FLAGS,
            "unknown flag");
  CHECK_INT(kztext_sentences(seg, t, strlen(t), 9, 0, sp, 3, &n, NULL), KZTEXT_E_INVALID_ARG,
            "bad lang");
  CHECK_INT(kztext_sentences(NULL, t, strlen(t), 0, 0, sp, 3, &n, NULL), KZTEXT_E_INVALID_ARG,
            "NULL segmenter");
  CHECK_INT(kztext_sentences(seg, NULL, 5, 0, 0, sp, 3, &n, NULL), KZTEXT_E_INVALID_ARG,
            "NULL text");
  CHECK_INT(kztext_sentences(seg, NULL, 0, 0, 0, sp, 3, &n, NULL), KZTEXT_OK, "empty NULL");
  CHECK_INT(n, 0, "empty count");
  const char bad[] = "Ok. Bad \xC3( here. End.";
  CHECK_INT(kztext_sentences(seg, bad, sizeof bad - 1, 0, 0, sp, 3, &n, &off),
            KZTEXT_E_INVALID_UTF8, "strict");
  CHECK_INT(off, 8, "error offset");
  CHECK_INT(kztext_sentences(seg, bad, sizeof bad - 1, 0, KZTEXT_INVALID_REPLACE, sp, 3, &n, NULL),
            KZTEXT_OK, "replace");
  CHECK_INT(n, 3, "replace count");
  CHECK_INT(sp[2].end, sizeof bad - 1, "offsets in the caller's bytes");
  CHECK_INT(kztext_tokens(seg, bad, sizeof bad - 1, 0, 0, sp, 3, &n, &off), KZTEXT_E_INVALID_UTF8,
            "tokens strict");
  CHECK_INT(kztext_segmenter_new(NULL), KZTEXT_E_INVALID_ARG, "new(NULL)");
  kztext_segmenter_free(NULL);
  /* Streaming helper. */
  const char *p = "a.\n\nb.\n \nc";
  CHECK_INT(kztext_paragraph_boundary(p, strlen(p)), strlen("a.\n\nb.\n \n"), "paragraph cut");
  CHECK_INT(kztext_paragraph_boundary("a.\nb.", 5), 0, "no paragraph cut");
}

/* Segmenting a long text gives the same spans as segmenting it in
 * paragraph-sized pieces cut by kztext_paragraph_boundary(). */
static void test_stream(kztext_segmenter *seg) {
  static const char para[] = "Бірінші сөйлем. – Екінші! Үшінші т.б. Ол.\n\n";
  char buf[sizeof para * 20];
  size_t len = 0;
  for (int i = 0; i < 20; i++) {
    memcpy(buf + len, para, sizeof para - 1);
    len += sizeof para - 1;
  }
  kztext_span *all = NULL, *part = NULL;
  size_t n_all = 0, n_part = 0;
  CHECK_INT(kztext_sentences_alloc(seg, buf, len, 0, 0, &all, &n_all, NULL), KZTEXT_OK, "whole");
  size_t cut = kztext_paragraph_boundary(buf, len / 2);
  CHECK(cut > 0, "cut found");
  CHECK_INT(kztext_sentences_alloc(seg, buf, cut, 0, 0, &part, &n_part, NULL), KZTEXT_OK, "part");
  CHECK(n_part < n_all && all[n_part - 1].end == part[n_part - 1].end, "same spans before cut");
  CHECK_INT(n_all, 20 * 4, "four sentences per paragraph");
  kztext_free(all);
  kztext_free(part);
}

/* Each rule decides its examples as documented, and every rule of the
 * table has an example. */
static void test_rules(kztext_segmenter *seg) {
  size_t ncases = sizeof rule_cases / sizeof *rule_cases;
  for (size_t i = 0; i < ncases; i++) {
    const rule_case *c = &rule_cases[i];
    const char *rule = NULL;
    CHECK_INT(kz_sentences_first_rule(seg, c->in, strlen(c->in), c->lang, &rule), KZTEXT_OK, c->in);
    CHECK(rule && !strcmp(rule, c->rule), "[%s]: decided by %s, want %s", c->in,
          rule ? rule : "(none)", c->rule);
    kztext_span *sp = NULL;
    size_t n = 0;
    CHECK_INT(kztext_sentences_alloc(seg, c->in, strlen(c->in), c->lang, 0, &sp, &n, NULL),
              KZTEXT_OK, c->in);
    char *got = joined(c->in, sp, n);
    CHECK(got && !strcmp(got, c->want), "rule %s: [%s]\n  got  [%s]\n  want [%s]", c->rule, c->in,
          got ? got : "(null)", c->want);
    free(got);
    kztext_free(sp);
  }
  size_t r = 0;
  for (const char *name; (name = kz_sentence_rule_name(r)) != NULL; r++) {
    size_t i = 0;
    while (i < ncases && strcmp(rule_cases[i].rule, name))
      i++;
    CHECK(i < ncases, "rule %s has no example in rule_cases[]", name);
  }
  CHECK(r >= 20, "cluster rules: %zu", r);
}

int main(void) {
  kztext_segmenter *seg = NULL;
  CHECK_INT(kztext_segmenter_new(&seg), KZTEXT_OK, "segmenter_new");
  if (!seg) return t_finish();
  run_table(seg, sentence_cases, sizeof sentence_cases / sizeof *sentence_cases, 0);
  run_table(seg, token_cases, sizeof token_cases / sizeof *token_cases, 1);
  test_rules(seg);
  test_api(seg);
  test_stream(seg);
  kztext_segmenter_free(seg);
  return t_finish();
}

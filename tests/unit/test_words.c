/* The word-boundary scan (src/segment/words.c) against ICU's word iterator
 * walked with ubrk_next(): every character of the scan's table between
 * context characters of every class, all short strings over an alphabet of
 * one character per class plus characters that hand over to ICU, and long
 * random strings over that alphabet, where hand-overs and returns follow
 * each other. */
#include <stdint.h>
#include <stdlib.h>

#include "harness.h"
#include "segment/seg.h"

/* One character per Word_Break class the scan knows, and some it leaves
 * to ICU: combining marks (Extend), soft hyphen (Format), ZWJ, Hebrew,
 * katakana, Han, Thai, a regional indicator, an emoji, a double quote,
 * and an ill-formed byte. */
static const char *const alphabet[] = {"a",
                                       "Z",
                                       "ж",
                                       "қ",
                                       "7",
                                       "_",
                                       ".",
                                       ",",
                                       ";",
                                       ":",
                                       "'",
                                       "’",
                                       "·",
                                       "‧",
                                       " ",
                                       "\t",
                                       "\n",
                                       "\r",
                                       "\v",
                                       "-",
                                       "@",
                                       "!",
                                       "«",
                                       "\xc2\xa0",
                                       "\xe2\x80\x83",
                                       "\xe2\x80\xaf",
                                       "⁄",
                                       "\xc2\x85",
                                       "\xe2\x80\xa8",
                                       "ʼ",
                                       "\xcc\x81",
                                       "\xc2\xad",
                                       "\xe2\x80\x8d",
                                       "א",
                                       "ア",
                                       "漢",
                                       "ก",
                                       "🇰",
                                       "😀",
                                       "\"",
                                       "\xff",
                                       "٣",
                                       "ا",
                                       "α",
                                       "№"};
#define NA (sizeof alphabet / sizeof *alphabet)

/* Compares the scan with ICU over s[0..n); returns 1 when they agree.
 * valid: let the scan assume valid UTF-8. */
static int same_scan(kztext_segmenter *seg, UBreakIterator *bi, const char *s, size_t n,
                     int valid) {
  UErrorCode err = U_ZERO_ERROR;
  UText *ut = utext_openUTF8(NULL, s, (int64_t)n, &err);
  ubrk_setUText(bi, ut, &err);
  if (U_FAILURE(err)) return 0;
  kz_words w;
  kz_words_start(&w, seg, (const unsigned char *)s, n, valid, 0);
  int ok = 1;
  size_t prev = 0;
  for (;;) {
    int32_t want = ubrk_next(bi);
    size_t got = kz_words_next(&w);
    if (want == UBRK_DONE || got == KZ_WORDS_DONE) {
      ok = want == UBRK_DONE && got == KZ_WORDS_DONE;
      break;
    }
    if ((size_t)want != got) {
      ok = 0;
      break;
    }
    /* What the kinds promise tokens.c: every character white space, or
     * every one an alphabetic letter. */
    for (size_t i = prev, l; w.kind && i < got; i += l) {
      uint32_t c = kz_cp_at((const unsigned char *)s, n, i, &l);
      if (w.kind == KZ_SEG_SPACE ? !kz_is_space(c) : !u_isalpha((UChar32)c)) ok = 0;
    }
    prev = got;
  }
  utext_close(ut);
  return ok && w.status == KZTEXT_OK;
}

/* The scan, also with the faster path for valid UTF-8 where s is valid. */
static int same(kztext_segmenter *seg, UBreakIterator *bi, const char *s, size_t n) {
  int valid = kz_utf8_valid_prefix((const unsigned char *)s, n) == n;
  return same_scan(seg, bi, s, n, 0) && (!valid || same_scan(seg, bi, s, n, 1));
}

/* Tokens with the scan and its shortcuts equal tokens from ICU alone. */
static int same_tokens(kztext_segmenter *seg, const char *s, size_t n) {
  int ok = 1;
  for (int lang = 0; lang <= 3; lang++) {
    kz_spans a = {NULL, 0, 0, NULL, 0, 0, 1}, b = {NULL, 0, 0, NULL, 0, 0, 1};
    /* Flags 0 promise valid UTF-8 (kz_seg_check). */
    unsigned flags =
        kz_utf8_valid_prefix((const unsigned char *)s, n) == n ? 0 : KZTEXT_INVALID_REPLACE;
    kztext_status sa = kz_tokens_run(seg, (const unsigned char *)s, n, lang, flags, &a);
    kztext_status sb = kz_tokens_reference(seg, (const unsigned char *)s, n, lang, &b);
    if (sa != sb || a.count != b.count ||
        (a.count && memcmp(a.grow, b.grow, a.count * sizeof *a.grow)))
      ok = 0;
    free(a.grow);
    free(b.grow);
  }
  return ok;
}

static void check_text(kztext_segmenter *seg, UBreakIterator *bi, const char *s, size_t n,
                       const char *what) {
  int ok = same(seg, bi, s, n);
  CHECK(ok, "%s: scan and ICU differ on [%.*s]", what, (int)(n > 200 ? 200 : n), s);
  ok = same_tokens(seg, s, n);
  CHECK(ok, "%s: tokens differ from ICU's on [%.*s]", what, (int)(n > 200 ? 200 : n), s);
}

static size_t put_cp(char *o, uint32_t c) {
  if (c < 0x80) {
    o[0] = (char)c;
    return 1;
  }
  if (c < 0x800) {
    o[0] = (char)(0xC0 | c >> 6);
    o[1] = (char)(0x80 | (c & 0x3F));
    return 2;
  }
  o[0] = (char)(0xE0 | c >> 12);
  o[1] = (char)(0x80 | ((c >> 6) & 0x3F));
  o[2] = (char)(0x80 | (c & 0x3F));
  return 3;
}

/* Every code point of the table, alone and between pairs of contexts. */
static void test_table(kztext_segmenter *seg, UBreakIterator *bi) {
  static const char *const ctx[] = {"a", "ж", "7",  "_", ".",        ",", ":",
                                    "'", " ", "\n", "-", "\xcc\x81", "א", "\""};
  const size_t nc = sizeof ctx / sizeof *ctx;
  size_t fails = 0;
  char buf[64];
  for (uint32_t c = 0; c < KZ_WB_PUNCT + KZ_WB_PUNCT_N; c++) {
    if (c == KZ_WB_LOW) c = KZ_WB_PUNCT;
    if (c >= 0xD800 && c <= 0xDFFF) continue;
    for (size_t x = 0; x < nc; x++)
      for (size_t y = 0; y < nc; y++) {
        size_t n = 0;
        for (int r = 0; r < 2; r++) { /* x c y x c y: WB6/WB7 and WB11/WB12 both sides */
          memcpy(buf + n, ctx[x], strlen(ctx[x]));
          n += strlen(ctx[x]);
          n += put_cp(buf + n, c);
          memcpy(buf + n, ctx[y], strlen(ctx[y]));
          n += strlen(ctx[y]);
        }
        if (!same(seg, bi, buf, n) && fails++ < 10)
          CHECK(0, "U+%04X between [%s] and [%s]: scan and ICU differ", (unsigned)c, ctx[x],
                ctx[y]);
      }
  }
  CHECK_INT(fails, 0, "table code points where the scan and ICU differ");
}

/* All strings of up to 3 characters over the alphabet. */
static void test_short(kztext_segmenter *seg, UBreakIterator *bi) {
  size_t fails = 0;
  char buf[64];
  for (size_t i = 0; i < NA; i++)
    for (size_t j = 0; j <= NA; j++)
      for (size_t k = 0; k <= NA; k++) {
        size_t n = 0;
        const char *p[3] = {alphabet[i], j < NA ? alphabet[j] : "", k < NA ? alphabet[k] : ""};
        for (int q = 0; q < 3; q++) {
          memcpy(buf + n, p[q], strlen(p[q]));
          n += strlen(p[q]);
        }
        if (!same(seg, bi, buf, n) && fails++ < 10)
          CHECK(0, "[%.*s]: scan and ICU differ", (int)n, buf);
      }
  CHECK_INT(fails, 0, "short strings where the scan and ICU differ");
}

/* Long random strings, mostly letters and digits as text has them. */
static void test_random(kztext_segmenter *seg, UBreakIterator *bi) {
  uint64_t x = 0x9E3779B97F4A7C15u;
  char *buf = malloc(4096 * 4);
  if (!buf) return;
  for (int round = 0; round < 3000; round++) {
    size_t n = 0, len = 1 + round % 97 * 11;
    for (size_t i = 0; i < len; i++) {
      x ^= x << 13;
      x ^= x >> 7;
      x ^= x << 17;
      /* Half the draws from the first 14 (letters, digits, mid punctuation). */
      size_t pick = (x >> 8) % 2 ? (x >> 16) % 14 : (x >> 16) % NA;
      size_t l = strlen(alphabet[pick]);
      memcpy(buf + n, alphabet[pick], l);
      n += l;
    }
    check_text(seg, bi, buf, n, "random");
  }
  free(buf);
}

/* seg.h's kz_is_emoji_part() skips ICU below U+203C, where only U+00A9
 * and U+00AE are pictographs. */
static void test_pictographs(void) {
  size_t other = 0;
  for (UChar32 c = 0; c < 0x203C; c++)
    if (u_hasBinaryProperty(c, UCHAR_EXTENDED_PICTOGRAPHIC) != (c == 0xA9 || c == 0xAE)) other++;
  CHECK_INT(other, 0, "pictographs below U+203C besides U+00A9 and U+00AE");
  CHECK(kz_is_emoji_part(0xA9) && kz_is_emoji_part(0x200D) && !kz_is_emoji_part(0x4D9) &&
            kz_is_emoji_part(0x1F600) && kz_is_emoji_part(0x203C),
        "kz_is_emoji_part");
}

int main(void) {
  kztext_segmenter *seg;
  if (kztext_segmenter_new(&seg) != KZTEXT_OK) return 1;
  UErrorCode err = U_ZERO_ERROR;
  UBreakIterator *bi = ubrk_open(UBRK_WORD, "", NULL, 0, &err);
  if (U_FAILURE(err)) return 1;
  check_text(seg, bi, "", 0, "empty");
  static const char *const texts[] = {
      "Мен 1 000,5 теңге: U.S.A. don't 3.14 a_b", "жаз: kaz@mail.kz, ...",
      "Т.е. бизнес-жоспар http://bir.kz/a_(b). #тег @ат-42 G'. Ж.Ж.Ж. 12:30 т. б.",
      "ол-бұл қазақ’а «сөз» — мен… !!! ))) ___ &quot;x&#39; "
      "🚴🏽‍♂️ "
      "漢字 "
      "www.x.kz"};
  for (size_t i = 0; i < sizeof texts / sizeof *texts; i++)
    check_text(seg, bi, texts[i], strlen(texts[i]), "text");
  test_table(seg, bi);
  test_short(seg, bi);
  test_random(seg, bi);
  test_pictographs();
  ubrk_close(bi);
  kztext_segmenter_free(seg);
  return t_finish();
}

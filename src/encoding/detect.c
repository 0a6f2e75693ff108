/* Encoding detection.  ICU's detector calls KZ-1048 and PT154 windows-1251,
 * so kztext scores each candidate codepage by what its decoding looks like:
 * frequent lower-case Russian and Kazakh letters score high, capitals low,
 * letters of other languages and symbols negative.  The three Windows-style
 * codepages share А-я and differ only in 0x80-0xBF, where Kazakh text puts
 * its own letters; there a letter counts only inside a word (a neighbour
 * byte >= 0x80), so "±5" in Russian text does not vote for PT154's ұ. */
#include <string.h>

#include "codepage/codepage.h"
#include "utf8/utf8.h"

/* Per-mille frequencies of Russian lower-case letters а..я (Kazakh news
 * shares the order closely enough); Kazakh letters get their own. */
static const unsigned char ru_freq[32] = {80, 16, 45, 17,  30, 85, 9,  16, 74, 12, 35,
                                          44, 32, 67, 110, 28, 47, 55, 63, 26, 3,  10,
                                          5,  14, 7,  4,   1,  19, 17, 3,  6,  20};

static int weight(uint32_t cp) {
  if (cp >= 0x0430 && cp <= 0x044F) return ru_freq[cp - 0x430] / 3 + 1;
  if (cp >= 0x0410 && cp <= 0x042F) return 3;
  switch (cp) {
  case 0x0456:
  case 0x049B:
    return 30; /* і қ */
  case 0x04D9:
    return 25; /* ә */
  case 0x04A3:
    return 20; /* ң */
  case 0x0493:
  case 0x04AF:
    return 15; /* ғ ү */
  case 0x04B1:
    return 12; /* ұ */
  case 0x04E9:
    return 10; /* ө */
  case 0x0451:
  case 0x04BB:
    return 3; /* ё һ */
  case 0x0401:
  case 0x0406:
  case 0x04D8:
  case 0x0492:
  case 0x049A:
  case 0x04A2:
  case 0x04AE:
  case 0x04B0:
  case 0x04BA:
  case 0x04E8:
    return 3; /* Ё І Ә Ғ Қ Ң Ү Ұ Һ Ө */
  case 0x00A0:
  case 0x00AB:
  case 0x00BB:
  case 0x2013:
  case 0x2014:
  case 0x2026:
  case 0x2116:
  case 0x201C:
  case 0x201D:
  case 0x201E:
  case 0x2018:
  case 0x2019:
  case 0x2022:
  case 0x00B0:
  case 0x00A7:
  case 0x00A9:
    return 1; /* « » – — … № quotes ° § © */
  default:
    return -20;
  }
}

#define KZ_DETECT_LETTERS ((size_t)1 << 15)

static int is_letter(uint32_t cp) { return cp >= 0x0400 && cp <= 0x04FF; }

/* Picks the single-byte encoding whose decoding of s looks most like
 * Kazakh/Russian text; *confidence 0-100. */
static kztext_encoding detect_single_byte(const unsigned char *s, size_t n, int *confidence,
                                          kztext_encoding *second, size_t *evidence) {
  /* Counts of each high byte inside words and standing alone, until
   * KZ_DETECT_LETTERS of them are seen: some 30,000 letters settle any real
   * text, wherever in the input they start. */
  size_t cnt[128][2], seen = 0;
  memset(cnt, 0, sizeof cnt);
  for (size_t i = 0; i < n && seen < KZ_DETECT_LETTERS; i++) {
    if (i + 8 <= n) {
      uint64_t w;
      memcpy(&w, s + i, 8);
      if (!(w & 0x8080808080808080ull)) {
        i += 7;
        continue;
      }
    }
    unsigned b = s[i];
    if (b < 0x80) continue;
    unsigned nb = (i > 0 ? s[i - 1] : 0) | (i + 1 < n ? s[i + 1] : 0);
    cnt[b - 0x80][nb >> 7]++;
    seen++;
  }
  size_t inw[128], alone[128];
  for (int b = 0; b < 128; b++) {
    inw[b] = cnt[b][1];
    alone[b] = cnt[b][0];
  }
  static const kztext_encoding cand[] = {KZTEXT_ENC_CP1251, KZTEXT_ENC_RK1048,
                                         KZTEXT_ENC_PT154,  KZTEXT_ENC_KOI8R,
                                         KZTEXT_ENC_IBM866, KZTEXT_ENC_ISO8859_5};
  enum { NC = sizeof cand / sizeof *cand };
  long long score[NC];
  for (int c = 0; c < NC; c++) {
    const uint16_t *t = kz_cp_table(cand[c]);
    long long sc = 0;
    for (int b = 0; b < 128; b++) {
      if (!inw[b] && !alone[b]) continue;
      uint32_t cp = t[b + 0x80];
      int w = weight(cp);
      if (b < 0x40 && is_letter(cp) && w > 0 && (c == 0 || c == 1 || c == 2))
        sc += (long long)inw[b] * w; /* 0x80-0xBF of the Windows family */
      else
        sc += (long long)(inw[b] + alone[b]) * w;
    }
    score[c] = sc;
  }
  int best = 0, next = -1;
  for (int c = 1; c < NC; c++)
    if (score[c] > score[best]) best = c;
  /* The runner-up among the candidates whose decoding differs from the
   * best one (one that decodes the bytes alike is no alternative). */
  for (int c = 0; c < NC; c++) {
    if (c == best) continue;
    const uint16_t *t = kz_cp_table(cand[c]), *tb0 = kz_cp_table(cand[best]);
    int differs = 0;
    for (int b = 0; b < 128 && !differs; b++)
      differs = (inw[b] || alone[b]) && t[b + 0x80] != tb0[b + 0x80];
    if (differs && (next < 0 || score[c] > score[next])) next = c;
  }
  if (second) *second = next < 0 ? KZTEXT_ENC_AUTO : cand[next];
  if (evidence) *evidence = seen;
  /* Confidence: how clearly the best beats the runner-up on the bytes
   * where their decodings differ (bytes they agree on say nothing). */
  const uint16_t *tb = kz_cp_table(cand[best]);
  int conf = 100, found = 0;
  for (int c = 0; c < NC; c++) {
    if (c == best) continue;
    const uint16_t *t = kz_cp_table(cand[c]);
    long long diff = 0, norm = 0;
    for (int b = 0; b < 128; b++) {
      size_t got = inw[b] + alone[b];
      if (!got || t[b + 0x80] == tb[b + 0x80]) continue;
      long long wb = weight(tb[b + 0x80]), wc = weight(t[b + 0x80]);
      diff += (long long)got * (wb - wc);
      norm += (long long)got * ((wb < 0 ? -wb : wb) + (wc < 0 ? -wc : wc));
    }
    if (!norm) continue;
    long long m = diff * 100 / norm;
    int cc = m > 100 ? 100 : m < 0 ? 0 : (int)m;
    if (!found || cc < conf) conf = cc;
    found = 1;
  }
  if (confidence) *confidence = conf;
  return cand[best];
}

/* A single-byte guess is sure when it beats every other decoding clearly
 * and rests on enough bytes: measured on the legacy dev files cut into
 * lines and 40-160 byte prefixes, confidence >= 30 accepted no wrong
 * decoding, and fewer than 8 high bytes (a stray byte or two in ASCII)
 * are too few to tell any codepage from damaged UTF-8. */
enum { SURE_CONFIDENCE = 30, SURE_EVIDENCE = 8 };

static void detect(const unsigned char *s, size_t len, kztext_encoding_report *r) {
  r->encoding = KZTEXT_ENC_UTF8;
  r->confidence = 100;
  r->second = KZTEXT_ENC_AUTO;
  r->sure = 1;
  r->evidence = 0;
  r->invalid_utf8 = 0;
  size_t i = kz_utf8_valid_prefix(s, len);
  r->first_non_ascii = len;
  for (size_t k = 0; k < len; k++)
    if (s[k] >= 0x80) {
      r->first_non_ascii = k;
      break;
    }
  if (len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) return;
  if (len >= 2 && s[0] == 0xFF && s[1] == 0xFE) {
    r->encoding = KZTEXT_ENC_UTF16LE;
    return;
  }
  if (len >= 2 && s[0] == 0xFE && s[1] == 0xFF) {
    r->encoding = KZTEXT_ENC_UTF16BE;
    return;
  }
  /* UTF-8 unless ill-formed sequences are as common as well-formed
   * multi-byte ones: legacy text is almost never valid UTF-8 by chance,
   * while a damaged UTF-8 file has a few bad bytes among many good. */
  size_t good = 0, bad = 0;
  for (size_t k = 0; k < i; k++)
    good += s[k] >= 0xC0; /* sequences so far */
  while (i < len) {
    if (s[i] < 0x80) {
      i++;
      continue;
    }
    size_t l, sub;
    kz_utf8_decode(s + i, len - i, &l, &sub);
    if (l) {
      good++;
      i += l;
    } else {
      /* A sequence cut by the end of the buffer (a streamed piece) is
       * not evidence against UTF-8. */
      if (i + sub < len || sub >= 4 || s[i] < 0xC2) bad++;
      i += sub;
    }
    /* Enough evidence either way: stop counting. */
    if (bad >= 256 && good * 4 < bad) break;
    if (good >= 4096 && good > 64 * bad) break;
  }
  r->invalid_utf8 = bad;
  r->evidence = good;
  if (!bad) return;
  if (good > bad) {
    r->confidence = (int)(100 * good / (good + bad));
    return;
  }
  r->encoding = detect_single_byte(s, len, &r->confidence, &r->second, &r->evidence);
  r->sure = r->confidence >= SURE_CONFIDENCE && r->evidence >= SURE_EVIDENCE;
}

kztext_status kztext_detect_encoding(const char *src, size_t len, kztext_encoding *enc,
                                     int *confidence) {
  if (!enc || (!src && len)) return KZTEXT_E_INVALID_ARG;
  kztext_encoding_report r;
  detect((const unsigned char *)src, len, &r);
  *enc = r.encoding;
  if (confidence) *confidence = r.confidence;
  return KZTEXT_OK;
}

kztext_status kztext_detect_encoding_report(const char *src, size_t len,
                                            kztext_encoding_report *report) {
  if (!report || report->size < sizeof(size_t) || (!src && len)) return KZTEXT_E_INVALID_ARG;
  kztext_encoding_report r;
  detect((const unsigned char *)src, len, &r);
  size_t keep = report->size, n = keep < sizeof r ? keep : sizeof r;
  memcpy(report, &r, n);
  report->size = keep;
  return KZTEXT_OK;
}

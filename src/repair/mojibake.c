/* Mojibake repair.
 *
 * (A) UTF-8 bytes decoded as CP1251 ("Р”Р°Р»Р°" for "Дала"): every run of
 * non-ASCII characters that CP1251 can encode is turned back into bytes; a
 * run whose bytes are entirely well-formed multi-byte UTF-8 decoding to
 * plausible text (Cyrillic, Latin-1, punctuation) is replaced by that
 * decoding.  CP1251 has no character for byte 0x98, which decoders turn
 * into U+FFFD, so U+FFFD stands for 0x98 inside a run.  Clean text forms
 * short runs by accident ("ТОВАР»" holds "Р»" = "л", Kazakh capitals "РІ"
 * = "в"), so runs of one or two sequences are restored only when runs of
 * two or more make up at least 1 in 20 of the text's runs; longer runs
 * (a mojibake word inside clean text) always.
 *
 * (B) KZ-1048 or PT154 bytes decoded as CP1251 ("шыќќан" for "шыққан"):
 * a word of CP1251 letters is a candidate for codepage H when re-reading its
 * bytes as H turns some letters into Kazakh letters and none into anything
 * else.  One H is chosen for the whole text (є is ғ in KZ-1048 but ә in
 * PT154), and only when some candidate word holds a letter no Slavic
 * language here uses (ќ ѕ ј ћ, or PT154's њ ѓ) and the text is
 * not Serbian or Macedonian (љ џ ђ): Ukrainian ї є ґ and Belarusian ў alone
 * never trigger it. */
#include <string.h>

#include "codepage/codepage.h"
#include "repair/repair_internal.h"
#include "utf8/utf8.h"

#include "gen/repair_tables.inc"

/* ---- (A) UTF-8 read as CP1251 ---------------------------------------- */

/* Byte 0x98 has no character in CP1251: decoders make it U+FFFD, and
 * Windows' own (best fit) makes it U+0098. */
static int cp1251_byte_or_98(uint32_t cp) {
  if (cp == 0xFFFD || cp == 0x98) return 0x98;
  return kz_cp1251_byte(cp);
}

/* The 16 Kazakh letters outside Russian's alphabet (ә ғ қ ң ө ұ ү һ, both cases). */
static int is_kazakh_letter(uint32_t cp) {
  switch (cp) {
  case 0x4D8:
  case 0x4D9:
  case 0x492:
  case 0x493:
  case 0x49A:
  case 0x49B:
  case 0x4A2:
  case 0x4A3:
  case 0x4E8:
  case 0x4E9:
  case 0x4B0:
  case 0x4B1:
  case 0x4AE:
  case 0x4AF:
  case 0x4BA:
  case 0x4BB:
    return 1;
  default:
    return 0;
  }
}

/* What UTF-8 mojibake of Kazakh, Russian or European text decodes to:
 * Cyrillic letters of those languages, Latin-1 and Latin Extended-A,
 * common punctuation, currency, №, ™, emoji.  Accidental runs in clean text
 * decode to IPA, Greek, Armenian, Arabic or CJK ("МІНІ" -> "̲Ͳ"). */
static int plausible(uint32_t cp) {
  if ((cp >= 0x410 && cp <= 0x44F) || is_kazakh_letter(cp)) return 1;
  switch (cp) {
  case 0x401:
  case 0x451:
  case 0x406:
  case 0x456:
  case 0x407:
  case 0x457:
  case 0x404:
  case 0x454:
  case 0x490:
  case 0x491:
  case 0x40E:
  case 0x45E:
  case 0x20AC:
  case 0x2116:
  case 0x2122:
    return 1;
  case 0x259:
  case 0x18F: /* Latin ə Ə, often typed for ә Ә */
    return 1;
  default:
    return (cp >= 0xA0 && cp <= 0x17F) || (cp >= 0x2010 && cp <= 0x203A) ||
           (cp >= 0x3040 && cp <= 0x9FFF) || cp >= 0x1F000; /* kana, CJK, emoji */
  }
}

/* Bytes of the run of CP1251-encodable non-ASCII characters at s[i..): the
 * run ends at *end.  Returns the number of UTF-8 sequences the bytes form,
 * or 0 when they are not entirely well-formed multi-byte UTF-8 decoding to
 * plausible text.  Bytes go to tmp. */
static size_t utf8_run(const unsigned char *s, size_t n, size_t i, size_t *end, kz_buf *tmp) {
  tmp->len = 0;
  size_t j = i;
  while (j < n && s[j] >= 0x80) {
    size_t l;
    uint32_t cp = kz_utf8_next(s + j, &l);
    int b = cp1251_byte_or_98(cp);
    if (b < 0) break;
    kz_buf_putc(tmp, (char)b);
    j += l;
  }
  *end = j;
  if (tmp->oom || !tmp->len) return 0;
  const unsigned char *b = (const unsigned char *)tmp->data;
  size_t k = 0, seqs = 0;
  while (k < tmp->len) {
    size_t l, sub;
    uint32_t cp = kz_utf8_decode(b + k, tmp->len - k, &l, &sub);
    if (l < 2 || !plausible(cp)) return 0;
    k += l;
    seqs++;
  }
  return seqs;
}

/* Quick test: could the text hold a strong run (two well-formed UTF-8
 * sequences in a row, each starting with a byte whose decoding can be
 * plausible: kz_rp_cp1251_a)?  Nothing is restored without one.  A small
 * state machine over the CP1251 bytes of consecutive characters. */
static int maybe_utf8_mojibake(const unsigned char *s, size_t n) {
  unsigned need = 0, seqs = 0;
  size_t i = kz_ascii_prefix(s, n);
  while (i < n) {
    if (s[i] < 0x80) {
      need = seqs = 0;
      i++;
      continue;
    }
    size_t l;
    uint32_t cp = kz_utf8_next(s + i, &l);
    i += l;
    int b = cp1251_byte_or_98(cp);
    unsigned a = b >= 0 ? kz_rp_cp1251_a[b] : 0;
    if (a == KZ_A_CONT) {
      if (!need) {
        seqs = 0;
        continue;
      }
      if (--need == 0 && ++seqs >= 2) return 1;
    } else if (a >= KZ_A_L2) {
      if (need) seqs = 0;
      need = a - 1; /* the continuation bytes due */
    } else {
      need = seqs = 0;
    }
  }
  return 0;
}

static int fix_utf8(const char *src, size_t n, kz_buf *out, kz_repair_counts *c) {
  const unsigned char *s = (const unsigned char *)src;
  if (!maybe_utf8_mojibake(s, n)) return 0;
  kz_buf tmp = {0};
  size_t strong = 0, runs = 0, i = 0, end;
  while (i < n) {
    if (s[i] < 0x80) {
      i++;
      continue;
    }
    size_t seqs = utf8_run(s, n, i, &end, &tmp);
    runs++;
    if (seqs >= 2) strong++;
    if (end == i) {
      size_t l;
      kz_utf8_next(s + i, &l);
      end = i + l;
    }
    i = end;
  }
  if (tmp.oom) {
    free(tmp.data);
    return -1;
  }
  /* The whole text is mojibake when at least 1 run in
   * KZ_MOJIBAKE_RUNS_PER_STRONG is a strong one;
   * otherwise only runs of three or more sequences (a mojibake word inside
   * clean text) are restored. */
  int whole = strong && strong * KZ_MOJIBAKE_RUNS_PER_STRONG >= runs;
  size_t copied = 0, fixed = 0;
  i = 0;
  while (i < n) {
    if (s[i] < 0x80) {
      i++;
      continue;
    }
    size_t seqs = utf8_run(s, n, i, &end, &tmp);
    if (seqs >= 3 || (seqs && whole)) {
      if (!fixed) out->len = 0;
      kz_buf_put(out, s + copied, i - copied);
      kz_buf_put(out, tmp.data, tmp.len);
      copied = end;
      fixed++;
    }
    if (end == i) {
      size_t l;
      kz_utf8_next(s + i, &l);
      end = i + l;
    }
    i = end;
  }
  kz_buf_put(out, s + copied, n - copied);
  int oom = tmp.oom || out->oom;
  free(tmp.data);
  if (oom) return -1;
  if (!fixed) return 0;
  c->mojibake += fixed;
  c->mojibake_source = KZTEXT_ENC_UTF8;
  return 1;
}

/* ---- (B) KZ-1048 / PT154 read as CP1251 ------------------------------ */

/* PT154 Kazakh letters sit where CP1251 has these symbols. */
static int is_pt154_symbol(uint32_t cp) {
  return cp == 0x2021 || cp == 0x2030 || cp == 0xA4 || cp == 0xB5 || cp == 0xA6 || cp == 0xB1;
}

static int is_word_char(uint32_t cp) {
  return (cp >= 0x400 && cp <= 0x45F) || cp == 0x490 || cp == 0x491 || is_pt154_symbol(cp);
}

/* Ordinary letters: the same in CP1251, KZ-1048 and PT154. */
static int is_plain_letter(uint32_t cp) {
  return (cp >= 0x410 && cp <= 0x44F) || cp == 0x401 || cp == 0x451 || cp == 0x406 || cp == 0x456;
}

static int is_strong(int h, uint32_t cp) {
  switch (cp) {
  case 0x45C:
  case 0x40C:
  case 0x45B:
  case 0x40B:
    return 1; /* ќ Ќ ћ Ћ */
  case 0x458:
  case 0x408:
  case 0x455:
  case 0x405:
    return h == 0; /* ј Ј ѕ Ѕ */
  case 0x45A:
  case 0x40A:
  case 0x453:
  case 0x403:
    return h == 1; /* њ Њ ѓ Ѓ */
  default:
    return 0;
  }
}

static int is_serbian(uint32_t cp) {
  return cp == 0x409 || cp == 0x459 || cp == 0x40F || cp == 0x45F || cp == 0x402 || cp == 0x452;
}

static int maybe_kz_mojibake(const unsigned char *s, size_t n) {
  size_t i = kz_ascii_prefix(s, n);
  while (i < n) {
    if (s[i] < 0x80) {
      i++;
      continue;
    }
    size_t l;
    uint32_t cp = kz_utf8_next(s + i, &l);
    if (((cp >= 0x402 && cp <= 0x40F) || (cp >= 0x452 && cp <= 0x45F)) && cp != 0x406 &&
        cp != 0x456)
      return 1;
    if (cp == 0x490 || cp == 0x491 || is_pt154_symbol(cp)) return 1;
    i += l;
  }
  return 0;
}

typedef struct word_eval {
  int plain, kz[2], bad[2], strong[2], serbian;
  int weight[2]; /* how common the Kazakh letters it would become are */
} word_eval;

/* Rough per-mille frequencies of the Kazakh letters in running text, so
 * that when both codepages explain a text (є is ғ in one, ә in the other)
 * the reading with the commoner letters wins. */
static int kazakh_weight(uint32_t cp) {
  switch (cp | 1) { /* capital and small share a weight */
  case 0x49B:
    return 30; /* қ */
  case 0x4D9:
    return 25; /* ә */
  case 0x4A3:
    return 20; /* ң */
  case 0x493:
    return 15; /* ғ */
  case 0x4AF:
    return 15; /* ү */
  case 0x4B1:
    return 12; /* ұ */
  case 0x4E9:
    return 10; /* ө */
  case 0x4BB:
    return 3; /* һ */
  default:
    return 1;
  }
}

static const uint16_t *hyp_table(int h) {
  return kz_cp_table(h ? KZTEXT_ENC_PT154 : KZTEXT_ENC_RK1048);
}

static void eval_word(const unsigned char *s, size_t a, size_t b, word_eval *w) {
  memset(w, 0, sizeof *w);
  const uint16_t *cp1251 = kz_cp_table(KZTEXT_ENC_CP1251);
  for (size_t i = a; i < b;) {
    size_t l;
    uint32_t cp = kz_utf8_next(s + i, &l);
    i += l;
    if (is_plain_letter(cp)) {
      w->plain++;
      continue;
    }
    if (is_serbian(cp)) w->serbian++;
    int byte = kz_cp1251_byte(cp);
    if (byte < 0) continue;
    for (int h = 0; h < 2; h++) {
      uint32_t to = hyp_table(h)[byte];
      if (to == cp1251[byte]) continue;
      if (is_kazakh_letter(to)) {
        w->kz[h]++;
        w->weight[h] += kazakh_weight(to);
        if (is_strong(h, cp)) w->strong[h]++;
      } else
        w->bad[h]++;
    }
  }
}

/* The next word of non-ASCII letters from *i: returns its start (n when
 * there is none) and leaves *i at its end. */
static size_t next_word(const unsigned char *s, size_t n, size_t *i) {
  size_t l, p = *i;
  while (p < n) {
    if (s[p] < 0x80) {
      p++;
      continue;
    }
    if (is_word_char(kz_utf8_next(s + p, &l))) break;
    p += l;
  }
  size_t a = p;
  while (p < n && s[p] >= 0x80 && is_word_char(kz_utf8_next(s + p, &l)))
    p += l;
  *i = p;
  return a;
}

static int fix_kz(const char *src, size_t n, kz_buf *out, kz_repair_counts *c) {
  const unsigned char *s = (const unsigned char *)src;
  if (!maybe_kz_mojibake(s, n)) return 0;
  size_t cand[2] = {0, 0}, contra[2] = {0, 0}, strong[2] = {0, 0}, serbian = 0;
  long long score[2] = {0, 0};
  for (size_t a, i = 0; (a = next_word(s, n, &i)) < n;) {
    word_eval w;
    eval_word(s, a, i, &w);
    if (w.serbian) serbian++;
    for (int h = 0; h < 2; h++) {
      if (!w.kz[h]) continue;
      if (w.bad[h]) {
        contra[h]++;
        score[h] -= 2 * w.weight[h];
      } else if (w.plain) { /* words without plain letters (қ. Ә.) only follow */
        cand[h]++;
        score[h] += w.weight[h];
        if (w.strong[h]) strong[h]++;
      }
    }
  }
  int h = score[1] > score[0];
  if (!cand[h] || !strong[h] || cand[h] <= 2 * contra[h] || serbian * 4 > cand[h]) return 0;
  const uint16_t *tab = hyp_table(h);
  out->len = 0;
  size_t copied = 0, fixed = 0;
  char enc[4];
  for (size_t a, i = 0; (a = next_word(s, n, &i)) < n;) {
    word_eval w;
    eval_word(s, a, i, &w);
    if (!w.kz[h] || w.bad[h]) continue;
    kz_buf_put(out, s + copied, a - copied);
    for (size_t k = a, l; k < i; k += l) {
      uint32_t ch = kz_utf8_next(s + k, &l);
      if (!is_plain_letter(ch)) {
        int byte = kz_cp1251_byte(ch);
        if (byte >= 0) ch = tab[byte];
      }
      kz_buf_put(out, enc, kz_utf8_encode(ch, enc));
    }
    copied = i;
    fixed++;
  }
  kz_buf_put(out, s + copied, n - copied);
  if (out->oom) return -1;
  if (!fixed) return 0;
  c->mojibake += fixed;
  c->mojibake_source = h ? KZTEXT_ENC_PT154 : KZTEXT_ENC_RK1048;
  return 1;
}

/* Both repairs, to a fixed point (bounded: each round either changes
 * nothing or replaces mojibake by text that is shorter in characters), so a
 * second call finds nothing: the repair is idempotent. */
int kz_stage_mojibake(const char *s, size_t n, kz_buf *out, kz_repair_counts *c) {
  kz_buf cur = {0}; /* the text so far, once something changed */
  int changed = 0;
  for (int round = 0; round < 4; round++) {
    int any = 0;
    for (int step = 0; step < 2; step++) {
      const char *p = changed ? cur.data : s;
      size_t pn = changed ? cur.len : n;
      kz_buf nx = {0};
      int r = step ? fix_kz(p, pn, &nx, c) : fix_utf8(p, pn, &nx, c);
      if (r < 0) {
        free(nx.data);
        free(cur.data);
        return -1;
      }
      if (r) {
        free(cur.data);
        cur = nx;
        changed = any = 1;
      } else
        free(nx.data);
    }
    if (!any) break;
  }
  if (!changed) return 0;
  out->len = 0;
  kz_buf_put(out, cur.data, cur.len);
  free(cur.data);
  return out->oom ? -1 : 1;
}

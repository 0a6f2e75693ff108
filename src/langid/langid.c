/* Language identification (kztext/detect.h).
 *
 * One pass over the text: every letter is classified (script table) and fed
 * to the trigram model of its script; at each word end the word's costs
 * (-ln P, in 1/8 nat) are turned into bounded evidence.  Bounding each
 * word's evidence is what lets a Kazakh name inside a Russian sentence, or a
 * Russian loanword inside Kazakh, count as one word and no more.  Cyrillic
 * words also feed a two-state (kk/ru) Viterbi pass that finds
 * code-switching.  Arabic-script Kazakh is told by its letters (rules
 * below).  No allocation, no state outside the stack. */
#include <stddef.h>
#include <string.h>

#include "langid/langid.h"
#include "script/script_table.h"
#include "utf8/utf8.h"

#include "gen/langid_model.inc"

/* Evidence one word can carry, in cost units (1/8 nat). */
#define WORD_CLAMP (12 * KZ_LID_SCALE)
/* Cost of switching language between two words in the Viterbi pass that
 * apportions code-switched text. */
#define SWITCH_COST (4 * KZ_LID_SCALE)
/* Calibration: n-gram evidence is overconfident (letters are not
 * independent), so probabilities use evidence / TEMPERATURE nats. */
#define TEMPERATURE 2.0
/* Code-switching: a word (or two adjacent words) this much more likely
 * Russian than Kazakh, and a word this much more likely Kazakh.  Russian
 * loanwords and names inside Kazakh sit mostly above -6 nats (measured on
 * the corpora: "температура" -7, "Италия" -6.5), Russian function words and
 * inflected forms below ("в" -5 alone, "уехал в" -9). */
#define MIXED_RU_EVIDENCE (6 * KZ_LID_SCALE)
#define MIXED_KK_EVIDENCE (8 * KZ_LID_SCALE)
/* Mean cost per symbol above a language's own training text's mean that
 * makes a text "no modelled language" (in 1/8 nat), and the evidence needed
 * to apply it. */
#define UND_EXCESS (2 * KZ_LID_SCALE)
#define UND_MIN_SYMBOLS 24
/* Evidence a Latin abbreviation can carry: a word of at most ABBR_MAXLEN
 * letters without a vowel (pdf, km, D) or in capitals (WW, II, PM, NATO;
 * not I or A).  Their letters follow no language's spelling, and such tokens
 * (units, Roman numerals, initials, file types) fill English dates, lists
 * and file names, where the trigram models guess. */
#define ABBR_CLAMP (3 * KZ_LID_SCALE / 2)
#define ABBR_MAXLEN 4
/* a e i o u y as bits of the a-z symbols 1-26. */
#define LAT_VOWELS 0x2208222u
/* Bounded evidence after which plain a-z text stops being scored. */
#define SETTLE_EVIDENCE (40 * KZ_LID_SCALE)
/* Nats of prior towards English for Latin text in plain a-z. */
#define EN_PRIOR 4.0
/* Nats of prior towards Russian for Cyrillic text without Kazakh letters. */
#define RU_PRIOR 1.0

enum { CK = 0, CR = 1 }; /* Cyrillic model languages */
/* Latin model languages: first pass English against Kazakh in any Latin
 * alphabet; the alphabet pass (Kazakh text only) 2021, 2018, 2017. */
enum { LEN = 0, LKK = 1 };
enum { L21 = 0, L18 = 1, L17 = 2 };

/* Cyrillic words kept for the code-switching pass: clamped evidence and
 * letters.  Sentence-sized text fits; longer text is scanned again. */
#define WORD_REC_CAP 128
typedef struct word_rec {
  int16_t d;
  uint16_t letters;
} word_rec;

typedef struct cyr_state {
  word_rec *rec;        /* WORD_REC_CAP records, or NULL */
  int rec_lost;         /* a word had more letters than a record holds */
  unsigned prevn, ctxn; /* previous symbol b times N, context (a*N + b) times N */
  uint32_t w[2];        /* current word's costs */
  unsigned wletters;
  int wmarked;     /* the word has a Kazakh-specific letter */
  int wcap;        /* the word starts with a capital */
  int wacro;       /* ... and so does its second letter: an acronym */
  uint64_t rawmin; /* sum over words of the better model's cost */
  uint64_t symbols;
  int64_t evidence;      /* sum of clamped (ru - kk) per word: > 0 means kk */
  int64_t acro_evidence; /* the same for acronyms (КОАТУУ, ФИФА, ҚР) */
  uint64_t acronyms;
  /* Viterbi over words: best path cost ending in kk / ru, and the letters
   * and words each path gave to kk and ru. */
  int64_t v[2];
  uint64_t path_letters[2][2];
  int viterbi; /* run the Viterbi pass (second pass only) */
  uint64_t words;
  /* For code-switching: the strongest kk word, the strongest ru word or
   * adjacent pair (unclamped), the previous word's evidence, and the letters
   * of words leaning each way. */
  int64_t max_d, min_d, prev_d;
  uint64_t sign_letters[2];
} cyr_state;

typedef struct lat_state {
  unsigned prev, ctx;
  uint32_t w[4];
  unsigned wletters;
  int wmarked;  /* the word has a letter outside a-z */
  int wabbr;    /* the word is an abbreviation (ABBR_CLAMP) */
  int variants; /* alphabet pass: lanes are L21 L18 L17 */
  int nonascii; /* a Latin letter outside a-z was scored */
  int settled;  /* English/Kazakh decided: stop scoring (first pass) */
  uint64_t rawmin;
  uint64_t symbols;
  uint64_t clamped[4]; /* sum of per-word (cost - word minimum), clamped */
  uint64_t apos;       /* apostrophes inside words (the 2017 pairs) */
  uint64_t vowel_i;    /* alphabet pass: a e o u y then i, or a vowel then u, in a word (й or у
                          in 2021, which 2018 writes ı, ý) */
  uint64_t words;
} lat_state;

/* A glide after a vowel, which Kazakh writes in no other way (no two vowels
 * stand in a row): i after a e o u y (й) and u after a e i o u y (у, тау,
 * туу), letters 2021 writes so and 2018 does not (ı, ý).  Symbols a-z are
 * 1-26, so the vowels are bits of a mask (prev < 64). */
#define VOWEL_GLIDE(prev, sym)                                                                     \
  (((sym) == 9 && ((0x2208022ull >> (prev)) & 1)) ||                                               \
   ((sym) == 21 && ((0x2208222ull >> (prev)) & 1)))

static unsigned plain_len(unsigned letters) {
  return letters < KZ_LID_PLAIN_MAXLEN ? letters : KZ_LID_PLAIN_MAXLEN;
}

/* A Cyrillic word's end: its costs become evidence and code-switching
 * statistics; returns its clamped evidence (> 0: Kazakh).  Constant indices
 * only, so a local copy of the state can live in registers (cyr_text). */
static inline int64_t cyr_word_eval(cyr_state *c) {
  /* Selects rather than branches below: the outcomes alternate from word
   * to word unpredictably. */
  c->w[CK] += kz_lid_cyr[c->ctxn * 2 + CK];
  c->w[CR] += kz_lid_cyr[c->ctxn * 2 + CR];
  /* The absence of all nine Kazakh letters is evidence too. */
  unsigned k = plain_len(c->wletters) * 2;
  uint32_t plain = c->wmarked ? 0 : 0xFFFFFFFFu;
  c->w[CK] += kz_lid_cyr_plain[k + CK] & plain;
  c->w[CR] += kz_lid_cyr_plain[k + CR] & plain;
  c->rawmin += c->w[CK] < c->w[CR] ? c->w[CK] : c->w[CR];
  c->symbols += c->wletters + 1;
  int64_t d = (int64_t)c->w[CR] - (int64_t)c->w[CK];
  /* Capitalized words are mostly names: a Kazakh name in Russian text is
   * not code-switching, so they do not count as the Kazakh side. */
  /* An acronym with a Kazakh letter (ҚР, АҚШ) is Kazakh evidence all the
   * same; others (КОАТУУ, ФИФА) belong to no language. */
  int acro = c->wacro && !c->wmarked;
  if (!acro) {
    if (d > c->max_d && !c->wcap) c->max_d = d;
    if (d < c->min_d) c->min_d = d;
    if (c->words && d < 0 && c->prev_d < 0 && d + c->prev_d < c->min_d) c->min_d = d + c->prev_d;
  }
  c->prev_d = acro ? 0 : d;
  c->sign_letters[CK] += d >= 0 ? c->wletters : 0;
  c->sign_letters[CR] += d >= 0 ? 0 : c->wletters;
  if (d > WORD_CLAMP) d = WORD_CLAMP;
  if (d < -WORD_CLAMP) d = -WORD_CLAMP;
  if (c->words < WORD_REC_CAP && c->rec) {
    c->rec[c->words].d = (int16_t)d;
    c->rec[c->words].letters = (uint16_t)c->wletters;
    c->rec_lost |= c->wletters > 0xFFFF;
  }
  /* Acronyms are not words of either language: their evidence counts
   * only when the text has nothing else (an all-caps headline). */
  if (acro) {
    c->acro_evidence += d;
    c->acronyms++;
  } else {
    c->evidence += d;
  }
  return d;
}

static inline void cyr_word_reset(cyr_state *c) {
  c->words++;
  c->w[CK] = c->w[CR] = 0;
  c->wletters = 0;
  c->wmarked = 0;
  c->wcap = 0;
  c->wacro = 0;
  c->prevn = c->ctxn = 0;
}

static inline void cyr_word_end(cyr_state *c) {
  int64_t d = cyr_word_eval(c);
  if (c->viterbi) {
    /* Viterbi step (second pass, code-switched text only): emission = how
     * much less likely the state's language is than the other here. */
    int64_t e[2] = {d < 0 ? -d : 0, d > 0 ? d : 0};
    int64_t nv[2];
    uint64_t nl[2][2];
    for (int s = 0; s < 2; s++) {
      int from = s;
      if (c->words && c->v[1 - s] + SWITCH_COST < c->v[s]) from = 1 - s;
      nv[s] = (c->words ? c->v[from] + (from != s ? SWITCH_COST : 0) : 0) + e[s];
      nl[s][0] = c->words ? c->path_letters[from][0] : 0;
      nl[s][1] = c->words ? c->path_letters[from][1] : 0;
      nl[s][s] += c->wletters;
    }
    memcpy(c->v, nv, sizeof nv);
    memcpy(c->path_letters, nl, sizeof nl);
  }
  cyr_word_reset(c);
}

/* First pass: English against Kazakh, two lanes, unrolled. */
static inline void lat_word_end2(lat_state *l) {
  const uint8_t *end = kz_lid_lat + l->ctx * KZ_LID_LAT_N * 2;
  uint32_t we = l->w[LEN] + end[LEN], wk = l->w[LKK] + end[LKK];
  if (!l->wmarked) {
    const uint8_t *plain = kz_lid_lat_plain + plain_len(l->wletters) * 2;
    we += plain[LEN];
    wk += plain[LKK];
  }
  uint32_t m = we < wk ? we : wk;
  l->rawmin += m;
  uint32_t de = we - m, dk = wk - m;
  uint32_t clamp = WORD_CLAMP;
  if (!l->wmarked && l->wabbr) clamp = ABBR_CLAMP;
  l->clamped[LEN] += de > clamp ? clamp : de;
  l->clamped[LKK] += dk > clamp ? clamp : dk;
  l->w[LEN] = l->w[LKK] = 0;
  l->symbols += l->wletters + 1;
  l->words++;
  /* Plain a-z text with one side ahead by SETTLE_EVIDENCE of bounded
   * evidence is decided: later words are counted, not scored (what makes
   * English sentences fast). */
  uint64_t gap = l->clamped[LEN] > l->clamped[LKK] ? l->clamped[LEN] - l->clamped[LKK]
                                                   : l->clamped[LKK] - l->clamped[LEN];
  if (!l->nonascii && gap > SETTLE_EVIDENCE) l->settled = 1;
  l->wletters = 0;
  l->wmarked = 0;
  l->wabbr = 0;
  l->prev = l->ctx = 0;
}

static void lat_word_end(lat_state *l) {
  const unsigned n = KZ_LID_LAT_N;
  if (!l->variants) {
    lat_word_end2(l);
    return;
  }
  uint32_t m = UINT32_MAX;
  const int lanes = l->variants ? 3 : 2;
  const uint8_t *end = l->variants ? kz_lid_latv + l->ctx * n * 3 : kz_lid_lat + l->ctx * n * 2;
  const uint8_t *plain = l->variants ? kz_lid_latv_plain + plain_len(l->wletters) * 3
                                     : kz_lid_lat_plain + plain_len(l->wletters) * 2;
  for (int k = 0; k < lanes; k++) {
    l->w[k] += end[k];
    if (!l->wmarked) l->w[k] += plain[k];
    if (l->w[k] < m) m = l->w[k];
  }
  l->rawmin += m;
  for (int k = 0; k < lanes; k++) {
    uint32_t d = l->w[k] - m;
    l->clamped[k] += d > WORD_CLAMP ? WORD_CLAMP : d;
    l->w[k] = 0;
  }
  l->symbols += l->wletters + 1;
  l->words++;
  l->wletters = 0;
  l->wmarked = 0;
  l->wabbr = 0;
  l->prev = l->ctx = 0;
}

/* Letters of Arabic-script languages that Kazakh does not write: Arabic
 * ة أ إ آ ث ذ ص ض ط ظ خ and harakat, Persian ی ژ, Uyghur ې ۈ ھ, Urdu ہ ے ٹ ڈ ڑ. */
static int arab_foreign(uint32_t cp) {
  switch (cp) {
  case 0x0622:
  case 0x0623:
  case 0x0625:
  case 0x0629:
  case 0x062B:
  case 0x062E:
  case 0x0630:
  case 0x0635:
  case 0x0636:
  case 0x0637:
  case 0x0638:
  case 0x06CC:
  case 0x0698:
  case 0x06D0:
  case 0x06C8:
  case 0x06BE:
  case 0x06C1:
  case 0x06D2:
  case 0x0679:
  case 0x0688:
  case 0x0691:
    return 1;
  default:
    return cp >= 0x064B && cp <= 0x0652;
  }
}

/* exp() for |x| <= 40 without libm (the library links no libm):
 * 2^k * e^r with |r| <= ln2/2, Taylor to ~1e-11 relative. */
static double kz_exp(double x) {
  if (x > 40) x = 40;
  if (x < -40) x = -40;
  const double ln2 = 0.69314718055994530942;
  double kf = x / ln2;
  int k = (int)(kf < 0 ? kf - 0.5 : kf + 0.5);
  double r = x - (double)k * ln2;
  /* Horner with the coefficients 1/n!: no division. */
  static const double c[11] = {1.0,         1.0,          1.0 / 2,      1.0 / 6,
                               1.0 / 24,    1.0 / 120,    1.0 / 720,    1.0 / 5040,
                               1.0 / 40320, 1.0 / 362880, 1.0 / 3628800};
  double sum = c[10];
  for (int i = 9; i >= 0; i--)
    sum = sum * r + c[i];
  uint64_t bits = (uint64_t)(k + 1023) << 52; /* 2^k, |k| <= 58 */
  double p2;
  memcpy(&p2, &bits, sizeof p2);
  return sum * p2;
}

/* Saturates: probabilities closer to 0 or 1 than e^-40 are not told apart. */
static double sigmoid(double x) { return 1.0 / (1.0 + kz_exp(-x)); }

/* Whether the two-byte Cyrillic letter at p is a capital (U+0400-042F,
 * and the even code points from U+0460 on). */
static inline int cyr_upper(const unsigned char *p) {
  /* Per lead byte D0-D3, a bit per continuation byte 80-BF. */
  static const uint64_t upper[4] = {0xFFFFFFFFFFFFull, 0x5555555500000000ull, 0x5555555555555555ull,
                                    0x5555555555555555ull};
  return (int)((upper[p[0] & 3] >> (p[1] & 0x3F)) & 1);
}

/* ASCII other than letters and the apostrophe (which may join Latin
 * words): what separates Cyrillic words; a bit per byte 00-7F. */
static inline int ascii_sep(unsigned b) {
  static const uint64_t sep[2] = {0xFFFFFF7FFFFFFFFFull, 0xF8000001F8000001ull};
  return b < 0x80 && ((sep[b >> 6] >> (b & 63)) & 1);
}

/* Counts the ASCII letters from s[*pos] to the end of the ASCII stretch
 * there, eight bytes at a time; *pos is moved past the stretch. */
static unsigned ascii_letters(const unsigned char *s, size_t len, size_t *pos) {
  const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
  size_t j = *pos;
  unsigned n = 0;
  while (j + 8 <= len) {
    uint64_t w;
    memcpy(&w, s + j, 8);
    if (w & highs) break;
    /* (b | 0x20) in 0x61..0x7A, per byte without carries (all < 0x80). */
    uint64_t y = w | (0x20 * ones);
    uint64_t letters = (y + 0x1F * ones) & ~(y + 0x05 * ones) & highs;
    /* One bit (bit 7) per letter byte: sum the bytes with a multiply
     * (popcount is a library call without -mpopcnt). */
    n += (unsigned)(((letters >> 7) * ones) >> 56);
    j += 8;
  }
  while (j < len && s[j] < 0x80) {
    n += (unsigned)((s[j] | 0x20) - 'a') < 26;
    j++;
  }
  *pos = j;
  return n;
}

/* Everything one pass over the text gathers. */
typedef struct scan_out {
  unsigned cls_count[KZ_SC_COUNT];
  size_t arab_foreign_n, arab_medial_yeh;
  size_t kk_core; /* ә ғ қ ұ і һ: Kazakh letters Kyrgyz and Mongolian lack */
  cyr_state c;
  lat_state l;
  word_rec rec[WORD_REC_CAP]; /* last: not cleared */
} scan_out;

/* Adds n Cyrillic letters, whose packed flags are acc, to the counts. */
static inline void cyr_flush(scan_out *o, uint64_t acc, unsigned n) {
  unsigned n_kk = (unsigned)(acc & 0xFFFF), n_ru = (unsigned)((acc >> 16) & 0xFFFF);
  unsigned n_oth = (unsigned)((acc >> 32) & 0xFFFF);
  o->cls_count[KZTEXT_SC_CYRL_KK] += n_kk;
  o->cls_count[KZTEXT_SC_CYRL_RU] += n_ru;
  o->cls_count[KZTEXT_SC_CYRL_OTHER] += n_oth;
  o->cls_count[KZTEXT_SC_CYRL_SHARED] += n - n_kk - n_ru - n_oth;
  o->kk_core += acc >> 48;
}

/* The common case of Kazakh and Russian text: Cyrillic words separated by
 * ASCII spaces and punctuation, from s[i] (the first byte of a Cyrillic
 * letter, no Latin word in progress) to anything else.  Returns where it
 * stopped (i itself if s[i] is a Cyrillic sign, not a letter).  The state
 * is a local copy (fast) so it stays in registers; the word's first two
 * letters decide its capitals once per word. */
static inline size_t cyr_text_impl(const unsigned char *s, size_t i, size_t len, cyr_state *c,
                                   scan_out *o, unsigned *prev_cls, uint32_t *prev_cp,
                                   const int viterbi) {
  uint64_t acc = 0;   /* packed flags of the letters since the last flush */
  unsigned acc_n = 0; /* letters since the last flush (< 0x10000) */
  for (;;) {
    uint32_t wk = c->w[CK], wr = c->w[CR];
    unsigned prevn = c->prevn, ctxn = c->ctxn, wl0 = c->wletters;
    uint64_t counts = 0; /* packed per-letter flags (kz_lid_cyr_sym_flags) */
    const unsigned char *p = s + i, *pend = s + len - 1;
    /* At most 0x3FFF letters per run keep the 16-bit counters exact. */
    if ((size_t)(pend - p) > 2 * 0x3FFFu) pend = p + 2 * 0x3FFFu;
    do {
      /* One lookup validates the pair and gives the symbol (0: not a
       * letter, or U+0482-0489, a sign or a mark). */
      unsigned key = ((unsigned)p[0] << 8 | p[1]) - 0xD080u;
      if (key >= sizeof kz_lid_cyr_sym2) break;
      unsigned sym = kz_lid_cyr_sym2[key];
      if (!sym) break;
      counts += kz_lid_cyr_sym_flags[sym];
      const uint8_t *t = kz_lid_cyr + (ctxn + sym) * 2;
      wk += t[CK];
      wr += t[CR];
      ctxn = (prevn + sym) * KZ_LID_CYR_N;
      prevn = sym * KZ_LID_CYR_N;
      p += 2;
    } while (p < pend);
    size_t j = (size_t)(p - s);
    unsigned n = (unsigned)((j - i) / 2);
    if (!n) break;
    if (wl0 < 2) {
      /* Capitals: the first letter (a name), the first two (an acronym). */
      if (!wl0) c->wcap = cyr_upper(s + i);
      if (wl0 + n >= 2) c->wacro = c->wcap & cyr_upper(s + i + 2 * (1 - wl0));
    }
    if (acc_n + n >= 0x10000u) {
      cyr_flush(o, acc, acc_n);
      acc = 0;
      acc_n = 0;
    }
    acc += counts;
    acc_n += n;
    c->w[CK] = wk;
    c->w[CR] = wr;
    c->prevn = prevn;
    c->ctxn = ctxn;
    c->wletters = wl0 + n;
    c->wmarked |= (counts & 0xFFFF) != 0;
    i = j;
    *prev_cls = KZTEXT_SC_CYRL_SHARED;
    *prev_cp = 0x430; /* a Cyrillic letter (only Arabic ى is looked for) */
    if (!(i < len && s[i] < 0x80 && (unsigned)((s[i] | 0x20) - 'a') >= 26)) break;
    /* The usual word end: spaces and punctuation, consumed here. */
    if (viterbi)
      cyr_word_end(c);
    else {
      cyr_word_eval(c);
      cyr_word_reset(c);
    }
    while (i < len && ascii_sep(s[i]))
      i++;
    *prev_cls = KZTEXT_SC_PUNCT;
    *prev_cp = s[i - 1];
    if (!(i + 1 < len && s[i] >= 0xD0 && s[i] <= 0xD3 && (s[i + 1] & 0xC0) == 0x80)) break;
  }
  cyr_flush(o, acc, acc_n);
  return i;
}

/* The first pass keeps the state in a local copy; the Viterbi pass works
 * on it in place (its step indexes arrays by state). */
static size_t cyr_text(const unsigned char *s, size_t i, size_t len, scan_out *o,
                       unsigned *prev_cls, uint32_t *prev_cp) {
  if (o->c.viterbi) return cyr_text_impl(s, i, len, &o->c, o, prev_cls, prev_cp, 1);
  cyr_state c = o->c;
  i = cyr_text_impl(s, i, len, &c, o, prev_cls, prev_cp, 0);
  o->c = c;
  return i;
}

/* viterbi: run the code-switching pass over Cyrillic words (1), or record
 * the words for it (2), or neither (0); variants: score
 * Latin words by the three Kazakh alphabets instead of English/Kazakh. */
static kztext_status scan(const unsigned char *s, size_t len, int replace, int viterbi,
                          int variants, scan_out *o, size_t *error_offset) {
  memset(o, 0, offsetof(scan_out, rec));
  o->c.viterbi = viterbi == 1;
  o->c.rec = viterbi == 2 ? o->rec : NULL;
  o->l.variants = variants;
  unsigned *cls_count = o->cls_count;
  cyr_state *cs = &o->c;
  lat_state *ls = &o->l;
  unsigned prev_cls = KZTEXT_SC_SPACE;
  uint32_t prev_cp = 0;
  size_t i = 0;
  while (i < len) {
    uint32_t cp;
    size_t step;
    unsigned b = s[i];
    if (b >= 0xD0 && b <= 0xD3 && i + 1 < len && (s[i + 1] & 0xC0) == 0x80) {
      /* Hot loop: Cyrillic words and the ASCII between them. */
      if (ls->wletters) lat_word_end(ls);
      size_t j = cyr_text(s, i, len, o, &prev_cls, &prev_cp);
      if (j > i) {
        i = j;
        continue;
      }
    } else if ((unsigned)((b | 0x20) - 'a') < 26 && !variants) {
      /* Hot loop: a word of ASCII letters. */
      if (cs->wletters) cyr_word_end(cs);
      if (ls->settled) {
        /* Decided: count the letters of the whole ASCII stretch. */
        size_t j = i;
        cls_count[KZTEXT_SC_LATN_ASCII] += ascii_letters(s, len, &j);
        prev_cls = KZTEXT_SC_PUNCT;
        prev_cp = s[j - 1];
        i = j;
        continue;
      }
      uint32_t w0 = ls->w[LEN], w1 = ls->w[LKK];
      unsigned prev = ls->prev, ctx = ls->ctx, lower = 0, vowel = 0;
      size_t j = i;
      do {
        unsigned sym = ((s[j] | 0x20u) - 'a') + 1; /* a-z are symbols 1-26 */
        lower |= s[j];
        vowel |= LAT_VOWELS >> sym;
        const uint8_t *t = kz_lid_lat + (ctx * KZ_LID_LAT_N + sym) * 2;
        w0 += t[LEN];
        w1 += t[LKK];
        ctx = prev * KZ_LID_LAT_N + sym;
        prev = sym;
        j++;
      } while (j < len && (unsigned)((s[j] | 0x20) - 'a') < 26);
      ls->w[LEN] = w0;
      ls->w[LKK] = w1;
      /* A word of at most ABBR_MAXLEN letters in capitals or without a
       * vowel is an abbreviation (no branch: word lengths are random). */
      ls->wabbr = (!ls->wletters & (j - i <= ABBR_MAXLEN)) &
                  ((!(lower & 0x20u) & (j - i >= 2)) | !(vowel & 1u));
      ls->prev = prev;
      ls->ctx = ctx;
      ls->wletters += (unsigned)(j - i);
      cls_count[KZTEXT_SC_LATN_ASCII] += (unsigned)(j - i);
      prev_cls = KZTEXT_SC_LATN_ASCII;
      prev_cp = s[j - 1];
      i = j;
      if (i < len && s[i] != '\'' && s[i] < 0x80) {
        /* The usual word end: spaces and punctuation, consumed here. */
        lat_word_end2(ls);
        while (i < len && s[i] < 0x80 && s[i] != '\'' && (unsigned)((s[i] | 0x20) - 'a') >= 26)
          i++;
        prev_cls = KZTEXT_SC_PUNCT;
        prev_cp = s[i - 1];
      }
      continue;
    } else if ((unsigned)((b | 0x20) - 'a') < 26) {
      /* The alphabet pass's hot loop: a word of ASCII letters scored by the
       * three alphabets, letter for letter as the general branch below. */
      if (cs->wletters) cyr_word_end(cs);
      uint32_t w0 = ls->w[0], w1 = ls->w[1], w2 = ls->w[2];
      unsigned prev = ls->prev, ctx = ls->ctx;
      uint64_t vowel_i = 0;
      size_t j = i;
      do {
        unsigned sym = ((s[j] | 0x20u) - 'a') + 1; /* a-z are symbols 1-26 */
        const uint8_t *t = kz_lid_latv + (ctx * KZ_LID_LAT_N + sym) * 3;
        w0 += t[0];
        w1 += t[1];
        w2 += t[2];
        vowel_i += VOWEL_GLIDE(prev, sym);
        ctx = prev * KZ_LID_LAT_N + sym;
        prev = sym;
        j++;
      } while (j < len && (unsigned)((s[j] | 0x20) - 'a') < 26);
      ls->w[0] = w0;
      ls->w[1] = w1;
      ls->w[2] = w2;
      ls->vowel_i += vowel_i;
      ls->prev = prev;
      ls->ctx = ctx;
      ls->wletters += (unsigned)(j - i);
      cls_count[KZTEXT_SC_LATN_ASCII] += (unsigned)(j - i);
      prev_cls = KZTEXT_SC_LATN_ASCII;
      prev_cp = s[j - 1];
      i = j;
      continue;
    }
    if (b < 0x80 && b != '\'' && (unsigned)((b | 0x20) - 'a') >= 26) {
      /* ASCII other than letters: ends words; not counted. */
      if (cs->wletters) cyr_word_end(cs);
      if (ls->wletters) lat_word_end(ls);
      prev_cls = KZTEXT_SC_PUNCT;
      prev_cp = b;
      i++;
      continue;
    }
    if (b < 0x80) {
      cp = b;
      step = 1;
    } else if (b >= 0xC2 && b <= 0xDF && i + 1 < len && (s[i + 1] & 0xC0) == 0x80) {
      cp = ((b & 0x1Fu) << 6) | (s[i + 1] & 0x3Fu);
      step = 2;
    } else {
      size_t sub;
      cp = kz_utf8_decode(s + i, len - i, &step, &sub);
      if (!step) {
        if (!replace) {
          if (error_offset) *error_offset = i;
          return KZTEXT_E_INVALID_UTF8;
        }
        i += sub;
        /* Skipped: ends any word in progress. */
        if (cs->wletters) cyr_word_end(cs);
        if (ls->wletters) lat_word_end(ls);
        prev_cls = KZTEXT_SC_OTHER;
        continue;
      }
    }
    i += step;
    unsigned cls = kz_script_class(cp);
    cls_count[cls]++;
    unsigned sc = kz_class_script[cls];
    if (sc == KZTEXT_SCRIPT_CYRL) {
      if (ls->wletters) lat_word_end(ls);
      unsigned sym = cp <= 0x4FF ? kz_lid_cyr_sym[cp - 0x400] : KZ_LID_CYR_OTHER;
      if (!cs->wletters)
        cs->wcap = (cp >= 0x400 && cp <= 0x42F) || (cp >= 0x460 && !(cp & 1));
      else if (cs->wletters == 1)
        cs->wacro = cs->wcap && ((cp >= 0x400 && cp <= 0x42F) || (cp >= 0x460 && !(cp & 1)));
      unsigned idx = cs->ctxn + sym;
      cs->w[CK] += kz_lid_cyr[idx * 2 + CK];
      cs->w[CR] += kz_lid_cyr[idx * 2 + CR];
      cs->ctxn = (cs->prevn + sym) * KZ_LID_CYR_N;
      cs->prevn = sym * KZ_LID_CYR_N;
      cs->wletters++;
      if (cls == KZTEXT_SC_CYRL_KK) cs->wmarked = 1;
      o->kk_core += kz_lid_cyr_sym_flags[sym] >> 48;
    } else if (sc == KZTEXT_SCRIPT_LATN || (cls == KZTEXT_SC_APOSTROPHE && ls->wletters &&
                                            (prev_cls == KZTEXT_SC_LATN_ASCII))) {
      if (cs->wletters) cyr_word_end(cs);
      /* An apostrophe after a letter is a symbol of its own: the 2017
       * pairs (a' g' n' ...) are told by the model, as English "it's". */
      unsigned sym = cls == KZTEXT_SC_APOSTROPHE ? KZ_LID_LAT_APOS
                     : cp < 0x250                ? kz_lid_lat_sym[cp]
                                                 : KZ_LID_LAT_OTHER;
      ls->apos += sym == KZ_LID_LAT_APOS;
      unsigned idx = ls->ctx * KZ_LID_LAT_N + sym;
      if (variants)
        for (int k = 0; k < 3; k++)
          ls->w[k] += kz_lid_latv[idx * 3 + k];
      else
        for (int k = 0; k < 2; k++)
          ls->w[k] += kz_lid_lat[idx * 2 + k];
      ls->nonascii |= sym > KZ_LID_LAT_AZ_LAST;
      ls->vowel_i += VOWEL_GLIDE(ls->prev, sym);
      ls->ctx = ls->prev * KZ_LID_LAT_N + sym;
      ls->prev = sym;
      ls->wletters++;
      ls->wmarked |= sym > KZ_LID_LAT_AZ_LAST;
    } else if (cls == KZTEXT_SC_MARK) {
      /* Combining marks stay inside the word without a symbol; Arabic
       * harakat mark Arabic, not Kazakh, text. */
      o->arab_foreign_n += arab_foreign(cp);
    } else {
      if (cs->wletters) cyr_word_end(cs);
      if (ls->wletters) lat_word_end(ls);
      if (sc == KZTEXT_SCRIPT_ARAB) {
        o->arab_foreign_n += arab_foreign(cp);
        if (prev_cp == 0x0649) o->arab_medial_yeh++;
      }
    }
    prev_cls = cls;
    prev_cp = cp;
  }
  if (cs->wletters) cyr_word_end(cs);
  if (ls->wletters) lat_word_end(ls);

  return KZTEXT_OK;
}

/* The code-switching pass over recorded words, as cyr_word_end does it
 * word by word in a second scan: the letters of kk and ru on the best
 * path. */
static void viterbi_words(const word_rec *w, size_t n, uint64_t *lk, uint64_t *lr) {
  int64_t v[2] = {0, 0};
  uint64_t pl[2][2] = {{0, 0}, {0, 0}};
  for (size_t k = 0; k < n; k++) {
    int64_t d = w[k].d;
    int64_t e[2] = {d < 0 ? -d : 0, d > 0 ? d : 0};
    int64_t nv[2];
    uint64_t nl[2][2];
    for (int st = 0; st < 2; st++) {
      int from = st;
      if (k && v[1 - st] + SWITCH_COST < v[st]) from = 1 - st;
      nv[st] = (k ? v[from] + (from != st ? SWITCH_COST : 0) : 0) + e[st];
      nl[st][0] = k ? pl[from][0] : 0;
      nl[st][1] = k ? pl[from][1] : 0;
      nl[st][st] += w[k].letters;
    }
    memcpy(v, nv, sizeof nv);
    memcpy(pl, nl, sizeof nl);
  }
  int bs = v[CK] <= v[CR] ? CK : CR;
  *lk = pl[bs][CK];
  *lr = pl[bs][CR];
}

/* ---- The language guard: from the scan to a verdict ----
 *
 * Each rule below is a small function; tests/unit/test_langid.c has an
 * example of our own for every rule, under the rule's name. */

/* What kztext_detect decides, before fill_result() writes it to the
 * caller's struct.  p[] and share[] are indexed by kztext_lang. */
typedef struct verdict {
  kztext_script script;
  size_t letters;
  kztext_lang lang;
  kztext_variant variant;
  double confidence;
  double p[KZTEXT_LANG_EN + 1];
  int mixed;
  double share[KZTEXT_LANG_EN + 1];
} verdict;

/* cyrillic_counts_double: the script of most letters, where a Cyrillic
 * letter counts double: Kazakh and Russian text quotes Latin names and
 * brands far more often than English text quotes Cyrillic
 * (`Samsung Galaxy телефоны` is Cyrillic). */
static kztext_script dominant_script(const unsigned *cls_count, size_t *letters) {
  size_t n_cyr = cls_count[KZTEXT_SC_CYRL_KK] + cls_count[KZTEXT_SC_CYRL_RU] +
                 cls_count[KZTEXT_SC_CYRL_SHARED] + cls_count[KZTEXT_SC_CYRL_OTHER];
  size_t n_lat = cls_count[KZTEXT_SC_LATN_ASCII] + cls_count[KZTEXT_SC_LATN_KK2021] +
                 cls_count[KZTEXT_SC_LATN_KK2018] + cls_count[KZTEXT_SC_LATN_KK_DOTLESS] +
                 cls_count[KZTEXT_SC_LATN_OTHER];
  size_t n_arab = cls_count[KZTEXT_SC_ARAB_KK] + cls_count[KZTEXT_SC_ARAB];
  size_t n_han = cls_count[KZTEXT_SC_HAN];
  size_t n_other = cls_count[KZTEXT_SC_OTHER];
  *letters = n_cyr + n_lat + n_arab + n_han + n_other;
  size_t best = 0;
  kztext_script script = KZTEXT_SCRIPT_COMMON;
  if (n_cyr) {
    best = 2 * n_cyr;
    script = KZTEXT_SCRIPT_CYRL;
  }
  if (n_lat > best) {
    best = n_lat;
    script = KZTEXT_SCRIPT_LATN;
  }
  if (n_arab > best) {
    best = n_arab;
    script = KZTEXT_SCRIPT_ARAB;
  }
  if (n_han > best) {
    best = n_han;
    script = KZTEXT_SCRIPT_HAN;
  }
  if (n_other > best) {
    best = n_other;
    script = KZTEXT_SCRIPT_OTHER;
  }
  return script;
}

/* poor_fit: a text whose words, each under its better model, cost
 * UND_EXCESS more per symbol than the winning language's own training
 * text is in no modelled language (Mongolian `Монгол хэл дээр бичсэн
 * захидал байна уу`, or a salad of consonants).  Returns P(other
 * language). */
static double rule_poor_fit(uint64_t rawmin, uint64_t symbols, unsigned self) {
  if (symbols < UND_MIN_SYMBOLS) return 0;
  double excess = (double)rawmin / (double)symbols - self;
  return excess > UND_EXCESS ? sigmoid((excess - UND_EXCESS) / 2.0 + 1.0) : 0;
}

/* ru_prior: Cyrillic evidence for Kazakh in nats.  Text without any of
 * the nine Kazakh letters starts RU_PRIOR nats towards Russian: such
 * Kazakh is rare beyond a few words, such Russian the rule (`Алма` reads
 * Russian).  Text of acronyms only is judged by them (`ҰҒА ҚР`). */
static double rule_ru_prior(const scan_out *o) {
  const cyr_state *c = &o->c;
  int64_t evid = c->words > c->acronyms ? c->evidence : c->acro_evidence;
  return (double)evid / KZ_LID_SCALE - (o->cls_count[KZTEXT_SC_CYRL_KK] ? 0 : RU_PRIOR);
}

/* other_cyrillic_alphabet: letters of other Cyrillic alphabets (Ukrainian
 * ї є ґ, Serbian ђ ј, Tatar җ, Bashkir ҡ ...), two or one in fifty, make
 * the text another language (`Їжак і ґудзик`). */
static int rule_other_cyrillic_alphabet(const scan_out *o, size_t n_cyr) {
  size_t other = o->cls_count[KZTEXT_SC_CYRL_OTHER];
  return other >= 2 || (other && other * 50 >= n_cyr);
}

/* A word of Kyrgyz or Mongolian spelling: ң ө ү together with ч or э (native
 * Kyrgyz: үчүн, эртең; Kazakh has ч and э only in Russian loans, which do
 * not take ң ө ү), or a doubled vowel (long vowels: Kyrgyz жакшыраак,
 * Mongolian өөр; Kazakh doubles none but а о у in loans). */
static int kyrgyz_word(int kk3, int che, int dbl) { return (kk3 && che) || dbl; }

static int kyrgyz_evidence(const unsigned char *s, size_t len) {
  int kk3 = 0, che = 0, dbl = 0;
  uint32_t prev = 0;
  for (size_t i = 0; i < len;) {
    size_t l, sub;
    uint32_t c = kz_utf8_decode(s + i, len - i, &l, &sub);
    if (!l) {
      i += sub;
      c = ' ';
    } else
      i += l;
    if (c >= 0x400 && c < 0x530) {
      uint32_t lc = c >= 0x410 && c < 0x430 ? c + 0x20 : (c >= 0x490 && !(c & 1)) ? c + 1 : c;
      if (lc == 0x4A3 || lc == 0x4E9 || lc == 0x4AF) kk3 = 1;
      if (lc == 0x447 || lc == 0x44D) che = 1;
      /* ө ү ы э и doubled; а о у double in Russian loans (кооператив, вакуум) */
      if (lc == prev && (lc == 0x4E9 || lc == 0x4AF || lc == 0x44B || lc == 0x44D || lc == 0x438))
        dbl = 1;
      prev = lc;
      continue;
    }
    if (kyrgyz_word(kk3, che, dbl)) return 1;
    kk3 = che = dbl = 0;
    prev = 0;
  }
  return kyrgyz_word(kk3, che, dbl);
}

/* kk_letters_without_core: ң ө ү without any of ә ғ қ ұ і һ in 40 or more
 * Cyrillic letters, and a word spelt as only Kyrgyz or Mongolian spell, is
 * one of those languages.  The letters alone are no evidence: Kazakh
 * sentences without the rarer letters exist (0.1% of the Kazakh corpus
 * lines of 40+ letters), and they are Kazakh. */
static int rule_kk_letters_without_core(const scan_out *o, size_t n_cyr, const unsigned char *s,
                                        size_t len) {
  return o->cls_count[KZTEXT_SC_CYRL_KK] && !o->kk_core && n_cyr >= 40 && kyrgyz_evidence(s, len);
}

/* code_switching: a text with a strongly Kazakh word and a strongly
 * Russian word or pair is both languages (`Біз бүгін барамыз, а вы
 * приедете завтра`): the letters each language has on the Viterbi path
 * (or, if switching never paid off there, in the words leaning each way)
 * become the shares, the scores and the confidence. */
static kztext_status rule_code_switching(const scan_out *o, const unsigned char *s, size_t len,
                                         int replace, double pund, verdict *v) {
  const cyr_state *c = &o->c;
  if (!(c->max_d >= MIXED_KK_EVIDENCE && c->min_d <= -MIXED_RU_EVIDENCE)) return KZTEXT_OK;
  uint64_t lk, lr;
  if (c->words <= WORD_REC_CAP && !c->rec_lost) {
    viterbi_words(o->rec, (size_t)c->words, &lk, &lr);
  } else {
    scan_out o2;
    if (scan(s, len, replace, 1, 0, &o2, NULL)) return KZTEXT_E_INTERNAL;
    int bs = o2.c.v[CK] <= o2.c.v[CR] ? CK : CR;
    lk = o2.c.path_letters[bs][CK];
    lr = o2.c.path_letters[bs][CR];
  }
  if (!lk || !lr) {
    lk = c->sign_letters[CK];
    lr = c->sign_letters[CR];
  }
  double share_k = lk + lr ? (double)lk / (double)(lk + lr) : 0.5;
  v->mixed = 1;
  v->share[KZTEXT_LANG_KK] = share_k;
  v->share[KZTEXT_LANG_RU] = 1 - share_k;
  /* .lang stays the larger one (the evidence's choice on a tie), so the
   * confidence says how mixed the text is. */
  v->p[KZTEXT_LANG_KK] = share_k * (1 - pund);
  v->p[KZTEXT_LANG_RU] = (1 - share_k) * (1 - pund);
  v->confidence = v->p[v->lang];
  return KZTEXT_OK;
}

/* Cyrillic text: Kazakh against Russian, or another language. */
static kztext_status cyrillic_verdict(const scan_out *o, const unsigned char *s, size_t len,
                                      int replace, unsigned flags, verdict *v) {
  const unsigned *cls_count = o->cls_count;
  size_t n_cyr = cls_count[KZTEXT_SC_CYRL_KK] + cls_count[KZTEXT_SC_CYRL_RU] +
                 cls_count[KZTEXT_SC_CYRL_SHARED] + cls_count[KZTEXT_SC_CYRL_OTHER];
  double ev = rule_ru_prior(o);
  double pk = sigmoid(ev / TEMPERATURE);
  double pund = 0;
  if (rule_other_cyrillic_alphabet(o, n_cyr)) pund = 0.9;
  if (rule_kk_letters_without_core(o, n_cyr, s, len)) pund = 0.85;
  double p =
      rule_poor_fit(o->c.rawmin, o->c.symbols, ev >= 0 ? KZ_LID_SELFCOST_KK : KZ_LID_SELFCOST_RU);
  if (p > pund) pund = p;
  v->p[KZTEXT_LANG_UND] = pund;
  v->p[KZTEXT_LANG_KK] = pk * (1 - pund);
  v->p[KZTEXT_LANG_RU] = (1 - pk) * (1 - pund);
  if (pund >= 0.5) {
    v->lang = KZTEXT_LANG_UND;
    v->confidence = pund;
    return KZTEXT_OK;
  }
  v->lang = ev >= 0 ? KZTEXT_LANG_KK : KZTEXT_LANG_RU;
  v->confidence = v->p[v->lang];
  if (flags & KZTEXT_DETECT_NO_MIXED) return KZTEXT_OK;
  return rule_code_switching(o, s, len, replace, pund, v);
}

/* en_prior: Latin evidence for Kazakh (in any Latin alphabet) against
 * English in nats.  Text in plain a-z (no Kazakh Latin letter, no
 * apostrophe inside a word) starts EN_PRIOR nats towards English:
 * Latin-script Kazakh is rare next to English, and acronyms and file names
 * give the models little to go on (`Ana bar` reads English). */
static double rule_en_prior(const scan_out *o) {
  const unsigned *cls_count = o->cls_count;
  double prior = (cls_count[KZTEXT_SC_LATN_KK2021] || cls_count[KZTEXT_SC_LATN_KK2018] ||
                  cls_count[KZTEXT_SC_LATN_KK_DOTLESS] || o->l.apos)
                     ? 0
                     : EN_PRIOR;
  return ((double)o->l.clamped[LEN] - (double)o->l.clamped[LKK]) / KZ_LID_SCALE - prior;
}

/* other_latin_letters: Latin letters that neither English nor a Kazakh
 * alphabet has, two and one in 25, make the text another language
 * (`Čtvrtek je můj oblíbený den`). */
static int rule_other_latin_letters(const scan_out *o, size_t n_lat) {
  size_t other = o->cls_count[KZTEXT_SC_LATN_OTHER];
  return other >= 2 && other * 25 >= n_lat;
}

/* The letters that tell the MediaWiki kk-latn scheme (langid.h), counted in
 * one scan for both of its tests: ï, w, ū, 2018's acute letters but ý, the
 * letters it shares with 2021 (ä ö ü ğ ñ ş ç w ï), the words with ı (or I)
 * whose other vowels are all back (a o u) or all front (e ä ö ü), and the
 * words with w and a Kazakh letter.
 * Precomposed letters: the models read NFC text too. */
typedef struct mw_counts {
  size_t idia, w, umacron, acute, shared, back_words, front_words;
  size_t w_words; /* words with w and a letter of ä ö ü ğ ñ ş ç ï ı ý */
} mw_counts;

static void mw_scan(const unsigned char *s, size_t n, mw_counts *k) {
  memset(k, 0, sizeof *k);
  int dotless = 0, back = 0, front = 0, w = 0, kz = 0; /* in the word so far */
  for (size_t i = 0; i <= n; i++) {
    const unsigned c = i < n ? s[i] : 0;
    if (c < 0x80 && (c | 0x20) - 'a' < 26u) {
      const unsigned lc = c | 0x20;
      back |= lc == 'a' || lc == 'o' || lc == 'u';
      front |= lc == 'e';
      dotless |= c == 'I'; /* Turkic casing: I is ı */
      k->w += lc == 'w';
      w |= lc == 'w';
      continue;
    }
    if (c >= 0xC3 && c <= 0xC9 && i + 1 < n && (s[i + 1] & 0xC0) == 0x80) { /* a Latin letter */
      switch ((c << 8 | s[i + 1]) | 0x20 * (c == 0xC3)) { /* Latin-1 capitals fold */
      case 0xC3A4:                                        /* ä */
      case 0xC3B6:                                        /* ö */
      case 0xC3BC:                                        /* ü */
        front = kz = 1;
        k->shared++;
        break;
      case 0xC49F: /* ğ Ğ */
      case 0xC49E:
      case 0xC3B1: /* ñ */
      case 0xC59F: /* ş Ş */
      case 0xC59E:
      case 0xC3A7: /* ç */
        kz = 1;
        k->shared++;
        break;
      case 0xC3AF: /* ï */
        kz = 1;
        k->idia++;
        break;
      case 0xC4B1: /* ı */
        dotless = kz = 1;
        break;
      case 0xC3BD: /* ý */
        kz = 1;
        break;
      case 0xC5AB: /* ū Ū */
      case 0xC5AA:
        k->umacron++;
        break;
      case 0xC3A1: /* á ó ú ń Ń ǵ Ǵ */
      case 0xC3B3:
      case 0xC3BA:
      case 0xC584:
      case 0xC583:
      case 0xC7B5:
      case 0xC7B4:
        k->acute++;
        break;
      default:
        break;
      }
      i++; /* the trail byte */
      continue;
    }
    /* anything else ends a word */
    k->back_words += dotless && back && !front;
    k->front_words += dotless && front && !back;
    k->w_words += w && kz;
    dotless = back = front = w = kz = 0;
  }
  k->shared += k->w + k->idia;
}

/* Does s hold the letters of the MediaWiki kk-latn scheme (langid.h)? */
static int mediawiki_text(const unsigned char *s, size_t n) {
  mw_counts k;
  mw_scan(s, n, &k);
  return kz_mediawiki_letters(k.idia, k.w, k.umacron, k.acute);
}

/* Does s hold a y (or Y) before another letter than a o u w, or at a word's
 * end: ы, which 2021 and 2018 write so and MediaWiki never does? */
static int free_y(const unsigned char *s, size_t n) {
  for (int k = 0; k < 2; k++)
    for (const unsigned char *p = s; (p = memchr(p, k ? 'Y' : 'y', n - (size_t)(p - s))); p++) {
      const unsigned d = p + 1 < s + n ? p[1] | 0x20 : 0;
      if (d != 'a' && d != 'o' && d != 'u' && d != 'w') return 1;
    }
  return 0;
}

/* Text too short to show ï and w together: MediaWiki writes y only in ya
 * yo yw yu (я ё ю), and ы as ı, which 2021 and 2018 write y.  Then a word
 * with w (у) and a Kazakh letter (ä ö ü ğ ñ ş ç ï ı ý: no English word, and
 * 2021 and 2018 write no w) tells it, or vowel harmony: MediaWiki writes і
 * as i, 2021 і as ı, and Kazakh words keep to back vowels (а о ұ ы) or
 * front ones (ә е ө ү і), so MediaWiki's ı stands in words with a o u,
 * 2021's with e ä ö ü.  Nonzero when no y stands before another letter than
 * a o u w, the text has none of the letters MediaWiki lacks (ū and the
 * acute letters of 2018 other than ý), and it has such a w word, or two
 * words with ı or I or more that have back vowels alone, more than have
 * front ones alone, and a letter MediaWiki shares with 2021 and 2018 lacks
 * (ä ö ü ğ ñ ş ç w ï).  Transliteration asks it through detect's variant. */
static int mediawiki_harmony(const unsigned char *s, size_t n) {
  if (free_y(s, n)) return 0; /* most 2021 and 2018 text: the first few words tell */
  mw_counts k;
  mw_scan(s, n, &k);
  return !kz_not_mediawiki(k.umacron, k.acute) &&
         (k.w_words || (k.shared && k.back_words >= 2 && k.back_words > k.front_words));
}

/* latin_alphabet: the alphabet of Latin-script Kazakh, from a second pass
 * with the three alphabets' models.  2021 needs one of its own letters
 * (ä ğ ñ ö ş ū ü İ) or ı, since it writes the frequent і as ı, or plain
 * a-z with i or u after a vowel (Kazakh has no two vowels in a row, so that i
 * is й and u у, which 2021 writes i, u and 2018 ı, ý: `Men bugin uige`,
 * `Aqtau`); 2017 needs its
 * apostrophes (`Bu'gin ku'n`).  Other text in plain a-z is 2018, which writes
 * і as i and ш ч as sh ch. */
static kztext_status rule_latin_alphabet(const scan_out *o, const unsigned char *s, size_t len,
                                         int replace, kztext_variant *variant) {
  const unsigned *cls_count = o->cls_count;
  scan_out o2;
  if (scan(s, len, replace, 0, 1, &o2, NULL)) return KZTEXT_E_INTERNAL;
  const uint64_t *cl = o2.l.clamped;
  int allow21 = cls_count[KZTEXT_SC_LATN_KK2021] + cls_count[KZTEXT_SC_LATN_KK_DOTLESS] > 0;
  allow21 |= !cls_count[KZTEXT_SC_LATN_KK2018] && o2.l.vowel_i > 0;
  int allow17 = o->l.apos > 0;
  int bk = L18;
  if (allow21 && cl[L21] < cl[bk]) bk = L21;
  if (allow17 && cl[L17] < cl[bk]) bk = L17;
  *variant = bk == L21   ? KZTEXT_VARIANT_LATIN2021
             : bk == L18 ? KZTEXT_VARIANT_LATIN2018
                         : KZTEXT_VARIANT_LATIN2017;
  /* ï is one of the "other" Latin letters: most text is spared the pass */
  if ((cls_count[KZTEXT_SC_LATN_OTHER] && mediawiki_text(s, len)) ||
      (cls_count[KZTEXT_SC_LATN_KK2021] + cls_count[KZTEXT_SC_LATN_KK_DOTLESS] > 0 &&
       mediawiki_harmony(s, len)))
    *variant = KZTEXT_VARIANT_MEDIAWIKI;
  return KZTEXT_OK;
}

/* Latin text: Kazakh (and its alphabet) against English, or another
 * language. */
static kztext_status latin_verdict(const scan_out *o, const unsigned char *s, size_t len,
                                   int replace, int variant, verdict *v) {
  const unsigned *cls_count = o->cls_count;
  size_t n_lat = cls_count[KZTEXT_SC_LATN_ASCII] + cls_count[KZTEXT_SC_LATN_KK2021] +
                 cls_count[KZTEXT_SC_LATN_KK2018] + cls_count[KZTEXT_SC_LATN_KK_DOTLESS] +
                 cls_count[KZTEXT_SC_LATN_OTHER];
  double dk = rule_en_prior(o);
  double pk = sigmoid(dk / TEMPERATURE);
  int kk_wins = dk > 0;
  double pund = 0;
  if (rule_other_latin_letters(o, n_lat)) pund = 0.9;
  double p = rule_poor_fit(o->l.rawmin, o->l.symbols,
                           kk_wins ? KZ_LID_SELFCOST_KKLAT : KZ_LID_SELFCOST_EN);
  if (p > pund) pund = p;
  v->p[KZTEXT_LANG_UND] = pund;
  v->p[KZTEXT_LANG_KK] = pk * (1 - pund);
  v->p[KZTEXT_LANG_EN] = (1 - pk) * (1 - pund);
  if (pund >= 0.5) {
    v->lang = KZTEXT_LANG_UND;
    v->confidence = pund;
  } else if (kk_wins) {
    if (variant) {
      kztext_status st = rule_latin_alphabet(o, s, len, replace, &v->variant);
      if (st) return st;
    }
    v->lang = KZTEXT_LANG_KK;
    v->confidence = v->p[KZTEXT_LANG_KK];
  } else {
    v->lang = KZTEXT_LANG_EN;
    v->confidence = v->p[KZTEXT_LANG_EN];
  }
  return KZTEXT_OK;
}

/* arabic_letters: Arabic-script text is Kazakh by its letters (ۋ ۇ ە ڭ ٴ,
 * and ى inside words for ы, і) against the letters of Arabic, Persian,
 * Uyghur and Urdu that Kazakh lacks (`بۇگىن اۋا رايى جاقسى` is Kazakh). */
static void rule_arabic_letters(const scan_out *o, verdict *v) {
  size_t kk = o->cls_count[KZTEXT_SC_ARAB_KK] + o->arab_medial_yeh;
  double pk;
  if (kk && o->arab_foreign_n * 10 <= kk)
    pk = 1 - 1.0 / (double)(kk + 2);
  else if (kk > o->arab_foreign_n)
    pk = 0.6;
  else
    pk = 1.0 / (double)(o->arab_foreign_n + 2);
  v->p[KZTEXT_LANG_KK] = pk;
  v->p[KZTEXT_LANG_UND] = 1 - pk;
  v->lang = pk >= 0.5 ? KZTEXT_LANG_KK : KZTEXT_LANG_UND;
  v->confidence = pk >= 0.5 ? pk : 1 - pk;
}

/* Writes the verdict to the caller's struct: the one place that knows its
 * layout. */
static void fill_result(kztext_detect_result *res, const verdict *v) {
  kztext_detect_result r;
  memset(&r, 0, sizeof r);
  r.size = res->size;
  r.letters = v->letters;
  r.script = v->script;
  r.lang = v->lang;
  r.variant = v->variant;
  r.confidence = v->confidence;
  r.mixed = v->mixed;
  for (int i = KZTEXT_LANG_UND; i <= KZTEXT_LANG_EN; i++) {
    r.scores[i] = v->p[i];
    r.share[i] = v->share[i];
  }
  if (!r.mixed && r.lang != KZTEXT_LANG_UND) r.share[r.lang] = 1.0;
  /* A caller compiled against a larger (later) struct gets what we know. */
  memcpy(res, &r, sizeof r);
}

kztext_status kz_detect(const char *src, size_t len, unsigned flags, int variant,
                        kztext_detect_result *res, size_t *error_offset) {
  if (flags & ~(0xFu | KZTEXT_DETECT_NO_MIXED)) return KZTEXT_E_INVALID_FLAGS;
  if ((flags & 0xFu) > KZTEXT_INVALID_REPLACE) return KZTEXT_E_INVALID_FLAGS;
  if (!res || (!src && len)) return KZTEXT_E_INVALID_ARG;
  if (res->size < sizeof(kztext_detect_result)) return KZTEXT_E_INVALID_ARG;
  const unsigned char *s = (const unsigned char *)src;
  const int replace = (flags & 0xFu) == KZTEXT_INVALID_REPLACE;
  scan_out o;
  kztext_status st =
      scan(s, len, replace, flags & KZTEXT_DETECT_NO_MIXED ? 0 : 2, 0, &o, error_offset);
  if (st) return st;

  verdict v;
  memset(&v, 0, sizeof v);
  v.script = dominant_script(o.cls_count, &v.letters);
  v.lang = KZTEXT_LANG_UND;
  v.p[KZTEXT_LANG_UND] = 1.0;
  v.confidence = 1.0;
  if (v.script == KZTEXT_SCRIPT_CYRL && o.c.words)
    st = cyrillic_verdict(&o, s, len, replace, flags, &v);
  else if (v.script == KZTEXT_SCRIPT_LATN && o.l.words)
    st = latin_verdict(&o, s, len, replace, variant, &v);
  else if (v.script == KZTEXT_SCRIPT_ARAB)
    rule_arabic_letters(&o, &v);
  if (st) return st;
  fill_result(res, &v);
  return KZTEXT_OK;
}

kztext_status kztext_detect(const char *src, size_t len, unsigned flags, kztext_detect_result *res,
                            size_t *error_offset) {
  return kz_detect(src, len, flags, 1, res, error_offset);
}

const char *kztext_lang_name(kztext_lang lang) {
  static const char *const names[] = {"und", "kk", "ru", "en"};
  return (unsigned)lang < sizeof names / sizeof *names ? names[lang] : NULL;
}

const char *kztext_variant_name(kztext_variant v) {
  static const char *const names[] = {"", "latin2021", "latin2018", "latin2017", "mediawiki"};
  return (unsigned)v < sizeof names / sizeof *names ? names[v] : NULL;
}

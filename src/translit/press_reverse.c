/* "press" romanization -> Kazakh Cyrillic (--from press).
 *
 * The press drops the letters Kazakh has and English lacks (ә ө ү ұ і қ ғ
 * ң) and writes и and й alike, so a word is read back in three steps:
 *   1. the lexicon (src/gen/name_lexicon.inc: hunspell-kk's names and
 *      stems, the team's name elements): a search over the sorted words
 *      that follows every Cyrillic letter whose press spellings match the
 *      next Latin letters; failing a whole word, as a compound of two
 *      words (Kazakh given names and place names are built so: Ақ+бұлақ), or
 *      as a known stem before an unknown rest;
 *   2. Kazakh phonology for what the lexicon leaves: vowel harmony (a word
 *      with front vowels only takes ә ө ү і), қ ғ beside back vowels, й
 *      after a vowel;
 *   3. only capitalised, name-like words of three letters or more are read
 *      at all: an English word (hunspell-en-us) unless the lexicon has it
 *      as a name, an all-caps word, or a word that does not look Kazakh
 *      (step 2 only) is left as it is, so English text stays English.
 * Output keeps the word's case (title case stays title case). */
#include "segment/seg.h"
#include "translit/translit_int.h"
#include "utf8/utf8.h"

#include "gen/name_lexicon.inc"

/* Every Cyrillic letter with the Latin spellings the press (and passport,
 * and the variants outlets use) give it; cost 0 is the usual one.  Letters
 * are lower-case UTF-8. */
typedef struct rev_letter {
  const char *cyr;
  const char *lat[3];
  unsigned char cost[3];
} rev_letter;

static const rev_letter rev_letters[] = {
    {"а", {"a"}, {0}},
    {"ә", {"a", "ae"}, {0, 1}},
    {"б", {"b"}, {0}},
    {"в", {"v", "w"}, {0, 1}},
    {"г", {"g"}, {0}},
    {"ғ", {"g", "gh"}, {0, 1}},
    {"д", {"d"}, {0}},
    {"е", {"e", "ye"}, {0, 0}},
    {"ё", {"yo", "e"}, {0, 1}},
    {"ж", {"zh", "j"}, {0, 1}},
    {"з", {"z"}, {0}},
    {"и", {"i", "y", "iy"}, {0, 1, 1}},
    {"й", {"y", "i"}, {0, 0}},
    {"к", {"k"}, {0}},
    {"қ", {"k", "q", "kh"}, {0, 0, 2}},
    {"л", {"l"}, {0}},
    {"м", {"m"}, {0}},
    {"н", {"n"}, {0}},
    {"ң", {"n", "ng"}, {0, 0}},
    {"о", {"o"}, {0}},
    {"ө", {"o", "oe"}, {0, 1}},
    {"п", {"p"}, {0}},
    {"р", {"r"}, {0}},
    {"с", {"s", "ss"}, {0, 0}},
    {"т", {"t"}, {0}},
    {"у", {"u", "w"}, {0, 1}},
    {"ұ", {"u"}, {0}},
    {"ү", {"u", "ue"}, {0, 1}},
    {"ф", {"f"}, {0}},
    {"х", {"kh", "h"}, {0, 1}},
    {"һ", {"h", "kh"}, {0, 1}},
    {"ц", {"ts", "c"}, {0, 1}},
    {"ч", {"ch"}, {0}},
    {"ш", {"sh"}, {0}},
    {"щ", {"shch", "sch"}, {0, 1}},
    {"ъ", {""}, {0}},
    {"ы", {"y", "i"}, {0, 1}},
    {"і", {"i", "y"}, {0, 1}},
    {"ь", {""}, {0}},
    {"э", {"e"}, {0}},
    {"ю", {"yu", "iu"}, {0, 1}},
    {"я", {"ya", "ia"}, {0, 1}},
};
#define N_REV (sizeof rev_letters / sizeof *rev_letters)

enum { MAXW = 48, MAXC = 160, MAX_VISITS = 20000 };

static int lat_vowel(char c) {
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

static const char *nl_word(size_t i) { return kz_nl_pool + (kz_nl_off[i] & 0x7FFFFFFFu); }

/* The index of the NUL-terminated entry equal to k[0..n) among count
 * sorted ones (entry(i) gives the i-th), or -1. */
static long find_sorted(const char *(*entry)(size_t), size_t count, const char *k, size_t n) {
  size_t lo = 0, hi = count;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    const char *e = entry(mid);
    int c = strncmp(e, k, n);
    if (!c) c = e[n] ? 1 : 0;
    if (c < 0)
      lo = mid + 1;
    else if (c > 0)
      hi = mid;
    else
      return (long)mid;
  }
  return -1;
}

static const char *en_word(size_t i) { return kz_en_pool + (kz_en_off[i] & 0x7FFFFFFFu); }
static const char *ru_word(size_t i) { return kz_ru_pool + kz_ru_off[i]; }
static const char *place_ru_key(size_t i) { return kz_place_by_ru[i][0]; }
static const char *place_kk_key(size_t i) { return kz_place_by_kk[i][0]; }
static const char *place_press_key(size_t i) { return kz_place_press[i][0]; }

/* Is w (lower-case ASCII, n bytes) in the English word list?  0 no, 1 a
 * common word, 2 only a proper noun. */
static int english_entry(const char *w, size_t n) {
  long i = find_sorted(en_word, KZ_EN_N, w, n);
  return i < 0 ? 0 : kz_en_off[i] & 0x80000000u ? 2 : 1;
}

/* An English word or an inflected form of one (-s -es -ies -ed -ing -er
 * -ly): hunspell lists stems. */
static int english(const char *w, size_t n) {
  static const char *const suf[] = {"s", "es", "ed", "ing", "er", "ly", "d"};
  int e = english_entry(w, n);
  if (e) return e;
  for (size_t k = 0; k < sizeof suf / sizeof *suf; k++) {
    size_t l = strlen(suf[k]);
    if (n > l + 2 && !memcmp(w + n - l, suf[k], l)) {
      char b[MAXW + 1];
      memcpy(b, w, n - l);
      if (english_entry(b, n - l)) return 1;
      b[n - l] = 'e'; /* operat-ing: operate */
      if (english_entry(b, n - l + 1)) return 1;
      if (l > 1 && b[n - l - 1] == 'i') { /* stud-ies: study */
        b[n - l - 1] = 'y';
        if (english_entry(b, n - l)) return 1;
      }
    }
  }
  return 0;
}

int kz_tl_english_word(const unsigned char *s, size_t n) {
  char w[MAXW];
  if (n == 0 || n > MAXW) return 0;
  for (size_t i = 0; i < n; i++)
    w[i] = (char)(s[i] | 0x20);
  return english(w, n) != 0;
}

/* Is Cyrillic lower-case s[0..n) a capitalised entry of hunspell-ru (a
 * Russian place or given name)? */
static int russian_name(const char *s, size_t n) {
  return find_sorted(ru_word, KZ_RU_N, s, n) >= 0;
}

/* Bytes b[0..bl) at offset d of word i compared (NUL-terminated word). */
static int cmp_at(size_t i, size_t d, const char *b, size_t bl) {
  const unsigned char *w = (const unsigned char *)nl_word(i) + d;
  for (size_t k = 0; k < bl; k++) {
    if (w[k] != (unsigned char)b[k]) return w[k] < (unsigned char)b[k] ? -1 : 1;
    if (!w[k]) return -1;
  }
  return 0;
}

/* Narrows [lo, hi) (words sharing their first d bytes) to those whose next
 * bytes are b[0..bl). */
static void narrow(size_t *lo, size_t *hi, size_t d, const char *b, size_t bl) {
  size_t a = *lo, z = *hi;
  while (a < z) {
    size_t m = (a + z) / 2;
    if (cmp_at(m, d, b, bl) < 0)
      a = m + 1;
    else
      z = m;
  }
  size_t first = a;
  z = *hi;
  while (a < z) {
    size_t m = (a + z) / 2;
    if (cmp_at(m, d, b, bl) <= 0)
      a = m + 1;
    else
      z = m;
  }
  *lo = first;
  *hi = a;
}

typedef struct result {
  char cyr[MAXC];
  size_t len;
  size_t pos; /* Latin bytes read */
  int score;  /* lower is better */
  int names;  /* pieces that are names */
  int pieces;
  int cost; /* variant spellings used */
  int have;
} result;

typedef struct search {
  const char *lat;
  size_t n;
  char cur[MAXC];
  unsigned visits;
  result whole;   /* the whole word */
  result pair;    /* the whole word as a compound of two */
  result stem;    /* a word that begins it */
  int first_name; /* the first piece of a compound is a name */
  int compounds;  /* the second search: two words in one */
  size_t split;   /* where the second piece starts in cur */
} search;

/* May a piece end after Latin byte pos?  Not inside a digraph (z|h, t|s)
 * nor between a glide y (after a vowel) and its vowel (Yesenba|yev; but
 * a y after a consonant, an ы, may end one). */
static int piece_end_ok(const search *S, size_t pos) {
  if (pos == 0 || pos >= S->n) return 1;
  char a = S->lat[pos - 1], b = S->lat[pos];
  if (b == 'h' && (a == 'z' || a == 'k' || a == 's' || a == 'c' || a == 'g')) return 0;
  if (a == 't' && b == 's') return 0;
  return !(a == 'y' && lat_vowel(b) && (pos < 2 || lat_vowel(S->lat[pos - 2])));
}

/* The Kazakh vowels Russian spelling writes и and у (і ұ ү) in
 * cyr[0..len): the search prefers spellings that restore them (Бейбіт, not
 * Бейбит).  Not ә ө: against а о they are two Kazakh words (тау, тәу),
 * which harmony() and the order of the letters decide; nor қ ғ, which
 * harmony() chooses. */
static int kazakh_letters(const char *cyr, size_t len) {
  int k = 0;
  for (size_t i = 0; i + 1 < len; i++) {
    unsigned char a = (unsigned char)cyr[i], b = (unsigned char)cyr[i + 1];
    k += (a == 0xD2 && (b == 0xAF || b == 0xB1)) || (a == 0xD1 && b == 0x96);
  }
  return k;
}

/* Kazakh phonology of one piece: 1 front, 2 back, 3 both (ә ө ү і with а
 * о ұ ы: a loan or a wrong reading; е and и go with either), 0 neither; *bad
 * counts к г beside a back vowel and қ ғ beside a front one. */
static int harmony(const char *cyr, size_t len, int *bad) {
  int h = 0;
  uint32_t prev = 0;
  for (size_t i = 0; i + 1 < len; i += 2) {
    size_t l;
    uint32_t c = kz_utf8_next((const unsigned char *)cyr + i, &l);
    int f = c == 0x4D9 || c == 0x4E9 || c == 0x4AF || c == 0x456;
    int b = c == 0x430 || c == 0x43E || c == 0x4B1 || c == 0x44B;
    h |= f ? 1 : b ? 2 : 0;
    int soft = c == 0x43A || c == 0x433, hard = c == 0x49B || c == 0x493;
    int pf = prev == 0x4D9 || prev == 0x4E9 || prev == 0x4AF || prev == 0x456 || prev == 0x435;
    int pb = prev == 0x430 || prev == 0x43E || prev == 0x4B1 || prev == 0x44B;
    int psoft = prev == 0x43A || prev == 0x433, phard = prev == 0x49B || prev == 0x493;
    *bad += (soft && pb) || (hard && pf) || (psoft && b) || (phard && (f || c == 0x435));
    prev = c;
  }
  return h;
}

/* Lower is better: variant spellings, then phonology (a disharmonic piece;
 * the pieces of a compound may differ, Көк+тау), then restored і ұ ү
 * (hunspell's names include Russian spellings), then names. */
static int rank(const char *cyr, size_t len, size_t split, int cost, int names) {
  int bad = 0;
  int h1 = harmony(cyr, split ? split : len, &bad);
  int h2 = split ? harmony(cyr + split, len - split, &bad) : 0;
  bad += (h1 == 3) + (h2 == 3);
  /* press a o are more often а о than ә ө: the latter cost a little */
  int front_ao = 0;
  for (size_t i = 0; i + 1 < len; i++)
    front_ao += (unsigned char)cyr[i] == 0xD3;
  return cost * 64 + bad * 8 - names * 4 - kazakh_letters(cyr, len) * 5 + front_ao;
}

static void offer(result *r, const char *cyr, size_t len, size_t pos, int score, int names,
                  int pieces, int cost) {
  if (r->have && (pos < r->pos || (pos == r->pos && score >= r->score))) return;
  memcpy(r->cyr, cyr, len);
  r->len = len;
  r->pos = pos;
  r->score = score;
  r->names = names;
  r->pieces = pieces;
  r->cost = cost;
  r->have = 1;
}

static void dfs(search *S, size_t pos, size_t lo, size_t hi, size_t depth, size_t clen, int cost,
                int pieces) {
  if (++S->visits > MAX_VISITS || lo >= hi) return;
  if (!nl_word(lo)[depth] && depth && piece_end_ok(S, pos)) { /* a lexicon word ends here */
    int name = (kz_nl_off[lo] & 0x80000000u) != 0;
    int names = name + (pieces == 2 && S->first_name);
    /* the second piece of a compound: three letters or more, or a name
     * element of two (Ақ+су; not Таж+ін); and one piece at least a name
     * or a name element: two common words make no name */
    int compound_ok = pieces == 1 || ((depth >= 6 || (depth >= 4 && name)) && names);
    if (pos == S->n) {
      if (compound_ok) {
        int r = rank(S->cur, clen, pieces == 2 ? S->split : 0, cost, names);
        offer(&S->whole, S->cur, clen, pos, r, names, pieces, cost);
        if (pieces == 2) offer(&S->pair, S->cur, clen, pos, r, names, pieces, cost);
      }
      return;
    }
    /* a known stem before an unknown rest; not one that ends in ң spelled
     * ng before a vowel, which is н|г there (Zhangeldin: Жангелдин) */
    int ng_vowel = clen >= 2 && !memcmp(S->cur + clen - 2, "ң", 2) && pos < S->n &&
                   S->lat[pos - 1] == 'g' && lat_vowel(S->lat[pos]);
    if (pieces == 1 && depth >= 6 && pos >= 3 && !cost && !ng_vowel)
      offer(&S->stem, S->cur, clen, pos, rank(S->cur, clen, 0, cost, name), name, 1, cost);
    /* a compound: three letters or more, or a two-letter name element (Ақ-, Ер-) */
    if (S->compounds && pieces == 1 && (depth >= 6 || (depth == 4 && name))) {
      S->first_name = name;
      S->split = clen;
      dfs(S, pos, 0, KZ_NL_N, 0, clen, cost + 1, 2);
    }
  }
  if (pos == S->n) return;
  for (size_t k = 0; k < N_REV; k++) {
    const rev_letter *L = &rev_letters[k];
    size_t bl = strlen(L->cyr);
    if (clen + bl > MAXC) continue;
    for (int v = 0; v < 3 && L->lat[v]; v++) {
      size_t ll = strlen(L->lat[v]);
      if (ll > S->n - pos || memcmp(S->lat + pos, L->lat[v], ll)) continue;
      if (!ll && (depth == 0 || pos == S->n)) continue; /* ь ъ only inside */
      size_t a = lo, z = hi;
      narrow(&a, &z, depth, L->cyr, bl);
      if (a >= z) break;
      memcpy(S->cur + clen, L->cyr, bl);
      dfs(S, pos + ll, a, z, depth + bl, clen + bl, cost + L->cost[v], pieces);
    }
  }
}

/* The lexicon search for the whole of w[0..n) into a fresh *S: whole
 * words and stems, no compounds. */
static void search_word(search *S, const char *w, size_t n) {
  memset(S, 0, sizeof *S);
  S->lat = w;
  S->n = n;
  dfs(S, 0, 0, KZ_NL_N, 0, 0, 0, 1);
}

/* ---- rules ------------------------------------------------------------ */

static char *put(char *o, const char *s) {
  size_t l = strlen(s);
  memcpy(o, s, l);
  return o + l;
}

/* Front (1) or back (0) by the vowels of w: front when it has e or i and
 * none of o u or y (ы), or more front than back vowels. */
static int front_word(const char *w, size_t n) {
  int f = 0, b = 0;
  /* a patronymic ending is a word of its own (Әбікеш+ұлы) */
  if (n > 6 && !memcmp(w + n - 3, "uly", 3))
    n -= 3;
  else if (n > 7 && (!memcmp(w + n - 4, "kyzy", 4) || !memcmp(w + n - 4, "qyzy", 4)))
    n -= 4;
  for (size_t i = 0; i < n; i++) {
    char c = w[i], p = i ? w[i - 1] : 0;
    if (c == 'e' && p != 'y')
      f++;
    else if (c == 'i' && !(p && lat_vowel(p)))
      f++;
    else if (c == 'o' || c == 'u' || c == 'q')
      b += 2;
    else if (c == 'y' && p && !lat_vowel(p) && !(i + 1 < n && lat_vowel(w[i + 1])))
      b += 2;
    else if (c == 'a' && p != 'y')
      b++;
  }
  return f > b;
}

/* The harmony of a known stem: its last vowel (и tells nothing: then the
 * Latin). */
static int stem_front(const char *cyr, size_t len, const char *w, size_t n) {
  for (size_t i = len; i >= 2; i -= 2) {
    size_t l;
    uint32_t c = kz_utf8_next((const unsigned char *)cyr + i - 2, &l);
    if (l != 2) continue;
    switch (c) {
    case 0x4D9:
    case 0x435:
    case 0x4E9:
    case 0x4AF:
    case 0x456:
    case 0x44D:
      return 1;
    case 0x430:
    case 0x43E:
    case 0x4B1:
    case 0x44B:
    case 0x443:
    case 0x44F:
    case 0x451:
    case 0x44E:
      return 0;
    default:
      break;
    }
  }
  return front_word(w, n);
}

/* Is the a at w[i] the vowel of бай, of a final -жан -хан, or of a final
 * -стан (the land of: Өзбекстан)? */
static int elem_a(const char *w, size_t n, size_t i) {
  /* i + 1 == n: a stem cut before its ending (-bayev) */
  if (i >= 1 && w[i - 1] == 'b' && (i + 1 == n || w[i + 1] == 'y' || w[i + 1] == 'i')) return 1;
  if (i >= 2 && i + 2 == n && !memcmp(w + i - 2, "stan", 4)) return 1;
  return i >= 2 && i + 2 == n && w[i + 1] == 'n' && w[i - 1] == 'h' &&
         (w[i - 2] == 'z' || w[i - 2] == 'k');
}

/* Latin w[at..n) -> Cyrillic by rules (w[0..at): a known stem, already
 * read); front: the harmony of the word (or of the stem), -1 for a Russian
 * word (y before a vowel is я ю ё е after a consonant too), RU_SOFT for one
 * with ь before those (the soft sign Latin drops: Natalya). */
enum { RU_SOFT = -2 };
static char *rules(const char *w, size_t n, int front, size_t at, char *o) {
  char pv = at ? w[at - 1] : 0; /* the letter before (for й and у) */
  for (size_t i = at; i < n;) {
    char c = w[i], nx = i + 1 < n ? w[i + 1] : 0;
    const char *r = NULL;
    size_t take = 1;
    /* after a vowel, y is й; but not after the й of yy (Kayyr: Қайыр) nor
     * after the у of a vowel + u (Zholdauy: Жолдауы) */
    int glide = i >= 2 && (pv == 'y' || pv == 'u') && lat_vowel(w[i - 2]);
    int after_v = pv && lat_vowel(pv) && !(c == 'y' && (pv == 'y' || glide));
    /* the patronymic endings are words of their own: -ұлы, -қызы */
    if (n - i == 3 && !memcmp(w + i, "uly", 3)) {
      o = put(o, "ұлы");
      break;
    }
    if (n - i == 4 && (!memcmp(w + i, "kyzy", 4) || !memcmp(w + i, "qyzy", 4))) {
      o = put(o, "қызы");
      break;
    }
    if (!strncmp(w + i, "shch", 4) && i + 4 <= n)
      r = "щ", take = 4;
    else if (c == 'z' && nx == 'h')
      r = "ж", take = 2;
    else if (c == 'k' && nx == 'h')
      r = "х", take = 2;
    else if (c == 's' && nx == 'h')
      r = "ш", take = 2;
    else if (c == 'c' && nx == 'h')
      r = "ч", take = 2;
    else if (c == 't' && nx == 's')
      r = "ц", take = 2;
    else if (c == 'y' && after_v && n - i == 4 && !memcmp(w + i + 1, "uly", 3)) {
      o = put(o, "йұлы"); /* Sagyrbai-uly, written -bayuly */
      break;
    } else if (c == 'y' && (nx == 'a' || nx == 'u' || nx == 'o' || nx == 'e') &&
               (!pv || after_v || nx == 'e' || nx == 'a' || nx == 'u' || front < 0)) {
      /* ы is not followed by а у inside a Kazakh word (only at the seam of a
       * compound, which the lexicon reads): -lyar -ляр */
      r = nx == 'a' ? "я" : nx == 'u' ? "ю" : nx == 'o' ? "ё" : "е";
      take = 2;
      if (front == RU_SOFT && pv && !lat_vowel(pv)) o = put(o, "ь"); /* Наталья */
    } else if (c == 'n' && nx == 'g' && (i + 2 == n || !lat_vowel(w[i + 2])))
      r = "ң", take = 2;
    else if (c == 's' && nx == 's' && pv && lat_vowel(pv))
      r = "с", take = 2;
    else {
      int back_near = front == 0;
      switch (c) {
      case 'a':
        /* the name elements бай -жан -хан keep а in a front word (Есенбай) */
        r = front > 0 && !elem_a(w, n, i) ? "ә" : "а";
        break;
      case 'e':
        r = "е";
        break;
      case 'o':
        r = front > 0 ? "ө" : "о";
        break;
      case 'u':
        r = after_v || front < 0 ? "у" : front ? "ү" : "ұ";
        break;
      case 'i':
        r = after_v ? "й" : front > 0 ? "і" : "и"; /* after a vowel: Aigerim, Zhanbai-uly */
        break;
      case 'y':
        r = after_v ? "й" : front > 0 ? "і" : "ы"; /* after a consonant ы, і in a front word */
        break;
      case 'k': /* к г, not қ ғ, beside е, even in a back word (Құдайберген, Мұсабек) */
        r = back_near && nx != 'e' && pv != 'e' ? "қ" : "к";
        break;
      case 'q':
        r = "қ";
        break;
      case 'g':
        r = back_near && nx != 'e' && pv != 'e' ? "ғ" : "г";
        break;
      case 'b':
        r = "б";
        break;
      case 'v':
        r = "в";
        break;
      case 'd':
        r = "д";
        break;
      case 'j':
        r = "ж";
        break;
      case 'z':
        r = "з";
        break;
      case 'l':
        r = "л";
        break;
      case 'm':
        r = "м";
        break;
      case 'n':
        r = "н";
        break;
      case 'p':
        r = "п";
        break;
      case 'r':
        r = "р";
        break;
      case 's':
        r = "с";
        break;
      case 't':
        r = "т";
        break;
      case 'f':
        r = "ф";
        break;
      case 'h':
        r = "х";
        break;
      case 'c':
        r = "ц";
        break;
      case 'w':
        r = "у";
        break;
      case 'x':
        r = "кс";
        break;
      default:
        r = "";
      }
    }
    o = put(o, r);
    pv = w[i + take - 1];
    i += take;
  }
  return o;
}

/* Does a word the lexicon does not know look like romanized Kazakh?  It
 * must not use letters or pairs Kazakh romanization never makes (c outside
 * ch, w, x, th, ph, double vowels other than ai/ia...), and must show a mark
 * of it: zh, kh, q, a y between consonants (ы), or a name ending. */
static int looks_kazakh(const char *w, size_t n) {
  static const char *const bad[] = {"th", "ph", "ee", "oo", "ou", "ea", "oa", "wh",
                                    "ck", "gh", "tt", "pp", "ff", "dd", "cc"};
  static const char *const mark[] = {"zh", "kh", "q",  "yk", "ys", "ym", "yn",   "yl", "yr",
                                     "yz", "yg", "yq", "yt", "yb", "yd", "zhan", "bek"};
  static const char *const ends[] = {"ov",  "ova", "yev",  "yeva",  "uly",  "kyzy",  "qyzy",
                                     "bek", "bay", "bai",  "bayev", "khan", "gul",   "bol",
                                     "tay", "tai", "zhan", "ulan",  "iyar", "bekov", "bayeva"};
  size_t vowels = 0;
  for (size_t i = 0; i < n; i++)
    vowels += lat_vowel(w[i]);
  if (n < 3 || !vowels) return 0; /* no vowel: Mrs */
  for (size_t i = 0; i < n; i++) {
    if (w[i] == 'w' || w[i] == 'x' || (w[i] == 'c' && (i + 1 >= n || w[i + 1] != 'h'))) return 0;
  }
  for (size_t k = 0; k < sizeof bad / sizeof *bad; k++)
    for (size_t i = 0; i + 1 < n; i++)
      if (w[i] == bad[k][0] && w[i + 1] == bad[k][1]) return 0;
  for (size_t k = 0; k < sizeof ends / sizeof *ends; k++) {
    size_t l = strlen(ends[k]);
    if (n > l + 1 && !memcmp(w + n - l, ends[k], l)) return 1;
  }
  for (size_t k = 0; k < sizeof mark / sizeof *mark; k++) {
    size_t l = strlen(mark[k]);
    for (size_t i = 0; i + l <= n; i++)
      if (!memcmp(w + i, mark[k], l)) return 1;
  }
  return 2;
}

/* Upper case of the first letter (title) or of all (caps) of Cyrillic
 * lower-case text. */
static void recase(char *s, size_t n, int caps) {
  for (size_t i = 0; i < n;) {
    size_t l;
    uint32_t c = kz_utf8_next((const unsigned char *)s + i, &l);
    uint32_t u = c;
    if (c >= 0x430 && c <= 0x44F)
      u = c - 0x20;
    else if (c >= 0x450 && c <= 0x45F)
      u = c - 0x50;
    else if (c >= 0x460 && c <= 0x4FF)
      u = c & ~1u;
    if (u != c) {
      char b[4];
      size_t bl = kz_utf8_encode(u, b);
      if (bl == l) memcpy(s + i, b, l); /* always: cases share a length here */
    }
    i += l;
    if (!caps) break;
  }
}

/* Does w[0..n) end in a Kazakh patronymic ending after a stem of three
 * letters (-uly) or two (-kyzy -qyzy)? */
static int kazakh_patronymic(const char *w, size_t n) {
  return (n > 5 && !memcmp(w + n - 3, "uly", 3)) ||
         (n > 6 && (!memcmp(w + n - 4, "kyzy", 4) || !memcmp(w + n - 4, "qyzy", 4)));
}

/* Does w[0..n) look like a Russian name (a place named in Russian, a
 * Russian given name)?  Kazakh keeps those in their Russian spelling
 * (Степногорск, not Степноғорсқ).  Marks: two consonants at the start, я
 * ю after a consonant (ы before a vowel is only met at the seam of a
 * compound, which the lexicon reads first), a Russian place or adjective
 * ending (2: the strongest mark), or a v or f that is not in a surname
 * ending (-ov -yev -ovich). */
static int looks_russian(const char *w, size_t n) {
  /* a Kazakh patronymic ending (-uly -kyzy) makes the name Kazakh */
  if (kazakh_patronymic(w, n)) return 0;
  static const char *const ends[] = {"sk",   "skiy",  "sky", "skaya", "skoye", "ovka", "evka",
                                     "grad", "gorod", "pol", "noye",  "naya",  "ovo",  "evo"};
  for (size_t k = 0; k < sizeof ends / sizeof *ends; k++) {
    size_t l = strlen(ends[k]);
    if (n > l + 2 && !memcmp(w + n - l, ends[k], l)) return 2;
  }
  /* Kazakh words begin with one consonant at most (zh kh sh ch are one),
   * and have no я ю after a consonant */
  if (!lat_vowel(w[0]) && !lat_vowel(w[1]) && w[1] != 'h') return 1;
  for (size_t i = 1; i + 2 < n; i++)
    if (w[i] == 'y' && !lat_vowel(w[i - 1]) && (w[i + 1] == 'a' || w[i + 1] == 'u')) return 1;
  /* -ny after a consonant: a Russian adjective (-ный) */
  if (n >= 5 && w[n - 1] == 'y' && w[n - 2] == 'n' && !lat_vowel(w[n - 3])) return 1;
  static const char *const surname[] = {"ova", "eva", "ov", "ev", "ovich", "evich", "ovna", "evna"};
  size_t stop = n;
  for (size_t k = 0; k < sizeof surname / sizeof *surname; k++) {
    size_t l = strlen(surname[k]);
    if (n > l && !memcmp(w + n - l, surname[k], l) && n - l < stop) stop = n - l;
  }
  for (size_t i = 0; i < stop; i++)
    if (w[i] == 'v' || w[i] == 'f') return 1;
  return 0;
}

/* The Kazakh letters of rules()' output o[0..) up to e -> their Russian
 * spelling (all two-byte letters to two-byte letters), the soft signs
 * below, and a final ы -> the adjective ending -ый, -ий after к г х ж ш ч
 * щ. */
static char *russian(char *o, char *e) {
  static const struct {
    const char *kk, *ru;
  } fold[] = {{"ә", "а"}, {"ө", "о"}, {"ү", "у"}, {"ұ", "у"},
              {"і", "и"}, {"қ", "к"}, {"ғ", "г"}, {"ң", "н"}};
  for (char *p = o; p + 1 < e; p++)
    for (size_t k = 0; k < sizeof fold / sizeof *fold; k++)
      if (!memcmp(p, fold[k].kk, 2)) {
        memcpy(p, fold[k].ru, 2);
        break;
      }
  /* the soft sign Russian writes and Latin drops: л before -ск (Уральск,
   * -льский), and the toponym element Усть- (a word of its own, before a
   * hyphen) */
  for (char *p = o; p + 6 <= e; p += 2)
    if (!memcmp(p, "лск", 6)) {
      memmove(p + 4, p + 2, (size_t)(e - p - 2));
      memcpy(p + 2, "ь", 2);
      e += 2;
    }
  if (e - o == 6 && !memcmp(o, "уст", 6)) e = put(e, "ь");
  if (e - o >= 4 && !memcmp(e - 2, "ы", 2)) {
    static const char *const hush[] = {"к", "г", "х", "ж", "ш", "ч", "щ"};
    for (size_t k = 0; k < sizeof hush / sizeof *hush; k++)
      if (!memcmp(e - 4, hush[k], 2)) memcpy(e - 2, "и", 2);
    e = put(e, "й");
  }
  return e;
}

static char *read_latin(const char *w, size_t n, int eng, int ru, char *o);

/* A surname: its stem read, then the Russian ending as written (-ov
 * -yeva); NULL when w has no such ending or its stem cannot be read. */
static char *surname(const char *w, size_t n, char *o) {
  static const char *const ends[][2] = {{"yeva", "ева"}, {"yev", "ев"},  {"eva", "ева"},
                                        {"ev", "ев"},    {"ova", "ова"}, {"ov", "ов"},
                                        {"ina", "ина"},  {"in", "ин"}};
  for (size_t k = 0; k < sizeof ends / sizeof *ends; k++) {
    size_t l = strlen(ends[k][0]);
    if (n >= l + 3 && !memcmp(w + n - l, ends[k][0], l)) {
      char *e = read_latin(w, n - l, 0, 0, o);
      if (!e) return NULL;
      /* -ayev is a name in -ай with -ев (Бекетай: Бекетаев): а, also in a
       * front word */
      if (ends[k][0][0] == 'y' && e - o >= 2 && !memcmp(e - 2, "ә", 2)) memcpy(e - 2, "а", 2);
      return put(e, ends[k][1]);
    }
  }
  return NULL;
}

/* w read the Russian way into o; of its spellings with and without the
 * soft signs Latin drops (Vasilyevna: Васильевна) and with -ий or -ый for a
 * final y (Yevgeny: Евгений), the first that hunspell-ru has as a name,
 * else the plain one.  *named: whether it is such a name. */
static char *russian_read(const char *w, size_t n, char *o, int *named) {
  for (int k = 0; k < 4; k++) {
    char *e = russian(o, rules(w, n, k & 1 ? RU_SOFT : -1, 0, o));
    if (k & 2) {
      if (e - o < 4 || memcmp(e - 4, "ый", 4)) continue;
      memcpy(e - 4, "ий", 4);
    }
    if (russian_name(o, (size_t)(e - o))) {
      *named = 1;
      return e;
    }
  }
  *named = 0;
  return russian(o, rules(w, n, -1, 0, o));
}

/* Reads lower-case Latin w[0..n) into o: the lexicon, else (for a word
 * that looks Kazakh) a known stem and the rules, else the rules.  eng: what
 * english() says of the whole word.  Returns the end, or NULL to leave the
 * word as it is. */
static char *read_latin(const char *w, size_t n, int eng, int ru, char *o) {
  int named;
  if (ru && !eng && looks_kazakh(w, n)) return russian_read(w, n, o, &named);
  /* a patronymic: the father's name, then -ұлы -қызы (Қайыр+ұлы, not the
   * word улы); -аулы -еулі are adjectives (таулы) */
  static const char *const patr[][2] = {{"uly", "ұлы"}, {"kyzy", "қызы"}, {"qyzy", "қызы"}};
  for (size_t k = 0; k < sizeof patr / sizeof *patr; k++) {
    size_t l = strlen(patr[k][0]);
    if (n >= l + 3 && !memcmp(w + n - l, patr[k][0], l) && w[n - l - 1] != 'a' &&
        w[n - l - 1] != 'e') {
      char *e = read_latin(w, n - l, 0, 0, o);
      if (e) return put(e, patr[k][1]);
      break;
    }
  }
  search S;
  search_word(&S, w, n);
  /* then as a compound, with a fresh budget; a compound of two name
   * elements also wins over a common word (Көк+тау, not a verb) */
  if (!S.whole.have || (!S.whole.names && !eng)) {
    S.visits = 0;
    S.compounds = 1;
    dfs(&S, 0, 0, KZ_NL_N, 0, 0, 0, 1);
    if (S.pair.have && S.pair.names == 2) S.whole = S.pair;
  }
  /* a Russian name the lexicon does not have: as Russian writes it; an
   * English proper noun only with a Russian place ending, and when
   * hunspell-ru has that spelling (Semipalatinsk; not David, Florida) */
  int ru_mark = looks_russian(w, n);
  if (!S.whole.have && (!eng || (eng == 2 && ru_mark == 2)) && ru_mark && looks_kazakh(w, n)) {
    char *e = russian_read(w, n, o, &named);
    if (!eng || named) return e;
  }
  /* a word with no mark of Kazakh romanization whose Russian reading is a
   * Russian name (Aleksei: Алексей) */
  if (!S.whole.have && !eng && looks_kazakh(w, n) == 2) {
    char *e = russian_read(w, n, o, &named);
    if (named) return e;
  }
  /* An English word is read only as one word of the lexicon: a common one
   * only as a name of five letters or more, a proper noun of the English
   * list (a place, a person; also Monday, British) as any. */
  if (eng && !(S.whole.have && S.whole.pieces == 1 && (eng == 2 || (S.whole.names && n >= 5))))
    return NULL;
  if (S.whole.have) {
    memcpy(o, S.whole.cyr, S.whole.len);
    return o + S.whole.len;
  }
  if (!looks_kazakh(w, n)) return NULL;
  char *e = surname(w, n, o);
  if (e) return e;
  if (S.stem.have && S.stem.pos * 2 >= n) {
    memcpy(o, S.stem.cyr, S.stem.len);
    o += S.stem.len;
    int front = stem_front(S.stem.cyr, S.stem.len, w, S.stem.pos);
    return rules(w, n, front, S.stem.pos, o);
  }
  /* a name element that begins the word (Гүл+...): the rest is a part of
   * its own, with its own harmony */
  if (S.stem.have && S.stem.names) {
    memcpy(o, S.stem.cyr, S.stem.len);
    o += S.stem.len;
    return rules(w, n, front_word(w + S.stem.pos, n - S.stem.pos), S.stem.pos, o);
  }
  return rules(w, n, front_word(w, n), 0, o);
}

/* A Russian patronymic (-ovich -yevna ...): Kazakh writes it, and the name
 * it is made of, the Russian way (Тукенович, not Тұкенович). */
static int russian_patronymic(const char *w, size_t n) {
  static const char *const ends[] = {"ovich", "evich", "ovna", "evna"};
  for (size_t k = 0; k < sizeof ends / sizeof *ends; k++) {
    size_t l = strlen(ends[k]);
    if (n >= l + 2 && !memcmp(w + n - l, ends[k], l)) return 1;
  }
  return 0;
}

/* ---- places ----------------------------------------------------------- */

/* The index of lower-case letter lc in the _start tables (FIRST_BIT of
 * tools/gen_name_lexicon.py), or -1. */
static int place_bit(uint32_t lc) {
  static const uint16_t kz[] = {0x4D9, 0x493, 0x49B, 0x4A3, 0x4E9,
                                0x4B1, 0x4AF, 0x4BB, 0x456, 0x451};
  if (lc >= 0x430 && lc <= 0x44F) return (int)(lc - 0x430);
  for (int k = 0; k < (int)(sizeof kz / sizeof *kz); k++)
    if (lc == kz[k]) return 32 + k;
  return -1;
}

int kz_tl_place_start(uint32_t a, uint32_t b, int press) {
  int x = place_bit(a), y = place_bit(b);
  return x >= 0 && y >= 0 && ((press ? kz_place_press_start : kz_place_by_kk_start)[x] >> y & 1);
}

const char *kz_tl_place_ru(const char *kk, size_t n) {
  long i = find_sorted(place_kk_key, KZ_PLACE_BY_KK_N, kk, n);
  return i < 0 ? NULL : kz_place_by_kk[i][1];
}

const char *kz_tl_place_press(const char *kk, size_t n) {
  long i = find_sorted(place_press_key, KZ_PLACE_PRESS_N, kk, n);
  return i < 0 ? NULL : kz_place_press[i][1];
}

/* A place of Kazakhstan written in its Russian name (Uralsk, Kulsary,
 * Ekibastuz) -> its Kazakh name in o (Орал, Құлсары, Екібастұз), or NULL.
 * The Russian reading is compared without the ь ъ Latin drops. */
static char *place(const char *w, size_t n, char *o) {
  char *e = russian(o, rules(w, n, -1, 0, o)), *k = o;
  for (char *p = o; p < e; p += 2) /* all two-byte letters */
    if (memcmp(p, "ь", 2) && memcmp(p, "ъ", 2)) {
      memmove(k, p, 2);
      if (!memcmp(k, "ё", 2)) memcpy(k, "е", 2);
      k += 2;
    }
  long i = find_sorted(place_ru_key, KZ_PLACE_BY_RU_N, o, (size_t)(k - o));
  return i < 0 ? NULL : put(o, kz_place_by_ru[i][1]);
}

/* ---- words ------------------------------------------------------------ */

/* Is w a common word of the lexicon with a Kazakh possessive or plural
 * ending (облыс+ы, аудан+ы), whole or as a known stem and the ending?
 * After the first word of a name, such a word is the generic part (Алматы
 * облысы, Шу ауданы), which Kazakh writes in lower case. */
static int generic_term(const char *w, size_t n) {
  static const char *const ends[] = {"y",    "i",    "sy",   "si",   "lary",
                                     "leri", "dary", "deri", "tary", "teri"};
  if (kazakh_patronymic(w, n)) return 0; /* a name */
  search S;
  search_word(&S, w, n);
  if (S.whole.have ? S.whole.names || S.whole.pieces != 1 : !S.stem.have || S.stem.names) return 0;
  for (size_t k = 0; k < sizeof ends / sizeof *ends; k++) {
    size_t l = strlen(ends[k]);
    size_t at = S.whole.have ? n - l : S.stem.pos;
    if (n >= l + 3 && at == n - l && !memcmp(w + at, ends[k], l)) return 1;
  }
  return 0;
}

/* Is the Cyrillic word cyr[0..len) (as word() wrote it: title case) a name
 * of the lexicon other than a place: a person's, after which a word is a
 * surname, not a generic part (Әйгерім Тәжі)? */
static int person_name(const char *cyr, size_t len) {
  char low[MAXC];
  size_t l;
  if (!len || len > sizeof low) return 0;
  memcpy(low, cyr, len);
  uint32_t c = kz_utf8_next((const unsigned char *)low, &l);
  uint32_t lc = kz_tl_cyr_lower1(c);
  if (!lc || kz_utf8_encode(lc, low) != l) return 0;
  long i = find_sorted(nl_word, KZ_NL_N, low, len);
  return i >= 0 && (kz_nl_off[i] & 0x80000000u) && !kz_tl_place_ru(low, len);
}

/* A lower-case word is read only as a whole word of the lexicon, spelled
 * the usual way, that shows a mark of Kazakh romanization and is no English
 * word (zhyrau: жырау); else NULL. */
static char *lower_word(const char *w, size_t n, char *o) {
  if (n < 4 || english(w, n) || looks_kazakh(w, n) != 1) return NULL;
  search S;
  search_word(&S, w, n);
  if (!S.whole.have || S.whole.pieces != 1 || S.whole.cost) return NULL;
  memcpy(o, S.whole.cyr, S.whole.len);
  return o + S.whole.len;
}

enum { FORCE = 1, RUSSIAN = 2, GENERIC = 4 };

/* Converts one Latin word s[0..n) (ASCII letters) into o; returns the new
 * end, or NULL to leave the word as it is.  how: FORCE reads it even if it
 * is an English word (a part of a hyphenated name whose other part is
 * Kazakh), RUSSIAN reads it as a Russian name (another part looks
 * Russian), GENERIC writes a generic part of a name in lower case (it
 * follows another name word). */
static char *word(const unsigned char *s, size_t n, int how, char *o) {
  if (n < 3 || n > MAXW) return NULL;
  char w[MAXW];
  int upper = 0;
  for (size_t i = 0; i < n; i++) {
    upper += s[i] >= 'A' && s[i] <= 'Z';
    w[i] = (char)(s[i] | 0x20);
  }
  char *start = o;
  if (!(s[0] >= 'A' && s[0] <= 'Z')) {
    o = upper ? NULL : lower_word(w, n, o);
    return o && (size_t)(o - start) <= n * KZ_FACTOR_TO_CYR ? o : NULL;
  }
  if (upper > 1) return NULL; /* acronyms and headlines in caps */
  int eng = how & FORCE ? 0 : english(w, n);
  o = NULL;
  if (eng != 1 && !(how & RUSSIAN)) o = place(w, n, start);
  if (!o) o = read_latin(w, n, eng, (how & RUSSIAN) || russian_patronymic(w, n), start);
  /* the output never exceeds KZ_FACTOR_TO_CYR times the input */
  if (!o || (size_t)(o - start) > n * KZ_FACTOR_TO_CYR) return NULL;
  if (!(how & GENERIC) || !generic_term(w, n)) recase(start, (size_t)(o - start), 0);
  return o;
}

static int ascii_letter(unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }

/* A hyphenated name is read as one.  For the group of letter runs joined
 * by single hyphens from s[i]: -1 when a part is a lower-case English word
 * (Pre-election, Soviet-era: English compounds) or a capitalised part
 * cannot be read at all, which leaves the group alone; else FORCE when a
 * part is Kazakh, so that its English-looking parts are read too, and
 * RUSSIAN when a part looks Russian, so that all are (Ust-Kamenogorsk).
 * *end: the group's end. */
static int hyphen_group(const unsigned char *s, size_t n, size_t i, size_t *end) {
  int how = 0, parts = 0, english_part = 0, unread = 0;
  char scratch[MAXW * KZ_FACTOR_TO_CYR];
  for (;;) {
    size_t j = i;
    while (j < n && ascii_letter(s[j]))
      j++;
    parts++;
    int cap = s[i] >= 'A' && s[i] <= 'Z';
    if (j - i <= MAXW) {
      char w[MAXW];
      for (size_t k = i; k < j; k++)
        w[k - i] = (char)(s[k] | 0x20);
      if (!cap && english(w, j - i)) english_part = 1;
      if (cap && looks_russian(w, j - i)) how |= RUSSIAN;
    }
    if (word(s + i, j - i, 0, scratch)) how |= FORCE;
    if (cap && !word(s + i, j - i, FORCE, scratch)) unread = 1;
    *end = j;
    if (j + 1 < n && s[j] == '-' && ascii_letter(s[j + 1]) && parts < 8)
      i = j + 1;
    else
      break;
  }
  if (parts == 1) return 0;
  return english_part || unread ? -1 : how & FORCE ? how : 0;
}

/* Is s[j..) an apostrophe and an English clitic other than 's (n't 're 've
 * 'll 'm 'd) that ends the word? */
static int clitic(const unsigned char *s, size_t n, size_t j) {
  static const char *const cl[] = {"t", "re", "ve", "ll", "m", "d"};
  if (j >= n || (s[j] != '\'' && !(j + 2 < n && !memcmp(s + j, "\xE2\x80\x99", 3)))) return 0;
  size_t a = j + (s[j] == '\'' ? 1 : 3), e = a;
  while (e < n && ascii_letter(s[e]))
    e++;
  if (e < n && s[e] >= 0x80) return 0;
  for (size_t k = 0; k < sizeof cl / sizeof *cl; k++) {
    size_t i = 0;
    while (a + i < e && cl[k][i] == (char)(s[a + i] | 0x20))
      i++;
    if (a + i == e && !cl[k][i]) return 1;
  }
  return 0;
}

size_t kz_tl_press_to_cyr(const unsigned char *s, size_t n, char *out, kz_spanv *sv) {
  char *o = out;
  size_t i = 0, group_end = 0, name_end = (size_t)-1, name_d0 = 0, name_d1 = 0;
  int group = 0;
  while (i < n) {
    size_t j = i;
    while (j < n && ascii_letter(s[j]))
      j++;
    /* a run of ASCII letters that no other letter touches (’ of a possessive
     * may follow) */
    int alone = j > i &&
                (j == n || s[j] < 0x80 || (j + 2 < n && !memcmp(s + j, "\xE2\x80\x99", 3))) &&
                (i == 0 || s[i - 1] < 0x80);
    if (alone && i >= group_end) group = hyphen_group(s, n, i, &group_end);
    size_t d0 = (size_t)(o - out);
    /* an English contraction (Aren't, They're, We'll) is English; a
     * possessive 's is not */
    if (alone && clitic(s, n, j)) alone = 0;
    /* an English abbreviation (Sen. Gen. Jan.: data/abbrev/en.tsv) */
    size_t ab = 0;
    int kind = alone && j < n && s[j] == '.' ? kz_abbrev_lookup(s, j, KZTEXT_LANG_EN, &ab) : 0;
    if ((kind & KZ_AB_KIND) && (kind & KZ_AB_KIND) != KZ_AB_STARTER && ab <= i) alone = 0;
    /* the word after a capitalised name word, not a person's, and one space */
    int after_name = i >= 1 && name_end == i - 1 && s[i - 1] == ' ' &&
                     !person_name(out + name_d0, name_d1 - name_d0);
    char *e =
        alone && group >= 0 ? word(s + i, j - i, group | (after_name ? GENERIC : 0), o) : NULL;
    if (e) {
      if (s[i] >= 'A' && s[i] <= 'Z') {
        name_end = j;
        name_d0 = d0;
        name_d1 = (size_t)(e - out);
      }
      o = e;
      if (sv) kz_span_add(sv, i, j, d0, (size_t)(o - out), 0);
      i = j;
      continue;
    }
    if (j == i) j = i + 1;
    while (j < n && (s[j] & 0xC0) == 0x80)
      j++;
    memcpy(o, s + i, j - i);
    o += j - i;
    if (sv) kz_span_add(sv, i, j, d0, (size_t)(o - out), 1);
    i = j;
  }
  return (size_t)(o - out);
}

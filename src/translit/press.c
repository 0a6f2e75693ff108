/* Kazakh Cyrillic -> "press" and "passport" Latin, and -> the Russian form
 * of Kazakh names ("cyrillic-ru").
 *
 * press: how English-language media write Kazakh names (zh kh sh ch ts, y
 * for ы, ye for е after a vowel, Kazakh-only letters as their plain Latin
 * base); passport: the ICAO Doc 9303 table Kazakh identity documents use (й i,
 * я ia, ю iu, е always e).  docs/transliteration.md ("press") gives the
 * sources and the variants outlets differ on.  Only letters change; the
 * letters' table is data, the few context rules sit in cyr_letter(). */
#include "translit/translit_int.h"
#include "utf8/utf8.h"

/* Lower-case Cyrillic letter -> press and passport spelling, indexed by
 * cp - 0x430 (0x430..0x4EF).  "-" marks the context letters е й. */
typedef struct press_entry {
  char press[5];
  char passport[5];
} press_entry;

#define E(cp, a, b) [(cp)-0x430] = {a, b}
static const press_entry press_tab[0xC0] = {
    E(0x430, "a", "a"),   E(0x431, "b", "b"),       E(0x432, "v", "v"),   E(0x433, "g", "g"),
    E(0x434, "d", "d"),   E(0x435, "-", "e"),       E(0x436, "zh", "zh"), E(0x437, "z", "z"),
    E(0x438, "i", "i"),   E(0x439, "-", "i"),       E(0x43A, "k", "k"),   E(0x43B, "l", "l"),
    E(0x43C, "m", "m"),   E(0x43D, "n", "n"),       E(0x43E, "o", "o"),   E(0x43F, "p", "p"),
    E(0x440, "r", "r"),   E(0x441, "s", "s"),       E(0x442, "t", "t"),   E(0x443, "u", "u"),
    E(0x444, "f", "f"),   E(0x445, "kh", "kh"),     E(0x446, "ts", "ts"), E(0x447, "ch", "ch"),
    E(0x448, "sh", "sh"), E(0x449, "shch", "shch"), E(0x44A, "", "ie"),   E(0x44B, "y", "y"),
    E(0x44C, "", ""),     E(0x44D, "e", "e"),       E(0x44E, "yu", "iu"), E(0x44F, "ya", "ia"),
    E(0x451, "yo", "e"),  E(0x456, "i", "i"),       E(0x493, "g", "g"),   E(0x49B, "k", "k"),
    E(0x4A3, "n", "n"),   E(0x4AF, "u", "u"),       E(0x4B1, "u", "u"),   E(0x4BB, "h", "kh"),
    E(0x4D9, "a", "a"),   E(0x4E9, "o", "o"),
};
#undef E

/* Kazakh letter -> the letter Russian text writes in its place. */
static uint32_t ru_letter(uint32_t lc) {
  switch (lc) {
  case 0x4D9:
    return 0x430; /* ә а */
  case 0x4E9:
    return 0x43E; /* ө о */
  case 0x4AF:     /* ү у */
  case 0x4B1:
    return 0x443; /* ұ у */
  case 0x456:
    return 0x438; /* і и */
  case 0x49B:
    return 0x43A; /* қ к */
  case 0x493:
    return 0x433; /* ғ г */
  case 0x4A3:
    return 0x43D; /* ң н */
  case 0x4BB:
    return 0x445; /* һ х */
  default:
    return lc;
  }
}

/* Lower case of a Cyrillic letter (0 for anything else). */
uint32_t kz_tl_cyr_lower1(uint32_t cp) {
  if (cp >= 0x410 && cp <= 0x42F) return cp + 0x20;
  if (cp >= 0x400 && cp <= 0x40F) return cp + 0x50;
  if (cp >= 0x430 && cp <= 0x45F) return cp;
  if (cp >= 0x460 && cp <= 0x4FF) return cp | 1;
  return 0;
}

static int is_upper(uint32_t cp) {
  if (cp >= 'A' && cp <= 'Z') return 1;
  if (cp >= 0x400 && cp <= 0x42F) return 1;
  return cp >= 0x460 && cp <= 0x4FF && !(cp & 1);
}

static int is_vowel(uint32_t lc) {
  switch (lc) {
  case 0x430:
  case 0x435:
  case 0x438:
  case 0x43E:
  case 0x443:
  case 0x44B:
  case 0x44D:
  case 0x44E:
  case 0x44F:
  case 0x451:
  case 0x456:
  case 0x4AF:
  case 0x4B1:
  case 0x4D9:
  case 0x4E9:
    return 1;
  default:
    return 0;
  }
}

static uint32_t cp_at(const unsigned char *s, size_t n, size_t i, size_t *len) {
  if (i >= n) {
    *len = 0;
    return 0;
  }
  return kz_utf8_next(s + i, len);
}

/* The spelling of lower-case letter lc given its neighbours (prev: the
 * letter before in the word, 0 at the start; next likewise). */
static const char *cyr_letter(uint32_t lc, uint32_t prev, uint32_t next, int passport) {
  const press_entry *e = &press_tab[lc - 0x430];
  const char *r = passport ? e->passport : e->press;
  if (r[0] != '-') return r;
  /* е: ye where it is said so, at the start and after a vowel (Yesenbayev);
   * у after a vowel is a consonant (w): Dauletov's -ue- is w+e */
  if (lc == 0x435)
    return (!prev || (is_vowel(prev) && prev != 0x443) || prev == 0x44A || prev == 0x44C) ? "ye"
                                                                                          : "e";
  /* й: a consonant before a vowel (Yesenov's Y), else the second half of a
   * diphthong, which the press writes i (Aigerim, Zhanbai) */
  return (!prev || is_vowel(next)) ? "y" : "i";
}

/* The Cyrillic word from s[i] (letters lc != 0): its end, and whether it
 * has a front Kazakh vowel (ә ө ү і). */
static size_t ru_word(const unsigned char *s, size_t n, size_t i, int *front) {
  *front = 0;
  while (i < n) {
    size_t l;
    uint32_t lc = kz_tl_cyr_lower1(kz_utf8_next(s + i, &l));
    if (!lc) break;
    *front |= lc == 0x4D9 || lc == 0x4E9 || lc == 0x4AF || lc == 0x456;
    i += l;
  }
  return i;
}

/* A place whose Russian name is more than its letters folded (Орал:
 * Уральск; data/names/places.tsv), the capitalised word s[i..e): the name
 * find() gives for it into o in the word's case, or NULL.  Only capitalised
 * words are asked (арал, орал are common words). */
static char *place_name(const unsigned char *s, size_t i, size_t e,
                        const char *(*find)(const char *, size_t), char *o) {
  char low[64];
  size_t k = 0, l;
  int caps = 1;
  for (size_t j = i; j < e; j += l) {
    uint32_t c = kz_utf8_next(s + j, &l);
    caps &= is_upper(c);
    if (k + 4 > sizeof low) return NULL;
    k += kz_utf8_encode(kz_tl_cyr_lower1(c), low + k);
  }
  const char *ru = find(low, k);
  if (!ru) return NULL;
  for (size_t j = 0; ru[j]; j += l) {
    uint32_t c = kz_utf8_next((const unsigned char *)ru + j, &l);
    /* а..я, ё; a title-case name has a capital after a hyphen too */
    if ((caps && e - i > 2) || !j || ru[j - 1] == '-')
      c = c == 0x451 ? 0x401 : c >= 0x430 && c <= 0x44F ? c - 0x20 : c;
    o += kz_utf8_encode(c, o);
  }
  return o;
}

size_t kz_tl_cyr_to_press(const unsigned char *s, size_t n, int passport, char *out, kz_spanv *sv) {
  char *o = out;
  size_t i = 0;
  uint32_t prev = 0, prev_cp = 0; /* previous letter in the word (lower case), and as written */
  while (i < n) {
    size_t l;
    uint32_t c = kz_utf8_next(s + i, &l);
    uint32_t lc = kz_tl_cyr_lower1(c);
    if (!lc || lc < 0x430 || lc >= 0x4F0 ||
        (!press_tab[lc - 0x430].press[0] && lc != 0x44A && lc != 0x44C)) {
      size_t d0 = (size_t)(o - out);
      memcpy(o, s + i, l);
      o += l;
      if (sv) kz_span_add(sv, i, i + l, d0, (size_t)(o - out), 1);
      i += l;
      prev = 0;
      prev_cp = c;
      continue;
    }
    size_t l2;
    if (!prev && is_upper(c) &&
        kz_tl_place_start(lc, kz_tl_cyr_lower1(cp_at(s, n, i + l, &l2)), 1)) {
      /* a name begins: a place the press writes from its Russian name */
      int front;
      size_t e = ru_word(s, n, i, &front);
      char ru[64 * 4], *re = e - i <= 64 ? place_name(s, i, e, kz_tl_place_press, ru) : NULL;
      if (re) {
        size_t d0 = (size_t)(o - out);
        o += kz_tl_cyr_to_press((const unsigned char *)ru, (size_t)(re - ru), passport, o, NULL);
        if (sv) kz_span_add(sv, i, e, d0, (size_t)(o - out), 0);
        prev_cp = c;
        i = e;
        continue;
      }
    }
    size_t nl;
    uint32_t nc = cp_at(s, n, i + l, &nl);
    uint32_t nlc = kz_tl_cyr_lower1(nc);
    const char *r = cyr_letter(lc, prev, nlc, passport);
    size_t l_all = l; /* bytes this output stands for */
    if (!passport && (lc == 0x44B || lc == 0x438) && nlc == 0x439) {
      /* a final -ый -ий is y in the press (Dmitry, Zhitny) */
      size_t nl2;
      uint32_t after = cp_at(s, n, i + l + nl, &nl2);
      if (!kz_tl_cyr_lower1(after)) {
        r = "y";
        l_all = l + nl;
        nc = after;
        nlc = 0;
      }
    }
    size_t rl = strlen(r), d0 = (size_t)(o - out);
    memcpy(o, r, rl);
    if (rl && is_upper(c)) {
      /* ALL CAPS when the next or the previous letter is a capital */
      int caps = is_upper(nc) || (!nlc && is_upper(prev_cp) && prev);
      for (size_t k = 0; k < (caps ? rl : 1); k++)
        o[k] = (char)(o[k] - 'a' + 'A');
    }
    o += rl;
    if (sv) kz_span_add(sv, i, i + l_all, d0, (size_t)(o - out), 0);
    prev = lc;
    prev_cp = c;
    i += l_all;
  }
  return (size_t)(o - out);
}

size_t kz_tl_cyr_to_ru(const unsigned char *s, size_t n, char *out, kz_spanv *sv) {
  char *o = out;
  size_t i = 0, wend = 0;
  int front = 0;
  while (i < n) {
    size_t l;
    uint32_t c = kz_utf8_next(s + i, &l);
    uint32_t lc = kz_tl_cyr_lower1(c);
    uint32_t r = lc ? ru_letter(lc) : 0;
    size_t d0 = (size_t)(o - out);
    if (lc && i >= wend) {
      wend = ru_word(s, n, i, &front);
      size_t l2;
      char *p = is_upper(c) && kz_tl_place_start(lc, kz_tl_cyr_lower1(cp_at(s, n, i + l, &l2)), 0)
                    ? place_name(s, i, wend, kz_tl_place_ru, o)
                    : NULL;
      if (p) {
        o = p;
        if (sv) kz_span_add(sv, i, wend, d0, (size_t)(o - out), 0);
        i = wend;
        continue;
      }
    }
    int soft = 0, caps = 0;
    /* Russian forms write л of a front word soft before a consonant or at
     * the end: Гүлнар Гульнар, Әсел Асель */
    if (lc == 0x43B && front) {
      size_t l2 = 0;
      uint32_t nc = i + l < wend ? kz_utf8_next(s + i + l, &l2) : 0;
      uint32_t nl = nc ? kz_tl_cyr_lower1(nc) : 0;
      soft = !is_vowel(nl) && nl != 0x44C && nl != 0x44A;
      caps = is_upper(c) &&
             (nc ? is_upper(nc) : i > 0 && is_upper(kz_utf8_next(s + kz_utf8_prev(s, i), &l2)));
    }
    if (r == lc) { /* not a Kazakh letter (or not Cyrillic): as it is */
      memcpy(o, s + i, l);
      o += l;
    } else {
      if (is_upper(c)) r = r - 0x20; /* а..я only */
      o += kz_utf8_encode(r, o);
    }
    if (soft) o += kz_utf8_encode(caps ? 0x42C : 0x44C, o);
    if (sv) kz_span_add(sv, i, i + l, d0, (size_t)(o - out), r == lc && !soft);
    i += l;
  }
  return (size_t)(o - out);
}

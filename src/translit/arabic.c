/* Kazakh Cyrillic <-> Arabic script (töte jazu), after MediaWiki's
 * KkConverter rules (standards §8).
 *
 * The Arabic script writes а/ә, о/ө, ұ/ү, ы/і with one letter each; a word
 * whose vowels are front gets one high hamza (U+0674) before it, unless it
 * has е э г ғ к қ, whose own letters already show the word's vowel class.
 * The reverse direction reads the hamza (or those letters) back to choose
 * between the back and front vowels. */
#include "translit/translit_int.h"
#include "utf8/utf8.h"

#include "gen/translit_tables.inc"

static inline uint32_t lower_cyr(uint32_t cp) {
  return (cp >= 0x400 && cp < 0x500) ? kz_cyr_lower[cp - 0x400] : 0;
}

/* Word separators of MediaWiki's rule: whitespace, hyphen, full stop, colon. */
static int is_word_sep(uint32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v' ||
         cp == '-' || cp == '.' || cp == ':' || cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200A) ||
         cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x3000 || cp == 0x85;
}

static int needs_hamza(const unsigned char *s, size_t a, size_t b) {
  int front = 0;
  for (size_t i = a; i < b;) {
    size_t l;
    uint32_t c = lower_cyr(kz_utf8_next(s + i, &l));
    i += l;
    switch (c) {
    case 0x4D9:
    case 0x4E9:
    case 0x4AF:
    case 0x456:
      front = 1;
      break; /* ә ө ү і */
    case 0x435:
    case 0x44D:
    case 0x433:
    case 0x493:
    case 0x43A:
    case 0x49B:
      return 0; /* е э г ғ к қ */
    default:
      break;
    }
  }
  return front;
}

size_t kz_tl_cyr_to_arabic(const unsigned char *s, size_t n, unsigned flags, char *out,
                           kz_spanv *sv) {
  const kz_fwd_entry *T = kz_fwd_tables[KZTEXT_SCHEME_ARABIC];
  const char *hamza = (flags & KZTEXT_TRANSLIT_ARABIC_HAMZA_0621) ? "\xd8\xa1" : "\xd9\xb4";
  char *o = out;
  size_t i = 0;
  while (i < n) {
    /* one word: up to the next separator */
    size_t we = i, l = 1;
    while (we < n && !is_word_sep(kz_utf8_next(s + we, &l)))
      we += l;
    if (we == i) we = i + l; /* a separator: passes alone */
    int hz = needs_hamza(s, i, we);
    uint32_t prev = 0;
    while (i < we) {
      uint32_t c = kz_utf8_next(s + i, &l);
      size_t d0 = (size_t)(o - out);
      uint32_t lc = lower_cyr(c);
      if (lc) {
        if (hz && !lower_cyr(prev)) {
          memcpy(o, hamza, 2);
          o += 2;
          if (sv) kz_span_add(sv, i, i, d0, d0 + 2, 0);
          d0 += 2;
        }
        const kz_fwd_entry *e = &T[c - 0x400];
        /* е after a vowel is йе (MediaWiki: after а ә е ё и о ө ұ ү э ю я ъ ь) */
        uint32_t pl = lower_cyr(prev);
        if (lc == 0x435 && pl &&
            (pl == 0x430 || pl == 0x4D9 || pl == 0x435 || pl == 0x451 || pl == 0x438 ||
             pl == 0x43E || pl == 0x4E9 || pl == 0x4B1 || pl == 0x4AF || pl == 0x44D ||
             pl == 0x44E || pl == 0x44F || pl == 0x44A || pl == 0x44C)) {
          memcpy(o, "\xd9\x8a", 2);
          o += 2;
        }
        /* и before я ю й и: their own ي carries it (CLDR: босния بوسنيا, валлий ۆاللي) */
        uint32_t nl = i + l < we ? lower_cyr(kz_utf8_next(s + i + l, &(size_t){0})) : 0;
        int merged = lc == 0x438 && (nl == 0x44F || nl == 0x44E || nl == 0x439 || nl == 0x438);
        if (!merged) {
          memcpy(o, e->out, e->len);
          o += e->len;
        }
        if (sv) kz_span_add(sv, i, i + l, d0, (size_t)(o - out), 0);
      } else {
        const char *rep = c == ','   ? "\xd8\x8c"
                          : c == ';' ? "\xd8\x9b"
                          : c == '?' ? "\xd8\x9f"
                                     : NULL;
        if (rep) {
          memcpy(o, rep, 2);
          o += 2;
          if (sv) kz_span_add(sv, i, i + l, d0, d0 + 2, 0);
        } else {
          memcpy(o, s + i, l);
          o += l;
          if (sv) kz_span_add(sv, i, i + l, d0, d0 + l, 1);
        }
      }
      prev = c;
      i += l;
    }
  }
  return (size_t)(o - out);
}

int kz_tl_is_arabic_letter(uint32_t cp) {
  return (cp >= 0x620 && cp <= 0x64A) || (cp >= 0x66E && cp <= 0x6D5) ||
         (cp >= 0x6EE && cp <= 0x6FF && !(cp >= 0x6F0 && cp <= 0x6F9)) ||
         (cp >= 0x750 && cp <= 0x77F) || (cp >= 0xFB50 && cp <= 0xFDFF) ||
         (cp >= 0xFE70 && cp <= 0xFEFC) || cp == 0x674;
}

/* Arabic letter -> Cyrillic, back-vowel reading; 0 = not handled here. */
static uint32_t arab_base(uint32_t c) {
  switch (c) {
  case 0x627:
    return 0x430; /* ا а */
  case 0x628:
    return 0x431; /* ب б */
  case 0x6C6:
    return 0x432; /* ۆ в */
  case 0x6AF:
    return 0x433; /* گ г */
  case 0x639:
    return 0x493; /* ع ғ */
  case 0x62F:
    return 0x434; /* د д */
  case 0x6D5:
    return 0x435; /* ە е */
  case 0x62C:
    return 0x436; /* ج ж */
  case 0x632:
    return 0x437; /* ز з */
  case 0x643:
  case 0x6A9:
    return 0x43A; /* ك к */
  case 0x642:
    return 0x49B; /* ق қ */
  case 0x644:
    return 0x43B; /* ل л */
  case 0x645:
    return 0x43C; /* م м */
  case 0x646:
    return 0x43D; /* ن н */
  case 0x6AD:
    return 0x4A3; /* ڭ ң */
  case 0x648:
    return 0x43E; /* و о */
  case 0x67E:
    return 0x43F; /* پ п */
  case 0x631:
    return 0x440; /* ر р */
  case 0x633:
    return 0x441; /* س с */
  case 0x62A:
    return 0x442; /* ت т */
  case 0x6CB:
    return 0x443; /* ۋ у */
  case 0x6C7:
    return 0x4B1; /* ۇ ұ */
  case 0x641:
    return 0x444; /* ف ф */
  case 0x62D:
    return 0x445; /* ح х */
  case 0x6BE:
  case 0x647:
    return 0x4BB; /* ھ һ */
  case 0x686:
    return 0x447; /* چ ч */
  case 0x634:
    return 0x448; /* ش ш */
  case 0x649:
    return 0x44B; /* ى ы */
  case 0x64A:
  case 0x6CC:
    return 0x439; /* ي й */
  default:
    return 0;
  }
}

static int is_hamza(uint32_t c) { return c == 0x674 || c == 0x621 || (c >= 0x675 && c <= 0x678); }

static uint32_t front_of(uint32_t c) {
  switch (c) {
  case 0x430:
    return 0x4D9;
  case 0x43E:
    return 0x4E9;
  case 0x4B1:
    return 0x4AF;
  case 0x44B:
    return 0x456;
  default:
    return c;
  }
}

static int cyr_vowel(uint32_t c) {
  switch (c) {
  case 0x430:
  case 0x4D9:
  case 0x435:
  case 0x438:
  case 0x43E:
  case 0x4E9:
  case 0x443:
  case 0x4B1:
  case 0x4AF:
  case 0x44B:
  case 0x456:
  case 0x44F:
  case 0x44E:
  case 0x451:
    return 1;
  default:
    return 0;
  }
}

size_t kz_tl_arabic_to_cyr(const unsigned char *s, size_t n, char *out, kz_spanv *sv) {
  char *o = out;
  size_t i = 0, l;
  while (i < n) {
    uint32_t c = kz_utf8_next(s + i, &l);
    size_t d0 = (size_t)(o - out);
    if (!kz_tl_is_arabic_letter(c)) {
      const char *rep = c == 0x60C ? "," : c == 0x61B ? ";" : c == 0x61F ? "?" : NULL;
      if (rep) {
        *o++ = *rep;
        if (sv) kz_span_add(sv, i, i + l, d0, d0 + 1, 0);
      } else {
        memcpy(o, s + i, l);
        o += l;
        if (sv) kz_span_add(sv, i, i + l, d0, d0 + l, 1);
      }
      i += l;
      continue;
    }
    /* a word: a run of Arabic letters */
    size_t we = i;
    int front = 0, fmark = 0, bmark = 0;
    while (we < n) {
      size_t l2;
      uint32_t c2 = kz_utf8_next(s + we, &l2);
      if (!kz_tl_is_arabic_letter(c2)) break;
      if (is_hamza(c2)) front = 1;
      if (c2 == 0x6D5 || c2 == 0x6AF || c2 == 0x643 || c2 == 0x6A9) fmark = 1;
      if (c2 == 0x639 || c2 == 0x642) bmark = 1;
      we += l2;
    }
    if (!front && fmark && !bmark) front = 1;
    uint32_t prev = 0;
    while (i < we) {
      c = kz_utf8_next(s + i, &l);
      size_t start = i;
      d0 = (size_t)(o - out);
      i += l;
      uint32_t r;
      if (is_hamza(c)) {
        /* U+0675..U+0678 carry a letter too */
        uint32_t carried = c == 0x675   ? 0x627
                           : c == 0x676 ? 0x648
                           : c == 0x677 ? 0x6C7
                           : c == 0x678 ? 0x64A
                                        : 0;
        if (!carried) {
          if (sv) kz_span_add(sv, start, i, d0, d0, 0);
          continue;
        }
        c = carried;
      }
      size_t l2 = 0;
      uint32_t next = i < we ? kz_utf8_next(s + i, &l2) : 0;
      if (c == 0x649 && next == 0x64A) { /* ىي и */
        r = 0x438;
        i += l2;
      } else if (c == 0x64A && (next == 0x627 || next == 0x6CB)) {
        r = next == 0x627 ? 0x44F : 0x44E;
        i += l2;
        if (prev && !cyr_vowel(prev)) o += kz_utf8_encode(0x438, o); /* босния: ия */
      } else if (c == 0x64A && next == 0x6D5 && cyr_vowel(prev)) {
        r = 0x435; /* йе after a vowel is е */
        i += l2;
      } else {
        r = arab_base(c);
        if (!r) { /* an Arabic letter kztext does not map: keep it */
          memcpy(o, s + start, l);
          o += l;
          if (sv) kz_span_add(sv, start, i, d0, d0 + l, 1);
          prev = 0;
          continue;
        }
        if (r == 0x439 && !cyr_vowel(prev)) r = 0x438; /* ي after a consonant: и */
        if (front) r = front_of(r);
      }
      o += kz_utf8_encode(r, o);
      if (sv) kz_span_add(sv, start, i, d0, (size_t)(o - out), 0);
      prev = r;
    }
  }
  return (size_t)(o - out);
}

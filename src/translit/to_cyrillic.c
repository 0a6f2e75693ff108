/* Latin schemes -> Kazakh Cyrillic (the hard direction), the general route:
 * every scheme, with or without offsets.
 *
 * A word is cut into tokens by the longest key of the scheme's reverse table
 * (data/translit/reverse.tsv); a token is a Cyrillic letter or an ambiguity
 * class (и|й, х|һ, е|э, and for latin2018 ә|я, ө|ё, ү|ю, с|ц, ш|щ).  Then:
 *  1. the lexicon (hunspell-kk stems whose spelling the rules get wrong,
 *     tools/gen_translit_lexicon.py) replaces the longest matching prefix;
 *  2. rules resolve the rest: those that read token codes only are in
 *     latin_rules.h, shared with the latin2021 word route (word2021.c);
 *     those that need the source's case (latin2018's capital I, ә|я ө|ё ү|ю,
 *     Roman numerals) are here;
 *  3. case comes back per letter from the source; an ALL-CAPS word stays so.
 * docs/transliteration.md explains each rule. */
#include "translit/latin_rules.h"
#include "utf8/utf8.h"

#include "gen/translit_tables.inc"

#define MAXW 64 /* longer words are converted in pieces */

typedef struct tok {
  uint16_t target; /* Cyrillic lower-case cp, class, 0 = dropped, 0xFFFF = literal */
  uint8_t a, b;    /* code point index range [a, b) in the word */
  uint8_t cap;     /* first source letter is a capital */
  uint8_t iamb;    /* latin2018: source was a capital I (і or и) */
} tok;

typedef struct word {
  uint32_t cp[MAXW]; /* lower case */
  uint8_t cap[MAXW];
  size_t off[MAXW + 1]; /* byte offsets into the input */
  int n;
  tok t[MAXW];
  int nt;
  int acronym;   /* an ALL-CAPS word of 2-4 letters that no Kazakh word could be */
  int roman;     /* a Roman numeral of two letters or more (XIV) */
  unsigned next; /* the byte after the word (0 at the end, or not known) */
  size_t lim;    /* where collect_word had to stop: the end, or an address */
  int lexicon;   /* the lexicon's data may be used (not KZ_TRANSLIT_NO_LEXICON) */
  int undotted;  /* latin2021 typed without İ (KZ_TRANSLIT_UNDOTTED) */
  uint16_t tcode[MAXW];
  uint8_t gap[MAXW + 1]; /* bytes of format characters before letter k (kz_tl_format_in_word) */
} word;

static uint8_t sym_of(uint32_t cp) {
  if (cp < 128) return kz_sym_ascii[cp];
  size_t lo = 0, hi = sizeof kz_sym_cp / sizeof *kz_sym_cp;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (kz_sym_cp[mid] < cp)
      lo = mid + 1;
    else
      hi = mid;
  }
  return (lo < sizeof kz_sym_cp / sizeof *kz_sym_cp && kz_sym_cp[lo] == cp) ? (uint8_t)(lo + 1) : 0;
}

static uint32_t lat_lower(uint32_t cp, int *cap) {
  *cap = 0;
  if (cp >= 'A' && cp <= 'Z') {
    *cap = 1;
    return cp + 32;
  }
  if (cp < 0xC0) return cp;
  size_t lo = 0, hi = sizeof kz_lat_lower_tab / sizeof *kz_lat_lower_tab;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (kz_lat_lower_tab[mid][0] < cp)
      lo = mid + 1;
    else
      hi = mid;
  }
  if (lo < sizeof kz_lat_lower_tab / sizeof *kz_lat_lower_tab && kz_lat_lower_tab[lo][0] == cp) {
    *cap = 1;
    return kz_lat_lower_tab[lo][1];
  }
  return cp;
}

int kz_tl_is_latin_letter(uint32_t cp) {
  if ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') return 1;
  if (cp >= 0xC0 && cp < 0x2B0 && cp != 0xD7 && cp != 0xF7) return 1; /* to IPA: ə */
  if (cp >= 0x1E00 && cp < 0x1F00) return 1;
  return 0;
}

static int is_mark(uint32_t cp) {
  return (cp >= 0x300 && cp < 0x370) || cp == 0xFE20 || cp == 0xFE21;
}

#define is_apos kz_tl_is_apos

/* The soft or hard sign ʹ ʺ of the schemes that write them, for the primes
 * ′ ″ typed (and written by MediaWiki 1.13's converter) in their place
 * inside a word; a prime after a digit (43′) is no sign.  Else cp. */
static uint32_t sign_of_prime(uint32_t cp, kztext_scheme sc, int in_word) {
  if ((cp != 0x2032 && cp != 0x2033) || !in_word) return cp;
  if (sc != KZTEXT_SCHEME_ISO9 && sc != KZTEXT_SCHEME_BGN && sc != KZTEXT_SCHEME_ALALC &&
      sc != KZTEXT_SCHEME_MEDIAWIKI)
    return cp;
  return cp == 0x2032 ? 0x2B9 : 0x2BA;
}

/* Characters that belong to a Latin word of scheme `sc`. */
static int word_char(uint32_t cp, kztext_scheme sc, int in_word) {
  if (kz_tl_is_latin_letter(cp) || is_mark(cp)) return 1;
  cp = sign_of_prime(cp, sc, in_word);
  if (cp == 0x2B9 || cp == 0x2BA) return sc >= KZTEXT_SCHEME_ISO9;
  if (cp == 0xB7) return sc == KZTEXT_SCHEME_BGN && in_word;
  /* 2017's pairs; BGN's soft sign as publishers type it (’ for ʹ) */
  if (is_apos(cp)) return (sc == KZTEXT_SCHEME_LATIN2017 || sc == KZTEXT_SCHEME_BGN) && in_word;
  return 0;
}

static int is_space(unsigned c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static int ascii_alpha(unsigned c) { return (c | 0x20) - 'a' < 26u; }
static int ascii_digit(unsigned c) { return c - '0' < 10u; }
static int ascii_alnum(unsigned c) { return ascii_alpha(c) || ascii_digit(c); }

static int one_of(unsigned c, const char *set) { return c && strchr(set, (int)c) != NULL; }

/* Top-level domains a news text names sites under (from IANA's root zone
 * database), each a word of no alphabet after a dot: a name, a dot and one of
 * them, with no letter after, is a site's address (Zakon.kz, t.me/..., egov.kz).
 * Eight bytes each, zero-padded: a compare of one 8-byte word. */
static const char news_tld[][8] = {"kz",  "ru", "com", "org", "net", "gov", "edu",  "info",
                                   "io",  "me", "tv",  "uz",  "kg",  "biz", "news", "online",
                                   "app", "ua", "cn",  "tr",  "uk",  "eu"};

int kz_tl_domain_dot(const unsigned char *s, size_t i, size_t n) {
  if (s[i] != '.' || i == 0 || !ascii_alnum(s[i - 1])) return 0;
  char t[8] = {0};
  size_t e = i + 1;
  while (e < n && e - i <= 6 && ascii_alpha(s[e])) {
    t[e - i - 1] = (char)(s[e] | 0x20);
    e++;
  }
  /* a letter or digit after it (Kazakh ones lead with C3..C9, C4: ğ ı) goes on with a word */
  if (e == i + 1 || (e < n && (ascii_alnum(s[e]) || (s[e] >= 0xC3 && s[e] <= 0xC9)))) return 0;
  for (size_t k = 0; k < sizeof news_tld / sizeof *news_tld; k++)
    if (!memcmp(t, news_tld[k], 8)) return 1;
  return 0;
}

/* The end of the site's name whose domain dot is s[i] in the token s[0..n):
 * after its top-level domain and any more (e.gov.kz), or the token's end
 * when a path or a port follows; what else follows is text (Zakon.kz-ke). */
static size_t domain_end(const unsigned char *s, size_t i, size_t n) {
  size_t e = i + 1;
  for (;;) {
    while (e < n && ascii_alpha(s[e]))
      e++;
    if (e < n && kz_tl_domain_dot(s, e, n))
      e++;
    else
      break;
  }
  return e < n && (s[e] == '/' || (s[e] == ':' && e + 1 < n && ascii_digit(s[e + 1]))) ? n : e;
}

size_t kz_tl_url_start(const unsigned char *s, size_t n, size_t *end) {
  *end = n;
  if (n >= 4 && (s[0] | 0x20) == 'w' && (s[1] | 0x20) == 'w' && (s[2] | 0x20) == 'w' && s[3] == '.')
    return 0;
  size_t name = 0; /* where the run of letters, digits, dots and hyphens up to s[i] starts */
  for (size_t i = 0; i < n && i < KZ_URL_SEARCH_MAX; i++) {
    size_t q = i;
    /* back over a site's name, which no letter of a word leads (the run is
     * kept as i goes: a walk back from each dot would make a token of
     * many dots cost its length squared) */
    if (kz_tl_domain_dot(s, i, n) && (name == 0 || s[name - 1] < 0x80)) {
      *end = domain_end(s, i, n);
      return name;
    }
    if (!ascii_alnum(s[i]) && s[i] != '.' && s[i] != '-') name = i + 1;
    if (s[i] == '@' && i > 0 && i + 1 < n) { /* back over the local part */
      while (q > 0 && (ascii_alnum(s[q - 1]) || one_of(s[q - 1], "._%+-")))
        q--;
      return q;
    }
    if (s[i] == ':' && i + 2 < n && s[i + 1] == '/' && s[i + 2] == '/') { /* and the scheme */
      while (q > 0 && (ascii_alnum(s[q - 1]) || one_of(s[q - 1], "+.-")))
        q--;
      return q;
    }
  }
  return n;
}

/* HTML (and XML) markup that scraped text keeps: a tag, <b>, </seg>,
 * <a href="...">, or a character reference, &quot; &#171; &#xAB;; and
 * wikitext's: the name of a MediaWiki template, variable or parser
 * function with its first argument, {{SITENAME}}, {{PLURAL:$1|, {{ns:user}}
 * (the text after | converts).  Their names are no words of any alphabet,
 * so they pass through as addresses do.  A tag is bounded (MARKUP_MAX
 * bytes, no < inside) and not part of << >>, which some typists write for
 * « »; a template's name and argument are ASCII (WIKI_NAME_MAX bytes), the
 * argument one token, and | }} or a nested {{ must follow. */
enum { MARKUP_MAX = 512, WIKI_NAME_MAX = 64 };

static size_t wiki_name_len(const unsigned char *s, size_t i, size_t n) {
  size_t e = i + 2;
  if (e >= n || s[i + 1] != '{' || !ascii_alpha(s[e])) return 0;
  while (e < n && e - i < WIKI_NAME_MAX && (ascii_alnum(s[e]) || one_of(s[e], " _-#")))
    e++;
  if (e < n && s[e] == ':') /* a parser function's argument: a message key, $1, a namespace */
    while (++e < n && e - i < WIKI_NAME_MAX && (ascii_alnum(s[e]) || one_of(s[e], "_$-.#/")))
      ;
  if (e < n && s[e] == '|') return e - i;
  return e + 1 < n && (s[e] == '}' || s[e] == '{') && s[e + 1] == s[e] ? e - i : 0;
}

size_t kz_tl_markup_len(const unsigned char *s, size_t i, size_t n) {
  if (s[i] == '{') return wiki_name_len(s, i, n);
  size_t e = i + 1;
  if (s[i] == '&') { /* &name; (a letter first), &#171; or &#xAB; */
    const int num = e < n && s[e] == '#', hex = num && e + 1 < n && (s[e + 1] | 0x20) == 'x';
    e += (size_t)num + (size_t)hex;
    const size_t d = e;
    while (e < n && e - d < 32 &&
           (num ? ascii_digit(s[e]) || (hex && (s[e] | 0x20u) - 'a' < 6u) : ascii_alnum(s[e])))
      e++;
    if (e == d || e >= n || s[e] != ';') return 0;
    if (!num && (e - d < 2 || !ascii_alpha(s[d]))) return 0;
    return e + 1 - i;
  }
  if (s[i] != '<' || (i > 0 && s[i - 1] == '<')) return 0;
  e += e < n && s[e] == '/';
  if (e >= n || !ascii_alpha(s[e])) return 0;
  while (e < n && (ascii_alnum(s[e]) || s[e] == ':' || s[e] == '-'))
    e++;
  if (e < n && s[e] != '>' && s[e] != '/' && !is_space(s[e])) return 0;
  while (e < n && e - i < MARKUP_MAX && s[e] != '>' && s[e] != '<')
    e++;
  if (e >= n || s[e] != '>' || (e + 1 < n && s[e + 1] == '>')) return 0;
  return e + 1 - i;
}

size_t kz_tl_format_run(const unsigned char *s, size_t p, size_t n) {
  size_t q = p, l;
  while (q < n && (l = kz_tl_format_len(s, q, n)))
    q += l;
  if (q == p || q >= n) return 0;
  size_t sub; /* (the one-pass routes ask before they have validated what follows) */
  const uint32_t c = kz_utf8_decode(s + q, n - q, &l, &sub);
  return l && kz_tl_is_latin_letter(c) ? q - p : 0;
}

#define glued_word_ends kz_tl_glued_word_ends

/* ---- tokens ---------------------------------------------------------- */

static void tokenize(word *w, kztext_scheme sc) {
  const kz_rev_key *keys = kz_rev_keys[sc];
  const uint16_t(*first)[2] = kz_rev_first[sc];
  uint8_t sy[MAXW];
  int allcaps = w->n >= 2;
  for (int i = 0; i < w->n && allcaps; i++)
    allcaps = w->cap[i] || !kz_tl_is_latin_letter(w->cp[i]);
  for (int i = 0; i < w->n; i++) {
    uint32_t c = w->cp[i];
    if (is_apos(c)) c = '\'';
    if (c == 0x361) c = 0xFE20; /* one tie for both conventions */
    sy[i] = sym_of(c);
  }
  w->nt = 0;
  int i = 0;
  while (i < w->n) {
    tok *t = &w->t[w->nt++];
    t->a = (uint8_t)i;
    t->cap = w->cap[i];
    t->iamb = 0;
    int best = 0;
    uint16_t target = 0xFFFF;
    if (sy[i]) {
      unsigned st = first[sy[i]][0], cnt = first[sy[i]][1];
      for (unsigned k = st; k < st + cnt; k++) {
        const kz_rev_key *key = &keys[k];
        if (i + key->n > w->n) continue;
        int ok = 1;
        for (int m = 1; m < key->n; m++) {
          uint8_t want = key->sym[m];
          uint8_t have = sy[i + m];
          if (want != have) {
            /* U+FE21 closes a tie written with U+0361: nothing to match */
            ok = 0;
            break;
          }
        }
        if (ok) {
          best = key->n;
          target = key->target;
          break;
        }
      }
    }
    if (!best) best = 1;
    if (sc == KZTEXT_SCHEME_LATIN2018 && w->cap[i] && w->cp[i] == 'i' && target == CY_DOTTED_I)
      t->iamb = 1; /* capital I: і and и/й look the same */
    /* latin2021's I is І and İ is И/Й, but typists without İ on their
     * keyboard write I for both: a word's first letter, a capital I before
     * a small letter, is и where latin2018's rules are sure of it (Iasaui,
     * Internet, Italiia), else І */
    if (sc == KZTEXT_SCHEME_LATIN2021 && i == 0 && w->n > 1 && w->cap[0] && !w->cap[1] &&
        w->cp[0] == 0x131 && target == CY_DOTTED_I)
      t->iamb = 1;
    /* ...and in a text typed without İ, every capital I of an ALL-CAPS word */
    if (sc == KZTEXT_SCHEME_LATIN2021 && w->undotted && allcaps && w->cp[i] == 0x131 &&
        target == CY_DOTTED_I)
      t->iamb = 1;
    t->target = target;
    i += best;
    t->b = (uint8_t)i;
  }
}

typedef struct unit {
  uint32_t c[2]; /* Cyrillic lower case; c[1] may be 0 */
  int ta, tb;    /* token range */
} unit;

/* ---- rules that need more than token codes --------------------------- */

/* latin2018 writes both І and И/Й as capital I (and latin2021's typists
 * often do at a word's start).  і never stands in a word
 * with back vowels, and a word that has и elsewhere is a loanword: there I
 * is и; otherwise і (іс, ішкі).  Roman numerals (II, XIV) take і, the
 * letter Kazakh typists use for them. */
static uint16_t capital_i(const word *w, int j, kztext_scheme sc) {
  if (w->roman) return CY_DOTTED_I;
  /* a lone I: an initial (И. for Иван) before a full stop, else the Roman
   * numeral one, which Kazakh text types as І (І тоқсан) */
  if (w->nt == 1) return w->next == '.' ? KZ_AMB_I : CY_DOTTED_I;
  uint16_t pv = j > 0 ? w->t[j - 1].target : 0;
  uint16_t nx = j + 1 < w->nt ? w->t[j + 1].target : 0;
  if (pv && pv != CY_U && kz_tok_vowel(pv) && !(j > 0 && w->t[j - 1].iamb))
    return KZ_AMB_I; /* СӨЙЛЕ */
  /* ...but an acronym takes no suffix: a final I there is и (ҒЗИ, МВИ) */
  if (j + 1 == w->nt && pv && !kz_tok_vowel(pv))
    return w->acronym ? KZ_AMB_I : CY_DOTTED_I; /* КОМИТЕТІ */
  if (j == 0 && nx == CY_N && j + 2 < w->nt && !kz_tok_vowel(w->t[j + 2].target))
    return KZ_AMB_I; /* ин- + consonant: Интернет, Институт */
  if (j == 0 && (nx == CY_A || nx == CY_U)) return KZ_AMB_I; /* Ia, Iý: я, ю */
  /* no Kazakh word starts with і and a vowel; и does (ие, иесі, иә) */
  if (j == 0 && nx && nx != CY_DOTTED_I && kz_tok_vowel(nx) && !w->t[1].iamb) return KZ_AMB_I;
  /* the first letter of a word before б г д к м т ы ғ: и in 9 of 10
   * hunspell-kk stems (игі, ит, иман), і only before ж з л р с ш ң */
  if (j == 0 && (nx == CY_B || nx == CY_G || nx == CY_D || nx == CY_K || nx == CY_M || nx == CY_T ||
                 nx == CY_YERU || nx == CY_GH))
    return KZ_AMB_I;
  /* ...and before ж з л р с ш ң a front vowel next says і (Іргетасы,
   * Ісләм); a back one says nothing (Исабек, but Ізмұхамбет) */
  if (j == 0 && (nx == CY_ZH || nx == CY_Z || nx == CY_L || nx == CY_R || nx == CY_S ||
                 nx == CY_SH || nx == CY_NG || nx == KZ_AMB_S || nx == KZ_AMB_SH)) {
    for (int k = j + 2; k < w->nt; k++) {
      uint16_t g = w->t[k].target;
      if (!kz_tok_vowel(g)) continue;
      if (!w->t[k].iamb && g != KZ_AMB_I && !kz_tok_back(g) && g != CY_U) return CY_DOTTED_I;
      break;
    }
  }
  /* latin2021 has İ for и: what follows is a guess, and its I stays І,
   * unless the text is typed without İ */
  if (sc == KZTEXT_SCHEME_LATIN2021 && !w->undotted) return CY_DOTTED_I;
  int kaz = 0, back = 0, other_i = 0;
  for (int k = 0; k < w->nt; k++) {
    uint16_t g = w->t[k].target;
    if (w->t[k].iamb) continue;
    /* Kazakh letters count in the stem before the I or just after it:
     * suffixes (-ның, -дағы) attach to loanwords too */
    if (kz_tok_kazakh(g) && k <= j + 3) kaz = 1;
    if (kz_tok_back(g)) back = 1;
    if (g == KZ_AMB_I) other_i = 1;
  }
  if (kaz && !kz_tok_back(nx)) return CY_DOTTED_I; /* ҚАУІПСІЗДІК, ҚЫЗМЕТІ */
  if (back || other_i) return KZ_AMB_I;
  return CY_DOTTED_I;
}

/* Whether s[0..n) has the byte a followed by b */
static int has_pair(const unsigned char *s, size_t n, unsigned char a, unsigned char b) {
  for (const unsigned char *p = s, *e = s + n; (p = memchr(p, a, (size_t)(e - p))) && p + 1 < e;
       p++)
    if (p[1] == b) return 1;
  return 0;
}

int kz_tl_undotted(const unsigned char *s, size_t n) {
  /* İ, precomposed or as a U+0307 dot above (after I, or any letter) */
  if (has_pair(s, n, 0xC4, 0xB0) || has_pair(s, n, 0xCC, 0x87)) return 0;
  /* a word's first I before a vowel: и (no Kazakh word starts with і and
   * a vowel; Ia is я), which the alphabet writes İ */
  for (const unsigned char *p = s, *e = s + n; (p = memchr(p, 'I', (size_t)(e - p))) && p + 1 < e;
       p++) {
    const unsigned b = p > s ? p[-1] : ' ', c = p[1], d = p + 2 < e ? p[2] : 0;
    if (b < 0x80 ? ascii_alpha(b) : b != 0xAB && b != 0x9C) continue; /* (after « or “ too) */
    if (one_of(c, "aeou") || (c == 0xC3 && (d == 0xA4 || d == 0xB6 || d == 0xBC)) ||
        (c == 0xC5 && d == 0xAB))
      return 1;
  }
  return 0;
}

/* Token j is the word's last vowel and the vowels before it are back ones
 * (и, у and a capital I say nothing): a final ә there breaks Kazakh vowel
 * harmony, as in no hunspell-kk stem: the letter is я (КАМИЛЯ, Зырян). */
static int last_after_back(const word *w, int j) {
  for (int k = j + 1; k < w->nt; k++)
    if (kz_tok_vowel(w->t[k].target)) return 0;
  int back = 0;
  for (int k = 0; k < j; k++) {
    uint16_t g = w->t[k].target;
    if (w->t[k].iamb || g == KZ_AMB_I || g == CY_U || !kz_tok_vowel(g)) continue;
    if (!kz_tok_back(g)) return 0;
    back = 1;
  }
  return back;
}

/* A Roman numeral below 40 in capitals, of two letters or more (II, XIV,
 * XXI): Kazakh typists write its I as І; V and X, which Kazakh Cyrillic
 * lacks, stay Latin (В is another letter). */
static int roman_numeral(const word *w, kztext_scheme sc) {
  const uint32_t one = sc == KZTEXT_SCHEME_LATIN2021 ? 0x131 : 'i'; /* 2021 reads I as ı, İ as i */
  int i = 0, x = 0;
  if (w->n < 2) return 0;
  for (int k = 0; k < w->n; k++)
    if (!w->cap[k]) return 0;
  while (i < w->n && w->cp[i] == 'x')
    i++, x++;
  if (x > 3) return 0;
  uint32_t c[4] = {0, 0, 0, 0};
  int r = w->n - i;
  if (r > 4) return 0;
  for (int k = 0; k < r; k++) {
    uint32_t cp = w->cp[i + k];
    if (cp == one)
      c[k] = 'i';
    else if (cp == 'v' || cp == 'x')
      c[k] = cp;
    else
      return 0;
  }
  if (r == 2 && c[0] == 'i' && (c[1] == 'x' || c[1] == 'v')) return 1; /* IX, IV */
  int k = c[0] == 'v';                                                 /* V?I{0,3} */
  while (k < r && c[k] == 'i')
    k++;
  return k == r && r - (c[0] == 'v') <= 3;
}

/* The word starts with two consonant letters (an ALL-CAPS word is more
 * likely an acronym: ТКӘ, ДСӘДМ). */
static int initial_cluster(const word *w) {
  if (w->nt < 3) return 0;
  int lower = 0;
  for (int i = 0; i < w->n; i++)
    lower |= !w->cap[i];
  if (!lower) return 0;
  uint16_t a = w->t[0].target, b = w->t[1].target;
  return a && b && a != KZ_TOK_LITERAL && b != KZ_TOK_LITERAL && !kz_tok_vowel(a) &&
         !kz_tok_vowel(b) && a != CY_HARD && a != CY_SOFT && b != CY_HARD && b != CY_SOFT;
}

/* Resolves tokens [j0, nt) with rules; prev = last Cyrillic letter before.
 * Appends units. */
static int apply_rules(const word *w, int j0, uint32_t prev, uint32_t prev2, kztext_scheme sc,
                       unit *u, int nu) {
  const kz_rword rw = {w->tcode, w->nt, w->acronym, w->lexicon, w->next, sc, NULL};
  for (int j = j0; j < w->nt; j++) {
    const tok *t = &w->t[j];
    uint16_t g = t->target;
    unit *x = &u[nu];
    x->c[0] = x->c[1] = 0;
    x->ta = j;
    x->tb = j + 1;
    if (t->iamb) g = capital_i(w, j, sc);
    if (w->roman && (w->cp[t->a] == 'v' || w->cp[t->a] == 'x'))
      g = KZ_TOK_LITERAL; /* stays Latin */
    if (g == KZ_TOK_LITERAL) {
      x->c[0] = 0xFFFFFFFF;
    } else if (g == KZ_AMB_AE || g == KZ_AMB_OE || g == KZ_AMB_UE) {
      /* the Kazakh letter; я ё ю of loanwords come from the lexicon (vowel
       * harmony is no guide: Әлихан, күнбағыс mix back and front) */
      const int pv = prev && kz_cyr_vowel(prev);
      x->c[0] = g == KZ_AMB_AE ? CY_AE : g == KZ_AMB_OE ? CY_OE : CY_UE;
      /* ...but a word that starts with two consonants is no Kazakh word
       * (Kazakh allows none), hence a loanword: Крюков, шлюз, Брюссель.
       * The lexicon, built against this rule, keeps the exceptions. */
      if (prev && !pv && initial_cluster(w))
        x->c[0] = g == KZ_AMB_AE ? CY_YA : g == KZ_AMB_OE ? CY_YO : CY_YU;
      else if (prev && !pv && g == KZ_AMB_AE && last_after_back(w, j))
        x->c[0] = CY_YA; /* not ө ү: Kazakh compounds end in -көл, -гүл, -сөз */
    } else {
      kz_rout r = kz_rule(&rw, j, g, prev, prev2);
      x->c[0] = r.c[0];
      x->c[1] = r.c[1];
      x->tb = j + r.take;
    }
    j = x->tb - 1;
    if (x->c[0] != 0xFFFFFFFF) {
      if (x->c[1]) {
        prev2 = x->c[0];
        prev = x->c[1];
      } else if (x->c[0]) {
        prev2 = prev;
        prev = x->c[0];
      }
    } else {
      prev = prev2 = 0;
    }
    nu++;
  }
  return nu;
}

/* Collects the word of scheme sc at s[i] (before e) into *w: lower-case
 * code points, capitals and offsets; returns where it ends. */
static size_t collect_word(const unsigned char *s, size_t e, size_t i, kztext_scheme sc, word *w) {
  size_t p = i, l;
  w->n = 0;
  w->gap[0] = 0;
  w->lim = e;
  while (p < e && w->n < MAXW) {
    size_t g = w->n ? kz_tl_format_in_word(s, p, e) : 0;
    if (g > 255) g = 0;
    uint32_t c = sign_of_prime(kz_utf8_next(s + p + g, &l), sc, w->n > 0);
    if (!word_char(c, sc, w->n > 0)) break;
    int cap;
    uint32_t lc = lat_lower(c, &cap);
    if (glued_word_ends(s, e, p + g, l, w->n, cap, w->n ? w->cap[w->n - 1] : 0)) break;
    w->gap[w->n] = (uint8_t)g;
    p += g;
    if ((sc == KZTEXT_SCHEME_LATIN2021 || sc == KZTEXT_SCHEME_MEDIAWIKI) && c == 'I')
      lc = 0x131; /* Turkic: I is ı */
    w->cp[w->n] = lc;
    w->cap[w->n] = (uint8_t)cap;
    w->off[w->n] = p;
    w->n++;
    w->gap[w->n] = 0;
    p += l;
  }
  w->off[w->n] = p;
  return p;
}

/* ---- output ---------------------------------------------------------- */

typedef struct outctx {
  const unsigned char *s;
  char *out;
  char *o;
  kz_spanv *sv;
  kz_tl_group *group; /* the last glued run judged (kz_tl_group_foreign) */
} outctx;

static void put_span(outctx *oc, size_t s0, size_t s1, char *d0, int pass) {
  if (oc->sv) kz_span_add(oc->sv, s0, s1, (size_t)(d0 - oc->out), (size_t)(oc->o - oc->out), pass);
}
/* The format characters inside letters (a, b] of the word (before letters
 * a+1..b), written after the output of the letters a..b-1 whose span holds
 * them. */
static void put_gaps(outctx *oc, const word *w, int a, int b) {
  for (int k = a + 1; k <= b && k < w->n; k++)
    if (w->gap[k]) {
      memcpy(oc->o, oc->s + w->off[k] - w->gap[k], w->gap[k]);
      oc->o += w->gap[k];
    }
}

/* Does the word hold a Latin letter its scheme has no reading for (x in
 * latin2021: Lexus, Xerox)?  Then it is no word of the scheme but a foreign
 * one, a brand or a name, and passes through whole: Kazakh Cyrillic news
 * keeps such words Latin, and a Latin letter inside a Cyrillic word would be
 * neither. */
static int foreign_letter(const word *w) {
  for (int j = 0; j < w->nt; j++)
    if (w->t[j].target == KZ_TOK_LITERAL && kz_tl_is_latin_letter(w->cp[w->t[j].a])) return 1;
  return 0;
}

/* Is the word glued to a Latin letter before or after it (PayPal, MaxPro:
 * glued_word_ends() splits such pairs)? */
static int glued(const outctx *oc, const word *w) {
  const unsigned nx = w->next;
  return ascii_alpha(nx) || kz_tl_latin_lead(nx) || kz_tl_letter_before(oc->s, w->off[0]);
}

/* The bytes of the character before s[a] that collect_word() would go on
 * with in a word of scheme sc, the word's characters or a format
 * character inside it, else 0. */
static size_t in_word_before(const unsigned char *s, size_t a, kztext_scheme sc) {
  size_t b = a, l;
  while (b > 0 && a - b < 4 && (s[b - 1] & 0xC0) == 0x80)
    b--;
  if (b == 0) return 0;
  b--;
  const unsigned lead = s[b];
  if ((lead < 0x80 ? 1u : lead < 0xC2 ? 0u : lead < 0xE0 ? 2u : lead < 0xF0 ? 3u : 4u) != a - b)
    return 0; /* (reads nothing at or after a) */
  const uint32_t c = kz_utf8_next(s + b, &l);
  return word_char(sign_of_prime(c, sc, 1), sc, 1) || kz_tl_format_len(s, b, a + 1) ? l : 0;
}

/* Tokenizes a collected word and makes the tests on it that come before
 * its conversion; returns whether it is written in capitals. */
static int read_word(word *w, kztext_scheme sc) {
  tokenize(w, sc);
  for (int j = 0; j < w->nt; j++)
    w->tcode[j] = w->t[j].target;
  int ncap = 0, nlow = 0;
  for (int i = 0; i < w->n; i++) {
    if (w->cap[i])
      ncap++;
    else if (kz_tl_is_latin_letter(w->cp[i]))
      nlow++;
  }
  const int allcaps = ncap >= 2 && nlow == 0;
  w->acronym = kz_rule_acronym(w->tcode, w->nt, allcaps);
  w->roman = sc <= KZTEXT_SCHEME_LATIN2017 && roman_numeral(w, sc);
  return allcaps;
}

/* Would the word, standing alone, pass through as a foreign one: a letter
 * its scheme cannot read, or y after a vowel (kz_rule_foreign_y)? */
static int foreign_alone(const word *w, kztext_scheme sc, int allcaps) {
  return !w->roman && (foreign_letter(w) || (sc <= KZTEXT_SCHEME_LATIN2017 &&
                                             kz_rule_foreign_y(w->tcode, w->nt, allcaps)));
}

/* Letters glued into humps (camelCase) are a name written as its owner
 * writes it (PayPal, MySQL, iPhone, eGov, iOS), which Kazakh Cyrillic
 * text keeps in Latin, when one hump would pass through alone or the
 * first is one small letter before a word (three letters or more, or two
 * capitals); humps of Kazakh words glued by a crawler (сапарПоделиться)
 * convert each, and so do units (kV, kVt: кВ, кВт).  The run's start is
 * looked for at most GROUP_MAX bytes back from the word, and its humps up
 * to GROUP_SPAN bytes from that start (a longer run is no name, and a look
 * at it from each of its 64-letter pieces would cost it its length
 * squared). */
enum { GROUP_MAX = 64, GROUP_SPAN = 192 };
int kz_tl_group_foreign(const unsigned char *s, size_t lim, size_t a, kztext_scheme sc,
                        kz_tl_group *gc) {
  size_t g = a, l;
  while ((l = in_word_before(s, g, sc)))
    if ((g -= l) + GROUP_MAX < a) return 0;
  /* the first hump starts at a letter (or mark): not at an apostrophe or a
   * format character */
  while (g < a && !word_char(kz_utf8_next(s + g, &l), sc, 0))
    g += l;
  if (gc && gc->s == s && gc->start == g && a < gc->end) return gc->foreign;
  int foreign = 0, small_first = 0; /* the first hump is one small letter */
  size_t p = g, q;
  for (;; p = q) {
    word t;
    q = collect_word(s, lim, p, sc, &t);
    if (!t.n) break;
    const int allcaps = read_word(&t, sc);
    if (foreign_alone(&t, sc, allcaps)) {
      foreign = 1;
      break;
    }
    if (p == g) {
      small_first = t.n == 1 && !t.cap[0];
    } else if (small_first) {
      if (t.n >= 3 || (t.n == 2 && allcaps)) { /* iPhone, iOS */
        foreign = 1;
        break;
      }
      small_first = 0;
    }
    if (q >= lim || !(ascii_alpha(s[q]) || kz_tl_latin_lead(s[q])) || q > g + GROUP_SPAN) break;
  }
  if (gc) *gc = (kz_tl_group){s, g, q, foreign};
  return foreign;
}

static void emit_word(outctx *oc, word *w, kztext_scheme sc, unsigned flags) {
  if (w->n == 0) return;
  w->lexicon = !(flags & KZ_TRANSLIT_NO_LEXICON);
  w->undotted = (flags & KZ_TRANSLIT_UNDOTTED) != 0;
  const int allcaps = read_word(w, sc);
  if (glued(oc, w) ? kz_tl_group_foreign(oc->s, w->lim, w->off[0], sc, oc->group)
                   : foreign_alone(w, sc, allcaps)) {
    const size_t s0 = w->off[0], s1 = w->off[w->n];
    char *d0 = oc->o;
    memcpy(oc->o, oc->s + s0, s1 - s0);
    oc->o += s1 - s0;
    put_span(oc, s0, s1, d0, 1);
    return;
  }
  unit u[MAXW];
  int nu = 0, j0 = 0;
  uint32_t prev = 0, prev2 = 0;
  const char *lex = NULL;
  size_t lex_len = 0;
  int lex_tokens = 0;
  const int y18 = sc == KZTEXT_SCHEME_LATIN2018;
  /* latin2018 Ia. and Iý. before a full stop are the initials Я. and Ю.
   * (С.Я. Надсон), not the words ия, ию */
  const int initial18 = y18 && w->next == '.' && w->n == 2 && w->cap[0] && !w->cap[1] &&
                        w->cp[0] == 'i' && (w->cp[1] == 'a' || w->cp[1] == 0xFD);
  if (!(flags & KZ_TRANSLIT_NO_LEXICON) && !initial18 && !w->roman &&
      (sc == KZTEXT_SCHEME_LATIN2021 || sc == KZTEXT_SCHEME_LATIN2017 || y18)) {
    unsigned char key[MAXW * 4 + 1];
    size_t kend[MAXW]; /* key length after token j */
    size_t kl = 0;
    int ok = 1;
    for (int j = 0; j < w->nt && ok; j++) {
      uint16_t g = w->t[j].target;
      if (w->t[j].iamb) g = capital_i(w, j, sc);
      const char *c = kz_rule_canon(g, y18);
      if (!c) {
        ok = 0;
        break;
      }
      size_t cl = strlen(c);
      memcpy(key + kl, c, cl);
      kl += cl;
      kend[j] = kl;
    }
    if (ok) {
      size_t m = kz_tl_lexicon(y18, key, kl, 1, &lex, &lex_len);
      if (lex_len > 3 * m) m = 0; /* keeps kztext_translit_bound() a true bound */
      /* the match must end on a token boundary */
      for (int j = 0; m && j < w->nt; j++)
        if (kend[j] == m) {
          lex_tokens = j + 1;
          break;
        }
      if (!lex_tokens) lex = NULL;
    }
    const char *soft;
    size_t soft_len;
    int st = w->nt >= 5 && kz_rule_soft_candidate(w->tcode, w->nt, lex_tokens, w->nt,
                                                  y18 ? CY_DOTTED_I : KZ_AMB_I)
                 ? kz_tl_lexicon_soft(y18, w->tcode, w->nt, lex_tokens, &soft, &soft_len)
                 : 0;
    if (st) { /* i written for ь: batalion */
      lex = soft;
      lex_len = soft_len;
      lex_tokens = st;
    }
  }
  if (lex) {
    /* the lexicon's letters; spans per token when the counts agree */
    uint32_t lc[MAXW * 2];
    int nl = 0;
    for (size_t p = 0; p < lex_len && nl < MAXW * 2;) {
      size_t l;
      lc[nl++] = kz_utf8_next((const unsigned char *)lex + p, &l);
      p += l;
    }
    nl = kz_rule_stem_keep(lc, nl, w->tcode, w->nt, lex_tokens);
    int cap_first = w->t[0].cap;
    if (nl == lex_tokens) {
      for (int j = 0; j < lex_tokens; j++) {
        char *d0 = oc->o;
        uint32_t c = lc[j];
        if (allcaps || w->t[j].cap) c = kz_cyr_upper(c);
        oc->o += kz_utf8_encode(c, oc->o);
        put_gaps(oc, w, w->t[j].a, w->t[j].b);
        put_span(oc, w->off[w->t[j].a], w->off[w->t[j].b], d0, 0);
      }
    } else {
      char *d0 = oc->o;
      for (int k = 0; k < nl; k++) {
        uint32_t c = lc[k];
        if (allcaps || (k == 0 && cap_first)) c = kz_cyr_upper(c);
        oc->o += kz_utf8_encode(c, oc->o);
      }
      put_gaps(oc, w, 0, w->t[lex_tokens - 1].b);
      put_span(oc, w->off[0], w->off[w->t[lex_tokens - 1].b], d0, 0);
    }
    prev = nl ? lc[nl - 1] : 0;
    prev2 = nl > 1 ? lc[nl - 2] : 0;
    j0 = lex_tokens;
  }
  nu = apply_rules(w, j0, prev, prev2, sc, u, 0);
  for (int k = 0; k < nu; k++) {
    const unit *x = &u[k];
    size_t s0 = w->off[w->t[x->ta].a], s1 = w->off[w->t[x->tb - 1].b];
    char *d0 = oc->o;
    if (x->c[0] == 0xFFFFFFFF) {
      memcpy(oc->o, oc->s + s0, s1 - s0);
      oc->o += s1 - s0;
      put_span(oc, s0, s1, d0, 1);
      continue;
    }
    int cap = allcaps || w->t[x->ta].cap;
    uint32_t sc0 = w->cp[w->t[x->ta].a];
    if (sc0 == 0x2B9 || sc0 == 0x2BA) /* the signs have no case: take the neighbour's */
      cap = k > 0 ? w->t[u[k - 1].ta].cap : (x->tb < w->nt && w->t[x->tb].cap);
    for (int m = 0; m < 2 && x->c[m]; m++) {
      uint32_t c = x->c[m];
      if (cap && (m == 0 || allcaps)) c = kz_cyr_upper(c);
      oc->o += kz_utf8_encode(c, oc->o);
    }
    put_gaps(oc, w, w->t[x->ta].a, w->t[x->tb - 1].b);
    put_span(oc, s0, s1, d0, 0);
  }
}

size_t kz_tl_latin_to_cyr(const unsigned char *s, size_t from, size_t n, kztext_scheme sc,
                          unsigned flags, char *out, kz_spanv *sv) {
  kz_tl_group group = {0};
  outctx oc = {s, out, out, sv, &group};
  word w;
  size_t i = from, url = n, url_end = n; /* an address ahead in this token: [url, url_end) */
  size_t tok_end = 0;                    /* where the token at i ends */
  int at_token_start = 1;
  w.n = 0;
  while (i < n) {
    unsigned c0 = s[i];
    if (at_token_start && !is_space(c0)) {
      if (tok_end <= i) /* (after markup or a site's name the token goes on) */
        for (tok_end = i; tok_end < n && !is_space(s[tok_end]);)
          tok_end++;
      const size_t e = tok_end;
      size_t ue; /* text before it converts (an address after a colon), and after a site's name */
      url = i + kz_tl_url_start(s + i, e - i, &ue);
      url_end = i + ue;
      at_token_start = 0;
    }
    if (i == url) { /* an address passes through as it is */
      char *d0 = oc.o;
      memcpy(oc.o, s + url, url_end - url);
      oc.o += url_end - url;
      put_span(&oc, url, url_end, d0, 1);
      i = url_end;
      url = n;
      at_token_start = 1;
      continue;
    }
    if (c0 == '<' || c0 == '&' || c0 == '{') {
      const size_t l = kz_tl_markup_len(s, i, n);
      if (l) { /* markup passes through, and a token starts after it */
        char *d0 = oc.o;
        memcpy(oc.o, s + i, l);
        oc.o += l;
        put_span(&oc, i, i + l, d0, 1);
        i += l;
        url = n;
        at_token_start = 1;
        continue;
      }
    }
    if (c0 < 0x80 && !(((c0 | 0x20) >= 'a' && (c0 | 0x20) <= 'z'))) {
      if (is_space(c0)) at_token_start = 1;
      char *d0 = oc.o;
      *oc.o++ = (char)c0;
      put_span(&oc, i, i + 1, d0, 1);
      i++;
      continue;
    }
    if (sc == KZTEXT_SCHEME_LATIN2021 && !sv) {
      size_t k = kz_tl_fast_word_2021(s, url, i, &oc.o, kz_tl_w21_opts(flags), &group);
      if (k) {
        i += k;
        continue;
      }
    }
    size_t l;
    uint32_t cp = kz_utf8_next(s + i, &l);
    if (!word_char(cp, sc, 0) && !(w.n && word_char(cp, sc, 1))) {
      char *d0 = oc.o;
      memcpy(oc.o, s + i, l);
      oc.o += l;
      put_span(&oc, i, i + l, d0, 1);
      i += l;
      continue;
    }
    size_t p = collect_word(s, url, i, sc, &w);
    w.next = p < url ? s[p] : 0; /* an address is a token of its own: a word before it ends there */
    emit_word(&oc, &w, sc, flags);
    w.n = 0;
    i = p;
  }
  return (size_t)(oc.o - out);
}

/* One word of the general path for callers that validated s[i..e) (UTF-8
 * letters only): writes at *o, returns the bytes consumed (> 0). */
size_t kz_tl_latin_word(const unsigned char *s, size_t e, size_t i, kztext_scheme sc,
                        unsigned flags, unsigned next, char **o, kz_tl_group *g) {
  outctx oc = {s, *o, *o, NULL, g};
  word w;
  size_t p = collect_word(s, e, i, sc, &w), l;
  w.next = p < e ? s[p] : next;
  if (!w.n) { /* not a letter here after all: it passes through */
    l = s[i] < 0x80 ? 1 : s[i] < 0xE0 ? 2 : s[i] < 0xF0 ? 3 : 4;
    memcpy(*o, s + i, l);
    *o += l;
    return l;
  }
  emit_word(&oc, &w, sc, flags);
  *o = oc.o;
  return p - i;
}

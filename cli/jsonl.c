/* A small JSON scanner (RFC 8259) for reading one field per JSONL record. */
#include "jsonl.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  const char *s;
  size_t n, i;
  int depth, too_deep;
} scanner;

static void ws(scanner *p) {
  while (p->i < p->n &&
         (p->s[p->i] == ' ' || p->s[p->i] == '\t' || p->s[p->i] == '\n' || p->s[p->i] == '\r'))
    p->i++;
}

static int hex4(const char *s, uint32_t *v) {
  *v = 0;
  for (int k = 0; k < 4; k++) {
    char c = s[k];
    unsigned d = c >= '0' && c <= '9'   ? (unsigned)(c - '0')
                 : c >= 'a' && c <= 'f' ? (unsigned)(c - 'a' + 10)
                 : c >= 'A' && c <= 'F' ? (unsigned)(c - 'A' + 10)
                                        : 16u;
    if (d > 15) return 0;
    *v = *v << 4 | d;
  }
  return 1;
}

static size_t put_utf8(char *o, uint32_t cp) {
  unsigned char *u = (unsigned char *)o;
  if (cp < 0x80) {
    u[0] = (unsigned char)cp;
    return 1;
  }
  if (cp < 0x800) {
    u[0] = (unsigned char)(0xC0 | cp >> 6);
    u[1] = (unsigned char)(0x80 | (cp & 63));
    return 2;
  }
  if (cp < 0x10000) {
    u[0] = (unsigned char)(0xE0 | cp >> 12);
    u[1] = (unsigned char)(0x80 | (cp >> 6 & 63));
    u[2] = (unsigned char)(0x80 | (cp & 63));
    return 3;
  }
  u[0] = (unsigned char)(0xF0 | cp >> 18);
  u[1] = (unsigned char)(0x80 | (cp >> 12 & 63));
  u[2] = (unsigned char)(0x80 | (cp >> 6 & 63));
  u[3] = (unsigned char)(0x80 | (cp & 63));
  return 4;
}

/* Parses a string at p->i (on the opening quote).  With out != NULL the
 * unescaped bytes are written there (it must hold the raw length).  Raw
 * bytes are copied as they are: UTF-8 validity is checked later by the
 * pipeline's invalid-UTF-8 policy. */
static int string(scanner *p, char *out, size_t *out_len) {
  size_t o = 0;
  p->i++;
  while (p->i < p->n) {
    unsigned char c = (unsigned char)p->s[p->i];
    if (c == '"') {
      p->i++;
      if (out_len) *out_len = o;
      return 1;
    }
    if (c < 0x20) return 0;
    if (c != '\\') {
      if (out) out[o] = (char)c;
      o++;
      p->i++;
      continue;
    }
    if (p->i + 1 >= p->n) return 0;
    char e = p->s[p->i + 1];
    p->i += 2;
    const char *simple = strchr("\"\\/bfnrt", e);
    if (e && simple) {
      static const char map[] = "\"\\/\b\f\n\r\t";
      if (out) out[o] = map[simple - "\"\\/bfnrt"];
      o++;
      continue;
    }
    if (e != 'u' || p->i + 4 > p->n) return 0;
    uint32_t cp, lo;
    if (!hex4(p->s + p->i, &cp)) return 0;
    p->i += 4;
    if (cp >= 0xD800 && cp <= 0xDBFF && p->i + 6 <= p->n && p->s[p->i] == '\\' &&
        p->s[p->i + 1] == 'u' && hex4(p->s + p->i + 2, &lo) && lo >= 0xDC00 && lo <= 0xDFFF) {
      cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
      p->i += 6;
    } else if (cp >= 0xD800 && cp <= 0xDFFF) {
      cp = 0xFFFD;
    }
    char tmp[4];
    size_t k = put_utf8(out ? out + o : tmp, cp);
    o += k;
  }
  return 0;
}

static int value(scanner *p);

static int container(scanner *p, char close) {
  if (++p->depth > JSONL_MAX_DEPTH) {
    p->too_deep = 1;
    return 0;
  }
  p->i++;
  ws(p);
  if (p->i < p->n && p->s[p->i] == close) {
    p->i++;
    p->depth--;
    return 1;
  }
  for (;;) {
    ws(p);
    if (close == '}') {
      if (p->i >= p->n || p->s[p->i] != '"' || !string(p, NULL, NULL)) return 0;
      ws(p);
      if (p->i >= p->n || p->s[p->i] != ':') return 0;
      p->i++;
    }
    if (!value(p)) return 0;
    ws(p);
    if (p->i >= p->n) return 0;
    if (p->s[p->i] == ',') {
      p->i++;
      continue;
    }
    if (p->s[p->i] == close) {
      p->i++;
      p->depth--;
      return 1;
    }
    return 0;
  }
}

static int is_digit(char c) { return c >= '0' && c <= '9'; }

/* A number as RFC 8259 writes it: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
static int number(scanner *p) {
  const char *s = p->s;
  size_t i = p->i, n = p->n;
  if (i < n && s[i] == '-') i++;
  if (i < n && s[i] == '0')
    i++;
  else if (i < n && is_digit(s[i]))
    while (i < n && is_digit(s[i]))
      i++;
  else
    return 0;
  if (i < n && s[i] == '.') {
    if (++i >= n || !is_digit(s[i])) return 0;
    while (i < n && is_digit(s[i]))
      i++;
  }
  if (i < n && (s[i] == 'e' || s[i] == 'E')) {
    if (++i < n && (s[i] == '+' || s[i] == '-')) i++;
    if (i >= n || !is_digit(s[i])) return 0;
    while (i < n && is_digit(s[i]))
      i++;
  }
  p->i = i;
  return 1;
}

static int literal(scanner *p) {
  /* NaN and the infinities are not RFC 8259, but Python's json reads them
   * and writes them by default, so records it wrote are accepted. */
  static const char *const words[] = {"true", "false", "null", "NaN", "Infinity", "-Infinity"};
  for (size_t k = 0; k < sizeof words / sizeof *words; k++) {
    size_t l = strlen(words[k]);
    if (p->n - p->i >= l && !memcmp(p->s + p->i, words[k], l)) {
      p->i += l;
      return 1;
    }
  }
  return 0;
}

static int value(scanner *p) {
  ws(p);
  if (p->i >= p->n) return 0;
  char c = p->s[p->i];
  if (c == '"') return string(p, NULL, NULL);
  if (c == '{') return container(p, '}');
  if (c == '[') return container(p, ']');
  return literal(p) || number(p);
}

int jsonl_get_value(const char *line, size_t len, const char *field, size_t *vstart, size_t *vend,
                    size_t *error_offset) {
  scanner p = {line, len, 0, 0, 0};
  int result = JSONL_MISSING;
  ws(&p);
  if (p.i >= p.n || line[p.i] != '{') goto bad;
  p.i++;
  ws(&p);
  if (p.i < p.n && line[p.i] == '}') {
    p.i++;
    goto end;
  }
  for (;;) {
    ws(&p);
    if (p.i >= p.n || line[p.i] != '"') goto bad;
    size_t klen, k0 = p.i;
    if (!string(&p, NULL, &klen)) goto bad;
    /* The key unescaped, in a buffer of its own size: one of the whole
     * line per key would make many keys cost their count times the line. */
    char *key = malloc(p.i - k0);
    if (!key) return -1;
    scanner kp = {line, p.i, k0, 0, 0};
    string(&kp, key, &klen);
    int match = klen == strlen(field) && !memcmp(key, field, klen);
    free(key);
    ws(&p);
    if (p.i >= p.n || line[p.i] != ':') goto bad;
    p.i++;
    ws(&p);
    size_t at = p.i;
    if (!value(&p)) goto bad;
    if (match) { /* a repeated key: the last one wins, as in Python's json and jq */
      *vstart = at;
      *vend = p.i;
      result = JSONL_FOUND;
    }
    ws(&p);
    if (p.i < p.n && line[p.i] == ',') {
      p.i++;
      continue;
    }
    if (p.i < p.n && line[p.i] == '}') {
      p.i++;
      break;
    }
    goto bad;
  }
end:
  ws(&p);
  if (p.i == p.n) return result;
bad:
  if (error_offset) *error_offset = p.i;
  return p.too_deep ? JSONL_TOO_DEEP : JSONL_MALFORMED;
}

int jsonl_get_string(const char *line, size_t len, const char *field, char **out, size_t *out_len,
                     size_t *error_offset) {
  size_t a = 0, b = 0;
  *out = NULL;
  int r = jsonl_get_value(line, len, field, &a, &b, error_offset);
  if (r != JSONL_FOUND) return r;
  if (line[a] != '"') return JSONL_NOT_STRING;
  char *buf = malloc(b - a + 1);
  if (!buf) return -1;
  scanner p = {line, b, a, 0, 0};
  string(&p, buf, out_len); /* already validated by jsonl_get_value */
  *out = buf;
  return JSONL_FOUND;
}

/* Fuzz target: kztext_name_key() on arbitrary bytes (replace policy).
 * Checks: never crashes; the key is lower-case ASCII letters and single
 * spaces, its parts sorted; the caller-buffer form agrees with the _alloc
 * form and stays within KZTEXT_NAME_KEY_BOUND. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <kztext.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *src = (const char *)data;
  char *key = NULL;
  size_t n = 0;
  if (kztext_name_key_alloc(src, size, KZTEXT_INVALID_REPLACE, &key, &n, NULL) != KZTEXT_OK)
    abort();
  if (n > KZTEXT_NAME_KEY_BOUND(size)) abort();
  size_t ps = 0, pl = 0; /* the previous part */
  for (size_t i = 0, st = 0; n && i <= n; i++) {
    if (i < n && key[i] != ' ') {
      if (key[i] < 'a' || key[i] > 'z') abort();
      continue;
    }
    size_t l = i - st, m = l < pl ? l : pl;
    if (!l) abort(); /* no empty part, no double space */
    int c = memcmp(key + ps, key + st, m);
    if (st && (c > 0 || (c == 0 && pl > l))) abort(); /* sorted */
    ps = st;
    pl = l;
    st = i + 1;
  }
  char *buf = malloc(KZTEXT_NAME_KEY_BOUND(size));
  size_t n2 = 0;
  if (!buf ||
      kztext_name_key(src, size, KZTEXT_INVALID_REPLACE, buf, KZTEXT_NAME_KEY_BOUND(size), &n2,
                      NULL) != KZTEXT_OK ||
      n2 != n || memcmp(buf, key, n))
    abort();
  free(buf);
  kztext_free(key);
  return 0;
}

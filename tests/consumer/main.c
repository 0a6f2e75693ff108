/* Links against the installed libkztext and normalizes one word. */
#include <stdio.h>
#include <string.h>

#include <kztext.h>

int main(void) {
  const char in[] = "\xD0\x95\xCC\x88\xD1\x80\xD0\xBC\xD0\xB5\xD0\xBA"; /* Ёрмек, decomposed */
  char *out;
  size_t n;
  if (kztext_normalize_alloc(in, strlen(in), KZTEXT_NORM_NFC, &out, &n, NULL) != KZTEXT_OK)
    return 1;
  int ok = n == 10 && !memcmp(out, "\xD0\x81\xD1\x80\xD0\xBC\xD0\xB5\xD0\xBA", 10);
  kztext_free(out);
  printf("kztext %s: %s\n", kztext_version_string(), ok ? "ok" : "wrong");
  return ok ? 0 : 1;
}

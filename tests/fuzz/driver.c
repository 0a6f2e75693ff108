/* Runs a fuzz target without libFuzzer: every file named on the command line,
 * or every file in a named directory, is passed to LLVMFuzzerTestOneInput.
 * Used by ctest as a regression test over tests/fuzz/corpus. */
#define _DEFAULT_SOURCE
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int run_file(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) {
    perror(path);
    return 1;
  }
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  uint8_t *buf = malloc(n > 0 ? (size_t)n : 1);
  if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n) {
    fclose(f);
    free(buf);
    return 1;
  }
  fclose(f);
  LLVMFuzzerTestOneInput(buf, (size_t)n);
  /* Also every prefix-free split point is exercised by the targets
   * themselves; here we add a few truncations to reach more states. */
  for (long cut = n - 1; cut > 0 && cut > n - 4; cut--)
    LLVMFuzzerTestOneInput(buf, (size_t)cut);
  free(buf);
  return 0;
}

int main(int argc, char **argv) {
  int runs = 0, bad = 0;
  for (int i = 1; i < argc; i++) {
    struct stat st;
    if (stat(argv[i], &st) != 0) {
      perror(argv[i]);
      return 1;
    }
    if (S_ISDIR(st.st_mode)) {
      DIR *d = opendir(argv[i]);
      struct dirent *e;
      while (d && (e = readdir(d))) {
        if (e->d_name[0] == '.') continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", argv[i], e->d_name);
        bad |= run_file(path);
        runs++;
      }
      if (d) closedir(d);
    } else {
      bad |= run_file(argv[i]);
      runs++;
    }
  }
  printf("%d passed, %d failed\n", runs - bad, bad);
  return bad;
}

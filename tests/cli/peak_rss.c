/* peak_rss PROGRAM [ARGS...]: runs PROGRAM and prints its peak resident set
 * size in KiB to standard error as the last line "peak_rss_kib=N"; exits
 * with its status (128+signal when killed).  The CLI tests measure memory
 * with it: a child forked from Python would count Python's own pages in
 * ru_maxrss, a child of this small program counts only its own. */
#define _DEFAULT_SOURCE
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv) {
  if (argc < 2) {
    fputs("usage: peak_rss PROGRAM [ARGS...]\n", stderr);
    return 2;
  }
  pid_t pid = fork();
  if (pid < 0) {
    perror("peak_rss: fork");
    return 2;
  }
  if (pid == 0) {
    execvp(argv[1], argv + 1);
    perror("peak_rss: exec");
    _exit(127);
  }
  int status;
  struct rusage ru;
  if (wait4(pid, &status, 0, &ru) < 0) {
    perror("peak_rss: wait4");
    return 2;
  }
  fprintf(stderr, "peak_rss_kib=%ld\n", ru.ru_maxrss);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

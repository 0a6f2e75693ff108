/* Control interface of tests/alloc/failmalloc.c for programs linked with it. */
#ifndef KZTEXT_TESTS_FAILMALLOC_H
#define KZTEXT_TESTS_FAILMALLOC_H

/* Starts counting allocations from 0 and makes the nth fail (0: none). */
void failmalloc_arm(long n);
/* Stops counting and failing (blocks made while armed are still tracked). */
void failmalloc_disarm(void);
/* Allocations counted since failmalloc_arm, whether the failure happened,
 * and how many blocks made while armed are still live. */
void failmalloc_state(long *allocs, int *injected, long *live_blocks);

/* The stack of the failed allocation (backtrace() frames); returns how many. */
int failmalloc_site(void **frames, int max);

#endif

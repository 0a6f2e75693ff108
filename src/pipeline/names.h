/* Internal interface of the pipeline's name spans (names.c). */
#ifndef KZTEXT_PIPELINE_NAMES_H
#define KZTEXT_PIPELINE_NAMES_H

#include <stddef.h>

#include <kztext.h>

/* The name keys of the name-like spans of sentence s[0..n), each followed
 * by '\n', into *buf (grown as needed, capacity *cap); *len is their total
 * length.  KZTEXT_OK or KZTEXT_E_NO_MEMORY. */
kztext_status kz_pipe_names(const char *s, size_t n, char **buf, size_t *cap, size_t *len);

#endif

/* Internal interface between the repair stages (src/repair/) and the
 * decoder (src/encoding/decode.c), which reuses the mojibake stage. */
#ifndef KZTEXT_REPAIR_INTERNAL_H
#define KZTEXT_REPAIR_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "core/buffer.h"

typedef struct kz_repair_counts {
  size_t homoglyphs, invisible, spaces, mojibake, key;
  int mojibake_source; /* kztext_encoding, 0 = none */
} kz_repair_counts;

/* Each stage reads valid UTF-8 s[0..n).  It returns 0 when the text needs no
 * change (out is left untouched, so clean text costs one scan), 1 when it
 * wrote the changed text to out (which it clears first), and -1 when memory
 * ran out. */
int kz_stage_mojibake(const char *s, size_t n, kz_buf *out, kz_repair_counts *c);
int kz_stage_chars(const char *s, size_t n, unsigned flags, kz_buf *out,
                   kz_repair_counts *c);
int kz_stage_homoglyphs(const char *s, size_t n, kz_buf *out, kz_repair_counts *c);
int kz_stage_key(const char *s, size_t n, kz_buf *out, kz_repair_counts *c);

#endif

/* Internal interface between the repair stages (src/repair/) and the
 * decoder (src/encoding/decode.c), which reuses the mojibake stage.  The
 * repair module sits below encoding: it uses the codepage tables
 * (src/codepage/) and never the encoding module (docs/architecture.md). */
#ifndef KZTEXT_REPAIR_INTERNAL_H
#define KZTEXT_REPAIR_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "core/buffer.h"

typedef struct kz_repair_counts {
  size_t homoglyphs, invisible, spaces, mojibake, key;
  int mojibake_source; /* kztext_encoding, 0 = none */
} kz_repair_counts;

/* Result of the quick scan. */
enum {
  KZ_NEED_CHARS = 8,         /* invisible or space characters (KZ_C_CHR) */
  KZ_NEED_KZ_MOJIBAKE = 16,  /* letters KZ-1048/PT154 mojibake shows (KZ_C_MOJB) */
  KZ_NEED_UTF8_MOJIBAKE = 32 /* two UTF-8 sequences in CP1251 clothing */
};
#define KZ_SCAN_MIXED 512
typedef struct kz_scan {
  unsigned needs;
  /* The counts the mojibake bits of `needs` come from (kz_scan_moj_needs).
   * Each is a sum over the stretches between ASCII white space, so a
   * change inside one stretch can be accounted for by rescanning it. */
  size_t strong, runs, longruns, mojb;
  /* Starts of the first words mixing scripts (in order); when there are
   * more than KZ_SCAN_MIXED, `more` is set and the stage searches on from
   * the last one listed. */
  size_t mixed[KZ_SCAN_MIXED];
  size_t nmixed;
  int more;
} kz_scan;

/* Validates s[0..n) as UTF-8 and scans it; returns 0 when it is not valid
 * (nothing else is set), else 1. */
int kz_repair_scan(const char *s, size_t n, kz_scan *r);

/* The mojibake bits of `needs` from the counts in *r. */
unsigned kz_scan_moj_needs(const kz_scan *r);

/* A word the homoglyph stage rewrote: s[a, b) of its input became
 * out[na, nb). */
typedef struct kz_change {
  size_t a, b, na, nb;
} kz_change;

/* UTF-8 mojibake is restored whole when at least one run of non-ASCII
 * characters in this many is a strong one (two sequences in a row or
 * more); the quick scans apply the same test to counts that can only
 * favour it. */
#define KZ_MOJIBAKE_RUNS_PER_STRONG 20

/* kz_sb_decode() (src/codepage/) that also sets *hint: bit 0 if the text
 * holds a letter only KZ-1048/PT154 mojibake shows, bit 1 if it could hold
 * UTF-8 mojibake (two UTF-8 sequences in a row in CP1251 terms).  When
 * *hint is 0 the mojibake stage has nothing to do. */
size_t kz_repair_sb_decode(const uint16_t *tab, const unsigned char *s, size_t n, char *out,
                           size_t cap, int replace, size_t *bad, unsigned *hint);

/* The mojibake bits of kz_repair_scan() for the decoding of s[0..n) from
 * the single-byte table `tab`, computed on the bytes in the same pass as
 * the UTF-8 size of the decoding (undefined bytes counted as U+FFFD) and
 * the offset of the first undefined byte ((size_t)-1 if none). */
unsigned kz_repair_scan_sb(const unsigned char *s, size_t n, const uint16_t *tab, size_t *out_size,
                           size_t *first_undef);

/* Each stage reads valid UTF-8 s[0..n).  It returns 0 when the text needs no
 * change (out is left untouched, so clean text costs one scan), 1 when it
 * wrote the changed text to out (which it clears first), and -1 when memory
 * ran out. */
int kz_stage_mojibake(const char *s, size_t n, kz_buf *out, kz_repair_counts *c);
int kz_stage_chars(const char *s, size_t n, unsigned flags, kz_buf *out, kz_repair_counts *c);
/* sc: where to look (NULL: everywhere).  When `changes` is not NULL, the
 * words rewritten are listed there in order (*changes is set to NULL when
 * memory for the list runs out; the caller frees it). */
int kz_stage_homoglyphs(const char *s, size_t n, const kz_scan *sc, kz_buf *out,
                        kz_repair_counts *c, kz_change **changes, size_t *nchanges);
int kz_stage_key(const char *s, size_t n, kz_buf *out, kz_repair_counts *c);

#endif

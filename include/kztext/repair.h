/*
 * kztext/repair.h — repairs of real-world text that normalization forms do
 * not make: Latin/Cyrillic homoglyphs, invisible and control characters,
 * odd spaces and line ends, mojibake; and search keys.
 *
 * Include <kztext.h>, not this file directly.
 *
 * Every repair is conservative (clean text comes out byte for byte the same)
 * and idempotent (repairing repaired text changes nothing).
 *
 * The repair bits are 0x00010000-0x00FF0000 of the flag layout in core.h.
 */
#ifndef KZTEXT_REPAIR_H
#define KZTEXT_REPAIR_H

#include "core.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Words mixing Latin and Cyrillic letters become one script (Latin a e o p
 *  c x y i... in a Cyrillic word become Cyrillic; Cyrillic look-alikes in a
 *  Latin word become Latin); Latin ə Ə in a Cyrillic word become ә Ә, Ӊ ӊ
 *  become Ң ң.  Words wholly in one script, Latin-script Kazakh, URLs,
 *  e-mail addresses and identifiers (letters next to digits or _) are never
 *  touched, nor words mixing letters that have no look-alike in the other
 *  script (iPhoneның), nor a capital Latin acronym followed by a Cyrillic
 *  suffix (BBCге). */
#define KZTEXT_REPAIR_HOMOGLYPHS 0x10000u
/** Removes ZWSP, SHY, LRM/RLM/ALM, bidi embeddings and isolates, word
 *  joiner, BOM inside the text, invisible operators, and C0/C1 controls other
 *  than TAB, LF, VT, FF, CR and NEL.  ZWJ is kept next to emoji and next to
 *  letters of scripts other than Latin and Cyrillic; ZWNJ is always kept. */
#define KZTEXT_REPAIR_INVISIBLE 0x20000u
/** NBSP, U+2000-U+200A, U+202F, U+205F, U+3000, U+1680 become a space; runs
 *  of spaces collapse to one; CR LF, CR, NEL, LS and PS become LF. */
#define KZTEXT_REPAIR_SPACES 0x40000u
/** UTF-8 read as CP1251 ("Р•Р»РёР·") and KZ-1048 or PT154 read as CP1251
 *  ("шыќќан") are restored.  The Kazakh codepage is chosen once per call
 *  from the whole text. */
#define KZTEXT_REPAIR_MOJIBAKE 0x80000u
/** The four repairs above. */
#define KZTEXT_REPAIR_ALL                                                                          \
  (KZTEXT_REPAIR_HOMOGLYPHS | KZTEXT_REPAIR_INVISIBLE | KZTEXT_REPAIR_SPACES |                     \
   KZTEXT_REPAIR_MOJIBAKE)
/** The default set (what `kztext normalize --repair all` and Python's
 *  repair=True select). */
#define KZTEXT_REPAIR_DEFAULT KZTEXT_REPAIR_ALL
/** Search-key mode, on top of the repairs selected: quotes become " and ',
 *  dashes and minus signs -, the ellipsis ..., and the text is case-folded
 *  (full folding, İ to i).  Canonical text keeps « » and —: only keys lose
 *  them. */
#define KZTEXT_REPAIR_KEY 0x100000u
/** With KZTEXT_REPAIR_SPACES: a non-ASCII space between two digits (5 000)
 *  becomes NARROW NO-BREAK SPACE U+202F instead of a plain space. */
#define KZTEXT_REPAIR_DIGIT_SPACE 0x200000u

/** Counts of what kztext_repair() changed.  Set `size` to
 *  sizeof(kztext_repair_report) before the call; the library fills only the
 *  fields that fit, so the struct can grow. */
typedef struct kztext_repair_report {
  size_t size;
  size_t homoglyphs; /**< words made single-script */
  size_t invisible;  /**< characters removed */
  size_t spaces;     /**< spaces mapped or removed, line ends unified */
  size_t mojibake;   /**< mojibake runs (UTF-8) or words (KZ-1048/PT154) restored */
  size_t key;        /**< characters changed by search-key mode */
  /** kztext_encoding (encoding.h) of the restored mojibake: 1 = UTF-8,
   *  8 = RK1048, 9 = PT154 (the last one found), 0 = none. */
  int mojibake_source;
} kztext_repair_report;

/**
 * Repairs src[0..len) into dst.  `flags`: KZTEXT_REPAIR_* bits and the
 * invalid-UTF-8 policy.  The repairs run in a fixed order: mojibake (it
 * needs the SHY and NBSP that UTF-8 bytes turn into), invisible, spaces,
 * homoglyphs (so a word split by a ZWSP is judged whole), key.
 * `report` may be NULL.
 *
 * Errors: KZTEXT_E_INVALID_FLAGS, KZTEXT_E_INVALID_UTF8 (strict; offset in
 * *error_offset, which may be NULL), KZTEXT_E_BUFFER_TOO_SMALL,
 * KZTEXT_E_NO_MEMORY.
 */
KZTEXT_API kztext_status kztext_repair(const char *src, size_t len, unsigned flags, char *dst,
                                       size_t dst_cap, size_t *dst_len,
                                       kztext_repair_report *report, size_t *error_offset);

/** Allocating twin of kztext_repair(); free *out with kztext_free(). */
KZTEXT_API kztext_status kztext_repair_alloc(const char *src, size_t len, unsigned flags,
                                             char **out, size_t *out_len,
                                             kztext_repair_report *report, size_t *error_offset);

/** Parses a comma-separated list of repair names ("homoglyphs", "invisible",
 *  "spaces", "mojibake", "all", "none", "key", "digit-space") into flag
 *  bits.  Returns KZTEXT_E_UNSUPPORTED for an unknown name. */
KZTEXT_API kztext_status kztext_repair_flags_from_names(const char *list, unsigned *flags);

#ifdef __cplusplus
}
#endif

#endif /* KZTEXT_REPAIR_H */

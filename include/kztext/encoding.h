/*
 * kztext/encoding.h — legacy encodings to UTF-8, detection, mojibake.
 *
 * Include <kztext.h>, not this file directly.
 *
 * Kazakh text from before Unicode comes in KZ-1048 (STRK1048-2002, "Windows
 * Kazakh") or PT154 (ParaType Asian Cyrillic); ICU has neither and its
 * detector calls both windows-1251.  kztext decodes them from its own
 * 256-entry tables (generated from CPython's codecs, cross-checked against
 * glibc iconv) and tells them apart from CP1251 by the letters the decoded
 * text contains.
 */
#ifndef KZTEXT_ENCODING_H
#define KZTEXT_ENCODING_H

#include "core.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Encodings kztext decodes.  Values are stable. */
typedef enum kztext_encoding {
  KZTEXT_ENC_AUTO = 0,      /**< detect (input only) */
  KZTEXT_ENC_UTF8 = 1,      /**< UTF-8, with or without a BOM */
  KZTEXT_ENC_UTF16LE = 2,   /**< UTF-16 little endian */
  KZTEXT_ENC_UTF16BE = 3,   /**< UTF-16 big endian */
  KZTEXT_ENC_CP1251 = 4,    /**< windows-1251 */
  KZTEXT_ENC_KOI8R = 5,     /**< KOI8-R */
  KZTEXT_ENC_IBM866 = 6,    /**< IBM866 (DOS Cyrillic) */
  KZTEXT_ENC_ISO8859_5 = 7, /**< ISO-8859-5 */
  KZTEXT_ENC_RK1048 = 8,    /**< KZ-1048 / RK1048 / STRK1048-2002 */
  KZTEXT_ENC_PT154 = 9,     /**< PT154 / PTCP154 */
  KZTEXT_ENC_UTF16 = 10     /**< UTF-16 by its BOM (little endian without one); input only */
} kztext_encoding;

/** Canonical lower-case name ("utf-8", "cp1251", "koi8-r", "ibm866",
 *  "iso-8859-5", "rk1048", "pt154", "utf-16le", "utf-16be", "utf-16",
 *  "auto"); NULL for any other value.  Encodings are numbered from 0
 *  without gaps, so kztext_encoding_name(i) for i = 0, 1, ... until NULL
 *  lists them. */
KZTEXT_API const char *kztext_encoding_name(kztext_encoding enc);

/** Looks up an encoding by name, case-insensitively, accepting common
 *  aliases (windows-1251, kz-1048, strk1048-2002, ptcp154, cp866, utf8...).
 *  Returns KZTEXT_E_UNSUPPORTED for an unknown name. */
KZTEXT_API kztext_status kztext_encoding_from_name(const char *name, kztext_encoding *enc);

/** What kztext_decode() did.  Set `size` to sizeof(kztext_decode_info)
 *  before the call: the library fills only the fields that fit, so the
 *  struct can grow. */
typedef struct kztext_decode_info {
  size_t size;
  /** The encoding the bytes were decoded from (the detected one for auto). */
  kztext_encoding encoding;
  /** How sure detection is, 0-100 (100 for a BOM, for valid non-ASCII
   *  UTF-8, for pure ASCII, and when the encoding was named). */
  int confidence;
  /** 1 if a byte order mark was found and dropped. */
  int bom;
  /** Mojibake runs or words restored after decoding (0 with
   *  KZTEXT_DECODE_NO_REPAIR). */
  size_t mojibake;
  /** Where restored mojibake came from: KZTEXT_ENC_UTF8 (UTF-8 read as
   *  CP1251), KZTEXT_ENC_RK1048 or KZTEXT_ENC_PT154 (read as CP1251), or
   *  KZTEXT_ENC_AUTO when none was found. */
  kztext_encoding mojibake_source;
} kztext_decode_info;

/* Flags of kztext_decode().  Bits 0-3: the invalid-input policy.
 * KZTEXT_INVALID_STRICT stops at the first byte that is not valid in the
 * encoding (KZTEXT_E_INVALID_UTF8 for UTF-8, KZTEXT_E_DECODE otherwise, with
 * its offset); KZTEXT_INVALID_REPLACE writes U+FFFD instead. */
/** Do not restore mojibake after decoding. */
#define KZTEXT_DECODE_NO_REPAIR 0x8000u

/**
 * Decodes src[0..len) from `from` (or the detected encoding for
 * KZTEXT_ENC_AUTO) into UTF-8 in dst, then (unless KZTEXT_DECODE_NO_REPAIR)
 * restores mojibake exactly as the KZTEXT_REPAIR_MOJIBAKE repair does.
 * A leading BOM is dropped.  `info` may be NULL.
 *
 * Errors: KZTEXT_E_INVALID_ARG, KZTEXT_E_INVALID_FLAGS, KZTEXT_E_DECODE and
 * KZTEXT_E_INVALID_UTF8 (strict; *error_offset = byte offset in src),
 * KZTEXT_E_BUFFER_TOO_SMALL, KZTEXT_E_NO_MEMORY.
 */
KZTEXT_API kztext_status kztext_decode(const char *src, size_t len, kztext_encoding from,
                                       unsigned flags, char *dst, size_t dst_cap, size_t *dst_len,
                                       kztext_decode_info *info, size_t *error_offset);

/** Allocating twin of kztext_decode(); free *out with kztext_free(). */
KZTEXT_API kztext_status kztext_decode_alloc(const char *src, size_t len, kztext_encoding from,
                                             unsigned flags, char **out, size_t *out_len,
                                             kztext_decode_info *info, size_t *error_offset);

/**
 * Detects the encoding of src[0..len): a BOM; else UTF-8 when the bytes are
 * (almost all) valid UTF-8; else the single-byte codepage whose decoding
 * looks most like Kazakh or Russian text (letter frequencies, case, and the
 * Kazakh letters that only KZ-1048 or PT154 put at a given byte).
 * *confidence (may be NULL) is 0-100.
 */
KZTEXT_API kztext_status kztext_detect_encoding(const char *src, size_t len, kztext_encoding *enc,
                                                int *confidence);

/** What kztext_detect_encoding_report() found.  Set `size` to
 *  sizeof(kztext_encoding_report) before the call: the library fills only
 *  the fields that fit, so the struct can grow. */
typedef struct kztext_encoding_report {
  size_t size;
  /** The best guess, as kztext_detect_encoding() returns it. */
  kztext_encoding encoding;
  /** 0-100, as kztext_detect_encoding() returns it. */
  int confidence;
  /** For a single-byte guess: the runner-up among the codepages that would
   *  decode these bytes differently; KZTEXT_ENC_AUTO when there is none. */
  kztext_encoding second;
  /** 1 when the guess can be trusted without asking: a BOM, UTF-8 (with
   *  or without a few ill-formed sequences), or a codepage that beats every
   *  other decoding clearly on enough bytes.  0 means: ask which encoding
   *  it is rather than guess (a stray byte or two in ASCII text, say). */
  int sure;
  /** Well-formed multi-byte UTF-8 sequences, or for a single-byte guess
   *  the bytes >= 0x80 that were weighed. */
  size_t evidence;
  /** Ill-formed UTF-8 sequences seen (detection stops counting once the
   *  evidence is clear). */
  size_t invalid_utf8;
  /** Offset of the first byte >= 0x80, or len when there is none. */
  size_t first_non_ascii;
} kztext_encoding_report;

/**
 * Like kztext_detect_encoding(), with the evidence behind the guess, so a
 * caller can refuse a weak one: see kztext_encoding_report.sure.
 * Errors: KZTEXT_E_INVALID_ARG (NULL report, size too small, NULL src with
 * len > 0).
 */
KZTEXT_API kztext_status kztext_detect_encoding_report(const char *src, size_t len,
                                                       kztext_encoding_report *report);

#ifdef __cplusplus
}
#endif

#endif /* KZTEXT_ENCODING_H */

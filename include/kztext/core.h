/*
 * kztext/core.h — conventions shared by every kztext module.
 *
 * Include <kztext.h>, not this file directly.
 *
 * API conventions (every module follows them):
 *
 *  - Every exported symbol starts with `kztext_`, every macro with `KZTEXT_`.
 *  - Fallible functions return a kztext_status: 0 is success, errors are
 *    negative and their values never change between releases.  The library
 *    never prints, never aborts and reports out-of-memory as
 *    KZTEXT_E_NO_MEMORY.
 *  - Text comes in as (const char *src, size_t len): UTF-8, not necessarily
 *    NUL-terminated, may contain NUL bytes.  `src` may be NULL when len is 0.
 *  - Text goes out into a caller buffer (char *dst, size_t dst_cap).  The
 *    length actually needed is always stored in *dst_len (when dst_len is not
 *    NULL); if it exceeds dst_cap the call returns KZTEXT_E_BUFFER_TOO_SMALL
 *    and the contents of dst are unspecified.  dst may be NULL when dst_cap is
 *    0, which is how a caller asks for the size.  Output is NOT NUL-terminated
 *    unless a function says so.
 *  - Each such function has an `_alloc` twin returning a malloc'd buffer
 *    (always NUL-terminated for convenience; the terminator is not counted in
 *    the length) which the caller releases with kztext_free().
 *  - Invalid UTF-8 is handled by an explicit policy flag: KZTEXT_INVALID_STRICT
 *    (the default: KZTEXT_E_INVALID_UTF8 with the byte offset of the first
 *    ill-formed sequence stored in *error_offset) or KZTEXT_INVALID_REPLACE
 *    (each maximal subpart of an ill-formed sequence becomes U+FFFD, as
 *    recommended by Unicode §3.9 and as Python's errors="replace" does).
 *  - Arguments come in one order: the handle (if any); the input (src,
 *    len); what selects the operation (language, scheme from/to, encoding,
 *    in that reading order); `unsigned flags`; the outputs (dst, dst_cap,
 *    dst_len or the out-pointers of an `_alloc` twin, then report structs);
 *    `size_t *error_offset` last.  A language is always a kztext_lang.
 *  - Options are bit flags.  Unknown bits are rejected with
 *    KZTEXT_E_INVALID_FLAGS, so flags can be added without breaking the ABI.
 *    No two public flags share a bit (the invalid-UTF-8 policy excepted,
 *    which every family takes): a flag handed to the wrong function is an
 *    error, never another option.  Each family owns a range:
 *      0x0000000F  invalid-UTF-8 policy (this header)
 *      0x00000FF0  KZTEXT_NORM_*      (normalize.h; 0x400, 0x800 free)
 *      0x00001000  KZTEXT_SEG_*       (segment.h)
 *      0x00002000  KZTEXT_DETECT_*    (detect.h)
 *      0x00004000  KZTEXT_TRANSLIT_*  (translit.h; also 0x800000)
 *      0x00008000  KZTEXT_DECODE_*    (encoding.h)
 *      0x00FF0000  KZTEXT_REPAIR_*    (repair.h; 0x400000 free, 0x800000 translit)
 *      0x0F000000  KZTEXT_CASE_*      (case.h; 0x8000000 free)
 *      0x70000000  KZTEXT_PIPELINE_*  (pipeline.h)
 *      0x80000000  reserved for the library's own use (never accepted)
 *    kztext_name_at(KZTEXT_NAMES_FLAG, ...) lists every flag with its value.
 *  - Names of enumeration values: every kztext_*_name() function returns a
 *    static string for each value its enumeration defines and NULL for any
 *    other value, never a placeholder.  Enumerations have no *_COUNT
 *    member: enumerate with the name function (or kztext_name_at()), so a
 *    value added later is not a compile-time constant of the caller.
 *  - Offsets are byte offsets into the caller's UTF-8.
 *  - No mutable global state.  Stateless functions are reentrant and may be
 *    called from any number of threads at once; objects with state (handles
 *    created by a `_new` function) belong to one thread at a time.  See
 *    docs/thread-safety.md.
 */
#ifndef KZTEXT_CORE_H
#define KZTEXT_CORE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Export macro: the library is built with hidden visibility and exports only
 * what carries KZTEXT_API.  Define KZTEXT_STATIC when linking the static
 * library on Windows. */
#if defined(_WIN32) && !defined(KZTEXT_STATIC)
#ifdef KZTEXT_BUILDING
#define KZTEXT_API __declspec(dllexport)
#else
#define KZTEXT_API __declspec(dllimport)
#endif
#elif defined(__GNUC__) || defined(__clang__)
#define KZTEXT_API __attribute__((visibility("default")))
#else
#define KZTEXT_API
#endif

/* Version of the API described by these headers.  While the major version is
 * 0 the soname carries MAJOR.MINOR (libkztext.so.0.1): a minor release may
 * change the ABI, a patch release never does.  From 1.0 on the soname is the
 * major version alone. */
#define KZTEXT_VERSION_MAJOR 0
#define KZTEXT_VERSION_MINOR 4
#define KZTEXT_VERSION_PATCH 0
#define KZTEXT_VERSION_STRING "0.4.0"
/* 0xMMmmpp, comparable with < and > */
#define KZTEXT_VERSION_NUMBER                                                                      \
  ((KZTEXT_VERSION_MAJOR << 16) | (KZTEXT_VERSION_MINOR << 8) | KZTEXT_VERSION_PATCH)

/** Version of the library actually loaded, as KZTEXT_VERSION_NUMBER. */
KZTEXT_API int kztext_version(void);
/** Version of the library actually loaded, as "MAJOR.MINOR.PATCH". */
KZTEXT_API const char *kztext_version_string(void);

/** Status codes.  Values are stable; new codes are only ever appended. */
typedef enum kztext_status {
  KZTEXT_OK = 0,
  /** An argument is invalid: a NULL pointer where one is required, an
   *  unknown enumeration value, or a contradictory combination. */
  KZTEXT_E_INVALID_ARG = -1,
  /** An option flag the library does not know was set. */
  KZTEXT_E_INVALID_FLAGS = -2,
  /** The input is not well-formed UTF-8 (strict policy); *error_offset
   *  holds the byte offset of the first ill-formed sequence. */
  KZTEXT_E_INVALID_UTF8 = -3,
  /** dst_cap is smaller than the output; *dst_len holds the size needed. */
  KZTEXT_E_BUFFER_TOO_SMALL = -4,
  /** A memory allocation failed. */
  KZTEXT_E_NO_MEMORY = -5,
  /** The operation is not supported (for example an unknown scheme or
   *  encoding name). */
  KZTEXT_E_UNSUPPORTED = -6,
  /** A call into ICU failed. */
  KZTEXT_E_ICU = -7,
  /** The bytes are not valid in the named legacy encoding; *error_offset
   *  holds the byte offset. */
  KZTEXT_E_DECODE = -8,
  /** The input is larger than the library can represent (size overflow). */
  KZTEXT_E_TOO_LARGE = -9,
  /** A user callback asked to stop. */
  KZTEXT_E_STOPPED = -10,
  /** An internal error: a bug in kztext.  Please report it. */
  KZTEXT_E_INTERNAL = -11
} kztext_status;

/** A short English message for a status ("invalid UTF-8", ...).  Never NULL;
 *  unknown values give "unknown status".  The string is static. */
KZTEXT_API const char *kztext_strerror(int status);

/** Releases memory returned by any kztext `_alloc` function.  NULL is fine.
 *  Use this rather than free() so that a program linked against another C
 *  runtime releases the memory with the allocator that made it. */
KZTEXT_API void kztext_free(void *ptr);

/* Invalid UTF-8 policy, accepted by every function that reads text and takes
 * flags.  Bits 0-3 of every flags word are reserved for it. */
#define KZTEXT_INVALID_STRICT 0u
#define KZTEXT_INVALID_REPLACE 0x1u

/** Tables of the names kztext accepts, for bindings and tools that should
 *  ask the library rather than copy its tables.  Values are stable. */
typedef enum kztext_names {
  /** kztext_lang_from_name(): "auto", "und", "kk", "ru", "en". */
  KZTEXT_NAMES_LANG = 0,
  /** kztext_case_lang_from_name(): "auto", "kk", "ru", "en" and aliases. */
  KZTEXT_NAMES_CASE_LANG = 1,
  /** Case operations: "upper", "lower", "fold", "casefold" with their
   *  KZTEXT_CASE_* flag. */
  KZTEXT_NAMES_CASE_OP = 2,
  /** kztext_scheme_from_name(), aliases included. */
  KZTEXT_NAMES_SCHEME = 3,
  /** kztext_encoding_from_name(), aliases included. */
  KZTEXT_NAMES_ENCODING = 4,
  /** The items of kztext_repair_flags_from_names() with their flag bits. */
  KZTEXT_NAMES_REPAIR = 5,
  /** Every public flag macro by its name ("KZTEXT_NORM_NFC") and value. */
  KZTEXT_NAMES_FLAG = 6,
  /** Layout of every public struct: "kztext_detect_result" is its size,
   *  "kztext_detect_result.scores" the offset of a field, for bindings
   *  that declare the structs themselves (ctypes) and must not guess. */
  KZTEXT_NAMES_LAYOUT = 7
} kztext_names;

/**
 * The i-th entry (from 0) of a name table: returns the name and stores its
 * value (an enumeration value or flag bits) in *value (which may be NULL);
 * NULL past the last entry or for an unknown table.  Each value's canonical
 * name comes before its aliases.  The strings are static.
 */
KZTEXT_API const char *kztext_name_at(kztext_names table, size_t i, int64_t *value);

#ifdef __cplusplus
}
#endif

#endif /* KZTEXT_CORE_H */

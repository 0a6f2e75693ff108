/* Status messages, version, and memory release. */
#include <stdlib.h>

#include <kztext.h>

const char *kztext_strerror(int status) {
  switch (status) {
  case KZTEXT_OK:
    return "success";
  case KZTEXT_E_INVALID_ARG:
    return "invalid argument";
  case KZTEXT_E_INVALID_FLAGS:
    return "unknown option flags";
  case KZTEXT_E_INVALID_UTF8:
    return "invalid UTF-8";
  case KZTEXT_E_BUFFER_TOO_SMALL:
    return "output buffer too small";
  case KZTEXT_E_NO_MEMORY:
    return "out of memory";
  case KZTEXT_E_UNSUPPORTED:
    return "not supported";
  case KZTEXT_E_ICU:
    return "ICU error";
  case KZTEXT_E_DECODE:
    return "invalid byte sequence for the encoding";
  case KZTEXT_E_TOO_LARGE:
    return "input too large";
  case KZTEXT_E_STOPPED:
    return "stopped by callback";
  case KZTEXT_E_INTERNAL:
    return "internal error";
  default:
    return "unknown status";
  }
}

int kztext_version(void) { return KZTEXT_VERSION_NUMBER; }

const char *kztext_version_string(void) { return KZTEXT_VERSION_STRING; }

void kztext_free(void *ptr) { free(ptr); }

/*
 * kztext/lang.h — the languages kztext knows, shared by every module that
 * takes or returns a language (detection, segmentation, case mapping, the
 * pipeline).
 *
 * Include <kztext.h>, not this file directly.
 */
#ifndef KZTEXT_LANG_H
#define KZTEXT_LANG_H

#include "core.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Languages.  Values are stable and index kztext_detect_result.scores;
 *  new languages are only ever appended.  There is deliberately no count:
 *  kztext_lang_name() returns NULL past the last language, which is how a
 *  caller enumerates them at run time. */
typedef enum kztext_lang {
  KZTEXT_LANG_UND = 0, /**< "und": another language, or too little evidence */
  KZTEXT_LANG_KK = 1,  /**< "kk" Kazakh */
  KZTEXT_LANG_RU = 2,  /**< "ru" Russian */
  KZTEXT_LANG_EN = 3   /**< "en" English */
} kztext_lang;

/** As an input, "und" means: choose automatically. */
#define KZTEXT_LANG_AUTO KZTEXT_LANG_UND

/** Length of the per-language arrays in result structs
 *  (kztext_detect_result.scores and .share).  Fixed for the life of the
 *  ABI, so adding a language moves no field; entries past the last language
 *  are 0. */
#define KZTEXT_LANG_CAPACITY 16

/** "und", "kk", "ru", "en"; NULL for any other value (see the rule for
 *  names in core.h). */
KZTEXT_API const char *kztext_lang_name(kztext_lang lang);

/** Looks up a language by its name ("und", "kk", "ru", "en") or "auto"
 *  (= KZTEXT_LANG_AUTO), as the segmenter and the pipeline take it.
 *  KZTEXT_E_UNSUPPORTED for another name, KZTEXT_E_INVALID_ARG for NULL. */
KZTEXT_API kztext_status kztext_lang_from_name(const char *name, kztext_lang *lang);

#ifdef __cplusplus
}
#endif

#endif /* KZTEXT_LANG_H */

/*
 * kztext/lang.h — the languages kztext knows, shared by every module that
 * takes or returns a language (detection, segmentation, case mapping, the
 * pipeline).
 *
 * Include <kztext.h>, not this file directly.
 */
#ifndef KZTEXT_LANG_H
#define KZTEXT_LANG_H

#ifdef __cplusplus
extern "C" {
#endif

/** Languages.  Values are stable and index kztext_detect_result.scores. */
typedef enum kztext_lang {
  KZTEXT_LANG_UND = 0, /**< "und": another language, or too little evidence */
  KZTEXT_LANG_KK = 1,  /**< "kk" Kazakh */
  KZTEXT_LANG_RU = 2,  /**< "ru" Russian */
  KZTEXT_LANG_EN = 3,  /**< "en" English */
  KZTEXT_LANG_COUNT = 4
} kztext_lang;

/** As an input, "und" means: choose automatically. */
#define KZTEXT_LANG_AUTO KZTEXT_LANG_UND

#ifdef __cplusplus
}
#endif

#endif /* KZTEXT_LANG_H */

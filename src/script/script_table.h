/* Internal: per-code-point script classes from the generated table, shared by
 * the script and langid modules. */
#ifndef KZTEXT_SCRIPT_TABLE_H
#define KZTEXT_SCRIPT_TABLE_H

#include <stdint.h>

#include <kztext.h>

/* Numbers of classes and scripts: internal, so that appending one changes
 * no constant compiled into callers (they enumerate with the name
 * functions). */
#define KZ_SC_COUNT 18
#define KZ_SCRIPT_COUNT 6

/* The two-stage table of src/gen/script_classes.inc (defined in script.c). */
extern const uint16_t kz_sc_stage1[8704];
extern const uint8_t kz_sc_stage2[][128];

/* Class of cp (any value; above U+10FFFF gives KZTEXT_SC_OTHER).  Inline:
 * it sits in every hot loop of the script and langid modules. */
static inline unsigned kz_script_class(uint32_t cp) {
  if (cp >= 0x110000) return KZTEXT_SC_OTHER;
  return kz_sc_stage2[kz_sc_stage1[cp >> 7]][cp & 127];
}

/* Coarse script of each class (indexed by kztext_script_class). */
extern const uint8_t kz_class_script[KZ_SC_COUNT];

#endif

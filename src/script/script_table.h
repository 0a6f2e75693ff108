/* Internal: per-code-point script classes from the generated table, shared by
 * the script and langid modules. */
#ifndef KZTEXT_SCRIPT_TABLE_H
#define KZTEXT_SCRIPT_TABLE_H

#include <stdint.h>

#include <kztext.h>

/* Class of cp (any value; above U+10FFFF gives KZTEXT_SC_OTHER). */
unsigned kz_script_class(uint32_t cp);

/* Coarse script of each class (indexed by kztext_script_class). */
extern const uint8_t kz_class_script[KZTEXT_SC_COUNT];

#endif

/* kztext_name_at(), the language names, the table of public flags and the
 * layout of the public structs.  A module of its own above the modules whose
 * tables it hands out (case, translit, encoding, repair), so that no module
 * below refers up to it. */
#include <stddef.h>
#include <string.h>

#include <kztext.h>

#include "case/case_names.h"
#include "core/names.h"
#include "encoding/encoding_names.h"
#include "repair/repair_names.h"
#include "translit/translit_names.h"

static const kz_name lang_names[] = {{"und", KZTEXT_LANG_UND},   {"kk", KZTEXT_LANG_KK},
                                     {"ru", KZTEXT_LANG_RU},     {"en", KZTEXT_LANG_EN},
                                     {"auto", KZTEXT_LANG_AUTO}, {NULL, 0}};

kztext_status kztext_lang_from_name(const char *name, kztext_lang *lang) {
  if (!name || !lang) return KZTEXT_E_INVALID_ARG;
  const kz_name *e = kz_name_find(lang_names, name, strlen(name), 0);
  if (!e) return KZTEXT_E_UNSUPPORTED;
  *lang = (kztext_lang)e->value;
  return KZTEXT_OK;
}

/* Every flag of the public headers; tests/python/test_abi.py checks this
 * list against the headers both ways and that no two flags share a bit. */
#define F(x)                                                                                       \
  { #x, x }
static const kz_name flag_names[] = {F(KZTEXT_INVALID_STRICT),
                                     F(KZTEXT_INVALID_REPLACE),
                                     F(KZTEXT_NORM_NFC),
                                     F(KZTEXT_NORM_NFD),
                                     F(KZTEXT_NORM_NFKC),
                                     F(KZTEXT_NORM_NFKD),
                                     F(KZTEXT_NORM_CASEFOLD),
                                     F(KZTEXT_NORM_NEWLINES),
                                     F(KZTEXT_SEG_LINES),
                                     F(KZTEXT_DETECT_NO_MIXED),
                                     F(KZTEXT_TRANSLIT_ARABIC_HAMZA_0621),
                                     F(KZTEXT_TRANSLIT_ARABIC_PATRONYMIC_APART),
                                     F(KZTEXT_DECODE_NO_REPAIR),
                                     F(KZTEXT_REPAIR_HOMOGLYPHS),
                                     F(KZTEXT_REPAIR_INVISIBLE),
                                     F(KZTEXT_REPAIR_SPACES),
                                     F(KZTEXT_REPAIR_MOJIBAKE),
                                     F(KZTEXT_REPAIR_KEY),
                                     F(KZTEXT_REPAIR_DIGIT_SPACE),
                                     F(KZTEXT_CASE_UPPER),
                                     F(KZTEXT_CASE_LOWER),
                                     F(KZTEXT_CASE_FOLD),
                                     F(KZTEXT_PIPELINE_LINES),
                                     F(KZTEXT_PIPELINE_NO_REPAIR),
                                     F(KZTEXT_PIPELINE_TRANSLIT_ALL),
                                     F(KZTEXT_PIPELINE_ROLES),
                                     {NULL, 0}};
#undef F

/* Sizes and field offsets of the public structs, for ctypes bindings. */
#define S(t)                                                                                       \
  { #t, sizeof(t) }
#define O(t, f)                                                                                    \
  { #t "." #f, offsetof(t, f) }
static const kz_name layout_names[] = {S(kztext_detect_result),
                                       O(kztext_detect_result, size),
                                       O(kztext_detect_result, lang),
                                       O(kztext_detect_result, script),
                                       O(kztext_detect_result, variant),
                                       O(kztext_detect_result, mixed),
                                       O(kztext_detect_result, confidence),
                                       O(kztext_detect_result, letters),
                                       O(kztext_detect_result, scores),
                                       O(kztext_detect_result, share),
                                       S(kztext_decode_info),
                                       O(kztext_decode_info, size),
                                       O(kztext_decode_info, encoding),
                                       O(kztext_decode_info, confidence),
                                       O(kztext_decode_info, bom),
                                       O(kztext_decode_info, mojibake),
                                       O(kztext_decode_info, mojibake_source),
                                       S(kztext_encoding_report),
                                       O(kztext_encoding_report, size),
                                       O(kztext_encoding_report, encoding),
                                       O(kztext_encoding_report, confidence),
                                       O(kztext_encoding_report, second),
                                       O(kztext_encoding_report, sure),
                                       O(kztext_encoding_report, evidence),
                                       O(kztext_encoding_report, invalid_utf8),
                                       O(kztext_encoding_report, first_non_ascii),
                                       S(kztext_repair_report),
                                       O(kztext_repair_report, size),
                                       O(kztext_repair_report, homoglyphs),
                                       O(kztext_repair_report, invisible),
                                       O(kztext_repair_report, spaces),
                                       O(kztext_repair_report, mojibake),
                                       O(kztext_repair_report, key),
                                       O(kztext_repair_report, mojibake_source),
                                       S(kztext_span),
                                       O(kztext_span, start),
                                       O(kztext_span, end),
                                       S(kztext_alignment),
                                       O(kztext_alignment, src_start),
                                       O(kztext_alignment, src_end),
                                       O(kztext_alignment, dst_start),
                                       O(kztext_alignment, dst_end),
                                       S(kztext_script_run),
                                       O(kztext_script_run, start),
                                       O(kztext_script_run, end),
                                       O(kztext_script_run, script),
                                       S(kztext_mixed_word),
                                       O(kztext_mixed_word, start),
                                       O(kztext_mixed_word, end),
                                       O(kztext_mixed_word, intended),
                                       O(kztext_mixed_word, cyrl_letters),
                                       O(kztext_mixed_word, latn_letters),
                                       S(kztext_pipeline_options),
                                       O(kztext_pipeline_options, size),
                                       O(kztext_pipeline_options, encoding),
                                       O(kztext_pipeline_options, lang),
                                       O(kztext_pipeline_options, translit),
                                       O(kztext_pipeline_options, translit_to),
                                       O(kztext_pipeline_options, flags),
                                       O(kztext_pipeline_options, names),
                                       S(kztext_sentence),
                                       O(kztext_sentence, size),
                                       O(kztext_sentence, para),
                                       O(kztext_sentence, start),
                                       O(kztext_sentence, end),
                                       O(kztext_sentence, text),
                                       O(kztext_sentence, len),
                                       O(kztext_sentence, lang),
                                       O(kztext_sentence, script),
                                       O(kztext_sentence, variant),
                                       O(kztext_sentence, confidence),
                                       O(kztext_sentence, translit),
                                       O(kztext_sentence, translit_len),
                                       O(kztext_sentence, normalized),
                                       O(kztext_sentence, normalized_len),
                                       O(kztext_sentence, role),
                                       O(kztext_sentence, names),
                                       O(kztext_sentence, names_len),
                                       S(kztext_pipeline_stats),
                                       O(kztext_pipeline_stats, size),
                                       O(kztext_pipeline_stats, normalized_len),
                                       O(kztext_pipeline_stats, paragraphs),
                                       O(kztext_pipeline_stats, sentences),
                                       O(kztext_pipeline_stats, encoding),
                                       O(kztext_pipeline_stats, encoding_confidence),
                                       O(kztext_pipeline_stats, repairs),
                                       S(kztext_stream_options),
                                       O(kztext_stream_options, size),
                                       O(kztext_stream_options, pipeline),
                                       O(kztext_stream_options, jobs),
                                       O(kztext_stream_options, memory),
                                       O(kztext_stream_options, batch),
                                       O(kztext_stream_options, format),
                                       S(kztext_stream_doc),
                                       O(kztext_stream_doc, size),
                                       O(kztext_stream_doc, data),
                                       O(kztext_stream_doc, len),
                                       O(kztext_stream_doc, meta),
                                       O(kztext_stream_doc, meta_len),
                                       O(kztext_stream_doc, error),
                                       O(kztext_stream_doc, error_offset),
                                       O(kztext_stream_doc, paragraph_errors),
                                       S(kztext_stream_result),
                                       O(kztext_stream_result, size),
                                       O(kztext_stream_result, index),
                                       O(kztext_stream_result, meta),
                                       O(kztext_stream_result, meta_len),
                                       O(kztext_stream_result, doc_len),
                                       O(kztext_stream_result, offset),
                                       O(kztext_stream_result, last),
                                       O(kztext_stream_result, status),
                                       O(kztext_stream_result, error_offset),
                                       O(kztext_stream_result, sentences),
                                       O(kztext_stream_result, count),
                                       O(kztext_stream_result, normalized_len),
                                       O(kztext_stream_result, paragraphs),
                                       O(kztext_stream_result, formatted),
                                       O(kztext_stream_result, formatted_len),
                                       S(kztext_stream_stats),
                                       O(kztext_stream_stats, size),
                                       O(kztext_stream_stats, documents),
                                       O(kztext_stream_stats, results),
                                       O(kztext_stream_stats, bytes),
                                       O(kztext_stream_stats, peak_inflight),
                                       O(kztext_stream_stats, memory),
                                       O(kztext_stream_stats, batch),
                                       O(kztext_stream_stats, jobs),
                                       {NULL, 0}};
#undef S
#undef O

const char *kztext_name_at(kztext_names table, size_t i, int64_t *value) {
  const kz_name *t;
  switch (table) {
  case KZTEXT_NAMES_LANG:
    t = lang_names;
    break;
  case KZTEXT_NAMES_CASE_LANG:
    t = kz_case_lang_names;
    break;
  case KZTEXT_NAMES_CASE_OP:
    t = kz_case_op_names;
    break;
  case KZTEXT_NAMES_SCHEME:
    t = kz_scheme_names;
    break;
  case KZTEXT_NAMES_ENCODING:
    t = kz_encoding_names;
    break;
  case KZTEXT_NAMES_REPAIR:
    t = kz_repair_names;
    break;
  case KZTEXT_NAMES_FLAG:
    t = flag_names;
    break;
  case KZTEXT_NAMES_LAYOUT:
    t = layout_names;
    break;
  default:
    return NULL;
  }
  for (size_t k = 0; k < i; k++)
    if (!t[k].name) return NULL;
  if (!t[i].name) return NULL;
  if (value) *value = t[i].value;
  return t[i].name;
}

/* Encoding names: the canonical name of each kztext_encoding and the
 * spellings kztext_encoding_from_name() accepts.  The codepage tables
 * themselves are in src/codepage/. */
#include <string.h>

#include <kztext.h>

#include "encoding/encoding_names.h"

/* Canonical names first (kztext_name_at), each before its aliases. */
const kz_name kz_encoding_names[] = {
    {"auto", KZTEXT_ENC_AUTO},           {"utf-8", KZTEXT_ENC_UTF8},
    {"utf8", KZTEXT_ENC_UTF8},           {"utf-8-sig", KZTEXT_ENC_UTF8},
    {"utf-16", KZTEXT_ENC_UTF16},        {"utf16", KZTEXT_ENC_UTF16},
    {"utf-16le", KZTEXT_ENC_UTF16LE},    {"utf-16be", KZTEXT_ENC_UTF16BE},
    {"cp1251", KZTEXT_ENC_CP1251},       {"windows-1251", KZTEXT_ENC_CP1251},
    {"cp-1251", KZTEXT_ENC_CP1251},      {"koi8-r", KZTEXT_ENC_KOI8R},
    {"koi8r", KZTEXT_ENC_KOI8R},         {"koi8", KZTEXT_ENC_KOI8R},
    {"ibm866", KZTEXT_ENC_IBM866},       {"cp866", KZTEXT_ENC_IBM866},
    {"866", KZTEXT_ENC_IBM866},          {"iso-8859-5", KZTEXT_ENC_ISO8859_5},
    {"iso8859-5", KZTEXT_ENC_ISO8859_5}, {"iso_8859-5", KZTEXT_ENC_ISO8859_5},
    {"rk1048", KZTEXT_ENC_RK1048},       {"kz-1048", KZTEXT_ENC_RK1048},
    {"kz1048", KZTEXT_ENC_RK1048},       {"strk1048-2002", KZTEXT_ENC_RK1048},
    {"pt154", KZTEXT_ENC_PT154},         {"ptcp154", KZTEXT_ENC_PT154},
    {"cp154", KZTEXT_ENC_PT154},         {NULL, 0},
};

const char *kztext_encoding_name(kztext_encoding enc) {
  switch (enc) {
  case KZTEXT_ENC_AUTO:
    return "auto";
  case KZTEXT_ENC_UTF8:
    return "utf-8";
  case KZTEXT_ENC_UTF16LE:
    return "utf-16le";
  case KZTEXT_ENC_UTF16BE:
    return "utf-16be";
  case KZTEXT_ENC_UTF16:
    return "utf-16";
  case KZTEXT_ENC_CP1251:
    return "cp1251";
  case KZTEXT_ENC_KOI8R:
    return "koi8-r";
  case KZTEXT_ENC_IBM866:
    return "ibm866";
  case KZTEXT_ENC_ISO8859_5:
    return "iso-8859-5";
  case KZTEXT_ENC_RK1048:
    return "rk1048";
  case KZTEXT_ENC_PT154:
    return "pt154";
  }
  return NULL;
}

kztext_status kztext_encoding_from_name(const char *name, kztext_encoding *enc) {
  if (!name || !enc) return KZTEXT_E_INVALID_ARG;
  const kz_name *e = kz_name_find(kz_encoding_names, name, strlen(name), 1);
  if (!e) return KZTEXT_E_UNSUPPORTED;
  *enc = (kztext_encoding)e->value;
  return KZTEXT_OK;
}

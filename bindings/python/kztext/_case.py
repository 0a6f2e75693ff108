"""Case mapping that knows Kazakh: Turkic i rules for Latin Kazakh."""
from __future__ import annotations

from ctypes import POINTER, byref, c_char, c_char_p, c_int, c_size_t, c_uint
from typing import Optional, TypeVar, cast

from . import _lib
from ._lib import lib

# Operation and language names with their codes, as the library lists them.
_OPS = _lib.table(_lib.NAMES_CASE_OP)
_LANGS = _lib.table(_lib.NAMES_CASE_LANG)

_lib._sig("kztext_case_alloc", c_int, c_char_p, c_size_t, c_int, c_uint,
          POINTER(POINTER(c_char)), POINTER(c_size_t), POINTER(c_size_t))


# str in, str out; UTF-8 bytes in, bytes out.
T = TypeVar("T", str, bytes)


def case(text: T, op: Optional[str] = "lower", lang: Optional[str] = "auto",
         invalid: Optional[str] = "strict") -> T:
    """Maps case: op is "upper", "lower" or "fold"; lang "kk" (Turkic i rules:
    BILIM -> bılım), "ru", "en" or "auto" (Turkic rules when the text has
    ı İ ğ ş)."""
    flags = _lib.choose(_OPS, op, "case operation", "lower")
    code = _lib.choose(_LANGS, lang, "language", "auto")
    t = _lib.encode(text, invalid, "case")
    out = _lib.call_alloc(lib.kztext_case_alloc, t.data, code, flags | t.flags, what="case")
    return cast(T, out.decode("utf-8") if t.text is not None else out)


def upper(text: T, lang: Optional[str] = "auto") -> T:
    """Upper case (kk: i -> İ)."""
    return case(text, "upper", lang)


def lower(text: T, lang: Optional[str] = "auto") -> T:
    """Lower case (kk: I -> ı)."""
    return case(text, "lower", lang)


def casefold(text: T, lang: Optional[str] = "auto") -> T:
    """Case folding for caseless matching (kk: I -> ı, İ -> i)."""
    return case(text, "fold", lang)

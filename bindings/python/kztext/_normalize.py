"""Unicode normalization and UTF-8 repair."""
from __future__ import annotations

from ctypes import POINTER, c_char, c_char_p, c_int, c_size_t, c_uint, byref
from typing import Any, Optional, Union, overload

from . import _lib
from ._lib import lib

NFC, NFD, NFKC, NFKD, CASEFOLD, NEWLINES = (
    _lib.flag("NORM_" + n) for n in ("NFC", "NFD", "NFKC", "NFKD", "CASEFOLD", "NEWLINES"))
_FORMS = {"NFC": NFC, "NFD": NFD, "NFKC": NFKC, "NFKD": NFKD,
          "NFKC_CASEFOLD": NFKC | CASEFOLD, "NONE": 0}

_lib._sig("kztext_normalize_alloc", c_int, c_char_p, c_size_t, c_uint,
          POINTER(POINTER(c_char)), POINTER(c_size_t), POINTER(c_size_t))
_lib._sig("kztext_is_normalized", c_int, c_char_p, c_size_t, c_uint,
          POINTER(c_int), POINTER(c_size_t))
_lib._sig("kztext_utf8_repair_alloc", c_int, c_char_p, c_size_t,
          POINTER(POINTER(c_char)), POINTER(c_size_t), POINTER(c_size_t))
_lib._sig("kztext_utf8_validate", c_int, c_char_p, c_size_t, POINTER(c_size_t))


def _flags(form: Optional[str], casefold: bool, newlines: bool) -> int:
    key = "NONE" if form is None or form == "" else _lib.name_arg(form, "normalization form")
    key = key.upper().replace("-", "_")
    if key not in _FORMS:
        raise _lib.unsupported(f"unknown normalization form {form!r}; expected one of "
                         "NFC, NFD, NFKC, NFKD, NFKC_Casefold or None")
    if casefold and not _FORMS[key]:
        raise _lib.unsupported("casefold=True needs a normalization form")
    return _FORMS[key] | (CASEFOLD if casefold else 0) | (NEWLINES if newlines else 0)


@overload
def normalize(text: str, form: Optional[str] = ..., casefold: bool = ..., newlines: bool = ...,
              invalid: str = ..., repair: object = ..., key: bool = ...) -> str: ...
@overload
def normalize(text: bytes, form: Optional[str] = ..., casefold: bool = ..., newlines: bool = ...,
              invalid: str = ..., repair: object = ..., key: bool = ...) -> bytes: ...


def normalize(text: Any, form: Optional[str] = "NFC", casefold: bool = False,
              newlines: bool = False, invalid: Optional[str] = "strict", repair: Any = None,
              key: bool = False) -> Any:
    """Normalizes text to `form` ("NFC", "NFD", "NFKC", "NFKD", "NFKC_Casefold" or
    None), optionally case-folded and with newlines unified to LF.

    repair= runs kztext's repairs first: True or "all", or names ("homoglyphs",
    "invisible", "spaces", "mojibake", "digit-space") as a comma-separated
    string or a list; key=True adds search-key mode (with all repairs when
    repair is not given).  See kztext.repair().

    str in, str out; bytes in, bytes out (UTF-8).  Invalid input raises
    InvalidUTF8Error under invalid="strict" (.offset: a byte offset for bytes,
    the str index of a lone surrogate for str) and becomes U+FFFD under
    invalid="replace" (one per lone surrogate)."""
    flags = _flags(form, casefold, newlines)
    if repair or key:
        from ._repair import repair as _repair
        text = _repair(text, repair if repair else True, key=key, invalid=invalid)
    t = _lib.encode(text, invalid, "normalize")
    out = _lib.call_alloc(lib.kztext_normalize_alloc, t.data, flags | t.flags, what="normalize")
    return out.decode("utf-8") if t.text is not None else out


def is_normalized(text: Union[str, bytes], form: str = "NFC", casefold: bool = False) -> bool:
    """True if normalize(text, form, casefold) would return text unchanged."""
    flags = _flags(form, casefold, False)
    data = _lib.encode(text, "strict", "is_normalized").data
    res, err = c_int(0), c_size_t(0)
    st = lib.kztext_is_normalized(data, len(data), flags, byref(res), byref(err))
    _lib.check(st, err.value if st == _lib.E_INVALID_UTF8 else None, "is_normalized")
    return bool(res.value)


def validate_utf8(data: bytes) -> Optional[int]:
    """None if data is well-formed UTF-8, else the byte offset of the first
    error (for a str: None, or the str index of its first lone surrogate)."""
    try:
        data = _lib.encode(data, "strict", "validate_utf8").data
    except _lib.InvalidUTF8Error as e:
        return e.offset
    err = c_size_t(0)
    st = lib.kztext_utf8_validate(data, len(data), byref(err))
    if st == _lib.E_INVALID_UTF8:
        return err.value
    _lib.check(st)
    return None


def repair_utf8(data: bytes) -> bytes:
    """Replaces each maximal ill-formed subsequence with U+FFFD (as Python's
    errors="replace" does) and returns UTF-8 bytes (a str: its UTF-8, each
    lone surrogate U+FFFD)."""
    data = _lib.encode(data, "replace", "repair_utf8").data
    out = POINTER(c_char)()
    n, count = c_size_t(0), c_size_t(0)
    st = lib.kztext_utf8_repair_alloc(data, len(data), byref(out), byref(n), byref(count))
    try:
        _lib.check(st, None, "repair_utf8")
        import ctypes
        return ctypes.string_at(out, n.value)
    finally:
        lib.kztext_free(out)

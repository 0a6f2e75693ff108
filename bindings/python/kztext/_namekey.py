"""The name key: one key for every spelling of a name across scripts."""
from __future__ import annotations

from ctypes import POINTER, c_char, c_char_p, c_int, c_size_t, c_uint
from typing import Optional, TypeVar, cast

from . import _lib
from ._lib import lib

_lib._sig("kztext_name_key_alloc", c_int, c_char_p, c_size_t, c_uint,
          POINTER(POINTER(c_char)), POINTER(c_size_t), POINTER(c_size_t))

T = TypeVar("T", str, bytes)


def name_key(text: T, invalid: Optional[str] = "strict") -> T:
    """The name key of `text` (one name, of one or more parts): Бейбіт
    Есенов, Beibit Yesenov, Бейбит Есенов and Yesenov Beibit all give
    "esenif peipit".  A phonetic skeleton in lower-case ASCII, not a
    transliteration (docs/names.md).  str in, str out; bytes in, bytes out."""
    t = _lib.encode(text, invalid, "name_key")
    out = _lib.call_alloc(lib.kztext_name_key_alloc, t.data, t.flags, what="name_key")
    return cast(T, out.decode("ascii") if t.text is not None else out)

"""Repairs of real-world text: homoglyphs, invisible characters, spaces,
mojibake, and search keys."""
from __future__ import annotations

import ctypes
from ctypes import POINTER, Structure, byref, c_char, c_char_p, c_int, c_size_t, c_uint
from typing import Any, Dict, Iterable, Optional, Tuple, Union

from . import _lib
from ._lib import lib

_lib._sig("kztext_encoding_name", c_char_p, c_int)
# Repair names and their flag bits as the library lists them
# (kztext_repair_flags_from_names reads the same table).
NAMES = _lib.table(_lib.NAMES_REPAIR)
KEY = _lib.flag("REPAIR_KEY")


@_lib.structure_of("kztext_repair_report")
class _Report(Structure):
    _fields_ = [("size", c_size_t), ("homoglyphs", c_size_t), ("invisible", c_size_t),
                ("spaces", c_size_t), ("mojibake", c_size_t), ("key", c_size_t),
                ("mojibake_source", c_int)]


_lib._sig("kztext_repair_alloc", c_int, c_char_p, c_size_t, c_uint,
          POINTER(POINTER(c_char)), POINTER(c_size_t), POINTER(_Report), POINTER(c_size_t))

RepairSpec = Union[bool, str, Iterable[str], None]


def repair_flags(repair: RepairSpec, key: bool = False) -> int:
    """Flag bits for a repair selection: True or "all" (the default set), a
    comma-separated string or an iterable of names (homoglyphs, invisible,
    spaces, mojibake, all, none, digit-space), False/None for none."""
    if repair is True:
        names = ["all"]
    elif not repair:
        names = []
    elif isinstance(repair, str):
        names = [n for n in repair.split(",") if n]
    else:
        names = list(repair)
    flags = 0
    for n in names:
        flags |= _lib.choose(NAMES, n, "repair")
    return flags | (KEY if key else 0)


def _source(code: int) -> Optional[str]:
    """The encoding name of report.mojibake_source; None for 0 (none found)."""
    return lib.kztext_encoding_name(code).decode() if code else None


def _run(text: object, flags: int, invalid: Optional[str]) -> Tuple[bytes, Dict[str, object]]:
    t = _lib.encode(text, invalid, "repair")
    out = POINTER(c_char)()
    n, err = c_size_t(0), c_size_t(0)
    rep = _Report(ctypes.sizeof(_Report))
    st = lib.kztext_repair_alloc(t.data, len(t.data), flags | t.flags, byref(out), byref(n),
                                 byref(rep), byref(err))
    try:
        _lib.check(st, err.value if st == _lib.E_INVALID_UTF8 else None, "repair")
        res = ctypes.string_at(out, n.value)
    finally:
        lib.kztext_free(out)
    report = {"homoglyphs": rep.homoglyphs, "invisible": rep.invisible, "spaces": rep.spaces,
              "mojibake": rep.mojibake, "key": rep.key,
              "mojibake_source": _source(rep.mojibake_source)}
    return res, report


def repair(text: Any, repairs: RepairSpec = True, key: bool = False,
           invalid: Optional[str] = "strict", report: bool = False) -> Any:
    """Repairs text (str in, str out; bytes in, bytes out).  `repairs` selects
    the repairs (see repair_flags); key=True adds search-key mode.  With
    report=True returns (text, counts) where counts maps each repair name to
    the number of changes."""
    out, counts = _run(text, repair_flags(repairs, key), invalid)
    res = out.decode("utf-8") if isinstance(text, str) else out
    return (res, counts) if report else res


def search_key(text: str) -> str:
    """The search key of text: all repairs, then quotes, dashes, ellipses and
    case unified."""
    return repair(text, True, key=True)

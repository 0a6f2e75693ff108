"""Kazakh transliteration: Cyrillic, Latin (2021, 2018, 2017), ISO 9, BGN/PCGN,
ALA-LC and the Arabic script, with optional offset alignments."""
from __future__ import annotations

import ctypes
from ctypes import POINTER, Structure, byref, c_char, c_char_p, c_int, c_size_t, c_uint
from typing import List, Tuple, Union, overload

from . import _lib
from ._lib import lib

SCHEMES = ("cyrillic", "latin2021", "latin2018", "latin2017", "iso9", "bgn", "alalc", "arabic")
_AUTO = -1
NO_LEXICON = 0x10
ARABIC_HAMZA_0621 = 0x20


class _Span(Structure):
    _fields_ = [("src_start", c_size_t), ("src_end", c_size_t),
                ("dst_start", c_size_t), ("dst_end", c_size_t)]


_lib._sig("kztext_scheme_from_name", c_int, c_char_p, POINTER(c_int))
_lib._sig("kztext_translit_alloc", c_int, c_char_p, c_size_t, c_int, c_int, c_uint,
          POINTER(POINTER(c_char)), POINTER(c_size_t), POINTER(c_size_t))
_lib._sig("kztext_translit_offsets_alloc", c_int, c_char_p, c_size_t, c_int, c_int, c_uint,
          POINTER(POINTER(c_char)), POINTER(c_size_t), POINTER(POINTER(_Span)),
          POINTER(c_size_t), POINTER(c_size_t))
_lib._sig("kztext_translit_detect", c_int, c_char_p, c_size_t)

Span = Tuple[int, int, int, int]


def _scheme(name: str, what: str) -> int:
    v = c_int(0)
    st = lib.kztext_scheme_from_name(str(name).encode(), byref(v))
    if st != _lib.OK:
        raise ValueError(f"unknown {what} scheme {name!r}; expected one of "
                         + ", ".join(SCHEMES + ("latin", "auto")))
    return v.value


def detect_scheme(text: str) -> str:
    """The scheme of `text`: "cyrillic", "arabic", "latin2021"/"latin2018"/
    "latin2017", or "auto" when it has no letters."""
    data = _lib.to_bytes(text)
    v = lib.kztext_translit_detect(data, len(data))
    return "auto" if v == _AUTO else SCHEMES[v]


@overload
def translit(text: str, to: str = ..., source: str = ..., offsets: bool = ...,
             lexicon: bool = ..., invalid: str = ...) -> Union[str, Tuple[str, List[Span]]]: ...


def translit(text, to="latin2021", source="auto", offsets=False, lexicon=True,
             invalid="strict"):
    """Transliterates Kazakh `text` to scheme `to` ("latin2021" (alias "latin"),
    "latin2018", "latin2017", "iso9", "bgn", "alalc", "arabic", "cyrillic") from
    `source` (a scheme name, or "auto" to detect each word's script).

    With offsets=True returns (text, spans): each span is (src_start, src_end,
    dst_start, dst_end) in str indices, output span <- input span, in order.
    lexicon=False turns off the word list of the Latin -> Cyrillic direction."""
    if to == "auto":
        raise ValueError("'auto' is only a source scheme")
    t = _scheme(to, "target")
    f = _scheme(source, "source")
    if invalid not in ("strict", "replace"):
        raise ValueError("invalid must be 'strict' or 'replace'")
    flags = (0 if lexicon else NO_LEXICON) | (_lib.INVALID_REPLACE if invalid == "replace" else 0)
    data = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else _lib.to_bytes(text)
    if not offsets:
        out = _lib.call_alloc(lib.kztext_translit_alloc, data, f, t, flags, what="translit")
        return out.decode("utf-8") if isinstance(text, str) else out
    out = POINTER(c_char)()
    out_len = c_size_t(0)
    spans = POINTER(_Span)()
    n = c_size_t(0)
    err = c_size_t(0)
    st = lib.kztext_translit_offsets_alloc(data, len(data), f, t, flags, byref(out),
                                           byref(out_len), byref(spans), byref(n), byref(err))
    try:
        _lib.check(st, err.value if st == _lib.E_INVALID_UTF8 else None, "translit")
        res = ctypes.string_at(out, out_len.value)
        raw = [(spans[i].src_start, spans[i].src_end, spans[i].dst_start, spans[i].dst_end)
               for i in range(n.value)]
    finally:
        lib.kztext_free(out)
        lib.kztext_free(spans)
    if not isinstance(text, str):
        return res, raw
    si = _lib.byte_to_str_index(data)
    di = _lib.byte_to_str_index(res)
    return res.decode("utf-8"), [(si(a), si(b), di(c), di(d)) for a, b, c, d in raw]

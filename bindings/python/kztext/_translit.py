"""Kazakh transliteration: Cyrillic, Latin (2021, 2018, 2017), ISO 9, BGN/PCGN,
ALA-LC and the Arabic script, with optional offset alignments."""
from __future__ import annotations

import ctypes
from ctypes import POINTER, Structure, byref, c_char, c_char_p, c_int, c_size_t, c_uint
from array import array
from collections.abc import Sequence
from itertools import accumulate, islice, repeat
from typing import Iterator, List, Optional, Tuple, Union, overload

from . import _lib
from ._lib import lib

_lib._sig("kztext_scheme_name", c_char_p, c_int)
# Scheme names and codes from the library: the targets are numbered from 0
# (kztext_scheme_name until NULL); the lookup table adds aliases and "auto".
SCHEMES = _lib.enum_names(lib.kztext_scheme_name)
_SCHEME_NAMES = _lib.table(_lib.NAMES_SCHEME)
_AUTO = _SCHEME_NAMES["auto"]
ARABIC_HAMZA_0621 = _lib.flag("TRANSLIT_ARABIC_HAMZA_0621")


@_lib.structure_of("kztext_alignment")
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


class Spans(Sequence):
    """The alignment translit(offsets=True) returns: a read-only sequence of
    (src_start, src_end, dst_start, dst_end) tuples, one per converted letter
    or unchanged run, in output order.  It indexes (a tuple), slices (a
    Spans), iterates, compares equal to a list or tuple of the same tuples,
    and .tolist() makes that list.

    The spans tile both texts, so they are stored as two arrays of
    boundaries (n + 1 machine integers each; span i is src[i]:src[i+1] ->
    dst[i]:dst[i+1]): 8 bytes per span (16 past 4 GiB), not the ~190 bytes of
    a list of 4-tuples."""
    __slots__ = ("_src", "_dst", "_flat")

    def __init__(self, src: Optional[array] = None, dst: Optional[array] = None,
                 flat: Optional[array] = None) -> None:
        # Either boundaries (src, dst) or, should spans ever not tile, a flat
        # array of 4 offsets per span.
        self._src, self._dst, self._flat = src, dst, flat

    def __len__(self) -> int:
        if self._flat is not None:
            return len(self._flat) // 4
        return max(len(self._src) - 1, 0) if self._src is not None else 0

    def _at(self, k: int) -> Span:
        if self._flat is not None:
            return tuple(self._flat[4 * k:4 * k + 4])  # type: ignore[return-value]
        s, d = self._src, self._dst
        return (s[k], s[k + 1], d[k], d[k + 1])

    def __getitem__(self, i):
        n = len(self)
        if isinstance(i, slice):
            start, stop, step = i.indices(n)
            if step == 1 and self._flat is None:
                stop = max(start, stop)
                if stop == start:
                    return Spans()
                return Spans(self._src[start:stop + 1], self._dst[start:stop + 1])
            flat = array(self._flat.typecode if self._flat is not None else self._src.typecode)
            for k in range(start, stop, step):
                flat.extend(self._at(k))
            return Spans(flat=flat)
        k = i + n if i < 0 else i
        if not 0 <= k < n:
            raise IndexError("span index out of range")
        return self._at(k)

    def __iter__(self) -> Iterator[Span]:
        if self._flat is not None:
            it = iter(self._flat)
            return zip(it, it, it, it)
        if self._src is None:
            return iter(())
        s, d = self._src, self._dst
        return zip(s, islice(s, 1, None), d, islice(d, 1, None))

    def __eq__(self, other) -> bool:
        if isinstance(other, (Spans, list, tuple)):
            return len(other) == len(self) and all(a == b for a, b in zip(self, other))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def tolist(self) -> List[Span]:
        return list(self)

    def __repr__(self) -> str:
        return f"Spans({self.tolist()!r})"


_LEAD = bytes(0 if 0x80 <= b < 0xC0 else 1 for b in range(256))  # 1: a character starts


def _bounds(starts, ends, data: bytes, as_str: bool) -> array:
    """n + 1 boundaries of spans that tile `data` (span i: starts[i]:ends[i],
    ends[i] == starts[i + 1]), as str indices (as_str) or byte offsets: the
    characters of each span are counted in a mask of `data` (1 byte per byte)
    and summed, one linear pass at C speed."""
    tc = "I" if len(data) < 1 << 32 else "Q"
    if not as_str or data.isascii():
        out = array(tc, starts)
        out.append(ends[-1])
        return out
    mask = data.translate(_LEAD)
    return array(tc, accumulate(map(mask.count, repeat(1), starts, ends),
                                initial=mask.count(1, 0, starts[0])))


def _alignment(spans, n: int, t: _lib.Encoded, out: bytes) -> Spans:
    """The C alignment (n spans at `spans`) as a Spans of str indices (str
    input) or byte offsets, read straight from the C array."""
    if n == 0:
        return Spans()
    flat = memoryview((c_size_t * (4 * n)).from_address(ctypes.addressof(spans.contents)))
    flat = flat.cast("B").cast("Q" if ctypes.sizeof(c_size_t) == 8 else "L")
    as_str = t.text is not None
    if flat[1:-4:4] == flat[4::4] and flat[3:-4:4] == flat[6::4]:  # they tile (always so far)
        return Spans(_bounds(flat[0::4], flat[1::4], t.data, as_str),
                     _bounds(flat[2::4], flat[3::4], out, as_str))
    raw = array("Q", flat)
    if as_str:
        si, di = _lib.byte_to_str_index(t.data), _lib.byte_to_str_index(out)
        for c, conv in ((0, si), (1, si), (2, di), (3, di)):
            raw[c::4] = array("Q", map(conv, raw[c::4]))
    return Spans(flat=raw)


def _scheme(name, what: str, default: str) -> int:
    return _lib.lookup(lib.kztext_scheme_from_name, name, f"{what} scheme", default,
                       ", ".join(_SCHEME_NAMES))


def detect_scheme(text: str) -> str:
    """The scheme of `text`: "cyrillic", "arabic", "latin2021"/"latin2018"/
    "latin2017", or "auto" when it has no letters.  (A lone surrogate counts
    as U+FFFD, which is no letter.)"""
    data = _lib.encode(text, "replace", "detect_scheme").data
    v = lib.kztext_translit_detect(data, len(data))
    return "auto" if v == _AUTO else SCHEMES[v]


@overload
def translit(text: str, to: str = ..., source: str = ..., offsets: bool = ...,
             invalid: str = ...) -> Union[str, Tuple[str, Spans]]: ...


def translit(text, to="latin2021", source="auto", offsets=False, invalid="strict"):
    """Transliterates Kazakh `text` to scheme `to` ("latin2021" (alias "latin"),
    "latin2018", "latin2017", "iso9", "bgn", "alalc", "arabic", "mediawiki",
    "cyrillic") from
    `source` (a scheme name, or "auto" to detect each word's script); None
    means the default of each.

    With offsets=True returns (text, spans): spans is a Spans, a sequence of
    (src_start, src_end, dst_start, dst_end) tuples in str indices (byte
    offsets for bytes input), output span <- input span, in order; each
    converted letter has a span, unchanged text comes as runs."""
    if to == "auto":
        raise ValueError("'auto' is only a source scheme")
    t_id = _scheme(to, "target", "latin2021")
    f_id = _scheme(source, "source", "auto")
    t = _lib.encode(text, invalid, "translit")
    flags = t.flags
    if not offsets:
        out = _lib.call_alloc(lib.kztext_translit_alloc, t.data, f_id, t_id, flags,
                              what="translit")
        return out.decode("utf-8") if t.text is not None else out
    out = POINTER(c_char)()
    out_len = c_size_t(0)
    spans = POINTER(_Span)()
    n = c_size_t(0)
    err = c_size_t(0)
    st = lib.kztext_translit_offsets_alloc(t.data, len(t.data), f_id, t_id, flags, byref(out),
                                           byref(out_len), byref(spans), byref(n), byref(err))
    try:
        try:
            _lib.check(st, err.value if st == _lib.E_INVALID_UTF8 else None, "translit")
            res = ctypes.string_at(out, out_len.value)
        finally:
            lib.kztext_free(out)
        aligned = _alignment(spans, n.value, t, res)
    finally:
        lib.kztext_free(spans)
    return (res.decode("utf-8") if t.text is not None else res), aligned

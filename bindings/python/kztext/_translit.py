"""Kazakh transliteration: Cyrillic, Latin (2021, 2018, 2017), ISO 9, BGN/PCGN,
ALA-LC and the Arabic script, with optional offset alignments."""
from __future__ import annotations

import ctypes
import functools
import threading
from ctypes import POINTER, Structure, byref, c_char, c_char_p, c_int, c_size_t, c_uint, c_void_p
from array import array
from collections.abc import Sequence
from itertools import accumulate, islice, repeat
from typing import Any, Iterable, Iterator, List, Literal, Optional, Tuple, Union, overload

from . import _lib
from ._lib import lib

_lib._sig("kztext_scheme_name", c_char_p, c_int)
# Scheme names and codes from the library: the targets are numbered from 0
# (kztext_scheme_name until NULL); the lookup table adds aliases and "auto".
SCHEMES = _lib.enum_names(lib.kztext_scheme_name)
_SCHEME_NAMES = _lib.table(_lib.NAMES_SCHEME)
_AUTO = _SCHEME_NAMES["auto"]
_CYRILLIC = _SCHEME_NAMES["cyrillic"]
ARABIC_HAMZA_0621 = _lib.flag("TRANSLIT_ARABIC_HAMZA_0621")
ARABIC_PATRONYMIC_APART = _lib.flag("TRANSLIT_ARABIC_PATRONYMIC_APART")


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
# A function object of its own whose buffer and out-parameters are plain
# addresses (c_void_p): ctypes converts those about twice as fast as
# pointer types, which halves the cost of a short call.
_translit_c = lib["kztext_translit"]
_translit_c.restype = c_int
_translit_c.argtypes = [c_char_p, c_size_t, c_int, c_int, c_uint, c_void_p, c_size_t,
                        c_void_p, c_void_p]
# The same through a transliterator, for the Cyrillic target: the memory it
# keeps (latin2021 and Arabic words) only serves there, and elsewhere the
# extra argument would cost a short call 3-5%.
_kept_c = lib["kztext_transliterator_run"]
_kept_c.restype = c_int
_kept_c.argtypes = [c_void_p, c_char_p, c_size_t, c_int, c_int, c_uint, c_void_p, c_size_t,
                    c_void_p, c_void_p]
_lib._sig("kztext_transliterator_new", c_int, POINTER(c_void_p))
_lib._sig("kztext_transliterator_free", None, c_void_p)
_STRICT = _lib.INVALID_STRICT


class _Scratch(threading.local):
    """Per-thread output buffer for the caller-buffer call: a short string
    then costs one C call, with no allocation to free (docs/python.md,
    bench/bench_python.py); and the thread's transliterator, which keeps the
    words it has converted to Cyrillic, so that many short texts run at the
    speed of one long one (the output is the same)."""
    MAX = 1 << 20  # longer outputs go through kztext_translit_alloc

    def __init__(self) -> None:
        # Set while a call owns the buffer: a translit() from a signal
        # handler that runs between the C call and the copy of its output
        # then takes the allocating path instead of overwriting it.
        self.busy = False
        self.n, self.err = c_size_t(0), c_size_t(0)
        self.pn, self.perr = ctypes.addressof(self.n), ctypes.addressof(self.err)
        self.grow(1 << 12)
        tl = c_void_p()
        _lib.check(lib.kztext_transliterator_new(byref(tl)), None, "translit")
        self.tl = tl.value
        self.kept = functools.partial(_kept_c, self.tl)

    # The function is bound now: at interpreter exit the module's names may be gone.
    def __del__(self, _free: Any = lib.kztext_transliterator_free) -> None:
        _free(self.tl)

    def grow(self, cap: int) -> None:
        self.cap = cap
        self.buf = (c_char * cap)()  # kept alive here while pbuf is used
        self.pbuf = ctypes.addressof(self.buf)
        self.mv = memoryview(self.buf).cast("B")


_scratch = _Scratch()

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
        self._src: Any = src
        self._dst: Any = dst
        self._flat: Any = flat

    def __len__(self) -> int:
        if self._flat is not None:
            return len(self._flat) // 4
        return max(len(self._src) - 1, 0) if self._src is not None else 0

    def _at(self, k: int) -> Span:
        if self._flat is not None:
            return tuple(self._flat[4 * k:4 * k + 4])  # type: ignore[return-value]
        s, d = self._src, self._dst
        return (s[k], s[k + 1], d[k], d[k + 1])

    @overload
    def __getitem__(self, i: int) -> Span: ...
    @overload
    def __getitem__(self, i: slice) -> "Spans": ...

    def __getitem__(self, i: Union[int, slice]) -> Union[Span, "Spans"]:
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

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (Spans, list, tuple)):
            return len(other) == len(self) and all(a == b for a, b in zip(self, other))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def tolist(self) -> List[Span]:
        return list(self)

    def __repr__(self) -> str:
        return f"Spans({self.tolist()!r})"


_LEAD = bytes(0 if 0x80 <= b < 0xC0 else 1 for b in range(256))  # 1: a character starts


def _bounds(starts: Any, ends: Any, data: bytes, as_str: bool) -> array:
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


def _alignment(spans: Any, n: int, t: _lib.Encoded, out: bytes) -> Spans:
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


def _scheme(name: object, what: str, default: str) -> int:
    return _lib.lookup(lib.kztext_scheme_from_name, name, f"{what} scheme", default,
                       ", ".join(_SCHEME_NAMES))


def detect_scheme(text: str) -> str:
    """The scheme of `text`: "cyrillic", "arabic", "latin2021"/"latin2018"/
    "latin2017", or "auto" when it has no letters.  (A lone surrogate counts
    as U+FFFD, which is no letter.)"""
    data = _lib.encode(text, "replace", "detect_scheme").data
    v = lib.kztext_translit_detect(data, len(data))
    return "auto" if v == _AUTO else SCHEMES[v]


TextArg = Union[str, bytes, bytearray, memoryview]
BytesArg = Union[bytes, bytearray, memoryview]
Opt = Optional[str]


# The overloads give each call its precise type: str -> str, bytes -> bytes,
# (text, Spans) with offsets=True, a list for a list.
@overload
def translit(text: str, to: Opt = ..., source: Opt = ..., offsets: Literal[False] = ...,
             invalid: Opt = ..., hamza: Opt = ..., patronymic_apart: bool = ...) -> str: ...
@overload
def translit(text: str, to: Opt = ..., source: Opt = ..., *, offsets: Literal[True],
             invalid: Opt = ..., hamza: Opt = ..., patronymic_apart: bool = ...) -> Tuple[str, Spans]: ...
@overload
def translit(text: BytesArg, to: Opt = ..., source: Opt = ..., offsets: Literal[False] = ...,
             invalid: Opt = ..., hamza: Opt = ..., patronymic_apart: bool = ...) -> bytes: ...
@overload
def translit(text: BytesArg, to: Opt = ..., source: Opt = ..., *, offsets: Literal[True],
             invalid: Opt = ..., hamza: Opt = ..., patronymic_apart: bool = ...) -> Tuple[bytes, Spans]: ...
@overload
def translit(text: Union[List[str], Tuple[str, ...]], to: Opt = ..., source: Opt = ...,
             offsets: Literal[False] = ..., invalid: Opt = ..., hamza: Opt = ...,
             patronymic_apart: bool = ...) -> List[str]: ...
@overload
def translit(text: Union[TextArg, List[str], Tuple[str, ...]], to: Opt = ..., source: Opt = ...,
             offsets: bool = ..., invalid: Opt = ..., hamza: Opt = ...,
             patronymic_apart: bool = ...) -> Any: ...


def translit(text: Union[TextArg, List[str], Tuple[str, ...]], to: Optional[str] = "latin2021",
             source: Optional[str] = "auto", offsets: bool = False,
             invalid: Optional[str] = "strict", hamza: Optional[str] = None,
             patronymic_apart: bool = False) -> Any:
    """Transliterates Kazakh `text` to scheme `to` ("latin2021" (alias "latin"),
    "latin2018", "latin2017", "iso9", "bgn", "alalc", "arabic", "mediawiki",
    "cyrillic") from
    `source` (a scheme name, or "auto" to detect each word's script); None
    means the default of each.  Returns str for str, bytes for bytes.

    With offsets=True returns (text, spans): spans is a Spans, a sequence of
    (src_start, src_end, dst_start, dst_end) tuples in str indices (byte
    offsets for bytes input), output span <- input span, in order; each
    converted letter has a span, unchanged text comes as runs.

    A list (or tuple) of texts is a batch: the list of what each item alone
    gives (the schemes are looked up once, and each item costs one C call),
    the same as [translit(t, ...) for t in text] at a fraction of the cost.
    For the Arabic target, hamza="u0621" writes the front-vowel hamza as
    U+0621 (people.com.cn, ts.cn, CLDR) instead of U+0674 ("u0674", the
    default), and patronymic_apart=True writes ұлы / қызы as a word of their
    own, as Xinjiang print does.

    Unknown schemes raise UnsupportedError (a ValueError)."""
    extra = _arabic_flags(hamza, patronymic_apart)
    t_id = _target(to)
    f_id = _SCHEME_NAMES.get(source) if type(source) is str else None
    if f_id is None:
        f_id = _scheme(source, "source", "auto")
    if isinstance(text, (list, tuple)):
        if offsets or extra or not (invalid is None or invalid == "strict"):
            return [_one(x, f_id, t_id, offsets, invalid, extra) for x in text]
        return _batch(text, f_id, t_id)
    return _one(text, f_id, t_id, offsets, invalid, extra)


def _arabic_flags(hamza: Optional[str], patronymic_apart: bool) -> int:
    if hamza is None or hamza == "u0674":
        flags = 0
    elif hamza == "u0621":
        flags = ARABIC_HAMZA_0621
    else:
        raise _lib.unsupported(f"unknown hamza {hamza!r} (u0674 or u0621)")
    return flags | (ARABIC_PATRONYMIC_APART if patronymic_apart else 0)


def _batch(items: Iterable[Any], f_id: int, t_id: int) -> List[Any]:
    """_one over items with everything it looks up hoisted out of the loop;
    an item the short path cannot take (bytes, a lone surrogate, an error,
    a long text) goes through _one, so results and errors are the same."""
    s = _scratch
    if s.busy:
        return [_one(x, f_id, t_id, False, "strict") for x in items]
    s.busy = True
    try:
        fn: Any = s.kept if t_id == _CYRILLIC else _translit_c
        pn, perr, n, limit = s.pn, s.perr, s.n, s.MAX // 4
        buf, cap, mv = s.pbuf, s.cap, s.mv
        out: List[Any] = []
        append = out.append
        for x in items:
            if type(x) is str:
                try:
                    data = x.encode("utf-8")
                except UnicodeEncodeError:
                    data = None
                if data is not None and len(data) < limit:
                    st = fn(data, len(data), f_id, t_id, _STRICT, buf, cap, pn, perr)
                    if st == _lib.E_BUFFER_TOO_SMALL and n.value <= s.MAX:
                        s.grow(max(n.value, 2 * cap))
                        buf, cap, mv = s.pbuf, s.cap, s.mv
                        st = fn(data, len(data), f_id, t_id, _STRICT, buf, cap, pn, perr)
                    if st == _lib.OK:
                        append(str(mv[:n.value], "utf-8"))
                        continue
            append(_one(x, f_id, t_id, False, "strict"))  # busy: the general path
        return out
    finally:
        s.busy = False


def _target(to: Optional[str]) -> int:
    t_id = _SCHEME_NAMES.get(to) if type(to) is str else None
    if t_id is None:
        t_id = _scheme(to, "target", "latin2021")
    if t_id == _AUTO:
        raise _lib.unsupported("'auto' is only a source scheme")
    return t_id


def _one(text: TextArg, f_id: int, t_id: int, offsets: bool, invalid: Optional[str],
         extra: int = 0) -> Any:
    if not offsets and not extra and type(text) is str and (invalid is None or invalid == "strict"):
        # The common case, short and direct: str in, str out, into this
        # thread's buffer.  Anything unusual takes the general path below.
        try:
            data = text.encode("utf-8")
        except UnicodeEncodeError:
            data = None
        s = _scratch
        if data is not None and len(data) < s.MAX // 4 and not s.busy:
            s.busy = True
            try:
                fn: Any = s.kept if t_id == _CYRILLIC else _translit_c
                st = fn(data, len(data), f_id, t_id, _STRICT, s.pbuf, s.cap, s.pn, s.perr)
                if st == _lib.E_BUFFER_TOO_SMALL and s.n.value <= s.MAX:
                    s.grow(max(s.n.value, 2 * s.cap))
                    st = fn(data, len(data), f_id, t_id, _STRICT, s.pbuf, s.cap, s.pn, s.perr)
                if st == _lib.OK:
                    return str(s.mv[:s.n.value], "utf-8")
            finally:
                s.busy = False
            if st != _lib.E_BUFFER_TOO_SMALL:
                _lib.check(st, None, "translit")
    t = _lib.encode(text, invalid, "translit")
    flags = t.flags | extra
    if not offsets:
        out = _lib.call_alloc(lib.kztext_translit_alloc, t.data, f_id, t_id, flags,
                              what="translit")
        return out.decode("utf-8") if t.text is not None else out
    cout = POINTER(c_char)()
    out_len = c_size_t(0)
    spans = POINTER(_Span)()
    n = c_size_t(0)
    err = c_size_t(0)
    st = lib.kztext_translit_offsets_alloc(t.data, len(t.data), f_id, t_id, flags, byref(cout),
                                           byref(out_len), byref(spans), byref(n), byref(err))
    try:
        try:
            _lib.check(st, err.value if st == _lib.E_INVALID_UTF8 else None, "translit")
            res = ctypes.string_at(cout, out_len.value)
        finally:
            lib.kztext_free(cout)
        aligned = _alignment(spans, n.value, t, res)
    finally:
        lib.kztext_free(spans)
    return (res.decode("utf-8") if t.text is not None else res), aligned

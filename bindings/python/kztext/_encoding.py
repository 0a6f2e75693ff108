"""Legacy encodings to UTF-8: decoding, detection, mojibake restoration."""
from __future__ import annotations

import ctypes
import warnings
from ctypes import POINTER, Structure, byref, c_char, c_char_p, c_int, c_size_t, c_uint
from typing import Any, NamedTuple, Optional, Tuple

from . import _lib
from ._lib import lib

_lib._sig("kztext_encoding_name", c_char_p, c_int)
NO_REPAIR = _lib.flag("DECODE_NO_REPAIR")
# Canonical names by code, from the library (kztext_encoding_name until NULL).
_NAMES = dict(enumerate(_lib.enum_names(lib.kztext_encoding_name)))
_ACCEPTED = ", ".join(_NAMES.values())


@_lib.structure_of("kztext_decode_info")
class _DecodeInfo(Structure):
    _fields_ = [("size", c_size_t), ("encoding", c_int), ("confidence", c_int),
                ("bom", c_int), ("mojibake", c_size_t), ("mojibake_source", c_int)]


_lib._sig("kztext_encoding_from_name", c_int, c_char_p, POINTER(c_int))
_lib._sig("kztext_decode_alloc", c_int, c_char_p, c_size_t, c_int, c_uint,
          POINTER(POINTER(c_char)), POINTER(c_size_t), POINTER(_DecodeInfo), POINTER(c_size_t))
_lib._sig("kztext_detect_encoding", c_int, c_char_p, c_size_t, POINTER(c_int), POINTER(c_int))


@_lib.structure_of("kztext_encoding_report")
class _Report(Structure):
    _fields_ = [("size", c_size_t), ("encoding", c_int), ("confidence", c_int),
                ("second", c_int), ("sure", c_int), ("evidence", c_size_t),
                ("invalid_utf8", c_size_t), ("first_non_ascii", c_size_t)]


_lib._sig("kztext_detect_encoding_report", c_int, c_char_p, c_size_t, POINTER(_Report))


class EncodingReport(NamedTuple):
    """What encoding detection found (kztext_encoding_report): the guess and
    its confidence (0-1, like detect()), the runner-up (None when no other codepage reads
    the bytes differently), whether the guess is sure enough to use without
    asking, the evidence weighed, the ill-formed UTF-8 sequences seen, and the
    offset of the first non-ASCII byte (len(data) when there is none)."""
    encoding: str
    confidence: float
    second: Optional[str]
    sure: bool
    evidence: int
    invalid_utf8: int
    first_non_ascii: int


class Decoded(Tuple[str, str]):
    """Result of decode(): unpacks as (text, encoding) — the text and the
    canonical kztext name of the encoding it was decoded from — and carries
    .confidence (0-1, like detect()), .mojibake (runs or words restored) and
    .mojibake_source ("utf-8", "rk1048", "pt154" or None)."""

    confidence: float
    mojibake: int
    mojibake_source: Optional[str]

    def __new__(cls, text: str, encoding: str, confidence: float = 1.0, mojibake: int = 0,
                mojibake_source: Optional[str] = None) -> "Decoded":
        # mypy 1.0 misreads tuple.__new__ in a Tuple[str, str] subclass.
        self = super().__new__(cls, (text, encoding))  # type: ignore[arg-type]
        self.confidence = confidence
        self.mojibake = mojibake
        self.mojibake_source = mojibake_source
        return self

    @property
    def text(self) -> str:
        return self[0]

    @property
    def encoding(self) -> str:
        return self[1]

    def __repr__(self) -> str:
        return (f"Decoded(text={self[0][:40]!r}, encoding={self[1]!r}, "
                f"confidence={self.confidence}, mojibake={self.mojibake}, "
                f"mojibake_source={self.mojibake_source!r})")


def _enc_id(name: Optional[str]) -> int:
    """The C id of an encoding name; None means "auto"."""
    return _lib.lookup(lib.kztext_encoding_from_name, name, "encoding", "auto", _ACCEPTED)


_UNSET: Any = object()


def decode(data: _lib.BytesLike, encoding: Optional[str] = "auto", repair: bool = True,
           invalid: Optional[str] = "strict", *, errors: Optional[str] = _UNSET) -> Decoded:
    """Decodes legacy bytes to text.  `encoding` is "auto" (detect; also
    None) or a name; mojibake is restored unless repair=False.
    invalid="strict" raises KztextError (with .offset, a byte offset into
    data) on a byte the encoding does not define; invalid="replace" writes
    U+FFFD.  `errors=` is the old name of `invalid=` (deprecated).

    >>> decode("Қазақ".encode("kz1048")).text
    'Қазақ'
    """
    data = _lib.bytes_arg(data, "decode")
    param = "invalid"
    if errors is not _UNSET:
        warnings.warn("decode(errors=) is deprecated; use invalid=", DeprecationWarning,
                      stacklevel=2)
        invalid, param = errors, "errors"
    flags = (0 if repair else NO_REPAIR) | _lib.policy(invalid, param)
    enc = _enc_id(encoding)
    out = POINTER(c_char)()
    n, err = c_size_t(0), c_size_t(0)
    info = _DecodeInfo(ctypes.sizeof(_DecodeInfo))
    st = lib.kztext_decode_alloc(data, len(data), enc, flags, byref(out),
                                 byref(n), byref(info), byref(err))
    try:
        _lib.check(st, err.value if st in (_lib.E_INVALID_UTF8, _lib.E_DECODE) else None,
                   "decode")
        text = ctypes.string_at(out, n.value).decode("utf-8")
    finally:
        lib.kztext_free(out)
    src = _NAMES.get(info.mojibake_source) if info.mojibake_source else None
    return Decoded(text, _NAMES[info.encoding], info.confidence / 100, info.mojibake, src)


def detect_encoding(data: _lib.BytesLike) -> Tuple[str, float]:
    """(encoding name, confidence 0-1, like detect()) for legacy bytes
    (bytes, bytearray or memoryview; anything else is a TypeError).  The C
    API reports 0-100 (kztext_detect_encoding); the binding scales it."""
    data = _lib.bytes_arg(data, "detect_encoding")
    enc, conf = c_int(0), c_int(0)
    _lib.check(lib.kztext_detect_encoding(data, len(data), byref(enc), byref(conf)))
    return _NAMES[enc.value], conf.value / 100


def encoding_report(data: _lib.BytesLike) -> EncodingReport:
    """detect_encoding() with the evidence behind it; .sure is False for a
    guess that should be confirmed (the CLI then asks for --from)."""
    data = _lib.bytes_arg(data, "encoding_report")
    r = _Report(size=ctypes.sizeof(_Report))
    _lib.check(lib.kztext_detect_encoding_report(data, len(data), byref(r)))
    return EncodingReport(_NAMES[r.encoding], r.confidence / 100,
                          None if r.second == 0 else _NAMES[r.second], bool(r.sure),
                          r.evidence, r.invalid_utf8, r.first_non_ascii)

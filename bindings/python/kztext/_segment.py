"""Sentence segmentation and word tokens (kztext_sentences / kztext_tokens)."""
from __future__ import annotations

import ctypes
import threading
from ctypes import POINTER, Structure, byref, c_char_p, c_int, c_size_t, c_uint, c_void_p
from typing import Any, Callable, List, Optional, Tuple, Union

from . import _lib
from ._lib import lib

__all__ = ["Segmenter", "sentences", "sentence_spans", "tokens", "token_spans"]

LANGS = _lib.table(_lib.NAMES_LANG)  # "auto", "und", "kk", ... -> kztext_lang
SEG_LINES = _lib.flag("SEG_LINES")


@_lib.structure_of("kztext_span")
class _Span(Structure):
    _fields_ = [("start", c_size_t), ("end", c_size_t)]


_lib._sig("kztext_segmenter_new", c_int, POINTER(c_void_p))
_lib._sig("kztext_segmenter_free", None, c_void_p)
for _name in ("kztext_sentences_alloc", "kztext_tokens_alloc"):
    _lib._sig(_name, c_int, c_void_p, c_char_p, c_size_t, c_int, c_uint,
              POINTER(POINTER(_Span)), POINTER(c_size_t), POINTER(c_size_t))


class Segmenter:
    """Owns one C segmenter (ICU break iterators).  Calls on one Segmenter
    from several threads are serialized by a lock (the C handle serves one
    thread at a time); for parallel work give each thread its own — the
    module-level functions keep one per thread."""

    def __init__(self) -> None:
        h = c_void_p()
        _lib.check(lib.kztext_segmenter_new(byref(h)), what="segmenter")
        self._h: Optional[c_void_p] = h
        self._lock = threading.Lock()

    def __del__(self) -> None:
        h = getattr(self, "_h", None)
        if h is not None and lib is not None:
            lib.kztext_segmenter_free(h)
            self._h = None

    def _spans(self, fn: Callable[..., int], data: bytes, lang: int,
               flags: int) -> List[Tuple[int, int]]:
        arr = POINTER(_Span)()
        n, err = c_size_t(0), c_size_t(0)
        with self._lock:
            st = fn(self._h, data, len(data), lang, flags, byref(arr), byref(n), byref(err))
        try:
            _lib.check(st, err.value if st == _lib.E_INVALID_UTF8 else None, "segment")
            return [(arr[i].start, arr[i].end) for i in range(n.value)]
        finally:
            lib.kztext_free(arr)

    def sentence_spans(self, text: Union[str, bytes], lang: str = "auto", lines: bool = False,
                       invalid: str = "strict") -> List[Tuple[int, int]]:
        """(start, end) of each sentence: str indices for str input, byte
        offsets for bytes input."""
        return self._convert(text, lib.kztext_sentences_alloc, lang, lines, invalid)[1]

    def token_spans(self, text: Union[str, bytes], lang: str = "auto", lines: bool = False,
                    invalid: str = "strict") -> List[Tuple[int, int]]:
        """(start, end) of each word token, as sentence_spans()."""
        return self._convert(text, lib.kztext_tokens_alloc, lang, lines, invalid)[1]

    def _convert(self, text: object, fn: Callable[..., int], lang: Optional[str], lines: bool,
                 invalid: Optional[str]) -> Tuple[Any, List[Tuple[int, int]]]:
        """(the text the spans index, the spans): for str input the str as
        segmented (lone surrogates U+FFFD under invalid="replace") and str
        indices; for bytes the bytes and byte offsets."""
        code = _lib.choose(LANGS, lang, "language", "auto")
        t = _lib.encode(text, invalid, "segment")
        spans = self._spans(fn, t.data, code, (SEG_LINES if lines else 0) | t.flags)
        if t.text is None:
            return t.data, spans
        if len(t.data) == len(t.text):
            return t.text, spans
        conv = _lib.byte_to_str_index(t.data)
        return t.text, [(conv(a), conv(b)) for a, b in spans]


_local = threading.local()


def _segmenter() -> Segmenter:
    seg = getattr(_local, "seg", None)
    if seg is None:
        seg = _local.seg = Segmenter()
    return seg


def sentence_spans(text: str, lang: str = "auto", lines: bool = False,
                   invalid: str = "strict") -> List[Tuple[int, int]]:
    """Sentence (start, end) str indices (byte offsets for bytes input).
    lang: "auto" (per paragraph, from its letters), "kk", "ru" or "en";
    lines=True makes every line break a sentence boundary."""
    return _segmenter().sentence_spans(text, lang, lines, invalid)


def sentences(text: str, lang: str = "auto", lines: bool = False,
              invalid: str = "strict") -> List[str]:
    """The sentences of text, trimmed of surrounding white space."""
    src, spans = _segmenter()._convert(text, lib.kztext_sentences_alloc, lang, lines, invalid)
    return [src[a:b] for a, b in spans]


def token_spans(text: str, lang: str = "auto", invalid: str = "strict") -> List[Tuple[int, int]]:
    """Word token (start, end) str indices (byte offsets for bytes input)."""
    return _segmenter().token_spans(text, lang, False, invalid)


def tokens(text: str, lang: str = "auto", invalid: str = "strict") -> List[str]:
    """The word tokens of text (white space dropped; see kztext_tokens)."""
    src, spans = _segmenter()._convert(text, lib.kztext_tokens_alloc, lang, False, invalid)
    return [src[a:b] for a, b in spans]

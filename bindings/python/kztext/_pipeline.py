"""The news pipeline: raw text or bytes in, labelled sentences out."""
from __future__ import annotations

import ctypes
import threading
from ctypes import (CFUNCTYPE, POINTER, Structure, byref, c_char_p, c_double, c_int, c_size_t,
                    c_uint, c_void_p)
from dataclasses import dataclass
from typing import Iterable, Iterator, List, Optional, Union

from . import _lib
from ._lib import lib

LINES, NO_REPAIR, TRANSLIT_ALL = 0x10, 0x20, 0x40
_LANGS = {"auto": 0, "und": 0, "kk": 1, "ru": 2, "en": 3}


class _Options(Structure):
    _fields_ = [("size", c_size_t), ("encoding", c_int), ("lang", c_int), ("translit", c_int),
                ("translit_to", c_int), ("flags", c_uint)]


class _Sentence(Structure):
    _fields_ = [("size", c_size_t), ("para", c_size_t), ("start", c_size_t), ("end", c_size_t),
                ("text", c_void_p), ("len", c_size_t), ("lang", c_int), ("script", c_int),
                ("variant", c_int), ("confidence", c_double), ("translit", c_void_p),
                ("translit_len", c_size_t), ("normalized", c_void_p), ("normalized_len", c_size_t)]


class _Stats(Structure):
    _fields_ = [("size", c_size_t), ("normalized_len", c_size_t), ("paragraphs", c_size_t),
                ("sentences", c_size_t), ("encoding", c_int), ("encoding_confidence", c_int),
                ("repairs", c_size_t)]


_CALLBACK = CFUNCTYPE(c_int, c_void_p, POINTER(_Sentence))
_lib._sig("kztext_pipeline_new", c_int, POINTER(_Options), POINTER(c_void_p))
_lib._sig("kztext_pipeline_free", None, c_void_p)
_lib._sig("kztext_pipeline_run", c_int, c_void_p, c_char_p, c_size_t, _CALLBACK, c_void_p,
          POINTER(_Stats), POINTER(c_size_t))
_lib._sig("kztext_lang_name", c_char_p, c_int)
_lib._sig("kztext_script_name", c_char_p, c_int)
_lib._sig("kztext_variant_name", c_char_p, c_int)
_lib._sig("kztext_encoding_from_name", c_int, c_char_p, POINTER(c_int))
_lib._sig("kztext_encoding_name", c_char_p, c_int)
_lib._sig("kztext_scheme_from_name", c_int, c_char_p, POINTER(c_int))


@dataclass(frozen=True)
class Sentence:
    """One sentence of a document.  `start` and `end` index the normalized
    document (str indices; the pipeline's `normalized` text)."""
    doc: Optional[Union[int, str]]
    para: int
    start: int
    end: int
    text: str
    lang: str
    script: str
    variant: Optional[str]
    confidence: float
    translit: Optional[str] = None


def _name(fn, v) -> str:
    return fn(v).decode()


class Pipeline:
    """A reusable pipeline.  One Pipeline serves one call at a time (calls
    from several threads are serialized by a lock); for parallel work give
    each thread its own Pipeline — the C calls release the GIL."""

    def __init__(self, encoding: str = "auto", lang: str = "auto", translit: Optional[str] = None,
                 translit_all: bool = False, lines: bool = False, repair: bool = True,
                 invalid: str = "strict"):
        o = _Options(size=ctypes.sizeof(_Options))
        enc = c_int(0)
        _lib.check(lib.kztext_encoding_from_name(encoding.encode(), byref(enc)), what=f"encoding {encoding!r}")
        o.encoding = enc.value
        if lang not in _LANGS:
            raise ValueError(f"unknown language {lang!r}; expected auto, kk, ru or en")
        o.lang = _LANGS[lang]
        if translit is not None:
            sch = c_int(0)
            _lib.check(lib.kztext_scheme_from_name(translit.encode(), byref(sch)), what=f"scheme {translit!r}")
            o.translit, o.translit_to = 1, sch.value
        elif translit_all:
            raise ValueError("translit_all needs translit")
        if invalid not in ("strict", "replace"):
            raise ValueError(f"unknown invalid-input policy {invalid!r}")
        o.flags = ((LINES if lines else 0) | (0 if repair else NO_REPAIR)
                   | (TRANSLIT_ALL if translit_all else 0) | (_lib.INVALID_REPLACE if invalid == "replace" else 0))
        h = c_void_p()
        _lib.check(lib.kztext_pipeline_new(byref(o), byref(h)), what="pipeline")
        self._h = h
        self._lock = threading.Lock()
        self.normalized: str = ""
        self.encoding: Optional[str] = None

    def close(self) -> None:
        if getattr(self, "_h", None):
            lib.kztext_pipeline_free(self._h)
            self._h = None

    __del__ = close

    def __enter__(self) -> "Pipeline":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def process(self, data: Union[str, bytes], doc: Optional[Union[int, str]] = None) -> List[Sentence]:
        """Runs the pipeline over one document (str, or bytes in the
        pipeline's encoding) and returns its sentences.  Afterwards
        `self.normalized` is the normalized document that start/end index and
        `self.encoding` the encoding decoded from.  Raises InvalidUTF8Error or
        KztextError (with .offset, a byte offset into `data`) under the strict
        policy."""
        raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else _lib.to_bytes(data)
        found = []
        state = {}
        error = []

        def cb(_user, sp):
            try:
                s = sp.contents
                if "norm" not in state:
                    state["norm"] = ctypes.string_at(s.normalized, s.normalized_len)
                tl = ctypes.string_at(s.translit, s.translit_len).decode() if s.translit else None
                found.append((s.para, s.start, s.end, s.lang, s.script, s.variant, s.confidence, tl))
                return 0
            except BaseException as e:  # never let an exception cross the C frame
                error.append(e)
                return 1

        callback = _CALLBACK(cb)
        stats = _Stats(size=ctypes.sizeof(_Stats))
        err = c_size_t(0)
        with self._lock:
            if not self._h:
                raise ValueError("the pipeline is closed")
            st = lib.kztext_pipeline_run(self._h, raw, len(raw), callback, None, byref(stats), byref(err))
        if error:
            raise error[0]
        _lib.check(st, err.value if st in (_lib.E_INVALID_UTF8, _lib.E_DECODE) else None, "process")
        norm = state.get("norm", b"")
        self.normalized = norm.decode("utf-8")
        self.encoding = _name(lib.kztext_encoding_name, stats.encoding)
        index = _lib.byte_to_str_index(norm)
        return [Sentence(doc, para, index(a), index(b), norm[a:b].decode("utf-8"),
                         _name(lib.kztext_lang_name, lang), _name(lib.kztext_script_name, script),
                         _name(lib.kztext_variant_name, variant) if variant else None,
                         round(conf, 6), tl)
                for para, a, b, lang, script, variant, conf, tl in found]

    def map(self, docs: Iterable[Union[str, bytes]]) -> Iterator[Sentence]:
        """Processes documents one after another, numbering them from 0."""
        for i, d in enumerate(docs):
            yield from self.process(d, doc=i)


_local = threading.local()


def process(text: Union[str, bytes], **options) -> List[Sentence]:
    """Runs the pipeline over one document; options as for Pipeline.  Each
    thread keeps its own pipeline per set of options, so repeated calls are
    cheap and threads run in parallel."""
    key = tuple(sorted(options.items()))
    cache = getattr(_local, "pipelines", None)
    if cache is None:
        cache = _local.pipelines = {}
    p = cache.get(key)
    if p is None:
        p = cache[key] = Pipeline(**options)
    return p.process(text)

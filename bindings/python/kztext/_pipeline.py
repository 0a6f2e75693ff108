"""The news pipeline: raw text or bytes in, labelled sentences out."""
from __future__ import annotations

import ctypes
import threading
from ctypes import (CFUNCTYPE, POINTER, Structure, byref, c_char_p, c_double, c_int, c_size_t,
                    c_uint, c_void_p)
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator, List, Optional, Union

from . import _lib
from ._lib import lib

LINES, NO_REPAIR, TRANSLIT_ALL, ROLES = (_lib.flag(f"PIPELINE_{n}")
                                         for n in ("LINES", "NO_REPAIR", "TRANSLIT_ALL", "ROLES"))
_LANGS = _lib.table(_lib.NAMES_LANG)
_ENC_UTF8 = _lib.table(_lib.NAMES_ENCODING)["utf-8"]
_SCHEME_AUTO = _lib.table(_lib.NAMES_SCHEME)["auto"]


@_lib.structure_of("kztext_pipeline_options")
class _Options(Structure):
    _fields_ = [("size", c_size_t), ("encoding", c_int), ("lang", c_int), ("translit", c_int),
                ("translit_to", c_int), ("flags", c_uint)]


@_lib.structure_of("kztext_sentence")
class _Sentence(Structure):
    _fields_ = [("size", c_size_t), ("para", c_size_t), ("start", c_size_t), ("end", c_size_t),
                ("text", c_void_p), ("len", c_size_t), ("lang", c_int), ("script", c_int),
                ("variant", c_int), ("confidence", c_double), ("translit", c_void_p),
                ("translit_len", c_size_t), ("normalized", c_void_p), ("normalized_len", c_size_t),
                ("role", c_int)]


@_lib.structure_of("kztext_pipeline_stats")
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
_lib._sig("kztext_role_name", c_char_p, c_int)
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
    #: With Pipeline(roles=True): "title", "body", "caption", "meta",
    #: "boilerplate" or "duplicate" (the role of the sentence's line).
    role: Optional[str] = None


def _name(fn: Callable[[int], bytes], v: int) -> str:
    return fn(v).decode()


class Pipeline:
    """A reusable pipeline.  One Pipeline serves one call at a time (calls
    from several threads are serialized by a lock); for parallel work give
    each thread its own Pipeline — the C calls release the GIL."""

    def __init__(self, encoding: Optional[str] = "auto", lang: Optional[str] = "auto",
                 translit: Optional[str] = None, translit_all: bool = False, lines: bool = False,
                 repair: bool = True, invalid: str = "strict", roles: bool = False,
                 keep: Optional[Iterable[str]] = None):
        o = _Options(size=ctypes.sizeof(_Options))
        o.encoding = _lib.lookup(lib.kztext_encoding_from_name, encoding, "encoding", "auto",
                                 "auto, utf-8, utf-16, cp1251, koi8-r, ibm866, iso-8859-5, "
                                 "rk1048 or pt154")
        o.lang = _lib.choose(_LANGS, lang, "language", "auto")
        if translit is not None:
            o.translit = 1
            o.translit_to = _lib.lookup(lib.kztext_scheme_from_name, translit, "translit scheme",
                                        None, "a scheme name (see kztext.translit)")
            if o.translit_to == _SCHEME_AUTO:  # the library refuses it too
                raise _lib.UnsupportedError(_lib.E_UNSUPPORTED, None,
                                            "translit='auto' (a source only: name a target)")
        elif translit_all:
            raise ValueError("translit_all needs translit")
        self._invalid = invalid
        self._keep = None
        if keep is not None:
            if not roles:
                raise ValueError("keep needs roles=True")
            self._keep = frozenset(keep)
            unknown = self._keep - set(ROLE_NAMES)
            if unknown:
                raise ValueError(f"unknown role(s) {sorted(unknown)}: choose from {ROLE_NAMES}")
        o.flags = ((LINES if lines else 0) | (0 if repair else NO_REPAIR)
                   | (TRANSLIT_ALL if translit_all else 0) | (ROLES if roles else 0)
                   | _lib.policy(invalid))
        self._opts = o
        self._h: Optional[c_void_p] = self._open(o)
        self._h_str: Optional[c_void_p] = self._h if o.encoding == _ENC_UTF8 else None
        self._lock = threading.Lock()
        self.normalized: str = ""
        self.encoding: Optional[str] = None

    @staticmethod
    def _open(o: _Options) -> c_void_p:
        h = c_void_p()
        _lib.check(lib.kztext_pipeline_new(byref(o), byref(h)), what="pipeline")
        return h

    def _handle(self, is_str: bool) -> c_void_p:
        """The C pipeline for bytes (the configured encoding) or for str
        (always UTF-8: a str is Unicode, never a legacy encoding to detect),
        opened on first use."""
        if not self._h:
            raise ValueError("the pipeline is closed")
        if not is_str:
            return self._h
        if self._h_str is None:
            o = _Options.from_buffer_copy(self._opts)
            o.encoding = _ENC_UTF8
            self._h_str = self._open(o)
        return self._h_str

    def close(self) -> None:
        h, hs = getattr(self, "_h", None), getattr(self, "_h_str", None)
        self._h = self._h_str = None
        if hs and hs is not h:
            lib.kztext_pipeline_free(hs)
        if h:
            lib.kztext_pipeline_free(h)

    __del__ = close

    def __enter__(self) -> "Pipeline":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def process(self, data: Union[str, bytes], doc: Optional[Union[int, str]] = None) -> Iterator[Sentence]:
        """Runs the pipeline over one document and returns an iterator over its
        sentences (the run happens at the call, so errors raise here; wrap it
        in list() to index).  A
        str is passed as UTF-8 whatever the pipeline's encoding; bytes are
        read in the pipeline's encoding.  Afterwards `self.normalized` is the
        normalized document that start/end index and `self.encoding` the
        encoding decoded from.  Under the strict policy invalid input raises
        InvalidUTF8Error or KztextError with .offset: a byte offset into bytes
        `data`, or for a str the index of its first lone surrogate (under
        "replace" each becomes U+FFFD).  An exception raised while the C run
        calls back (KeyboardInterrupt from Ctrl-C included) stops the run and
        propagates as itself."""
        t = _lib.encode(data, self._invalid, "process")
        raw = t.data
        found = []
        state = {}
        error: List[BaseException] = []

        def cb(_user: Optional[int], sp: "ctypes._Pointer[_Sentence]") -> int:
            try:
                if error:  # a signal handler raised (see _lib.deferred_signals)
                    return 1
                s = sp.contents
                if "norm" not in state:
                    state["norm"] = ctypes.string_at(s.normalized, s.normalized_len)
                tl = ctypes.string_at(s.translit, s.translit_len).decode() if s.translit else None
                found.append((s.para, s.start, s.end, s.lang, s.script, s.variant, s.confidence, tl,
                              s.role))
                return 0
            except BaseException as e:  # never let an exception cross the C frame
                error.append(e)
                return 1

        callback = _CALLBACK(cb)
        stats = _Stats(size=ctypes.sizeof(_Stats))
        err = c_size_t(0)
        with self._lock:
            h = self._handle(t.text is not None)
            with _lib.deferred_signals(error):
                st = lib.kztext_pipeline_run(h, raw, len(raw), callback, None, byref(stats),
                                             byref(err))
        if error:
            raise error[0]
        _lib.check(st, err.value if st in (_lib.E_INVALID_UTF8, _lib.E_DECODE) else None, "process")
        norm = state.get("norm", b"")
        self.normalized = norm.decode("utf-8")
        self.encoding = _name(lib.kztext_encoding_name, stats.encoding)
        index = _lib.byte_to_str_index(norm)
        out = [Sentence(doc, para, index(a), index(b), norm[a:b].decode("utf-8"),
                        _name(lib.kztext_lang_name, lang), _name(lib.kztext_script_name, script),
                        _name(lib.kztext_variant_name, variant) if variant else None,
                        round(conf, 6), tl, _name(lib.kztext_role_name, role) if role else None)
               for para, a, b, lang, script, variant, conf, tl, role in found]
        if self._keep is not None:
            out = [s for s in out if s.role in self._keep]
        return iter(out)

    def map(self, docs: Iterable[Union[str, bytes]]) -> Iterator[Sentence]:
        """Processes documents one after another, numbering them from 0."""
        for i, d in enumerate(docs):
            yield from self.process(d, doc=i)


def _role_names() -> List[str]:
    names, i = [], 1  # 0 is "none": no role asked for
    while lib.kztext_role_name(i) is not None:
        names.append(lib.kztext_role_name(i).decode())
        i += 1
    return names


#: The roles of Pipeline(roles=True), from the library.
ROLE_NAMES = _role_names()

_local = threading.local()


def process(text: Union[str, bytes], **options: Any) -> Iterator[Sentence]:
    """Runs the pipeline over one document and returns an iterator over its
    sentences (errors raise at the call); options as for Pipeline.  Each
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

"""The news pipeline: raw text or bytes in, labelled sentences out."""
from __future__ import annotations

import ctypes
import json
import threading
from ctypes import (CFUNCTYPE, POINTER, Structure, byref, c_char_p, c_double, c_int, c_size_t,
                    c_uint, c_uint64, c_void_p)
from dataclasses import dataclass
from typing import Any, Callable, Dict, Iterable, Iterator, List, Optional, Tuple, Union

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
                ("translit_to", c_int), ("flags", c_uint), ("names", c_int)]


@_lib.structure_of("kztext_sentence")
class _Sentence(Structure):
    _fields_ = [("size", c_size_t), ("para", c_size_t), ("start", c_size_t), ("end", c_size_t),
                ("text", c_void_p), ("len", c_size_t), ("lang", c_int), ("script", c_int),
                ("variant", c_int), ("confidence", c_double), ("translit", c_void_p),
                ("translit_len", c_size_t), ("normalized", c_void_p), ("normalized_len", c_size_t),
                ("role", c_int), ("names", c_void_p), ("names_len", c_size_t)]


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
    #: process_jsonl(id_field=NAME): the record's NAME value (None if absent).
    id: Any = None
    #: With Pipeline(names=True): the name key (kztext.name_key) of each
    #: name-like span of the sentence, in order (docs/names.md).
    names: Optional[Tuple[str, ...]] = None


def _name(fn: Callable[[int], bytes], v: int) -> str:
    return fn(v).decode()


class Pipeline:
    """A reusable pipeline.  One Pipeline serves one call at a time (calls
    from several threads are serialized by a lock); for parallel work give
    each thread its own Pipeline — the C calls release the GIL."""

    def __init__(self, encoding: Optional[str] = "auto", lang: Optional[str] = "auto",
                 translit: Optional[str] = None, translit_all: bool = False, lines: bool = False,
                 repair: bool = True, invalid: str = "strict", roles: bool = False,
                 keep: Optional[Iterable[str]] = None, names: bool = False):
        o = _Options(size=ctypes.sizeof(_Options))
        o.names = 1 if names else 0
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
                              s.role, _names(s, self._opts.names)))
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
                        round(conf, 6), tl, _name(lib.kztext_role_name, role) if role else None,
                        names=nm)
               for para, a, b, lang, script, variant, conf, tl, role, nm in found]
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


# ---- streams: many documents on N worker threads, in order ----

@_lib.structure_of("kztext_stream_options")
class _StreamOptions(Structure):
    _fields_ = [("size", c_size_t), ("pipeline", POINTER(_Options)), ("jobs", c_uint),
                ("memory", c_size_t), ("batch", c_size_t)]


@_lib.structure_of("kztext_stream_doc")
class _StreamDoc(Structure):
    _fields_ = [("size", c_size_t), ("data", c_char_p), ("len", c_size_t), ("meta", c_void_p),
                ("meta_len", c_size_t), ("error", c_int), ("error_offset", c_size_t),
                ("paragraph_errors", c_int)]


@_lib.structure_of("kztext_stream_result")
class _StreamResult(Structure):
    _fields_ = [("size", c_size_t), ("index", c_uint64), ("meta", c_void_p), ("meta_len", c_size_t),
                ("doc_len", c_size_t), ("offset", c_size_t), ("last", c_int), ("status", c_int),
                ("error_offset", c_size_t), ("sentences", POINTER(_Sentence)), ("count", c_size_t),
                ("normalized_len", c_size_t), ("paragraphs", c_size_t)]


@_lib.structure_of("kztext_stream_stats")
class _StreamStats(Structure):
    _fields_ = [("size", c_size_t), ("documents", c_uint64), ("results", c_uint64),
                ("bytes", c_uint64), ("peak_inflight", c_size_t), ("memory", c_size_t),
                ("batch", c_size_t), ("jobs", c_uint)]


_WRITE = CFUNCTYPE(c_int, c_void_p, POINTER(_StreamResult))
_lib._sig("kztext_stream_new", c_int, POINTER(_StreamOptions), _WRITE, c_void_p, POINTER(c_void_p))
_lib._sig("kztext_stream_push", c_int, c_void_p, POINTER(_StreamDoc))
_lib._sig("kztext_stream_finish", c_int, c_void_p)
_lib._sig("kztext_stream_stats_get", c_int, c_void_p, POINTER(_StreamStats))
_lib._sig("kztext_stream_free", None, c_void_p)

#: A document process_stream could not read (process_jsonl: a line that is
#: not a JSON object with the text field); raised in order, or skipped.
_E_UNREADABLE = _lib.E_INVALID_ARG
_E_STOPPED = -10  # KZTEXT_E_STOPPED (core.h): the write callback stopped the stream


class StreamStats:
    """What the last process_stream run did (kztext_stream_stats)."""
    documents = results = bytes = peak_inflight = memory = jobs = 0


def _names(s: _Sentence, asked: int) -> Optional[Tuple[str, ...]]:
    """The sentence's name keys (each ends in a newline in C), or None when
    the pipeline was not asked for them."""
    if not asked:
        return None
    raw = ctypes.string_at(s.names, s.names_len).decode() if s.names else ""
    return tuple(raw.split("\n")[:-1])


def _sentences(r: _StreamResult, doc: Any, id_: Any, keep: Optional[frozenset],
               names: int) -> List[Sentence]:
    if not r.count:
        return []
    s0 = r.sentences[0]
    norm = ctypes.string_at(s0.normalized, s0.normalized_len)
    index = _lib.byte_to_str_index(norm)
    out = []
    for i in range(r.count):
        s = r.sentences[i]
        role = _name(lib.kztext_role_name, s.role) if s.role else None
        if keep is not None and role not in keep:
            continue
        tl = ctypes.string_at(s.translit, s.translit_len).decode() if s.translit else None
        out.append(Sentence(doc, s.para, index(s.start), index(s.end),
                            norm[s.start:s.end].decode("utf-8"), _name(lib.kztext_lang_name, s.lang),
                            _name(lib.kztext_script_name, s.script),
                            _name(lib.kztext_variant_name, s.variant) if s.variant else None,
                            round(s.confidence, 6), tl, role, id_, _names(s, names)))
    return out


def _stream(items: Iterable[Tuple[Any, Any, Optional[bytes], Optional[BaseException]]],
            p: Pipeline, jobs: int, memory: Optional[int], on_error: str,
            stats: Optional[StreamStats]) -> Iterator[Sentence]:
    """Runs (doc, id, bytes, reading error) items through a kztext_stream
    and yields their sentences in input order."""
    if on_error not in ("raise", "skip"):
        raise ValueError(f"on_error must be 'raise' or 'skip', not {on_error!r}")
    if jobs < 1:
        raise ValueError("jobs must be at least 1")
    pending: Dict[int, Tuple[Any, Any, Optional[BaseException]]] = {}
    done: "List[Union[Sentence, BaseException]]" = []
    failure: List[BaseException] = []
    lock = threading.Lock()

    def write(_user: Optional[int], rp: "ctypes._Pointer[_StreamResult]") -> int:
        try:  # any thread: a worker, or the one pushing
            r = rp.contents
            doc, id_, err = pending[r.index]
            if r.last:
                del pending[r.index]
            if r.status:
                if on_error == "raise":
                    if err is None:
                        try:
                            _lib.check(r.status, r.error_offset if r.status in (
                                _lib.E_INVALID_UTF8, _lib.E_DECODE) else None, "process_stream")
                        except BaseException as e:
                            err = e
                    with lock:
                        done.append(err if err is not None else RuntimeError("kztext stream"))
                    return 1
                return 0
            out = _sentences(r, doc, id_, p._keep, p._opts.names)
            with lock:
                done.extend(out)
            return 0
        except BaseException as e:  # never let an exception cross the C frame
            failure.append(e)
            return 1

    callback = _WRITE(write)
    so = _StreamOptions(size=ctypes.sizeof(_StreamOptions), pipeline=ctypes.pointer(p._opts),
                        jobs=jobs if jobs > 1 else 0, memory=memory or 0)
    h = c_void_p()
    _lib.check(lib.kztext_stream_new(byref(so), callback, None, byref(h)), what="process_stream")

    def drain() -> Iterator[Sentence]:
        with lock:
            got = done[:]
            del done[:]
        for x in got:
            if isinstance(x, BaseException):
                raise x
            yield x

    try:
        n = 0
        for doc, id_, data, err in items:
            d = _StreamDoc(size=ctypes.sizeof(_StreamDoc))
            pending[n] = (doc, id_, err)
            if err is not None or data is None:
                d.error = _E_UNREADABLE
            else:
                d.data = data
                d.len = len(data)
            n += 1
            st = lib.kztext_stream_push(h, byref(d))
            if failure:
                raise failure[0]
            yield from drain()
            if st == _E_STOPPED:
                break
            _lib.check(st, what="process_stream")
        lib.kztext_stream_finish(h)
        if failure:
            raise failure[0]
        yield from drain()
        if stats is not None:
            t = _StreamStats(size=ctypes.sizeof(_StreamStats))
            lib.kztext_stream_stats_get(h, byref(t))
            for f in ("documents", "results", "bytes", "peak_inflight", "memory", "jobs"):
                setattr(stats, f, getattr(t, f))
    finally:
        lib.kztext_stream_free(h)
        del callback


def process_stream(docs: Iterable[Union[str, bytes]], jobs: int = 1, memory: Optional[int] = None,
                   on_error: str = "raise", stats: Optional[StreamStats] = None,
                   **options: Any) -> Iterator[Sentence]:
    """Processes documents on `jobs` worker threads and yields their
    sentences in input order (the same ones, in the same order, at any
    `jobs`); `doc` numbers the documents from 0.  `memory`: the in-flight
    budget in bytes (None: the library's default, 8 MiB), which holds back
    the reading of `docs` while it is full.  A document that fails (invalid
    input under invalid="strict") raises, in order, after the sentences of
    the documents before it (on_error="raise"), or is left out ("skip").
    Options as for Pipeline; str documents are UTF-8 whatever `encoding`
    says, so all documents must be str or all bytes.  `stats`, when given,
    is filled at the end (peak_inflight, ...)."""
    p = Pipeline(**options)
    first: List[bool] = []

    def items() -> Iterator[Tuple[Any, Any, Optional[bytes], Optional[BaseException]]]:
        for i, d in enumerate(docs):
            is_str = isinstance(d, str)
            if not first:
                first.append(is_str)
                if is_str:
                    p._opts.encoding = _ENC_UTF8
            elif first[0] != is_str:
                raise TypeError("process_stream: documents must be all str or all bytes")
            try:
                yield i, None, _lib.encode(d, p._invalid, "process_stream").data, None
            except _lib.KztextError as e:  # a lone surrogate under strict
                yield i, None, None, e

    try:
        yield from _stream(items(), p, jobs, memory, on_error, stats)
    finally:
        p.close()


def _jsonl_record(line: Union[str, bytes], field: str, id_field: Optional[str],
                  n: int) -> Tuple[Any, Optional[bytes], Optional[BaseException]]:
    """(id, UTF-8 text, None) of one JSONL line, or (None, None, error), the
    way `kztext process --input jsonl` reads it."""
    try:
        text = line.decode("utf-8") if isinstance(line, (bytes, bytearray)) else line
        obj = json.loads(text)
    except UnicodeDecodeError:
        return None, None, _lib.InvalidUTF8Error(_lib.E_INVALID_UTF8, None,
                                                 f"line {n}: invalid UTF-8")
    except (ValueError, RecursionError):
        return None, None, ValueError(f"line {n}: malformed JSON")
    if not isinstance(obj, dict):
        return None, None, ValueError(f"line {n}: malformed JSON")
    id_ = obj.get(id_field) if id_field is not None else None
    value = obj.get(field)
    if not isinstance(value, str):
        return id_, None, ValueError(f'line {n}: no string field "{field}"')
    # A JSON string may hold a lone surrogate; the CLI's reader makes it U+FFFD.
    data = value.encode("utf-16", "surrogatepass").decode("utf-16", "replace").encode("utf-8")
    return id_, data, None


def process_jsonl(lines: Iterable[Union[str, bytes]], field: str = "text",
                  id_field: Optional[str] = None, jobs: int = 1, memory: Optional[int] = None,
                  on_error: str = "raise", stats: Optional[StreamStats] = None,
                  **options: Any) -> Iterator[Sentence]:
    """The Python side of `kztext process --input jsonl`: each line (an open
    file works) is a JSON object whose string `field` is one document.
    `doc` is the line number from 1, blank lines included, exactly as the
    CLI numbers records, and with id_field=NAME each sentence's `id` is the
    record's NAME value.  A line that is not such an object raises
    ValueError in order (on_error="raise") or is left out ("skip").  Other
    arguments as for process_stream; the text is UTF-8."""
    p = Pipeline(**options)
    p._opts.encoding = _ENC_UTF8  # JSON text is Unicode

    def items() -> Iterator[Tuple[Any, Any, Optional[bytes], Optional[BaseException]]]:
        n = 0
        for line in lines:
            n += 1
            raw: Union[str, bytes] = (bytes(line).rstrip(b"\r\n ")
                                      if isinstance(line, (bytes, bytearray))
                                      else line.rstrip("\r\n "))
            if not raw:
                continue  # blank lines are not records, but they count
            id_, data, err = _jsonl_record(raw, field, id_field, n)
            yield n, id_, data, err

    try:
        yield from _stream(items(), p, jobs, memory, on_error, stats)
    finally:
        p.close()

"""Loading libkztext and the ctypes plumbing shared by every module.

The library is looked up, in order, at:
  1. the path in the environment variable KZTEXT_LIBRARY (and only there);
  2. what the install recorded in _install.py: the library file cmake
     --install installed, or the prefix given to pip install
     (--config-settings prefix=DIR, or library=PATH);
  3. the lib directories of this Python's prefix, /usr/local and /usr
     (where cmake --install puts it by default);
  4. a build tree next to the source checkout (build*/src/libkztext.so*);
  5. the system linker path (ctypes.util.find_library).
ImportError names every path tried, with why each failed, and how to fix it.

Every C call releases the GIL (ctypes.CDLL does so for each foreign call), so
threads may call kztext functions concurrently: the library has no mutable
global state (docs/thread-safety.md).
"""
from __future__ import annotations

import ctypes
import ctypes.util
import glob
import os
import re
import signal
import threading
from contextlib import contextmanager
from itertools import compress
from ctypes import POINTER, byref, c_char, c_char_p, c_int, c_int64, c_size_t, c_uint, c_void_p
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, List, NamedTuple, Optional, Tuple, TypeVar, Union

try:  # the C functions signal.getsignal/signal wrap (10x faster: no enum conversion)
    from _signal import getsignal as _getsignal, signal as _setsignal
except ImportError:  # pragma: no cover - other interpreters
    _getsignal, _setsignal = signal.getsignal, signal.signal

__all__ = ["lib", "KztextError", "InvalidUTF8Error", "check", "to_bytes", "call_alloc",
           "encode", "Encoded", "policy", "name_arg", "choose", "lookup", "bytes_arg",
           "deferred_signals", "table", "enum_names", "flag", "structure", "structure_of"]

# Status codes (include/kztext/core.h); values are stable.
OK = 0
E_INVALID_ARG = -1
E_INVALID_FLAGS = -2
E_INVALID_UTF8 = -3
E_BUFFER_TOO_SMALL = -4
E_NO_MEMORY = -5
E_UNSUPPORTED = -6
E_DECODE = -8


# The soname of the library this binding speaks to (0.x: the minor version
# is part of the ABI), then the development link.
_NAMES = ("libkztext.so.0.4", "libkztext.so")


def _libdirs(prefix: str) -> List[str]:
    import sysconfig
    multiarch = sysconfig.get_config_var("MULTIARCH")
    subdirs = ["lib", "lib64"] + ([f"lib/{multiarch}"] if multiarch else [])
    return [os.path.join(prefix, d) for d in subdirs]


def _candidates() -> Iterator[Tuple[str, str]]:
    """(path or name, where it came from), in the order of the docstring."""
    env = os.environ.get("KZTEXT_LIBRARY")
    if env:
        yield env, "KZTEXT_LIBRARY"
        return
    import importlib
    try:  # written by cmake --install or pip install; absent in the checkout
        _install: Any = importlib.import_module("._install", __package__)
    except ImportError:
        _install = None
    recorded = getattr(_install, "LIBRARY", None)
    if recorded:
        yield recorded, "recorded at install"
    prefixes = []
    if getattr(_install, "PREFIX", None):
        prefixes.append((_install.PREFIX, "prefix recorded at install"))
    import sys
    prefixes += [(sys.prefix, "this Python's prefix"), ("/usr/local", "default prefix"),
                 ("/usr", "system prefix")]
    seen = set()
    for prefix, why in prefixes:
        for d in _libdirs(prefix):
            for name in _NAMES:
                path = os.path.join(d, name)
                if path not in seen:
                    seen.add(path)
                    yield path, why
    here = Path(__file__).resolve().parent
    for root in (here.parent.parent.parent, Path.cwd()):
        for build in sorted(root.glob("build*/src")):
            for name in sorted(glob.glob(str(build / "libkztext.so*"))):
                yield name, "build tree"
    found = ctypes.util.find_library("kztext")
    yield (found or "libkztext.so"), "system linker path"


def _load() -> ctypes.CDLL:
    tried = []
    for path, why in _candidates():
        if os.sep in path and not os.path.exists(path):
            tried.append(f"{path} ({why}): no such file")
            continue
        try:
            return ctypes.CDLL(path)
        except OSError as e:
            tried.append(f"{path} ({why}): {e}")
    raise ImportError(
        "kztext: cannot find libkztext " + _NAMES[0] + ". Tried:\n  " + "\n  ".join(tried)
        + "\nFix: install the library (cmake --install build [--prefix DIR]) and, for a "
        "prefix other than /usr/local or /usr, reinstall the package with "
        "pip install --config-settings prefix=DIR bindings/python; or set KZTEXT_LIBRARY "
        "to the library file.")


lib = _load()


class KztextError(Exception):
    """A kztext call failed.  `status` is the C status code, `offset` the
    offset of the offending input where one applies (else None): a byte
    offset for bytes input, a str index for str input (`unit` says which:
    "byte" or "index")."""

    def __init__(self, status: int, offset: Optional[int] = None, what: str = "",
                 unit: str = "byte"):
        self.status = status
        self.offset = offset
        self.unit = unit
        msg = lib.kztext_strerror(status).decode()
        if what:
            msg = f"{what}: {msg}"
        if offset is not None:
            msg += f" at {unit} {offset}"
        super().__init__(msg)


class InvalidUTF8Error(KztextError, ValueError):
    """Input is not well-formed UTF-8 under the strict policy."""


class UnsupportedError(KztextError, ValueError):
    """An unknown scheme, encoding or option value."""


def unsupported(message: str) -> "UnsupportedError":
    """The exception for a bad option value (unknown name, NUL in a name,
    an impossible combination): UnsupportedError, the same class the C
    status KZTEXT_E_UNSUPPORTED raises, so one except clause catches every
    kind of bad option."""
    return UnsupportedError(E_UNSUPPORTED, None, message)


def _sig(name: str, restype: Any, *argtypes: Any) -> None:
    f = getattr(lib, name)
    f.restype = restype
    f.argtypes = list(argtypes)


_sig("kztext_strerror", c_char_p, c_int)
_sig("kztext_version_string", c_char_p)
_sig("kztext_version", c_int)
_sig("kztext_free", None, c_void_p)
_sig("kztext_name_at", c_char_p, c_int, c_size_t, POINTER(c_int64))

# Name tables of kztext_name_at() (kztext_names in core.h; stable values).
NAMES_LANG, NAMES_CASE_LANG, NAMES_CASE_OP, NAMES_SCHEME, NAMES_ENCODING = 0, 1, 2, 3, 4
NAMES_REPAIR, NAMES_FLAG, NAMES_LAYOUT = 5, 6, 7


def table(which: int) -> Dict[str, int]:
    """A name table of the library (kztext_name_at) as {name: value}, in the
    library's order (each value's canonical name before its aliases): the
    binding asks rather than keeping a copy that could drift."""
    out: Dict[str, int] = {}
    v = c_int64(0)
    i = 0
    while True:
        name = lib.kztext_name_at(which, i, byref(v))
        if name is None:
            return out
        out[name.decode()] = v.value
        i += 1


def enum_names(fn: Callable) -> Tuple[str, ...]:
    """The names of an enumeration numbered from 0 without gaps, from its C
    name function: fn(0), fn(1), ... until NULL (the rule in core.h)."""
    out: List[str] = []
    while True:
        name = fn(len(out))
        if name is None:
            return tuple(out)
        out.append(name.decode())


_FLAGS = table(NAMES_FLAG)
_LAYOUT = table(NAMES_LAYOUT)


def flag(name: str) -> int:
    """The value of the public flag KZTEXT_<name>, from the library."""
    return _FLAGS["KZTEXT_" + name]


INVALID_STRICT, INVALID_REPLACE = flag("INVALID_STRICT"), flag("INVALID_REPLACE")


def array_len(c_struct: str, field: str, next_field: str, item: Any) -> int:
    """Length of the array `field` of a C struct, from the library's layout:
    the distance to the field after it, in items."""
    return (_LAYOUT[f"{c_struct}.{next_field}"] - _LAYOUT[f"{c_struct}.{field}"]) // ctypes.sizeof(item)


S = TypeVar("S", bound="type[ctypes.Structure]")


def structure_of(c_struct: str) -> Callable[[S], S]:
    """Class decorator form of structure()."""
    return lambda cls: structure(cls, c_struct)


def structure(cls: S, c_struct: str) -> S:
    """Checks a ctypes Structure against the library's layout of the C
    struct of that name: every field at the library's offset, and no larger
    than the C struct (a smaller one is an older layout, which the `size`
    convention accepts).  ImportError on a mismatch, so a binding out of
    step with its library fails at import rather than reading garbage."""
    for name, *_ in cls._fields_:
        want = _LAYOUT.get(f"{c_struct}.{name}")
        got = getattr(cls, name).offset
        if want != got:
            raise ImportError(f"kztext: {c_struct}.{name} is at offset {want} in the library, "
                              f"{got} in the binding")
    if ctypes.sizeof(cls) > _LAYOUT.get(c_struct, 0):
        raise ImportError(f"kztext: {c_struct} is larger in the binding than in the library")
    return cls


def check(status: int, offset: Optional[int] = None, what: str = "") -> None:
    """Raises the exception matching a non-zero status."""
    if status == OK:
        return
    if status == E_INVALID_UTF8:
        raise InvalidUTF8Error(status, offset, what)
    if status in (E_UNSUPPORTED, E_INVALID_ARG, E_INVALID_FLAGS):
        raise UnsupportedError(status, offset, what)
    if status == E_NO_MEMORY:
        raise MemoryError(lib.kztext_strerror(status).decode())
    raise KztextError(status, offset, what)


# What text parameters accept: str, or UTF-8 (or legacy) bytes in any buffer.
Text = Union[str, bytes, bytearray, memoryview]
BytesLike = Union[bytes, bytearray, memoryview]

_SURROGATE = re.compile("[\ud800-\udfff]")
_POLICIES = {"strict": INVALID_STRICT, "replace": INVALID_REPLACE}


def name_arg(value: object, param: str, default: Optional[str] = None) -> str:
    """Checks a name argument (an encoding, scheme, language, ...): None means
    `default` where the parameter is optional (TypeError where it is not),
    anything but a str is a TypeError, a str holding NUL a ValueError (C would
    read only the part before it)."""
    if value is None:
        if default is None:
            raise TypeError(f"{param} must be a str, not None")
        return default
    if not isinstance(value, str):
        raise TypeError(f"{param} must be a str, not {type(value).__name__}")
    if "\0" in value:
        raise unsupported(f"{param} {value!r} contains a NUL character")
    return value


T = TypeVar("T")


def choose(table: Dict[str, T], value: object, param: str, default: Optional[str] = None) -> T:
    """table[name] for a name argument checked by name_arg; an unknown name
    is an UnsupportedError (a ValueError) listing the known ones."""
    name = name_arg(value, param, default)
    try:
        return table[name]
    except KeyError:
        raise unsupported(f"unknown {param} {name!r}; expected one of "
                          + ", ".join(table)) from None


def lookup(fn: Callable[..., int], value: object, param: str, default: Optional[str],
           expected: str) -> int:
    """A name argument looked up by a C kztext_*_from_name function; unknown
    names raise UnsupportedError (a ValueError)."""
    name = name_arg(value, param, default)
    v = c_int(0)
    if not name.isascii() or fn(name.encode("ascii"), byref(v)) != OK:
        raise UnsupportedError(E_UNSUPPORTED, None,
                               f"unknown {param} {name!r}; expected {expected}")
    return v.value


def policy(invalid: Optional[str], param: str = "invalid") -> int:
    """The flag bits of an invalid-input policy: "strict" (also None, the
    default) or "replace"."""
    return choose(_POLICIES, invalid, param, "strict")


class Encoded(NamedTuple):
    """A text argument made ready for C by encode()."""
    data: bytes            # the bytes C reads
    text: Optional[str]    # str input as sent (lone surrogates replaced); None for bytes
    flags: int             # the invalid-policy flag bits


def encode(text: object, invalid: Optional[str] = "strict", what: str = "",
           param: str = "invalid") -> Encoded:
    """The one way a text argument reaches C.

    A str is Unicode: it is sent as UTF-8, and the only code points UTF-8
    cannot hold, lone surrogates, follow the invalid policy here: "strict"
    raises InvalidUTF8Error whose .offset is the str index of the first one,
    "replace" makes each one U+FFFD (one character for one, so str indices
    do not move; .text is the str with them replaced).  bytes, bytearray and
    memoryview pass through unchanged and the C library applies the policy
    (byte offsets).  Anything else is a TypeError."""
    flags = policy(invalid, param)
    if isinstance(text, str):
        try:
            return Encoded(text.encode("utf-8"), text, flags)
        except UnicodeEncodeError as e:  # a lone surrogate: nothing else fails
            if flags == INVALID_STRICT:
                raise InvalidUTF8Error(E_INVALID_UTF8, e.start, f"{what or 'kztext'}: lone "
                                       f"surrogate U+{ord(text[e.start]):04X}",
                                       unit="index") from None
            text = _SURROGATE.sub("\ufffd", text)
            return Encoded(text.encode("utf-8"), text, flags)
    if isinstance(text, (bytes, bytearray, memoryview)):
        return Encoded(bytes(text), None, flags)
    raise TypeError(f"{what or 'kztext'}: expected str or bytes, not {type(text).__name__}")


def to_bytes(text: Union[str, bytes, bytearray, memoryview]) -> bytes:
    """encode(text).data: str as UTF-8 (strict about lone surrogates), bytes
    unchanged."""
    return encode(text).data


def bytes_arg(data: object, what: str) -> bytes:
    """A bytes-only argument (bytes, bytearray, memoryview); TypeError for
    anything else, str included."""
    if isinstance(data, (bytes, bytearray, memoryview)):
        return bytes(data)
    raise TypeError(f"{what}() takes bytes, not {type(data).__name__}")


@contextmanager
def deferred_signals(errors: List[BaseException]) -> Iterator[None]:
    """Around a C call that calls back into Python.

    Python runs signal handlers at the first bytecode it executes on the main
    thread, which during a C run is the first line of a ctypes callback: an
    exception a handler raises there (KeyboardInterrupt from Ctrl-C) would
    escape the callback before its try block, and ctypes would print
    "Exception ignored on calling ctypes callback" and hand C an undefined
    return value.  Inside this block every Python-level signal handler is
    wrapped: it still runs when the signal arrives, but what it raises is
    appended to `errors` (the callback then stops the C run; the caller
    re-raises errors[0] after the C call).  Handlers are restored on exit; a
    signal that arrived after the last callback is recorded too and so not
    lost.  Other threads never run signal handlers, so this does nothing
    there."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    active = [True]
    saved = []

    def wrap(handler: Callable[[int, Any], Any]) -> Callable[[int, Any], Any]:
        def deferred(signum: int, frame: Any) -> Any:
            if not active[0]:  # left behind by an interrupted restore
                return handler(signum, frame)
            try:
                handler(signum, frame)
            except BaseException as e:
                errors.append(e)
        return deferred

    try:
        handlers = list(map(_getsignal, _SIGNALS))  # at C speed: ~60 signals per call
        for sig, h in compress(zip(_SIGNALS, handlers), map(callable, handlers)):
            saved.append((sig, h))
            _setsignal(sig, wrap(h))
        yield
    finally:
        active[0] = False
        for sig, h in saved:
            _setsignal(sig, h)


_SIGNALS = sorted(signal.valid_signals()) if hasattr(signal, "valid_signals") else [signal.SIGINT]

def call_alloc(fn: Callable[..., int], data: bytes, *args: Any, what: str = "") -> bytes:
    """Calls an `_alloc` C function of the shape
    fn(src, len, *args, char **out, size_t *out_len, size_t *error_offset)
    and returns the output bytes, freeing the C buffer."""
    out = POINTER(c_char)()
    out_len = c_size_t(0)
    err = c_size_t(0)
    st = fn(data, len(data), *args, byref(out), byref(out_len), byref(err))
    try:
        check(st, err.value if st == E_INVALID_UTF8 else None, what)
        return ctypes.string_at(out, out_len.value)
    finally:
        lib.kztext_free(out)


def byte_to_str_index(data: bytes) -> Callable[[int], int]:
    """Returns a function mapping byte offsets into UTF-8 `data` (at code
    point boundaries) to str indices.  Calls with growing offsets, the usual
    order of spans, cost O(len(data)) in all; a smaller offset restarts from
    the beginning."""
    if data.isascii():
        return lambda off: off
    state = [0, 0]  # byte offset, str index reached so far

    def conv(off: int) -> int:
        b, c = state
        if off < b:
            b, c = 0, 0
        c += len(data[b:off].decode("utf-8"))
        state[0], state[1] = off, c
        return c

    return conv

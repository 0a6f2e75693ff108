"""Loading libkztext and the ctypes plumbing shared by every module.

The library is looked up, in order, at:
  1. the path in the environment variable KZTEXT_LIBRARY;
  2. the path recorded at install time in _install.py (cmake --install);
  3. a build tree next to the source checkout (build/src/libkztext.so*);
  4. the system linker path (ctypes.util.find_library).

Every C call releases the GIL (ctypes.CDLL does so for each foreign call), so
threads may call kztext functions concurrently: the library has no mutable
global state (docs/thread-safety.md).
"""
from __future__ import annotations

import ctypes
import ctypes.util
import glob
import os
from ctypes import POINTER, byref, c_char, c_char_p, c_int, c_size_t, c_uint, c_void_p
from pathlib import Path
from typing import Callable, Optional, Tuple, Union

__all__ = ["lib", "KztextError", "InvalidUTF8Error", "check", "to_bytes", "call_alloc"]

# Status codes (include/kztext/core.h); values are stable.
OK = 0
E_INVALID_ARG = -1
E_INVALID_FLAGS = -2
E_INVALID_UTF8 = -3
E_BUFFER_TOO_SMALL = -4
E_NO_MEMORY = -5
E_UNSUPPORTED = -6
E_DECODE = -8

INVALID_STRICT = 0x0
INVALID_REPLACE = 0x1


def _candidates():
    env = os.environ.get("KZTEXT_LIBRARY")
    if env:
        yield env
        return
    try:
        from . import _install  # written by cmake --install

        yield _install.LIBRARY
    except ImportError:
        pass
    here = Path(__file__).resolve().parent
    for root in (here.parent.parent.parent, Path.cwd()):
        for build in sorted(root.glob("build*/src")):
            for name in sorted(glob.glob(str(build / "libkztext.so*"))):
                yield name
    found = ctypes.util.find_library("kztext")
    if found:
        yield found


def _load() -> ctypes.CDLL:
    tried = []
    for path in _candidates():
        try:
            return ctypes.CDLL(path)
        except OSError as e:
            tried.append(f"{path}: {e}")
    raise ImportError(
        "kztext: cannot find libkztext; build it (cmake -B build && cmake --build build), "
        "install it, or set KZTEXT_LIBRARY to its path"
        + ("".join("\n  tried " + t for t in tried))
    )


lib = _load()


class KztextError(Exception):
    """A kztext call failed.  `status` is the C status code, `offset` the byte
    offset of the offending input where one applies (else None)."""

    def __init__(self, status: int, offset: Optional[int] = None, what: str = ""):
        self.status = status
        self.offset = offset
        msg = lib.kztext_strerror(status).decode()
        if what:
            msg = f"{what}: {msg}"
        if offset is not None:
            msg += f" at byte {offset}"
        super().__init__(msg)


class InvalidUTF8Error(KztextError, ValueError):
    """Input is not well-formed UTF-8 under the strict policy."""


class UnsupportedError(KztextError, ValueError):
    """An unknown scheme, encoding or option value."""


def _sig(name: str, restype, *argtypes) -> None:
    f = getattr(lib, name)
    f.restype = restype
    f.argtypes = list(argtypes)


_sig("kztext_strerror", c_char_p, c_int)
_sig("kztext_version_string", c_char_p)
_sig("kztext_version", c_int)
_sig("kztext_free", None, c_void_p)


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


def to_bytes(text: Union[str, bytes, bytearray, memoryview]) -> bytes:
    """str is encoded as UTF-8 (lone surrogates become U+FFFD's bytes would be
    wrong, so they are rejected by 'strict'); bytes pass through unchanged so
    the C library's invalid-UTF-8 policy applies to them."""
    if isinstance(text, str):
        return text.encode("utf-8")
    if isinstance(text, (bytes, bytearray, memoryview)):
        return bytes(text)
    raise TypeError(f"expected str or bytes, not {type(text).__name__}")


def call_alloc(fn: Callable, data: bytes, *args, what: str = "") -> bytes:
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
        c += len(data[b:off].decode("utf-8", "surrogatepass"))
        state[0], state[1] = off, c
        return c

    return conv

"""Script classes, script runs, mixed-script words and language identification."""
from __future__ import annotations

import ctypes
from ctypes import POINTER, Structure, byref, c_char_p, c_double, c_int, c_size_t, c_uint, c_uint32
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional, Tuple, Union

from . import _lib
from ._lib import lib

for _name in ("kztext_lang_name", "kztext_variant_name", "kztext_script_name",
              "kztext_script_class_name"):
    _lib._sig(_name, c_char_p, c_int)

# Names and codes come from the library (its name functions), not copies.
LANGS = _lib.enum_names(lib.kztext_lang_name)
VARIANTS = (None,) + _lib.enum_names(lib.kztext_variant_name)[1:]  # "" (none) -> None
SCRIPTS = _lib.enum_names(lib.kztext_script_name)
CLASSES = _lib.enum_names(lib.kztext_script_class_name)
NO_MIXED = _lib.flag("DETECT_NO_MIXED")
_KK, _RU = LANGS.index("kk"), LANGS.index("ru")

# The per-language arrays have the library's capacity (KZTEXT_LANG_CAPACITY),
# read from its layout rather than written here.
_LANG_CAP = _lib.array_len("kztext_detect_result", "scores", "share", c_double)


@_lib.structure_of("kztext_detect_result")
class _Result(Structure):
    _fields_ = [("size", c_size_t), ("lang", c_int), ("script", c_int), ("variant", c_int),
                ("mixed", c_int), ("confidence", c_double), ("letters", c_size_t),
                ("scores", c_double * _LANG_CAP), ("share", c_double * _LANG_CAP)]


@_lib.structure_of("kztext_script_run")
class _Run(Structure):
    _fields_ = [("start", c_size_t), ("end", c_size_t), ("script", c_int)]


@_lib.structure_of("kztext_mixed_word")
class _MixedWord(Structure):
    _fields_ = [("start", c_size_t), ("end", c_size_t), ("intended", c_int),
                ("cyrl_letters", c_uint), ("latn_letters", c_uint)]


_lib._sig("kztext_detect", c_int, c_char_p, c_size_t, c_uint, POINTER(_Result), POINTER(c_size_t))
_lib._sig("kztext_script_class_of", c_int, c_uint32)
_lib._sig("kztext_script_runs_alloc", c_int, c_char_p, c_size_t, c_uint,
          POINTER(POINTER(_Run)), POINTER(c_size_t), POINTER(c_size_t))
_lib._sig("kztext_mixed_script_words_alloc", c_int, c_char_p, c_size_t, c_uint,
          POINTER(POINTER(_MixedWord)), POINTER(c_size_t), POINTER(c_size_t))


@dataclass(frozen=True)
class Detection:
    """Result of detect().  `variant` is "latin2021"/"latin2018"/"latin2017" for
    Latin-script Kazakh, else None; `mixed` is None, or {"kk": share, "ru": share}
    for Kazakh/Russian code-switched text; `scores` maps every language code
    ("kk", "ru", "en", "und") to its probability (for code-switched text, kk
    and ru are the shares); `confidence` is scores[lang]."""
    lang: str
    script: str
    variant: Optional[str]
    confidence: float
    scores: Dict[str, float] = field(default_factory=dict)
    mixed: Optional[Dict[str, float]] = None
    letters: int = 0


@dataclass(frozen=True)
class ScriptRun:
    """A run of one script: text[start:end] (str indices); script is an ISO
    15924 code ("Cyrl", "Latn", "Arab", "Hani", "Zyyy" = no letters, "Zzzz")."""
    start: int
    end: int
    script: str


@dataclass(frozen=True)
class MixedWord:
    """A word mixing Latin and Cyrillic letters; `intended` is "Cyrl" or "Latn"."""
    start: int
    end: int
    intended: str
    cyrl_letters: int
    latn_letters: int


def detect(text: Union[str, bytes], mixed: bool = True, invalid: str = "strict") -> Detection:
    """Identifies the language of a text, sentence, line or word: "kk" (with the
    script "Cyrl", "Latn" + variant, or "Arab"), "ru", "en", or "und" (another
    language, or too little evidence)."""
    t = _lib.encode(text, invalid, "detect")
    res = _Result()
    res.size = ctypes.sizeof(_Result)
    err = c_size_t(0)
    flags = t.flags | (0 if mixed else NO_MIXED)
    st = lib.kztext_detect(t.data, len(t.data), flags, byref(res), byref(err))
    _lib.check(st, err.value if st == _lib.E_INVALID_UTF8 else None, "detect")
    share = None
    if res.mixed:
        share = {"kk": res.share[_KK], "ru": res.share[_RU]}
    return Detection(lang=LANGS[res.lang], script=SCRIPTS[res.script],
                     variant=VARIANTS[res.variant], confidence=res.confidence,
                     scores={name: res.scores[i] for i, name in enumerate(LANGS)}, mixed=share,
                     letters=res.letters)


def script_class(ch: str) -> str:
    """Class name of one character ("cyrl_kk", "latn_kk2021", "arab_kk", ...)."""
    if not isinstance(ch, str):
        raise TypeError(f"script_class() takes a str, not {type(ch).__name__}")
    if len(ch) != 1:
        raise ValueError("script_class() takes one character")
    return CLASSES[lib.kztext_script_class_of(ord(ch))]


def _offsets(t: _lib.Encoded) -> Callable[[int], int]:
    if t.text is not None:
        return _lib.byte_to_str_index(t.data)
    return lambda off: off


def script_runs(text: Union[str, bytes], invalid: str = "strict") -> List[ScriptRun]:
    """Splits text into maximal runs of one script; spaces, digits and
    punctuation join the run before them.  Offsets are str indices for str
    input, byte offsets for bytes."""
    t = _lib.encode(text, invalid, "script_runs")
    out = POINTER(_Run)()
    n, err = c_size_t(0), c_size_t(0)
    st = lib.kztext_script_runs_alloc(t.data, len(t.data), t.flags, byref(out), byref(n),
                                      byref(err))
    try:
        _lib.check(st, err.value if st == _lib.E_INVALID_UTF8 else None, "script_runs")
        conv = _offsets(t)
        return [ScriptRun(conv(out[i].start), conv(out[i].end), SCRIPTS[out[i].script])
                for i in range(n.value)]
    finally:
        lib.kztext_free(out)


def mixed_script_words(text: Union[str, bytes], invalid: str = "strict") -> List[MixedWord]:
    """The words of text that mix Latin and Cyrillic letters, with the script
    they most likely meant."""
    t = _lib.encode(text, invalid, "mixed_script_words")
    out = POINTER(_MixedWord)()
    n, err = c_size_t(0), c_size_t(0)
    st = lib.kztext_mixed_script_words_alloc(t.data, len(t.data), t.flags, byref(out),
                                             byref(n), byref(err))
    try:
        _lib.check(st, err.value if st == _lib.E_INVALID_UTF8 else None, "mixed_script_words")
        conv = _offsets(t)
        return [MixedWord(conv(w.start), conv(w.end), SCRIPTS[w.intended], w.cyrl_letters,
                          w.latn_letters) for w in (out[i] for i in range(n.value))]
    finally:
        lib.kztext_free(out)

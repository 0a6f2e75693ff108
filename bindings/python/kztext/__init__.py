"""kztext: Kazakh, Russian and English news text, from Python.

A thin ctypes binding over libkztext (no compile step, nothing from PyPI).
Each capability lives in its own module; this file re-exports the public API.
"""
from ._lib import KztextError, InvalidUTF8Error, UnsupportedError, lib as _cdll
from ._normalize import normalize, is_normalized, validate_utf8, repair_utf8
from ._segment import Segmenter, sentences, sentence_spans, tokens, token_spans
from ._detect import Detection, ScriptRun, MixedWord, detect, script_runs, script_class, mixed_script_words
from ._translit import translit, detect_scheme, Spans
from ._repair import repair, search_key
from ._case import case, upper, lower, casefold
from ._encoding import decode, detect_encoding, encoding_report, EncodingReport, Decoded
from ._pipeline import Pipeline, Sentence, StreamStats, process, process_jsonl, process_stream
from ._namekey import name_key

__version__ = "0.4.0"


def library_version() -> str:
    """Version of the libkztext actually loaded."""
    return _cdll.kztext_version_string().decode()


__all__ = ["KztextError", "InvalidUTF8Error", "UnsupportedError", "library_version",
           "normalize", "is_normalized", "validate_utf8", "repair_utf8",
           "Segmenter", "sentences", "sentence_spans", "tokens", "token_spans",
           "Detection", "ScriptRun", "MixedWord", "detect", "script_runs", "script_class",
           "mixed_script_words", "translit", "detect_scheme", "Spans",
           "repair", "search_key", "case", "upper", "lower", "casefold", "decode", "detect_encoding",
           "encoding_report", "EncodingReport", "Decoded",
           "Pipeline", "Sentence", "StreamStats", "process", "process_stream", "process_jsonl",
           "name_key"]

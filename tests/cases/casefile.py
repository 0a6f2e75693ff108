"""Reads the shared TSV case files (see the header of each file) for the CLI
and Python test runners; the C runner is tests/unit/cases.h."""
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
_ESC = re.compile(rb"\\(x[0-9A-Fa-f]{2}|u\{[0-9A-Fa-f]+\}|[nrt\\])")


def unescape(field: str) -> bytes:
    def sub(m):
        e = m.group(1)
        if e[:1] == b"x":
            return bytes([int(e[1:], 16)])
        if e[:1] == b"u":
            return chr(int(e[2:-1], 16)).encode("utf-8")
        return {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"\\": b"\\"}[e]

    return _ESC.sub(sub, field.encode("utf-8"))


def rows(name: str, fields: int):
    for line in (HERE / name).read_text(encoding="utf-8").split("\n"):
        if not line or line.startswith("#"):
            continue
        parts = line.split("\t")
        parts += [""] * (fields - len(parts))
        yield parts[:fields]

"""Helpers for the CLI tests: run the kztext binary named by $KZTEXT_CLI."""
import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "cases"))

CLI = os.environ.get("KZTEXT_CLI") or str(
    Path(__file__).resolve().parents[2] / "build" / "cli" / "kztext")
# tests/cli/peak_rss.c, built by CMake: runs a program and reports its peak RSS.
PEAK_RSS = os.environ.get("KZTEXT_PEAK_RSS") or str(
    Path(__file__).resolve().parents[2] / "build" / "tests" / "peak_rss")


def run(*args, stdin: bytes = b"", cwd=None):
    """Returns (exit code, stdout bytes, stderr str)."""
    p = subprocess.run([CLI, *args], input=stdin, capture_output=True, cwd=cwd, timeout=120)
    return p.returncode, p.stdout, p.stderr.decode("utf-8", "replace")

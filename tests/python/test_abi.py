"""The exported ABI: every exported symbol is declared in the public headers
with KZTEXT_API and carries the kztext_ prefix, every declared function is
exported, and every public function is exercised by a fuzz target."""
import os
import re
import shutil
import subprocess
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Functions with no input to fuzz.
NO_INPUT = {"kztext_version", "kztext_version_string", "kztext_strerror", "kztext_free"}


def declared():
    names = set()
    for h in (ROOT / "include").rglob("*.h"):
        text = re.sub(r"/\*.*?\*/", "", h.read_text(), flags=re.S)
        names |= set(re.findall(r"KZTEXT_API\b[^;{]*?\b(kztext_\w+)\s*\(", text))
    return names


class Abi(unittest.TestCase):
    def test_exports_match_headers(self):
        lib = os.environ.get("KZTEXT_LIBRARY", "")
        if not lib.endswith(".so") and ".so." not in lib:
            self.skipTest("needs the shared library")
        if not shutil.which("nm"):
            self.skipTest("nm not found")
        out = subprocess.run(["nm", "-D", "--defined-only", lib], capture_output=True, text=True,
                             check=True).stdout
        exported = {line.split()[-1] for line in out.splitlines() if line.split()[1:2] in (["T"], ["D"], ["R"], ["B"])}
        exported = {e for e in exported if not e.startswith("_")}
        self.assertEqual({e for e in exported if not e.startswith("kztext_")}, set(),
                         "symbols without the kztext_ prefix are exported")
        self.assertEqual(exported ^ declared(), set(),
                         "exported symbols and KZTEXT_API declarations differ")

    def test_every_public_function_is_fuzzed(self):
        fuzz = "".join(p.read_text() for p in (ROOT / "tests" / "fuzz").glob("fuzz_*.c"))
        # Enum-to-name lookups (kztext_lang_name, ...) take no text.
        missing = sorted(n for n in declared() - NO_INPUT
                         if not n.endswith("_name") or n.endswith("from_name"))
        missing = [n for n in missing if not re.search(rf"\b{n}\b", fuzz)]
        self.assertEqual(missing, [], "public functions without a fuzz target")


if __name__ == "__main__":
    unittest.main()

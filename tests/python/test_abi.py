"""The exported ABI: every exported symbol is declared in the public headers
with KZTEXT_API and carries the kztext_ prefix, every declared function is
exported, the exports are exactly the frozen list abi/kztext.sym, every
public function is exercised by a fuzz target, the library's flag table is
the headers' flags and no two flags share a bit, and the binding's struct
layouts are the library's."""
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


def frozen():
    """The symbols of abi/kztext.sym (comment lines start with #)."""
    lines = (ROOT / "abi" / "kztext.sym").read_text().splitlines()
    return [l.strip() for l in lines if l.strip() and not l.startswith("#")]


def header_flags():
    """{name: value} of every flag macro with a literal value in the headers
    (combinations such as KZTEXT_REPAIR_ALL are not flags of their own)."""
    flags = {}
    for h in (ROOT / "include").rglob("*.h"):
        for name, value in re.findall(r"^#define (KZTEXT_\w+) (0x[0-9A-Fa-f]+|\d+)u\b", h.read_text(),
                                      flags=re.M):
            flags[name] = int(value, 0)
    return flags


class Abi(unittest.TestCase):
    def exported(self):
        lib = os.environ.get("KZTEXT_LIBRARY", "")
        if not lib.endswith(".so") and ".so." not in lib:
            self.skipTest("needs the shared library")
        if not shutil.which("nm"):
            self.skipTest("nm not found")
        out = subprocess.run(["nm", "-D", "--defined-only", lib], capture_output=True, text=True,
                             check=True).stdout
        exported = {line.split()[-1] for line in out.splitlines() if line.split()[1:2] in (["T"], ["D"], ["R"], ["B"])}
        return {e for e in exported if not e.startswith("_")}

    def test_exports_match_frozen_list(self):
        exported = self.exported()
        listed = frozen()
        self.assertEqual(listed, sorted(set(listed)), "abi/kztext.sym: keep it sorted, no duplicates")
        self.assertEqual(sorted(set(listed) - exported), [],
                         "functions in abi/kztext.sym that the library no longer exports")
        self.assertEqual(sorted(exported - set(listed)), [],
                         "exported functions missing from abi/kztext.sym")

    def test_exports_match_headers(self):
        exported = self.exported()
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


    def test_flag_table_is_the_headers(self):
        import kztext._lib as L  # needs the library
        self.assertEqual(L.table(L.NAMES_FLAG), header_flags(),
                         "kztext_name_at(KZTEXT_NAMES_FLAG) and the flag macros differ")

    def test_no_two_flags_share_a_bit(self):
        seen = {}
        for name, value in header_flags().items():
            if name.startswith("KZTEXT_INVALID_"):
                continue  # the policy bits every family takes
            for bit in range(32):
                if value >> bit & 1:
                    self.assertNotIn(bit, seen, f"{name} and {seen.get(bit)} share bit {bit}")
                    seen[bit] = name
        self.assertNotIn(31, seen, "bit 31 is the library's own (core.h)")
        self.assertTrue(all(b >= 4 for b in seen), "bits 0-3 are the invalid-UTF-8 policy")

    def test_binding_layouts_are_checked(self):
        import ctypes
        import kztext._lib as L
        from kztext import _detect
        self.assertEqual(ctypes.sizeof(_detect._Result),
                         L.table(L.NAMES_LAYOUT)["kztext_detect_result"])

        class Wrong(ctypes.Structure):  # the 0.1 layout: scores before mixed
            _fields_ = [("size", ctypes.c_size_t), ("lang", ctypes.c_int),
                        ("script", ctypes.c_int), ("variant", ctypes.c_int),
                        ("confidence", ctypes.c_double), ("scores", ctypes.c_double * 4),
                        ("mixed", ctypes.c_int)]
        with self.assertRaises(ImportError):
            L.structure(Wrong, "kztext_detect_result")


if __name__ == "__main__":
    unittest.main()

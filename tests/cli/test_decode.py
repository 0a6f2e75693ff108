"""kztext decode: encodings, detection report, mojibake, errors, exit codes."""
import os
import subprocess
import tempfile
import unittest
from pathlib import Path

CLI = os.environ.get("KZTEXT_CLI", "kztext")
DATA = Path(os.environ.get("KZTEXT_SHARED_DATA", Path(__file__).resolve().parents[3] / "shared/data"))
KK = "Қазақстан әлемдегі ең ірі мемлекеттердің бірі, ұлттық құндылықтар маңызды.\n"


def run(*args, data=b""):
    return subprocess.run([CLI, "decode", *args], input=data, capture_output=True)


class DecodeCli(unittest.TestCase):
    def test_auto(self):
        for codec, name in [("kz1048", "rk1048"), ("ptcp154", "pt154")]:
            r = run("--report", data=KK.encode(codec))
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertEqual(r.stdout.decode(), KK)
            self.assertIn(f"<stdin>: {name} (confidence", r.stderr.decode())

    def test_named(self):
        ru = "Съешь же ещё этих мягких булок\n"
        for name, codec in [("cp1251", "cp1251"), ("koi8-r", "koi8_r"), ("ibm866", "cp866"),
                            ("iso-8859-5", "iso8859_5"), ("utf-8", "utf-8")]:
            r = run("--from", name, data=ru.encode(codec))
            self.assertEqual((r.returncode, r.stdout.decode()), (0, ru), name)

    def test_mojibake_and_no_repair(self):
        moj = "Ќазаќстан јлемдегі еѕ ірі\n".encode()
        r = run("--report", data=moj)
        self.assertEqual(r.stdout.decode(), "Қазақстан әлемдегі ең ірі\n")
        self.assertIn("mojibake 3 from rk1048 read as cp1251", r.stderr.decode())
        self.assertEqual(run("--no-repair", data=moj).stdout, moj)

    def test_errors(self):
        with tempfile.TemporaryDirectory() as d:
            p = Path(d) / "bad.txt"
            p.write_bytes(b"abc\x98def")
            r = run("--from", "cp1251", str(p))
            self.assertEqual(r.returncode, 1)
            self.assertIn(f"{p}:3:", r.stderr.decode())
            r = run("--from", "cp1251", "--invalid", "replace", str(p))
            self.assertEqual((r.returncode, r.stdout.decode()), (0, "abc\ufffddef"))
            out = Path(d) / "out.txt"
            r = run("--from", "rk1048", "-o", str(out), data=KK.encode("kz1048"))
            self.assertEqual((r.returncode, out.read_text()), (0, KK))
        self.assertEqual(run("--from", "mac-kazakh").returncode, 2)
        self.assertEqual(run("--bogus").returncode, 2)
        self.assertEqual(run("/nonexistent/file").returncode, 1)
        r = run("--help")
        self.assertEqual(r.returncode, 0)
        self.assertIn("--no-repair", r.stdout.decode())

    def test_streams_large_input(self):
        text = "Қазақстан әлемдегі ең ірі мемлекеттердің бірі.\n" * 60000  # ~3 MB of text
        for codec, name in [("kz1048", "rk1048"), ("utf-16", "utf-16le"), ("utf-8", "utf-8")]:
            r = run("--report", data=text.encode(codec))
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertEqual(r.stdout.decode(), text, codec)
            self.assertIn(f"<stdin>: {name} (confidence", r.stderr.decode())
        # One enormous line is cut at a character boundary.
        line = "Қазақ тілі " * 600000 + "\n"
        for codec in ("utf-8", "utf-16-le", "ptcp154"):
            r = run("--from", {"utf-8": "utf-8", "utf-16-le": "utf-16le", "ptcp154": "pt154"}[codec],
                    data=line.encode(codec))
            self.assertEqual(r.stdout.decode(), line, codec)
        # The error offset counts from the start of the file, across pieces.
        bad = ("ёлка\n" * 200000).encode("cp1251") + b"\x98"
        r = run("--from", "cp1251", data=bad)
        self.assertEqual(r.returncode, 1)
        self.assertIn(f"<stdin>:{len(bad) - 1}:", r.stderr.decode())

    def test_empty(self):
        r = run("--report")
        self.assertEqual((r.returncode, r.stdout), (0, b""))

    def test_legacy_gate(self):
        legacy = DATA / "legacy"
        if not legacy.is_dir():
            self.skipTest(f"{legacy} not found")
        ref = (legacy / "kk.utf8.txt").read_bytes()
        for name in ["kk.rk1048.txt", "kk.pt154.txt", "kk.rk1048-read-as-cp1251.txt"]:
            self.assertEqual(run("--from", "auto", str(legacy / name)).stdout, ref, name)
        for name, refname in [("ru.cp1251.txt", "ru.cp1251.utf8.txt"), ("ru.koi8r.txt", "ru.koi8r.utf8.txt")]:
            self.assertEqual(run(str(legacy / name)).stdout, (legacy / refname).read_bytes(), name)
        part = run(str(legacy / "kk.utf8-read-as-cp1251.txt")).stdout
        self.assertTrue(len(part) > 1000 and ref.startswith(part))


if __name__ == "__main__":
    unittest.main()

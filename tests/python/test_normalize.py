"""The Python binding: normalize, is_normalized, UTF-8 helpers."""
import sys
import threading
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "cases"))

import kztext
from casefile import rows, unescape


def flags(opts):
    form, casefold, newlines, invalid = "NFC", False, False, "strict"
    for o in opts.split(","):
        if o in ("nfc", "nfd", "nfkc", "nfkd"):
            form = o.upper()
        elif o == "none":
            form = None
        casefold |= o == "casefold"
        newlines |= o == "newlines"
        if o == "replace":
            invalid = "replace"
    return dict(form=form, casefold=casefold, newlines=newlines, invalid=invalid)


class CaseFile(unittest.TestCase):
    def test_cases_bytes_and_str(self):
        for case_id, opts, inp, want in rows("normalize.tsv", 4):
            with self.subTest(case_id):
                data = unescape(inp)
                if want.startswith("!invalid@"):
                    with self.assertRaises(kztext.InvalidUTF8Error) as cm:
                        kztext.normalize(data, **flags(opts))
                    self.assertEqual(cm.exception.offset, int(want.split("@")[1]))
                    self.assertIsInstance(cm.exception, ValueError)
                    continue
                self.assertEqual(kztext.normalize(data, **flags(opts)), unescape(want))
                try:
                    text = data.decode("utf-8")
                except UnicodeDecodeError:
                    continue
                out = kztext.normalize(text, **flags(opts))
                self.assertIsInstance(out, str)
                self.assertEqual(out, unescape(want).decode("utf-8"))


class Api(unittest.TestCase):
    def test_forms(self):
        self.assertEqual(kztext.normalize("ﬁ", "NFKC"), "fi")
        self.assertEqual(kztext.normalize("ǅ", "NFKC_Casefold"), "dž")
        self.assertEqual(kztext.normalize("Й", form="NFD"), "И\u0306")
        with self.assertRaises(ValueError):
            kztext.normalize("x", form="NFX")
        with self.assertRaises(ValueError):
            kztext.normalize("x", invalid="ignore")
        with self.assertRaises(TypeError):
            kztext.normalize(42)

    def test_is_normalized(self):
        self.assertTrue(kztext.is_normalized("Қазақстан"))
        self.assertFalse(kztext.is_normalized("И\u0306"))
        self.assertTrue(kztext.is_normalized("И\u0306", "NFD"))

    def test_lone_surrogate_in_str(self):
        with self.assertRaises(kztext.InvalidUTF8Error) as cm:
            kztext.normalize("ab\ud800")
        self.assertEqual(cm.exception.offset, 2)
        # One U+FFFD per lone surrogate (a str holds code points, not the
        # three bytes surrogatepass would make of it), as in every function.
        self.assertEqual(kztext.normalize("a\ud800", invalid="replace"), "a\ufffd")
        with self.assertRaises(kztext.InvalidUTF8Error) as cm:
            kztext.normalize("Қаз\udc00")
        self.assertEqual(cm.exception.offset, 3)

    def test_utf8_helpers_match_python_replace(self):
        samples = [b"", b"plain", b"\xff\xfe", b"a\xf1\x80\x80\xe1\x80\xc2b\x80c\x80\xbfd",
                   b"\xed\xa0\x80\xc0\xaf", "Қазақ".encode()[:-1]]
        for s in samples:
            with self.subTest(s):
                self.assertEqual(kztext.repair_utf8(s), s.decode("utf-8", "replace").encode())
                try:
                    s.decode("utf-8")
                    self.assertIsNone(kztext.validate_utf8(s))
                except UnicodeDecodeError as e:
                    self.assertEqual(kztext.validate_utf8(s), e.start)

    def test_threads(self):
        text = "Е\u0308рмек " * 2000
        want = "Ёрмек " * 2000
        errors = []

        def work():
            for _ in range(50):
                if kztext.normalize(text) != want:
                    errors.append(1)

        threads = [threading.Thread(target=work) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(errors, [])

    def test_version_agrees(self):
        self.assertEqual(kztext.library_version(), kztext.__version__)


class VersionConsistency(unittest.TestCase):
    def test_cmake_header_python_agree(self):
        import re
        root = Path(__file__).resolve().parents[2]
        cmake = re.search(r"project\(kztext VERSION (\S+)", (root / "CMakeLists.txt").read_text()).group(1)
        header = re.search(r'KZTEXT_VERSION_STRING "([^"]+)"',
                           (root / "include/kztext/core.h").read_text()).group(1)
        pyproject = re.search(r'^version = "([^"]+)"', (root / "bindings/python/pyproject.toml").read_text(),
                              re.M).group(1)
        self.assertEqual({cmake, header, pyproject, kztext.__version__}, {cmake})


if __name__ == "__main__":
    unittest.main()

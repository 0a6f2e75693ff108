"""kztext normalize: the shared case file, exit codes, messages, streaming."""
import os
import tempfile
import unittest

from clitest import run
from casefile import rows, unescape


def cli_args(opts: str):
    args = []
    for o in opts.split(","):
        if o in ("nfc", "nfd", "nfkc", "nfkd", "none"):
            args += ["--form", o]
        elif o == "casefold":
            args.append("--casefold")
        elif o == "newlines":
            args.append("--newlines")
        elif o == "replace":
            args += ["--invalid", "replace"]
    return args


class CaseFile(unittest.TestCase):
    def test_cases(self):
        n = 0
        for case_id, opts, inp, want in rows("normalize.tsv", 4):
            n += 1
            with self.subTest(case_id):
                code, out, err = run("normalize", *cli_args(opts), stdin=unescape(inp))
                if want.startswith("!invalid@"):
                    self.assertEqual(code, 1)
                    self.assertEqual(out, b"" if want == "!invalid@0" else out)
                    self.assertIn(f"<stdin>:{want.split('@')[1]}: invalid UTF-8", err)
                else:
                    self.assertEqual((code, out), (0, unescape(want)), err)
        self.assertGreater(n, 20)


class Behaviour(unittest.TestCase):
    def test_help_and_usage(self):
        code, out, _ = run("normalize", "--help")
        self.assertEqual(code, 0)
        self.assertIn(b"--form", out)
        code, _, err = run("normalize", "--form", "nfx")
        self.assertEqual(code, 2)
        self.assertIn("unknown form 'nfx'", err)
        self.assertIn("usage: kztext normalize", err)
        code, _, err = run("normalize", "--bogus")
        self.assertEqual(code, 2)
        code, _, err = run("normalize", "--form")
        self.assertEqual(code, 2)
        self.assertIn("needs a value", err)

    def test_top_level(self):
        code, out, _ = run("--version")
        self.assertEqual(code, 0)
        self.assertRegex(out.decode(), r"^kztext \d+\.\d+\.\d+")
        code, out, _ = run("--help")
        self.assertEqual(code, 0)
        self.assertIn(b"normalize", out)
        code, _, err = run("no-such-command")
        self.assertEqual(code, 2)
        self.assertIn("unknown command", err)
        code, _, _ = run()
        self.assertEqual(code, 2)

    def test_files_output_and_error_offset(self):
        with tempfile.TemporaryDirectory() as d:
            a, b, o = (os.path.join(d, x) for x in ("a.txt", "b.txt", "out.txt"))
            with open(a, "wb") as f:
                f.write("Е\u0308рмек\n".encode())
            with open(b, "wb") as f:
                f.write(b"ok\n" + b"x" * 70000 + b"\xff tail")
            code, out, err = run("normalize", a, "-o", o)
            self.assertEqual((code, out), (0, b""), err)
            with open(o, "rb") as f:
                self.assertEqual(f.read(), "Ёрмек\n".encode())
            # The offset is counted from the start of the file, across chunks.
            code, out, err = run("normalize", a, b)
            self.assertEqual(code, 1)
            self.assertIn(f"{b}:70003: invalid UTF-8", err)
            self.assertTrue(out.startswith("Ёрмек\n".encode()))
            code, _, err = run("normalize", os.path.join(d, "missing.txt"))
            self.assertEqual(code, 1)
            self.assertIn("missing.txt", err)

    def test_streaming_matches_whole(self):
        # Decomposed letters and CR LF pairs straddle every chunk boundary.
        unit = "Е\u0308рмек Жана\u0301 ҚазаИ\u0306\r\n".encode()
        data = unit * 40000  # about 1 MB, many 64 KiB chunks
        want = "Ёрмек Жана\u0301 ҚазаЙ\n".encode() * 40000
        code, out, err = run("normalize", "--newlines", stdin=data)
        self.assertEqual(code, 0, err)
        self.assertEqual(out, want)

    def test_no_ascii_for_a_long_stretch(self):
        # Over a MiB without a single ASCII byte still streams correctly.
        data = ("қ" * 700000 + "е\u0308").encode()
        code, out, err = run("normalize", stdin=data)
        self.assertEqual(code, 0, err)
        self.assertEqual(out, ("қ" * 700000 + "ё").encode())

    def test_write_error_is_reported(self):
        if not os.path.exists("/dev/full"):
            self.skipTest("no /dev/full")
        code, _, err = run("normalize", "-o", "/dev/full", stdin=b"text\n")
        self.assertEqual(code, 1)
        self.assertIn("write error", err)


if __name__ == "__main__":
    unittest.main()

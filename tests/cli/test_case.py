"""kztext case: operations, languages, streaming, exit codes."""
import os
import subprocess
import unittest

CLI = os.environ.get("KZTEXT_CLI", "kztext")


def run(*args, data=""):
    return subprocess.run([CLI, "case", *args], input=data.encode(), capture_output=True)


class CaseCli(unittest.TestCase):
    def test_kk(self):
        self.assertEqual(run("--lower", "--lang", "kk", data="BILIM\n").stdout.decode(), "bılım\n")
        self.assertEqual(run("--upper", "--lang", "kk", data="bilim\n").stdout.decode(), "BİLİM\n")
        self.assertEqual(run("--fold", "--lang", "kk", data="İNİ BILIM").stdout.decode(), "ini bılım")

    def test_other_languages(self):
        self.assertEqual(run("--lower", "--lang", "en", data="BILIM").stdout.decode(), "bilim")
        self.assertEqual(run("--upper", "--lang", "ru", data="ёлка").stdout.decode(), "ЁЛКА")
        self.assertEqual(run("--lower", data="ҚАЗАҚСТАН ӨҢІРІ").stdout.decode(), "қазақстан өңірі")

    def test_long_input_streams(self):
        text = "ҚАЗАҚ BILIM\n" * 20000
        r = run("--lower", "--lang", "kk", data=text)
        self.assertEqual(r.stdout.decode(), "қазақ bılım\n" * 20000)

    def test_errors(self):
        self.assertEqual(run().returncode, 2)
        self.assertEqual(run("--upper", "--lower").returncode, 2)
        self.assertEqual(run("--upper", "--lang", "de").returncode, 2)
        r = subprocess.run([CLI, "case", "--upper"], input=b"ab\xff", capture_output=True)
        self.assertEqual(r.returncode, 1)
        self.assertIn("<stdin>:2:", r.stderr.decode())
        r = run("--help")
        self.assertEqual(r.returncode, 0)
        self.assertIn("--lang", r.stdout.decode())


if __name__ == "__main__":
    unittest.main()

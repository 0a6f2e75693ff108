"""Usage and help: what the program says when it is called wrongly, and that
its help fits a terminal."""
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

from clitest import CLI, run

ROOT = Path(__file__).resolve().parents[2]
COLUMNS = 80


def commands():
    _, out, _ = run("--help")
    return [l.split()[0] for l in out.decode().split("Commands:")[1].splitlines() if l.startswith("  ")]


def long_lines(*args):
    code, out, _ = run(*args)
    assert code == 0, args
    return [l for l in out.decode().splitlines() if len(l) > COLUMNS]


class Help(unittest.TestCase):
    def test_top_help_fits_80_columns(self):
        self.assertEqual(long_lines("--help"), [])

    def test_command_help_fits_80_columns(self):
        cmds = list(commands())
        self.assertGreaterEqual(len(cmds), 6)
        for c in cmds:
            with self.subTest(c):
                self.assertEqual(long_lines(c, "--help"), [])

    def test_translit_to_is_optional_in_usage(self):
        code, out, _ = run("translit", "--help")
        self.assertEqual(code, 0)
        self.assertIn("usage: kztext translit [--to SCHEME]", out.decode())
        self.assertIn("(default latin2021)", out.decode())
        code, _, err = run("translit", "--no-such-option")
        self.assertEqual(code, 2)
        self.assertIn("usage: kztext translit [--to SCHEME]", err)
        # ... and it does default: no --to is latin2021.
        self.assertEqual(run("translit", stdin="Қазақстан\n".encode()), (0, b"Qazaqstan\n", ""))

    def test_gen_manpage_help(self):
        p = subprocess.run([sys.executable, str(ROOT / "tools" / "gen_manpage.py"), "--help"],
                           capture_output=True, text=True)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("usage: gen_manpage.py", p.stdout)
        self.assertIn("--check", p.stdout)


class Errors(unittest.TestCase):
    def test_unknown_option_before_command(self):
        code, out, err = run("--bogus")
        self.assertEqual(code, 2)
        self.assertEqual(out, b"")
        self.assertTrue(err.startswith("kztext: unknown option '--bogus'\n"), err)
        self.assertIn("usage: kztext", err)

    def test_unknown_command(self):
        code, _, err = run("bogus")
        self.assertEqual(code, 2)
        self.assertTrue(err.startswith("kztext: unknown command 'bogus'\n"), err)

    def test_directory_as_input(self):
        with tempfile.TemporaryDirectory() as d:
            for c in commands():
                if c == "serve":  # reads no files (tests/serve)
                    continue
                with self.subTest(c):
                    code, out, err = run(c, *(["--upper"] if c == "case" else []), d)
                    self.assertIn(code, (1, 3))  # 3: process skipped the document
                    self.assertIn(f"kztext: {d}: Is a directory", err)
                    self.assertNotIn("read error", err)
                    self.assertEqual(out, b"")


if __name__ == "__main__":
    unittest.main()

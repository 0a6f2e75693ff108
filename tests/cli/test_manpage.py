"""The man page is generated from the CLI's --help texts; it must be current,
and every command must document --help and its exit status."""
import subprocess
import sys
import unittest
from pathlib import Path

from clitest import CLI, run

ROOT = Path(__file__).resolve().parents[2]


class ManPage(unittest.TestCase):
    def test_current(self):
        p = subprocess.run([sys.executable, str(ROOT / "tools" / "gen_manpage.py"), "--check", CLI,
                            str(ROOT / "docs" / "kztext.1")], capture_output=True, text=True)
        self.assertEqual(p.returncode, 0, p.stderr)

    def test_every_command_has_help_and_usage_errors(self):
        code, out, _ = run("--help")
        commands = [l.split()[0] for l in out.decode().split("Commands:")[1].splitlines() if l.startswith("  ")]
        self.assertGreaterEqual(len(commands), 5)
        for c in commands:
            with self.subTest(c):
                code, out, _ = run(c, "--help")
                self.assertEqual(code, 0)
                self.assertIn(b"usage: kztext " + c.encode(), out)
                code, _, err = run(c, "--no-such-option")
                self.assertEqual(code, 2)
                self.assertIn("usage:", err)


if __name__ == "__main__":
    unittest.main()

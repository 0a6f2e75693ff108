"""kztext normalize --repair / --key / --report: the repairs from the CLI."""
import json
import os
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "cases"))
from casefile import rows, unescape  # noqa: E402

CLI = os.environ.get("KZTEXT_CLI", "kztext")


def run(*args, data=""):
    if isinstance(data, str):
        data = data.encode()
    return subprocess.run([CLI, "normalize", *args], input=data, capture_output=True)


class RepairCli(unittest.TestCase):
    def test_shared_cases(self):
        for ident, repairs, given, want in rows("repair.tsv", 4):
            with self.subTest(ident):
                names = [n for n in repairs.split(",") if n != "key"]
                args = ["--form", "none", "--repair", ",".join(names) or "none"]
                if "key" in repairs.split(","):
                    args.append("--key")
                r = run(*args, data=unescape(given))
                self.assertEqual((r.returncode, r.stdout), (0, unescape(want)), r.stderr)

    def test_each_repair(self):
        self.assertEqual(run("--repair", "homoglyphs", data="Қaзaқ бiз\n").stdout.decode(), "Қазақ біз\n")
        self.assertEqual(run("--repair", "invisible", data="a\u200bb\u00ad\n").stdout.decode(), "ab\n")
        self.assertEqual(run("--repair", "spaces", data="a\u00a0\u00a0b\r\n").stdout.decode(), "a b\n")
        self.assertEqual(run("--repair", "mojibake", data="Ќазаќстан јлемдегі\n").stdout.decode(),
                         "Қазақстан әлемдегі\n")
        self.assertEqual(run("--repair", "all", data="Қайыpлы таӊ! Ə\u200bнші\n").stdout.decode(),
                         "Қайырлы таң! Әнші\n")
        self.assertEqual(run("--repair", "homoglyphs,invisible", data="бi\u200bз\n").stdout.decode(), "біз\n")

    def test_clean_text_untouched(self):
        text = "Қазақстан Республикасы — «әлемдегі» ең ірі 50 елдің бірі.\nQazaqstan Respýblıkasy.\n"
        self.assertEqual(run("--repair", "all", data=text).stdout.decode(), text)

    def test_key(self):
        r = run("--key", data="«Қaзaқ» — ЕЛ…\n")
        self.assertEqual(r.stdout.decode(), "\"қазақ\" - ел...\n")
        self.assertEqual(run("--repair", "all", data="«Қазақ» — ел\n").stdout.decode(), "«Қазақ» — ел\n")

    def test_report(self):
        r = run("--repair", "all", "--report", data="Қaзaқ\u00a0бiз\u200b\n")
        self.assertEqual(r.returncode, 0)
        err = r.stderr.decode()
        self.assertIn("homoglyphs 2", err)
        self.assertIn("invisible 1", err)
        self.assertIn("spaces 1", err)
        r = run("--repair", "all", "--report=jsonl", data="Қaзaқ\n")
        rec = json.loads(r.stderr.decode().strip())
        self.assertEqual((rec["file"], rec["homoglyphs"], rec["mojibake"]), ("<stdin>", 1, 0))

    def test_with_a_form_and_streaming(self):
        # NFKC after the repairs; a long input crosses chunk boundaries.
        text = "Қaзaқ ﬁ бiз\u00a0\u00a0ел\n" * 20000
        r = run("--repair", "all", "--form", "nfkc", data=text)
        self.assertEqual(r.stdout.decode(), "Қазақ fi біз ел\n" * 20000)

    def test_errors(self):
        self.assertEqual(run("--repair", "homoglyph").returncode, 2)
        self.assertEqual(run("--report=xml", "--repair", "all").returncode, 2)
        r = run("--repair", "all", data=b"ab\xffc")
        self.assertEqual(r.returncode, 1)
        self.assertIn("<stdin>:2:", r.stderr.decode())
        r = run("--repair", "all", "--invalid", "replace", data=b"ab\xffc")
        self.assertEqual(r.stdout.decode(), "ab\ufffdc")
        with tempfile.TemporaryDirectory() as d:
            p = Path(d) / "in.txt"
            p.write_text("бiз\n")
            out = Path(d) / "out.txt"
            self.assertEqual(run("--repair", "all", "-o", str(out), str(p)).returncode, 0)
            self.assertEqual(out.read_text(), "біз\n")
        self.assertIn("--repair", run("--help").stdout.decode())


if __name__ == "__main__":
    unittest.main()

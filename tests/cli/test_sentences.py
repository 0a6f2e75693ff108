"""CLI: kztext sentences / kztext tokens — exact output and exit codes."""
import json
import os
import subprocess
import tempfile
import unittest

CLI = os.environ.get("KZTEXT_CLI", "kztext")


def run(*args, stdin=b""):
    p = subprocess.run([CLI, *args], input=stdin, capture_output=True, timeout=60)
    return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8")


class Sentences(unittest.TestCase):
    def test_text_format(self):
        text = "Жиналыс басталды. – Біз қолдаймыз.\nОл\nкелді.\n\nЕкінші абзац. Соңы.\n"
        rc, out, _ = run("sentences", stdin=text.encode())
        self.assertEqual(rc, 0)
        self.assertEqual(out, "Жиналыс басталды.\n– Біз қолдаймыз.\nОл келді.\n\n"
                              "Екінші абзац.\nСоңы.\n")

    def test_lines(self):
        rc, out, _ = run("sentences", "--lines", stdin="Тақырып\nМәтін бар.\n".encode())
        self.assertEqual((rc, out), (0, "Тақырып\nМәтін бар.\n"))
        # A wrapped line joins; a headline line stands alone (issue 16).
        rc, out, _ = run("sentences", stdin="Мәтін осы жерде\nжалғасады.\n".encode())
        self.assertEqual((rc, out), (0, "Мәтін осы жерде жалғасады.\n"))
        rc, out, _ = run("sentences", stdin="Тақырып\nМәтін бар.\n".encode())
        self.assertEqual((rc, out), (0, "Тақырып\nМәтін бар.\n"))

    def test_jsonl_offsets_are_bytes(self):
        text = "Бір. Two."
        rc, out, _ = run("sentences", "--format", "jsonl", stdin=text.encode())
        self.assertEqual(rc, 0)
        rows = [json.loads(l) for l in out.splitlines()]
        self.assertEqual(rows, [{"start": 0, "end": 7, "text": "Бір."},
                                {"start": 8, "end": 12, "text": "Two."}])

    def test_lang_and_files(self):
        with tempfile.TemporaryDirectory() as d:
            a, b = os.path.join(d, "a.txt"), os.path.join(d, "b.txt")
            with open(a, "w", encoding="utf-8") as f:
                f.write("I live in the U.S. How about you?")
            with open(b, "w", encoding="utf-8") as f:
                f.write("Second file.")
            o = os.path.join(d, "out.txt")
            rc, out, _ = run("sentences", "--lang", "en", "-o", o, a, b)
            self.assertEqual((rc, out), (0, ""))
            with open(o, encoding="utf-8") as f:
                self.assertEqual(f.read(), "I live in the U.S.\nHow about you?\n\nSecond file.\n")

    def test_long_paragraph_streams(self):
        # 6 MB with no blank line: flushed at sentence boundaries, nothing lost.
        text = ("Бұл сөйлем. " * 500000).encode()
        rc, out, _ = run("sentences", stdin=text)
        self.assertEqual(rc, 0)
        self.assertEqual(out.count("\n"), 500000)
        self.assertEqual(set(out.splitlines()), {"Бұл сөйлем."})

    def test_huge_sentence_is_not_lost(self):
        # 5 MB without a terminator or blank line: cut at the buffer, never dropped.
        text = ("сөз " * 1_300_000).encode()
        rc, out, _ = run("sentences", stdin=text)
        self.assertEqual(rc, 0)
        self.assertEqual(out.replace("\n", " ").split(), ["сөз"] * 1_300_000)

    def test_invalid_utf8(self):
        rc, out, err = run("sentences", stdin=b"Ok. Bad \xff here.")
        self.assertEqual(rc, 1)
        self.assertIn("<stdin>:8: invalid UTF-8", err)
        rc, out, _ = run("sentences", "--invalid", "replace", stdin=b"Ok. Bad \xff here.")
        self.assertEqual((rc, out), (0, "Ok.\nBad \ufffd here.\n"))

    def test_usage_errors(self):
        self.assertEqual(run("sentences", "--lang", "xx")[0], 2)
        self.assertEqual(run("sentences", "--format", "xml")[0], 2)
        self.assertEqual(run("sentences", "--bogus")[0], 2)
        self.assertEqual(run("sentences", "/nonexistent/file")[0], 1)
        rc, out, _ = run("sentences", "--help")
        self.assertEqual(rc, 0)
        self.assertIn("--lang", out)


class Tokens(unittest.TestCase):
    def test_text_format(self):
        rc, out, _ = run("tokens", stdin="«Қазақстан-2050» т.б. 1 000,5. Келесі.\n".encode())
        self.assertEqual(rc, 0)
        self.assertEqual(out, "«\tҚазақстан-2050\t»\tт.б.\t1 000,5\t.\nКелесі\t.\n")

    def test_jsonl(self):
        rc, out, _ = run("tokens", "--format", "jsonl", stdin="Сәлем, әлем!".encode())
        self.assertEqual(rc, 0)
        rows = [json.loads(l) for l in out.splitlines()]
        self.assertEqual([r["text"] for r in rows], ["Сәлем", ",", "әлем", "!"])
        self.assertEqual(rows[1]["start"], len("Сәлем".encode()))

    def test_help(self):
        rc, out, _ = run("tokens", "-h")
        self.assertEqual(rc, 0)
        self.assertIn("tokens", out)


if __name__ == "__main__":
    unittest.main()
